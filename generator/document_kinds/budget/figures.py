"""Every figure of the budget's 情况说明, computed from the tables: pure functions, frozen results.

The shared building blocks (``Change``, ``Part``, ``shares`` with the largest-remainder rounding) are the
final accounts' (``generator.figures``); the sections are the ten of seed 003's 情况说明 and the 名词解释's
subjects used. Nothing here words a sentence: the Word template does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.figures import Change, ChangeState, Part, change, h, shares
from generator.model import ZERO, Line

from . import model as M


@dataclass(frozen=True)
class Item:
    """A named amount: a project, an economic subject, a purchase."""

    name: str = field(metadata=h("名称（项目、科目、采购或服务事项）"))
    amount: Decimal = field(metadata=h("金额（万元）"))


@dataclass(frozen=True)
class SubjectProjects:
    """二（二）项目支出 by 项 subject: the subject's amount and the projects under it (表9)."""

    name: str = field(metadata=h("项级功能科目名称（表2）"))
    amount: Decimal = field(metadata=h("该科目的项目支出（万元，表2）"))
    projects: tuple[Item, ...] = field(metadata=h("该科目下的项目（表9，一般公共预算）"))


@dataclass(frozen=True)
class EconomicClass:
    """三 基本支出 by economic class (301, 302 …): its amount and the subjects used (表3, non-zero)."""

    code: str = field(metadata=h("经济分类类级编码（301、302…）"))
    name: str = field(metadata=h("类级科目名称"))
    amount: Decimal = field(metadata=h("金额（万元，表3）"))
    subjects: tuple[str, ...] = field(metadata=h("本类中金额不为0的款级科目名称（表3），“主要用于”"))


@dataclass(frozen=True)
class Appropriation:
    """一、财政拨款收支预算总体情况 (表1)."""

    total: Decimal = field(metadata=h("财政拨款收支总预算（表1 收入总计，万元）"))
    general_budget: Decimal = field(metadata=h("一般公共预算财政拨款本年收入（表1）"))
    gov_fund: Decimal = field(metadata=h("政府性基金预算财政拨款本年收入（表1）"))
    state_capital: Decimal = field(metadata=h("国有资本经营预算财政拨款本年收入（表1）"))
    carryover: Decimal = field(metadata=h("上年结转（表1）"))


@dataclass(frozen=True)
class GeneralBudget:
    """二、一般公共预算支出安排情况 (表2, 表9)."""

    total: Decimal = field(metadata=h("一般公共预算支出预算（表2 合计）"))
    current: Decimal = field(metadata=h("本年预算（表2 合计减一般公共预算结余结转）"))
    carryover: Decimal = field(metadata=h("上年结转（表1 一般公共预算结余结转）"))
    change: Change = field(metadata=h("本年预算与上年预算比较"))
    reason: str = field(metadata=h("增减原因（「上年预算与说明」）"))
    basic: Decimal = field(metadata=h("基本支出（表2）"))
    project: Decimal = field(metadata=h("项目支出（表2）"))
    projects_by_subject: tuple[SubjectProjects, ...] = field(metadata=h("项目支出按项级科目及其项目"))


@dataclass(frozen=True)
class BasicSpending:
    """三、一般公共预算基本支出安排情况 (表3)."""

    total: Decimal = field(metadata=h("基本支出（表3 合计）"))
    personnel: Decimal = field(metadata=h("人员经费（表3）"))
    public: Decimal = field(metadata=h("公用经费（表3）"))
    personnel_classes: tuple[EconomicClass, ...] = field(metadata=h("人员经费的经济分类类级科目（301、303）"))
    public_classes: tuple[EconomicClass, ...] = field(metadata=h("公用经费的经济分类类级科目（302、310）"))


@dataclass(frozen=True)
class ThreePublic:
    """四、“三公”经费 (表4 合计 row) against last year's budget."""

    total: Decimal = field(metadata=h("“三公”经费合计（表4 合计行）"))
    outbound: Decimal = field(metadata=h("因公出国（境）费用"))
    vehicle: Decimal = field(metadata=h("公务用车购置及运行维护费"))
    vehicle_purchase: Decimal = field(metadata=h("公务用车购置费"))
    vehicle_operation: Decimal = field(metadata=h("公务用车运行维护费"))
    reception: Decimal = field(metadata=h("公务接待费"))
    change: Change = field(metadata=h("合计与上年预算比较"))
    reason: str = field(metadata=h("增减原因（「上年预算与说明」）"))
    outbound_change: Change = field(metadata=h("因公出国（境）费用与上年比较（未填上年数时 no_base）"))
    vehicle_change: Change = field(metadata=h("公务用车购置及运行维护费与上年比较"))
    reception_change: Change = field(metadata=h("公务接待费与上年比较"))


