"""Synthetic, internally consistent 部门整体支出绩效自评报告 sources for every report shape.

``report(rng, shape)`` returns a source in the JSON format of ``sample_inputs/data/tianxin_2021_selfeval.json``
that ``generator.document_kinds.self_evaluation.workbook.write_blank_workbook`` writes. Amounts are drawn in
cents and every rule of the kind (``generator/document_kinds/self_evaluation/rules.py``, docs/checks.md
自评报告) holds exactly: each (一) row's 支出合计 = 基本支出 + 项目支出, 资产购置支出 ≤ 部门决算数 column by
column, 政府专项 ≤ 项目支出, the (二) rows' 合计 = the three, the “支出决算明细表” classes = 部门决算数, the
items of a class ≤ the class, the basic and project 明细表 ≤ their spending, 机关运行经费 ≤ 基本支出, 政府采购 ≤
支出合计.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .common import shape_name
from .synthetic import money, split

Cents = int


@dataclass(frozen=True)
class ReportShape:
    """What a department's self-evaluation report has."""

    has_basic: bool = True  # 基本支出 in (一)
    has_project: bool = True  # 项目支出 in (一)
    has_adjusted: bool = False  # the 调整预算数 row given (else blank)
    total_only_budget: bool = False  # the 年初部门预算 row states only its 支出合计
    has_assets: bool = True  # 其中：资产购置支出 given (else blank)
    has_special: bool = False  # 政府专项 given
    has_three_public: bool = True  # (二) with a budget and an actual row
    zero_three_public: bool = False  # (二) typed as 0.00 everywhere (nothing spent, nothing budgeted)
    over_budget: bool = False  # spent more than the 年初部门预算
    has_projects: bool = True  # (三) lists projects
    has_all_detail: bool = True  # the 支出决算明细表 lines
    has_basic_detail: bool = True  # the 基本支出决算明细表 lines
    has_project_detail: bool = True  # the 项目支出决算明细表 lines
    has_other: bool = True  # 机关运行经费 and 政府采购 given
    has_own_texts: bool = True  # 人员情况 and 机构情况 written (False: left blank)
    headed_performance: bool = True  # 绩效情况 paragraphs opening with 【标题】
    has_fund_management: bool = False  # 项目资金使用管理情况 written
    has_region: bool = True  # 地区 in the title
    cents: bool = False  # amounts of a few cents

    @property
    def name(self) -> str:
        return shape_name(self)


DEPARTMENT = "示例区医疗保障局"

_BASIC_CLASSES = {
    "301": ("工资福利支出", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
                           ("30108", "机关事业单位基本养老保险缴费"), ("30199", "其他工资福利支出"))),
    "302": ("商品和服务支出", (("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"),
                            ("30231", "公务用车运行维护费"))),
    "303": ("对个人和家庭的补助", (("30302", "退休费"), ("30399", "其他对个人和家庭的补助"))),
}
_PROJECT_CLASSES = {
    "302": _BASIC_CLASSES["302"],
    "303": _BASIC_CLASSES["303"],
    "310": ("资本性支出", (("31002", "办公设备购置"), ("31007", "信息网络及软件购置更新"))),
}
_NOTES = ("为聘用人员工资、社保、公积金", "为单位购买办公设备", "为精神障碍患者药物救助费", "为日常办公支出",
          "主要用于医疗救助", "", "主要是“两病”门诊用药保障53.80万元", "为办公设备购置。均按规定程序采购；")


def _amount(rng: random.Random, shape: ReportShape, low: int, high: int) -> Cents:
    if shape.cents and rng.random() < 0.3:
        return rng.randint(1, 99)
    return rng.randint(low, high)


def _classes(rng: random.Random, table: dict[str, tuple[str, tuple[tuple[str, str], ...]]], total: Cents
             ) -> dict[str, Cents]:
    """``total`` split among a few classes of ``table`` (every class positive when the total allows)."""
    codes = sorted(rng.sample(sorted(table), rng.randint(1, len(table))))
    if total < len(codes):
        codes = codes[:1]
    return {c: v for c, v in zip(codes, split(rng, total, len(codes)), strict=True) if v}


