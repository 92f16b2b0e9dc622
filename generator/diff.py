"""What a correction changed: the figures of two workbooks, and the sentences of their documents.

The figures are compared on the models (every table cell and every supplementary field); the
sentences are compared on the rendered documents, so the accountant sees the correction as the
reader of the document will see it.
"""

from __future__ import annotations

import dataclasses
import difflib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.model import Cell, DepartmentAccounts, EconomicTable, LabeledTable, Line, SubjectTable, ThreePublicTable
from generator.workbook import layout as L


@dataclass(frozen=True)
class FigureChange:
    place: str  # 表3 支出决算表 · 2101301 城乡医疗救助 · 项目支出
    old: str
    new: str
    cell: Cell | None


@dataclass(frozen=True)
class SentenceChange:
    old: str  # "" when the sentence is new
    new: str  # "" when the sentence is gone


def _column_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for sheet in L.TABLE_SHEETS:
        columns: tuple[L.Column, ...] = ()
        if isinstance(sheet, L.LabeledSheet):
            columns = sheet.left_columns + sheet.right_columns
        elif isinstance(sheet, L.SubjectSheet | L.ThreePublicSheet):
            columns = sheet.columns
        labels[sheet.sheet] = {c.key: c.label for c in columns} | {L.AMOUNT: "金额"}
    return labels


def _lines(table: Any) -> Iterator[Line]:
    if isinstance(table, LabeledTable):
        yield from table.lines.values()
        yield from table.classes
    elif isinstance(table, SubjectTable):
        yield table.total
        yield from table.rows
    elif isinstance(table, EconomicTable):
        yield from table.rows
        yield table.personnel_total
        yield table.public_total
    elif isinstance(table, ThreePublicTable):
        yield table.budget
        yield table.actual


def _table_cells(accounts: DepartmentAccounts) -> dict[str, tuple[Decimal, Cell | None]]:
    labels = _column_labels()
    cells: dict[str, tuple[Decimal, Cell | None]] = {}
    for f in dataclasses.fields(accounts):
        table = getattr(accounts, f.name)
        if not f.name.startswith("t") or not hasattr(table, "sheet"):
            continue
        for line in _lines(table):
            row = f"{line.code} {line.name}".strip() or line.key
            for column, value in line.values.items():
                place = f"{table.sheet} · {row} · {labels.get(table.sheet, {}).get(column, column)}"
                cells[place] = (value, line.cells.get(column))
    return cells


def _field_values(accounts: DepartmentAccounts) -> dict[str, tuple[str, Cell | None]]:
    values: dict[str, tuple[str, Cell | None]] = {}
    for spec in L.FIELD_SHEETS:
        section = getattr(accounts, spec.attribute)
        for f in dataclasses.fields(section):
            value = getattr(section, f.name)
            text = "、".join(value) if isinstance(value, tuple) else ("" if value is None else str(value))
            values[f"{spec.sheet} · {f.metadata['label']}"] = (text, accounts.field_cells.get(
                f"{spec.attribute}.{f.name}"))
    for line in accounts.budget:
        values[f"{L.BUDGET_SHEET.sheet} · {line.fund} {line.code} {line.name}"] = (str(line.budget), line.cell)
    for e in accounts.evaluations:
        values[f"{L.EVALUATION_SHEET.sheet} · {e.name} · 预算数/执行数"] = (f"{e.budget}/{e.executed}", e.cell)
    return values


def figure_changes(old: DepartmentAccounts, new: DepartmentAccounts) -> list[FigureChange]:
    changes = []
    before, after = _table_cells(old), _table_cells(new)
    for place in [*before, *(p for p in after if p not in before)]:
        a, b = before.get(place), after.get(place)
        if a is None or b is None or a[0] != b[0]:
            changes.append(FigureChange(place, str(a[0]) if a else "（无此行）", str(b[0]) if b else "（无此行）",
                                        (b or a)[1] if (b or a) else None))
    fields_before, fields_after = _field_values(old), _field_values(new)
    for place in [*fields_before, *(p for p in fields_after if p not in fields_before)]:
        a2, b2 = fields_before.get(place), fields_after.get(place)
        if (a2 and a2[0]) != (b2 and b2[0]):
            changes.append(FigureChange(place, a2[0] if a2 else "（无）", b2[0] if b2 else "（无）",
                                        (b2 or a2)[1] if (b2 or a2) else None))
    return changes


def document_sentences(docx: Path) -> list[str]:
    """The body text of a document, paragraph by paragraph, split into sentences."""
    from docx import Document

    sentences: list[str] = []
    for paragraph in Document(str(docx)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        parts = [p + "。" for p in text.split("。") if p.strip()]
        if not text.endswith("。") and parts:
            parts[-1] = parts[-1][:-1]
        sentences.extend(parts)
    return sentences


def sentence_changes(old_sentences: list[str], new_sentences: list[str]) -> list[SentenceChange]:
    changes: list[SentenceChange] = []
    matcher = difflib.SequenceMatcher(a=old_sentences, b=new_sentences, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old_sentences[i1:i2], new_sentences[j1:j2]
        for k in range(max(len(olds), len(news))):
            changes.append(SentenceChange(olds[k] if k < len(olds) else "", news[k] if k < len(news) else ""))
    return changes


def render_sentences(accounts: Any, render: Any = None) -> list[str]:
    """Render a throw-away document and return its sentences; ``render``: the document kind's renderer
    (the final accounts' by default)."""
    if render is None:
        from generator.render.document import render_document as render

    with tempfile.TemporaryDirectory(prefix="juesuan-diff-") as tmp:
        rendered = render(accounts, Path(tmp), draft=False)
        return document_sentences(rendered.docx)
