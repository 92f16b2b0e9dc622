"""Every 部门整体支出绩效自评报告 shape: a synthetic, internally consistent report source (``selfeval_synthetic.py``)
is written as a workbook, checked, built through the real pipeline and read back.

The build's self-audit, an independent audit of the written .docx (``juesuan audit``: no workbook) and the
figures read back with python-docx must agree with the source. ``SELFEVAL_SHAPES_SWEEP=200`` adds a sweep of
that many random shapes (off by default).
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

from generator.document_kinds.self_evaluation import model as M
from generator.document_kinds.self_evaluation.workbook import write_blank_workbook
from generator.pipeline import build_workbook

from .common import assert_built_and_audited, assert_no_leftovers, everything, random_flags, sweep
from .selfeval_synthetic import ReportShape, amount, report

SHAPES: dict[str, ReportShape] = {
    "default": ReportShape(),
    "full": ReportShape(has_adjusted=True, has_special=True, has_fund_management=True, over_budget=True),
    "basic-only": ReportShape(has_project=False, has_projects=False, has_project_detail=False),
    "project-only": ReportShape(has_basic=False, has_basic_detail=False, has_three_public=False),
    "zero-three-public": ReportShape(zero_three_public=True, has_assets=False),
    "no-three-public": ReportShape(has_three_public=False, has_projects=False),
    "over-budget": ReportShape(over_budget=True, has_adjusted=True),
    "plain": ReportShape(headed_performance=False, has_region=False, has_other=False, has_basic_detail=False,
                         has_project_detail=False),
    "cents": ReportShape(cents=True, has_special=True, has_adjusted=True, total_only_budget=True),
    "cents-basic-only": ReportShape(cents=True, has_project=False, has_projects=False, has_project_detail=False),
}
SEEDS = (1, 2)

AMOUNT = r"(\d[\d,]*\.\d{2})万元"


def _cell(text: str | None) -> str:
    """How the 湖南 tables print a source amount: blank stays blank, thousands separated."""
    return "" if text is None else f"{Decimal(text):,.2f}"


def build_and_audit(tmp_path: Path, data: dict[str, Any]) -> Path:
    workbook = tmp_path / "report.xlsx"
    write_blank_workbook(workbook, data)
    outcome = build_workbook(workbook, tmp_path / "out")
    document = assert_built_and_audited(outcome)
    check = outcome.check
    assert check.report is not None and not check.report.warnings, [str(f) for f in check.report.warnings]
    _read_back(document, data)
    return document


def _read_back(path: Path, data: dict[str, Any]) -> None:
    doc = Document(str(path))
    text_and_cells = everything(doc)
    assert_no_leftovers(text_and_cells)
    paragraphs = [p.text for p in doc.paragraphs]
    text = "\n".join(paragraphs)
    summary, three = data["summary"], data["three_public"]

    # (一) and (二) print every amount of the source, and (一)'s totals are basic + project
    tables = doc.tables
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in tables[0].rows[1:]}
    for key, label in (("budget", "年初部门预算"), ("adjusted", "调整预算数"), ("final", "部门决算数"),
                       ("assets", "其中：资产购置支出")):
        assert rows[label] == [_cell(summary[key][c]) for c in M.SUMMARY_COLUMNS], label
        if summary[key]["total"] is not None and (summary[key]["basic"], summary[key]["project"]) != (None, None):
            parts = [amount(summary[key][c]) or 0 for c in ("basic", "project")]
            assert amount(summary[key]["total"]) == sum(parts), label
    rows3 = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in tables[1].rows[1:]}
    for key, label in (("budget", "部门预算数"), ("actual", "部门决算数")):
        assert rows3[label] == [_cell(three[key][c]) for c in M.THREE_PUBLIC_COLUMNS], label

    # (三) lists the projects, or nothing
    if data["projects"]:
        printed = [[c.text for c in r.cells] for r in tables[2].rows[1:]]
        assert printed == [[n, _cell(b), _cell(a), d] for n, b, a, d in data["projects"]]
    else:
        assert len(tables) == 2

    # the text's figures are the source's
    final = summary["final"]
    spending = next((t for t in paragraphs if t.startswith("“支出决算明细表”")), None)
    if any(line[0] == "all" for line in data["economic"]):
        assert spending is not None
        total = re.search("总支出" + AMOUNT, spending)
        assert total and Decimal(total.group(1).replace(",", "")) == amount(final["total"])
        if final["basic"] is not None and final["project"] is not None:
            assert f"其中基本支出{amount(final['basic'])}万元和项目支出{amount(final['project'])}万元" in spending
        else:
            assert "其中基本支出" not in spending
        quoted = re.findall(r"“([^”]+)”([\d.]+)万元", spending.split("总支出中")[1])
        assert quoted == [(n, a) for scope, _c, n, a, _note in data["economic"] if scope == "all"]
    else:
        assert spending is None
    spent = amount(three["actual"]["total"]) or 0
    if spent:
        assert f"2、“三公”经费支出{spent}万元。" in paragraphs
    else:
        assert "2、“三公”经费无。" in paragraphs
    other = data["other"]
    if other["office_cost"] is not None:
        assert f"机关运行经费支出{amount(other['office_cost'])}万元" in text
    else:
        assert "3、机关运行经费：无。" in paragraphs
    if other["procurement"] is not None and amount(other["procurement"]):
        assert f"4、政府采购支出{amount(other['procurement'])}万元" in text
    else:
        assert "4、政府采购支出：无。" in paragraphs
    assert "%" not in "\n".join(paragraphs[:paragraphs.index("三、部门整体支出绩效情况")])  # no rates printed

    # 三 and 四: one paragraph per line typed, in order, under their headings
    three_at = paragraphs.index("三、部门整体支出绩效情况")
    four_at = paragraphs.index("四、存在的主要问题及改进措施或有关建议")
    performance = [line for line in data["texts"]["performance"].splitlines() if line.strip()]  # blank: dropped
    problems = data["texts"]["problems"].splitlines()
    assert paragraphs[three_at + 1:four_at] == performance
    assert paragraphs[four_at + 1:four_at + 1 + len(problems)] == problems


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape_name", list(SHAPES))
def test_selfeval_shape_builds_and_reads_back(tmp_path, shape_name, seed):
    data = report(random.Random(seed * 1000 + list(SHAPES).index(shape_name)), SHAPES[shape_name])
    build_and_audit(tmp_path, data)


def test_a_report_without_its_own_staffing_and_institutions_is_refused_in_chinese(tmp_path):
    """A stand-alone report has no figures to word 一（一）（二） from: blank texts are refused, naming the cells."""
    data = report(random.Random(7), ReportShape(has_own_texts=False))
    workbook = tmp_path / "report.xlsx"
    write_blank_workbook(workbook, data)
    outcome = build_workbook(workbook, tmp_path / "out")
    assert outcome.document is None and not outcome.check.ok
    messages = [str(p) for p in outcome.check.all_read_problems]
    assert any("“人员情况”为必填项，未填写" in m and "基本信息" in m for m in messages), messages
    assert any("“机构情况”为必填项，未填写" in m for m in messages), messages
    assert not list((tmp_path / "out").rglob("*.docx"))


def random_shape(rng: random.Random) -> ReportShape:
    shape = random_flags(rng, ReportShape)
    if not (shape.has_basic or shape.has_project):
        shape = dataclasses.replace(shape, has_basic=True)
    return dataclasses.replace(shape, has_own_texts=True)


@sweep("SELFEVAL_SHAPES_SWEEP", "report shapes")
def test_random_selfeval_shape_sweep(tmp_path, seed):
    rng = random.Random(seed)
    build_and_audit(tmp_path, report(rng, random_shape(rng)))
