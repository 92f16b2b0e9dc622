"""The department's final accounts as read from one workbook: frozen dataclasses, no logic.

Every amount is a ``Decimal`` in the workbook's unit (万元, two decimals). Every value keeps the
workbook cell it came from (``Cell``) so that checks and messages can point the accountant to it.

Supplementary sections (基本信息, 上年数, 三公明细 …) are dataclasses whose fields carry their Chinese
label and help text as metadata: the workbook template, the reader and the template variables
reference are all derived from these declarations, so a field is declared exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the form is data about the workbook's shape; model stays free of its loader
    from generator.forms import Form

ZERO = Decimal("0.00")


def _frozen_map(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(data or {}))


def info(label: str, help: str = "", *, required: bool = False, example: str = "") -> dict[str, Any]:
    """Metadata of a supplementary field: its label in the workbook and its meaning."""
    return {"label": label, "help": help, "required": required, "example": example}


@dataclass(frozen=True, order=True)
class Cell:
    """A cell of the workbook: ``Cell("表2 收入决算表", "C9")``."""

    sheet: str
    address: str

    def __str__(self) -> str:
        return f"工作表「{self.sheet}」单元格 {self.address}"


# --------------------------------------------------------------------------- the nine tables


@dataclass(frozen=True)
class Line:
    """One row of a table: a labelled line (表1/表4/表7) or a coded subject row (表2/3/5/6/8/9).

    ``values`` maps a column key (see ``generator.workbook.layout``) to its amount; a blank cell is
    ``ZERO`` in ``values`` and its key is in ``blank`` (the document prints it blank, as the official
    tables do). ``cells`` maps a column key to the workbook cell it was read from.
    """

    key: str
    code: str
    name: str
    values: Mapping[str, Decimal]
    cells: Mapping[str, Cell]
    blank: frozenset[str] = frozenset()
    line_no: int | None = None
    code_cell: Cell | None = None  # the cell of the row's code (or label, for lines without a code)

    def __getitem__(self, column: str) -> Decimal:
        return self.values.get(column, ZERO)

    @property
    def level(self) -> str:
        """类 / 款 / 项 by code length (3/5/7 digits); '' for lines without a subject code."""
        return {3: "类", 5: "款", 7: "项"}.get(len(self.code), "")

    def is_zero(self) -> bool:
        return all(v == 0 for v in self.values.values())


@dataclass(frozen=True)
class LabeledTable:
    """表1 and 表4: fixed lines found by their labels plus one line per functional class (类).

    ``lines`` maps a stable key (``income_total``, ``carryover_end`` …) to its line;
    ``classes`` holds the expenditure lines by class, in the order of the table.
    ``rows`` is the table as the workbook prints it, one (left key, right key) pair per sheet row, a
    class line by its code and a blank half-row (a numbered row without label) as ``""``; empty when
    the table was not read from a sheet.
    """

    sheet: str
    lines: Mapping[str, Line]
    classes: tuple[Line, ...]
    rows: tuple[tuple[str, str], ...] = ()

    def line(self, key: str) -> Line:
        return self.lines[key]

    def amount(self, key: str, column: str = "amount") -> Decimal:
        found = self.lines.get(key)
        return found[column] if found is not None else ZERO

    def class_line(self, code: str) -> Line | None:
        return next((c for c in self.classes if c.code == code), None)


@dataclass(frozen=True)
class SubjectTable:
    """表2, 表3, 表5, 表8, 表9: rows by functional subject code; ``total`` is the 合计 row."""

    sheet: str
    columns: tuple[str, ...]
    total: Line
    rows: tuple[Line, ...]

    def row(self, code: str) -> Line | None:
        return next((r for r in self.rows if r.code == code), None)

    def by_level(self, level: str) -> tuple[Line, ...]:
        return tuple(r for r in self.rows if r.level == level)

    @property
    def is_empty(self) -> bool:
        return not self.rows and self.total.is_zero()


@dataclass(frozen=True)
class EconomicTable:
    """表6: economic subjects (经济分类) with their 决算数, and the two group totals."""

    sheet: str
    rows: tuple[Line, ...]
    personnel_total: Line
    public_total: Line

    def row(self, code: str) -> Line | None:
        return next((r for r in self.rows if r.code == code), None)


@dataclass(frozen=True)
class ThreePublicTable:
    """表7: the “三公” budget line and actual line, each over the six columns of the table."""

    sheet: str
    budget: Line
    actual: Line


# --------------------------------------------------------------------------- supplementary sections


@dataclass(frozen=True)
class DepartmentInfo:
    name: str = field(metadata=info("部门名称", "与决算报表封面一致的全称", required=True, example="安化县医疗保障局"))
    year: int = field(metadata=info("决算年度", "四位数字年份", required=True, example="2021"))
    layout: str = field(metadata=info("公开格式", "湖北、湖南、上海等（见 templates/layouts.toml）：决定模板与措辞",
                                      required=True,
                                      example="湖南"))
    publication_date: str = field(default="", metadata=info("公开日期", "如 2022年9月29日", example="2022年9月29日"))
    documents: str = field(default="", metadata=info(
        "生成文档", "本工作簿生成哪些文档，以“、”分隔，如“部门决算、部门整体支出绩效自评报告”；不填只生成部门决算",
        example="部门决算、部门整体支出绩效自评报告"))
    amount_unit: str = field(default="万元", metadata=info("金额单位", "报表金额单位，固定为万元", example="万元"))
    functions: tuple[str, ...] = field(default=(), metadata=info(
        "部门主要职能", "每行一条职能；在工作表中每条单独占一行", example="负责本行政区域内医疗保障工作"))
    unit_composition: str = field(default="", metadata=info(
        "决算单位构成", "纳入本部门决算的单位说明", example="本级决算和 0 个下属单位决算"))
    subordinate_unit_count: int = field(default=0, metadata=info("下属单位数（个）", "纳入部门决算的下属单位个数"))
    internal_offices: str = field(default="", metadata=info("内设机构", "内设科室、所属事业单位说明"))
    staff_in_service: int = field(default=0, metadata=info("在职实有人数（人）"))
    staff_administrative: int = field(default=0, metadata=info("其中：行政人员（人）"))
    staff_public_institution: int = field(default=0, metadata=info("其中：事业人员（人）"))
    staff_civil_servant_managed: int = field(default=0, metadata=info("事业人员中参照公务员法管理（人）"))
    staff_retired_total: int = field(default=0, metadata=info("离退休人员（人）"))
    staff_retired_lixiu: int = field(default=0, metadata=info("其中：离休（人）"))
    staff_retired_tuixiu: int = field(default=0, metadata=info("其中：退休（人）"))


@dataclass(frozen=True)
class PriorYear:
    """Last year's figures quoted by the 情况说明; ``None`` where there is no prior year."""

    income_expenditure_grand_total: Decimal | None = field(default=None, metadata=info(
        "上年收入支出总计", "上年度表1总计；新成立部门留空"))
    appropriation_grand_total: Decimal | None = field(default=None, metadata=info(
        "上年财政拨款收入支出总计", "上年度表4总计"))
    general_budget_expenditure: Decimal | None = field(default=None, metadata=info(
        "上年一般公共预算财政拨款支出", "上年度表5合计"))
    three_public_total: Decimal | None = field(default=None, metadata=info("上年“三公”经费决算合计"))
    three_public_outbound: Decimal | None = field(default=None, metadata=info("上年因公出国（境）费"))
    three_public_vehicle_purchase: Decimal | None = field(default=None, metadata=info("上年公务用车购置费"))
    three_public_vehicle_operation: Decimal | None = field(default=None, metadata=info("上年公务用车运行维护费"))
    three_public_reception: Decimal | None = field(default=None, metadata=info("上年公务接待费"))
    office_operating_cost: Decimal | None = field(default=None, metadata=info("上年机关运行经费"))


