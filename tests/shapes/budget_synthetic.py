"""Synthetic, internally consistent 部门预算 sources for every budget shape.

``budget(rng, shape)`` returns a source in the JSON format of ``sample_inputs/data/wuhan_center_2021_budget.json``
that ``generator.document_kinds.budget.template.write_budget_workbook`` writes. Amounts are drawn in cents and
every identity of the budget's rules (``generator/document_kinds/budget/rules.py``, docs/checks.md 部门预算) holds
exactly: 表1 收入 = 支出 by fund, 表2 = 表1 一般公共预算, 表3 = 表2 基本支出 by 301/302/303, 表5 = 表1 政府性基金,
表6/表7/表8 by income source and spending kind, 表9 = 项目支出 with 表13 per project, 表10/表11 within their
projects and the 公用经费, 机关运行经费 = 公用经费 …

A department is a handful of 项 subjects (real codes and names), each of one unit and one fund (一般公共预算,
政府性基金预算, 国有资本经营预算), with 基本支出 and/or 项目支出, some paid from non-appropriation income (事业收入,
其他收入 …) on top of the appropriation, some from last year's carryover.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator import catalog

from .common import KUAN, shape_name
from .synthetic import BASIC_SUBJECTS, GOV_FUND_SUBJECTS, PROJECT_SUBJECTS, STATE_CAPITAL_SUBJECTS, money, split

Cents = int

# ----------------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class BudgetShape:
    """What a department's budget has."""

    has_basic: bool = True  # 一般公共预算 基本支出 (表3)
    has_projects: bool = True  # 一般公共预算 项目支出 (表9, 表13 with indicators and details)
    has_gov_fund: bool = False  # 政府性基金预算 (表5)
    has_state_capital: bool = False  # 国有资本经营预算 (表1)
    has_three_public: bool = True  # “三公”经费 (表4)
    has_vehicle_purchase: bool = False  # 公务用车购置费 among the 三公
    has_prior: bool = True  # 上年预算 (False: a new department, blank)
    has_carryover: bool = False  # 上年结转 (一般公共预算)
    has_procurement: bool = True  # 表10
    has_services: bool = True  # 表11
    several_units: bool = False  # 表7/表8 with two or three units
    has_other_income: bool = False  # 事业收入, 其他收入 … (表6/表7) and what they pay
    has_overall_target: bool = True  # 表12 indicators

    @property
    def name(self) -> str:
        return shape_name(self)


# ----------------------------------------------------------------------------------- subjects

UNITS = (("737001", "示例市医疗保障局本级"), ("737002", "示例市医疗保险中心"), ("737003", "示例市医疗救助服务中心"))
DEPARTMENT = "示例市医疗保障局"


def _class_name(code: str) -> str:
    fc = catalog.class_by_code(code)
    assert fc is not None, code
    return fc.name


def _econ_name(code: str) -> str:
    subject = catalog.economic_by_code(code)
    assert subject is not None, code
    return subject.name


def _econ_label(code: str) -> str:
    """An economic class line of 表1/表6 as the blank workbook writes it."""
    subject = catalog.economic_by_code(code)
    return f"{code} {subject.name if subject else ''}"


@dataclass
class Leaf:
    """One 项 subject of one unit: what it spends, by fund and kind; ``other``: paid from non-appropriation."""

    code: str
    name: str
    fund: str  # gb / gf / sc
    unit: int
    basic: Cents = 0
    project: Cents = 0
    basic_other: Cents = 0
    project_other: Cents = 0

    @property
    def total(self) -> Cents:
        return self.basic + self.project


@dataclass
class Project:
    name: str
    leaf: Leaf
    app: Cents  # of the leaf's fund
    other: Cents = 0
    carryover: Cents = 0  # part of ``app`` paid from 上年结转
    kind: str = "部门项目"
    details: list[tuple[str, Cents]] = field(default_factory=list)

    @property
    def total(self) -> Cents:
        return self.app + self.other


