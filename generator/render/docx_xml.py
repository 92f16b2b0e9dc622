"""The Word XML tricks, in one place, behind small named functions.

python-docx covers paragraphs, runs, tables and sections; what it lacks for an official-looking
document is done here: table header rows repeated on every page (``w:tblHeader``), rows that do not
split across pages, table borders and fixed layout, East Asian fonts, a real table-of-contents field
(and its cached entries, so that the 目录 shows without updating fields), page-number fields, and a
byte-identical package (fixed zip timestamps and member order, core properties with a fixed date).

Neither the templates nor the figures touch XML: the template build script and the renderer call
these functions.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

__all__ = [
    "TocEntry",
    "add_page_number",
    "add_toc_field",
    "app_properties",
    "balance_headings",
    "deterministic_package",
    "fill_toc",
    "heading_entries",
    "keep_row_together",
    "keep_table_ends",
    "merge",
    "number_toc",
    "outline_levels",
    "package_bytes",
    "package_members",
    "repeat_as_header",
    "set_cell_margins",
    "set_chinese_text_options",
    "set_core_properties",
    "set_east_asian_font",
    "set_fixed_layout",
    "set_landscape",
    "set_portrait",
    "set_table_borders",
    "set_update_fields",
    "source_line_text",
    "split_line_breaks",
    "template_paragraph_text",
    "vertical_merge",
    "with_app_properties",
]


# ----------------------------------------------------------------------------------- element order

# Word checks the order of the children of these elements against the schema (ECMA-376 sequences).
_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                 "tblCaption", "tblDescription")
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator")


def _put(parent, element, order: tuple[str, ...]) -> None:
    """Replace ``parent``'s child of the same tag by ``element``, placed where the schema sequence wants it."""
    for old in parent.findall(element.tag):
        parent.remove(old)
    name = element.tag.rsplit("}", 1)[-1]
    later = set(order[order.index(name) + 1:])
    for child in parent:
        if child.tag.rsplit("}", 1)[-1] in later:
            child.addprevious(element)
            return
    parent.append(element)


# ----------------------------------------------------------------------------------- tables


def repeat_as_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table runs onto (``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def keep_row_together(row: _Row) -> None:
    """Do not split ``row`` across two pages (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        tr_pr.insert(0, el)


def merge(table: Table, top: int, left: int, bottom: int, right: int) -> None:
    """Merge the rectangle of cells (inclusive bounds); the text of the top-left cell is kept."""
    if (top, left) == (bottom, right):
        return
    table.cell(top, left).merge(table.cell(bottom, right))


def vertical_merge(cell, kind: str) -> None:
    """Mark ``cell`` as the start (``restart``) or a continuation (``continue``) of a vertical merge.

    In a template, a cell of a ``{%tr for %}`` row marked ``continue`` under a ``restart`` cell makes
    the rendered rows merge into that cell, however many rows the loop produces.
    """
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr._remove_vMerge()
    tc_pr.get_or_add_vMerge()  # python-docx places it in schema order
    if kind == "restart":
        tc_pr.vMerge.set(qn("w:val"), "restart")


def set_table_borders(table: Table, size: int = 4, color: str = "000000") -> None:
    """Single-line borders around and inside the table (``size`` in eighths of a point)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), color)
        borders.append(el)
    _put(tbl_pr, borders, _TBL_PR_ORDER)