@dataclass(frozen=True)
class Reasons:
    """The accountant's explanations, quoted verbatim by the 情况说明."""

    total_change: str = field(default="", metadata=info("收入支出总计变动原因", "与上年相比增减的主要原因"))
    appropriation_change: str = field(default="", metadata=info("财政拨款收入支出总计变动原因"))
    general_budget_change: str = field(default="", metadata=info("一般公共预算财政拨款支出变动原因"))
    general_budget_vs_budget: str = field(default="", metadata=info(
        "一般公共预算财政拨款支出决算与年初预算差异原因"))
    general_budget_uses: str = field(default="", metadata=info(
        "项目支出主要用途", "五（三）中“项目支出主要用于……”的说明"))
    three_public_vs_budget: str = field(default="", metadata=info("“三公”经费决算与预算差异原因"))
    three_public_change: str = field(default="", metadata=info("“三公”经费与上年相比变动原因"))
    three_public_outbound_change: str = field(default="", metadata=info(
        "因公出国（境）费与上年相比变动原因",
        "上海格式七（一）“因公出国（境）费支出减少（增加）的主要原因是……”；持平时不引用"))
    three_public_vehicle_change: str = field(default="", metadata=info(
        "公务用车购置及运行维护费与上年相比变动原因",
        "上海格式七（一）“公务用车购置及运行维护费支出减少（增加）的主要原因是……”；持平时不引用"))
    three_public_reception_change: str = field(default="", metadata=info(
        "公务接待费与上年相比变动原因", "上海格式七（一）“公务接待费支出减少（增加）的主要原因是……”；持平时不引用"))
    outbound_content: str = field(default="", metadata=info("因公出国（境）开支内容"))
    vehicle_purchase_use: str = field(default="", metadata=info("公务用车购置费主要用途"))
    vehicle_operation_use: str = field(default="", metadata=info("公务用车运行维护费主要用途"))
    reception_use: str = field(default="", metadata=info("公务接待费主要用途"))
    office_cost_change: str = field(default="", metadata=info("机关运行经费变动原因"))
    performance_management: str = field(default="", metadata=info(
        "预算绩效管理工作开展情况", "十三（一）的说明文字"))
    performance_result_use: str = field(default="", metadata=info("绩效自评结果应用情况"))
    other_matters: str = field(default="", metadata=info(
        "其他重要事项：其他", "湖南2019年度格式十（五）“其他”的说明，如公开网站；不填则写“无”"))


