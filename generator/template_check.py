"""Checks an edited Word template before any render, and names the place of every problem.

A template maintainer edits the .docx in Word; Word splits text into runs, and a tag may end up
broken, misspelt or in the wrong place. The check parses the Jinja source of each part (body,
headers, footers) exactly as the renderer compiles it (``generator.render.template_source``, shared
by both: what the build accepts the check accepts, and the other way round), and checks it against
the environment's filters and the context's schema (``DocumentContext``): syntax, blocks not closed
(named at the tag that opens them), tags that would be printed literally (full-width braces, ``{ {``,
a ``{{`` without ``}}``), tags split across differently formatted text, unknown variables,
attributes and filters, and ``{%tr %}``/``{%p %}`` misuse. Then it renders the template with every
sample workbook and with variants of each made for the purpose (no prior year, a zero budget, no
三公, no government funds, no 表9, empty optional sheets), so a figure printed without its state
test fails here, not for the first department that meets it. The kinds of issue are declared
records, like the workbook's problems; their reference is generated from ``ISSUE_KINDS``.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from generator import model
from generator.forms import form_of
from generator.model import ZERO, DepartmentAccounts, Line, SubjectTable
from generator.render.context import DocumentContext
from generator.render.environment import make_environment
from generator.render.template_source import SOURCE_HINTS, PartSource, Place, SourceTag, locate_syntax_error

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
              "检查该处的 {{ }} 或 {% %} 是否成对、关键字是否拼写正确、引号和括号是否成对。"),
    IssueKind("block", "块没有结束或多了结束标签",
              "在该块应当结束的位置补上提示中的结束标签（如 {% endif %}、{%p endfor %}），或删去多余的结束标签。"),
    IssueKind("unclosed", "标签没有闭合", SOURCE_HINTS["unclosed"] + "。"),
    IssueKind("full-width", "标签用了全角符号", SOURCE_HINTS["full-width"] + "。"),
    IssueKind("near-miss", "像标签但写法不对", SOURCE_HINTS["near-miss"] + "。"),
    IssueKind("enter-in-tag", "标签中间有回车", SOURCE_HINTS["enter-in-tag"] + "。", WARNING),
    IssueKind("tracked-change", "模板中有未接受的修订", SOURCE_HINTS["tracked-change"] + "。"),
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
    IssueKind("render-failed", "用样例工作簿生成失败",
              "某种数据情况下模板会出错：在该处先判断状态（state）或是否有数据，再选择措辞"
              "（docs/templates.md 第 7 节）。"),
)
ISSUE_KINDS: Mapping[str, IssueKind] = {k.id: k for k in _KINDS}


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


# ----------------------------------------------------------------------------------- tag usage


def _structure(tags: Sequence[SourceTag]) -> list[TemplateIssue]:
    """{%tr %} and {%p %} usage: a loop spanning table rows needs tr, tr needs a table; tags split by formats."""
    issues: list[TemplateIssue] = []
    stack: list[SourceTag] = []
    for tag in tags:
        if tag.formats > 1:
            issues.append(issue("split-format", tag.place, f"标签 {tag.text} 的文字格式不一致"))
        if not tag.text.startswith("{%"):
            continue
        keyword = tag.keyword
        if tag.prefix in ("tr", "tc") and tag.in_table_row is None:
            issues.append(issue("tr-outside-table", tag.place, f"{tag.text} 不在表格中"))
        if tag.prefix == "p" and tag.paragraph_has_other_text:
            issues.append(issue("p-with-text", tag.place, f"{tag.text} 所在段落还有文字"))
        if keyword in ("for", "if"):
            stack.append(tag)
        elif keyword in ("endfor", "endif") and stack:
            start = stack.pop()
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

    def __init__(self, env: SandboxedEnvironment, root: type) -> None:
        self.env = env
        self.part: PartSource | None = None
        self.issues: list[TemplateIssue] = []
        self.root = {name: _Typed(hint, name) for name, hint in _fields(root).items()}
        self.root["loop"] = _UNKNOWN
        self.seen: set[tuple[str, int]] = set()
        self.used: set[str] = set()

    def report(self, kind: str, node: nodes.Node, detail: str, name: str) -> None:
        place = self.part.place_at(getattr(node, "lineno", 0), name) if self.part else None
        key = (detail, str(place))
        if key not in self.seen:
            self.seen.add(key)
            self.issues.append(issue(kind, place, detail))

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
                            f"变量“{node.name}”不存在{self._suggest(node.name, list(scope))}", node.name)
            return _UNKNOWN
        if isinstance(node, nodes.Getattr):
            owner = self.infer(node.node, scope)
            hint = _attribute(owner.hint, node.attr)
            if hint is None:
                names = list(_fields(owner.hint)) if dataclasses.is_dataclass(owner.hint) else []
                suggestion = self._suggest(node.attr, names)
                self.report("unknown-attribute", node, f"“{_dotted(node.node)}”中没有属性“{node.attr}”{suggestion}",
                            node.attr)
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
                            f"{kind}“{node.name}”不存在{self._suggest(node.name, list(table))}", node.name)
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
    """The problems of the template, and the context paths (``a.b[].c``) it uses.

    Each part is parsed from the source the renderer compiles (``template_sources``): a tag the build
    accepts passes here, a tag the build refuses is reported here, at its place.
    """
    env = env or make_environment()
    from generator.render.document import template_file_problem, template_sources

    problem = template_file_problem(path)
    if problem:  # an Excel workbook, a .docm or an old .doc given as the template
        return [issue("syntax", None, problem)], set()
    try:
        parts = template_sources(path)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError) as exc:
        return [issue("syntax", None, f"{path} 不是可读取的 Word 文档（{type(exc).__name__}）")], set()
    issues: list[TemplateIssue] = []
    names = _Names(env, schema)
    for part in parts:
        issues.extend(issue(p.kind, p.place, p.detail) for p in part.problems)
        if any(p.kind == "unclosed" for p in part.problems):
            continue  # docxtpl joins the text up to the next closing delimiter: Jinja's errors would mislead
        try:
            tree = env.parse(part.source)
        except TemplateSyntaxError as exc:
            misplaced = [i for i in _structure(part.tags) if i.kind.id == "tr-outside-table"]
            issues.extend(misplaced or [_syntax_issue(part, exc, env)])  # docxtpl leaves such a {%tr %} to Jinja
            continue
        issues.extend(_structure(part.tags))
        names.part = part
        before = len(names.issues)
        names.visit(tree, dict(names.root))
        if len(names.issues) == before:
            try:  # what only compiling finds (Jinja looks the filters and tests up then)
                env.compile(tree)
            except TemplateSyntaxError as exc:
                issues.append(_syntax_issue(part, exc, env))
    issues.extend(names.issues)
    return issues, names.used


_BLOCK_ERROR = re.compile(r"Unexpected end of template|Encountered unknown tag '(end\w+|elif|else)'")


def _syntax_issue(part: PartSource, exc: TemplateSyntaxError, env: SandboxedEnvironment) -> TemplateIssue:
    place, detail = locate_syntax_error(part, exc, env)
    return issue("block" if _BLOCK_ERROR.search(exc.message or "") else "syntax", place, detail)


# ----------------------------------------------------------------------------------- rendering with samples


def _zero_line(line: Line) -> Line:
    return dataclasses.replace(line, values=MappingProxyType(dict.fromkeys(line.values, ZERO)))


def _empty_subjects(table: SubjectTable) -> SubjectTable:
    return dataclasses.replace(table, rows=(), total=_zero_line(table.total))


def _without_three_public(a: DepartmentAccounts) -> DepartmentAccounts:
    t7 = a.t7_three_public
    return dataclasses.replace(a, t7_three_public=dataclasses.replace(
        t7, budget=_zero_line(t7.budget), actual=_zero_line(t7.actual)),
        three_public_details=model.ThreePublicDetails())


def _without_table_9(a: DepartmentAccounts) -> DepartmentAccounts:
    form = form_of(a)
    return dataclasses.replace(a, t9_state_capital=_empty_subjects(a.t9_state_capital),
                               form=dataclasses.replace(form, tables=tuple(t for t in form.tables if t.table != "t9")))


def _optional_sheets_empty(a: DepartmentAccounts) -> DepartmentAccounts:
    return dataclasses.replace(
        a, evaluations=(), key_work=(), glossary_extra=(), reasons=model.Reasons(),
        procurement=model.Procurement(), office_cost=model.OfficeOperatingCost(ZERO),
        general_expenditure=model.GeneralExpenditure(), performance_management=model.PerformanceManagement(),
        three_public_details=model.ThreePublicDetails(), assets=model.StateAssets(),
        info=dataclasses.replace(a.info, functions=(), publication_date="", internal_offices="", unit_composition=""))


def _zero_budget(a: DepartmentAccounts) -> DepartmentAccounts:
    t7 = a.t7_three_public
    return dataclasses.replace(
        a, budget=tuple(dataclasses.replace(b, budget=ZERO) for b in a.budget),
        t7_three_public=dataclasses.replace(t7, budget=_zero_line(t7.budget)),
        evaluations=tuple(dataclasses.replace(e, budget=ZERO) for e in a.evaluations))


# Department shapes every template must word (docs/templates.md 第 7 节): each sample is also rendered so.
SAMPLE_VARIANTS: tuple[tuple[str, Callable[[DepartmentAccounts], DepartmentAccounts]], ...] = (
    ("没有上年数（新成立的部门）", lambda a: dataclasses.replace(a, prior=model.PriorYear())),
    ("年初预算为 0", _zero_budget),
    ("没有“三公”经费", _without_three_public),
    ("没有政府性基金", lambda a: dataclasses.replace(a, t8_government_fund=_empty_subjects(a.t8_government_fund))),
    ("没有国有资本经营预算（表9 无数据）",
     lambda a: dataclasses.replace(a, t9_state_capital=_empty_subjects(a.t9_state_capital))),
    ("表样中没有表9", _without_table_9),
    ("可选的工作表都没有填", _optional_sheets_empty),
    ("以上情况同时出现", lambda a: _optional_sheets_empty(_without_table_9(_without_three_public(_zero_budget(
        dataclasses.replace(a, prior=model.PriorYear(),
                            t8_government_fund=_empty_subjects(a.t8_government_fund))))))),
)


def sample_variants(accounts: DepartmentAccounts) -> list[tuple[str, DepartmentAccounts]]:
    """The sample as it is, then each of ``SAMPLE_VARIANTS`` of it: (description, accounts)."""
    return [("", accounts), *((name, make(accounts)) for name, make in SAMPLE_VARIANTS)]


def render_with_samples(path: Path, samples: Sequence[tuple[str, Any]],
                        variants: Sequence[tuple[str, Callable[[Any], Any]]],
                        try_template: Callable[[Any, Path], Any], *,
                        progress: Callable[[int, int, str], None] | None = None) -> list[TemplateIssue]:
    """Render the template with each sample model (``(name, model)``) as it is and in each of ``variants``
    of it, writing nothing (``try_template``); one ``render-failed`` issue per fault found.

    Shared by every document kind: the kind gives its sample models, its variants (department shapes its
    template must word) and its renderer. A fault met by several samples or variants is reported once,
    with the first that met it (for a rate printed without its state test, “没有上年数”).
    """
    from generator.render.document import RenderError, TemplateRenderError

    issues: list[TemplateIssue] = []
    seen: set[tuple[str, str]] = set()
    total = len(samples) * (1 + len(variants))
    done = 0
    for name, model_ in samples:
        for variant, shaped in [("", model_), *((v, make(model_)) for v, make in variants)]:
            if progress is not None:
                progress(done, total, f"{Path(name).stem} {variant}".strip())
            done += 1
            shape = f" 改为“{variant}”时" if variant else ""
            try:
                try_template(shaped, path)
            except TemplateRenderError as exc:
                key = (str(exc.place), exc.detail)
                if key not in seen:
                    seen.add(key)
                    issues.append(issue("render-failed", exc.place, f"样例 {name}{shape}：{exc.detail}"))
            except RenderError as exc:
                if ("", exc.message) not in seen:
                    seen.add(("", exc.message))
                    issues.append(issue("render-failed", None, f"样例 {name}{shape}：{exc.message}"))
    return issues


def check_with_samples(path: Path, samples: Sequence[Path], *, variants: bool = True,
                       progress: Callable[[int, int, str], None] | None = None) -> list[TemplateIssue]:
    """The final accounts' template rendered with each sample workbook and each of ``SAMPLE_VARIANTS`` of it."""
    from generator.render.document import try_template
    from generator.workbook.reader import read_workbook

    models = [(sample.name, read_workbook(sample)) for sample in samples]
    return render_with_samples(path, models, SAMPLE_VARIANTS if variants else (), try_template, progress=progress)


def issue_kinds_markdown() -> str:
    lines = ["| 编号 | 问题 | 严重程度 | 怎么改 |", "|---|---|---|---|"]
    lines += [f"| `{k.id}` | {k.title} | {k.severity} | {k.hint} |" for k in _KINDS]
    return "\n".join(lines)


__all__ = [
    "ISSUE_KINDS", "SAMPLE_VARIANTS", "Place", "TemplateIssue", "analyse_template", "check_template",
    "check_with_samples", "issue_kinds_markdown", "render_with_samples", "sample_variants",
]
