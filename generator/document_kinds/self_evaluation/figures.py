"""Pure functions: what the report's text states, computed from the model (nothing is read or printed here).

The Word template words it; every amount it prints is one of these figures, and the self-audit
(``audit``) re-derives the text's amounts from the tables the document prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.figures import h

from . import model as M
from .rules import leading_lines

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ItemFigure:
    """An economic subject quoted in (四): its name as the 明细表 prints it, its amount, what it paid for."""

    code: str = field(metadata=h("经济科目编码（类 3 位，款 5 位）"))
    name: str = field(metadata=h("科目名称，如明细表所印"))
    amount: Decimal = field(metadata=h("金额（万元）"))
    note: str = field(metadata=h("用途说明（句末标点已去掉，可为空）"))


@dataclass(frozen=True)
class ClassFigure(ItemFigure):
    """A class (类) with the items (款) quoted under it (an item whose class is not listed stands alone)."""

    items: tuple[ItemFigure, ...] = field(default=(), metadata=h("其下引用的款级科目"))


@dataclass(frozen=True)
class ReportFigures:
    spent_total: Decimal | None = field(metadata=h("总支出：（一）表部门决算数的支出合计（万元）"))
    spent_basic: Decimal | None = field(metadata=h("其中基本支出（万元）"))
    spent_project: Decimal | None = field(metadata=h("其中项目支出（万元）"))
    all_spending: tuple[ClassFigure, ...] = field(metadata=h("“支出决算明细表”所列的类（及其款）"))
    basic_spending: tuple[ClassFigure, ...] = field(metadata=h("“基本支出决算明细表”所列的类（及其款）"))
    project_spending: tuple[ClassFigure, ...] = field(metadata=h("“项目支出决算明细表”所列的科目"))
    three_public_spent: Decimal = field(metadata=h("“三公”经费支出：（二）表部门决算数的合计（空白为 0，0 时写“无”）"))
    three_public_budget: Decimal = field(metadata=h("“三公”经费预算：（二）表部门预算数的合计（空白为 0）"))


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
