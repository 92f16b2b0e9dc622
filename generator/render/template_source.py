"""The Jinja source of one part of a Word template, made once for the renderer and ``template check``.

A maintainer edits the template in Word; Word splits the text of a tag over several runs, replaces
straight quotes by curly ones, and the Chinese input method types ``｛｛`` instead of ``{{``. docxtpl's
``patch_xml`` turns the part's XML into the Jinja source that is compiled. ``part_source`` does that
once and, from the same XML, finds

* the tags of every paragraph with their place (part, heading above, table and row, paragraph text)
  and the line of the Jinja source they land on (so that a Jinja error at a line names the paragraph
  a maintainer can find in Word, also where docxtpl folded a ``{%p %}`` paragraph into the line
  before it);
* what looks like a tag but would be printed literally (``｛｛``, ``{ {``, a ``{{`` without ``}}``)
  and revision marks; the renderer refuses these, the checker reports them, with the same words.

Both the renderer (``generator.render.document``) and the checker (``generator.template_check``)
compile exactly ``PartSource.source``: what one accepts, the other accepts.

The line of each tag is found by rendering the same XML with a mark inside every tag (before its
closing ``}}`` / ``%}``), where none of docxtpl's patterns looks; the marked source must equal the real
one once the marks are removed, else the lines are left unknown (``SourceTag.line == 0``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

__all__ = [
    "SOURCE_HINTS",
    "BlockFault",
    "PartSource",
    "Place",
    "SourceProblem",
    "SourceTag",
    "block_fault",
    "excerpt",
    "first_failing_tag",
    "heading_style_ids",
    "locate_syntax_error",
    "part_label",
    "part_source",
    "runtime_detail",
    "syntax_detail",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NEW_LINE_BEFORE_PARAGRAPH = re.compile(r"<w:p([ >])")


# ----------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    """Where in the template: part, table and row, the paragraph's text, the heading above."""

    part: str
    paragraph: str
    heading: str = ""
    table: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        bits = [self.part]
        if self.heading:
            bits.append(f"标题「{self.heading}」下")
        if self.table is not None:
            bits.append(f"第 {self.table} 个表格第 {self.row} 行")
        bits.append(f"段落「{self.paragraph}」")
        return "，".join(bits)


@dataclass(frozen=True)
class SourceTag:
    """One tag as the maintainer typed it (runs joined), where it is, and where it lands in the source."""

    text: str
    prefix: str  # tr / tc / p / r / ""
    place: Place
    line: int  # line of ``PartSource.source`` (1-based); 0: unknown
    in_table_row: tuple[int, int] | None
    paragraph_has_other_text: bool
    formats: int = 1  # distinct run formats the tag's characters have

    @property
    def keyword(self) -> str:
        """``if``, ``endfor``, … of a ``{% %}`` tag; ``""`` for ``{{ }}`` and comments."""
        match = _KEYWORD.match(self.text)
        return match.group(1) if match and self.text.startswith("{%") else ""

    @property
    def inline(self) -> bool:
        """A tag inside the text of a paragraph (not ``{%p``/``{%tr``/``{%tc``, which stand for whole elements)."""
        return self.prefix in ("", "r")


# What to do about each kind of ``SourceProblem`` (``template check`` shows the same words).
SOURCE_HINTS = {
    "full-width": "切换到英文输入法，把全角的 ｛ ｝ ％ 改成半角的 { } %",
    "near-miss": "删去两个符号之间的空格或回车，写成 {{、}}、{% 或 %}",
    "unclosed": "标签的开头和结尾须在同一段落中：补全 }} 或 %}，或删去多余的 }}、%}",
    "enter-in-tag": "把回车删去，让整个标签在同一段落中",
    "tracked-change": "在 Word 中“审阅 → 接受所有修订”，关闭修订后保存",
}


@dataclass(frozen=True)
class SourceProblem:
    """Something in the XML that is not what the maintainer meant: ``fatal`` ones stop the build."""

    kind: str  # full-width / near-miss / unclosed / enter-in-tag / tracked-change
    place: Place
    detail: str
    fatal: bool = True


