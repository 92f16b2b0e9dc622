"""Reads a budget workbook into ``BudgetModel``, collecting every problem in one pass.

The shared reader (``generator.workbook.reader``) loads and cleans the sheets, reads amounts, matches
columns by header and reads the coded tables (表2 … 表5); this module adds the two shapes of the
budget: labelled lines in blocks (表1, 表6) and lists under one header row (表7 … 表13).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import coordinate_from_string

from generator.labels import normalize
from generator.model import ZERO, Cell, Line, SubjectTable
from generator.workbook.problems import ReadProblem, problem
from generator.workbook.reader import Sheet, SheetReader, cell_text, load_sheets, read_info_value

from . import model as M
from . import workbook as W

_CODED = re.compile(r"^\s*(\d{3})\s*(.*)$")


def read_lines(reader: SheetReader, sheet: Sheet, spec: W.LineSheet) -> M.LineTable:
    """表1/表6: the header row starts with 项目; block headings switch the block; lines by label or code."""
    keys = tuple(c.key for c in spec.columns)
    header_row = sheet.find_row(lambda cells: bool(cells) and cells[0] == "项目")
    if header_row is None:
        reader.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name, label="项目"))
        return M.LineTable(sheet.name, keys, {})
    headers = reader.header_texts(sheet, header_row, header_row)
    columns = reader.match_columns(sheet, spec.columns, headers, range(2, sheet.width + 1), header_row)
    reader.check_merged_data(sheet, header_row + 1)
    titles = {normalize(b.title): b for b in spec.blocks}
    block: W.Block | None = None
    lines: dict[str, Line] = {}
    where: dict[str, Cell] = {}
    for r in range(header_row + 1, len(sheet.rows) + 1):
        raw = sheet.value(r, 1)
        label = normalize(raw)
        if label.startswith("注"):
            break
        has_amount = any(sheet.value(r, c) not in (None, "") for c in columns.values())
        if not label:
            if has_amount:
                reader.problems.append(problem("label-missing", sheet.cell(r, 1)))
            continue
        if label in titles:
            block = titles[label]
            continue
        match = next((ln for ln in block.lines if ln.matches(label)), None) if block else None
        coded = _CODED.match(cell_text(raw)) if block is not None and block.coded else None
        if match is not None:
            key, code, name = match.key, "", cell_text(raw)
        elif coded is not None:
            key = code = coded.group(1)
            name = coded.group(2).strip()
        else:
            reader.problems.append(problem("line-unknown", sheet.cell(r, 1), label=cell_text(raw)))
            continue
        full = f"{block.key}.{key}"
        if full in where:
            reader.problems.append(problem("line-duplicate", sheet.cell(r, 1), label=cell_text(raw),
                                           other=where[full].address))
            continue
        where[full] = sheet.cell(r, 1)
        lines[full] = reader.line(sheet, r, key, code, name, columns, label_col=1)
    for b in spec.blocks:
        for ln in b.lines if b.required else ():
            if f"{b.key}.{ln.key}" not in lines:
                reader.problems.append(problem("line-missing", sheet.cell(header_row, 1), sheet=sheet.name,
                                               label=f"{b.title}/{ln.label}"))
    return M.LineTable(sheet.name, tuple(columns), lines)


def read_records(reader: SheetReader, sheet: Sheet, spec: W.RecordSheet) -> M.RecordTable:
    """A list under one header row (the row holding the key column's header); 合计 is the total row."""
    key_column = next(c for c in spec.columns if c.key == spec.key)
    header_row = sheet.find_row(lambda cells: any(key_column.matches(x) for x in cells if x))
    if header_row is None:
        reader.problems.append(problem("header-missing", sheet.cell(1, 1), sheet=sheet.name, label=key_column.label))
        return M.RecordTable(sheet.name, ())
    headers = reader.header_texts(sheet, header_row, header_row)
    columns = reader.match_columns(sheet, spec.columns, headers, range(1, sheet.width + 1), header_row)
    if spec.key not in columns:
        return M.RecordTable(sheet.name, ())
    reader.check_merged_data(sheet, header_row + 1)
    texts = {c.key for c in spec.texts}
    records: list[M.Record] = []
    total: M.Record | None = None
    for r in range(header_row + 1, len(sheet.rows) + 1):
        key_text = cell_text(sheet.value(r, columns[spec.key]))
        if normalize(key_text).startswith("注"):
            break
        if normalize(key_text) == "栏次":
            continue
        if not key_text:
            if any(sheet.value(r, c) not in (None, "") for k, c in columns.items() if k not in texts):
                reader.problems.append(problem("label-missing", sheet.cell(r, columns[spec.key])))
            continue
        values: dict[str, Any] = {}
        amounts = {}
        for key, c in columns.items():
            if key in texts:
                values[key] = cell_text(sheet.value(r, c))
            else:
                amount = reader.amount(sheet, r, c)
                amounts[key] = amount if amount is not None else ZERO
        record = M.Record(values, amounts, {k: sheet.cell(r, c) for k, c in columns.items()}, r)
        if spec.with_total and normalize(key_text) == "合计":
            total = record
        else:
            records.append(record)
    if spec.with_total and total is None and records:
        reader.problems.append(problem("total-missing", sheet.cell(header_row, 1), sheet=sheet.name))
    return M.RecordTable(sheet.name, tuple(records), total)


def read_units(sheet: Sheet, table: SubjectTable) -> dict[str, tuple[str, str]]:
    """表2/3/4: each subject row's 单位编码 and 单位名称 (text columns found by their headers)."""
    header_row = sheet.find_row(lambda cells: W.UNIT_CODE.label in cells)
    if header_row is None:
        return {}
    cols = {normalize(sheet.value(header_row, c)): c for c in range(1, sheet.width + 1)}
    code_col, name_col = cols.get(W.UNIT_CODE.label), cols.get(W.UNIT_NAME.label)
    out = {}
    for row in table.rows:
        if row.code_cell is None:
            continue
        r = coordinate_from_string(row.code_cell.address)[1]
        out[row.code] = (cell_text(sheet.value(r, code_col)) if code_col else "",
                         cell_text(sheet.value(r, name_col)) if name_col else "")
    return out


OPTIONAL_SHEETS = (W.GLOSSARY, W.T13_DETAILS)  # a workbook may leave these out


def _sheet_names() -> tuple[str, ...]:
    return (W.INFO.sheet, W.T1.sheet, *(s.sheet for s in W.SUBJECT_SHEETS), W.T6.sheet,
            *(s.sheet for s in W.RECORD_SHEETS if s not in OPTIONAL_SHEETS), W.T12_TEXTS.sheet, W.NARRATIVE.sheet,
            W.OTHER.sheet)


def read_budget(path: str | Path) -> tuple[M.BudgetModel | None, tuple[ReadProblem, ...]]:
    """The budget of the workbook at ``path`` and every problem found; ``None`` when it cannot be read."""
    path = Path(path)
    reader = SheetReader(path)
    sheets = load_sheets(path, reader)
    if sheets is None:
        return None, tuple(reader.problems)
    for name in _sheet_names():
        if name not in sheets:
            reader.problems.append(problem("sheet-missing", None, sheet=name))
    if any(p.kind.id == "sheet-missing" for p in reader.problems):
        return None, tuple(reader.problems)
    field_cells: dict[str, Cell] = {}
    info = reader.fields(sheets[W.INFO.sheet], W.INFO, field_cells)
    name = reader.department_name(info.name, field_cells.get("info.name")) if info.name else ""
    if info.year and not 2000 <= info.year <= 2100:
        reader.problems.append(problem("value-invalid", field_cells.get("info.year"), label="预算年度",
                                       allowed="2000—2100 之间的四位数年份", value=info.year))
    layouts = budget_layouts()
    if info.layout and info.layout not in layouts:
        reader.problems.append(problem("value-invalid", field_cells.get("info.layout"), label="公开格式",
                                       allowed="、".join(layouts), value=info.layout))
    info = dataclasses.replace(info, name=name, functions=reader.functions(sheets.get(W.FUNCTIONS_SHEET)))
    subjects = {s.table: reader.subjects(sheets[s.sheet], s) for s in W.SUBJECT_SHEETS}
    units = {s.table: read_units(sheets[s.sheet], subjects[s.table]) for s in W.SUBJECT_SHEETS}
    records = {s.table: read_records(reader, sheets[s.sheet], s) if s.sheet in sheets else M.RecordTable(s.sheet, ())
               for s in W.RECORD_SHEETS}  # the optional sheets may be left out
    projects = {p.text("name") for p in records["t13"].records}
    indicators: dict[str, list[M.Record]] = {}
    details: dict[str, list[M.Record]] = {}
    for table, grouped in (("t13_indicators", indicators), ("t13_details", details)):
        for item in records[table].records:
            if item.text("project") not in projects:
                reader.problems.append(problem("record-project-unknown", item.cells.get("project"),
                                               name=item.text("project"), sheet=W.T13.sheet))
            grouped.setdefault(item.text("project"), []).append(item)
    budget = M.BudgetModel(
        source=str(path),
        info=info,
        t1_appropriation_summary=read_lines(reader, sheets[W.T1.sheet], W.T1),
        t2_general_budget_expenditure=subjects["t2"], t2_units=units["t2"],
        t3_general_budget_basic_expenditure=subjects["t3"], t3_units=units["t3"],
        t4_three_public=subjects["t4"], t4_units=units["t4"],
        t5_government_fund=subjects["t5"],
        t6_income_expenditure_summary=read_lines(reader, sheets[W.T6.sheet], W.T6),
        t7_income_summary=records["t7"],
        t8_expenditure_summary=records["t8"],
        t9_project_expenditure=records["t9"],
        t10_procurement=records["t10"],
        t11_purchased_services=records["t11"],
        t12_overall_performance=M.PerformanceTarget(
            reader.fields(sheets[W.T12_TEXTS.sheet], W.T12_TEXTS, field_cells), records["t12"]),
        t13_project_performance=tuple(M.ProjectTarget(p, tuple(indicators.get(p.text("name"), ())),
                                                      tuple(details.get(p.text("name"), ())))
                                      for p in records["t13"].records),
        narrative=reader.fields(sheets[W.NARRATIVE.sheet], W.NARRATIVE, field_cells),
        other=reader.fields(sheets[W.OTHER.sheet], W.OTHER, field_cells),
        field_cells=field_cells,
        glossary=records["glossary"],
    )
    unique = {(p.kind.id, p.cell, p.message): p for p in reader.problems}
    problems = sorted(unique.values(), key=lambda p: (p.cell or Cell("", ""), p.kind.id))
    return budget, tuple(problems)


def budget_layouts() -> tuple[str, ...]:
    """The 公开格式 the budget has templates for (``templates/budget/layouts.toml``)."""
    import tomllib

    from generator.resources import TEMPLATES_DIR

    path = TEMPLATES_DIR / "budget" / "layouts.toml"
    return tuple(tomllib.loads(path.read_text(encoding="utf-8")).get("layouts", {})) if path.is_file() else ()


def read_budget_identity(path: str | Path) -> tuple[str, int] | None:
    """(部门名称, 预算年度) from 基本信息 alone, or ``None`` (for the batch's duplicate check)."""
    name = read_info_value(path, "部门名称")
    year = read_info_value(path, "预算年度")
    return (name, int(year)) if name and year.isdigit() else None

