"""The one engine: evaluates every declared rule over the accounts and turns occurrences into findings.

The rounding tolerance is applied here and only here (``CheckSettings``): a comparison whose
difference is explained by rounding becomes a 提示 under the same rule id; a larger one takes the
rule's severity. Amounts are ``Decimal`` throughout; nothing is converted to float.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from generator.catalog.bureau import SubjectCatalogue
from generator.model import DepartmentAccounts

from .declarations import Breach, Comparison, Context, fmt_amount, fmt_signed
from .declarations_inputs import tables_read, unusable
from .findings import DEFAULT_SETTINGS, INFO, CheckReport, CheckSettings, Finding
from .rules import RULES, Rule

ROUNDING_TEMPLATE = ("{left_desc}为 {left}，{right_desc}为 {right}，相差 {difference}，"
                     "在尾数误差允许范围（±{allowance}）以内。")
ROUNDING_HINT = "金额由元换算为万元时产生的尾数误差，一般无需修改；若原始报表（元）本身一致，可忽略本提示。"


class _Blanks(dict):
    """Template blanks; an unknown blank stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _excess(comparison: Comparison) -> Decimal:
    """How far the comparison is from holding (0 when it holds)."""
    difference = comparison.left.amount - comparison.right.amount
    if comparison.op == "=":
        return abs(difference)
    if comparison.op == "≤":
        return max(difference, Decimal(0))
    return max(-difference, Decimal(0))


def _judge(rule: Rule, comparison: Comparison, settings: CheckSettings) -> Finding | None:
    excess = _excess(comparison)
    if excess == 0:
        return None
    allowance = settings.allowance(comparison.left.count + comparison.right.count)
    rounding = excess <= allowance
    place = comparison.place
    difference = comparison.left.amount - comparison.right.amount
    blanks = _Blanks(
        table=place.table, row=" ".join(p for p in (place.code, place.name) if p), code=place.code, name=place.name,
        column=place.column, cell=place.cell.address if place.cell else "",
        left=fmt_amount(comparison.left.amount), right=fmt_amount(comparison.right.amount),
        difference=fmt_signed(difference), excess=fmt_amount(excess),
        left_desc=comparison.left.desc, right_desc=comparison.right.desc,
        allowance=fmt_amount(allowance), **comparison.blanks,
    )
    other = comparison.right if place.cell is comparison.left.cell else comparison.left
    return Finding(
        rule_id=rule.id,
        severity=INFO if rounding else rule.severity,
        title=rule.title,
        table=place.table, code=place.code, name=place.name, column=place.column, cell=place.cell,
        left=comparison.left.amount, right=comparison.right.amount, difference=difference,
        message=(ROUNDING_TEMPLATE if rounding else rule.template).format_map(blanks),
        hint=ROUNDING_HINT if rounding else rule.hint,
        other_cell=other.cell,
    )


def _breach(rule: Rule, breach: Breach) -> Finding:
    place = breach.place
    difference = None
    if breach.left is not None and breach.right is not None:
        difference = breach.left - breach.right
    blanks = _Blanks(table=place.table, row=" ".join(p for p in (place.code, place.name) if p), code=place.code,
                     name=place.name, column=place.column, cell=place.cell.address if place.cell else "")
    blanks.update(breach.blanks)
    return Finding(
        rule_id=rule.id, severity=rule.severity, title=rule.title,
        table=place.table, code=place.code, name=place.name, column=place.column, cell=place.cell,
        left=breach.left, right=breach.right, difference=difference,
        message=rule.template.format_map(blanks), hint=rule.hint, other_cell=breach.other_cell,
    )


def evaluate_rule(rule: Rule, ctx: Any) -> Iterable[Finding]:
    if not all(condition.holds(ctx) for condition in rule.when):
        return
    for check in rule.checks:
        for occurrence in check.evaluate(ctx):
            if isinstance(occurrence, Comparison):
                finding = _judge(rule, occurrence, ctx.settings)
                if finding is not None:
                    yield finding
            else:
                yield _breach(rule, occurrence)


def run_rules(rules: Iterable[Rule], ctx: object) -> CheckReport:
    """Every finding of ``rules`` over any context that offers what their selections read and ``settings``
    (a document kind's own context: the budget's ``BudgetContext``)."""
    settings = getattr(ctx, "settings", DEFAULT_SETTINGS)
    return CheckReport(tuple(f for rule in rules for f in evaluate_rule(rule, ctx)), settings)  # type: ignore[arg-type]


def run_checks(accounts: DepartmentAccounts, settings: CheckSettings = DEFAULT_SETTINGS,
               rules: Iterable[Rule] = RULES, catalogue: SubjectCatalogue | None = None) -> CheckReport:
    """Every finding of every rule over one department's accounts; ``catalogue``: the bureau's subject
    catalogue (rule C-04 instead of C-03).

    A table that is empty where it is required, or typed in 元, is reported once by its ``E-`` rule;
    every other rule that reads it is skipped, since its differences would all have that one cause."""
    ctx = Context(accounts, settings, catalogue)
    bad = unusable(ctx)
    findings = [f for rule in rules if not (bad and _reads_unusable(rule, bad)) for f in evaluate_rule(rule, ctx)]
    return CheckReport(tuple(findings), settings)


def _reads_unusable(rule: Rule, bad: set[str]) -> bool:
    return not rule.id.startswith("E-") and bool(tables_read((rule.checks, rule.when)) & bad)


def blanks_of(rule: Rule) -> Mapping[str, tuple[str, ...]]:
    """The blanks each check of a rule offers to its template (used by tests and the reference)."""
    return {type(check).__name__: check.blanks for check in rule.checks}
