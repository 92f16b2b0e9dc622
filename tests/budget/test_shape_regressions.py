"""Budgets unlike the sample that the rules got wrong (found by the budget
shape sweep, tests/shapes/test_budget_shapes.py): each a focused change of the sample."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from generator.document_kinds.budget import model as M
from generator.document_kinds.budget.reader import read_budget
from generator.document_kinds.budget.rules import check_budget
from generator.model import ZERO, Line

from .conftest import SAMPLE


def _set(line: Line, **values: str) -> Line:
    amounts = {k: Decimal(v) for k, v in values.items()}
    return dataclasses.replace(line, values={**line.values, **amounts}, blank=line.blank - set(amounts))


def _with_lines(budget: M.BudgetModel, table: str, **changes: dict[str, str]) -> M.BudgetModel:
    attribute = {"t1": "t1_appropriation_summary", "t6": "t6_income_expenditure_summary"}[table]
    lines_table = getattr(budget, attribute)
    lines = dict(lines_table.lines)
    for key, values in changes.items():
        lines[key.replace("__", ".")] = _set(lines[key.replace("__", ".")], **values)
    return dataclasses.replace(budget, **{attribute: dataclasses.replace(lines_table, lines=lines)})


def _record(texts: dict[str, str], **amounts: str) -> M.Record:
    return M.Record(texts, {k: Decimal(v) for k, v in amounts.items()}, {})


def _rules_found(budget: M.BudgetModel) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in check_budget(budget).findings:
        found.setdefault(f.rule_id, []).append(str(f))
    return found


def test_purchases_of_the_basic_spending_are_summed_against_the_public_funds():
    """B-X-13/B-X-15 compared each 基本支出 row of 表10/表11, keyed by its own name, with a 公用经费 keyed by
    nothing: every basic-spending purchase was “大于（无 … 科目，按 0 计） 0.00”. Now their sum is compared."""
    budget, _ = read_budget(SAMPLE)  # 公用经费 667.02
    rows = (_record({"item": "办公设备", "category": "货物", "spending": "基本支出", "project": ""}, total="300.00"),
            _record({"item": "办公家具", "category": "货物", "spending": "基本支出", "project": ""}, total="300.00"))
    within = dataclasses.replace(budget, t10_procurement=M.RecordTable("", rows, _record({}, total="600.00")))
    assert "B-X-13" not in _rules_found(within)
    services = M.RecordTable("", (_record({"name": "物业服务", "spending": "基本支出"}, total="667.02"),),
                             _record({}, total="667.02"))
    assert "B-X-15" not in _rules_found(dataclasses.replace(budget, t11_purchased_services=services))
    over = dataclasses.replace(rows[1], amounts={"total": Decimal("400.00")})
    beyond = dataclasses.replace(budget, t10_procurement=M.RecordTable("", (rows[0], over),
                                                                       _record({}, total="700.00")))
    findings = _rules_found(beyond)["B-X-13"]
    assert len(findings) == 1 and "700.00" in findings[0] and "667.02" in findings[0] and "无" not in findings[0]


def test_last_years_carryover_of_the_general_budget_is_part_of_table_2():
    """表2 (the 一般公共预算 spent) = this year's 一般公共预算财政拨款 + its 结余结转: B-X-01 demanded 表2 = the
    appropriation alone, so no department with a carryover could pass, while the text prints 本年预算 = 表2 − 结转."""
    budget, _ = read_budget(SAMPLE)  # 表2 合计 4937.30
    carried = _with_lines(budget, "t1", income__general_budget={"total": "4837.30"},
                          income__income_total={"total": "4837.30"}, income__carryover={"total": "100.00"},
                          income__carryover_general_budget={"total": "100.00"})
    assert "B-X-01" not in _rules_found(carried)
    wrong = _with_lines(carried, "t1", income__carryover_general_budget={"total": "50.00"},
                        income__carryover={"total": "50.00"}, income__income_grand_total={"total": "4887.30"})
    assert any("表2「合计」" in f for f in _rules_found(wrong)["B-X-01"])


def test_last_years_carryover_of_government_funds_is_part_of_table_5():
    """B-X-07 likewise: 表5 = 政府性基金预算财政拨款 + 政府性基金预算结余结转 − 结转下年."""
    budget, _ = read_budget(SAMPLE)
    t5 = budget.t5_government_fund
    row = Line("2296013", "2296013", "用于城乡医疗救助的彩票公益金支出",
               {"total": Decimal("120.50"), "basic": ZERO, "project": Decimal("120.50")}, {})
    funded = dataclasses.replace(budget, t5_government_fund=dataclasses.replace(
        t5, total=_set(t5.total, total="120.50", project="120.50"), rows=(row,)))
    funded = _with_lines(funded, "t1", income__gov_fund={"total": "100.00"},
                         income__carryover_gov_fund={"total": "20.50"})
    assert "B-X-07" not in _rules_found(funded)
    assert "B-X-07" in _rules_found(_with_lines(funded, "t1", income__carryover_gov_fund={"total": "20.00"}))


def test_a_government_fund_project_names_its_subject_in_table_5():
    """B-X-11 looked for every project's subject in 表2: a project of 政府性基金预算 (its subject in 表5) was
    refused. A state-capital project (no table of its own) names a subject whose class 表6 spends on."""
    budget, _ = read_budget(SAMPLE)
    t5 = budget.t5_government_fund
    row = Line("2296013", "2296013", "用于城乡医疗救助的彩票公益金支出",
               {"total": Decimal("120.50"), "basic": ZERO, "project": Decimal("120.50")}, {})
    funded = dataclasses.replace(budget, t5_government_fund=dataclasses.replace(
        t5, total=_set(t5.total, total="120.50", project="120.50"), rows=(row,)))
    t9 = funded.t9_project_expenditure
    lottery = _record({"name": "彩票公益金医疗救助", "unit_name": "武汉市医疗保险中心", "kind": "部门项目",
                       "subject": "2296013"}, total="120.50", gov_fund="120.50")
    capital = _record({"name": "国企退休人员补助", "unit_name": "武汉市医疗保险中心", "kind": "部门项目",
                       "subject": "2101599"}, total="10.00", other="10.00")
    nowhere = _record({"name": "无处列支", "unit_name": "武汉市医疗保险中心", "kind": "部门项目",
                       "subject": "2120801"}, total="10.00", other="10.00")
    changed = dataclasses.replace(funded, t9_project_expenditure=dataclasses.replace(
        t9, records=(*t9.records, lottery, capital, nowhere)))
    findings = _rules_found(changed)["B-X-11"]
    assert len(findings) == 1 and "无处列支" in findings[0] and "2120801" in findings[0]
    wrong = dataclasses.replace(lottery, texts={**lottery.texts, "subject": "2101506"})
    found = _rules_found(dataclasses.replace(funded, t9_project_expenditure=dataclasses.replace(
        t9, records=(*t9.records, wrong))))["B-X-11"]
    assert len(found) == 1 and "表5" in found[0]


def test_the_reason_rules_compare_this_years_budget_as_the_text_does():
    """With a 上年结转 the text compares 本年预算 (表2 − 一般公共预算结余结转) with last year's budget; B-S-05/B-S-06
    compared 表2 合计: a reason the text would drop (持平) went unreported and one it needs was called unused."""
    budget, _ = read_budget(SAMPLE)  # 表2 合计 4937.30
    carried = _with_lines(budget, "t1", income__general_budget={"total": "4837.30"},
                          income__income_total={"total": "4837.30"}, income__carryover={"total": "100.00"},
                          income__carryover_general_budget={"total": "100.00"})
    flat = dataclasses.replace(carried, narrative=dataclasses.replace(
        carried.narrative, prior_general_budget=Decimal("4837.30"), general_budget_reason="主要是项目支出减少"))
    warned = [f for f in check_budget(flat).by_rule("B-S-06") if "一般公共预算" in str(f)]
    assert len(warned) == 1 and "持平" in str(warned[0])
    changed = dataclasses.replace(carried, narrative=dataclasses.replace(
        carried.narrative, prior_general_budget=Decimal("4937.30"), general_budget_reason=""))
    assert [f for f in check_budget(changed).by_rule("B-S-05") if "一般公共预算" in str(f)]
    assert not [f for f in check_budget(changed).by_rule("B-S-06") if "一般公共预算" in str(f)]