@dataclass(frozen=True)
class Fund:
    """五、政府性基金 / 六、国有资本经营预算: the amount (0: worded as absent)."""

    total: Decimal = field(metadata=h("金额（万元）"))
    present: bool = field(metadata=h("是否有此项支出（否：模板写“无……安排的支出”）"))


@dataclass(frozen=True)
class Overall:
    """七、收支预算总体安排 (表6 总计) against last year's budget."""

    total: Decimal = field(metadata=h("收支总预算（表6 收入总计）"))
    change: Change = field(metadata=h("与上年收支总预算比较"))
    reason: str = field(metadata=h("增减原因（「上年预算与说明」）"))


@dataclass(frozen=True)
class Shares:
    """八 收入 / 九 支出: the whole and its non-zero parts with their shares (adding up to 100%)."""

    total: Decimal = field(metadata=h("总额（万元）"))
    parts: tuple[Part, ...] = field(metadata=h("不为0的各部分及其占比（最大余数法，合计恰为100%）"))


@dataclass(frozen=True)
class Procurement:
    total: Decimal = field(metadata=h("政府采购预算合计（表10）"))
    goods: Decimal = field(metadata=h("货物类（表10）"))
    works: Decimal = field(metadata=h("工程类（表10）"))
    services: Decimal = field(metadata=h("服务类（表10）"))


@dataclass(frozen=True)
class Performance:
    overall_target: bool = field(metadata=h("是否设置了整体支出绩效目标（表12 有指标）"))
    first_level: int = field(metadata=h("一级项目支出绩效目标个数（「其他重要事项」）"))
    second_level: int = field(metadata=h("二级项目支出绩效目标个数（表13 的项目数）"))
    priority_projects: int = field(metadata=h("优先保障优秀项目个数"))
    priority_amount: Decimal | None = field(metadata=h("优先保障优秀项目金额（万元），未填为空"))


@dataclass(frozen=True)
class Subject:
    """A 项 subject of 表2 with its 类 and 款 names (名词解释)."""

    code: str = field(metadata=h("项级科目编码"))
    class_name: str = field(metadata=h("类级科目名称"))
    section_name: str = field(metadata=h("款级科目名称"))
    item_name: str = field(metadata=h("项级科目名称"))
    explanation: str = field(default="", metadata=h("科目说明（工作簿「名词解释」，可为空）"))


@dataclass(frozen=True)
class FinanceRow:
    """A line of 表12's 部门总体资金情况: this year's amount and share, and the two years before."""

    group: str = field(metadata=h("收入构成 / 支出构成"))
    name: str = field(metadata=h("财政拨款、其他资金、基本支出、项目支出、合计"))
    current: Decimal = field(metadata=h("当年预算（表6，万元）"))
    share: Decimal | None = field(metadata=h("占当年收入（支出）的百分比；合计行为空"))
    earlier: Decimal | None = field(metadata=h("前年数（「表12 整体支出绩效目标表」，未填为空）"))
    last: Decimal | None = field(metadata=h("上年数（未填为空）"))


@dataclass(frozen=True)
class BudgetFigures:
    appropriation: Appropriation = field(metadata=h("一、财政拨款收支预算总体情况"))
    general_budget: GeneralBudget = field(metadata=h("二、一般公共预算支出安排情况"))
    basic: BasicSpending = field(metadata=h("三、一般公共预算基本支出安排情况"))
    three_public: ThreePublic = field(metadata=h("四、“三公”经费"))
    gov_fund: Fund = field(metadata=h("五、政府性基金预算（表5）"))
    state_capital: Fund = field(metadata=h("六、国有资本经营预算（表1）"))
    overall: Overall = field(metadata=h("七、收支预算总体安排（表6）"))
    income: Shares = field(metadata=h("八、收入预算（表6 收入，占收入总计）"))
    expenditure: Shares = field(metadata=h("九、支出预算（表6 支出类别，占本年支出合计）"))
    office_cost: Decimal = field(metadata=h("十（一）机关运行经费（表3 公用经费）"))
    procurement: Procurement = field(metadata=h("十（二）政府采购预算（表10）"))
    services: Shares = field(metadata=h("十（三）政府购买服务（表11，各事项）"))
    performance: Performance = field(metadata=h("十（五）预算绩效管理"))
    subjects: tuple[Subject, ...] = field(metadata=h("名词解释：表2、表5 中使用的项级功能科目"))
    finance: tuple[FinanceRow, ...] = field(default=(), metadata=h(
        "表12 部门总体资金情况：收入构成（财政拨款、其他资金、合计）、支出构成（基本支出、项目支出、合计）"))