def _leaves(rng: random.Random, shape: BudgetShape, units: int) -> list[Leaf]:
    leaves: list[Leaf] = []
    unit = lambda: rng.randrange(units)  # noqa: E731
    if shape.has_basic:
        for code, name in rng.sample(BASIC_SUBJECTS, rng.randint(1, 4)):
            leaves.append(Leaf(code, name, "gb", unit(), basic=rng.randint(50_000, 5_000_000)))
    if shape.has_projects:
        for code, name in rng.sample(PROJECT_SUBJECTS, rng.randint(1, 3)):
            leaves.append(Leaf(code, name, "gb", unit(), project=rng.randint(10_000, 3_000_000)))
        if shape.has_basic and rng.random() < 0.5:  # a subject with both (行政运行 with a project)
            leaves[0].project = rng.randint(10_000, 800_000)
    if shape.has_gov_fund:
        for code, name in rng.sample(GOV_FUND_SUBJECTS, rng.randint(1, 2)):
            leaves.append(Leaf(code, name, "gf", unit(), project=rng.randint(10_000, 900_000)))
    if shape.has_state_capital:
        for code, name in rng.sample(STATE_CAPITAL_SUBJECTS, rng.randint(1, 2)):
            leaves.append(Leaf(code, name, "sc", unit(), project=rng.randint(10_000, 600_000)))
    for leaf in leaves:  # now and then an amount of a few cents
        if rng.random() < 0.06:
            if leaf.basic:
                leaf.basic = rng.randint(1, 99)
            elif leaf.project:
                leaf.project = rng.randint(1, 99)
    if shape.has_other_income:
        gb = [lf for lf in leaves if lf.fund == "gb"]
        for leaf in rng.sample(gb, min(len(gb), rng.randint(1, 2))):
            if leaf.basic:
                leaf.basic_other = rng.randint(1_000, 600_000)
            else:
                leaf.project_other = rng.randint(1_000, 600_000)
    # one 项 per (code, fund): merge duplicates drawn for the same code
    merged: dict[tuple[str, str], Leaf] = {}
    for leaf in leaves:
        key = (leaf.code, leaf.fund)
        if key in merged:
            m = merged[key]
            m.basic += leaf.basic
            m.project += leaf.project
            m.basic_other += leaf.basic_other
            m.project_other += leaf.project_other
        else:
            merged[key] = leaf
    return sorted(merged.values(), key=lambda lf: lf.code)


_PROJECT_NAMES = ("业务工作经费", "信息系统运维经费", "审核稽核经费", "聘用人员经费", "宣传培训经费", "专项救助资金",
                  "档案管理经费", "政策研究经费", "设备购置经费")


def _projects(rng: random.Random, leaves: list[Leaf]) -> list[Project]:
    """The projects of every leaf with 项目支出: one to three each, the leaf's amounts split among them."""
    names = list(_PROJECT_NAMES)
    rng.shuffle(names)
    out: list[Project] = []
    counter = 0
    for leaf in leaves:
        if not (leaf.project or leaf.project_other):
            continue
        n = 1 if leaf.project < 3 else rng.randint(1, 3)
        apps = split(rng, leaf.project, n)
        others = split(rng, leaf.project_other, n)
        for app, other in zip(apps, others, strict=True):
            if not (app or other):
                continue
            counter += 1
            name = f"{leaf.name}{names[(counter - 1) % len(names)]}" + (str(counter) if counter > len(names) else "")
            kind = "公共项目" if rng.random() < 0.2 else "部门项目"
            out.append(Project(name, leaf, app, other, kind=kind))
    return out


# ----------------------------------------------------------------------------------- coded tables


def _subject_rows(leaves: list[Leaf], values, units: list[tuple[str, str]] | None, width: int = 3
                  ) -> list[list[Any]]:
    """合计, each class, its 款, its 项 (with the 项's unit), amounts summed upward; all-zero 项 left out."""
    per: dict[str, list[Cents]] = {}
    names: dict[str, str] = {}
    unit_of: dict[str, tuple[str, str]] = {}
    for leaf in leaves:
        v = list(values(leaf))
        if not any(v):
            continue
        for code, name in ((leaf.code[:3], _class_name(leaf.code[:3])), (leaf.code[:5], KUAN[leaf.code[:5]]),
                           (leaf.code, leaf.name)):
            names[code] = name
            acc = per.setdefault(code, [0] * width)
            for i, x in enumerate(v):
                acc[i] += x
        if units is not None:
            unit_of[leaf.code] = units[leaf.unit]
    total = [0] * width
    for code, v in per.items():
        if len(code) == 3:
            total = [a + b for a, b in zip(total, v, strict=True)]
    rows: list[list[Any]] = [["", "合计", "", "", *(money(x) for x in total)]]
    for code in sorted(per):
        unit = unit_of.get(code, ("", "")) if len(code) == 7 else ("", "")
        rows.append([code, names[code], *unit, *(money(x) for x in per[code])])
    return rows


