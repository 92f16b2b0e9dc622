"""Synthetic, internally consistent department sources for every department shape and form.

``department(rng, shape, form)`` returns a source in the JSON format of ``sample_inputs/data/*.json``
(``sample_inputs/data/FORMAT.md``) that ``generator.workbook.template.write_workbook`` writes. Amounts are
drawn in cents, then every identity the checks declare (``docs/checks.md``) is made to hold exactly:
表1 = 表2/表3 totals, 表4 = 表5 + 表8 + 表9 by class and column, 表5 基本支出 = 表6, 表8 年末 = 年初 + 收入 − 支出,
年初预算 类 = Σ 项, 三公 明细 = 表7 运行费, 政府采购 total = 货物 + 工程 + 服务 …

A department is a handful of 项 subjects (real codes and names), each financed by one fund (一般公共预算,
政府性基金预算, 国有资本经营预算) with 基本支出 and/or 项目支出, some of it paid from non-appropriation income
(事业收入, 其他收入) on top of the appropriation.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator import catalog, forms
from generator.workbook import layout as L
from generator.workbook.template import _cn

from .common import KUAN, shape_name

# ----------------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class Shape:
    """What a department has. Flags a form cannot print (表9 in the 8-table form) are ignored there."""

    has_gov_fund: bool = True  # 政府性基金预算财政拨款 (表8)
    has_state_capital: bool = False  # 国有资本经营预算财政拨款 (表9)
    has_three_public: bool = True  # “三公”经费 spent (表7 决算数)
    has_prior: bool = True  # 上年数 (False: a new department, every 上年 figure blank)
    has_basic: bool = True  # 一般公共预算 基本支出
    has_project: bool = True  # 一般公共预算 项目支出
    has_business_income: bool = False  # 事业收入 (and the spending it pays)
    has_other_income: bool = False  # 其他收入
    has_operating: bool = False  # 经营收入 / 经营支出
    has_subordinate: bool = False  # 上级补助收入, 附属单位上缴收入, 上缴上级支出, 对附属单位补助支出
    has_balance_use: bool = False  # 使用非财政拨款结余 (用事业基金弥补收支差额), 结余分配
    has_carryover: bool = False  # 年初 / 年末 结转和结余
    has_office_cost: bool = True  # 机关运行经费 (False: 0)
    has_evaluations: bool = True  # 绩效自评 (部门整体 and projects)
    has_procurement: bool = True  # 政府采购
    has_budget: bool = True  # 年初预算 rows
    has_report: bool = False  # 生成文档 also asks for the 部门整体支出绩效自评报告 (made from the final accounts)

    @property
    def name(self) -> str:
        return shape_name(self)


# ----------------------------------------------------------------------------------- subjects

# (class, 款, 项) with their names, from the samples and the 政府收支分类科目
# 基本支出 subjects (一般公共预算)
BASIC_SUBJECTS = (
    ("2101501", "行政运行"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2101101", "行政单位医疗"),
    ("2210201", "住房公积金"),
    ("2080101", "行政运行"),
)
# 项目支出 subjects (一般公共预算)
PROJECT_SUBJECTS = (
    ("2101502", "一般行政管理事务"),
    ("2101301", "城乡医疗救助"),
    ("2101505", "医疗保障政策管理"),
    ("2050803", "培训支出"),
    ("2070109", "群众文化"),
    ("2010710", "税收业务"),
)
GOV_FUND_SUBJECTS = (
    ("2296013", "用于城乡医疗救助的彩票公益金支出"),
    ("2296003", "用于体育事业的彩票公益金支出"),
    ("2070701", "资助国产影片放映"),
)
STATE_CAPITAL_SUBJECTS = (
    ("2230105", "国有企业退休人员社会化管理补助支出"),
    ("2230199", "其他解决历史遗留问题及改革成本支出"),
)


def _kuan_name(code: str) -> str:
    return KUAN[code]


def _class_name(code: str) -> str:
    fc = catalog.class_by_code(code)
    assert fc is not None, code
    return fc.name


# ----------------------------------------------------------------------------------- money

Cents = int


def money(cents: Cents | None, *, blank_zero: bool = True) -> str | None:
    """``12345`` → ``"123.45"``; 0 → ``None`` (a blank cell) unless ``blank_zero`` is False."""
    if cents is None or (cents == 0 and blank_zero):
        return None
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def split(rng: random.Random, total: Cents, parts: int) -> list[Cents]:
    """``total`` in ``parts`` non-negative pieces that add up exactly (positive when ``total`` allows)."""
    if parts <= 0:
        return []
    if total < parts:
        return [total] + [0] * (parts - 1)
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _around(rng: random.Random, cents: Cents, low: float = 0.8, high: float = 1.25) -> Cents:
    return max(1, round(cents * rng.uniform(low, high)))


# ----------------------------------------------------------------------------------- leaves


@dataclass
class Leaf:
    """One 项 subject and what it spends: the appropriation of its fund and non-appropriation money."""

    code: str
    name: str
    fund: str  # gb / gf / sc
    basic_app: Cents = 0
    project_app: Cents = 0
    basic_other: Cents = 0  # paid from 事业收入 / 其他收入
    project_other: Cents = 0
    remit_higher: Cents = 0  # 上缴上级支出, 经营支出, 对附属单位补助支出: non-appropriation spending too
    operating: Cents = 0
    subsidy_subordinate: Cents = 0
    carry_begin: Cents = 0  # of its fund's appropriation
    carry_end: Cents = 0

    @property
    def app(self) -> Cents:
        return self.basic_app + self.project_app

    @property
    def app_income(self) -> Cents:
        return self.app + self.carry_end - self.carry_begin

    @property
    def t3_basic(self) -> Cents:
        return self.basic_app + self.basic_other

    @property
    def t3_project(self) -> Cents:
        return self.project_app + self.project_other

    @property
    def other_spent(self) -> Cents:
        return (self.basic_other + self.project_other + self.remit_higher + self.operating
                + self.subsidy_subordinate)

    @property
    def t3_total(self) -> Cents:
        return self.t3_basic + self.t3_project + self.remit_higher + self.operating + self.subsidy_subordinate


def _leaves(rng: random.Random, shape: Shape, form: forms.Form) -> list[Leaf]:
    leaves: list[Leaf] = []
    if shape.has_basic:
        for code, name in rng.sample(BASIC_SUBJECTS, rng.randint(1, 3)):
            leaves.append(Leaf(code, name, "gb", basic_app=rng.randint(5_000, 3_000_000)))
    if shape.has_project:
        for code, name in rng.sample(PROJECT_SUBJECTS, rng.randint(1, 3)):
            leaves.append(Leaf(code, name, "gb", project_app=rng.randint(1_000, 2_000_000)))
        if shape.has_basic and rng.random() < 0.5:  # one subject with both (行政运行 with a project)
            leaves[0].project_app = rng.randint(1_000, 500_000)
    if shape.has_gov_fund and form.has_table("t8"):
        for code, name in rng.sample(GOV_FUND_SUBJECTS, rng.randint(1, 2)):
            leaves.append(Leaf(code, name, "gf", project_app=rng.randint(1_000, 800_000)))
    if shape.has_state_capital and form.has_table("t9") and "223" in form.classes:
        for code, name in rng.sample(STATE_CAPITAL_SUBJECTS, rng.randint(1, 2)):
            leaves.append(Leaf(code, name, "sc", project_app=rng.randint(1_000, 500_000)))
    for leaf in leaves:  # now and then a subject of a few cents (shares of 0.0%, amounts of 0.01)
        if rng.random() < 0.08:
            leaf.basic_app = rng.randint(1, 99) if leaf.basic_app else 0
            leaf.project_app = rng.randint(1, 99) if leaf.project_app or not leaf.basic_app else 0
    if not leaves:  # no appropriation at all: a subject paid only from non-appropriation money
        leaves.append(Leaf(*rng.choice(BASIC_SUBJECTS), "gb"))
    gb = [lf for lf in leaves if lf.fund == "gb"] or leaves[:1]
    if shape.has_business_income or shape.has_other_income:  # non-appropriation money spent on some subjects
        for leaf in rng.sample(gb, 1):
            if leaf.basic_app:
                leaf.basic_other = rng.randint(1_000, 400_000)
            else:
                leaf.project_other = rng.randint(1_000, 400_000)
    if shape.has_operating:
        rng.choice(gb).operating = rng.randint(1_000, 300_000)
    if shape.has_subordinate:
        rng.choice(gb).remit_higher = rng.choice([0, rng.randint(100, 100_000)])
        rng.choice(gb).subsidy_subordinate = rng.randint(100, 200_000)
    if shape.has_carryover:
        for fund in ("gb", "gf", "sc"):
            mine = [lf for lf in leaves if lf.fund == fund]
            if not mine:
                continue
            leaf = max(mine, key=lambda lf: lf.app)
            leaf.carry_begin = rng.randint(0, leaf.app // 2)
            leaf.carry_end = rng.randint(0, leaf.app // 2) or 100
    return sorted(leaves, key=lambda lf: (lf.code, lf.fund))


def _subject_rows(leaves: Iterable[Leaf], values) -> list[list[Any]]:
    """Rows of a coded table: 合计, then each class, its 款, its 项 (values summed upward); all-zero rows
    are left out. ``values(leaf)`` gives a leaf's amounts in the table's column order."""
    leaves = list(leaves)
    per: dict[str, list[Cents]] = {}
    names: dict[str, str] = {}
    width = 0
    for leaf in leaves:
        v = list(values(leaf))
        width = len(v)
        if not any(v):
            continue
        for code, name in ((leaf.code[:3], _class_name(leaf.code[:3])), (leaf.code[:5], _kuan_name(leaf.code[:5])),
                           (leaf.code, leaf.name)):
            names[code] = name
            acc = per.setdefault(code, [0] * width)
            for i, x in enumerate(v):
                acc[i] += x
    total = [0] * width
    for code, v in per.items():
        if len(code) == 3:
            total = [a + b for a, b in zip(total, v, strict=True)]
    rows: list[list[Any]] = [["", "合计", *(money(x) for x in total)]]
    for code in sorted(per, key=lambda c: (c[:3], c[:5] if len(c) > 3 else "", c)):
        rows.append([code, names[code], *(money(x) for x in per[code])])
    return rows


# ----------------------------------------------------------------------------------- 表1 / 表4 lines


def _labeled(form: forms.Form, table: str, left_values: dict[str, Cents | None],
             right_values: dict[str, list[Cents | None]], n_right: int, *, zeros: bool = False) -> dict[str, Any]:
    """The printed lines of 表1/表4 as the blank workbook of ``form`` lays them out (``_blank_labeled_lines``),
    with amounts: fixed lines by key, class lines by class code ("c:208"); ``zeros``: every class line and
    amount line printed, 0 as ``0.00`` (as seed 000 prints 表1), else 0 as a blank cell."""
    sheet = form.table(table)
    assert isinstance(sheet, L.LabeledSheet)
    classes = [c for c in form.classes if catalog.class_by_code(c)]
    right: list[tuple[str, str]] = [(f"{_cn(i)}、{_class_name(c)}", f"c:{c}") for i, c in enumerate(classes, 1)]
    heads = [ln for ln in sheet.left_lines if ln.key.startswith("inc_")]
    tails = list(sheet.left_lines[len(heads):])
    left: list[tuple[str, str]] = [(ln.label, ln.key) for ln in heads]
    left += [("", "")] * (len(right) - len(heads))
    left_tail = [(ln.label, ln.key) for ln in tails]
    right_tail = [(ln.label, ln.key) for ln in sheet.right_lines]
    for shorter, longer in ((left_tail, right_tail), (right_tail, left_tail)):
        while len(shorter) < len(longer):
            shorter.insert(len(shorter) - 1, ("", ""))
    left += left_tail
    right += right_tail
    left_rows = [[label, i, money(left_values.get(key), blank_zero=not zeros) if key.startswith("inc_")
                  else money(left_values.get(key)) if key else None]
                 for i, (label, key) in enumerate(left, 1)]
    right_rows = []
    for i, (label, key) in enumerate(right, len(left) + 1):
        values = right_values.get(key) if key else None
        if values is None and zeros and key.startswith("c:"):
            values = [0] * n_right
        right_rows.append([label, i, *((money(v, blank_zero=not zeros) for v in values) if values
                                       else [None] * n_right)])
    return {"left": left_rows, "right": right_rows}


# ----------------------------------------------------------------------------------- 表6

_PERSONNEL = ("30101", "30102", "30107", "30108", "30110", "30113", "30199")
_FAMILY = ("30302", "30305", "30399")
_PUBLIC = ("30201", "30202", "30205", "30206", "30211", "30216", "30228", "30229", "30299")
_CAPITAL = ("31002", "31007")


def _t6(rng: random.Random, basic: Cents) -> tuple[list[list[Any]], Cents]:
    """The 表6 grid of ``basic`` cents (人员经费 + 公用经费) and the 公用经费."""
    if basic == 0:
        return _grid({}), 0
    public = max(1, basic * rng.randint(8, 30) // 100) if basic > 1 else 0
    personnel = basic - public
    amounts: dict[str, Cents] = {}
    fam = personnel * rng.randint(0, 15) // 100
    for codes, total in ((_PERSONNEL, personnel - fam), (_FAMILY, fam)):
        chosen = sorted(rng.sample(codes, min(len(codes), rng.randint(1, len(codes)))))
        for code, part in zip(chosen, split(rng, total, len(chosen)), strict=True):
            if part:
                amounts[code] = part
    cap = public * rng.randint(0, 20) // 100
    for codes, total in ((_PUBLIC, public - cap), (_CAPITAL, cap)):
        chosen = sorted(rng.sample(codes, min(len(codes), rng.randint(1, len(codes)))))
        for code, part in zip(chosen, split(rng, total, len(chosen)), strict=True):
            if part:
                amounts[code] = part
    return _grid(amounts), public


def _grid(amounts: dict[str, Cents]) -> list[list[Any]]:
    """The printed grid of 表6 (the blank workbook's three column groups) with ``amounts`` by 款 code, the
    class rows and the two totals computed."""
    by_class: dict[str, Cents] = defaultdict(int)
    for code, v in amounts.items():
        by_class[code[:3]] += v
    groups: dict[str, list[catalog.EconomicSubject]] = {"a": [], "b": [], "c": []}
    for s in catalog.economic_subjects():
        key = "a" if s.code[:3] in ("301", "303") else "b" if s.code[:3] == "302" else "c"
        groups[key].append(s)
    height = max(len(g) for g in groups.values())

    def value(code: str) -> str | None:
        return money(by_class.get(code) if len(code) == 3 else amounts.get(code))

    grid = []
    for i in range(height):
        row: list[Any] = []
        for g in groups.values():
            row += [g[i].code, g[i].name, value(g[i].code)] if i < len(g) else [None, None, None]
        grid.append(row)
    personnel = by_class["301"] + by_class["303"]
    public = by_class["302"] + by_class["307"] + by_class["310"] + by_class["399"]
    grid.append(["", L.T6_PERSONNEL_TOTAL, money(personnel), "", L.T6_PUBLIC_TOTAL, None, "", "", money(public)])
    return grid


# ----------------------------------------------------------------------------------- the department

_FUND_NAMES = {"gb": "一般公共预算", "gf": "政府性基金预算", "sc": "国有资本经营预算"}


def form_year(form: forms.Form, rng: random.Random | None = None) -> int:
    """A year the form covers: its last year or a recent one, or with ``rng`` any year from 2015 to 2025."""
    low, high = form.first_year or 2015, form.last_year or 2025
    if rng is not None:
        return rng.randint(low, high)
    if form.last_year is not None:
        return form.last_year
    return max(low, 2021 if form.layout != "上海" else 2024)


def department(rng: random.Random, shape: Shape, form: forms.Form, year: int | None = None) -> dict[str, Any]:
    """A department source of ``shape`` in ``form`` (JSON format of ``sample_inputs/data``)."""
    year = year or form_year(form)
    leaves = _leaves(rng, shape, form)
    by_fund = {f: [lf for lf in leaves if lf.fund == f] for f in ("gb", "gf", "sc")}

    def fund_sum(fund: str, attr: str) -> Cents:
        return sum(getattr(lf, attr) for lf in by_fund[fund])

    exp = {f: fund_sum(f, "app") for f in by_fund}
    cb = {f: fund_sum(f, "carry_begin") for f in by_fund}
    ce = {f: fund_sum(f, "carry_end") for f in by_fund}
    inc = {f: exp[f] + ce[f] - cb[f] for f in by_fund}

    # non-appropriation money: spent = Σ other_spent; income (+ 使用非财政拨款结余 + its 年初) covers it,
    # 结余分配 and its 年末
    other_spent = sum(lf.other_spent for lf in leaves)
    other_cb = rng.randint(0, other_spent // 4) if shape.has_carryover and other_spent else 0
    other_ce = rng.randint(0, other_spent // 3) if shape.has_carryover and other_spent else 0
    balance_use = rng.randint(0, other_spent // 4) if shape.has_balance_use and other_spent else 0
    surplus = rng.randint(0, other_spent // 5) if shape.has_balance_use and other_spent else 0
    other_income = other_spent + surplus + other_ce - other_cb - balance_use
    sources = [k for k, on in (("inc_business", shape.has_business_income), ("inc_other", shape.has_other_income),
                               ("inc_operating", shape.has_operating),
                               ("inc_higher_subsidy", shape.has_subordinate),
                               ("inc_subordinate", shape.has_subordinate)) if on] or ["inc_other"]
    non_app = dict(zip(sources, split(rng, other_income, len(sources)), strict=True))

    income_total = inc["gb"] + inc["gf"] + inc["sc"] + other_income
    carry_begin = cb["gb"] + cb["gf"] + cb["sc"] + other_cb
    carry_end = ce["gb"] + ce["gf"] + ce["sc"] + other_ce
    grand = income_total + balance_use + carry_begin
    expenditure_total = sum(lf.t3_total for lf in leaves)
    assert grand == expenditure_total + surplus + carry_end

    classes = sorted({lf.code[:3] for lf in leaves})

    def class_sum(code: str, value) -> Cents:
        return sum(value(lf) for lf in leaves if lf.code[:3] == code)

    # 表1
    t1_left = {"inc_general_budget": inc["gb"], "inc_gov_fund": inc["gf"], "inc_state_capital": inc["sc"],
               **non_app, "income_total": income_total, "use_non_appropriation_balance": balance_use,
               "carryover_begin": carry_begin, "income_grand_total": grand}
    t1_right: dict[str, list[Cents | None]] = {f"c:{c}": [class_sum(c, lambda lf: lf.t3_total)] for c in classes}
    t1_right.update({"expenditure_total": [expenditure_total], "surplus_distribution": [surplus],
                     "carryover_end": [carry_end],
                     "expenditure_grand_total": [grand]})
    zeros = rng.random() < 0.3
    t1 = _labeled(form, "t1", t1_left, t1_right, 1, zeros=zeros)

    # 表4
    t4_columns = [c.key for c in form.table("t4").right_columns]

    def t4_row(values: dict[str, Cents]) -> list[Cents | None]:
        return [values.get(k, 0) if k != "total" else sum(values.values()) for k in t4_columns]

    app_cb = cb["gb"] + cb["gf"] + cb["sc"]
    t4_left = {"inc_general_budget": inc["gb"], "inc_gov_fund": inc["gf"], "inc_state_capital": inc["sc"],
               "income_total": inc["gb"] + inc["gf"] + inc["sc"], "carryover_begin": app_cb,
               "carryover_begin_general_budget": cb["gb"], "carryover_begin_gov_fund": cb["gf"],
               "carryover_begin_state_capital": cb["sc"],
               "income_grand_total": inc["gb"] + inc["gf"] + inc["sc"] + app_cb}
    names = {"gb": "general_budget", "gf": "gov_fund", "sc": "state_capital"}
    t4_right: dict[str, list[Cents | None]] = {}
    for c in classes:
        per = {names[f]: sum(lf.app for lf in by_fund[f] if lf.code[:3] == c) for f in by_fund}
        if any(per.values()):
            t4_right[f"c:{c}"] = t4_row(per)
    t4_right["expenditure_total"] = t4_row({names[f]: exp[f] for f in by_fund})
    t4_right["carryover_end"] = t4_row({names[f]: ce[f] for f in by_fund})
    t4_right["expenditure_grand_total"] = t4_row({names[f]: exp[f] + ce[f] for f in by_fund})
    t4 = _labeled(form, "t4", t4_left, t4_right, len(t4_columns), zeros=zeros)
    optional = [c.key for c in form.table("t4").right_columns if not c.required]
    if optional and not (by_fund["gf"] or cb["gf"]) and rng.random() < 0.5:
        # an 8-table 表4 without its optional 政府性基金 column (as seed 001 prints it)
        t4["right_columns"] = [k for k in t4_columns if k not in optional]
        t4["right"] = [row[:2 + len(t4["right_columns"])] for row in t4["right"]]

    # 表2: income by subject (the appropriation of each subject's fund, non-appropriation income on the
    # subjects that spend it)
    other_leaves = [lf for lf in leaves if lf.other_spent]
    extra = {id(lf): 0 for lf in leaves}
    if other_income:
        extra[id(other_leaves[0])] = other_income
    t2_keys = ("inc_higher_subsidy", "inc_business", "inc_operating", "inc_subordinate", "inc_other")

    def t2_values(lf: Leaf) -> list[Cents]:
        mine = [non_app.get(k, 0) if extra[id(lf)] else 0 for k in t2_keys]
        return [lf.app_income + extra[id(lf)], lf.app_income, *mine]

    t2 = _subject_rows(leaves, t2_values)
    t3 = _subject_rows(leaves, lambda lf: [lf.t3_total, lf.t3_basic, lf.t3_project, lf.remit_higher, lf.operating,
                                           lf.subsidy_subordinate])
    t5 = _subject_rows(by_fund["gb"], lambda lf: [lf.app, lf.basic_app, lf.project_app])
    t8 = _subject_rows(by_fund["gf"], lambda lf: [lf.carry_begin, lf.app_income, lf.app, lf.basic_app,
                                                  lf.project_app, lf.carry_end])
    basic_total = sum(lf.basic_app for lf in by_fund["gb"])
    t6, public = _t6(rng, basic_total)

    data: dict[str, Any] = {
        "info": _info(rng, shape, form, year),
        "t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6,
        "t8": t8,
    }
    if form.has_table("t9"):
        data["t9"] = _subject_rows(by_fund["sc"], lambda lf: [lf.app, lf.basic_app, lf.project_app])
    three = _three_public(rng, shape, exp["gb"])
    data["t7"] = three["t7"]
    data["three_public_details"] = three["details"]
    office = public * rng.randint(50, 100) // 100 if shape.has_office_cost and public else 0
    data["office_cost"] = {"amount": money(office, blank_zero=False)}
    current = {"income_expenditure_grand_total": grand,
               "appropriation_grand_total": inc["gb"] + inc["gf"] + inc["sc"] + app_cb,
               "general_budget_expenditure": exp["gb"], "three_public_total": three["actual"][0],
               "three_public_outbound": three["actual"][1], "three_public_vehicle_purchase": three["actual"][3],
               "three_public_vehicle_operation": three["actual"][4], "three_public_reception": three["actual"][5],
               "office_operating_cost": office}
    data["prior"] = _prior(rng, shape, current)
    data["reasons"] = _reasons(data["prior"], current)
    data["budget"] = _budget(rng, shape, by_fund) if shape.has_budget else []
    data["procurement"] = _procurement(rng, shape, expenditure_total)
    data["assets"] = {"vehicles_total": 2 if shape.has_three_public else 0,
                      "vehicles_other": 2 if shape.has_three_public else 0}
    data["general_expenditure"] = {}
    data["evaluations"] = _evaluations(rng, shape, by_fund, exp, data["info"]["name"])
    data["performance_management"] = _performance_management(rng, data["evaluations"])
    if shape.has_report:
        data["info"]["documents"] = "部门决算、部门整体支出绩效自评报告"
        data["self_evaluation_report"] = _report_inputs(rng, data, basic_total,
                                                        sum(lf.project_app for lf in by_fund["gb"]))
    data["key_work"] = [["完成年度重点工作", "按计划完成本部门年度各项重点工作任务。"]]
    data["glossary_extra"] = []
    return data


def _cents(text: str | None) -> Cents:
    if not text:
        return 0
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def _info(rng: random.Random, shape: Shape, form: forms.Form, year: int) -> dict[str, Any]:
    n = rng.randint(1, 9999)
    return {
        "name": f"示例县第{n}综合服务中心",
        "year": year,
        "layout": form.layout,
        "publication_date": "",
        "amount_unit": "万元",
        "functions": ["贯彻执行本行业的法律法规和政策。", "承担本区域内有关公共服务的组织实施工作。"],
        "unit_composition": "纳入独立核算的单位本级决算和0个下属单位决算",
        "subordinate_unit_count": 0,
        "internal_offices": "内设办公室、业务股2个内设机构。",
        "staff_in_service": rng.randint(3, 80),
        "staff_administrative": 0,
        "staff_public_institution": 0,
        "staff_civil_servant_managed": 0,
        "staff_retired_total": 0,
        "staff_retired_lixiu": 0,
        "staff_retired_tuixiu": 0,
    }


def _three_public(rng: random.Random, shape: Shape, general_budget: Cents) -> dict[str, Any]:
    zero = ["0.00"] * 6
    if not shape.has_three_public or general_budget < 10_000:
        blank_actual = rng.random() < 0.5
        budget = zero
        if rng.random() < 0.3 and general_budget >= 10_000:  # a budget, nothing spent (below 表5: rule E-03)
            b = [rng.randint(0, general_budget // 20) for _ in range(4)]
            budget = [money(x, blank_zero=False) for x in (sum(b), b[0], b[1] + b[2], b[1], b[2], b[3])]
        return {"t7": {"budget": budget, "actual": [None] * 6 if blank_actual else zero},
                "details": {}, "actual": [0] * 6}
    cap = max(general_budget // 20, 300)
    outbound = rng.choice([0, rng.randint(100, cap)])
    purchase = rng.choice([0, rng.randint(100, cap)])
    operation = rng.randint(100, cap)
    reception = rng.choice([0, rng.randint(100, cap)])
    actual = [outbound + purchase + operation + reception, outbound, purchase + operation, purchase, operation,
              reception]
    def budgeted(x: Cents) -> Cents:
        roll = rng.random()
        if roll < 0.15:
            return 0  # spent without a budget (completion rate over a budget of 0)
        if roll < 0.25 and not x:
            return rng.randint(100, cap)  # budgeted, nothing spent
        return _around(rng, x) if x else 0

    b_out, b_pur, b_op, b_rec = (budgeted(x) for x in (outbound, purchase, operation, reception))
    budget = [b_out + b_pur + b_op + b_rec, b_out, b_pur + b_op, b_pur, b_op, b_rec]
    parts = split(rng, operation, 4)
    details = {"vehicle_fuel": money(parts[0], blank_zero=False), "vehicle_repair": money(parts[1], blank_zero=False),
               "vehicle_tolls": money(parts[2], blank_zero=False),
               "vehicle_insurance": money(parts[3], blank_zero=False),
               "vehicle_safety_award": "0.00", "vehicle_other": "0.00",
               "vehicles_held": 2, "vehicles_purchased": 1 if purchase else 0,
               "outbound_groups": 1 if outbound else 0, "outbound_persons": 3 if outbound else 0,
               "reception_batches": 4 if reception else 0, "reception_persons": 30 if reception else 0,
               "scope_administrative_units": 1}
    return {"t7": {"budget": [money(x, blank_zero=False) for x in budget],
                   "actual": [money(x, blank_zero=False) for x in actual]},
            "details": details, "actual": actual}


def _prior(rng: random.Random, shape: Shape, current: dict[str, Cents]) -> dict[str, Any]:
    """上年数 near this year's (sometimes 0: a figure the department did not have last year), or nothing."""
    if not shape.has_prior:
        return {}

    def last(value: Cents) -> Cents:
        if rng.random() < 0.15:
            return 0
        return _around(rng, value, 0.6, 1.4) if value else rng.choice([0, 500])

    prior = {k: last(v) for k, v in current.items() if k != "three_public_total"}
    prior["three_public_total"] = sum(prior[k] for k in ("three_public_outbound", "three_public_vehicle_purchase",
                                                         "three_public_vehicle_operation", "three_public_reception"))
    out: dict[str, Any] = {k: money(v, blank_zero=False) for k, v in prior.items()}
    if rng.random() < 0.1:  # some 上年数 left blank (rule S-PRIOR-01 warns): those print 无法形成对比
        for k in rng.sample(sorted(out), rng.randint(1, 3)):
            out[k] = None
    return out


_CHANGE_REASONS = {"total_change": "income_expenditure_grand_total",
                   "appropriation_change": "appropriation_grand_total",
                   "general_budget_change": "general_budget_expenditure",
                   "three_public_change": "three_public_total", "office_cost_change": "office_operating_cost"}


def _reasons(prior: dict[str, Any], current: dict[str, Cents]) -> dict[str, str]:
    """The texts; a 变动原因 only where this year's figure differs from last year's (rule S-PRIOR-02)."""
    out = {
        "general_budget_vs_budget": "年中追加了部分业务工作经费",
        "general_budget_uses": "保障机构正常运转和完成各项业务工作",
        "three_public_vs_budget": "严格控制“三公”经费支出",
        "outbound_content": "开展业务交流",
        "vehicle_purchase_use": "按规定更新公务用车",
        "vehicle_operation_use": "公务用车燃料费、维修费、保险费等支出",
        "reception_use": "接待上级部门检查指导工作",
    }
    for reason, key in _CHANGE_REASONS.items():
        if prior.get(key) is not None and _cents(prior[key]) != current[key]:
            out[reason] = "业务工作量变化，相应支出有所增减"
    return out


def _budget(rng: random.Random, shape: Shape, by_fund: dict[str, list[Leaf]]) -> list[list[Any]]:
    """年初预算: a class row and its 项 rows per fund, the 合计 row sometimes; every row with its reason."""
    rows: list[list[Any]] = []
    for fund, leaves in by_fund.items():
        leaves = [lf for lf in leaves if lf.app]
        if not leaves:
            continue
        per_leaf = {lf.code: _around(rng, lf.app) for lf in leaves}
        classes = sorted({lf.code[:3] for lf in leaves})
        fund_rows: list[list[Any]] = []
        for c in classes:
            mine = [lf for lf in leaves if lf.code[:3] == c]
            fund_rows.append([_FUND_NAMES[fund], c, _class_name(c), money(sum(per_leaf[lf.code] for lf in mine),
                                                                           blank_zero=False),
                              "保障相关工作开展。", "决算数与年初预算数存在差异，主要是年中预算调整。"])
            for lf in mine:
                fund_rows.append([_FUND_NAMES[fund], lf.code, lf.name, money(per_leaf[lf.code], blank_zero=False),
                                  "保障相关工作开展。", "年中预算调整。"])
        if rng.random() < 0.5:
            fund_rows.insert(0, [_FUND_NAMES[fund], "", L.BUDGET_TOTAL_LABEL,
                                 money(sum(per_leaf.values()), blank_zero=False), "", ""])
        rows += fund_rows
    return rows


def _procurement(rng: random.Random, shape: Shape, expenditure: Cents) -> dict[str, Any]:
    if not shape.has_procurement or expenditure < 1_000:
        return {}
    total = rng.randint(300, max(301, expenditure // 5))
    goods, works, services = split(rng, total, 3)
    sme = [rng.randint(0, x) for x in (goods, works, services)]
    sme_total = sum(sme)
    return {"total": money(total, blank_zero=False), "goods": money(goods, blank_zero=False),
            "works": money(works, blank_zero=False), "services": money(services, blank_zero=False),
            "sme_total": money(sme_total, blank_zero=False),
            "sme_small_micro": money(rng.randint(0, sme_total), blank_zero=False),
            "sme_goods": money(sme[0], blank_zero=False), "sme_works": money(sme[1], blank_zero=False),
            "sme_services": money(sme[2], blank_zero=False)}


def _evaluation(name: str, is_department: bool, fund: str, budget: Cents, executed: Cents, department: str,
                rng: random.Random, *, scored: bool = True) -> dict[str, Any]:
    def score(low: int, high: int) -> str | None:
        return str(rng.randint(low, high)) if scored else None

    indicators = [["产出指标", "数量指标", "完成工作任务数", "≥10项", "12项", "20", score(8, 20)],
                  ["产出指标", "质量指标", "工作完成合格率", "100%", "100%", "20", score(15, 20)],
                  ["效益指标", "社会效益指标", "服务对象覆盖率", "≥90%", "95%", "15", score(5, 15)],
                  ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", "15", score(10, 15)]]
    return {"name": name, "is_department": is_department, "competent_department": department,
            "implementing_unit": department, "fund": fund, "budget": money(budget, blank_zero=False),
            "executed": money(executed, blank_zero=False), "execution_weight": "10",
            "goal": "完成年度工作任务。", "achieved": "年度工作任务已完成。", "goal_weight": "20",
            "goal_score": score(10, 20), "deviation_reason": "", "measures": "加强预算执行管理。",
            "indicators": indicators}


def _evaluations(rng: random.Random, shape: Shape, by_fund: dict[str, list[Leaf]], exp: dict[str, Cents],
                 department: str) -> list[dict[str, Any]]:
    """部门整体 (usually) and up to three project self-evaluations, some unscored."""
    if not shape.has_evaluations:
        return []
    out = []
    total = exp["gb"] + exp["gf"] + exp["sc"]
    if total and rng.random() < 0.8:
        out.append(_evaluation("部门整体支出", True, "财政拨款", _around(rng, total, 0.9, 1.2), total, department, rng,
                               scored=rng.random() < 0.9))
    projects = [(lf, f) for f in ("gb", "gf", "sc") for lf in by_fund[f] if lf.project_app]
    for i, (lf, fund) in enumerate(projects[:3], 1):
        executed = lf.project_app * rng.randint(60, 100) // 100
        out.append(_evaluation(f"{lf.name}项目{i}", False, _FUND_NAMES[fund], _around(rng, lf.project_app, 1.0, 1.3),
                               executed, department, rng, scored=rng.random() < 0.8))
    return out


def _performance_management(rng: random.Random, evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    """绩效管理: the projects with goals; without 自评表, sometimes the stated summary (绩效自评的项目N个 …)."""
    projects = [e for e in evaluations if not e["is_department"]]
    if projects:
        return {"projects_with_goals": len(projects),
                "projects_with_goals_amount": money(sum(_cents(e["budget"]) for e in projects), blank_zero=False)}
    if rng.random() < 0.4:
        n = rng.randint(1, 5)
        amount = rng.randint(1_000, 500_000)
        return {"projects_with_goals": n, "projects_with_goals_amount": money(amount, blank_zero=False),
                "self_evaluated": n, "self_evaluated_amount": money(amount, blank_zero=False)}
    return {}


def _report_inputs(rng: random.Random, data: dict[str, Any], basic: Cents, project: Cents) -> dict[str, Any]:
    """The sheet 「自评报告」: its texts, or (sometimes) none, the report then taking them from the 部门整体
    self-evaluation; the 年初预算 split into 基本/项目 sometimes."""
    out: dict[str, Any] = {"region": rng.choice(["", "示例县"])}
    has_whole = any(e["is_department"] for e in data["evaluations"])
    if not has_whole or rng.random() < 0.5:
        out.update({"fund_management": "严格执行财务管理制度，专款专用。",
                    "performance": "较好地完成了年度各项工作任务。",
                    "problems": "预算编制的精细化程度有待提高。\n下一步将加强预算执行监控。"})
    gb_budget = [r for r in data["budget"] if r[0] == _FUND_NAMES["gb"]]
    stated = [r for r in gb_budget if r[2] == L.BUDGET_TOTAL_LABEL and not r[1]]
    total = _cents(stated[0][3]) if stated else sum(_cents(r[3]) for r in gb_budget if len(r[1]) == 3)
    if gb_budget and rng.random() < 0.5:  # 年初部门预算 split as the 年初预算 total (rule P-SUM-01)
        budget_basic = total * basic // (basic + project) if basic + project else total
        out["budget_basic"] = money(budget_basic, blank_zero=False)
        out["budget_project"] = money(total - budget_basic, blank_zero=False)
    if data["procurement"]:
        out["procurement_note"] = "采购办公设备和服务，资金性质为财政拨款。"
    return out


# ----------------------------------------------------------------------------------- what tests read back


def figures_of(data: dict[str, Any]) -> dict[str, str | None]:
    """A few figures of the source the document must print: 表1 收入总计, 本年收入合计, 本年支出合计, and
    表4 总计 (``appropriation_grand_total``)."""
    out: dict[str, str | None] = {}
    for side, key_labels in (("left", {"总计": "income_grand_total", "本年收入合计": "income_total"}),
                             ("right", {"总计": "expenditure_grand_total", "本年支出合计": "expenditure_total"})):
        for label, _, value, *_ in data["t1"][side]:
            if label in key_labels:
                out[key_labels[label]] = value
    out["appropriation_grand_total"] = next(v for label, _, v, *_ in data["t4"]["left"] if label == "总计")
    return out