@dataclass(frozen=True)
class PartSource:
    part: str  # 正文 / 页眉 / 页脚
    source: str  # what Jinja compiles: docxtpl's patched XML, one paragraph a line
    tags: tuple[SourceTag, ...]
    problems: tuple[SourceProblem, ...] = ()
    first_place: Place | None = field(default=None, compare=False)

    def tags_on_line(self, line: int) -> list[SourceTag]:
        return [t for t in self.tags if t.line == line]

    def place_at(self, line: int | None, *hints: str) -> Place | None:
        """The place of the tag at ``line`` of the source: the one whose text holds ``hints``, else the first."""
        if not line:
            return None
        tags = self.tags_on_line(line)
        for hint in hints:
            if hint:
                found = [t for t in tags if re.search(rf"(?<![\w.]){re.escape(hint)}\b|\.{re.escape(hint)}\b",
                                                      t.text)]
                if found:
                    return found[0].place
        return tags[0].place if tags else None

    def tag_at(self, line: int | None, *hints: str) -> SourceTag | None:
        place = self.place_at(line, *hints)
        return next((t for t in self.tags_on_line(line or 0) if t.place == place), None) if place else None


# ----------------------------------------------------------------------------------- reading the XML

_KEYWORD = re.compile(r"^\{%-?\s*(?:(?:tr|tc|p|r)\s+)?(\w+)")
_PREFIX = re.compile(r"^\{([{%#])(tr|tc|p|r)\s")
_OPENER = re.compile(r"\{[{%#]")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_STRAY_CLOSER = re.compile(r"\}\}|%\}|#\}")
_FULL_WIDTH = re.compile(r"[{｛]\s*％|％\s*[}｝]|[｛｝]+")
_SPACED = re.compile(r"\{\s+[{%#]|[%#}]\s+\}")
_T = re.compile(r"<w:t(?:\s[^>]*)?(?:/>|>([^<]*)</w:t>)")
_ENTITY = re.compile(r"&[^;&<]+;")
_MARK = re.compile("\ue000(\\d+)\ue001")
_PART_NAMES = {"document": "正文", "header": "页眉", "footer": "页脚"}


def heading_style_ids(styles: etree._Element | None) -> set[str]:
    """The ids of the paragraph styles that are headings (by name or outline level), from ``word/styles.xml``."""
    if styles is None:
        return set()
    ids = set()
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        label = (name.get(f"{W}val") if name is not None else "") or ""
        if re.match(r"(?i)^(heading|title|标题)", label) or style.find(f"{W}pPr/{W}outlineLvl") is not None:
            ids.add(style.get(f"{W}styleId"))
    return ids


def part_label(part_name: str) -> str:
    """正文 / 页眉 / 页脚 for ``word/document.xml``, ``/word/header2.xml`` …"""
    stem = re.sub(r"\d*\.xml$", "", part_name.rsplit("/", 1)[-1])
    return _PART_NAMES.get(stem, stem)


