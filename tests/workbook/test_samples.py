"""The bundled samples read into models whose figures are the published ones.

Expected values are typed from the seed documents (seed 000 洪山区, seed 004 安化县), never taken
from the reader's own output.
"""

from __future__ import annotations

from decimal import Decimal as D

from generator.workbook.layout import T1_INCOME_SOURCES


def test_hongshan_table1_as_published(hongshan):
    t1 = hongshan.t1_income_expenditure_summary
    assert hongshan.info.name == "武汉市洪山区医疗保障局"
    assert hongshan.info.year == 2021
    assert hongshan.info.layout == "湖北"
    assert t1.amount("inc_general_budget") == D("544.99")
    assert t1.amount("inc_gov_fund") == D("2.00")
    assert t1.amount("income_total") == D("546.99")
    assert t1.amount("income_grand_total") == D("546.99")
    assert t1.amount("expenditure_grand_total") == D("546.99")
    assert {c.code: c["amount"] for c in t1.classes if c["amount"]} == {
        "208": D("10.95"), "210": D("534.04"), "229": D("2.00")}
    assert len(t1.classes) == 26
    # blank cells stay blank (printed blank, not 0.00), zeros printed as 0.00 stay zeros
    assert "amount" in t1.line("inc_state_capital").blank
    assert "amount" not in t1.class_line("201").blank


def test_hongshan_coded_tables_as_published(hongshan):
    t2, t3, t5 = hongshan.t2_income, hongshan.t3_expenditure, hongshan.t5_general_budget_expenditure
    assert t2.total["total"] == D("546.99") and t2.total["appropriation"] == D("546.99")
    assert t2.row("2101301")["total"] == D("282.62")
    assert t2.row("2080505").name == "机关事业单位基本养老保险缴费支出"
    assert [r.code for r in t3.rows][:3] == ["208", "20805", "2080505"]
    assert (t3.total["total"], t3.total["basic"], t3.total["project"]) == (D("546.99"), D("238.75"), D("308.24"))
    assert (t5.total["total"], t5.total["basic"], t5.total["project"]) == (D("544.99"), D("238.75"), D("306.24"))
    assert hongshan.t8_government_fund.total["income"] == D("2.00")
    assert hongshan.t8_government_fund.row("2296013")["project"] == D("2.00")
    assert hongshan.t9_state_capital.rows == ()
    t6 = hongshan.t6_general_budget_basic_expenditure
    assert t6.personnel_total["amount"] == D("192.68")
    assert t6.public_total["amount"] == D("46.07")
    assert t6.row("30103")["amount"] == D("73.24")
    assert t6.row("30226")["amount"] == D("20.69")


def test_hongshan_table4_and_supplements(hongshan):
    t4 = hongshan.t4_appropriation_summary
    assert t4.amount("income_total") == D("546.99")
    assert t4.line("expenditure_total")["general_budget"] == D("544.99")
    assert t4.line("expenditure_total")["gov_fund"] == D("2.00")
    assert t4.class_line("229")["gov_fund"] == D("2.00")
    assert hongshan.prior.income_expenditure_grand_total == D("2270.24")  # 546.99 + 1723.25
    assert hongshan.office_cost.amount == D("46.07")
    assert hongshan.procurement.total == D("6.51")
    assert hongshan.info.staff_in_service == 6
    assert len(hongshan.info.functions) == 7
    assert {b.code: b.budget for b in hongshan.budget} == {"208": D("29.60"), "210": D("708.26")}
    projects = {e.name: (e.budget, e.executed) for e in hongshan.project_evaluations}
    assert projects["医疗救助项目"] == (D("350.00"), D("282.62"))
    assert hongshan.department_evaluation is not None
    assert hongshan.department_evaluation.budget == D("737.86")


def test_anhua_tables_as_published(anhua):
    t1 = anhua.t1_income_expenditure_summary
    assert anhua.info.layout == "湖南"
    assert t1.amount("income_total") == D("5986.91")
    assert sum(t1.amount(k) for k in T1_INCOME_SOURCES) == D("5986.91")
    assert t1.amount("carryover_begin") == D("939.81")
    assert t1.amount("income_grand_total") == D("6926.72")
    assert t1.amount("expenditure_total") == D("6866.94")
    assert t1.amount("carryover_end") == D("59.78")
    assert t1.class_line("229")["amount"] == D("1222.39")
    t2, t3 = anhua.t2_income, anhua.t3_expenditure
    assert (t2.total["total"], t2.total["appropriation"], t2.total["other"]) == (
        D("5986.91"), D("5844.03"), D("142.88"))
    assert (t3.total["total"], t3.total["basic"], t3.total["project"]) == (D("6866.94"), D("1048.87"), D("5818.07"))
    t4 = anhua.t4_appropriation_summary
    assert t4.amount("income_grand_total") == D("5909.91")
    assert t4.amount("carryover_begin") == D("65.89")
    assert t4.amount("carryover_begin_general_budget") == D("65.89")
    t5 = anhua.t5_general_budget_expenditure
    assert (t5.total["total"], t5.total["basic"], t5.total["project"]) == (D("5644.54"), D("965.60"), D("4678.94"))
    t6 = anhua.t6_general_budget_basic_expenditure
    assert (t6.personnel_total["amount"], t6.public_total["amount"]) == (D("599.38"), D("366.23"))
    t7 = anhua.t7_three_public
    assert t7.budget["total"] == D("12.35") and t7.budget["reception"] == D("12.35")
    assert t7.actual["total"] == D("12.00") and t7.actual["reception"] == D("12.00")
    assert "outbound" in t7.actual.blank
    assert anhua.t8_government_fund.total["total"] == D("265.37")
    # seed 004 names 22960 differently in 表2 and 表3: the reader keeps what was published
    assert anhua.t2_income.row("22960").name == "用于城乡医疗救助的彩票公益金支出"
    assert anhua.t3_expenditure.row("22960").name == "彩票公益金安排的支出"


def test_example_full_exercises_every_source(example_full):
    t1 = example_full.t1_income_expenditure_summary
    assert all(t1.amount(k) > 0 for k in T1_INCOME_SOURCES)
    for key in ("use_non_appropriation_balance", "carryover_begin", "surplus_distribution", "carryover_end"):
        assert t1.amount(key) > 0, key
    assert example_full.t9_state_capital.total["total"] > 0
    assert all(example_full.t7_three_public.actual[k] > 0 for k in ("outbound", "vehicle_purchase",
                                                                      "vehicle_operation", "reception"))
    assert len(example_full.project_evaluations) >= 3
    assert example_full.info.layout == "上海"
