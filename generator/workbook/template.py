"""Writes the workbook template an accountant fills (and, given data, a filled workbook).

Everything is derived from ``layout``: the reader finds what this module writes by the same
labels. ``data`` has the shape documented in ``sample_inputs/data/FORMAT.md``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator import catalog, forms
from generator.layouts import available_layouts
from generator.workbook import layout as L

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="宋体", size=14, bold=True)
BODY_FONT = Font(name="宋体", size=10)
BOLD_FONT = Font(name="宋体", size=10, bold=True)
AMOUNT_FORMAT = "#,##0.00"
BLANK_DATA_ROWS = 120  # empty input rows offered under a coded table of the blank template


def _amount(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(Decimal(str(value)))


def header_cell(ws: Worksheet, row: int, col: int, text: str, *, end_row: int | None = None,
            end_col: int | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=text)
    cell.font = BOLD_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BORDER
    if (end_row and end_row != row) or (end_col and end_col != col):
        ws.merge_cells(start_row=row, start_column=col, end_row=end_row or row, end_column=end_col or col)


def title_rows(ws: Worksheet, title: str, width: int, official_no: str, department: str) -> None:
    ws.cell(row=1, column=1, value=title).font = TITLE_FONT
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=2, column=1, value=f"部门：{department}").font = BODY_FONT
    ws.cell(row=2, column=max(width - 1, 2), value=official_no).font = BODY_FONT
    ws.cell(row=2, column=width, value="金额单位：万元").font = BODY_FONT


def input_cell(ws: Worksheet, row: int, col: int, value: Any, *, amount: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=_amount(value) if amount else value)
    cell.fill = INPUT_FILL
    cell.border = BORDER
    cell.font = BODY_FONT
    if amount:
        cell.number_format = AMOUNT_FORMAT
        cell.alignment = Alignment(horizontal="right")


def fixed_cell(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.border = BORDER
    cell.font = BODY_FONT


def amount_validation(ws: Worksheet, ref: str) -> None:
    dv = DataValidation(type="decimal", operator="between", formula1="-999999999", formula2="999999999",
                        allow_blank=True, showErrorMessage=True, errorTitle="金额格式错误",
                        error="请填写数字金额（万元，保留两位小数）。")
    ws.add_data_validation(dv)
    for part in ref.split():
        dv.add(part)


def _note(ws: Worksheet, row: int, text: str, width: int) -> None:
    ws.cell(row=row, column=1, value=text).font = BODY_FONT
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


# ----------------------------------------------------------------------------------- 表1, 表4


def _blank_labeled_lines(sheet: L.LabeledSheet, form: forms.Form) -> tuple[list[list[Any]], list[list[Any]]]:
    """The lines of a blank 表1/表4 as the form declares them: income lines beside the form's classes, then
    the fixed lines (with the form's blank rows), the two sides' last lines (总计) on one row."""
    classes = [catalog.class_by_code(c) for c in form.classes]
    right: list[list[Any]] = [[f"{_cn(i)}、{fc.name}", None] for i, fc in enumerate(classes, 1) if fc]
    heads = [ln for ln in sheet.left_lines if ln.key.startswith("inc_")]
    tails = sheet.left_lines[len(heads):]
    left = [[ln.label, None] for ln in heads] + [["", None]] * (len(right) - len(heads))
    right_tail = [[ln.label, None] for ln in sheet.right_lines]
    left_tail = [[ln.label, None] for ln in tails]
    for shorter, longer in ((left_tail, right_tail), (right_tail, left_tail)):
        while len(shorter) < len(longer):
            shorter.insert(len(shorter) - 1, ["", None])  # blank rows go before 总计
    return left + left_tail, right + right_tail


def _cn(i: int) -> str:
    numerals = "一二三四五六七八九十"
    if i <= 10:
        return numerals[i - 1]
    tens, ones = divmod(i, 10)
    return (numerals[tens - 1] if tens > 1 else "") + "十" + (numerals[ones - 1] if ones else "")


def _write_labeled(ws: Worksheet, sheet: L.LabeledSheet, data: dict[str, Any] | None, department: str,
                   form: forms.Form) -> None:
    right_columns = sheet.right_columns
    if data and "right_columns" in data:  # a workbook that dropped an optional column (湖南 2019 表4)
        right_columns = tuple(c for c in sheet.right_columns if c.key in data["right_columns"])
    n_right = len(right_columns)
    width = 3 + 2 + n_right
    title_rows(ws, sheet.title, width, sheet.official_no, department)
    header_cell(ws, 3, 1, "收入", end_col=3)
    header_cell(ws, 3, 4, "支出", end_col=width)
    for col, text in ((1, "项目"), (2, "行次"), (3, sheet.left_columns[0].label), (4, "项目"), (5, "行次")):
        header_cell(ws, 4, col, text)
    for i, column in enumerate(right_columns):
        header_cell(ws, 4, 6 + i, column.label)
    header_cell(ws, 5, 1, "栏次")
    header_cell(ws, 5, 2, "")
    header_cell(ws, 5, 3, 1)
    header_cell(ws, 5, 4, "栏次")
    header_cell(ws, 5, 5, "")
    for i in range(n_right):
        header_cell(ws, 5, 6 + i, 2 + i)

    if data is None:
        left, right = _blank_labeled_lines(sheet, form)
        left = [[label, i + 1, *values] for i, (label, *values) in enumerate(left)]
        right = [[label, len(left) + i + 1, *values] for i, (label, *values) in enumerate(right)]
    else:
        left, right = data["left"], data["right"]
    row = 6
    for i in range(max(len(left), len(right))):
        if i < len(left):
            label, line_no, *values = left[i]
            fixed_cell(ws, row, 1, label)
            fixed_cell(ws, row, 2, line_no)
            input_cell(ws, row, 3, values[0] if values else None, amount=True)
        if i < len(right):
            label, line_no, *values = right[i]
            fixed_cell(ws, row, 4, label)
            fixed_cell(ws, row, 5, line_no)
            for j in range(n_right):
                input_cell(ws, row, 6 + j, values[j] if j < len(values) else None, amount=True)
        row += 1
    amount_validation(ws, f"C6:C{row - 1} F6:{get_column_letter(width)}{row - 1}")
    _note(ws, row + 1, sheet.note, width)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["D"].width = 34
    for col in range(6, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.freeze_panes = "A6"


# ----------------------------------------------------------------------------------- coded tables


def _write_subjects(ws: Worksheet, sheet: L.SubjectSheet, rows: Sequence[Sequence[Any]] | None,
                    department: str) -> None:
    columns = [c for c in sheet.columns if c.required]
    width = 2 + len(columns)
    title_rows(ws, sheet.title, width, sheet.official_no, department)
    header_cell(ws, 3, 1, "项目", end_col=2)
    header_cell(ws, 4, 1, "功能分类科目编码")
    header_cell(ws, 4, 2, "科目名称")
    col = 3
    while col - 3 < len(columns):
        column = columns[col - 3]
        if column.group:
            span = [c for c in columns if c.group == column.group]
            header_cell(ws, 3, col, column.group, end_col=col + len(span) - 1)
            for i, c in enumerate(span):
                header_cell(ws, 4, col + i, c.label)
            col += len(span)
        else:
            header_cell(ws, 3, col, column.label, end_row=4)
            col += 1
    header_cell(ws, 5, 1, "栏次", end_col=2)
    for i in range(len(columns)):
        header_cell(ws, 5, 3 + i, i + 1)

    if rows is None:
        rows = [["", "合计"]] + [[]] * BLANK_DATA_ROWS
    row = 6
    for record in rows:
        record = list(record) + [None] * (width - len(record))
        code, name, *values = record
        input_cell(ws, row, 1, code if code else None)
        ws.cell(row=row, column=1).number_format = "@"
        input_cell(ws, row, 2, name)
        for j in range(len(columns)):
            input_cell(ws, row, 3 + j, values[j], amount=True)
        row += 1
    amount_validation(ws, f"C6:{get_column_letter(width)}{row - 1}")
    _note(ws, row + 1, sheet.note, width)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 36
    for c in range(3, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 15
    ws.freeze_panes = "C6"


# ----------------------------------------------------------------------------------- 表6


def _blank_economic_grid() -> list[list[Any]]:
    groups: dict[str, list[catalog.EconomicSubject]] = {"a": [], "b": [], "c": []}
    for s in catalog.economic_subjects():
        key = "a" if s.code[:3] in ("301", "303") else "b" if s.code[:3] == "302" else "c"
        groups[key].append(s)
    height = max(len(g) for g in groups.values())
    grid = []
    for i in range(height):
        row: list[Any] = []
        for g in groups.values():
            row += [g[i].code, g[i].name, None] if i < len(g) else [None, None, None]
        grid.append(row)
    grid.append(["", L.T6_PERSONNEL_TOTAL, None, "", L.T6_PUBLIC_TOTAL, None, "", "", None])
    return grid


def _write_economic(ws: Worksheet, sheet: L.EconomicSheet, grid: Sequence[Sequence[Any]] | None,
                    department: str) -> None:
    title_rows(ws, sheet.title, 9, sheet.official_no, department)
    header_cell(ws, 3, 1, "人员经费", end_col=3)
    header_cell(ws, 3, 4, "公用经费", end_col=9)
    for g in range(3):
        header_cell(ws, 4, 1 + 3 * g, "科目编码")
        header_cell(ws, 4, 2 + 3 * g, "科目名称")
        header_cell(ws, 4, 3 + 3 * g, "决算数")
    row = 5
    for record in grid if grid is not None else _blank_economic_grid():
        record = list(record) + [None] * (9 - len(record))
        is_total_row = any(v in (L.T6_PERSONNEL_TOTAL, L.T6_PUBLIC_TOTAL) for v in record)
        for g in range(3):
            code, name, amount = record[3 * g: 3 * g + 3]
            if is_total_row:
                fixed_cell(ws, row, 1 + 3 * g, code or None)
                fixed_cell(ws, row, 2 + 3 * g, name or None)
                if amount is not None or name in (L.T6_PERSONNEL_TOTAL,) or g == 2:
                    input_cell(ws, row, 3 + 3 * g, amount, amount=True)
                continue
            fixed_cell(ws, row, 1 + 3 * g, code)
            ws.cell(row=row, column=1 + 3 * g).number_format = "@"
            fixed_cell(ws, row, 2 + 3 * g, name)
            if code:
                input_cell(ws, row, 3 + 3 * g, amount, amount=True)
        row += 1
    amount_validation(ws, f"C5:C{row - 1} F5:F{row - 1} I5:I{row - 1}")
    _note(ws, row + 1, sheet.note, 9)
    for g in range(3):
        ws.column_dimensions[get_column_letter(1 + 3 * g)].width = 10
        ws.column_dimensions[get_column_letter(2 + 3 * g)].width = 28
        ws.column_dimensions[get_column_letter(3 + 3 * g)].width = 13
    ws.freeze_panes = "A5"


# ----------------------------------------------------------------------------------- 表7


def _write_three_public(ws: Worksheet, sheet: L.ThreePublicSheet, data: dict[str, Any] | None,
                        department: str) -> None:
    title_rows(ws, sheet.title, 12, sheet.official_no, department)
    for g, label in enumerate((L.T7_BUDGET, L.T7_ACTUAL)):
        base = 1 + 6 * g
        header_cell(ws, 3, base, label, end_col=base + 5)
        header_cell(ws, 4, base, "合计", end_row=5)
        header_cell(ws, 4, base + 1, "因公出国（境）费", end_row=5)
        header_cell(ws, 4, base + 2, "公务用车购置及运行费", end_col=base + 4)
        header_cell(ws, 5, base + 2, "小计")
        header_cell(ws, 5, base + 3, "公务用车购置费")
        header_cell(ws, 5, base + 4, "公务用车运行费")
        header_cell(ws, 4, base + 5, "公务接待费", end_row=5)
    for i in range(12):
        header_cell(ws, 6, 1 + i, i + 1)
    budget = (data or {}).get("budget") or [None] * 6
    actual = (data or {}).get("actual") or [None] * 6
    for i, value in enumerate([*budget, *actual]):
        input_cell(ws, 7, 1 + i, value, amount=True)
    amount_validation(ws, "A7:L7")
    _note(ws, 9, sheet.note, 12)
    for i in range(12):
        ws.column_dimensions[get_column_letter(1 + i)].width = 12


# ----------------------------------------------------------------------------------- other sheets


def _field_value(value: Any) -> Any:
    if isinstance(value, str) and value and all(ch.isdigit() or ch == "." for ch in value):
        return float(Decimal(value)) if "." in value else int(value)
    return value


def write_fields(ws: Worksheet, sheet: L.FieldSheet, data: dict[str, Any] | None) -> None:
    ws.cell(row=1, column=1, value=sheet.title).font = TITLE_FONT
    for col, text in enumerate(("项目", "内容", "说明"), 1):
        header_cell(ws, 2, col, text)
    row = 3
    for f in dataclasses.fields(sheet.cls):
        if f.name == "functions":
            continue
        fixed_cell(ws, row, 1, f.metadata["label"])
        value = (data or {}).get(f.name)
        is_amount = "Decimal" in str(f.type)
        input_cell(ws, row, 2, value if is_amount else _field_value(value), amount=is_amount)
        help_text = f.metadata["help"] + ("（必填）" if f.metadata["required"] else "")
        fixed_cell(ws, row, 3, help_text)
        if is_amount:
            amount_validation(ws, f"B{row}")
        elif f.type in ("int", int, "int | None"):
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, error="请填写不小于 0 的整数。")
            ws.add_data_validation(dv)
            dv.add(f"B{row}")
        elif f.name == "layout":
            dv = DataValidation(type="list", formula1='"' + ",".join(available_layouts()) + '"', allow_blank=False,
                                showErrorMessage=True, error="请选择 湖北、湖南 或 上海。")
            ws.add_data_validation(dv)
            dv.add(f"B{row}")
        ws.cell(row=row, column=1).protection = Protection(locked=True)
        ws.cell(row=row, column=2).protection = Protection(locked=False)
        row += 1
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 50
    ws.protection.sheet = True  # labels are what the reader looks for: only column B is open


def write_functions(ws: Worksheet, functions: Sequence[str]) -> None:
    ws.cell(row=1, column=1, value="部门主要职能（每行一条）").font = TITLE_FONT
    header_cell(ws, 2, 1, "序号")
    header_cell(ws, 2, 2, "职能")
    items = list(functions) or [""] * 10
    for i, text in enumerate([*items, *[""] * 5], 1):
        fixed_cell(ws, 2 + i, 1, i)
        input_cell(ws, 2 + i, 2, text or None)
    ws.column_dimensions["B"].width = 100


def write_list(ws: Worksheet, sheet: L.ListSheet, records: Sequence[Sequence[Any]]) -> None:
    width = len(sheet.columns)
    ws.cell(row=1, column=1, value=sheet.title).font = TITLE_FONT
    ws.cell(row=2, column=1, value=sheet.help).font = BODY_FONT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for i, column in enumerate(sheet.columns, 1):
        header_cell(ws, 3, i, column.label)
        ws.column_dimensions[get_column_letter(i)].width = 30 if column.key in ("goal", "achieved", "text") else 16
    rows = list(records) or [[None] * width] * 20
    for r, record in enumerate(rows, 4):
        for c, column in enumerate(sheet.columns, 1):
            value = record[c - 1] if c - 1 < len(record) else None
            is_amount = column.key in ("budget", "full_year", "executed", "execution_weight", "goal_weight",
                                       "goal_score", "weight", "score")
            input_cell(ws, r, c, value, amount=is_amount)
            if column.key == "code":
                ws.cell(row=r, column=c).number_format = "@"
    ws.freeze_panes = "A4"


# a 年初预算 record of the sample JSON: (fund, code, name, budget, use, reason[, full_year]) — the 全年预算
# came later and is optional, so existing sources keep their six fields
_BUDGET_RECORD = ("fund", "code", "name", "budget", "use", "reason", "full_year")


def _budget_records(data: dict[str, Any] | None) -> list[list[Any]]:
    """The 年初预算 rows in the sheet's column order; a blank workbook offers the 合计 row of 一般公共预算."""
    if data is None:
        blank: dict[str, Any] = {"fund": L.FUND_KINDS[0], "name": L.BUDGET_TOTAL_LABEL}
        return [[blank.get(c.key) for c in L.BUDGET_SHEET.columns]] + [[None] * len(L.BUDGET_SHEET.columns)] * 19
    out = []
    for record in data.get("budget", []):
        values = dict(zip(_BUDGET_RECORD, record, strict=False))
        out.append([values.get(c.key) for c in L.BUDGET_SHEET.columns])
    return out


def _evaluation_records(data: dict[str, Any]) -> tuple[list[list[Any]], list[list[Any]]]:
    evaluations, indicators = [], []
    for e in data.get("evaluations", []):
        kind = L.EVALUATION_KIND_DEPARTMENT if e.get("is_department") else L.EVALUATION_KIND_PROJECT
        evaluations.append([kind] + [e.get(c.key) for c in L.EVALUATION_SHEET.columns[1:]])
        for ind in e.get("indicators", []):
            indicators.append([e["name"], *ind])
    return evaluations, indicators


INSTRUCTIONS = (
    "部门决算公开工作簿 填表说明",
    "1. 黄色单元格为填写区，其余为表头和说明，请勿改动表头文字：程序按表头和项目名称查找数据，不按位置。",
    "2. 表1至表9：可将决算软件导出的公开表直接粘贴到对应工作表的数据区（“栏次”行以下）；"
    "多余空行不影响读取。金额单位为万元，保留两位小数；空白视为 0，打印时保持空白。",
    "3. 表2、表3、表5、表8、表9：每行填写功能分类科目编码（类3位、款5位、项7位）和名称，第一行为“合计”。",
    "4. 基本信息：部门名称、决算年度、公开格式（湖北/湖南/上海）为必填；部门职能在“部门职能”表每行一条。"
    "决算年度和公开格式选定表样（公开表和行）：较早年度的表样不同（如湖南 2019 年度为八张表），"
    "请用 juesuan template-xlsx --year 年度 --layout 公开格式 生成该年度的空白工作簿。",
    "5. 上年数：填写上年度决算数，用于与上年对比；新成立部门留空，文档写“无法形成对比”。"
    "也可用命令参数 --prior 上年工作簿.xlsx 自动取上年数。",
    "6. 年初预算：每个类、项科目一行，决算数与预算数不一致的须填写原因；全年预算数（年中调整后）可不填。"
    "“合计”行（科目编码留空）填写预算批复的合计数，文档照此印出（各科目四舍五入后相加可能差几分）。",
    "7. 绩效自评：每个自评表一行（部门整体或项目），指标在“绩效指标”表每行一个；执行率得分由程序计算。",
    "8. 填好后运行：juesuan check 工作簿.xlsx（只校验），juesuan build 工作簿.xlsx（校验并生成文档）。",
    "9. 校验不通过时，报告列出每个问题所在的工作表、单元格、规则和修改办法；有“错误”时不生成文档。",
)


FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def make_reproducible(path: Path) -> None:
    """Same data, same bytes: fixed zip timestamps and a fixed modification date."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
                              rb"<dcterms:modified\1>2020-01-01T00:00:00Z</dcterms:modified>", data)
                data = re.sub(rb"<dcterms:created([^>]*)>[^<]*</dcterms:created>",
                              rb"<dcterms:created\1>2020-01-01T00:00:00Z</dcterms:created>", data)
            zf.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def workbook_form(data: dict[str, Any] | None) -> forms.Form:
    """The form a filled workbook's 决算年度 and 公开格式 select (the default form without them)."""
    info = (data or {}).get("info", {})
    year, layout = info.get("year"), info.get("layout", "")
    found = forms.find_form(int(year), layout) if year else None
    return found or forms.default_form(layout)


def write_workbook(path: Path, data: dict[str, Any] | None = None, form: forms.Form | None = None,
                   year: int | None = None,
                   extra_fields: Sequence[tuple[L.FieldSheet, dict[str, Any] | None]] = ()) -> None:
    """Write the template (``data is None``) or a filled workbook, atomically, with the sheets of ``form``
    (by default the form selected by the data's year and layout); ``year`` fills a blank workbook's 决算年度;
    ``extra_fields``: key-value sheets of other document kinds made from this workbook, after the others."""
    data = data or None
    chosen = form is not None and data is None
    form = form or workbook_form(data)
    wb = Workbook()
    ws = wb.active
    ws.title = L.INSTRUCTIONS_SHEET
    for i, line in enumerate(INSTRUCTIONS, 1):
        ws.cell(row=i, column=1, value=line).font = TITLE_FONT if i == 1 else BODY_FONT
    ws.column_dimensions["A"].width = 140
    ws.protection.sheet = True

    info = (data or {}).get("info", {})
    department = info.get("name", "")
    info_sheet, *other_fields = L.FIELD_SHEETS
    if chosen:  # a blank workbook for a chosen form names its layout (and its year when it has only one)
        info = {"layout": form.layout, "year": year or (form.last_year if form.last_year == form.first_year else None)}
    write_fields(wb.create_sheet(info_sheet.sheet), info_sheet, info)
    write_functions(wb.create_sheet(L.FUNCTIONS_SHEET), info.get("functions", []))

    for table in form.tables:
        ws = wb.create_sheet(table.sheet)
        content = (data or {}).get(table.table)
        if isinstance(table, L.LabeledSheet):
            _write_labeled(ws, table, content, department, form)
        elif isinstance(table, L.SubjectSheet):
            _write_subjects(ws, table, content, department)
        elif isinstance(table, L.EconomicSheet):
            _write_economic(ws, table, content, department)
        else:
            _write_three_public(ws, table, content, department)

    for sheet in other_fields:
        write_fields(wb.create_sheet(sheet.sheet), sheet, (data or {}).get(sheet.attribute))

    evaluations, indicators = _evaluation_records(data or {})
    lists = {
        "budget": _budget_records(data),
        "evaluations": evaluations,
        "indicators": indicators,
        "key_work": (data or {}).get("key_work", []),
        "glossary_extra": (data or {}).get("glossary_extra", []),
    }
    for sheet in L.LIST_SHEETS:
        write_list(wb.create_sheet(sheet.sheet), sheet, lists[sheet.attribute])
    for sheet, values in extra_fields:  # the inputs another document kind made from this workbook needs
        write_fields(wb.create_sheet(sheet.sheet), sheet, values)
    save_workbook(wb, path)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save ``wb`` at ``path`` atomically and reproducibly (``make_reproducible``)."""
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