def excerpt(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class _Paragraph:
    element: etree._Element
    text: str
    owners: list[tuple[int, int]]  # per character: (index of its w:t in the part, offset in that w:t's text)
    runs: list[etree._Element]  # per character: its run
    place: Place
    table_row: tuple[int, int] | None
    container: etree._Element | None  # the cell, text box or body holding the paragraph


def _run_format(run: etree._Element) -> bytes:
    props = run.find(f"{W}rPr")
    if props is None:
        return b""
    props = etree.fromstring(etree.tostring(props))
    for child in list(props):
        if child.tag in (f"{W}lang", f"{W}noProof", f"{W}rtl"):
            props.remove(child)
    return etree.tostring(props, method="c14n")


def _paragraphs(root: etree._Element, part: str, heading_ids: set[str]) -> list[_Paragraph]:
    all_t, all_tables = list(root.iter(f"{W}t")), list(root.iter(f"{W}tbl"))  # kept: lxml proxies keep their id()
    t_index = {id(t): i for i, t in enumerate(all_t)}
    tables = {id(t): i for i, t in enumerate(all_tables, 1)}
    out: list[_Paragraph] = []
    heading = ""
    for p in root.iter(f"{W}p"):
        texts = [t for t in p.iter(f"{W}t") if next(t.iterancestors(f"{W}p"), None) is p]
        text, owners, runs = "", [], []
        for t in texts:
            value = t.text or ""
            text += value
            owners.extend((t_index[id(t)], k) for k in range(len(value)))
            runs.extend([t.getparent()] * len(value))
        style = p.find(f"{W}pPr/{W}pStyle")
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        if text.strip() and ((style is not None and style.get(f"{W}val") in heading_ids) or outline is not None):
            heading = excerpt(text)
        row = next(p.iterancestors(f"{W}tr"), None)
        table = next(p.iterancestors(f"{W}tbl"), None)
        table_no = tables.get(id(table)) if table is not None else None
        row_no = list(table.iterchildren(f"{W}tr")).index(row) + 1 if table is not None and row is not None else None
        place = Place(part, excerpt(text), heading, table_no, row_no)
        out.append(_Paragraph(p, text, owners, runs, place,
                              (table_no, row_no) if table_no is not None else None, p.getparent()))
    return out


def _next_paragraph(p: _Paragraph, following: _Paragraph | None) -> bool:
    """Whether ``following`` is the paragraph right after ``p`` in the same cell (or both in the body)."""
    if following is None or following.container is not p.container:
        return False
    node = p.element.getnext()
    while node is not None and node.tag not in (f"{W}p", f"{W}tbl", f"{W}sdt"):
        node = node.getnext()
    return node is following.element


@dataclass
class _Found:
    start: int  # in the paragraph's text
    end: int
    text: str
    paragraph: _Paragraph
    closer_owner: tuple[int, int]  # where the mark goes: before the closing delimiter
    formats: int
    other_text: bool = False
    extra_runs: list[etree._Element] = field(default_factory=list)


def _snippet(text: str, start: int, end: int, context: int = 12) -> str:
    left = max(0, start - context)
    return ("…" if left else "") + text[left:end + context].strip() + ("…" if end + context < len(text) else "")


def _scan(paragraphs: list[_Paragraph]) -> tuple[list[_Found], list[SourceProblem]]:
    """Every tag of every paragraph, as docxtpl delimits it: from ``{{`` to the next ``}}`` (and ``{%``, ``{#``)."""
    found: list[_Found] = []
    problems: list[SourceProblem] = []
    carried_from = 0  # where the scan of the next paragraph starts (after a tag continued from the one before)
    for n, p in enumerate(paragraphs):
        text, i = p.text, carried_from
        carried_from = 0
        remainder: list[tuple[int, str]] = []  # the text outside tags (a tag continued from before excluded)
        mine: list[_Found] = []
        while True:
            m = _OPENER.search(text, i)
            if m is None:
                remainder.append((i, text[i:]))
                break
            remainder.append((i, text[i:m.start()]))
            closer = _CLOSERS[m.group()]
            end = text.find(closer, m.end())
            if end >= 0:
                mine.append(_tag(p, m.start(), end + 2, p, end))
                i = end + 2
                continue
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            joined = _continued(p, m.start(), closer, following) if _next_paragraph(p, following) else None
            if joined is not None:
                mine.append(joined)
                carried_from = joined.end
                problems.append(SourceProblem(
                    "enter-in-tag", p.place,
                    f"标签「{excerpt(joined.text)}」中间有回车，生成时本段与下一段「{following.place.paragraph}」"
                    "合为一段", fatal=False))
            else:
                problems.append(SourceProblem(
                    "unclosed", p.place, f"「{_snippet(text, m.start(), len(text))}」中的“{m.group()}”没有对应的"
                    f"“{closer}”"))
            remainder.append((m.start(), ""))
            break
        other = "".join(s for _, s in remainder)
        for m in _STRAY_CLOSER.finditer(other):
            problems.append(SourceProblem("unclosed", p.place, f"「{_snippet(other, m.start(), m.end())}」中的"
                                                               f"“{m.group()}”前面没有对应的开头"))
        full_width = list(dict.fromkeys(m.group().replace(" ", "") for m in _FULL_WIDTH.finditer(other)))
        if full_width:
            problems.append(SourceProblem(
                "full-width", p.place, "段落中的" + "".join(f"“{w}”" for w in full_width)
                + "是全角字符（中文输入法），不会被当作标签，会原样印在文档中"))
        spaced = list(dict.fromkeys(m.group() for m in _SPACED.finditer(other)))
        if spaced:
            problems.append(SourceProblem(
                "near-miss", p.place, "段落中的" + "".join(f"“{w}”" for w in spaced)
                + "两个符号之间有空格，不会被当作标签，会原样印在文档中"))
        if text.rstrip().endswith("{") and not text.rstrip().endswith("{{"):
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if following is not None and following.text.lstrip()[:1] in ("{", "%", "#"):
                problems.append(SourceProblem("near-miss", p.place, "标签开头的两个符号被回车分在了两段"))
        for f in mine:
            f.other_text = other.strip() != ""
        found.extend(mine)
    return found, problems


def _tag(p: _Paragraph, start: int, end: int, closing: _Paragraph, closer_at: int,
         text: str | None = None, runs: Sequence[etree._Element] = ()) -> _Found:
    mark_at = closer_at - 1 if closer_at > 0 and closing.text[closer_at - 1] == "-" else closer_at
    all_runs = [*p.runs[start:end if closing is p else len(p.text)], *runs]
    formats = len({_run_format(r) for r in dict.fromkeys(all_runs)}) if all_runs else 1
    return _Found(start, end, text if text is not None else p.text[start:end], p, closing.owners[mark_at], formats)


def _continued(p: _Paragraph, start: int, closer: str, following: _Paragraph) -> _Found | None:
    """A tag opened at the end of ``p`` and closed in ``following`` (an Enter typed inside the tag)."""
    head = p.text[start:]
    if _OPENER.search(head, 2):
        return None
    end = following.text.find(closer)
    if end < 0 or _OPENER.search(following.text, 0, end):
        return None
    found = _tag(p, start, len(p.text), following, end, head + following.text[:end + 2],
                 following.runs[:end + 2])
    found.end = end + 2  # in the following paragraph
    return found


# ----------------------------------------------------------------------------------- the source


def _escaped_offset(escaped: str, offset: int) -> int:
    """The position in XML-escaped text of the character at ``offset`` of the unescaped text."""
    i = seen = 0
    while seen < offset and i < len(escaped):
        m = _ENTITY.match(escaped, i)
        i = m.end() if m else i + 1
        seen += 1
    return i


def _marked(xml: str, marks: dict[tuple[int, int], list[int]]) -> str:
    """``xml`` with ``\\ue000n\\ue001`` inserted at each (w:t index, offset) of ``marks``."""
    by_t: dict[int, list[tuple[int, list[int]]]] = {}
    for (t, offset), numbers in marks.items():
        by_t.setdefault(t, []).append((offset, numbers))
    pieces, done = [], 0
    for index, m in enumerate(_T.finditer(xml)):
        if index not in by_t or m.group(1) is None:
            continue
        text_start = m.start(1)
        for offset, numbers in sorted(by_t[index]):
            at = text_start + _escaped_offset(m.group(1), offset)
            pieces.append(xml[done:at])
            pieces.append("".join(f"\ue000{n}\ue001" for n in numbers))
            done = at
    pieces.append(xml[done:])
    return "".join(pieces)


def _lines(source: str) -> dict[int, int]:
    """Tag number → line of ``source`` holding its mark."""
    out: dict[int, int] = {}
    for line_no, line in enumerate(source.split("\n"), 1):
        for m in _MARK.finditer(line):
            out.setdefault(int(m.group(1)), line_no)
    return out


def jinja_source(xml: str, patch: Callable[[str], str]) -> str:
    """docxtpl's Jinja source of a part: ``patch_xml``, then each paragraph on a line of its own."""
    return _NEW_LINE_BEFORE_PARAGRAPH.sub(r"\n<w:p\1", patch(xml))


def part_source(xml: str, part: str, heading_ids: set[str], patch: Callable[[str], str]) -> PartSource:
    """The Jinja source of the part ``xml`` (docxtpl's), its tags with places and lines, its problems."""
    source = jinja_source(xml, patch)
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return PartSource(part, source, ())
    paragraphs = _paragraphs(root, part, heading_ids)
    found, problems = _scan(paragraphs)
    problems.extend(_revisions(root, paragraphs))
    marks: dict[tuple[int, int], list[int]] = {}
    for n, f in enumerate(found):
        if not _DOCXTPL_CELL_TAG.match(f.text):  # {% vm %} / {% colspan … %}: patterns of their own
            marks.setdefault(f.closer_owner, []).append(n)
    marked = jinja_source(_marked(xml, marks), patch)
    lines = _lines(marked) if _MARK.sub("", marked) == source else {}
    tags = []
    for n, f in enumerate(found):
        prefix = _PREFIX.match(f.text)
        tags.append(SourceTag(f.text, prefix.group(2) if prefix else "", f.paragraph.place, lines.get(n, 0),
                              f.paragraph.table_row, f.other_text, f.formats))
    first = paragraphs[0].place if paragraphs else None
    return PartSource(part, source, tuple(tags), tuple(problems), first)


_DOCXTPL_CELL_TAG = re.compile(r"^\{%-?\s*(vm|hm|colspan|cellbg)\b")


def _revisions(root: etree._Element, paragraphs: list[_Paragraph]) -> Iterable[SourceProblem]:
    """Tracked changes left in the template would be copied into every document as revisions."""
    by_element = {id(p.element): p for p in paragraphs}
    seen: set[int] = set()
    for mark in root.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"):
        p = next(mark.iterancestors(f"{W}p"), None)
        if p is None or id(p) in seen or id(p) not in by_element:
            continue
        seen.add(id(p))
        yield SourceProblem("tracked-change", by_element[id(p)].place,
                            "段落中有未接受的修订（修订模式下的插入或删除），会原样带进生成的文档")


# ----------------------------------------------------------------------------------- blocks


_OPENING = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}
_MIDDLE = {"elif": ("if",), "else": ("if", "for"), "pluralize": ("trans",)}


