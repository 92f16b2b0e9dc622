"""The 部门整体支出绩效自评报告 (performance self-evaluation report, seed 002): the third document kind.

One package: ``model`` (what the report prints), ``workbook`` (its sheets), ``reader`` (by label),
``rules`` (its sums, as data), ``figures`` (pure), ``context`` and ``render`` (the Word template
``templates/self_evaluation_hunan/document.docx``), ``audit`` (the build's self-audit), ``hosted`` (the
report made from a final-accounts workbook whose 生成文档 asks for it).
"""

from __future__ import annotations

from typing import Any

from generator.document_kinds import DocumentKind, lazy, register

PACKAGE = "generator.document_kinds.self_evaluation"


def _check(report: Any, catalogue: Any) -> Any:  # the subject catalogue is the final accounts'
    from .rules import check_report

    return check_report(report)


def _from_final_accounts(accounts: Any) -> tuple[Any, tuple[Any, ...]]:
    from .hosted import report_from_final_accounts

    return report_from_final_accounts(accounts)


def _rules() -> tuple[Any, ...]:
    from .rules import RULES

    return RULES


SELF_EVALUATION = register(DocumentKind(
    key="self_evaluation",
    title="部门整体支出绩效自评报告",
    aliases=("绩效自评报告", "部门整体支出绩效自评", "整体支出绩效自评报告"),
    read=lazy(f"{PACKAGE}.reader", "read_report_with_problems"),
    check=_check,
    render=lazy(f"{PACKAGE}.render", "render_report"),
    audit_rendered=lazy(f"{PACKAGE}.audit", "audit_rendered"),
    write_blank_workbook=lazy(f"{PACKAGE}.workbook", "write_blank_workbook"),
    read_identity=lazy(f"{PACKAGE}.reader", "read_identity"),
    try_template=lazy(f"{PACKAGE}.render", "try_template"),
    report_title=lambda report: f"{report.info.name} {report.info.year}年度 部门整体支出绩效自评报告校验报告",
    made_from={"final_accounts": _from_final_accounts},
    rules=_rules,
    template_schema=lazy(f"{PACKAGE}.context", "context_schema"),
    check_with_samples=lazy(f"{PACKAGE}.render", "check_with_samples"),
    figure_changes=lazy(f"{PACKAGE}.diff", "figure_changes"),
    variables_markdown=lazy(f"{PACKAGE}.reference", "variables_markdown"),
    audit_document=lazy(f"{PACKAGE}.audit", "audit_read_document"),
))