def set_fixed_layout(table: Table, widths: Sequence[Length]) -> None:
    """Fixed column widths (so that Word and LibreOffice do not re-flow the table), total width set."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _put(tbl_pr, layout, _TBL_PR_ORDER)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    _put(tbl_pr, tbl_w, _TBL_PR_ORDER)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < len(widths):
                cell.width = widths[index]


def set_cell_margins(table: Table, left_twips: int = 40, right_twips: int = 40) -> None:
    """Narrow default cell margins, for tables with many amount columns."""
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("left", left_twips), ("right", right_twips)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    _put(tbl_pr, mar, _TBL_PR_ORDER)


# ----------------------------------------------------------------------------------- sections and fonts


def set_landscape(section: Section) -> None:
    """Landscape page: orientation flag and the page size swapped."""
    if section.orientation != WD_ORIENT.LANDSCAPE:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = max(width, height), min(width, height)


def set_portrait(section: Section) -> None:
    if section.orientation != WD_ORIENT.PORTRAIT:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = min(width, height), max(width, height)


def set_east_asian_font(element_owner, name: str) -> None:
    """Set the East Asian font (``w:rFonts/@w:eastAsia``) of a style or a run; python-docx only sets ASCII."""
    r_pr = element_owner.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


# ----------------------------------------------------------------------------------- fields


def _run(*children) -> OxmlElement:
    r = OxmlElement("w:r")
    for child in children:
        r.append(child)
    return r


def _fld_char(kind: str) -> OxmlElement:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _instr(text: str) -> OxmlElement:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


def _text(text: str) -> OxmlElement:
    el = OxmlElement("w:t")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '


def add_toc_field(paragraph: Paragraph, placeholder: str, levels: str = "1-2") -> None:
    """A real Word TOC field in ``paragraph``; its cached result (``placeholder``) is replaced at render."""
    p = paragraph._p
    p.append(_run(_fld_char("begin")))
    p.append(_run(_instr(f' TOC \\o "{levels}" \\h \\z \\u ')))
    p.append(_run(_fld_char("separate")))
    p.append(_run(_text(placeholder)))
    p.append(_run(_fld_char("end")))


def add_page_number(paragraph: Paragraph) -> None:
    """A PAGE field (the current page number)."""
    p = paragraph._p
    p.append(_run(_fld_char("begin")))
    p.append(_run(_instr(" PAGE ")))
    p.append(_run(_fld_char("separate")))
    p.append(_run(_text("1")))
    p.append(_run(_fld_char("end")))


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str


def heading_entries(document, max_level: int = 2, *, levels: dict[str, int] | None = None) -> list[TocEntry]:
    """The headings of the body (paragraphs whose style has an outline level ≤ ``max_level``).

    ``levels`` is ``outline_levels(document)`` when the caller already has it.
    """
    levels = outline_levels(document) if levels is None else levels
    body = document.element.body
    p_pr_tag, style_tag, outline_tag, val = qn("w:pPr"), qn("w:pStyle"), qn("w:outlineLvl"), qn("w:val")
    out = []
    for p in body.iterchildren(qn("w:p")):  # document.paragraphs, without a Paragraph for each
        p_pr = p.find(p_pr_tag)
        style = p_pr.find(style_tag) if p_pr is not None else None
        style_id = style.get(val) if style is not None else None
        level = levels.get(style_id) if style_id else None
        outline = p_pr.find(outline_tag) if p_pr is not None else None
        if outline is not None:
            level = int(outline.get(val)) + 1
        if level is not None and level <= max_level:
            # a heading broken over two lines (``balance_headings``) is one line in the 目录
            text = Paragraph(p, document._body).text.replace("\n", "").strip()
            if text:
                out.append(TocEntry(level, text))
    return out


def outline_levels(document) -> dict[str, int]:
    """Style id → outline level (1 = 标题 1) of the styles that have one."""
    levels: dict[str, int] = {}
    for style in document.styles.element.findall(qn("w:style")):
        p_pr = style.find(qn("w:pPr"))
        lvl = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
        if lvl is not None:
            levels[style.get(qn("w:styleId"))] = int(lvl.get(qn("w:val"))) + 1
    return levels


def toc_style_ids(document) -> dict[int, str]:
    """Level → style id of the template's 目录 styles (``toc 1``, ``toc 2`` …)."""
    ids: dict[int, str] = {}
    for style in document.styles:
        name = (style.name or "").lower()
        match = re.fullmatch(r"toc ([1-9])", name)
        if match:
            ids[int(match.group(1))] = style.style_id
    return ids


