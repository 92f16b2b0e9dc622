"""Which words name which table figure: the auditor's vocabulary, as data.

A quoted amount is compared with a table only when the words before it name one figure exactly
(the whole label, after the year, the department and connectives are set aside, matches a
pattern); words that name nothing known are left alone. A pattern holds within the sections of
the 情况说明 it lists: 基本支出 is 表3's in 三、支出决算, 表5's in 五 and 六, 表8's in 八.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.workbook import layout as L


@dataclass(frozen=True)
class Ref:
    """One table cell: table, line key, column (the keys of ``generator.checks.tables``)."""

    table: str
    line: str
    column: str = L.AMOUNT


@dataclass(frozen=True)
class Phrase:
    """In ``sections``, a label that fully matches ``pattern`` names the sum of ``refs``."""

    sections: tuple[str, ...]
    pattern: str
    refs: tuple[Ref, ...]
    name: str  # how the finding names the figure

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@dataclass(frozen=True)
class ThreePublicItem:
    """七: a “三公” item named by ``pattern``; its 预算数 or 决算数 is 表7's ``column``."""

    pattern: str
    column: str
    name: str

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


# The sections of the 情况说明, found by the words of their heading (first match wins, so the more
# specific come first); a section 其他重要事项 is classified by its sub-headings.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("appropriation_total", r"财政拨款收入支出决算总体情况|财政拨款收支决算总体情况"),
    ("total", r"收入支出决算总体情况|收支决算总体情况"),
    ("income", r"^收入决算情况"),
    ("expenditure", r"^支出决算情况"),
    ("basic", r"基本支出决算情况"),
    ("three_public", r"三公"),
    ("general_budget", r"一般公共预算财政拨款支出决算情况|一般公共预算财政拨款支出决算"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("office", r"机关运行经费"),
    ("general_expenditure", r"一般性支出"),
    ("procurement", r"政府采购"),
    ("assets", r"国有资产"),
    ("performance", r"绩效"),
    ("other", r"其他重要事项|其他事项"),
)


def section_of(heading_key: str) -> str:
    for section, pattern in SECTIONS:
        if re.search(pattern, heading_key):
            return section
    return ""


def t1(line: str) -> tuple[Ref, ...]:
    return (Ref("t1", line),)


_APPROPRIATION_INCOME = (Ref("t1", "inc_general_budget"), Ref("t1", "inc_gov_fund"), Ref("t1", "inc_state_capital"))

