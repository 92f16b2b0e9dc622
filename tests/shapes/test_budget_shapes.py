"""Every budget (部门预算公开) shape: a synthetic, internally consistent budget (``budget_synthetic.py``) is written as
a workbook, checked, built through the real pipeline and read back.

The build's self-audit, an independent audit of the written .docx (``juesuan audit``: no workbook) and a few
figures read back with python-docx must agree with the source. ``BUDGET_SHAPES_SWEEP=200`` adds a sweep of that
many random shapes (off by default).
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

from generator.document_kinds.budget.template import write_budget_workbook
from generator.pipeline import build_workbook

from .budget_synthetic import BudgetShape, budget, figures_of
from .common import assert_built_and_audited, assert_no_leftovers, everything, random_flags, sweep

SHAPES: dict[str, BudgetShape] = {
    "default": BudgetShape(),
    "full": BudgetShape(has_gov_fund=True, has_state_capital=True, has_vehicle_purchase=True, has_carryover=True,
                        several_units=True, has_other_income=True),
    "new-department": BudgetShape(has_prior=False, has_three_public=False, has_overall_target=False),
    "basic-only": BudgetShape(has_projects=False, has_procurement=False, has_services=False),
    "project-only": BudgetShape(has_basic=False, has_three_public=False, has_services=False),
    "gov-fund": BudgetShape(has_gov_fund=True, has_procurement=False),
    "state-capital": BudgetShape(has_state_capital=True, has_three_public=False),
    "carryover": BudgetShape(has_carryover=True, several_units=True),
    "non-appropriation": BudgetShape(has_other_income=True, several_units=True, has_vehicle_purchase=True),
    "gov-fund-only": BudgetShape(has_basic=False, has_projects=False, has_gov_fund=True, has_three_public=False,
                                 has_services=False),
    "state-capital-only": BudgetShape(has_basic=False, has_projects=False, has_state_capital=True,
                                      has_three_public=False, has_prior=False),
    "nothing-bought": BudgetShape(has_procurement=False, has_services=False, has_three_public=False,
                                  has_overall_target=False),
}
SEEDS = (1, 2)

AMOUNT = r"(\d[\d,]*\.\d{2})万元"


def _cents(text: str) -> int:
    return int(Decimal(text.replace(",", "")) * 100)


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def build_and_audit(tmp_path: Path, data: dict[str, Any]) -> Path:
    workbook = tmp_path / "budget.xlsx"
    write_budget_workbook(workbook, data)
    outcome = build_workbook(workbook, tmp_path / "out")
    document = assert_built_and_audited(outcome)
    check = outcome.check
    warnings = {f.rule_id for f in check.report.warnings} if check.report is not None else set()
    assert warnings <= ({"B-S-04"} if not data["narrative"] else set()), warnings  # reasons exactly where needed
    _read_back(document, data)
    return document


def _stated(paragraphs: list[str], pattern: str) -> int:
    text = "\n".join(paragraphs)
    found = re.search(pattern + AMOUNT, text)
    assert found, pattern
    return _cents(found.group(1))


def _read_back(path: Path, data: dict[str, Any]) -> None:
    text_and_cells = everything(path)
    assert_no_leftovers(text_and_cells)
    paragraphs = _paragraphs(path)
    figures = figures_of(data)
    year = data["info"]["year"]
    assert _stated(paragraphs, f"{year}年收支总预算") == figures["overall"]
    assert _stated(paragraphs, f"{year}年一般公共预算支出预算") == figures["general_budget"]
    assert _stated(paragraphs, r"（一）基本支出") == figures["basic"]
    assert _stated(paragraphs, r"（二）项目支出") == figures["project"]
    assert figures["general_budget"] == figures["basic"] + figures["project"]
    assert _stated(paragraphs, "“三公”经费支出预算") == figures["three_public"]
    # empty tables carry the template's note
    if not figures["gov_fund"]:
        assert "说明：本单位无政府性基金预算支出。" in text_and_cells
        assert f"{year}年无政府性基金预算安排的支出。" in text_and_cells
    else:
        assert _stated(paragraphs, f"{year}年政府性基金预算支出") == figures["gov_fund"]
    if not data["t12"]:
        assert "说明：本单位本年度没有设置整体支出绩效指标。" in text_and_cells
    if not data["t13"]:
        assert "说明：本单位本年度没有项目支出，故本表无数据。" in text_and_cells
    else:
        assert text_and_cells.count("项目绩效总目标") == len(data["t13"])
    if not data["narrative"]:
        assert "无上年预算可比" in text_and_cells and "比" + str(year - 1) + "年" not in text_and_cells


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape_name", list(SHAPES))
def test_budget_shape_builds_and_reads_back(tmp_path, shape_name, seed):
    data = budget(random.Random(seed * 1000 + list(SHAPES).index(shape_name)), SHAPES[shape_name])
    build_and_audit(tmp_path, data)


def random_shape(rng: random.Random) -> BudgetShape:
    shape = random_flags(rng, BudgetShape)
    if not (shape.has_basic or shape.has_projects or shape.has_gov_fund or shape.has_state_capital):
        shape = dataclasses.replace(shape, has_basic=True)
    return shape


@sweep("BUDGET_SHAPES_SWEEP", "budget shapes")
def test_random_budget_shape_sweep(tmp_path, seed):
    rng = random.Random(seed)
    build_and_audit(tmp_path, budget(rng, random_shape(rng)))
