"""What the Word template of the report sees: one frozen dataclass ``SelfEvaluationContext`` as ``r``.

Numbers are ``Decimal`` (the shared filters ``money`` and ``cell`` print them); texts are cleaned as the
final accounts' are (``clean_text``), notes quoted inside a sentence lose their final punctuation
(``clause``). Every word of the report is in the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from generator.figures import h
from generator.render.context import clause, clean_text, list_item

from . import model as M
from .figures import ClassFigure, ReportFigures, compute_figures


@dataclass(frozen=True)
class SummaryRow:
    """One row of (一) 整体支出情况 (``None``: the cell is printed blank; print with ``cell``)."""

    total: Decimal | None = field(metadata=h("支出合计（万元）"))
    basic: Decimal | None = field(metadata=h("基本支出（万元）"))
    project: Decimal | None = field(metadata=h("项目支出（万元）"))
    special: Decimal | None = field(metadata=h("政府专项（万元）"))


@dataclass(frozen=True)
class ThreePublicRow:
    """One row of (二) “三公”经费支出情况 (``None``: printed blank)."""

    outbound: Decimal | None = field(metadata=h("因公出国出境（万元）"))
    vehicle: Decimal | None = field(metadata=h("公车购置、运行（万元）"))
    reception: Decimal | None = field(metadata=h("公务接待（万元）"))
    total: Decimal | None = field(metadata=h("合计（万元）"))


@dataclass(frozen=True)
class SelfEvaluationContext:
    name: str = field(metadata=h("部门名称（封面“单位名称”）"))
    year: int = field(metadata=h("自评的预算年度"))
    region: str = field(metadata=h("标题中的地区，如“天心区”（空：标题以部门名称开头）"))
    publication_date: str = field(metadata=h("公开日期（可为空）"))
    draft: bool = field(metadata=h("草稿（校验有错误时仍生成）"))
    staffing: str = field(metadata=h("一（一）人员情况，部门自己写的（空：用 staff 的人数写出）"))
    staff: M.StaffFigures | None = field(metadata=h(
        "一（一）的人数（由部门决算工作簿生成且未写人员情况时；否则为 None）"))
    institutions: str = field(metadata=h(
        "一（二）机构情况，部门自己写的（空：用 unit_composition 和 internal_offices）"))
    unit_composition: str = field(metadata=h("决算单位构成（由部门决算工作簿生成且未写机构情况时）"))
    internal_offices: str = field(metadata=h("内设机构（同上）"))
    functions: tuple[str, ...] = field(metadata=h("一（三）主要职能，每条一项"))
    budget: SummaryRow = field(metadata=h("（一）表“年初部门预算”行"))
    adjusted: SummaryRow = field(metadata=h("（一）表“调整预算数”行（常为空白）"))
    final: SummaryRow = field(metadata=h("（一）表“部门决算数”行"))
    assets: SummaryRow = field(metadata=h("（一）表“其中：资产购置支出”行（可为空白）"))
    three_public_budget: ThreePublicRow = field(metadata=h("（二）表“部门预算数”行"))
    three_public_actual: ThreePublicRow = field(metadata=h("（二）表“部门决算数”行"))
    projects: tuple[M.ProjectSpending, ...] = field(metadata=h("（三）项目支出情况，每个项目一项（可为空列表）"))
    figures: ReportFigures = field(metadata=h("（四）文中引用的金额，由表计算"))
    office_cost: Decimal | None = field(metadata=h("机关运行经费（万元；None：不填）"))
    procurement: Decimal | None = field(metadata=h("政府采购支出（万元；None：不填）"))
    procurement_note: str = field(metadata=h("政府采购说明（句末标点已去掉）"))
    fund_management: str = field(metadata=h("项目资金使用管理情况（可为空）"))
    performance: str = field(metadata=h("三、部门整体支出绩效情况，每行一段"))
    problems: str = field(metadata=h("四、存在的主要问题及改进措施，每行一条"))


@dataclass(frozen=True)
class TemplateVariables:
    """What the Word template sees (``template check`` finds unknown variables with it)."""

    r: SelfEvaluationContext = field(metadata=h("报告的全部内容"))
    draft: bool = field(metadata=h("草稿（同 r.draft）"))


def context_schema() -> type:
    return TemplateVariables


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
        functions=tuple(list_item(f) for f in info.functions),
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
