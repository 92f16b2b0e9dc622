"""The reference of template variables and filters, generated from the code so it cannot drift.

Every variable reachable from ``DocumentContext`` with its type, its meaning in Chinese and an
example value taken from a bundled sample; every filter with an example. Written as Markdown
(``docs/template_variables.md``, kept current by a test) and as a .docx a maintainer opens beside
the template.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.figures import compute_figures
from generator.model import DepartmentAccounts
from generator.render.context import DocumentContext, build_context, describe_context
from generator.render.environment import make_environment
from generator.render.settings import load_settings
from generator.template_check import issue_kinds_markdown

FILTER_EXAMPLES: Mapping[str, tuple[str, Any]] = {
    "money": ("{{ figures.total.current | money }}", None),
    "cell": ("{{ row.amounts.total | cell }}", None),
    "pct": ("{{ part.share | pct }}", Decimal("43.65")),
    "num": ("{{ e.score | num }}", Decimal("94.50")),
    "cn": ("{{ loop.index | cn }}、", 12),
}


def _value_at(context: Any, path: str) -> Any:
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


def _example(value: Any) -> str:
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


def sample_context(accounts: DepartmentAccounts) -> DocumentContext:
    settings = load_settings(accounts.info.layout)
    figures = compute_figures(accounts, percent_decimals=settings.percent_decimals, grades=settings.grades)
    return build_context(accounts, figures, settings)


def variables_markdown(example: DepartmentAccounts) -> str:
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
        "## 变量",
        "",
        "| 变量 | 类型 | 含义 | 示例 |",
        "|---|---|---|---|",
    ]
    for doc in describe_context(DocumentContext):
        example_value = _example(_value_at(context, doc.path))
        help_text = doc.help.replace("|", "｜").replace("\n", " ")
        lines.append(f"| `{doc.path}` | {doc.type.replace('|', '或')} | {help_text} | {example_value} |")
    lines += ["", "## 过滤器", "", "| 过滤器 | 作用 | 用法 | 示例 |", "|---|---|---|---|"]
    for name in sorted(env.filters):
        function = env.filters[name]
        if name not in _project_filters():
            continue
        doc = inspect.getdoc(_project_filters()[name]) or ""
        usage, sample = FILTER_EXAMPLES.get(name, (f"{{{{ 值 | {name} }}}}", None))
        shown = ""
        if sample is not None:
            try:
                shown = str(function(sample))
            except Exception:  # an example must never break the reference
                shown = ""
        lines.append(f"| `{name}` | {doc.splitlines()[0] if doc else ''} | `{usage}` | {shown} |")
    lines += ["", "## 模板检查的提示", "", "`juesuan template check 模板.docx` 报告的问题：", "",
              issue_kinds_markdown(), ""]
    return "\n".join(lines)


def _project_filters() -> dict[str, Any]:
    from generator.render import environment

    return {name: getattr(environment, name) for name in ("money", "cell", "pct", "num", "change_verb",
                                                            "trend_verb", "compare_verb", "cn")
            if hasattr(environment, name)}


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
                row[i].text = text
        elif line.strip():
            document.add_paragraph(line.replace("`", ""))
            table = None
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


DOCS = Path(__file__).resolve().parent.parent / "docs"
REFERENCE_MD = DOCS / "template_variables.md"
REFERENCE_DOCX = DOCS / "template_variables.docx"
EXAMPLE_SAMPLE = Path(__file__).resolve().parent.parent / "sample_inputs" / "hongshan_2021.xlsx"


def main() -> None:
    from generator.workbook.reader import read_workbook

    text = variables_markdown(read_workbook(EXAMPLE_SAMPLE))
    REFERENCE_MD.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE_MD.write_text(text, encoding="utf-8")
    write_reference_docx(text, REFERENCE_DOCX)
    print(f"wrote {REFERENCE_MD} and {REFERENCE_DOCX}")


if __name__ == "__main__":
    main()
