"""Reads a filled workbook into ``DepartmentAccounts``, collecting every problem in one pass.

Rows are found by their label or subject code and columns by their header (``layout``), never by
position. Each sheet is read once, top to bottom, into a grid of plain values.
"""

from __future__ import annotations

import dataclasses
import typing
import warnings
import zipfile
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import WINDOWS_EPOCH

from generator import catalog, forms, model
from generator.labels import normalize
from generator.layouts import available_layouts
from generator.model import ZERO, Cell, Line
from generator.paths import department_name_problem
from generator.workbook import layout as L
from generator.workbook import values
from generator.workbook.problems import ReadProblem, WorkbookError, problem
from generator.workbook.safety import MAX_EXPANDED_BYTES, PackageReport, damaged_cells, inspect_package, sheet_key

CENT = Decimal("0.01")
_EXCEL_ERRORS = {"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                 "#GETTING_DATA"}


class Sheet:
    """One worksheet read once into a grid; addresses are computed, never re-read."""

    def __init__(self, name: str, rows: list[tuple[Any, ...]], formulas: dict[str, str],
                 merged: list[tuple[int, int, int, int]]) -> None:
        self.name = name
        self.rows = rows
        self.formulas = formulas
        self.merged = merged

    def value(self, r: int, c: int) -> Any:
        if r < 1 or r > len(self.rows) or c < 1:
            return None
        row = self.rows[r - 1]
        return row[c - 1] if c <= len(row) else None

    def cell(self, r: int, c: int) -> Cell:
        return Cell(self.name, f"{get_column_letter(c)}{r}")

    def text(self, r: int, c: int) -> str:
        return normalize(self.value(r, c))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def find_row(self, predicate: Callable[[list[str]], bool], start: int = 1) -> int | None:
        for r in range(start, len(self.rows) + 1):
            if predicate([normalize(v) for v in self.rows[r - 1]]):
                return r
        return None


class SheetReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[ReadProblem] = []
        self.epoch = WINDOWS_EPOCH  # of the workbook: date-formatted numbers are converted back with it
        self.cleaned_texts: set[str] = set()  # texts whose invisible characters were already reported

    # ------------------------------------------------------------------ values

    def amount(self, sheet: Sheet, r: int, c: int) -> Decimal | None:
        """The amount in a cell; ``None`` for a blank. Problems are recorded, never raised."""
        cell = sheet.cell(r, c)
        if cell.address in sheet.formulas:
            self.problems.append(problem("formula-no-value", cell, formula=sheet.formulas[cell.address]))
            return None
        raw = sheet.value(r, c)
        if raw is None:
            return None
        if isinstance(raw, bool):
            self.problems.append(problem("amount-invalid", cell, value=raw))
            return None
        if values.is_temporal(raw):  # a number in a cell formatted as a date: openpyxl made it a date
            value = values.serial_number(raw, self.epoch)
            self.problems.append(problem("value-date-format", cell, shown=values.shown_date(raw), value=value))
        elif isinstance(raw, int | float):
            if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
                self.problems.append(problem("amount-invalid", cell, value=raw))
                return None
            value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        else:
            value, why = values.parse_amount_text(str(raw))
            if why == "blank":
                return None
            if value is None:
                if why == "yuan":
                    kind = "amount-with-unit"
                else:
                    kind = "excel-error" if str(raw).strip().upper() in _EXCEL_ERRORS else "amount-invalid"
                self.problems.append(problem(kind, cell, value=str(raw).strip()))
                return None
        if abs(value) >= Decimal("1e15"):  # no 万元 amount is this large; quantize would overflow
            self.problems.append(problem("amount-invalid", cell, value=raw))
            return None
        if value == 0:
            value = ZERO  # -0 and 0E-8 print as 0.00
        rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
        if abs(rounded - value) > Decimal("0.000001"):
            self.problems.append(problem("amount-precision", cell, value=value, rounded=rounded))
        return rounded

    def integer(self, sheet: Sheet, r: int, c: int, label: str) -> int:
        raw = sheet.value(r, c)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return 0
        try:
            if values.is_temporal(raw):
                value = values.serial_number(raw, self.epoch)
            else:
                value = Decimal(values.fold_width(str(raw)).strip().replace(",", ""))
            if value.is_finite() and abs(value) < 10**9 and value == value.to_integral_value():
                return int(value)
        except ArithmeticError:  # InvalidOperation, Overflow ("1e999999999")
            pass
        self.problems.append(problem("integer-invalid", sheet.cell(r, c), label=label, value=raw))
        return 0

    def check_merged_data(self, sheet: Sheet, first_data_row: int) -> None:
        for min_col, min_row, max_col, max_row in sheet.merged:
            if max_row >= first_data_row and min_row >= first_data_row and (max_col > min_col or max_row > min_row):
                ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
                text = "".join(normalize(sheet.value(min_row, c)) for c in range(min_col, max_col + 1))
                if not text or text.startswith("注") or text.startswith("说明"):
                    continue  # an empty merge hides nothing; notes under a table are merged by design
                self.problems.append(problem("merged-data", sheet.cell(min_row, min_col), range=ref))

    # ------------------------------------------------------------------ headers

    def header_texts(self, sheet: Sheet, first: int, last: int) -> dict[int, str]:
        return {
            c: "".join(sheet.text(r, c) for r in range(first, last + 1))
            for c in range(1, sheet.width + 1)
        }

    def match_columns(self, sheet: Sheet, columns: Sequence[L.Column], headers: dict[int, str],
                      allowed: range, header_row: int) -> dict[str, int]:
        found: dict[str, int] = {}
        taken: set[int] = set()
        for column in columns:
            candidates = [c for c in allowed if c not in taken and column.matches(headers.get(c, ""))]
            exact = [c for c in candidates if headers[c] in {normalize(x) for x in (column.label, *column.aliases)}]
            pick = (exact or candidates or [None])[0]
            if pick is None:
                if column.required:
                    self.problems.append(problem("header-missing", sheet.cell(header_row, allowed.start),
                                                 sheet=sheet.name, label=column.label))
                continue
            found[column.key] = pick
            taken.add(pick)
        return found

    def line(self, sheet: Sheet, r: int, key: str, code: str, name: str, columns: dict[str, int],
             line_no: int | None = None, label_col: int | None = None) -> Line:
        values, cells, blank = {}, {}, set()
        for col_key, c in columns.items():
            v = self.amount(sheet, r, c)
            cells[col_key] = sheet.cell(r, c)
            if v is None:
                blank.add(col_key)
            values[col_key] = v if v is not None else ZERO
        code_cell = sheet.cell(r, label_col) if label_col else None
        return Line(key, code, name, values, cells, frozenset(blank), line_no, code_cell)

    # ------------------------------------------------------------------ 表1, 表4

    def labeled(self, sheet: Sheet, spec: L.LabeledSheet, form: forms.Form) -> model.LabeledTable:
        header_row = sheet.find_row(lambda cells: cells.count("项目") >= 2)
        if header_row is None:
            self.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name, label="项目"))
            return model.LabeledTable(sheet.name, {}, ())
        item_cols = [c for c in range(1, sheet.width + 1) if sheet.text(header_row, c) == "项目"][:2]
        lanci = sheet.find_row(lambda cells: "栏次" in cells, header_row)
        first_data = (lanci or header_row) + 1
        headers = self.header_texts(sheet, header_row, first_data - 2 if lanci else header_row)
        left_cols = self.match_columns(sheet, spec.left_columns, headers, range(item_cols[0] + 1, item_cols[1]),
                                       header_row)
        right_cols = self.match_columns(sheet, spec.right_columns, headers,
                                        range(item_cols[1] + 1, sheet.width + 1), header_row)
        self.check_merged_data(sheet, first_data)
        lines: dict[str, Line] = {}
        classes: list[Line] = []
        where: dict[str, Cell] = {}
        printed: dict[str, dict[int, str]] = {"left": {}, "right": {}}  # sheet row -> key ("" = blank row)
        for side, item_col, columns, fixed in (("left", item_cols[0], left_cols, spec.left_lines),
                                               ("right", item_cols[1], right_cols, spec.right_lines)):
            fixed = tuple(ln for ln in fixed if ln.key)
            seen: set[str] = set()
            for r in range(first_data, len(sheet.rows) + 1):
                raw_label = sheet.value(r, item_col)
                label = normalize(raw_label)
                if label.startswith("注") or label.startswith("说明"):
                    break
                line_no = sheet.value(r, item_col + 1)
                line_no = line_no if isinstance(line_no, int) else None
                has_amount = any(sheet.value(r, c) not in (None, "") for c in columns.values())
                if not label:
                    if has_amount:
                        self.problems.append(problem("label-missing", sheet.cell(r, item_col)))
                    elif line_no is not None:
                        printed[side][r] = ""  # a numbered blank row of the official table keeps its 行次
                    continue
                matches = [ln for ln in fixed if ln.matches(label) and (not ln.after or ln.after in seen)]
                matches.sort(key=lambda ln: not ln.after)
                if matches:
                    key, code, name = matches[0].key, "", str(raw_label).strip()
                else:
                    fc = catalog.class_by_name(label) if side == "right" else None
                    if fc is None or not form.class_ordinal(fc.code):
                        other = _other_forms(spec.table, side, label, form)
                        if other:
                            kind = "line-not-in-form" if has_amount else "line-not-in-form-blank"
                            self.problems.append(problem(kind, sheet.cell(r, item_col), label=str(raw_label).strip(),
                                                         forms=other, form=form.name))
                        else:
                            self.problems.append(problem("line-unknown", sheet.cell(r, item_col), label=raw_label))
                        continue
                    key, code, name = fc.code, fc.code, fc.name
                if key in where:
                    self.problems.append(problem("line-duplicate", sheet.cell(r, item_col), label=raw_label,
                                                 other=where[key].address))
                    continue
                where[key] = sheet.cell(r, item_col)
                seen.add(key)
                printed[side][r] = key
                found = self.line(sheet, r, key, code, name, columns, line_no, item_col)
                if code:
                    classes.append(found)
                else:
                    lines[key] = found
            for ln in fixed:
                if ln.key not in seen:
                    self.problems.append(problem("line-missing", sheet.cell(header_row, item_col),
                                                 sheet=sheet.name, label=ln.label))
        rows = tuple((printed["left"].get(r, ""), printed["right"].get(r, ""))
                     for r in sorted({*printed["left"], *printed["right"]}))
        return model.LabeledTable(sheet.name, lines, tuple(classes), rows)

    # ------------------------------------------------------------------ coded tables

    def subjects(self, sheet: Sheet, spec: L.SubjectSheet) -> model.SubjectTable:
        keys = tuple(c.key for c in spec.columns)
        empty_total = Line("total", "", "合计", dict.fromkeys(keys, ZERO), {}, frozenset(keys))
        header_start = sheet.find_row(lambda cells: any(x == "项目" or "编码" in x or "科目名称" in x for x in cells))
        lanci = sheet.find_row(lambda cells: "栏次" in cells, header_start or 1)
        if header_start is None or lanci is None:
            self.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name,
                                        label="栏次" if header_start else "科目编码"))
            return model.SubjectTable(sheet.name, keys, empty_total, ())
        headers = self.header_texts(sheet, header_start, lanci - 1)
        code_col = next((c for c, h in headers.items() if "编码" in h), None)
        name_col = next((c for c, h in headers.items() if "名称" in h and c != code_col), None)
        for col, label in ((code_col, "科目编码"), (name_col, "科目名称")):
            if col is None:
                self.problems.append(problem("header-missing", sheet.cell(header_start, 1), sheet=sheet.name,
                                             label=label))
        if code_col is None or name_col is None:
            return model.SubjectTable(sheet.name, keys, empty_total, ())
        columns = self.match_columns(sheet, spec.columns, headers, range(name_col + 1, sheet.width + 1), header_start)
        self.check_merged_data(sheet, lanci + 1)
        total: Line | None = None
        rows: list[Line] = []
        where: dict[str, Cell] = {}
        for r in range(lanci + 1, len(sheet.rows) + 1):
            raw_code, raw_name = sheet.value(r, code_col), sheet.value(r, name_col)
            code = code_text(raw_code)
            name = "" if raw_name is None else str(raw_name).strip()
            if normalize(code).startswith("注") or normalize(name).startswith("注"):
                break
            has_amount = any(sheet.value(r, c) not in (None, "") for c in columns.values())
            if not code and not name:
                if has_amount:
                    self.problems.append(problem("label-missing", sheet.cell(r, code_col)))
                continue
            if normalize(name) == "合计" or normalize(code) == "合计":
                total = self.line(sheet, r, "total", "", "合计", columns, label_col=name_col)
                continue
            if not code:
                self.problems.append(problem("code-missing", sheet.cell(r, code_col), name=name))
                continue
            if not code.isdigit() or len(code) not in (3, 5, 7):
                self.problems.append(problem("code-invalid", sheet.cell(r, code_col), code=code))
                continue
            if code in where:
                self.problems.append(problem("code-duplicate", sheet.cell(r, code_col), code=code,
                                             other=where[code].address))
                continue
            where[code] = sheet.cell(r, code_col)
            rows.append(self.line(sheet, r, code, code, name, columns, label_col=code_col))
        if total is None:
            if rows:
                self.problems.append(problem("total-missing", sheet.cell(lanci, 1), sheet=sheet.name))
            total = empty_total
        return model.SubjectTable(sheet.name, keys, total, tuple(rows))

    # ------------------------------------------------------------------ 表6

    def economic(self, sheet: Sheet, spec: L.EconomicSheet) -> model.EconomicTable:
        header_row = sheet.find_row(lambda cells: sum("编码" in x for x in cells) >= 2)
        empty = Line("", "", "", {}, {})
        if header_row is None:
            self.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name, label="科目编码"))
            return model.EconomicTable(sheet.name, (), empty, empty)
        code_cols = [c for c in range(1, sheet.width + 1) if "编码" in sheet.text(header_row, c)]
        self.check_merged_data(sheet, header_row + 1)
        rows: list[Line] = []
        totals: dict[str, Line] = {}
        where: dict[str, Cell] = {}
        for r in range(header_row + 1, len(sheet.rows) + 1):
            texts = [sheet.text(r, c) for c in range(1, sheet.width + 1)]
            first = next((t for t in texts if t), "")
            if first.startswith(("注", "说明")):  # the note under the table, in whichever column it starts
                break
            for label in (L.T6_PERSONNEL_TOTAL, L.T6_PUBLIC_TOTAL):
                if label in texts:
                    c = texts.index(label) + 1
                    amount_col = c + 1
                    for cc in range(c + 1, sheet.width + 1):
                        v = sheet.value(r, cc)
                        if v in (None, ""):
                            continue
                        if normalize(v) in (L.T6_PERSONNEL_TOTAL, L.T6_PUBLIC_TOTAL):
                            break
                        amount_col = cc
                        break
                    totals[label] = self.line(sheet, r, label, "", label, {L.AMOUNT: amount_col}, label_col=c)
            if any(label in texts for label in (L.T6_PERSONNEL_TOTAL, L.T6_PUBLIC_TOTAL)):
                continue
            for c in code_cols:
                code = code_text(sheet.value(r, c))
                if not code:
                    if sheet.value(r, c + 2) not in (None, ""):
                        self.problems.append(problem("label-missing", sheet.cell(r, c)))
                    continue
                if not code.isdigit() or len(code) not in (3, 5):
                    self.problems.append(problem("code-invalid", sheet.cell(r, c), code=code))
                    continue
                if code in where:
                    self.problems.append(problem("code-duplicate", sheet.cell(r, c), code=code,
                                                 other=where[code].address))
                    continue
                where[code] = sheet.cell(r, c)
                name = str(sheet.value(r, c + 1) or "").strip()
                rows.append(self.line(sheet, r, code, code, name, {L.AMOUNT: c + 2}, label_col=c))
        for label in (L.T6_PERSONNEL_TOTAL, L.T6_PUBLIC_TOTAL):
            if label not in totals:
                self.problems.append(problem("line-missing", sheet.cell(header_row, 1), sheet=sheet.name, label=label))
                totals[label] = Line(label, "", label, {L.AMOUNT: ZERO}, {}, frozenset({L.AMOUNT}))
        return model.EconomicTable(sheet.name, tuple(rows), totals[L.T6_PERSONNEL_TOTAL], totals[L.T6_PUBLIC_TOTAL])

    # ------------------------------------------------------------------ 表7

    def three_public(self, sheet: Sheet, spec: L.ThreePublicSheet) -> model.ThreePublicTable:
        keys = [c.key for c in spec.columns]
        zero = Line("", "", "", dict.fromkeys(keys, ZERO), {}, frozenset(keys))
        group_row = sheet.find_row(lambda cells: L.T7_BUDGET in cells and L.T7_ACTUAL in cells)
        if group_row is None:
            self.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name,
                                         label=f"{L.T7_BUDGET}/{L.T7_ACTUAL}"))
            return model.ThreePublicTable(sheet.name, zero, zero)
        b_col = next(c for c in range(1, sheet.width + 1) if sheet.text(group_row, c) == L.T7_BUDGET)
        a_col = next(c for c in range(1, sheet.width + 1) if sheet.text(group_row, c) == L.T7_ACTUAL)
        numbering = sheet.find_row(lambda cells: "1" in cells and "2" in cells and "3" in cells, group_row + 1)
        last_header = (numbering or group_row + 3) - 1
        data_row = (numbering or last_header) + 1
        headers = self.header_texts(sheet, group_row + 1, last_header)
        span = abs(a_col - b_col)
        out = {}
        for name, start in (("budget", b_col), ("actual", a_col)):
            cols = self.match_columns(sheet, spec.columns, headers, range(start, start + span), group_row)
            out[name] = self.line(sheet, data_row, name, "", L.T7_BUDGET if name == "budget" else L.T7_ACTUAL, cols)
        self.check_merged_data(sheet, data_row)
        return model.ThreePublicTable(sheet.name, out["budget"], out["actual"])

    # ------------------------------------------------------------------ key-value sheets

    def fields(self, sheet: Sheet | None, spec: L.FieldSheet, field_cells: dict[str, Cell]) -> Any:
        kwargs: dict[str, Any] = {}
        hints = typing.get_type_hints(spec.cls)
        by_label: dict[str, int] = {}
        label_col = 1
        if sheet is not None:
            # labels in column A and values in B as the template has them; a sheet pasted or edited one or
            # more columns to the right is read where its labels are
            wanted = {normalize(f.metadata["label"]) for f in dataclasses.fields(spec.cls) if "label" in f.metadata}
            found = {c: sum(sheet.text(r, c) in wanted for r in range(1, len(sheet.rows) + 1))
                     for c in range(1, min(sheet.width, 6) + 1)}
            if found and max(found.values()) > found.get(1, 0):
                label_col = max(found, key=lambda c: (found[c], -c))
            for r in range(1, len(sheet.rows) + 1):
                label = sheet.text(r, label_col)
                if label and label not in by_label:
                    by_label[label] = r
        for f in dataclasses.fields(spec.cls):
            if hints[f.name] == tuple[str, ...]:
                continue
            label = f.metadata["label"]
            r = by_label.get(normalize(label))
            if r is None:
                if f.metadata["required"]:
                    self.problems.append(problem("value-required", Cell(spec.sheet, "B?"), label=label))
                continue
            value_col = label_col + 1
            cell = sheet.cell(r, value_col) if sheet else None
            if cell:
                field_cells[f"{spec.attribute}.{f.name}"] = cell
            raw = sheet.value(r, value_col) if sheet else None
            hint = hints[f.name]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if f.metadata["required"]:
                    self.problems.append(problem("value-required", cell, label=label))
                continue
            if hint in (int, int | None):
                kwargs[f.name] = self.integer(sheet, r, value_col, label)  # type: ignore[arg-type]
            elif hint in (Decimal, Decimal | None):
                amount = self.amount(sheet, r, value_col)  # type: ignore[arg-type]
                if amount is not None or hint is Decimal:
                    kwargs[f.name] = amount if amount is not None else ZERO
            else:
                text = cell_text(raw)
                if spec.cls is model.DepartmentInfo and f.name == "name":
                    text = self.department_name(text, cell)
                kwargs[f.name] = text
        if spec.cls is model.DepartmentInfo:
            for name, default in (("name", ""), ("year", 0), ("layout", "")):
                kwargs.setdefault(name, default)
            known = available_layouts()
            if kwargs["layout"] and known and kwargs["layout"] not in known:
                self.problems.append(problem("value-invalid", field_cells.get("info.layout"), label="公开格式",
                                             allowed="、".join(known), value=kwargs["layout"]))
            if kwargs["year"] and not 2000 <= kwargs["year"] <= 2100:
                self.problems.append(problem("year-invalid", field_cells.get("info.year"), value=kwargs["year"]))
        return spec.cls(**kwargs)

    def department_name(self, text: str, cell: Cell | None) -> str:
        """The name on one line; a name that cannot be a folder and file name is an error."""
        name = values.single_line(text)
        if name != text.strip():
            self.problems.append(problem("name-line-break", cell, name=name))
        reason = department_name_problem(name)
        if reason:
            self.problems.append(problem("name-unusable", cell, name=name, reason=reason))
        return name

    def functions(self, sheet: Sheet | None) -> tuple[str, ...]:
        if sheet is None:
            return ()
        header = sheet.find_row(lambda cells: "职能" in cells)
        # the column headed 职能 (B in the template; further right when the sheet was moved)
        column = next((c for c in range(1, sheet.width + 1) if sheet.text(header, c) == "职能"), 2) if header else 2
        items = []
        for r in range((header or 1) + 1, len(sheet.rows) + 1):
            text = sheet.value(r, column)
            if text is not None and str(text).strip():
                items.append(str(text).strip())
        return tuple(items)

    # ------------------------------------------------------------------ list sheets

    def records(self, sheet: Sheet | None, spec: L.ListSheet) -> list[tuple[int, dict[str, int]]]:
        """(row, {column key: column}) for each non-empty record of a list sheet."""
        if sheet is None:
            return []
        first = normalize(spec.columns[0].label)
        header_row = sheet.find_row(lambda cells: first in cells)
        if header_row is None:
            self.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name,
                                         label=spec.columns[0].label))
            return []
        headers = {c: sheet.text(header_row, c) for c in range(1, sheet.width + 1)}
        columns = self.match_columns(sheet, spec.columns, headers, range(1, sheet.width + 1), header_row)
        out = []
        for r in range(header_row + 1, len(sheet.rows) + 1):
            if any(sheet.value(r, c) not in (None, "") for c in columns.values()):
                out.append((r, columns))
        return out

    def budget(self, sheet: Sheet | None) -> tuple[tuple[model.BudgetLine, ...], tuple[model.BudgetTotal, ...]]:
        """The subject lines of 年初预算 and its 合计 rows (one per fund)."""
        lines = []
        totals: dict[str, model.BudgetTotal] = {}
        for r, cols in self.records(sheet, L.BUDGET_SHEET):
            assert sheet is not None

            def text(key: str, r: int = r, cols: dict[str, int] = cols) -> str:
                return cell_text(sheet.value(r, cols[key])) if key in cols else ""

            fund = text("fund")
            if fund not in L.FUND_KINDS:
                self.problems.append(problem("value-invalid", sheet.cell(r, cols.get("fund", 1)), label="资金性质",
                                             allowed="、".join(L.FUND_KINDS), value=fund))
            code = code_text(sheet.value(r, cols["code"])) if "code" in cols else ""
            amount = self.amount(sheet, r, cols["budget"]) if "budget" in cols else None
            full_year = self.amount(sheet, r, cols["full_year"]) if "full_year" in cols else None
            budget_cell = sheet.cell(r, cols.get("budget", 4))
            full_year_cell = sheet.cell(r, cols["full_year"]) if "full_year" in cols else None
            if L.BUDGET_TOTAL_LABEL in (normalize(code), normalize(text("name"))) and not code.isdigit():
                if fund in totals:
                    self.problems.append(problem("line-duplicate", budget_cell, label=f"{fund} 合计",
                                                 other=totals[fund].cell.address))
                    continue
                totals[fund] = model.BudgetTotal(fund, amount, full_year, budget_cell, full_year_cell)
                continue
            if not code.isdigit() or len(code) not in (3, 5, 7):
                self.problems.append(problem("code-invalid", sheet.cell(r, cols.get("code", 2)), code=code))
            lines.append(model.BudgetLine(fund, code, text("name"), amount or ZERO, text("reason"), text("use"),
                                          budget_cell, full_year, full_year_cell))
        return tuple(lines), tuple(totals.values())

    def evaluations(self, sheet: Sheet | None, indicator_sheet: Sheet | None) -> tuple[model.Evaluation, ...]:
        indicators: dict[str, list[model.Indicator]] = {}
        for r, cols in self.records(indicator_sheet, L.INDICATOR_SHEET):
            assert indicator_sheet is not None
            s = indicator_sheet
            owner = cell_text(s.value(r, cols["evaluation"])) if "evaluation" in cols else ""
            score = self.amount(s, r, cols["score"]) if "score" in cols else None
            ind = model.Indicator(
                *(cell_text(s.value(r, cols[k])) if k in cols else "" for k in ("level1", "level2", "name", "target",
                                                                              "actual")),
                weight=(self.amount(s, r, cols["weight"]) if "weight" in cols else None) or ZERO,
                score=score or ZERO,
                cell=s.cell(r, cols.get("evaluation", 1)),
                score_given=score is not None,
                weight_cell=s.cell(r, cols["weight"]) if "weight" in cols else None,
                score_cell=s.cell(r, cols["score"]) if "score" in cols else None,
            )
            indicators.setdefault(owner, []).append(ind)
        out = []
        for r, cols in self.records(sheet, L.EVALUATION_SHEET):
            assert sheet is not None

            def text(key: str, r: int = r, cols: dict[str, int] = cols) -> str:
                return cell_text(sheet.value(r, cols[key])) if key in cols else ""

            def amount(key: str, default: Decimal = ZERO, r: int = r, cols: dict[str, int] = cols) -> Decimal:
                v = self.amount(sheet, r, cols[key]) if key in cols else None
                return default if v is None else v

            kind = text("kind")
            if kind not in (L.EVALUATION_KIND_DEPARTMENT, L.EVALUATION_KIND_PROJECT):
                self.problems.append(problem("value-invalid", sheet.cell(r, cols.get("kind", 1)), label="类型",
                                             allowed=f"{L.EVALUATION_KIND_DEPARTMENT}、{L.EVALUATION_KIND_PROJECT}",
                                             value=kind))
            name = text("name")
            out.append(model.Evaluation(
                name=name, is_department=kind == L.EVALUATION_KIND_DEPARTMENT,
                competent_department=text("competent_department"), implementing_unit=text("implementing_unit"),
                budget=amount("budget"), executed=amount("executed"),
                execution_weight=amount("execution_weight", Decimal("20.00")),
                goal=text("goal"), achieved=text("achieved"),
                goal_weight=amount("goal_weight", Decimal("20.00")), goal_score=amount("goal_score"),
                deviation_reason=text("deviation_reason"), measures=text("measures"), fund=text("fund"),
                indicators=tuple(indicators.pop(name, [])), cell=sheet.cell(r, cols.get("name", 2)),
                goal_score_given="goal_score" in cols and self.amount(sheet, r, cols["goal_score"]) is not None,
                cells={key: sheet.cell(r, c) for key, c in cols.items()},
            ))
        for owner, orphans in indicators.items():
            self.problems.append(problem("evaluation-unknown", orphans[0].cell, name=owner))
        return tuple(out)

    def pairs(self, sheet: Sheet | None, spec: L.ListSheet, cls: type) -> tuple[Any, ...]:
        out = []
        for r, cols in self.records(sheet, spec):
            assert sheet is not None
            out.append(cls(*(cell_text(sheet.value(r, cols[c.key])) if c.key in cols else "" for c in spec.columns)))
        return tuple(out)


