"""The budget workbook is read by label, code and header — never by position."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.cli import main
from generator.document_kinds import kind_of_workbook
from generator.document_kinds.budget import workbook as W
from generator.document_kinds.budget.reader import read_budget

from .conftest import SAMPLE, find_column, find_row


def test_the_sample_reads_without_problems_and_is_a_budget_workbook():
    budget, problems = read_budget(SAMPLE)
    assert problems == ()
    assert kind_of_workbook(SAMPLE)[0].key == "budget"
    assert (budget.info.name, budget.info.year) == ("武汉市医疗保险中心", 2021)
    t1 = budget.t1_appropriation_summary
    assert t1.amount("income", "income_grand_total") == Decimal("4937.30")
    assert t1.amount("category", "basic", "general_budget") == Decimal("4051.86")
    assert {ln.code for ln in t1.coded("function") if ln["total"]} == {"208", "210", "221"}
    t2 = budget.t2_general_budget_expenditure
    assert t2.total["project"] == Decimal("885.44")
    assert t2.row("2101506")["project"] == Decimal("885.44")
    assert budget.t2_units["2101501"] == ("737002", "武汉市医疗保险中心")
    assert budget.t3_general_budget_basic_expenditure.row("30217")["public"] == Decimal("0.95")
    assert budget.t4_three_public.total["vehicle_operation"] == Decimal("2.99")
    assert [p.name for p in budget.t13_project_performance][:1] == ["聘用人员经费"]
    assert budget.narrative.prior_total == Decimal("6280.82")


def test_extra_blank_rows_and_moved_columns_read_the_same(mutate):
    def change(wb):
        for sheet in (W.T1.sheet, W.T2.sheet):  # openpyxl moves cells but not merges: unmerge the notes first
            for merged in list(wb[sheet].merged_cells.ranges):
                if merged.min_row > 5:
                    wb[sheet].unmerge_cells(str(merged))
        wb[W.T2.sheet].insert_rows(find_row(wb[W.T2.sheet], "210"), 3)
        ws1 = wb[W.T1.sheet]
        ws1.insert_rows(find_row(ws1, "支出（按支出类别）"), 2)
        wb[W.T9.sheet].insert_cols(1, 2)  # the list now starts in column C
        ws8 = wb[W.T8.sheet]
        basic, project = find_column(ws8, "基本支出"), find_column(ws8, "项目支出")
        for r in range(3, ws8.max_row + 1):  # swap the 基本支出 and 项目支出 columns, headers included
            a, b = ws8.cell(r, basic).value, ws8.cell(r, project).value
            ws8.cell(r, basic).value, ws8.cell(r, project).value = b, a

    budget, problems = read_budget(mutate(change))
    original, _ = read_budget(SAMPLE)
    assert problems == ()
    assert budget.t2_general_budget_expenditure.row("2101506")["project"] == Decimal("885.44")
    assert budget.t1_appropriation_summary.amount("category", "basic") == Decimal("4051.86")
    assert [r["total"] for r in budget.t9_project_expenditure.records] == \
        [r["total"] for r in original.t9_project_expenditure.records]
    assert budget.t8_expenditure_summary.total["basic"] == Decimal("4051.86")
    assert budget.t8_expenditure_summary.total["project"] == Decimal("885.44")


def test_a_missing_sheet_is_named(mutate):
    path = mutate(lambda wb: wb.remove(wb[W.T3.sheet]))
    budget, problems = read_budget(path)
    assert budget is None
    assert any(p.kind.id == "sheet-missing" and W.T3.sheet in p.message for p in problems)
    assert "缺少工作表「表3 一般公共预算基本支出情况表」" in str(problems[0])


def test_an_amount_that_is_not_a_number_is_reported_with_its_cell(mutate):
    def change(wb):
        ws = wb[W.T2.sheet]
        ws.cell(find_row(ws, "2101501"), find_column(ws, "总计")).value = "两千"

    _, problems = read_budget(mutate(change))
    found = [p for p in problems if p.kind.id == "amount-invalid"]
    assert found and found[0].cell.sheet == W.T2.sheet and found[0].cell.address.startswith("E")


def test_an_unknown_line_of_table_1_is_reported(mutate):
    def change(wb):
        ws = wb[W.T1.sheet]
        ws.cell(find_row(ws, "结转下年"), 1).value = "结转到明年"

    _, problems = read_budget(mutate(change))
    kinds = {p.kind.id for p in problems}
    assert {"line-unknown", "line-missing"} <= kinds


def test_the_blank_workbook_is_written_by_the_command_and_reads_back(tmp_path: Path):
    target = tmp_path / "预算.xlsx"
    assert main(["template-xlsx", "--kind", "部门预算", str(target)]) == 0
    assert kind_of_workbook(target)[0].key == "budget"
    budget, problems = read_budget(target)
    assert budget is not None
    # only the required fields of 基本信息 are missing: every sheet, header and line is found
    assert {p.kind.id for p in problems} == {"value-required"}
    assert {p.details["label"] for p in problems} == {"部门名称", "预算年度"}


def test_a_layout_without_budget_templates_is_refused_with_the_known_ones(mutate):
    def change(wb):
        ws = wb[W.INFO.sheet]
        ws.cell(find_row(ws, "公开格式"), 2).value = "上海"

    _, problems = read_budget(mutate(change))
    found = [p for p in problems if p.kind.id == "value-invalid"]
    assert found and "湖北" in found[0].message and found[0].cell.sheet == W.INFO.sheet
