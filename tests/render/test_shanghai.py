"""上海 specifics (issue 9 §3), read back from built documents and compared with the workbook.

Two-decimal shares in the text and the same shares in the charts (every layout); 全年预算 beside 年初预算 and
a stated 年初预算 合计 in 五（三）; the 十 self-evaluation summary stated by the department or computed from
the score tables, never an invented “0个”; a 上海 department without any optional input. Each variant is
built once per module (``build_workbook``: the build audits what it renders).
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx import Document

from generator.audit import audit_file
from generator.checks import run_checks
from generator.figures import compute_figures
from generator.model import BudgetTotal
from generator.pipeline import build_workbook
from generator.render.charts import build_pie_figure
from generator.render.context import build_context
from generator.render.settings import load_settings
from generator.workbook.reader import read_workbook, read_workbook_with_problems
from generator.workbook.template import write_workbook
from tests.conftest import ROOT

D = Decimal
DATA = ROOT / "sample_inputs" / "data"
CENT = D("0.01")
GB = "一般公共预算"
GB_DETAIL = "（三）一般公共预算财政拨款支出决算具体情况"
EIGHT = "八、政府性基金预算财政拨款收入支出决算情况说明"
NINE = "九、国有资本经营预算财政拨款收入支出决算情况说明"
TEN = "十、预算绩效管理情况"


def _load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _stated_total_a_cent_below(data: dict) -> dict:
    """The budget's own 合计, summed in 元, a cent below the sum of its rounded subjects (as real budgets are)."""
    data = copy.deepcopy(data)
    row = next(r for r in data["budget"] if r[0] == GB and r[2] == "合计")
    row[3] = str(D(row[3]) - CENT)
    return data


def _stated_summary_without_tables(data: dict) -> dict:
    """No project score table; the department states its whole self-evaluation summary."""
    data = copy.deepcopy(data)
    data["evaluations"] = [e for e in data["evaluations"] if e["is_department"]]
    data["performance_management"].update({
        "self_evaluated": 5, "self_evaluated_amount": "1520.40", "self_evaluated_average_score": "88.6",
        "self_evaluated_grade_1": 2, "self_evaluated_grade_2": 2, "self_evaluated_grade_3": 0,
        "self_evaluated_grade_4": 0})  # one project not scored: 已评分的4个项目
    return data


def _minimal(data: dict) -> dict:
    """A 上海 department with none of the optional inputs: no 表9, no 三公, no 全年预算 and no 合计 row, no score
    tables and no stated summary (洪山区医疗保障局's tables, which have none of them, in the 上海 form)."""
    data = copy.deepcopy(data)
    data["info"].update(layout="上海", name="上海市示例医疗保障事务中心")
    data["info"].pop("documents", None)  # the final accounts only (hongshan also asks for its 自评报告)
    for table in ("t1", "t4"):  # lines of the 湖北 form that the 上海 form does not have (all 0.00 here)
        data[table]["right"] = [r for r in data[table]["right"] if "债务" not in r[0]]
    data["evaluations"] = []
    data["reasons"]["performance_management"] = ""
    # 年初预算 by 项, as 上海 details it (the sample gives its classes only)
    items = {"2080505": "29.60", "2101101": "10.73", "2101199": "1.09", "2101301": "350.00", "2101501": "215.98",
             "2101502": "100.00", "2101505": "30.46"}
    reasons = {r[1]: r[5] for r in data["budget"]}
    data["budget"] = [r for r in data["budget"] if len(r[1]) == 3]
    data["budget"] += [[GB, code, next(t[1] for t in data["t5"] if t[0] == code), amount, "", reasons[code[:3]]]
                       for code, amount in items.items()]
    return data


VARIANTS = {
    "full": lambda: _load("example_full"),
    "stated_total": lambda: _stated_total_a_cent_below(_load("example_full")),
    "stated_summary": lambda: _stated_summary_without_tables(_load("example_full")),
    "minimal": lambda: _minimal(_load("hongshan_2021")),
}


