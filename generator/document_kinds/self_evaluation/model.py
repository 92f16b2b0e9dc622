"""The 部门整体支出绩效自评报告 (performance self-evaluation report, seed 002) as read: frozen dataclasses.

Amounts are ``Decimal`` 万元 with two decimals; ``None`` is a cell the report leaves blank (the published
table prints it blank, as seed 002's 调整预算数 and 政府专项). Every amount keeps the workbook cell it came
from, so that a finding points at it. The same model is made from a stand-alone self-evaluation workbook
(``reader``) or from a final-accounts workbook that asks for this report (``from_final_accounts``); then
its cells are the final-accounts workbook's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from generator.model import Cell, info

# the columns of the summary table (一), in the printed order
SUMMARY_COLUMNS = ("total", "basic", "project", "special")
# its rows
SUMMARY_ROWS = ("budget", "adjusted", "final", "assets")
# the columns of the 三公 table (二), in the printed order
THREE_PUBLIC_COLUMNS = ("outbound", "vehicle", "reception", "total")
THREE_PUBLIC_ROWS = ("budget", "actual")
# the 明细表 an economic line belongs to (四)
SCOPE_ALL, SCOPE_BASIC, SCOPE_PROJECT = "all", "basic", "project"
SCOPES = (SCOPE_ALL, SCOPE_BASIC, SCOPE_PROJECT)


def _frozen(data: Mapping[str, object] | None = None) -> Mapping:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class ReportInfo:
    """基本信息 of the report: the department and year, and the texts of 一、部门、单位基本情况."""

    name: str = field(default="", metadata=info("部门名称", "与报告封面“单位名称”一致的全称", required=True,
                                    example="天心区医疗保障局"))
    year: int = field(default=0, metadata=info("年度", "自评的预算年度，四位数字", required=True, example="2021"))
    layout: str = field(default="湖南", metadata=info("公开格式", "湖南（决定模板与金额格式）", example="湖南"))
    region: str = field(default="", metadata=info("地区", "标题中的地区，如“天心区”；不填时标题以部门名称开头",
                                                  example="天心区"))
    publication_date: str = field(default="", metadata=info("公开日期", "如 2022年9月29日"))
    staffing: str = field(default="", metadata=info("人员情况", "一（一）人员情况，如实有人数和编制", required=True))
    institutions: str = field(default="", metadata=info("机构情况", "一（二）机构情况：单位、二级机构和内设科室",
                                                        required=True))
    functions: tuple[str, ...] = field(default=(), metadata=info(
        "主要职能", "一（三）主要职能：在「部门职能」表中每条一行"))


@dataclass(frozen=True)
class Amounts:
    """One row of a table: amounts by column key (``None``: printed blank) and the cells they came from."""

    values: Mapping[str, Decimal | None]
    cells: Mapping[str, Cell] = field(default_factory=_frozen)

    def __getitem__(self, column: str) -> Decimal | None:
        return self.values.get(column)

    def amount(self, column: str) -> Decimal:
        """The amount of ``column``, 0 for a blank."""
        return self.values.get(column) or Decimal("0.00")

    @property
    def is_blank(self) -> bool:
        return all(v is None for v in self.values.values())


@dataclass(frozen=True)
class SpendingSummary:
    """(一) 整体支出情况: 年初部门预算, 调整预算数, 部门决算数, 其中：资产购置支出 by 支出合计, 基本支出,
    项目支出, 政府专项 (``SUMMARY_ROWS`` × ``SUMMARY_COLUMNS``)."""

    budget: Amounts
    adjusted: Amounts
    final: Amounts
    assets: Amounts

    def row(self, key: str) -> Amounts:
        return getattr(self, key)


@dataclass(frozen=True)
class ThreePublic:
    """(二) “三公”经费: 部门预算数 and 部门决算数 by 因公出国出境, 公车购置、运行, 公务接待, 合计."""

    budget: Amounts
    actual: Amounts

    def row(self, key: str) -> Amounts:
        return getattr(self, key)


@dataclass(frozen=True)
class ProjectSpending:
    """(三) one project: its budget and what was spent, and what it was for."""

    name: str = field(metadata=info("项目名称", ""))
    budget: Decimal | None = field(metadata=info("预算数", "万元（None：空白）"))
    actual: Decimal | None = field(metadata=info("执行数", "万元（None：空白）"))
    description: str = field(metadata=info("项目说明", "资金用途与绩效"))
    cell: Cell | None = field(default=None, metadata={"help": "工作簿中的位置（模板不用）", "opaque": True})
    cells: Mapping[str, Cell] = field(default_factory=_frozen, metadata={"help": "工作簿中的位置（模板不用）",
                                                                         "opaque": True})


@dataclass(frozen=True)
class EconomicLine:
    """(四) one economic subject of a 决算明细表 (支出/基本支出/项目支出), with what it paid for."""

    scope: str  # SCOPE_ALL, SCOPE_BASIC, SCOPE_PROJECT
    code: str  # 301 (类) or 30101 (款)
    name: str
    amount: Decimal
    note: str
    cell: Cell | None = None  # the amount's cell

    @property
    def is_class(self) -> bool:
        return len(self.code) == 3

    @property
    def class_code(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class OtherFigures:
    """(四) the figures quoted after the 明细表: 机关运行经费 and 政府采购, with their descriptions."""

    office_cost: Decimal | None = field(default=None, metadata=info("机关运行经费", "万元；行政单位的机关运行经费支出"))
    procurement: Decimal | None = field(default=None, metadata=info("政府采购支出", "万元"))
    procurement_note: str = field(default="", metadata=info(
        "政府采购说明", "采购了什么、资金性质，如“是采购办公耗材，为一般公共预算财政拨款”"))


@dataclass(frozen=True)
class ReportTexts:
    """The department's own words: (四) 项目资金使用管理情况, 三 and 四 of the report."""

    fund_management: str = field(default="", metadata=info(
        "项目资金使用管理情况", "二（四）中在各项金额之后的说明（可不填）"))
    performance: str = field(default="", metadata=info(
        "部门整体支出绩效情况", "三、部门整体支出绩效情况：每段一行，可用【标题】开头", required=True))
    problems: str = field(default="", metadata=info(
        "存在的主要问题及改进措施", "四、存在的主要问题及改进措施或有关建议：每条一行", required=True))


