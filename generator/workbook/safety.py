"""Looks inside the .xlsx package before openpyxl opens it.

openpyxl limits nothing a zip member may expand to, so the declared sizes are checked first; it
takes the last of two members of one name, and its XML parsers raise English errors on entity
declarations, so the package is checked for those too (``office_files``). A formula saved without
its computed value reads as an empty cell, so such cells are listed here (``<c><f>…</f></c>``
without ``<v>``) to be reported instead of silently taken as blank; hidden rows, columns and sheets
are listed because the reader reads them like any other, and the accountant must be told.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from generator.office_files import has_entity_declaration, package_defects, sniff, xml_members
from generator.workbook.problems import ReadProblem, problem

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_CELL_PROBLEMS = 5  # damaged cells reported per sheet; the rest are the same fault

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# what sniff() found, when it is not an .xlsx openpyxl can read
_NOT_XLSX = {"folder", "empty", "xls", "doc", "wps", "ole", "html", "xml2003", "rtf", "pdf", "other", "bad-zip",
             "xlsb", "ods", "odt", "docx", "docm", "dotx", "strict-docx", "pptx", "zip"}


@dataclass(frozen=True)
class PackageReport:
    problems: tuple[ReadProblem, ...] = ()
    # sheet title -> {cell address: formula text} for formulas without a cached value
    formulas_without_value: dict[str, dict[str, str]] = field(default_factory=dict)
    # sheet title -> merged ranges ("A1:F1"); read here because openpyxl's read-only mode omits them
    merged_ranges: dict[str, list[str]] = field(default_factory=dict)
    # sheet title -> hidden row numbers / hidden (first, last) column ranges; hidden sheet titles
    hidden_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)
    hidden_columns: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    hidden_sheets: tuple[str, ...] = ()
    # sheet title -> part name, to find a damaged cell after openpyxl failed on the sheet
    sheet_parts: dict[str, str] = field(default_factory=dict)


def inspect_package(path: Path, limit: int = MAX_EXPANDED_BYTES) -> PackageReport:
    kind = sniff(path)
    if kind.kind == "missing":
        return PackageReport((problem("file-missing", None, path=path),))
    if kind.kind == "encrypted" or (kind.kind == "ole" and path.suffix.lower() in (".xlsx", ".xlsm")):
        # Excel saves a password-protected .xlsx as an OLE container
        return PackageReport((problem("file-encrypted", None, path=path),))
    if kind.kind == "strict-xlsx":
        return PackageReport((problem("file-strict", None, path=path),))
    if kind.kind in _NOT_XLSX:
        return PackageReport((problem("file-not-xlsx", None, path=path, detail=kind.detail),))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if len(infos) > MAX_MEMBERS or total > limit:
                return PackageReport((problem("file-too-large", None, path=path, size_mb=total // (1024 * 1024),
                                              limit_mb=limit // (1024 * 1024)),))
            names = {i.filename for i in infos}
            required = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                        "xl/sharedStrings.xml", "xl/styles.xml")
            defects = package_defects(zf, required)
            if defects:
                return PackageReport(tuple(problem("package-defect", None, path=path, detail=d.detail)
                                           for d in defects))
            for member in xml_members(zf):
                if has_entity_declaration(zf.read(member)):
                    return PackageReport((problem("xml-entities", None, path=path, member=member),))
            if "xl/_rels/workbook.xml.rels" not in names:
                return PackageReport((problem("package-defect", None, path=path,
                                              detail="缺少部件 xl/_rels/workbook.xml.rels"),))
            return _scan_sheets(zf, names)
    except (zipfile.BadZipFile, OSError, ElementTree.ParseError, ValueError, EOFError) as exc:
        detail = f"文件结构损坏（{_parse_position(exc)}）" if isinstance(exc, ElementTree.ParseError) \
            else "文件结构损坏，可能没有下载或复制完整"
        return PackageReport((problem("file-unreadable", None, path=path, detail=detail),))


def _parse_position(exc: Exception) -> str:
    position = getattr(exc, "position", None)
    return f"第 {position[0]} 行第 {position[1]} 列" if position else "XML 格式错误"


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(sheet title, part name inside the package, state) of each sheet, in workbook order."""
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")}
    parts = []
    for sheet in workbook.iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts.append((sheet.get("name", ""), part, sheet.get("state", "visible")))
    return parts


