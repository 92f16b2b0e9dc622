"""A plain-text outline of a Word template, for reviewing a change: ``juesuan template outline 模板.docx``.

The Word template is the only source of the document's wording. A maintainer edits it in Word; a
reviewer reads the difference of two outlines (``templates/<folder>/outline.txt`` is committed beside
each template and a test keeps it current). The outline shows what a person sees and edits:

* the sections with their orientation, paper, margins and their headers and footers;
* every paragraph, one block each: its style (headings with their level) and its text with the Jinja
  tags verbatim, wrapped before the ``{% %}`` tags of a long paragraph and indented by their nesting;
* every table, one line per row (``{%tr for … %}`` rows included), cells separated by `` | ``;
* text boxes, pictures, fields (the 目录), page breaks and tabs as short marks.

Nothing that Word changes without a person changing the document appears: no rsids, ids, run
boundaries or XML names. The same template always gives the same outline, byte for byte.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.render.template_source import W, heading_style_ids, part_label

__all__ = ["HEADER_LINE", "WIDTH", "OutlineError", "outline_text", "write_outline"]

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
V = "{urn:schemas-microsoft-com:vml}"

WIDTH = 100  # display columns of a line (a Chinese character counts two)
HEADER_LINE = "# Word 模板大纲：由 juesuan template outline 生成，用于审阅模板的修改（不要手工编辑）。"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
_UNIT = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|〔[^〕]*〕", re.S)  # never cut
_BLOCK = re.compile(r"^\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(if|for|elif|else|endif|endfor)\b")
_STYLE_NAMES = {"normal": "正文", "title": "标题", "subtitle": "副标题", "header": "页眉", "footer": "页脚",
                "caption": "题注", "list paragraph": "列表段落", "table grid": "网格型"}
_BREAKS = {"page": "〔分页符〕", "column": "〔分栏符〕"}
_SECTION_STARTS = {"continuous": "接上节（连续）", "evenPage": "从偶数页开始", "oddPage": "从奇数页开始",
                   "nextColumn": "从下一栏开始"}
_REFERENCE_KINDS = {"first": "首页", "even": "偶数页", "default": ""}


class OutlineError(Exception):
    """The file is not a readable Word template (the message is Chinese)."""


# ----------------------------------------------------------------------------------- the package


@dataclass(frozen=True)
class _Package:
    document: etree._Element
    styles: dict[str, tuple[str, int]]  # style id → (displayed name, heading level or 0)
    parts: dict[str, etree._Element]  # relationship id of the document → header / footer part
    part_names: dict[str, str]  # relationship id → part name (word/header1.xml)


def _read(path: Path) -> _Package:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                raise OutlineError(f"「{path}」不是 Word 文档（.docx）。请在 Word 中另存为“Word 文档(*.docx)”。")
            document = etree.fromstring(package.read("word/document.xml"), _PARSER)
            styles_xml = etree.fromstring(package.read("word/styles.xml"), _PARSER) \
                if "word/styles.xml" in names else None
            rels_name = "word/_rels/document.xml.rels"
            parts: dict[str, etree._Element] = {}
            part_names: dict[str, str] = {}
            if rels_name in names:
                for rel in etree.fromstring(package.read(rels_name), _PARSER).iter(f"{REL}Relationship"):
                    kind = rel.get("Type", "").rsplit("/", 1)[-1]
                    target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                    if kind in ("header", "footer") and target in names:
                        parts[rel.get("Id", "")] = etree.fromstring(package.read(target), _PARSER)
                        part_names[rel.get("Id", "")] = target
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise OutlineError(f"找不到模板文件：{path}") from exc
        raise OutlineError(f"「{path}」无法读取（文件可能已损坏）。请在 Word 中打开后另存为新的 .docx。") from exc
    return _Package(document, _styles(styles_xml), parts, part_names)


def _styles(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    if styles is None:
        return {}
    headings = heading_style_ids(styles)
    out: dict[str, tuple[str, int]] = {}
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        name_element = style.find(f"{W}name")
        name = (name_element.get(f"{W}val") if name_element is not None else "") or style_id
        level = 0
        if style_id in headings:
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            digits = re.search(r"(\d+)\s*$", name)
            if outline is not None and (outline.get(f"{W}val") or "").isdigit():
                level = int(outline.get(f"{W}val") or 0) + 1
            elif digits:
                level = int(digits.group(1))
            else:
                level = 1
        out[style_id] = (_display_name(name), level)
    return out


def _display_name(name: str) -> str:
    """The style's name as Word shows it in Chinese: 标题 1, 目录 2, 正文 …"""
    low = name.lower()
    if low in _STYLE_NAMES:
        return _STYLE_NAMES[low]
    m = re.fullmatch(r"(heading|toc)\s*(\d)", low)
    if m:
        return ("标题 " if m.group(1) == "heading" else "目录 ") + m.group(2)
    return name


