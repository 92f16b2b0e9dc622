"""The console command as an accountant uses it: messages, exit codes, files, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from docx import Document

from generator import cli
from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path


def _broken_workbook(tmp_path):
    data = json.loads((SAMPLES / "data" / "hongshan_2021.json").read_text(encoding="utf-8"))
    row = next(r for r in data["t3"] if r[0] == "2101301")
    row[2] = "290.00"  # 表3 2101301 no longer adds up: 本年支出合计 ≠ 基本 + 项目
    path = tmp_path / "broken.xlsx"
    write_workbook(path, data)
    return path


def test_check_clean_sample(tmp_path, capsys):
    assert cli.main(["check", str(sample_path("hongshan_2021")), "-o", str(tmp_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "校验通过" in out
    report = tmp_path / "武汉市洪山区医疗保障局" / "2021" / "校验报告.xlsx"
    rows = [r for r in openpyxl.load_workbook(report).active.iter_rows(values_only=True) if any(r)]
    assert any("错误 0 条" in str(r[0]) or "通过" in str(r[0]) for r in rows)
    assert not [r for r in rows if r[0] in ("错误", "警告")]  # no finding rows


def test_check_reports_rule_cell_and_sides(tmp_path, capsys):
    code = cli.main(["check", str(_broken_workbook(tmp_path)), "-o", str(tmp_path / "o")])
    assert code == cli.EXIT_DATA_ERRORS
    out = capsys.readouterr().out
    assert "T3-01" in out and "2101301" in out and "290.00" in out and "单元格 C" in out
    assert "Traceback" not in out
    report = next((tmp_path / "o").rglob("校验报告.xlsx"))
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    found = [r for r in rows if r[1] and str(r[1]).startswith("T3-01")]
    assert found and found[0][0] == "错误" and found[0][5].startswith("C") and found[0][3].startswith("2101301")


def test_unreadable_file_exit_2_without_traceback(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_text("hello", encoding="utf-8")
    assert cli.main(["check", str(bad), "-o", str(tmp_path)]) == cli.EXIT_UNREADABLE
    assert cli.main(["build", str(bad), "-o", str(tmp_path)]) == cli.EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert "不是 .xlsx" in out and "Traceback" not in out


def test_build_refuses_errors_unless_forced_then_marks_draft(tmp_path, capsys):
    broken = _broken_workbook(tmp_path)
    assert cli.main(["build", str(broken), "-o", str(tmp_path / "a")]) == cli.EXIT_DATA_ERRORS
    assert not list((tmp_path / "a").rglob("*.docx"))
    assert "未生成文档" in capsys.readouterr().out
    assert cli.main(["build", str(broken), "-o", str(tmp_path / "b"), "--force"]) == cli.EXIT_DATA_ERRORS
    document = Document(str(next((tmp_path / "b").rglob("*.docx"))))
    cover = []
    for paragraph in document.paragraphs:
        if paragraph.text.replace(" ", "") == "目录":
            break
        cover.append(paragraph.text)
    assert any("草稿" in t for t in cover)


def test_prior_year_from_last_years_workbook(tmp_path, capsys):
    # the 安化 workbook stands in for "last year": its totals become this year's comparison base
    code = cli.main(["build", str(sample_path("hongshan_2021")), "--prior", str(sample_path("anhua_2021")),
                     "-o", str(tmp_path)])
    assert code == cli.EXIT_OK
    document = next(tmp_path.rglob("*.docx"))
    text = "\n".join(p.text for p in Document(str(document)).paragraphs)
    # 546.99 against 6926.72 (安化's 表1 总计): 减少 6379.73
    assert "6379.73" in text


def test_unknown_layout_and_broken_template_are_messages_not_tracebacks(tmp_path, capsys):
    data = json.loads((SAMPLES / "data" / "hongshan_2021.json").read_text(encoding="utf-8"))
    data["info"]["layout"] = "火星"
    odd = tmp_path / "odd.xlsx"
    write_workbook(odd, data)
    assert cli.main(["build", str(odd), "-o", str(tmp_path)]) != cli.EXIT_OK
    broken = tmp_path / "broken.docx"
    document = Document()
    document.add_paragraph("{{ department.nmae }}")
    document.save(str(broken))
    code = cli.main(["build", str(sample_path("hongshan_2021")), "--template", str(broken), "-o", str(tmp_path)])
    assert code == cli.EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert "火星" in out and "nmae" in out and "Traceback" not in out


def test_report_and_document_share_the_department_folder(tmp_path):
    data = json.loads((SAMPLES / "data" / "hongshan_2021.json").read_text(encoding="utf-8"))
    data["info"]["name"] = "洪山区 医疗保障局（分局）"
    path = tmp_path / "odd_name.xlsx"
    write_workbook(path, data)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_OK
    document = next((tmp_path / "o").rglob("*.docx"))
    assert (document.parent / "校验报告.xlsx").exists()
    assert document.parent.parent.name == "洪山区 医疗保障局（分局）"


def test_a_name_that_cannot_be_a_folder_is_refused_before_anything_is_written(tmp_path, capsys):
    # "/" would silently become another folder name ("A/B" and "A_B" would then share one)
    data = json.loads((SAMPLES / "data" / "hongshan_2021.json").read_text(encoding="utf-8"))
    data["info"]["name"] = "洪山区医疗保障局/分局"
    path = tmp_path / "slash.xlsx"
    write_workbook(path, data)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert "B3" in out and "不能使用的符号 /" in out
    written = [p.relative_to(tmp_path / "o") for p in (tmp_path / "o").rglob("*") if p.is_file()]
    assert written == [Path("slash_校验报告.xlsx")]  # the report only, beside the output root
