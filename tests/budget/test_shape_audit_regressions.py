"""Budgets unlike the sample that the self-audit or `juesuan audit` got wrong (found by the budget shape sweep,
tests/shapes/test_budget_shapes.py): each a focused change of the sample."""

from __future__ import annotations

import dataclasses

from generator.audit import read_docx
from generator.document_kinds.budget import model as M
from generator.document_kinds.budget.audit import audit_read_document, audit_rendered
from generator.document_kinds.budget.reader import read_budget
from generator.document_kinds.budget.render import render_budget
from generator.model import ZERO

from .conftest import SAMPLE
from .test_shape_regressions import _with_lines


def test_tables_left_with_their_blank_total_row_pass_the_self_audit(tmp_path):
    """The blank workbook's 合计 row of 表9/表10/表11 left blank (no projects, nothing bought) is printed blank; the
    self-audit read that row back as a header and reported the 合计 “未印出”, so the build refused the document."""
    budget, _ = read_budget(SAMPLE)
    t9 = M.RecordTable("", (), M.Record({"name": "合计"}, {k: ZERO for k in ("total", "general_budget", "gov_fund",
                                                                            "other")}, {}))
    blank = M.RecordTable("", (), M.Record({"item": "合计"}, {"total": ZERO}, {}))
    changed = dataclasses.replace(budget, t9_project_expenditure=t9, t10_procurement=blank,
                                  t11_purchased_services=blank, t13_project_performance=())
    rendered = render_budget(changed, tmp_path)
    report = audit_rendered(rendered.docx.read_bytes(), changed)
    assert not report.findings, [str(f) for f in report.findings]


def test_state_capital_spending_is_not_a_contradiction_of_the_printed_table_1(tmp_path):
    """表1 of the 湖北 layout has no 国有资本经营预算 column: `juesuan audit` read each spending line with state
    capital as 合计 ≠ 一般公共预算 + 政府性基金预算 (B-T1-07). The 合计 beyond them is that unprinted column when
    the income side states 国有资本经营预算财政拨款; without it, the difference stays an error."""
    budget, _ = read_budget(SAMPLE)
    changed = _with_lines(budget, "t1", income__state_capital={"total": "30.00"},
                          income__income_total={"total": "4967.30"}, income__income_grand_total={"total": "4967.30"},
                          function__210={"total": "4318.55", "state_capital": "30.00"},
                          function__expenditure_total={"total": "4967.30", "state_capital": "30.00"},
                          function__expenditure_grand_total={"total": "4967.30", "state_capital": "30.00"},
                          category__project={"total": "915.44", "state_capital": "30.00"},
                          category__project_department={"total": "915.44", "state_capital": "30.00"})
    rendered = render_budget(changed, tmp_path)
    report = audit_read_document(read_docx(rendered.docx.read_bytes(), str(rendered.docx)))
    assert not {f.kind for f in report.findings if f.kind.startswith("B-T1")}, [str(f) for f in report.findings]
    without = _with_lines(changed, "t1", income__state_capital={"total": "0"},
                          income__general_budget={"total": "4967.30"})
    rendered = render_budget(without, tmp_path / "without")
    report = audit_read_document(read_docx(rendered.docx.read_bytes(), str(rendered.docx)))
    assert "B-T1-07" in {f.kind for f in report.findings}


def test_a_first_line_printed_blank_is_read_back_as_a_line(tmp_path):
    """A department without 一般公共预算 prints 表1's first line (一、一般公共预算财政拨款 | 201 … | 支出类别分类)
    without an amount: the self-audit took it, and every blank line after it, for the header and reported them
    “未印出”, refusing the build of a 政府性基金 / 国有资本经营预算 only department."""
    budget, _ = read_budget(SAMPLE)
    t1 = budget.t1_appropriation_summary
    lines = dict(t1.lines)
    lines["income.general_budget"] = dataclasses.replace(lines["income.general_budget"],
                                                         values={"total": ZERO}, blank=frozenset({"total"}))
    changed = dataclasses.replace(budget, t1_appropriation_summary=dataclasses.replace(t1, lines=lines))
    rendered = render_budget(changed, tmp_path)
    report = audit_rendered(rendered.docx.read_bytes(), changed)
    assert not report.findings, [str(f) for f in report.findings]
