"""The rule catalogue: every relation the nine tables and the supplementary inputs must satisfy.

Each ``Rule`` is data: an id, a severity, Chinese title, description, message template and hint,
and the declarations of what it reads (``declarations``). The engine (``engine.py``) evaluates them;
the reference documentation (``docs/checks.md``) is generated from them (``reference.py``).

Ids: ``T<n>-xx`` within 表n; ``X-T<a>-T<b>-xx`` between two tables; ``C-xx`` subject codes and names
across the coded tables; ``S-<area>-xx`` the supplementary inputs against the tables; ``E-xx`` whether
a table is filled, its unit and signs; ``W-xx`` the printed texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.workbook import layout as L
from generator.workbook.problems import ERROR, WARNING

from .declarations import (
    AnyNonZero,
    At,
    BudgetCodesExist,
    BudgetReasons,
    Check,
    ClassNames,
    ColumnPresent,
    Condition,
    Equal,
    EvaluationsWithin,
    Field,
    FormHasTable,
    GreaterOrEqual,
    Hierarchy,
    LessOrEqual,
    ParentExists,
    PresentExactlyWhen,
    RowIdentity,
    Rows,
    SameNames,
    Sum,
)
from .declarations_inputs import (
    AmountUnit,
    BudgetClassLines,
    BudgetTotals,
    CatalogueGiven,
    ForeignYears,
    FullYearComplete,
    InCatalogue,
    LooksLikeYuan,
    NotNegative,
    PriorComplete,
    PriorScale,
    ReasonCompared,
    ScoresGiven,
    ScoresWithin,
    StatedProjectCount,
    SummaryAgreesWithScores,
    SummaryAmount,
    SummaryConsistent,
    SummaryGiven,
    SummaryWhole,
    TableFilled,
    TextPattern,
    Total,
    WeightsTotal,
)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # of a breach: 错误 blocks the document, 警告 does not
    title: str
    description: str
    template: str  # the message of one occurrence, with named blanks (see each check's ``blanks``)
    hint: str  # what the accountant should do
    checks: tuple[Check, ...]
    when: tuple[Condition, ...] = ()  # the rule applies only when every condition holds
    section: str = ""  # the heading of the rule in the catalogue (another kind's rules name theirs)

    @property
    def group(self) -> str:
        if self.section:
            return self.section
        if self.id.startswith("T"):
            return "表" + self.id[1]
        return {"E": "报表是否填写、金额单位和符号", "X": "表间关系", "C": "科目编码与名称", "S": "补充资料与报表",
                "W": "文字内容"}[self.id[0]]


# ----------------------------------------------------------------------------------- message templates

EQUAL = "{left_desc}为 {left}，{right_desc}为 {right}，两者应相等，相差 {difference}。"
NOT_MORE = "{left_desc}为 {left}，大于{right_desc} {right}，超出 {excess}。"
NOT_LESS = "{left_desc}为 {left}，小于{right_desc} {right}，少 {excess}。"

FIX_SUM = "请核对本行（列）及其组成部分的金额，使合计与各部分之和一致；若差额来自单位换算，请按原始报表（元）重新换算。"
FIX_CROSS = "两张表应取自同一套决算报表：请核对两处金额，改正录错或粘贴错位的一处。"

# ----------------------------------------------------------------------------------- shorthand

T1_SOURCES = L.T1_INCOME_SOURCES
T2_SOURCES = ("appropriation", "higher_subsidy", "business", "operating", "subordinate", "other")
T3_USES = ("basic", "project", "remit_higher", "operating", "subsidy_subordinate")
T4_KINDS = ("general_budget", "gov_fund", "state_capital")
T4_COLUMNS = ("total", *T4_KINDS)
CODED = ("t2", "t3", "t5", "t8", "t9")
FUNDS = (("一般公共预算", "t5"), ("政府性基金预算", "t8"), ("国有资本经营预算", "t9"))
# 表2 columns that repeat a 表1 income line
T2_FROM_T1 = (("inc_higher_subsidy", "higher_subsidy"), ("inc_business", "business"), ("inc_operating", "operating"),
              ("inc_subordinate", "subordinate"), ("inc_other", "other"))
# 表6 economic subjects that 表7 also counts (表7 决算数 also includes project spending)
T6_IN_T7 = (("30212", "outbound"), ("30217", "reception"), ("30231", "vehicle_operation"),
            ("31013", "vehicle_purchase"))


def t1(line: str) -> At:
    return At("t1", line)


def t4(line: str, column: str = L.AMOUNT) -> At:
    return At("t4", line, column)


def total(table: str, column: str) -> At:
    return At(table, "total", column)


def procurement(name: str) -> Field:
    return Field(f"procurement.{name}")


# The tables every department fills; 表5/表6 when it has general-budget appropriations (see E-01).
REQUIRED_TABLES = (
    TableFilled(("t1", "t2", "t3", "t4")),
    TableFilled(("t5",), when_any=(At("t4", "expenditure_total", "general_budget"),)),
    TableFilled(("t6",), when_any=(At("t5", "total", "basic"),)),
)
# Lines of 表1/表4 that can be negative in a real department (a deficit carried over).
MAY_BE_NEGATIVE = ("carryover_begin", "carryover_end", "surplus_distribution", "use_non_appropriation_balance",
                   "carryover_begin_general_budget", "carryover_begin_gov_fund", "carryover_begin_state_capital")
PLACEHOLDERS = (r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|[×╳✕*＊]{2,}|某某|○○|〇〇|□□"
                r"|(?:^|[是为于：:，,（(])\s*(?:…|\.{3})+|^\s*(?:…|\.{3})+\s*$")
EXCEL_ERRORS = r"#(?:N/A|REF!|DIV/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)"
REPEATED_PUNCTUATION = r"([，。；：、！？,;:!?])\1+|[，；：、,;:][。；，]|。[，；、]"

VEHICLE_OPERATION_PARTS = tuple(Field(f"three_public_details.vehicle_{k}")
                                for k in ("fuel", "repair", "tolls", "insurance", "safety_award", "other"))


# ----------------------------------------------------------------------------------- the catalogue

RULES: tuple[Rule, ...] = (
    # ============================================================== 报表是否填写、金额单位和符号
    Rule("E-01", ERROR, "必填的表没有填写",
         "表1—表4 是每个部门都有的表；有一般公共预算财政拨款支出（表4）时还须有表5，表5 有基本支出时还须有表6。"
         "整张表空白（或全为 0）时只报告这一条，读取该表的其他规则不再逐条报告按 0 计的差额。",
         "{table}（{title}）没有填写：工作表「{sheet}」中没有任何不为 0 的金额。",
         "把决算报表中的该表粘贴到工作表中（保留表头和“合计”行），再运行。",
         REQUIRED_TABLES),
    Rule("E-02", ERROR, "金额单位为万元",
         "公开表和情况说明的金额单位为万元。「基本信息」的金额单位填了其他单位（如“元”）时，"
         "程序不会换算，文档的每个金额都会错，故为错误。",
         "金额单位为“{value}”，公开表的金额单位应为“万元”。",
         "把各表金额从元换算为万元（除以 10000，保留两位小数）后粘贴，并把金额单位改为“万元”。",
         (AmountUnit(),)),
    Rule("E-03", ERROR, "金额像是以元为单位",
         "一张表的关键合计是它应当相等（或不超过）的另一表金额的 500—20000 倍（以元填写时恰为 10000 倍），"
         "或表7 “三公”经费超过表5 全部一般公共预算财政拨款支出：该表多半是以元为单位填写的。只报告这一条，"
         "读取该表的其他规则不再逐条报告差额。",
         "{table}（{title}）的金额像是以元为单位填写：{left_desc}为 {left}，是{right_desc} {right} 的 {ratio} 倍。",
         "把该表的金额换算为万元（元 ÷ 10000，保留两位小数）后重新粘贴。",
         (LooksLikeYuan(),)),
    Rule("E-04", ERROR, "金额不能为负数",
         "表1、表4 的收入、支出和总计，表7 “三公”经费，补充资料、年初预算和绩效自评中的金额都不可能为负数"
         "（年初、年末结转和结余、结余分配、使用非财政拨款结余除外）。负数会印出“完成预算的-97.17%”一类的句子。",
         "{table}「{name}」{column}为 {value}，不能为负数。",
         "核对该金额：多半是粘贴时带上了负号或把减少额填成了金额；填写实际发生数。",
         (NotNegative(("t1", "t4", "t7"), MAY_BE_NEGATIVE, supplementary=True),)),
    Rule("E-05", WARNING, "科目表中的负数金额",
         "表2、表3、表5、表6、表8、表9 的科目金额一般不为负数。按规定冲减当年支出时确实可能出现负数，"
         "只有会计能判断，故为警告。",
         "{table}科目 {code} {name} 的「{column}」为 {value}。",
         "核对该金额；确属冲减的，可忽略本警告。",
         (NotNegative(("t2", "t3", "t5", "t6", "t8", "t9"), ("carryover_begin", "carryover_end")),)),
    Rule("E-06", ERROR, "上年数像是以元为单位",
         "「上年数」与本年对应金额相差 500—20000 倍（一个以元、一个以万元填写时恰为 10000 倍）且较大者不小于"
         " 100 万元：一年之内不会有这样的变化，文档会印出“增长924399.23%”一类的句子。",
         "{left_desc}为 {left}，{right_desc}为 {right}，相差 {ratio} 倍，其中一个像是以元为单位填写。",
         "把以元填写的金额换算为万元（元 ÷ 10000，保留两位小数）。",
         (PriorScale((
             ("prior.income_expenditure_grand_total", At("t1", "income_grand_total")),
             ("prior.appropriation_grand_total", At("t4", "income_grand_total")),
             ("prior.general_budget_expenditure", At("t5", "total", "total")),
             ("prior.three_public_total", At("t7", "actual", "total")),
             ("prior.office_operating_cost", Field("office_cost.amount")),
         )),)),
    # ============================================================== 表1 收入支出决算总表
    Rule("T1-01", ERROR, "本年收入合计等于收入第1—8行之和",
         "表1「本年收入合计」= 一般公共预算财政拨款收入 + 政府性基金预算财政拨款收入 + 国有资本经营预算财政拨款收入"
         " + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入。",
         EQUAL, "核对表1收入第1—8行和「本年收入合计」，改正录错的一处。",
         (Sum(t1("income_total"), tuple(t1(k) for k in T1_SOURCES), label="收入第1—8行之和"),)),
    Rule("T1-02", ERROR, "收入总计等于本年收入合计加使用非财政拨款结余和年初结转和结余",
         "表1 收入方「总计」= 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。",
         EQUAL, "核对表1收入方「总计」「本年收入合计」「使用非财政拨款结余」「年初结转和结余」。",
         (Sum(t1("income_grand_total"),
              (t1("income_total"), t1("use_non_appropriation_balance"), t1("carryover_begin"))),)),
    Rule("T1-03", ERROR, "本年支出合计等于各类支出之和",
         "表1「本年支出合计」= 各功能分类（类）支出行之和。",
         EQUAL, "核对表1各类支出和「本年支出合计」；各类支出应与表3的类级科目一致。",
         (Sum(t1("expenditure_total"), (Rows("t1"),), label="各类支出之和"),)),
    Rule("T1-04", ERROR, "支出总计等于本年支出合计加结余分配和年末结转和结余",
         "表1 支出方「总计」= 本年支出合计 + 结余分配 + 年末结转和结余。",
         EQUAL, "核对表1支出方「总计」「本年支出合计」「结余分配」「年末结转和结余」。",
         (Sum(t1("expenditure_grand_total"),
              (t1("expenditure_total"), t1("surplus_distribution"), t1("carryover_end"))),)),
    Rule("T1-05", ERROR, "收入总计等于支出总计",
         "表1 收入方「总计」= 支出方「总计」（收支平衡）。",
         EQUAL, "收支总计不平衡：通常是年初或年末结转和结余填错，请与决算报表核对。",
         (Equal(t1("income_grand_total"), t1("expenditure_grand_total")),)),
    # ============================================================== 表2 收入决算表
    Rule("T2-01", ERROR, "每行本年收入合计等于六项收入之和",
         "表2 每一行（含合计行）：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入"
         " + 其他收入。",
         EQUAL, FIX_SUM, (RowIdentity("t2", "total", T2_SOURCES),)),
    Rule("T2-02", ERROR, "科目逐级汇总（表2）",
         "表2 每一金额列：类 = 其下各款之和，款 = 其下各项之和（有下级科目时），合计 = 各类之和。",
         EQUAL, "核对上级科目与其下级科目的金额；下级科目漏填或多填一行最常见。", (Hierarchy("t2"),)),
    # ============================================================== 表3 支出决算表
    Rule("T3-01", ERROR, "每行本年支出合计等于五项支出之和",
         "表3 每一行（含合计行）：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出。",
         EQUAL, FIX_SUM, (RowIdentity("t3", "total", T3_USES),)),
    Rule("T3-02", ERROR, "科目逐级汇总（表3）",
         "表3 每一金额列：类 = 其下各款之和，款 = 其下各项之和（有下级科目时），合计 = 各类之和。",
         EQUAL, "核对上级科目与其下级科目的金额；下级科目漏填或多填一行最常见。", (Hierarchy("t3"),)),
    # ============================================================== 表4 财政拨款收入支出决算总表
    Rule("T4-01", ERROR, "本年收入合计等于三类财政拨款之和",
         "表4「本年收入合计」= 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款。",
         EQUAL, "核对表4收入第1—3行和「本年收入合计」。",
         (Sum(t4("income_total"), tuple(t4(k) for k in ("inc_general_budget", "inc_gov_fund", "inc_state_capital")),
              label="收入第1—3行之和"),)),
    Rule("T4-02", ERROR, "年初财政拨款结转和结余等于其三类之和",
         "表4「年初财政拨款结转和结余」= 其中的一般公共预算、政府性基金预算、国有资本经营预算财政拨款之和。",
         EQUAL, "核对表4「年初财政拨款结转和结余」及其下三行。",
         (Sum(t4("carryover_begin"), tuple(t4(f"carryover_begin_{k}") for k in T4_KINDS), label="其下三类之和"),)),
    Rule("T4-03", ERROR, "收入总计等于本年收入合计加年初结转和结余",
         "表4 收入方「总计」= 本年收入合计 + 年初财政拨款结转和结余。",
         EQUAL, "核对表4收入方「总计」「本年收入合计」「年初财政拨款结转和结余」。",
         (Sum(t4("income_grand_total"), (t4("income_total"), t4("carryover_begin"))),)),
    Rule("T4-04", ERROR, "支出方每行合计等于三类财政拨款之和",
         "表4 支出方每一行（各类支出、本年支出合计、年末结转和结余、总计）：合计 = 一般公共预算财政拨款 + "
         "政府性基金预算财政拨款 + 国有资本经营预算财政拨款。",
         EQUAL, FIX_SUM, (RowIdentity("t4", "total", T4_KINDS),)),
    Rule("T4-05", ERROR, "本年支出合计等于各类支出之和（每一列）",
         "表4「本年支出合计」= 各功能分类（类）支出行之和，合计列和三类财政拨款列分别成立。",
         EQUAL, "核对表4各类支出和「本年支出合计」。",
         tuple(Sum(t4("expenditure_total", c), (Rows("t4", c),), label="各类支出之和") for c in T4_COLUMNS)),
    Rule("T4-06", ERROR, "支出总计等于本年支出合计加年末结转和结余（每一列）",
         "表4 支出方「总计」= 本年支出合计 + 年末财政拨款结转和结余，合计列和三类财政拨款列分别成立。",
         EQUAL, "核对表4支出方「总计」「本年支出合计」「年末财政拨款结转和结余」。",
         tuple(Sum(t4("expenditure_grand_total", c), (t4("expenditure_total", c), t4("carryover_end", c)))
               for c in T4_COLUMNS)),
    Rule("T4-07", ERROR, "收入总计等于支出总计",
         "表4 收入方「总计」= 支出方「总计」的合计列。",
         EQUAL, "财政拨款收支总计不平衡：请核对年初、年末结转和结余。",
         (Equal(t4("income_grand_total"), t4("expenditure_grand_total", "total")),)),
    Rule("T4-08", ERROR, "每类财政拨款收支平衡",
         "表4 每类财政拨款：支出方「总计」该列 = 该类本年收入 + 该类年初结转和结余（财政拨款不能跨类使用）。",
         EQUAL, "核对该类财政拨款的收入、年初结转和结余、支出和年末结转和结余，金额可能填在了另一类的列中。",
         tuple(Sum(t4("expenditure_grand_total", k), (t4(f"inc_{k}"), t4(f"carryover_begin_{k}"))) for k in T4_KINDS)),
    # ============================================================== 表5 一般公共预算财政拨款支出决算表
    Rule("T5-01", ERROR, "每行小计等于基本支出加项目支出",
         "表5 每一行（含合计行）：本年支出小计 = 基本支出 + 项目支出。",
         EQUAL, FIX_SUM, (RowIdentity("t5", "total", ("basic", "project")),)),
    Rule("T5-02", ERROR, "科目逐级汇总（表5）",
         "表5 每一金额列：类 = 其下各款之和，款 = 其下各项之和（有下级科目时），合计 = 各类之和。",
         EQUAL, "核对上级科目与其下级科目的金额；下级科目漏填或多填一行最常见。", (Hierarchy("t5"),)),
    # ============================================================== 表6 基本支出决算明细表
    Rule("T6-01", ERROR, "经济分类类级科目等于其款级科目之和",
         "表6 每个3位经济分类科目（301、302、303、307、310、399）= 其5位科目之和。",
         EQUAL, "核对该经济分类科目及其明细科目的金额。", (Hierarchy("t6", with_total=False),)),
    Rule("T6-02", ERROR, "人员经费合计等于301加303",
         "表6「人员经费合计」= 301 工资福利支出 + 303 对个人和家庭的补助。",
         EQUAL, "核对「人员经费合计」与301、303的金额。",
         (Sum(At("t6", "personnel_total"), (At("t6", "301"), At("t6", "303"))),)),
    Rule("T6-03", ERROR, "公用经费合计等于302、307、310、399之和",
         "表6「公用经费合计」= 302 商品和服务支出 + 307 债务利息及费用支出 + 310 资本性支出 + 399 其他支出。",
         EQUAL, "核对「公用经费合计」与302、307、310、399的金额。",
         (Sum(At("t6", "public_total"), tuple(At("t6", c) for c in ("302", "307", "310", "399"))),)),
    # ============================================================== 表7 三公经费
    Rule("T7-01", ERROR, "三公经费合计等于三项之和",
         "表7 预算数和决算数各自：合计 = 因公出国（境）费 + 公务用车购置及运行费小计 + 公务接待费。",
         EQUAL, "核对表7该行的合计和三项金额。",
         (RowIdentity("t7", "total", ("outbound", "vehicle_total", "reception")),)),
    Rule("T7-02", ERROR, "公务用车小计等于购置费加运行费",
         "表7 预算数和决算数各自：公务用车购置及运行费小计 = 公务用车购置费 + 公务用车运行费。",
         EQUAL, "核对表7该行的公务用车小计、购置费和运行费。",
         (RowIdentity("t7", "vehicle_total", ("vehicle_purchase", "vehicle_operation")),)),
    # ============================================================== 表8 政府性基金
    Rule("T8-01", ERROR, "每行本年支出小计等于基本支出加项目支出",
         "表8 每一行（含合计行）：本年支出小计 = 基本支出 + 项目支出。",
         EQUAL, FIX_SUM, (RowIdentity("t8", "total", ("basic", "project")),)),
    Rule("T8-02", ERROR, "每行年末结转和结余等于年初加收入减支出",
         "表8 每一行（含合计行）：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计。",
         EQUAL, "核对本行的年初结转和结余、本年收入、本年支出和年末结转和结余。",
         (RowIdentity("t8", "carryover_end", ("carryover_begin", "income"), minus=("total",)),)),
    Rule("T8-03", ERROR, "科目逐级汇总（表8）",
         "表8 每一金额列：类 = 其下各款之和，款 = 其下各项之和（有下级科目时），合计 = 各类之和。",
         EQUAL, "核对上级科目与其下级科目的金额；下级科目漏填或多填一行最常见。", (Hierarchy("t8"),)),
    # ============================================================== 表9 国有资本经营
    Rule("T9-01", ERROR, "每行合计等于基本支出加项目支出",
         "表9 每一行（含合计行）：本年支出合计 = 基本支出 + 项目支出。",
         EQUAL, FIX_SUM, (RowIdentity("t9", "total", ("basic", "project")),), when=(FormHasTable("t9"),)),
    Rule("T9-02", ERROR, "科目逐级汇总（表9）",
         "表9 每一金额列：类 = 其下各款之和，款 = 其下各项之和（有下级科目时），合计 = 各类之和。",
         EQUAL, "核对上级科目与其下级科目的金额；下级科目漏填或多填一行最常见。", (Hierarchy("t9"),),
         when=(FormHasTable("t9"),)),
    Rule("T9-03", ERROR, "每行年末结转和结余等于年初加收入减支出（有结转列的表9）",
         "表9 采用含年初、年末结转和结余列的格式（上海）时，每一行："
         "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出合计。",
         EQUAL, "核对本行的年初结转和结余、本年收入、本年支出和年末结转和结余。",
         (RowIdentity("t9", "carryover_end", ("carryover_begin", "income"), minus=("total",)),),
         when=(FormHasTable("t9"), ColumnPresent("t9", "carryover_begin"), ColumnPresent("t9", "income"),
               ColumnPresent("t9", "carryover_end"))),
    # ============================================================== 科目编码与名称
    Rule("C-01", ERROR, "科目须有上级科目",
         "表2、表3、表5、表8、表9 中 5 位（款级）科目的前 3 位、7 位（项级）科目的前 5 位，必须是同一张表中的科目；"
         "表6 中 5 位经济分类科目的前 3 位必须在表6中。编码必须为 3、5、7 位数字在读取时检查（code-invalid）。",
         "科目 {code} {name} 的上级科目 {parent} 不在{table}中。",
         "补上上级科目行（及其金额），或改正科目编码。", (ParentExists((*CODED, "t6")),)),
    Rule("C-02", ERROR, "类级科目名称与《政府收支分类科目》一致",
         "表2、表3、表5、表8、表9 中每个 3 位（类级）科目的编码与名称须与支出功能分类科目表一致"
         "（允许末尾“支出”二字的有无和目录中登记的别名）。名称与编码不符通常意味着金额挂错了类，"
         "表1、表4 按名称对应的类将与其不一致，故为错误。",
         "{table}类级科目 {code} 的名称为“{name}”，按支出功能分类科目应为“{expected}”。",
         "改正编码或名称，使两者与《政府收支分类科目》一致；名称与编码对应的是另一类时，请核对金额是否挂错了类。",
         (ClassNames(CODED),)),
    Rule("C-03", WARNING, "同一科目在各表中名称相同",
         "同一科目编码在表2、表3、表5、表8、表9 中的名称应相同。定为警告而非错误：编码是各表之间对应的依据，"
         "名称不一致不影响任何金额关系的校验，程序也不带款级、项级科目的官方名录，无法判断哪一个名称正确，"
         "只有会计能判断；但文档会按各表原样印出两个不同的名称，名词解释中的科目名称也会有歧义，所以必须提示。",
         "{table}中科目 {code} 的名称为“{name}”，而{other_tables}中为“{expected}”。",
         "按《政府收支分类科目》统一该科目在各表中的名称（通常是粘贴时错行，或写成了下级科目的名称）。",
         (SameNames(CODED),), when=(CatalogueGiven(False),)),
    Rule("C-04", ERROR, "科目编码和名称在科目表中",
         "提供了本地财政部门的《政府收支分类科目》科目表（--catalogue 科目表.xlsx，两列：科目编码、科目名称）时，"
         "表2、表3、表5、表8、表9 和「年初预算」的每个类、款、项科目编码都须在科目表中，名称须与科目表一致"
         "（不计空格和末尾“支出”二字）。此时 C-03 不再适用：每个名称都与科目表比对。",
         "{table}中科目 {code} {name}：{problem}（科目表 {source}）。",
         "按科目表改正科目编码或名称；科目表是当年的《政府收支分类科目》，若它缺少该科目，请向财政部门确认。",
         (InCatalogue(CODED),), when=(CatalogueGiven(True),)),
    # ============================================================== 表间关系
    Rule("X-T1-T2-01", ERROR, "表1本年收入合计等于表2合计",
         "表1「本年收入合计」= 表2 合计行的「本年收入合计」。",
         EQUAL, FIX_CROSS, (Equal(t1("income_total"), total("t2", "total")),)),
    Rule("X-T1-T2-02", ERROR, "表2财政拨款收入等于表1三类财政拨款收入之和",
         "表2 合计行的「财政拨款收入」= 表1 收入第1—3行（三类财政拨款收入）之和。",
         EQUAL, FIX_CROSS,
         (Sum(total("t2", "appropriation"),
              tuple(t1(k) for k in ("inc_general_budget", "inc_gov_fund", "inc_state_capital")),
              label="表1收入第1—3行之和"),)),
    Rule("X-T1-T2-03", ERROR, "表2其他各收入列等于表1对应收入行",
         "表1 上级补助收入、事业收入、经营收入、附属单位上缴收入、其他收入 = 表2 合计行的对应列。",
         EQUAL, FIX_CROSS, tuple(Equal(t1(line), total("t2", column)) for line, column in T2_FROM_T1)),
    Rule("X-T1-T3-01", ERROR, "表1本年支出合计等于表3合计",
         "表1「本年支出合计」= 表3 合计行的「本年支出合计」。",
         EQUAL, FIX_CROSS, (Equal(t1("expenditure_total"), total("t3", "total")),)),
    Rule("X-T1-T3-02", ERROR, "表1各类支出等于表3类级科目",
         "表1 每个功能分类（类）支出行 = 表3 同一类级科目的「本年支出合计」（按编码对应，缺少的一方按 0 计）。",
         EQUAL, FIX_CROSS, (Equal(Rows("t1"), Rows("t3", "total")),)),
    Rule("X-T1-T4-01", ERROR, "表1三类财政拨款收入等于表4收入第1—3行",
         "表1 收入第1—3行（一般公共预算、政府性基金预算、国有资本经营预算财政拨款收入）= 表4 收入第1—3行。",
         EQUAL, FIX_CROSS,
         tuple(Equal(t1(k), t4(k)) for k in ("inc_general_budget", "inc_gov_fund", "inc_state_capital"))),
    Rule("X-T3-T5-01", ERROR, "表5各科目不大于表3同一科目",
         "财政拨款支出是全部支出的一部分：表5 每个科目（含合计行）的本年支出小计、基本支出、项目支出，"
         "分别不大于表3 同一科目的本年支出合计、基本支出、项目支出（表3 无此科目时按 0 计）。",
         NOT_MORE, "核对两表该科目的金额；表5 有而表3 没有的科目，须在表3 补上。",
         tuple(LessOrEqual(Rows("t5", c, level="*", with_total=True), Rows("t3", c, level="*", with_total=True))
               for c in ("total", "basic", "project"))),
    Rule("X-T4-T5-01", ERROR, "表4一般公共预算财政拨款各类支出等于表5类级科目",
         "表4 每类支出的「一般公共预算财政拨款」列 = 表5 同一类级科目的本年支出小计（按编码对应）。",
         EQUAL, FIX_CROSS, (Equal(Rows("t4", "general_budget"), Rows("t5", "total")),)),
    Rule("X-T4-T5-02", ERROR, "表4一般公共预算财政拨款本年支出合计等于表5合计",
         "表4「本年支出合计」的「一般公共预算财政拨款」列 = 表5 合计行的本年支出小计。",
         EQUAL, FIX_CROSS, (Equal(t4("expenditure_total", "general_budget"), total("t5", "total")),)),
    Rule("X-T4-T8-01", ERROR, "表4政府性基金各类支出等于表8类级科目",
         "表4 每类支出的「政府性基金预算财政拨款」列 = 表8 同一类级科目的本年支出小计（按编码对应）。",
         EQUAL, FIX_CROSS, (Equal(Rows("t4", "gov_fund"), Rows("t8", "total")),)),
    Rule("X-T4-T8-02", ERROR, "表4政府性基金本年支出合计等于表8合计",
         "表4「本年支出合计」的「政府性基金预算财政拨款」列 = 表8 合计行的本年支出小计。",
         EQUAL, FIX_CROSS, (Equal(t4("expenditure_total", "gov_fund"), total("t8", "total")),)),
    Rule("X-T4-T8-03", ERROR, "表4政府性基金收入等于表8本年收入",
         "表4 收入第2行「政府性基金预算财政拨款」= 表8 合计行的「本年收入」。",
         EQUAL, FIX_CROSS, (Equal(t4("inc_gov_fund"), total("t8", "income")),)),
    Rule("X-T4-T8-04", ERROR, "表4政府性基金年初、年末结转和结余等于表8",
         "表4 年初财政拨款结转和结余中的政府性基金预算财政拨款 = 表8 合计行「年初结转和结余」；"
         "表4「年末财政拨款结转和结余」的政府性基金列 = 表8 合计行「年末结转和结余」。",
         EQUAL, FIX_CROSS,
         (Equal(t4("carryover_begin_gov_fund"), total("t8", "carryover_begin")),
          Equal(t4("carryover_end", "gov_fund"), total("t8", "carryover_end")))),
    Rule("X-T4-T8-05", ERROR, "有政府性基金财政拨款时才有表8",
         "表8 有数据，当且仅当表4 的政府性基金预算财政拨款"
         "（收入、年初结转和结余、本年支出、年末结转和结余）有不为 0 的金额。",
         "{signal}为 {amount}，但{other}。",
         "表4 有政府性基金预算财政拨款时须填写表8；没有时表8应为空"
         "（文档将印出“本部门无政府性基金预算财政拨款收入支出”）。",
         (PresentExactlyWhen("t8", (t4("inc_gov_fund"), t4("carryover_begin_gov_fund"),
                                    t4("expenditure_total", "gov_fund"), t4("carryover_end", "gov_fund"))),)),
    Rule("X-T4-T9-01", ERROR, "表4国有资本经营各类支出等于表9类级科目",
         "表4 每类支出的「国有资本经营预算财政拨款」列 = 表9 同一类级科目的本年支出合计（按编码对应）。",
         EQUAL, FIX_CROSS, (Equal(Rows("t4", "state_capital"), Rows("t9", "total")),), when=(FormHasTable("t9"),)),
    Rule("X-T4-T9-02", ERROR, "表4国有资本经营本年支出合计等于表9合计",
         "表4「本年支出合计」的「国有资本经营预算财政拨款」列 = 表9 合计行的本年支出合计。",
         EQUAL, FIX_CROSS, (Equal(t4("expenditure_total", "state_capital"), total("t9", "total")),),
         when=(FormHasTable("t9"),)),
    Rule("X-T4-T9-03", ERROR, "有国有资本经营财政拨款时才有表9",
         "表9 有数据，当且仅当表4 的国有资本经营预算财政拨款"
         "（收入、年初结转和结余、本年支出、年末结转和结余）有不为 0 的金额。",
         "{signal}为 {amount}，但{other}。",
         "表4 有国有资本经营预算财政拨款时须填写表9；没有时表9应为空"
         "（文档将印出“本部门无国有资本经营预算财政拨款支出”）。",
         (PresentExactlyWhen("t9", (t4("inc_state_capital"), t4("carryover_begin_state_capital"),
                                    t4("expenditure_total", "state_capital"), t4("carryover_end", "state_capital"))),),
         when=(FormHasTable("t9"),)),
    Rule("X-T4-T9-04", ERROR, "表4国有资本经营收入和结转结余等于表9（有结转列的表9）",
         "表9 含本年收入和年初、年末结转和结余列（上海格式）时：表4 收入第3行 = 表9 合计行「本年收入」，"
         "表4 年初、年末结转和结余的国有资本经营预算财政拨款 = 表9 合计行的年初、年末结转和结余。",
         EQUAL, FIX_CROSS,
         (Equal(t4("inc_state_capital"), total("t9", "income")),
          Equal(t4("carryover_begin_state_capital"), total("t9", "carryover_begin")),
          Equal(t4("carryover_end", "state_capital"), total("t9", "carryover_end"))),
         when=(FormHasTable("t9"), ColumnPresent("t9", "carryover_begin"), ColumnPresent("t9", "income"),
               ColumnPresent("t9", "carryover_end"))),
    Rule("X-T5-T6-01", ERROR, "表5基本支出等于表6人员经费加公用经费",
         "表5 合计行的「基本支出」= 表6「人员经费合计」+「公用经费合计」。",
         EQUAL, FIX_CROSS,
         (Sum(total("t5", "basic"), (At("t6", "personnel_total"), At("t6", "public_total")),
              label="表6人员经费合计与公用经费合计之和"),)),
    Rule("X-T6-T7-01", WARNING, "表7三公经费决算数不小于表6对应经济科目",
         "表7 决算数的因公出国（境）费、公务接待费、公务用车运行费、公务用车购置费，"
         "分别不小于表6 的 30212、30217、30231、31013。表7 还包括项目支出中的“三公”经费，所以只会更大；"
         "更小多半是填错，但不必然，故为警告。",
         NOT_LESS, "核对表7决算数与表6对应科目；若表6 基本支出中的该项费用确实多于表7，请核实“三公”经费统计口径。",
         tuple(GreaterOrEqual(At("t7", "actual", column), At("t6", code)) for code, column in T6_IN_T7)),
    # ============================================================== 补充资料与报表
    Rule("S-PERF-01", WARNING, "项目绩效自评执行数不超过项目支出",
         "「绩效自评」中同一资金性质的各项目执行数之和，不大于该资金的项目支出：一般公共预算→表5 合计行「项目支出」，"
         "政府性基金预算→表8，国有资本经营预算→表9。部门整体自评和资金性质为其他（如“财政拨款”“其他资金”）的项目"
         "不参与比较。执行数可能含其他资金，故为警告。",
         NOT_MORE + "（项目：{projects}）",
         "核对各项目的执行数和资金性质；执行数应为本年实际支出数，不含其他资金。",
         (EvaluationsWithin((("一般公共预算", total("t5", "project")), ("政府性基金预算", total("t8", "project")),
                             ("国有资本经营预算", total("t9", "project")))),)),
    Rule("S-PROC-01", ERROR, "政府采购总额等于货物、工程、服务之和",
         "政府采购支出总额 = 货物 + 工程 + 服务。文档按此计算各部分占比，不一致时占比之和不为 100%，故为错误。",
         EQUAL, "核对「政府采购」表的总额与货物、工程、服务三项。",
         (Sum(procurement("total"), (procurement("goods"), procurement("works"), procurement("services"))),)),
    Rule("S-PROC-02", ERROR, "授予中小企业合同金额不超过采购金额",
         "授予中小企业合同金额 ≤ 政府采购支出总额；货物、工程、服务各自授予中小企业的金额 ≤ 该类采购金额。",
         NOT_MORE, "核对「政府采购」表中授予中小企业的金额。",
         (LessOrEqual(procurement("sme_total"), procurement("total")),
          LessOrEqual(procurement("sme_goods"), procurement("goods")),
          LessOrEqual(procurement("sme_works"), procurement("works")),
          LessOrEqual(procurement("sme_services"), procurement("services")))),
    Rule("S-PROC-03", ERROR, "授予小微企业金额不超过授予中小企业金额",
         "授予小微企业合同金额 ≤ 授予中小企业合同金额；面向小微企业预留项目预算 ≤ 面向中小企业预留项目预算；"
         "面向小微企业预留项目中由小微企业中标或成交的金额 ≤ 面向中小企业预留项目中由中小企业中标或成交的金额"
         "（面向小微企业的预留是面向中小企业预留的一部分）。",
         NOT_MORE, "小微企业是中小企业的一部分，请核对两个金额。",
         (LessOrEqual(procurement("sme_small_micro"), procurement("sme_total")),
          LessOrEqual(procurement("reserved_small_micro_budget"), procurement("reserved_sme_budget")),
          LessOrEqual(procurement("reserved_small_micro_awarded"), procurement("reserved_sme_awarded")))),
    Rule("S-PROC-04", ERROR, "授予中小企业合同金额等于其货物、工程、服务之和",
         "填写了分货物、工程、服务的授予中小企业金额时：授予中小企业合同金额 = 三者之和。",
         EQUAL, "核对「政府采购」表中授予中小企业的总额和分项金额。",
         (Sum(procurement("sme_total"), (procurement("sme_goods"), procurement("sme_works"),
                                         procurement("sme_services"))),),
         when=(AnyNonZero((procurement("sme_goods"), procurement("sme_works"), procurement("sme_services"))),)),
    Rule("S-VEH-01", ERROR, "公务用车运行费明细之和等于表7运行费",
         "填写了公务用车运行费明细（燃料费、维修费、过桥过路费、保险费、安全奖励费用、其他）时："
         "六项之和 = 表7 决算数「公务用车运行费」。文档同时引用两者，不一致即自相矛盾，故为错误。",
         EQUAL, "核对「三公明细」表中的运行费明细与表7决算数的公务用车运行费。",
         (Sum(At("t7", "actual", "vehicle_operation"), VEHICLE_OPERATION_PARTS, label="运行费明细之和"),),
         when=(AnyNonZero(VEHICLE_OPERATION_PARTS),)),
    Rule("S-BUDG-01", WARNING, "年初预算科目在决算表中",
         "「年初预算」中每个科目编码应出现在其资金性质对应的表中：一般公共预算→表5，政府性基金预算→表8，国有资本经营预算→表9。"
         "有预算而全年未支出的科目确实可能不在表中，故为警告。",
         "「年初预算」中{fund}科目 {code} {name} 在{target}中没有对应的行。",
         "核对科目编码和资金性质；若该科目全年确无支出，可忽略本警告（文档中其决算数按 0 计）。",
         (BudgetCodesExist(FUNDS),)),
    Rule("S-BUDG-02", WARNING, "决算与年初预算差异较大须说明原因",
         "决算数（表5、表8、表9 中该科目的本年支出）与年初预算数之差，达到预算数的设定比例"
         "（CheckSettings.material_budget_ratio，默认 5%；预算数为 0 时任何超出尾差的差额）时，"
         "「年初预算」中须填写差异原因，文档在五（三）中引用。",
         "{fund}科目 {code} {name} 的决算数 {left} 与年初预算数 {right} 相差 {difference}（达到 {ratio}），"
         "但没有填写差异原因。",
         "在「年初预算」该科目的“决算数与年初预算数差异原因”中说明原因。",
         (BudgetReasons(FUNDS),)),
    Rule("S-BUDG-03", WARNING, "年初预算的项级科目有其类级科目行",
         "「年初预算」中每个款级、项级科目都应有同一资金性质的类级科目行。缺少时，文档五（三）按其项级科目之和"
         "作为该类的年初预算数（可能与单位掌握的类级预算不符），故须提示。",
         "「年初预算」中{fund}科目 {code} {name} 没有其类级科目 {parent} 的行"
         "（文档将以其项级科目之和 {right} 作为该类的年初预算数）。",
         "补上该类级科目的一行及其年初预算数（其下各项级科目之和）。",
         (BudgetClassLines("present"),)),
    Rule("S-BUDG-04", ERROR, "年初预算的类级科目等于其项级科目之和",
         "「年初预算」中有项级科目行的类级科目，其年初预算数 = 各项级科目年初预算数之和。文档五（三）同时引用"
         "类级合计和各项级科目，不一致即自相矛盾，故为错误。",
         "「年初预算」中{fund}类级科目 {code} {name} 的年初预算数为 {left}，其项级科目（{children}）之和为 {right}，"
         "相差 {difference}。",
         "核对该类及其项级科目的年初预算数；漏填的项级科目请补上。",
         (BudgetClassLines("sum"),)),
    Rule("S-BUDG-05", ERROR, "年初预算合计行等于各类级科目之和",
         "「年初预算」某资金性质填写了“合计”行（科目编码留空、科目名称“合计”）时，文档五（三）照此印出年初预算合计数"
         "（而不是各科目相加：各科目由元换算为万元四舍五入，相加可能差几分）；它须等于该资金性质各类级科目的"
         "年初预算数之和（没有类级行的类按其项级科目），差额在尾数误差以内时为提示。",
         EQUAL, "核对“合计”行与各类级科目的年初预算数；“合计”应为预算批复数，漏填的科目请补上。",
         (BudgetTotals("budget", "total"),)),
    Rule("S-BUDG-06", ERROR, "全年预算数须填全",
         "「年初预算」中某资金性质有一行填写了“全年预算数”时，文档五（三）（及八、九）在每个科目的年初预算后"
         "印出全年预算：该资金性质的每一行都须填写（全年预算为 0 的填 0），空白不能当作 0 印出。",
         "「年初预算」中{fund}已填写全年预算数（如 {given}），本行的全年预算数却为空白。",
         "补填本行的全年预算数（确为 0 的填 0）；不需要全年预算时，删去该资金性质所有行的全年预算数。",
         (FullYearComplete(),)),
    Rule("S-BUDG-07", ERROR, "全年预算数的类级科目和合计等于其组成部分之和",
         "「年初预算」的全年预算数：有项级科目行的类级科目 = 各项级科目之和；“合计”行 = 各类级科目之和。"
         "文档同时印出合计和各科目，差额超出尾数误差即自相矛盾，故为错误；尾数误差以内为提示。",
         EQUAL, "核对该类（或合计）及其组成科目的全年预算数；漏填的科目请补上。",
         (BudgetTotals("full_year", "class"), BudgetTotals("full_year", "total"))),
    Rule("S-PROC-05", ERROR, "预留项目和其他项目授予中小企业的金额不超过政府采购总额",
         "上海格式：面向中小企业预留项目中由中小企业中标或成交的金额 + 其他政府采购项目中由中小企业中标或成交的金额"
         " ≤ 政府采购支出总额，前者本身也 ≤ 政府采购支出总额（与授予中小企业合同金额的关系见 S-PROC-06）。"
         "部分大于整体的采购句子自相矛盾，故为错误。",
         NOT_MORE, "核对「政府采购」表中预留项目、其他项目授予中小企业的金额和授予中小企业合同金额。",
         (LessOrEqual(Total((procurement("reserved_sme_awarded"), procurement("other_sme_awarded")),
                            "预留项目与其他项目由中小企业中标或成交的金额之和"), procurement("total")),
          LessOrEqual(procurement("reserved_sme_awarded"), procurement("total")))),
    Rule("S-PROC-06", ERROR, "预留项目和其他项目授予中小企业的金额之和不超过授予中小企业合同金额",
         "填写了授予中小企业合同金额时：面向中小企业预留项目中由中小企业中标或成交的金额 + 其他政府采购项目中由"
         "中小企业中标或成交的金额 ≤ 授予中小企业合同金额（两者是它的组成部分）。",
         NOT_MORE, "核对「政府采购」表中预留项目、其他项目授予中小企业的金额和授予中小企业合同金额。",
         (LessOrEqual(Total((procurement("reserved_sme_awarded"), procurement("other_sme_awarded")),
                            "预留项目与其他项目由中小企业中标或成交的金额之和"), procurement("sme_total")),),
         when=(AnyNonZero((procurement("sme_total"),)),)),
    Rule("S-PERF-02", ERROR, "绩效自评得分不超过分值",
         "每张绩效自评表：0 ≤ 目标得分 ≤ 目标分值；每个绩效指标 0 ≤ 得分 ≤ 分值。总分由程序按执行率得分（分值×执行率，"
         "不超过分值）、目标得分和各指标得分相加，不从工作簿读取，故总分 = 各项得分之和恒成立。",
         "{what}为 {score}，超出分值 {weight}（或为负数）。",
         "改正得分，使其不超过该项的分值。",
         (ScoresWithin(),)),
    Rule("S-PERF-03", WARNING, "绩效自评分值合计为100分",
         "有绩效指标的自评表：执行率分值 + 目标分值 + 各指标分值之和应为 100，自评等级（优 ≥ 90 …）按百分制划分。",
         "“{name}”的分值合计为 {weights}（{detail}），不是 {total}。",
         "核对执行率分值、目标分值和各指标的分值。",
         (WeightsTotal(),)),
    Rule("S-PERF-04", ERROR, "绩效自评得分须填全",
         "已填写部分得分的自评表，目标得分和每个指标的得分都须填写：空白不是 0 分，按 0 计会凭空算出总分和等级。",
         "“{name}”的得分没有填全：{missing}未填写得分。",
         "补填这些得分；确为 0 分的请填 0。",
         (ScoresGiven(partial=True),)),
    Rule("S-PERF-05", WARNING, "绩效自评未填写得分",
         "自评表的目标得分和指标得分都空白时，程序不凭空评分：文档不印出该表的得分和自评等级（自评表印“未评分”），"
         "也不计入平均得分和各等级的项目个数。",
         "“{name}”没有填写任何得分，文档将不印出其得分和自评等级。",
         "若已完成自评，请填写目标得分和各指标得分。",
         (ScoresGiven(partial=False),)),
    Rule("S-PERF-06", ERROR, "绩效管理说明中的项目个数与绩效自评一致",
         "情况说明文字「预算绩效管理工作开展情况」由单位填写时，文档在十三（一）（上海为十）印出这段文字；"
         "湖北、湖南格式不再印出程序按「绩效自评」计算的“共涉及项目N个”一句（同一事实只说一次），上海格式随后印出"
         "绩效自评汇总。文字中写出的项目个数之和（或其中之一）须等于「绩效管理」中填写的“绩效自评的项目数”"
         "（填写时），否则等于「绩效自评」中的项目个数，否则与后文的项目自评结果矛盾。",
         "「预算绩效管理工作开展情况」写了 {stated} 个项目，而{source} {count} 个项目。",
         "改正文字中的项目个数，或在「绩效自评」中补全（删去）项目；不想自己写个数时，删去这句，文档会按绩效自评写出。",
         (StatedProjectCount(),)),
    Rule("S-PERF-07", WARNING, "绩效管理说明写了自评项目，但没有填写绩效自评",
         "「预算绩效管理工作开展情况」写了开展自评的项目个数，而「绩效自评」中没有项目：文档印出这段文字，"
         "不印出项目自评结果和自评表，也不写“未开展项目支出绩效自评”或“绩效自评的项目0个”（以免自相矛盾）。"
         "往年格式以文字说明绩效结果时属正常，故为警告。",
         "「预算绩效管理工作开展情况」写了 {stated} 个项目，而「绩效自评」中没有项目，文档不会印出项目自评表。",
         "如需印出项目自评表，请在「绩效自评」「绩效指标」中填写各项目；否则可忽略本警告。",
         (StatedProjectCount(without_evaluations=True),)),
    Rule("S-PERF-08", ERROR, "绩效自评汇总须填写完整",
         "「绩效管理」中的绩效自评汇总（绩效自评的项目数、涉及预算金额、平均得分、各等级的项目数；上海格式十印出"
         "“绩效自评的项目XX个，涉及预算金额XX万元，平均得分XX分（其中，绩效评级为“优”的项目XX个……）”）：填写了其中"
         "任何一项的，须填写项目数；项目数大于 0 而「绩效自评」中没有项目的，须填写涉及预算金额；平均得分和各等级的"
         "项目数一起填写或一起留空（留空时：有「绩效自评」表的按表计算，没有的文档只印项目数和金额）。"
         "空白不当作 0 印出。",
         "「绩效管理」填写了{what}，但没有填写{missing}。",
         "补填所缺的项；不印绩效自评汇总时，把这几项全部留空（有「绩效自评」表的，程序按表计算）。",
         (SummaryWhole(),)),
    Rule("S-PERF-09", ERROR, "绩效自评汇总前后一致",
         "「绩效管理」中填写的绩效自评汇总自身不矛盾：各等级的项目数之和不多于绩效自评的项目数（其余为未评分的项目，"
         "文档写“已评分的N个项目平均得分……”）；项目数为 0 时没有涉及预算金额；填写了平均得分时至少有一个项目"
         "评了等级，平均得分在 0—100 分之间。",
         "「绩效管理」的绩效自评汇总中{problem}。",
         "核对「绩效管理」中绩效自评的项目数、涉及预算金额、平均得分和各等级的项目数。",
         (SummaryConsistent(),)),
    Rule("S-PERF-10", ERROR, "绩效自评汇总与绩效自评表一致",
         "「绩效自评」中有项目、又在「绩效管理」中填写了绩效自评汇总时，文档印出填写的汇总，附件印出各项目的"
         "自评表：汇总的项目数须等于自评表的项目个数，各等级的项目数须等于按总分评定为该等级的项目个数"
         "（等级按公开格式：上海为优、良、合格、不合格），平均得分须等于已评分项目总分的平均数"
         "（按所填的小数位数四舍五入），否则正文与附件矛盾。",
         "「绩效管理」的{what}为 {stated}，而「绩效自评」中为 {computed}。",
         "改正「绩效管理」中的汇总数，或核对「绩效自评」「绩效指标」中的项目和得分；也可把汇总各项留空，程序按表计算。",
         (SummaryAgreesWithScores(),)),
    Rule("S-PERF-11", ERROR, "绩效自评汇总的预算金额等于各项目预算数之和",
         "「绩效自评」中有项目、又填写了「绩效管理」的“绩效自评涉及预算金额”时，它须等于各项目（不含部门整体）"
         "预算数之和；差额在尾数误差以内时为提示。",
         EQUAL, "核对「绩效管理」的涉及预算金额与「绩效自评」各项目的预算数。",
         (SummaryAmount(),)),
    Rule("S-PERF-12", WARNING, "编报了绩效目标的项目，但没有绩效自评的项目数",
         "「绩效管理」填写了编报绩效目标的项目，而「绩效自评」中没有项目、也没有填写“绩效自评的项目数”和"
         "「预算绩效管理工作开展情况」：文档不写绩效自评的项目（不凭空写“绩效自评的项目0个”）。",
         "「绩效管理」写了编报绩效目标的项目 {goals} 个，但没有绩效自评的项目数：文档将不写绩效自评的情况。",
         "在「绩效管理」中填写绩效自评的项目数、涉及预算金额（已评分的再填平均得分和各等级的项目数），"
         "或在「绩效自评」中填写各项目；确实没有开展绩效自评的，“绩效自评的项目数”填 0。",
         (SummaryGiven(),)),
    Rule("S-PRIOR-01", WARNING, "上年数全部填写或全部留空",
         "「上年数」部分填写、部分空白时，空白的那一项在文档中写作“无法形成对比”，其余各项却与上年比较；"
         "新成立部门应全部留空。",
         "「上年数」已填写 {given} 项，但{missing}空白。",
         "从上年部门决算中补填空白的项目（上年确为 0 的填 0）；新成立部门请全部留空。",
         (PriorComplete(),)),
    Rule("S-PRIOR-02", WARNING, "变动原因只在与上年相比有变动时填写",
         "情况说明文字中的“与上年相比变动原因”，文档只在有上年数且本年数与之不同时作为变动原因印出（印在“增加……万元”"
         "之后）；没有上年数（“无法形成对比”）或持平时不作为变动原因印出（湖南格式在“无法形成对比”之后把它作为"
         "无法对比的说明印出，如“我单位是2019年4月份新成立的”）。须提示，以免会计以为文档已说明了变动。",
         "「{name}」已填写，但{why}，文档不会把它作为与上年相比变动的原因印出（对应上年数：「{prior}」）。",
         "补填「上年数」中的对应金额；若确为新成立部门或确实持平，可删去这段原因。",
         (ReasonCompared((
             ("reasons.total_change", "prior.income_expenditure_grand_total", t1("income_grand_total")),
             ("reasons.appropriation_change", "prior.appropriation_grand_total", t4("income_grand_total")),
             ("reasons.general_budget_change", "prior.general_budget_expenditure", total("t5", "total")),
             ("reasons.three_public_change", "prior.three_public_total", At("t7", "actual", "total")),
             ("reasons.office_cost_change", "prior.office_operating_cost", Field("office_cost.amount")),
         )),)),
    # ============================================================== 文字内容
    Rule("W-01", ERROR, "文字中有未替换的占位符",
         "印入文档的文字（补充资料、年初预算、绩效自评、重点工作、名词解释、各表科目名称）中不能有 XX、××、某某、"
         "○○ 或代替内容的省略号（“主要原因是……”）：这是模板或范文中的占位符。",
         "{table}「{name}」{column}中有占位符“{found}”：{text}",
         "把占位符换成实际内容。",
         (TextPattern(PLACEHOLDERS, "占位符"),)),
    Rule("W-02", WARNING, "文字中有决算年度以外的年份",
         "单位填写的说明文字中出现的年份，一般是决算年度、上一年度（对比）或下一年度（公开、整改）。"
         "其他年份多半是从往年文档复制来的文字未改年份；确为引述历史的，可忽略，故为警告。",
         "{table}「{name}」{column}中写了“{found}”（应为 {allowed} 之一）：{text}",
         "核对这段文字是否从往年文档复制而来，改正年份。",
         (ForeignYears(),)),
    Rule("W-03", WARNING, "文字中有重复的标点",
         "单位填写的文字中不应有连续重复或相互矛盾的标点（“。。”“，，”“，。”），多为粘贴时留下的。",
         "{table}「{name}」{column}中有“{found}”：{text}",
         "删去多余的标点。",
         (TextPattern(REPEATED_PUNCTUATION, "重复标点", names=False),)),
    Rule("W-04", ERROR, "文字中有 Excel 错误值",
         "科目名称和说明文字中不能有 #N/A、#REF!、#DIV/0!、#VALUE! 等 Excel 错误值：它们是公式出错的结果，"
         "会原样印入文档。",
         "{table}「{name}」{column}是 Excel 错误值“{found}”。",
         "改正该单元格的公式（引用的单元格或工作表可能已删除），或直接填写文字。",
         (TextPattern(EXCEL_ERRORS, "Excel 错误值"),)),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
assert len(RULES_BY_ID) == len(RULES), "duplicate rule id"