@dataclass(frozen=True)
class ThreePublicDetails:
    scope_administrative_units: int = field(default=0, metadata=info("“三公”单位范围：行政单位（个）"))
    scope_civil_servant_managed_units: int = field(default=0, metadata=info("“三公”单位范围：参公事业单位（个）"))
    scope_fully_funded_units: int = field(default=0, metadata=info("“三公”单位范围：全额拨款事业单位（个）"))
    outbound_groups: int = field(default=0, metadata=info("因公出国（境）团组数（个）"))
    outbound_persons: int = field(default=0, metadata=info("因公出国（境）人次"))
    vehicles_purchased: int = field(default=0, metadata=info("本年购置（更新）公务用车（辆）"))
    vehicles_held: int = field(default=0, metadata=info("公务用车保有量（辆）", "年末开支财政拨款的公务用车保有量"))
    vehicle_fuel: Decimal = field(default=ZERO, metadata=info(
        "公务用车运行费：燃料费", "万元；湖北格式七（二）“其中：燃料费……”"))
    vehicle_repair: Decimal = field(default=ZERO, metadata=info("公务用车运行费：维修费", "万元"))
    vehicle_tolls: Decimal = field(default=ZERO, metadata=info("公务用车运行费：过桥过路费", "万元"))
    vehicle_insurance: Decimal = field(default=ZERO, metadata=info("公务用车运行费：保险费", "万元"))
    vehicle_safety_award: Decimal = field(default=ZERO, metadata=info("公务用车运行费：安全奖励费用", "万元"))
    vehicle_other: Decimal = field(default=ZERO, metadata=info("公务用车运行费：其他", "万元"))
    reception_batches: int = field(default=0, metadata=info("公务接待批次"))
    reception_persons: int = field(default=0, metadata=info("公务接待人次"))
    foreign_reception_batches: int = field(default=0, metadata=info("其中：外宾接待批次"))
    foreign_reception_persons: int = field(default=0, metadata=info("其中：外宾接待人次"))


