"""What a check run produces: findings (one occurrence of one rule), the report, the settings.

A ``Finding`` carries everything a presenter needs and nothing it must compute: the rule, the
severity of this occurrence, the place (table, row, column, workbook cell), the two sides and their
difference, the message and what to do. Presenters (``report.py``) only group, sort and format.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model import Cell
from generator.workbook.problems import ERROR, WARNING

INFO = "提示"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_MEANING = {
    ERROR: "阻止生成文档：表内或表间关系不成立，必须改正后再运行。",
    WARNING: "不阻止生成文档：很可能有误或需要说明，请核对。",
    INFO: "仅供参考：差额在单位换算（元→万元）的尾数误差范围以内，一般无需修改。",
}


@dataclass(frozen=True)
class CheckSettings:
    """The knobs of a check run, all explicit.

    ``tolerance_per_summand``: the rounding unit of one printed amount (0.01 万元). Following the
    XBRL calculation 1.1 idea, each printed amount stands for the interval ±half of it around the
    exact amount; a relation is breached only when the intervals of its two sides cannot overlap,
    i.e. when the difference exceeds ``tolerance_per_summand / 2`` times the number of non-zero
    amounts read on both sides (blank and zero amounts are exact). A smaller, non-zero difference is
    reported as 提示, never ignored. The allowance is therefore at most one unit per summand.
    ``0`` makes every comparison exact.

    ``material_budget_ratio``: a 决算 that differs from the 年初预算 by at least this share of the
    budget (or any difference when the budget is 0) needs a reason (rule S-BUDG-02).
    """

    tolerance_per_summand: Decimal = Decimal("0.01")
    material_budget_ratio: Decimal = Decimal("0.05")

    def __post_init__(self) -> None:
        for name in ("tolerance_per_summand", "material_budget_ratio"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or value < 0:
                raise ValueError(f"CheckSettings.{name} must be a non-negative Decimal, got {value!r}")

    def allowance(self, values: int) -> Decimal:
        """The largest difference explained by rounding when ``values`` rounded amounts are involved."""
        return self.tolerance_per_summand / 2 * values


DEFAULT_SETTINGS = CheckSettings()


@dataclass(frozen=True)
class Finding:
    """One breach of one rule (or one rounding note), at one place of the workbook."""

    rule_id: str
    severity: str
    title: str  # the rule's title
    table: str  # 表1 … 表9, or the supplementary sheet's name
    code: str  # subject code of the row ('' for labelled lines)
    name: str  # row name (subject name or line label)
    column: str  # Chinese column label
    cell: Cell | None  # the checked value
    left: Decimal | None
    right: Decimal | None
    difference: Decimal | None  # left - right
    message: str
    hint: str
    other_cell: Cell | None = None  # the cell of the other side, when it is a single cell

    @property
    def row(self) -> str:
        return " ".join(part for part in (self.code, self.name) if part)

    def __str__(self) -> str:
        where = f"{self.cell}：" if self.cell else ""
        return f"[{self.severity}] {self.rule_id} {where}{self.message} {self.hint}"


_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    return _ORDER.get(severity, len(_ORDER))


@dataclass(frozen=True)
class CheckReport:
    """Every finding of one run, in catalogue order (rule by rule, place by place)."""

    findings: tuple[Finding, ...]
    settings: CheckSettings = DEFAULT_SETTINGS

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == INFO)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule_id == rule_id)
