"""The workbook's shape, declared once: sheets, their columns, their fixed lines.

The blank template (``template.py``) is written from these declarations and the reader
(``reader.py``) finds rows and columns with them, by label and never by position, so a pasted
export with extra blank rows or an older year's row list still reads.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from generator import model
from generator.labels import normalize


@dataclass(frozen=True)
class Column:
    """An amount column, found by its header (the header cells of a column joined top-down)."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""  # the merged header above it in the template, e.g. 本年支出
    required: bool = True

    def matches(self, header: str) -> bool:
        h = normalize(header)
        return any(h == normalize(c) or h.endswith(normalize(c)) for c in (self.label, *self.aliases))


@dataclass(frozen=True)
class FixedLine:
    """A line of 表1/表4 found by its label; ``after`` makes a repeated label unambiguous."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    after: str = ""

    def matches(self, label: str) -> bool:
        n = normalize(label)
        return any(n == normalize(c) for c in (self.label, *self.aliases))


@dataclass(frozen=True)
class SubjectSheet:
    """表2, 表3, 表5, 表8, 表9: code, name, amount columns; one row per functional subject."""

    table: str
    sheet: str
    title: str
    official_no: str
    columns: tuple[Column, ...]
    note: str
    empty_note: str = ""


@dataclass(frozen=True)
class LabeledSheet:
    """表1 and 表4: income lines on the left, expenditure by class and fixed lines on the right."""

    table: str
    sheet: str
    title: str
    official_no: str
    left_columns: tuple[Column, ...]
    right_columns: tuple[Column, ...]
    left_lines: tuple[FixedLine, ...]
    right_lines: tuple[FixedLine, ...]
    note: str


@dataclass(frozen=True)
class EconomicSheet:
    table: str
    sheet: str
    title: str
    official_no: str
    note: str


@dataclass(frozen=True)
class ThreePublicSheet:
    table: str
    sheet: str
    title: str
    official_no: str
    columns: tuple[Column, ...]
    note: str


@dataclass(frozen=True)
class FieldSheet:
    """A key-value sheet: one row per field of a model dataclass (label | value | help)."""

    sheet: str
    attribute: str  # attribute of DepartmentAccounts
    cls: type
    title: str


@dataclass(frozen=True)
class ListSheet:
    """A free list: one record per row under a header row."""

    sheet: str
    attribute: str
    title: str
    columns: tuple[Column, ...]
    help: str


AMOUNT = "amount"

# ----------------------------------------------------------------------------------- 表1

T1 = LabeledSheet(
    table="t1",
    sheet="表1 收入支出决算总表",
    title="收入支出决算总表",
    official_no="公开01表",
    left_columns=(Column(AMOUNT, "金额", ("决算数",)),),
    right_columns=(Column(AMOUNT, "金额", ("决算数",)),),
    left_lines=(
        FixedLine("inc_general_budget", "一、一般公共预算财政拨款收入"),
        FixedLine("inc_gov_fund", "二、政府性基金预算财政拨款收入"),
        FixedLine("inc_state_capital", "三、国有资本经营预算财政拨款收入"),
        FixedLine("inc_higher_subsidy", "四、上级补助收入"),
        FixedLine("inc_business", "五、事业收入"),
        FixedLine("inc_operating", "六、经营收入"),
        FixedLine("inc_subordinate", "七、附属单位上缴收入"),
        FixedLine("inc_other", "八、其他收入"),
        FixedLine("income_total", "本年收入合计"),
        FixedLine("use_non_appropriation_balance", "使用非财政拨款结余", ("用事业基金弥补收支差额",)),
        FixedLine("carryover_begin", "年初结转和结余"),
        FixedLine("income_grand_total", "总计"),
    ),
    right_lines=(
        FixedLine("expenditure_total", "本年支出合计"),
        FixedLine("surplus_distribution", "结余分配"),
        FixedLine("carryover_end", "年末结转和结余"),
        FixedLine("expenditure_grand_total", "总计"),
    ),
    note="注：本表反映部门本年度的总收支和年末结转结余情况。",
)

T1_INCOME_SOURCES = (
    "inc_general_budget", "inc_gov_fund", "inc_state_capital", "inc_higher_subsidy",
    "inc_business", "inc_operating", "inc_subordinate", "inc_other",
)

# ----------------------------------------------------------------------------------- 表4

T4_KIND_COLUMNS = (
    Column("total", "合计"),
    Column("general_budget", "一般公共预算财政拨款", ("一般公共预算拨款", "一般公共预算拨款拨款")),
    Column("gov_fund", "政府性基金预算财政拨款", ("政府性基金",)),
    Column("state_capital", "国有资本经营预算财政拨款"),
)

T4 = LabeledSheet(
    table="t4",
    sheet="表4 财政拨款收入支出决算总表",
    title="财政拨款收入支出决算总表",
    official_no="公开04表",
    left_columns=(Column(AMOUNT, "金额", ("决算数",)),),
    right_columns=T4_KIND_COLUMNS,
    left_lines=(
        FixedLine("inc_general_budget", "一、一般公共预算财政拨款"),
        FixedLine("inc_gov_fund", "二、政府性基金预算财政拨款"),
        FixedLine("inc_state_capital", "三、国有资本经营预算财政拨款", ("国有资本经营财政拨款",)),
        FixedLine("income_total", "本年收入合计"),
        FixedLine("carryover_begin", "年初财政拨款结转和结余"),
        FixedLine("carryover_begin_general_budget", "一般公共预算财政拨款", after="carryover_begin"),
        FixedLine("carryover_begin_gov_fund", "政府性基金预算财政拨款", after="carryover_begin"),
        FixedLine("carryover_begin_state_capital", "国有资本经营预算财政拨款", ("国有资本经营财政拨款",),
                  after="carryover_begin"),
        FixedLine("income_grand_total", "总计"),
    ),
    right_lines=(
        FixedLine("expenditure_total", "本年支出合计"),
        FixedLine("carryover_end", "年末财政拨款结转和结余"),
        FixedLine("expenditure_grand_total", "总计"),
    ),
    note=("注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的"
          "总收支和年末结转结余情况。"),
)

# ----------------------------------------------------------------------------------- coded tables

T2 = SubjectSheet(
    table="t2",
    sheet="表2 收入决算表",
    title="收入决算表",
    official_no="公开02表",
    columns=(
        Column("total", "本年收入合计"),
        Column("appropriation", "财政拨款收入"),
        Column("higher_subsidy", "上级补助收入"),
        Column("business", "事业收入"),
        Column("operating", "经营收入"),
        Column("subordinate", "附属单位上缴收入"),
        Column("other", "其他收入"),
    ),
    note="注：本表反映部门本年度取得的各项收入情况。",
)

T3 = SubjectSheet(
    table="t3",
    sheet="表3 支出决算表",
    title="支出决算表",
    official_no="公开03表",
    columns=(
        Column("total", "本年支出合计"),
        Column("basic", "基本支出"),
        Column("project", "项目支出"),
        Column("remit_higher", "上缴上级支出"),
        Column("operating", "经营支出"),
        Column("subsidy_subordinate", "对附属单位补助支出"),
    ),
    note="注：本表反映部门本年度各项支出情况。",
)

T5 = SubjectSheet(
    table="t5",
    sheet="表5 一般公共预算财政拨款支出决算表",
    title="一般公共预算财政拨款支出决算表",
    official_no="公开05表",
    columns=(
        Column("total", "小计", ("合计",), group="本年支出"),
        Column("basic", "基本支出", group="本年支出"),
        Column("project", "项目支出", group="本年支出"),
    ),
    note="注：本表反映部门本年度一般公共预算财政拨款支出情况。",
)

T8 = SubjectSheet(
    table="t8",
    sheet="表8 政府性基金预算财政拨款收入支出决算表",
    title="政府性基金预算财政拨款收入支出决算表",
    official_no="公开08表",
    columns=(
        Column("carryover_begin", "年初结转和结余"),
        Column("income", "本年收入"),
        Column("total", "小计", ("合计",), group="本年支出"),
        Column("basic", "基本支出", group="本年支出"),
        Column("project", "项目支出", group="本年支出"),
        Column("carryover_end", "年末结转和结余"),
    ),
    note="注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    empty_note="本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
)

T9 = SubjectSheet(
    table="t9",
    sheet="表9 国有资本经营预算财政拨款支出决算表",
    title="国有资本经营预算财政拨款支出决算表",
    official_no="公开09表",
    columns=(
        Column("carryover_begin", "年初结转和结余", required=False),
        Column("income", "本年收入", required=False),
        Column("total", "合计", ("小计",), group="本年支出"),
        Column("basic", "基本支出", group="本年支出"),
        Column("project", "项目支出", group="本年支出"),
        Column("carryover_end", "年末结转和结余", required=False),
    ),
    note="注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    empty_note="本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
)

# ----------------------------------------------------------------------------------- 表6, 表7

T6 = EconomicSheet(
    table="t6",
    sheet="表6 一般公共预算财政拨款基本支出决算明细表",
    title="一般公共预算财政拨款基本支出决算明细表",
    official_no="公开06表",
    note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
)
T6_PERSONNEL_TOTAL = "人员经费合计"
T6_PUBLIC_TOTAL = "公用经费合计"

T7 = ThreePublicSheet(
    table="t7",
    sheet="表7 三公经费支出决算表",
    title="一般公共预算财政拨款“三公”经费支出决算表",
    official_no="公开07表",
    columns=(
        Column("total", "合计"),
        Column("outbound", "因公出国（境）费"),
        Column("vehicle_total", "小计", group="公务用车购置及运行费"),
        Column("vehicle_purchase", "公务用车购置费", group="公务用车购置及运行费"),
        Column("vehicle_operation", "公务用车运行费", ("公务用车运行维护费",), group="公务用车购置及运行费"),
        Column("reception", "公务接待费"),
    ),
    note=("注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，"
          "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。"),
)
T7_BUDGET = "预算数"
T7_ACTUAL = "决算数"

TABLE_SHEETS: tuple[LabeledSheet | SubjectSheet | EconomicSheet | ThreePublicSheet, ...] = (
    T1, T2, T3, T4, T5, T6, T7, T8, T9,
)

# ----------------------------------------------------------------------------------- other sheets

INSTRUCTIONS_SHEET = "填表说明"
FUNCTIONS_SHEET = "部门职能"

FIELD_SHEETS = (
    FieldSheet("基本信息", "info", model.DepartmentInfo, "基本信息"),
    FieldSheet("上年数", "prior", model.PriorYear, "上年决算数（情况说明中与上年对比用）"),
    FieldSheet("情况说明文字", "reasons", model.Reasons, "情况说明中由单位填写的原因和说明"),
    FieldSheet("三公明细", "three_public_details", model.ThreePublicDetails, "“三公”经费明细"),
    FieldSheet("政府采购", "procurement", model.Procurement, "政府采购支出"),
    FieldSheet("国有资产", "assets", model.StateAssets, "国有资产占用情况"),
    FieldSheet("一般性支出", "general_expenditure", model.GeneralExpenditure, "一般性支出情况（湖南格式）"),
    FieldSheet("机关运行经费", "office_cost", model.OfficeOperatingCost, "机关运行经费"),
    FieldSheet("绩效管理", "performance_management", model.PerformanceManagement, "预算绩效管理工作开展情况"),
)

BUDGET_SHEET = ListSheet(
    sheet="年初预算",
    attribute="budget",
    title="年初预算数及差异原因",
    columns=(
        Column("fund", "资金性质"),
        Column("code", "科目编码"),
        Column("name", "科目名称"),
        Column("budget", "年初预算数"),
        Column("full_year", "全年预算数", ("调整后预算数", "调整预算数"), required=False),
        Column("use", "主要用途"),
        Column("reason", "决算数与年初预算数差异原因"),
    ),
    help=("每个类级和项级科目一行。资金性质填“一般公共预算”“政府性基金预算”或“国有资本经营预算”。"
          "决算数与年初预算数不一致的，请填写差异原因。全年预算数（年中调整后的预算，上海格式五（三）引用）"
          "可不填；填写的，该资金性质的每一行都填。每种资金性质可有一行“合计”（科目编码留空，科目名称填“合计”）："
          "填写预算批复的合计数，文档照此印出；不填时按各类级科目相加。"),
)
# the name (or code) of the 合计 row of 年初预算: the department's stated totals of one fund
BUDGET_TOTAL_LABEL = "合计"

EVALUATION_SHEET = ListSheet(
    sheet="绩效自评",
    attribute="evaluations",
    title="绩效自评表（部门整体及项目）",
    columns=(
        Column("kind", "类型"),
        Column("name", "项目名称"),
        Column("competent_department", "主管部门"),
        Column("implementing_unit", "项目实施单位"),
        Column("fund", "资金性质"),
        Column("budget", "预算数"),
        Column("executed", "执行数"),
        Column("execution_weight", "执行率分值"),
        Column("goal", "年度目标"),
        Column("achieved", "全年实际完成情况"),
        Column("goal_weight", "目标分值"),
        Column("goal_score", "目标得分"),
        Column("deviation_reason", "偏差大或目标未完成原因分析"),
        Column("measures", "改进措施及结果应用方案"),
    ),
    help="每个自评表一行。类型填“部门整体”或“项目”。执行率得分由程序按“分值×执行率”计算，不必填写。",
)

INDICATOR_SHEET = ListSheet(
    sheet="绩效指标",
    attribute="indicators",
    title="绩效指标（每个指标一行）",
    columns=(
        Column("evaluation", "项目名称"),
        Column("level1", "一级指标"),
        Column("level2", "二级指标"),
        Column("name", "三级指标"),
        Column("target", "年初目标值"),
        Column("actual", "实际完成值"),
        Column("weight", "分值"),
        Column("score", "得分"),
    ),
    help="“项目名称”须与“绩效自评”表中的项目名称一致（部门整体填“部门整体支出”或其在绩效自评表中的名称）。",
)

KEY_WORK_SHEET = ListSheet(
    sheet="重点工作",
    attribute="key_work",
    title="重点工作完成情况（可选）",
    columns=(Column("title", "标题"), Column("text", "内容")),
    help="每项重点工作一行；无则留空，文档不出现该部分。",
)

GLOSSARY_SHEET = ListSheet(
    sheet="名词解释补充",
    attribute="glossary_extra",
    title="其他专用名词（可选）",
    columns=(Column("term", "名词"), Column("explanation", "解释")),
    help="标准名词和本部门使用的功能分类科目由程序生成；此处只填本部门特有的名词。",
)

LIST_SHEETS = (BUDGET_SHEET, EVALUATION_SHEET, INDICATOR_SHEET, KEY_WORK_SHEET, GLOSSARY_SHEET)

EVALUATION_KIND_DEPARTMENT = "部门整体"
EVALUATION_KIND_PROJECT = "项目"

FUND_KINDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def field_label(cls: type, name: str) -> str:
    return next(f.metadata["label"] for f in fields(cls) if f.name == name)


def sheet_names() -> tuple[str, ...]:
    """Every sheet of the template, in order."""
    info, *rest = FIELD_SHEETS
    return (
        INSTRUCTIONS_SHEET,
        info.sheet,
        FUNCTIONS_SHEET,
        *(t.sheet for t in TABLE_SHEETS),
        *(f.sheet for f in rest),
        *(s.sheet for s in LIST_SHEETS),
    )


REQUIRED_SHEETS = (FIELD_SHEETS[0].sheet, *(t.sheet for t in TABLE_SHEETS))
