"""The reference of template variables and filters, generated from the code so it cannot drift.

Every variable reachable from ``DocumentContext`` with its type, its meaning in Chinese and an
example value taken from a bundled sample; every filter with an example. Written as Markdown
(``docs/template_variables.md``, kept current by a test) and as a .docx a maintainer opens beside
the template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.figures import change, compute_figures
from generator.model import DepartmentAccounts
from generator.render.context import DocumentContext, build_context, describe_context
from generator.render.environment import make_environment
from generator.render.settings import load_settings
from generator.resources import SAMPLES_DIR
from generator.template_check import issue_kinds_markdown


def _filter_docs() -> dict[str, tuple[str, str, Any]]:
    """Per filter: what it does (Chinese), how it is written in a template, an example input."""
    decrease = change(Decimal("546.99"), Decimal("2270.24"), 1)
    return {
        "money": ("金额（万元，两位小数；正文是否用千分位由格式设置决定）", "{{ figures.total.grand_total | money }}",
                  Decimal("5578.66")),
        "cell": ("表格中的金额：原表空白的单元格打印为空白，其余同 money（千分位由格式设置决定）",
                 "{{ row.amounts.total | cell }}", Decimal("5578.66")),
        "pct": ("百分比（小数位数由格式设置决定）", "{{ figures.total.change.percent | pct }}", Decimal("75.93")),
        "num": ("数值去掉末尾的0（得分、分值）", "{{ e.total_score | num }}", Decimal("94.50")),
        "change_verb": ("与上年比较：增加 / 减少 / 持平", "{{ figures.total.change | change_verb }}", decrease),
        "trend_verb": ("与上年比较：增长 / 下降 / 持平", "{{ figures.total.change | trend_verb }}", decrease),
        "compare_verb": ("决算数与预算数比较：大于 / 小于 / 等于", "{{ b.completion.versus | compare_verb }}",
                         decrease),
        "cn": ("整数写成中文数字，用于“一、”“（一）”编号", "{{ loop.index | cn }}、", 12),
    }


def value_at(context: Any, path: str) -> Any:
    value = context
    for name in path.replace("[]", ".[]").split("."):
        if name == "[]":
            if isinstance(value, tuple | list) and value:
                value = value[0]
            else:
                return None
            continue
        if isinstance(value, Mapping):
            value = value.get(name)
        else:
            value = getattr(value, name, None)
        if value is None:
            return None
    return value


def example_text(value: Any) -> str:
    if value is None:
        return ""
    if dataclasses.is_dataclass(value):
        return ""
    if isinstance(value, tuple | list):
        return f"（{len(value)} 项）"
    if isinstance(value, Mapping):
        items = list(value.items())[:3]
        return "，".join(f"{k}: {v}" for k, v in items) + ("…" if len(value) > 3 else "")
    text = str(value).replace("\n", " ").replace("|", "｜")
    return text if len(text) <= 40 else text[:40] + "…"


def variables_section(schema: Any, example: Any, *, each_type_once: bool = True) -> list[str]:
    """The 变量 section of a reference (Markdown lines): a table of ``variable_rows``."""
    return ["## 变量", "", "| 变量 | 类型 | 含义 | 示例 |", "|---|---|---|---|",
            *variable_rows(schema, example, each_type_once=each_type_once)]


def variable_rows(schema: Any, example: Any, *, each_type_once: bool = True) -> list[str]:
    """The rows of a reference's variables table: each path of the context ``schema`` (its dataclass) with its
    type, its help and its value in ``example`` (the context of a sample); used by every document kind.
    ``each_type_once``: a type met again refers to its first listing (the final accounts list every path)."""
    rows = []
    for doc in describe_context(schema, seen={} if each_type_once else None):
        help_text = doc.help.replace("|", "｜").replace("\n", " ")
        rows.append(f"| `{doc.path}` | {doc.type.replace('|', '或')} | {help_text} | "
                    f"{example_text(value_at(example, doc.path))} |")
    return rows


def sample_context(accounts: DepartmentAccounts) -> DocumentContext:
    settings = load_settings(accounts.info.layout)
    figures = compute_figures(accounts, percent_decimals=settings.percent_decimals, grades=settings.grades)
    return build_context(accounts, figures, settings)


def variables_markdown(example: DepartmentAccounts, example_workbook: Path | None = None) -> str:
    """The reference; with ``example_workbook`` (the workbook of ``example``) also the worked examples of the
    checker's and the build's messages (``template_examples``)."""
    context = sample_context(example)
    env = make_environment(load_settings(example.info.layout))
    lines = [
        "# 模板变量参考",
        "",
        "本文件由程序生成（`generator/template_reference.py`），请勿手工修改；"
        "修改程序中的变量后运行 `.venv/bin/python -m generator.template_reference` 重新生成。",
        f"示例值取自样例工作簿「{example.info.name} {example.info.year}年度」。",
        "",
        "在 Word 模板中用 `{{ 变量 }}` 输出，用 `{% if %}`、`{% for %}`（表格中按行重复用 `{%tr for %}`）控制。"
        "路径中的 `[]` 表示列表中的每一项，在 `{% for x in 列表 %}` 中用 `x.属性`。",
        "",
        *variables_section(DocumentContext, context, each_type_once=False),
    ]
    lines += ["", "## 过滤器", "", "在标签中用竖线使用过滤器，例如 `{{ 值 | money }}`。", "",
              "| 过滤器 | 作用 | 用法 | 示例结果 |", "|---|---|---|---|"]
    docs = _filter_docs()
    for name in sorted(env.filters):
        if name not in docs:
            continue  # Jinja's built-in filters (default, join, length …) work as documented by Jinja
        meaning, usage, sample = docs[name]
        shown = str(env.filters[name](sample))
        escaped = usage.replace("|", "\\|")  # a pipe inside a Markdown table cell
        lines.append(f"| `{name}` | {meaning} | `{escaped}` | {shown} |")
    missing = sorted(set(docs) - set(env.filters))
    if missing:
        raise ValueError(f"documented filters not in the environment: {missing}")
    lines += ["", "## 模板检查的提示", "", "`juesuan template check 模板.docx` 报告的问题：", "",
              issue_kinds_markdown(), ""]
    if example_workbook is not None:
        from generator.template_examples import examples_markdown

        lines += ["## 模板检查的提示：示例", "", examples_markdown(example_workbook)]
    return "\n".join(lines)


def write_reference_docx(markdown: str, path: Path) -> None:
    """The same reference as a Word document: headings, paragraphs and tables."""
    from docx import Document

    document = Document()
    table = None
    for line in markdown.splitlines():
        if line.startswith("# "):
            document.add_heading(line[2:], level=0)
            table = None
        elif line.startswith("## "):
            document.add_heading(line[3:], level=1)
            table = None
        elif line.startswith("|---"):
            continue
        elif line.startswith("| "):
            cells = [c.strip().strip("`") for c in line.strip("|").split(" | ")]
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row().cells
            for i, text in enumerate(cells[: len(row)]):
                row[i].text = text.replace("\\|", "|")
        elif line.strip():
            document.add_paragraph(line.replace("`", "").replace("\\|", "|"))
            table = None
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


DOCS = Path(__file__).resolve().parent.parent / "docs"
REFERENCE_MD = DOCS / "template_variables.md"
REFERENCE_DOCX = DOCS / "template_variables.docx"
EXAMPLE_SAMPLE = SAMPLES_DIR / "hongshan_2021.xlsx"


def main() -> None:
    from generator.workbook.reader import read_workbook

    text = variables_markdown(read_workbook(EXAMPLE_SAMPLE), EXAMPLE_SAMPLE)
    unchanged = (
        REFERENCE_DOCX.exists()
        and REFERENCE_MD.exists()
        and REFERENCE_MD.read_text(encoding="utf-8") == text
    )
    if unchanged:
        # a docx re-saved holds new zip timestamps: leave it so git sees no change
        print(f"{REFERENCE_MD} and {REFERENCE_DOCX} are current")
        return
    REFERENCE_MD.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE_MD.write_text(text, encoding="utf-8")
    write_reference_docx(text, REFERENCE_DOCX)
    print(f"wrote {REFERENCE_MD} and {REFERENCE_DOCX}")


if __name__ == "__main__":
    main()
