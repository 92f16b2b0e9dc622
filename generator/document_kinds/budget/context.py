"""What the budget's Word template sees: the department, the thirteen tables as printed rows, the figures.

Rows are tuples in the column order of the printed table: text columns are ``str``, amount columns are
``Decimal`` or ``None`` for a cell the workbook leaves blank (the template prints them with ``cell``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from generator.model import Line, SubjectTable

from . import model as M
from . import workbook as W
from .figures import BudgetFigures

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Project:
    """表13 of one project: its texts, amounts and indicators."""

    number: int
    name: str
    texts: Any  # Mapping: code, department, unit, leader, phone, kind, history, reason, content, basis, goal
    total: Decimal
    current: Decimal
    indicators: tuple[Row, ...]  # (一级指标, 二级指标, 指标内容, 指标值, 备注)


@dataclass(frozen=True)
class Tables:
    t1: tuple[Row, ...]  # 10 columns: 收入 项目, 预算数 | 功能分类 项目, 合计, 一般公共预算, 政府性基金 | 类别/经济 …
    t2: tuple[Row, ...]
    t3: tuple[Row, ...]
    t4: tuple[Row, ...]
    t5: tuple[Row, ...]
    t6: tuple[Row, ...]  # 6 columns: 收入 项目, 预算数 | 功能分类 项目, 预算数 | 类别/经济 项目, 预算数
    t7: tuple[Row, ...]
    t8: tuple[Row, ...]
    t9: tuple[Row, ...]
    t10: tuple[Row, ...]
    t11: tuple[Row, ...]
    t12_indicators: tuple[Row, ...]
    t13: tuple[Project, ...]
    titles: Any  # table id → (title, 公开表 number)


@dataclass(frozen=True)
class DocumentContext:
    department: M.BudgetInfo
    year: int
    prior_year: int
    tables: Tables
    figures: BudgetFigures
    overall: M.OverallTexts
    other: M.OtherMatters
    draft: bool = False


def _amount(line: Line | None, column: str) -> Decimal | None:
    if line is None or column in line.blank:
        return None
    return line[column]


def _subject_rows(table: SubjectTable, columns: tuple[str, ...], units: Any = None) -> tuple[Row, ...]:
    rows = [(table.total, "", "合计")] + [(r, r.code, r.name) for r in table.rows]
    out = []
    for line, code, name in rows:
        unit = units.get(code, ("", "")) if units is not None else None
        texts = (code, name, *unit) if unit is not None else (code, name)
        out.append((*texts, *(_amount(line, c) for c in columns)))
    return tuple(out)


def _line_rows(table: M.LineTable, spec: W.LineSheet, columns: tuple[str, ...]) -> tuple[Row, ...]:
    """表1/表6 as printed: income beside spending by function beside spending by category and economic class;
    the totals aligned at the bottom."""
    width = len(columns)

    def row(block: str, key: str, label: str = "") -> tuple[Any, ...]:
        line = table.line(block, key)
        if line is None:
            return (label, *([None] * width))
        name = f"{line.code} {line.name}" if line.code else (label or line.name)
        return (name, *(_amount(line, c) for c in columns))

    blank = ("", *([None] * width))
    income_block = next(b for b in spec.blocks if b.key == "income")
    sources = [ln for ln in income_block.lines if ln.key not in
               ("income_total", "income_grand_total") and not ln.key.startswith("carryover")]
    left = [row("income", ln.key, ln.label)[:2] for ln in sources]
    middle = [row("function", ln.code) for ln in table.coded("function")]
    category = next(b for b in spec.blocks if b.key == "category")
    right = [("支出类别分类", *([None] * width))]
    right += [row("category", ln.key, ln.label) for ln in category.lines]
    right += [("部门预算支出经济分类", *([None] * width))]
    right += [row("economic", ln.code) for ln in table.coded("economic")]
    body = [(*(a or ("", None)), *(b or blank), *(c or blank)) for a, b, c in zip_longest(left, middle, right)]
    carry = [ln for ln in income_block.lines if ln.key.startswith("carryover")]
    spent = row("function", "expenditure_total", "本年支出合计")
    footer = [(*row("income", "income_total", "本年收入合计")[:2], *spent, *spent)]
    for i, ln in enumerate(carry):
        left_cell = row("income", ln.key, ln.label)[:2]
        right_cells = (row("function", "carryover_next", "结转下年") if i == 0 else blank)
        footer.append((*left_cell, *right_cells, *right_cells))
    grand = row("function", "expenditure_grand_total", "支出总计")
    footer.append((*row("income", "income_grand_total", "收入总计")[:2], *grand, *grand))
    return tuple(body + footer)


def _records(table: M.RecordTable, texts: tuple[str, ...], amounts: tuple[str, ...],
             total_label: str = "合计") -> tuple[Row, ...]:
    def row(record: M.Record, first: str | None = None) -> Row:
        values = tuple(record.text(k) for k in texts)
        if first is not None:
            values = (first, *values[1:])
        return (*values, *(record[k] if record[k] != 0 else None for k in amounts))

    rows = [row(table.total, total_label)] if table.total is not None else []
    return tuple(rows + [row(r) for r in table.records])


def tables(b: M.BudgetModel) -> Tables:
    t13 = []
    for i, target in enumerate(b.t13_project_performance, 1):
        record = target.record
        t13.append(Project(i, target.name, dict(record.texts), record["total"], record["current"],
                           tuple((r.text("level1"), r.text("level2"), r.text("name"), r.text("value"), r.text("note"))
                                 for r in target.indicators)))
    t1_columns = ("total", "general_budget", "gov_fund")
    return Tables(
        t1=_line_rows(b.t1_appropriation_summary, W.T1, t1_columns),
        t2=_subject_rows(b.t2_general_budget_expenditure, ("total", "basic", "project"), b.t2_units),
        t3=_subject_rows(b.t3_general_budget_basic_expenditure, ("total", "personnel", "public"), b.t3_units),
        t4=_subject_rows(b.t4_three_public, ("total", "outbound", "vehicle_total", "vehicle_purchase",
                                             "vehicle_operation", "reception"), b.t4_units),
        t5=_subject_rows(b.t5_government_fund, ("total", "basic", "project"))[1:],
        t6=_line_rows(b.t6_income_expenditure_summary, W.T6, ("total",)),
        t7=_records(b.t7_income_summary, ("unit_code", "unit_name"), (
            "total", "general_budget", "gov_fund", "state_capital", "business", "higher_subsidy", "subordinate",
            "operating", "other", "use_fund", "carryover")),
        t8=_records(b.t8_expenditure_summary, ("unit_code", "unit_name"),
                    ("total", "basic", "project", "remit", "subsidy", "operating")),
        t9=_records(b.t9_project_expenditure, ("name", "unit_name", "kind", "subject"),
                    ("total", "general_budget", "gov_fund", "other")),
        t10=_records(b.t10_procurement, ("item", "category", "spending", "project"), ("total",)),
        t11=_records(b.t11_purchased_services, ("name", "category", "spending", "project"), ("total",)),
        t12_indicators=tuple((r.text("target"), r.text("level1"), r.text("level2"), r.text("name"), r.text("value"),
                              r.text("standard")) for r in b.t12_overall_performance.indicators.records),
        t13=tuple(t13),
        titles={k: {"title": v[0], "number": v[1]} for k, v in W.TABLE_TITLES.items()},
    )


def build_context(b: M.BudgetModel, figures: BudgetFigures, draft: bool = False) -> DocumentContext:
    return DocumentContext(b.info, b.info.year, b.info.year - 1, tables(b), figures,
                           b.t12_overall_performance.texts, b.other, draft)


def as_template_variables(context: DocumentContext) -> dict[str, Any]:
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


def context_schema() -> type:
    """The dataclass the template sees (``template check`` reports variables it does not have)."""
    return DocumentContext
