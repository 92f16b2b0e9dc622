"""The budget (部门预算公开) as read from one workbook: frozen dataclasses, no logic.

Amounts are ``Decimal`` in 万元 with two decimals; every value keeps the workbook cell it came from.
The thirteen 公开表 of the 湖北 budget (seed 003) are ``t1_…`` to ``t13_…``; the supplementary inputs
(基本信息, 上年预算与说明, 其他重要事项) are dataclasses whose fields carry their Chinese label as
metadata, so the blank workbook, the reader and the messages share one declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model import ZERO, Cell, Line, SubjectTable, info

__all__ = [
    "BudgetInfo",
    "BudgetModel",
    "LineTable",
    "NarrativeInputs",
    "OtherMatters",
    "OverallTexts",
    "PerformanceTarget",
    "ProjectTarget",
    "Record",
    "RecordTable",
    "SubjectTable",
    "with_prior",
]


@dataclass(frozen=True)
class BudgetInfo:
    """基本信息 of a budget workbook (第一部分 概况)."""

    kind: str = field(default="部门预算", metadata=info(
        "文档类型", "部门预算（选择本工作簿生成的文档）", required=True, example="部门预算"))
    name: str = field(default="", metadata=info(
        "部门名称", "预算单位全称", required=True, example="武汉市医疗保险中心"))
    year: int = field(default=0, metadata=info("预算年度", "四位数字年份", required=True, example="2021"))
    layout: str = field(default="湖北", metadata=info("公开格式", "湖北（决定模板与措辞）", required=True))
    publication_date: str = field(default="", metadata=info("公开日期", "如 2021年3月1日"))
    functions: tuple[str, ...] = field(default=(), metadata=info("部门主要职能", "在「部门职能」表每行一条"))
    unit_composition: str = field(default="", metadata=info(
        "预算单位构成", "纳入部门预算编制范围的单位说明", example="纳入…部门预算编制范围的预算单位为…"))
    staff_authorized: int = field(default=0, metadata=info("编制人数（人）"))
    staff_authorized_administrative: int = field(default=0, metadata=info("其中：行政编制（人）"))
    staff_authorized_institution: int = field(default=0, metadata=info("其中：事业编制（人）"))
    staff_authorized_civil_servant: int = field(default=0, metadata=info("事业编制中参照公务员法管理（人）"))
    staff_in_service: int = field(default=0, metadata=info("在职实有人数（人）"))
    staff_in_service_administrative: int = field(default=0, metadata=info("在职其中：行政编制（人）"))
    staff_in_service_institution: int = field(default=0, metadata=info("在职其中：事业编制（人）"))
    staff_in_service_civil_servant: int = field(default=0, metadata=info("在职事业编制中参照公务员法管理（人）"))
    staff_retired_total: int = field(default=0, metadata=info("离退休人员（人）"))
    staff_retired_lixiu: int = field(default=0, metadata=info("其中：离休（人）"))
    staff_retired_tuixiu: int = field(default=0, metadata=info("其中：退休（人）"))


@dataclass(frozen=True)
class NarrativeInputs:
    """上年预算与说明: last year's budget figures (比上年增减) and the reasons the text gives."""

    prior_total: Decimal | None = field(default=None, metadata=info(
        "上年收支总预算", "上年部门预算收支总计（表6），用于“比上年预算增加/减少”；新成立部门留空"))
    prior_general_budget: Decimal | None = field(default=None, metadata=info(
        "上年一般公共预算支出预算", "上年一般公共预算本年预算（表2合计）"))
    prior_three_public: Decimal | None = field(default=None, metadata=info(
        "上年“三公”经费预算", "上年一般公共预算“三公”经费预算合计（表4）"))
    prior_outbound: Decimal | None = field(default=None, metadata=info("上年因公出国（境）费预算"))
    prior_vehicle: Decimal | None = field(default=None, metadata=info("上年公务用车购置及运行维护费预算"))
    prior_reception: Decimal | None = field(default=None, metadata=info("上年公务接待费预算"))
    general_budget_reason: str = field(default="", metadata=info(
        "一般公共预算增减原因", "比上年预算增加或减少的主要原因，如“主要是项目支出减少”"))
    total_reason: str = field(default="", metadata=info("收支总预算增减原因", "比上年预算增加或减少的主要原因"))
    three_public_reason: str = field(default="", metadata=info("“三公”经费增减原因", "比上年增加或减少的主要原因"))
    personnel_use: str = field(default="", metadata=info(
        "人员经费用途（补充）", "可不填：文档按表3列出所用的经济科目"))


@dataclass(frozen=True)
class OtherMatters:
    """其他重要事项: 机关运行经费, 国有资产占有使用 (at the end of the prior year), 预算绩效管理."""

    office_cost: Decimal = field(default=ZERO, metadata=info("机关运行经费", "即部门公用经费（表3公用经费合计）"))
    assets_total: Decimal | None = field(default=None, metadata=info(
        "国有资产总额", "截至上年12月31日占有使用的国有资产（万元）"))
    land_area: Decimal | None = field(default=None, metadata=info("土地（平方米）"))
    building_area: Decimal | None = field(default=None, metadata=info("房屋（平方米）"))
    vehicles: int = field(default=0, metadata=info("一般公务用车（辆）"))
    large_equipment: int = field(default=0, metadata=info("单位价值50万元以上通用设备（套）"))
    assets_added: Decimal | None = field(default=None, metadata=info("上年新增国有资产（万元）"))
    assets_added_note: str = field(default="", metadata=info("新增国有资产说明", "主要为哪些资产"))
    first_level_projects: int = field(default=0, metadata=info("一级项目支出绩效目标（个）"))
    priority_projects: int = field(default=0, metadata=info(
        "优先保障优秀项目（个）", "根据上年度绩效评价和自评结果优先保障的项目个数"))
    priority_amount: Decimal | None = field(default=None, metadata=info("优先保障优秀项目金额（万元）"))