PHRASES: tuple[Phrase, ...] = (
    # 一、收入支出决算总体情况
    Phrase(("total",), r"(本年度?)?(收支|收入支出|收入和支出)(决算)?总计各?", t1("income_grand_total"), "收、支总计"),
    Phrase(("total",), r"(本年度?)?收入(决算)?总计", t1("income_grand_total"), "收入总计"),
    Phrase(("total",), r"(本年度?)?支出(决算)?总计", t1("expenditure_grand_total"), "支出总计"),
    # 二、收入决算情况
    Phrase(("income",), r"(本年)?收入(决算)?(合计|总额|总计)?", t1("income_total"), "本年收入合计"),
    Phrase(("income",), r"财政拨款(收入)?", _APPROPRIATION_INCOME, "财政拨款收入"),
    Phrase(("income",), r"一般公共预算财政拨款(收入)?", t1("inc_general_budget"), "一般公共预算财政拨款收入"),
    Phrase(("income",), r"政府性基金预算财政拨款(收入)?", t1("inc_gov_fund"), "政府性基金预算财政拨款收入"),
    Phrase(("income",), r"国有资本经营预算财政拨款(收入)?", t1("inc_state_capital"), "国有资本经营预算财政拨款收入"),
    Phrase(("income",), r"上级补助(收入)?", t1("inc_higher_subsidy"), "上级补助收入"),
    Phrase(("income",), r"事业收入", t1("inc_business"), "事业收入"),
    Phrase(("income",), r"经营收入", t1("inc_operating"), "经营收入"),
    Phrase(("income",), r"附属单位上缴收入", t1("inc_subordinate"), "附属单位上缴收入"),
    Phrase(("income",), r"其他收入", t1("inc_other"), "其他收入"),
    Phrase(("income",), r"使用非财政拨款结余|用事业基金弥补收支差额", t1("use_non_appropriation_balance"),
           "使用非财政拨款结余"),
    # 三、支出决算情况
    Phrase(("expenditure",), r"(本年)?支出(决算)?(合计|总额)?", t1("expenditure_total"), "本年支出合计"),
    Phrase(("expenditure",), r"基本支出", (Ref("t3", "total", "basic"),), "基本支出"),
    Phrase(("expenditure",), r"项目支出", (Ref("t3", "total", "project"),), "项目支出"),
    Phrase(("expenditure",), r"上缴上级支出", (Ref("t3", "total", "remit_higher"),), "上缴上级支出"),
    Phrase(("expenditure",), r"经营支出", (Ref("t3", "total", "operating"),), "经营支出"),
    Phrase(("expenditure",), r"对附属单位补助支出", (Ref("t3", "total", "subsidy_subordinate"),), "对附属单位补助支出"),
    # 四、财政拨款收入支出决算总体情况
    Phrase(("appropriation_total",), r"(本年度?)?财政拨款(收支|收入支出|收入和支出)(决算)?总计各?",
           (Ref("t4", "income_grand_total"),), "财政拨款收、支总计"),
    Phrase(("appropriation_total",), r"(本年度?)?财政拨款收入(决算)?总计", (Ref("t4", "income_grand_total"),),
           "财政拨款收入总计"),
    Phrase(("appropriation_total",), r"(本年度?)?财政拨款支出(决算)?总计",
           (Ref("t4", "expenditure_grand_total", "total"),), "财政拨款支出总计"),
    # 五、一般公共预算财政拨款支出决算情况
    Phrase(("general_budget",), r"(一般公共预算)?财政拨款支出(决算)?|一般公共预算财政拨款支出(决算)?",
           (Ref("t5", "total", "total"),), "一般公共预算财政拨款支出"),
    Phrase(("general_budget",), r"(一般公共预算)?(财政拨款)?基本支出", (Ref("t5", "total", "basic"),),
           "一般公共预算财政拨款基本支出"),
    Phrase(("general_budget",), r"(一般公共预算)?(财政拨款)?项目支出", (Ref("t5", "total", "project"),),
           "一般公共预算财政拨款项目支出"),
    # 六、一般公共预算财政拨款基本支出决算情况
    Phrase(("basic",), r"(一般公共预算)?(财政拨款)?基本支出", (Ref("t5", "total", "basic"),),
           "一般公共预算财政拨款基本支出"),
    Phrase(("basic",), r"人员经费(支出)?", (Ref("t6", "personnel_total"),), "人员经费"),
    Phrase(("basic",), r"公用经费(支出)?", (Ref("t6", "public_total"),), "公用经费"),
    # 八、政府性基金预算财政拨款收入支出决算情况
    Phrase(("gov_fund",), r"(政府性基金预算)?(财政拨款)?年初结转和结余", (Ref("t8", "total", "carryover_begin"),),
           "政府性基金年初结转和结余"),
    Phrase(("gov_fund",), r"(政府性基金预算)?(财政拨款)?(本年)?收入", (Ref("t8", "total", "income"),),
           "政府性基金本年收入"),
    Phrase(("gov_fund",), r"(政府性基金预算)?(财政拨款)?(本年)?支出", (Ref("t8", "total", "total"),),
           "政府性基金本年支出"),
    Phrase(("gov_fund",), r"基本支出", (Ref("t8", "total", "basic"),), "政府性基金基本支出"),
    Phrase(("gov_fund",), r"项目支出", (Ref("t8", "total", "project"),), "政府性基金项目支出"),
    Phrase(("gov_fund",), r"(政府性基金预算)?(财政拨款)?年末结转和结余", (Ref("t8", "total", "carryover_end"),),
           "政府性基金年末结转和结余"),
    # 九、国有资本经营预算财政拨款支出决算情况
    Phrase(("state_capital",), r"(国有资本经营预算)?(财政拨款)?(本年)?支出", (Ref("t9", "total", "total"),),
           "国有资本经营预算财政拨款支出"),
    Phrase(("state_capital",), r"(国有资本经营预算)?(财政拨款)?(本年)?收入", (Ref("t4", "inc_state_capital"),),
           "国有资本经营预算财政拨款收入"),
)

