"""Render the report: context → the 湖南 Word template → .docx, written atomically into the department's folder.

The shared renderer does the work (``generator.render.document.render_variables``: the Jinja environment
and filters, limits, page layout, deterministic package); this module only chooses the template and the
file name, and writes through ``write_all_atomic``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

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

from . import model as M
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


# ----------------------------------------------------------------------------------- template check


def _blank(amounts: M.Amounts) -> M.Amounts:
    return M.Amounts(dict.fromkeys(amounts.values, None))


def _without_three_public(report: SelfEvaluationReport) -> SelfEvaluationReport:
    t = report.three_public
    return replace(report, three_public=replace(t, budget=_blank(t.budget), actual=_blank(t.actual)))


def _blank_adjusted_and_assets(report: SelfEvaluationReport) -> SelfEvaluationReport:
    s = report.summary
    return replace(report, summary=replace(s, adjusted=_blank(s.adjusted), assets=_blank(s.assets)))


def _without_own_texts(report: SelfEvaluationReport) -> SelfEvaluationReport:
    """The report as a final-accounts workbook without its 「自评报告」 words makes it: 一 in numbers, no optional
    words, no 机关运行经费 or 政府采购."""
    return replace(
        report,
        info=replace(report.info, region="", publication_date="", staffing="", institutions="", functions=()),
        staff=report.staff or M.StaffFigures(0, 0, 0, 0), unit_composition="", internal_offices="",
        other=M.OtherFigures(), texts=replace(report.texts, fund_management=""))


# Report shapes the template must word: each sample is also rendered so (``template check``).
SAMPLE_VARIANTS: tuple[tuple[str, Callable[[SelfEvaluationReport], SelfEvaluationReport]], ...] = (
    ("没有项目支出", lambda r: replace(r, projects=())),
    ("没有“三公”经费", _without_three_public),
    ("调整预算数、资产购置支出空白", _blank_adjusted_and_assets),
    ("明细表没有科目", lambda r: replace(r, economic=())),
    ("没有部门自己填写的文字（人员、机构、职能、说明）", _without_own_texts),
    ("以上情况同时出现", lambda r: _without_own_texts(_blank_adjusted_and_assets(_without_three_public(
        replace(r, projects=(), economic=()))))),
)


def check_with_samples(path: Path, samples: Sequence[Path], *, variants: bool = True,
                       progress: Callable[[int, int, str], None] | None = None) -> list[Any]:
    """The template rendered with each sample — a self-evaluation workbook, or a final-accounts workbook that
    asks for the report — and with each of ``SAMPLE_VARIANTS`` of it, writing nothing."""
    from generator.document_kinds import kind_by_key, read_as
    from generator.template_check import issue, render_with_samples

    kind = kind_by_key("self_evaluation")
    models, issues = [], []
    for sample in samples:
        report, problems = read_as(kind, sample)
        if report is None:
            issues.append(issue("render-failed", None, f"样例 {sample.name} 无法读取：{len(problems)} 个问题"))
            continue
        models.append((sample.name, report))
    return issues + render_with_samples(path, models, SAMPLE_VARIANTS if variants else (), try_template,
                                        progress=progress)
