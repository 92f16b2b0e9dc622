"""Figures of the 情况说明: totals, shares, changes, completion, scores and the subjects used."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from generator import model
from generator.figures import (
    DEFAULT_GRADES,
    ChangeState,
    CompletionState,
    Grade,
    change,
    completion,
    compute_figures,
    evaluation_figures,
    grade_of,
    ratio,
    shares,
    subjects_used,
)

D = Decimal


# ------------------------------------------------------------------------------- building blocks


@pytest.mark.parametrize(("current", "base", "state", "amount", "percent"), [
    (D("546.99"), D("2270.24"), ChangeState.DECREASE, D("1723.25"), D("75.9")),
    (D("6926.72"), D("1016.96"), ChangeState.INCREASE, D("5909.76"), D("581.1")),
    (D("10.00"), D("10.00"), ChangeState.FLAT, D("0.00"), D("0.0")),
    (D("10.00"), None, ChangeState.NO_BASE, None, None),
    (D("10.00"), D("0.00"), ChangeState.FROM_ZERO, D("10.00"), None),
    (D("0.00"), D("0.00"), ChangeState.FLAT, D("0.00"), D("0.0")),
])
def test_change_states_never_divide_by_zero(current, base, state, amount, percent):
    c = change(current, base, 1)
    assert (c.state, c.amount, c.percent) == (state, amount, percent)


def test_change_percent_decimals():
    assert change(D("6926.72"), D("1016.96"), 2).percent == D("581.12")


def test_completion_with_zero_budget_has_its_own_state():
    c = completion(D("0.00"), D("9.07"), 2)
    assert c.state == CompletionState.BUDGET_ZERO and c.rate is None
    assert c.versus.state == ChangeState.FROM_ZERO
    c = completion(D("737.86"), D("544.99"), 1)
    assert c.state == CompletionState.COMPUTED and c.rate == D("73.9")
    assert c.versus.state == ChangeState.DECREASE and c.versus.amount == D("192.87")


def test_ratio_of_zero_whole():
    assert ratio(D("0"), D("0"), 1).percent is None
    assert ratio(D("0.79"), D("0.79"), 1).percent == D("100.0")


def test_shares_add_up_to_exactly_100():
    parts = shares([("a", "甲", D("1")), ("b", "乙", D("1")), ("c", "丙", D("1")), ("z", "零", D("0"))], 1)
    assert [p.share for p in parts] == [D("33.4"), D("33.3"), D("33.3"), D("0.0")]
    assert sum(p.share for p in parts) == D("100.0")


@pytest.mark.parametrize(("score", "label"), [
    (D("100"), "优"), (D("90"), "优"), (D("89.99"), "良"), (D("80"), "良"), (D("79.99"), "中"), (D("60"), "中"),
    (D("59.99"), "差"), (D("0"), "差"),
])
def test_grade_boundaries(score, label):
    assert grade_of(score, DEFAULT_GRADES) == label


def test_grade_labels_come_from_the_settings():
    shanghai = (Grade("优", D(90)), Grade("良", D(80)), Grade("合格", D(60)), Grade("不合格", D(0)))
    assert grade_of(D("61"), shanghai) == "合格"
    assert grade_of(D("12"), shanghai) == "不合格"


def _evaluation(**kw) -> model.Evaluation:
    base = dict(name="项目", is_department=False, competent_department="", implementing_unit="",
                budget=D("32.65"), executed=D("18.92"), execution_weight=D("20"), goal="", achieved="",
                goal_weight=D("20"), goal_score=D("20"), deviation_reason="", measures="", fund="",
                indicators=(), cell=model.Cell("绩效自评", "B2"))
    base.update(kw)
    return model.Evaluation(**base)


def test_execution_score_uses_the_unrounded_rate_and_is_capped():
    e = evaluation_figures(_evaluation(), 1)
    assert e.execution_rate == D("57.9")
    assert e.execution_score == D("11.59")  # 20 × 18.92 / 32.65 = 11.589…, seed 000 prints 11.59
    over = evaluation_figures(_evaluation(budget=D("80"), executed=D("86.40")), 1)
    assert over.execution_rate == D("108.0") and over.execution_score == D("20.00")


def test_execution_with_zero_budget():
    e = evaluation_figures(_evaluation(budget=D("0"), executed=D("5")), 1)
    assert e.execution_rate is None and e.execution_score == D("0")


def test_total_score_and_grade():
    indicators = tuple(model.Indicator("产出指标", "数量指标", f"指标{i}", "≥5次", "5次", D("10"), D(s),
                                       model.Cell("绩效指标", f"A{i}")) for i, s in enumerate(("10", "10", "20", "20")))
    e = evaluation_figures(_evaluation(indicators=indicators), 1)
    assert e.indicator_score == D("60") and e.indicator_weight == D("40")
    assert e.total_score == D("91.59") and e.grade == "优"


# ------------------------------------------------------------------------------- the samples


def test_hongshan_figures(hongshan):
    f = compute_figures(hongshan, percent_decimals=1)
    assert f.total.grand_total == D("546.99")
    assert (f.total.change.state, f.total.change.amount, f.total.change.percent) == \
        (ChangeState.DECREASE, D("1723.25"), D("75.9"))
    assert f.appropriation.grand_total == D("546.99") and f.appropriation.change.amount == D("1411.41")
    assert f.general_budget.total == D("544.99")
    assert f.general_budget.share_of_expenditure.percent == D("99.6")
    assert f.general_budget.completion.budget == D("737.86") and f.general_budget.completion.rate == D("73.9")
    by_class = {b.path.code: b for b in f.general_budget.by_class}
    assert by_class["208"].completion.rate == D("37.0") and by_class["210"].completion.rate == D("75.4")
    assert by_class["201"].completion.state == CompletionState.BUDGET_ZERO
    assert f.basic.personnel.amount == D("192.68") and f.basic.public.amount == D("46.07")
    assert f.office_cost.change.amount == D("10.13") and f.office_cost.change.percent == D("18.0")
    assert f.three_public.is_empty
    assert f.state_capital.is_empty and not f.gov_fund.is_empty
    assert f.procurement.sme_goods.percent == D("100.0")  # 0.79 / 0.79, not seed 000's 12.1%
    assert f.procurement.sme_works.percent is None  # no works bought: no percentage


def test_anhua_appropriation_share_of_expenditure(anhua):
    """Seed 004 prints 21.66%; the tables give 5644.54 / 6866.94 = 82.20%."""
    f = compute_figures(anhua, percent_decimals=2)
    assert f.general_budget.share_of_expenditure.percent == D("82.20")
    assert f.general_budget.completion.budget == D("614.19")
    assert f.basic.personnel.share == D("62.07") and f.basic.public.share == D("37.93")
    assert f.expenditure.parts[0].share == D("15.27") and f.expenditure.parts[1].share == D("84.73")
    items = {b.path.code: b for b in f.general_budget.by_item}
    assert items["2010710"].completion.state == CompletionState.BUDGET_ZERO
    assert items["2080109"].completion.rate == D("68.04")
    assert f.three_public.reception.change.amount == D("0.98")


@pytest.mark.parametrize("name", ["hongshan", "anhua", "example_full"])
def test_every_whole_sums_to_100(name, request):
    accounts = request.getfixturevalue(name)
    for decimals in (1, 2):
        f = compute_figures(accounts, percent_decimals=decimals)
        hundred = D(100).quantize(D(1).scaleb(-decimals))
        wholes = [f.income.parts, f.expenditure.parts, f.general_budget.classes, (f.basic.personnel, f.basic.public)]
        for parts in wholes:
            if any(p.amount for p in parts):
                assert sum(p.share for p in parts) == hundred, [(p.name, p.share) for p in parts]
        tp = f.three_public
        if tp.total.completion.actual:
            assert tp.outbound.share + tp.vehicle.share + tp.reception.share == hundred


def _expected_subjects(accounts: model.DepartmentAccounts) -> set[str]:
    """Leaf codes of the non-zero rows of 表2 and 表3, computed independently of figures."""
    codes = set()
    for table in (accounts.t2_income, accounts.t3_expenditure):
        codes |= {r.code for r in table.rows if any(v != 0 for v in r.values.values())}
    return {c for c in codes if not any(o != c and o.startswith(c) for o in codes)}


@pytest.mark.parametrize("name", ["hongshan", "anhua", "example_full"])
def test_subjects_used_are_the_leaves_of_tables_2_and_3(name, request):
    accounts = request.getfixturevalue(name)
    used = subjects_used(accounts)
    assert {s.code for s in used} == _expected_subjects(accounts)
    assert [s.code for s in used] == sorted(s.code for s in used)
    for s in used:
        assert s.class_name and (s.level != "项" or (s.kuan_name and s.item_name))


def test_subject_names_come_from_one_table(anhua):
    """表2 names 22960 differently from 表3; the path of 2296013 (only in 表3) uses 表3's names."""
    used = {s.code: s for s in subjects_used(anhua)}
    lottery = used["2296013"]
    assert (lottery.class_name, lottery.kuan_name, lottery.item_name) == \
        ("其他支出", "彩票公益金安排的支出", "用于城乡医疗救助的彩票公益金支出")