def _opens(tag: SourceTag) -> str:
    keyword = tag.keyword
    if keyword == "set":
        return "" if "=" in tag.text else "set"  # {% set x %}…{% endset %}
    return keyword if keyword in _OPENING else ""


@dataclass(frozen=True)
class BlockFault:
    """A block that is not closed (``missing`` its closing tag), or a closing tag without its block."""

    tag: SourceTag
    missing: str  # "endif": the tag that closes ``tag``'s block is missing; "": ``tag`` closes nothing

    def detail(self) -> str:
        if self.missing:
            return f"{self.tag.text} 没有对应的 {{% {self.missing} %}}"
        opener = {"elif": "if", "else": "if 或 for"}.get(self.tag.keyword, self.tag.keyword.removeprefix("end"))
        return f"{self.tag.text} 前面没有对应的 {{% {opener} … %}}"


def block_fault(tags: Sequence[SourceTag]) -> BlockFault | None:
    """The first block fault of ``tags`` (in document order), found the way a person reads the template.

    A closing tag closes the innermost open block of its keyword, preferring one of the same kind
    (``{%p endif %}`` an ``{%p if %}``, an ``{% endif %}`` in a paragraph an ``{% if %}``); the blocks
    it skips are not closed. Among several blocks not closed, the innermost is named, preferring one
    written in a paragraph (``{% if %}``) whose own paragraph does not close it.
    """
    stack: list[SourceTag] = []
    for tag in tags:
        keyword = tag.keyword
        if not keyword:
            continue
        opened = _opens(tag)
        if opened:
            stack.append(tag)
        elif keyword in _MIDDLE:
            if not stack or _opens(stack[-1]) not in _MIDDLE[keyword]:
                return BlockFault(tag, "")
        elif keyword.startswith("end"):
            wanted = keyword.removeprefix("end")
            same = [i for i, t in enumerate(stack) if _opens(t) == wanted and t.inline == tag.inline]
            any_kind = [i for i, t in enumerate(stack) if _opens(t) == wanted]
            at = (same or any_kind or [None])[-1]
            if at is None:
                return BlockFault(tag, "")
            skipped = stack[at + 1:]
            del stack[at:]
            if skipped:
                return _unclosed(skipped)
    return _unclosed(stack) if stack else None