def fill_toc(document, entries: Sequence[TocEntry], style_ids: dict[int, str]) -> bool:
    """Replace the cached result of the document's TOC field by ``entries`` (one paragraph each).

    Word shows the entries as they are (without page numbers) until the field is updated (F9 / 更新域);
    LibreOffice shows them too. Returns False when the document has no TOC field.
    """
    body = document.element.body
    start = None
    for p in body.iter(qn("w:p")):
        if any((t.text or "").strip().startswith("TOC ") for t in p.iter(qn("w:instrText"))):
            start = p
            break
    if start is None:
        return False
    # find the paragraph holding the field's end (may be the same paragraph)
    end = start
    while not any(fc.get(qn("w:fldCharType")) == "end" for fc in end.iter(qn("w:fldChar"))):
        nxt = end.getnext()
        if nxt is None:
            return False
        end = nxt
    # remove the old cached result: everything after "separate" up to "end"
    runs = list(start.iter(qn("w:r")))
    separate = next(r for r in runs if any(fc.get(qn("w:fldCharType")) == "separate"
                                           for fc in r.findall(qn("w:fldChar"))))
    for r in list(separate.itersiblings()):
        if r.tag == qn("w:r"):
            start.remove(r)
    node = start.getnext()
    while end is not start and node is not None:
        following = node.getnext()
        body.remove(node)
        if node is end:
            break
        node = following
    p_pr = start.get_or_add_pPr()

    def style(p_pr_el, level: int) -> None:
        ps = p_pr_el.find(qn("w:pStyle"))
        if ps is None:
            ps = OxmlElement("w:pStyle")
            p_pr_el.insert(0, ps)
        ps.set(qn("w:val"), style_ids.get(level, style_ids.get(1, "")))

    if not entries:
        start.append(_run(_fld_char("end")))
        return True
    style(p_pr, entries[0].level)
    start.append(_run(_text(entries[0].text)))
    last = start
    for entry in entries[1:]:
        p = OxmlElement("w:p")
        p_pr_new = OxmlElement("w:pPr")
        p.append(p_pr_new)
        style(p_pr_new, entry.level)
        p.append(_run(_text(entry.text)))
        last.addnext(p)
        last = p
    last.append(_run(_fld_char("end")))
    return True


def set_chinese_text_options(document) -> None:
    """Chinese as the East Asian language of the document, and lines ending with a manual line break
    (a line break typed in the workbook) not stretched in justified paragraphs."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr = document.styles.element.find(qn("w:docDefaults"))
    r_pr = r_pr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if r_pr is not None else None
    if r_pr is not None:
        el = r_pr.find(qn("w:lang"))
        if el is None:
            el = OxmlElement("w:lang")
            r_pr.append(el)
        el.set(qn("w:eastAsia"), "zh-CN")


def set_update_fields(document, on: bool = True) -> None:
    """Ask Word to update fields (the TOC's page numbers) when the document is opened."""
    settings = document.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true" if on else "false")
    _put(settings, el, ("updateFields", *_SETTINGS_AFTER_UPDATE_FIELDS))


# ----------------------------------------------------------------------------------- template source


def template_paragraph_text(template_file: str, line: int) -> str:
    """The text (tags included) of the body paragraph at ``line`` of the Jinja source docxtpl renders.

    docxtpl hands Jinja the body XML with one paragraph per line; Jinja's error line numbers refer
    to it, and this turns such a line number back into what a maintainer sees in Word.
    """
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(template_file)
    tpl.init_docx()
    return source_line_text(re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml())), line)


def source_line_text(source: str, line: int) -> str:
    """The text (tags removed) of line ``line`` (1-based) of a Jinja source made from Word XML."""
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[line - 1]).strip()


# ----------------------------------------------------------------------------------- package


def set_core_properties(document, when: datetime, *, author: str = "", title: str = "", revision: int = 1) -> None:
    """Core properties with a fixed date (derived from the data, never now())."""
    props = document.core_properties
    props.title = title
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = revision
    props.author = author
    props.last_modified_by = author
    props.comments = ""  # the template's own note (how it was made) is not the document's
    props.keywords = ""


APP_PROPERTIES = "docProps/app.xml"


def app_properties(company: str = "") -> bytes:
    """Extended properties naming no program (a template made by python-docx says "Microsoft Macintosh Word")."""
    from xml.sax.saxutils import escape

    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<DocSecurity>0</DocSecurity><Company>{escape(company)}</Company></Properties>").encode()


def with_app_properties(members: list[tuple[str, bytes]], company: str = "") -> list[tuple[str, bytes]]:
    """``members`` with ``docProps/app.xml`` replaced by ``app_properties(company)`` (when the package has one)."""
    return [(name, app_properties(company) if name == APP_PROPERTIES else blob) for name, blob in members]