def test_economic_subjects_used_are_the_nonzero_rows(hongshan):
    f = compute_figures(hongshan)
    assert [u.name for u in f.personnel_used] == [
        "基本工资", "津贴补贴", "奖金", "机关事业单位基本养老保险缴费", "职工基本医疗保险缴费", "其他社会保障缴费",
        "住房公积金", "其他工资福利支出"]
    assert "公务接待费" not in {u.name for u in f.public_used}
    assert all(u.amount != 0 for u in (*f.personnel_used, *f.public_used))


def test_new_department_without_prior_year(hongshan):
    new = dataclasses.replace(hongshan, prior=model.PriorYear())
    f = compute_figures(new)
    for c in (f.total.change, f.appropriation.change, f.general_budget.change, f.office_cost.change,
              f.three_public.total.change, f.three_public.vehicle.change):
        assert c.state == ChangeState.NO_BASE and c.amount is None and c.percent is None


def test_performance_summary(example_full):
    f = compute_figures(example_full, percent_decimals=1)
    p = f.performance
    assert p.project_count == len(example_full.project_evaluations) == len(p.projects)
    assert sum(g.count for g in p.grade_counts) == p.project_count
    assert p.average_score == (sum(e.total_score for e in p.projects) / p.project_count).quantize(D("0.01"))
    assert p.department is not None and p.department.is_department