def _unclosed(open_tags: list[SourceTag]) -> BlockFault:
    inline = [t for t in open_tags if t.inline]
    culprit = (inline or open_tags)[-1]
    return BlockFault(culprit, "end" + _opens(culprit))


# ----------------------------------------------------------------------------------- Jinja's English in Chinese

_SYNTAX_MESSAGES = (
    (r"Unexpected end of template.*?'(end\w+)'", "缺少 {{% {0} %}}"),
    (r"Encountered unknown tag '(end\w+|elif|else)'", "{{% {0} %}} 前面没有对应的块"),
    (r"Encountered unknown tag '(\w+)'", "没有 {{% {0} %}} 这种标签，关键字可能拼错了"),
    (r"[Nn]o filter named '([^']+)'", "没有名为“{0}”的过滤器"),
    (r"[Nn]o test named '([^']+)'", "没有名为“{0}”的判断（is 后面的词）"),
    (r"unexpected char '(.)'", "标签中有不能使用的字符“{0}”"),
    (r"unexpected end of template, expected '([^']+)'", "标签没有写完"),
    (r"unexpected '([^']+)'", "标签中多了或错用了“{0}”"),
    (r"expected token 'end of print statement', got '([^']+)'", "{{{{ }}}} 中“{0}”前面缺少运算符或多了内容"),
    (r"expected token 'end of statement block', got '([^']+)'", "{{% %}} 中“{0}”前面缺少运算符或多了内容"),
    (r"expected token '([^']+)', got '([^']+)'", "此处应为“{0}”，却写了“{1}”"),
    (r"tag name expected", "{% 后面缺少关键字（if、for 等）"),
    (r"Expected an expression, got '([^']+)'", "此处缺少变量或数值"),
    (r"expected name or number", "“.”后面缺少属性名"),
    (r"Block '([^']+)' defined twice", "块“{0}”定义了两次"),
    (r"can't assign to", "赋值的左边不是变量名"),
    (r"missing end of comment tag", "注释 {# 没有对应的 #}"),
    (r"[Uu]nexpected end of (?:template|comment)", "标签没有写完"),
)


