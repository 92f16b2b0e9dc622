"""Readers: a .docx, a PDF or a plain-text file into the same sequence of blocks.

* .docx: the body's paragraphs and table rows in document order, read from the XML directly (fast
  enough for the build's self-audit); a merged cell repeats its text over the grid columns it
  spans, a vertically merged continuation is blank, a row that is one merged cell is a paragraph.
* PDF (pdfplumber): per page, the tables pdfplumber finds (cells in their columns, blank cells kept)
  and the text lines outside them, in vertical order; a line that runs to the right margin is
  joined with the next (text wraps inside words).
* text: one block per line; a tab-separated line is a row, a line that starts with a subject code
  and holds amounts is a row split on spaces (its blank cells have vanished: not ``positional``).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .document import Block, ReadDocument


class UnreadableDocument(Exception):
    """The file cannot be read as a document: the message says why, in Chinese."""


_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?$")  # a row of equal amounts (0.00 …) is a row, not a merged title
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUFFIXES = (".docx", ".pdf", ".txt")


def read_document(path: Path) -> ReadDocument:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableDocument(f"找不到文件：{path}")
    if suffix == ".docx":
        return read_docx(path.read_bytes(), str(path))
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in (".txt", ".text", ".md"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return read_text(raw.decode(encoding), str(path))
            except UnicodeDecodeError:
                continue
        raise UnreadableDocument(f"{path.name} 不是 UTF-8 或 GB18030 编码的文本文件。")
    raise UnreadableDocument(f"不支持的文件类型「{suffix or path.name}」：请提供 .docx、.pdf 或 .txt 文件。"
                             "（.doc 请先在 Word 或 WPS 中另存为 .docx）")


# --------------------------------------------------------------------------------------------- docx


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


_T, _TCPR, _GRIDSPAN, _VMERGE, _VAL = f"{W}t", f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge", f"{W}val"
_TC = f"{W}tc"
_CELL_TEXT = None  # compiled on first use: ``.//w:t/text()`` is three times faster than itertext here


def _cell_text(tc) -> str:
    global _CELL_TEXT
    if _CELL_TEXT is None:
        from lxml import etree

        _CELL_TEXT = etree.XPath(".//w:t/text()", namespaces={"w": W[1:-1]})
    return "".join(_CELL_TEXT(tc)).strip()


def _row_cells(tr) -> list[str]:
    cells: list[str] = []
    for tc in tr.iterchildren(_TC):
        span, continued = 1, False
        props = tc.find(_TCPR)
        if props is not None:
            grid = props.find(_GRIDSPAN)
            if grid is not None:
                span = int(grid.get(_VAL, "1") or 1)
            merge = props.find(_VMERGE)
            continued = merge is not None and merge.get(_VAL, "continue") == "continue"
        text = "" if continued else _cell_text(tc)
        if span == 1:
            cells.append(text)
        else:
            cells.extend([text] * span)
    return cells


def read_docx(data: bytes, source: str = "") -> ReadDocument:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise UnreadableDocument(f"{Path(source).name or '文档'} 不是有效的 .docx 文件（{exc}）。") from exc
    body = etree.fromstring(xml, etree.XMLParser(huge_tree=True, recover=True)).find(f"{W}body")
    blocks: list[Block] = []

    def add(cells: tuple[str, ...], is_row: bool) -> None:
        blocks.append(Block(cells, len(blocks), is_row=is_row))

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                text = _paragraph_text(child)
                for piece in text.split("\n"):
                    if piece.strip():
                        add((piece.strip(),), False)
            elif tag == f"{W}tbl":
                for tr in child.iterchildren(f"{W}tr"):
                    cells = _row_cells(tr)
                    distinct = {c for c in cells if c}
                    if len(distinct) == 1 and len(set(cells)) == 1 and not _NUMBER.match(cells[0]):
                        add((cells[0],), False)  # one merged cell across the row: a title or a note
                    elif distinct:
                        add(tuple(cells), True)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                walk(child)  # a table of contents or a content control wraps its paragraphs

    walk(body)
    return ReadDocument(source, "docx", tuple(blocks))


# --------------------------------------------------------------------------------------------- text

_MARKDOWN = re.compile(r"^\s*(?:#+\s*|[-*+]\s+|>\s*)")
_CODED_ROW = re.compile(r"^\s*(?:\d{7}|\d{5}|\d{3}|合计)\s+\S+.*\d[.．]\s*\d")


_AMOUNT_TOKEN = re.compile(r"^-?[\d,]+\.\d{1,2}$")
_LINE_NO = re.compile(r"^\d{1,2}$")
_CJK_TOKEN = re.compile(r"[\u4e00-\u9fff]")


def _labeled_row(tokens: list[str]) -> bool:
    """表1/表4 lines as text: [label] 行次 [amounts], once or twice; at least one label and one amount."""
    i, labels, amounts, n = 0, 0, 0, len(tokens)
    while i < n:
        if _CJK_TOKEN.search(tokens[i]):
            labels += 1
            i += 1
            if i >= n or not _LINE_NO.match(tokens[i]):
                return False
        elif not _LINE_NO.match(tokens[i]):
            return False
        i += 1
        run = 0
        while i < n and _AMOUNT_TOKEN.match(tokens[i]) and run < 4:
            i += 1
            run += 1
        amounts += run
    return labels >= 1 and amounts >= 1


def spaced_row(line: str) -> tuple[str, ...] | None:
    """A table row whose cells are separated by spaces (their blank cells vanished), or None for running text:
    a subject code with amounts (表2/3/5/8/9), or 表1/表4 labels each followed by its 行次 and amounts."""
    text = re.sub(r"(\d)\s*[.．]\s+(\d)", r"\1.\2", line.strip())
    tokens = text.split()
    if (_CODED_ROW.match(text) and len(tokens) >= 3) or (len(tokens) >= 3 and _labeled_row(tokens)):
        return tuple(tokens)
    if len(tokens) >= 6 and all(re.fullmatch(r"-?[\d,]+(?:\.\d{1,2})?", t) for t in tokens) \
            and any("." in t for t in tokens):
        return tuple(tokens)  # a row of amounts only (表7)
    return None


def _clean_line(line: str) -> str:
    line = _MARKDOWN.sub("", line)
    return line.replace("**", "").replace("__", "")


def read_text(text: str, source: str = "") -> ReadDocument:
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if "\t" in line:
            cells = tuple(_clean_line(c).strip() for c in line.split("\t"))
            if sum(1 for c in cells if c) >= 2:
                blocks.append(Block(cells, len(blocks), line=number, is_row=True))
                continue
            line = " ".join(c for c in cells if c)
        clean = _clean_line(line).strip()
        if not clean:
            continue
        cells = spaced_row(clean)
        if cells is not None:
            blocks.append(Block(cells, len(blocks), line=number, is_row=True, positional=False))
        else:
            blocks.append(Block((clean,), len(blocks), line=number))
    return ReadDocument(source, "txt", tuple(blocks))


# --------------------------------------------------------------------------------------------- pdf


def read_pdf(path: Path) -> ReadDocument:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise UnreadableDocument("读取 PDF 需要 pdfplumber：pip install pdfplumber") from exc
    blocks: list[Block] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                for cells, is_row, positional in _page_blocks(page):
                    blocks.append(Block(cells, len(blocks), page=number, is_row=is_row, positional=positional))
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise UnreadableDocument(f"{Path(path).name} 无法作为 PDF 读取（{type(exc).__name__}: {exc}）。") from exc
    if not any(b.cells[0].strip() for b in blocks):
        raise UnreadableDocument(f"{Path(path).name} 中没有可提取的文字（可能是扫描件）：请提供文字版 PDF 或 .docx。")
    return ReadDocument(str(path), "pdf", tuple(blocks), pages)


_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3})$")


def _join_cell(text: str | None) -> str:
    # a header wraps inside the cell (附属单位上缴⏎收入): the pieces are one label
    return re.sub(r"\s*\n\s*", "", text or "").strip()


def _page_blocks(page) -> list[tuple[tuple[str, ...], bool, bool]]:
    items: list[tuple[float, tuple[str, ...], bool]] = []
    spaced: set[int] = set()
    # a ruled table needs lines or rectangles: pages of running text skip the (slow) table finder
    tables = page.find_tables() if (page.lines or page.rects or page.edges) else []
    boxes = [t.bbox for t in tables]
    for table in tables:
        top = table.bbox[1]
        for offset, row in enumerate(table.extract()):
            cells = tuple(_join_cell(c) for c in row)
            distinct = {c for c in cells if c}
            if not distinct:
                continue
            if len(distinct) == 1 and sum(1 for c in cells if c) == 1 and len(cells) > 1 and not cells[0]:
                items.append((top + offset * 0.01, tuple(c for c in cells if c) or ("",), len(cells) > 1))
            elif len(distinct) == 1 and all(c == cells[0] for c in cells) and not _NUMBER.match(cells[0]):
                items.append((top + offset * 0.01, (cells[0],), False))
            else:
                items.append((top + offset * 0.01, cells, True))

    def inside(line) -> bool:
        x = (line["x0"] + line["x1"]) / 2
        y = (line["top"] + line["bottom"]) / 2
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    lines = [ln for ln in page.extract_text_lines(layout=False, strip=True)
             if ln["text"].strip() and not inside(ln) and not _PAGE_NUMBER.match(ln["text"].strip())]
    if lines:
        right = max(ln["x1"] for ln in lines)
        left = min(ln["x0"] for ln in lines)
        size = min((ln["bottom"] - ln["top"]) for ln in lines) or 10
        merged: list[dict] = []
        for ln in lines:
            previous = merged[-1] if merged else None
            if (previous is not None and previous["x1"] >= right - 1.5 * size
                    and ln["x0"] <= left + 2.5 * size and ln["top"] - previous["bottom"] < 1.2 * size
                    and not re.search(r"[。；：！？]$", previous["text"])):
                previous["text"] += ln["text"]
                previous["x1"], previous["bottom"] = ln["x1"], ln["bottom"]
            else:
                merged.append(dict(ln))
        for ln in merged:
            text = ln["text"].strip()
            row = spaced_row(text)  # a table pdfplumber did not see (no ruling lines): its rows as text
            if row is not None:
                spaced.add(len(items))
                items.append((ln["top"], row, True))
            else:
                items.append((ln["top"], (text,), False))
    order = sorted(range(len(items)), key=lambda n: items[n][0])
    return [(items[n][1], items[n][2], n not in spaced) for n in order]
