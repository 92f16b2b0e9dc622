"""The budget build's self-audit: the rendered document read back as text, every figure of its 情况说明
re-derived from the tables it names — independently of ``figures.py``, so a template that prints the wrong
variable, or a figure computed wrongly, cannot be published.

Reading (``read_docx``), the findings (``AuditFinding`` with the shared kinds A-AMT-01, A-PCT-01, A-PCT-02,
A-TAB-01) and the report (``AuditReport``) are the auditor's (``generator.audit``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.audit import AuditFinding, AuditReport, Place, read_docx
from generator.audit.engine import finding
from generator.model import ZERO

from . import model as M
from . import workbook as W

SECTIONS = ("一、财政拨款收支预算总体情况", "二、一般公共预算支出安排情况", "三、一般公共预算基本支出安排情况",
            "四、一般公共预算“三公”经费支出安排情况", "五、政府性基金预算支出安排情况",
            "六、国有资本经营预算支出安排情况",
            "七、收支预算总体安排情况", "八、收入预算安排情况", "九、支出预算安排情况", "十、其他重要事项的情况说明")
AMOUNT = r"(\d[\d,]*\.\d{2})万元"
CHANGE = re.compile(AMOUNT + r"，比(\d{4})年(?:预算)?(减少|增加)" + AMOUNT + r"(?:，(下降|增长)(\d+(?:\.\d+)?)%)?")
FLAT = re.compile(AMOUNT + r"(?:（[^）]*）)?，与(\d{4})年(?:预算)?持平")
SHARE = re.compile(r"([^\d，；：。]+?)" + AMOUNT + r"，占(\d+(?:\.\d+)?)%")


def _d(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass(frozen=True)
class Expected:
    """``label`` followed by an amount in a section's text must print ``amount`` (from ``desc``)."""

    label: str
    amount: Decimal
    desc: str


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def expectations(b: M.BudgetModel) -> dict[str, list[Expected]]:
    """Per section, the labelled amounts its text may state, each taken from the table it names."""
    t1, t2, t3 = b.t1_appropriation_summary, b.t2_general_budget_expenditure, b.t3_general_budget_basic_expenditure
    t4, t6 = b.t4_three_public.total, b.t6_income_expenditure_summary
    carry = t1.amount("income", "carryover_general_budget")
    out: dict[str, list[Expected]] = {s: [] for s in SECTIONS}
    out[SECTIONS[0]] = [
        Expected("财政拨款收支总预算", t1.amount("income", "income_grand_total"), "表1「收入总计」"),
        Expected("一般公共预算财政拨款本年收入", t1.amount("income", "general_budget"),
                 "表1「一般公共预算财政拨款」"),
        Expected("政府性基金预算财政拨款本年收入", t1.amount("income", "gov_fund"), "表1「政府性基金预算财政拨款」"),
        Expected("国有资本经营预算财政拨款本年收入", t1.amount("income", "state_capital"),
                 "表1「国有资本经营预算财政拨款」"),
        Expected("上年结转", t1.amount("income", "carryover"), "表1「上年结转」"),
    ]
    projects = [Expected(r.text("name"), r["general_budget"], f"表9「{r.text('name')}」")
                for r in b.t9_project_expenditure.records]
    subjects = [Expected(r.name, r["project"], f"表2「{r.code} {r.name}」的项目支出")
                for r in t2.rows if len(r.code) == 7 and r["project"] != 0]
    out[SECTIONS[1]] = [
        Expected("一般公共预算支出预算", t2.total["total"], "表2「合计」"),
        Expected("本年预算", t2.total["total"] - carry, "表2「合计」减表1一般公共预算结余结转"),
        Expected("上年结转", carry, "表1「一般公共预算结余结转」"),
        Expected("基本支出", t2.total["basic"], "表2「合计」的基本支出"),
        Expected("项目支出", t2.total["project"], "表2「合计」的项目支出"),
        *subjects, *projects,
    ]
    classes = [Expected(r.name, r["total"], f"表3「{r.code} {r.name}」") for r in t3.rows if len(r.code) == 3]
    out[SECTIONS[2]] = [
        Expected("基本支出", t3.total["total"], "表3「合计」"),
        Expected("人员经费", t3.total["personnel"], "表3「合计」的人员经费"),
        Expected("公用经费", t3.total["public"], "表3「合计」的公用经费"),
        *classes,
    ]
    out[SECTIONS[3]] = [
        Expected("“三公”经费支出预算", t4["total"], "表4「合计」"),
        Expected("因公出国（境）经费", t4["outbound"], "表4 因公出国（境）费用"),
        Expected("公务用车购置及运行维护费", t4["vehicle_total"], "表4 公务用车购置及运行维护费小计"),
        Expected("公务用车购置费", t4["vehicle_purchase"], "表4 公务用车购置费"),
        Expected("公务用车运行维护费", t4["vehicle_operation"], "表4 公务用车运行及维护费"),
        Expected("公务接待费", t4["reception"], "表4 公务接待费"),
    ]
    out[SECTIONS[4]] = [Expected("政府性基金预算支出", b.t5_government_fund.total["total"], "表5「合计」")]
    out[SECTIONS[5]] = [Expected("国有资本经营预算支出", t1.amount("income", "state_capital")
                                 + t1.amount("income", "carryover_state_capital"),
                                 "表1「国有资本经营预算财政拨款」与「（三）国有资本经营预算结余结转」之和")]
    out[SECTIONS[6]] = [Expected("收支总预算", t6.amount("income", "income_grand_total"), "表6「收入总计」")]
    names = dict(zip((k for k, _ in _INCOME), (n for _, n in _INCOME), strict=True))
    out[SECTIONS[7]] = [Expected("收入预算", t6.amount("income", "income_grand_total"), "表6「收入总计」"),
                        *(Expected(n, t6.amount("income", k), f"表6「{n}」") for k, n in names.items())]
    out[SECTIONS[8]] = [Expected("支出预算", t6.amount("function", "expenditure_total"), "表6「本年支出合计」"),
                        *(Expected(n, t6.amount("category", k), f"表6「{n}」") for k, n in _EXPENDITURE)]
    t10, t11 = b.t10_procurement, b.t11_purchased_services
    by = {c: _sum(r["total"] for r in t10.records if r.text("category") == c) for c in W.PROCUREMENT_CATEGORIES}
    out[SECTIONS[9]] = [
        Expected("机关运行经费", t3.total["public"], "表3 公用经费合计"),
        Expected("政府采购预算支出合计", t10.total_amount("total"), "表10「合计」"),
        *(Expected(f"{c}类", by[c], f"表10 采购类别为{c}的各行之和") for c in W.PROCUREMENT_CATEGORIES),
        Expected("政府购买服务预算支出合计", t11.total_amount("total"), "表11「合计」"),
        *(Expected(r.text("name"), r["total"], f"表11「{r.text('name')}」") for r in t11.records),
    ]
    if b.other.assets_total is not None:
        out[SECTIONS[9]].append(Expected("占有使用国有资产", b.other.assets_total, "「其他重要事项」国有资产总额"))
    if b.other.assets_added is not None:
        out[SECTIONS[9]].append(Expected("新增国有资产", b.other.assets_added, "「其他重要事项」上年新增国有资产"))
    if b.other.priority_amount is not None:
        out[SECTIONS[9]].append(Expected("优秀项目", b.other.priority_amount,
                                         "「其他重要事项」优先保障优秀项目金额"))
    return out