# 七、“三公”经费: the item named, its 预算数 (表7 预算数 line) or 决算数 (决算数 line)
THREE_PUBLIC_ITEMS: tuple[ThreePublicItem, ...] = (
    ThreePublicItem(r"(一般公共预算)?(财政拨款)?三公经费(财政拨款)?(支出)?", "total", "“三公”经费"),
    ThreePublicItem(r"因公出国（境）费?用?(支出)?", "outbound", "因公出国（境）费"),
    ThreePublicItem(r"公务用车购置(费)?及运行(维护)?费(支出)?|公务用车购置费及运行维护费(支出)?", "vehicle_total",
                    "公务用车购置及运行费"),
    ThreePublicItem(r"公务用车购置费?(支出)?", "vehicle_purchase", "公务用车购置费"),
    ThreePublicItem(r"公务用车运行(维护)?费?(支出)?", "vehicle_operation", "公务用车运行费"),
    ThreePublicItem(r"公务接待费?(支出)?", "reception", "公务接待费"),
)

# the table whose subject rows the items of a section (…（类）…（款）…（项）) are read from
ITEM_TABLES = {"general_budget": "t5", "gov_fund": "t8", "state_capital": "t9"}

# a share's denominator named in any section (占本年支出合计的…)
DENOMINATORS: tuple[Phrase, ...] = (
    Phrase((), r"(本年)?支出(决算)?合计|本年支出|全部支出", t1("expenditure_total"), "本年支出合计"),
    Phrase((), r"(本年)?收入(决算)?合计|本年收入|全部收入", t1("income_total"), "本年收入合计"),
    Phrase((), r"一般公共预算(财政拨款)?项目支出(总额|合计)?", (Ref("t5", "total", "project"),),
           "一般公共预算财政拨款项目支出"),
    Phrase((), r"政府性基金预算(财政拨款)?项目支出(总额|合计)?", (Ref("t8", "total", "project"),),
           "政府性基金预算财政拨款项目支出"),
    Phrase((), r"财政拨款支出(总额|合计)?", (Ref("t4", "expenditure_total", "total"),), "财政拨款支出合计"),
)

# the parts that add up to a whole in one sentence: (section, whole, parts)
PARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("procurement", r"政府采购(支出)?(总额|金额|总金额)", (r"(政府采购)?货物(采购)?(支出|金额)?",
                                                  r"(政府采购)?工程(采购)?(支出|金额)?",
                                                  r"(政府采购)?服务(采购)?(支出|金额)?")),
    ("basic", r"(一般公共预算)?(财政拨款)?基本支出", (r"人员经费(支出)?", r"公用经费(支出)?")),
)

# 十 预算绩效管理 (上海): the summary of the project self-evaluations, read as one sentence (quotes and spaces
# removed, brackets full-width): 绩效自评的2024年度项目3个，涉及预算金额1330.00万元，平均得分85分（其中，…）
SELF_EVALUATION_SUMMARY = (r"绩效自评的(?:\d{4}年度?)?项目(?P<count>\d+)个[，,]?涉及(?:预算)?(?:金额|资金)"
                           r"(?P<amount>\d+(?:\.\d+)?)万元(?:[，,](?:已评分的(?P<scored>\d+)个项目)?"
                           r"平均得分(?P<average>\d+(?:\.\d+)?)分(?:（其中[，,]?(?P<grades>[^）]*)）)?)?")
# one grade's count inside it: 绩效评级为优的项目1个
GRADE_COUNT = r"(?:绩效)?评级为(?P<label>[^的，,；;。]{1,4})的项目(?P<count>\d+)个"
# the titles of the attached self-evaluation tables (the department's own is not a project's)
EVALUATION_TABLE = r"项目支出绩效自评表"
DEPARTMENT_EVALUATION_TABLE = r"部门整体支出绩效自评表"