def syntax_detail(exc: TemplateSyntaxError) -> str:
    """Jinja's syntax (or compile-time) error in a Chinese phrase; never Jinja's English."""
    message = exc.message or str(exc)
    for pattern, chinese in _SYNTAX_MESSAGES:
        m = re.search(pattern, message, re.S)
        if m:
            return chinese.format(*m.groups())
    return "标签的写法不符合规则（检查括号、引号是否成对，关键字是否拼写正确）"


_RUNTIME_MESSAGES = (
    (r"access to attribute '([^']+)' of '([^']+)' object is unsafe", "不允许访问 {1} 的内部属性 {0}", ()),
    (r"'([^']+)' is undefined", "变量“{0}”不存在", (0,)),
    (r"'[^']+' has no attribute '([^']+)'", "“{expr}”中没有属性“{0}”", (0,)),
    (r"'[^']+' has no element ([^ ]+)", "“{expr}”中没有第 {0} 项", ()),
    (r"[Nn]o filter named '([^']+)'", "没有名为“{0}”的过滤器", (0,)),
    (r"[Nn]o test named '([^']+)'", "没有名为“{0}”的判断", (0,)),
    (r"(.+) is not safely callable", "不允许调用 {0}", ()),
    (r"no loader for this environment specified", "Word 模板中不能使用 include、import 或 extends", ()),
    (r"object is not iterable", "该数据不是列表，不能用 for 循环", ()),
    (r"object is not callable", "该数据不能加括号调用", ()),
    (r"has no len\(\)", "该数据没有长度（length）", ()),
    (r"unsupported operand type|can only concatenate|must be str|not supported between",
     "不同类型的数据不能这样计算或比较（例如数字与文字相加）；连接文字请用 ~", ()),
    (r"could not convert|invalid literal|InvalidOperation|ConversionSyntax", "该数据不是数字", ()),
)


