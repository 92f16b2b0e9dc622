"""The engine's arithmetic: the rounding tolerance (XBRL calculation 1.1 intervals), Decimal only, settings."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from generator.checks import INFO, RULES_BY_ID, CheckSettings, run_checks
from generator.model import DepartmentAccounts, LabeledTable, SubjectTable
from generator.workbook.problems import ERROR, WARNING

D = Decimal


def with_amount(accounts: DepartmentAccounts, table: str, key: str, column: str, delta: str) -> DepartmentAccounts:
    """A copy of ``accounts`` whose one amount is moved by ``delta``."""
    attribute = {"t1": "t1_income_expenditure_summary", "t3": "t3_expenditure", "t4": "t4_appropriation_summary",
                 "t5": "t5_general_budget_expenditure"}[table]
    obj = getattr(accounts, attribute)

    def bump(line):
        return dataclasses.replace(line, values={**line.values, column: line.values[column] + D(delta)})

    if isinstance(obj, LabeledTable):
        if key in obj.lines:
            obj = dataclasses.replace(obj, lines={**obj.lines, key: bump(obj.lines[key])})
        else:
            obj = dataclasses.replace(obj, classes=tuple(bump(c) if c.code == key else c for c in obj.classes))
    elif isinstance(obj, SubjectTable):
        if key == "total":
            obj = dataclasses.replace(obj, total=bump(obj.total))
        else:
            obj = dataclasses.replace(obj, rows=tuple(bump(r) if r.code == key else r for r in obj.rows))
    return dataclasses.replace(accounts, **{attribute: obj})


DEFAULT = CheckSettings()


def only(rule_id: str, accounts: DepartmentAccounts, settings: CheckSettings = DEFAULT):
    return run_checks(accounts, settings, rules=[RULES_BY_ID[rule_id]]).findings


@pytest.fixture
def hongshan_accounts(sample_accounts) -> DepartmentAccounts:
    return sample_accounts["hongshan_2021"]


@pytest.fixture
def example_accounts(sample_accounts) -> DepartmentAccounts:
    return sample_accounts["example_full"]


def test_two_single_values_may_differ_by_one_cent(hongshan_accounts) -> None:
    # T1-05: 收入总计 = 支出总计 — two rounded values, each ±0.005: at most 0.01 apart
    (finding,) = only("T1-05", with_amount(hongshan_accounts, "t1", "income_grand_total", "amount", "0.01"))
    assert finding.severity == INFO
    assert (finding.left, finding.right, finding.difference) == (D("547.00"), D("546.99"), D("0.01"))
    (finding,) = only("T1-05", with_amount(hongshan_accounts, "t1", "income_grand_total", "amount", "0.02"))
    assert finding.severity == ERROR


def test_blank_and_zero_amounts_are_exact(hongshan_accounts) -> None:
    # T1-02 in hongshan: 总计 546.99 = 本年收入合计 546.99 + 0 + 0: two rounded values → 0.01
    for delta, severity in (("0.01", INFO), ("0.02", ERROR)):
        (finding,) = only("T1-02", with_amount(hongshan_accounts, "t1", "income_grand_total", "amount", delta))
        assert finding.severity == severity


def test_allowance_grows_with_the_number_of_summands(example_accounts) -> None:
    # T1-01 in example_full: 本年收入合计 and eight non-zero sources: 9 × 0.005 = 0.045
    assert only("T1-01", with_amount(example_accounts, "t1", "income_total", "amount", "0.04"))[0].severity == INFO
    assert only("T1-01", with_amount(example_accounts, "t1", "income_total", "amount", "-0.04"))[0].severity == INFO
    assert only("T1-01", with_amount(example_accounts, "t1", "income_total", "amount", "0.05"))[0].severity == ERROR


def test_zero_tolerance_makes_every_difference_a_breach(hongshan_accounts) -> None:
    exact = CheckSettings(tolerance_per_summand=D("0"))
    (finding,) = only("T1-05", with_amount(hongshan_accounts, "t1", "income_grand_total", "amount", "0.01"), exact)
    assert finding.severity == ERROR


def test_a_wider_tolerance_is_honoured(hongshan_accounts) -> None:
    wide = CheckSettings(tolerance_per_summand=D("1.00"))
    (finding,) = only("T1-05", with_amount(hongshan_accounts, "t1", "income_grand_total", "amount", "0.90"), wide)
    assert finding.severity == INFO


def test_inequalities_are_one_sided(example_accounts) -> None:
    # X-T3-T5-01: 表5 ≤ 表3 — 表5 smaller is fine, larger by a cent is a note, by more an error
    assert only("X-T3-T5-01", with_amount(example_accounts, "t5", "2070108", "project", "-5")) == ()
    (note, *_) = only("X-T3-T5-01", with_amount(example_accounts, "t3", "2070108", "project", "-45.01"))
    assert note.severity == INFO and note.difference == D("0.01")
    assert only("X-T3-T5-01", with_amount(example_accounts, "t3", "2070108", "project", "-45.02"))[0].severity == ERROR


def test_a_warning_rule_keeps_notes_as_notes(example_accounts) -> None:
    # S-PERF-01 is a 警告 rule; X-T6-T7-01 too: a one-cent shortfall is still only a 提示
    t7 = example_accounts.t7_three_public
    actual = dataclasses.replace(t7.actual, values={**t7.actual.values, "reception": D("1.25")})
    accounts = dataclasses.replace(example_accounts, t7_three_public=dataclasses.replace(t7, actual=actual))
    (finding,) = only("X-T6-T7-01", accounts)
    assert finding.severity == INFO
    actual = dataclasses.replace(t7.actual, values={**t7.actual.values, "reception": D("1.00")})
    accounts = dataclasses.replace(example_accounts, t7_three_public=dataclasses.replace(t7, actual=actual))
    assert only("X-T6-T7-01", accounts)[0].severity == WARNING


def test_amounts_stay_decimal(sample_accounts) -> None:
    report = run_checks(sample_accounts["anhua_2021"])
    assert report.findings
    for f in report.findings:
        for value in (f.left, f.right, f.difference):
            assert value is None or isinstance(value, Decimal)


def test_material_budget_ratio_is_a_setting(example_accounts) -> None:
    lines = tuple(dataclasses.replace(b, reason="") if b.code == "2210203" else b for b in example_accounts.budget)
    accounts = dataclasses.replace(example_accounts, budget=lines)  # 40.00 budget, 36.90 spent: 7.75 %
    assert [f.code for f in only("S-BUDG-02", accounts)] == ["2210203"]
    assert only("S-BUDG-02", accounts, CheckSettings(material_budget_ratio=D("0.10"))) == ()


def test_zero_budget_needs_a_reason_for_any_spending(example_accounts) -> None:
    lines = tuple(dataclasses.replace(b, reason="") if b.code == "2080502" else b for b in example_accounts.budget)
    (finding,) = only("S-BUDG-02", dataclasses.replace(example_accounts, budget=lines))
    assert (finding.left, finding.right) == (D("38.46"), D("0.00"))


@pytest.mark.parametrize("bad", [D("-0.01"), 0.01, "0.01"])
def test_settings_reject_floats_and_negatives(bad) -> None:
    with pytest.raises(ValueError):
        CheckSettings(tolerance_per_summand=bad)


def test_table_8_without_funds_in_table_4_is_reported(example_accounts) -> None:
    """The other direction of X-T4-T8-05: 表8 has data but 表4 has no government-fund appropriation."""
    t4 = example_accounts.t4_appropriation_summary

    def no_fund(line):
        values = {k: (D("0.00") if k == "gov_fund" else v) for k, v in line.values.items()}
        return dataclasses.replace(line, values=values)

    lines = {k: no_fund(v) for k, v in t4.lines.items()}
    for key in ("inc_gov_fund", "carryover_begin_gov_fund"):
        lines[key] = dataclasses.replace(lines[key], values={"amount": D("0.00")})
    t4 = dataclasses.replace(t4, lines=lines, classes=tuple(no_fund(c) for c in t4.classes))
    (finding,) = only("X-T4-T8-05", dataclasses.replace(example_accounts, t4_appropriation_summary=t4))
    assert finding.severity == ERROR
    assert finding.cell == example_accounts.t8_government_fund.total.cells["carryover_begin"]
    assert "表4对应的财政拨款各项均为 0" in finding.message