# ----------------------------------------------------------------------------------- paragraphs


def _own(element: etree._Element, paragraph: etree._Element) -> bool:
    """Whether ``element`` belongs to ``paragraph`` itself (not to a text box inside it)."""
    return next(element.iterancestors(f"{W}p"), None) is paragraph


def _paragraph_text(p: etree._Element, boxes: list[etree._Element]) -> str:
    """The text of ``p`` with marks for tabs, breaks, fields and pictures; text boxes go to ``boxes``."""
    out: list[str] = []
    instruction: list[str] | None = None
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}instrText", f"{W}fldChar",
                       f"{W}fldSimple", f"{W}drawing", f"{W}pict", f"{W}noBreakHyphen"):
        if not _own(node, p) or (node.tag == f"{W}tab" and node.getparent().tag != f"{W}r"):
            continue  # a tab stop of the paragraph's properties is not a tab character
        tag = node.tag
        picture = next(node.iterancestors(f"{W}drawing", f"{W}pict"), None)
        if picture is not None and _own(picture, p):
            continue  # inside a picture of this paragraph
        if tag == f"{W}fldChar":
            kind = node.get(f"{W}fldCharType")
            if kind == "begin":
                instruction = []
            elif kind in ("separate", "end") and instruction is not None:
                out.append(f"〔域：{' '.join(''.join(instruction).split())}〕")
                instruction = None
        elif tag == f"{W}instrText":
            if instruction is not None:
                instruction.append(node.text or "")
        elif tag == f"{W}fldSimple":
            out.append(f"〔域：{' '.join((node.get(f'{W}instr') or '').split())}〕")
        elif tag == f"{W}t":
            out.append(node.text or "")
        elif tag == f"{W}tab":
            out.append("⇥")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append(_BREAKS.get(node.get(f"{W}type") or "", "↵"))
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:  # a drawing or VML picture: a picture or a text box
            contents = [c for c in node.iter(f"{W}txbxContent")
                        if next(c.iterancestors(f"{W}txbxContent"), None) is None]
            if contents:
                out.append(f"〔文本框 {len(boxes) + 1}〕" if len(contents) == 1 else "〔文本框〕")
                boxes.extend(contents)
            else:
                out.append("〔图片〕")
    return "".join(out)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """The text and the tags of ``text`` in order: (piece, is a tag)."""
    at = 0
    for m in _TAG.finditer(text):
        if m.start() > at:
            yield text[at:m.start()], False
        yield m.group(), True
        at = m.end()
    if at < len(text):
        yield text[at:], False


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: a long paragraph starts a line at each ``{% %}`` block
    tag and is indented by the nesting of its ``if``/``for``; a tag is never cut, plain text is cut after
    a punctuation mark where one is near."""
    if _width(text) <= width and "↵" not in text:
        return [text]
    lines: list[tuple[int, str]] = []  # (depth, text)
    depth, current = 0, ""

    def flush() -> None:
        nonlocal current
        if current:
            lines.append((depth, current))
        current = ""

    for piece, is_tag in _pieces(text):
        block = _BLOCK.match(piece) if is_tag else None
        if block:
            keyword = block.group(1)
            flush()
            if keyword in ("elif", "else", "endif", "endfor"):
                depth = max(depth - 1, 0)
            lines.append((depth, piece))
            if keyword in ("if", "for", "elif", "else"):
                depth += 1
            continue
        if is_tag:
            current += piece
            continue
        for k, part in enumerate(piece.split("↵")):
            if k:
                current += "↵"
                flush()
            current += part
    flush()
    # a tag keeps the line it ends: join a block's opening tag with the short text after it
    joined: list[tuple[int, str]] = []
    for depth_, line in lines:
        if joined and _BLOCK.match(joined[-1][1]) and not _BLOCK.match(line) \
                and _width(joined[-1][1]) + _width(line) <= width - 2 * joined[-1][0] \
                and depth_ == joined[-1][0] + 1:
            joined[-1] = (joined[-1][0], joined[-1][1] + line)
        else:
            joined.append((depth_, line))
    out: list[str] = []
    for depth_, line in joined:
        indent = "  " * depth_
        out.extend(indent + chunk for chunk in _cut(line, max(width - len(indent), 20)))
    return out


_PUNCTUATION = "。；，、：！？）」”"


def _pack(cells: list[str], width: int) -> list[str]:
    """A table row's cells joined by `` | `` in lines of at most ``width`` columns, cut between cells."""
    lines: list[str] = []
    current = ""
    for n, cell in enumerate(cells):
        piece = cell + (" |" if n + 1 < len(cells) else "")
        if current and _width(current) + 1 + _width(piece) > width:
            lines.append(current)
            current = ""
        if _width(piece) > width:
            chunks = _cut(piece, width)
            lines.extend(chunks[:-1])
            piece = chunks[-1]
        current = f"{current} {piece}" if current else piece
    lines.append(current)
    return lines