class Built:
    def __init__(self, workbook: Path, outcome) -> None:
        self.workbook = workbook
        self.outcome = outcome
        self.accounts = read_workbook(workbook)
        self.paragraphs = [p.text for p in Document(str(outcome.document)).paragraphs]

    def section(self, heading: str) -> str:
        """The paragraphs after the heading that starts with ``heading`` (its last occurrence: the 目录 lists it
        first), up to the next numbered heading."""
        start = max(i for i, t in enumerate(self.paragraphs) if t.startswith(heading) and len(t) < 40)
        out = []
        for text in self.paragraphs[start + 1:]:
            if re.match(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)", text) and len(text) < 40:
                break
            out.append(text)
        return "\n".join(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("shanghai")
    out = {}
    for name, make in VARIANTS.items():
        workbook = folder / f"{name}.xlsx"
        write_workbook(workbook, make())
        outcome = build_workbook(workbook, folder / "out" / name)
        assert outcome.document is not None and not outcome.draft, (name, outcome.check)
        out[name] = Built(workbook, outcome)
    return out


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def _serious(report) -> list[str]:
    return [str(f) for f in report.findings if f.severity in ("错误", "警告")]


# ------------------------------------------------------------------------------------------- percentages


def test_shares_print_two_decimals_and_add_up_to_100(built):
    b = built["full"]
    t1, t3 = b.accounts.t1_income_expenditure_summary, b.accounts.t3_expenditure
    income = {"财政拨款收入": sum((t1.amount(k) for k in ("inc_general_budget", "inc_gov_fund", "inc_state_capital")),
                                D(0)),
              "事业收入": t1.amount("inc_business"), "其他收入": t1.amount("inc_other")}
    spending = {"基本支出": t3.total["basic"], "项目支出": t3.total["project"], "经营支出": t3.total["operating"]}
    for heading, whole, parts in (("二、收入决算情况说明", t1.amount("income_total"), income),
                                  ("三、支出决算情况说明", t3.total["total"], spending)):
        text = b.section(heading)
        printed = [D(x) for x in re.findall(r"占(\d+\.\d+)%", text)]
        assert printed and all(len(str(x).split(".")[1]) == 2 for x in printed), text
        assert sum(printed) == D("100.00")
        for name, amount in parts.items():
            share = D(re.search(name + money(amount) + r"万元，占(\d+\.\d\d)%", text).group(1))
            assert abs(share - amount * 100 / whole) < CENT, (name, share)


@pytest.mark.parametrize("name", ["hongshan", "anhua", "example_full"])
def test_pie_labels_are_the_shares_the_text_prints(name, rendered):
    """图2/图3 print each part's share as the text does, with the same precision (98.61%, not 98.6%)."""
    r = rendered[name]
    context = build_context(r.accounts, r.figures, r.settings)
    text = r.text()
    for chart in (context.charts.income, context.charts.expenditure):
        labels = [t.get_text() for t in build_pie_figure(chart.spec).findobj(lambda a: hasattr(a, "get_text"))
                  if re.search(r"\d%$", t.get_text())]
        assert labels, chart.title
        for label in labels:
            part, share = re.fullmatch(r"(.+) (\d+(?:\.\d+)?)%", label).groups()
            assert len(share.split(".")[1] if "." in share else "") == r.settings.percent_decimals, label
            sentence = re.escape(part) + r"[\d.]+万元，占(?:本年收入|本年支出)?" + re.escape(share) + "%"
            assert re.search(sentence, text), label


# ------------------------------------------------------------------------------------------- 五（三）budgets


def _lines(accounts, fund: str) -> dict[str, object]:
    return {ln.code: ln for ln in accounts.budget if ln.fund == fund}


def test_items_quote_the_workbooks_initial_and_full_year_budgets(built):
    b = built["full"]
    a = b.accounts
    for heading, fund, table in ((GB_DETAIL, GB, a.t5_general_budget_expenditure),
                                 (EIGHT, "政府性基金预算", a.t8_government_fund),
                                 (NINE, "国有资本经营预算", a.t9_state_capital)):
        text = b.section(heading)
        lines = _lines(a, fund)
        items = [r for r in table.rows if len(r.code) == 7]
        assert items
        for row in items:
            line = lines[row.code]
            quoted = f"{row.name}（项）。主要用于：{line.use.rstrip('。')}。年初预算为{money(line.budget)}万元，"
            if line.full_year is not None:
                quoted += f"全年预算为{money(line.full_year)}万元，"
            quoted += f"支出决算为{money(row['total'])}万元。"
            assert quoted in text
            if row["total"] != line.budget:
                verb = "大于" if row["total"] > line.budget else "小于"
                assert quoted + f"决算数{verb}{'年初' if line.full_year is not None else ''}预算数" in text
        assert ("全年预算" in text) == any(ln.full_year is not None for ln in lines.values())


def test_the_stated_total_is_printed_as_stated(built):
    for name in ("full", "stated_total"):
        b = built[name]
        stated = b.accounts.budget_total(GB)
        assert isinstance(stated, BudgetTotal) and stated.budget is not None and stated.full_year is not None
        classes = sum((ln.budget for ln in b.accounts.budget if ln.fund == GB and len(ln.code) == 3), D(0))
        actual = b.accounts.t5_general_budget_expenditure.total["total"]
        rate = (actual * 100 / stated.budget).quantize(CENT, rounding=ROUND_HALF_UP)
        lead = (f"一般公共预算财政拨款支出年初预算为{money(stated.budget)}万元，"
                f"全年预算为{money(stated.full_year)}万元，支出决算为{money(actual)}万元，完成年初预算的{rate}%。")
        assert lead in b.section(GB_DETAIL)
        findings = run_checks(b.accounts).by_rule("S-BUDG-05")
        if name == "full":
            assert stated.budget == classes and not findings
        else:  # a cent of rounding: printed as the department states it, reported as a note, not an error
            assert stated.budget == classes - CENT
            assert [f.severity for f in findings] == ["提示"]
            assert not b.outcome.audit.has_errors


# ------------------------------------------------------------------------------------------- 十 summary


def _total_score(e) -> Decimal:
    execution = min((e.execution_weight * e.executed / e.budget).quantize(CENT, rounding=ROUND_HALF_UP),
                    e.execution_weight)
    return execution + e.goal_score + sum((i.score for i in e.indicators), D(0))


SHANGHAI_SCALE = (("优", 90), ("良", 80), ("合格", 60), ("不合格", 0))  # the official template's grades


def _summary_sentence(count, amount, average, grades, scored=None) -> str:
    text = f"绩效自评的2024年度项目{count}个，涉及预算金额{money(amount)}万元"
    if average is not None:
        number = f"{average.normalize():f}"
        text += f"，{'' if scored is None else f'已评分的{scored}个项目'}平均得分{number}分（其中，" + "；".join(
            f"绩效评级为“{label}”的项目{n}个" for label, n in grades) + "）"
    return text + "。"


def test_summary_counts_stated_and_scores_from_the_tables(built):
    b = built["full"]
    pm = b.accounts.performance_management
    projects = b.accounts.project_evaluations
    scores = [_total_score(e) for e in projects]
    grades = [(label, sum(1 for s in scores if s >= low and all(s < m for _, m in SHANGHAI_SCALE if m > low)))
              for label, low in SHANGHAI_SCALE]
    average = (sum(scores, D(0)) / len(scores)).quantize(CENT, rounding=ROUND_HALF_UP)
    assert pm.self_evaluated == len(projects) and pm.self_evaluated_average_score is None
    text = b.section(TEN)
    assert _summary_sentence(pm.self_evaluated, pm.self_evaluated_amount, average, grades) in text
    assert "附件 绩效自评表" in b.paragraphs


def test_summary_stated_without_score_tables(built):
    b = built["stated_summary"]
    pm = b.accounts.performance_management
    assert not b.accounts.project_evaluations
    grades = [(label, n) for (label, _), n in zip(SHANGHAI_SCALE, pm.self_evaluated_grades, strict=True)]
    assert _summary_sentence(5, D("1520.40"), D("88.6"), grades, scored=4) in b.section(TEN)
    assert not any("项目支出绩效自评表" in t for t in b.paragraphs)
    assert not _serious(b.outcome.audit)
    assert not _serious(audit_file(b.outcome.document))


def test_a_department_without_any_optional_input_builds_a_consistent_document(built):
    b = built["minimal"]
    a = b.accounts
    assert a.t9_state_capital.is_empty and a.t7_three_public.actual.is_zero() and not a.budget_totals
    assert not a.evaluations and a.performance_management.self_evaluated is None
    assert not _serious(b.outcome.audit)
    assert not _serious(audit_file(b.outcome.document))  # read back without the workbook
    name, year = a.info.name, a.info.year
    assert f"{name}{year}年度无国有资本经营预算财政拨款收入和支出。" in b.section(NINE)
    assert f"{name}{year}年度无“三公”经费财政拨款支出。" in b.section("七、财政拨款“三公”经费支出决算情况说明")
    assert "全年预算" not in "\n".join(b.paragraphs)
    ten = b.section(TEN)
    # 编报绩效目标 projects are reported, the self-evaluated ones are not known: no invented “0个”
    assert f"编报绩效目标的{year}年度项目{a.performance_management.projects_with_goals}个" in ten
    assert "绩效自评的" not in ten and "项目0个" not in ten
    assert [f.severity for f in run_checks(a).by_rule("S-PERF-12")] == ["警告"]
    gb = a.t5_general_budget_expenditure.total["total"]
    budget = sum((ln.budget for ln in a.budget if len(ln.code) == 3), D(0))
    assert f"年初预算为{money(budget)}万元，支出决算为{money(gb)}万元" in b.section(GB_DETAIL)


# ------------------------------------------------------------------------------------------- the self-audit


def _template_with(tmp_path: Path, old: str, new: str) -> Path:
    source = ROOT / "templates" / "shanghai" / "document.docx"
    target = tmp_path / "template.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new).encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize(("old", "new", "kind"), [
    ("{{ b.full_year|money }}", "{{ b.completion.budget|money }}", "A-BUD-01"),  # 全年预算 printed as 年初预算
    ("{{ figures.performance.summary.count }}", "{{ performance_management.projects_with_goals }}", "A-PERF-03"),
])
def test_a_template_printing_the_wrong_budget_or_summary_cannot_publish(built, tmp_path, old, new, kind):
    outcome = build_workbook(built["full"].workbook, tmp_path / "out", template=_template_with(tmp_path, old, new))
    assert outcome.document is None and outcome.contradicts
    assert kind in {f.kind for f in outcome.audit.errors}