def deterministic_package(data: bytes, when: datetime) -> bytes:
    """Rewrite a .docx package with fixed member timestamps, a fixed member order and fixed attributes.

    ``[Content_Types].xml`` first (some readers expect it), then the other members in name order.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members: list[tuple[str, bytes]] = [(i.filename, source.read(i.filename)) for i in source.infolist()]
    return package_bytes(members, when)


def package_members(document) -> list[tuple[str, bytes]]:
    """The ``(member name, bytes)`` pairs ``document.save()`` would zip, in the order it would write them.

    Does what python-docx's ``OpcPackage.save`` does (its ``PackageWriter`` steps), collecting the
    members instead of compressing them into a zip that ``deterministic_package`` would only unpack
    again: ``package_bytes(package_members(doc), when)`` equals ``deterministic_package`` of the
    saved document.
    """
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    collector = _MemberCollector()
    parts = package.parts
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return collector.members


class _MemberCollector:
    """Stands in for python-docx's zip writer (``PhysPkgWriter``): keeps the members in a list."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def package_bytes(members: Iterable[tuple[str, bytes]], when: datetime) -> bytes:
    """The zip of ``members`` with fixed timestamps, a fixed member order and fixed attributes.

    ``[Content_Types].xml`` first (some readers expect it), then the other members in name order;
    of two members with the same name the first is kept.
    """
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    unique = _dedupe(members)
    unique.sort(key=lambda m: (m[0] != "[Content_Types].xml", m[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, blob in unique:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def _dedupe(members: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    seen: set[str] = set()
    out = []
    for name, blob in members:
        if name not in seen:
            seen.add(name)
            out.append((name, blob))
    return out


# ----------------------------------------------------------------------------------- page numbers of the 目录


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def number_toc(data: bytes, pages: Sequence[tuple[str, int]]) -> bytes | None:
    """The .docx ``data`` with page numbers after the entries of its TOC field's result.

    ``pages`` are ``(entry text, page)`` pairs as a layout engine found them (LibreOffice's updated
    index); each entry of the field's cached result whose text matches the next pair (white space
    ignored) gets a tab and the number, so Word and WPS show a numbered 目录 without updating fields.
    The package keeps its member order and timestamps. ``None`` when the document has no TOC field.
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        infos = source.infolist()
        members = [(i.filename, source.read(i.filename)) for i in infos]
    when = datetime(*infos[0].date_time) if infos else datetime(1980, 1, 1)
    names = [name for name, _ in members]
    if "word/document.xml" not in names:
        return None
    at = names.index("word/document.xml")
    root = etree.fromstring(members[at][1])
    paragraphs = _toc_paragraphs(root)
    if not paragraphs:
        return None
    remaining = [(_squeeze(text), page) for text, page in pages]
    t_tag, r_tag, fld, kind = qn("w:t"), qn("w:r"), qn("w:fldChar"), qn("w:fldCharType")
    for p in paragraphs:
        text = _squeeze("".join(t.text or "" for t in p.iter(t_tag)))
        if not text:
            continue
        found = next((i for i, (entry, _) in enumerate(remaining) if entry == text), None)
        if found is None:
            continue
        page = remaining[found][1]
        del remaining[:found + 1]
        runs = [_run(OxmlElement("w:tab")), _run(_text(str(page)))]
        end = next((r for r in p.iterchildren(r_tag)
                    if any(f.get(kind) == "end" for f in r.iterchildren(fld))), None)
        for run in runs:
            if end is not None:
                end.addprevious(run)
            else:
                p.append(run)
    members[at] = ("word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                       standalone=True))
    return package_bytes(members, when)


def _toc_paragraphs(root) -> list:
    """The paragraphs of the first TOC field's cached result (from its instruction to its end)."""
    p_tag, instr, fld, kind = qn("w:p"), qn("w:instrText"), qn("w:fldChar"), qn("w:fldCharType")
    start = next((p for p in root.iter(p_tag)
                  if any((t.text or "").strip().startswith("TOC ") for t in p.iter(instr))), None)
    if start is None:
        return []
    out, p, depth = [], start, 0
    while p is not None:
        if p.tag == p_tag:
            out.append(p)
            for f in p.iter(fld):
                depth += {"begin": 1, "end": -1}.get(f.get(kind), 0)
            if depth <= 0:
                break
        p = p.getnext()
    return out


# ----------------------------------------------------------------------------------- page layout at render
#
# What Word and LibreOffice cannot be told by the template alone, because it depends on the rendered
# text: which rows end a table, where a long heading should break, which line breaks typed in the
# workbook start a new item.


def _direct_keep_next(p) -> bool:
    p_pr = p.find(qn("w:pPr"))
    keep = p_pr.find(qn("w:keepNext")) if p_pr is not None else None
    return keep is not None and keep.get(qn("w:val")) not in ("0", "false", "off")


def _row_kept(tr) -> bool:
    paragraphs = list(tr.iter(qn("w:p")))
    return bool(paragraphs) and all(_direct_keep_next(p) for p in paragraphs)


SHORT_TABLE_ROWS = 8  # a table of at most this many body rows is never broken across pages


def keep_table_ends(document, rows: int = 2) -> int:
    """Chain the end of every body table to what follows it (its notes), so no page holds them alone.

    The template marks the rows that end a table (totals after the body rows) with 与下段同页
    (``w:keepNext``) in all their paragraphs; here the ``rows`` rows above them are marked too (the
    last ``rows`` rows of a table the template did not mark), so the end of a table moves to the next
    page together with some of its rows. A short table (``SHORT_TABLE_ROWS``) is kept whole: a page
    break after its first two rows would leave a header and a fragment. Rows are kept whole by
    ``w:cantSplit``. Returns the rows marked.
    """
    marked = 0
    for tbl in document.element.body.iterchildren(qn("w:tbl")):
        every = list(tbl.iterchildren(qn("w:tr")))
        trs = [tr for tr in every
               if tr.find(qn("w:trPr")) is None or tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None]
        trailing = 0
        while trailing < len(trs) and _row_kept(trs[len(trs) - 1 - trailing]):
            trailing += 1
        end = len(trs) - trailing
        short = len(trs) <= SHORT_TABLE_ROWS
        chosen = every[:len(every) - trailing] if short else trs[max(0, end - rows):end]
        for tr in chosen:
            for p in tr.iter(qn("w:p")):
                p.get_or_add_pPr().get_or_add_keepNext()
            marked += 1
    return marked


@dataclass(frozen=True)
class _StyleFacts:
    first_line: bool  # a first-line indent
    size_pt: float | None
    centered: bool | None
    indent_pt: float  # first-line indent in points (0 without)


def _style_facts(document) -> dict[str, _StyleFacts]:
    """Per paragraph style id: first-line indent, font size, centring (following ``w:basedOn``)."""
    raw: dict[str, tuple[str | None, float | None, float | None, bool | None]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        based = style.find(qn("w:basedOn"))
        p_pr, r_pr = style.find(qn("w:pPr")), style.find(qn("w:rPr"))
        indent = size = centered = None
        ind = p_pr.find(qn("w:ind")) if p_pr is not None else None
        if ind is not None:
            if ind.get(qn("w:firstLine")) is not None:
                indent = int(ind.get(qn("w:firstLine"))) / 20
            elif ind.get(qn("w:hanging")) is not None:
                indent = 0.0
        jc = p_pr.find(qn("w:jc")) if p_pr is not None else None
        if jc is not None:
            centered = jc.get(qn("w:val")) == "center"
        sz = r_pr.find(qn("w:sz")) if r_pr is not None else None
        if sz is not None:
            size = int(sz.get(qn("w:val"))) / 2
        raw[sid] = (based.get(qn("w:val")) if based is not None else None, indent, size, centered)

    def resolve(sid: str | None, depth: int = 0) -> tuple[float | None, float | None, bool | None]:
        if sid is None or sid not in raw or depth > 20:
            return None, None, None
        based, indent, size, centered = raw[sid]
        b_indent, b_size, b_centered = resolve(based, depth + 1)
        return (indent if indent is not None else b_indent, size if size is not None else b_size,
                centered if centered is not None else b_centered)

    out = {}
    for sid in raw:
        indent, size, centered = resolve(sid)
        out[sid] = _StyleFacts(bool(indent), size, centered, indent or 0.0)
    return out


def _paragraph_style(p) -> str | None:
    p_pr = p.find(qn("w:pPr"))
    style = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _is_line_break(el) -> bool:
    return el.tag == qn("w:br") and el.get(qn("w:type")) in (None, "textWrapping")


def split_line_breaks(document) -> int:
    """Each line break typed in the workbook, in an indented body paragraph, starts a new paragraph.

    Text from the workbook keeps its line breaks (one item a line: 职能, 重点工作, reasons); within
    one paragraph the lines after the first would lose the first-line indent. The new paragraphs
    copy the paragraph's properties; the section break, if any, stays on the last. Paragraphs
    holding a field are left whole. Returns the paragraphs added.
    """
    facts = _style_facts(document)
    default = next((s.style_id for s in document.styles if getattr(s, "type", None) == 1 and
                    s.element.get(qn("w:default")) in ("1", "true")), None)
    body = document.element.body
    added = 0
    r_tag, p_pr_tag = qn("w:r"), qn("w:pPr")
    for p in list(body.iterchildren(qn("w:p"))):
        if not any(_is_line_break(br) for br in p.iter(qn("w:br"))) or p.find(".//" + qn("w:fldChar")) is not None:
            continue
        p_pr = p.find(p_pr_tag)
        ind = p_pr.find(qn("w:ind")) if p_pr is not None else None
        if ind is not None and ind.get(qn("w:firstLine")) is not None:
            indented = int(ind.get(qn("w:firstLine"))) > 0
        else:
            style = facts.get(_paragraph_style(p) or default or "")
            indented = bool(style and style.first_line)
        if not indented:
            continue
        pieces: list[list] = [[]]
        for child in list(p):
            if child.tag == p_pr_tag:
                continue
            if child.tag == r_tag and any(_is_line_break(c) for c in child):
                r_pr = child.find(qn("w:rPr"))
                current = _empty_run(r_pr)
                for c in list(child):
                    if c is r_pr:
                        continue
                    if _is_line_break(c):
                        pieces[-1].append(current)
                        pieces.append([])
                        current = _empty_run(r_pr)
                    else:
                        current.append(c)
                pieces[-1].append(current)
                p.remove(child)
            else:
                pieces[-1].append(child)
                p.remove(child)
        pieces = [piece for piece in pieces if "".join(t.text or "" for el in piece for t in el.iter(qn("w:t"))).strip()
                  or any(el.find(".//" + qn("w:drawing")) is not None for el in piece)] or [[]]
        for piece in pieces[:-1]:
            new = OxmlElement("w:p")
            if p_pr is not None:
                copy_pr = _deepcopy(p_pr)
                for sect in copy_pr.findall(qn("w:sectPr")):
                    copy_pr.remove(sect)
                new.append(copy_pr)
            for el in piece:
                new.append(el)
            p.addprevious(new)
            added += 1
        for el in pieces[-1]:
            p.append(el)
    return added


def _empty_run(r_pr) -> OxmlElement:
    run = OxmlElement("w:r")
    if r_pr is not None:
        run.append(_deepcopy(r_pr))
    return run


def _deepcopy(el):
    import copy

    return copy.deepcopy(el)


_CLOSING = set("，。、；：？！）》」』】”’%．,.;:?!)]")
_OPENING = set("（《「『【“‘([")


def _em(ch: str) -> float:
    """The width of ``ch`` in ems, roughly: CJK and full-width forms 1, Latin letters and digits ½."""
    if ch == " ":
        return 0.25
    if ord(ch) >= 0x2E80 or ch in "“”‘’—…":
        return 1.0
    return 0.5


def _break_points(text: str) -> list[tuple[int, bool]]:
    """``(i, natural)``: a line may break before ``text[i]``; natural where words or kinds of text meet."""
    out = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _CLOSING or before in _OPENING or after == " ":
            continue
        if before.isascii() and after.isascii() and before != " ":
            continue  # inside a number or a Latin word
        natural = before == " " or before in "、，；：" or before.isascii() != after.isascii()
        out.append((i, natural))
    return out


def balance_headings(document, section_widths: Sequence[float] | None = None, *, fill: float = 0.96) -> int:
    """Break a heading that runs just over one line where it reads well, so no line holds one character.

    A heading (a paragraph whose style has an outline level) estimated wider than ``fill`` of its
    line but within two lines gets a line break: centred headings in the middle, others so that the
    second line is not nearly empty; a break where words or kinds of text meet (after a space, between
    a name and a year) is preferred. Widths are estimated from the characters (CJK 1 em, digits ½).
    Returns the headings broken.
    """
    levels = outline_levels(document)
    facts = _style_facts(document)
    broken = 0
    for p, width_pt in _body_paragraphs_with_width(document):
        sid = _paragraph_style(p)
        if sid not in levels or any(_is_line_break(br) for br in p.iter(qn("w:br"))):
            continue
        style = facts.get(sid)
        texts = [t for t in p.iter(qn("w:t"))]
        text = "".join(t.text or "" for t in texts)
        size = _run_size(p) or (style.size_pt if style else None) or 12.0
        p_pr = p.find(qn("w:pPr"))
        jc = p_pr.find(qn("w:jc")) if p_pr is not None else None
        centered = (jc.get(qn("w:val")) == "center") if jc is not None else bool(style and style.centered)
        ind = p_pr.find(qn("w:ind")) if p_pr is not None else None
        indent = (int(ind.get(qn("w:firstLine"))) / 20 if ind is not None and ind.get(qn("w:firstLine"))
                  else (style.indent_pt if style else 0.0))
        capacity = (width_pt - indent) / size * fill
        widths = [_em(c) for c in text]
        total = sum(widths)
        if total <= capacity or total > 2 * capacity:
            continue
        before = [0.0]
        for w in widths:
            before.append(before[-1] + w)
        target = total / 2 if centered else min(capacity, total - max(total / 3, 4.0))
        candidates = [(i, natural) for i, natural in _break_points(text)
                      if before[i] <= capacity and total - before[i] <= capacity]
        if not candidates:
            continue
        natural = [c for c in candidates if c[1] and abs(before[c[0]] - target) <= 4.0]
        i = min(natural or candidates, key=lambda c: abs(before[c[0]] - target))[0]
        _insert_break(texts, i)
        broken += 1
    return broken


def _run_size(p) -> float | None:
    for sz in p.iter(qn("w:sz")):
        return int(sz.get(qn("w:val"))) / 2
    return None


def _insert_break(texts: list, index: int) -> None:
    """A line break before character ``index`` of the concatenated ``texts`` (``w:t`` elements)."""
    seen = 0
    for t in texts:
        value = t.text or ""
        if seen + len(value) >= index and value:
            offset = index - seen
            if offset == 0:
                t.addprevious(OxmlElement("w:br"))
                return
            head, tail = value[:offset], value[offset:]
            t.text = head
            t.set(qn("xml:space"), "preserve")
            rest = _text(tail)
            t.addnext(rest)
            t.addnext(OxmlElement("w:br"))  # in the same run: the rest keeps its formatting
            return
        seen += len(value)


def _body_paragraphs_with_width(document):
    """``(paragraph, text width in points)`` for each body paragraph, from the section it belongs to."""
    body = document.element.body
    pending = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            pending.append(child)
            p_pr = child.find(qn("w:pPr"))
            sect = p_pr.find(qn("w:sectPr")) if p_pr is not None else None
            if sect is not None:
                width = _text_width(sect)
                yield from ((p, width) for p in pending)
                pending = []
        elif child.tag == qn("w:sectPr"):
            width = _text_width(child)
            yield from ((p, width) for p in pending)
            pending = []
    yield from ((p, 451.0) for p in pending)


def _text_width(sect) -> float:
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    if size is None or margins is None:
        return 451.0  # A4 with 2.54 cm margins
    twips = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"), "0")) - int(margins.get(qn("w:right"), "0"))
    return twips / 20


def has_toc(docx: Path) -> bool:
    """The document at ``docx`` has a TOC field (a 目录 whose page numbers a PDF run fills in)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(docx) as package:
            root = etree.fromstring(package.read("word/document.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False
    return bool(_toc_paragraphs(root))