@dataclass(frozen=True)
class Procurement:
    total: Decimal = field(default=ZERO, metadata=info("政府采购支出总额", "万元"))
    goods: Decimal = field(default=ZERO, metadata=info("政府采购货物支出", "万元"))
    works: Decimal = field(default=ZERO, metadata=info("政府采购工程支出", "万元"))
    services: Decimal = field(default=ZERO, metadata=info("政府采购服务支出", "万元"))
    sme_total: Decimal = field(default=ZERO, metadata=info("授予中小企业合同金额", "万元"))
    sme_small_micro: Decimal = field(default=ZERO, metadata=info("其中：授予小微企业合同金额", "万元"))
    sme_goods: Decimal = field(default=ZERO, metadata=info("货物采购授予中小企业合同金额", "万元"))
    sme_works: Decimal = field(default=ZERO, metadata=info("工程采购授予中小企业合同金额", "万元"))
    sme_services: Decimal = field(default=ZERO, metadata=info("服务采购授予中小企业合同金额", "万元"))
    reserved_sme_budget: Decimal = field(default=ZERO, metadata=info(
        "面向中小企业预留项目预算金额", "万元（上海格式）"))
    reserved_small_micro_budget: Decimal = field(default=ZERO, metadata=info(
        "面向小微企业预留项目预算金额", "万元（上海格式）"))
    reserved_sme_awarded: Decimal = field(default=ZERO, metadata=info(
        "面向中小企业预留项目中由中小企业中标或成交的采购金额", "万元（上海格式）"))
    reserved_small_micro_awarded: Decimal = field(default=ZERO, metadata=info(
        "面向小微企业预留项目中由小微企业中标或成交的采购金额", "万元（上海格式）"))
    other_sme_awarded: Decimal = field(default=ZERO, metadata=info(
        "其他政府采购项目中由中小企业中标或成交的采购金额", "万元（上海格式）"))


@dataclass(frozen=True)
class StateAssets:
    vehicles_total: int = field(default=0, metadata=info("车辆总数（辆）"))
    vehicles_ministerial: int = field(default=0, metadata=info("其中：副部（省）级及以上领导用车（辆）"))
    vehicles_principal_leader: int = field(default=0, metadata=info("其中：主要领导干部用车（辆）"))
    vehicles_confidential: int = field(default=0, metadata=info("其中：机要通信用车（辆）"))
    vehicles_emergency: int = field(default=0, metadata=info("其中：应急保障用车（辆）"))
    vehicles_law_enforcement: int = field(default=0, metadata=info("其中：执法执勤用车（辆）"))
    vehicles_special_technical: int = field(default=0, metadata=info("其中：特种专业技术用车（辆）"))
    vehicles_retired_cadres: int = field(default=0, metadata=info("其中：离退休干部用车（辆）"))
    vehicles_other: int = field(default=0, metadata=info("其中：其他用车（辆）"))
    general_equipment_over_500k: int = field(default=0, metadata=info("单价50万元（含）以上通用设备（台套）"))
    special_equipment_over_1m: int = field(default=0, metadata=info("单价100万元（含）以上专用设备（台套）"))
    equipment_over_1m: int = field(default=0, metadata=info(
        "单价100万元（含）以上设备（不含车辆）（台套）", "上海格式十一（三）；通用设备和专用设备合计"))


