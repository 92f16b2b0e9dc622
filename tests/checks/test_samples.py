"""The bundled samples: the two seed departments as published, and the invented full example.

Seed 004 (安化县医疗保障局, anhua_2021) is checked with its published figures: its several 0.01
differences come from converting 元 to 万元 (the seed's own note: "本套报表金额单位转换时可能存在尾数
误差") and must be 提示, and its 表2 really names subject 22960 differently from 表3 and 表8.
"""

from __future__ import annotations

from decimal import Decimal

from generator.checks import INFO, run_checks
from generator.model import Cell
from generator.workbook.problems import WARNING

D = Decimal
T1, T2, T3, T4, T5, T6 = ("表1 收入支出决算总表", "表2 收入决算表", "表3 支出决算表", "表4 财政拨款收入支出决算总表",
                          "表5 一般公共预算财政拨款支出决算表", "表6 一般公共预算财政拨款基本支出决算明细表")

# (rule, cell, left, right) of every rounding note of seed 004, with the published figures
ANHUA_ROUNDING = {
    ("T1-03", Cell(T1, "F32"), D("6866.94"), D("6866.93")),  # 本年支出合计 vs 9.07+406.54+5198.28+30.65+1222.39
    ("T3-02", Cell(T3, "C6"), D("6866.94"), D("6866.93")),  # 表3 合计 vs its classes
    ("T3-02", Cell(T3, "D6"), D("1048.87"), D("1048.86")),  # 表3 合计 基本支出 vs its classes
    ("T3-02", Cell(T3, "C24"), D("668.62"), D("668.63")),  # 21015 vs 45.00+166.00+19.78+437.85
    ("T3-02", Cell(T3, "D24"), D("502.62"), D("502.63")),
    ("T4-03", Cell(T4, "C37"), D("5909.91"), D("5909.92")),  # 总计 vs 5844.03 + 65.89
    ("T4-08", Cell(T4, "G37"), D("5644.54"), D("5644.55")),  # 一般公共预算: 总计 vs 5578.66 + 65.89
    ("T5-02", Cell(T5, "C24"), D("668.62"), D("668.63")),
    ("T5-02", Cell(T5, "D24"), D("502.62"), D("502.63")),
    ("T6-01", Cell(T6, "C5"), D("583.27"), D("583.28")),  # 301 vs its 5-digit subjects
    ("T6-01", Cell(T6, "F5"), D("366.23"), D("366.22")),  # 302 vs its 5-digit subjects
    ("X-T5-T6-01", Cell(T5, "D6"), D("965.60"), D("965.61")),  # 表5 基本支出 vs 599.38 + 366.23
}


def test_hongshan_reconciles_exactly(sample_accounts) -> None:
    report = run_checks(sample_accounts["hongshan_2021"])
    assert report.findings == (), [str(f) for f in report.findings]


def test_example_full_reconciles_exactly(sample_accounts) -> None:
    report = run_checks(sample_accounts["example_full"])
    assert report.findings == (), [str(f) for f in report.findings]
    assert not report.has_errors


def test_anhua_has_no_error(sample_accounts) -> None:
    report = run_checks(sample_accounts["anhua_2021"])
    assert not report.has_errors
    assert report.errors == ()


def test_anhua_rounding_differences_are_notes_not_errors(sample_accounts) -> None:
    report = run_checks(sample_accounts["anhua_2021"])
    infos = {(f.rule_id, f.cell, f.left, f.right) for f in report.infos}
    assert infos == ANHUA_ROUNDING
    for f in report.infos:
        assert abs(f.difference) == D("0.01")
        assert "尾数误差" in f.message


def test_anhua_names_22960_differently_in_table_2(sample_accounts) -> None:
    """Published seed 004: 表2 prints 22960 as 用于城乡医疗救助的彩票公益金支出 (the name of its 项 2296013),
    表3 and 表8 as 彩票公益金安排的支出. A real finding, reported as a warning on 表2's row."""
    accounts = sample_accounts["anhua_2021"]
    assert accounts.t2_income.row("22960").name == "用于城乡医疗救助的彩票公益金支出"
    assert accounts.t3_expenditure.row("22960").name == "彩票公益金安排的支出"
    assert accounts.t8_government_fund.row("22960").name == "彩票公益金安排的支出"
    report = run_checks(accounts)
    assert [(f.rule_id, f.severity) for f in report.warnings] == [("C-03", WARNING)]
    (finding,) = report.warnings
    assert (finding.table, finding.code, finding.name) == ("表2", "22960", "用于城乡医疗救助的彩票公益金支出")
    assert finding.cell is not None and finding.cell.sheet == T2 and finding.cell.address.endswith("31")
    assert "彩票公益金安排的支出" in finding.message and "表3、表8" in finding.message


def test_only_rounding_notes_and_the_real_warning_in_seeds(sample_accounts) -> None:
    for name in ("anhua_2021", "hongshan_2021"):
        report = run_checks(sample_accounts[name])
        assert {f.severity for f in report.findings} <= {INFO, WARNING}
