"""What the Word template of the report sees: one frozen dataclass ``SelfEvaluationContext`` as ``r``.

Numbers are ``Decimal`` (the shared filters ``money`` and ``cell`` print them); texts are cleaned as the
final accounts' are (``clean_text``), notes quoted inside a sentence lose their final punctuation
(``clause``). Every word of the report is in the template.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from generator.render.context import clause, clean_text

from . import model as M
from .figures import ClassFigure, ReportFigures, compute_figures


@dataclass(frozen=True)
class SummaryRow:
    total: Decimal | None
    basic: Decimal | None
    project: Decimal | None
    special: Decimal | None


@dataclass(frozen=True)
class ThreePublicRow:
    outbound: Decimal | None
    vehicle: Decimal | None
    reception: Decimal | None
    total: Decimal | None


@dataclass(frozen=True)
class SelfEvaluationContext:
    name: str
    year: int
    region: str
    publication_date: str
    draft: bool
    staffing: str  # 一（一） as the department wrote it ("" : ``staff`` in numbers)
    staff: M.StaffFigures | None
    institutions: str  # 一（二） as written ("" : ``unit_composition`` and ``internal_offices``)
    unit_composition: str
    internal_offices: str
    functions: tuple[str, ...]
    budget: SummaryRow  # (一) 年初部门预算
    adjusted: SummaryRow  # 调整预算数
    final: SummaryRow  # 部门决算数
    assets: SummaryRow  # 其中：资产购置支出
    three_public_budget: ThreePublicRow  # (二) 部门预算数
    three_public_actual: ThreePublicRow  # 部门决算数
    projects: tuple[M.ProjectSpending, ...]  # (三)
    figures: ReportFigures  # (四)
    office_cost: Decimal | None
    procurement: Decimal | None
    procurement_note: str
    fund_management: str
    performance: str
    problems: str


def _summary(amounts: M.Amounts) -> SummaryRow:
    return SummaryRow(*(amounts[c] for c in M.SUMMARY_COLUMNS))


def _three_public(amounts: M.Amounts) -> ThreePublicRow:
    return ThreePublicRow(*(amounts[c] for c in M.THREE_PUBLIC_COLUMNS))


def _clauses(classes: tuple[ClassFigure, ...]) -> tuple[ClassFigure, ...]:
    return tuple(replace(c, name=clean_text(c.name), note=clause(c.note),
                         items=tuple(replace(i, name=clean_text(i.name), note=clause(i.note)) for i in c.items))
                 for c in classes)


def build_context(report: M.SelfEvaluationReport, draft: bool = False) -> SelfEvaluationContext:
    figures = compute_figures(report)
    figures = replace(figures, all_spending=_clauses(figures.all_spending),
                      basic_spending=_clauses(figures.basic_spending),
                      project_spending=_clauses(figures.project_spending))
    info = report.info
    return SelfEvaluationContext(
        name=info.name, year=info.year, region=clean_text(info.region), publication_date=info.publication_date,
        draft=draft,
        staffing=clean_text(info.staffing), staff=report.staff,
        institutions=clean_text(info.institutions), unit_composition=clause(report.unit_composition),
        internal_offices=clause(report.internal_offices),
        functions=tuple(clean_text(f) for f in info.functions),
        budget=_summary(report.summary.budget), adjusted=_summary(report.summary.adjusted),
        final=_summary(report.summary.final), assets=_summary(report.summary.assets),
        three_public_budget=_three_public(report.three_public.budget),
        three_public_actual=_three_public(report.three_public.actual),
        projects=tuple(replace(p, name=clean_text(p.name), description=clean_text(p.description))
                       for p in report.projects),
        figures=figures,
        office_cost=report.other.office_cost, procurement=report.other.procurement,
        procurement_note=clause(report.other.procurement_note),
        fund_management=clean_text(report.texts.fund_management),
        performance=clean_text(report.texts.performance).strip(),
        problems=clean_text(report.texts.problems).strip(),
    )


def as_template_variables(context: SelfEvaluationContext) -> dict[str, Any]:
    return {"r": context, "draft": context.draft}
