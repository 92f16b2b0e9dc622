"""Fixtures of the checks tests: the bundled samples (built from their JSON sources) and a workbook editor.

The samples are written from ``sample_inputs/data/*.json`` into a session temp folder with the
project's own template writer, so the tests always check the reviewed source data, never a stale
.xlsx. ``Editor`` edits a copy of a sample with openpyxl, addressing cells through the clean
sample's model (``Line.cells``), so a mutation names a line and a column, never a hard-coded address.
"""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string

from generator.checks.tables import TABLES, lines_of
from generator.model import Cell, DepartmentAccounts
from generator.workbook.reader import read_workbook
from generator.workbook.template import write_workbook

DATA = Path(__file__).resolve().parents[2] / "sample_inputs" / "data"
SAMPLES = ("anhua_2021", "hongshan_2021", "example_full")


@pytest.fixture(scope="session")
def sample_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    out = {}
    for name in SAMPLES:
        source = DATA / f"{name}.json"
        if source.exists():
            out[name] = folder / f"{name}.xlsx"
            write_workbook(out[name], json.loads(source.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="session")
def sample_accounts(sample_paths: dict[str, Path]) -> dict[str, DepartmentAccounts]:
    return {name: read_workbook(path) for name, path in sample_paths.items()}


def row_number(address: str) -> int:
    return coordinate_from_string(address)[1]


class Editor:
    """Edits a copy of a sample workbook; cells are found through the clean sample's model."""

    def __init__(self, path: Path, accounts: DepartmentAccounts) -> None:
        self.path = path
        self.accounts = accounts
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.wb = openpyxl.load_workbook(path)

    # ------------------------------------------------------------------ addressing

    def cell(self, table: str, line: str, column: str = "amount") -> Cell:
        return lines_of(self.accounts, table)[line].cells[column]

    def field(self, path: str) -> Cell:
        return self.accounts.field_cells[path]

    def row_of(self, table: str, line: str) -> tuple[str, int]:
        found = lines_of(self.accounts, table)[line]
        first = next(iter(found.cells.values()))
        return first.sheet, row_number(first.address)

    # ------------------------------------------------------------------ edits

    def _get(self, cell: Cell) -> Decimal:
        value = self.wb[cell.sheet][cell.address].value
        return Decimal(str(value)) if value not in (None, "") else Decimal("0")

    def _put(self, cell: Cell, value: Decimal | str | None) -> None:
        self.wb[cell.sheet][cell.address].value = float(value) if isinstance(value, Decimal) else value

    def add(self, table: str, line: str, column: str = "amount", delta: str = "1") -> None:
        cell = self.cell(table, line, column)
        self._put(cell, self._get(cell) + Decimal(delta))

    def put(self, table: str, line: str, column: str, value: str | None) -> None:
        self._put(self.cell(table, line, column), Decimal(value) if value is not None else None)

    def add_field(self, path: str, delta: str) -> None:
        cell = self.field(path)
        self._put(cell, self._get(cell) + Decimal(delta))

    def _row_cell_with(self, sheet: str, row: int, text: str) -> Cell:
        ws = self.wb[sheet]
        for c in range(1, ws.max_column + 1):
            value = ws.cell(row=row, column=c).value
            if value is not None and str(value).strip() == text:
                return Cell(sheet, f"{get_column_letter(c)}{row}")
        raise LookupError(f"{text!r} not in row {row} of {sheet}")

    def put_field(self, path: str, value: str | None) -> None:
        """Type a text (or clear a value) into a supplementary field."""
        self._put(self.field(path), value)

    def scale_table(self, table: str, factor: str) -> None:
        """Every amount of a table multiplied by ``factor`` (a table pasted in 元 is 万元 × 10000)."""
        for line in lines_of(self.accounts, table).values():
            for column, cell in line.cells.items():
                if line.values.get(column):
                    self._put(cell, line.values[column] * Decimal(factor))

    def clear_record(self, sheet: str, key: str) -> None:
        """Blank every cell of the list-sheet row that contains ``key``."""
        ws = self.wb[sheet]
        for r in range(1, ws.max_row + 1):
            cells = [ws.cell(row=r, column=c) for c in range(1, ws.max_column + 1)]
            if any(str(c.value or "").strip() == key for c in cells):
                for c in cells:
                    c.value = None
                return
        raise LookupError(f"{key!r} not found in {sheet}")

    def rename(self, table: str, code: str, name: str) -> None:
        line = lines_of(self.accounts, table)[code]
        sheet, row = self.row_of(table, code)
        self._put(self._row_cell_with(sheet, row, line.name), name)

    def recode(self, table: str, code: str, new_code: str) -> None:
        sheet, row = self.row_of(table, code)
        self._put(self._row_cell_with(sheet, row, code), new_code)

    def clear_table(self, table: str) -> None:
        for line in lines_of(self.accounts, table).values():
            for cell in line.cells.values():
                self._put(cell, None)

    def record(self, sheet: str, key: str, header: str, value: str | None) -> Cell:
        """Set the ``header`` column of the list-sheet row that contains ``key``; return that cell."""
        ws = self.wb[sheet]
        header_row = col = None
        for r in range(1, ws.max_row + 1):
            for c in range(1, ws.max_column + 1):
                if str(ws.cell(row=r, column=c).value or "").strip() == header:
                    header_row, col = r, c
                    break
            if col:
                break
        assert header_row and col, f"{header} not found in {sheet}"
        for r in range(header_row + 1, ws.max_row + 1):
            if any(str(ws.cell(row=r, column=c).value or "").strip() == key for c in range(1, ws.max_column + 1)):
                cell = Cell(sheet, f"{get_column_letter(col)}{r}")
                self._put(cell, Decimal(value) if value and value[0].isdigit() else value)
                return cell
        raise LookupError(f"{key!r} not found in {sheet}")

    def add_t9_balance_columns(self, begin: dict[str, str], end: dict[str, str]) -> None:
        """Give 表9 the 上海 form's 年初结转和结余 / 本年收入 / 年末结转和结余 columns: 本年收入 = 本年支出合计
        on every row, 年初 and 年末 as given by line key (blank elsewhere)."""
        t9 = lines_of(self.accounts, "t9")
        sheet = TABLES["t9"].sheet
        ws = self.wb[sheet]
        last = max(column_index_from_string(coordinate_from_string(c.address)[0])
                   for line in t9.values() for c in line.cells.values())
        header_row = row_number(t9["total"].cells["total"].address) - 3  # the template's two header rows + 栏次
        for offset, label in enumerate(("年初结转和结余", "本年收入", "年末结转和结余"), start=1):
            ws.cell(row=header_row, column=last + offset, value=label)
            ws.cell(row=header_row + 2, column=last + offset, value=5 + offset)
        for key, line in t9.items():
            row = row_number(line.cells["total"].address)
            income = self._get(line.cells["total"])
            for offset, value in ((1, begin.get(key)), (2, str(income)), (3, end.get(key))):
                ws.cell(row=row, column=last + offset, value=float(value) if value else None)

    def save(self, target: Path) -> Path:
        self.wb.save(target)
        return target


@dataclass(frozen=True)
class Workbooks:
    paths: dict[str, Path]
    accounts: dict[str, DepartmentAccounts]
    tmp: Path

    def mutate(self, sample: str, edit: Callable[[Editor], None], name: str = "mutated") -> tuple[Path, Editor]:
        copy = self.tmp / f"{name}.xlsx"
        shutil.copyfile(self.paths[sample], copy)
        editor = Editor(copy, self.accounts[sample])
        edit(editor)
        return editor.save(copy), editor


@pytest.fixture
def workbooks(sample_paths: dict[str, Path], sample_accounts: dict[str, DepartmentAccounts],
              tmp_path: Path) -> Workbooks:
    return Workbooks(sample_paths, sample_accounts, tmp_path)
