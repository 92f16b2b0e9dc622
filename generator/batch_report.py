"""Presenters of a batch: the summary as a console table and as an .xlsx a finance officer filters."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from rich.console import Console
from rich.table import Table

from generator.batch import BUILT, FAILED_STATUSES, UNCHANGED, BatchItem

COLUMNS = (
    ("部门", 28), ("年度", 8), ("状态", 14), ("错误数", 8), ("警告数", 8), ("本次有变化", 10),
    ("文档", 60), ("校验报告", 50), ("说明", 60), ("工作簿", 50), ("PDF", 60), ("其他文档", 60),
)
STATUS_FILL = {
    BUILT: "E2EFDA",
    UNCHANGED: "EDEDED",
}
FAILED_FILL = "F8CBAD"


def _row(item: BatchItem) -> list[object]:
    changed = "是" if item.changed else ("" if item.status != BUILT else "否")
    return [item.department, item.year, item.status, item.errors, item.warnings, changed, item.document,
            item.report, item.message, item.workbook, item.pdf, "\n".join(item.extra_documents)]


def write_summary_xlsx(path: Path, items: Sequence[BatchItem], *, interrupted: bool = False) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "批量汇总"
    for col, (title, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, item in enumerate(items, 2):
        for c, value in enumerate(_row(item), 1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=c in (9,))
        fill = FAILED_FILL if item.status in FAILED_STATUSES else STATUS_FILL.get(item.status)
        if fill:
            ws.cell(row=r, column=3).fill = PatternFill("solid", fgColor=fill)
    last = len(items) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(last, 1)}"
    ws.freeze_panes = "A2"
    if interrupted:
        ws.cell(row=last + 2, column=1, value="批量处理被中断：上表只列出中断前已处理的工作簿。")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def summary_table(items: Sequence[BatchItem]) -> Table:
    table = Table(title="批量处理汇总", show_lines=False)
    for title, _ in COLUMNS[:9]:
        table.add_column(title, overflow="fold")
    for item in items:
        style = "red" if item.status in FAILED_STATUSES else ("dim" if item.status == UNCHANGED else "")
        table.add_row(*("" if v is None else str(v) for v in _row(item)[:9]), style=style)
    return table


def print_summary(items: Sequence[BatchItem], console: Console | None = None) -> None:
    console = console or Console()
    console.print(summary_table(items))
    counts = {s: sum(i.status == s for i in items) for s in (BUILT, UNCHANGED, *FAILED_STATUSES)}
    changed = sum(i.changed for i in items)
    console.print("，".join(f"{k} {v} 个" for k, v in counts.items() if v) + f"；本次内容有变化的文档 {changed} 个。")
