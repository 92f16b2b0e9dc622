"""The blank template and the reader agree: what the template writes, the reader finds."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from generator.workbook import layout as L
from generator.workbook.reader import prior_from_accounts, read_workbook_with_problems
from generator.workbook.template import write_workbook


def test_blank_template_reads_with_only_required_fields_missing(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    accounts, problems = read_workbook_with_problems(path)
    assert accounts is not None
    errors = sorted(p.details["label"] for p in problems if p.severity == "错误")
    assert errors == sorted(["部门名称", "决算年度", "公开格式"])
    # every table is found by its labels, and is empty
    assert len(accounts.t1_income_expenditure_summary.classes) == 26
    assert accounts.t1_income_expenditure_summary.amount("income_grand_total") == 0
    assert accounts.t3_expenditure.rows == ()
    assert len(accounts.t6_general_budget_basic_expenditure.rows) == 80


def test_template_has_every_sheet_inputs_marked_and_validated(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    wb = openpyxl.load_workbook(path)
    assert tuple(wb.sheetnames) == L.sheet_names()
    info = wb["基本信息"]
    assert info.protection.sheet  # labels locked, only the value column open
    assert info["B3"].protection.locked is False and info["A3"].protection.locked is True
    assert info["B3"].fill.fgColor.rgb.endswith("FFF2CC")
    t2 = wb[L.T2.sheet]
    assert any(dv.type == "decimal" for dv in t2.data_validations.dataValidation)
    layout_rule = [dv for dv in info.data_validations.dataValidation if dv.type == "list"]
    assert layout_rule and "湖北" in layout_rule[0].formula1


def test_prior_year_taken_from_last_years_workbook(hongshan):
    prior = prior_from_accounts(hongshan)
    assert prior.income_expenditure_grand_total == Decimal("546.99")
    assert prior.appropriation_grand_total == Decimal("546.99")
    assert prior.general_budget_expenditure == Decimal("544.99")
    assert prior.office_operating_cost == Decimal("46.07")
    assert prior.three_public_total == Decimal("0.00")
