"""The budget document for departments unlike the sample: no prior-year budget, government funds, state
capital, nothing bought — each worded by the template, and each read back clean by the self-audit."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from docx import Document

from generator.audit.run import audit_one
from generator.document_kinds.budget import model as M
from generator.document_kinds.budget import workbook as W
from generator.document_kinds.budget.audit import audit_rendered
from generator.document_kinds.budget.reader import read_budget
from generator.document_kinds.budget.render import render_budget
from generator.document_kinds.budget.rules import check_budget
from generator.model import Line, SubjectTable
from generator.pipeline import build_workbook

from .conftest import SAMPLE, find_row

PRIORS = ("上年收支总预算", "上年一般公共预算支出预算", "上年“三公”经费预算")


def _text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_a_new_department_without_last_years_budget(mutate, tmp_path):
    def change(wb):
        ws = wb[W.NARRATIVE.sheet]
        for label in PRIORS:
            ws.cell(find_row(ws, label), 2).value = None

    path = mutate(change)
    outcome = build_workbook(path, tmp_path)
    assert outcome.document is not None and not outcome.audit.findings
    warnings = outcome.check.report.by_rule("B-S-04")
    assert len(warnings) == 3 and all(w.severity == "警告" for w in warnings)
    text = _text(outcome.document)
    assert "本年预算4937.30万元，无上年预算可比；" in text
    assert "2021年收支总预算4937.30万元，无上年预算可比。" in text
    assert "“三公”经费支出预算3.94万元，无上年可比。" in text
    assert "比2020年" not in text
    # the sample's reasons (“主要是项目支出减少”) stay in the workbook: beside “无上年预算可比” they would contradict
    # the sentence, so they are left out and each is reported
    assert "减少" not in text.split("具体安排情况如下")[0].split("一般公共预算支出预算")[-1]
    assert len(outcome.check.report.by_rule("B-S-06")) == 3


def _set(line: Line, **values: str) -> Line:
    amounts = {k: Decimal(v) for k, v in values.items()}
    return dataclasses.replace(line, values={**line.values, **amounts}, blank=line.blank - set(amounts))


def test_government_funds_and_state_capital_are_worded_and_audited(tmp_path):
    budget, _ = read_budget(SAMPLE)
    t1 = budget.t1_appropriation_summary
    lines = dict(t1.lines)
    lines["income.gov_fund"] = _set(lines["income.gov_fund"], total="120.50")
    lines["income.state_capital"] = _set(lines["income.state_capital"], total="30.00")
    row = Line("2120801", "2120801", "征地和拆迁补偿支出", {"total": Decimal("120.50"), "basic": Decimal("0.00"),
                                                     "project": Decimal("120.50")}, {})
    t5 = SubjectTable(budget.t5_government_fund.sheet, ("total", "basic", "project"),
                      _set(budget.t5_government_fund.total, total="120.50", project="120.50"), (row,))
    changed = dataclasses.replace(budget, t1_appropriation_summary=dataclasses.replace(t1, lines=lines),
                                  t5_government_fund=t5)
    rendered = render_budget(changed, tmp_path)
    report = audit_rendered(rendered.docx.read_bytes(), changed)
    assert not report.findings, [str(f) for f in report.findings]
    text = _text(rendered.docx)
    assert "2021年政府性基金预算支出120.50万元。" in text
    assert "2021年国有资本经营预算支出30.00万元。" in text
    assert "政府性基金预算财政拨款本年收入120.50万元" in text
    assert "说明：本单位无政府性基金预算支出。" not in text
    # the tables no longer reconcile: the rules say where
    found = {f.rule_id for f in check_budget(changed).findings}
    assert {"B-T1-01", "B-X-06"} <= found and "B-X-07" not in found  # 表5 = 表1 政府性基金 holds


def test_state_capital_spending_includes_its_carryover(tmp_path):
    """六 states what the 国有资本经营预算 spends: this year's income and last year's carryover."""
    budget, _ = read_budget(SAMPLE)
    t1 = budget.t1_appropriation_summary
    lines = dict(t1.lines)
    lines["income.state_capital"] = _set(lines["income.state_capital"], total="30.00")
    lines["income.carryover_state_capital"] = _set(lines["income.carryover_state_capital"], total="12.40")
    changed = dataclasses.replace(budget, t1_appropriation_summary=dataclasses.replace(t1, lines=lines))
    rendered = render_budget(changed, tmp_path)
    assert "2021年国有资本经营预算支出42.40万元。" in _text(rendered.docx)
    assert not audit_rendered(rendered.docx.read_bytes(), changed).findings


def test_nothing_bought_and_no_projects(tmp_path):
    budget, _ = read_budget(SAMPLE)
    empty = M.RecordTable("", (), None)
    changed = dataclasses.replace(budget, t10_procurement=empty, t11_purchased_services=empty,
                                  t9_project_expenditure=empty, t13_project_performance=())
    rendered = render_budget(changed, tmp_path)
    report = audit_rendered(rendered.docx.read_bytes(), changed)
    assert not report.findings, [str(f) for f in report.findings]
    text = _text(rendered.docx)
    assert "2021年政府采购预算支出合计0.00万元。" in text
    assert "2021年政府购买服务预算支出合计0.00万元。" in text
    assert "设置了整体支出绩效目标、0个一级项目支出绩效目标、0个二级项目支出绩效目标。" in text
    # each empty table says so below it, as the auditor asks of any published document (A-TAB-02)
    for said in ("没有项目支出预算，故本表无数据", "没有政府采购预算，故本表无数据",
                 "没有政府购买服务预算，故本表无数据"):
        assert said in text, said
    assert "“三公”经费支出预算，故本表无数据" not in text  # 表4 has its 3.94
    published = audit_one(rendered.docx, None).report
    assert published is not None and not published.by_kind("A-TAB-02"), [str(f) for f in published.findings]


def test_no_three_public_spending_says_so_below_table_4(tmp_path):
    budget, _ = read_budget(SAMPLE)
    t4 = budget.t4_three_public
    zero = {k: Decimal("0.00") for k in ("total", "outbound", "vehicle_total", "vehicle_purchase",
                                         "vehicle_operation", "reception")}
    changed = dataclasses.replace(budget, t4_three_public=dataclasses.replace(
        t4, total=_set(t4.total, **{k: str(v) for k, v in zero.items()}), rows=()))
    rendered = render_budget(changed, tmp_path)
    text = _text(rendered.docx)
    assert "说明：本单位本年度没有一般公共预算“三公”经费支出预算，故本表无数据。" in text
    assert not audit_one(rendered.docx, None).report.by_kind("A-TAB-02")


def test_the_self_audit_catches_a_figure_that_contradicts_the_tables(tmp_path):
    budget, _ = read_budget(SAMPLE)
    rendered = render_budget(budget, tmp_path)
    t3 = budget.t3_general_budget_basic_expenditure
    other = dataclasses.replace(budget, t3_general_budget_basic_expenditure=dataclasses.replace(
        t3, total=_set(t3.total, personnel="3384.85")))
    report = audit_rendered(rendered.docx.read_bytes(), other)
    assert {f.kind for f in report.errors} == {"A-AMT-01", "A-TAB-04"}  # the text, and 表3 as printed
    assert any(f.kind == "A-AMT-01" and "人员经费" in f.message and "3,384.85" in f.message for f in report.errors)


def test_the_self_audit_checks_each_three_public_item_against_its_own_prior(tmp_path):
    budget, _ = read_budget(SAMPLE)
    priors = dataclasses.replace(budget.narrative, prior_outbound=Decimal("0.00"), prior_vehicle=Decimal("2.99"),
                                 prior_reception=Decimal("1.16"))
    printed = dataclasses.replace(budget, narrative=priors)
    rendered = render_budget(printed, tmp_path)
    text = _text(rendered.docx)
    assert "公务接待费0.95万元，比2020年减少0.21万元" in text and "运行维护费2.99万元），与2020年持平" in text
    assert not audit_rendered(rendered.docx.read_bytes(), printed).findings
    other = dataclasses.replace(budget, narrative=dataclasses.replace(priors, prior_reception=Decimal("1.20"),
                                                                      prior_vehicle=Decimal("3.00")))
    errors = audit_rendered(rendered.docx.read_bytes(), other).errors
    assert {f.kind for f in errors} == {"A-AMT-01", "A-PCT-02"}
    assert any("公务接待费" in f.message for f in errors) and any("持平" in f.message for f in errors)
