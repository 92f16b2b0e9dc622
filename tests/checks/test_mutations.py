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

from generator.catalog.bureau import SubjectCatalogue
from generator.checks import RULES, RULES_BY_ID, run_checks
from generator.checks.tables import lines_of
from generator.model import Cell, DepartmentAccounts
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


def budget_total(fund: str, column: str = "budget") -> Expect:
    def cell(e: Editor) -> Cell:
        found = e.accounts.budget_total(fund)
        assert found is not None
        return found.cell if column == "budget" else found.full_year_cell  # type: ignore[return-value]
    return cell


def full_year(code: str) -> Expect:
    return lambda e: next(b.full_year_cell for b in e.accounts.budget if b.code == code)


def evaluation(name: str) -> Expect:
    return lambda e: next(v.cell for v in e.accounts.evaluations if v.name == name)


def catalogue_of(accounts: DepartmentAccounts, without: str = "") -> SubjectCatalogue:
    """A bureau catalogue holding every subject of a clean sample (but ``without``)."""
    names: dict[str, str] = {}
    for table in ("t3", "t2", "t5", "t8", "t9"):
        for line in lines_of(accounts, table).values():
            if line.code and line.code != without:
                names.setdefault(line.code, line.name)
    for b in accounts.budget:
        if b.code != without:
            names.setdefault(b.code, b.name)
    return SubjectCatalogue("测试科目表.xlsx", names)


@dataclass(frozen=True)
class Case:
    rule: str
    edit: Callable[[Editor], None]
    expect: Expect
    also: frozenset[str] = frozenset()
    sample: str = "example_full"
    catalogue: Callable[[DepartmentAccounts], SubjectCatalogue] | None = None


def steps(*edits: Callable[[Editor], None]) -> Callable[[Editor], None]:
    def run(e: Editor) -> None:
        for edit in edits:
            edit(e)
    return run


def add(table: str, line: str, column: str = "amount", delta: str = "1") -> Callable[[Editor], None]:
    return lambda e: e.add(table, line, column, delta)


def add_field(path: str, delta: str) -> Callable[[Editor], None]:
    return lambda e: e.add_field(path, delta)


def put_field(path: str, value: str | None) -> Callable[[Editor], None]:
    return lambda e: e.put_field(path, value)


def record(sheet: str, key: str, header: str, value: str | None) -> Callable[[Editor], None]:
    return lambda e: e.record(sheet, key, header, value)


def indicator_score(evaluation_name: str, indicator: str) -> Expect:
    return lambda e: next(i.score_cell for v in e.accounts.evaluations if v.name == evaluation_name
                          for i in v.indicators if i.name == indicator)


def evaluation_cell(name: str, column: str) -> Expect:
    return lambda e: next(v.cells[column] for v in e.accounts.evaluations if v.name == name)


def negate(table: str, line: str, column: str, total: str) -> Callable[[Editor], None]:
    """Make one part negative and keep the row's total equal to the sum of its parts."""
    def run(e: Editor) -> None:
        value = lines_of(e.accounts, table)[line].values[column]
        e.add(table, line, column, str(-2 * value))
        e.add(table, line, total, str(-2 * value))
    return run


def move_below_zero(table: str, line: str, sibling: str, column: str) -> Callable[[Editor], None]:
    """Move ``column`` of ``line`` to -1 and its sibling up by as much: every sum still holds."""
    def run(e: Editor) -> None:
        delta = str(lines_of(e.accounts, table)[line].values[column] + 1)
        for key, sign in ((line, "-"), (sibling, "")):
            e.add(table, key, column, sign + delta)
            e.add(table, key, "total", sign + delta)
    return run


def clear_projects(e: Editor) -> None:
    """Delete every project evaluation (and its indicators)."""
    for v in e.accounts.project_evaluations:
        for sheet in ("绩效自评", "绩效指标"):
            e.clear_record(sheet, v.name, every=True)


