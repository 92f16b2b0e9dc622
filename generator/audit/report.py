"""Presenters of audit reports: console text and 审核报告.xlsx (one row per finding), and a batch summary.

Like the check report (``generator.checks.report``), presenters only sort, group and format: every word
of a message comes from the finding kinds and the rules.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from generator.checks.findings import SEVERITIES, severity_rank

from .document import AuditFinding
from .engine import AuditReport

REPORT_NAME = "审核报告.xlsx"
SUMMARY_NAME = "审核汇总.xlsx"


def verdict(report: AuditReport) -> str:
    counts = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    text = "，".join(f"{s} {counts[s]} 条" for s in SEVERITIES)
    if not report.has_findings:
        return f"审核通过：未发现矛盾（{text}）。"
    return f"审核结果：{text}。"


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _sorted(findings: Sequence[AuditFinding]) -> list[AuditFinding]:
    return sorted(findings, key=lambda f: severity_rank(f.severity))


def format_console(report: AuditReport, *, show_info: bool = False) -> str:
    name = report.department or "（未识别部门名称）"
    year = f"{report.year}年度" if report.year else ""
    lines = [f"{Path(report.source).name}：{name} {year}".rstrip(),
             f"读到的公开表：{'、'.join(t.replace('t', '表') for t in report.tables_found) or '无'}；"
             f"逐列读出并校验的：{'、'.join(t.replace('t', '表') for t in report.tables_checked) or '无'}；"
             f"情况说明段落 {report.sentences_checked} 段。",
             verdict(report)]
    for f in _sorted(report.findings):
        if f.severity == SEVERITIES[2] and not show_info:
            continue
        lines.append(f"[{f.severity}] {f.kind} {f.title}")
        lines.append(f"    位置：{f.place}")
        if f.sentence:
            quote = f.sentence if len(f.sentence) <= 160 else f.sentence[:160] + "…"
            lines.append(f"    原文：{quote}")
        if f.stated is not None or f.expected is not None:
            lines.append(f"    文中 {_amount(f.stated)}　应为 {_amount(f.expected)}"
                         + (f"（{f.expected_desc}）" if f.expected_desc else ""))
        lines.append(f"    说明：{f.message}")
        lines.append(f"    处理：{f.hint}")
    return "\n".join(lines) + "\n"


COLUMNS = (("严重程度", 10), ("规则", 30), ("位置", 36), ("原文", 60), ("文中数", 14), ("应为", 14),
           ("依据", 30), ("说明", 60), ("处理办法", 44))
_FILLS = {SEVERITIES[0]: PatternFill("solid", fgColor="F8CBAD"), SEVERITIES[1]: PatternFill("solid", fgColor="FFE699"),
          SEVERITIES[2]: PatternFill("solid", fgColor="E2EFDA")}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _header(ws, row: int, columns) -> None:
    for c, (label, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=c, value=label)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width


def _save(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_xlsx_report(path: Path, report: AuditReport) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "审核结果"
    ws.cell(row=1, column=1, value=f"{report.department} {report.year or ''}年度 部门决算审核报告　"
                                   f"{Path(report.source).name}").font = Font(name="宋体", size=14, bold=True)
    ws.cell(row=2, column=1, value=verdict(report)).font = _FONT
    _header(ws, 3, COLUMNS)
    items = _sorted(report.findings)
    for r, f in enumerate(items, start=4):
        values = (f.severity, f"{f.kind} {f.title}", str(f.place), f.sentence, f.stated, f.expected, f.expected_desc,
                  f.message, f.hint)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.border, cell.alignment = _FONT, _BORDER, _WRAP
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
        ws.cell(row=r, column=1).fill = _FILLS.get(f.severity, PatternFill())
    ws.auto_filter.ref = f"A3:{get_column_letter(len(COLUMNS))}{3 + max(len(items), 1)}"
    ws.freeze_panes = ws.cell(row=4, column=1)
    wb.properties.creator = "juesuan"
    _save(wb, Path(path))
    return Path(path)


SUMMARY_COLUMNS = (("文档", 50), ("部门", 30), ("年度", 8), ("结果", 14), ("错误", 8), ("警告", 8), ("提示", 8),
                   ("主要问题", 70), ("报告", 40))


def write_summary(path: Path, rows: Sequence[tuple[str, AuditReport | None, str, Path | None]]) -> Path:
    """One row per document: (file, its report or None, the reason it could not be read, report path)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "审核汇总"
    ws.cell(row=1, column=1, value="部门决算文档审核汇总").font = Font(name="宋体", size=14, bold=True)
    _header(ws, 2, SUMMARY_COLUMNS)
    for r, (name, report, reason, report_path) in enumerate(rows, start=3):
        if report is None:
            values = (name, "", "", "无法读取", "", "", "", reason, "")
        else:
            counts = [sum(f.severity == s for f in report.findings) for s in SEVERITIES]
            titles = []
            for f in _sorted(report.findings):
                if f.severity != SEVERITIES[2] and f.title not in titles:
                    titles.append(f.title)
            values = (name, report.department, report.year or "", "有问题" if report.has_findings else "通过",
                      *counts, "；".join(titles[:5]), str(report_path or ""))
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.border, cell.alignment = _FONT, _BORDER, _WRAP
    ws.auto_filter.ref = f"A2:{get_column_letter(len(SUMMARY_COLUMNS))}{2 + max(len(rows), 1)}"
    ws.freeze_panes = ws.cell(row=3, column=1)
    _save(wb, Path(path))
    return Path(path)
