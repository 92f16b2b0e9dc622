"""One workbook through the pipeline: read → checks → figures → render.

The CLI and the batch both call these functions, so a single workbook and a thousand take the
same path. Nothing here prints; outcomes are plain records. What a stage does for the workbook's
document kind (部门决算, 部门预算 …) is the kind's declaration (``generator.document_kinds``).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.audit import AuditReport
from generator.catalog.bureau import SubjectCatalogue
from generator.checks import CheckReport
from generator.checks.report import write_xlsx_report
from generator.document_kinds import DocumentKind, kind_of_workbook, kind_titles
from generator.failures import stage
from generator.model import Cell
from generator.paths import department_folder, department_name_problem
from generator.workbook.problems import ERROR, ReadProblem, problem

REPORT_NAME = "校验报告.xlsx"


@dataclass(frozen=True)
class CheckOutcome:
    path: Path
    accounts: Any  # the kind's model (``DepartmentAccounts`` for the final accounts); None: unreadable
    read_problems: tuple[ReadProblem, ...]
    report: CheckReport | None
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    kind: DocumentKind | None = None  # the workbook's document kind (None only for outcomes made by hand)

    @property
    def model(self) -> Any:
        return self.accounts

    @property
    def read_failed(self) -> bool:
        return self.accounts is None or any(p.severity == ERROR for p in self.read_problems)

    @property
    def error_count(self) -> int:
        own = sum(p.severity == ERROR for p in self.read_problems)
        return own + (len(self.report.errors) if self.report else 0)

    @property
    def warning_count(self) -> int:
        own = sum(p.severity != ERROR for p in self.read_problems)
        return own + (len(self.report.warnings) if self.report else 0)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def output_folder(root: Path, model: Any) -> Path:
    return department_folder(root, model.info.name, model.info.year)


def check_workbook(path: Path, prior: Path | None = None, catalogue: SubjectCatalogue | None = None) -> CheckOutcome:
    """Read and check one workbook with the reader and rules of its document kind (基本信息 文档类型);
    ``catalogue``: the bureau's subject catalogue (``load_catalogue``)."""
    started = time.perf_counter()
    with stage("读取工作簿"):
        kind, unknown = kind_of_workbook(path)
        if unknown:
            found = problem("kind-unknown", Cell("基本信息", "B?"), value=unknown, kinds=kind_titles())
            return CheckOutcome(path, None, (found,), None, MappingProxyType({}), kind)
        model, problems = kind.read(path)
    problems = tuple(problems)
    if prior is not None and kind.with_prior is None:
        problems += (problem("prior-unsupported", None, kind=kind.title, path=prior),)
    elif prior is not None:
        with stage("读取上年工作簿"):
            last_year, prior_problems = kind.read(prior)
        problems = problems + tuple(prior_problems)
        if model is not None and last_year is not None:
            model = kind.with_prior(model, last_year)
    read_done = time.perf_counter()
    timings = {"read": read_done - started}
    if model is None or any(p.severity == ERROR for p in problems):
        return CheckOutcome(path, model, problems, None, MappingProxyType(timings), kind)
    with stage("校验"):
        report = kind.check(model, catalogue)
    timings["check"] = time.perf_counter() - read_done
    return CheckOutcome(path, model, problems, report, MappingProxyType(timings), kind)


def write_check_report(outcome: CheckOutcome, root: Path, unreadable_report: Path | None = None) -> Path:
    """The report in the department's folder; ``root/<工作簿>_校验报告.xlsx`` (or ``unreadable_report``)
    when the workbook gives no usable department name and year."""
    accounts = outcome.accounts
    if accounts is not None and accounts.info.name and not department_name_problem(accounts.info.name):
        folder = output_folder(root, accounts)
        target = folder / REPORT_NAME
        title = (outcome.kind.default_report_title(accounts) if outcome.kind is not None
                 else f"{accounts.info.name} {accounts.info.year}年度 校验报告")
    else:
        target = unreadable_report or root / f"{outcome.path.stem}_{REPORT_NAME}"
        title = f"{outcome.path.name} 读取问题"
    with stage("写入校验报告"):
        write_xlsx_report(target, outcome.report, outcome.read_problems, title=title, workbook=outcome.path)
    return target


