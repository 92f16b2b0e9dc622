"""The shipped templates: clean for the checker, documented in the reference, escaping everywhere."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document

from generator import cli
from generator.forms import all_forms
from generator.layouts import available_layouts
from generator.render.context import describe_context
from generator.render.document import render_document
from generator.render.settings import load_settings
from generator.template_check import analyse_template, check_with_samples
from generator.template_reference import EXAMPLE_SAMPLE, REFERENCE_MD, variables_markdown
from tests.conftest import ROOT, final_accounts_samples, sample_path

# the final accounts' templates (the other document kinds' are their own: self_evaluation_hunan …)
FOLDERS = {load_settings(layout).folder for layout in available_layouts()} | {f.template for f in all_forms()
                                                                              if f.template}
TEMPLATES = sorted(ROOT / "templates" / folder / "document.docx" for folder in FOLDERS)


def test_every_layout_and_form_template_is_shipped():
    from generator.document_kinds.self_evaluation.render import TEMPLATE_FOLDERS

    shipped = {p.parent.name for p in (ROOT / "templates").glob("*/document.docx")}
    assert shipped == FOLDERS | set(TEMPLATE_FOLDERS.values())
    assert FOLDERS == {"hubei", "hunan", "hunan_2019", "shanghai"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.parent.name)
def test_shipped_template_has_no_issue_and_documents_every_variable(template):
    issues, used = analyse_template(template)
    assert issues == []
    documented = {d.path for d in describe_context()}
    undocumented = {path.removesuffix("[]") for path in used} - documented
    assert not undocumented
    assert len(used) > 300  # the walk really saw the template's tags


def test_reference_is_current(hongshan):
    assert REFERENCE_MD.read_text(encoding="utf-8") == variables_markdown(hongshan, EXAMPLE_SAMPLE), (
        "docs/template_variables.md is stale: run .venv/bin/python -m generator.template_reference")


def test_reference_lists_every_context_variable(hongshan):
    text = variables_markdown(hongshan)
    for doc in describe_context():
        assert f"| `{doc.path}` |" in text
    assert "| `money` |" in text and "| `cn` |" in text


def test_a_shipped_template_renders_with_every_sample():
    assert check_with_samples(ROOT / "templates" / "hunan" / "document.docx",
                              [sample_path(n) for n in ("hongshan_2021", "anhua_2021", "example_full")]) == []


def test_cli_template_check_exit_codes(tmp_path, capsys):
    assert cli.main(["template", "check", str(ROOT / "templates" / "shanghai" / "document.docx"),
                     "--no-samples"]) == cli.EXIT_OK
    broken = tmp_path / "broken.docx"
    doc = Document()
    doc.add_paragraph("{{ department.nmae }}")
    doc.save(str(broken))
    assert cli.main(["template", "check", str(broken)]) == cli.EXIT_DATA_ERRORS
    out = capsys.readouterr().out
    assert "nmae" in out and "Traceback" not in out


def test_special_characters_render_exactly_in_headers_tables_and_body(hongshan, tmp_path):
    tricky = 'A&B<局>"甲"\'乙\''
    template = tmp_path / "custom.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "页眉：{{ department.name }}"
    doc.add_paragraph("正文：{{ department.name }}")
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表格：{{ department.name }}"
    doc.save(str(template))
    accounts = dataclasses.replace(hongshan, info=dataclasses.replace(hongshan.info, name=tricky + "\n第二行"))
    out = Document(str(render_document(accounts, tmp_path / "out", template=template).docx))
    expected = tricky + "\n第二行"
    assert out.sections[0].header.paragraphs[0].text == "页眉：" + expected
    assert out.paragraphs[0].text == "正文：" + expected
    assert out.tables[0].cell(0, 0).text == "表格：" + expected


def test_shipped_tables_keep_special_characters(hongshan, tmp_path):
    evaluation = hongshan.project_evaluations[0]
    accounts = dataclasses.replace(hongshan, evaluations=tuple(
        dataclasses.replace(e, goal="目标 <90% & “达标”\n第二行") if e is evaluation else e
        for e in hongshan.evaluations))
    doc = Document(str(render_document(accounts, tmp_path).docx))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any("目标 <90% & “达标”\n第二行" in c for c in cells)


def test_preview_renders_each_sample(tmp_path, capsys):
    assert cli.main(["template", "preview", str(ROOT / "templates" / "hubei" / "document.docx"),
                     "-o", str(tmp_path)]) == cli.EXIT_OK
    documents = list(Path(tmp_path).rglob("*.docx"))
    workbooks = final_accounts_samples()
    assert capsys.readouterr().out.count(" → ") == len(workbooks) == 5  # the final accounts' samples
    assert len(documents) == 4  # seed 001 as published and corrected: one department, one folder
    # the given template is used for every sample, whatever its layout: 湖北's section 十 everywhere
    # (湖南 puts 机关运行经费 in 九, 上海 in 十一)
    assert all(any(p.text == "十、机关运行经费支出情况" for p in Document(str(d)).paragraphs) for d in documents)


@pytest.mark.parametrize(("folder", "title"), [("self_evaluation_hunan", "部门整体支出绩效自评报告"),
                                               ("budget/hubei", "部门预算"), ("hubei", "")])
def test_template_check_without_kind_judges_the_kind_by_the_variables(folder, title, capsys):
    path = ROOT / "templates" / folder / "document.docx"
    assert cli.main(["template", "check", str(path), "--no-samples"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "模板检查通过" in out and "不存在" not in out
    assert (f"判断为{title}模板" in out) if title else "判断为" not in out
