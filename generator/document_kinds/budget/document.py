"""A finished budget document read back into a ``BudgetModel``: its tables found by their titles, rows by
label and code — for ``juesuan audit`` of a 部门预算 document without its workbook.

Only what the document prints is known: the inputs of the text (last year's budget, 国有资产 …) are not,
so the audit checks the tables' rules and the text against the tables, and each stated change against
its own amounts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from generator.labels import normalize
from generator.model import ZERO, Line, SubjectTable

from . import model as M
from . import workbook as W

_CODED = re.compile(r"^\s*(\d{3})\s*(.*)$")
TITLES = {title: table for table, (title, number) in W.TABLE_TITLES.items() if number}
TITLES["部门整体支出绩效目标申报表"] = "t12"  # as seed 003 titles its 公开表12
_HEADING = re.compile(r"^(.+?)(\d{4})\s*年\s*部门预算$")


def _amount(text: str) -> Decimal | None:
    text = text.replace(",", "").replace(" ", "").strip()
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _line(key: str, code: str, name: str, cells: Sequence[str], columns: Sequence[str]) -> Line:
    values, blank = {}, set()
    for column, text in zip(columns, cells, strict=False):
        value = _amount(text)
        if value is None:
            blank.add(column)
        values[column] = value if value is not None else ZERO
    for column in columns[len(cells):]:
        values[column] = ZERO
        blank.add(column)
    return Line(key, code, name, values, {}, frozenset(blank))


def tables_of(blocks) -> dict[str, list[list[tuple[str, ...]]]]:
    """The rows printed under each table title (several occurrences for 表13), without the header row."""
    out: dict[str, list[list[tuple[str, ...]]]] = {}
    current: str | None = None
    for block in blocks:
        if not block.is_row:
            text = "".join(block.cells).strip()
            if text in TITLES:
                current = TITLES[text]
                out.setdefault(current, []).append([])
            elif text.startswith("第三部分"):
                current = None
            continue
        if current is not None:
            out[current][-1].append(tuple(c.strip() for c in block.cells))
    for table, occurrences in out.items():
        if table in ("t12", "t13"):  # label | value tables: no header row
            continue
        for i, rows in enumerate(occurrences):
            while rows and not any(_is_amount(c) for c in rows[0]) and not _is_body_row(rows[0]):
                del rows[0]  # the header rows (not a body row printed blank: a fund or a table with nothing in it)
            occurrences[i] = [r for r in rows if not _numbering(r)]
    return out


_BODY_LABELS = tuple(ln for spec in (W.T1, W.T6) for b in spec.blocks for ln in b.lines)


def _is_body_row(row: Sequence[str]) -> bool:
    """A row of the table's body even when printed without amounts: a 合计 row, a coded row (208 …, 2101501; not
    the 栏次 row's 1 2 3), or a line of 表1/表6 (一、一般公共预算财政拨款 …)."""
    first = normalize(row[0]) if row else ""
    return ("合计" in map(normalize, row[:2]) or (first.isdigit() and len(first) >= 3)
            or bool(_CODED.match(first) and len(first) > 3) or any(ln.matches(first) for ln in _BODY_LABELS))


def _is_amount(text: str) -> bool:
    return "." in text and _amount(text) is not None


def _numbering(row: Sequence[str]) -> bool:
    """The 栏次 row under a header: 1 2 3 …"""
    filled = [c for c in row if c]
    return len(filled) >= 2 and all(c.isdigit() and int(c) <= 30 for c in filled)


def _line_table(rows: list[tuple[str, ...]], spec: W.LineSheet) -> M.LineTable:
    columns = tuple(c.key for c in spec.columns if c.required)
    width = len(columns)
    blocks = {b.key: b for b in spec.blocks}
    lines: dict[str, Line] = {}

    def put(block: str, label: str, cells: Sequence[str]) -> None:
        if not label:
            return
        fixed = next((ln for ln in blocks[block].lines if ln.matches(normalize(label))), None)
        coded = _CODED.match(label) if blocks[block].coded else None
        if fixed is not None:
            key, code, name = fixed.key, "", label
        elif coded is not None:
            key = code = coded.group(1)
            name = coded.group(2).strip()
        else:
            return
        lines.setdefault(f"{block}.{key}", _line(key, code, name, cells, columns))

    for row in rows:
        row = tuple(row) + ("",) * (3 + 3 * width - len(row))
        left, middle, right = row[:2], row[2:3 + width], row[3 + width:]
        put("income", left[0], left[1:2])
        put("function", middle[0], middle[1:])
        block = "economic" if _CODED.match(right[0]) else "category"
        if normalize(right[0]) not in ("本年支出合计", "结转下年", "支出总计"):
            put(block, right[0], right[1:])
    return M.LineTable(spec.sheet, columns, lines)


def _with_state_capital(t1: M.LineTable) -> M.LineTable:
    """表1 as the 湖北 layout prints it has no 国有资本经营预算 column (seed 003): when its income line states
    国有资本经营预算财政拨款, each spending line's 合计 beyond 一般公共预算 + 政府性基金预算 is that column, not a
    contradiction of the printed table (else the column is 0)."""
    if t1.amount("income", "state_capital") == 0:
        return t1
    lines = {}
    for key, line in t1.lines.items():
        if not key.startswith("income.") and "state_capital" not in line.values:
            rest = line["total"] - line["general_budget"] - line["gov_fund"]
            line = dataclasses.replace(line, values={**line.values, "state_capital": rest},
                                       blank=line.blank | ({"state_capital"} if rest == 0 else set()))
        lines[key] = line
    return dataclasses.replace(t1, columns=(*t1.columns, "state_capital"), lines=lines)


