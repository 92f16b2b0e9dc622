"""One workbook through the pipeline: read → checks → figures → render.

The CLI and the batch both call these functions, so a single workbook and a thousand take the
same path. Nothing here prints; outcomes are plain records.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.checks import CheckReport, run_checks
from generator.checks.report import write_xlsx_report
from generator.failures import stage
from generator.model import DepartmentAccounts
from generator.paths import department_folder, department_name_problem
from generator.workbook.problems import ERROR, ReadProblem
from generator.workbook.reader import prior_from_accounts, read_workbook_with_problems

REPORT_NAME = "校验报告.xlsx"


@dataclass(frozen=True)
class CheckOutcome:
    path: Path
    accounts: DepartmentAccounts | None
    read_problems: tuple[ReadProblem, ...]
    report: CheckReport | None
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

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


def output_folder(root: Path, accounts: DepartmentAccounts) -> Path:
    return department_folder(root, accounts.info.name, accounts.info.year)


def check_workbook(path: Path, prior: Path | None = None) -> CheckOutcome:
    started = time.perf_counter()
    with stage("读取工作簿"):
        accounts, problems = read_workbook_with_problems(path)
    if prior is not None:
        with stage("读取上年工作簿"):
            last_year, prior_problems = read_workbook_with_problems(prior)
        problems = problems + tuple(prior_problems)
        if accounts is not None and last_year is not None:
            accounts = dataclasses.replace(accounts, prior=prior_from_accounts(last_year))
    read_done = time.perf_counter()
    timings = {"read": read_done - started}
    if accounts is None or any(p.severity == ERROR for p in problems):
        return CheckOutcome(path, accounts, problems, None, MappingProxyType(timings))
    with stage("校验"):
        report = run_checks(accounts)
    timings["check"] = time.perf_counter() - read_done
    return CheckOutcome(path, accounts, problems, report, MappingProxyType(timings))


def write_check_report(outcome: CheckOutcome, root: Path, unreadable_report: Path | None = None) -> Path:
    """The report in the department's folder; ``root/<工作簿>_校验报告.xlsx`` (or ``unreadable_report``)
    when the workbook gives no usable department name and year."""
    accounts = outcome.accounts
    if accounts is not None and accounts.info.name and not department_name_problem(accounts.info.name):
        folder = output_folder(root, accounts)
        target = folder / REPORT_NAME
        title = f"{accounts.info.name} {accounts.info.year}年度 部门决算校验报告"
    else:
        target = unreadable_report or root / f"{outcome.path.stem}_{REPORT_NAME}"
        title = f"{outcome.path.name} 读取问题"
    with stage("写入校验报告"):
        write_xlsx_report(target, outcome.report, outcome.read_problems, title=title)
    return target


@dataclass(frozen=True)
class BuildOutcome:
    check: CheckOutcome
    report_path: Path | None
    document: Path | None
    charts: tuple[Path, ...] = ()
    draft: bool = False
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    failure: str = ""  # why no document was written although the checks allowed it (Chinese)


def build_workbook(path: Path, root: Path, *, prior: Path | None = None, force: bool = False,
                   template: Path | None = None, unreadable_report: Path | None = None) -> BuildOutcome:
    """Check, and when no error remains (or ``force``), write the document and its charts."""
    from generator.render.document import RenderError, render_document  # rendering is only needed here
    from generator.render.settings import SettingsError

    outcome = check_workbook(path, prior)
    report_path = write_check_report(outcome, root, unreadable_report)
    if outcome.read_failed or (not outcome.ok and not force):
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings)
    assert outcome.accounts is not None
    draft = not outcome.ok
    started = time.perf_counter()
    try:
        with stage("生成文档"):
            rendered = render_document(outcome.accounts, root, template=template, draft=draft)
    except RenderError as exc:  # a locked target, a broken template: the message says what to do
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings, failure=exc.message)
    except SettingsError as exc:
        return BuildOutcome(outcome, report_path, None, timings=outcome.timings, failure=str(exc))
    timings = {**outcome.timings, **getattr(rendered, "timings", {})}
    timings.setdefault("render", time.perf_counter() - started)
    return BuildOutcome(outcome, report_path, rendered.docx, tuple(rendered.charts), draft,
                        MappingProxyType(timings))
