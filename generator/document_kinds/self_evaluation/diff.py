"""``juesuan diff`` for two self-evaluation workbooks (or two final-accounts workbooks' reports): every cell of the
tables (一)(二), every project and economic line, every input field, compared; each change with its cell."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from generator.diff import FigureChange
from generator.model import Cell

from . import model as M
from . import workbook as W

_Entry = tuple[str, str, Cell | None]  # place, value as text, cell


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def _grids(report: M.SelfEvaluationReport) -> Iterator[_Entry]:
    for spec in (W.SUMMARY_SHEET, W.THREE_PUBLIC_SHEET):
        grid = getattr(report, spec.attribute)
        for line in spec.lines:
            row = grid.row(line.key)
            for column in spec.columns:
                value = row[column.key]
                yield (f"{spec.sheet} · {line.label} · {column.label}", "空白" if value is None else str(value),
                       row.cells.get(column.key))


def _lists(report: M.SelfEvaluationReport) -> Iterator[_Entry]:
    for p in report.projects:
        for key, label, value in (("budget", "预算数", p.budget), ("executed", "执行数", p.actual),
                                  ("description", "主要用途及成效", p.description)):
            yield (f"{W.PROJECT_SHEET.sheet} · {p.name} · {label}", _text(value) or "空白",
                   p.cells.get(key) or p.cell)
    for line in report.economic:
        yield (f"{W.ECONOMIC_SHEET.sheet} · {W.SCOPE_LABELS[line.scope]} · {line.code} {line.name} · 决算数",
               str(line.amount), line.cell)
        if line.note:
            yield (f"{W.ECONOMIC_SHEET.sheet} · {W.SCOPE_LABELS[line.scope]} · {line.code} {line.name} · 说明",
                   line.note, None)


def _fields(report: M.SelfEvaluationReport) -> Iterator[_Entry]:
    for spec in (W.INFO_SHEET, W.OTHER_SHEET, W.TEXT_SHEET):
        section = getattr(report, spec.attribute)
        for f in dataclasses.fields(section):
            cell = report.field_cells.get(f"{spec.attribute}.{f.name}")
            yield f"{spec.sheet} · {f.metadata['label']}", _text(getattr(section, f.name)), cell


def figure_changes(old: M.SelfEvaluationReport, new: M.SelfEvaluationReport) -> list[FigureChange]:
    """The figures and fields a correction changed, in the workbook's order; a line only one side has is
    “（无此行）” on the other."""
    changes = []
    for collect, missing in ((_grids, "（无此行）"), (_lists, "（无此行）"), (_fields, "（无）")):
        before = {place: (value, cell) for place, value, cell in collect(old)}
        after = {place: (value, cell) for place, value, cell in collect(new)}
        for place in [*before, *(p for p in after if p not in before)]:
            a, b = before.get(place), after.get(place)
            if a is None or b is None or a[0] != b[0]:
                cell = (b or a)[1] if (b or a) else None
                changes.append(FigureChange(place, a[0] if a else missing, b[0] if b else missing, cell))
    return changes
