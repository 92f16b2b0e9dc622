"""What the shape tests of every document kind share: a shape's name, the text of a document, and the
assertions of a build that must be clean and audit clean with and without its workbook."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import pytest
from docx import Document

from generator.audit.run import audit_one

# what a template leaves in a document when a variable or a tag went wrong
LEFTOVERS = ("None", "{{", "}}", "{%", "%}", "nan", "Decimal(")


def shape_name(shape: Any) -> str:
    """A shape's test id: the flags that differ from their defaults (``no_gov_fund-carryover``)."""
    off = [f"no_{f.name.removeprefix('has_')}" for f in fields(shape) if f.default is True
           and not getattr(shape, f.name)]
    on = [f.name.removeprefix("has_") for f in fields(shape) if f.default is False and getattr(shape, f.name)]
    return "-".join(off + on) or "default"


S = TypeVar("S")


def random_flags(rng: random.Random, cls: type[S]) -> S:
    """A shape with each flag on or off at random (the caller makes it one its kind can have)."""
    return cls(**{f.name: rng.random() < 0.5 for f in fields(cls)})  # type: ignore[call-arg]


def sweep(variable: str, what: str) -> Callable[[Callable[..., Any]], Any]:
    """A test run once per seed of a random sweep, ``variable``=N seeds (off by default: the named shapes run
    in the suite, the sweep when one looks for trouble)."""
    count = int(os.environ.get(variable, "0") or 0)

    def mark(test: Callable[..., Any]) -> Any:
        test = pytest.mark.parametrize("seed", range(count))(test)
        return pytest.mark.skipif(not count, reason=f"set {variable}=N for a sweep of N random {what}")(test)

    return mark


def everything(document: Any) -> str:
    """Every paragraph and table cell of a .docx (a path or an open document)."""
    doc = Document(str(document)) if isinstance(document, str | Path) else document
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def assert_no_leftovers(text: str) -> None:
    for leftover in LEFTOVERS:
        assert leftover not in text, f"{leftover!r} in the document"


def assert_built_and_audited(outcome: Any) -> Path:
    """The checks passed, the build wrote its document, its self-audit is clean, and ``juesuan audit`` of the
    written file (no workbook) finds no error. The document's path."""
    check = outcome.check
    assert not check.read_failed, [str(p) for p in check.read_problems]
    assert check.ok, ([str(f) for f in check.combined_report.errors] if check.combined_report else [],
                      [str(p) for p in check.all_read_problems])
    assert outcome.failure == "", outcome.failure
    assert outcome.audit is not None and not outcome.audit.has_errors, [str(f) for f in outcome.audit.errors]
    assert outcome.document is not None and outcome.document.exists()
    independent = audit_one(outcome.document, None)  # what `juesuan audit` does: no workbook
    assert independent.report is not None, independent.reason
    assert not independent.report.has_errors, [str(f) for f in independent.report.errors]
    return outcome.document


# 款 codes the synthetic departments use, with their names (from the samples and the 政府收支分类科目)
KUAN = {
    "20101": "人大事务", "20107": "税收事务", "20508": "进修及培训", "20701": "文化和旅游",
    "20801": "人力资源和社会保障管理事务", "20805": "行政事业单位养老支出", "21011": "行政事业单位医疗",
    "21013": "医疗救助", "21015": "医疗保障管理事务", "22102": "住房改革支出",
    "22301": "解决历史遗留问题及改革成本支出",
    "22960": "彩票公益金安排的支出", "20707": "国家电影事业发展专项资金安排的支出",
}
