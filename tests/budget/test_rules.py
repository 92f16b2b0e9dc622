"""The budget's rules: the sample passes, and each rule reports a changed cell of the sample (mutation)."""

from __future__ import annotations

import string
from typing import Any

import pytest

from generator.catalog.bureau import SubjectCatalogue
from generator.checks.reference import rules_reference_markdown
from generator.document_kinds import rule_catalogues
from generator.document_kinds.budget import workbook as W
from generator.document_kinds.budget.reader import read_budget
from generator.document_kinds.budget.rules import RULES, RULES_BY_ID, check_budget
from generator.pipeline import check_workbook
from tests.checks.test_catalogue import DOCS

from .conftest import SAMPLE, find_column, find_row

T1, T2, T3, T4, T5, T6 = (s.sheet for s in (W.T1, W.T2, W.T3, W.T4, W.T5, W.T6))
T7, T8, T9, T10, T11, T13 = (s.sheet for s in (W.T7, W.T8, W.T9, W.T10, W.T11, W.T13))
OTHER, NARRATIVE = W.OTHER.sheet, W.NARRATIVE.sheet

# rule id → the cells changed: (sheet, row label (column A), column header, new value); the finding must be on
# the sheet of the first change
MUTATIONS: dict[str, list[tuple[str, str, str, Any]]] = {
    "B-T1-01": [(T1, "本年收入合计", "合计", 4900)],
    "B-T1-02": [(T1, "（一）一般公共预算结余结转", "合计", 5)],
    "B-T1-03": [(T1, "收入总计", "合计", 4937.40)],
    "B-T1-04": [(T1, "210 卫生健康支出", "一般公共预算", 4288.65)],
    "B-T1-05": [(T1, "支出总计", "合计", 4937.50)],
    "B-T1-06": [(T1, "上年结转", "合计", 10), (T1, "（一）一般公共预算结余结转", "合计", 10),
                (T1, "收入总计", "合计", 4947.30)],
    "B-T1-07": [(T1, "221 住房保障支出", "政府性基金预算", 1)],
    "B-T1-08": [(T1, "工资福利支出", "合计", 3299.90)],
    "B-T1-09": [(T1, "301 工资福利支出", "合计", 100)],
    "B-T2-01": [(T2, "2101501", "总计", 2941.74)],
    "B-T2-02": [(T2, "2101599", "基本支出", 61.94)],
    "B-T3-01": [(T3, "30201", "小计", 400.33)],
    "B-T3-02": [(T3, "30199", "人员经费", 133.73)],
    "B-T3-03": [(T3, "合计", "人员经费", 3384.94)],
    "B-T3-04": [(T3, "合计", "公用经费", 667.12)],
    "B-T4-01": [(T4, "合计", "公务接待费", 1.95)],
    "B-T4-02": [(T4, "2101501", "“三公”经费合计", 4.94)],
    "B-T4-03": [(T4, "2101501", "小计", 3.94)],  # as seed 003 prints it: 小计 3.94 beside 运行维护费 2.99
    "B-T5-01": [(T5, "合计", "总计", 10)],
    "B-T5-02": [(T5, "合计", "基本支出", 5)],
    "B-T6-01": [(T6, "八、其他收入", "预算数", 1)],
    "B-T6-02": [(T6, "上年结转", "预算数", 1)],
    "B-T6-03": [(T6, "208 社会保障和就业支出", "预算数", 261.33)],
    "B-T6-04": [(T6, "结转下年", "预算数", 1)],
    "B-T6-05": [(T6, "用事业基金弥补收支差额", "预算数", 10), (T6, "收入总计", "预算数", 4947.30)],
    "B-T6-06": [(T6, "（一）部门项目", "预算数", 885.54)],
    "B-T7-01": [(T7, "737002", "总计", 4937.40)],
    "B-T7-02": [(T7, "合计", "事业收入", 1)],
    "B-T8-01": [(T8, "737002", "基本支出", 4051.96)],
    "B-T8-02": [(T8, "合计", "项目支出", 885.54)],
    "B-T9-01": [(T9, "聘用人员经费", "合计", 278.95)],
    "B-T9-02": [(T9, "聘用人员经费", "其他资金", 1)],
    "B-T10-01": [(T10, "医疗保险审核稽核服务", "金额", 397)],
    "B-T11-01": [(T11, "印刷费", "金额", 13)],
    "B-T13-01": [(T13, "聘用人员经费", "资金来源：财政拨款收入", 270)],
    "B-T13-02": [(W.T13_DETAILS.sheet, "档案托管费", "金额", 64.08)],
    "B-E-01": [(T1, "收入总计", "合计", None), (T1, "收入总计", "一般公共预算", None),
               (T6, "收入总计", "预算数", None)],
    "B-X-01": [(T1, "一、一般公共预算财政拨款", "合计", 4937.40)],
    "B-X-02": [(T2, "210", "总计", 4288.65)],
    "B-X-03": [(T3, "合计", "小计", 4051.96)],
    "B-X-04": [(T3, "302", "小计", 667.12)],
    "B-X-05": [(T3, "30217", "小计", 1.95), (T3, "30217", "公用经费", 1.95)],
    "B-X-06": [(T6, "一、一般公共预算财政拨款", "预算数", 4937.40)],
    "B-X-07": [(T5, "合计", "总计", 10)],
    "B-X-08": [(T7, "合计", "一般公共预算拨款收入", 4937.40)],
    "B-X-09": [(T8, "合计", "总计", 4937.40)],
    "B-X-10": [(T9, "合计", "合计", 885.54)],
    "B-X-11": [(T9, "聘用人员经费", "功能科目编码", "2101501")],
    "B-X-12": [(T10, "医疗保险审核稽核服务", "金额", 400)],
    "B-X-13": [(T10, "文件、资料、表格印刷", "支出类型", "基本支出"), (T10, "文件、资料、表格印刷", "金额", 700)],
    "B-X-14": [(T11, "印刷费", "金额", 200)],
    "B-X-15": [(T11, "印刷费", "支出类型", "基本支出"), (T11, "印刷费", "金额", 700)],
    "B-X-16": [(T13, "聘用人员经费", "项目名称", "聘用人员经费（改）")],
    "B-X-17": [(T13, "聘用人员经费", "项目当年预算", 280)],
    "B-C-01": [(T2, "210", "功能科目名称", "教育支出")],
    "B-C-02": [(T2, "2101599", "功能科目编码", "2101598")],  # a code the catalogue does not have
    "B-S-01": [(OTHER, "机关运行经费", "内容", 600)],
    "B-S-02": [(OTHER, "优先保障优秀项目金额（万元）", "内容", 900)],
    "B-S-03": [(NARRATIVE, "上年因公出国（境）费预算", "内容", 1)],
    "B-S-04": [(NARRATIVE, "上年收支总预算", "内容", None)],
    "B-S-05": [(NARRATIVE, "一般公共预算增减原因", "内容", None)],
    "B-S-06": [(NARRATIVE, "上年收支总预算", "内容", None)],  # its reason stays filled
}


