"""The auditor: reads a finished 部门决算 document (ours or hand-made; .docx, PDF or text) and checks it.

    report = audit_file(Path("2021年度…部门决算.pdf"))
    report.findings            # AuditFinding: kind, place (page / heading and paragraph), sentence, both figures

The last stage of the pipeline: it reads model, checks and layouts; nothing below imports it.
"""

from __future__ import annotations

from pathlib import Path

from .document import AuditFinding, Block, Place, ReadDocument
from .engine import DEFAULT_AUDIT, AuditReport, AuditSettings, NotADocument, audit_document
from .kinds import KINDS, KINDS_BY_ID
from .readers import SUFFIXES, UnreadableDocument, read_document, read_docx, read_text


def audit_file(path: Path, settings: AuditSettings = DEFAULT_AUDIT) -> AuditReport:
    """Read and audit one document; raises ``UnreadableDocument`` / ``NotADocument`` (Chinese messages)."""
    return audit_document(read_document(Path(path)), settings)


def audit_docx_bytes(data: bytes, settings: AuditSettings = DEFAULT_AUDIT, source: str = "") -> AuditReport:
    return audit_document(read_docx(data, source), settings)


def audit_rendered(data: bytes, accounts, source: str = "") -> AuditReport:
    """The build's self-audit: the rendered .docx read back as text, independently of the figures that made it;
    the workbook's tables are the reference for the tables printed in it."""
    settings = AuditSettings(department=accounts.info.name, year=accounts.info.year)
    return audit_document(read_docx(data, source), settings, reference=accounts)


__all__ = [
    "KINDS",
    "KINDS_BY_ID",
    "SUFFIXES",
    "AuditFinding",
    "AuditReport",
    "AuditSettings",
    "Block",
    "NotADocument",
    "Place",
    "ReadDocument",
    "UnreadableDocument",
    "audit_document",
    "audit_docx_bytes",
    "audit_file",
    "audit_rendered",
    "read_document",
    "read_docx",
    "read_text",
]