# ----------------------------------------------------------------------------------- sections


def appropriation(b: M.BudgetModel) -> Appropriation:
    t1 = b.t1_appropriation_summary
    return Appropriation(t1.amount("income", "income_grand_total"), t1.amount("income", "general_budget"),
                         t1.amount("income", "gov_fund"), t1.amount("income", "state_capital"),
                         t1.amount("income", "carryover"))


def projects_by_subject(b: M.BudgetModel) -> tuple[SubjectProjects, ...]:
    t2 = b.t2_general_budget_expenditure
    out = []
    for row in t2.rows:
        if len(row.code) != 7 or row["project"] == 0:
            continue
        projects = tuple(Item(r.text("name"), r["general_budget"]) for r in b.t9_project_expenditure.records
                         if r.text("subject") == row.code and r["general_budget"] != 0)
        out.append(SubjectProjects(row.name, row["project"], projects))
    return tuple(out)


def _changed(versus: Change, reason: str) -> tuple[Change, str]:
    """A change with its reason, the reason kept only where the text states an increase or a decrease: beside
    “无上年预算可比” or “持平” a reason such as “主要是项目支出减少” would contradict the sentence (rule B-S-06)."""
    return versus, (reason if versus.state not in (ChangeState.NO_BASE, ChangeState.FLAT) else "")


def state_capital_spending(b: M.BudgetModel) -> Fund:
    """六: what the 国有资本经营预算 spends this year, its income and its carryover (表1 of 湖北 prints no
    state-capital column to read it from)."""
    t1 = b.t1_appropriation_summary
    total = t1.amount("income", "state_capital") + t1.amount("income", "carryover_state_capital")
    return Fund(total, total != 0)


def general_budget(b: M.BudgetModel, decimals: int) -> GeneralBudget:
    t2 = b.t2_general_budget_expenditure
    carryover = b.t1_appropriation_summary.amount("income", "carryover_general_budget")
    current = t2.total["total"] - carryover
    return GeneralBudget(t2.total["total"], current, carryover,
                         *_changed(change(current, b.narrative.prior_general_budget, decimals),
                                   b.narrative.general_budget_reason),
                         t2.total["basic"], t2.total["project"], projects_by_subject(b))


def _economic_classes(rows: tuple[Line, ...], codes: tuple[str, ...], column: str) -> tuple[EconomicClass, ...]:
    out = []
    for code in codes:
        head = next((r for r in rows if r.code == code), None)
        if head is None or head[column] == 0:
            continue
        used = tuple(r.name for r in rows if len(r.code) == 5 and r.code.startswith(code) and r[column] != 0)
        out.append(EconomicClass(code, head.name, head[column], used))
    return tuple(out)


def basic_spending(b: M.BudgetModel) -> BasicSpending:
    t3 = b.t3_general_budget_basic_expenditure
    return BasicSpending(t3.total["total"], t3.total["personnel"], t3.total["public"],
                         _economic_classes(t3.rows, ("301", "303"), "personnel"),
                         _economic_classes(t3.rows, ("302", "310"), "public"))


def three_public(b: M.BudgetModel, decimals: int) -> ThreePublic:
    t = b.t4_three_public.total
    n = b.narrative
    return ThreePublic(t["total"], t["outbound"], t["vehicle_total"], t["vehicle_purchase"], t["vehicle_operation"],
                       t["reception"], *_changed(change(t["total"], n.prior_three_public, decimals),
                                                 n.three_public_reason),
                       change(t["outbound"], n.prior_outbound, decimals),
                       change(t["vehicle_total"], n.prior_vehicle, decimals),
                       change(t["reception"], n.prior_reception, decimals))


INCOME_NAMES = (
    ("general_budget", "一般公共预算财政拨款收入"), ("gov_fund", "政府性基金预算财政拨款收入"),
    ("state_capital", "国有资本经营预算财政拨款收入"), ("business", "事业收入"), ("higher_subsidy", "上级补助收入"),
    ("subordinate", "附属单位上缴收入"), ("operating", "事业单位经营收入"), ("other", "其他收入"),
    ("use_fund", "用事业基金弥补收支差额"), ("carryover", "上年结转"),
)
EXPENDITURE_NAMES = (("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"),
                     ("subsidy", "对附属单位补助支出"), ("operating", "事业单位经营支出"))


def income_shares(b: M.BudgetModel, decimals: int) -> Shares:
    t6 = b.t6_income_expenditure_summary
    items = [(k, name, t6.amount("income", k)) for k, name in INCOME_NAMES if t6.amount("income", k) != 0]
    return Shares(t6.amount("income", "income_grand_total"), shares(items, decimals))


