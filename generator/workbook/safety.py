"""Looks inside the .xlsx package before openpyxl opens it.

openpyxl limits nothing a zip member may expand to, so the declared sizes are checked first; and
a formula saved without its computed value reads as an empty cell, so such cells are listed here
(``<c><f>…</f></c>`` without ``<v>``) to be reported instead of silently taken as blank.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from generator.workbook.problems import ReadProblem, problem

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files are OLE containers

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class PackageReport:
    problems: tuple[ReadProblem, ...] = ()
    # sheet title -> {cell address: formula text} for formulas without a cached value
    formulas_without_value: dict[str, dict[str, str]] = field(default_factory=dict)
    # sheet title -> merged ranges ("A1:F1"); read here because openpyxl's read-only mode omits them
    merged_ranges: dict[str, list[str]] = field(default_factory=dict)


def inspect_package(path: Path, limit: int = MAX_EXPANDED_BYTES) -> PackageReport:
    if not path.exists():
        return PackageReport((problem("file-missing", None, path=path),))
    if path.is_dir():
        return PackageReport((problem("file-not-xlsx", None, path=path, detail="这是一个文件夹"),))
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        return PackageReport((problem("file-not-xlsx", None, path=path, detail="文件为空"),))
    if head == OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            return PackageReport((problem("file-not-xlsx", None, path=path, detail="这是旧版 .xls 格式"),))
        return PackageReport((problem("file-encrypted", None, path=path),))
    if not zipfile.is_zipfile(path):
        return PackageReport((problem("file-not-xlsx", None, path=path, detail="文件内容不是 xlsx 格式"),))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if len(infos) > MAX_MEMBERS or total > limit:
                return PackageReport((problem("file-too-large", None, path=path, size_mb=total // (1024 * 1024),
                                              limit_mb=limit // (1024 * 1024)),))
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                return PackageReport((problem("file-not-xlsx", None, path=path, detail="缺少 xl/workbook.xml"),))
            formulas, merged = _scan_sheets(zf, names)
            return PackageReport((), formulas, merged)
    except (zipfile.BadZipFile, OSError, ElementTree.ParseError, ValueError) as exc:
        return PackageReport((problem("file-unreadable", None, path=path, detail=type(exc).__name__),))


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> part name inside the package."""
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name", "")] = part
    return parts


_MERGE = re.compile(rb'<mergeCell[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _scan_sheets(zf: zipfile.ZipFile, names: set[str]) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    found: dict[str, dict[str, str]] = {}
    merged: dict[str, list[str]] = {}
    for title, part in _sheet_parts(zf).items():
        if part not in names:
            continue
        data = zf.read(part)
        merged[title] = [m.decode() for m in _MERGE.findall(data)]
        if b"<f" not in data:
            continue
        for cell in ElementTree.fromstring(data).iter(f"{_NS}c"):
            formula = cell.find(f"{_NS}f")
            if formula is None:
                continue
            value = cell.find(f"{_NS}v")
            if value is None or value.text is None:
                found.setdefault(title, {})[cell.get("r", "")] = "=" + (formula.text or "")
    return found, merged
