"""``juesuan diff`` for budget workbooks: every table cell and every input field of two versions compared."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from generator.diff import FigureChange
from generator.model import Cell, Line, SubjectTable

from . import model as M
from . import workbook as W
from .rules import TABLE_ATTRIBUTES, column_label, table_label


def _cells(budget: M.BudgetModel) -> Iterator[tuple[str, Decimal, Cell | None]]:
    for table_id, attribute in TABLE_ATTRIBUTES.items():
        table = getattr(budget, attribute)
        rows: list[tuple[str, Any]] = []
        if isinstance(table, M.LineTable):
            rows = [(f"{ln.code} {ln.name}".strip() or ln.name, ln) for ln in table.lines.values()]
        elif isinstance(table, SubjectTable):
            rows = [("合计", table.total)] + [(f"{r.code} {r.name}", r) for r in table.rows]
        elif isinstance(table, M.RecordTable):
            key = next(s for s in W.RECORD_SHEETS if s.table == table_id).key
            rows = ([("合计", table.total)] if table.total is not None else []) + \
                [(r.text(key), r) for r in table.records]
        for name, row in rows:
            values = row.values if isinstance(row, Line) else row.amounts
            for column, value in values.items():
                yield (f"{table_label(table_id)} {table.sheet.split(' ', 1)[-1]} · {name} · "
                       f"{column_label(table_id, column)}", value, row.cells.get(column))


def _fields(budget: M.BudgetModel) -> Iterator[tuple[str, str, Cell | None]]:
    for spec in (W.INFO, W.NARRATIVE, W.OTHER):
        section = getattr(budget, spec.attribute)
        for f in dataclasses.fields(section):
            value = getattr(section, f.name)
            text = "、".join(value) if isinstance(value, tuple) else ("" if value is None else str(value))
            yield f"{spec.sheet} · {f.metadata['label']}", text, budget.field_cells.get(f"{spec.attribute}.{f.name}")


def figure_changes(old: M.BudgetModel, new: M.BudgetModel) -> list[FigureChange]:
    changes = []
    for collect, missing in ((_cells, "（无此行）"), (_fields, "（无）")):
        before = {p: (v, c) for p, v, c in collect(old)}
        after = {p: (v, c) for p, v, c in collect(new)}
        for place in [*before, *(p for p in after if p not in before)]:
            a, b = before.get(place), after.get(place)
            if a is None or b is None or a[0] != b[0]:
                changes.append(FigureChange(place, str(a[0]) if a else missing, str(b[0]) if b else missing,
                                            (b or a)[1] if (b or a) else None))
    return changes
