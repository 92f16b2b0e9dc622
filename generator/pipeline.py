"""One workbook through the pipeline: read → checks → figures → render.

The CLI and the batch both call these functions, so a single workbook and a thousand take the
same path. Nothing here prints; outcomes are plain records. What a stage does for the workbook's
document kind (部门决算, 部门预算 …) is the kind's declaration (``generator.document_kinds``).
"""

from __future__ import annotations

import dataclasses
import re
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
from generator.document_kinds import DocumentKind, kind_named, kind_of_workbook, kind_titles
from generator.failures import stage
from generator.model import Cell
from generator.paths import department_folder, department_name_problem
from generator.workbook.problems import ERROR, ReadProblem, problem
from generator.workbook.reader import read_info_value

REPORT_NAME = "校验报告.xlsx"


@dataclass(frozen=True)
class CheckOutcome:
    path: Path
    accounts: Any  # the kind's model (``DepartmentAccounts`` for the final accounts); None: unreadable
    read_problems: tuple[ReadProblem, ...]
    report: CheckReport | None
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    kind: DocumentKind | None = None  # the workbook's document kind (None only for outcomes made by hand)
    # the other documents the workbook asks for in 基本信息 生成文档, each made from its model by its kind
    # (``DocumentKind.made_from``) and checked by its own rules
    extras: tuple[CheckOutcome, ...] = ()

    @property
    def model(self) -> Any:
        return self.accounts

    @property
    def all_read_problems(self) -> tuple[ReadProblem, ...]:
        return self.read_problems + tuple(p for e in self.extras for p in e.read_problems)

    @property
    def combined_report(self) -> CheckReport | None:
        """The findings of every document of the workbook in one report (the main document's first)."""
        reports = [r for r in (self.report, *(e.report for e in self.extras)) if r is not None]
        if len(reports) <= 1:
            return reports[0] if reports else None
        return CheckReport(tuple(f for r in reports for f in r.findings), reports[0].settings)

    @property
    def read_failed(self) -> bool:
        return self.accounts is None or any(p.severity == ERROR for p in self.read_problems)

    @property
    def error_count(self) -> int:
        own = sum(p.severity == ERROR for p in self.read_problems)
        return own + (len(self.report.errors) if self.report else 0) + sum(e.error_count for e in self.extras)

    @property
    def warning_count(self) -> int:
        own = sum(p.severity != ERROR for p in self.read_problems)
        return own + (len(self.report.warnings) if self.report else 0) + sum(e.warning_count for e in self.extras)

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
    requested, asked = requested_documents(path, kind)
    if asked:
        return CheckOutcome(path, model, problems + asked, None, MappingProxyType(timings), kind)
    with stage("校验"):
        report = kind.check(model, catalogue)
    extras = tuple(_check_made_from(path, other, kind, model, catalogue) for other in requested)
    timings["check"] = time.perf_counter() - read_done
    return CheckOutcome(path, model, problems, report, MappingProxyType(timings), kind, extras)


DOCUMENTS_LABEL = "生成文档"
_NAME_SEPARATORS = re.compile(r"[、，,;；/\s]+")


def requested_documents(path: Path, kind: DocumentKind) -> tuple[tuple[DocumentKind, ...], tuple[ReadProblem, ...]]:
    """The other kinds whose documents the workbook asks for in 基本信息 生成文档 (its own kind is always
    built), and the problems of the names: unknown, or a kind that cannot be made from this workbook."""
    typed = read_info_value(path, DOCUMENTS_LABEL)
    found: list[DocumentKind] = []
    problems: list[ReadProblem] = []
    where = Cell("基本信息", "B?")
    for name in (n for n in _NAME_SEPARATORS.split(typed) if n):
        other = kind_named(name)
        if other is None:
            problems.append(problem("documents-unknown", where, value=name, kinds=kind_titles()))
        elif other.key != kind.key and kind.key not in other.made_from:
            problems.append(problem("documents-unsupported", where, value=other.title, kind=kind.title))
        elif other.key != kind.key and other not in found:
            found.append(other)
    return tuple(found), tuple(problems)


