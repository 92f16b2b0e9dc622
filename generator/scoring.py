"""The score of one 绩效自评表 and its grade: the one formula the checks and the figures share.

执行率得分 = 分值 × 执行数/预算数 (the unrounded rate), capped at the weight, rounded to the cent;
总分 = 执行率得分 + 目标得分 + Σ 指标得分, or ``None`` for an evaluation the accountant did not score
(blank scores are not zeros). The grade is the highest one whose minimum the total reaches.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from generator.layouts import SETTINGS_FILE
from generator.model import ZERO, Evaluation
from generator.resources import TEMPLATES_DIR

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    """One grade of the self-evaluation scale: a score of at least ``minimum`` gets ``label``."""

    label: str
    minimum: Decimal


DEFAULT_GRADES: tuple[Grade, ...] = (
    Grade("优", Decimal(90)), Grade("良", Decimal(80)), Grade("中", Decimal(60)), Grade("差", Decimal(0)),
)


def execution_score(e: Evaluation) -> Decimal:
    if e.budget == 0:
        return ZERO
    score = min(e.execution_weight * e.executed / e.budget, e.execution_weight)
    return max(score, ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


def total_score(e: Evaluation) -> Decimal | None:
    if not e.scored:
        return None
    return execution_score(e) + e.goal_score + sum((i.score for i in e.indicators), ZERO)


def grade_of(score: Decimal, grades: Sequence[Grade]) -> str:
    for g in sorted(grades, key=lambda g: -g.minimum):
        if score >= g.minimum:
            return g.label
    return grades[-1].label if grades else ""


@cache
def layout_grades(layout: str) -> tuple[Grade, ...]:
    """The grade scale of a 公开格式 (``grades`` in templates/layouts.toml, its default when not set);
    ``DEFAULT_GRADES`` when the settings cannot be read (the renderer reports that)."""
    try:
        data = tomllib.loads((TEMPLATES_DIR / SETTINGS_FILE).read_text(encoding="utf-8"))
        raw = data.get("layouts", {}).get(layout, {}).get("grades") or data.get("defaults", {}).get("grades")
        return tuple(Grade(str(label), Decimal(str(minimum))) for label, minimum in raw) if raw else DEFAULT_GRADES
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return DEFAULT_GRADES