def _lines(rng: random.Random, scope: str, table: dict, classes: dict[str, Cents], *, quote_items: bool = True
           ) -> list[list[Any]]:
    """The 明细表 lines of ``classes``: each class, then some of its items (adding up to at most the class)."""
    rows: list[list[Any]] = []
    for code, amount in classes.items():
        name, items = table[code]
        if quote_items and rng.random() < 0.15:  # an item alone, its class not listed
            item, item_name = rng.choice(items)
            rows.append([scope, item, item_name, money(amount, blank_zero=False), rng.choice(_NOTES)])
            continue
        rows.append([scope, code, name, money(amount, blank_zero=False), rng.choice(_NOTES) if rng.random() < 0.3
                     else ""])
        if not quote_items or rng.random() < 0.3:
            continue
        chosen = sorted(rng.sample(items, rng.randint(1, len(items))))
        within = amount if rng.random() < 0.5 else rng.randint(0, amount)
        for (item, item_name), part in zip(chosen, split(rng, within, len(chosen)), strict=True):
            if part:
                rows.append([scope, item, item_name, money(part, blank_zero=False), rng.choice(_NOTES)])
    return rows


def _row(total: Cents | None, basic: Cents | None, project: Cents | None, special: Cents | None = None
         ) -> dict[str, str | None]:
    return {"total": None if total is None else money(total, blank_zero=False),
            "basic": None if basic is None else money(basic, blank_zero=False),
            "project": None if project is None else money(project, blank_zero=False),
            "special": None if special is None else money(special, blank_zero=False)}


_PERFORMANCE = (
    ("概况", "本部门共有干部职工25人，内设4个科室，1个二级机构。"),
    ("医保参保待遇", "落实城乡居民参保待遇，2021年度办理参保共77.76万人次，居民参保率稳定在95%以上。"),
    ("医疗救助", "城乡困难居民医疗救助1264人次，支出501.59万元；医疗帮扶140人，支出59.58万元。"),
    ("基金监管", "对全区15家协议定点医院进行全面审查，追回违规金额1万余元。"),
    ("高效服务", "全年12345市民热线回复处理满意率达100％，实现试点医保业务“跨域通办”。"),
    ("节支情况", "上年机关运行经费支出38.00万元、政府采购支出5.00万元，本年继续压减；上年“三公”经费支出2.00万元。"),
    ("（一）经济性", "1、“三公”经费控制：严格执行中央八项规定精神，“三公”经费支出控制在预算以内。"),
)
_PROBLEMS = (
    "加强对资金使用的管理，进一步完善财务制度，规范财政资金使用，提高项目资金使用效率。",
    "完善资金和项目资金管理制度，确保项目资金安全有效发挥更大效益。",
    "严格控制“三公”经费支出，厉行节约。",
    "加强预算编制的科学性，减少预算调整。",
)


