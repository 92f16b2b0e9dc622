"""Render one department's document: figures → context → Word template → .docx and chart PNGs.

``render_document`` is the only entry point the pipeline calls (after the checks pass). It writes
``<output_dir>/<部门>/<年度>/<文件名>.docx`` and the four chart PNGs beside it, each atomically (a
temporary file in the same folder, then ``os.replace``), so a reader never sees half a file. The
same workbook and templates always give byte-identical files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import secrets
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError, TemplateSyntaxError

from generator.figures import compute_figures
from generator.model import DepartmentAccounts
from generator.render import charts as chart_module
from generator.render import docx_xml
from generator.render.context import ChartContext, DocumentContext, as_template_variables, build_context
from generator.render.environment import make_environment
from generator.render.settings import LayoutSettings, load_settings

__all__ = [
    "DocumentLockedError",
    "RenderError",
    "RenderedDocument",
    "TemplateRenderError",
    "render_document",
]


class RenderError(Exception):
    """The document could not be produced; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TemplateRenderError(RenderError):
    """The Word template has a wrong tag or uses a variable that does not exist."""

    def __init__(self, message: str, template: Path, paragraph: str = "") -> None:
        super().__init__(message)
        self.template = template
        self.paragraph = paragraph


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
                    draft: bool = False, settings: LayoutSettings | None = None) -> RenderedDocument:
    """Write the complete 部门决算公开 document of ``accounts`` and its charts under ``output_dir``.

    ``template`` replaces the layout's Word template (same settings); ``draft`` marks the first page
    as 草稿 (``build --force`` when the checks fail). Raises ``RenderError`` (Chinese message).
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    settings = settings or load_settings(accounts.info.layout)
    template_path = Path(template) if template is not None else settings.template_path
    if not template_path.is_file():
        raise RenderError(f"找不到 Word 模板「{template_path}」（公开格式：{settings.layout}）。")
    figures = compute_figures(accounts, percent_decimals=settings.percent_decimals, grades=settings.grades)
    context = build_context(accounts, figures, settings)
    if draft:
        context = dataclasses.replace(context, draft=True)
    lap("figures")

    folder = Path(output_dir) / safe_name(accounts.info.name) / str(accounts.info.year)
    file_name = safe_name(settings.document_file.format(year=accounts.info.year, department=accounts.info.name))
    pngs = render_charts(context)
    lap("charts")
    docx_bytes = render_docx(context, template_path, settings, pngs, fixed_date(accounts),
                             title=Path(file_name).stem)
    lap("docx")

    folder.mkdir(parents=True, exist_ok=True)
    chart_paths = []
    for chart, data in pngs:
        path = folder / safe_name(chart.file)
        write_atomic(path, data)
        chart_paths.append(path)
    docx_path = folder / file_name
    write_atomic(docx_path, docx_bytes)
    lap("write")
    return RenderedDocument(docx_path, tuple(chart_paths), dict(timings))


# --------------------------------------------------------------------------------------------- stages


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
    tpl = DocxTemplate(str(template_path))
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
    env = make_environment(settings)
    try:
        tpl.render(as_template_variables(context), env)
    except TemplateError as exc:
        raise _template_error(exc, tpl, template_path) from exc
    document = tpl.docx
    toc_styles = _toc_style_ids(document)
    docx_xml.fill_toc(document, docx_xml.heading_entries(document), toc_styles)
    if settings.update_fields_on_open:
        docx_xml.set_update_fields(document)
    docx_xml.set_core_properties(document, when, author=context.department.name, title=title)
    buffer = io.BytesIO()
    document.save(buffer)
    return docx_xml.deterministic_package(buffer.getvalue(), when)


def _toc_style_ids(document) -> dict[int, str]:
    ids: dict[int, str] = {}
    for style in document.styles:
        name = (style.name or "").lower()
        match = re.fullmatch(r"toc ([1-9])", name)
        if match:
            ids[int(match.group(1))] = style.style_id
    return ids


# --------------------------------------------------------------------------------------------- errors


def _template_error(exc: TemplateError, tpl: DocxTemplate, template_path: Path) -> TemplateRenderError:
    """A Chinese message naming the template and the paragraph around the faulty tag."""
    line = getattr(exc, "lineno", None)
    if not isinstance(exc, TemplateSyntaxError) or line is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
        line = frames[-1].lineno if frames else line
    paragraph = _paragraph_at(tpl, line) if line else ""
    kind = "有写法错误的标签" if isinstance(exc, TemplateSyntaxError) else "使用了不存在或无法输出的数据"
    where = f"，位置在段落「{paragraph}」附近" if paragraph else ""
    detail = exc.message or str(exc)
    message = f"Word 模板「{template_path}」中{kind}{where}：{detail}。请在 Word 中修改该处标签后重试。"
    return TemplateRenderError(message, template_path, paragraph)


def _paragraph_at(tpl: DocxTemplate, line: int) -> str:
    """The template paragraph at ``line`` of the source Jinja saw, shortened for a message."""
    try:
        text = docx_xml.template_paragraph_text(str(tpl.template_file), line)
    except Exception:  # the error message is best effort; never hide the real error
        return ""
    return text[:80] + ("…" if len(text) > 80 else "")


# --------------------------------------------------------------------------------------------- files

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def safe_name(name: str) -> str:
    """A file or folder name valid on Windows too (no <>:"/\\|?* nor control characters)."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(". ")
    return cleaned or "_"


def fixed_date(accounts: DepartmentAccounts) -> datetime:
    """The document's date, derived from the data: the publication date, else 1 January after the year."""
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", accounts.info.publication_date or "")
    if match:
        with contextlib.suppress(ValueError):
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    year = accounts.info.year if 1979 < accounts.info.year < 9999 else 2000
    return datetime(year + 1, 1, 1)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    A ``PermissionError`` (the file is open in Word on Windows, or the folder is read-only) becomes
    ``DocumentLockedError``; the temporary file is removed on any failure.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except PermissionError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise DocumentLockedError(path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