def runtime_detail(exc: BaseException, tag_text: str = "") -> tuple[str, tuple[str, ...]]:
    """(Chinese detail, names to find the faulty tag by) of an error raised while rendering."""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, TemplateSyntaxError):
        return syntax_detail(exc), ()
    for pattern, chinese, hint_groups in _RUNTIME_MESSAGES:
        m = re.search(pattern, message)
        if m:
            groups = m.groups()
            expr = _expression(tag_text, groups[0]) if "{expr}" in chinese else ""
            return chinese.format(*groups, expr=expr or "该数据"), tuple(groups[i] for i in hint_groups)
    if any("\u4e00" <= ch <= "\u9fff" for ch in message):
        return message, ()  # our own filters' and limits' messages are Chinese already
    return "该标签无法计算", ()


def _expression(tag_text: str, attribute: str) -> str:
    """The dotted name in ``tag_text`` that ``attribute`` was asked of: ``figures.assets`` for ``.vehicles``."""
    m = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(attribute)}\b", tag_text)
    if m:
        return m.group(1)
    m = re.search(rf"([A-Za-z_][\w.]*)\[['\"]{re.escape(attribute)}['\"]\]", tag_text)
    return m.group(1) if m else ""


def locate_syntax_error(part: PartSource, exc: TemplateSyntaxError,
                        env: SandboxedEnvironment) -> tuple[Place | None, str]:
    """Where a syntax (or compile-time) error of ``part``'s source is, and what it is, in Chinese.

    A block not closed (Jinja stops at the end of the part) or closed by the wrong tag is named at the tag
    that opens it (``block_fault``); any other error at the tag of its line that does not parse alone.
    """
    message = exc.message or ""
    if re.search(r"Unexpected end of template|Encountered unknown tag '(end\w+|elif|else)'", message):
        fault = block_fault(part.tags)
        if fault is not None:
            return fault.tag.place, fault.detail()
    if re.search(r"Encountered unknown tag '(tr|tc)'", message):  # docxtpl found no table row around it
        tag = next((t for t in part.tags if t.prefix in ("tr", "tc") and t.in_table_row is None), None)
        if tag is not None:
            return tag.place, f"{tag.text} 不在表格中：{{%tr %}} 只能用在表格的行中，表格之外请用 {{%p … %}}"
    detail = syntax_detail(exc)
    names = re.findall(r"named '([^']+)'", message)
    tags = part.tags_on_line(exc.lineno or 0)
    tag = part.tag_at(exc.lineno, *names) if names else first_failing_tag(env, tags)
    tag = tag or (tags[0] if tags else None)
    if tag is None:
        return None, detail
    return tag.place, f"{detail}（标签 {excerpt(tag.text, 60)}）"


def first_failing_tag(env: SandboxedEnvironment, tags: Sequence[SourceTag]) -> SourceTag | None:
    """Of the tags on a line Jinja could not parse, the first that does not parse on its own."""
    for tag in tags:
        text = html.unescape(tag.text)
        text = _PREFIX.sub(lambda m: "{" + m.group(1) + " ", text)
        keyword = tag.keyword
        if _opens(tag):
            snippet = text + "{% end" + _opens(tag) + " %}"
        elif keyword in _MIDDLE:
            snippet = "{% " + _MIDDLE[keyword][0] + " 1 %}" + text + "{% end" + _MIDDLE[keyword][0] + " %}"
        elif keyword.startswith("end"):
            continue
        else:
            snippet = text
        try:
            env.parse(_clean_quotes(snippet))
        except TemplateSyntaxError:
            return tag
    return None


def _clean_quotes(text: str) -> str:
    """What docxtpl does to the text of a tag (``patch_xml``'s ``clean_tags``)."""
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