_INCOME = (("general_budget", "一般公共预算财政拨款收入"), ("gov_fund", "政府性基金预算财政拨款收入"),
           ("state_capital", "国有资本经营预算财政拨款收入"), ("business", "事业收入"),
           ("higher_subsidy", "上级补助收入"),
           ("subordinate", "附属单位上缴收入"), ("operating", "事业单位经营收入"), ("other", "其他收入"),
           ("use_fund", "用事业基金弥补收支差额"), ("carryover", "上年结转"))
_EXPENDITURE = (("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"),
                ("subsidy", "对附属单位补助支出"), ("operating", "事业单位经营支出"))


Priors = tuple[tuple[str, Decimal | None], ...]


def _priors(b: M.BudgetModel) -> dict[str, Priors]:
    """Per section, the amounts that may be compared with last year — the label printed before the amount and
    last year's figure (``None``: no comparison may be printed)."""
    n = b.narrative
    return {
        SECTIONS[1]: (("本年预算", n.prior_general_budget),),
        SECTIONS[3]: (("“三公”经费支出预算", n.prior_three_public), ("因公出国（境）经费", n.prior_outbound),
                      ("公务用车购置及运行维护费", n.prior_vehicle), ("公务接待费", n.prior_reception)),
        SECTIONS[6]: (("收支总预算", n.prior_total),),
    }


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return part * 100 / whole