def _cut(line: str, width: int) -> list[str]:
    """``line`` cut into chunks of at most ``width`` columns, never inside a tag."""
    units: list[str] = []
    at = 0
    for m in _UNIT.finditer(line):
        units.extend([*line[at:m.start()], m.group()])
        at = m.end()
    units.extend(line[at:])
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for unit in units:
        size = _width(unit)
        if current and used + size > width and unit not in _PUNCTUATION:  # no line starts with a ，
            # prefer a cut after a punctuation mark in the last third of the chunk
            cut = next((i + 1 for i in range(len(current) - 1, len(current) * 2 // 3 - 1, -1)
                        if current[i] in _PUNCTUATION), len(current))
            chunks.append("".join(current[:cut]))
            current = current[cut:]
            used = sum(_width(u) for u in current)
        current.append(unit)
        used += size
    if current:
        chunks.append("".join(current))
    return chunks or [""]


# ----------------------------------------------------------------------------------- blocks


@dataclass
class _Writer:
    package: _Package
    width: int
    lines: list[str]
    table_count: int = 0
    box_count: int = 0

    def style(self, p: etree._Element) -> tuple[str, int]:
        style = p.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else ""
        name, level = self.package.styles.get(style_id or "", ("正文" if not style_id else style_id, 0))
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and (outline.get(f"{W}val") or "").isdigit() and int(outline.get(f"{W}val")) < 9:
            level = int(outline.get(f"{W}val")) + 1
        return name, level

    def block(self, first: str, text: str, indent: str = "", cells: list[str] | None = None) -> None:
        """One block: ``first`` then the text's lines (or a row's ``cells``), continuation lines indented."""
        room = self.width - _width(first) - len(indent)
        wrapped = _pack(cells, room) if cells is not None else _wrap(text, room) if text else [""]
        self.lines.append((indent + first + wrapped[0]).rstrip())
        pad = indent + " " * min(_width(first), 12)
        self.lines.extend((pad + line).rstrip() for line in wrapped[1:])

    def paragraph(self, p: etree._Element, indent: str = "") -> None:
        boxes: list[etree._Element] = []
        text = _paragraph_text(p, boxes)
        name, level = self.style(p)
        if _BLOCK.match(text.strip()) and _TAG.fullmatch(text.strip()) and re.match(r"\{%-?\s*(p|tr|tc)\s", text):
            self.lines.append(indent + text.strip())  # a {%p %} paragraph: removed at render, shown bare
        elif level:
            self.block(f"{'#' * level} 〔{name}〕", text, indent)
        else:
            self.block(f"〔{name}〕", text, indent)
        before = p.find(f"{W}pPr/{W}pageBreakBefore")
        if before is not None and before.get(f"{W}val", "true") not in ("0", "false"):
            self.lines[-1] += "  〔段前分页〕"
        for box in boxes:
            self.box_count += 1
            self.lines.append(f"{indent}  文本框 {self.box_count}：")
            for inner in box.iterchildren(f"{W}p", f"{W}tbl"):
                self.element(inner, indent + "    ")

    def element(self, node: etree._Element, indent: str = "") -> None:
        if node.tag == f"{W}p":
            self.paragraph(node, indent)
        elif node.tag == f"{W}tbl":
            self.table(node, indent)
        elif node.tag == f"{W}sdt":
            content = node.find(f"{W}sdtContent")
            for inner in content.iterchildren() if content is not None else ():
                self.element(inner, indent)

    def table(self, tbl: etree._Element, indent: str = "") -> None:
        self.table_count += 1
        rows = list(tbl.iterchildren(f"{W}tr"))
        columns = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        self.lines.append(f"{indent}表格 {self.table_count}（{len(rows)} 行 {columns} 列）")
        for n, tr in enumerate(rows, 1):
            cells = [self.cell(tc) for tc in tr.iterchildren(f"{W}tc")]
            header = tr.find(f"{W}trPr/{W}tblHeader")
            mark = "（表头）" if header is not None and header.get(f"{W}val", "true") not in ("0", "false") else ""
            self.block(f"  第 {n} 行{mark}：", "", indent, cells)
        self.lines.append(f"{indent}表格 {self.table_count} 结束")

    def cell(self, tc: etree._Element) -> str:
        texts = []
        for node in tc.iterchildren(f"{W}p", f"{W}tbl", f"{W}sdt"):
            if node.tag == f"{W}p":
                texts.append(_paragraph_text(node, []))
            else:
                texts.extend(_paragraph_text(p, []) for p in node.iter(f"{W}p"))
        text = "¶".join(texts) if any(texts) else ""
        props = tc.find(f"{W}tcPr")
        if props is not None:
            span = props.find(f"{W}gridSpan")
            merge = props.find(f"{W}vMerge")
            if merge is not None and merge.get(f"{W}val", "continue") == "continue":
                text = "〃" + text
            if span is not None and (span.get(f"{W}val") or "1") != "1":
                text += f"〔跨 {span.get(f'{W}val')} 列〕"
        return text or "·"


def _cm(twips: str | None) -> str:
    return f"{int(twips or 0) / 567:.1f}"


def _section_line(number: int, sect: etree._Element) -> str:
    size = sect.find(f"{W}pgSz")
    margins = sect.find(f"{W}pgMar")
    bits = []
    if size is not None:
        w, h = size.get(f"{W}w"), size.get(f"{W}h")
        landscape = size.get(f"{W}orient") == "landscape" or int(w or 0) > int(h or 0)
        bits.append(f"{'横向' if landscape else '纵向'} {_cm(w)}×{_cm(h)} 厘米")
    if margins is not None:
        bits.append("页边距 上{} 下{} 左{} 右{} 厘米".format(*(_cm(margins.get(f"{W}{k}"))
                                                          for k in ("top", "bottom", "left", "right"))))
    start = sect.find(f"{W}type")
    if start is not None and start.get(f"{W}val") in _SECTION_STARTS:
        bits.append(_SECTION_STARTS[start.get(f"{W}val")])
    if sect.find(f"{W}titlePg") is not None and sect.find(f"{W}titlePg").get(f"{W}val", "true") not in ("0", "false"):
        bits.append("首页不同")
    numbering = sect.find(f"{W}pgNumType")
    if numbering is not None and numbering.get(f"{W}start"):
        bits.append(f"页码从 {numbering.get(f'{W}start')} 开始")
    return f"══ 第 {number} 节：" + "，".join(bits) + " ══"


def _sections(body: etree._Element) -> list[tuple[etree._Element | None, list[etree._Element]]]:
    """The body's elements grouped by section, each with its section properties (at the section's end)."""
    groups: list[tuple[etree._Element | None, list[etree._Element]]] = []
    current: list[etree._Element] = []
    for node in body.iterchildren():
        if node.tag == f"{W}sectPr":
            groups.append((node, current))
            current = []
            continue
        current.append(node)
        inner = node.find(f"{W}pPr/{W}sectPr") if node.tag == f"{W}p" else None
        if inner is not None:
            groups.append((inner, current))
            current = []
    if current:
        groups.append((None, current))
    return groups


def _header_footer_lines(writer: _Writer, sect: etree._Element) -> None:
    references = [*sect.iterchildren(f"{W}headerReference"), *sect.iterchildren(f"{W}footerReference")]
    if not references:
        writer.lines.append("页眉页脚：同上一节")
        return
    for ref in references:
        rel = ref.get(f"{R}id") or ""
        part = writer.package.parts.get(rel)
        kind = _REFERENCE_KINDS.get(ref.get(f"{W}type") or "default", "")
        label = part_label(writer.package.part_names.get(rel, "header" if "header" in ref.tag else "footer"))
        label += f"（{kind}）" if kind else ""
        if part is None:
            writer.lines.append(f"{label}：（缺失）")
            continue
        texts = [_paragraph_text(p, []) for p in part.iterchildren(f"{W}p")]
        shown = "¶".join(t for t in texts if t) or "（空）"
        writer.block(f"{label}：", shown)
        for tbl in part.iterchildren(f"{W}tbl"):
            writer.table(tbl, "  ")


def outline_text(path: Path, width: int = WIDTH) -> str:
    """The outline of the Word template at ``path`` (raises ``OutlineError``, in Chinese)."""
    package = _read(Path(path))
    body = package.document.find(f"{W}body")
    writer = _Writer(package, width, [HEADER_LINE])
    if body is None:
        raise OutlineError(f"「{path}」中没有正文。")
    for number, (sect, nodes) in enumerate(_sections(body), 1):
        writer.lines.append("")
        if sect is not None:
            writer.lines.append(_section_line(number, sect))
            _header_footer_lines(writer, sect)
        else:
            writer.lines.append(f"══ 第 {number} 节 ══")
        empty = 0
        for node in nodes:
            if node.tag == f"{W}p" and not _paragraph_text(node, []) and writer.style(node)[1] == 0 \
                    and node.find(f".//{W}txbxContent") is None:
                empty += 1
                continue
            if empty:
                writer.lines.append("")
                writer.lines.append(f"（空段落 ×{empty}）" if empty > 1 else "（空段落）")
                empty = 0
            if node.tag in (f"{W}p", f"{W}tbl", f"{W}sdt"):
                writer.lines.append("")
                writer.element(node)
        if empty:
            writer.lines.append("")
            writer.lines.append(f"（空段落 ×{empty}）" if empty > 1 else "（空段落）")
    return "\n".join(writer.lines) + "\n"


def write_outline(path: Path, target: Path) -> None:
    """Write the outline of ``path`` to ``target`` (UTF-8, ``\\n`` line ends on every system)."""
    text = outline_text(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
