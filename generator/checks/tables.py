"""How declarations name what they read: tables ``t1``…``t9``, lines, columns — and their Chinese labels.

A line key is what the model uses: a fixed line of 表1/表4 (``income_total``), a functional class
code of 表1/表4 (``210``), a subject code of a coded table (``2101301``) or ``total`` for its 合计
row, an economic code of 表6 (``30217``) or ``personnel_total`` / ``public_total``, ``budget`` /
``actual`` for 表7. Labels come from ``generator.workbook.layout`` and the catalogues, so the
reference documentation and the messages use the workbook's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from generator import catalog, model
from generator.model import Line
from generator.workbook import layout as L


@dataclass(frozen=True)
class TableInfo:
    id: str
    label: str  # 表1
    title: str  # 收入支出决算总表
    attribute: str  # attribute of DepartmentAccounts
    sheet: str


TABLES: dict[str, TableInfo] = {
    "t1": TableInfo("t1", "表1", L.T1.title, "t1_income_expenditure_summary", L.T1.sheet),
    "t2": TableInfo("t2", "表2", L.T2.title, "t2_income", L.T2.sheet),
    "t3": TableInfo("t3", "表3", L.T3.title, "t3_expenditure", L.T3.sheet),
    "t4": TableInfo("t4", "表4", L.T4.title, "t4_appropriation_summary", L.T4.sheet),
    "t5": TableInfo("t5", "表5", L.T5.title, "t5_general_budget_expenditure", L.T5.sheet),
    "t6": TableInfo("t6", "表6", L.T6.title, "t6_general_budget_basic_expenditure", L.T6.sheet),
    "t7": TableInfo("t7", "表7", L.T7.title, "t7_three_public", L.T7.sheet),
    "t8": TableInfo("t8", "表8", L.T8.title, "t8_government_fund", L.T8.sheet),
    "t9": TableInfo("t9", "表9", L.T9.title, "t9_state_capital", L.T9.sheet),
}
TABLE_ORDER = tuple(TABLES)
SUBJECT_TABLES = ("t2", "t3", "t5", "t8", "t9")

T6_TOTALS = {"personnel_total": L.T6_PERSONNEL_TOTAL, "public_total": L.T6_PUBLIC_TOTAL}
T7_LINES = {"budget": L.T7_BUDGET, "actual": L.T7_ACTUAL}


def _column_label(column: L.Column) -> str:
    return f"{column.group}/{column.label}" if column.group else column.label


def _labels(columns: tuple[L.Column, ...]) -> dict[str, str]:
    return {c.key: _column_label(c) for c in columns}


COLUMN_LABELS: dict[str, dict[str, str]] = {
    "t1": {L.AMOUNT: "金额"},
    "t2": _labels(L.T2.columns),
    "t3": _labels(L.T3.columns),
    "t4": {L.AMOUNT: "金额", **_labels(L.T4_KIND_COLUMNS)},
    "t5": _labels(L.T5.columns),
    "t6": {L.AMOUNT: "决算数"},
    "t7": _labels(L.T7.columns),
    "t8": _labels(L.T8.columns),
    "t9": _labels(L.T9.columns),
}

_FIXED_LINES: dict[str, dict[str, str]] = {
    spec.table: {ln.key: ln.label for ln in (*spec.left_lines, *spec.right_lines)} for spec in (L.T1, L.T4)
}
# a few fixed lines carry a label that is only unambiguous with its parent line
_FIXED_LINES["t4"].update({
    "carryover_begin_general_budget": "年初财政拨款结转和结余/一般公共预算财政拨款",
    "carryover_begin_gov_fund": "年初财政拨款结转和结余/政府性基金预算财政拨款",
    "carryover_begin_state_capital": "年初财政拨款结转和结余/国有资本经营预算财政拨款",
})
_FIXED_LINES["t1"]["income_grand_total"] = "收入总计"
_FIXED_LINES["t1"]["expenditure_grand_total"] = "支出总计"
_FIXED_LINES["t4"]["income_grand_total"] = "收入总计"
_FIXED_LINES["t4"]["expenditure_grand_total"] = "支出总计"


def column_label(table: str, column: str) -> str:
    return COLUMN_LABELS.get(table, {}).get(column, column)


def has_several_columns(table: str, line: str = "") -> bool:
    """Whether a cell of this table needs its column named (表1 and the left side of 表4 do not)."""
    if table in ("t1", "t6"):
        return False
    if table == "t4":
        return line not in _LEFT_T4
    return True


_LEFT_T4 = {ln.key for ln in L.T4.left_lines}


def line_label(table: str, line: str) -> str:
    """The Chinese label of a line key, without the accounts (for the reference documentation)."""
    if table in _FIXED_LINES and line in _FIXED_LINES[table]:
        return _FIXED_LINES[table][line]
    if table in ("t1", "t4"):
        fc = catalog.class_by_code(line)
        return f"{fc.name}" if fc else line
    if table == "t6":
        if line in T6_TOTALS:
            return T6_TOTALS[line]
        subject = catalog.economic_by_code(line)
        return f"{line} {subject.name}" if subject else line
    if table == "t7":
        return T7_LINES.get(line, line)
    if line == "total":
        return "合计"
    return line


def table_of(accounts: model.DepartmentAccounts, table: str) -> Any:
    return getattr(accounts, TABLES[table].attribute)


def lines_of(accounts: model.DepartmentAccounts, table: str) -> dict[str, Line]:
    """Every line of a table by its key (see the module docstring)."""
    obj = table_of(accounts, table)
    if isinstance(obj, model.LabeledTable):
        return {**obj.lines, **{c.code: c for c in obj.classes}}
    if isinstance(obj, model.SubjectTable):
        return {"total": obj.total, **{r.code: r for r in obj.rows}}
    if isinstance(obj, model.EconomicTable):
        return {**{r.code: r for r in obj.rows}, "personnel_total": obj.personnel_total,
                "public_total": obj.public_total}
    if isinstance(obj, model.ThreePublicTable):
        return {"budget": obj.budget, "actual": obj.actual}
    raise TypeError(f"unknown table {table}")


def class_lines(accounts: model.DepartmentAccounts, table: str) -> tuple[Line, ...]:
    """The functional-class lines: 表1/表4 expenditure classes, 类 rows of a coded table."""
    obj = table_of(accounts, table)
    if isinstance(obj, model.LabeledTable):
        return obj.classes
    return obj.by_level("类")


def subject_rows(accounts: model.DepartmentAccounts, table: str) -> tuple[Line, ...]:
    """The coded rows of 表2/3/5/8/9 (without 合计) or of 表6 (without the two group totals)."""
    return table_of(accounts, table).rows


def column_present(accounts: model.DepartmentAccounts, table: str, column: str) -> bool:
    """Whether the sheet has the column at all (optional columns, e.g. 表9's 年初结转和结余)."""
    return any(column in line.cells for line in lines_of(accounts, table).values())


# ----------------------------------------------------------------------------------- supplementary fields

_FIELD_SHEETS = {spec.attribute: spec for spec in L.FIELD_SHEETS}


def field_label(path: str) -> tuple[str, str]:
    """(sheet, label) of a supplementary field such as ``procurement.total``."""
    attribute, name = path.split(".", 1)
    spec = _FIELD_SHEETS[attribute]
    label = next(f.metadata["label"] for f in fields(spec.cls) if f.name == name)
    return spec.sheet, label


def field_value(accounts: model.DepartmentAccounts, path: str) -> Any:
    attribute, name = path.split(".", 1)
    return getattr(getattr(accounts, attribute), name)
