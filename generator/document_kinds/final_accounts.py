"""The final accounts (部门决算公开): the first kind, declared over the modules that implement it.

Its workbook declaration is ``generator/workbook/layout.py`` with the forms of ``generator/forms``,
its rules ``generator/checks``, its figures ``generator/figures.py``, its templates
``templates/<layout>/document.docx``, its auditor ``generator/audit``. (They predate the kinds and
stay where they are; the kinds added later each live in one package beside this module.)
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.document_kinds import DocumentKind, lazy, register


def _with_prior(accounts: Any, last_year: Any) -> Any:
    from generator.workbook.reader import prior_from_accounts

    return dataclasses.replace(accounts, prior=prior_from_accounts(last_year))


def _check(accounts: Any, catalogue: Any) -> Any:
    from generator.checks import run_checks

    return run_checks(accounts, catalogue=catalogue)


FINAL_ACCOUNTS = register(DocumentKind(
    key="final_accounts",
    title="部门决算",
    aliases=("决算", "部门决算公开", "决算公开"),
    read=lazy("generator.workbook.reader", "read_workbook_with_problems"),
    check=_check,
    render=lazy("generator.render.document", "render_document"),
    audit_rendered=lazy("generator.audit", "audit_rendered"),
    write_blank_workbook=lazy("generator.workbook.template", "write_workbook"),
    read_identity=lazy("generator.workbook.reader", "read_identity"),
    try_template=lazy("generator.render.document", "try_template"),
    report_title=lambda accounts: f"{accounts.info.name} {accounts.info.year}年度 部门决算校验报告",
    with_prior=_with_prior,
    template_schema=lambda: _schema(),
    check_with_samples=lazy("generator.template_check", "check_with_samples"),
    figure_changes=lazy("generator.diff", "figure_changes"),
    variables_markdown=lambda: _variables_markdown(),
    audit_document=lazy("generator.audit.engine", "audit_document"),
))


def _schema() -> type:
    from generator.render.context import DocumentContext

    return DocumentContext


def _variables_markdown() -> str:
    from generator.template_reference import EXAMPLE_SAMPLE, variables_markdown
    from generator.workbook.reader import read_workbook

    return variables_markdown(read_workbook(EXAMPLE_SAMPLE), EXAMPLE_SAMPLE)