def _subjects(rows: list[tuple[str, ...]], columns: tuple[str, ...], units: bool) -> SubjectTable:
    total, out = None, []
    first = 4 if units else 2
    for row in rows:
        code, name = row[0], row[1] if len(row) > 1 else ""
        if normalize(code) == "合计" or normalize(name) == "合计":
            total = _line("total", "", "合计", row[first:], columns)
        elif code.isdigit():
            out.append(_line(code, code, name, row[first:], columns))
    if total is None:  # a table printed without its 合计 row (seed 003's 表4): the sum of its rows
        classes = [r for r in out if len(r.code) == 3] or out
        total = Line("total", "", "合计", {c: sum((r[c] for r in classes), ZERO) for c in columns}, {},
                     frozenset(c for c in columns if all(c in r.blank for r in classes)))
    return SubjectTable("", columns, total, tuple(out))


def _units(rows: list[tuple[str, ...]]) -> dict[str, tuple[str, str]]:
    return {r[0]: (r[2], r[3]) for r in rows if len(r) > 3 and r[0].isdigit()}


def _records(rows: list[tuple[str, ...]], spec: W.RecordSheet, columns: Sequence[str]) -> M.RecordTable:
    texts = {c.key for c in spec.texts}
    records, total = [], None
    for row in rows:
        values = dict(zip(columns, row, strict=False))
        record = M.Record({k: v for k, v in values.items() if k in texts},
                          {k: _amount(v) or ZERO for k, v in values.items() if k not in texts}, {})
        if normalize(row[0]) == "合计":
            total = record
        elif row[0]:
            records.append(record)
    if total is None and records and spec.with_total:  # printed without its 合计 row: the sum of its rows
        keys = {k for r in records for k in r.amounts}
        total = M.Record({spec.key: "合计"}, {k: sum((r[k] for r in records), ZERO) for k in keys}, {})
    return M.RecordTable("", tuple(records), total)


_T13_LABELS = {c.label: c.key for c in W.T13.columns}


def _projects(occurrences: list[list[tuple[str, ...]]]) -> tuple[M.ProjectTarget, ...]:
    out = []
    for rows in occurrences:
        texts, amounts, indicators = {}, {}, []
        for row in rows:
            if len(row) == 2:
                key = _T13_LABELS.get(row[0])
                if key in ("total", "current"):
                    amounts[key] = _amount(row[1]) or ZERO
                elif key:
                    texts[key] = row[1]
            elif len(row) >= 4 and row[0] != "一级指标":
                indicators.append(M.Record({"level1": row[0], "level2": row[1], "name": row[2], "value": row[3]},
                                           {}, {}))
        if texts.get("name"):
            out.append(M.ProjectTarget(M.Record(texts, amounts, {}), tuple(indicators)))
    return tuple(out)


def budget_from_document(document) -> M.BudgetModel | None:
    """The budget a read document prints; ``None`` when it has none of the budget's tables."""
    found = tables_of(document.blocks)
    if not found:
        return None
    name, year = "", 0
    for block in document.blocks[:20]:
        match = _HEADING.match("".join(block.cells).strip())
        if match:
            name, year = match.group(1).strip(), int(match.group(2))
            break

    def rows(table: str) -> list[tuple[str, ...]]:
        return found.get(table, [[]])[0]

    empty = M.RecordTable("", ())
    basic_project = ("total", "basic", "project")
    return M.BudgetModel(
        source=document.source,
        info=M.BudgetInfo(name=name, year=year),
        t1_appropriation_summary=_with_state_capital(_line_table(rows("t1"), W.T1)),
        t2_general_budget_expenditure=_subjects(rows("t2"), basic_project, True), t2_units=_units(rows("t2")),
        t3_general_budget_basic_expenditure=_subjects(rows("t3"), ("total", "personnel", "public"), True),
        t3_units=_units(rows("t3")),
        t4_three_public=_subjects(rows("t4"), ("total", "outbound", "vehicle_total", "vehicle_purchase",
                                              "vehicle_operation", "reception"), True),
        t4_units=_units(rows("t4")),
        t5_government_fund=_subjects(rows("t5"), basic_project, False),
        t6_income_expenditure_summary=_line_table(rows("t6"), W.T6),
        t7_income_summary=_records(rows("t7"), W.T7, [c.key for c in W.T7.columns]),
        t8_expenditure_summary=_records(rows("t8"), W.T8, [c.key for c in W.T8.columns]),
        t9_project_expenditure=_records(rows("t9"), W.T9, ("name", "unit_name", "kind", "subject", "total",
                                                           "general_budget", "gov_fund", "other")),
        t10_procurement=_records(rows("t10"), W.T10, [c.key for c in W.T10.columns]),
        t11_purchased_services=_records(rows("t11"), W.T11, [c.key for c in W.T11.columns]),
        t12_overall_performance=M.PerformanceTarget(M.OverallTexts(), empty),
        t13_project_performance=_projects(found.get("t13", [])),
        narrative=M.NarrativeInputs(),
        other=M.OtherMatters(office_cost=ZERO),
        field_cells={},
    )
