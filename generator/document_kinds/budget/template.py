"""Writes the blank budget workbook (``juesuan template-xlsx --kind 部门预算``) and, given data, a filled one.

Everything is derived from ``workbook``; the reader finds what this module writes by the same labels.
``data`` has the shape documented in ``sample_inputs/data/FORMAT.md`` (section 部门预算).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator import catalog
from generator.workbook.template import (
    BODY_FONT,
    BOLD_FONT,
    TITLE_FONT,
    amount_validation,
    fixed_cell,
    header_cell,
    input_cell,
    make_reproducible,
    title_rows,
    write_fields,
    write_functions,
)

from . import workbook as W

BLANK_ROWS = 60
ECONOMIC_CLASSES = ("301", "302", "303", "307", "309", "310", "311", "312", "313", "399")

INSTRUCTIONS = (
    "部门预算公开工作簿 填表说明",
    "1. 黄色单元格为填写区，请勿改动表头文字：程序按表头、项目名称和科目编码查找数据，不按位置；多余空行不影响读取。",
    "2. 基本信息：文档类型为“部门预算”，部门名称、预算年度、公开格式为必填；部门职能在「部门职能」表每行一条。",
    "3. 表1、表6：按“收入”“支出（按功能分类）”“支出（按支出类别）”“支出（按经济分类）”四栏填写，"
    "功能分类、经济分类的行写“编码 名称”，如“208 社会保障和就业支出”。金额单位为万元，保留两位小数。",
    "4. 表2至表5：每行一个科目（类3位、款5位、项7位），第一行为“合计”。",
    "5. 表7至表11、表13：每行一条记录，第一行为“合计”（表12、表13 没有合计行）。",
    "6. 上年预算与说明：填写上年预算数，用于“比上年预算增加/减少”；新成立部门留空。",
    "7. 填好后运行：juesuan check 工作簿.xlsx（只校验），juesuan build 工作簿.xlsx（校验并生成文档）。",
)


def _note(ws: Worksheet, row: int, text: str, width: int) -> None:
    if text:
        ws.cell(row=row, column=1, value="注：" + text).font = BODY_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 2))


def _blank_line_rows(sheet: W.LineSheet) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for block in sheet.blocks:
        rows.append([block.title])
        if block.key == "function":
            rows += [[f"{fc.code} {fc.name}"] for fc in catalog.function_classes()]
        if block.key == "economic":
            for code in ECONOMIC_CLASSES:
                subject = catalog.economic_by_code(code)
                rows.append([f"{code} {subject.name if subject else ''}"])
        rows += [[line.label] for line in block.lines]
    return rows


def _write_lines(ws: Worksheet, sheet: W.LineSheet, rows: Sequence[Sequence[Any]] | None, department: str) -> None:
    columns = list(sheet.columns)
    width = 1 + len(columns)
    title_rows(ws, sheet.title, width, sheet.official_no, department)
    header_cell(ws, 3, 1, "项目")
    for i, column in enumerate(columns, 2):
        header_cell(ws, 3, i, column.label)
    titles = {b.title for b in sheet.blocks}
    row = 4
    for record in rows if rows is not None else _blank_line_rows(sheet):
        label, *values = list(record)
        if label in titles:
            ws.cell(row=row, column=1, value=label).font = BOLD_FONT
        else:
            fixed_cell(ws, row, 1, label)
            for j in range(len(columns)):
                input_cell(ws, row, 2 + j, values[j] if j < len(values) else None, amount=True)
        row += 1
    amount_validation(ws, f"B4:{get_column_letter(width)}{row - 1}")
    _note(ws, row + 1, sheet.note, width)
    ws.column_dimensions["A"].width = 36
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 16
    ws.freeze_panes = "B4"


def _write_subjects(ws: Worksheet, sheet: Any, rows: Sequence[Sequence[Any]] | None, department: str) -> None:
    columns = list(sheet.columns)
    economic = sheet.table == "t3"
    texts = ("经济科目编码" if economic else "功能科目编码", "经济科目名称" if economic else "功能科目名称",
             W.UNIT_CODE.label, W.UNIT_NAME.label)
    width = len(texts) + len(columns)
    title_rows(ws, sheet.title, width, sheet.official_no, department)
    for i, text in enumerate(texts, 1):
        header_cell(ws, 3, i, text, end_row=4)
    col = len(texts) + 1
    while col - len(texts) <= len(columns):
        column = columns[col - len(texts) - 1]
        span = []
        for c in columns[col - len(texts) - 1:]:
            if not column.group or c.group != column.group:
                break
            span.append(c)
        if span:
            header_cell(ws, 3, col, column.group, end_col=col + len(span) - 1)
            for i, c in enumerate(span):
                header_cell(ws, 4, col + i, c.label)
            col += len(span)
        else:
            header_cell(ws, 3, col, column.label, end_row=4)
            col += 1
    header_cell(ws, 5, 1, "栏次")
    for i in range(2, width + 1):
        header_cell(ws, 5, i, i)
    rows = rows if rows is not None else [["", "合计"]] + [[]] * BLANK_ROWS
    row = 6
    for record in rows:
        record = list(record) + [None] * (width - len(record))
        for j, value in enumerate(record[:width]):
            amount = j >= len(texts)
            input_cell(ws, row, j + 1, value if value != "" else None, amount=amount)
            if not amount:
                ws.cell(row=row, column=j + 1).number_format = "@"
        row += 1
    amount_validation(ws, f"{get_column_letter(len(texts) + 1)}6:{get_column_letter(width)}{row - 1}")
    _note(ws, row + 1, sheet.note, width)
    for c, w in zip("ABCD", (14, 36, 12, 24), strict=True):
        ws.column_dimensions[c].width = w
    for c in range(len(texts) + 1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.freeze_panes = "E6"


def _write_records(ws: Worksheet, sheet: W.RecordSheet, rows: Sequence[Sequence[Any]] | None) -> None:
    columns = list(sheet.columns)
    width = len(columns)
    ws.cell(row=1, column=1, value=sheet.title).font = TITLE_FONT
    ws.cell(row=2, column=1, value=sheet.help + "金额单位：万元。").font = BODY_FONT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 2))
    for i, column in enumerate(columns, 1):
        header_cell(ws, 3, i, column.label)
        ws.column_dimensions[get_column_letter(i)].width = 14 if not isinstance(column, W.Text) else 24
    if rows is None:
        rows = ([[("合计" if c.key == sheet.key else None) for c in columns]] if sheet.with_total else [])
        rows = [*rows, *[[]] * 20]
    for r, record in enumerate(rows, 4):
        for c, column in enumerate(columns, 1):
            value = record[c - 1] if c - 1 < len(record) else None
            amount = not isinstance(column, W.Text)
            input_cell(ws, r, c, value if value != "" else None, amount=amount)
            if not amount:
                ws.cell(row=r, column=c).number_format = "@"
    ws.freeze_panes = "A4"


def write_budget_workbook(path: Path, data: dict[str, Any] | None = None, **_options: Any) -> None:
    """Write the blank budget workbook (``data is None``) or a filled one, atomically."""
    wb = Workbook()
    ws = wb.active
    ws.title = W.INSTRUCTIONS_SHEET
    for i, line in enumerate(INSTRUCTIONS, 1):
        ws.cell(row=i, column=1, value=line).font = TITLE_FONT if i == 1 else BODY_FONT
    ws.column_dimensions["A"].width = 140
    ws.protection.sheet = True

    data = data or {}
    info = {"kind": "部门预算", "layout": "湖北", **data.get("info", {})}
    department = info.get("name", "")
    write_fields(wb.create_sheet(W.INFO.sheet), W.INFO, info)
    write_functions(wb.create_sheet(W.FUNCTIONS_SHEET), info.get("functions", []))
    for sheet in (W.T1, *W.SUBJECT_SHEETS, W.T6):
        target = wb.create_sheet(sheet.sheet)
        if isinstance(sheet, W.LineSheet):
            _write_lines(target, sheet, data.get(sheet.table), department)
        else:
            _write_subjects(target, sheet, data.get(sheet.table), department)
    order = {s.sheet: s for s in W.RECORD_SHEETS}
    for sheet in order.values():
        if sheet is W.T12:
            write_fields(wb.create_sheet(W.T12_TEXTS.sheet), W.T12_TEXTS, data.get(W.T12_TEXTS.attribute))
        _write_records(wb.create_sheet(sheet.sheet), sheet, data.get(sheet.table))
    for spec in (W.NARRATIVE, W.OTHER):
        write_fields(wb.create_sheet(spec.sheet), spec, data.get(spec.attribute))
    # sheets in the order of the document: 表1 … 表13, then the inputs of the text
    wb._sheets.sort(key=_sheet_order)  # openpyxl has no public reorder

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        make_reproducible(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _sheet_order(ws: Worksheet) -> tuple[int, int, str]:
    title = ws.title
    if title.startswith("表"):
        number = int("".join(ch for ch in title[1:3] if ch.isdigit()))
        return (1, number, title)
    fixed = (W.INSTRUCTIONS_SHEET, W.INFO.sheet, W.FUNCTIONS_SHEET)
    return (0, fixed.index(title), title) if title in fixed else (2, 0, title)
