"""Pure functions: what the report's text states, computed from the model (nothing is read or printed here).

The Word template words it; every amount it prints is one of these figures, and the self-audit
(``audit``) re-derives the text's amounts from the tables the document prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import model as M
from .rules import leading_lines

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ItemFigure:
    """An economic subject quoted in (四): its name as the 明细表 prints it, its amount, what it paid for."""

    code: str
    name: str
    amount: Decimal
    note: str


@dataclass(frozen=True)
class ClassFigure(ItemFigure):
    """A class (类) with the items (款) quoted under it (an item whose class is not listed stands alone)."""

    items: tuple[ItemFigure, ...] = ()


@dataclass(frozen=True)
class ReportFigures:
    spent_total: Decimal | None  # 部门决算数 支出合计, as the table states it
    spent_basic: Decimal | None
    spent_project: Decimal | None
    all_spending: tuple[ClassFigure, ...]  # “支出决算明细表”
    basic_spending: tuple[ClassFigure, ...]  # “基本支出决算明细表”
    project_spending: tuple[ClassFigure, ...]  # “项目支出决算明细表”
    three_public_spent: Decimal  # 部门决算数 合计 (0 when blank): “三公”经费无 when 0
    three_public_budget: Decimal


def spending_by_class(lines: tuple[M.EconomicLine, ...]) -> tuple[ClassFigure, ...]:
    """The leading lines of one 明细表 in the order typed, each class with its items."""
    out = []
    for line in leading_lines(lines):
        items = tuple(ItemFigure(i.code, i.name, i.amount, i.note) for i in lines
                      if line.is_class and not i.is_class and i.class_code == line.code)
        out.append(ClassFigure(line.code, line.name, line.amount, line.note, items))
    return tuple(out)


def compute_figures(report: M.SelfEvaluationReport) -> ReportFigures:
    final = report.summary.final
    return ReportFigures(
        spent_total=final["total"],
        spent_basic=final["basic"],
        spent_project=final["project"],
        all_spending=spending_by_class(report.economic_lines(M.SCOPE_ALL)),
        basic_spending=spending_by_class(report.economic_lines(M.SCOPE_BASIC)),
        project_spending=spending_by_class(report.economic_lines(M.SCOPE_PROJECT)),
        three_public_spent=report.three_public.actual.amount("total"),
        three_public_budget=report.three_public.budget.amount("total"),
    )
