"""Checks an edited Word template before any render, and names the place of every problem.

A template maintainer edits the .docx in Word; Word splits text into runs, and a tag may end up
broken, misspelt or in the wrong place. This module reads the template's XML parts (body,
headers, footers) paragraph by paragraph, rebuilds the Jinja source that docxtpl would run (one
line per paragraph, so a Jinja line number is a paragraph), and checks it against the
environment's filters and the context's schema (``DocumentContext``): syntax, unclosed tags,
tags split across differently formatted text, unknown variables, attributes and filters, and
``{%tr %}``/``{%p %}`` misuse. The kinds of issue are declared records, like the workbook's
problems; their reference is generated from ``ISSUE_KINDS``.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from generator.render.context import DocumentContext
from generator.render.environment import make_environment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True)
class IssueKind:
    id: str
    title: str
    hint: str
    severity: str = ERROR


_KINDS = (
    IssueKind("syntax", "标签语法错误",
              "检查该处的 {{ }} 或 {% %} 是否成对、关键字是否拼写正确，if/for 是否有对应的 endif/endfor。"),
    IssueKind("unclosed", "标签没有闭合",
              "标签的开头和结尾须在同一段落中：补全 }} 或 %}，不要在标签中间换行。"),
    IssueKind("split-format", "标签被不同格式拆开",
              "选中整个标签（从 { 到 }），统一设置字体格式；标签的格式决定输出文字的格式。", WARNING),
    IssueKind("unknown-variable", "不存在的变量", "变量名须与《模板变量参考》中的一致（区分大小写）。"),
    IssueKind("unknown-attribute", "变量没有这个属性", "属性名须与《模板变量参考》中的一致。"),
    IssueKind("unknown-filter", "不存在的过滤器", "可用的过滤器见《模板变量参考》。"),
    IssueKind("tr-needed", "表格中跨行的循环须用 {%tr %}",
              "在表格中按行重复时，把 {% for … %} 写成 {%tr for … %}、{% endfor %} 写成 {%tr endfor %}，各占一行。"),
    IssueKind("tr-outside-table", "{%tr %} 只能用在表格中", "表格之外请用 {%p … %}（整段）或 {% … %}。"),
    IssueKind("p-with-text", "{%p %} 所在段落还有其他文字",
              "{%p … %} 会删除所在的整个段落：请让它单独占一段，把其他文字移到别的段落。", WARNING),
    IssueKind("render-failed", "用样例工作簿生成失败", "按提示修改模板；生成失败的样例说明某种数据情况下模板会出错。"),
)
ISSUE_KINDS: Mapping[str, IssueKind] = {k.id: k for k in _KINDS}


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
class TemplateIssue:
    kind: IssueKind
    place: Place | None
    detail: str

    @property
    def severity(self) -> str:
        return self.kind.severity

    def __str__(self) -> str:
        where = f"{self.place}：" if self.place else ""
        return f"[{self.severity}] {self.kind.title}　{where}{self.detail}。{self.kind.hint}"


def issue(kind: str, place: Place | None, detail: str) -> TemplateIssue:
    return TemplateIssue(ISSUE_KINDS[kind], place, detail)


# ----------------------------------------------------------------------------------- reading the XML

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_PREFIX = re.compile(r"^\{([{%])(tr|tc|p|r)\s")
_BLOCK = re.compile(r"^\{%-?\s*(?:tr|tc|p|r)?\s*(\w+)")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_PART_NAMES = {"document": "正文", "header": "页眉", "footer": "页脚"}


@dataclass(frozen=True)
class _Tag:
    text: str
    prefix: str  # tr / tc / p / r / ""
    place: Place
    in_table_row: tuple[int, int] | None
    paragraph_has_other_text: bool


def _excerpt(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit] + "…"


def _heading_styles(zf: zipfile.ZipFile) -> set[str]:
    try:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    except KeyError:
        return set()
    ids = set()
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        label = (name.get(f"{W}val") if name is not None else "") or ""
        if re.match(r"(?i)^(heading|title|标题)", label) or style.find(f"{W}pPr/{W}outlineLvl") is not None:
            ids.add(style.get(f"{W}styleId"))
    return ids


def _run_format(run: etree._Element) -> bytes:
    props = run.find(f"{W}rPr")
    if props is None:
        return b""
    props = etree.fromstring(etree.tostring(props))
    for child in list(props):
        if child.tag in (f"{W}lang", f"{W}noProof", f"{W}rtl"):
            props.remove(child)
    return etree.tostring(props, method="c14n")


def read_tags(path: Path) -> tuple[list[list[_Tag]], list[TemplateIssue]]:
    """Per paragraph (in document order) its tags; plus the issues found while reading."""
    paragraphs: list[list[_Tag]] = []
    issues: list[TemplateIssue] = []
    with zipfile.ZipFile(path) as zf:
        heading_ids = _heading_styles(zf)
        parts = sorted((n for n in zf.namelist() if _PARTS.match(n)), key=lambda n: (not n.endswith("document.xml"), n))
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        for part_name in parts:
            root = etree.fromstring(zf.read(part_name), parser)
            kind = re.sub(r"\d+$", "", _PARTS.match(part_name).group(1))  # type: ignore[union-attr]
            part = _PART_NAMES[kind]
            table_list = list(root.iter(f"{W}tbl"))  # kept alive: lxml proxies must stay the same objects
            tables = {id(t): i for i, t in enumerate(table_list, 1)}
            heading = ""
            for p in root.iter(f"{W}p"):
                pieces: list[tuple[str, etree._Element]] = []
                for run in p.iter(f"{W}r"):
                    for t in run.iter(f"{W}t"):
                        pieces.append((t.text or "", run))
                text = "".join(s for s, _ in pieces)
                style = p.find(f"{W}pPr/{W}pStyle")
                if style is not None and style.get(f"{W}val") in heading_ids and text.strip():
                    heading = _excerpt(text)
                row = next((a for a in p.iterancestors(f"{W}tr")), None)
                table = next((a for a in p.iterancestors(f"{W}tbl")), None)
                table_no = tables.get(id(table)) if table is not None else None
                row_no = list(table.iterchildren(f"{W}tr")).index(row) + 1 if table is not None and row is not None \
                    else None
                place = Place(part, _excerpt(text), heading, table_no, row_no)
                tags: list[_Tag] = []
                owners: list[etree._Element] = []
                for s, run in pieces:
                    owners.extend([run] * len(s))
                found = list(_TAG.finditer(text))
                rest = _TAG.sub("", text)
                for opener in ("{{", "{%", "}}", "%}"):
                    if opener in rest:
                        issues.append(issue("unclosed", place, f"段落中有不成对的“{opener}”"))
                        break
                other_text = rest.strip() != ""
                for m in found:
                    formats = {_run_format(r) for r in owners[m.start():m.end()]}
                    if len(formats) > 1:
                        issues.append(issue("split-format", place, f"标签 {m.group(0)} 的文字格式不一致"))
                    prefix = _PREFIX.match(m.group(0))
                    tags.append(_Tag(m.group(0), prefix.group(2) if prefix else "", place,
                                     (table_no, row_no) if table_no is not None else None, other_text))
                paragraphs.append(tags)
    return paragraphs, issues


# ----------------------------------------------------------------------------------- the Jinja source


_DOCXTPL_MERGE = re.compile(r"^\{%-?\s*(vm|hm)\s*-?%\}$")
_DOCXTPL_CELL = re.compile(r"^\{%-?\s*(colspan|cellbg)\s+(.*?)\s*-?%\}$", re.S)


def _jinja_text(tag: _Tag) -> str:
    """The tag as docxtpl hands it to Jinja: no tr/tc/p/r prefix; docxtpl's own cell tags as values."""
    text = tag.text
    if _DOCXTPL_MERGE.match(text):
        return ""  # {% vm %} / {% hm %}: docxtpl merges the cells before Jinja runs
    cell = _DOCXTPL_CELL.match(text)
    if cell:
        return "{{ " + cell.group(2) + " }}"  # {% colspan n %} / {% cellbg colour %}: an expression
    if tag.prefix:
        text = text[:2] + " " + text[2 + len(tag.prefix):]
    return text


