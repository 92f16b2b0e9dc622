"""The budget sample (seed 003) and a helper that changes cells of a copy of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "sample_inputs" / "wuhan_center_2021_budget.xlsx"


def find_row(ws: Any, label: str, column: int | None = None) -> int:
    """The row whose ``column`` (column A or B when not given) holds ``label`` (as the sample writes it)."""
    for r in range(1, ws.max_row + 1):
        for c in (column,) if column else (1, 2):
            value = ws.cell(r, c).value
            if value is not None and str(value).strip() == label:
                return r
    raise LookupError(f"{label!r} not in {ws.title}")


def find_column(ws: Any, header: str, rows: range = range(1, 6)) -> int:
    for r in rows:
        for c in range(1, ws.max_column + 1):
            if str(ws.cell(r, c).value or "").strip() == header:
                return c
    raise LookupError(f"{header!r} not in the header of {ws.title}")


@pytest.fixture
def mutate(tmp_path: Path) -> Callable[..., Path]:
    """``mutate(lambda wb: ...)`` → the path of a changed copy of the sample."""
    counter = iter(range(1000))

    def make(change: Callable[[Any], None]) -> Path:
        wb = openpyxl.load_workbook(SAMPLE)
        for ws in wb.worksheets:
            ws.protection.sheet = False
        change(wb)
        target = tmp_path / f"budget_{next(counter)}.xlsx"
        wb.save(target)
        return target

    return make
