"""``template check`` and ``build`` give the same verdict on a shipped template edited as a maintainer edits it.

Each case inserts one paragraph (or changes one tag) in the 湖北 template, under the heading
“一、收入支出决算总体情况说明” of 第三部分 — where a maintainer works — and runs both the checker
and a real build with ``--template``. What the check passes builds; what it rejects does not build,
and both name the same paragraph in Chinese.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from generator.pipeline import build_workbook
from generator.template_check import check_template, check_with_samples
from tests.conftest import ROOT, sample_path

TEMPLATE = ROOT / "templates" / "hubei" / "document.docx"
HEADING = "一、收入支出决算总体情况说明"
SAMPLE = sample_path("hongshan_2021")


def _with_paragraph(tmp_path: Path, text: str, name: str = "edited.docx") -> Path:
    """The shipped template with a paragraph ``text`` after the heading, formatted like the body under it."""
    document = Document(str(TEMPLATE))
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.strip() == HEADING)
    paragraphs[at]._p.addnext(copy.deepcopy(paragraphs[at + 1]._p))
    inserted = document.paragraphs[at + 1]
    for run in inserted.runs[1:]:
        run._r.getparent().remove(run._r)
    inserted.runs[0].text = text
    target = tmp_path / name
    document.save(str(target))
    return target


def _verdicts(tmp_path: Path, template: Path):
    issues = [i for i in check_template(template) if i.severity == "错误"]
    if not issues:
        issues = check_with_samples(template, [SAMPLE])
    outcome = build_workbook(SAMPLE, tmp_path / "out", template=template)
    return issues, outcome


def _assert_both_refuse(tmp_path: Path, template: Path, paragraph_part: str):
    issues, outcome = _verdicts(tmp_path, template)
    assert issues, "template check passed a template the build refuses"
    assert outcome.document is None and outcome.failure, "the build accepted a template the check refuses"
    assert any(i.place is not None and paragraph_part in i.place.paragraph for i in issues), [str(i) for i in issues]
    assert paragraph_part in outcome.failure, outcome.failure
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", outcome.failure), f"English in: {outcome.failure}"
    return issues, outcome


def test_the_shipped_template_passes_both(tmp_path):
    issues, outcome = _verdicts(tmp_path, _with_paragraph(tmp_path, "本段由维护人员添加。"))
    assert issues == []
    assert outcome.document is not None
    assert "本段由维护人员添加。" in "\n".join(p.text for p in Document(str(outcome.document)).paragraphs)


def test_full_width_braces_are_refused_with_the_paragraph(tmp_path):
    template = _with_paragraph(tmp_path, "在职人数｛｛ department.staff_in_service ｝｝人。")
    issues, _ = _assert_both_refuse(tmp_path, template, "在职人数")
    assert any("｛｛" in i.detail or "全角" in i.detail for i in issues), [str(i) for i in issues]


@pytest.mark.parametrize("text", ["部门：{{ department.name | replace(“局”, “”) }}。",
                                  "部门：{{ department.name\n}}。"])
def test_curly_quotes_and_a_line_break_inside_a_tag_get_one_verdict(tmp_path, text):
    template = _with_paragraph(tmp_path, text)
    issues, outcome = _verdicts(tmp_path, template)
    # whatever the verdict, the two agree
    assert (not issues) == (outcome.document is not None), ([str(i) for i in issues], outcome.failure)


def test_an_unclosed_if_is_named_at_its_own_paragraph(tmp_path):
    template = _with_paragraph(tmp_path, "{% if figures.total.grand_total > 0 %}收支总计为正。")
    issues, _ = _assert_both_refuse(tmp_path, template, "{% if figures.total.grand_total > 0 %}")
    assert any("endif" in i.detail for i in issues)
    assert "草稿" not in next(i for i in issues if "endif" in i.detail).place.paragraph


def test_a_misspelt_filter_at_build_is_one_chinese_sentence_with_the_place(tmp_path):
    template = _with_paragraph(tmp_path, "收支总计{{ figures.total.grand_total | mony }}万元。")
    issues, outcome = _assert_both_refuse(tmp_path, template, "收支总计")
    assert "mony" in outcome.failure and "money" in " ".join(i.detail for i in issues)
    assert "No filter named" not in outcome.failure


def test_a_prior_year_rate_without_its_state_test_is_refused_by_the_check(tmp_path):
    """Every bundled sample has a prior year: only the check's “没有上年数” variant meets the fault."""
    template = _with_paragraph(tmp_path, "比上年下降{{ figures.total.change.percent | pct }}。")
    assert build_workbook(SAMPLE, tmp_path / "out", template=template).document is not None
    issues = check_with_samples(template, [SAMPLE])
    assert any("比上年下降" in i.place.paragraph and "上年" in i.detail for i in issues if i.place), \
        [str(i) for i in issues]
    guarded = _with_paragraph(
        tmp_path, "{% if figures.total.change.percent is not none %}比上年下降"
                  "{{ figures.total.change.percent | pct }}。{% endif %}", "guarded.docx")
    assert check_with_samples(guarded, [SAMPLE]) == []
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
