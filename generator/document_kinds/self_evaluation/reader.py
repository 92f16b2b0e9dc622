"""Reads a self-evaluation workbook into ``SelfEvaluationReport``, every problem collected in one pass.

Rows are found by their labels and columns by their headers (``workbook``), never by position, with the
final accounts' machinery (``generator.workbook.reader``): the same amounts, texts, hidden cells and
damaged files are reported in the same words.
"""

from __future__ import annotations

import dataclasses
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from generator.labels import normalize
from generator.model import Cell
from generator.workbook.problems import ReadProblem, problem
from generator.workbook.reader import Sheet, SheetReader, cell_text, code_text, load_sheets
from generator.workbook.safety import MAX_EXPANDED_BYTES, sheet_key

from . import model as M
from . import workbook as W


def _grid(reader: SheetReader, sheet: Sheet | None, spec: W.GridSheet) -> dict[str, M.Amounts]:
    """The fixed lines of a grid sheet by key; a missing line is all blank (and reported)."""
    blank = {line.key: M.Amounts(dict.fromkeys((c.key for c in spec.columns), None)) for line in spec.lines}
    if sheet is None:
        return blank
    header_row = sheet.find_row(lambda cells: W.ITEM in cells)
    if header_row is None:
        reader.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name, label=W.ITEM))
        return blank
    label_col = next(c for c in range(1, sheet.width + 1) if sheet.text(header_row, c) == W.ITEM)
    headers = reader.header_texts(sheet, header_row, header_row)
    columns = reader.match_columns(sheet, spec.columns, headers, range(label_col + 1, sheet.width + 1), header_row)
    found: dict[str, M.Amounts] = {}
    where: dict[str, Cell] = {}
    for r in range(header_row + 1, len(sheet.rows) + 1):
        raw = sheet.value(r, label_col)
        label = normalize(raw)
        has_amount = any(sheet.value(r, c) not in (None, "") for c in columns.values())
        if not label:
            if has_amount:
                reader.problems.append(problem("label-missing", sheet.cell(r, label_col)))
            continue
        line = next((ln for ln in spec.lines if ln.matches(label)), None)
        if line is None:
            if has_amount:
                reader.problems.append(problem("line-unknown", sheet.cell(r, label_col), label=cell_text(raw)))
            continue
        if line.key in where:
            reader.problems.append(problem("line-duplicate", sheet.cell(r, label_col), label=cell_text(raw),
                                           other=where[line.key].address))
            continue
        where[line.key] = sheet.cell(r, label_col)
        values = {c.key: (reader.amount(sheet, r, columns[c.key]) if c.key in columns else None)
                  for c in spec.columns}
        cells = {key: sheet.cell(r, c) for key, c in columns.items()}
        found[line.key] = M.Amounts(values, cells)
    for line in spec.lines:
        if line.key not in found:
            reader.problems.append(problem("line-missing", sheet.cell(header_row, label_col), sheet=sheet.name,
                                           label=line.label))
    return {**blank, **found}


def _projects(reader: SheetReader, sheet: Sheet | None) -> tuple[M.ProjectSpending, ...]:
    out = []
    for r, cols in reader.records(sheet, W.PROJECT_SHEET):
        assert sheet is not None
        out.append(M.ProjectSpending(
            name=cell_text(sheet.value(r, cols["name"])) if "name" in cols else "",
            budget=reader.amount(sheet, r, cols["budget"]) if "budget" in cols else None,
            actual=reader.amount(sheet, r, cols["executed"]) if "executed" in cols else None,
            description=cell_text(sheet.value(r, cols["description"])) if "description" in cols else "",
            cell=sheet.cell(r, cols.get("name", 1)),
            cells={key: sheet.cell(r, c) for key, c in cols.items()},
        ))
    return tuple(out)


def _scope(text: str) -> str | None:
    wanted = normalize(text)
    for scope, label in W.SCOPE_LABELS.items():
        if wanted == normalize(label):
            return scope
    return next((scope for alias, scope in W.SCOPE_ALIASES.items() if wanted == normalize(alias)), None)


def _economic(reader: SheetReader, sheet: Sheet | None) -> tuple[M.EconomicLine, ...]:
    out = []
    for r, cols in reader.records(sheet, W.ECONOMIC_SHEET):
        assert sheet is not None
        typed = cell_text(sheet.value(r, cols["scope"])) if "scope" in cols else ""
        scope = _scope(typed)
        if scope is None:
            reader.problems.append(problem("value-invalid", sheet.cell(r, cols.get("scope", 1)), label="明细表",
                                           allowed="、".join(W.SCOPE_LABELS.values()), value=typed))
            continue
        code = code_text(sheet.value(r, cols["code"])) if "code" in cols else ""
        if not code.isdigit() or len(code) not in (3, 5):
            reader.problems.append(problem("code-invalid", sheet.cell(r, cols.get("code", 2)), code=code))
            continue
        amount = reader.amount(sheet, r, cols["amount"]) if "amount" in cols else None
        out.append(M.EconomicLine(
            scope=scope, code=code,
            name=cell_text(sheet.value(r, cols["name"])) if "name" in cols else "",
            amount=amount if amount is not None else Decimal("0.00"),
            note=cell_text(sheet.value(r, cols["note"])) if "note" in cols else "",
            cell=sheet.cell(r, cols["amount"]) if "amount" in cols else None,
        ))
    return tuple(out)