def _check_made_from(path: Path, other: DocumentKind, kind: DocumentKind, model: Any,
                     catalogue: SubjectCatalogue | None) -> CheckOutcome:
    with stage(f"读取{other.title}"):
        made, problems = other.made_from[kind.key](model)
    problems = tuple(problems)
    report = None
    if made is not None and not any(p.severity == ERROR for p in problems):
        with stage(f"校验{other.title}"):
            report = other.check(made, catalogue)
    return CheckOutcome(path, made, problems, report, MappingProxyType({}), other)


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
        write_xlsx_report(target, outcome.combined_report, outcome.all_read_problems, title=title,
                          workbook=outcome.path)
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
    toc_numbered: bool = False  # with a PDF: the document's 目录 got the PDF's page numbers
    failure: str = ""  # why no document was written although the checks allowed it (Chinese)
    # the other documents the workbook asked for (基本信息 生成文档), each an outcome of its own whose
    # ``check`` is the matching ``CheckOutcome.extras``; written only when every document passed its self-audit
    extras: tuple[BuildOutcome, ...] = ()

    @property
    def contradicts(self) -> bool:
        """A rendered document contradicts itself or its tables (it was not written, or written as 草稿)."""
        return (self.audit is not None and self.audit.has_errors) or any(e.contradicts for e in self.extras)

    @property
    def outcomes(self) -> tuple[BuildOutcome, ...]:
        """This document's outcome and those of the other documents of the workbook."""
        return (self, *self.extras)

    @property
    def documents(self) -> tuple[Path, ...]:
        """Every document written."""
        return tuple(o.document for o in self.outcomes if o.document is not None)

    @property
    def complete(self) -> bool:
        """Every document the workbook asks for was written."""
        return all(o.document is not None for o in self.outcomes)

    @property
    def title(self) -> str:
        """The kind of this document (部门决算 …)."""
        return self.check.kind.title if self.check.kind is not None else ""


class _SelfAuditFailed(Exception):
    def __init__(self, report: AuditReport) -> None:
        super().__init__("the rendered document contradicts itself")
        self.report = report


class _Rehearsed(Exception):
    """Raised after the self-audit of a rehearsal: the document passed, and nothing is written."""


@dataclass(frozen=True)
class _Rendering:
    docx: Path | None = None
    charts: tuple[Path, ...] = ()
    draft: bool = False
    audit: AuditReport | None = None
    failure: str = ""
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.failure) or (self.audit is not None and self.audit.has_errors and not self.draft)


def _render(kind: DocumentKind, model: Any, root: Path, *, template: Path | None, draft: bool, force: bool,
            write: bool = True) -> _Rendering:
    """Render one document with its kind's renderer and self-audit; ``write=False`` rehearses it (rendered
    and audited, nothing written)."""
    from generator.render.document import RenderError  # rendering is only needed here
    from generator.render.settings import SettingsError

    started = time.perf_counter()
    audited: list[AuditReport] = []
    audit_seconds: list[float] = []

    def self_audit(docx: bytes) -> None:
        # read the document back as text, independently of the figures that produced it: a code bug or a
        # template that prints the wrong variable cannot publish a contradiction
        began = time.perf_counter()
        report = kind.audit_rendered(docx, model)
        audit_seconds.append(time.perf_counter() - began)
        audited.append(report)
        if report.has_errors and not force:
            raise _SelfAuditFailed(report)
        if not write:
            raise _Rehearsed

    try:
        with stage("生成文档"):
            try:
                rendered = kind.render(model, root, template=template, draft=draft, inspect=self_audit)
            except _Rehearsed:  # forced past its contradictions, it would be written as a 草稿
                return _Rendering(draft=draft or audited[-1].has_errors, audit=audited[-1])
            if audited and audited[-1].has_errors and not draft:  # forced: published only as a 草稿
                draft = True
                if not write:
                    return _Rendering(draft=True, audit=audited[-1])
                rendered = kind.render(model, root, template=template, draft=True)
    except _SelfAuditFailed as failed:
        return _Rendering(audit=failed.report, timings={"audit": sum(audit_seconds)})
    except RenderError as exc:  # a locked target, a broken template: the message says what to do
        return _Rendering(failure=exc.message)
    except SettingsError as exc:
        return _Rendering(failure=str(exc))
    timings = {**getattr(rendered, "timings", {}), "audit": sum(audit_seconds)}
    timings.setdefault("render", time.perf_counter() - started)
    return _Rendering(rendered.docx, tuple(rendered.charts), draft, audited[-1] if audited else None, "", timings)


def _not_written(kind: DocumentKind, result: _Rendering) -> str:
    return f"{kind.title}：{result.failure}" if result.failure else f"{kind.title}读回后自相矛盾"


