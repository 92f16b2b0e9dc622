"""Cell values as a hurried accountant, Excel, WPS or a copy-paste leave them: cleaned where that is
safe (and said), refused with the cell where it is not; and the document that is written is clean."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from docx import Document

from generator import cli, model
from generator.workbook import layout as L
from generator.workbook.reader import read_workbook_with_problems
from tests.hostile.inputs import SHEET_INFO, cell_of, edited, workbook

NAME = "武汉市洪山区医疗保障局"
ORIGINAL_2101301 = "282.62"  # 表3 本年支出合计 of 2101301 in the 洪山 sample
# what must never reach a published document
DIRTY = re.compile("_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _read(path):
    accounts, problems = read_workbook_with_problems(path)
    return accounts, [p for p in problems if p.severity == "错误"], [p for p in problems if p.severity != "错误"]


def _set_name(value):
    def edit(data):
        data["info"]["name"] = value
    return edit


def document_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


# ----------------------------------------------------------------------------- text


@pytest.mark.parametrize(("typed", "warned"), [
    ("武汉市洪山区医_x0001_疗保障局", True),  # Excel's escape of a control character
    ("武汉市\u200f洪山区医疗保障局", True),  # a hidden right-to-left mark reverses the cover
    ("\ufeff武汉市洪山区\u200b医疗保障局\u202e", True),
    ("武汉市洪山区\n医疗保障局", True),  # Alt+Enter inside the name
])
def test_names_are_cleaned_and_the_cleaning_is_said(tmp_path, typed, warned):
    accounts, errors, warnings = _read(workbook(tmp_path / "w.xlsx", _set_name(typed)))
    assert not errors and accounts.info.name == NAME
    assert bool(warnings) == warned
    # the name is on every sheet ("部门：…"): said once, where it was typed first, not ten times
    assert len([w for w in warnings if w.kind.id == "text-invisible"]) <= 2


def test_reason_pasted_from_word_keeps_its_line_break(tmp_path):
    def edit(data):
        data["reasons"]["total_change"] = "人员增加_x000B_项目支出增加"

    accounts, errors, _ = _read(workbook(tmp_path / "w.xlsx", edit))
    assert not errors and accounts.reasons.total_change == "人员增加\n项目支出增加"


@pytest.mark.parametrize(("name", "why"), [
    ("医疗保障局" * 16, "超过 50 个字"),
    ("CON", "保留的设备名"),
    ("com1.局", "保留的设备名"),
    ("洪山区医疗保障局.", "句点或空格结尾"),
    ('洪山区"医疗"保障局?', "不能使用的符号"),
])
def test_names_that_cannot_be_folders_are_errors(tmp_path, name, why):
    _accounts, errors, _ = _read(workbook(tmp_path / "w.xlsx", _set_name(name)))
    assert [e.kind.id for e in errors] == ["name-unusable"] and why in errors[0].message
    assert errors[0].cell.sheet == SHEET_INFO


def test_a_name_too_long_for_a_file_writes_nothing(tmp_path, capsys):
    # 70–85 characters used to leave the report and four charts but no document ("File name too long")
    path = workbook(tmp_path / "w.xlsx", _set_name("湖南省安化县医疗保障局" * 7))
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE
    assert not [p for p in (tmp_path / "o").rglob("*") if p.suffix in (".docx", ".png")]
    out = capsys.readouterr().out
    assert "Traceback" not in out and "File name too long" not in out and "超过 50 个字" in out


def test_jinja_html_and_emoji_in_texts_are_printed_literally(tmp_path):
    tricky = "{{ 7*7 }}{% for x in range(9) %}<b>粗体</b>&amp; 😀"

    def edit(data):
        data["info"]["name"] = "洪山区医疗保障局😀"
        data["reasons"]["total_change"] = tricky
        data["info"]["functions"] = ["{{ department.name }}", "<script>alert(1)</script>"]

    path = workbook(tmp_path / "w.xlsx", edit)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_OK
    text = document_text(next((tmp_path / "o").rglob("*.docx")))
    assert tricky in text and "{{ department.name }}" in text and "<script>alert(1)</script>" in text
    assert "49" not in text.split(tricky)[0][-5:]  # nothing was evaluated
    assert not DIRTY.search(text)


def test_dirty_workbook_gives_a_clean_document(tmp_path):
    def edit(data):
        data["info"]["name"] = "武汉市\u200f洪山区_x0001_医疗保障局"
        data["reasons"]["total_change"] = "原因\u202e一_x000B_原因二_x0007_"

    path = workbook(tmp_path / "w.xlsx", edit)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_OK
    document = next((tmp_path / "o").rglob("*.docx"))
    text = document_text(document)
    assert NAME in text and not DIRTY.search(text)
    assert document.parent.parent.name == NAME


def test_very_long_texts_are_accepted(tmp_path):
    def edit(data):
        data["reasons"]["total_change"] = "因为" + "支出增加" * 5000

    accounts, errors, _ = _read(workbook(tmp_path / "w.xlsx", edit))
    assert not errors and len(accounts.reasons.total_change) == 20002


# ----------------------------------------------------------------------------- codes and amounts


def test_full_width_codes_and_amounts_are_the_same_codes(tmp_path):
    fw = str.maketrans("0123456789.,", "０１２３４５６７８９．，")

    def edit(wb):
        ws = wb[L.T3.sheet]
        for row in ws.iter_rows(min_row=1):
            code, amount = row[0], row[2]
            if isinstance(code.value, str) and code.value.isdigit():
                code.value = code.value.translate(fw)
                if isinstance(amount.value, float):
                    amount.value = f"{amount.value:,.2f}".translate(fw)

    accounts, errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    assert not errors, [str(e) for e in errors]
    assert str(accounts.t3_expenditure.row("2101301")["total"]) == ORIGINAL_2101301


AMOUNTS_TYPED = [  # (typed into 表3 本年支出合计, the problem, the amount read)
    ("282.62万元", None, "282.62"),
    (" 2,82.62 万 ", None, "282.62"),
    ("−0", None, "0.00"),
    ("-0.00", None, "0.00"),
    ("2832600元", "amount-with-unit", None),
    ("￥2,832,600", "amount-with-unit", None),
    ("28%", "amount-invalid", None),
    ("1e400", "amount-invalid", None),
    ("NaN", "amount-invalid", None),
    ("#N/A", "excel-error", None),  # an Excel error value: the rules name it as such
]


def test_amounts_typed_as_text(tmp_path):
    codes = []

    def edit(wb):
        ws = wb[L.T3.sheet]
        rows = [r for r in ws.iter_rows() if isinstance(r[0].value, str) and len(r[0].value) in (5, 7)
                and r[0].value.isdigit()]
        for row, (typed, _kind, _value) in zip(rows, AMOUNTS_TYPED, strict=False):
            row[2].value = typed
            codes.append((row[0].value, row[2].coordinate))

    accounts, errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    assert len(codes) == len(AMOUNTS_TYPED)
    for (code, address), (typed, kind, value) in zip(codes, AMOUNTS_TYPED, strict=True):
        found = [e for e in errors
                 if e.cell == model.Cell(L.T3.sheet, address) and e.kind.id.startswith(("amount", "excel"))]
        if kind is None:
            amount = accounts.t3_expenditure.row(code)["total"]
            assert str(amount) == value and not amount.is_signed(), typed  # never "-0.00" in a table
            assert not found, typed
        else:
            assert [e.kind.id for e in found] == [kind], typed


def test_number_in_a_date_formatted_cell_is_read_as_the_number(tmp_path):
    def edit(wb):
        ws = wb[L.T3.sheet]
        r, _ = cell_of(ws, "2101301")
        ws.cell(row=r, column=3).number_format = "yyyy-mm-dd hh:mm:ss"

    accounts, _errors, warnings = _read(edited(tmp_path / "w.xlsx", edit))
    assert str(accounts.t3_expenditure.row("2101301")["total"]) == ORIGINAL_2101301
    dated = [w for w in warnings if w.kind.id == "value-date-format"]
    assert dated and ORIGINAL_2101301 in dated[0].message and "1900" in dated[0].message


def test_publication_date_typed_as_a_date(tmp_path):
    def edit(wb):
        ws = wb[SHEET_INFO]
        r, _ = cell_of(ws, "公开日期")
        ws.cell(row=r, column=2, value=dt.datetime(2022, 9, 29))

    accounts, errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    assert not errors and accounts.info.publication_date == "2022年9月29日"


@pytest.mark.parametrize("year", [1900, 2999, "二〇二一"])
def test_year_out_of_range_says_what_to_type(tmp_path, year):
    def edit(wb):
        ws = wb[SHEET_INFO]
        r, _ = cell_of(ws, "决算年度")
        ws.cell(row=r, column=2, value=year)

    _accounts, errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    assert errors and all("下拉" not in e.kind.hint for e in errors)
    assert any("2021" in e.kind.hint or "整数" in e.kind.title for e in errors)


def test_huge_integer_is_refused_not_computed(tmp_path):
    def edit(wb):
        ws = wb[SHEET_INFO]
        r, _ = cell_of(ws, "在职实有人数（人）")
        ws.cell(row=r, column=2, value="1e999999999")

    _accounts, errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    assert [e.kind.id for e in errors] == ["integer-invalid"]


def test_negative_zero_float_cell(tmp_path):
    def edit(wb):
        ws = wb[L.T3.sheet]
        r, _ = cell_of(ws, "2101301")
        ws.cell(row=r, column=7, value=-0.0)

    accounts, _errors, _ = _read(edited(tmp_path / "w.xlsx", edit))
    value = accounts.t3_expenditure.row("2101301").values[L.T3.columns[5].key]
    assert value == Decimal("0") and not value.is_signed()


def test_huge_sheet_is_read_quickly(tmp_path):
    # a pasted export with thousands of blank formatted rows and a far-away stray cell
    def edit(wb):
        ws = wb[L.T3.sheet]
        for r in range(200, 5200):
            ws.cell(row=r, column=1, value=None).number_format = "0.00"
        ws.cell(row=5000, column=200, value=" ")

    import time

    path = edited(tmp_path / "w.xlsx", edit)
    started = time.perf_counter()
    accounts, errors, _ = _read(path)
    assert time.perf_counter() - started < 20
    assert not errors and accounts.t3_expenditure.row("2101301") is not None
