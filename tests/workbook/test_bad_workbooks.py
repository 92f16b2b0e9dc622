"""Workbooks broken in one way each: one clear message naming the right cell, never a traceback."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from generator.workbook import layout as L
from generator.workbook.problems import WorkbookError
from generator.workbook.reader import read_workbook, read_workbook_with_problems
from generator.workbook.safety import inspect_package
from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path


def _edited(tmp_path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    target = tmp_path / "broken.xlsx"
    wb = openpyxl.load_workbook(sample_path("hongshan_2021"))
    edit(wb)
    wb.save(target)
    return target


def _cell_of(wb: openpyxl.Workbook, sheet: str, text: str) -> tuple[int, int]:
    for row in wb[sheet].iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text} not in {sheet}")


def _only_error(path: Path):
    _accounts, problems = read_workbook_with_problems(path)
    errors = [p for p in problems if p.severity == "错误"]
    assert len(errors) == 1, [str(p) for p in errors]
    with pytest.raises(WorkbookError):
        read_workbook(path)
    return errors[0]


def test_text_amount_names_its_cell(tmp_path):
    def edit(wb):
        r, _ = _cell_of(wb, L.T2.sheet, "2101301")
        wb[L.T2.sheet].cell(row=r, column=3, value="二百八十")

    problem = _only_error(_edited(tmp_path, edit))
    assert problem.kind.id == "amount-invalid"
    assert problem.cell.sheet == L.T2.sheet
    assert problem.cell.address.startswith("C")
    assert "二百八十" in problem.message


def test_text_amounts_with_separators_and_spaces_are_read(tmp_path):
    def edit(wb):
        r, _ = _cell_of(wb, L.T2.sheet, "2101301")
        wb[L.T2.sheet].cell(row=r, column=3, value=" 2,82.62 ")
        wb[L.T2.sheet].cell(row=r, column=4, value="282.62")

    accounts, problems = read_workbook_with_problems(_edited(tmp_path, edit))
    assert not [p for p in problems if p.severity == "错误"]
    assert str(accounts.t2_income.row("2101301")["total"]) == "282.62"
    assert str(accounts.t2_income.row("2101301")["appropriation"]) == "282.62"


def test_missing_sheet(tmp_path):
    problem = _only_error(_edited(tmp_path, lambda wb: wb.remove(wb[L.T3.sheet])))
    assert problem.kind.id == "sheet-missing"
    assert L.T3.sheet in problem.message


def test_renamed_header(tmp_path):
    def edit(wb):
        r, c = _cell_of(wb, L.T2.sheet, "事业收入")
        wb[L.T2.sheet].cell(row=r, column=c, value="业务收入")

    problem = _only_error(_edited(tmp_path, edit))
    assert problem.kind.id == "header-missing"
    assert "事业收入" in problem.message and problem.cell.sheet == L.T2.sheet


def test_invalid_code(tmp_path):
    def edit(wb):
        r, c = _cell_of(wb, L.T3.sheet, "2101502")
        wb[L.T3.sheet].cell(row=r, column=c, value="210150")

    problem = _only_error(_edited(tmp_path, edit))
    assert problem.kind.id == "code-invalid"
    assert problem.cell.address.startswith("A") and problem.cell.sheet == L.T3.sheet


def test_unknown_line_label(tmp_path):
    def edit(wb):
        r, c = _cell_of(wb, L.T1.sheet, "九、卫生健康支出")
        wb[L.T1.sheet].cell(row=r, column=c, value="九、医疗卫生杂项支出")

    path = _edited(tmp_path, edit)
    r, _ = _cell_of(openpyxl.load_workbook(path), L.T1.sheet, "九、医疗卫生杂项支出")
    problem = _only_error(path)
    assert problem.kind.id == "line-unknown"
    assert problem.cell.address == f"D{r}"


def test_formula_without_cached_value(tmp_path):
    def edit(wb):
        r, _ = _cell_of(wb, L.T2.sheet, "2101301")
        wb[L.T2.sheet].cell(row=r, column=4, value=f"=C{r}")

    problem = _only_error(_edited(tmp_path, edit))
    assert problem.kind.id == "formula-no-value"
    assert problem.cell.address.startswith("D")
    assert "Excel" in problem.kind.hint


def test_merged_cells_over_data(tmp_path):
    def edit(wb):
        r, _ = _cell_of(wb, L.T3.sheet, "2101301")
        wb[L.T3.sheet].merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)

    _accounts, problems = read_workbook_with_problems(_edited(tmp_path, edit))
    merged = [p for p in problems if p.kind.id == "merged-data"]
    assert len(merged) == 1 and merged[0].cell.sheet == L.T3.sheet


def test_required_department_name(tmp_path):
    def edit(wb):
        r, _ = _cell_of(wb, "基本信息", "部门名称")
        wb["基本信息"].cell(row=r, column=2).value = None

    problem = _only_error(_edited(tmp_path, edit))
    assert problem.kind.id == "value-required" and problem.cell.address.startswith("B")


def test_not_an_xlsx(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    problem = _only_error(path)
    assert problem.kind.id == "file-not-xlsx"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    problem = _only_error(path)
    assert problem.kind.id == "file-not-xlsx" and "为空" in problem.message


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert _only_error(path).kind.id == "file-encrypted"


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert _only_error(path).kind.id == "file-not-xlsx"


def test_expansion_bomb_is_refused_before_opening(tmp_path):
    path = tmp_path / "bomb.xlsx"
    shutil.copy(sample_path("hongshan_2021"), path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        # 8 MiB of zeros compress to a few KiB; with a 4 MiB limit this is a bomb
        zf.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    report = inspect_package(path, limit=4 * 1024 * 1024)
    assert [p.kind.id for p in report.problems] == ["file-too-large"]
    assert inspect_package(sample_path("hongshan_2021")).problems == ()


def test_missing_file(tmp_path):
    assert _only_error(tmp_path / "nope.xlsx").kind.id == "file-missing"


def test_extra_blank_rows_do_not_matter(tmp_path):
    data = json.loads((SAMPLES / "data" / "hongshan_2021.json").read_text(encoding="utf-8"))
    at = next(i for i, row in enumerate(data["t3"]) if row[0] == "210")
    data["t3"][at:at] = [[None] * 8] * 3  # a pasted export with blank rows in between
    data["t3"].append([None] * 8)
    path = tmp_path / "blank_rows.xlsx"
    write_workbook(path, data)
    accounts, problems = read_workbook_with_problems(path)
    assert not [p for p in problems if p.severity == "错误"]
    assert str(accounts.t3_expenditure.row("210")["total"]) == "534.04"


def test_every_problem_hint_names_only_what_its_message_knows():
    """A hint may repeat the message's blanks (“{label}”); one the message does not fill would print raw."""
    import string

    from generator.workbook.problems import PROBLEM_KINDS, problem

    def blanks(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for kind in PROBLEM_KINDS.values():
        assert blanks(kind.hint) <= blanks(kind.template), kind.id
        made = problem(kind.id, None, **dict.fromkeys(blanks(kind.template), "某项"))
        assert "{" not in made.hint and "{" not in str(made), kind.id
        assert not blanks(kind.hint) or "某项" in made.hint