@dataclass(frozen=True)
class GeneralExpenditure:
    """一般性支出 (湖南): 会议费, 培训费, 节庆、晚会、论坛、赛事."""

    meeting_amount: Decimal = field(default=ZERO, metadata=info("会议费", "万元"))
    meeting_count: int = field(default=0, metadata=info("会议个数（个）"))
    meeting_persons: int = field(default=0, metadata=info("会议人数（人）"))
    meeting_content: str = field(default="", metadata=info("会议主要内容"))
    training_amount: Decimal = field(default=ZERO, metadata=info("培训费", "万元"))
    training_count: int = field(default=0, metadata=info("培训个数（个）"))
    training_persons: int = field(default=0, metadata=info("培训人数（人）"))
    training_content: str = field(default="", metadata=info("培训主要内容"))
    festival_amount: Decimal = field(default=ZERO, metadata=info("举办节庆、晚会、论坛、赛事活动开支", "万元"))
    festival_content: str = field(default="", metadata=info("节庆、晚会、论坛、赛事活动内容"))


@dataclass(frozen=True)
class OfficeOperatingCost:
    amount: Decimal = field(default=ZERO, metadata=info("机关运行经费支出", "万元；行政单位和参公事业单位的公用经费"))


@dataclass(frozen=True)
class PerformanceManagement:
    """十三（一）/上海 十: how the performance management was carried out (counts).

    The ``self_evaluated_*`` fields are the department's own summary of its project self-evaluations
    (上海 十: 绩效自评的项目N个，涉及预算金额…，平均得分…，评级为“优”的项目…个): ``None`` where left blank.
    Without score tables (「绩效自评」) the document prints them as stated; with score tables the rules
    S-PERF-10/11 hold them to the tables.
    """

    projects_with_goals: int = field(default=0, metadata=info("编报绩效目标的项目数（个）"))
    projects_with_goals_amount: Decimal = field(default=ZERO, metadata=info("编报绩效目标涉及预算金额", "万元"))
    projects_tracked: int = field(default=0, metadata=info("绩效跟踪评价的项目数（个）"))
    projects_tracked_amount: Decimal = field(default=ZERO, metadata=info("绩效跟踪评价涉及预算金额", "万元"))
    self_evaluated: int | None = field(default=None, metadata=info(
        "绩效自评的项目数（个）", "上海格式十“绩效自评的项目XX个”；不填时按「绩效自评」表计算（没有自评表的须填写）"))
    self_evaluated_amount: Decimal | None = field(default=None, metadata=info(
        "绩效自评涉及预算金额", "万元；填写了绩效自评的项目数时必填"))
    self_evaluated_average_score: Decimal | None = field(default=None, metadata=info(
        "绩效自评平均得分（分）", "只计已评分的项目；与下面四个等级的项目数一起填写或一起留空"))
    self_evaluated_grade_1: int | None = field(default=None, metadata=info(
        "绩效评级为“优”的项目数（个）", "公开格式的第一个自评等级"))
    self_evaluated_grade_2: int | None = field(default=None, metadata=info(
        "绩效评级为“良”的项目数（个）", "公开格式的第二个自评等级"))
    self_evaluated_grade_3: int | None = field(default=None, metadata=info(
        "绩效评级为“合格”（中）的项目数（个）", "公开格式的第三个自评等级（上海为“合格”，湖北、湖南为“中”）"))
    self_evaluated_grade_4: int | None = field(default=None, metadata=info(
        "绩效评级为“不合格”（差）的项目数（个）", "公开格式的第四个自评等级（上海为“不合格”，湖北、湖南为“差”）"))
    problems_found: int = field(default=0, metadata=info("绩效自评中发现问题数（个）"))
    problems_fixed: int = field(default=0, metadata=info("已完成整改问题数（个）"))

    @property
    def self_evaluated_grades(self) -> tuple[int | None, ...]:
        """The stated project counts per grade, in the order of the layout's grades."""
        return (self.self_evaluated_grade_1, self.self_evaluated_grade_2, self.self_evaluated_grade_3,
                self.self_evaluated_grade_4)


# --------------------------------------------------------------------------- budget and performance


