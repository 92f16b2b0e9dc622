"""Presenters over one list: the findings of the checks and the problems met while reading the workbook.

Both become the same ``Entry`` (severity, rule, sheet, row, column, cell, the two sides, the
difference, the message, what to do); ``format_console`` groups the entries by sheet for a terminal,
``write_xlsx_report`` writes one row per entry for a finance officer to filter in Excel.
Presenters only sort, group and format: every word of a message comes from the rules and problem
kinds.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from generator.workbook import layout as L
from generator.workbook.problems import ReadProblem

from .findings import INFO, SEVERITIES, CheckReport, Finding, severity_rank
from .tables import TABLE_ORDER, TABLES

WORKBOOK_GROUP = "工作簿"
READ_RULE_PREFIX = "读取"


@dataclass(frozen=True)
class Entry:
    """One line of a report, whatever produced it."""

    severity: str
    rule: str  # rule id, or 读取/<problem kind>
    title: str
    sheet: str  # the worksheet to open (the group of the console report)
    row: str
    column: str
    cell: str  # address in that sheet
    left: Decimal | None
    right: Decimal | None
    difference: Decimal | None
    message: str
    hint: str
    other: str = ""  # the cell of the other side, when it is one cell: 工作表「表3 支出决算表」单元格 C10


_TABLE_SHEETS = {TABLES[t].label: TABLES[t].sheet for t in TABLE_ORDER}


def _from_finding(f: Finding) -> Entry:
    sheet = f.cell.sheet if f.cell else _TABLE_SHEETS.get(f.table, f.table)
    other = str(f.other_cell) if f.other_cell and f.other_cell != f.cell else ""
    return Entry(f.severity, f.rule_id, f.title, sheet, f.row, f.column, f.cell.address if f.cell else "",
                 f.left, f.right, f.difference, f.message, f.hint, other)


def _from_problem(p: ReadProblem) -> Entry:
    address, column = (p.cell.address if p.cell else ""), ""
    if address.endswith("?"):  # a column whose row was not found (a missing label row): no cell to name
        address, column = "", f"{address[:-1]} 列（该项所在行见说明）"
    return Entry(p.severity, f"{READ_RULE_PREFIX}/{p.kind.id}", p.kind.title,
                 p.cell.sheet if p.cell else WORKBOOK_GROUP, "", column, address,
                 None, None, None, p.message, p.hint)


def _sheet_order() -> dict[str, int]:
    names = [WORKBOOK_GROUP, *(TABLES[t].sheet for t in TABLE_ORDER)]
    names += [n for n in L.sheet_names() if n not in names]
    return {n: i for i, n in enumerate(names)}


def entries(report: CheckReport | None, read_problems: Sequence[ReadProblem] = ()) -> list[Entry]:
    """Read problems first (they come first in the workbook's life), then findings; stable order."""
    out = [_from_problem(p) for p in read_problems]
    if report is not None:
        out += [_from_finding(f) for f in report.findings]
    return out


def _counts(items: Sequence[Entry]) -> dict[str, int]:
    return {s: sum(e.severity == s for e in items) for s in SEVERITIES}


def summary_line(report: CheckReport | None, read_problems: Sequence[ReadProblem] = ()) -> str:
    items = entries(report, read_problems)
    counts = _counts(items)
    text = "，".join(f"{s} {counts[s]} 条" for s in SEVERITIES)
    if report is None:
        return f"工作簿未能完整读取，未进行表内表间校验；读取问题：{text}。"
    if not items:
        return "校验通过：未发现问题。"
    verdict = "有错误，不能生成文档" if counts[SEVERITIES[0]] else "没有错误，可以生成文档"
    return f"校验结果：{text}（{verdict}）。"


# ----------------------------------------------------------------------------------- console


def _amount(value: Decimal | None, signed: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:+,.2f}" if signed else f"{value:,.2f}"


def format_console(report: CheckReport | None, read_problems: Sequence[ReadProblem] = ()) -> str:
    """The report as plain text, grouped by worksheet; errors first within each sheet."""
    items = entries(report, read_problems)
    lines = [summary_line(report, read_problems)]
    order = _sheet_order()
    groups: dict[str, list[Entry]] = {}
    for e in items:
        groups.setdefault(e.sheet, []).append(e)
    for sheet in sorted(groups, key=lambda s: (order.get(s, len(order)), s)):
        lines += ["", f"== {sheet} =="]
        for e in sorted(groups[sheet], key=lambda e: severity_rank(e.severity)):
            lines.append(f"[{e.severity}] {e.rule} {e.title}")
            where = "｜".join(p for p in (e.row, e.column, f"单元格 {e.cell}" if e.cell else "") if p)
            if where:
                lines.append(f"    位置：{where}")
            if e.other:
                lines.append(f"    对照：{e.other}")
            if e.left is not None or e.right is not None:
                sides = f"    左边 {_amount(e.left)}　右边 {_amount(e.right)}"
                if e.difference is not None:
                    sides += f"　差额 {_amount(e.difference, signed=True)}"
                lines.append(sides)
            lines.append(f"    说明：{e.message}")
            lines.append(f"    处理：{e.hint}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------- .xlsx

XLSX_COLUMNS = (
    ("严重程度", 10), ("规则", 30), ("表", 30), ("行", 30), ("列", 18), ("单元格", 9),
    ("左边", 14), ("右边", 14), ("差额", 12), ("说明", 60), ("处理办法", 48),
)
_FILLS = {
    SEVERITIES[0]: PatternFill("solid", fgColor="F8CBAD"),
    SEVERITIES[1]: PatternFill("solid", fgColor="FFE699"),
    INFO: PatternFill("solid", fgColor="E2EFDA"),
}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_AMOUNT_FORMAT = "#,##0.00"
_LINK_FONT = Font(name="宋体", size=10, color="0563C1", underline="single")
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
SHEET_TITLE = "校验结果"
HEADER_ROW = 3


def cell_order(address: str) -> tuple[int, int]:
    """Reading order of a cell address: by row, then column (A6 before A10, B6 before A10); none last."""
    m = _CELL.match(address or "")
    if not m:
        return (1 << 30, 0)
    return int(m.group(2)), column_index_from_string(m.group(1))


def _rule_label(e: Entry) -> str:
    if e.rule.startswith(READ_RULE_PREFIX + "/"):
        return f"{READ_RULE_PREFIX}问题：{e.title}"  # the problem kind's id is for programs, not for readers
    return f"{e.rule} {e.title}"


def _link(report: Path, workbook: Path, sheet: str, cell: str) -> Hyperlink:
    """A link from the report to ``cell`` of ``sheet`` in the workbook (relative when both share a drive)."""
    try:
        target = os.path.relpath(Path(workbook).resolve(), Path(report).resolve().parent)
    except ValueError:  # another drive (Windows)
        target = str(Path(workbook).resolve())
    quoted = sheet.replace("'", "''")
    return Hyperlink(ref="", target=Path(target).as_posix(), location=f"'{quoted}'!{cell}",
                     tooltip=f"打开工作簿，定位到「{sheet}」{cell}")


def write_xlsx_report(path: Path, report: CheckReport | None, read_problems: Sequence[ReadProblem] = (),
                      title: str = "", workbook: Path | None = None) -> None:
    """One row per finding or read problem, by worksheet and cell in reading order, filters on; written atomically.

    With ``workbook``, each finding's cell links into it (``工作簿.xlsx#'表2 收入决算表'!D15``). The sheet
    prints landscape on A4, one page wide, the header row repeated on every page.
    """
    path = Path(path)
    order = _sheet_order()
    items = sorted(entries(report, read_problems),
                   key=lambda e: (order.get(e.sheet, len(order)), e.sheet, cell_order(e.cell),
                                  severity_rank(e.severity)))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.cell(row=1, column=1, value=title or "部门决算校验报告").font = Font(name="宋体", size=14, bold=True)
    ws.cell(row=2, column=1, value=summary_line(report, read_problems)).font = _FONT
    header_row = HEADER_ROW
    for c, (label, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=c, value=label)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, e in enumerate(items, start=header_row + 1):
        values = (e.severity, _rule_label(e), e.sheet, e.row, e.column, e.cell,
                  e.left, e.right, e.difference, e.message, e.hint)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.border, cell.alignment = _FONT, _BORDER, _WRAP
            if isinstance(value, Decimal):
                cell.number_format = _AMOUNT_FORMAT
        ws.cell(row=r, column=1).fill = _FILLS.get(e.severity, PatternFill())
        if workbook is not None and e.cell and e.sheet != WORKBOOK_GROUP:
            link = ws.cell(row=r, column=6)
            link.hyperlink = _link(path, workbook, e.sheet, e.cell)
            link.hyperlink.ref = link.coordinate
            link.font = _LINK_FONT
    last = header_row + max(len(items), 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(XLSX_COLUMNS))}{last}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.sheet_view.zoomScale = 100
    # printable: landscape A4, all columns on one page width, the header row on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    wb.properties.creator = "juesuan"

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