@dataclass(frozen=True)
class BuildOutcome:
    check: CheckOutcome
    report_path: Path | None
    document: Path | None
    charts: tuple[Path, ...] = ()
    draft: bool = False
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    audit: AuditReport | None = None  # the self-audit of the rendered document (None: not rendered)
    pdf: Path | None = None  # with ``pdf=True``: the PDF beside the document
    pdf_error: str = ""  # with ``pdf=True`` and no PDF: why (Chinese)
    failure: str = ""  # why no document was written although the checks allowed it (Chinese)

    @property
    def contradicts(self) -> bool:
        """The rendered document contradicts itself or its tables (it was not written, or written as 草稿)."""
        return self.audit is not None and self.audit.has_errors


class _SelfAuditFailed(Exception):
    def __init__(self, report: AuditReport) -> None:
        super().__init__("the rendered document contradicts itself")
        self.report = report


def build_workbook(path: Path, root: Path, *, prior: Path | None = None, force: bool = False,
                   template: Path | None = None, catalogue: SubjectCatalogue | None = None,
                   pdf: bool = False, unreadable_report: Path | None = None) -> BuildOutcome:
    """Check, and when no error remains (or ``force``), write the document and its charts.

    With ``pdf``, also the PDF beside the document (LibreOffice), and the document's 目录 numbered with
    the PDF's pages; without LibreOffice the document is still written and ``pdf_error`` says so.
    """
    from generator.render.document import RenderError  # rendering is only needed here
    from generator.render.settings import SettingsError

    outcome = check_workbook(path, prior, catalogue)
    report_path = write_check_report(outcome, root, unreadable_report)
    if outcome.read_failed or (not outcome.ok and not force):
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings)
    assert outcome.accounts is not None and outcome.kind is not None
    accounts = outcome.accounts
    kind = outcome.kind
    draft = not outcome.ok
    started = time.perf_counter()
    audited: list[AuditReport] = []
    audit_seconds: list[float] = []

    def self_audit(docx: bytes) -> None:
        # read the document back as text, independently of the figures that produced it: a code bug or a
        # template that prints the wrong variable cannot publish a contradiction
        began = time.perf_counter()
        report = kind.audit_rendered(docx, accounts)
        audit_seconds.append(time.perf_counter() - began)
        audited.append(report)
        if report.has_errors and not force:
            raise _SelfAuditFailed(report)

    try:
        with stage("生成文档"):
            rendered = kind.render(accounts, root, template=template, draft=draft, inspect=self_audit)
            if audited and audited[-1].has_errors and not draft:  # forced: published only as a 草稿
                draft = True
                rendered = kind.render(accounts, root, template=template, draft=True)
    except _SelfAuditFailed as failed:
        timings = {**outcome.timings, "audit": sum(audit_seconds)}
        return BuildOutcome(outcome, report_path, None, timings=MappingProxyType(timings), audit=failed.report)
    except RenderError as exc:  # a locked target, a broken template: the message says what to do
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings, failure=exc.message)
    except SettingsError as exc:
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings, failure=str(exc))
    timings = {**outcome.timings, **getattr(rendered, "timings", {}), "audit": sum(audit_seconds)}
    timings.setdefault("render", time.perf_counter() - started)
    built = BuildOutcome(outcome, report_path, rendered.docx, tuple(rendered.charts), draft,
                         MappingProxyType(timings), audited[-1] if audited else None)
    return publish_pdfs([built])[0] if pdf else built


def publish_pdfs(built: Sequence[BuildOutcome], *, timeout: float | None = None) -> list[BuildOutcome]:
    """The PDF of each built document, made in one LibreOffice run, and the documents' 目录 numbered.

    Outcomes without a document are returned unchanged. Raises ``DocumentLockedError`` when a
    document cannot be rewritten.
    """
    from generator.render.pdf import PdfError, publish

    documents = [b.document for b in built if b.document is not None]
    started = time.perf_counter()
    try:
        results = {r.docx: r for r in publish(documents, timeout=timeout)}
    except PdfError as exc:
        return [b if b.document is None else dataclasses.replace(b, pdf_error=exc.message) for b in built]
    out = []
    for b in built:
        result = results.get(b.document) if b.document is not None else None
        if result is None:
            out.append(b)
            continue
        timings = {**b.timings, "pdf": result.seconds or (time.perf_counter() - started) / max(len(documents), 1)}
        out.append(dataclasses.replace(b, pdf=result.pdf, pdf_error=result.error, timings=MappingProxyType(timings)))
    return out