# where the finding points when it is not the changed sheet: a typo in a 支出明细 is reported at the project's
# 项目当年预算 that the details must add up to
FINDING_SHEET = {"B-T13-02": T13}


def _catalogue() -> SubjectCatalogue:
    """The bureau's subject list of the sample's year: every code of the sample's 表2 under its name."""
    budget, _ = read_budget(SAMPLE)
    return SubjectCatalogue("科目表.xlsx", {r.code: r.name for r in budget.t2_general_budget_expenditure.rows})


def _apply(wb, changes):
    for sheet, label, header, value in changes:
        ws = wb[sheet]
        ws.cell(find_row(ws, label), find_column(ws, header)).value = value


def test_the_sample_passes_every_rule():
    budget, problems = read_budget(SAMPLE)
    assert problems == ()
    report = check_budget(budget, catalogue=_catalogue())
    assert report.findings == (), [str(f) for f in report.findings]
    outcome = check_workbook(SAMPLE)  # the pipeline chooses the budget's reader and rules by 文档类型
    assert outcome.kind.key == "budget" and outcome.ok and outcome.report.findings == ()


def test_every_rule_has_a_mutation():
    assert set(MUTATIONS) == set(RULES_BY_ID)


@pytest.mark.parametrize("rule_id", sorted(MUTATIONS))
def test_a_changed_cell_is_reported_by_its_rule_with_sheet_and_cell(rule_id, mutate):
    changes = MUTATIONS[rule_id]
    budget, _ = read_budget(mutate(lambda wb: _apply(wb, changes)))
    found = check_budget(budget, catalogue=_catalogue()).by_rule(rule_id)
    assert found, f"{rule_id} did not report {changes}"
    rule = RULES_BY_ID[rule_id]
    assert all(f.severity in (rule.severity, "提示") for f in found)
    serious = [f for f in found if f.severity == rule.severity]
    assert serious, [str(f) for f in found]
    finding = serious[0]
    assert finding.cell is not None and finding.cell.address[0].isalpha()
    sheets = {finding.cell.sheet} | ({finding.other_cell.sheet} if finding.other_cell else set())
    expected = FINDING_SHEET.get(rule_id, changes[0][0])
    assert expected in sheets or rule_id.startswith(("B-X", "B-S")), str(finding)
    text = str(finding)
    assert rule_id in text and "工作表「" in text and "单元格" in text


def test_a_typo_in_a_total_names_the_total_cell(mutate):
    """The 合计 of 表2 typed 4937.03: the finding points at that cell."""
    budget, _ = read_budget(mutate(lambda wb: _apply(wb, [(T2, "合计", "总计", 4937.03)])))
    found = check_budget(budget).by_rule("B-T2-01")
    wb_row = find_row(__import__("openpyxl").load_workbook(SAMPLE)[T2], "合计", 2)
    assert any(f.cell.sheet == T2 and f.cell.address == f"E{wb_row}" for f in found), [str(f) for f in found]


def test_rule_templates_use_only_the_blanks_their_checks_offer():
    for rule in RULES:
        used = {name for _, name, _, _ in string.Formatter().parse(rule.template) if name}
        for check in rule.checks:
            assert used <= set(check.blanks), f"{rule.id}: {used - set(check.blanks)}"


def test_the_catalogue_lists_the_budget_rules_under_their_own_heading():
    text = rules_reference_markdown(kinds=rule_catalogues())
    assert "## 部门预算的规则" in text
    for rule in RULES:
        assert f"### {rule.id} {rule.title}" in text
        for check in rule.checks:
            assert check.describe() in text
    assert DOCS.read_text(encoding="utf-8") == text
