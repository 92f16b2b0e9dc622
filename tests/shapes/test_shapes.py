"""Every department shape in every form: a synthetic, internally consistent department (``synthetic.py``) is
written as a workbook, checked, built through the real pipeline and read back.

The build's self-audit, an independent audit of the written .docx (``juesuan audit``: no workbook) and a few
figures read back with python-docx must agree with the source. ``SHAPES_SWEEP=200`` adds a sweep of that many
random shapes (off by default: the parametrized set runs in well under a minute).
"""

from __future__ import annotations

import dataclasses
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from generator import forms
from generator.audit.run import audit_one
from generator.document_kinds.self_evaluation.workbook import HOSTED_SHEET
from generator.pipeline import BuildOutcome, build_workbook
from generator.workbook.problems import ERROR
from generator.workbook.template import write_workbook

from .common import random_flags, sweep
from .synthetic import Shape, department, figures_of, form_year

FORMS = forms.all_forms()

SHAPES: dict[str, Shape] = {
    "full": Shape(has_state_capital=True, has_business_income=True, has_carryover=True),
    "new-department": Shape(has_prior=False, has_gov_fund=False, has_three_public=False),
    "basic-only": Shape(has_project=False, has_evaluations=False, has_gov_fund=False),
    "project-only": Shape(has_basic=False, has_office_cost=False, has_three_public=False),
    "non-appropriation": Shape(has_other_income=True, has_operating=True, has_subordinate=True,
                               has_balance_use=True, has_carryover=True, has_business_income=True),
    "gov-fund-only": Shape(has_basic=False, has_project=False, has_three_public=False, has_office_cost=False,
                           has_carryover=True),
    "bare": Shape(has_project=False, has_gov_fund=False, has_three_public=False, has_prior=False,
                  has_evaluations=False, has_procurement=False, has_budget=False, has_office_cost=False),
    "state-capital": Shape(has_state_capital=True, has_gov_fund=False, has_procurement=False, has_budget=False),
    "with-report": Shape(has_report=True, has_carryover=True),
}

AMOUNT = r"(-?[\d,]+\.\d{2})"
# the first four sections of 第三部分 in every form: (heading, the phrase before the amount, the source figure)
_OPENING_FIGURES = (
    ("收入支出决算总体情况说明", r"(?:收、支总计|收入支出总计)", "income_grand_total"),
    ("收入决算情况说明", r"收入合计", "income_total"),
    ("支出决算情况说明", r"支出合计", "expenditure_total"),
    ("财政拨款收入支出决算总体情况说明", r"财政拨款(?:收、支总计|收入支出总计)", "appropriation_grand_total"),
)


def _document_text(path: Path) -> tuple[list[str], list[str]]:
    """The paragraphs and the table cell texts of a .docx."""
    doc = Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return [p.text for p in doc.paragraphs], cells


def _part(path: Path, start: str) -> list[tuple[str, list[str]]]:
    """The Heading 2 of the Heading 1 containing ``start``, each with the paragraphs under it."""
    out: list[tuple[str, list[str]]] = []
    inside = False
    for p in Document(str(path)).paragraphs:
        style = p.style.name if p.style is not None else ""
        if style == "Heading 1":
            inside = start in p.text
        elif inside and style == "Heading 2":
            out.append((p.text.strip(), []))
        elif inside and out:
            out[-1][1].append(p.text)
    return out


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def write_department(path: Path, data: dict[str, Any]) -> Path:
    """The workbook of a source, with the sheet 「自评报告」 when it asks for the self-evaluation report."""
    extra = [(HOSTED_SHEET, data["self_evaluation_report"])] if "self_evaluation_report" in data else []
    write_workbook(path, data, extra_fields=extra)
    return path


def _refused_clearly(outcome: BuildOutcome) -> bool:
    """The hosted report refused for want of its texts: a Chinese read problem, no document, no traceback."""
    problems = [p for e in outcome.check.extras for p in e.read_problems if p.severity == ERROR]
    if not problems:
        return False
    assert outcome.document is None
    for p in problems:
        assert re.search(r"[\u4e00-\u9fff]", str(p)) and "Traceback" not in str(p), str(p)
    return True


def build_and_audit(tmp_path: Path, data: dict[str, Any], form: forms.Form) -> Path | None:
    """Write, check, build and audit one department; returns the written document (None: a clear refusal)."""
    workbook = write_department(tmp_path / "department.xlsx", data)
    outcome = build_workbook(workbook, tmp_path / "out")
    check = outcome.check
    assert not check.read_failed, [str(p) for p in check.read_problems]
    if "self_evaluation_report" in data and _refused_clearly(outcome):
        return None
    assert check.ok, ([str(f) for f in check.combined_report.errors] if check.combined_report else [],
                      [str(p) for p in check.all_read_problems])
    assert outcome.failure == "", outcome.failure
    for one in outcome.outcomes:
        assert one.audit is not None, one.title
        assert not one.audit.has_errors, (one.title, [str(f) for f in one.audit.errors])
        assert one.document is not None and one.document.exists(), one.title
        independent = audit_one(one.document, None)  # what `juesuan audit` does: no workbook
        assert independent.report is not None, (one.title, independent.reason)
        assert not independent.report.has_errors, (one.title, [str(f) for f in independent.report.errors])
    assert outcome.document is not None
    assert len(outcome.extras) == (1 if "self_evaluation_report" in data else 0)
    _read_back(outcome.document, data, form)
    return outcome.document


