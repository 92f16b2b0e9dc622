"""Render one department's document: figures → context → Word template → .docx and chart PNGs.

``render_document`` is the only entry point the pipeline calls (after the checks pass). It writes
``<output_dir>/<部门>/<年度>/<文件名>.docx`` and the four chart PNGs beside it, each atomically (a
temporary file in the same folder, then ``os.replace``), so a reader never sees half a file. The
same workbook and templates always give byte-identical files.

Speed (a batch renders hundreds of documents per process): each Word template is read, patched and
compiled by Jinja once per process and reused (``_CachedTemplate``, byte-identical to docxtpl's own
rendering); ``RenderedDocument.timings`` gives the seconds of each stage (figures, charts, docx, write).
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import dataclasses
import functools
import hashlib
import html
import io
import os
import re
import secrets
import time
import traceback
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from docx import Document
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree

from generator.figures import compute_figures
from generator.forms import form_of
from generator.model import DepartmentAccounts
from generator.office_files import has_entity_declaration, package_defects, sniff, xml_members
from generator.paths import department_folder, path_problem, safe_name
from generator.render import charts as chart_module
from generator.render import docx_xml
from generator.render.context import ChartContext, DocumentContext, as_template_variables, build_context
from generator.render.environment import environment_key, shared_environment
from generator.render.limits import TemplateLimitError, render_budget
from generator.render.settings import TEMPLATE_FILE, LayoutSettings, load_settings
from generator.render.template_source import (
    SOURCE_HINTS,
    PartSource,
    Place,
    SourceProblem,
    heading_style_ids,
    locate_syntax_error,
    part_label,
    part_source,
    runtime_detail,
)

__all__ = [
    "DocumentLockedError",
    "RenderError",
    "RenderedDocument",
    "TemplateRenderError",
    "render_document",
    "render_variables",
    "template_file_problem",
    "template_sources",
    "try_template",
]


class RenderError(Exception):
    """The document could not be produced; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TemplateRenderError(RenderError):
    """The Word template has a wrong tag or uses a variable that does not exist.

    ``place`` is where (part, heading, table and row, paragraph), ``detail`` what, both in Chinese;
    ``message`` is the one sentence that says both.
    """

    def __init__(self, message: str, template: Path, paragraph: str = "", *, place: Place | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.template = template
        self.paragraph = paragraph
        self.place = place
        self.detail = detail


class _SourceRefused(Exception):
    """A part of the template has what looks like a tag but would be printed literally (``｛｛``, ``{{`` alone)."""

    def __init__(self, problem: SourceProblem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


class DocumentLockedError(RenderError):
    """The target file cannot be replaced: it is open in Word (or the folder is read-only)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"无法写入文件「{path}」：该文件可能正在 Word 或 WPS 中打开，或没有写入权限。"
            f"请关闭该文件后重新生成。")
        self.path = path


@dataclass(frozen=True)
class RenderedDocument:
    """What ``render_document`` wrote: the .docx and the chart PNGs, and the seconds each stage took."""

    docx: Path
    charts: tuple[Path, ...]
    timings: Mapping[str, float] = field(default_factory=dict, compare=False)  # a dict: picklable for batch workers


# --------------------------------------------------------------------------------------------- public


def render_document(accounts: DepartmentAccounts, output_dir: Path, *, template: Path | None = None,
                    draft: bool = False, settings: LayoutSettings | None = None,
                    inspect: Callable[[bytes], None] | None = None) -> RenderedDocument:
    """Write the complete 部门决算公开 document of ``accounts`` and its charts under ``output_dir``.

    ``template`` replaces the layout's Word template (same settings); ``draft`` marks the first page
    as 草稿 (``build --force`` when the checks fail). ``inspect`` sees the .docx bytes before anything
    is written and may raise to write nothing (the build's self-audit). Raises ``RenderError``
    (Chinese message).
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    settings = settings or load_settings(accounts.info.layout)
    template_path = Path(template) if template is not None else form_template(accounts, settings)
    if not template_path.is_file():
        raise RenderError(f"找不到 Word 模板「{template_path}」（公开格式：{settings.layout}）。")
    problem = template_file_problem(template_path)
    if problem:
        raise RenderError(problem)
    context = _document_context(accounts, settings, draft)
    lap("figures")

    folder = department_folder(output_dir, accounts.info.name, accounts.info.year)
    file_name = safe_name(settings.document_file.format(year=accounts.info.year, department=accounts.info.name))
    pngs = render_charts(context)
    lap("charts")
    docx_bytes = render_docx(context, template_path, settings, pngs, fixed_date(accounts),
                             title=Path(file_name).stem)
    lap("docx")
    if inspect is not None:
        inspect(docx_bytes)
        lap("inspect")

    docx_path = folder / file_name
    chart_paths = [folder / safe_name(chart.file) for chart, _ in pngs]
    for path in (docx_path, *chart_paths):
        reason = path_problem(path)
        if reason:
            raise RenderError(f"无法保存「{path}」：{reason}。请缩短部门名称或输出目录后重新生成。")
    folder.mkdir(parents=True, exist_ok=True)
    write_all_atomic([(docx_path, docx_bytes), *zip(chart_paths, (data for _, data in pngs), strict=True)])
    lap("write")
    return RenderedDocument(docx_path, tuple(chart_paths), dict(timings))


def try_template(accounts: DepartmentAccounts, template: Path) -> None:
    """Render ``accounts`` with ``template`` as ``render_document`` would, writing nothing (``template check``).

    The charts are a blank picture: they do not depend on the template, and drawing them is most of the
    time of a render. Raises ``RenderError`` (``TemplateRenderError`` with the place for a template fault).
    """
    settings = load_settings(accounts.info.layout)
    problem = template_file_problem(Path(template))
    if problem:
        raise RenderError(problem)
    context = _document_context(accounts, settings, False)
    charts = context.charts
    blank = _blank_png()
    pngs = [(chart, blank) for chart in (charts.total, charts.income, charts.expenditure, charts.appropriation)]
    render_docx(context, Path(template), settings, pngs, fixed_date(accounts))


@functools.cache
def _blank_png() -> bytes:
    return chart_module.encode_png(np.full((8, 8, 4), 255, dtype=np.uint8), 72)


# --------------------------------------------------------------------------------------------- stages


def _document_context(accounts: DepartmentAccounts, settings: LayoutSettings, draft: bool) -> DocumentContext:
    figures = compute_figures(accounts, percent_decimals=settings.percent_decimals, grades=settings.grades)
    context = build_context(accounts, figures, settings)
    return dataclasses.replace(context, draft=True) if draft else context


def form_template(accounts: DepartmentAccounts, settings: LayoutSettings) -> Path:
    """The Word template of the workbook's form: its own folder when the form names one (湖南 2019), else
    the layout's (``layouts.toml``)."""
    folder = form_of(accounts).template
    return settings.templates_dir / folder / TEMPLATE_FILE if folder else settings.template_path


def render_charts(context: DocumentContext) -> list[tuple[ChartContext, bytes]]:
    out = []
    for chart in (context.charts.total, context.charts.income, context.charts.expenditure,
                  context.charts.appropriation):
        spec = chart.spec
        data = chart_module.render_bar(spec) if isinstance(spec, chart_module.BarComparison) \
            else chart_module.render_pie(spec)
        out.append((chart, data))
    return out


def render_docx(context: DocumentContext, template_path: Path, settings: LayoutSettings,
                pngs: list[tuple[ChartContext, bytes]], when: datetime, *, title: str = "") -> bytes:
    """The .docx bytes of ``context`` rendered with the template at ``template_path``."""
    env = shared_environment(settings)
    tpl = _open_template(Path(template_path), env, environment_key(settings))
    tpl.init_docx()
    width = Cm(settings.charts.width_cm)
    images = {chart.number: InlineImage(tpl, io.BytesIO(data), width=width) for chart, data in pngs}
    charts = context.charts
    context = dataclasses.replace(context, charts=dataclasses.replace(
        charts,
        total=dataclasses.replace(charts.total, image=images[charts.total.number]),
        income=dataclasses.replace(charts.income, image=images[charts.income.number]),
        expenditure=dataclasses.replace(charts.expenditure, image=images[charts.expenditure.number]),
        appropriation=dataclasses.replace(charts.appropriation, image=images[charts.appropriation.number]),
    ))
    return _render_opened(tpl, as_template_variables(context), env, template_path, settings, when, title=title,
                          author=context.department.name)


def render_variables(variables: Mapping[str, Any], template_path: Path, settings: LayoutSettings, when: datetime,
                     *, title: str = "", author: str = "") -> bytes:
    """The .docx bytes of a Word template rendered with ``variables`` (a document kind's context), with the
    shared environment, limits, page layout and package writing of the final accounts' documents."""
    env = shared_environment(settings)
    tpl = _open_template(Path(template_path), env, environment_key(settings))
    tpl.init_docx()
    return _render_opened(tpl, variables, env, Path(template_path), settings, when, title=title, author=author)


def _render_opened(tpl: DocxTemplate, variables: Mapping[str, Any], env: Environment, template_path: Path,
                   settings: LayoutSettings, when: datetime, *, title: str, author: str) -> bytes:
    try:
        with render_budget():
            tpl.render(variables, env)
    except RenderError:
        raise
    except Exception as exc:  # a template may make Python raise anything (1/0, 'a' + 1, deep recursion)
        raise _template_error(exc, tpl, template_path) from exc
    document = tpl.docx
    # the styles come from the template unchanged: computed once per template
    toc_styles = tpl.memo("toc styles", lambda: _toc_style_ids(document))
    levels = tpl.memo("outline levels", lambda: docx_xml.outline_levels(document))
    # page layout that depends on the rendered text (before the 目录 copies the headings)
    docx_xml.split_line_breaks(document)
    docx_xml.keep_table_ends(document)
    docx_xml.balance_headings(document)
    docx_xml.fill_toc(document, docx_xml.heading_entries(document, levels=levels), toc_styles)
    if settings.update_fields_on_open:
        docx_xml.set_update_fields(document)
    docx_xml.set_core_properties(document, when, author=author, title=title)
    members = docx_xml.with_app_properties(docx_xml.package_members(document), author)
    return docx_xml.package_bytes(members, when)


def _toc_style_ids(document) -> dict[int, str]:
    return docx_xml.toc_style_ids(document)


# --------------------------------------------------------------------------------------------- errors


def _kind_and_detail(exc: BaseException, part: PartSource | None, line: int | None,
                     env: Environment | None) -> tuple[str, str, Place | None]:
    """(what kind of fault, the detail, the place) of an exception raised while compiling or rendering."""
    if isinstance(exc, _SourceRefused):
        kind = "有不会被当作标签的文字" if exc.problem.kind in ("full-width", "near-miss") else "有写法错误的标签"
        if exc.problem.kind == "tracked-change":
            kind = "有未接受的修订"
        return kind, exc.problem.detail, exc.problem.place
    if isinstance(exc, TemplateSyntaxError):
        if part is not None and env is not None:
            place, detail = locate_syntax_error(part, exc, env)
            return "有写法错误的标签", detail, place
        return "有写法错误的标签", runtime_detail(exc)[0], None
    _, hints = runtime_detail(exc)
    tag = part.tag_at(line, *hints) if part is not None else None
    detail, _ = runtime_detail(exc, tag.text if tag else "")
    place = tag.place if tag else None
    if isinstance(exc, TemplateLimitError):
        return "超出了模板的运行限制", detail, place
    if isinstance(exc, SecurityError):
        return "使用了模板中不允许的写法", detail, place
    if isinstance(exc, UndefinedError | TemplateError):
        return "使用了不存在或无法输出的数据", detail, place
    if isinstance(exc, RecursionError):
        return "超出了模板的运行限制", "宏或循环递归调用过深", place
    if isinstance(exc, MemoryError | OverflowError):
        return "超出了模板的运行限制", "计算结果过大", place
    if isinstance(exc, ZeroDivisionError):
        return "有无法计算的表达式", "除数为零", place
    return "有无法计算的表达式", detail, place


def _template_error(exc: BaseException, tpl: DocxTemplate, template_path: Path) -> TemplateRenderError:
    """One Chinese sentence naming the template, the place of the faulty tag and what is wrong with it."""
    line = getattr(exc, "lineno", None)
    if not isinstance(exc, TemplateSyntaxError) or line is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
        line = frames[-1].lineno if frames else line
    part = getattr(tpl, "prepared_part", None)
    kind, detail, place = _kind_and_detail(exc, part, line, getattr(tpl, "_env", None))
    if place is None and line:
        text = _paragraph_at(tpl, line)
        place = Place(part.part if part is not None else "正文", text) if text else None
    detail = detail.rstrip("。；，")
    where = f"的{place}" if place else ""
    todo = SOURCE_HINTS[exc.problem.kind] if isinstance(exc, _SourceRefused) else "请在 Word 中改正后重新生成"
    message = f"Word 模板「{template_path}」{where}{kind}：{detail}；{todo}。"
    return TemplateRenderError(message, template_path, place.paragraph if place else "", place=place, detail=detail)


_TEMPLATE_KINDS = {
    "xlsx": "是 Excel 工作簿，不是 Word 模板",
    "xlsm": "是 Excel 工作簿，不是 Word 模板",
    "strict-xlsx": "是 Excel 工作簿，不是 Word 模板",
    "docm": "是启用宏的 Word 文档（.docm）；为安全起见不使用含宏的模板，请在 Word 中“另存为”“Word 文档(*.docx)”",
    "dotx": "是 Word 模板文件（.dotx）；请在 Word 中打开后“另存为”“Word 文档(*.docx)”",
    "doc": "是旧版 Word 文档（.doc）；请在 Word 中打开后“另存为”“Word 文档(*.docx)”",
    "strict-docx": "以“Strict Open XML 文档”格式保存；请在 Word 中“另存为”“Word 文档(*.docx)”",
    "encrypted": "设置了打开密码；请在 Word 中取消密码后保存",
}


_MAX_TEMPLATE_BYTES = 200 * 1024 * 1024


@functools.lru_cache(maxsize=32)
def _template_file_problem(path: str, size: int, mtime_ns: int) -> str | None:
    kind = sniff(Path(path))
    if kind.kind != "docx":
        what = _TEMPLATE_KINDS.get(kind.kind, f"不是 Word 文档（{kind.detail}）；请使用 .docx 格式的 Word 模板")
        return f"Word 模板「{path}」{what}。"
    with zipfile.ZipFile(path) as zf:
        expanded = sum(i.file_size for i in zf.infolist())
        if expanded > _MAX_TEMPLATE_BYTES:  # python-docx reads every part into memory
            return (f"Word 模板「{path}」解压后约 {expanded // (1024 * 1024)} MB，超过上限 "
                    f"{_MAX_TEMPLATE_BYTES // (1024 * 1024)} MB；请删除模板中的大图片或嵌入文件。")
        defects = package_defects(zf, ("[Content_Types].xml", "word/document.xml"))
        if defects:
            return f"Word 模板「{path}」的文件结构异常：{defects[0].detail}。请在 Word 中打开后另存为新的 .docx。"
        for member in xml_members(zf):
            if has_entity_declaration(zf.read(member)):
                return (f"Word 模板「{path}」的部件 {member} 含有 XML 实体声明，为安全起见不予使用。"
                        "请在 Word 中打开后另存为新的 .docx。")
    return None


def template_file_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot be a Word template (Chinese), or ``None``: an Excel workbook, a
    .docm, .dotx or old .doc, a renamed file of another kind, a damaged or tampered package."""
    try:
        stat = path.stat()
        return _template_file_problem(str(path), stat.st_size, stat.st_mtime_ns)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return f"Word 模板「{path}」无法读取（文件可能已损坏）。请在 Word 中打开后另存为新的 .docx。"


def _paragraph_at(tpl: DocxTemplate, line: int) -> str:
    """The template paragraph at ``line`` of the source Jinja saw, shortened for a message."""
    try:
        source = getattr(tpl, "source", None)
        if source:
            text = docx_xml.source_line_text(source, line)
        else:
            text = docx_xml.template_paragraph_text(str(tpl.template_file), line)
    except Exception:  # the error message is best effort; never hide the real error
        return ""
    return text[:80] + ("…" if len(text) > 80 else "")


# --------------------------------------------------------------------------------------------- templates
#
# ``DocxTemplate.render`` re-reads the template, re-runs its regular expressions (``patch_xml``) and
# re-compiles the Jinja template of each part for every document, then parses the rendered body on
# its own and moves it into the document (lxml re-homes every node): most of the rendering time.
# ``_CachedTemplate`` does what ``DocxTemplate.render`` does, step by step, with each part's patched
# source compiled once per process (per template content and Jinja environment) and the rendered
# body parsed in place. The template file is read once (until its size, times or inode change).
# The output is byte-identical to ``DocxTemplate``'s (tests/render/test_template_cache.py checks it).

_CACHE_SIZE = 8  # templates (× environments) kept per process
_PARAGRAPH_AFTER_NEW_LINE = re.compile(r"\n<w:p([ >])")
_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as in DocxTemplate.resolve_listing
_NAMESPACE_DECLARATION = re.compile(r' xmlns(?::([^=\s]+))?="([^"]*)"')
_BODY_MARK = "juesuan-body"


@dataclass(frozen=True)
class _TemplateFile:
    path: Path
    data: bytes
    digest: str


@dataclass(frozen=True)
class _CompiledPart:
    source: str  # what Jinja compiled: the patched XML, one paragraph per line
    template: Template
    encoding: str = "utf-8"
    prepared: PartSource | None = None  # its tags and their places (None: a document property)


@dataclass(frozen=True)
class _DocumentFrame:
    """``word/document.xml`` of the template around its body, to parse a rendered body in place."""

    before: str  # up to the body
    after: str  # after the body
    namespaces: Mapping[str | None, str]  # declared by the document element: prefix → URI
    usable: bool  # False when the document element declares a URI twice (then docxtpl's way is used)


_files: OrderedDict[tuple, _TemplateFile] = OrderedDict()
_compiled: OrderedDict[tuple, dict[str, object]] = OrderedDict()


def _remember(cache: OrderedDict, key, value):
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return value


def _template_file(path: Path) -> _TemplateFile:
    """The bytes of the template at ``path``, read again only when the file changed."""
    stat = path.stat()
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
    found = _files.get(key)
    if found is None:
        data = path.read_bytes()
        found = _remember(_files, key, _TemplateFile(path, data, hashlib.sha256(data).hexdigest()))
    return found


def _open_template(path: Path, env: Environment, env_key: tuple) -> DocxTemplate:
    """A ``DocxTemplate`` for ``path`` that reuses what earlier documents compiled."""
    file = _template_file(path)
    key = (file.digest, env_key)
    memo = _compiled.get(key)
    if memo is None:
        memo = _remember(_compiled, key, {})
    else:
        _compiled.move_to_end(key)
    return _CachedTemplate(file, env, memo)


def template_sources(path: Path) -> list[PartSource]:
    """The Jinja source of each part (body, headers, footers) of the template at ``path``, with its tags and
    problems: exactly what ``render_docx`` compiles (``template check`` parses these)."""
    tpl = _CachedTemplate(_template_file(Path(path)), shared_environment(), {})
    tpl.init_docx()
    parts = [tpl.prepared("body", tpl.get_xml, "word/document.xml")]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel_key, part in tpl.get_headers_footers(uri):
            parts.append(tpl.prepared(f"{uri} {rel_key}", functools.partial(tpl.get_part_xml, part),
                                      str(part.partname)))
    return parts


def clear_template_cache() -> None:
    """Forget the cached template files and compiled templates (tests; a long-lived process)."""
    _files.clear()
    _compiled.clear()


def _recovering_parser() -> etree.XMLParser:
    """docxtpl's parser for rendered XML (``recover=True``), making python-docx's element classes."""
    parser = etree.XMLParser(recover=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


_PARSER = _recovering_parser()


class _CachedTemplate(DocxTemplate):
    """``DocxTemplate`` that compiles each part once per process; renders what ``DocxTemplate`` renders.

    ``render`` runs the steps of ``DocxTemplate.render`` in the same order. Those that read or compile
    the template (``init_docx``, ``build_xml``, ``build_headers_footers_xml``, ``render_properties``)
    use ``memo``, shared by every document made from the same template and environment; the body is
    parsed inside the template's document element instead of apart and moved there (``map_tree``).
    ``source`` is the Jinja source of the part being rendered, for error messages.
    """

    def __init__(self, file: _TemplateFile, env: Environment, memo: dict[str, object]) -> None:
        super().__init__(str(file.path))
        self._file = file
        self._env = env
        self._memo = memo
        self.source = ""
        self.prepared_part: PartSource | None = None

    def memo(self, key: str, make: Callable[[], object]):
        """``make()``, computed once per template and environment (it must depend on nothing else)."""
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            self.docx = Document(io.BytesIO(self._file.data))
            self.is_rendered = False

    def render(self, context, jinja_env=None, autoescape: bool = False) -> None:
        if autoescape or jinja_env not in (None, self._env):
            raise ValueError("_CachedTemplate renders with its own environment")
        self.render_init()
        xml = self.build_xml(context)
        frame = self.memo("document frame", self._document_frame)
        body = _without_redundant_declarations(xml, frame) if frame.usable else None
        if body is not None:
            tree = etree.fromstring(frame.before + body + frame.after, _PARSER)
            _fix_tables(tree)
            self.fix_docpr_ids(tree)
            part = self.docx.part
            part._element = tree
            self.docx = part.document
        else:  # docxtpl's own steps: the same result, more slowly
            tree = self.fix_tables(xml)
            self.fix_docpr_ids(tree)
            self.map_tree(tree)
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for rel_key, part_xml in self.build_headers_footers_xml(context, uri):
                self.map_headers_footers_xml(rel_key, part_xml)
        self.render_properties(context)
        self.render_footnotes(context, self._env)
        self.is_rendered = True

    def fix_docpr_ids(self, tree) -> None:
        """``DocxTemplate.fix_docpr_ids``, also on python-docx elements (whose ``xpath`` takes no namespaces)."""
        for elt in etree._Element.xpath(tree, "//wp:docPr", namespaces=nsmap):
            self.docx_ids_index += 1
            elt.attrib["id"] = str(self.docx_ids_index)

    def _document_frame(self) -> _DocumentFrame:
        """The template's document element serialised around a mark where the body goes."""
        root = self.docx.element
        frame = copy.deepcopy(root)
        frame.replace(frame.find(qn("w:body")), etree.Comment(_BODY_MARK))
        before, after = etree.tostring(frame, encoding="unicode").split(f"<!--{_BODY_MARK}-->")
        namespaces = dict(root.nsmap)
        return _DocumentFrame(before, after, namespaces, len(set(namespaces.values())) == len(namespaces))

    def prepared(self, key: str, xml: Callable[[], str], part_name: str) -> PartSource:
        """The Jinja source of a part with its tags and places (``template_source.part_source``), once."""
        found = self._memo.get(f"source {key}")
        if found is None:
            headings = self.memo("heading styles", lambda: heading_style_ids(self.docx.styles.element))
            found = self._memo[f"source {key}"] = part_source(xml(), part_label(part_name), headings,
                                                               self.patch_xml)
        return found

    def _part(self, key: str, xml: Callable[[], str], part_name: str = "word/document.xml") -> _CompiledPart:
        found = self._memo.get(key)
        if found is None:
            raw = xml()
            prepared = self.prepared(key, lambda: raw, part_name)
            self.prepared_part, self.source = prepared, prepared.source
            refused = next((p for p in prepared.problems if p.fatal), None)
            if refused is not None:
                raise _SourceRefused(refused)
            found = _CompiledPart(prepared.source, self._env.from_string(prepared.source),
                                  self.get_headers_footers_encoding(raw), prepared)
            self._memo[key] = found
        self.prepared_part, self.source = found.prepared, found.source
        return found

    def _render_part(self, compiled: _CompiledPart, part, context) -> str:
        """``DocxTemplate.render_xml_part`` with the compiled template."""
        self.current_rendering_part = part
        try:
            xml = compiled.template.render(context)
        except TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                first = max(exc.lineno - 4, 0)
                exc.docx_context = [re.sub(r"<[^>]+>", "", x) for x in compiled.source.splitlines()[first:first + 7]]
            raise
        xml = _PARAGRAPH_AFTER_NEW_LINE.sub(r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(xml)

    def build_xml(self, context, jinja_env=None) -> str:
        return self._render_part(self._part("body", self.get_xml), self.docx.part, context)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        for rel_key, part in self.get_headers_footers(uri):
            compiled = self._part(f"{uri} {rel_key}", functools.partial(self.get_part_xml, part), str(part.partname))
            yield rel_key, self._render_part(compiled, part, context).encode(compiled.encoding)

    def render_properties(self, context, jinja_env=None) -> None:
        properties = self.docx.core_properties
        for name in ("author", "comments", "identifier", "language", "subject", "title"):
            initial = getattr(properties, name)
            key = f"property {initial}"
            compiled = self._memo.get(key)
            if compiled is None:
                self.source, self.prepared_part = initial, None
                compiled = self._memo[key] = _CompiledPart(initial, self._env.from_string(initial))
            self.source, self.prepared_part = compiled.source, None
            setattr(properties, name, compiled.template.render(context))

    def resolve_listing(self, xml: str) -> str:
        """``DocxTemplate.resolve_listing``, run only on the paragraphs it would change.

        It rewrites tab, line feed, bell and form feed characters inside paragraphs (matched one after
        the other by ``_PARAGRAPH``); a paragraph without any is left as it is.
        """
        specials = [m.start() for m in _LISTING_CHARACTERS.finditer(xml)]
        if not specials:
            return xml
        resolve = super().resolve_listing
        out, done = [], 0
        for m in _PARAGRAPH.finditer(xml):
            start, end = m.span()
            i = bisect.bisect_left(specials, start)
            if i < len(specials) and specials[i] < end:
                out.append(xml[done:start])
                out.append(resolve(m.group(0)))
                done = end
        out.append(xml[done:])
        return "".join(out)


def _without_redundant_declarations(xml: str, frame: _DocumentFrame) -> str | None:
    """The rendered body ``xml`` without the namespace declarations ``DocxTemplate.map_tree`` drops.

    docxtpl serialises the body with every namespace of the document element declared on it, parses
    it apart and moves it into the document element; lxml then removes each declaration of a URI that
    an ancestor already declares (``moveNodeToDocument``). Here that is done on the text: the body's
    declarations, and those of the elements inside it (an inserted picture declares ``wp``, ``a``,
    ``pic`` and ``r``) that repeat one of the document element, prefix and URI, are removed; new ones
    are kept. ``None`` (use docxtpl's way) where the outcome would be less obvious: an element
    binding a known URI to another prefix, or elements with declarations nested in one another.
    """
    known_uris = set(frame.namespaces.values())
    tags: dict[int, list[re.Match]] = {}  # start of each tag with declarations → its declarations
    for m in _NAMESPACE_DECLARATION.finditer(xml):
        opening = xml.rfind("<", 0, m.start())
        if opening <= xml.rfind(">", 0, m.start()):
            continue  # text, not inside a tag
        tags.setdefault(opening, []).append(m)
    pieces, done, inside_until = [], 0, 0
    for opening, declarations in tags.items():
        if opening and opening < inside_until:
            return None  # nested in the previous element with declarations
        if opening:
            inside_until = _element_end(xml, opening)
            if inside_until is None:
                return None
        for m in declarations:
            prefix, uri = m.group(1), html.unescape(m.group(2))
            if frame.namespaces.get(prefix) == uri:
                pieces.append(xml[done:m.start()])
                done = m.end()
            elif opening == 0 or uri in known_uris:
                return None
    pieces.append(xml[done:])
    return "".join(pieces)


def _element_end(xml: str, opening: int) -> int | None:
    """The position after the element whose start tag begins at ``opening`` (``None``: not found)."""
    tag_end = xml.find(">", opening) + 1
    if tag_end <= 0:
        return None
    if xml[tag_end - 2] == "/":
        return tag_end
    name = re.match(r"<([^\s/>]+)", xml[opening:tag_end]).group(1)
    same = re.compile(rf"<{re.escape(name)}[\s/>]|</{re.escape(name)}\s*>")
    depth, position = 1, tag_end
    while depth:
        m = same.search(xml, position)
        if m is None:
            return None
        position = xml.find(">", m.start()) + 1
        if m.group(0).startswith("</"):
            depth -= 1
        elif xml[position - 2] != "/":
            depth += 1
    return position


# Whether ``_fix_tables`` can leave a table as it is: no row has more cells than the grid has columns,
# and some row spans them all (a cell spans its first ``w:tcPr``'s first ``w:gridSpan``, else one column).
_GRID_COLUMNS = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=nsmap)
_ROW_WITH_MORE_CELLS = etree.XPath("boolean(.//w:tr[count(w:tc) > $columns])", namespaces=nsmap)
_ROW_SPANNING_ALL = etree.XPath(
    "boolean(.//w:tr[count(w:tc) - count(w:tc/w:tcPr[1]/w:gridSpan[1])"
    " + sum(w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val) >= $columns])", namespaces=nsmap)


def _fix_tables(tree) -> None:
    """``DocxTemplate.fix_tables`` on a parsed tree: the same changes, tables that need none skipped."""
    ns = "{" + tree.nsmap["w"] + "}"
    tbl, tbl_grid, grid_col, tr, tc = ns + "tbl", ns + "tblGrid", ns + "gridCol", ns + "tr", ns + "tc"
    tc_pr, grid_span, w, val = ns + "tcPr", ns + "gridSpan", ns + "w", ns + "val"
    for t in tree.iter(tbl):
        columns = _GRID_COLUMNS(t)
        if not _ROW_WITH_MORE_CELLS(t, columns=columns) and _ROW_SPANNING_ALL(t, columns=columns):
            continue
        grid = t.find(tbl_grid)
        columns = grid.findall(grid_col)
        most_cells = widest = 0  # the most cells in a row; the most grid columns a row spans
        for r in t.iter(tr):
            cells = r.findall(tc)
            most_cells = max(most_cells, len(cells))
            spanned = 0
            for cell in cells:
                properties = cell.find(tc_pr)
                span = None if properties is None else properties.find(grid_span)
                spanned += 1 if span is None else int(span.get(val))
            widest = max(widest, spanned)
        to_add = most_cells - len(columns)
        if to_add > 0:  # as docxtpl: keep the table's width, columns scaled to make room
            width = 0.0
            for c in columns:
                if c.get(w) is not None:
                    width += float(c.get(w))
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                for c in columns:
                    c.set(w, str(int(float(c.get(w)) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, grid_col, {w: str(int(new_average))})
        columns = grid.findall(grid_col)
        to_remove = len(columns) - widest
        if to_remove > 0:  # as docxtpl: the removed width shared by the columns left
            removed_width = 0.0
            for c in columns[-to_remove:]:
                removed_width += float(c.get(w))
                grid.remove(c)
            left = grid.findall(grid_col)
            extra_space = int(removed_width / len(left)) if left else 0
            for c in left:
                c.set(w, str(int(float(c.get(w)) + extra_space)))


# --------------------------------------------------------------------------------------------- files

def fixed_date(accounts: DepartmentAccounts) -> datetime:
    """The document's date, derived from the data: the publication date, else 1 January after the year."""
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", accounts.info.publication_date or "")
    if match:
        with contextlib.suppress(ValueError):
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    year = accounts.info.year if 1979 < accounts.info.year < 9999 else 2000
    return datetime(year + 1, 1, 1)


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: each to a temporary file first, then all moved into place.

    An earlier version of each file is set aside first and put back if any move fails, so that a
    failed build leaves the folder as it was. The first file is the one most likely to be locked (the
    document, open in Word), so a locked document stops everything before anything moved.
    """
    temps: list[tuple[Path, Path]] = []
    moved: list[tuple[Path, Path | None]] = []  # (target, its earlier version set aside)
    try:
        for path, data in files:
            temp = path.with_name(f".~{secrets.token_hex(6)}.tmp")  # short: a long name must not overflow
            with open(temp, "xb") as handle:
                temps.append((temp, path))
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for temp, path in temps:
            backup = None
            try:
                if path.exists():
                    backup = path.with_name(f".~{secrets.token_hex(6)}.old")
                    os.replace(path, backup)
                    moved.append((path, backup))
                os.replace(temp, path)
                if backup is None:
                    moved.append((path, None))
            except PermissionError as exc:
                raise DocumentLockedError(path) from exc
    except BaseException:
        for path, backup in reversed(moved):  # put the earlier versions back
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, path)
                else:
                    path.unlink()
        raise
    finally:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
    for _, backup in moved:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    A ``PermissionError`` (the file is open in Word on Windows, or the folder is read-only) becomes
    ``DocumentLockedError``; the temporary file is removed on any failure.
    """
    temp = path.with_name(f".~{secrets.token_hex(6)}.tmp")  # short: a long name must not overflow
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # readable by others (a web server publishing the folder), whatever the umask
        os.replace(temp, path)
    except PermissionError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise DocumentLockedError(path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
