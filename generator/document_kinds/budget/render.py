"""Writes the budget document: figures → context → the layout's Word template (docxtpl) → .docx.

The Jinja environment and its filters, the Word page-layout helpers and the atomic writing of files
are the shared ones (``generator.render``); the settings of the budget's layouts are in
``templates/budget/layouts.toml``.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from generator.paths import department_folder, path_problem, safe_name
from generator.render import docx_xml
from generator.render.document import RenderedDocument, RenderError, template_file_problem, write_all_atomic
from generator.render.environment import environment_key, shared_environment
from generator.render.limits import render_budget as render_limits
from generator.resources import TEMPLATES_DIR

from . import model as M
from .context import DocumentContext, as_template_variables, build_context
from .figures import compute_figures

SETTINGS_FILE = TEMPLATES_DIR / "budget" / "layouts.toml"
TEMPLATE_FILE = "document.docx"


@dataclass(frozen=True)
class BudgetSettings:
    """A budget layout's settings (the names the shared Jinja environment reads: ``environment_key``)."""

    layout: str
    folder: str
    document_file: str
    percent_decimals: int
    table_thousands: bool
    text_thousands: bool

    @property
    def template_path(self) -> Path:
        return SETTINGS_FILE.parent / self.folder / TEMPLATE_FILE


def load_budget_settings(layout: str) -> BudgetSettings:
    layouts = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8")).get("layouts", {})
    if layout not in layouts:
        raise RenderError(f"部门预算没有公开格式「{layout}」的模板；已有：{'、'.join(layouts) or '（无）'}"
                          f"（{SETTINGS_FILE}）。请在「基本信息」中选择已有的公开格式。")
    raw = layouts[layout]
    return BudgetSettings(layout, str(raw["folder"]), str(raw["document_file"]), int(raw["percent_decimals"]),
                          bool(raw["table_thousands"]), bool(raw["text_thousands"]))


def fixed_date(budget: M.BudgetModel) -> datetime:
    """The document's date from the data (same bytes for the same workbook): 1 January of the budget year."""
    year = budget.info.year if 1979 < budget.info.year < 9999 else 2000
    return datetime(year, 1, 1)


def document_context(budget: M.BudgetModel, settings: BudgetSettings, draft: bool = False) -> DocumentContext:
    return build_context(budget, compute_figures(budget, settings.percent_decimals), draft)


def render_budget_docx(context: DocumentContext, template_path: Path, settings: BudgetSettings, when: datetime,
                       *, title: str = "") -> bytes:
    env = shared_environment(settings)  # type: ignore[arg-type]  (duck-typed: environment_key's names)
    assert environment_key(settings) == (settings.percent_decimals, settings.table_thousands,  # type: ignore[arg-type]
                                         settings.text_thousands)
    tpl = DocxTemplate(str(template_path))
    try:
        with render_limits():
            tpl.render(as_template_variables(context), env)
    except RenderError:
        raise
    except Exception as exc:  # a template may make Python raise anything
        raise RenderError(f"模板「{template_path}」无法生成文档：{exc}") from exc
    document = tpl.docx
    docx_xml.split_line_breaks(document)
    docx_xml.keep_table_ends(document)
    # the 目录: the parts and sections as its cached result (the PDF step numbers their pages)
    docx_xml.fill_toc(document, docx_xml.heading_entries(document), docx_xml.toc_style_ids(document))
    docx_xml.set_core_properties(document, when, author=context.department.name, title=title)
    members = docx_xml.with_app_properties(docx_xml.package_members(document), context.department.name)
    return docx_xml.package_bytes(members, when)


def render_budget(budget: M.BudgetModel, output_dir: Path, *, template: Path | None = None, draft: bool = False,
                  inspect: Callable[[bytes], None] | None = None) -> RenderedDocument:
    """Write the 部门预算公开 document of ``budget`` under ``output_dir/<部门>/<年度>/``; ``inspect`` sees the bytes
    first and may raise to write nothing (the build's self-audit). Raises ``RenderError`` (Chinese)."""
    started = time.perf_counter()
    settings = load_budget_settings(budget.info.layout or "湖北")
    template_path = Path(template) if template is not None else settings.template_path
    if not template_path.is_file():
        raise RenderError(f"找不到 Word 模板「{template_path}」（部门预算，公开格式：{settings.layout}）。")
    problem = template_file_problem(template_path)
    if problem:
        raise RenderError(problem)
    file_name = safe_name(settings.document_file.format(year=budget.info.year, department=budget.info.name))
    context = document_context(budget, settings, draft)
    data = render_budget_docx(context, template_path, settings, fixed_date(budget), title=Path(file_name).stem)
    if inspect is not None:
        inspect(data)
    folder = department_folder(output_dir, budget.info.name, budget.info.year)
    target = folder / file_name
    reason = path_problem(target)
    if reason:
        raise RenderError(f"无法保存「{target}」：{reason}。请缩短部门名称或输出目录后重新生成。")
    folder.mkdir(parents=True, exist_ok=True)
    write_all_atomic([(target, data)])
    return RenderedDocument(target, (), {"render": time.perf_counter() - started})


def try_template(budget: M.BudgetModel, template: Path) -> None:
    """Render ``budget`` with ``template`` writing nothing (``template check``)."""
    settings = load_budget_settings(budget.info.layout or "湖北")
    problem = template_file_problem(Path(template))
    if problem:
        raise RenderError(problem)
    render_budget_docx(document_context(budget, settings), Path(template), settings, fixed_date(budget))


def check_with_samples(path: Path, samples: Sequence[Path], *, variants: bool = True,
                       progress: Callable[[int, int, str], None] | None = None) -> list[Any]:
    """Render the template with each budget sample, writing nothing; one ``render-failed`` issue per fault."""
    from generator.template_check import issue

    from .reader import read_budget

    issues = []
    for done, sample in enumerate(samples):
        if progress is not None:
            progress(done, len(samples), sample.stem)
        budget, _ = read_budget(sample)
        if budget is None:
            continue
        try:
            try_template(budget, path)
        except RenderError as exc:
            issues.append(issue("render-failed", None, f"样例 {sample.name}：{exc.message}"))
    return issues
