"""The self-evaluation template's variables reference (``docs/self_evaluation_template_variables.md``), generated
from the context dataclasses' field metadata with example values from the stand-alone sample, like the budget's."""

from __future__ import annotations

from pathlib import Path

from generator.resources import SAMPLES_DIR
from generator.template_reference import variables_section

from .context import as_template_variables, build_context, context_schema
from .reader import read_report_with_problems

EXAMPLE_SAMPLE = SAMPLES_DIR / "tianxin_2021_selfeval.xlsx"
REFERENCE_MD = Path(__file__).resolve().parents[3] / "docs" / "self_evaluation_template_variables.md"


def variables_markdown() -> str:
    report, _ = read_report_with_problems(EXAMPLE_SAMPLE)
    assert report is not None
    variables = as_template_variables(build_context(report))
    lines = [
        "# 部门整体支出绩效自评报告模板变量参考",
        "",
        "本文件由程序生成（`generator/document_kinds/self_evaluation/reference.py`），请勿手工修改；"
        "修改程序中的变量后运行 `.venv/bin/python -m generator.document_kinds.self_evaluation.reference` 重新生成。",
        f"示例值取自样例工作簿「{report.info.name} {report.info.year}年度 部门整体支出绩效自评」。模板："
        "`templates/self_evaluation_hunan/document.docx`，检查："
        "`juesuan template check --kind 部门整体支出绩效自评报告 模板.docx`。",
        "",
        "金额为 `Decimal`（万元），空白的单元格为 None：表中用 `cell` 输出（空白仍为空白），文中用 `money`。"
        "其他过滤器（cn、num 等）与部门决算模板相同，见 `docs/template_variables.md`。"
        "由部门决算工作簿生成的报告（生成文档）没有人员情况、机构情况时，`r.staffing`、`r.institutions` 为空，"
        "用 `r.staff` 和 `r.unit_composition`、`r.internal_offices` 写出。",
        "",
        *variables_section(context_schema(), variables),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    REFERENCE_MD.write_text(variables_markdown(), encoding="utf-8")
    print(f"wrote {REFERENCE_MD}")


if __name__ == "__main__":
    main()