@dataclass(frozen=True)
class BudgetLine:
    """年初预算 of one functional subject (类 or 项) and the reason for a material difference.

    ``full_year``: the 全年预算 (the budget as adjusted during the year), ``None`` when not given.
    """

    fund: str  # 一般公共预算 / 政府性基金预算 / 国有资本经营预算
    code: str
    name: str
    budget: Decimal
    reason: str
    use: str
    cell: Cell
    full_year: Decimal | None = None
    full_year_cell: Cell | None = None


@dataclass(frozen=True)
class BudgetTotal:
    """The 合计 row of 年初预算 for one fund: the department's own totals, as its budget states them
    (the sum of the rounded subject amounts may differ from them by rounding). ``None``: left blank."""

    fund: str
    budget: Decimal | None
    full_year: Decimal | None
    cell: Cell  # the 年初预算数 cell of the row
    full_year_cell: Cell | None = None


@dataclass(frozen=True)
class Indicator:
    level1: str  # 产出指标 / 效益指标 / 满意度指标
    level2: str  # 数量指标 / 质量指标 …
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    cell: Cell
    score_given: bool = True  # False when the 得分 cell is blank: the indicator was not scored
    weight_cell: Cell | None = None
    score_cell: Cell | None = None


@dataclass(frozen=True)
class Evaluation:
    """One 绩效自评表: the department as a whole (``is_department``) or one project."""

    name: str
    is_department: bool
    competent_department: str
    implementing_unit: str
    budget: Decimal
    executed: Decimal
    execution_weight: Decimal
    goal: str
    achieved: str
    goal_weight: Decimal
    goal_score: Decimal
    deviation_reason: str
    measures: str
    fund: str
    indicators: tuple[Indicator, ...]
    cell: Cell
    goal_score_given: bool = True  # False when the 目标得分 cell is blank
    cells: Mapping[str, Cell] = field(default_factory=_frozen_map)  # column key -> cell of this record

    @property
    def scored(self) -> bool:
        """Whether the accountant scored this evaluation at all (目标得分 or any indicator 得分 given)."""
        return self.goal_score_given or any(i.score_given for i in self.indicators)

    @property
    def fully_scored(self) -> bool:
        return self.goal_score_given and all(i.score_given for i in self.indicators)


@dataclass(frozen=True)
class KeyWork:
    title: str
    text: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    explanation: str


# --------------------------------------------------------------------------- the whole workbook


@dataclass(frozen=True)
class DepartmentAccounts:
    """Everything one workbook holds."""

    source: str
    info: DepartmentInfo
    t1_income_expenditure_summary: LabeledTable
    t2_income: SubjectTable
    t3_expenditure: SubjectTable
    t4_appropriation_summary: LabeledTable
    t5_general_budget_expenditure: SubjectTable
    t6_general_budget_basic_expenditure: EconomicTable
    t7_three_public: ThreePublicTable
    t8_government_fund: SubjectTable
    t9_state_capital: SubjectTable
    prior: PriorYear
    reasons: Reasons
    budget: tuple[BudgetLine, ...]
    three_public_details: ThreePublicDetails
    procurement: Procurement
    assets: StateAssets
    general_expenditure: GeneralExpenditure
    office_cost: OfficeOperatingCost
    performance_management: PerformanceManagement
    evaluations: tuple[Evaluation, ...]
    key_work: tuple[KeyWork, ...]
    glossary_extra: tuple[GlossaryEntry, ...]
    # where each supplementary field was read: "procurement.total" -> Cell
    field_cells: Mapping[str, Cell] = field(default_factory=_frozen_map)
    # the official form the workbook was read with (generator.forms); None: the layout's current form
    form: Form | None = None
    # the 合计 rows of 年初预算, one per fund at most
    budget_totals: tuple[BudgetTotal, ...] = ()

    def budget_total(self, fund: str) -> BudgetTotal | None:
        return next((t for t in self.budget_totals if t.fund == fund), None)

    @property
    def department_evaluation(self) -> Evaluation | None:
        return next((e for e in self.evaluations if e.is_department), None)

    @property
    def project_evaluations(self) -> tuple[Evaluation, ...]:
        return tuple(e for e in self.evaluations if not e.is_department)