def _structure(paragraphs: list[list[_Tag]]) -> list[TemplateIssue]:
    """{%tr %} and {%p %} usage: a loop spanning table rows needs tr, tr needs a table."""
    issues: list[TemplateIssue] = []
    stack: list[tuple[str, _Tag]] = []
    for tags in paragraphs:
        for tag in tags:
            if not tag.text.startswith("{%"):
                continue
            match = _BLOCK.match(tag.text)
            keyword = match.group(1) if match else ""
            if tag.prefix in ("tr", "tc") and tag.in_table_row is None:
                issues.append(issue("tr-outside-table", tag.place, f"{tag.text} 不在表格中"))
            if tag.prefix == "p" and tag.paragraph_has_other_text:
                issues.append(issue("p-with-text", tag.place, f"{tag.text} 所在段落还有文字"))
            if keyword in ("for", "if"):
                stack.append((keyword, tag))
            elif keyword in ("endfor", "endif") and stack:
                _, start = stack.pop()
                spans_rows = (start.in_table_row or tag.in_table_row) and start.in_table_row != tag.in_table_row
                if spans_rows and start.prefix not in ("tr", "tc", "p") and tag.prefix not in ("tr", "tc", "p"):
                    issues.append(issue("tr-needed", start.place, f"{start.text} 与 {tag.text} 不在表格的同一行"))
    return issues


