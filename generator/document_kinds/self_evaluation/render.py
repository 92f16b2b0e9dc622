"""Render the report: context → the 湖南 Word template → .docx, written atomically into the department's folder.

The shared renderer does the work (``generator.render.document.render_variables``: the Jinja environment
and filters, limits, page layout, deterministic package); this module only chooses the template and the
file name, and writes through ``write_all_atomic``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from generator.layouts import TEMPLATES_DIR
from generator.paths import department_folder, path_problem, safe_name
from generator.render.document import (
    RenderedDocument,
    RenderError,
    fixed_date,
    render_variables,
    template_file_problem,
    write_all_atomic,
)
from generator.render.settings import TEMPLATE_FILE, available_layouts, load_settings

from .context import as_template_variables, build_context
from .model import SelfEvaluationReport

# the report's template set of each 公开格式; a layout without its own uses the 湖南 one (seed 002)
TEMPLATE_FOLDERS = {"湖南": "self_evaluation_hunan"}
DEFAULT_FOLDER = TEMPLATE_FOLDERS["湖南"]
DEFAULT_LAYOUT = "湖南"
FILE_NAME = "{year}年度{department}部门整体支出绩效自评报告.docx"


def template_path(report: SelfEvaluationReport) -> Path:
    return TEMPLATES_DIR / TEMPLATE_FOLDERS.get(report.info.layout, DEFAULT_FOLDER) / TEMPLATE_FILE


def _docx(report: SelfEvaluationReport, template: Path | None, draft: bool, title: str = "") -> bytes:
    layout = report.info.layout if report.info.layout in available_layouts() else DEFAULT_LAYOUT
    settings = load_settings(layout)  # the number formats of the department's documents
    path = Path(template) if template is not None else template_path(report)
    if not path.is_file():
        raise RenderError(f"找不到部门整体支出绩效自评报告的 Word 模板「{path}」。")
    problem = template_file_problem(path)
    if problem:
        raise RenderError(problem)
    variables = as_template_variables(build_context(report, draft))
    return render_variables(variables, path, settings, fixed_date(report), title=title, author=report.info.name)


def render_report(report: SelfEvaluationReport, output_dir: Path, *, template: Path | None = None,
                  draft: bool = False, inspect: Callable[[bytes], None] | None = None) -> RenderedDocument:
    """Write the report of ``report`` under ``output_dir/<部门>/<年度>/``; ``inspect`` sees the bytes first
    and may raise to write nothing (the build's self-audit). Raises ``RenderError`` (Chinese message)."""
    started = time.perf_counter()
    folder = department_folder(output_dir, report.info.name, report.info.year)
    file_name = safe_name(FILE_NAME.format(year=report.info.year, department=report.info.name))
    data = _docx(report, template, draft, Path(file_name).stem)
    rendered = time.perf_counter()
    if inspect is not None:
        inspect(data)
    target = folder / file_name
    reason = path_problem(target)
    if reason:
        raise RenderError(f"无法保存「{target}」：{reason}。请缩短部门名称或输出目录后重新生成。")
    folder.mkdir(parents=True, exist_ok=True)
    write_all_atomic([(target, data)])
    return RenderedDocument(target, (), {"docx": rendered - started, "write": time.perf_counter() - rendered})


def try_template(report: SelfEvaluationReport, template: Path) -> None:
    """Render with ``template``, writing nothing (``template check``)."""
    _docx(report, template, False)
