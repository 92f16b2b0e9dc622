"""The budget disclosure (部门预算公开, seed 003): the second document kind, one package.

    model.py      frozen dataclasses: the thirteen 公开表 and the inputs of the text
    workbook.py   the workbook's sheets, columns and lines (declarations)
    template.py   the blank workbook (``juesuan template-xlsx --kind 部门预算``) and filled ones
    reader.py     reads a workbook by label, code and header
    rules.py      the rules (B-…) as data over the shared engine
    figures.py    pure functions: totals, changes, shares, subjects used
    context.py    the template context (dataclasses)
    render.py     writes the Word document from ``templates/budget_hubei/document.docx``
    audit.py      the build's self-audit: the text's amounts re-derived from the tables
"""

from __future__ import annotations

from generator.document_kinds import DocumentKind, lazy, register

_HERE = "generator.document_kinds.budget"

BUDGET = register(DocumentKind(
    key="budget",
    title="部门预算",
    aliases=("预算", "部门预算公开", "预算公开"),
    read=lazy(f"{_HERE}.reader", "read_budget"),
    check=lazy(f"{_HERE}.rules", "check_budget"),
    render=lazy(f"{_HERE}.render", "render_budget"),
    audit_rendered=lazy(f"{_HERE}.audit", "audit_rendered"),
    write_blank_workbook=lazy(f"{_HERE}.template", "write_budget_workbook"),
    read_identity=lazy(f"{_HERE}.reader", "read_budget_identity"),
    try_template=lazy(f"{_HERE}.render", "try_template"),
    rules=lazy(f"{_HERE}.rules", "budget_rules"),
    template_schema=lazy(f"{_HERE}.context", "context_schema"),
    check_with_samples=lazy(f"{_HERE}.render", "check_with_samples"),
    figure_changes=lazy(f"{_HERE}.diff", "figure_changes"),
    variables_markdown=lazy(f"{_HERE}.reference", "variables_markdown"),
    audit_document=lazy(f"{_HERE}.audit", "audit_read_document"),
    with_prior=lazy(f"{_HERE}.model", "with_prior"),
    report_title=lambda budget: f"{budget.info.name} {budget.info.year}年 部门预算校验报告",
))
