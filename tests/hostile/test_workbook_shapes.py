"""A sheet moved as Excel or WPS moves it — rows or a column inserted above or left of it, merged headers
moving along — reads the same figures as the sample: the reader finds labels, codes and headers, never
fixed positions. (Inserting also moves the merged ranges, as Excel does; openpyxl alone would not.)"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange

from generator.diff import figure_changes
from generator.workbook.reader import read_workbook_with_problems
from tests.conftest import sample_path

SAMPLES = ("hongshan_2021", "example_full", "shifeng_2019_corrected")
CASES = [(name, sheet) for name in SAMPLES
         for sheet in openpyxl.load_workbook(sample_path(name), read_only=True).sheetnames if sheet != "填表说明"]


def _shifted(tmp_path: Path, sample: Path, sheet: str, rows: int, cols: int) -> Path:
    wb = openpyxl.load_workbook(sample)
    ws = wb[sheet]
    ws.protection.sheet = False
    merged = [str(m) for m in ws.merged_cells.ranges]
    for ref in merged:
        ws.unmerge_cells(ref)
    if rows:
        ws.insert_rows(1, rows)
    if cols:
        ws.insert_cols(1, cols)
    for ref in merged:
        moved = CellRange(ref)
        moved.shift(col_shift=cols, row_shift=rows)
        ws.merge_cells(str(moved))
    target = tmp_path / "shifted.xlsx"
    wb.save(target)
    return target


_ORIGINALS: dict[str, object] = {}


def _original(name: str):
    if name not in _ORIGINALS:
        accounts, problems = read_workbook_with_problems(sample_path(name))
        assert accounts is not None and not [p for p in problems if p.severity == "错误"]
        _ORIGINALS[name] = accounts
    return _ORIGINALS[name]


@pytest.mark.parametrize("rows,cols", [(2, 0), (0, 1)], ids=["rows-above", "column-left"])
@pytest.mark.parametrize("name,sheet", CASES)
def test_a_moved_sheet_reads_the_same_figures(tmp_path, name, sheet, rows, cols):
    if rows and name != SAMPLES[0]:
        pytest.skip("rows above: one sample is enough (every reader finds its header row by its text)")
    original = _original(name)
    accounts, problems = read_workbook_with_problems(_shifted(tmp_path, sample_path(name), sheet, rows, cols))
    assert accounts is not None, [str(p) for p in problems]
    assert [p for p in problems if p.severity == "错误"] == []
    changes = figure_changes(original, accounts)
    assert changes == [], [f"{c.place}: {c.old} → {c.new}" for c in changes[:5]]