# ------------------------------------------------------------------------------------------- the workbook


def test_blank_workbook_offers_the_new_inputs(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    accounts, problems = read_workbook_with_problems(path)
    assert accounts is not None
    assert accounts.budget_totals == (BudgetTotal(GB, None, None, accounts.budget_totals[0].cell,
                                                  accounts.budget_totals[0].full_year_cell),)
    assert not [p for p in problems if p.cell is not None and p.cell.sheet == "年初预算"]
    assert "performance_management.self_evaluated_average_score" in accounts.field_cells
    # blank, so not stated: the document computes the summary from the score tables
    assert accounts.performance_management.self_evaluated is None


def test_a_workbook_without_the_full_year_column_still_reads(built, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(built["full"].workbook)
    ws = wb["年初预算"]
    column = next(c.column for c in ws[3] if c.value == "全年预算数")
    ws.delete_cols(column)
    path = tmp_path / "older.xlsx"
    wb.save(path)
    accounts = read_workbook(path)
    assert accounts.budget and all(ln.full_year is None for ln in accounts.budget)
    assert accounts.budget_total(GB).full_year is None
    figures = compute_figures(accounts, percent_decimals=load_settings("上海").percent_decimals)
    assert figures.general_budget.full_year_budget is None
    assert all(b.full_year is None for b in figures.general_budget.by_item)
