"""Worked examples of the template checker's messages, produced by the checker itself.

Each example is a one-paragraph template (under the heading of 情况说明 一) with a typical mistake.
``template check`` and the build (``try_template``, the render path of ``build --template``) are run on
it and their messages, exactly as a maintainer sees them, go into the generated reference
(``docs/template_variables.md``), so the guide's examples can never drift from what the tool says.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HEADING = "一、收入支出决算总体情况说明"


@dataclass(frozen=True)
class Example:
    title: str
    typed: str  # the paragraph as the maintainer typed it
    cause: str  # why it is wrong, in a sentence
    builds_because: str = ""  # why a build with the sample still succeeds, where it does


EXAMPLES = (
    Example("用中文输入法打出的全角括号", "在职人数｛｛ department.staff_in_service ｝｝人。",
            "全角的 ｛｛ ｝｝ 不是标签，会原样印进文档。"),
    Example("标签被回车拆开或少了结尾", "合计 {{ figures.total.grand_total 万元。", "`{{` 之后没有 `}}`。"),
    Example("块没有结束", "{% if figures.total.grand_total > 0 %}收支总计为正。", "`{% if %}` 没有 `{% endif %}`。"),
    Example("变量属性拼错", "部门：{{ department.nmae }}。", "`nmae` 应为 `name`。"),
    Example("过滤器拼错", "收支总计{{ figures.total.grand_total | mony }}万元。", "`mony` 应为 `money`。"),
    Example("增长率没有先判断状态", "比上年下降{{ figures.total.change.percent | pct }}。",
            "没有上年数的部门没有增长率；所有样例都有上年数，只有“没有上年数”的变体会遇到。",
            "样例有上年数，照常生成；遇到没有上年数的部门才会出错，所以 `template check` 还用“没有上年数”等变体试生成"),
)


@dataclass(frozen=True)
class ExampleOutcome:
    example: Example
    check: tuple[str, ...]  # the messages of ``template check``
    build: str  # the build's message, or "" when the build renders it


def _template(folder: Path, text: str) -> Path:
    from docx import Document

    document = Document()
    document.add_heading(HEADING, level=1)
    document.add_paragraph(text)
    path = folder / "示例模板.docx"
    document.save(str(path))
    return path


def run_examples(sample: Path) -> Iterator[ExampleOutcome]:
    """Each example through ``template check`` (with ``sample`` and its variants) and a build with ``sample``."""
    from generator.render.document import RenderError, try_template
    from generator.template_check import check_template, check_with_samples
    from generator.workbook.reader import read_workbook

    accounts = read_workbook(sample)
    with tempfile.TemporaryDirectory() as tmp:
        for example in EXAMPLES:
            path = _template(Path(tmp), example.typed)
            issues = check_template(path) or check_with_samples(path, [sample])
            try:
                try_template(accounts, path)
                built = ""
            except RenderError as exc:
                built = exc.message
            yield ExampleOutcome(example, tuple(str(i) for i in issues), built.replace(tmp, "…"))


def examples_markdown(sample: Path) -> str:
    lines = [f"每个示例是只有一段的模板（在标题“{HEADING}”下），用样例「{sample.stem}」检查和生成。", ""]
    for n, outcome in enumerate(run_examples(sample), 1):
        ex = outcome.example
        lines += [f"### 示例 {n}：{ex.title}", "", f"模板中写的是：`{ex.typed}`（{ex.cause}）", "",
                  "`juesuan template check` 的提示：", ""]
        lines += [f"> {message}" for message in outcome.check] or ["> （没有提示）"]
        lines += ["", "`juesuan build --template` 的提示：", ""]
        built = f"未能生成文档：{outcome.build}" if outcome.build else f"（{ex.builds_because or '照常生成'}）"
        lines.append(f"> {built}")
        lines.append("")
    return "\n".join(lines)