def _other_forms(table: str, side: str, label: str, form: forms.Form) -> str:
    """The forms (other than ``form``) whose 表1/表4 have a line labelled ``label``: 湖南 2020年度起、…"""
    names = []
    for other in forms.all_forms():
        if other is form or not other.has_table(table):
            continue
        spec = other.table(table)
        assert isinstance(spec, L.LabeledSheet)
        fixed = spec.left_lines if side == "left" else spec.right_lines
        fc = catalog.class_by_name(label) if side == "right" else None
        if any(ln.key and ln.matches(label) for ln in fixed) or (fc is not None and other.class_ordinal(fc.code)):
            names.append(f"{other.layout} {other.years}表样")
    return "、".join(dict.fromkeys(names))


def code_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    # codes typed with full-width digits ("２０８") are the same codes
    return values.fold_width(str(raw)).strip().replace(" ", "")


def cell_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if values.is_temporal(raw):
        return values.shown_date(raw)
    return str(raw).strip()


_LOAD_FAILURE = {  # what openpyxl's exceptions mean, for an accountant
    "KeyError": "文件中缺少必要的部件",
    "XMLSyntaxError": "文件中的 XML 内容已损坏",
    "ParseError": "文件中的 XML 内容已损坏",
    "BadZipFile": "文件结构损坏，可能没有下载或复制完整",
    "InvalidFileException": "文件格式不是 .xlsx",
}
_MAX_HIDDEN_WARNINGS = 10  # per sheet: enough to find them, not a flood