_PERSONNEL = ("30101", "30102", "30103", "30107", "30108", "30110", "30113", "30199")
_FAMILY = ("30302", "30305", "30307", "30399")
_PUBLIC = ("30201", "30205", "30206", "30209", "30211", "30213", "30216", "30228", "30229", "30239", "30299")


def _t3(rng: random.Random, basic: Cents, three: dict[str, Cents], units: list[tuple[str, str]]
        ) -> tuple[list[list[Any]], dict[str, Cents]]:
    """表3 of ``basic`` cents (人员经费 301 + 303, 公用经费 302, the 三公 subjects of the basic spending among the
    302 款 within ``three``) and the class amounts."""
    if basic == 0:
        return [["", "合计", "", "", None, None, None]], {"301": 0, "302": 0, "303": 0}
    public = max(1, basic * rng.randint(8, 30) // 100) if basic > 1 else 0
    personnel = basic - public
    amounts: dict[str, Cents] = {}
    fam = personnel * rng.randint(0, 15) // 100
    for codes, total in ((_PERSONNEL, personnel - fam), (_FAMILY, fam)):
        chosen = sorted(rng.sample(codes, rng.randint(1, len(codes))))
        for code, part in zip(chosen, split(rng, total, len(chosen)), strict=True):
            if part:
                amounts[code] = part
    # the 三公 paid from the basic spending: at most the 表4 amounts, at most the 公用经费
    left = public
    for code, key in (("30212", "outbound"), ("30217", "reception"), ("30231", "vehicle_operation")):
        cap = min(three.get(key, 0), left)
        if cap > 0:
            amounts[code] = rng.randint(1, cap) if rng.random() < 0.7 else cap
            left -= amounts[code]
    chosen = sorted(rng.sample(_PUBLIC, rng.randint(1, 5)))
    for code, part in zip(chosen, split(rng, left, len(chosen)), strict=True):
        if part:
            amounts[code] = amounts.get(code, 0) + part
    classes = {"301": 0, "302": 0, "303": 0}
    for code, v in amounts.items():
        classes[code[:3]] += v
    rows: list[list[Any]] = [["", "合计", "", "", money(basic), money(personnel), money(public)]]
    for cls in ("301", "302", "303"):
        if not classes[cls]:
            continue
        personal = cls != "302"
        rows.append([cls, _econ_name(cls), "", "", money(classes[cls]), money(classes[cls]) if personal else None,
                     None if personal else money(classes[cls])])
        for code in sorted(c for c in amounts if c.startswith(cls)):
            unit = units[rng.randrange(len(units))]
            v = amounts[code]
            rows.append([code, _econ_name(code), *unit, money(v), money(v) if personal else None,
                         None if personal else money(v)])
    return rows, classes


# ----------------------------------------------------------------------------------- the source


def budget(rng: random.Random, shape: BudgetShape, year: int = 2021) -> dict[str, Any]:
    units = list(UNITS[:rng.randint(2, 3)] if shape.several_units else [UNITS[1]])
    leaves = _leaves(rng, shape, len(units))
    projects = _projects(rng, leaves)
    by_fund: dict[str, list[Leaf]] = defaultdict(list)
    for leaf in leaves:
        by_fund[leaf.fund].append(leaf)

    # 上年结转 of the 一般公共预算: paid to some projects (or the basic spending) this year
    carry_gb = 0
    gb_spent = sum(lf.total for lf in by_fund["gb"])
    if shape.has_carryover and gb_spent > 100:
        gb_projects = [p for p in projects if p.leaf.fund == "gb" and p.app > 1]
        if gb_projects:
            for p in rng.sample(gb_projects, rng.randint(1, len(gb_projects))):
                p.carryover = rng.randint(1, p.app // 2 or 1)
                carry_gb += p.carryover
        else:
            carry_gb = rng.randint(1, gb_spent // 3 or 1)

    spent = {f: sum(lf.total for lf in by_fund[f]) for f in ("gb", "gf", "sc")}
    income = {"gb": spent["gb"] - carry_gb, "gf": spent["gf"], "sc": spent["sc"]}
    basic = {f: sum(lf.basic for lf in by_fund[f]) for f in ("gb", "gf", "sc")}
    project = {f: sum(lf.project for lf in by_fund[f]) for f in ("gb", "gf", "sc")}
    basic_other = sum(lf.basic_other for lf in leaves)
    project_other = sum(lf.project_other for lf in leaves)
    other_spent = basic_other + project_other

    # non-appropriation income, split among the sources, by unit
    sources = ("business", "other") if rng.random() < 0.6 else ("business", "higher_subsidy", "other")
    non_app: dict[str, Cents] = dict(zip(sources, split(rng, other_spent, len(sources)), strict=True))

    # 三公 (表4): a few subjects of the 一般公共预算 with spending
    three: dict[str, Cents] = {}
    t4_rows: list[list[Any]] = []
    gb_leaves = [lf for lf in by_fund["gb"] if lf.total >= 5_000]
    if shape.has_three_public and gb_leaves:
        totals = defaultdict(int)
        for leaf in rng.sample(gb_leaves, min(len(gb_leaves), rng.randint(1, 2))):
            cap = leaf.total // 5
            outbound = rng.choice([0, rng.randint(1, max(1, cap // 4))])
            purchase = rng.randint(1, max(1, cap // 2)) if shape.has_vehicle_purchase and rng.random() < 0.7 else 0
            operation = rng.choice([0, rng.randint(1, max(1, cap // 4))])
            reception = rng.randint(1, max(1, cap // 4))
            vehicle = purchase + operation
            row_total = outbound + vehicle + reception
            for k, v in (("total", row_total), ("outbound", outbound), ("vehicle_total", vehicle),
                         ("vehicle_purchase", purchase), ("vehicle_operation", operation),
                         ("reception", reception)):
                totals[k] += v
            t4_rows.append([leaf.code, leaf.name, *units[leaf.unit], money(row_total), money(outbound),
                            money(vehicle), money(purchase), money(operation), money(reception)])
        three = dict(totals)
        t4_rows.sort(key=lambda r: r[0])
    t4_cols = ("total", "outbound", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
    t4 = [["", "合计", "", "", *(money(three.get(k, 0)) for k in t4_cols)], *t4_rows]

    # 表3 (the basic spending of the 一般公共预算) by economic class
    t3, econ = _t3(rng, basic["gb"], three, units)
    public = econ["302"]

    # ------------------------------------------------------------------- 表1
    by_class: dict[str, dict[str, Cents]] = defaultdict(lambda: defaultdict(int))
    all_by_class: dict[str, Cents] = defaultdict(int)
    for leaf in leaves:
        by_class[leaf.code[:3]][leaf.fund] += leaf.total
        all_by_class[leaf.code[:3]] += leaf.total + leaf.basic_other + leaf.project_other
    funds = ("gb", "gf", "sc")

    def four(values: dict[str, Cents]) -> list[str | None]:
        return [money(sum(values.get(f, 0) for f in funds)), *(money(values.get(f, 0)) for f in funds)]

    t1: list[list[Any]] = [["收入"],
                           ["一、一般公共预算财政拨款", money(income["gb"])],
                           ["二、政府性基金预算财政拨款", money(income["gf"])],
                           ["三、国有资本经营预算财政拨款", money(income["sc"])],
                           ["本年收入合计", money(sum(income.values()))],
                           ["上年结转", money(carry_gb)],
                           ["（一）一般公共预算结余结转", money(carry_gb)],
                           ["（二）政府性基金预算结余结转", None],
                           ["（三）国有资本经营预算结余结转", None],
                           ["收入总计", money(sum(income.values()) + carry_gb)],
                           ["支出（按功能分类）"]]
    for fc in catalog.function_classes():
        t1.append([f"{fc.code} {fc.name}", *four(by_class.get(fc.code, {}))])
    t1 += [["本年支出合计", *four(spent)], ["结转下年", None, None, None, None], ["支出总计", *four(spent)],
           ["支出（按支出类别）"],
           ["一、基本支出", *four(basic)],
           ["工资福利支出", *four({"gb": econ["301"]})],
           ["对个人和家庭的补助", *four({"gb": econ["303"]})],
           ["商品和服务支出", *four({"gb": econ["302"]})]]
    proj_dept = {f: sum(p.app for p in projects if p.leaf.fund == f and p.kind == "部门项目") for f in funds}
    proj_pub = {f: sum(p.app for p in projects if p.leaf.fund == f and p.kind == "公共项目") for f in funds}
    t1 += [["二、项目支出", *four(project)], ["（一）部门项目", *four(proj_dept)], ["（二）公共项目", *four(proj_pub)],
           ["三、上缴上级支出", None, None, None, None], ["四、对附属单位补助支出", None, None, None, None],
           ["五、事业单位经营支出", None, None, None, None], ["支出（按经济分类）"]]
    from generator.document_kinds.budget.template import ECONOMIC_CLASSES
    for code in ECONOMIC_CLASSES:
        t1.append([_econ_label(code), None, None, None, None])

    # ------------------------------------------------------------------- 表2, 表5
    t2 = _subject_rows(by_fund["gb"], lambda lf: (lf.total, lf.basic, lf.project), units)
    t5 = _subject_rows(by_fund["gf"], lambda lf: (lf.total, lf.basic, lf.project), units)

    # ------------------------------------------------------------------- 表6
    t6_income = {"general_budget": income["gb"], "gov_fund": income["gf"], "state_capital": income["sc"], **non_app}
    income_total = sum(t6_income.values())
    all_basic = sum(basic.values()) + basic_other
    all_project = sum(project.values()) + project_other
    all_spent = all_basic + all_project
    assert income_total + carry_gb == all_spent
    labels6 = (("general_budget", "一、一般公共预算财政拨款"), ("gov_fund", "二、政府性基金预算财政拨款"),
               ("state_capital", "三、国有资本经营预算财政拨款"), ("business", "四、事业收入"),
               ("higher_subsidy", "五、上级补助收入"), ("subordinate", "六、附属单位上缴收入"),
               ("operating", "七、事业单位经营收入"), ("other", "八、其他收入"))
    t6: list[list[Any]] = [["收入"], *([label, money(t6_income.get(k, 0))] for k, label in labels6),
                           ["本年收入合计", money(income_total)], ["用事业基金弥补收支差额", None],
                           ["上年结转", money(carry_gb)], ["收入总计", money(income_total + carry_gb)],
                           ["支出（按功能分类）"]]
    for fc in catalog.function_classes():
        t6.append([f"{fc.code} {fc.name}", money(all_by_class.get(fc.code, 0))])
    # the basic spending paid from non-appropriation money is 商品和服务支出 (keeps 表1's 工资福利 = 表3 301)
    t6 += [["本年支出合计", money(all_spent)], ["结转下年", None], ["支出总计", money(all_spent)],
           ["支出（按支出类别）"], ["一、基本支出", money(all_basic)], ["工资福利支出", money(econ["301"])],
           ["对个人和家庭的补助", money(econ["303"])], ["商品和服务支出", money(econ["302"] + basic_other)],
           ["二、项目支出", money(all_project)],
           ["（一）部门项目", money(sum(p.total for p in projects if p.kind == "部门项目"))],
           ["（二）公共项目", money(sum(p.total for p in projects if p.kind == "公共项目"))],
           ["三、上缴上级支出", None], ["四、对附属单位补助支出", None], ["五、事业单位经营支出", None],
           ["支出（按经济分类）"]]
    for code in ECONOMIC_CLASSES:
        t6.append([_econ_label(code), None])

    # ------------------------------------------------------------------- 表7, 表8 by unit
    per_unit: dict[int, dict[str, Cents]] = {i: defaultdict(int) for i in range(len(units))}
    for leaf in leaves:
        u = per_unit[leaf.unit]
        u["basic"] += leaf.basic + leaf.basic_other
        u["project"] += leaf.project + leaf.project_other
        u[{"gb": "general_budget", "gf": "gov_fund", "sc": "state_capital"}[leaf.fund]] += leaf.total
        u["non_app"] += leaf.basic_other + leaf.project_other
    for p in projects:
        if p.carryover:
            per_unit[p.leaf.unit]["carryover"] += p.carryover
            per_unit[p.leaf.unit]["general_budget"] -= p.carryover
    if carry_gb and not any(p.carryover for p in projects):  # carried over to the basic spending of one unit
        unit = next(lf.unit for lf in by_fund["gb"] if lf.total >= carry_gb) if any(
            lf.total >= carry_gb for lf in by_fund["gb"]) else by_fund["gb"][0].unit
        per_unit[unit]["carryover"] += carry_gb
        per_unit[unit]["general_budget"] -= carry_gb
    # the non-appropriation sources, unit by unit (each unit's share split as the department's)
    remaining = dict(non_app)
    unit_ids = list(per_unit)
    for i in unit_ids:
        need = per_unit[i]["non_app"]
        for k in sources:
            take = min(need, remaining[k])
            per_unit[i][k] += take
            remaining[k] -= take
            need -= take
        assert need == 0
    t7_cols = ("general_budget", "gov_fund", "state_capital", "business", "higher_subsidy", "subordinate",
               "operating", "other", "use_fund", "carryover")
    t7_total = {**t6_income, "carryover": carry_gb}
    t7 = [["合计", "", money(income_total + carry_gb), *(money(t7_total.get(k, 0)) for k in t7_cols)]]
    t8_cols = ("basic", "project", "remit", "subsidy", "operating")
    t8 = [["合计", "", money(all_spent), money(all_basic), money(all_project), None, None, None]]
    for i, (code, name) in enumerate(units):
        u = per_unit[i]
        total = u["basic"] + u["project"]
        if not total:
            continue
        t7.append([code, name, money(total), *(money(u.get(k, 0)) for k in t7_cols)])
        t8.append([code, name, money(total), *(money(u.get(k, 0)) for k in t8_cols)])
        assert sum(u.get(k, 0) for k in t7_cols) == total

    # ------------------------------------------------------------------- 表9, 表13
    t9: list[list[Any]] = [["合计", "", "", "", money(sum(p.total for p in projects)),
                            money(sum(p.app for p in projects if p.leaf.fund == "gb")),
                            money(sum(p.app for p in projects if p.leaf.fund == "gf")),
                            money(sum(p.app for p in projects if p.leaf.fund == "sc") + project_other)]]
    t13, t13_indicators, t13_details = [], [], []
    for i, p in enumerate(projects, 1):
        gb = p.app if p.leaf.fund == "gb" else 0
        gf = p.app if p.leaf.fund == "gf" else 0
        other = p.other + (p.app if p.leaf.fund == "sc" else 0)
        t9.append([p.name, units[p.leaf.unit][1], p.kind, p.leaf.code, money(p.total), money(gb), money(gf),
                   money(other)])
        n = 1 if p.total < 3 else rng.randint(1, 4)
        parts = split(rng, p.total, n)
        items = ("人员劳务费", "印刷宣传费", "委托业务费", "设备购置费")
        p.details = [(items[j], v) for j, v in enumerate(parts) if v]
        for item, v in p.details:
            t13_details.append([p.name, item, money(v, blank_zero=False)])
        appropriation = p.app - p.carryover if p.leaf.fund != "sc" else p.app
        t13.append([p.name, f"2021-737002-{i:04d}", DEPARTMENT, units[p.leaf.unit][1], "张三", "59598610", p.kind,
                    money(p.total, blank_zero=False), money(p.total, blank_zero=False),
                    money(appropriation), money(appropriation), money(p.other), money(p.carryover),
                    "1.前两年预算安排情况：与上年相同。\n2.当年预算变动情况及理由：无变动。",
                    "依据部门职能开展工作的需要。", "开展年度业务工作。", "按工作量测算。", "完成年度工作任务。"])
        for level1, level2, name, value in (("产出指标", "数量指标", "完成工作任务数", "≥10项"),
                                            ("产出指标", "质量指标", "工作完成合格率", "100%"),
                                            ("满意度指标", "社会公众或服务对象满意度指标", "服务对象满意度", "≥90%")
                                            )[:rng.randint(1, 3)]:
            t13_indicators.append([p.name, level1, level2, name, value, ""])

    # ------------------------------------------------------------------- 表10, 表11
    def purchases(kind: str, categories: tuple[str, ...], bound_basic: Cents) -> list[list[Any]]:
        rows: list[list[Any]] = []
        for p in rng.sample(projects, min(len(projects), rng.randint(0, 3))):
            if p.total < 2:
                continue
            amount = rng.randint(1, p.total // 2 or 1)
            rows.append([f"{p.name}{kind}", rng.choice(categories), "项目支出", p.name,
                         money(amount, blank_zero=False)])
        if bound_basic > 10 and rng.random() < 0.6:
            rows.append([f"办公{kind}", rng.choice(categories), "基本支出", "",
                         money(rng.randint(1, bound_basic // 2), blank_zero=False)])
        if not rows:  # something bought in any case (the shape asks for it)
            if projects and projects[0].total:
                p = projects[0]
                rows.append([f"{p.name}{kind}", categories[0], "项目支出", p.name, money(p.total, blank_zero=False)])
            elif bound_basic:
                rows.append([f"办公{kind}", categories[0], "基本支出", "", money(bound_basic, blank_zero=False)])
        total = sum(round(float(r[4]) * 100) for r in rows)
        return [["合计", "", "", "", money(total, blank_zero=False)], *rows] if rows else [["合计", "", "", "", None]]

    t10 = (purchases("采购", ("货物", "工程", "服务"), public) if shape.has_procurement
           else [["合计", "", "", "", None]])
    t11 = (purchases("服务", ("医疗保障服务", "印刷服务", "信息技术服务"), public) if shape.has_services
           else [["合计", "", "", "", None]])

    # ------------------------------------------------------------------- 表12
    t12 = []
    if shape.has_overall_target:
        t12 = [["长期目标1：推进医保支付方式改革", "产出指标", "数量指标", "试点医疗机构数", ">50家", "单位工作目标"],
               ["年度目标1：扩大参保覆盖面", "效益指标", "社会效益指标", "基本医疗保险参保率", ">95%", "单位工作目标"]]
        t12 = t12[:rng.randint(1, 2)]
    appropriation_all = income["gb"] + income["gf"] + income["sc"]
    t12_texts = {"contact": "李四", "phone": "59598610", "overview": "负责全市医疗保障工作。",
                 "tasks": "落实医疗保障政策\n管理医疗保障基金", "long_term": "推进医保支付方式改革",
                 "annual": "扩大参保覆盖面"}
    if shape.has_prior:
        t12_texts.update({"earlier_appropriation": money(_around(rng, appropriation_all), blank_zero=False),
                          "earlier_basic": money(_around(rng, all_basic), blank_zero=False),
                          "earlier_project": money(_around(rng, all_project), blank_zero=False),
                          "last_appropriation": money(_around(rng, appropriation_all), blank_zero=False),
                          "last_basic": money(_around(rng, all_basic), blank_zero=False),
                          "last_project": money(_around(rng, all_project), blank_zero=False)})

    # ------------------------------------------------------------------- 上年预算与说明, 其他重要事项
    narrative: dict[str, Any] = {}
    if shape.has_prior:
        general_current = spent["gb"] - carry_gb
        prior_total = _maybe_same(rng, income_total + carry_gb)
        prior_general = _maybe_same(rng, general_current)
        narrative = {"prior_total": money(prior_total, blank_zero=False),
                     "prior_general_budget": money(prior_general, blank_zero=False)}
        three_total = three.get("total", 0)
        priors = [_maybe_same(rng, three.get(k, 0)) for k in ("outbound", "vehicle_total", "reception")]
        narrative["prior_three_public"] = money(sum(priors), blank_zero=False)
        if rng.random() < 0.6:
            for key, v in zip(("prior_outbound", "prior_vehicle", "prior_reception"), priors, strict=True):
                narrative[key] = money(v, blank_zero=False)
        # a reason where the text states an increase or a decrease (B-S-05, B-S-06)
        if general_current != prior_general:  # the text compares 本年预算 (表2 − 上年结转)
            narrative["general_budget_reason"] = "主要是项目支出调整"
        if income_total + carry_gb != prior_total:
            narrative["total_reason"] = "主要是业务工作量变化"
        if three_total != sum(priors):
            narrative["three_public_reason"] = "主要是严格控制“三公”经费"
    gb_projects_total = sum(p.app for p in projects if p.leaf.fund == "gb")
    priority = [p for p in projects if p.leaf.fund == "gb"][:rng.randint(0, 2)]
    other = {"office_cost": money(public, blank_zero=False),
             "assets_total": money(rng.randint(100_000, 50_000_000), blank_zero=False),
             "land_area": money(rng.randint(0, 1_000_000)), "building_area": money(rng.randint(10_000, 500_000)),
             "vehicles": rng.randint(0, 5), "large_equipment": rng.randint(0, 2),
             "first_level_projects": rng.randint(0, 2), "priority_projects": len(priority),
             "priority_amount": money(sum(p.total for p in priority), blank_zero=False) if priority else None}
    if rng.random() < 0.5:
        other["assets_added"] = money(rng.randint(1_000, 100_000), blank_zero=False)
        other["assets_added_note"] = "通用设备增加"
    del gb_projects_total

    glossary = [[lf.code, f"反映{lf.name}方面的支出。"] for lf in leaves if rng.random() < 0.5 and lf.fund != "sc"]
    info = {"kind": "部门预算", "name": DEPARTMENT, "year": year, "layout": "湖北",
            "functions": ["负责全市医疗保障工作。", "管理医疗保障基金。"][:rng.randint(1, 2)],
            "unit_composition": f"纳入{DEPARTMENT}{year}年部门预算编制范围的预算单位共{len(units)}个。",
            "staff_authorized": 50, "staff_authorized_administrative": 20, "staff_authorized_institution": 30,
            "staff_authorized_civil_servant": 10, "staff_in_service": 45, "staff_in_service_administrative": 18,
            "staff_in_service_institution": 27, "staff_in_service_civil_servant": 9, "staff_retired_total": 12,
            "staff_retired_lixiu": 1, "staff_retired_tuixiu": 11}
    return {"info": info, "t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6, "t7": t7, "t8": t8,
            "t9": t9, "t10": t10, "t11": t11, "t12_texts": t12_texts, "t12": t12, "t13": t13,
            "t13_indicators": t13_indicators, "narrative": narrative, "other": other, "glossary": glossary,
            "t13_details": t13_details}


def _around(rng: random.Random, cents: Cents) -> Cents:
    return max(0, round(cents * rng.uniform(0.7, 1.3)))


def _maybe_same(rng: random.Random, cents: Cents) -> Cents:
    """Last year's budget: now and then the same (持平), else a little more or less (0 stays 0 sometimes)."""
    r = rng.random()
    if r < 0.15:
        return cents
    if r < 0.2:
        return 0
    return max(0, round(cents * rng.uniform(0.6, 1.4))) or rng.randint(1, 10_000)


# ----------------------------------------------------------------------------------- what tests read back


def _cents(text: str | None) -> Cents:
    if not text:
        return 0
    whole, _, frac = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((frac + "00")[:2]))


def figures_of(data: dict[str, Any]) -> dict[str, Cents]:
    """A few figures of the source the document must print, in cents."""
    t6 = {row[0]: row[1] for row in data["t6"] if len(row) > 1}
    t2_total = data["t2"][0]
    return {"overall": _cents(t6["收入总计"]), "general_budget": _cents(t2_total[4]),
            "basic": _cents(t2_total[5]), "project": _cents(t2_total[6]), "three_public": _cents(data["t4"][0][4]),
            "gov_fund": _cents(data["t5"][0][4])}
