"""The budget template's variables reference (``docs/budget_template_variables.md``), generated from the
context dataclasses with example values from the budget sample, like the final accounts' reference."""

from __future__ import annotations

from pathlib import Path

from generator.resources import SAMPLES_DIR
from generator.template_reference import variables_section

from .context import DocumentContext
from .reader import read_budget
from .render import document_context, load_budget_settings

EXAMPLE_SAMPLE = SAMPLES_DIR / "wuhan_center_2021_budget.xlsx"
REFERENCE_MD = Path(__file__).resolve().parents[3] / "docs" / "budget_template_variables.md"


def variables_markdown() -> str:
    budget, _ = read_budget(EXAMPLE_SAMPLE)
    assert budget is not None
    context = document_context(budget, load_budget_settings(budget.info.layout))
    lines = [
        "# 部门预算模板变量参考",
        "",
        "本文件由程序生成（`generator/document_kinds/budget/reference.py`），请勿手工修改；"
        "修改程序中的变量后运行 `.venv/bin/python -m generator.document_kinds.budget.reference` 重新生成。",
        f"示例值取自样例工作簿「{budget.info.name} {budget.info.year}年部门预算」。模板："
        "`templates/budget/<公开格式>/document.docx`，检查：`juesuan template check --kind 部门预算 模板.docx`。",
        "",
        "过滤器（money、cell、pct、num、change_verb、trend_verb、cn 等）与部门决算模板相同，见 "
        "`docs/template_variables.md`；百分比的小数位数和千分位见 `templates/budget/layouts.toml`。",
        "",
        *variables_section(DocumentContext, context),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    REFERENCE_MD.write_text(variables_markdown(), encoding="utf-8")
    print(f"wrote {REFERENCE_MD}")


if __name__ == "__main__":
    main()