def expenditure_shares(b: M.BudgetModel, decimals: int) -> Shares:
    t6 = b.t6_income_expenditure_summary
    items = [(k, name, t6.amount("category", k)) for k, name in EXPENDITURE_NAMES if t6.amount("category", k) != 0]
    return Shares(t6.amount("function", "expenditure_total"), shares(items, decimals))


def procurement(b: M.BudgetModel) -> Procurement:
    t10 = b.t10_procurement
    by = {c: sum((r["total"] for r in t10.records if r.text("category") == c), ZERO) for c in ("货物", "工程", "服务")}
    return Procurement(t10.total_amount("total"), by["货物"], by["工程"], by["服务"])


def services(b: M.BudgetModel, decimals: int) -> Shares:
    t11 = b.t11_purchased_services
    items = [(r.text("name"), r.text("name"), r["total"]) for r in t11.records if r["total"] != 0]
    return Shares(t11.total_amount("total"), shares(items, decimals))


def subjects_used(b: M.BudgetModel) -> tuple[Subject, ...]:
    """The 项 subjects of 表2 (and 表5) with their 类 and 款 names, in the tables' order."""
    out = []
    explained = {r.text("code"): r.text("explanation") for r in b.glossary.records}
    for table in (b.t2_general_budget_expenditure, b.t5_government_fund):
        names = {r.code: r.name for r in table.rows}
        for row in table.rows:
            if len(row.code) == 7 and row["total"] != 0 and row.code not in {s.code for s in out}:
                out.append(Subject(row.code, names.get(row.code[:3], ""), names.get(row.code[:5], ""), row.name,
                                   explained.get(row.code, "")))
    return tuple(out)


def _add(values: list[Decimal | None]) -> Decimal | None:
    return None if all(v is None for v in values) else sum((v for v in values if v is not None), ZERO)


def finance(b: M.BudgetModel, decimals: int) -> tuple[FinanceRow, ...]:
    """表12's 部门总体资金情况: this year's from 表6 with shares, the two years before from the workbook."""
    t6, texts = b.t6_income_expenditure_summary, b.t12_overall_performance.texts
    appropriation = sum((t6.amount("income", k) for k in ("general_budget", "gov_fund", "state_capital")), ZERO)
    income = t6.amount("income", "income_grand_total")
    spent = t6.amount("function", "expenditure_total")
    out = []
    for group, total, parts in (
            ("收入构成", income, (("财政拨款", appropriation, texts.earlier_appropriation, texts.last_appropriation),
                              ("其他资金", income - appropriation, texts.earlier_other, texts.last_other))),
            ("支出构成", spent, (("基本支出", t6.amount("category", "basic"), texts.earlier_basic, texts.last_basic),
                              ("项目支出", t6.amount("category", "project"), texts.earlier_project,
                               texts.last_project)))):
        shared = shares([(name, name, current) for name, current, _, _ in parts], decimals)
        for (name, current, earlier, last), part in zip(parts, shared, strict=True):
            out.append(FinanceRow(group, name, current, part.share if total else None, earlier, last))
        out.append(FinanceRow(group, "合计", total, None, _add([p[2] for p in parts]), _add([p[3] for p in parts])))
    return tuple(out)


def compute_figures(b: M.BudgetModel, percent_decimals: int = 2) -> BudgetFigures:
    other = b.other
    return BudgetFigures(
        appropriation=appropriation(b),
        general_budget=general_budget(b, percent_decimals),
        basic=basic_spending(b),
        three_public=three_public(b, percent_decimals),
        gov_fund=Fund(b.t5_government_fund.total["total"], b.t5_government_fund.total["total"] != 0),
        state_capital=state_capital_spending(b),
        overall=Overall(b.t6_income_expenditure_summary.amount("income", "income_grand_total"),
                        *_changed(change(b.t6_income_expenditure_summary.amount("income", "income_grand_total"),
                                         b.narrative.prior_total, percent_decimals), b.narrative.total_reason)),
        income=income_shares(b, percent_decimals),
        expenditure=expenditure_shares(b, percent_decimals),
        office_cost=b.t3_general_budget_basic_expenditure.total["public"],
        procurement=procurement(b),
        services=services(b, percent_decimals),
        performance=Performance(bool(b.t12_overall_performance.indicators.records), other.first_level_projects,
                                len(b.t13_project_performance), other.priority_projects, other.priority_amount),
        subjects=subjects_used(b),
        finance=finance(b, percent_decimals),
    )
