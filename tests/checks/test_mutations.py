"""One mutation per rule: a sample workbook edited so that it breaks that rule, read back and checked.

Each case edits a copy of a clean sample (usually ``example_full``, which exercises every table)
through openpyxl, reads it with ``read_workbook`` and asserts that the report names the rule, with
the rule's own severity (not a rounding 提示), at the expected workbook cell. ``also`` lists the
other rules the same edit necessarily breaks (one cell takes part in several relations), so each
case also proves that nothing else fires. A rule added to the catalogue without a case here fails
``test_every_rule_has_a_mutation``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from generator.checks import RULES, RULES_BY_ID, run_checks
from generator.model import Cell
from generator.workbook.reader import read_workbook

from .conftest import Editor, Workbooks, row_number

Expect = Callable[[Editor], Cell | tuple[str, int]]  # an exact cell, or (sheet, row) for a row-level rule


def at(table: str, line: str, column: str = "amount") -> Expect:
    return lambda e: e.cell(table, line, column)


def row(table: str, line: str) -> Expect:
    return lambda e: e.row_of(table, line)


def field(path: str) -> Expect:
    return lambda e: e.field(path)


def budget_line(code: str) -> Expect:
    return lambda e: next(b.cell for b in e.accounts.budget if b.code == code)


def evaluation(name: str) -> Expect:
    return lambda e: next(v.cell for v in e.accounts.evaluations if v.name == name)


@dataclass(frozen=True)
class Case:
    rule: str
    edit: Callable[[Editor], None]
    expect: Expect
    also: frozenset[str] = frozenset()
    sample: str = "example_full"


def steps(*edits: Callable[[Editor], None]) -> Callable[[Editor], None]:
    def run(e: Editor) -> None:
        for edit in edits:
            edit(e)
    return run


def add(table: str, line: str, column: str = "amount", delta: str = "1") -> Callable[[Editor], None]:
    return lambda e: e.add(table, line, column, delta)


def add_field(path: str, delta: str) -> Callable[[Editor], None]:
    return lambda e: e.add_field(path, delta)


def t9_columns(begin: dict[str, str] | None = None, end: dict[str, str] | None = None) -> Callable[[Editor], None]:
    return lambda e: e.add_t9_balance_columns(begin or {}, end or {})


CASES = (
    # ------------------------------------------------------------------ 表1
    Case("T1-01", add("t1", "inc_other"), at("t1", "income_total"), frozenset({"X-T1-T2-03"})),
    Case("T1-02", add("t1", "carryover_begin"), at("t1", "income_grand_total")),
    Case("T1-03", add("t1", "205"), at("t1", "expenditure_total"), frozenset({"X-T1-T3-02"})),
    Case("T1-04", add("t1", "carryover_end"), at("t1", "expenditure_grand_total")),
    Case("T1-05", steps(add("t1", "carryover_begin"), add("t1", "income_grand_total")),
         at("t1", "income_grand_total")),
    # ------------------------------------------------------------------ 表2, 表3
    Case("T2-01", add("t2", "2070108", "other"), at("t2", "2070108", "total"), frozenset({"T2-02"})),
    Case("T2-02", steps(add("t2", "2070108", "business"), add("t2", "2070108", "total")),
         at("t2", "20701", "total")),
    Case("T3-01", add("t3", "2070108", "project"), at("t3", "2070108", "total"), frozenset({"T3-02"})),
    Case("T3-02", steps(add("t3", "2070108", "project"), add("t3", "2070108", "total")),
         at("t3", "20701", "total")),
    # ------------------------------------------------------------------ 表4
    Case("T4-01", add("t4", "income_total"), at("t4", "income_total"), frozenset({"T4-03"})),
    Case("T4-02", add("t4", "carryover_begin_general_budget"), at("t4", "carryover_begin"), frozenset({"T4-08"})),
    Case("T4-03", add("t4", "income_grand_total"), at("t4", "income_grand_total"), frozenset({"T4-07"})),
    Case("T4-04", add("t4", "205", "total"), at("t4", "205", "total"), frozenset({"T4-05"})),
    Case("T4-05", steps(add("t4", "205", "total"), add("t4", "205", "general_budget")),
         at("t4", "expenditure_total", "total"), frozenset({"X-T4-T5-01"})),
    Case("T4-06", steps(add("t4", "carryover_end", "total"), add("t4", "carryover_end", "general_budget")),
         at("t4", "expenditure_grand_total", "total")),
    Case("T4-07", add("t4", "income_grand_total"), at("t4", "income_grand_total"), frozenset({"T4-03"})),
    Case("T4-08", steps(add("t4", "carryover_begin_state_capital"),
                        add("t4", "carryover_begin_general_budget", delta="-1")),
         at("t4", "expenditure_grand_total", "general_budget")),
    # ------------------------------------------------------------------ 表5, 表6, 表7
    Case("T5-01", add("t5", "2070108", "project"), at("t5", "2070108", "total"), frozenset({"T5-02"})),
    Case("T5-02", steps(add("t5", "2070108", "project"), add("t5", "2070108", "total")),
         at("t5", "20701", "total")),
    Case("T6-01", add("t6", "30201"), at("t6", "302")),
    Case("T6-02", add("t6", "personnel_total"), at("t6", "personnel_total"), frozenset({"X-T5-T6-01"})),
    Case("T6-03", add("t6", "public_total"), at("t6", "public_total"), frozenset({"X-T5-T6-01"})),
    Case("T7-01", add("t7", "actual", "total"), at("t7", "actual", "total")),
    Case("T7-02", add("t7", "budget", "vehicle_purchase"), at("t7", "budget", "vehicle_total")),
    # ------------------------------------------------------------------ 表8, 表9
    Case("T8-01", add("t8", "2296003", "basic"), at("t8", "2296003", "total"), frozenset({"T8-03"})),
    Case("T8-02", add("t8", "2296003", "carryover_end"), at("t8", "2296003", "carryover_end"),
         frozenset({"T8-03"})),
    Case("T8-03", steps(add("t8", "2296003", "income"), add("t8", "2296003", "carryover_end")),
         at("t8", "22960", "income")),
    Case("T9-01", add("t9", "2230105", "basic"), at("t9", "2230105", "total"), frozenset({"T9-02"})),
    Case("T9-02", steps(add("t9", "2230105", "basic"), add("t9", "2230105", "total")),
         at("t9", "22301", "total")),
    Case("T9-03", t9_columns(begin={"2230105": "1"}), row("t9", "2230105"), frozenset({"T9-02"})),
    # ------------------------------------------------------------------ codes and names
    Case("C-01", lambda e: e.recode("t2", "2080502", "2089902"), row("t2", "2080502"), frozenset({"T2-02"})),
    Case("C-02", lambda e: e.rename("t3", "205", "科学技术支出"), row("t3", "205"), frozenset({"C-03"})),
    Case("C-03", lambda e: e.rename("t5", "2080505", "机关事业单位基本养老保险缴费"), row("t5", "2080505")),
    # ------------------------------------------------------------------ across tables
    Case("X-T1-T2-01", add("t1", "income_total"), at("t1", "income_total"), frozenset({"T1-01", "T1-02"})),
    Case("X-T1-T2-02", add("t2", "total", "appropriation"), at("t2", "total", "appropriation"),
         frozenset({"T2-01", "T2-02"})),
    Case("X-T1-T2-03", steps(add("t1", "inc_other"), add("t1", "inc_business", delta="-1")),
         at("t1", "inc_other")),
    Case("X-T1-T3-01", add("t1", "expenditure_total"), at("t1", "expenditure_total"),
         frozenset({"T1-03", "T1-04"})),
    Case("X-T1-T3-02", steps(add("t1", "205"), add("t1", "207", delta="-1")), at("t1", "205")),
    Case("X-T1-T4-01", steps(add("t4", "inc_general_budget"), add("t4", "inc_state_capital", delta="-1")),
         at("t1", "inc_general_budget"), frozenset({"T4-08"})),
    Case("X-T4-T5-01", steps(add("t4", "205", "general_budget"), add("t4", "205", "total"),
                             add("t4", "207", "general_budget", "-1"), add("t4", "207", "total", "-1")),
         at("t4", "205", "general_budget")),
    Case("X-T4-T5-02", add("t5", "total", "total"), at("t4", "expenditure_total", "general_budget"),
         frozenset({"T5-01", "T5-02"})),
    Case("X-T4-T8-01", steps(add("t4", "207", "gov_fund"), add("t4", "207", "total"),
                             add("t4", "229", "gov_fund", "-1"), add("t4", "229", "total", "-1")),
         at("t4", "207", "gov_fund")),
    Case("X-T4-T8-02", add("t8", "total", "total"), at("t4", "expenditure_total", "gov_fund"),
         frozenset({"T8-01", "T8-02", "T8-03"})),
    Case("X-T4-T8-03", add("t8", "total", "income"), at("t4", "inc_gov_fund"), frozenset({"T8-02", "T8-03"})),
    Case("X-T4-T8-04", steps(add("t8", "total", "carryover_begin"), add("t8", "total", "carryover_end")),
         at("t4", "carryover_begin_gov_fund"), frozenset({"T8-03"})),
    Case("X-T4-T8-05", lambda e: e.clear_table("t8"), at("t4", "inc_gov_fund"),
         frozenset({"X-T4-T8-01", "X-T4-T8-02", "X-T4-T8-03", "X-T4-T8-04"})),
    Case("X-T4-T9-01", steps(add("t4", "223", "state_capital"), add("t4", "223", "total")),
         at("t4", "223", "state_capital"), frozenset({"T4-05"})),
    Case("X-T4-T9-02", steps(add("t9", "total", "total"), add("t9", "total", "project")),
         at("t4", "expenditure_total", "state_capital"), frozenset({"T9-02"})),
    Case("X-T4-T9-03", lambda e: e.clear_table("t9"), at("t4", "inc_state_capital"),
         frozenset({"X-T4-T9-01", "X-T4-T9-02"})),
    Case("X-T4-T9-04", t9_columns(begin=dict.fromkeys(("total", "223", "22301", "2230105"), "5"),
                                  end=dict.fromkeys(("total", "223", "22301", "2230105"), "5")),
         at("t4", "carryover_begin_state_capital")),
    Case("X-T5-T6-01", steps(add("t6", "personnel_total"), add("t6", "301"), add("t6", "30101")),
         at("t5", "total", "basic")),
    Case("X-T3-T5-01", steps(add("t3", "2070108", "project", "-50"), add("t3", "2070108", "total", "-50"),
                             add("t3", "2070109", "project", "50"), add("t3", "2070109", "total", "50")),
         at("t5", "2070108", "total")),
    Case("X-T6-T7-01", steps(add("t7", "actual", "reception", "-0.80"), add("t7", "actual", "outbound", "0.80")),
         at("t7", "actual", "reception")),
    # ------------------------------------------------------------------ supplementary inputs
    Case("S-PERF-01", lambda e: e.record("绩效自评", "文化人才培训项目", "执行数", "186.40"),
         evaluation("群众文化活动品牌建设项目")),  # the first 一般公共预算 project names the sum
    Case("S-PROC-01", add_field("procurement.goods", "1"), field("procurement.total")),
    Case("S-PROC-02", steps(add_field("procurement.sme_works", "1"), add_field("procurement.sme_total", "1")),
         field("procurement.sme_works")),
    Case("S-PROC-03", add_field("procurement.sme_small_micro", "200"), field("procurement.sme_small_micro")),
    Case("S-PROC-03", add_field("procurement.reserved_small_micro_awarded", "100"),
         field("procurement.reserved_small_micro_awarded")),
    Case("S-PROC-04", add_field("procurement.sme_goods", "1"), field("procurement.sme_total")),
    Case("S-VEH-01", add_field("three_public_details.vehicle_fuel", "1"), at("t7", "actual", "vehicle_operation")),
    Case("S-BUDG-01", lambda e: e.record("年初预算", "2050803", "科目编码", "2050899"), budget_line("2050803")),
    Case("S-BUDG-02", lambda e: e.record("年初预算", "2210203", "决算数与年初预算数差异原因", None),
         budget_line("2210203")),
)


def test_every_rule_has_a_mutation() -> None:
    covered = {c.rule for c in CASES}
    assert covered == set(RULES_BY_ID), (
        f"rules without a mutation case: {sorted(set(RULES_BY_ID) - covered)}; "
        f"cases for unknown rules: {sorted(covered - set(RULES_BY_ID))}")


def test_clean_samples_break_none_of_the_mutated_rules(sample_accounts) -> None:
    for sample in {c.sample for c in CASES}:
        report = run_checks(sample_accounts[sample])
        assert report.findings == (), [str(f) for f in report.findings]


def _matches(finding_cell: Cell | None, expected: Cell | tuple[str, int]) -> bool:
    if finding_cell is None:
        return False
    if isinstance(expected, Cell):
        return finding_cell == expected
    sheet, r = expected
    return finding_cell.sheet == sheet and row_number(finding_cell.address) == r


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_mutation_breaks_the_rule(case: Case, workbooks: Workbooks) -> None:
    path, editor = workbooks.mutate(case.sample, case.edit, name=case.rule)
    report = run_checks(read_workbook(path))
    rule = RULES_BY_ID[case.rule]
    expected = case.expect(editor)
    hits = [f for f in report.by_rule(case.rule) if f.severity == rule.severity]
    assert hits, f"{case.rule} not reported; got {[str(f) for f in report.findings]}"
    assert any(_matches(f.cell, expected) for f in hits), (
        f"{case.rule} reported at {[f.cell for f in hits]}, expected {expected}")
    for f in hits:
        assert f.message and "{" not in f.message, f.message
        assert f.hint == rule.hint
    broken = {f.rule_id for f in report.findings if f.severity == RULES_BY_ID[f.rule_id].severity}
    assert broken == {case.rule} | case.also, f"unexpected rules broken: {sorted(broken)}"


def test_catalogue_order_is_kept_in_reports(workbooks: Workbooks) -> None:
    path, _ = workbooks.mutate("example_full", add("t1", "inc_other"))
    report = run_checks(read_workbook(path))
    order = [r.id for r in RULES]
    ids = [f.rule_id for f in report.findings]
    assert ids == sorted(ids, key=order.index)
