"""``juesuan audit``: one document or a folder of them, one report each and a summary for a batch."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.paths import safe_name

from .engine import DEFAULT_AUDIT, AuditReport, AuditSettings, NotADocument, audit_document
from .readers import SUFFIXES, UnreadableDocument, read_document
from .report import REPORT_NAME, SUMMARY_NAME, write_summary, write_xlsx_report


@dataclass(frozen=True)
class AuditResult:
    path: Path
    report: AuditReport | None
    reason: str = ""  # why the document could not be read
    report_path: Path | None = None


def documents_in(inputs: Iterable[Path]) -> list[Path]:
    """The documents named, and those found in the folders named (recursively), in a stable order."""
    out: list[Path] = []
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                          and not p.name.startswith(("~$", ".")))
        else:
            out.append(path)
    return out


def report_folders(paths: list[Path]) -> dict[Path, str]:
    """The folder name of each document's report: its file name without the suffix, and where two
    documents share it (a .docx and its PDF, one name in two folders) the suffix and a short digest,
    so that no report overwrites another."""
    stems = Counter(p.stem for p in paths)
    named = {p: p.stem if stems[p.stem] == 1 else f"{p.stem}_{p.suffix.lstrip('.').lower()}" for p in paths}
    again = Counter(named.values())
    for p, name in named.items():
        if again[name] > 1:
            named[p] = f"{name}_{hashlib.sha256(str(p.resolve()).encode()).hexdigest()[:8]}"
    return named


def _auditors() -> list:
    """The auditor of each document kind, the final accounts' first (``DocumentKind.audit_document``)."""
    from generator.document_kinds import all_kinds

    found = [k.audit_document for k in all_kinds() if k.audit_document is not None]
    return found or [audit_document]


def audit_one(path: Path, output: Path | None, settings: AuditSettings = DEFAULT_AUDIT,
              folder: str | None = None) -> AuditResult:
    """``folder``: the name of the report's folder under ``output`` (default: the document's stem)."""
    try:
        document = read_document(path)
    except UnreadableDocument as exc:
        return AuditResult(path, None, str(exc))
    reasons: list[str] = []
    for auditor in _auditors():  # each kind's auditor refuses (NotADocument) a document of another kind
        try:
            report = auditor(document, settings)
            break
        except NotADocument as exc:
            reasons.append(str(exc))
    else:
        return AuditResult(path, None, reasons[0])
    target = None
    if output is not None:
        target = write_xlsx_report(Path(output) / safe_name(folder or path.stem) / REPORT_NAME, report)
    return AuditResult(path, report, "", target)


def audit_many(paths: list[Path], output: Path,
               settings: AuditSettings = DEFAULT_AUDIT) -> tuple[list[AuditResult], Path | None]:
    folders = report_folders(paths)
    results = [audit_one(p, output, settings, folders[p]) for p in paths]
    summary = None
    if len(results) > 1:
        summary = write_summary(Path(output) / SUMMARY_NAME,
                                [(str(r.path), r.report, r.reason, r.report_path) for r in results])
    return results, summary