# ----------------------------------------------------------------------------------- names and types

ANY = object()  # a value whose type the schema does not say: nothing below it is checked


def _strip_optional(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return args[0] if len(args) == 1 else ANY
    return hint


def _fields(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _attribute(owner: Any, name: str) -> Any:
    """The type of ``owner.name``; ``None`` when it has no such attribute."""
    owner = _strip_optional(owner)
    if owner is ANY:
        return ANY
    origin = typing.get_origin(owner)
    if origin is not None and issubclass(origin, Mapping):
        return typing.get_args(owner)[1] if typing.get_args(owner) else ANY
    if dataclasses.is_dataclass(owner):
        hints = _fields(owner)  # type: ignore[arg-type]
        if name in hints:
            return hints[name]
        return ANY if hasattr(owner, name) else None  # properties and methods
    if isinstance(owner, type) and hasattr(owner, name):
        return ANY
    if isinstance(owner, type) and owner in (str, int, float, bool, Decimal):
        return None
    return ANY


def _element(hint: Any) -> Any:
    hint = _strip_optional(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (tuple, list) or (origin is not None and issubclass(origin, Sequence)):
        return args[0] if args else ANY
    if origin is not None and issubclass(origin, Mapping):
        return args[0] if args else ANY
    return ANY


@dataclass(frozen=True)
class _Typed:
    """What the walk knows of a value: its type hint and its path in the context (``a.b[].c``)."""

    hint: Any
    path: str | None


_UNKNOWN = _Typed(ANY, None)


class _Names:
    """Walks the parsed template and reports names, attributes and filters the schema lacks.

    It also records the context paths the template uses (``used``), for the variables reference.
    """

    def __init__(self, env: SandboxedEnvironment, root: type, places: dict[int, Place]) -> None:
        self.env = env
        self.places = places
        self.issues: list[TemplateIssue] = []
        self.root = {name: _Typed(hint, name) for name, hint in _fields(root).items()}
        self.root["loop"] = _UNKNOWN
        self.seen: set[tuple[str, int]] = set()
        self.used: set[str] = set()

    def place(self, node: nodes.Node) -> Place | None:
        return self.places.get(getattr(node, "lineno", 0))

    def report(self, kind: str, node: nodes.Node, detail: str) -> None:
        key = (detail, getattr(node, "lineno", 0))
        if key not in self.seen:
            self.seen.add(key)
            self.issues.append(issue(kind, self.place(node), detail))

    @staticmethod
    def _suggest(name: str, candidates: list[str]) -> str:
        close = difflib.get_close_matches(name, candidates, n=1)
        return f"，是否应为“{close[0]}”" if close else ""

    def infer(self, node: nodes.Node, scope: dict[str, _Typed]) -> _Typed:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                found = scope[node.name]
                if found.path:
                    self.used.add(found.path)
                return found
            if node.name not in self.env.globals:
                self.report("unknown-variable", node,
                            f"变量“{node.name}”不存在{self._suggest(node.name, list(scope))}")
            return _UNKNOWN
        if isinstance(node, nodes.Getattr):
            owner = self.infer(node.node, scope)
            hint = _attribute(owner.hint, node.attr)
            if hint is None:
                names = list(_fields(owner.hint)) if dataclasses.is_dataclass(owner.hint) else []
                self.report("unknown-attribute", node,
                            f"“{_dotted(node)}”中没有属性“{node.attr}”{self._suggest(node.attr, names)}")
                return _UNKNOWN
            path = f"{owner.path}.{node.attr}" if owner.path and dataclasses.is_dataclass(owner.hint) else None
            if path:
                self.used.add(path)
            return _Typed(hint, path)
        if isinstance(node, nodes.Getitem):
            owner = self.infer(node.node, scope)
            self.visit(node.arg, scope)
            hint = _strip_optional(owner.hint)
            origin = typing.get_origin(hint)
            if origin is not None and issubclass(origin, Mapping):
                return _Typed(typing.get_args(hint)[1], None)
            if origin in (tuple, list):
                return _Typed(typing.get_args(hint)[0], f"{owner.path}[]" if owner.path else None)
            return _UNKNOWN
        if isinstance(node, nodes.Filter | nodes.Test):
            table = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            if node.name not in table:
                kind = "过滤器" if isinstance(node, nodes.Filter) else "判断"
                self.report("unknown-filter", node,
                            f"{kind}“{node.name}”不存在{self._suggest(node.name, list(table))}")
            if node.node is not None:
                self.infer(node.node, scope)
            for child in (*node.args, *(kw.value for kw in node.kwargs)):
                self.visit(child, scope)
            return _UNKNOWN
        self.visit(node, scope)
        return _UNKNOWN

    def bind(self, target: nodes.Node, typed: _Typed, scope: dict[str, _Typed]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = typed
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _UNKNOWN, scope)

    def visit(self, node: nodes.Node, scope: dict[str, _Typed]) -> None:
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem | nodes.Filter | nodes.Test):
            self.infer(node, scope)
        elif isinstance(node, nodes.For):
            iterated = self.infer(node.iter, scope)
            element = _Typed(_element(iterated.hint), f"{iterated.path}[]" if iterated.path else None)
            inner = dict(scope)
            self.bind(node.target, element, inner)
            inner["loop"] = _UNKNOWN
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            self.bind(node.target, _UNKNOWN, scope)
        elif isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.visit(child, scope)
            self.bind(node.target, _UNKNOWN, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                self.bind(arg, _UNKNOWN, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return "…"


# ----------------------------------------------------------------------------------- the check


def check_template(path: Path, env: SandboxedEnvironment | None = None,
                   schema: type = DocumentContext) -> list[TemplateIssue]:
    """Every problem of the template found without rendering it."""
    return analyse_template(path, env, schema)[0]


def analyse_template(path: Path, env: SandboxedEnvironment | None = None,
                     schema: type = DocumentContext) -> tuple[list[TemplateIssue], set[str]]:
    """The problems of the template, and the context paths (``a.b[].c``) it uses."""
    env = env or make_environment()
    from generator.render.document import template_file_problem

    problem = template_file_problem(path)
    if problem:  # an Excel workbook, a .docm or an old .doc given as the template
        return [issue("syntax", None, problem)], set()
    try:
        paragraphs, issues = read_tags(path)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        return [issue("syntax", None, f"{path} 不是可读取的 Word 文档（{type(exc).__name__}）")], set()
    lines, places = [], {}
    for tags in paragraphs:
        if tags:
            lines.append(" ".join(_jinja_text(t) for t in tags))
            places[len(lines)] = tags[0].place
    source = "\n".join(lines)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [*issues, issue("syntax", places.get(exc.lineno or 0), _syntax_message(exc))], set()
    issues.extend(_structure(paragraphs))
    names = _Names(env, schema, places)
    names.visit(tree, dict(names.root))
    issues.extend(names.issues)
    return issues, names.used


_JINJA_MESSAGES = (
    (r"Unexpected end of template.*'(end\w+)'", "缺少 {{% {0} %}}"),
    (r"Encountered unknown tag '(\w+)'.*'(end\w+)'", "遇到了 {{% {0} %}}，但前面的块还没有用 {{% {1} %}} 结束"),
    (r"Encountered unknown tag '(\w+)'", "未知的标签 {{% {0} %}}"),
    (r"unexpected '([^']+)'", "多余或错误的字符“{0}”"),
    (r"expected token '([^']+)', got '([^']+)'", "此处应为“{0}”，实际为“{1}”"),
)


def _syntax_message(exc: TemplateSyntaxError) -> str:
    message = exc.message or str(exc)
    for pattern, chinese in _JINJA_MESSAGES:
        m = re.search(pattern, message, re.S)
        if m:
            return chinese.format(*m.groups()) + f"（{message.splitlines()[0]}）"
    return message


def check_with_samples(path: Path, samples: Sequence[Path]) -> list[TemplateIssue]:
    """Render the template with each sample workbook; report each sample that fails."""
    import tempfile

    from generator.render.document import RenderError, render_document
    from generator.workbook.reader import read_workbook

    issues = []
    for sample in samples:
        accounts = read_workbook(sample)
        with tempfile.TemporaryDirectory(prefix="juesuan-tplcheck-") as tmp:
            try:
                render_document(accounts, Path(tmp), template=path)
            except RenderError as exc:
                issues.append(issue("render-failed", None, f"样例 {sample.name}：{exc.message}"))
    return issues


def issue_kinds_markdown() -> str:
    lines = ["| 编号 | 问题 | 严重程度 | 怎么改 |", "|---|---|---|---|"]
    lines += [f"| `{k.id}` | {k.title} | {k.severity} | {k.hint} |" for k in _KINDS]
    return "\n".join(lines)


__all__ = [
    "ISSUE_KINDS", "Place", "TemplateIssue", "analyse_template", "check_template", "check_with_samples",
    "issue_kinds_markdown",
]