def build_workbook(path: Path, root: Path, *, prior: Path | None = None, force: bool = False,
                   template: Path | None = None, catalogue: SubjectCatalogue | None = None,
                   pdf: bool = False, unreadable_report: Path | None = None) -> BuildOutcome:
    """Check, and when no error remains (or ``force``), write the document and its charts, and the other
    documents the workbook asks for in 基本信息 生成文档 (``outcome.extras``).

    Every document is rendered and read back (the self-audit) before any is written: when one of them fails,
    none is written and ``failure`` names it. ``template`` replaces the main document's template only.
    With ``pdf``, also the PDFs beside the documents (LibreOffice), and the 目录 numbered with the PDF's
    pages; without LibreOffice the documents are still written and ``pdf_error`` says so.
    """
    outcome = check_workbook(path, prior, catalogue)
    report_path = write_check_report(outcome, root, unreadable_report)
    if outcome.read_failed or (not outcome.ok and not force):
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings)
    assert outcome.accounts is not None and outcome.kind is not None
    draft = not outcome.ok

    def refused(extra: CheckOutcome, result: _Rendering) -> BuildOutcome:
        assert extra.kind is not None
        failed = BuildOutcome(extra, report_path, None, audit=result.audit,
                              failure=result.failure or ("" if result.audit else "无法生成"))
        message = f"{_not_written(extra.kind, result)}，因此本工作簿的文档都未生成（已有的文档保持不变）。"
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings, failure=message, extras=(failed,))

    # the other documents first, as a rehearsal: a contradiction in any of them publishes nothing
    for extra in outcome.extras:
        assert extra.kind is not None
        if extra.accounts is None:
            return refused(extra, _Rendering(failure="无法由本工作簿取得其内容"))
        rehearsal = _render(extra.kind, extra.accounts, root, template=None, draft=draft, force=force, write=False)
        if rehearsal.failed:
            return refused(extra, rehearsal)
    main = _render(outcome.kind, outcome.accounts, root, template=template, draft=draft, force=force)
    if main.failed:
        timings = {**outcome.timings, **main.timings}
        return BuildOutcome(outcome, report_path, None, timings=MappingProxyType(timings), audit=main.audit,
                            failure=main.failure)
    extras = []
    for extra in outcome.extras:
        assert extra.kind is not None
        done = _render(extra.kind, extra.accounts, root, template=None, draft=draft, force=force)
        extras.append(BuildOutcome(extra, report_path, done.docx, done.charts, done.draft,
                                   MappingProxyType(dict(done.timings)), done.audit, failure=done.failure))
    missing = [e.title for e in extras if e.document is None]
    failure = (f"已生成{outcome.kind.title}文档，但未能写入{'、'.join(missing)}："
               + "；".join(e.failure for e in extras if e.failure)) if missing else ""
    timings = {**outcome.timings, **main.timings}
    built = BuildOutcome(outcome, report_path, main.docx, main.charts, main.draft, MappingProxyType(timings),
                         main.audit, failure=failure, extras=tuple(extras))
    return publish_pdfs([built])[0] if pdf else built


def publish_pdfs(built: Sequence[BuildOutcome], *, timeout: float | None = None) -> list[BuildOutcome]:
    """The PDF of each built document (and of the other documents of its workbook), made in one LibreOffice
    run, and the documents' 目录 numbered.

    Outcomes without a document are returned unchanged. Raises ``DocumentLockedError`` when a
    document cannot be rewritten.
    """
    from generator.render.pdf import PdfError, publish

    documents = [d for b in built for d in b.documents]
    started = time.perf_counter()
    try:
        results = {r.docx: r for r in publish(documents, timeout=timeout)}
    except PdfError as exc:
        return [_with_pdf_error(b, exc.message) for b in built]

    def one(b: BuildOutcome) -> BuildOutcome:
        extras = tuple(one(e) for e in b.extras)
        result = results.get(b.document) if b.document is not None else None
        if result is None:
            return dataclasses.replace(b, extras=extras) if extras else b
        seconds = result.seconds or (time.perf_counter() - started) / max(len(documents), 1)
        timings = {**b.timings, "pdf": seconds}
        return dataclasses.replace(b, pdf=result.pdf, pdf_error=result.error, timings=MappingProxyType(timings),
                                   extras=extras, toc_numbered=bool(result.toc))

    return [one(b) for b in built]


def _with_pdf_error(b: BuildOutcome, message: str) -> BuildOutcome:
    extras = tuple(_with_pdf_error(e, message) for e in b.extras)
    return b if b.document is None and not extras else dataclasses.replace(
        b, pdf_error=message if b.document is not None else b.pdf_error, extras=extras)
