"""Build ``example_full.json``: an invented department that exercises every table and rule.

上海市示例文化发展中心, 2024, layout 上海: a public institution (事业单位) with 2 subordinate
units, income from every source, all three appropriation kinds, government-fund and
state-capital tables, carry-overs, 结余分配, 三公 spending in every item, a full 表6 …

Every amount is built in exact cents (``Decimal`` with two places) from the leaves upwards:
项 subjects → 款 → 类 → 合计, economic subjects → 301/302/303/310 → 人员/公用经费合计, and
every total and carry-over is derived, never typed. Nothing is random: running the script
twice writes the same file.

The end of the script re-reads the written JSON and checks every rule of the domain
(docs/domain.md, "The rules the tables must satisfy") exactly to the cent, plus the
consistency of the supplementary inputs. Run with the repository's venv::

    .venv/bin/python sample_inputs/data/make_example_full.py
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import fields
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "example_full.json"
REPO = HERE.parent.parent
CATALOG = REPO / "generator" / "catalog"

CENT = Decimal("0.01")
Z = Decimal("0.00")


def D(text: str | int | Decimal) -> Decimal:
    """An amount in 万元, exact to the cent."""
    value = Decimal(str(text))
    assert value == value.quantize(CENT), f"more than two decimals: {text}"
    return value.quantize(CENT)


def fmt(value: Decimal) -> str:
    return str(D(value))


def cell(value: Decimal) -> str | None:
    """A table cell: blank (null) when zero, as the official tables print it."""
    return None if value == 0 else fmt(value)


def total(values) -> Decimal:
    return sum(values, Z)


# =========================================================================== catalogue
# Functional subjects (《2024年政府收支分类科目》) used by this department: 类 / 款 / 项.
SUBJECT_NAMES = {
    "205": "教育支出",
    "20508": "进修及培训",
    "2050803": "培训支出",
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "2070108": "文化活动",
    "2070109": "群众文化",
    "2070199": "其他文化和旅游支出",
    "20707": "国家电影事业发展专项资金安排的支出",
    "2070701": "资助国产影片放映",
    "20799": "其他文化旅游体育与传媒支出",
    "2079903": "文化产业发展专项支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
    "223": "国有资本经营预算支出",
    "22301": "解决历史遗留问题及改革成本支出",
    "2230105": "国有企业退休人员社会化管理补助支出",
    "2230199": "其他解决历史遗留问题及改革成本支出",
    "229": "其他支出",
    "22960": "彩票公益金安排的支出",
    "2296003": "用于体育事业的彩票公益金支出",
    "2296010": "用于文化事业的彩票公益金支出",
}


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(CATALOG / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


CLASS_NAMES = {row["code"]: row["name"] for row in _read_csv("function_classes.csv")}
ECON = {row["code"]: (row["name"], row["group"]) for row in _read_csv("economic_subjects.csv")}

# 表1 / 表4 class lines of the 2024 Shanghai template (24 classes), in printed order.
SHANGHAI_2024_CLASSES = [
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "234",
]
NUMERALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四",
]
for _code in SUBJECT_NAMES:
    if len(_code) == 3:
        assert CLASS_NAMES[_code] == SUBJECT_NAMES[_code], _code

# =========================================================================== 表6 leaves
# 一般公共预算财政拨款基本支出 by economic subject (决算数, 万元). Totals are derived.
T6_LEAVES = {
    # 301 工资福利支出
    "30101": "312.48", "30102": "268.35", "30103": "26.04", "30107": "356.80",
    "30108": "198.64", "30109": "99.32", "30110": "96.21", "30112": "8.73",
    "30113": "142.56", "30199": "21.40",
    # 303 对个人和家庭的补助
    "30301": "12.36", "30302": "26.10", "30305": "3.20", "30399": "36.90",
    # 302 商品和服务支出
    "30201": "18.62", "30202": "6.35", "30205": "3.12", "30206": "27.48", "30207": "5.96",
    "30209": "86.40", "30211": "9.87", "30212": "6.80", "30213": "22.15", "30215": "3.60",
    "30216": "5.40", "30217": "1.26", "30226": "14.30", "30228": "19.85", "30229": "12.10",
    "30231": "8.64", "30239": "18.36", "30299": "4.72",
    # 310 资本性支出
    "31002": "11.80", "31007": "7.50", "31013": "25.80",
}
T6 = {code: D(v) for code, v in T6_LEAVES.items()}
for code in T6:
    assert code in ECON, code
for head in ("301", "302", "303", "307", "310", "399"):
    T6[head] = total(D(v) for c, v in T6_LEAVES.items() if c.startswith(head))
PERSONNEL = T6["301"] + T6["303"]
PUBLIC = T6["302"] + T6["307"] + T6["310"] + T6["399"]
BASIC_GB = PERSONNEL + PUBLIC

# =========================================================================== 项 leaves
COLUMNS = (
    # spending, by fund and kind
    "gb_b", "gb_p", "gf_b", "gf_p", "sc_b", "sc_p",
    "oth_b", "oth_p", "remit", "oper", "sub",
    # income
    "inc_gb", "inc_gf", "inc_higher", "inc_business", "inc_operating", "inc_subordinate", "inc_other",
    # government fund carry-over at the beginning of the year
    "gf_begin",
)

LEAF_INPUT: dict[str, dict[str, str]] = {
    "2050803": {"gb_p": "86.40", "oth_p": "23.15", "inc_business": "25.00"},
    "2070108": {"gb_p": "318.95", "inc_gb": "350.00", "oth_p": "45.00",
                "inc_business": "40.00", "inc_other": "8.50"},
    # gb_b of 2070109 is the balancing item of 表6 (set below)
    "2070109": {"gb_p": "642.18", "oth_b": "135.60", "remit": "12.50", "oper": "48.72", "sub": "60.00",
                "inc_business": "180.00", "inc_operating": "55.00", "inc_subordinate": "20.00",
                "inc_other": "6.30"},
    "2070199": {"oth_p": "27.80", "oper": "15.30", "inc_higher": "30.00", "inc_operating": "18.00"},
    "2070701": {"gf_p": "56.20", "inc_gf": "50.00", "gf_begin": "12.00"},
    "2079903": {"gb_p": "210.00", "inc_gb": "150.00"},
    "2080502": {"gb_b": "38.46"},
    "2080505": {"gb_b": "198.64", "oth_b": "21.30"},
    "2080506": {"gb_b": "99.32", "oth_b": "10.65"},
    "2210201": {"gb_b": "142.56", "oth_b": "15.20"},
    "2210203": {"gb_b": "36.90"},
    "2230105": {"sc_p": "35.00"},
    "2230199": {"sc_p": "84.60"},
    "2296003": {"gf_p": "42.80", "inc_gf": "45.00"},
    "2296010": {"gf_p": "125.00", "inc_gf": "120.00", "gf_begin": "20.00"},
}

LEAVES: dict[str, dict[str, Decimal]] = {}
for code, given in LEAF_INPUT.items():
    assert len(code) == 7 and code in SUBJECT_NAMES, code
    row = {col: D(given.get(col, "0")) for col in COLUMNS}
    LEAVES[code] = row

# 表5 基本支出 合计 must equal 表6 人员经费 + 公用经费: 群众文化 carries the rest of basic spending.
LEAVES["2070109"]["gb_b"] = BASIC_GB - total(r["gb_b"] for c, r in LEAVES.items() if c != "2070109")
assert LEAVES["2070109"]["gb_b"] > 0

for code, row in LEAVES.items():
    # general-budget income: as spent unless given (the difference is carried over)
    if "inc_gb" not in LEAF_INPUT[code]:
        row["inc_gb"] = row["gb_b"] + row["gb_p"]
    # state capital: no carry-over (表9 has no carry-over columns in the workbook format)
    row["inc_sc"] = row["sc_b"] + row["sc_p"]
    row["gb"] = row["gb_b"] + row["gb_p"]
    row["gf"] = row["gf_b"] + row["gf_p"]
    row["sc"] = row["sc_b"] + row["sc_p"]
    row["gf_end"] = row["gf_begin"] + row["inc_gf"] - row["gf"]
    assert row["gf_end"] >= 0, code
    # 表3 columns
    row["t3_basic"] = row["gb_b"] + row["gf_b"] + row["sc_b"] + row["oth_b"]
    row["t3_project"] = row["gb_p"] + row["gf_p"] + row["sc_p"] + row["oth_p"]
    row["t3_total"] = row["t3_basic"] + row["t3_project"] + row["remit"] + row["oper"] + row["sub"]
    # 表2 columns
    row["inc_approp"] = row["inc_gb"] + row["inc_gf"] + row["inc_sc"]
    row["inc_total"] = (row["inc_approp"] + row["inc_higher"] + row["inc_business"] + row["inc_operating"]
                        + row["inc_subordinate"] + row["inc_other"])


def agg(prefix: str, col: str) -> Decimal:
    return total(r[col] for c, r in LEAVES.items() if c.startswith(prefix))


# =========================================================================== subject tables


def subject_rows(columns: list[str], include=lambda leaf: True) -> list[list]:
    """合计 row then every 类/款/项 (depth-first by code) whose leaves are included."""
    leaves = sorted(c for c, r in LEAVES.items() if include(r))
    codes = sorted({c[:n] for c in leaves for n in (3, 5, 7)})
    rows = [["", "合计", *[cell(total(LEAVES[c][col] for c in leaves)) for col in columns]]]
    for code in codes:
        under = [c for c in leaves if c.startswith(code)]
        rows.append([code, SUBJECT_NAMES[code], *[cell(total(LEAVES[c][col] for c in under)) for col in columns]])
    return rows


T2 = subject_rows(["inc_total", "inc_approp", "inc_higher", "inc_business", "inc_operating",
                   "inc_subordinate", "inc_other"], lambda r: r["inc_total"] != 0)
T3 = subject_rows(["t3_total", "t3_basic", "t3_project", "remit", "oper", "sub"], lambda r: r["t3_total"] != 0)
T5 = subject_rows(["gb", "gb_b", "gb_p"], lambda r: r["gb"] != 0)
T8 = subject_rows(["gf_begin", "inc_gf", "gf", "gf_b", "gf_p", "gf_end"],
                  lambda r: any(r[k] != 0 for k in ("gf_begin", "inc_gf", "gf", "gf_end")))
T9 = subject_rows(["sc", "sc_b", "sc_p"], lambda r: r["sc"] != 0)

# =========================================================================== totals
INC = {k: agg("", k) for k in ("inc_gb", "inc_gf", "inc_sc", "inc_higher", "inc_business", "inc_operating",
                               "inc_subordinate", "inc_other")}
INCOME_TOTAL = total(INC.values())
SPEND_TOTAL = agg("", "t3_total")
GB_SPEND, GF_SPEND, SC_SPEND = agg("", "gb"), agg("", "gf"), agg("", "sc")
APPROP_SPEND = GB_SPEND + GF_SPEND + SC_SPEND

# appropriation carry-overs (表4): general budget given at the start, the rest derived
GB_BEGIN = D("85.30")
GF_BEGIN = agg("", "gf_begin")
SC_BEGIN = Z
GB_END = GB_BEGIN + INC["inc_gb"] - GB_SPEND
GF_END = agg("", "gf_end")
SC_END = SC_BEGIN + INC["inc_sc"] - SC_SPEND
assert GB_END > 0 and GF_END > 0 and SC_END == 0
APPROP_BEGIN = GB_BEGIN + GF_BEGIN + SC_BEGIN
APPROP_END = GB_END + GF_END + SC_END

# non-appropriation funds (表1): 年初 and 使用非财政拨款结余 and 结余分配 given, 年末 derived
NONAPPROP_BEGIN = D("96.40")
USE_NONAPPROP_SURPLUS = D("25.00")
SURPLUS_DISTRIBUTION = D("6.85")
NONAPPROP_INCOME = INCOME_TOTAL - INC["inc_gb"] - INC["inc_gf"] - INC["inc_sc"]
NONAPPROP_SPEND = SPEND_TOTAL - APPROP_SPEND
NONAPPROP_END = (NONAPPROP_BEGIN + NONAPPROP_INCOME + USE_NONAPPROP_SURPLUS - NONAPPROP_SPEND
                 - SURPLUS_DISTRIBUTION)
assert NONAPPROP_END > 0

BEGIN_ALL = APPROP_BEGIN + NONAPPROP_BEGIN
END_ALL = APPROP_END + NONAPPROP_END
T1_GRAND = INCOME_TOTAL + USE_NONAPPROP_SURPLUS + BEGIN_ALL
assert T1_GRAND == SPEND_TOTAL + SURPLUS_DISTRIBUTION + END_ALL
APPROP_INCOME = INC["inc_gb"] + INC["inc_gf"] + INC["inc_sc"]
T4_GRAND = APPROP_INCOME + APPROP_BEGIN
assert T4_GRAND == APPROP_SPEND + APPROP_END

# =========================================================================== 表1 / 表4
N_CLASSES = len(SHANGHAI_2024_CLASSES)
CLASS_LABELS = [f"{NUMERALS[i]}、{CLASS_NAMES[c]}" for i, c in enumerate(SHANGHAI_2024_CLASSES)]

t1_left = [
    ["一、一般公共预算财政拨款收入", INC["inc_gb"]],
    ["二、政府性基金预算财政拨款收入", INC["inc_gf"]],
    ["三、国有资本经营预算财政拨款收入", INC["inc_sc"]],
    ["四、上级补助收入", INC["inc_higher"]],
    ["五、事业收入", INC["inc_business"]],
    ["六、经营收入", INC["inc_operating"]],
    ["七、附属单位上缴收入", INC["inc_subordinate"]],
    ["八、其他收入", INC["inc_other"]],
]
# blank lines pad the income side to the length of the class list, as printed (Hubei/Hunan)
t1_left += [["", None]] * (N_CLASSES - len(t1_left))
t1_left += [
    ["本年收入合计", INCOME_TOTAL],
    ["使用非财政拨款结余", USE_NONAPPROP_SURPLUS],
    ["年初结转和结余", BEGIN_ALL],
    ["总计", T1_GRAND],
]
t1_right = [[label, agg(code, "t3_total")] for label, code in zip(CLASS_LABELS, SHANGHAI_2024_CLASSES, strict=True)]
t1_right += [
    ["本年支出合计", SPEND_TOTAL],
    ["结余分配", SURPLUS_DISTRIBUTION],
    ["年末结转和结余", END_ALL],
    ["总计", T1_GRAND],
]
assert len(t1_left) == len(t1_right)
T1 = {
    "left": [[label, i + 1, None if amount is None else cell(amount)] for i, (label, amount) in enumerate(t1_left)],
    "right": [[label, len(t1_left) + i + 1, cell(amount)] for i, (label, amount) in enumerate(t1_right)],
}

t4_left = [
    ["一、一般公共预算财政拨款", INC["inc_gb"]],
    ["二、政府性基金预算财政拨款", INC["inc_gf"]],
    ["三、国有资本经营预算财政拨款", INC["inc_sc"]],
]
t4_left += [["", None]] * (N_CLASSES - len(t4_left))
t4_left += [
    ["本年收入合计", APPROP_INCOME],
    ["年初财政拨款结转和结余", APPROP_BEGIN],
    ["一般公共预算财政拨款", GB_BEGIN],
    ["政府性基金预算财政拨款", GF_BEGIN],
    ["国有资本经营预算财政拨款", SC_BEGIN],
    ["总计", T4_GRAND],
]


def _kinds(gb: Decimal, gf: Decimal, sc: Decimal) -> list:
    return [gb + gf + sc, gb, gf, sc]


t4_right = [[label, _kinds(agg(code, "gb"), agg(code, "gf"), agg(code, "sc"))]
            for label, code in zip(CLASS_LABELS, SHANGHAI_2024_CLASSES, strict=True)]
t4_right += [
    ["本年支出合计", _kinds(GB_SPEND, GF_SPEND, SC_SPEND)],
    ["年末财政拨款结转和结余", _kinds(GB_END, GF_END, SC_END)],
]
t4_right += [["", None]] * (len(t4_left) - len(t4_right) - 1)
t4_right += [["总计", _kinds(GB_SPEND + GB_END, GF_SPEND + GF_END, SC_SPEND + SC_END)]]
assert len(t4_left) == len(t4_right)
T4 = {
    "left": [[label, i + 1, None if amount is None else cell(amount)] for i, (label, amount) in enumerate(t4_left)],
    "right": [[label, len(t4_left) + i + 1, *([None] * 4 if amounts is None else [cell(a) for a in amounts])]
              for i, (label, amounts) in enumerate(t4_right)],
}

# =========================================================================== 表6 grid
_econ_codes = list(ECON)


def _group(heads: tuple[str, ...]) -> list[list]:
    return [[c, ECON[c][0], cell(T6.get(c, Z))] for c in _econ_codes if c[:3] in heads]


_g1, _g2, _g3 = _group(("301", "303")), _group(("302",)), _group(("307", "310", "399"))
_height = max(len(_g1), len(_g2), len(_g3))
T6_GRID = []
for i in range(_height):
    row = []
    for group in (_g1, _g2, _g3):
        row += group[i] if i < len(group) else ["", "", None]
    T6_GRID.append(row)
T6_GRID.append(["", "人员经费合计", fmt(PERSONNEL), "", "公用经费合计", None, "", "", fmt(PUBLIC)])

# =========================================================================== 表7
T7_ACTUAL = {  # 决算数: 表6 basic spending plus what projects spent on the same items
    "outbound": T6["30212"],
    "vehicle_purchase": T6["31013"],
    "vehicle_operation": T6["30231"] + D("1.20"),
    "reception": T6["30217"] + D("0.54"),
}
T7_BUDGET = {"outbound": D("8.00"), "vehicle_purchase": D("26.00"), "vehicle_operation": D("10.50"),
             "reception": D("1.50")}


def _t7_line(v: dict[str, Decimal]) -> list[str]:
    vehicles = v["vehicle_purchase"] + v["vehicle_operation"]
    return [fmt(v["outbound"] + vehicles + v["reception"]), fmt(v["outbound"]), fmt(vehicles),
            fmt(v["vehicle_purchase"]), fmt(v["vehicle_operation"]), fmt(v["reception"])]


T7 = {"budget": _t7_line(T7_BUDGET), "actual": _t7_line(T7_ACTUAL)}
T7_ACTUAL_TOTAL = total(T7_ACTUAL.values())

# =========================================================================== 年初预算
# (fund, code, budget, use, reason) for every 项 of 表5, 表8 and 表9; 类 rows are derived.
BUDGET_ITEMS = [
    ("一般公共预算", "2050803", "80.00", "开展基层文化骨干、群文辅导员等业务培训。",
     "年中追加长三角非遗传承人研修班任务，培训期次增加。"),
    ("一般公共预算", "2070108", "320.00", "举办市民文化节系列活动、公共文化配送演出。",
     "部分演出场次因场馆检修调整至下年度举办，相关经费结转使用。"),
    ("一般公共预算", "2070109", "2030.00", "保障中心及下属单位正常运转，开展群众文化辅导、展览和公益服务。",
     "人员增资及年中新增公益性岗位，人员经费支出增加。"),
    ("一般公共预算", "2079903", "250.00", "扶持中小微文化企业和文创项目孵化。",
     "部分扶持项目尚未完成验收，资金未全部拨付。"),
    ("一般公共预算", "2080502", "0.00", "支付离退休人员离休费、退休费及相关补贴。",
     "年初未安排预算，年中按规定追加离休人员生活补贴和退休人员一次性补贴。"),
    ("一般公共预算", "2080505", "195.00", "按规定为在职人员缴纳基本养老保险。",
     "缴费基数年中调整，缴费支出相应增加。"),
    ("一般公共预算", "2080506", "97.50", "按规定为在职人员缴纳职业年金。",
     "缴费基数年中调整，缴费支出相应增加。"),
    ("一般公共预算", "2210201", None, "按规定为在职人员缴存住房公积金。", ""),  # budget = actual
    ("一般公共预算", "2210203", "40.00", "按规定发放无房、住房面积未达标职工购房补贴。",
     "部分职工补贴申请材料未在年内审核完毕，发放人数少于预期。"),
    ("政府性基金预算", "2070701", "55.00", "资助社区、乡村公益电影及国产影片放映。",
     "年初结转资金一并安排使用，放映场次超过计划。"),
    ("政府性基金预算", "2296003", "45.00", "资助全民健身和群众性体育赛事活动。",
     "部分赛事采用线上方式举办，实际支出少于预算。"),
    ("政府性基金预算", "2296010", "120.00", "资助公共文化服务设施运维和文化惠民项目。",
     "使用以前年度结转资金，支出大于年初预算。"),
    ("国有资本经营预算", "2230105", "36.00", "补助所属文化企业退休人员社会化管理。",
     "实际移交人数少于预计。"),
    ("国有资本经营预算", "2230199", "90.00", "解决所属文化企业改制遗留问题。",
     "部分遗留问题处置进度滞后，资金未全部使用。"),
]
FUND_COL = {"一般公共预算": "gb", "政府性基金预算": "gf", "国有资本经营预算": "sc"}
_budget_leaf: dict[tuple[str, str], Decimal] = {}
_budget_text: dict[tuple[str, str], tuple[str, str]] = {}
for fund, code, amount, use, reason in BUDGET_ITEMS:
    _budget_leaf[fund, code] = LEAVES[code][FUND_COL[fund]] if amount is None else D(amount)
    _budget_text[fund, code] = (use, reason)
CLASS_REASONS = {
    ("一般公共预算", "205"): ("用于文化人才培训。", "培训任务增加。"),
    ("一般公共预算", "207"): ("用于中心运转和群众文化、文化活动、文化产业扶持。",
                         "人员经费增加，部分项目未完成验收、资金结转下年。"),
    ("一般公共预算", "208"): ("用于离退休费及养老保险、职业年金缴费。", "缴费基数调整及年中追加离退休补贴。"),
    ("一般公共预算", "221"): ("用于住房公积金和购房补贴。", "购房补贴发放人数少于预期。"),
    ("政府性基金预算", "207"): ("用于资助国产影片放映。", "使用年初结转资金。"),
    ("政府性基金预算", "229"): ("用于体育和文化事业的彩票公益金支出。", "使用年初结转资金。"),
    ("国有资本经营预算", "223"): ("用于解决所属文化企业历史遗留问题及改革成本。", "遗留问题处置进度滞后。"),
}
# 全年预算 (adjusted during the year) = 年初预算 + these; given for 一般公共预算 and 国有资本经营预算 (every
# row of those funds), not for 政府性基金预算 (its items are quoted without one)
FULL_YEAR_FUNDS = ("一般公共预算", "国有资本经营预算")
FULL_YEAR_ADJUSTMENTS = {
    ("一般公共预算", "2050803"): D("8.00"),  # 追加研修班
    ("一般公共预算", "2080502"): D("38.46"),  # 年初无预算，年中追加（全年预算 = 决算）
    ("一般公共预算", "2079903"): D("-20.00"),  # 调减
    ("国有资本经营预算", "2230199"): D("-5.00"),
}
_full_year_leaf = {key: value + FULL_YEAR_ADJUSTMENTS.get(key, Z)
                   for key, value in _budget_leaf.items() if key[0] in FULL_YEAR_FUNDS}
# the budget's own 合计 rows (批复数) for 一般公共预算 and 国有资本经营预算, none for 基金; here they equal the
# sums of their subjects (the sample reconciles exactly; tests make one differ by a cent of rounding)
STATED_TOTAL_OFFSET = {"一般公共预算": Z, "国有资本经营预算": Z}
BUDGET_ROWS = []
for fund in ("一般公共预算", "政府性基金预算", "国有资本经营预算"):
    leaves = sorted(c for (f, c) in _budget_leaf if f == fund)

    def full_year(codes, fund=fund):
        return fmt(total(_full_year_leaf[fund, c] for c in codes)) if fund in FULL_YEAR_FUNDS else None

    if fund in STATED_TOTAL_OFFSET:
        offset = STATED_TOTAL_OFFSET[fund]
        stated_full = full_year(leaves)
        BUDGET_ROWS.append([fund, "", "合计", fmt(total(_budget_leaf[fund, c] for c in leaves) + offset), "", "",
                            fmt(D(stated_full) + offset) if stated_full is not None else None])
    for klass in sorted({c[:3] for c in leaves}):
        use, reason = CLASS_REASONS[fund, klass]
        members = [c for c in leaves if c.startswith(klass)]
        BUDGET_ROWS.append([fund, klass, SUBJECT_NAMES[klass],
                            fmt(total(_budget_leaf[fund, c] for c in members)), use, reason, full_year(members)])
        for code in members:
            use, reason = _budget_text[fund, code]
            BUDGET_ROWS.append([fund, code, SUBJECT_NAMES[code], fmt(_budget_leaf[fund, code]), use, reason,
                                full_year([code])])
GB_BUDGET = total(v for (f, _), v in _budget_leaf.items() if f == "一般公共预算")
ALL_BUDGET = total(_budget_leaf.values())

# =========================================================================== evaluations


def _exec_score(weight: Decimal, budget: Decimal, executed: Decimal) -> Decimal:
    score = (weight * executed / budget).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(score, weight)


def _evaluation(name, is_department, competent, implementing, fund, budget, executed, goal, achieved,
                goal_score, deviation, measures, indicators):
    return {
        "name": name, "is_department": is_department, "competent_department": competent,
        "implementing_unit": implementing, "fund": fund, "budget": fmt(budget), "executed": fmt(executed),
        "execution_weight": "10", "goal": goal, "achieved": achieved, "goal_weight": "20",
        "goal_score": goal_score, "deviation_reason": deviation, "measures": measures,
        "indicators": [list(i) for i in indicators],
    }


DEPT = "上海市示例文化发展中心"
P1_EXEC = LEAVES["2070109"]["gb_p"] + LEAVES["2070108"]["gb_p"]
P1_BUDGET = D("680.00") + _budget_leaf["一般公共预算", "2070108"]
P2_EXEC = LEAVES["2050803"]["gb_p"]
P2_BUDGET = _budget_leaf["一般公共预算", "2050803"]
P3_EXEC = LEAVES["2079903"]["gb_p"]
P3_BUDGET = _budget_leaf["一般公共预算", "2079903"]
assert P1_EXEC + P2_EXEC + P3_EXEC == agg("", "gb_p")

EVALUATIONS = [
    _evaluation(
        f"{DEPT}2024年度部门整体支出", True, DEPT, DEPT, "财政拨款", ALL_BUDGET, APPROP_SPEND,
        "保障中心及下属单位正常运转，完成市民文化节、公共文化配送、文化人才培训和文化产业扶持等年度任务。",
        "全年举办群众文化活动1286场，服务市民86.4万人次；完成培训32期；扶持文创项目18个。",
        "18",
        "执行数略高于年初预算，主要是使用以前年度财政拨款结转资金并年中追加离退休人员补贴；"
        "文化产业扶持专项部分项目未完成验收，资金结转下年。",
        "加强项目前期论证和执行进度跟踪，按月通报预算执行情况。",
        [
            ("产出指标", "数量指标", "群众文化活动场次", "≥1200场", "1286场", "10", "10"),
            ("产出指标", "质量指标", "活动安全事故发生率", "0", "0", "10", "10"),
            ("产出指标", "时效指标", "重点项目按期完成率", "≥95%", "92%", "10", "8.5"),
            ("产出指标", "成本指标", "“三公”经费控制在预算内", "≤预算数",
             f"公务接待费超预算{T7_ACTUAL['reception'] - T7_BUDGET['reception']}万元", "10", "8"),
            ("效益指标", "社会效益指标", "公共文化服务覆盖人次", "≥80万人次", "86.4万人次", "10", "10"),
            ("效益指标", "可持续影响指标", "基层文化团队培育数量", "≥60支", "65支", "10", "10"),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "95.2%", "10", "10"),
        ],
    ),
    _evaluation(
        "群众文化活动品牌建设项目", False, DEPT, "群众文化部", "一般公共预算", P1_BUDGET, P1_EXEC,
        "举办市民文化节及“四季”系列群众文化活动，开展公共文化配送。",
        "举办市民文化节主题活动326场、配送演出412场，覆盖全市16个区。",
        "19",
        "2场大型演出因场馆检修延期至2025年，相关经费结转。",
        "提前落实演出场地，完善应急预案，确保按计划执行。",
        [
            ("产出指标", "数量指标", "市民文化节主题活动场次", "≥300场", "326场", "10", "10"),
            ("产出指标", "数量指标", "公共文化配送演出场次", "≥400场", "412场", "5", "5"),
            ("产出指标", "质量指标", "节目审核通过率", "100%", "100%", "10", "10"),
            ("产出指标", "时效指标", "活动按计划举办率", "≥98%", "96%", "10", "9"),
            ("产出指标", "成本指标", "单场配送演出平均成本", "≤1.2万元", "1.15万元", "5", "5"),
            ("效益指标", "社会效益指标", "参与市民人次", "≥60万人次", "66.8万人次", "10", "10"),
            ("效益指标", "可持续影响指标", "形成区级以上品牌活动数", "≥5个", "5个", "10", "9"),
            ("满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "94.6%", "10", "10"),
        ],
    ),
    _evaluation(
        "文化人才培训项目", False, DEPT, "上海市示例艺术培训中心", "一般公共预算", P2_BUDGET, P2_EXEC,
        "开展基层文化骨干、群文辅导员和非遗传承人培训。",
        "完成培训32期、1860人次，其中长三角非遗传承人研修班2期。",
        "17",
        "年中追加研修班任务，支出超过年初预算；培训考核合格率略低于目标。",
        "合理测算培训需求，年初预算充分考虑区域合作任务。",
        [
            ("产出指标", "数量指标", "培训期数", "≥30期", "32期", "10", "10"),
            ("产出指标", "质量指标", "培训考核合格率", "≥95%", "91%", "10", "7"),
            ("产出指标", "时效指标", "培训计划完成时间", "2024年11月底前", "2024年12月中旬", "10", "6"),
            ("产出指标", "成本指标", "人均培训成本", "≤500元", "465元", "10", "10"),
            ("效益指标", "社会效益指标", "学员回到基层开展辅导活动场次", "≥200场", "236场", "10", "9"),
            ("效益指标", "可持续影响指标", "建立师资库人数", "≥80人", "72人", "10", "6"),
            ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "10", "9"),
        ],
    ),
    _evaluation(
        "文化产业扶持专项", False, DEPT, "文化产业发展部", "一般公共预算", P3_BUDGET, P3_EXEC,
        "扶持中小微文化企业和文创项目孵化，带动文化消费。",
        "扶持文创项目18个，其中6个项目未完成验收；孵化企业新增营收<预期。",
        "14",
        "预算执行率<90%：6个扶持项目未通过年度验收，资金未拨付；\n部分企业申报材料不全，审核周期延长。",
        "建立项目库A&B两级管理，提前开展申报辅导，按季度跟踪项目进度。",
        [
            ("产出指标", "数量指标", "扶持文创项目数", "≥20个", "18个", "10", "7"),
            ("产出指标", "质量指标", "项目验收通过率", "≥90%", "67%", "10", "5"),
            ("产出指标", "时效指标", "资金拨付及时率", "≥95%", "84%", "10", "6"),
            ("产出指标", "成本指标", "单个项目平均扶持额度", "≤15万元", "11.67万元", "10", "10"),
            ("效益指标", "社会效益指标", "带动文化消费", "≥2000万元", "1650万元", "10", "6"),
            ("效益指标", "可持续影响指标", "孵化企业存续率", "≥90%", "94%", "10", "9"),
            ("满意度指标", "服务对象满意度指标", "受扶持企业满意度", "≥85%", "88%", "10", "9"),
        ],
    ),
]

# =========================================================================== supplementary sections
T5_GB_TOTAL = GB_SPEND
OFFICE_COST = D("168.45")
PRIOR = {
    "income_expenditure_grand_total": T1_GRAND - D("186.42"),  # increase
    "appropriation_grand_total": T4_GRAND + D("73.15"),  # decrease
    "general_budget_expenditure": T5_GB_TOTAL - D("52.37"),  # increase
    "three_public_outbound": T7_ACTUAL["outbound"],  # 持平
    "three_public_vehicle_purchase": Z,  # increase from 0: no percentage
    "three_public_vehicle_operation": D("11.26"),  # decrease
    "three_public_reception": D("1.52"),  # increase
    "office_operating_cost": OFFICE_COST + D("6.85"),  # decrease
}
PRIOR["three_public_total"] = (PRIOR["three_public_outbound"] + PRIOR["three_public_vehicle_purchase"]
                               + PRIOR["three_public_vehicle_operation"] + PRIOR["three_public_reception"])

REASONS = {
    "total_change": "本年度承接长三角文旅融合活动，事业收入和项目支出相应增加；"
    "同时国有资本经营预算安排所属企业改革成本支出。",
    "appropriation_change": "上年度一次性安排的场馆修缮项目已完成，本年度一般公共预算项目支出减少。",
    "general_budget_change": "人员增资及年中新增公益性岗位，人员经费增加；市民文化节活动规模扩大。",
    "general_budget_vs_budget": "决算数大于年初预算数，主要是人员增资、年中追加离退休人员补贴"
    "并使用年初财政拨款结转资金；同时部分文化产业扶持项目未完成验收，资金结转下年。",
    "general_budget_uses": "项目支出主要用于市民文化节等群众文化活动、文化人才培训和文化产业扶持。",
    "three_public_vs_budget": (
        "1. 公务接待费决算数大于预算数，主要是承办“长三角文旅A&B联动计划”交流活动，接待批次增加；\n"
        "2. 因公出国（境）费、公务用车运行维护费决算数小于预算数，其中出国团组压减后执行率<100%，"
        "燃油费下降幅度<50%。"
    ),
    "three_public_change": "本年度按规定更新1辆超期服役的公务用车，公务用车购置费增加；严格执行公务用车管理规定，"
    "运行维护费下降；承办长三角交流活动，公务接待费增加。",
    "three_public_outbound_change": "因公出国（境）团组数和人数与上年相同，按计划执行。",  # 持平: not quoted
    "three_public_vehicle_change": "按规定更新1辆超期服役的应急保障用车，同时运行维护费有所压减。",
    "three_public_reception_change": "承办长三角文化馆交流活动，接待批次和人次增加。",
    "outbound_content": "赴法国、意大利开展非物质文化遗产保护交流及群众文化合作洽谈的国际旅费、住宿费、伙食费等。",
    "vehicle_purchase_use": "按规定更新1辆超过使用年限的应急保障用车。",
    "vehicle_operation_use": "公务用车燃料费、维修费、过路过桥费、保险费等支出。",
    "reception_use": "接待长三角兄弟省市文化馆同行交流考察及外宾文化交流访问。",
    "office_cost_change": "严格落实过“紧日子”要求，压减办公费、印刷费等日常公用经费。",
    "performance_management": "中心制定了《上海市示例文化发展中心预算绩效管理办法》《项目支出绩效自评工作规程》，"
    "建立了事前绩效评估、事中绩效监控、事后绩效评价的全过程预算绩效管理工作机制。",
    "performance_result_use": "自评结果与2025年度预算安排挂钩：对执行率<90%的文化产业扶持专项"
    "压减预算10%，问题清单逐项整改。",
    "other_matters": "本部门决算在中心门户网站“信息公开”栏目同时公开。",
}

THREE_PUBLIC_DETAILS = {
    "scope_administrative_units": 0, "scope_civil_servant_managed_units": 1, "scope_fully_funded_units": 2,
    "outbound_groups": 1, "outbound_persons": 4,
    "vehicles_purchased": 1, "vehicles_held": 4,
    "reception_batches": 14, "reception_persons": 126,
    "foreign_reception_batches": 2, "foreign_reception_persons": 11,
}
_vehicle_parts = {"vehicle_fuel": D("3.26"), "vehicle_repair": D("2.48"), "vehicle_tolls": D("0.62"),
                  "vehicle_insurance": D("1.35"), "vehicle_safety_award": Z}
_vehicle_parts["vehicle_other"] = T7_ACTUAL["vehicle_operation"] - sum(_vehicle_parts.values())
assert _vehicle_parts["vehicle_other"] > 0, _vehicle_parts
THREE_PUBLIC_DETAILS.update({k: fmt(v) for k, v in _vehicle_parts.items()})

_p_goods, _p_works, _p_services = D("96.50"), D("58.00"), D("213.75")
_sme_goods, _sme_works, _sme_services = D("60.20"), D("58.00"), D("150.30")
PROCUREMENT = {
    "total": _p_goods + _p_works + _p_services, "goods": _p_goods, "works": _p_works, "services": _p_services,
    "sme_total": _sme_goods + _sme_works + _sme_services, "sme_small_micro": D("140.60"),
    "sme_goods": _sme_goods, "sme_works": _sme_works, "sme_services": _sme_services,
    "reserved_sme_budget": D("180.00"), "reserved_small_micro_budget": D("120.00"),
    "reserved_sme_awarded": D("172.40"), "reserved_small_micro_awarded": D("116.85"),
    "other_sme_awarded": _sme_goods + _sme_works + _sme_services - D("172.40"),
}

_vehicles = {"vehicles_ministerial": 0, "vehicles_principal_leader": 0, "vehicles_confidential": 1,
             "vehicles_emergency": 1, "vehicles_law_enforcement": 0, "vehicles_special_technical": 2,
             "vehicles_retired_cadres": 0, "vehicles_other": 1}
ASSETS = {"vehicles_total": sum(_vehicles.values()), **_vehicles,
          "general_equipment_over_500k": 1, "special_equipment_over_1m": 2,
          "equipment_over_1m": 3}  # the 2 special ones and the 1 general one (单价 ≥ 100万元)

GENERAL_EXPENDITURE = {
    "meeting_amount": T6["30215"] + D("5.30"), "meeting_count": 6, "meeting_persons": 420,
    "meeting_content": "年度工作会议、市民文化节筹备会议和群众文化工作推进会。",
    "training_amount": T6["30216"] + D("26.10"), "training_count": 9, "training_persons": 860,
    "training_content": "基层文化骨干业务培训、财务及内控培训、安全生产培训。",
    "festival_amount": D("126.00"),
    "festival_content": "举办2024年上海市示例市民文化节开幕式、闭幕式及长三角群众文艺汇演。",
}

# the self-evaluation summary of 十 as the department states it: its count and amount, which agree with the
# three project score tables (S-PERF-10/11); the average score and the grades are left to the tables
_projects = [e for e in EVALUATIONS if not e["is_department"]]

PERFORMANCE_MANAGEMENT = {
    "projects_with_goals": 8,
    # the 3 general-budget projects and one project per 项 of the two funds (3 + 3 + 2)
    "projects_with_goals_amount": P1_BUDGET + P2_BUDGET + P3_BUDGET
    + total(v for (f, _), v in _budget_leaf.items() if f != "一般公共预算"),
    "projects_tracked": 3, "projects_tracked_amount": P1_BUDGET + P2_BUDGET + P3_BUDGET,
    "self_evaluated": len(_projects),
    "self_evaluated_amount": P1_BUDGET + P2_BUDGET + P3_BUDGET,
    "problems_found": 5, "problems_fixed": 4,
}

INFO = {
    "name": DEPT, "year": 2024, "layout": "上海", "publication_date": "2025年9月26日", "amount_unit": "万元",
    "functions": [
        "组织开展全市性群众文化活动，承办市民文化节等重大群众文化项目。",
        "指导基层公共文化服务，开展公共文化配送和群众文艺创作辅导。",
        "承担非物质文化遗产保护、传承和研究的相关工作。",
        "开展文化人才培训，扶持中小微文化企业和文化创意项目发展。",
    ],
    "unit_composition": f"{DEPT}本级决算及下属2个事业单位决算：上海市示例非遗保护研究所、上海市示例艺术培训中心。",
    "subordinate_unit_count": 2,
    "internal_offices": "中心本级设办公室、财务资产部、群众文化部、文化产业发展部、培训交流部5个内设机构。",
    "staff_in_service": 86, "staff_administrative": 0, "staff_public_institution": 86,
    "staff_civil_servant_managed": 28,
    "staff_retired_total": 41, "staff_retired_lixiu": 1, "staff_retired_tuixiu": 40,
}

KEY_WORK = [
    ["成功举办2024年市民文化节", "全年举办主题活动326场，线上线下参与市民66.8万人次，"
                          "推出“15分钟文化圈”社区品牌活动5个。"],
    ["推进长三角非遗保护协作", "联合苏浙皖三地举办非遗传承人研修班2期，培训学员186人次，"
                         "完成非遗项目数字化采集42项。"],
]
GLOSSARY_EXTRA = [
    ["上级补助收入", "指事业单位从主管部门和上级单位取得的非财政补助收入。"],
]


def _plain(value):
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


DATA = {
    "info": INFO,
    "t1": T1, "t2": T2, "t3": T3, "t4": T4, "t5": T5, "t6": T6_GRID, "t7": T7, "t8": T8, "t9": T9,
    "prior": _plain(PRIOR), "reasons": REASONS, "budget": BUDGET_ROWS,
    "three_public_details": THREE_PUBLIC_DETAILS, "procurement": _plain(PROCUREMENT), "assets": ASSETS,
    "general_expenditure": _plain(GENERAL_EXPENDITURE), "office_cost": {"amount": fmt(OFFICE_COST)},
    "performance_management": _plain(PERFORMANCE_MANAGEMENT),
    "evaluations": EVALUATIONS, "key_work": KEY_WORK, "glossary_extra": GLOSSARY_EXTRA,
}


# =========================================================================== writing


def dump(value, indent: int = 0) -> str:
    """JSON with one table row per line: lists of scalars stay on one line."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return "[\n" + ",\n".join(inner + dump(v, indent + 2) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


OUT.write_text(dump(DATA) + "\n", encoding="utf-8")

# =========================================================================== verification
# Re-read the written file and check every rule from the JSON alone, exactly to the cent.

data = json.loads(OUT.read_text(encoding="utf-8"))
errors: list[str] = []


def check(ok: bool, message: str) -> None:
    if not ok:
        errors.append(message)


def n(value) -> Decimal:
    """A cell as an amount: null is 0; otherwise exactly two decimals, no separator."""
    if value is None:
        return Z
    assert isinstance(value, str) and "," not in value, value
    parsed = Decimal(value)
    assert parsed.as_tuple().exponent == -2, value
    return parsed


def eq(a: Decimal, b: Decimal, what: str) -> None:
    check(a == b, f"{what}: {a} != {b} (diff {a - b})")


def table(rows: list[list], width: int, name: str) -> tuple[list[Decimal], dict[str, tuple[str, list[Decimal]]]]:
    head = rows[0]
    assert head[0] == "" and head[1] == "合计", name
    by_code: dict[str, tuple[str, list[Decimal]]] = {}
    for row in rows[1:]:
        assert len(row) == width + 2, (name, row)
        code = row[0]
        check(len(code) in (3, 5, 7) and code.isdigit(), f"{name}: bad code {code}")
        check(code not in by_code, f"{name}: duplicate {code}")
        check(SUBJECT_NAMES.get(code) == row[1], f"{name}: name of {code}")
        by_code[code] = (row[1], [n(v) for v in row[2:]])
    return [n(v) for v in head[2:]], by_code


def hierarchy(name: str, tot: list[Decimal], rows: dict[str, tuple[str, list[Decimal]]]) -> None:
    width = len(tot)
    for code, (_, values) in rows.items():
        if len(code) in (3, 5):
            children = [v for c, (_, v) in rows.items() if len(c) == len(code) + 2 and c.startswith(code)]
            check(bool(children), f"{name}: {code} has no children")
            for i in range(width):
                eq(values[i], total(ch[i] for ch in children), f"{name} {code} col {i + 1} = Σ children")
        else:
            check(code[:5] in rows and code[:3] in rows, f"{name}: {code} lacks a parent row")
    for i in range(width):
        eq(tot[i], total(v[i] for c, (_, v) in rows.items() if len(c) == 3), f"{name} 合计 col {i + 1} = Σ类")


def col(rows, code, i) -> Decimal:
    return rows[code][1][i] if code in rows else Z


t2_tot, t2 = table(data["t2"], 7, "表2")
t3_tot, t3 = table(data["t3"], 6, "表3")
t5_tot, t5 = table(data["t5"], 3, "表5")
t8_tot, t8 = table(data["t8"], 6, "表8")
t9_tot, t9 = table(data["t9"], 3, "表9")
for name, tot, rows in (("表2", t2_tot, t2), ("表3", t3_tot, t3), ("表5", t5_tot, t5), ("表8", t8_tot, t8),
                        ("表9", t9_tot, t9)):
    hierarchy(name, tot, rows)
    for code, (_, v) in [("合计", (None, tot)), *rows.items()]:
        if name == "表2":
            eq(v[0], total(v[1:]), f"表2 {code} 本年收入合计 = Σ sources")
        elif name == "表3":
            eq(v[0], total(v[1:]), f"表3 {code} 本年支出合计 = Σ columns")
        elif name in ("表5", "表9"):
            eq(v[0], v[1] + v[2], f"{name} {code} 小计 = 基本 + 项目")
        else:
            eq(v[2], v[3] + v[4], f"表8 {code} 本年支出 = 基本 + 项目")
            eq(v[5], v[0] + v[1] - v[2], f"表8 {code} 年末 = 年初 + 收入 - 支出")

# 表1
t1 = {label: n(amount) for label, _, amount in data["t1"]["left"] if label}
t1r = {label: n(amount) for label, _, amount in data["t1"]["right"] if label}
t1_lines = [no for _, no, _ in data["t1"]["left"] + data["t1"]["right"]]
check(t1_lines == list(range(1, len(t1_lines) + 1)), "表1 line numbers")
incomes = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
           "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]
eq(t1["本年收入合计"], total(t1[k] for k in incomes), "表1 本年收入合计 = rows 1-8")
eq(t1["总计"], t1["本年收入合计"] + t1["使用非财政拨款结余"] + t1["年初结转和结余"], "表1 收入总计")
class_of = {label: SHANGHAI_2024_CLASSES[i] for i, label in enumerate(CLASS_LABELS)}
check([lab for lab, _, _ in data["t1"]["right"][:N_CLASSES]] == CLASS_LABELS, "表1 class labels")
eq(t1r["本年支出合计"], total(t1r[k] for k in CLASS_LABELS), "表1 本年支出合计 = Σ classes")
eq(t1r["总计"], t1r["本年支出合计"] + t1r["结余分配"] + t1r["年末结转和结余"], "表1 支出总计")
eq(t1["总计"], t1r["总计"], "表1 收入总计 = 支出总计")
for k in [*incomes, "使用非财政拨款结余", "年初结转和结余"]:
    check(t1[k] > 0, f"表1 {k} must be non-zero in this sample")
for k in ("结余分配", "年末结转和结余"):
    check(t1r[k] > 0, f"表1 {k} must be non-zero in this sample")

# 表4
t4 = {label: n(amount) for label, _, amount in data["t4"]["left"] if label}
t4r = {label: [n(a) for a in amounts] for label, _, *amounts in data["t4"]["right"] if label}
t4_lines = [no for _, no, _ in data["t4"]["left"]] + [row[1] for row in data["t4"]["right"]]
check(t4_lines == list(range(1, len(t4_lines) + 1)), "表4 line numbers")
kinds = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
begin_kinds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
eq(t4["本年收入合计"], total(t4[k] for k in kinds), "表4 本年收入合计 = 1+2+3")
eq(t4["年初财政拨款结转和结余"], total(t4[k] for k in begin_kinds), "表4 年初 = Σ kinds")
eq(t4["总计"], t4["本年收入合计"] + t4["年初财政拨款结转和结余"], "表4 收入总计")
check([row[0] for row in data["t4"]["right"][:N_CLASSES]] == CLASS_LABELS, "表4 class labels")
for label, v in t4r.items():
    eq(v[0], v[1] + v[2] + v[3], f"表4 {label} 合计 = three kinds")
for i in range(4):
    eq(t4r["本年支出合计"][i], total(t4r[k][i] for k in CLASS_LABELS), f"表4 本年支出合计 col {i}")
    eq(t4r["总计"][i], t4r["本年支出合计"][i] + t4r["年末财政拨款结转和结余"][i], f"表4 支出总计 col {i}")
eq(t4["总计"], t4r["总计"][0], "表4 收入总计 = 支出总计")
for i, (inc, beg) in enumerate(zip(kinds, begin_kinds, strict=True)):
    eq(t4[inc] + t4[beg], t4r["总计"][i + 1], f"表4 by kind {beg}: 收入 + 年初 = 支出 + 年末")
for k in kinds:
    check(t4[k] > 0, f"表4 {k} must be non-zero")

# across tables
for a, b in zip(incomes[:3], kinds, strict=True):
    eq(t1[a], t4[b], f"表1 {a} = 表4 {b}")
eq(t1["本年收入合计"], t2_tot[0], "表1 本年收入合计 = 表2 合计")
eq(t2_tot[1], t1[incomes[0]] + t1[incomes[1]] + t1[incomes[2]], "表2 财政拨款收入 = 表1 rows 1-3")
for i, k in enumerate(incomes[3:]):
    eq(t2_tot[2 + i], t1[k], f"表2 col {3 + i} = 表1 {k}")
eq(t1r["本年支出合计"], t3_tot[0], "表1 本年支出合计 = 表3 合计")
for label, code in class_of.items():
    eq(t1r[label], col(t3, code, 0), f"表1 {label} = 表3 {code}")
    eq(t4r[label][1], col(t5, code, 0), f"表4 {label} 一般公共预算 = 表5 {code}")
    eq(t4r[label][2], col(t8, code, 2), f"表4 {label} 政府性基金 = 表8 {code} 本年支出")
    eq(t4r[label][3], col(t9, code, 0), f"表4 {label} 国有资本 = 表9 {code}")
eq(t4r["本年支出合计"][1], t5_tot[0], "表4 一般公共预算 合计 = 表5 合计")
eq(t4r["本年支出合计"][2], t8_tot[2], "表4 政府性基金 合计 = 表8 本年支出")
eq(t4r["本年支出合计"][3], t9_tot[0], "表4 国有资本 合计 = 表9 合计")
eq(t4[kinds[1]], t8_tot[1], "表4 row 2 = 表8 本年收入")
eq(t4["政府性基金预算财政拨款"], t8_tot[0], "表4 年初 政府性基金 = 表8 年初")
eq(t4r["年末财政拨款结转和结余"][2], t8_tot[5], "表4 年末 政府性基金 = 表8 年末")
eq(t4[kinds[2]], t9_tot[0], "表4 row 3 = 表9 合计 (no state-capital carry-over)")
for code, (_, v5) in t5.items():
    check(code in t3, f"表5 {code} not in 表3")
    for i in range(3):
        check(v5[i] <= col(t3, code, i), f"表5 {code} col {i + 1} > 表3")
for code in set(t8) | set(t9):
    check(code in t3 or not any(t8.get(code, ("", [Z] * 6))[1][2:5]), f"{code} spent but not in 表3")
check(set(t2) == set(t3), "表2 and 表3 use the same subjects")
for code in set(t2) & set(t3):
    check(t2[code][0] == t3[code][0], f"name of {code}")
for name, tot in (("表8 本年支出", t8_tot[2]), ("表9", t9_tot[0])):
    check(tot > 0, f"{name} must be non-zero")
check(all(t3_tot[i] > 0 for i in range(6)), "表3 uses all five spending columns")

# 表6
grid = data["t6"]
econ: dict[str, Decimal] = {}
for row in grid[:-1]:
    for g in range(3):
        code, name, amount = row[3 * g: 3 * g + 3]
        if code:
            check(ECON[code][0] == name, f"表6 name of {code}")
            check(code not in econ, f"表6 duplicate {code}")
            econ[code] = n(amount)
check(set(econ) == set(ECON), "表6 prints every economic subject")
for head in ("301", "302", "303", "307", "310", "399"):
    eq(econ[head], total(v for c, v in econ.items() if len(c) == 5 and c.startswith(head)), f"表6 {head} = Σ")
last = grid[-1]
check(last[1] == "人员经费合计" and last[4] == "公用经费合计", "表6 totals row labels")
eq(n(last[2]), econ["301"] + econ["303"], "表6 人员经费合计 = 301 + 303")
eq(n(last[8]), econ["302"] + econ["307"] + econ["310"] + econ["399"], "表6 公用经费合计")
eq(t5_tot[1], n(last[2]) + n(last[8]), "表5 基本支出 = 表6 人员经费 + 公用经费")
for code in ("301", "302", "303", "310", "30212", "30217", "30231", "31013"):
    check(econ[code] > 0, f"表6 {code} must be non-zero")

# 表7
b7, a7 = [n(v) for v in data["t7"]["budget"]], [n(v) for v in data["t7"]["actual"]]
for name, v in (("预算数", b7), ("决算数", a7)):
    eq(v[0], v[1] + v[2] + v[5], f"表7 {name} 合计")
    eq(v[2], v[3] + v[4], f"表7 {name} 公务用车小计")
    check(all(x > 0 for x in v), f"表7 {name}: every item non-zero")
for i, code in ((1, "30212"), (3, "31013"), (4, "30231"), (5, "30217")):
    check(a7[i] >= econ[code], f"表7 决算 col {i + 1} < 表6 {code}")

# prior, reasons
sys.path.insert(0, str(REPO))
from generator import model  # noqa: E402

for key, cls in (("prior", model.PriorYear), ("reasons", model.Reasons), ("info", model.DepartmentInfo),
                 ("three_public_details", model.ThreePublicDetails), ("procurement", model.Procurement),
                 ("assets", model.StateAssets), ("general_expenditure", model.GeneralExpenditure),
                 ("office_cost", model.OfficeOperatingCost),
                 ("performance_management", model.PerformanceManagement)):
    names = {f.name for f in fields(cls)}
    check(set(data[key]) <= names, f"{key}: unknown fields {set(data[key]) - names}")
    if key in ("prior", "reasons", "info"):
        check(set(data[key]) == names, f"{key}: missing fields {names - set(data[key])}")
prior = {k: n(v) for k, v in data["prior"].items()}
current = {
    "income_expenditure_grand_total": t1["总计"], "appropriation_grand_total": t4["总计"],
    "general_budget_expenditure": t5_tot[0], "three_public_total": a7[0], "three_public_outbound": a7[1],
    "three_public_vehicle_purchase": a7[3], "three_public_vehicle_operation": a7[4],
    "three_public_reception": a7[5], "office_operating_cost": n(data["office_cost"]["amount"]),
}
changes = {k: (current[k] > prior[k]) - (current[k] < prior[k]) for k in current}
check({-1, 0, 1} <= set(changes.values()), f"prior: need increase, decrease and 持平: {changes}")
eq(prior["three_public_total"], prior["three_public_outbound"] + prior["three_public_vehicle_purchase"]
   + prior["three_public_vehicle_operation"] + prior["three_public_reception"], "prior 三公 total")
check(all(v.strip() for v in data["reasons"].values()), "every reason has a text")
specials = "".join(data["reasons"].values())
check(all(s in specials for s in ("&", "<", "\n")), "reasons exercise escaping (&, <, line break)")

# budget
subject_rows = [r for r in data["budget"] if r[1]]
total_rows = {r[0]: r for r in data["budget"] if not r[1]}
bud = {(f, c): (name, n(b), use, reason) for f, c, name, b, use, reason, _ in subject_rows}
full = {(f, c): n(fy) for f, c, _, _, _, _, fy in subject_rows if fy is not None}
check(len(bud) == len(subject_rows), "budget rows unique")
for (f, c), (name, b, use, _reason) in bud.items():
    check(SUBJECT_NAMES[c] == name and len(c) in (3, 7), f"budget {f} {c}")
    check(bool(use), f"budget {f} {c}: use text")
    check(((f, c) in full) == (f in FULL_YEAR_FUNDS), f"budget {f} {c}: 全年预算 on every row of its fund")
    if len(c) == 3:
        eq(b, total(v[1] for (f2, c2), v in bud.items() if f2 == f and len(c2) == 7 and c2.startswith(c)),
           f"budget {f} {c} = Σ项")
        if (f, c) in full:
            eq(full[f, c], total(v for (f2, c2), v in full.items() if f2 == f and len(c2) == 7 and c2.startswith(c)),
               f"全年预算 {f} {c} = Σ项")
for f, row in total_rows.items():
    check(row[2] == "合计", f"budget {f}: the total row is named 合计")
    classes = total(v[1] for (f2, c2), v in bud.items() if f2 == f and len(c2) == 3)
    eq(n(row[3]), classes, f"budget {f}: 合计 = Σ类")
check(any(full.get(k) != v[1] for k, v in bud.items() if k in full), "one 全年预算 differs from its 年初预算")
for fund, rows, idx in (("一般公共预算", t5, 0), ("政府性基金预算", t8, 2), ("国有资本经营预算", t9, 0)):
    for code in (c for c in rows if len(c) == 7):
        check((fund, code) in bud, f"budget missing for {fund} {code}")
        if (fund, code) in bud:
            actual, budget = rows[code][1][idx], bud[fund, code][1]
            check(actual == budget or bud[fund, code][3], f"budget {fund} {code}: differs without reason")
leaf_budget = [(v[1], rows[c][1][idx]) for fund, rows, idx in (("一般公共预算", t5, 0),) for c in rows
               if len(c) == 7 for v in [bud[fund, c]]]
check(any(b == 0 for b, _ in leaf_budget), "one 表5 项 with budget 0")
check(any(b == a and b != 0 for b, a in leaf_budget), "one 表5 项 with budget = actual")

# supplementary consistency
tpd = data["three_public_details"]
check(tpd["foreign_reception_batches"] <= tpd["reception_batches"], "外宾批次 ≤ 接待批次")
check(tpd["foreign_reception_persons"] <= tpd["reception_persons"], "外宾人次 ≤ 接待人次")
check(tpd["vehicles_purchased"] <= tpd["vehicles_held"], "购置 ≤ 保有量")
check(tpd["outbound_groups"] > 0 and tpd["reception_batches"] > 0, "三公 counts")
pr = {k: n(v) for k, v in data["procurement"].items()}
eq(pr["total"], pr["goods"] + pr["works"] + pr["services"], "采购 total = goods + works + services")
eq(pr["sme_total"], pr["sme_goods"] + pr["sme_works"] + pr["sme_services"], "中小企业 = Σ parts")
check(pr["sme_small_micro"] <= pr["sme_total"] and pr["sme_total"] <= pr["total"], "小微 ≤ 中小 ≤ total")
for part in ("goods", "works", "services"):
    check(pr[f"sme_{part}"] <= pr[part], f"sme_{part} ≤ {part}")
check(pr["reserved_small_micro_budget"] <= pr["reserved_sme_budget"], "预留小微 ≤ 预留中小")
check(pr["reserved_small_micro_awarded"] <= pr["reserved_sme_awarded"], "预留小微中标 ≤ 预留中小中标")
check(pr["reserved_sme_awarded"] <= pr["reserved_sme_budget"]
      and pr["reserved_small_micro_awarded"] <= pr["reserved_small_micro_budget"], "预留中标 ≤ 预留预算")
check(pr["reserved_small_micro_awarded"] <= pr["sme_small_micro"], "预留小微中标 ≤ 授予小微")
eq(pr["sme_total"], pr["reserved_sme_awarded"] + pr["other_sme_awarded"], "中小企业 = 预留项目 + 其他项目")
check(len({pr["reserved_sme_awarded"], pr["reserved_small_micro_awarded"], pr["other_sme_awarded"]}) == 3,
      "预留/其他中标金额互不相同（测试据此区分）")
eq(a7[4], total(n(tpd[k]) for k in ("vehicle_fuel", "vehicle_repair", "vehicle_tolls", "vehicle_insurance",
                                    "vehicle_safety_award", "vehicle_other")), "表7 公务用车运行费 = Σ 明细")
assets = data["assets"]
check(assets["vehicles_total"] == sum(v for k, v in assets.items() if k.startswith("vehicles_") and
                                      k != "vehicles_total"), "车辆总数 = Σ kinds")
check(tpd["vehicles_held"] <= assets["vehicles_total"], "保有量 ≤ 车辆总数")
check(assets["special_equipment_over_1m"] <= assets["equipment_over_1m"]
      <= assets["special_equipment_over_1m"] + assets["general_equipment_over_500k"], "100万元以上设备")
check(assets["equipment_over_1m"] not in (assets["special_equipment_over_1m"],
                                          assets["general_equipment_over_500k"]), "设备台数可区分")
ge = data["general_expenditure"]
check(n(ge["meeting_amount"]) >= econ["30215"] and n(ge["training_amount"]) >= econ["30216"],
      "会议费/培训费 ≥ 表6")
check(n(data["office_cost"]["amount"]) <= n(last[8]), "机关运行经费 ≤ 公用经费")
pm = data["performance_management"]
check(pm["problems_fixed"] <= pm["problems_found"], "整改 ≤ 发现")
info = data["info"]
check(info["staff_in_service"] == info["staff_administrative"] + info["staff_public_institution"], "人员")
check(info["staff_civil_servant_managed"] <= info["staff_public_institution"], "参公 ≤ 事业")
check(info["staff_retired_total"] == info["staff_retired_lixiu"] + info["staff_retired_tuixiu"], "离退休")
check(len(info["functions"]) == 4 and info["subordinate_unit_count"] == 2, "functions / units")

# evaluations
projects = [e for e in data["evaluations"] if not e["is_department"]]
check(sum(e["is_department"] for e in data["evaluations"]) == 1 and len(projects) == 3, "1 + 3 evaluations")
eq(total(n(e["executed"]) for e in projects), t5_tot[2], "Σ projects executed = 表5 项目支出")
grades = []
for e in data["evaluations"]:
    weight, budget, executed = Decimal(e["execution_weight"]), n(e["budget"]), n(e["executed"])
    exec_score = min((weight * executed / budget).quantize(CENT, rounding=ROUND_HALF_UP), weight)
    kinds1 = {i[0] for i in e["indicators"]}
    kinds2 = {i[1] for i in e["indicators"]}
    check(kinds1 == {"产出指标", "效益指标", "满意度指标"}, f"{e['name']}: level1 kinds")
    check(kinds2 == {"数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标",
                     "服务对象满意度指标"}, f"{e['name']}: level2 kinds")
    check(all(Decimal(i[6]) <= Decimal(i[5]) for i in e["indicators"]), f"{e['name']}: score ≤ weight")
    check(Decimal(e["goal_score"]) <= Decimal(e["goal_weight"]), f"{e['name']}: goal score ≤ weight")
    weights = weight + Decimal(e["goal_weight"]) + total(Decimal(i[5]) for i in e["indicators"])
    check(weights == 100, f"{e['name']}: weights add up to {weights}")
    score = exec_score + Decimal(e["goal_score"]) + total(Decimal(i[6]) for i in e["indicators"])
    check(score <= 100, f"{e['name']}: total {score} > 100")
    grades.append((e["name"], executed / budget, exec_score, score))
check(pm["self_evaluated"] == len(projects), "绩效自评的项目数 = 项目个数")
eq(n(pm["self_evaluated_amount"]), total(n(e["budget"]) for e in projects), "绩效自评涉及预算金额 = Σ 预算数")
check("self_evaluated_average_score" not in pm, "average and grades are the score tables'")

if errors:
    raise SystemExit("example_full.json breaks rules:\n" + "\n".join(errors))

print(f"wrote {OUT.relative_to(REPO)}: all rules hold")
print(f"表1 本年收入合计 {t1['本年收入合计']}  本年支出合计 {t1r['本年支出合计']}  总计 {t1['总计']}")
print(f"    使用非财政拨款结余 {t1['使用非财政拨款结余']}  年初结转和结余 {t1['年初结转和结余']}  "
      f"结余分配 {t1r['结余分配']}  年末结转和结余 {t1r['年末结转和结余']}")
print(f"表4 财政拨款 收入 {t4['本年收入合计']} (一般 {t4[kinds[0]]} / 基金 {t4[kinds[1]]} / 国资 {t4[kinds[2]]})"
      f"  年初 {t4['年初财政拨款结转和结余']}  支出 {t4r['本年支出合计'][0]}  "
      f"年末 {t4r['年末财政拨款结转和结余'][0]}  总计 {t4['总计']}")
print(f"表3 基本 {t3_tot[1]} 项目 {t3_tot[2]} 上缴上级 {t3_tot[3]} 经营 {t3_tot[4]} 对附属单位补助 {t3_tot[5]}")
print(f"表5 {t5_tot[0]} (基本 {t5_tot[1]} / 项目 {t5_tot[2]})  表6 人员 {last[2]} 公用 {last[8]}")
print(f"表7 预算 {data['t7']['budget']}  决算 {data['t7']['actual']}")
print(f"表8 年初 {t8_tot[0]} 收入 {t8_tot[1]} 支出 {t8_tot[2]} 年末 {t8_tot[5]}   表9 {t9_tot[0]}")
print("prior changes:", changes)
for name, rate, exec_score, score in grades:
    print(f"自评 {name}: 执行率 {rate:.4f} 执行得分 {exec_score} 总分 {score}")