def _read_back(path: Path, data: dict[str, Any], form: forms.Form) -> None:
    paragraphs, cells = _document_text(path)
    everything = "\n".join(paragraphs + cells)
    for leftover in ("None", "{{", "}}", "{%", "%}", "nan", "Decimal("):
        assert leftover not in everything, f"{leftover!r} in the document"

    # 第三部分 一 收、支总计, 二 收入合计, 三 支出合计, 四 财政拨款收、支总计: the first amount of each is its table's
    figures = figures_of(data)
    explanation = _part(path, "情况说明")
    for (heading, section), (title, pattern, figure) in zip(explanation, _OPENING_FIGURES, strict=False):
        assert heading.endswith(title), heading
        stated = re.search(pattern + AMOUNT + "万元", "\n".join(section))
        assert stated, (heading, section)
        assert _amount(stated.group(1)) == Decimal(figures[figure] or "0"), (heading, stated.group(0))

    # the tables of the form, and only those, in order: no 表9 in the eight-table form
    tables = [h for h, _ in _part(path, "部门决算表")]
    assert len(tables) == len(form.tables), tables
    for printed, spec in zip(tables, form.tables, strict=True):
        assert spec.title in printed
    if not form.has_table("t9"):
        assert not any("国有资本经营" in h for h in tables)
    if len(data["t8"]) == 1:  # only its 合计 row: the document says the table is empty
        assert "没有政府性基金预算财政拨款收入和支出" in everything


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
@pytest.mark.parametrize("shape_name", list(SHAPES))
def test_shape_builds_and_reads_back(tmp_path, form, shape_name):
    shape = SHAPES[shape_name]
    seed = FORMS.index(form) * 100 + list(SHAPES).index(shape_name)
    data = department(random.Random(seed), shape, form)
    build_and_audit(tmp_path, data, form)


def _refusal(tmp_path: Path, data: dict[str, Any]) -> str:
    """Build a department the checks refuse; the console text of `juesuan build`, which must name the problem
    in Chinese, write no document and show no traceback."""
    workbook = write_department(tmp_path / "department.xlsx", data)
    outcome = build_workbook(workbook, tmp_path / "out")
    assert outcome.document is None and not outcome.documents
    assert not outcome.check.ok
    text = "\n".join([str(p) for p in outcome.check.all_read_problems]
                     + [str(f) for f in (outcome.check.combined_report.errors if outcome.check.combined_report
                                         else ())])
    assert "Traceback" not in text and re.search(r"[\u4e00-\u9fff]{4}", text), text
    return text


def test_a_department_without_appropriation_is_refused_with_rule_e01(tmp_path):
    """Only 事业收入, no 财政拨款: 表4 is empty, and every department has 表4 (rule E-01)."""
    form = forms.form_by_id("hunan_2021")
    shape = Shape(has_basic=False, has_project=False, has_gov_fund=False, has_business_income=True,
                  has_three_public=False, has_evaluations=False)
    text = _refusal(tmp_path, department(random.Random(3), shape, form))
    assert "E-01" in text and "表4" in text


def test_the_hosted_report_without_its_texts_is_refused_clearly(tmp_path):
    """The self-evaluation report asked for, with neither its texts nor a 部门整体 self-evaluation to take them
    from: a read problem naming the two texts, no document of either kind."""
    form = forms.form_by_id("hubei_2021")
    data = department(random.Random(3), Shape(has_report=True, has_evaluations=False), form)
    data["self_evaluation_report"] = {}
    text = _refusal(tmp_path, data)
    assert "部门整体支出绩效情况" in text and "存在的主要问题及改进措施" in text


def random_shape(rng: random.Random, form: forms.Form) -> Shape:
    shape = random_flags(rng, Shape)
    if not (shape.has_basic or shape.has_project or (shape.has_gov_fund and form.has_table("t8"))):
        shape = dataclasses.replace(shape, has_basic=True)
    return shape


@sweep("SHAPES_SWEEP", "shapes")
def test_random_shape_sweep(tmp_path, seed):
    rng = random.Random(seed)
    form = rng.choice(FORMS)
    shape = random_shape(rng, form)
    build_and_audit(tmp_path, department(rng, shape, form, form_year(form, rng)), form)