def _close(printed: Decimal, exact: Decimal) -> bool:
    """A printed percentage agrees with the exact one when it is within one unit of its last place (shares are
    rounded by the largest remainder, so a share may be rounded up or down)."""
    unit = Decimal(1).scaleb(printed.as_tuple().exponent)  # type: ignore[arg-type]
    return abs(printed - exact) < unit


def _sections(document) -> dict[str, list[tuple[str, int]]]:
    """The paragraphs of each section of 第三部分 (text, block index), by heading."""
    out: dict[str, list[tuple[str, int]]] = {}
    current: str | None = None
    for block in document.blocks:
        if block.is_row:
            continue
        text = "".join(block.cells).strip()
        if text.startswith("第四部分"):
            current = None
            continue
        if text in SECTIONS:
            current = text
            out[current] = []
            continue
        if current is not None:
            out[current].append((text, block.index))
    return out


def _fmt(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def audit_budget_document(document, budget: M.BudgetModel, *, inputs_known: bool = True) -> AuditReport:
    """The text of ``document`` against ``budget``'s tables; ``inputs_known``: the workbook's inputs (last year's
    budget …) are known (the build's self-audit); else each stated change is checked against its own amounts."""
    findings: list[AuditFinding] = []
    sections = _sections(document)
    from .document import TITLES

    titles = {"".join(b.cells).strip() for b in document.blocks if not b.is_row}
    titles |= {W.TABLE_TITLES[TITLES[t]][0] for t in titles if t in TITLES}  # another spelling of a title
    for title, number in W.TABLE_TITLES.values():
        if number and title not in titles:
            findings.append(finding("A-TAB-01", Place(heading="第二部分"), {"table": number, "title": title}))
    for heading in SECTIONS:
        if heading not in sections:
            findings.append(finding("A-TAB-01", Place(heading="第三部分"), {"table": "情况说明", "title": heading}))
    expected = expectations(budget)
    priors = _priors(budget) if inputs_known else {}
    checked = 0
    for heading, paragraphs in sections.items():
        for number, (text, _index) in enumerate(paragraphs, 1):
            place = Place(heading=heading, paragraph=number)
            checked += 1
            findings += _amounts(text, expected[heading], place)
            findings += _changes(text, priors.get(heading, ()), place, known=inputs_known)
            findings += _shares(text, place)
    printed = sorted((t for t, (title, number) in W.TABLE_TITLES.items() if number and title in titles),
                     key=lambda t: int(t[1:]))
    return AuditReport(budget.source, budget.info.name, budget.info.year, tuple(findings), tuple(printed), (),
                       checked)


def _amounts(text: str, expected: list[Expected], place: Place) -> list[AuditFinding]:
    """Every ``label + amount`` of the paragraph whose label is expected prints the table's amount."""
    out = []
    for item in sorted(expected, key=lambda e: -len(e.label)):  # longest labels first: 公务用车购置费 ≠ 公务用车…
        for match in re.finditer(re.escape(item.label) + r"(?:（[^）]*）)?" + AMOUNT, text):
            stated = _d(match.group(1))
            if stated != item.amount:
                out.append(finding("A-AMT-01", place, {
                    "name": item.label, "stated": _fmt(stated), "expected_desc": item.desc,
                    "expected": _fmt(item.amount), "difference": f"{stated - item.amount:+,.2f}"},
                    sentence=text, stated=stated, expected=item.amount, expected_desc=item.desc))
    return out


def _prior_of(text: str, start: int, priors: Priors) -> tuple[str, Decimal | None]:
    """The compared amount's label (printed just before it, a parenthesis between allowed) and last year's figure."""
    before = re.sub(r"（[^（）]*）$", "", text[:start])
    found = [(label, prior) for label, prior in priors if before.endswith(label)]
    return max(found, key=lambda f: len(f[0])) if found else ("", None)


def _changes(text: str, priors: Priors, place: Place, *, known: bool = True) -> list[AuditFinding]:
    """比上年增减 and 持平: each compared amount against last year's figure of its label in the workbook, the
    direction and the percentage; without the workbook (``known=False``) last year's figure is the one the
    sentence implies (本年 ∓ 增减额)."""
    out = []
    for match in FLAT.finditer(text):
        label, prior = _prior_of(text, match.start(), priors)
        current = _d(match.group(1))
        if known and prior is not None and prior != current:
            out.append(finding("A-AMT-01", place, {
                "name": f"{label}（与上年持平）", "stated": _fmt(current), "expected_desc": "上年预算数",
                "expected": _fmt(prior), "difference": f"{current - prior:+,.2f}"}, sentence=text))
    for match in CHANGE.finditer(text):
        current, verb, amount = _d(match.group(1)), match.group(3), _d(match.group(4))
        label, prior = _prior_of(text, match.start(), priors)
        desc = f"「上年预算与说明」中{label}的上年预算数"
        if not known:
            prior = current + amount if verb == "减少" else current - amount
        if prior is None:
            out.append(finding("A-AMT-01", place, {"name": "上年预算", "stated": "（文中有比较）",
                                                   "expected_desc": desc, "expected": "（未填写）"}, sentence=text))
            continue
        difference = current - prior
        if abs(difference) != amount or (verb == "减少") != (difference < 0):
            out.append(finding("A-AMT-01", place, {
                "name": f"比上年{verb}额", "stated": _fmt(amount), "expected_desc": f"本年数 {_fmt(current)} 与{desc}",
                "expected": _fmt(abs(difference)), "difference": f"{amount - abs(difference):+,.2f}"},
                sentence=text, stated=amount, expected=abs(difference), expected_desc=desc))
        if match.group(6) is not None and prior != 0:
            printed = Decimal(match.group(6))
            exact = _pct(abs(difference), abs(prior))
            quantum = Decimal(1).scaleb(printed.as_tuple().exponent)  # type: ignore[arg-type]
            if printed != exact.quantize(quantum, rounding=ROUND_HALF_UP):
                out.append(finding("A-PCT-02", place, {
                    "direction": match.group(5), "printed": f"{printed}%", "current": _fmt(current),
                    "change": _fmt(amount), "prior": _fmt(prior),
                    "computed": f"{exact.quantize(quantum, rounding=ROUND_HALF_UP)}%"}, sentence=text))
    return out


def _shares(text: str, place: Place) -> list[AuditFinding]:
    """占 x%: each part's share of the whole stated first in the sentence (收入预算 …万元，其中：…)."""
    whole_match = re.search(AMOUNT + "，其中", text)
    if whole_match is None:
        return []
    whole = _d(whole_match.group(1))
    out = []
    for match in SHARE.finditer(text, whole_match.end()):
        part, printed = _d(match.group(2)), Decimal(match.group(3))
        if whole == 0 or not _close(printed, _pct(part, whole)):
            computed = "无法计算" if whole == 0 else f"{_pct(part, whole):.4f}%"
            out.append(finding("A-PCT-01", place, {
                "printed": f"{printed}%", "numerator": _fmt(part), "denominator_desc": "总额",
                "denominator": _fmt(whole), "computed": computed}, sentence=text))
    return out


def audit_rendered(data: bytes, budget: M.BudgetModel, source: str = "") -> AuditReport:
    """The build's self-audit of the rendered .docx (``DocumentKind.audit_rendered``): the text against the
    tables, and every table read back from the document against the workbook, cell by cell."""
    from .document import budget_from_document

    document = read_docx(data, source)
    report = audit_budget_document(document, budget)
    printed = budget_from_document(document)
    cells = list(compare_tables(printed, budget)) if printed is not None else []
    return dataclasses.replace(report, findings=(*report.findings, *cells), tables_checked=report.tables_found)


def compare_tables(printed: M.BudgetModel, budget: M.BudgetModel):
    """A-TAB-04 for each amount of 表1 … 表11 and 表13 the document prints differently from the workbook."""
    from generator.model import Line

    from .rules import TABLE_ATTRIBUTES, column_label, table_label

    def rows(table) -> dict[str, object]:
        if isinstance(table, M.LineTable):
            return dict(table.lines)
        if isinstance(table, M.RecordTable):
            out = {"合计": table.total} if table.total is not None else {}
            return out | {"|".join(r.texts.values()): r for r in table.records}
        return {"合计": table.total} | {r.code: r for r in table.rows}

    def amounts(row) -> dict[str, Decimal]:
        return dict(row.values) if isinstance(row, Line) else dict(row.amounts)

    def name(key: str, row) -> str:
        if isinstance(row, Line):
            return f"{row.code} {row.name}".strip() if row.code else row.name
        return key.split("|")[0]

    from .context import PRINTED_COLUMNS

    for table_id, attribute in TABLE_ATTRIBUTES.items():
        mine, theirs = rows(getattr(budget, attribute)), rows(getattr(printed, attribute))
        for key, row in mine.items():
            if table_id == "t5" and key == "合计":
                continue  # 表5 prints its subjects only (its 合计 is their sum: rule B-T5-01)
            other = theirs.get(key)
            got = amounts(other) if other is not None else {}
            shown = PRINTED_COLUMNS.get(table_id, {})
            printed_columns = shown.get(key.split(".")[0], shown.get("*")) if shown else None
            for column, expected in amounts(row).items():
                if printed_columns is not None and column not in printed_columns:
                    continue
                stated = got.get(column)
                if other is None or stated is None or stated != expected:
                    yield finding("A-TAB-04", Place(heading=table_label(table_id)), {
                        "table": table_label(table_id), "row": name(key, row),
                        "column": column_label(table_id, column),
                        "stated": "（未印出）" if stated is None else _fmt(stated), "expected": _fmt(expected)},
                        stated=stated, expected=expected, expected_desc=f"工作簿{table_label(table_id)}")
    names = {p.name: p for p in printed.t13_project_performance}
    for project in budget.t13_project_performance:
        other = names.get(project.name)
        for column in ("total", "current"):
            stated = other.record[column] if other is not None else None
            if stated != project.record[column]:
                yield finding("A-TAB-04", Place(heading="表13"), {
                    "table": "表13", "row": project.name,
                    "column": "项目总预算" if column == "total" else "项目当年预算",
                    "stated": "（未印出）" if stated is None else _fmt(stated),
                    "expected": _fmt(project.record[column])})



def audit_read_document(document, settings=None) -> AuditReport:
    """``juesuan audit`` of a 部门预算 document without its workbook: the tables read back by their titles are
    checked with the budget's table rules (B-T…, B-X…), the 情况说明 against them. Raises ``NotADocument``
    when the document is not a 部门预算 document."""
    from generator.audit.engine import NotADocument
    from generator.checks.engine import evaluate_rule

    from .document import budget_from_document, tables_of
    from .rules import RULES, BudgetContext, tables_read

    opening = "".join("".join(b.cells) for b in document.blocks[:15] if not b.is_row)
    if "预算" not in opening:
        raise NotADocument("文档开头（封面、标题）没有“预算”字样，不是部门预算公开文档。")
    budget = budget_from_document(document)
    if budget is None:
        raise NotADocument("未能识别为部门预算公开文档：没有找到任何部门预算公开表的标题。")
    report = audit_budget_document(document, budget, inputs_known=False)
    ctx = BudgetContext(budget)
    printed = tables_of(document.blocks)
    # a table printed without data: said once (A-TAB-02, unless the document states why); the rules that
    # read it are not applied, since every difference would have that one cause
    text_tables = ("t12", "t13")  # label | text tables: empty when they have no row at all
    empty = {t for t, rows in printed.items()
             if not (any(rows) if t in text_tables else any(_is_data(r) for r in rows[0]))}
    empty |= {t for t in W.TABLE_TITLES if t not in printed}
    table_findings = []
    for table in sorted(empty & set(printed), key=lambda t: int(t[1:].split("_")[0])):
        title, number = W.TABLE_TITLES[table]
        if not _states_why(document, title):
            table_findings.append(finding("A-TAB-02", Place(heading="第二部分"), {"table": number, "title": title}))
    for rule in RULES:
        # the inputs of the text are not printed in the document; a rule over an empty table says nothing
        if rule.id.startswith("B-S") or tables_read(rule) & empty:
            continue
        for f in evaluate_rule(rule, ctx):
            where = " ".join(p for p in (f.row, f.column) if p)
            table_findings.append(AuditFinding(f.rule_id, f.severity, f.title,
                                               (f"{f.table} {where}：" if where else "") + f.message, f.hint,
                                               Place(heading=f.table), stated=f.left, expected=f.right,
                                               expected_desc=f.table))
    return dataclasses.replace(report, findings=(*table_findings, *report.findings),
                               tables_checked=report.tables_found)


def _is_data(row: tuple[str, ...]) -> bool:
    return any("." in c and c.replace(",", "").replace(".", "").isdigit() for c in row)


_WHY = re.compile(r"本(?:单位|部门)(?:本年度)?(?:无|没有)|无数据|（无）")


def _states_why(document, title: str) -> bool:
    """The empty table's statement (说明：本单位无政府性基金。) within the few blocks after its title."""
    blocks = [("".join(b.cells)) for b in document.blocks]
    for i, text in enumerate(blocks):
        if text.strip() == title:
            return any(_WHY.search(t) for t in blocks[i + 1:i + 8])
    return False
