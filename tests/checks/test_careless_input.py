"""Careless workbooks, made at test time from the bundled samples: each gives a finding that names its
sheet and cell, one cause is reported once, and the document written from it (as a draft when it has
errors) does not contradict itself."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator.checks import run_checks
from generator.checks.tables import lines_of
from generator.pipeline import build_workbook
from generator.workbook.problems import ERROR
from generator.workbook.reader import read_workbook, read_workbook_with_problems

from .conftest import Editor, Workbooks


def _text(docx: Path) -> str:
    document = Document(str(docx))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _build(path: Path, root: Path) -> str:
    result = build_workbook(path, root, force=True)
    assert result.document is not None, [str(p) for p in result.check.read_problems]
    return _text(result.document)


def _section(text: str, start: str, end: str) -> str:
    """From the heading ``start`` (its last occurrence: the first is in the 目录) to ``end``."""
    at = text.rindex(start)
    return text[at:text.index(end, at)]


# ----------------------------------------------------------------------------------- one cause, one error


def test_an_empty_required_table_is_one_error(workbooks: Workbooks, tmp_path: Path) -> None:
    path, _ = workbooks.mutate("example_full", lambda e: e.clear_table("t3"))
    report = run_checks(read_workbook(path))
    assert [f.rule_id for f in report.errors] == ["E-01"], [str(f) for f in report.errors]
    finding = report.errors[0]
    assert finding.cell is not None and finding.cell.sheet == "表3 支出决算表"
    assert "表3" in finding.message and "没有填写" in finding.message
    assert not any("按 0 计" in f.message for f in report.findings)
    text = _build(path, tmp_path)  # a forced draft: the empty list is not introduced by “其中：”
    assert "其中：。" not in text
    assert "本年支出合计0.00万元。" in text


@pytest.mark.parametrize("table", ["t3", "t7", "t5"])
def test_a_table_typed_in_yuan_is_one_error_naming_the_table(table: str, workbooks: Workbooks) -> None:
    path, _ = workbooks.mutate("example_full", lambda e: e.scale_table(table, "10000"), name=f"yuan_{table}")
    report = run_checks(read_workbook(path))
    label = "表" + table[1]
    assert [f.rule_id for f in report.errors] == ["E-03"], [str(f) for f in report.errors]
    assert report.errors[0].table == label and report.errors[0].cell is not None
    assert "元为单位" in report.errors[0].message


def test_amount_unit_yuan_is_reported_once(workbooks: Workbooks) -> None:
    path, editor = workbooks.mutate("hongshan_2021", lambda e: e.put_field("info.amount_unit", "元"))
    report = run_checks(read_workbook(path))
    assert [(f.rule_id, f.cell) for f in report.errors] == [("E-02", editor.field("info.amount_unit"))]
    assert "“元”" in report.errors[0].message


def test_excel_error_values_name_their_cell(workbooks: Workbooks) -> None:
    def edit(e: Editor) -> None:
        e._put(e.cell("t7", "actual", "reception"), "#N/A")
        e.rename("t3", "2070108", "#REF!")

    path, editor = workbooks.mutate("example_full", edit)
    accounts, problems = read_workbook_with_problems(path)
    errors = [p for p in problems if p.severity == ERROR]
    assert [(p.kind.id, p.cell) for p in errors] == [("excel-error", editor.cell("t7", "actual", "reception"))]
    assert "#N/A" in errors[0].message
    assert accounts is not None
    w04 = run_checks(accounts).by_rule("W-04")
    assert [f.code for f in w04] == ["2070108"] and w04[0].cell.sheet == "表3 支出决算表"


def test_negative_three_public_amounts_are_errors_and_never_printed_as_a_rate(workbooks: Workbooks,
                                                                              tmp_path: Path) -> None:
    def edit(e: Editor) -> None:
        for column in ("reception", "total"):
            value = lines_of(e.accounts, "t7")["actual"].values["reception"]
            e.add("t7", "actual", column, str(-2 * value))

    path, editor = workbooks.mutate("example_full", edit)
    report = run_checks(read_workbook(path))
    cells = {f.cell for f in report.by_rule("E-04")}
    assert editor.cell("t7", "actual", "reception") in cells
    result = build_workbook(path, tmp_path)
    assert result.document is None  # an error: no document that says “完成预算的-97.17%”


# ----------------------------------------------------------------------------------- the document


def test_unscored_evaluations_print_no_score_or_grade(workbooks: Workbooks, tmp_path: Path) -> None:
    name = "文化人才培训项目"

    def edit(e: Editor) -> None:
        evaluation = next(v for v in e.accounts.evaluations if v.name == name)
        for i in evaluation.indicators:
            e._put(i.score_cell, None)
        e._put(evaluation.cells["goal_score"], None)

    path, editor = workbooks.mutate("example_full", edit)
    report = run_checks(read_workbook(path))
    warning = report.by_rule("S-PERF-05")
    assert len(warning) == 1 and warning[0].cell.sheet == "绩效自评"
    result = build_workbook(path, tmp_path)
    assert result.document is not None and not result.draft
    text = _text(result.document)
    # 上海 prints the scores in the attached tables: the unscored one says so instead of an invented total
    tables = [t for t in Document(str(result.document)).tables if name in t.rows[0].cells[1].text]
    assert len(tables) == 1
    total_row = next(r for r in tables[0].rows if r.cells[0].text == "总分")
    assert {c.text for c in total_row.cells} >= {"未评分"}
    assert not any(re.search(r"\d", c.text) for c in total_row.cells)
    scored = sum(1 for v in editor.accounts.project_evaluations if v.name != name)
    assert f"绩效自评的2024年度项目{len(editor.accounts.project_evaluations)}个" in text
    assert f"已评分的{scored}个项目平均得分" in text
    assert sum(int(n) for n in re.findall(r"绩效评级为“[^”]+”的项目(\d+)个", text)) == scored


def test_unscored_evaluations_in_the_hubei_text(workbooks: Workbooks, tmp_path: Path) -> None:
    def edit(e: Editor) -> None:
        for v in e.accounts.evaluations:
            for i in v.indicators:
                e._put(i.score_cell, None)
            e._put(v.cells["goal_score"], None)

    path, _ = workbooks.mutate("hongshan_2021", edit)
    text = _build(path, tmp_path)
    assert "自评得分" not in text and "自评等级为" not in text


def test_one_blank_prior_year_figure_keeps_reasons_in_their_branch(workbooks: Workbooks, tmp_path: Path) -> None:
    def edit(e: Editor) -> None:
        e.put_field("prior.appropriation_grand_total", None)
        e.put_field("reasons.appropriation_change", "人员增加")

    path, editor = workbooks.mutate("hongshan_2021", edit)
    report = run_checks(read_workbook(path))
    assert [f.cell for f in report.by_rule("S-PRIOR-01")] == [editor.field("prior.appropriation_grand_total")]
    text = _build(path, tmp_path)
    section = _section(text, "四、财政拨款收入支出决算总体情况说明", "五、")
    assert "无法形成对比" in section and "主要原因" not in section


def test_three_public_total_of_zero_prints_no_shares(workbooks: Workbooks, tmp_path: Path) -> None:
    def edit(e: Editor) -> None:
        for column in ("total", "outbound", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"):
            e.put("t7", "actual", column, None)

    path, _ = workbooks.mutate("example_full", edit)
    section = _section(_build(path, tmp_path), "（二）“三公”经费财政拨款支出决算具体情况说明", "八、")
    assert "占0" not in section
    assert "“三公”经费财政拨款支出决算为0.00万元" in section


def test_budget_comparison_is_printed_without_a_reason(workbooks: Workbooks, tmp_path: Path) -> None:
    path, _ = workbooks.mutate("hongshan_2021",
                               lambda e: e.record("年初预算", "208", "决算数与年初预算数差异原因", None))
    report = run_checks(read_workbook(path))
    assert report.by_rule("S-BUDG-02")  # the material difference without a reason is a warning
    line = next(p for p in _build(path, tmp_path).splitlines() if p.startswith("8. 社会保障和就业支出（类）"))
    assert "支出决算数小于年初预算数" in line and "主要原因" not in line


def test_sample_documents_quote_each_figure_from_one_source(tmp_path: Path, sample_paths, sample_accounts) -> None:
    hongshan = _build(sample_paths["hongshan_2021"], tmp_path)
    assert hongshan.count("共涉及项目3个") == 1  # 十三（一）: the accountant's text, not a second computed copy
    full = _build(sample_paths["example_full"], tmp_path)
    accounts = sample_accounts["example_full"]
    t4_capital = accounts.t4_appropriation_summary.amount("inc_state_capital")
    assert t4_capital == Decimal("119.60")
    assert f"国有资本经营预算财政拨款收入{t4_capital:.2f}万元" in full
    basic = accounts.t5_general_budget_expenditure.total["basic"]
    assert f"一般公共预算财政拨款基本支出{basic:.2f}万元" in full


# ----------------------------------------------------------------------------------- free texts


@pytest.mark.parametrize(("text", "rules"), [
    ("人员增加，新增公益性岗位", set()),
    ("“十四五”规划（2021—2025年）中期调整", set()),  # a range covering the report year
    ("截至2024年12月31日完成验收，2025年继续实施", set()),  # report year, and the year of publication
    ("与2023年相比，培训期次增加", set()),
    ("开展培训、宣传……等工作", set()),  # an ellipsis in prose is not a placeholder
    ("2022年度项目结转", {"W-02"}),
    ("XX局人员增加", {"W-01"}),
    ("××单位", {"W-01"}),
    ("某某项目资金", {"W-01"}),
    ("主要原因是……", {"W-01"}),
    ("人员增加。。新增岗位", {"W-03"}),
    ("人员增加，。", {"W-03"}),
    ("#VALUE!", {"W-04"}),
])
def test_free_text_rules(text: str, rules: set[str], sample_accounts) -> None:
    import dataclasses

    accounts = sample_accounts["example_full"]  # a 2024 document
    edited = dataclasses.replace(accounts, reasons=dataclasses.replace(accounts.reasons, total_change=text))
    found = {f.rule_id for f in run_checks(edited).findings if f.rule_id.startswith("W-")}
    assert found == rules
    for f in run_checks(edited).findings:
        if f.rule_id.startswith("W-"):
            assert f.cell == accounts.field_cells["reasons.total_change"] and f.table == "情况说明文字"


# ----------------------------------------------------------------------------------- warnings only: a document


def _warning_cases():
    from generator.checks import RULES_BY_ID

    from .test_mutations import CASES

    new = {"E-05", "S-BUDG-03", "S-PERF-03", "S-PERF-05", "S-PRIOR-01", "S-PRIOR-02", "W-02", "W-03"}
    return [c for c in CASES if c.rule in new and all(RULES_BY_ID[r].severity != ERROR for r in c.also)]


@pytest.mark.parametrize("case", _warning_cases(), ids=lambda c: c.rule)
def test_a_workbook_with_warnings_only_gives_a_document_without_contradiction(case, workbooks: Workbooks,
                                                                             tmp_path: Path) -> None:
    path, _ = workbooks.mutate(case.sample, case.edit, name=case.rule)
    result = build_workbook(path, tmp_path)
    assert result.document is not None and not result.draft
    for paragraph in _text(result.document).splitlines():
        assert not re.search(r"无法形成对比[^。]*。?[^。]*主要(?:原因|是)", paragraph), paragraph
        assert not re.search(r"持平。?主要原因", paragraph), paragraph
        assert "其中：。" not in paragraph and "None" not in paragraph and "{{" not in paragraph
        assert not re.search(r"[的为]-\d", paragraph), paragraph


def test_an_evaluation_with_neither_indicators_nor_scores_is_not_scored(sample_accounts) -> None:
    import dataclasses

    from generator.figures import compute_figures

    accounts = sample_accounts["hongshan_2021"]
    bare = tuple(dataclasses.replace(e, indicators=(), goal_score_given=False) for e in accounts.evaluations)
    edited = dataclasses.replace(accounts, evaluations=bare)
    figures = compute_figures(edited)
    assert all(p.total_score is None and p.grade == "" for p in figures.performance.projects)
    assert figures.performance.average_score is None and figures.performance.scored_count == 0
    assert len(run_checks(edited).by_rule("S-PERF-05")) == len(bare)