def report(rng: random.Random, shape: ReportShape, year: int = 2021) -> dict[str, Any]:
    # ------------------------------------------------------------------- (一) 部门决算数
    basic = _amount(rng, shape, 20_000, 600_000) if shape.has_basic else 0
    project = _amount(rng, shape, 5_000, 300_000) if shape.has_project else 0
    final_total = basic + project
    special = None
    if shape.has_special and project:
        special = rng.randint(0, project)

    def budgeted(cents: Cents) -> Cents:
        if not cents:
            return 0
        ratio = rng.uniform(0.6, 0.95) if shape.over_budget else rng.uniform(1.02, 1.4)
        return max(1, round(cents * ratio)) if shape.over_budget else max(cents + 1, round(cents * ratio))

    b_basic, b_project = budgeted(basic), budgeted(project)
    budget_row = _row(b_basic + b_project, b_basic if shape.has_basic else None,
                      b_project if shape.has_project else None,
                      None if special is None else min(b_project, budgeted(special) if special else 0))
    if shape.total_only_budget:  # the 年初部门预算 row states its total alone
        budget_row = _row(b_basic + b_project, None, None)
    if shape.has_adjusted:
        a_basic = budgeted(basic)
        a_project = budgeted(project)
        adjusted_row = _row(a_basic + a_project, a_basic if shape.has_basic else None,
                            a_project if shape.has_project else None,
                            None if special is None else min(a_project, special))
    else:
        adjusted_row = _row(None, None, None)
    final_row = _row(final_total, basic if shape.has_basic else None, project if shape.has_project else None,
                     special)
    if shape.has_assets:
        assets_basic = rng.randint(0, basic // 10) if basic else 0
        assets_project = rng.randint(0, project // 3) if project else 0
        assets_row = _row(assets_basic + assets_project, assets_basic, assets_project,
                          None if special is None else min(special, assets_project))
    else:
        assets_row = _row(None, None, None)
    summary = {"budget": budget_row, "adjusted": adjusted_row, "final": final_row, "assets": assets_row}

    # ------------------------------------------------------------------- (二) 三公
    if shape.zero_three_public:
        three = {k: {"outbound": None, "vehicle": None, "reception": "0.00", "total": "0.00"}
                 for k in ("budget", "actual")}
    elif shape.has_three_public and basic:
        cap = max(3, basic // 60)
        actual = {"outbound": rng.choice([0, _amount(rng, shape, 1, cap)]),
                  "vehicle": rng.choice([0, _amount(rng, shape, 1, cap)]),
                  "reception": _amount(rng, shape, 1, cap)}
        plan = {k: (budgeted(v) if v else rng.choice([0, rng.randint(1, cap)])) for k, v in actual.items()}
        three = {}
        for key, values in (("budget", plan), ("actual", actual)):
            three[key] = {k: money(v) for k, v in values.items()}  # 0: blank
            three[key]["total"] = money(sum(values.values()), blank_zero=False)
    else:
        three = {k: dict.fromkeys(("outbound", "vehicle", "reception", "total")) for k in ("budget", "actual")}

    # ------------------------------------------------------------------- (三) projects
    projects: list[list[Any]] = []
    if shape.has_projects and project:
        n = rng.randint(1, 3) if project >= 3 else 1
        for i, (spent, planned) in enumerate(zip(split(rng, project, n), split(rng, b_project, n), strict=True)):
            name = ("医疗救助资金", "信息系统运维经费", "医保基金监管经费")[i]
            purpose = rng.choice(["用于城乡困难居民医疗救助，全年救助1264人次。", "保障信息系统平稳运行。", ""])
            projects.append([name, money(planned, blank_zero=False) if rng.random() < 0.9 else None,
                             money(spent, blank_zero=False) if rng.random() < 0.9 else None, purpose])

    # ------------------------------------------------------------------- (四) 明细表
    basic_classes = _classes(rng, _BASIC_CLASSES, basic) if basic else {}
    project_classes = _classes(rng, _PROJECT_CLASSES, project) if project else {}
    all_classes: dict[str, Cents] = {}
    for code, v in [*basic_classes.items(), *project_classes.items()]:
        all_classes[code] = all_classes.get(code, 0) + v
    all_classes = dict(sorted(all_classes.items()))
    table = {**_BASIC_CLASSES, **_PROJECT_CLASSES}
    economic = _lines(rng, "all", table, all_classes) if shape.has_all_detail else []
    if shape.has_basic_detail:
        economic += _lines(rng, "basic", _BASIC_CLASSES, basic_classes)
    if shape.has_project_detail:
        economic += _lines(rng, "project", _PROJECT_CLASSES, project_classes)

    # ------------------------------------------------------------------- other figures and texts
    other: dict[str, Any] = {"office_cost": None, "procurement": None, "procurement_note": ""}
    if shape.has_other:
        public = basic_classes.get("302", 0)
        other = {"office_cost": money(rng.randint(0, public) if public else 0, blank_zero=False),
                 "procurement": money(rng.randint(0, final_total // 10) if final_total >= 10 else 0,
                                      blank_zero=False),
                 "procurement_note": rng.choice(["是采购办公耗材，为一般公共预算财政拨款", ""])}
    chosen = rng.sample(_PERFORMANCE, rng.randint(2, len(_PERFORMANCE)))
    between = "\n\n" if rng.random() < 0.3 else "\n"  # a blank line between paragraphs now and then
    performance = between.join(f"【{title}】{body}" if shape.headed_performance else body for title, body in chosen)
    if not shape.headed_performance and rng.random() < 0.5:  # headings of the department's own: 一、 二、 …
        performance = between.join(f"{'一二三四五六七'[i]}、{title}{between}{body}"
                                   for i, (title, body) in enumerate(chosen))
    problems = "\n".join(f"{i}、{p}" for i, p in enumerate(rng.sample(_PROBLEMS, rng.randint(2, len(_PROBLEMS))), 1))
    management = ("项目资金严格按照财务制度管理，专款专用。\n1、严格执行“三公”经费管理规定，厉行节约。\n"
                  "2、“三公”经费严格按预算执行。")
    texts = {"fund_management": management if shape.has_fund_management else "",
             "performance": performance, "problems": problems}

    info = {"name": DEPARTMENT, "year": year, "layout": "湖南", "region": "示例区" if shape.has_region else "",
            "staffing": "局在职人员共13人，其中行政编制5人，事业编制8人。" if shape.has_own_texts else "",
            "institutions": "本部门由1个行政单位、1个二级机构及4个内设科室组成。" if shape.has_own_texts else "",
            "functions": ["贯彻执行医疗保障制度的法律法规和规章制度。", "负责区本级医疗保障经办管理。",
                          "完成区委、区政府交办的其他任务。"][:rng.randint(0, 3)]}
    return {"document_kind": "部门整体支出绩效自评报告", "info": info, "summary": summary, "three_public": three,
            "projects": projects, "economic": economic, "other": other, "texts": texts}


# ----------------------------------------------------------------------------------- what tests read back


def amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
