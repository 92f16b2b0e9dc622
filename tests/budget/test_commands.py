"""The shared commands on budget workbooks and templates: template check/preview, diff, batch, build --pdf."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.render.pdf import find_soffice

from .conftest import SAMPLE, find_column, find_row

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "budget" / "hubei" / "document.docx"


def test_template_check_of_the_budget_template_with_its_kind(capsys):
    assert main(["template", "check", "--kind", "部门预算", str(TEMPLATE)]) == 0
    assert "模板检查通过" in capsys.readouterr().out


def test_template_check_reports_an_unknown_budget_variable(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"figures.office_cost|money", b"figures.office_costs|money")
            target.writestr(item, data)
    assert main(["template", "check", "--kind", "部门预算", "--no-samples", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "office_costs" in out and "机关运行经费" in out  # the variable and the place (heading) of the paragraph


def test_template_preview_renders_the_budget_samples(tmp_path, capsys):
    assert main(["template", "preview", "--kind", "部门预算", str(TEMPLATE), "-o", str(tmp_path)]) == 0
    assert "wuhan_center_2021_budget.xlsx → " in capsys.readouterr().out
    assert len(list(tmp_path.rglob("*部门预算.docx"))) == 1


def test_diff_names_the_changed_cell_and_the_changed_sentence(tmp_path, capsys):
    new = tmp_path / "new.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["表3 一般公共预算基本支出情况表"]
    ws.cell(find_row(ws, "30201"), find_column(ws, "小计")).value = 400.00
    wb.save(new)
    assert main(["diff", str(SAMPLE), str(new)]) == 0
    out = capsys.readouterr().out
    assert "表3 一般公共预算基本支出情况表 · 30201 办公费 · 基本支出/小计：400.23 → 400.00" in out


def test_batch_builds_budget_and_final_accounts_workbooks_together(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "预算.xlsx")
    shutil.copyfile(SAMPLE.parent / "hongshan_2021.xlsx", folder / "决算.xlsx")
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    assert len(list((tmp_path / "out").rglob("*部门预算.docx"))) == 1
    assert len(list((tmp_path / "out").rglob("*部门决算.docx"))) == 1


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                    reason="需要 LibreOffice 和 pdftotext")
def test_build_pdf_of_the_budget(tmp_path):
    import subprocess

    assert main(["build", str(SAMPLE), "-o", str(tmp_path), "--pdf"]) == 0
    pdf = next(tmp_path.rglob("*部门预算.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "比2020年预算减少1343.52万元，下降21.39%" in flat
    assert "财政拨款收支总体情况表" in flat
    assert main(["audit", str(pdf), "-o", str(tmp_path / "audit")]) == 0  # the PDF read back audits clean


def test_the_budget_variables_reference_is_current_and_written_by_the_command(tmp_path):
    from generator.document_kinds.budget.reference import REFERENCE_MD, variables_markdown

    text = variables_markdown()
    assert REFERENCE_MD.read_text(encoding="utf-8") == text, (
        "docs/budget_template_variables.md is stale: run .venv/bin/python -m generator.document_kinds.budget.reference")
    assert "| `figures.general_budget.change.percent` |" in text and "| 21.39 |" in text
    assert main(["template", "reference", "--kind", "部门预算", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "部门预算模板变量参考.md").read_text(encoding="utf-8") == text


def _built(tmp_path: Path) -> Path:
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "built")]) == 0
    return next((tmp_path / "built").rglob("*部门预算.docx"))


def test_audit_reads_a_budget_document_without_its_workbook(tmp_path, capsys):
    document = _built(tmp_path)
    capsys.readouterr()
    assert main(["audit", str(document), "-o", str(tmp_path / "audit")]) == 0
    out = capsys.readouterr().out
    assert "审核通过" in out and "表13" in out


def test_audit_of_a_budget_document_finds_a_changed_table_cell_and_a_changed_sentence(tmp_path, capsys):
    document = _built(tmp_path)
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count("2,941.64") == 2 and text.count("公用经费667.02万元") == 1  # 表2 总计, 基本支出
                text = text.replace("2,941.64", "2,941.46", 1)  # 表2 2101501 行政运行 总计: a typo in the table
                text = text.replace("公用经费667.02万元", "公用经费676.02万元")  # and one in the text
                data = text.encode("utf-8")
            target.writestr(item, data)
    capsys.readouterr()
    assert main(["audit", str(changed), "-o", str(tmp_path / "audit")]) == 1
    out = capsys.readouterr().out
    assert "B-T2-01" in out and "2101501" in out
    assert "A-AMT-01" in out and "公用经费" in out and "676.02" in out


SEED = Path("/work/shared/seeds")


@pytest.mark.skipif(not any(SEED.glob("003_*.txt")), reason="seed 003 (../shared/seeds) is not available here")
def test_audit_of_the_published_seed_003_finds_its_mistakes_and_nothing_else():
    from generator.audit import read_text
    from generator.document_kinds.budget.audit import audit_read_document

    path = next(SEED.glob("003_*.txt"))
    report = audit_read_document(read_text(path.read_text(encoding="utf-8"), str(path)))
    assert (report.department, report.year) == ("武汉市医疗保险中心", 2021)
    kinds = {f.kind for f in report.errors}
    # 表4 prints 公务用车 小计 3.94 beside 购置费 0 and 运行维护费 2.99; 表10 is not printed at all
    assert "B-T4-03" in kinds
    assert any(f.kind == "A-TAB-01" and "政府采购支出情况表" in f.message for f in report.errors)
    assert kinds <= {"B-T4-02", "B-T4-03", "A-TAB-01"}, [str(f) for f in report.errors]
    # 表7 and 表9 are printed without data and without a statement
    assert {f.message for f in report.warnings if f.kind == "A-TAB-02"} >= {
        "公开表7《收入总体情况表》没有数据，但表下没有“本表无数据”或“本部门无……”的说明。"}


def test_a_budget_with_errors_is_not_built_unless_forced_then_as_a_draft(mutate, tmp_path, capsys):
    where = []

    def change(wb):
        ws = wb["表4 一般公共预算三公经费支出情况表"]
        cell = ws.cell(find_row(ws, "2101501"), find_column(ws, "小计"))
        cell.value = 3.94  # as seed 003 prints it
        where.append(cell.coordinate)

    path = mutate(change)
    assert main(["build", str(path), "-o", str(tmp_path / "a")]) == 1
    out = capsys.readouterr().out
    assert "B-T4-03" in out and "表4 一般公共预算三公经费支出情况表" in out and where[0] in out
    assert not list((tmp_path / "a").rglob("*.docx"))
    assert main(["build", str(path), "-o", str(tmp_path / "b"), "--force"]) == 1
    from docx import Document

    document = Document(str(next((tmp_path / "b").rglob("*部门预算.docx"))))
    assert document.paragraphs[0].text == "草稿（校验未通过，不得公开）"


def test_prior_takes_last_years_budget_from_last_years_workbook(mutate, tmp_path):
    from generator.pipeline import build_workbook

    def last_year(wb):  # last year's budget: 表2/表6 totals 6280.82 and 三公 4.15 as seed 003's text implies
        for sheet, label, header, value in (
                ("表2 一般公共预算支出情况表", "合计", "总计", 6280.82),
                ("表6 收支总体情况表", "收入总计", "预算数", 6280.82),
                ("表4 一般公共预算三公经费支出情况表", "合计", "“三公”经费合计", 4.15),
                ("表4 一般公共预算三公经费支出情况表", "合计", "公务接待费", 1.16)):
            ws = wb[sheet]
            ws.cell(find_row(ws, label), find_column(ws, header)).value = value
        ws = wb["基本信息"]
        ws.cell(find_row(ws, "预算年度"), 2).value = 2020

    def no_priors(wb):
        ws = wb["上年预算与说明"]
        for label in ("上年收支总预算", "上年一般公共预算支出预算", "上年“三公”经费预算"):
            ws.cell(find_row(ws, label), 2).value = None

    outcome = build_workbook(mutate(no_priors), tmp_path, prior=mutate(last_year))
    assert outcome.document is not None and not outcome.audit.findings, outcome.audit and outcome.audit.findings
    from docx import Document

    text = "\n".join(p.text for p in Document(str(outcome.document)).paragraphs)
    assert "本年预算4937.30万元，比2020年预算减少1343.52万元，下降21.39%" in text
    assert "公务接待费0.95万元，比2020年减少0.21万元" in text