def load_sheets(path: Path, reader: SheetReader) -> dict[str, Sheet] | None:
    """Every sheet as a grid of clean values, keyed by ``sheet_key`` of its title; ``None`` when the
    file cannot be read (the problems say why)."""
    package = inspect_package(path)
    if package.problems:
        reader.problems.extend(package.problems)
        return None
    failed = False
    sheets: dict[str, Sheet] = {}
    with path.open("rb") as handle:  # a file object: openpyxl then does not judge the file by its extension
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about data validation extensions it drops
                # read-only: no styles or merged-cell objects are built (merges come from the package scan)
                wb = openpyxl.load_workbook(handle, data_only=True, read_only=True)
        except Exception as exc:  # openpyxl raises many kinds on malformed parts
            detail = _LOAD_FAILURE.get(type(exc).__name__, "文件内容不符合 Excel 工作簿的格式")
            reader.problems.append(problem("file-unreadable", None, path=path, detail=detail))
            return None
        reader.epoch = getattr(wb, "epoch", WINDOWS_EPOCH)
        try:
            for ws in wb.worksheets:
                grid = _read_sheet(path, ws, package, reader)
                if grid is None:
                    failed = True
                    continue
                key = sheet_key(ws.title)
                if key != ws.title:
                    reader.problems.append(problem("sheet-renamed", None, title=ws.title, sheet=key))
                merged = [range_boundaries(ref) for ref in package.merged_ranges.get(ws.title, [])]
                sheets[key] = Sheet(ws.title, grid, package.formulas_without_value.get(ws.title, {}), merged)
                _report_hidden(sheets[key], package, reader)
        finally:
            wb.close()
    return None if failed else sheets


