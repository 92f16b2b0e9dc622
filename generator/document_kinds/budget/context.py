"""What the budget's Word template sees: the department, the thirteen tables as printed rows, the figures.

Rows are tuples in the column order of the printed table: text columns are ``str``, amount columns are
``Decimal`` or ``None`` for a cell the workbook leaves blank (the template prints them with ``cell``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from generator.figures import h
from generator.model import Line, SubjectTable

from . import model as M
from . import workbook as W
from .figures import BudgetFigures

Row = tuple[Any, ...]
T1_COLUMNS = ("total", "general_budget", "gov_fund")  # 表1 as seed 003 prints it: no 国有资本经营预算 column
# the columns each block of 表1/表6 prints (the income lines one amount); the self-audit compares only these
PRINTED_COLUMNS = {"t1": {"income": ("total",), "*": T1_COLUMNS}, "t6": {"*": ("total",)}}


@dataclass(frozen=True)
class Project:
    """表13 of one project: its texts, amounts and indicators."""

    number: int = field(metadata=h("表13 的序号（公开表13-1、13-2…）"))
    name: str = field(metadata=h("项目名称"))
    texts: Any = field(metadata=h(
        "项目的文字：code 项目代码、department 主管部门、unit 执行单位、leader 负责人、phone 联系电话、kind "
        "项目类型、history 前两年预算及变动、reason 申请理由、content 主要内容、basis 测算依据、goal 绩效总目"
        "标"))
    total: Decimal = field(metadata=h("项目总预算（万元）"))
    current: Decimal = field(metadata=h("项目当年预算（万元）"))
    indicators: tuple[Row, ...] = field(metadata=h("绩效指标，每行（一级指标, 二级指标, 指标内容, 指标值, 备注）"))
    appropriation: Decimal = field(default=Decimal("0.00"), metadata=h("资金来源：财政拨款收入（万元）"))
    appropriation_current: Decimal = field(default=Decimal("0.00"), metadata=h("其中：申请当年预算拨款（万元）"))
    other_sources: Decimal = field(default=Decimal("0.00"), metadata=h("资金来源：其他资金（万元）"))
    carryover: Decimal = field(default=Decimal("0.00"), metadata=h("资金来源：上年结转（万元）"))
    details: tuple[Row, ...] = field(default=(), metadata=h("项目支出明细预算，每行（明细, 金额）"))


@dataclass(frozen=True)
class Tables:
    t1: tuple[Row, ...] = field(metadata=h(
        "表1 各行，10列：收入项目, 预算数, 功能分类项目, 合计, 一般公共预算, 政府性基金预算, 类别/经济分类项"
        "目, 合计, 一般公共预算, 政府性基金预算（金额空白为 None，用 cell 输出）"))
    t2: tuple[Row, ...] = field(metadata=h(
        "表2 各行：功能科目编码, 名称, 单位编码, 单位名称, 总计, 基本支出, 项目支出（首行合计）"))
    t3: tuple[Row, ...] = field(metadata=h(
        "表3 各行：经济科目编码, 名称, 单位编码, 单位名称, 小计, 人员经费, 公用经费（首行合计）"))
    t4: tuple[Row, ...] = field(metadata=h(
        "表4 各行：编码, 名称, 单位编码, 单位名称, 合计, 因公出国, 公务用车小计, 购置费, 运行维护费, 公务接待"
        "费"))
    t5: tuple[Row, ...] = field(metadata=h("表5 各行：编码, 名称, 总计, 基本支出, 项目支出（无数据时为空列表）"))
    t6: tuple[Row, ...] = field(metadata=h(
        "表6 各行，6列：收入项目, 预算数, 功能分类项目, 预算数, 类别/经济分类项目, 预算数"))
    t7: tuple[Row, ...] = field(metadata=h("表7 各行：单位编码, 单位名称, 总计及各项收入"))
    t8: tuple[Row, ...] = field(metadata=h(
        "表8 各行：单位编码, 单位名称, 总计, 基本, 项目, 上缴上级, 对附属单位补助, 事业单位经营"))
    t9: tuple[Row, ...] = field(metadata=h(
        "表9 各行：项目名称, 单位名称, 项目类型, 功能科目编码, 合计, 一般公共预算, 政府性基金预算, 其他资金"))
    t10: tuple[Row, ...] = field(metadata=h("表10 各行：采购项目, 采购类别, 支出类型, 所属项目, 金额"))
    t11: tuple[Row, ...] = field(metadata=h("表11 各行：服务项目, 服务类别, 支出类型, 所属项目, 金额"))
    t12_indicators: tuple[Row, ...] = field(metadata=h(
        "表12 的指标：目标, 一级指标, 二级指标, 指标名称, 指标值, 绩效标准"))
    t13: tuple[Project, ...] = field(metadata=h("表13，每个项目一张"))
    empty: Any = field(metadata=h(
        "各表是否无数据（没有一个不为0的金额）：empty.t4、empty.t9、empty.t10、empty.t11 等，"
        "为真时表下写明“本表无数据”"))
    titles: Any = field(metadata=h("各表的标题和编号：titles.t1.title、titles.t1.number（公开表1）"))


@dataclass(frozen=True)
class DocumentContext:
    department: M.BudgetInfo = field(metadata=h("基本信息（第一部分 概况）"))
    year: int = field(metadata=h("预算年度"))
    prior_year: int = field(metadata=h("上一年度（比上年、截至上年12月31日）"))
    tables: Tables = field(metadata=h("第二部分 十三张公开表"))
    figures: BudgetFigures = field(metadata=h("第三部分 情况说明的各项数字"))
    overall: M.OverallTexts = field(metadata=h("表12 的文字（填报人、职能概述、工作任务、目标）"))
    other: M.OtherMatters = field(metadata=h("「其他重要事项」：国有资产等"))
    draft: bool = field(metadata=h("草稿（校验未通过时 --force 生成）"), default=False)


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
    keys = [ln.key for ln in income_block.lines]
    # the sources of this year's income above 本年收入合计; what adds to it (用事业基金弥补收支差额, 上年结转 and
    # its parts) between it and 收入总计, as seed 003 prints 表1 and 表6
    sources = income_block.lines[:keys.index("income_total")]
    after = income_block.lines[keys.index("income_total") + 1:keys.index("income_grand_total")]
    left = [row("income", ln.key, ln.label)[:2] for ln in sources]
    middle = [row("function", ln.code) for ln in table.coded("function")]
    category = next(b for b in spec.blocks if b.key == "category")
    right = [("支出类别分类", *([None] * width))]
    right += [row("category", ln.key, ln.label) for ln in category.lines]
    right += [("部门预算支出经济分类", *([None] * width))]
    right += [row("economic", ln.code) for ln in table.coded("economic")]
    body = [(*(a or ("", None)), *(b or blank), *(c or blank)) for a, b, c in zip_longest(left, middle, right)]
    spent = row("function", "expenditure_total", "本年支出合计")
    footer = [(*row("income", "income_total", "本年收入合计")[:2], *spent, *spent)]
    for ln in after:
        left_cell = row("income", ln.key, ln.label)[:2]
        right_cells = row("function", "carryover_next", "结转下年") if ln.key == "carryover" else blank
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


def _no_amount(total: Any, rows: Any) -> bool:
    """A table with no amount that is not 0 (its 合计 and every row): the template says 本表无数据 below it."""
    lines = ([total] if total is not None else []) + list(rows)
    return not any(v for line in lines
                   for v in (line.amounts if isinstance(line, M.Record) else line.values).values())


def tables(b: M.BudgetModel) -> Tables:
    t13 = []
    for i, target in enumerate(b.t13_project_performance, 1):
        record = target.record
        t13.append(Project(i, target.name, dict(record.texts), record["total"], record["current"],
                           tuple((r.text("level1"), r.text("level2"), r.text("name"), r.text("value"), r.text("note"))
                                 for r in target.indicators),
                           record["appropriation"], record["appropriation_current"], record["other_sources"],
                           record["carryover"], tuple((d.text("item"), d["total"]) for d in target.details)))
    return Tables(
        t1=_line_rows(b.t1_appropriation_summary, W.T1, T1_COLUMNS),
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
        empty={"t4": _no_amount(b.t4_three_public.total, b.t4_three_public.rows),
               "t5": _no_amount(b.t5_government_fund.total, b.t5_government_fund.rows),
               "t9": _no_amount(b.t9_project_expenditure.total, b.t9_project_expenditure.records),
               "t10": _no_amount(b.t10_procurement.total, b.t10_procurement.records),
               "t11": _no_amount(b.t11_purchased_services.total, b.t11_purchased_services.records)},
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
