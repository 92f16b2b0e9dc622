"""Forms as data: selection by year and layout, the reader, the blank workbook and the checks follow them."""

from __future__ import annotations

import copy
import dataclasses
import json

import openpyxl
import pytest

from generator import forms
from generator.checks import run_checks
from generator.checks.declarations import FormHasTable
from generator.checks.rules import RULES
from generator.cli import main
from generator.layouts import available_layouts
from generator.workbook import layout as L
from generator.workbook.reader import read_workbook, read_workbook_with_problems
from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path


def _data(name: str) -> dict:
    return json.loads((SAMPLES / "data" / f"{name}.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------- selection


@pytest.mark.parametrize(("year", "layout", "form_id"), [
    (2017, "湖南", "hunan_2019"), (2019, "湖南", "hunan_2019"), (2020, "湖南", "hunan_2021"),
    (2021, "湖南", "hunan_2021"), (2030, "湖南", "hunan_2021"), (2021, "湖北", "hubei_2021"),
    (2024, "上海", "shanghai_2024"),
])
def test_year_and_layout_select_the_form(year, layout, form_id):
    assert forms.form_for(year, layout).id == form_id


def test_a_year_no_form_covers_is_a_message_listing_the_forms():
    with pytest.raises(forms.FormError) as exc:
        forms.form_for(2019, "湖北")
    message = str(exc.value)
    assert "2019" in message and "湖北" in message
    assert all(f"{f.layout} {f.years}" in message for f in forms.all_forms())


def test_every_layout_has_a_form_for_its_current_years():
    for layout in available_layouts():
        assert forms.find_form(2024, layout) is not None, layout


def test_overlapping_year_ranges_are_refused():
    a = forms.form_by_id("hunan_2019")
    b = dataclasses.replace(a, id="hunan_2018", first_year=2018, last_year=2020)
    with pytest.raises(forms.FormError, match="重叠"):
        forms._check_overlaps((a, b))


def test_a_form_file_may_only_change_what_a_form_declares():
    head = 'name="x"\nlayout="湖南"\nclasses=["201"]\n'
    with pytest.raises(forms.FormError, match="表没有“left_columns_x”"):
        forms.parse_form("x", head + "[tables.t1]\nleft_columns_x=1\n")
    with pytest.raises(forms.FormError, match="未知的项“outlines”"):
        forms.parse_form("x", head + "outlines=[]\n")
    with pytest.raises(forms.FormError, match="未知的表"):
        forms.parse_form("x", head + 'table_set=["t10"]\n')
    assert forms.parse_form("x", head + '[tables.t6]\ntitle="某表"\n').table("t6").title == "某表"


def test_the_2019_form_differs_from_2021_as_seed_001_shows():
    old, new = forms.form_by_id("hunan_2019"), forms.form_by_id("hunan_2021")
    assert [t.table for t in old.tables] == ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]
    assert new.has_table("t9") and not old.has_table("t9")
    t1_keys = {ln.key for ln in old.lines("t1")}
    assert "inc_state_capital" not in t1_keys and "inc_state_capital" in {ln.key for ln in new.lines("t1")}
    labels = {ln.key: ln.label for ln in old.lines("t1")}
    assert labels["use_non_appropriation_balance"] == "用事业基金弥补收支差额"
    assert [c.key for c in old.table("t4").right_columns] == ["total", "general_budget", "gov_fund"]
    assert old.class_ordinal("229") == 22 and new.class_ordinal("229") == 23  # 二十二、其他支出 in 2019
    assert old.class_ordinal("208") == 8 and old.class_ordinal("223") == 0
    assert old.section_keys()[8:10] == ("performance", "other_matters")


# ----------------------------------------------------------------------------------- the reader


def test_seed_001_as_published_reads_and_check_reports_its_table_errors(tmp_path, capsys):
    accounts, problems = read_workbook_with_problems(sample_path("shifeng_2019"))
    assert accounts is not None
    assert [p for p in problems if p.severity == "错误"] == []
    assert accounts.form is not None and accounts.form.id == "hunan_2019"
    assert "表9 国有资本经营预算财政拨款支出决算表" not in openpyxl.load_workbook(
        sample_path("shifeng_2019"), read_only=True).sheetnames
    assert "gov_fund" not in accounts.t4_appropriation_summary.line("expenditure_total").cells  # two columns
    report = run_checks(accounts)
    found = {(f.rule_id, f.code, f.column) for f in report.errors}
    # 表2: 21015 prints 249.00 of 财政拨款收入 while its 项 rows hold 309.19
    assert ("T2-01", "21015", "本年收入合计") in found
    assert ("T2-02", "21015", "财政拨款收入") in found
    # 表3: 基本支出 of 卫生健康支出 left blank while 行政运行 has 60.19
    assert ("T3-01", "210", "本年支出合计") in found
    assert ("T3-02", "21015", "基本支出") in found
    # 表5: 基本/项目 filled for only some rows
    assert {code for rule, code, _ in found if rule == "T5-01"} >= {"20801", "2080102", "20811", "20899"}
    assert not any(f.rule_id.startswith(("T9", "X-T4-T9")) for f in report.findings)
    assert main(["check", str(sample_path("shifeng_2019")), "-o", str(tmp_path)]) == 1
    assert "T2-01" in capsys.readouterr().out


def test_the_corrected_seed_001_has_no_error():
    report = run_checks(read_workbook(sample_path("shifeng_2019_corrected")))
    assert report.errors == ()


def _with_line(data: dict, table: str, side: str, at: int, line: list) -> dict:
    data = copy.deepcopy(data)
    data[table][side].insert(at, line)
    return data


def test_a_line_of_another_form_is_a_message_naming_sheet_and_cell(tmp_path):
    data = _with_line(_data("shifeng_2019_corrected"), "t1", "left", 2, ["三、国有资本经营预算财政拨款收入", 3, "1.00"])
    path = tmp_path / "w.xlsx"
    write_workbook(path, data)
    _, problems = read_workbook_with_problems(path)
    found = [p for p in problems if p.kind.id == "line-not-in-form"]
    assert len(found) == 1 and found[0].severity == "错误"
    assert found[0].cell.sheet == L.T1.sheet and found[0].cell.address == "A8"
    assert "湖南 2020年度起" in found[0].message and "2019年度及以前" in found[0].message
    assert "工作表「表1 收入支出决算总表」单元格 A8" in str(found[0])


def test_a_blank_line_of_another_form_is_only_a_warning(tmp_path):
    data = _with_line(_data("shifeng_2019_corrected"), "t1", "right", 20, ["二十一、国有资本经营预算支出", 21, None])
    path = tmp_path / "w.xlsx"
    write_workbook(path, data)
    accounts, problems = read_workbook_with_problems(path)
    assert [p.kind.id for p in problems if p.severity == "错误"] == []
    assert [p.kind.id for p in problems] == ["line-not-in-form-blank"]
    assert accounts.t1_income_expenditure_summary.class_line("223") is None


def test_a_line_of_no_form_is_unknown(tmp_path):
    data = _with_line(_data("shifeng_2019_corrected"), "t1", "left", 2, ["三、彩票收入", 3, "1.00"])
    path = tmp_path / "w.xlsx"
    write_workbook(path, data)
    _, problems = read_workbook_with_problems(path)
    assert [p.kind.id for p in problems if p.severity == "错误"] == ["line-unknown"]


def test_a_2021_workbook_still_needs_its_table_9(tmp_path):
    path = tmp_path / "w.xlsx"
    write_workbook(path, _data("anhua_2021"))
    wb = openpyxl.load_workbook(path)
    del wb[L.T9.sheet]
    wb.save(path)
    accounts, problems = read_workbook_with_problems(path)
    assert accounts is None and [p.details["sheet"] for p in problems if p.kind.id == "sheet-missing"] == [L.T9.sheet]


def test_a_year_without_form_is_reported_at_the_year_cell(tmp_path):
    data = _data("hongshan_2021")
    data["info"]["year"] = 2019
    path = tmp_path / "w.xlsx"
    write_workbook(path, data)
    _, problems = read_workbook_with_problems(path)
    found = [p for p in problems if p.kind.id == "form-unknown"]
    assert len(found) == 1 and found[0].cell.sheet == "基本信息" and "湖南 2019年度及以前" in found[0].message


# ----------------------------------------------------------------------------------- the blank workbook


def test_blank_workbook_for_the_2019_form_reads_back_with_the_form_lines(tmp_path):
    path = tmp_path / "blank.xlsx"
    assert main(["template-xlsx", str(path), "--year", "2019", "--layout", "湖南"]) == 0
    wb = openpyxl.load_workbook(path, read_only=True)
    form = forms.form_by_id("hunan_2019")
    assert [n for n in wb.sheetnames if n.startswith("表")] == [t.sheet for t in form.tables]
    t1 = [[c for c in row] for row in wb[L.T1.sheet].iter_rows(min_row=6, values_only=True)]
    right = [r[3] for r in t1 if r[3]]
    assert right[:24] == [f"{forms_cn(i)}、{name}" for i, name in enumerate(_class_names(form), 1)]
    assert "二十二、其他支出" in right and "用事业基金弥补收支差额" in [r[0] for r in t1]
    numbers = [r[1] for r in t1 if r[1]] + [r[4] for r in t1 if r[4]]
    assert numbers == list(range(1, len(numbers) + 1))  # 行次 down the income side, on down the expenditure side
    wb.close()
    wb = openpyxl.load_workbook(path)
    ws = wb["基本信息"]
    for row in ws.iter_rows(min_row=3):
        if row[0].value == "部门名称":
            row[1].value = "测试局"
        if row[0].value == "决算年度":
            assert row[1].value == 2019  # the year asked for
        if row[0].value == "公开格式":
            assert row[1].value == "湖南"
    wb.save(path)
    accounts, problems = read_workbook_with_problems(path)
    assert accounts is not None and accounts.form.id == "hunan_2019"
    assert [p for p in problems if p.kind.id.startswith("line-")] == []


def forms_cn(i: int) -> str:
    from generator.workbook.template import _cn

    return _cn(i)


def _class_names(form):
    from generator import catalog

    return [catalog.class_by_code(c).name for c in form.classes]


def test_template_xlsx_refuses_a_year_no_form_covers(tmp_path, capsys):
    assert main(["template-xlsx", str(tmp_path / "x.xlsx"), "--year", "2019", "--layout", "湖北"]) == 2
    assert "已登记的表样" in capsys.readouterr().out and not (tmp_path / "x.xlsx").exists()
    assert main(["template-xlsx", str(tmp_path / "y.xlsx"), "--form", "hunan_2019"]) == 0


# ----------------------------------------------------------------------------------- the checks


def test_every_rule_reading_table_9_is_conditioned_on_the_form():
    for rule in RULES:
        reads_t9 = "'t9'" in repr(rule.checks) and "CODED" not in rule.id
        if reads_t9 and rule.id.startswith(("T9", "X-T4-T9")):
            assert FormHasTable("t9") in rule.when, rule.id


def test_form_condition_holds_by_the_workbook_form():
    shifeng = read_workbook(sample_path("shifeng_2019_corrected"))
    anhua = read_workbook(sample_path("anhua_2021"))
    from generator.checks.declarations import Context
    from generator.checks.findings import DEFAULT_SETTINGS

    assert not FormHasTable("t9").holds(Context(shifeng, DEFAULT_SETTINGS))
    assert FormHasTable("t9").holds(Context(anhua, DEFAULT_SETTINGS))
    assert FormHasTable("t9").describe() == "本年度表样有表9时"