SUMMARY = "performance_management.self_evaluated"


def grades(*counts: str) -> Callable[[Editor], None]:
    """State the projects per grade (优, 良, 合格, 不合格)."""
    return steps(*(put_field(f"{SUMMARY}_grade_{n}", v) for n, v in enumerate(counts, 1)))


def clear_summary(e: Editor) -> None:
    for name in ("", "_amount", "_average_score", "_grade_1", "_grade_2", "_grade_3", "_grade_4"):
        e.put_field(SUMMARY + name, None)


def unscore(name: str) -> Callable[[Editor], None]:
    """Blank every 得分 of one evaluation (目标得分 and each indicator)."""
    def run(e: Editor) -> None:
        evaluation = next(v for v in e.accounts.evaluations if v.name == name)
        for i in evaluation.indicators:
            e._put(i.score_cell, None)
        e._put(evaluation.cells["goal_score"], None)
    return run


DEPARTMENT = "上海市示例文化发展中心2024年度部门整体支出"


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
    Case("S-BUDG-03", lambda e: e.clear_record("年初预算", "205"), budget_line("2050803")),
    Case("S-BUDG-04", record("年初预算", "2050803", "年初预算数", "70"), budget_line("205")),
    Case("S-BUDG-05", record("年初预算", "合计", "年初预算数", "3150"), budget_total("一般公共预算")),
    Case("S-BUDG-06", record("年初预算", "2050803", "全年预算数", None), full_year("2050803"),
         frozenset({"S-BUDG-07"})),
    Case("S-BUDG-07", record("年初预算", "2050803", "全年预算数", "70"), full_year("205")),
    Case("S-BUDG-07", record("年初预算", "205", "全年预算数", "98"), budget_total("一般公共预算", "full_year")),
    Case("S-PROC-05", add_field("procurement.other_sme_awarded", "200"), field("procurement.reserved_sme_awarded"),
         frozenset({"S-PROC-06"})),
    Case("S-PROC-06", add_field("procurement.other_sme_awarded", "1"), field("procurement.reserved_sme_awarded")),
    Case("S-PERF-02", record("绩效指标", "群众文化活动场次", "得分", "12"),
         indicator_score(DEPARTMENT, "群众文化活动场次")),
    Case("S-PERF-02", record("绩效自评", DEPARTMENT, "目标得分", "25"), evaluation_cell(DEPARTMENT, "goal_score")),
    Case("S-PERF-03", record("绩效指标", "群众文化活动场次", "分值", "12"),
         evaluation_cell(DEPARTMENT, "execution_weight")),
    Case("S-PERF-04", record("绩效指标", "群众文化活动场次", "得分", None),
         indicator_score(DEPARTMENT, "群众文化活动场次")),
    Case("S-PERF-05", unscore("文化人才培训项目"), evaluation_cell("文化人才培训项目", "goal_score")),
    Case("S-PERF-06", put_field("reasons.performance_management", "本年度共对7个项目开展绩效自评。"),
         field("reasons.performance_management")),
    Case("S-PERF-07", steps(put_field("reasons.performance_management", "共对7个项目开展绩效自评。"),
                            clear_projects, clear_summary),
         field("reasons.performance_management")),
    Case("S-PERF-06", steps(put_field("reasons.performance_management", "共对7个项目开展绩效自评。"),
                            clear_projects),  # the stated count (3) stands for the score tables
         field("reasons.performance_management")),
    Case("S-PERF-08", put_field(SUMMARY + "_average_score", "85"), field(SUMMARY + "_average_score")),
    Case("S-PERF-08", steps(clear_projects, put_field(SUMMARY + "_amount", None)), field(SUMMARY)),
    Case("S-PERF-08", steps(put_field(SUMMARY, None)), field(SUMMARY + "_amount")),
    Case("S-PERF-09", steps(clear_projects, put_field(SUMMARY + "_average_score", "85"), grades("2", "1", "1", "0")),
         field(SUMMARY + "_grade_1")),
    Case("S-PERF-09", put_field(SUMMARY, "0"), field(SUMMARY + "_amount"), frozenset({"S-PERF-10"})),
    Case("S-PERF-10", put_field(SUMMARY, "4"), field(SUMMARY)),
    Case("S-PERF-10", steps(put_field(SUMMARY + "_average_score", "85"), grades("2", "0", "1", "0")),
         field(SUMMARY + "_grade_1")),  # 85 is the average of the three; the grades are not theirs
    Case("S-PERF-10", steps(put_field(SUMMARY + "_average_score", "85.5"), grades("1", "1", "1", "0")),
         field(SUMMARY + "_average_score")),
    Case("S-PERF-11", add_field(SUMMARY + "_amount", "1"), field(SUMMARY + "_amount")),
    Case("S-PERF-12", steps(clear_projects, clear_summary, put_field("reasons.performance_management", None)),
         field(SUMMARY)),
    Case("S-PRIOR-01", put_field("prior.three_public_total", None), field("prior.three_public_total"),
         frozenset({"S-PRIOR-02"})),  # the sample explains the change of 三公 that can no longer be compared
    Case("S-PRIOR-02", put_field("office_cost.amount", "175.30"), field("reasons.office_cost_change")),
    Case("S-PRIOR-02", put_field("prior.income_expenditure_grand_total", None), field("reasons.total_change"),
         frozenset({"S-PRIOR-01"})),
    # ------------------------------------------------------------------ filled, unit, signs
    Case("E-01", lambda e: e.clear_table("t3"), at("t3", "total", "total")),
    Case("E-02", put_field("info.amount_unit", "元"), field("info.amount_unit")),
    Case("E-03", lambda e: e.scale_table("t3", "10000"), at("t3", "total", "total")),
    Case("E-03", lambda e: e.scale_table("t7", "10000"), at("t7", "actual", "total")),
    Case("E-04", negate("t7", "actual", "outbound", "total"), at("t7", "actual", "outbound"),
         frozenset({"X-T6-T7-01"})),
    Case("E-04", add_field("prior.three_public_total", "-100"), field("prior.three_public_total")),
    Case("E-06", put_field("prior.income_expenditure_grand_total", "39274300.00"),
         field("prior.income_expenditure_grand_total")),
    Case("E-05", move_below_zero("t2", "2070108", "2070109", "other"), at("t2", "2070108", "other")),
    # ------------------------------------------------------------------ texts
    Case("W-01", put_field("reasons.total_change", "XX局人员增加"), field("reasons.total_change")),
    Case("W-01", put_field("reasons.total_change", "主要原因是……"), field("reasons.total_change")),
    Case("W-02", put_field("reasons.total_change", "与2019年相比人员增加"), field("reasons.total_change")),
    Case("W-03", put_field("reasons.total_change", "人员增加。。"), field("reasons.total_change")),
    Case("W-04", lambda e: e.rename("t3", "2070108", "#N/A"), row("t3", "2070108"), frozenset({"C-03"})),
    Case("W-04", put_field("reasons.total_change", "#REF!"), field("reasons.total_change")),
    # ------------------------------------------------------------------ the bureau's catalogue
    Case("C-04", lambda e: None, row("t5", "2080505"), catalogue=lambda a: catalogue_of(a, without="2080505")),
    Case("C-04", lambda e: e.rename("t5", "2080505", "机关事业单位职业年金缴费支出"), row("t5", "2080505"),
         catalogue=catalogue_of),
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


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{n}" for n, c in enumerate(CASES)])
def test_mutation_breaks_the_rule(case: Case, workbooks: Workbooks) -> None:
    path, editor = workbooks.mutate(case.sample, case.edit, name=case.rule)
    catalogue = case.catalogue(editor.accounts) if case.catalogue else None
    report = run_checks(read_workbook(path), catalogue=catalogue)
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