@dataclass(frozen=True)
class LineTable:
    """表1 and 表6: lines by label in blocks (收入, 支出功能分类, 支出类别, 经济分类); class rows by code."""

    sheet: str
    columns: tuple[str, ...]
    lines: Mapping[str, Line]  # "block.key" → line; coded rows "function.208", "economic.301"

    def line(self, block: str, key: str) -> Line | None:
        return self.lines.get(f"{block}.{key}")

    def amount(self, block: str, key: str, column: str = "total") -> Decimal:
        found = self.line(block, key)
        return found[column] if found is not None else ZERO

    def coded(self, block: str) -> tuple[Line, ...]:
        return tuple(ln for k, ln in self.lines.items() if k.startswith(block + ".") and ln.code)


@dataclass(frozen=True)
class Record:
    """One row of a list table (表7 … 表13): texts by key, amounts by key, where each was read."""

    texts: Mapping[str, str]
    amounts: Mapping[str, Decimal]
    cells: Mapping[str, Cell]
    row: int = 0

    def __getitem__(self, key: str) -> Decimal:
        return self.amounts.get(key, ZERO)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


@dataclass(frozen=True)
class RecordTable:
    """表7 … 表11 and the performance lists: one record per row, the 合计 row apart (when the table has one)."""

    sheet: str
    records: tuple[Record, ...]
    total: Record | None = None

    def total_amount(self, key: str) -> Decimal:
        return self.total[key] if self.total is not None else ZERO


@dataclass(frozen=True)
class OverallTexts:
    """The texts of 表12 部门整体支出绩效目标表."""

    contact: str = field(default="", metadata=info("填报人"))
    phone: str = field(default="", metadata=info("联系电话"))
    overview: str = field(default="", metadata=info("部门职能概述"))
    tasks: str = field(default="", metadata=info("年度工作任务", "每行一条"))
    long_term: str = field(default="", metadata=info("长期目标", "每行一条"))
    annual: str = field(default="", metadata=info("年度目标", "每行一条"))
    earlier_appropriation: Decimal | None = field(default=None, metadata=info(
        "前年收入：财政拨款", "近两年收支情况：预算年度前第二年（如2021年预算填2019年）的财政拨款收入（万元）"))
    earlier_other: Decimal | None = field(default=None, metadata=info("前年收入：其他资金"))
    earlier_basic: Decimal | None = field(default=None, metadata=info("前年支出：基本支出"))
    earlier_project: Decimal | None = field(default=None, metadata=info("前年支出：项目支出"))
    last_appropriation: Decimal | None = field(default=None, metadata=info(
        "上年收入：财政拨款", "近两年收支情况：预算年度的上一年（如2021年预算填2020年）的财政拨款收入（万元）"))
    last_other: Decimal | None = field(default=None, metadata=info("上年收入：其他资金"))
    last_basic: Decimal | None = field(default=None, metadata=info("上年支出：基本支出"))
    last_project: Decimal | None = field(default=None, metadata=info("上年支出：项目支出"))


@dataclass(frozen=True)
class PerformanceTarget:
    """表12 部门整体支出绩效目标表: its texts and indicators (empty: the department has none)."""

    texts: OverallTexts
    indicators: RecordTable


@dataclass(frozen=True)
class ProjectTarget:
    """表13 项目支出绩效目标表 of one project."""

    record: Record
    indicators: tuple[Record, ...]
    details: tuple[Record, ...] = ()  # 项目支出明细预算: item, total

    @property
    def name(self) -> str:
        return self.record.text("name")


@dataclass(frozen=True)
class BudgetModel:
    source: str
    info: BudgetInfo
    t1_appropriation_summary: LineTable
    t2_general_budget_expenditure: SubjectTable
    t2_units: Mapping[str, tuple[str, str]]  # 表2 subject code → (单位编码, 单位名称)
    t3_general_budget_basic_expenditure: SubjectTable
    t3_units: Mapping[str, tuple[str, str]]
    t4_three_public: SubjectTable
    t4_units: Mapping[str, tuple[str, str]]
    t5_government_fund: SubjectTable
    t6_income_expenditure_summary: LineTable
    t7_income_summary: RecordTable
    t8_expenditure_summary: RecordTable
    t9_project_expenditure: RecordTable
    t10_procurement: RecordTable
    t11_purchased_services: RecordTable
    t12_overall_performance: PerformanceTarget
    t13_project_performance: tuple[ProjectTarget, ...]
    narrative: NarrativeInputs
    other: OtherMatters
    field_cells: Mapping[str, Cell]
    glossary: RecordTable = RecordTable("名词解释", ())  # 项 subject code → its explanation (名词解释)


def with_prior(budget: BudgetModel, last_year: BudgetModel) -> BudgetModel:
    """This year's budget with last year's budget figures taken from last year's budget workbook (``--prior``);
    figures typed in「上年预算与说明」are replaced, the reasons kept."""
    import dataclasses

    t4 = last_year.t4_three_public.total
    narrative = dataclasses.replace(
        budget.narrative,
        prior_total=last_year.t6_income_expenditure_summary.amount("income", "income_grand_total"),
        prior_general_budget=last_year.t2_general_budget_expenditure.total["total"],
        prior_three_public=t4["total"], prior_outbound=t4["outbound"], prior_vehicle=t4["vehicle_total"],
        prior_reception=t4["reception"])
    return dataclasses.replace(budget, narrative=narrative)