def _read_sheet(path: Path, ws: Any, package: Any, reader: SheetReader) -> list[tuple[Any, ...]] | None:
    """The rows of ``ws`` with every text cleaned (``values.clean_text``); ``None`` when openpyxl fails
    on the sheet (the damaged cells are then found in the XML and reported)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ws.reset_dimensions()  # files written by other programs may declare a wrong used range
            raw_rows = list(ws.iter_rows(values_only=True))
    except Exception:  # an index past the shared strings, "5,986.91" in a number cell, broken XML …
        part = package.sheet_parts.get(ws.title, "")
        try:
            cells = damaged_cells(path, part) if part else []
        except Exception:  # the sheet's XML itself is broken
            cells = []
        for address, detail in cells:
            reader.problems.append(problem("cell-damaged", Cell(ws.title, address), detail=detail))
        if not cells:
            reader.problems.append(problem("sheet-damaged", None, sheet=ws.title, detail="内容格式异常"))
        return None
    rows = []
    for r, row in enumerate(raw_rows, 1):
        if any(isinstance(v, str) for v in row):
            cleaned = []
            for c, v in enumerate(row, 1):
                if isinstance(v, str):
                    original = v
                    v, removed = values.clean_text(v)
                    if removed and original not in reader.cleaned_texts:  # a text repeated on every sheet: once
                        reader.cleaned_texts.add(original)
                        reader.problems.append(problem("text-invisible", Cell(ws.title, f"{get_column_letter(c)}{r}"),
                                                       chars="、".join(removed)))
                cleaned.append(v)
            row = tuple(cleaned)
        rows.append(row)
    return rows


def _report_hidden(sheet: Sheet, package: Any, reader: SheetReader) -> None:
    """Warn of hidden rows, columns and sheets that hold data: the reader reads them like the others,
    and a sum that does not add up on screen is otherwise a mystery."""
    def filled(v: Any) -> bool:
        return v is not None and (not isinstance(v, str) or bool(v.strip()))

    title = sheet.name
    if title in package.hidden_sheets and any(filled(v) for row in sheet.rows for v in row):
        reader.problems.append(problem("sheet-hidden", None, sheet=title))
    warned = 0
    for r in package.hidden_rows.get(title, ()):
        if r <= len(sheet.rows) and warned < _MAX_HIDDEN_WARNINGS:
            c = next((c for c, v in enumerate(sheet.rows[r - 1], 1) if filled(v)), None)
            if c is not None:
                reader.problems.append(problem("row-hidden", sheet.cell(r, c), row=r))
                warned += 1
    for first, last in package.hidden_columns.get(title, ()):
        for c in range(first, min(last, sheet.width) + 1):
            r = next((r for r, row in enumerate(sheet.rows, 1) if c <= len(row) and filled(row[c - 1])), None)
            if r is not None and warned < _MAX_HIDDEN_WARNINGS:
                reader.problems.append(problem("column-hidden", sheet.cell(r, c), column=get_column_letter(c)))
                warned += 1


def read_workbook(path: str | Path) -> model.DepartmentAccounts:
    """Read a workbook; raise ``WorkbookError`` with every error found. Warnings ride along."""
    accounts, problems = read_workbook_with_problems(path)
    errors = [p for p in problems if p.severity == "错误"]
    if errors or accounts is None:
        raise WorkbookError(list(problems))
    return accounts


def read_workbook_with_problems(path: str | Path) -> tuple[model.DepartmentAccounts | None, tuple[ReadProblem, ...]]:
    path = Path(path)
    reader = SheetReader(path)
    sheets = load_sheets(path, reader)
    if sheets is None:
        return None, tuple(reader.problems)
    info_spec, *field_specs = L.FIELD_SHEETS
    field_cells: dict[str, Cell] = {}
    if info_spec.sheet not in sheets:
        form = forms.default_form()
        for name in (info_spec.sheet, *(t.sheet for t in form.tables)):
            if name not in sheets:
                reader.problems.append(problem("sheet-missing", None, sheet=name))
        return None, tuple(reader.problems)
    info = reader.fields(sheets.get(info_spec.sheet), info_spec, field_cells)
    form = _select_form(reader, info, field_cells)
    for name in (t.sheet for t in form.tables):  # a table the form does not have is not required
        if name not in sheets:
            reader.problems.append(problem("sheet-missing", None, sheet=name))
    if any(p.kind.id == "sheet-missing" for p in reader.problems):
        return None, tuple(reader.problems)

    info = dataclasses.replace(info, functions=reader.functions(sheets.get(L.FUNCTIONS_SHEET)))
    supplementary = {s.attribute: reader.fields(sheets.get(s.sheet), s, field_cells) for s in field_specs}
    tables = {t: _absent_table(spec) for t, spec in forms.DEFAULT_TABLES.items()}
    budget, budget_totals = reader.budget(sheets.get(L.BUDGET_SHEET.sheet))
    for spec in form.tables:
        sheet = sheets[spec.sheet]
        if isinstance(spec, L.LabeledSheet):
            tables[spec.table] = reader.labeled(sheet, spec, form)
        elif isinstance(spec, L.SubjectSheet):
            tables[spec.table] = reader.subjects(sheet, spec)
        elif isinstance(spec, L.EconomicSheet):
            tables[spec.table] = reader.economic(sheet, spec)
        else:
            tables[spec.table] = reader.three_public(sheet, spec)
    accounts = model.DepartmentAccounts(
        source=str(path),
        info=info,
        t1_income_expenditure_summary=tables["t1"],
        t2_income=tables["t2"],
        t3_expenditure=tables["t3"],
        t4_appropriation_summary=tables["t4"],
        t5_general_budget_expenditure=tables["t5"],
        t6_general_budget_basic_expenditure=tables["t6"],
        t7_three_public=tables["t7"],
        t8_government_fund=tables["t8"],
        t9_state_capital=tables["t9"],
        budget=budget,
        budget_totals=budget_totals,
        evaluations=reader.evaluations(sheets.get(L.EVALUATION_SHEET.sheet), sheets.get(L.INDICATOR_SHEET.sheet)),
        key_work=reader.pairs(sheets.get(L.KEY_WORK_SHEET.sheet), L.KEY_WORK_SHEET, model.KeyWork),
        glossary_extra=reader.pairs(sheets.get(L.GLOSSARY_SHEET.sheet), L.GLOSSARY_SHEET, model.GlossaryEntry),
        field_cells=field_cells,
        form=form,
        **supplementary,
    )
    unique = {(p.kind.id, p.cell, p.message): p for p in reader.problems}
    problems = sorted(unique.values(), key=lambda p: (p.cell or Cell("", ""), p.kind.id))
    return accounts, tuple(problems)


def _select_form(reader: SheetReader, info: model.DepartmentInfo, field_cells: dict[str, Cell]) -> forms.Form:
    """The form of the workbook's 决算年度 and 公开格式; without one, the layout's current form (reading
    goes on so that every other problem is reported too)."""
    found = forms.find_form(info.year, info.layout) if info.year and info.layout else None
    if found is not None:
        return found
    if info.year and info.layout in {f.layout for f in forms.all_forms()}:
        reader.problems.append(problem("form-unknown", field_cells.get("info.year"), year=info.year,
                                       layout=info.layout, forms=forms.describe_forms()))
    return forms.default_form(info.layout)


def _absent_table(spec: forms.TableSpec) -> Any:
    """The empty table standing for one the form does not have (表9 in 2019): every amount 0."""
    if isinstance(spec, L.LabeledSheet):
        return model.LabeledTable(spec.sheet, {}, ())
    if isinstance(spec, L.SubjectSheet):
        keys = tuple(c.key for c in spec.columns)
        total = Line("total", "", "合计", dict.fromkeys(keys, ZERO), {}, frozenset(keys))
        return model.SubjectTable(spec.sheet, keys, total, ())
    empty = Line("", "", "", {}, {})
    if isinstance(spec, L.EconomicSheet):
        return model.EconomicTable(spec.sheet, (), empty, empty)
    return model.ThreePublicTable(spec.sheet, empty, empty)


def prior_from_accounts(last_year: model.DepartmentAccounts) -> model.PriorYear:
    """The prior-year figures of this year's document, taken from last year's workbook."""
    t7 = last_year.t7_three_public.actual
    return model.PriorYear(
        income_expenditure_grand_total=last_year.t1_income_expenditure_summary.amount("income_grand_total"),
        appropriation_grand_total=last_year.t4_appropriation_summary.amount("income_grand_total"),
        general_budget_expenditure=last_year.t5_general_budget_expenditure.total["total"],
        three_public_total=t7["total"],
        three_public_outbound=t7["outbound"],
        three_public_vehicle_purchase=t7["vehicle_purchase"],
        three_public_vehicle_operation=t7["vehicle_operation"],
        three_public_reception=t7["reception"],
        office_operating_cost=last_year.office_cost.amount,
    )


def _info_rows(path: Path) -> tuple[tuple[Any, ...], ...] | None:
    """The rows of the 基本信息 sheet, read once per version of the file: the document kinds (文档类型,
    生成文档) and the batch (部门名称, 年度) each ask before the workbook's own reader runs. ``None``: the
    sheet is missing or the file cannot be read here (its reader then says why)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _info_rows_of(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _info_rows_of(path: Path, _mtime_ns: int, _size: int) -> tuple[tuple[Any, ...], ...] | None:
    try:
        with zipfile.ZipFile(path) as zf:  # no bomb is opened: the declared sizes come first
            if sum(i.file_size for i in zf.infolist()) > MAX_EXPANDED_BYTES:
                return None
        reader = SheetReader(path)
        sheet_name = L.FIELD_SHEETS[0].sheet
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(handle, data_only=True, read_only=True)
            try:
                ws = next((w for w in wb.worksheets if sheet_key(w.title) == sheet_name), None)
                rows = _read_sheet(path, ws, PackageReport(), reader) if ws is not None else None
            finally:
                wb.close()
    except Exception:  # whatever is wrong, the reader of the workbook reports it
        return None
    return None if rows is None else tuple(tuple(row) for row in rows)


def read_info_value(path: str | Path, label: str) -> str:
    """The value beside ``label`` in column A of the 基本信息 sheet, as text (``""`` when the sheet, the
    label or the value is missing, or the file cannot be read here: its reader then says why).

    Cheap: the document kinds ask it which reader a workbook needs (文档类型).
    """
    wanted = normalize(label)
    for row in _info_rows(Path(path)) or ():
        if len(row) >= 2 and isinstance(row[0], str) and normalize(row[0]) == wanted:
            return cell_text(row[1]).strip() if row[1] is not None else ""
    return ""


def read_identity(path: str | Path) -> tuple[str, int] | None:
    """(部门名称, 决算年度) read from the 基本信息 sheet alone, or ``None`` when they cannot be read.

    Cheap: for the batch to find two workbooks of one department and year before building either.
    """
    path = Path(path)
    rows = _info_rows(path)
    if rows is None:
        return None
    spec = L.FIELD_SHEETS[0]
    try:
        info = SheetReader(path).fields(Sheet(spec.sheet, [list(r) for r in rows], {}, []), spec, {})
    except Exception:  # whatever is wrong, the build of this workbook reports it
        return None
    return (info.name, info.year) if info.name else None