def sheet_key(title: str) -> str:
    """A sheet title as compared: spaces around it, doubled or full-width spaces and full-width digits
    do not make another sheet ("表１ 收入支出决算总表 " is "表1 收入支出决算总表")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", title)).strip()


# tags may carry a namespace prefix (<x:row>: files written by .NET tools and some WPS versions)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(r|hidden|min|max)="([^"]*)"')


def _hidden(data: bytes) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    rows, cols = [], []
    if b'hidden="1"' not in data and b'hidden="true"' not in data:
        return (), ()
    for m in _ROW.finditer(data):
        attrs = dict(_ATTR.findall(m.group(0)))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"r", b"").isdigit():
            rows.append(int(attrs[b"r"]))
    for m in _COL.finditer(data):
        attrs = dict(_ATTR.findall(m.group(0)))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"min", b"").isdigit():
            first = int(attrs[b"min"])
            last = int(attrs[b"max"]) if attrs.get(b"max", b"").isdigit() else first
            cols.append((first, min(last, 16384)))
    return tuple(rows), tuple(cols)


def _scan_sheets(zf: zipfile.ZipFile, names: set[str]) -> PackageReport:
    found: dict[str, dict[str, str]] = {}
    merged: dict[str, list[str]] = {}
    hidden_rows: dict[str, tuple[int, ...]] = {}
    hidden_cols: dict[str, tuple[tuple[int, int], ...]] = {}
    hidden_sheets: list[str] = []
    parts: dict[str, str] = {}
    problems: list[ReadProblem] = []
    by_key: dict[str, str] = {}
    for title, part, state in _sheet_parts(zf):
        key = sheet_key(title)
        if key in by_key:  # two copies: which one holds the truth is the accountant's call, not ours
            problems.append(problem("sheet-duplicate", None, sheet=title.strip(), first=by_key[key], second=title))
            continue
        by_key[key] = title
        parts[title] = part
        if state in ("hidden", "veryHidden"):
            hidden_sheets.append(title)
        if part not in names:
            continue
        data = zf.read(part)
        merged[title] = [m.decode() for m in _MERGE.findall(data)]
        hidden_rows[title], hidden_cols[title] = _hidden(data)
        if b"<f" not in data and b":f>" not in data:
            continue
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            problems.append(problem("sheet-damaged", None, sheet=title, detail=_parse_position(exc)))
            continue
        for cell in root.iter(f"{_NS}c"):
            formula = cell.find(f"{_NS}f")
            if formula is None:
                continue
            value = cell.find(f"{_NS}v")
            if value is None or value.text is None:
                found.setdefault(title, {})[cell.get("r", "")] = "=" + (formula.text or "")
    return PackageReport(tuple(problems), found, merged, hidden_rows, hidden_cols, tuple(hidden_sheets), parts)


def damaged_cells(path: Path, part: str) -> list[tuple[str, str]]:
    """(cell address, Chinese detail) of the cells of sheet ``part`` that openpyxl cannot read.

    Called only after reading the sheet failed: a shared-text index past the end of the shared
    strings, a number cell whose stored value is not a number ("5,986.91"), a bad boolean.
    """
    out: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as zf:
        count = 0
        if "xl/sharedStrings.xml" in zf.namelist():
            count = sum(1 for _ in ElementTree.fromstring(zf.read("xl/sharedStrings.xml")).iter(f"{_NS}si"))
        root = ElementTree.fromstring(zf.read(part))
    for cell in root.iter(f"{_NS}c"):
        kind = cell.get("t", "n")
        value = cell.findtext(f"{_NS}v")
        address = cell.get("r", "")
        if value is None:
            continue
        if kind == "s" and (not value.strip().isdigit() or int(value) >= count):
            out.append((address, f"引用的第 {value} 条共享文本不存在（文件中只有 {count} 条）"))
        elif kind == "n":
            try:
                float(value)
            except ValueError:
                out.append((address, f"数字单元格中保存的是“{value[:40]}”，不是数字"))
        elif kind == "b" and value.strip() not in ("0", "1"):
            out.append((address, f"逻辑值单元格中保存的是“{value[:40]}”"))
        if len(out) >= MAX_CELL_PROBLEMS:
            break
    return out

