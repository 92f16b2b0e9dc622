"""Deliberately broken templates: each gets exactly one message that names its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from generator.template_check import check_template


def _doc(tmp_path: Path, build) -> Path:
    document = Document()
    document.add_heading("一、收入支出决算总体情况说明", level=1)
    build(document)
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


def _one(path: Path):
    issues = check_template(path)
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def test_clean_template_has_no_issue(tmp_path):
    def build(d):
        d.add_paragraph("{{ department.year }}年度{{ department.name }}收、支总计。")
        d.add_paragraph("{% for f in department.functions %}{{ loop.index }}.{{ f }}{% endfor %}")
        t = d.add_table(rows=3, cols=2)
        t.cell(0, 0).text = "{%tr for row in tables.t3.rows %}"
        t.cell(1, 0).text = "{{ row.code }}"
        t.cell(1, 1).text = "{{ row.amounts.total | cell }}"
        t.cell(2, 0).text = "{%tr endfor %}"
    assert check_template(_doc(tmp_path, build)) == []


def test_unknown_variable(tmp_path):
    problem = _one(_doc(tmp_path, lambda d: d.add_paragraph("部门：{{ departement.name }}")))
    assert problem.kind.id == "unknown-variable"
    assert "departement" in problem.detail and "department" in problem.detail  # suggestion
    assert problem.place.heading == "一、收入支出决算总体情况说明"
    assert "部门：" in problem.place.paragraph


def test_misspelt_nested_attribute(tmp_path):
    problem = _one(_doc(tmp_path, lambda d: d.add_paragraph("{{ department.nmae }}")))
    assert problem.kind.id == "unknown-attribute"
    assert "nmae" in problem.detail and "name" in problem.detail


def test_unclosed_block(tmp_path):
    def build(d):
        d.add_paragraph("开始")
        d.add_paragraph("{% if draft %}草稿")
        d.add_paragraph("结束")
    problem = _one(_doc(tmp_path, build))
    assert problem.kind.id == "block"
    assert "endif" in problem.detail and problem.place.paragraph == "{% if draft %}草稿"


def test_tag_split_across_runs_with_mixed_formatting(tmp_path):
    def build(d):
        p = d.add_paragraph("收入合计")
        p.add_run("{{ department.")
        bold = p.add_run("name }}")
        bold.bold = True
    problem = _one(_doc(tmp_path, build))
    assert problem.kind.id == "split-format"
    assert "收入合计" in problem.place.paragraph


def test_for_where_tr_is_needed(tmp_path):
    def build(d):
        t = d.add_table(rows=3, cols=1)
        t.cell(0, 0).text = "{% for row in tables.t2.rows %}"
        t.cell(1, 0).text = "{{ row.name }}"
        t.cell(2, 0).text = "{% endfor %}"
    problem = _one(_doc(tmp_path, build))
    assert problem.kind.id == "tr-needed"
    assert problem.place.table == 1 and problem.place.row == 1


def test_unknown_filter(tmp_path):
    problem = _one(_doc(tmp_path, lambda d: d.add_paragraph("{{ department.year | mony }}")))
    assert problem.kind.id == "unknown-filter"
    assert "mony" in problem.detail and "money" in problem.detail


def test_unclosed_tag_in_paragraph(tmp_path):
    problem = _one(_doc(tmp_path, lambda d: d.add_paragraph("合计 {{ department.name 万元")))
    assert problem.kind.id == "unclosed"


def test_tr_outside_table(tmp_path):
    def build(d):
        d.add_paragraph("{%tr for f in department.functions %}")
        d.add_paragraph("{%tr endfor %}")
    issues = check_template(_doc(tmp_path, build))
    assert {i.kind.id for i in issues} == {"tr-outside-table"}


def test_header_place_is_named(tmp_path):
    def build(d):
        d.sections[0].header.paragraphs[0].text = "{{ department.nmae }}部门决算"
    problem = _one(_doc(tmp_path, build))
    assert problem.place.part == "页眉"


@pytest.mark.parametrize("text", ['{{ reasons.total_change | e }}', "{{ figures }}"])
def test_valid_expressions_pass(tmp_path, text):
    assert check_template(_doc(tmp_path, lambda d: d.add_paragraph(text))) == []
