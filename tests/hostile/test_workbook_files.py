"""Workbook files that are not what their name says, damaged or tampered packages: one precise
Chinese message each, naming the sheet or cell where there is one, never a traceback."""

from __future__ import annotations

import re
import zipfile

import pytest

from generator import cli
from generator.workbook.reader import read_workbook_with_problems
from tests.conftest import sample_path
from tests.hostile.inputs import (
    SHEET_INFO,
    excel_like,
    members,
    rewrite,
    shared_index,
    sheet_part,
    write_members,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _errors(path):
    accounts, problems = read_workbook_with_problems(path)
    return accounts, [p for p in problems if p.severity == "错误"]


def _only(path, kind_id):
    _accounts, errors = _errors(path)
    assert [p.kind.id for p in errors] == [kind_id], [str(p) for p in errors]
    return errors[0]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The 洪山 sample as Excel saves it (texts in sharedStrings.xml)."""
    return excel_like(sample_path("hongshan_2021"), tmp_path_factory.mktemp("shared") / "shared.xlsx")


def test_excel_like_sample_reads_as_the_original(shared):
    accounts, errors = _errors(shared)
    assert not errors and accounts.info.name == "武汉市洪山区医疗保障局"


# ----------------------------------------------------------------------------- renamed files


def test_old_xls_renamed_xlsx(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le") + b"\0" * 400)
    problem = _only(path, "file-not-xlsx")
    assert ".xls" in problem.message and "另存为" in problem.kind.hint


def test_xlsx_named_xls_is_read(tmp_path, shared):
    # openpyxl refuses a path ending in .xls ("use xlrd"): the content decides, not the name
    path = tmp_path / "saved_as.xls"
    path.write_bytes(shared.read_bytes())
    accounts, errors = _errors(path)
    assert not errors and accounts.info.year == 2021


def test_web_page_exported_as_xls(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("<html><body><table><tr><td>部门</td></tr></table></body></html>", encoding="utf-8")
    assert "网页" in _only(path, "file-not-xlsx").message


@pytest.mark.parametrize(("parts", "word"), [
    ({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}, "Word"),
    ({"xl/workbook.bin": b"\0\1", "[Content_Types].xml": b"<Types/>"}, ".xlsb"),
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, ".ods"),
])
def test_other_office_files_named_xlsx(tmp_path, parts, word):
    path = write_members(tmp_path / "other.xlsx", parts)
    assert word in _only(path, "file-not-xlsx").message


def test_truncated_download(tmp_path, shared):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(shared.read_bytes()[:5000])
    _accounts, errors = _errors(path)
    assert len(errors) == 1 and CHINESE.search(errors[0].message)


def test_strict_open_xml_is_one_message(tmp_path, shared):
    strict = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    path = rewrite(shared, tmp_path / "strict.xlsx", {
        "xl/workbook.xml": lambda d: d.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", strict)})
    problem = _only(path, "file-strict")
    assert "Strict" in problem.message and "Excel 工作簿(*.xlsx)" in problem.kind.hint


# ----------------------------------------------------------------------------- tampered packages


def test_duplicate_member_names(tmp_path, shared):
    parts = list(members(shared).items())
    info_part = sheet_part(shared, SHEET_INFO)
    parts.append((info_part, dict(parts)[info_part].replace("武汉市".encode(), "假的".encode())))
    path = write_members(tmp_path / "dup.xlsx", parts)
    problem = _only(path, "package-defect")
    assert "两个同名部件" in problem.message and info_part in problem.message


def test_symlinked_member(tmp_path, shared):
    parts = members(shared)
    parts["xl/sharedStrings.xml"] = b"/etc/passwd"
    path = write_members(tmp_path / "link.xlsx", parts, modes={"xl/sharedStrings.xml": 0o120777})
    assert "符号链接" in _only(path, "package-defect").message


def test_empty_member(tmp_path, shared):
    path = rewrite(shared, tmp_path / "empty.xlsx", {"xl/sharedStrings.xml": lambda d: b""})
    assert "0 字节" in _only(path, "package-defect").message


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, EXTERNAL], ids=["amplification", "external"])
def test_entity_declarations(tmp_path, shared, prolog):
    def inject(data: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", data)
        return prolog + body.replace(b"<t xml:space=\"preserve\">", b"<t xml:space=\"preserve\">&lol3;&xxe;", 1)

    path = rewrite(shared, tmp_path / "entities.xlsx", {"xl/sharedStrings.xml": inject})
    problem = _only(path, "xml-entities")
    assert "xl/sharedStrings.xml" in problem.message and "实体" in problem.message


def test_shared_text_index_out_of_range_names_the_cell(tmp_path, shared):
    part = sheet_part(shared, SHEET_INFO)
    index = shared_index(shared, "武汉市洪山区医疗保障局")
    path = rewrite(shared, tmp_path / "oob.xlsx", {
        part: lambda d: d.replace(f't="s"><v>{index}</v>'.encode(), b't="s"><v>99999</v>', 1)})
    problem = _only(path, "cell-damaged")
    assert problem.cell.sheet == SHEET_INFO and problem.cell.address == "B3"
    assert "99999" in problem.message


def test_number_cell_holding_text_names_the_cell(tmp_path, shared):
    part = sheet_part(shared, "表1 收入支出决算总表")
    path = rewrite(shared, tmp_path / "comma.xlsx", {
        part: lambda d: re.sub(rb'(<c r="C\d+"[^>]*><v>)([0-9.]+)(</v>)', rb"\g<1>5,986.91\3", d, count=1)})
    problem = _only(path, "cell-damaged")
    assert problem.cell.sheet == "表1 收入支出决算总表" and problem.cell.address.startswith("C")
    assert "5,986.91" in problem.message


def test_broken_sheet_xml_names_the_sheet(tmp_path, shared):
    part = sheet_part(shared, "表3 支出决算表")
    path = rewrite(shared, tmp_path / "broken.xlsx", {part: lambda d: d.replace(b"</sheetData>", b"<row>")})
    _accounts, errors = _errors(path)
    assert errors and all("表3 支出决算表" in str(p) for p in errors), [str(p) for p in errors]


def test_two_sheets_of_one_name_after_trimming(tmp_path, shared):
    def add_copy(data: bytes) -> bytes:
        sheet = re.search(rb'<sheet [^>]*name="' + SHEET_INFO.encode() + rb'"[^>]*/>', data).group(0)
        copy = sheet.replace(SHEET_INFO.encode(), (SHEET_INFO + " ").encode()).replace(b'sheetId="', b'sheetId="9')
        return data.replace(b"</sheets>", copy + b"</sheets>")

    path = rewrite(shared, tmp_path / "twice.xlsx", {"xl/workbook.xml": add_copy})
    problem = _only(path, "sheet-duplicate")
    assert SHEET_INFO in problem.message


def test_sheet_name_with_trailing_space_is_read_with_a_warning(tmp_path, shared):
    encoded = SHEET_INFO.encode()
    path = rewrite(shared, tmp_path / "space.xlsx", {
        "xl/workbook.xml": lambda d: d.replace(b'name="' + encoded + b'"', b'name="' + encoded + b' "')})
    accounts, problems = read_workbook_with_problems(path)
    assert accounts is not None and accounts.info.name == "武汉市洪山区医疗保障局"
    assert [p.kind.id for p in problems] == ["sheet-renamed"]


def test_hidden_rows_and_sheets_holding_data_are_named(tmp_path, shared):
    part = sheet_part(shared, "表3 支出决算表")
    info = sheet_part(shared, SHEET_INFO)

    def hide_row(data: bytes) -> bytes:
        return re.sub(rb'<row r="8"', b'<row r="8" hidden="1"', data, count=1)

    path = rewrite(shared, tmp_path / "hidden.xlsx", {
        part: hide_row,
        "xl/workbook.xml": lambda d: d.replace(b'name="' + SHEET_INFO.encode() + b'" sheetId="2" state="visible"',
                                               b'name="' + SHEET_INFO.encode() + b'" sheetId="2" state="hidden"')})
    assert info
    _accounts, problems = read_workbook_with_problems(path)
    kinds = {p.kind.id: p for p in problems}
    assert kinds["row-hidden"].cell.sheet == "表3 支出决算表" and kinds["row-hidden"].cell.address.endswith("8")
    assert "隐藏" in kinds["row-hidden"].message
    assert SHEET_INFO in kinds["sheet-hidden"].message


def test_cli_never_shows_english_for_these(tmp_path, shared, capsys):
    part = sheet_part(shared, SHEET_INFO)
    path = rewrite(shared, tmp_path / "oob.xlsx", {part: lambda d: re.sub(rb't="s"><v>\d+</v>', b't="s"><v>99999</v>',
                                                                            d, count=1)})
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert "Traceback" not in out and "IndexError" not in out and "共享文本" in out
    assert not list((tmp_path / "o").rglob("*.docx"))


def test_zip_members_are_not_extracted(tmp_path, shared):
    # a member named like a path outside the folder is only ever read, never written anywhere
    parts = members(shared)
    parts["../../escape.txt"] = b"x"
    path = write_members(tmp_path / "slip.xlsx", parts)
    read_workbook_with_problems(path)
    assert not (tmp_path.parent / "escape.txt").exists()
    with zipfile.ZipFile(path) as zf:
        assert "../../escape.txt" in zf.namelist()


def _prefixed(data: bytes) -> bytes:
    """A part as .NET tools and some WPS versions write it: every tag with a namespace prefix."""
    data = data.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                        b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    return re.sub(rb"<(/?)(?!x:|\?|!)([A-Za-z]+)", rb"<\1x:\2", data)


def test_prefixed_namespaces_read_the_same_and_hidden_rows_are_still_found(tmp_path, shared):
    part = sheet_part(shared, "表3 支出决算表")
    edits = {name: _prefixed for name in members(shared) if name.startswith("xl/worksheets/")}
    edits["xl/sharedStrings.xml"] = _prefixed
    edits[part] = lambda d: _prefixed(re.sub(rb'<row r="8"', b'<row r="8" hidden="1"', d, count=1))
    accounts, problems = read_workbook_with_problems(rewrite(shared, tmp_path / "prefixed.xlsx", edits))
    assert accounts is not None and accounts.info.name == "武汉市洪山区医疗保障局"
    assert [p.kind.id for p in problems] == ["row-hidden"]
