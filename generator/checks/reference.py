"""The rule catalogue as Markdown (``docs/checks.md``), generated from the declarations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .findings import DEFAULT_SETTINGS, SEVERITIES, SEVERITY_MEANING, CheckSettings
from .rules import RULES, Rule

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "checks.md"

HEADER = """# 校验规则（自动生成）

<!-- 本文件由 generator.checks.rules_reference_markdown() 生成，请勿手工修改；
     修改 generator/checks/rules.py 后运行 .venv/bin/python -m generator.checks -->

程序在生成文档前逐条检查下列规则。每条发现都给出规则编号、表、行（科目编码和名称）、列、单元格、两边的金额、差额、
说明和处理办法。

## 严重程度

{severities}

## 尾数误差

公开表金额单位为万元、保留两位小数，由元换算而来，合计与各部分之和可能相差几分（0.01 万元）。程序按 XBRL
calculation 1.1 的思路处理：每个印出的金额代表其真值 ±{half} 万元 的区间（换算单位 {unit} 万元 的一半，
`CheckSettings.tolerance_per_summand`）；一条关系只有在两边的区间不可能重叠时才算不成立，即差额超过
{half} ×（两边参与计算的非零金额个数）。空白和 0 视为精确值。差额不为 0 但在此范围内的，以“提示”报告，从不静默忽略；
金额始终以十进制（Decimal）比较，从不使用浮点数。
"""


def _anchor(rule: Rule) -> str:
    return rule.id.lower()


def _severities() -> str:
    return "\n".join(f"- **{s}**：{SEVERITY_MEANING[s]}" for s in SEVERITIES)


def _rule(rule: Rule) -> str:
    lines = [f'<a id="{_anchor(rule)}"></a>', "", f"### {rule.id} {rule.title}", "",
             f"- 严重程度：{rule.severity}", f"- 规则：{rule.description}"]
    if rule.when:
        lines.append("- 适用条件：" + "；".join(c.describe() for c in rule.when))
    checks = [c.describe() for c in rule.checks]
    if len(checks) == 1:
        lines.append(f"- 校验内容：{checks[0]}")
    else:
        lines.append("- 校验内容：")
        lines += [f"  - {c}" for c in checks]
    lines.append(f"- 提示信息：`{rule.template}`")
    lines.append(f"- 处理办法：{rule.hint}")
    return "\n".join(lines)


def _index(rules: Iterable[Rule]) -> str:
    rows = ["| 编号 | 严重程度 | 规则 |", "|---|---|---|"]
    rows += [f"| [{r.id}](#{_anchor(r)}) | {r.severity} | {r.title} |" for r in rules]
    return "\n".join(rows)


def rules_reference_markdown(rules: Iterable[Rule] = RULES, settings: CheckSettings = DEFAULT_SETTINGS,
                             kinds: Sequence[tuple[str, Sequence[Rule]]] = ()) -> str:
    """The catalogue of the final accounts' rules, then of each other document kind's (``kinds``: its title
    and rules, ``generator.document_kinds.rule_catalogues()``) under its own heading."""
    rules = tuple(rules)
    unit = settings.tolerance_per_summand
    parts = [HEADER.format(severities=_severities(), half=unit / 2, unit=unit).rstrip(), "",
             f"## 规则一览（共 {len(rules)} 条）", "", _index(rules)]
    group = None
    for rule in rules:
        if rule.group != group:
            group = rule.group
            parts += ["", f"## {group}"]
        parts += ["", _rule(rule)]
    for title, kind_rules in kinds:
        parts += ["", f"## {title}的规则（共 {len(kind_rules)} 条）", "",
                  f"文档类型为“{title}”的工作簿按下列规则校验（严重程度和尾数误差的处理同上）。", "",
                  _index(kind_rules)]
        group = None
        for rule in kind_rules:
            if rule.group != group:
                group = rule.group
                parts += ["", f"## {title}：{group}"]
            parts += ["", _rule(rule)]
    return "\n".join(parts) + "\n"


def write_reference(path: Path = DOCS_PATH, kinds: Sequence[tuple[str, Sequence[Rule]]] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rules_reference_markdown(kinds=kinds), encoding="utf-8")
