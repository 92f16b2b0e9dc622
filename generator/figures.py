"""Every number the 情况说明 quotes, computed once from the model: pure functions, no I/O.

``compute_figures(accounts, percent_decimals=…, grades=…)`` returns a tree of frozen dataclasses:
totals, shares of a whole (rounded by largest remainder so that the printed parts add up to exactly
100%), changes against last year, completion of the 年初预算, the performance self-evaluation scores
and the subjects actually used. Nothing here divides by zero: a missing prior year, a prior year of 0
and a budget of 0 each have their own ``state`` that the templates test to choose their wording.

Every field carries a Chinese ``help`` (``field(metadata=…)``): the template variables reference is
generated from these declarations. Names of parts (``财政拨款收入`` …) are the official line labels, not
sentences: sentences live in the Word templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from generator import catalog
from generator.model import ZERO, DepartmentAccounts, Evaluation, Line, PerformanceManagement, SubjectTable
from generator.rounding import largest_remainder_percentages
from generator.scoring import DEFAULT_GRADES, Grade, execution_score, grade_of, total_score

__all__ = [
    "DEFAULT_GRADES",
    "ChangeState",
    "Completion",
    "CompletionState",
    "Figures",
    "Grade",
    "Part",
    "PerformanceSummary",
    "Ratio",
    "compute_figures",
]

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def h(text: str) -> dict[str, Any]:
    """Field metadata: the Chinese help shown in the template variables reference."""
    return {"help": text}


# =========================================================================== building blocks


class ChangeState(StrEnum):
    """How an amount compares with a base (last year's figure, or the budget)."""

    INCREASE = "increase"  # 增加 / 增长
    DECREASE = "decrease"  # 减少 / 下降
    FLAT = "flat"  # 持平
    NO_BASE = "no_base"  # no prior year (new department): 无法形成对比
    FROM_ZERO = "from_zero"  # base 0, current > 0: the amount is known, a percentage is not


class CompletionState(StrEnum):
    COMPUTED = "computed"  # 完成年初预算的 xx%
    BUDGET_ZERO = "budget_zero"  # 由于预算数为0，无法计算完成率


@dataclass(frozen=True)
class Change:
    """An amount against a base: the difference in 万元 and in percent."""

    current: Decimal = field(metadata=h("本年数（万元）"))
    base: Decimal | None = field(metadata=h("比较基数（上年数或预算数，万元）；无上年数时为空"))
    amount: Decimal | None = field(metadata=h("增减额的绝对值（万元）；无法比较时为空"))
    percent: Decimal | None = field(metadata=h("增减幅度的绝对值（%）；基数为0或无基数时为空"))
    state: ChangeState = field(metadata=h(
        "比较状态：increase 增加、decrease 减少、flat 持平、no_base 无上年数（无法形成对比）、"
        "from_zero 上年为0（只能说明增加额，不能计算增长率）"))


@dataclass(frozen=True)
class Completion:
    """决算数 against 年初预算数."""

    budget: Decimal = field(metadata=h("年初预算数（万元）"))
    actual: Decimal = field(metadata=h("决算数（万元）"))
    rate: Decimal | None = field(metadata=h("完成年初预算的百分比（%）；预算数为0时为空"))
    state: CompletionState = field(metadata=h(
        "computed 可计算完成率；budget_zero 预算数为0（“由于预算数为0，无法计算完成率”）"))
    versus: Change = field(metadata=h("决算数与预算数比较（决算数大于/小于/等于预算数）"))


@dataclass(frozen=True)
class Part:
    """One part of a whole with its share; the shares of one whole add up to exactly 100%."""

    key: str = field(metadata=h("稳定的英文键，如 appropriation、basic"))
    name: str = field(metadata=h("名称，如 财政拨款收入、基本支出"))
    amount: Decimal = field(metadata=h("金额（万元）"))
    share: Decimal = field(metadata=h("占整体的百分比（%，最大余数法舍入，同一整体各部分合计恰为100）"))


@dataclass(frozen=True)
class Ratio:
    """A part against a whole that is not split into shares (e.g. 授予中小企业合同金额 / 采购总额)."""

    part: Decimal = field(metadata=h("部分金额（万元）"))
    whole: Decimal = field(metadata=h("整体金额（万元）"))
    percent: Decimal | None = field(metadata=h("部分占整体的百分比（%）；整体为0时为空"))


def _pct(numerator: Decimal, denominator: Decimal, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return (numerator * HUNDRED / denominator).quantize(quantum, rounding=ROUND_HALF_UP)


def change(current: Decimal, base: Decimal | None, decimals: int) -> Change:
    """``current`` against ``base``; never divides by zero."""
    if base is None:
        return Change(current, None, None, None, ChangeState.NO_BASE)
    diff = current - base
    if diff == 0:
        return Change(current, base, ZERO, _zero_pct(decimals), ChangeState.FLAT)
    if base == 0:
        return Change(current, base, abs(diff), None, ChangeState.FROM_ZERO if diff > 0 else ChangeState.DECREASE)
    state = ChangeState.INCREASE if diff > 0 else ChangeState.DECREASE
    return Change(current, base, abs(diff), _pct(abs(diff), abs(base), decimals), state)


def completion(budget: Decimal, actual: Decimal, decimals: int) -> Completion:
    versus = change(actual, budget, decimals)
    if budget == 0:
        return Completion(budget, actual, None, CompletionState.BUDGET_ZERO, versus)
    return Completion(budget, actual, _pct(actual, budget, decimals), CompletionState.COMPUTED, versus)


def ratio(part: Decimal, whole: Decimal, decimals: int) -> Ratio:
    return Ratio(part, whole, None if whole == 0 else _pct(part, whole, decimals))


def shares(items: Sequence[tuple[str, str, Decimal]], decimals: int) -> tuple[Part, ...]:
    """Parts of one whole; zero and negative amounts get a share of 0 and do not disturb the others."""
    positive = [max(amount, ZERO) for _, _, amount in items]
    percents = largest_remainder_percentages(positive, decimals)
    return tuple(Part(k, n, a, p) for (k, n, a), p in zip(items, percents, strict=True))


def _zero_pct(decimals: int) -> Decimal:
    return Decimal(0).quantize(Decimal(1).scaleb(-decimals))


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


# =========================================================================== sections


@dataclass(frozen=True)
class TotalFigures:
    """一、收入支出决算总体情况 (表1 总计)."""

    grand_total: Decimal = field(metadata=h("本年收、支总计（表1总计，万元）"))
    change: Change = field(metadata=h("与上年收、支总计比较"))


@dataclass(frozen=True)
class IncomeFigures:
    """二、收入决算情况 (表1 rows 1-8)."""

    total: Decimal = field(metadata=h("本年收入合计（万元）"))
    parts: tuple[Part, ...] = field(metadata=h(
        "收入来源及占本年收入合计的比例：财政拨款收入（表1第1-3行）、上级补助收入、事业收入、经营收入、"
        "附属单位上缴收入、其他收入（含为0的来源）"))
    appropriation: Decimal = field(metadata=h("财政拨款收入（一般公共预算、政府性基金预算、国有资本经营预算合计）"))


@dataclass(frozen=True)
class ExpenditureFigures:
    """三、支出决算情况 (表3 合计)."""

    total: Decimal = field(metadata=h("本年支出合计（万元）"))
    parts: tuple[Part, ...] = field(metadata=h(
        "支出构成及占本年支出合计的比例：基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出（含为0的）"))


@dataclass(frozen=True)
class AppropriationFigures:
    """四、财政拨款收入支出决算总体情况 (表4)."""

    grand_total: Decimal = field(metadata=h("财政拨款收、支总计（表4总计，万元）"))
    change: Change = field(metadata=h("与上年财政拨款收、支总计比较"))
    income_total: Decimal = field(metadata=h("本年财政拨款收入合计"))
    expenditure_total: Decimal = field(metadata=h("本年财政拨款支出合计"))
    carryover_begin: Decimal = field(metadata=h("年初财政拨款结转和结余"))
    carryover_end: Decimal = field(metadata=h("年末财政拨款结转和结余"))


@dataclass(frozen=True)
class SubjectPath:
    """A functional subject with the names of its 类 and 款."""

    code: str = field(metadata=h("科目编码（3、5或7位）"))
    level: str = field(metadata=h("类、款或项"))
    class_name: str = field(metadata=h("类级科目名称"))
    kuan_name: str = field(metadata=h("款级科目名称（类级科目为空）"))
    item_name: str = field(metadata=h("项级科目名称（类、款级科目为空）"))

    @property
    def name(self) -> str:
        return self.item_name or self.kuan_name or self.class_name


@dataclass(frozen=True)
class SubjectBudget:
    """One functional subject (类 or 项) of 五（三）/八/九: 年初预算 against 决算."""

    path: SubjectPath = field(metadata=h("科目及其类、款名称"))
    completion: Completion = field(metadata=h("年初预算与决算"))
    basic: Decimal = field(metadata=h("其中基本支出（万元）"))
    project: Decimal = field(metadata=h("其中项目支出（万元）"))
    full_year: Decimal | None = field(metadata=h(
        "全年预算数（年中调整后的预算，万元）；该资金性质未填写全年预算时为空"))
    full_year_completion: Completion | None = field(metadata=h("全年预算与决算；未填写全年预算时为空"))
    reason: str = field(metadata=h("决算数与年初预算数差异原因（工作簿“年初预算”表）"))
    use: str = field(metadata=h("主要用途（工作簿“年初预算”表）"))
    item_names: tuple[str, ...] = field(metadata=h("类级科目下使用的项级科目名称（八、政府性基金“主要用于”）"))


@dataclass(frozen=True)
class GeneralBudgetFigures:
    """五、一般公共预算财政拨款支出决算情况 (表5)."""

    total: Decimal = field(metadata=h("一般公共预算财政拨款支出（表5合计，万元）"))
    basic: Decimal = field(metadata=h("其中基本支出"))
    project: Decimal = field(metadata=h("其中项目支出"))
    share_of_expenditure: Ratio = field(metadata=h("占本年支出合计（表1）的比例"))
    change: Change = field(metadata=h("与上年一般公共预算财政拨款支出比较"))
    classes: tuple[Part, ...] = field(metadata=h("按功能分类类级科目的结构（表4所列各类，含为0的类），占表5合计的比例"))
    completion: Completion = field(metadata=h(
        "年初预算合计与决算合计；年初预算合计取“年初预算”表的“合计”行，未填时为各类级科目之和"))
    full_year_budget: Decimal | None = field(metadata=h(
        "全年预算合计（“合计”行的全年预算数，未填时为各类级科目之和）；未填写全年预算时为空"))
    full_year_completion: Completion | None = field(metadata=h("全年预算合计与决算合计；未填写全年预算时为空"))
    by_class: tuple[SubjectBudget, ...] = field(metadata=h("按类级科目的年初预算与决算（表4所列各类）"))
    by_item: tuple[SubjectBudget, ...] = field(metadata=h(
        "按项级科目的年初预算与决算（表5项级科目及有预算的项级科目）"))


@dataclass(frozen=True)
class BasicFigures:
    """六、一般公共预算财政拨款基本支出决算情况 (表6)."""

    total: Decimal = field(metadata=h("基本支出（表5合计行的基本支出，万元）"))
    personnel: Part = field(metadata=h(
        "人员经费（表6人员经费合计）及占人员经费与公用经费之和的比例；与表5基本支出的尾差由规则 X-T5-T6-01 报告"))
    public: Part = field(metadata=h("公用经费及占基本支出的比例"))
    personnel_subjects: tuple[str, ...] = field(metadata=h("人员经费中使用的经济分类科目名称（表6非零行）"))
    public_subjects: tuple[str, ...] = field(metadata=h("公用经费中使用的经济分类科目名称（表6非零行）"))


@dataclass(frozen=True)
class ThreePublicItem:
    key: str = field(metadata=h("total、outbound、vehicle、vehicle_purchase、vehicle_operation、reception"))
    name: str = field(metadata=h("名称"))
    completion: Completion = field(metadata=h("预算数与决算数"))
    change: Change = field(metadata=h("决算数与上年决算数比较"))
    share: Decimal = field(metadata=h("占“三公”经费决算合计的比例（%）；合计为0时为0"))


@dataclass(frozen=True)
class ThreePublicFigures:
    """七、“三公”经费 (表7 and the details sheet)."""

    total: ThreePublicItem = field(metadata=h("“三公”经费合计"))
    outbound: ThreePublicItem = field(metadata=h("因公出国（境）费"))
    vehicle: ThreePublicItem = field(metadata=h("公务用车购置及运行费"))
    vehicle_purchase: ThreePublicItem = field(metadata=h("公务用车购置费"))
    vehicle_operation: ThreePublicItem = field(metadata=h("公务用车运行维护费"))
    reception: ThreePublicItem = field(metadata=h("公务接待费"))
    is_empty: bool = field(metadata=h("预算数和决算数均为0（本部门无“三公”经费财政拨款支出）"))


@dataclass(frozen=True)
class FundFigures:
    """八、政府性基金 (表8) / 九、国有资本经营 (表9)."""

    carryover_begin: Decimal = field(metadata=h("年初结转和结余（万元）；表中无此列时取表4对应数"))
    income: Decimal = field(metadata=h("本年收入；表中无此列时（如表9）取表4对应的财政拨款收入"))
    total: Decimal = field(metadata=h("本年支出"))
    basic: Decimal = field(metadata=h("其中基本支出"))
    project: Decimal = field(metadata=h("其中项目支出"))
    carryover_end: Decimal = field(metadata=h("年末结转和结余；表中无此列时取表4对应数"))
    by_class: tuple[SubjectBudget, ...] = field(metadata=h("按类级科目（表中的类级行）"))
    by_item: tuple[SubjectBudget, ...] = field(metadata=h("按项级科目，含年初预算"))
    is_empty: bool = field(metadata=h("本表无数据"))


@dataclass(frozen=True)
class OfficeCostFigures:
    amount: Decimal = field(metadata=h("机关运行经费支出（万元）"))
    change: Change = field(metadata=h("与上年比较"))


@dataclass(frozen=True)
class ProcurementFigures:
    total: Decimal = field(metadata=h("政府采购支出总额（万元）"))
    goods: Decimal = field(metadata=h("货物"))
    works: Decimal = field(metadata=h("工程"))
    services: Decimal = field(metadata=h("服务"))
    sme: Ratio = field(metadata=h("授予中小企业合同金额占政府采购支出总额"))
    small_micro: Ratio = field(metadata=h("授予小微企业合同金额占授予中小企业合同金额"))
    sme_goods: Ratio = field(metadata=h("货物采购授予中小企业合同金额占货物支出金额"))
    sme_works: Ratio = field(metadata=h("工程采购授予中小企业合同金额占工程支出金额"))
    sme_services: Ratio = field(metadata=h("服务采购授予中小企业合同金额占服务支出金额"))
    reserved_sme_budget: Decimal = field(metadata=h("面向中小企业预留项目预算金额"))
    reserved_small_micro_budget: Decimal = field(metadata=h("面向小微企业预留项目预算金额"))
    reserved_sme_awarded: Decimal = field(metadata=h("面向中小企业预留项目中由中小企业中标或成交的采购金额"))
    reserved_small_micro_awarded: Decimal = field(metadata=h("面向小微企业预留项目中由小微企业中标或成交的采购金额"))
    other_sme_awarded: Decimal = field(metadata=h("其他政府采购项目中由中小企业中标或成交的采购金额"))


@dataclass(frozen=True)
class IndicatorFigures:
    level1: str = field(metadata=h("一级指标"))
    level2: str = field(metadata=h("二级指标"))
    name: str = field(metadata=h("三级指标"))
    target: str = field(metadata=h("年初目标值"))
    actual: str = field(metadata=h("实际完成值"))
    weight: Decimal = field(metadata=h("分值"))
    score: Decimal | None = field(metadata=h("得分；工作簿中空白时为空"))


@dataclass(frozen=True)
class EvaluationFigures:
    """One 绩效自评表 with its computed execution rate, scores and grade."""

    name: str = field(metadata=h("项目名称（部门整体为其名称）"))
    is_department: bool = field(metadata=h("是否部门整体支出"))
    competent_department: str = field(metadata=h("主管部门"))
    implementing_unit: str = field(metadata=h("项目实施单位"))
    fund: str = field(metadata=h("资金性质"))
    budget: Decimal = field(metadata=h("预算数A（万元）"))
    executed: Decimal = field(metadata=h("执行数B（万元）"))
    execution_rate: Decimal | None = field(metadata=h("执行率B/A（%）；预算数为0时为空"))
    execution_weight: Decimal = field(metadata=h("执行率分值"))
    execution_score: Decimal = field(metadata=h("执行率得分=分值×执行率，不超过分值"))
    goal: str = field(metadata=h("年度目标"))
    achieved: str = field(metadata=h("全年实际完成情况"))
    goal_weight: Decimal = field(metadata=h("目标分值"))
    goal_score: Decimal | None = field(metadata=h("目标得分；工作簿中空白时为空"))
    indicators: tuple[IndicatorFigures, ...] = field(metadata=h("绩效指标"))
    indicator_weight: Decimal = field(metadata=h("指标分值合计"))
    indicator_score: Decimal = field(metadata=h("指标得分合计"))
    total_score: Decimal | None = field(metadata=h(
        "总分=执行率得分+目标得分+指标得分；工作簿未填写任何得分（目标得分和指标得分均空白）时为空，不打印得分和等级"))
    grade: str = field(metadata=h("自评等级（按总分）；未评分时为空字符串"))
    scored: bool = field(metadata=h("是否已评分（目标得分或指标得分至少填写一项）"))
    deviation_reason: str = field(metadata=h("偏差大或目标未完成原因分析"))
    measures: str = field(metadata=h("改进措施及结果应用方案"))


@dataclass(frozen=True)
class GradeCount:
    label: str = field(metadata=h("等级"))
    count: int = field(metadata=h("项目个数"))


@dataclass(frozen=True)
class PerformanceSummary:
    """The project self-evaluations in one sentence (上海 十: 绩效自评的项目N个，涉及预算金额…，平均得分…):
    as the department states them (「绩效管理」表), else computed from the score tables (「绩效自评」)."""

    known: bool = field(metadata=h(
        "有绩效自评汇总：填写了“绩效自评的项目数”，或「绩效自评」表中有项目；为假时文档不写绩效自评的项目数"))
    stated: bool = field(metadata=h("取自「绩效管理」表的填写数（为假时按「绩效自评」表计算）"))
    count: int = field(metadata=h("绩效自评的项目个数"))
    amount: Decimal = field(metadata=h("绩效自评项目涉及的预算金额（万元）"))
    average_score: Decimal | None = field(metadata=h("已评分项目的平均得分；没有已评分的项目（或未填写）时为空"))
    scored_count: int = field(metadata=h("已评分的项目个数（各等级项目个数之和）"))
    grade_counts: tuple[GradeCount, ...] = field(metadata=h("各自评等级的项目个数（按等级顺序，只计已评分的项目）"))


@dataclass(frozen=True)
class PerformanceFigures:
    department: EvaluationFigures | None = field(metadata=h("部门整体支出绩效自评；未填写时为空"))
    projects: tuple[EvaluationFigures, ...] = field(metadata=h("项目支出绩效自评，每个项目一个"))
    project_count: int = field(metadata=h("开展自评的项目个数"))
    project_budget: Decimal = field(metadata=h("自评项目预算数合计（万元）"))
    project_executed: Decimal = field(metadata=h("自评项目执行数合计（万元）"))
    share_of_project_expenditure: Ratio = field(metadata=h("自评项目执行数占一般公共预算项目支出（表5）的比例"))
    average_score: Decimal | None = field(metadata=h("已评分自评项目的平均得分；无已评分项目时为空"))
    grade_counts: tuple[GradeCount, ...] = field(metadata=h("各自评等级的项目个数（按等级顺序，只计已评分的项目）"))
    scored_count: int = field(metadata=h("已评分（填写了得分）的自评项目个数"))
    problems_in_progress: int = field(metadata=h("正在整改的问题个数（发现问题数-已整改数）"))
    summary: PerformanceSummary = field(metadata=h(
        "绩效自评汇总（项目数、预算金额、平均得分、各等级个数）：「绩效管理」表填写的，否则按「绩效自评」表计算"))


@dataclass(frozen=True)
class EconomicUse:
    code: str = field(metadata=h("经济分类科目编码"))
    name: str = field(metadata=h("经济分类科目名称"))
    amount: Decimal = field(metadata=h("决算数（万元）"))


@dataclass(frozen=True)
class Figures:
    """Every computed figure of one department's document."""

    percent_decimals: int = field(metadata=h("百分比小数位数"))
    year: int = field(metadata=h("决算年度"))
    prior_year: int = field(metadata=h("上一年度"))
    total: TotalFigures = field(metadata=h("一、收入支出决算总体情况"))
    income: IncomeFigures = field(metadata=h("二、收入决算情况"))
    expenditure: ExpenditureFigures = field(metadata=h("三、支出决算情况"))
    appropriation: AppropriationFigures = field(metadata=h("四、财政拨款收入支出决算总体情况"))
    general_budget: GeneralBudgetFigures = field(metadata=h("五、一般公共预算财政拨款支出决算情况"))
    basic: BasicFigures = field(metadata=h("六、一般公共预算财政拨款基本支出决算情况"))
    three_public: ThreePublicFigures = field(metadata=h("七、“三公”经费"))
    gov_fund: FundFigures = field(metadata=h("八、政府性基金预算财政拨款"))
    state_capital: FundFigures = field(metadata=h("九、国有资本经营预算财政拨款"))
    office_cost: OfficeCostFigures = field(metadata=h("机关运行经费"))
    procurement: ProcurementFigures = field(metadata=h("政府采购"))
    performance: PerformanceFigures = field(metadata=h("预算绩效"))
    subjects_used: tuple[SubjectPath, ...] = field(metadata=h("本部门使用的支出功能分类科目（到项级，表2、表3）"))
    personnel_used: tuple[EconomicUse, ...] = field(metadata=h("人员经费使用的经济分类科目（表6非零行）"))
    public_used: tuple[EconomicUse, ...] = field(metadata=h("公用经费使用的经济分类科目（表6非零行）"))


# =========================================================================== computation

INCOME_PARTS = (
    ("appropriation", "财政拨款收入", ("inc_general_budget", "inc_gov_fund", "inc_state_capital")),
    ("higher_subsidy", "上级补助收入", ("inc_higher_subsidy",)),
    ("business", "事业收入", ("inc_business",)),
    ("operating", "经营收入", ("inc_operating",)),
    ("subordinate", "附属单位上缴收入", ("inc_subordinate",)),
    ("other", "其他收入", ("inc_other",)),
)

EXPENDITURE_PARTS = (
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("remit_higher", "上缴上级支出"),
    ("operating", "经营支出"),
    ("subsidy_subordinate", "对附属单位补助支出"),
)

PERSONNEL_ROOTS = ("301", "303")
PUBLIC_ROOTS = ("302", "307", "310", "399")

FUND_GENERAL, FUND_GOV, FUND_CAPITAL = "一般公共预算", "政府性基金预算", "国有资本经营预算"


def compute_figures(accounts: DepartmentAccounts, *, percent_decimals: int = 1,
                    grades: Sequence[Grade] = DEFAULT_GRADES) -> Figures:
    """All figures of the document. ``percent_decimals``: 1 (湖北) or 2 (湖南)."""
    d = percent_decimals
    a = accounts
    t1, t3, t4, t5 = (a.t1_income_expenditure_summary, a.t3_expenditure, a.t4_appropriation_summary,
                      a.t5_general_budget_expenditure)
    prior = a.prior

    total = TotalFigures(t1.amount("income_grand_total"),
                         change(t1.amount("income_grand_total"), prior.income_expenditure_grand_total, d))

    income_items = [(key, name, _sum(t1.amount(k) for k in keys)) for key, name, keys in INCOME_PARTS]
    income = IncomeFigures(t1.amount("income_total"), shares(income_items, d), income_items[0][2])

    expenditure = ExpenditureFigures(
        t3.total["total"], shares([(k, n, t3.total[k]) for k, n in EXPENDITURE_PARTS], d))

    appropriation = AppropriationFigures(
        grand_total=t4.amount("income_grand_total"),
        change=change(t4.amount("income_grand_total"), prior.appropriation_grand_total, d),
        income_total=t4.amount("income_total"),
        expenditure_total=t4.amount("expenditure_total", "total"),
        carryover_begin=t4.amount("carryover_begin"),
        carryover_end=t4.amount("carryover_end", "total"),
    )

    return Figures(
        percent_decimals=d,
        year=a.info.year,
        prior_year=a.info.year - 1,
        total=total,
        income=income,
        expenditure=expenditure,
        appropriation=appropriation,
        general_budget=_general_budget(a, d),
        basic=_basic(a, d),
        three_public=_three_public(a, d),
        gov_fund=_fund(a.t8_government_fund, a, FUND_GOV, "gov_fund", d),
        state_capital=_fund(a.t9_state_capital, a, FUND_CAPITAL, "state_capital", d),
        office_cost=OfficeCostFigures(a.office_cost.amount, change(a.office_cost.amount,
                                                                   prior.office_operating_cost, d)),
        procurement=_procurement(a, d),
        performance=_performance(a, t5, d, grades),
        subjects_used=subjects_used(a),
        personnel_used=economic_used(a, PERSONNEL_ROOTS),
        public_used=economic_used(a, PUBLIC_ROOTS),
    )


# --------------------------------------------------------------------------- subjects


class _Names:
    """Names of functional subjects, looked up in the tables in a fixed order of preference."""

    def __init__(self, *tables: SubjectTable) -> None:
        self.names: dict[str, str] = {}
        for table in tables:
            for row in table.rows:
                self.names.setdefault(row.code, row.name)

    def path(self, code: str, tables: Sequence[SubjectTable] = (), fallback: str = "") -> SubjectPath:
        def name(c: str) -> str:
            for t in tables:
                row = t.row(c)
                if row is not None and row.name:
                    return row.name
            found = self.names.get(c)
            if found:
                return found
            if len(c) == 3:
                fc = catalog.class_by_code(c)
                if fc is not None:
                    return fc.name
            return fallback if c == code else ""

        level = {3: "类", 5: "款", 7: "项"}.get(len(code), "")
        return SubjectPath(
            code=code,
            level=level,
            class_name=name(code[:3]),
            kuan_name=name(code[:5]) if len(code) >= 5 else "",
            item_name=name(code) if len(code) == 7 else "",
        )


def subjects_used(accounts: DepartmentAccounts) -> tuple[SubjectPath, ...]:
    """The deepest used subjects of 表2 and 表3 (a row none of whose descendants is used), by code.

    A row is used when any of its amounts is not zero. Names come from 表3, then 表2, for the whole
    path of each subject, so that one subject is never written with two tables' names.
    """
    t2, t3 = accounts.t2_income, accounts.t3_expenditure
    codes = {r.code for t in (t2, t3) for r in t.rows if not r.is_zero()}
    leaves = sorted(c for c in codes if not any(o != c and o.startswith(c) for o in codes))
    names = _Names(t3, t2)
    out = []
    for code in leaves:
        source = t3 if t3.row(code) is not None and not t3.row(code).is_zero() else t2  # type: ignore[union-attr]
        out.append(names.path(code, (source,)))
    return tuple(out)


def economic_used(accounts: DepartmentAccounts, roots: Sequence[str]) -> tuple[EconomicUse, ...]:
    """Non-zero rows of 表6 under ``roots``: the 5-digit subjects, and a 3-digit subject only when none
    of its 5-digit subjects is non-zero (e.g. 399 其他支出 filled without detail)."""
    rows = [r for r in accounts.t6_general_budget_basic_expenditure.rows if r.code[:3] in roots]
    nonzero = [r for r in rows if r["amount"] != 0]
    detailed = {r.code[:3] for r in nonzero if len(r.code) == 5}
    chosen = [r for r in nonzero if len(r.code) == 5 or (len(r.code) == 3 and r.code not in detailed)]
    chosen.sort(key=lambda r: (roots.index(r.code[:3]), r.code))
    return tuple(EconomicUse(r.code, r.name, r["amount"]) for r in chosen)


# --------------------------------------------------------------------------- 五 general budget


def _budget_lines(accounts: DepartmentAccounts, fund: str) -> dict[str, Any]:
    lines: dict[str, Any] = {}
    for line in accounts.budget:
        if line.fund == fund and line.code not in lines:
            lines[line.code] = line
    return lines


def _class_budget(code: str, lines: dict[str, Any]) -> Decimal:
    """The 年初预算 of a class: its own line, else the sum of its 项 lines (else of its 款 lines)."""
    if code in lines:
        return lines[code].budget
    items = [ln.budget for c, ln in lines.items() if len(c) == 7 and c.startswith(code)]
    if items:
        return _sum(items)
    return _sum(ln.budget for c, ln in lines.items() if len(c) == 5 and c.startswith(code))


def _general_budget(a: DepartmentAccounts, d: int) -> GeneralBudgetFigures:
    t1, t4, t5 = a.t1_income_expenditure_summary, a.t4_appropriation_summary, a.t5_general_budget_expenditure
    lines = _budget_lines(a, FUND_GENERAL)
    names = _Names(t5, a.t3_expenditure, a.t2_income)

    class_codes = [c.code for c in t4.classes]
    class_codes += [r.code for r in t5.by_level("类") if r.code not in class_codes]
    class_codes += sorted({c[:3] for c in lines} - set(class_codes))

    def class_amount(code: str) -> Decimal:
        row = t5.row(code)
        if row is not None:
            return row["total"]
        line = t4.class_line(code)
        return line["general_budget"] if line is not None else ZERO

    classes = shares([(c, names.path(c).class_name, class_amount(c)) for c in class_codes], d)

    full_year = _full_year_given(a, FUND_GENERAL)
    by_class = tuple(_subject_budget(names.path(c), _class_budget(c, lines), t5.row(c), lines.get(c), d,
                                     (t5,), _class_full_year(c, lines) if full_year else None)
                     for c in class_codes)
    item_codes = sorted({r.code for r in t5.by_level("项")} | {c for c in lines if len(c) == 7})
    by_item = tuple(_subject_budget(names.path(c, (t5,), fallback=_line_name(lines.get(c))),
                                    lines[c].budget if c in lines else ZERO, t5.row(c), lines.get(c), d, (t5,),
                                    _line_full_year(lines.get(c)) if full_year else None)
                    for c in item_codes)
    stated = a.budget_total(FUND_GENERAL)
    # the department's own 合计 when stated: the sum of its rounded subjects may differ by a cent (S-BUDG-05)
    budget_total = (stated.budget if stated is not None and stated.budget is not None
                    else _sum(_class_budget(c, lines) for c in {c[:3] for c in lines}))
    full_year_total = None
    if full_year:
        full_year_total = (stated.full_year if stated is not None and stated.full_year is not None
                           else _sum(_class_full_year(c, lines) for c in {c[:3] for c in lines}))
    total = t5.total["total"]
    return GeneralBudgetFigures(
        total=total,
        basic=t5.total["basic"],
        project=t5.total["project"],
        share_of_expenditure=ratio(total, t1.amount("expenditure_total"), d),
        change=change(total, a.prior.general_budget_expenditure, d),
        classes=classes,
        completion=completion(budget_total, total, d),
        full_year_budget=full_year_total,
        full_year_completion=completion(full_year_total, total, d) if full_year_total is not None else None,
        by_class=by_class,
        by_item=by_item,
    )


def _full_year_given(accounts: DepartmentAccounts, fund: str) -> bool:
    """The department gave 全年预算 for ``fund`` (on any of its lines or its 合计 row)."""
    stated = accounts.budget_total(fund)
    return (any(ln.fund == fund and ln.full_year is not None for ln in accounts.budget)
            or (stated is not None and stated.full_year is not None))


def _line_full_year(line: Any) -> Decimal:
    return line.full_year if line is not None and line.full_year is not None else ZERO


def _class_full_year(code: str, lines: dict[str, Any]) -> Decimal:
    """The 全年预算 of a class, as ``_class_budget`` finds its 年初预算."""
    if code in lines:
        return _line_full_year(lines[code])
    items = [_line_full_year(ln) for c, ln in lines.items() if len(c) == 7 and c.startswith(code)]
    if items:
        return _sum(items)
    return _sum(_line_full_year(ln) for c, ln in lines.items() if len(c) == 5 and c.startswith(code))


def _line_name(line: Any) -> str:
    return line.name if line is not None else ""


def _subject_budget(path: SubjectPath, budget: Decimal, row: Line | None, line: Any, d: int,
                    tables: Sequence[SubjectTable], full_year: Decimal | None = None) -> SubjectBudget:
    actual = row["total"] if row is not None else ZERO
    items: tuple[str, ...] = ()
    if path.level == "类":
        items = tuple(r.name for t in tables for r in t.rows
                      if len(r.code) == 7 and r.code.startswith(path.code) and not r.is_zero())
    return SubjectBudget(
        path=path,
        completion=completion(budget, actual, d),
        full_year=full_year,
        full_year_completion=completion(full_year, actual, d) if full_year is not None else None,
        basic=row["basic"] if row is not None else ZERO,
        project=row["project"] if row is not None else ZERO,
        reason=line.reason if line is not None else "",
        use=line.use if line is not None else "",
        item_names=items,
    )


# --------------------------------------------------------------------------- 六 basic


def _basic(a: DepartmentAccounts, d: int) -> BasicFigures:
    t6 = a.t6_general_budget_basic_expenditure
    personnel, public = t6.personnel_total["amount"], t6.public_total["amount"]
    p, q = shares([("personnel", "人员经费", personnel), ("public", "公用经费", public)], d)
    return BasicFigures(
        total=a.t5_general_budget_expenditure.total["basic"],
        personnel=p,
        public=q,
        personnel_subjects=tuple(u.name for u in economic_used(a, PERSONNEL_ROOTS)),
        public_subjects=tuple(u.name for u in economic_used(a, PUBLIC_ROOTS)),
    )


# --------------------------------------------------------------------------- 七 三公


def _three_public(a: DepartmentAccounts, d: int) -> ThreePublicFigures:
    t7, prior = a.t7_three_public, a.prior
    budget, actual = t7.budget, t7.actual
    vehicle_prior = (None if prior.three_public_vehicle_purchase is None or prior.three_public_vehicle_operation is None
                     else prior.three_public_vehicle_purchase + prior.three_public_vehicle_operation)
    parts = shares([("outbound", "", actual["outbound"]), ("vehicle", "", actual["vehicle_total"]),
                    ("reception", "", actual["reception"])], d)
    share = {p.key: p.share for p in parts}
    vehicle_total = actual["vehicle_total"]
    sub = (largest_remainder_percentages([actual["vehicle_purchase"], actual["vehicle_operation"]], d)
           if vehicle_total else [_zero_pct(d), _zero_pct(d)])

    def item(key: str, name: str, column: str, prior_value: Decimal | None, item_share: Decimal) -> ThreePublicItem:
        return ThreePublicItem(key, name, completion(budget[column], actual[column], d),
                               change(actual[column], prior_value, d), item_share)

    hundred = Decimal(100).quantize(Decimal(1).scaleb(-d)) if actual["total"] else _zero_pct(d)
    return ThreePublicFigures(
        total=item("total", "“三公”经费", "total", prior.three_public_total, hundred),
        outbound=item("outbound", "因公出国（境）费", "outbound", prior.three_public_outbound, share["outbound"]),
        vehicle=item("vehicle", "公务用车购置及运行费", "vehicle_total", vehicle_prior, share["vehicle"]),
        vehicle_purchase=item("vehicle_purchase", "公务用车购置费", "vehicle_purchase",
                              prior.three_public_vehicle_purchase, sub[0]),
        vehicle_operation=item("vehicle_operation", "公务用车运行维护费", "vehicle_operation",
                               prior.three_public_vehicle_operation, sub[1]),
        reception=item("reception", "公务接待费", "reception", prior.three_public_reception, share["reception"]),
        is_empty=budget.is_zero() and actual.is_zero(),
    )


# --------------------------------------------------------------------------- 八 九 funds


def _fund(table: SubjectTable, a: DepartmentAccounts, fund: str, kind: str, d: int) -> FundFigures:
    lines = _budget_lines(a, fund)
    names = _Names(table, a.t3_expenditure, a.t2_income)
    full_year = _full_year_given(a, fund)
    by_class = tuple(_subject_budget(names.path(r.code, (table,)), _class_budget(r.code, lines), r,
                                     lines.get(r.code), d, (table,),
                                     _class_full_year(r.code, lines) if full_year else None)
                     for r in table.by_level("类"))
    item_codes = sorted({r.code for r in table.by_level("项")} | {c for c in lines if len(c) == 7})
    by_item = tuple(_subject_budget(names.path(c, (table,), fallback=_line_name(lines.get(c))),
                                    lines[c].budget if c in lines else ZERO, table.row(c), lines.get(c), d, (table,),
                                    _line_full_year(lines.get(c)) if full_year else None)
                    for c in item_codes)
    t = table.total
    t4 = a.t4_appropriation_summary

    def balance(column: str, t4_line: str, t4_column: str = "amount") -> Decimal:
        # 表9 of most forms has no income or balance columns: 表4 holds the figure the text must agree with
        if any(column in line.cells for line in (t, *table.rows)):
            return t[column]
        return t4.amount(t4_line, t4_column)

    return FundFigures(
        carryover_begin=balance("carryover_begin", f"carryover_begin_{kind}"),
        income=balance("income", f"inc_{kind}"),
        total=t["total"],
        basic=t["basic"],
        project=t["project"],
        carryover_end=balance("carryover_end", "carryover_end", kind),
        by_class=by_class,
        by_item=by_item,
        is_empty=table.is_empty or (t.is_zero() and all(r.is_zero() for r in table.rows)),
    )


# --------------------------------------------------------------------------- 十一 procurement


def _procurement(a: DepartmentAccounts, d: int) -> ProcurementFigures:
    p = a.procurement
    return ProcurementFigures(
        total=p.total, goods=p.goods, works=p.works, services=p.services,
        sme=ratio(p.sme_total, p.total, d),
        small_micro=ratio(p.sme_small_micro, p.sme_total, d),
        sme_goods=ratio(p.sme_goods, p.goods, d),
        sme_works=ratio(p.sme_works, p.works, d),
        sme_services=ratio(p.sme_services, p.services, d),
        reserved_sme_budget=p.reserved_sme_budget,
        reserved_small_micro_budget=p.reserved_small_micro_budget,
        reserved_sme_awarded=p.reserved_sme_awarded,
        reserved_small_micro_awarded=p.reserved_small_micro_awarded,
        other_sme_awarded=p.other_sme_awarded,
    )


# --------------------------------------------------------------------------- 十三 performance


def evaluation_figures(e: Evaluation, d: int, grades: Sequence[Grade] = DEFAULT_GRADES) -> EvaluationFigures:
    """执行率 = B/A; 得分 = weight × B/A (unrounded rate), capped at the weight; 总分 = all scores."""
    rate = None if e.budget == 0 else _pct(e.executed, e.budget, d)
    score = execution_score(e)
    indicators = tuple(IndicatorFigures(i.level1, i.level2, i.name, i.target, i.actual, i.weight,
                                        i.score if i.score_given else None)
                       for i in e.indicators)
    indicator_score = _sum(i.score for i in e.indicators)
    # an evaluation the accountant did not score gets no invented total (blank scores are not zeros)
    total = total_score(e)
    return EvaluationFigures(
        name=e.name, is_department=e.is_department, competent_department=e.competent_department,
        implementing_unit=e.implementing_unit, fund=e.fund, budget=e.budget, executed=e.executed,
        execution_rate=rate, execution_weight=e.execution_weight, execution_score=score,
        goal=e.goal, achieved=e.achieved, goal_weight=e.goal_weight,
        goal_score=e.goal_score if e.goal_score_given else None,
        indicators=indicators, indicator_weight=_sum(i.weight for i in e.indicators),
        indicator_score=indicator_score, total_score=total, grade=grade_of(total, grades) if total is not None else "",
        scored=e.scored,
        deviation_reason=e.deviation_reason, measures=e.measures,
    )


def _performance(a: DepartmentAccounts, t5: SubjectTable, d: int, grades: Sequence[Grade]) -> PerformanceFigures:
    dep = a.department_evaluation
    projects = tuple(evaluation_figures(e, d, grades) for e in a.project_evaluations)
    executed = _sum(p.executed for p in projects)
    scored = [p.total_score for p in projects if p.total_score is not None]
    average = (_sum(scored) / len(scored)).quantize(CENT, rounding=ROUND_HALF_UP) if scored else None
    pm = a.performance_management
    computed = PerformanceSummary(
        known=bool(projects), stated=False, count=len(projects), amount=_sum(p.budget for p in projects),
        average_score=average, scored_count=len(scored),
        grade_counts=tuple(GradeCount(g.label, sum(1 for p in projects if p.grade == g.label)) for g in grades))
    return PerformanceFigures(
        department=evaluation_figures(dep, d, grades) if dep is not None else None,
        projects=projects,
        project_count=len(projects),
        project_budget=_sum(p.budget for p in projects),
        project_executed=executed,
        share_of_project_expenditure=ratio(executed, t5.total["project"], d),
        average_score=average,
        grade_counts=tuple(GradeCount(g.label, sum(1 for p in projects if p.grade == g.label)) for g in grades),
        problems_in_progress=max(pm.problems_found - pm.problems_fixed, 0),
        scored_count=len(scored),
        summary=_stated_summary(pm, grades, computed) if pm.self_evaluated is not None else computed,
    )


def _stated_summary(pm: PerformanceManagement, grades: Sequence[Grade],
                    computed: PerformanceSummary) -> PerformanceSummary:
    """The department's own summary as typed; a figure left blank is the score tables' (rules S-PERF-08—11 keep
    the stated figures whole and true to the tables). The average and the grades go together."""
    amount = pm.self_evaluated_amount
    if amount is None:
        amount = computed.amount if computed.known else ZERO
    if pm.self_evaluated_average_score is None and all(n is None for n in pm.self_evaluated_grades):
        average, grade_counts, scored = computed.average_score, computed.grade_counts, computed.scored_count
    else:
        counts = [n or 0 for n in pm.self_evaluated_grades] + [0] * max(len(grades) - 4, 0)
        grade_counts = tuple(GradeCount(g.label, n) for g, n in zip(grades, counts, strict=False))
        average, scored = pm.self_evaluated_average_score, sum(g.count for g in grade_counts)
    return PerformanceSummary(known=True, stated=True, count=pm.self_evaluated or 0, amount=amount,
                              average_score=average, scored_count=scored, grade_counts=grade_counts)