def _info(reader: SheetReader, sheets: dict[str, Sheet], field_cells: dict[str, Cell]) -> M.ReportInfo:
    info = reader.fields(sheets.get(W.INFO_SHEET.sheet), W.INFO_SHEET, field_cells)
    name = reader.department_name(info.name, field_cells.get("info.name")) if info.name else ""
    year = info.year if isinstance(info.year, int) else 0
    if year and not 2000 <= year <= 2100:
        reader.problems.append(problem("year-invalid", field_cells.get("info.year"), value=year))
    return dataclasses.replace(info, name=name, year=year,
                               functions=reader.functions(sheets.get(W.FUNCTIONS_SHEET)))


def read_report_with_problems(path: str | Path) -> tuple[M.SelfEvaluationReport | None, tuple[ReadProblem, ...]]:
    """The report of a stand-alone self-evaluation workbook, and every problem found reading it."""
    path = Path(path)
    reader = SheetReader(path)
    sheets = load_sheets(path, reader)
    if sheets is None:
        return None, tuple(reader.problems)
    missing = [name for name in W.REQUIRED_SHEETS if name not in sheets]
    for name in missing:
        reader.problems.append(problem("sheet-missing", None, sheet=name))
    if missing:
        return None, tuple(reader.problems)
    field_cells: dict[str, Cell] = {}
    info = _info(reader, sheets, field_cells)
    summary = _grid(reader, sheets.get(W.SUMMARY_SHEET.sheet), W.SUMMARY_SHEET)
    three = _grid(reader, sheets.get(W.THREE_PUBLIC_SHEET.sheet), W.THREE_PUBLIC_SHEET)
    report = M.SelfEvaluationReport(
        source=str(path),
        info=info,
        summary=M.SpendingSummary(**summary),
        three_public=M.ThreePublic(**three),
        projects=_projects(reader, sheets.get(W.PROJECT_SHEET.sheet)),
        economic=_economic(reader, sheets.get(W.ECONOMIC_SHEET.sheet)),
        other=reader.fields(sheets.get(W.OTHER_SHEET.sheet), W.OTHER_SHEET, field_cells),
        texts=reader.fields(sheets.get(W.TEXT_SHEET.sheet), W.TEXT_SHEET, field_cells),
        field_cells=field_cells,
    )
    unique = {(p.kind.id, p.cell, p.message): p for p in reader.problems}
    return report, tuple(sorted(unique.values(), key=lambda p: (p.cell or Cell("", ""), p.kind.id)))


def read_hosted_inputs(path: str | Path) -> tuple[M.HostedInputs, dict[str, Cell], tuple[ReadProblem, ...]]:
    """The sheet 「自评报告」 of a final-accounts workbook that asks for this report; blank when the sheet is
    absent (the report's words then come from the workbook's 部门整体 self-evaluation, see ``hosted``)."""
    path = Path(path)
    reader = SheetReader(path)
    sheets = load_sheets(path, reader)
    field_cells: dict[str, Cell] = {}
    if sheets is None or W.HOSTED_SHEET.sheet not in sheets:
        return M.HostedInputs(), field_cells, ()
    reader.problems.clear()  # the final accounts' reader has reported the rest of the workbook already
    inputs = reader.fields(sheets[W.HOSTED_SHEET.sheet], W.HOSTED_SHEET, field_cells)
    return inputs, field_cells, tuple(p for p in reader.problems if p.cell and p.cell.sheet == W.HOSTED_SHEET.sheet)


def read_identity(path: str | Path) -> tuple[str, int] | None:
    """(部门名称, 年度) from 基本信息 alone, cheaply (the batch's conflict check); ``None`` when unreadable."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_EXPANDED_BYTES:
                return None
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(handle, data_only=True, read_only=True)
            try:
                ws = next((w for w in wb.worksheets if sheet_key(w.title) == W.INFO_SHEET.sheet), None)
                rows: list[Any] = list(ws.iter_rows(values_only=True)) if ws is not None else []
            finally:
                wb.close()
    except Exception:  # whatever is wrong, the build of this workbook reports it
        return None
    values = {normalize(r[0]): r[1] for r in rows if len(r) >= 2 and isinstance(r[0], str)}
    name = cell_text(values.get(normalize("部门名称"))).strip()
    try:
        year = int(str(values.get(normalize("年度"))).strip())
    except ValueError:
        return None
    return (name, year) if name else None
