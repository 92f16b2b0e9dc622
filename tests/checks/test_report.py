"""Presenters: the console text and the .xlsx report, over findings and read problems alike."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.checks import CheckReport, run_checks
from generator.checks import report as report_module
from generator.checks.report import XLSX_COLUMNS, _sheet_order, cell_order, format_console, write_xlsx_report
from generator.model import Cell
from generator.workbook.problems import problem

T1 = "表1 收入支出决算总表"
T2 = "表2 收入决算表"
T3 = "表3 支出决算表"


@pytest.fixture
def anhua_report(sample_accounts) -> CheckReport:
    return run_checks(sample_accounts["anhua_2021"])


@pytest.fixture
def read_problems():
    return (
        problem("amount-invalid", Cell(T3, "D9"), value="一百"),
        problem("file-unreadable", None, path="x.xlsx", detail="BadZipFile"),
        problem("amount-precision", Cell(T1, "C6"), value="1.234", rounded="1.23"),
    )


def test_console_groups_by_sheet_in_table_order(anhua_report) -> None:
    text = format_console(anhua_report)
    headings = [line for line in text.splitlines() if line.startswith("== ")]
    assert headings == [f"== {s} ==" for s in (
        T1, T2, T3, "表4 财政拨款收入支出决算总表", "表5 一般公共预算财政拨款支出决算表",
        "表6 一般公共预算财政拨款基本支出决算明细表")]
    assert text.splitlines()[0] == "校验结果：错误 0 条，警告 1 条，提示 12 条（没有错误，可以生成文档）。"


def test_console_entry_says_everything(anhua_report) -> None:
    text = format_console(anhua_report)
    block = text.split("== 表1 收入支出决算总表 ==")[1].split("==")[0]
    assert "[提示] T1-03 本年支出合计等于各类支出之和" in block
    assert "位置：本年支出合计｜金额｜单元格 F32" in block
    assert "左边 6,866.94　右边 6,866.93　差额 +0.01" in block
    assert "说明：表1「本年支出合计」为 6,866.94，各类支出之和为 6,866.93" in block
    assert "处理：" in block
    warning = text.split("== 表2 收入决算表 ==")[1]
    assert "[警告] C-03" in warning and "22960 用于城乡医疗救助的彩票公益金支出" in warning
    assert "对照：工作表「表3 支出决算表」单元格 A" in warning  # the code cell of the same code in 表3


def test_console_presents_read_problems_in_the_same_report(anhua_report, read_problems) -> None:
    text = format_console(anhua_report, read_problems)
    lines = text.splitlines()
    assert lines[0].startswith("校验结果：错误 2 条，警告 2 条，提示 12 条")
    assert lines[2] == "== 工作簿 =="  # problems without a cell come first
    assert "[错误] 读取/file-unreadable 工作簿无法解析" in text
    t3 = text.split(f"== {T3} ==")[1].split("\n== ")[0]
    first = t3.strip().splitlines()[0]
    assert first == "[错误] 读取/amount-invalid 金额不是数字"  # errors before the 提示 of the same sheet
    assert "单元格 D9" in t3 and "应为金额（数字），实际为“一百”" in t3 and "请填写数字" in t3


def test_console_without_report(read_problems) -> None:
    text = format_console(None, read_problems)
    assert text.startswith("工作簿未能完整读取，未进行表内表间校验")
    assert "读取/amount-invalid" in text


def test_console_clean(sample_accounts) -> None:
    assert format_console(run_checks(sample_accounts["hongshan_2021"])) == "校验通过：未发现问题。\n"


def _rows(path: Path):
    ws = openpyxl.load_workbook(path).active
    return ws, [r for r in ws.iter_rows(values_only=True)]


def test_xlsx_report(tmp_path, anhua_report, read_problems) -> None:
    target = tmp_path / "out" / "校验报告.xlsx"
    write_xlsx_report(target, anhua_report, read_problems, title="安化县医疗保障局 2021年度 部门决算校验报告")
    ws, rows = _rows(target)
    assert rows[0][0] == "安化县医疗保障局 2021年度 部门决算校验报告"
    assert rows[2] == tuple(label for label, _ in XLSX_COLUMNS)
    assert rows[2] == ("严重程度", "规则", "表", "行", "列", "单元格", "左边", "右边", "差额", "说明", "处理办法")
    data = rows[3:]
    assert len(data) == len(anhua_report.findings) + len(read_problems)
    # by worksheet (in the workbook's order), then by cell in reading order (A6 before A10)
    sheets = [r[2] for r in data]
    assert sheets == sorted(sheets, key=lambda s: (_sheet_order().get(s, 99), s))
    for sheet in set(sheets):
        cells = [r[5] for r in data if r[2] == sheet]
        assert cells == sorted(cells, key=cell_order), sheet
    assert ws.auto_filter.ref == f"A3:K{3 + len(data)}"
    assert ws.freeze_panes == "A4"
    t1 = next(r for r in data if r[1].startswith("T1-03"))
    assert t1[2:6] == (T1, "本年支出合计", "金额", "F32")
    assert (t1[6], t1[7], t1[8]) == (6866.94, 6866.93, 0.01)
    note = ws.cell(row=4, column=10)
    assert note.alignment.wrap_text
    assert ws.cell(row=3 + data.index(t1) + 1, column=7).number_format == "#,##0.00"
    read = next(r for r in data if r[1] == "读取问题：金额不是数字")
    assert read[2] == T3 and read[5] == "D9" and read[6] is None


def test_xlsx_report_without_findings(tmp_path, sample_accounts) -> None:
    target = tmp_path / "ok.xlsx"
    write_xlsx_report(target, run_checks(sample_accounts["hongshan_2021"]))
    _, rows = _rows(target)
    assert rows[1][0] == "校验通过：未发现问题。"
    assert len(rows) == 3


def test_xlsx_report_is_written_atomically(tmp_path, anhua_report, monkeypatch) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old report")

    def broken_save(self, filename):
        Path(filename).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(report_module.Workbook, "save", broken_save)
    with pytest.raises(OSError):
        write_xlsx_report(target, anhua_report)
    assert target.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["report.xlsx"]
    monkeypatch.undo()
    write_xlsx_report(target, anhua_report)
    assert os.listdir(tmp_path) == ["report.xlsx"]
    _, rows = _rows(target)
    assert len(rows) == 3 + len(anhua_report.findings)


def test_report_properties(anhua_report) -> None:
    assert not anhua_report.has_errors
    assert len(anhua_report.warnings) == 1 and len(anhua_report.infos) == 12
    assert anhua_report.errors + anhua_report.warnings + anhua_report.infos == tuple(
        sorted(anhua_report.findings, key=lambda f: ("错误", "警告", "提示").index(f.severity)))
    assert all(isinstance(f.left, Decimal) for f in anhua_report.infos)


def test_cell_order_is_natural() -> None:
    cells = ["A10", "B6", "A6", "", "AA3", "C10", "B10"]
    assert sorted(cells, key=cell_order) == ["AA3", "A6", "B6", "A10", "B10", "C10", ""]


def test_xlsx_report_links_each_cell_into_the_workbook_and_prints(tmp_path, anhua_report, read_problems) -> None:
    workbook = tmp_path / "in" / "工作簿.xlsx"
    workbook.parent.mkdir()
    workbook.write_bytes(b"")
    target = tmp_path / "out" / "部门" / "2021" / "校验报告.xlsx"
    write_xlsx_report(target, anhua_report, read_problems, workbook=workbook)
    ws = openpyxl.load_workbook(target).active
    linked = 0
    for row in ws.iter_rows(min_row=4):
        sheet, cell = row[2].value, row[5].value
        if not cell:
            assert row[5].hyperlink is None
            continue
        link = row[5].hyperlink
        assert link is not None, (sheet, cell)
        assert (target.parent / link.target).resolve() == workbook.resolve()
        assert link.location == f"'{sheet}'!{cell}"
        linked += 1
    assert linked >= len(anhua_report.findings)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert all(ws.cell(row=r, column=10).alignment.wrap_text for r in range(4, ws.max_row + 1))
