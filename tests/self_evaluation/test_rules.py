"""Each rule of the report by mutation: one cell changed → that rule's finding, with its sheet and cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.checks import INFO, rules_reference_markdown
from generator.document_kinds.self_evaluation.reader import read_report_with_problems
from generator.document_kinds.self_evaluation.rules import RULES, check_report
from generator.pipeline import check_workbook
from generator.workbook.problems import ERROR, WARNING

from .conftest import edit


def test_seed_002_passes_with_its_rounding_gap_as_information(tianxin_path):
    outcome = check_workbook(tianxin_path)
    assert outcome.kind.key == "self_evaluation" and outcome.ok and outcome.warning_count == 0
    infos = outcome.report.infos
    assert {f.rule_id for f in infos} == {"P-SUM-01", "P-ECON-01"} and len(outcome.report.findings) == 2
    gap = outcome.report.by_rule("P-SUM-01")[0]
    # 部门决算数 693.22 printed beside 基本 512.36 + 项目 180.87 = 693.23
    assert (gap.left, gap.right, gap.difference) == (Decimal("693.22"), Decimal("693.23"), Decimal("-0.01"))
    assert (gap.cell.sheet, gap.cell.address, gap.severity) == ("整体支出", "B6", INFO)


# rule, cell changed, new value, severity, (sheet, cell) of the finding
MUTATIONS = [
    ("P-SUM-01", ("整体支出", "C4"), "300", ERROR, ("整体支出", "B4")),  # 年初 基本 328.24 → 300
    ("P-SUM-01", ("整体支出", "B6"), "700", ERROR, ("整体支出", "B6")),
    ("P-SUM-02", ("整体支出", "C7"), "600", ERROR, ("整体支出", "C7")),  # 资产购置 基本 > 决算 基本
    ("P-SUM-03", ("整体支出", "E6"), "190", WARNING, ("整体支出", "E6")),  # 政府专项 > 项目支出 180.87
    ("P-3P-01", ("三公经费", "E4"), "5", ERROR, ("三公经费", "E4")),  # 预算 合计 1 → 5
    ("P-3P-01", ("三公经费", "B5"), "2", ERROR, ("三公经费", "E5")),  # 决算 因公出国 2, 合计 0
    ("P-ECON-01", ("支出明细", "D6"), "200", ERROR, ("整体支出", "B6")),  # 302 商品服务支出 124.77 → 200
    ("P-ECON-02", ("支出明细", "D11"), "100", ERROR, ("支出明细", "D10")),  # 30101 基本工资 → items > 301
    ("P-ECON-03", ("支出明细", "D20"), "200", ERROR, ("支出明细", "D20")),  # 项目 30399 > 项目支出 180.87
    ("P-OTH-01", ("机关运行经费和政府采购", "B3"), "600", WARNING, ("机关运行经费和政府采购", "B3")),
    ("P-OTH-02", ("机关运行经费和政府采购", "B4"), "800", WARNING, ("机关运行经费和政府采购", "B4")),
]


@pytest.mark.parametrize(("rule", "where", "value", "severity", "at"), MUTATIONS,
                         ids=[f"{m[0]}-{m[1][1]}" for m in MUTATIONS])
def test_a_changed_cell_breaks_its_rule(tianxin_path, tmp_path, rule, where, value, severity, at):
    path = edit(tianxin_path, tmp_path / "m.xlsx", {where: Decimal(value)})
    report, problems = read_report_with_problems(path)
    assert report is not None and not problems
    found = [f for f in check_report(report).findings if f.rule_id == rule and f.severity == severity]
    assert found, [str(f) for f in check_report(report).findings]
    assert (found[0].cell.sheet, found[0].cell.address) == at
    assert found[0].message and found[0].hint and found[0].title


def test_every_rule_is_exercised_by_a_mutation():
    assert {r.id for r in RULES} == {m[0] for m in MUTATIONS}


def test_a_row_stating_only_its_total_is_not_checked(tianxin_path, tmp_path):
    # 调整预算数 is blank in seed 002: its 支出合计 alone is not checked, its 基本支出 without the total is
    path = edit(tianxin_path, tmp_path / "adj.xlsx", {("整体支出", "B5"): Decimal("520")})
    report, _ = read_report_with_problems(path)
    assert not [f for f in check_report(report).findings if f.severity == ERROR]
    path = edit(tianxin_path, tmp_path / "adj2.xlsx", {("整体支出", "C5"): Decimal("520")})
    report, _ = read_report_with_problems(path)
    [found] = [f for f in check_report(report).findings if f.severity == ERROR]
    assert (found.rule_id, found.cell.address, found.left, found.right) == ("P-SUM-01", "B5", Decimal("0.00"),
                                                                           Decimal("520.00"))


def test_the_rules_are_in_the_catalogue():
    from generator.document_kinds import rule_catalogues

    text = rules_reference_markdown(kinds=rule_catalogues())
    for rule in RULES:
        assert f"### {rule.id} {rule.title}" in text
    assert "## 部门整体支出绩效自评报告：支出明细" in text