@dataclass(frozen=True)
class StaffFigures:
    """一（一） from a final-accounts workbook when its 「自评报告」 gives no 人员情况 of its own."""

    in_service: int = field(metadata=info("在职实有人数", "人"))
    administrative: int = field(metadata=info("行政人员", "人"))
    public_institution: int = field(metadata=info("事业人员", "人"))
    retired: int = field(metadata=info("离退休人员", "人（0 时不写）"))


@dataclass(frozen=True)
class SelfEvaluationReport:
    """Everything the report prints."""

    source: str
    info: ReportInfo
    summary: SpendingSummary
    three_public: ThreePublic
    projects: tuple[ProjectSpending, ...]
    economic: tuple[EconomicLine, ...]
    other: OtherFigures
    texts: ReportTexts
    # where each field was read: "other.office_cost" -> Cell
    field_cells: Mapping[str, Cell] = field(default_factory=_frozen)
    made_from: str = ""  # the kind of workbook it was made from ("" : its own workbook)
    staff: StaffFigures | None = None  # 一（一） in numbers, when ``info.staffing`` is blank
    unit_composition: str = ""  # 一（二） from the final accounts, when ``info.institutions`` is blank
    internal_offices: str = ""

    def economic_lines(self, scope: str) -> tuple[EconomicLine, ...]:
        return tuple(line for line in self.economic if line.scope == scope)


@dataclass(frozen=True)
class HostedInputs:
    """What the report needs from a final-accounts workbook beyond its tables (sheet 「自评报告」): the
    report's own words, and the two budget figures the final accounts do not state."""

    region: str = field(default="", metadata=info("地区", "标题中的地区，如“洪山区”；不填时标题以部门名称开头"))
    staffing: str = field(default="", metadata=info(
        "人员情况", "不填时按「基本信息」的在职实有人数、行政人员、事业人员写出"))
    institutions: str = field(default="", metadata=info(
        "机构情况", "不填时按「基本信息」的决算单位构成和内设机构写出"))
    budget_basic: Decimal | None = field(default=None, metadata=info(
        "年初预算：基本支出", "万元；（一）表“年初部门预算”行的基本支出，不填则留空"))
    budget_project: Decimal | None = field(default=None, metadata=info(
        "年初预算：项目支出", "万元；（一）表“年初部门预算”行的项目支出，不填则留空"))
    procurement_note: str = field(default="", metadata=info("政府采购说明", "采购了什么、资金性质"))
    fund_management: str = field(default="", metadata=info(
        "项目资金使用管理情况", "二（四）中在各项金额之后的说明（可不填）"))
    performance: str = field(default="", metadata=info(
        "部门整体支出绩效情况", "三、部门整体支出绩效情况：每段一行；不填时取「绩效自评」部门整体的全年实际完成情况"))
    problems: str = field(default="", metadata=info(
        "存在的主要问题及改进措施", "四、每条一行；不填时取「绩效自评」部门整体的偏差原因和改进措施"))
