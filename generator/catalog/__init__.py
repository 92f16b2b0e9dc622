"""Official catalogues: functional classes (支出功能分类 类级) and economic subjects (支出经济分类)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from generator.labels import normalize


@dataclass(frozen=True)
class FunctionClass:
    code: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EconomicSubject:
    code: str
    name: str
    group: str  # 人员经费 / 公用经费


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def function_classes() -> tuple[FunctionClass, ...]:
    return tuple(
        FunctionClass(r["code"], r["name"], tuple(a for a in (r.get("aliases") or "").split("|") if a))
        for r in _rows("function_classes.csv")
    )


@cache
def economic_subjects() -> tuple[EconomicSubject, ...]:
    return tuple(EconomicSubject(r["code"], r["name"], r["group"]) for r in _rows("economic_subjects.csv"))


def class_by_name(name: str) -> FunctionClass | None:
    """The class whose name (or alias) is ``name``; a trailing 支出 may be missing or doubled."""
    n = normalize(name)
    for fc in function_classes():
        for candidate in (fc.name, *fc.aliases):
            c = normalize(candidate)
            if n in (c, c.removesuffix("支出"), c + "支出"):
                return fc
    return None


def class_by_code(code: str) -> FunctionClass | None:
    return next((fc for fc in function_classes() if fc.code == code), None)


def economic_by_code(code: str) -> EconomicSubject | None:
    return next((s for s in economic_subjects() if s.code == code), None)


# The 26 expenditure lines of 表1/表4 in the 2021 official tables (seeds 000 and 004).
T1_CLASS_CODES_2021 = (
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
)
