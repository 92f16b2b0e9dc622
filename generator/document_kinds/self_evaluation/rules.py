"""The report's rules, as data: every sum its tables state, checked by the shared engine.

Each ``Rule`` (``generator.checks.rules.Rule``) declares its id (``P-…``), severity, Chinese message and
hint and what it reads (the checks below); the engine (``generator.checks.engine.run_rules``) applies the
same rounding tolerance as to the final accounts: a difference explained by rounding 万元 amounts is a
提示 (seed 002: 部门决算数 693.22 beside 基本 512.36 + 项目 180.87 = 693.23), a larger one the rule's
severity. ``docs/checks.md`` lists them (generated).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from generator.checks.declarations import COMPARISON_BLANKS, Comparison, Value
from generator.checks.engine import run_rules
from generator.checks.findings import DEFAULT_SETTINGS, CheckReport, CheckSettings
from generator.checks.rules import EQUAL, FIX_SUM, NOT_MORE, Rule
from generator.workbook.problems import ERROR, WARNING

from . import model as M
from . import workbook as W

ZERO = Decimal("0.00")


class ReportContext:
    """What the checks read: the report and the settings of the run."""

    def __init__(self, report: M.SelfEvaluationReport, settings: CheckSettings = DEFAULT_SETTINGS) -> None:
        self.report = report
        self.settings = settings


# ----------------------------------------------------------------------------------- selections

_GRIDS = {"summary": W.SUMMARY_SHEET, "three_public": W.THREE_PUBLIC_SHEET}


def _grid_value(report: M.SelfEvaluationReport, grid: str, row: str, column: str) -> Value:
    spec = _GRIDS[grid]
    amounts: M.Amounts = getattr(report, grid).row(row)
    line = next(ln for ln in spec.lines if ln.key == row)
    label = next(c.label for c in spec.columns if c.key == column)
    amount = amounts.amount(column)
    cell = amounts.cells.get(column)
    sheet = cell.sheet if cell is not None else spec.sheet
    desc = f"{spec.title.split('（万元）')[0]}「{line.label}」的「{label}」"
    return Value(amount, int(amount != 0), cell, desc, sheet, None, label, line.label)


def _sum(values: list[Value], desc: str) -> Value:
    amount = sum((v.amount for v in values), ZERO)
    cell = values[0].cell if len(values) == 1 else None
    return Value(amount, sum(v.count for v in values), cell, desc)


def _field_value(report: M.SelfEvaluationReport, name: str) -> Value | None:
    owner, attribute = name.split(".")
    amount = getattr(getattr(report, owner), attribute)
    if amount is None:
        return None
    spec = W.OTHER_SHEET
    label = spec.cls.__dataclass_fields__[attribute].metadata["label"]
    cell = report.field_cells.get(name)
    return Value(amount, int(amount != 0), cell, f"「{label}」", cell.sheet if cell else spec.sheet, None, "", label)


# ----------------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class RowSum:
    """On each of ``rows`` of a grid: ``total`` = the sum of ``parts`` (a row whose parts are all blank states
    only its total, and is not checked)."""

    grid: str
    rows: tuple[str, ...]
    total: str
    parts: tuple[str, ...]
    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        report = ctx.report
        for row in self.rows:
            amounts = getattr(report, self.grid).row(row)
            if all(amounts[p] is None for p in self.parts):  # only the total is stated (or nothing)
                continue
            total = _grid_value(report, self.grid, row, self.total)
            parts = [_grid_value(report, self.grid, row, p) for p in self.parts]
            yield Comparison("=", total, _sum(parts, " + ".join(p.desc for p in parts)))

    def describe(self) -> str:
        spec = _GRIDS[self.grid]
        labels = {c.key: c.label for c in spec.columns}
        rows = "、".join(ln.label for ln in spec.lines if ln.key in self.rows)
        return (f"「{spec.sheet}」{rows}各行：{labels[self.total]} = "
                + " + ".join(labels[p] for p in self.parts))


@dataclass(frozen=True)
class RowWithin:
    """Column by column: the ``part`` row of a grid ≤ its ``whole`` row (其中 ≤ the line it belongs to)."""

    grid: str
    part: str
    whole: str
    columns: tuple[str, ...]
    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        amounts = getattr(ctx.report, self.grid).row(self.part)
        for column in self.columns:
            if amounts[column] is None:
                continue
            yield Comparison("≤", _grid_value(ctx.report, self.grid, self.part, column),
                             _grid_value(ctx.report, self.grid, self.whole, column))

    def describe(self) -> str:
        spec = _GRIDS[self.grid]
        lines = {ln.key: ln.label for ln in spec.lines}
        return f"「{spec.sheet}」各列：{lines[self.part]} ≤ {lines[self.whole]}"


@dataclass(frozen=True)
class CellWithin:
    """One cell ≤ another (``part`` ≤ ``whole``), each named by grid, row and column."""

    part: tuple[str, str, str]
    whole: tuple[str, str, str]
    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        grid, row, column = self.part
        if getattr(ctx.report, grid).row(row)[column] is None:
            return
        yield Comparison("≤", _grid_value(ctx.report, *self.part), _grid_value(ctx.report, *self.whole))

    def describe(self) -> str:
        def name(ref: tuple[str, str, str]) -> str:
            spec = _GRIDS[ref[0]]
            line = next(ln.label for ln in spec.lines if ln.key == ref[1])
            column = next(c.label for c in spec.columns if c.key == ref[2])
            return f"「{spec.sheet}」{line}的{column}"
        return f"{name(self.part)} ≤ {name(self.whole)}"


def _economic_value(line: M.EconomicLine) -> Value:
    scope = W.SCOPE_LABELS[line.scope]
    sheet = line.cell.sheet if line.cell is not None else W.ECONOMIC_SHEET.sheet
    return Value(line.amount, int(line.amount != 0), line.cell, f"“{scope}”中「{line.code} {line.name}」", sheet,
                 None, "决算数", f"{scope} {line.code} {line.name}")


def leading_lines(lines: tuple[M.EconomicLine, ...]) -> tuple[M.EconomicLine, ...]:
    """The lines of one 明细表 that add up to its total: the classes, and the items whose class is not listed."""
    classes = {line.code for line in lines if line.is_class}
    return tuple(line for line in lines if line.is_class or line.class_code not in classes)


@dataclass(frozen=True)
class ScopeTotal:
    """The leading lines of one 明细表 against a cell of the summary table: ``op`` is = or ≤."""

    scope: str
    op: str
    total: tuple[str, str, str]
    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        lines = leading_lines(ctx.report.economic_lines(self.scope))
        if not lines:
            return
        label = W.SCOPE_LABELS[self.scope]
        parts = _sum([_economic_value(line) for line in lines], f"“{label}”所列科目之和")
        total = _grid_value(ctx.report, *self.total)
        yield Comparison(self.op, parts, total) if self.op == "≤" else Comparison(self.op, total, parts)

    def describe(self) -> str:
        spec = _GRIDS[self.total[0]]
        line = next(ln.label for ln in spec.lines if ln.key == self.total[1])
        column = next(c.label for c in spec.columns if c.key == self.total[2])
        return (f"「{W.ECONOMIC_SHEET.sheet}」中“{W.SCOPE_LABELS[self.scope]}”所列类级科目（及未列其类的款级科目）"
                f"之和 {self.op} 「{spec.sheet}」{line}的{column}")


@dataclass(frozen=True)
class ItemsWithinClass:
    """In each 明细表: the items (款) listed under a class (类) add up to at most the class."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        for scope in M.SCOPES:
            lines = ctx.report.economic_lines(scope)
            for cls in (line for line in lines if line.is_class):
                items = [line for line in lines if not line.is_class and line.class_code == cls.code]
                if items:
                    desc = f"“{W.SCOPE_LABELS[scope]}”中 {cls.code} 之下所列款级科目之和"
                    yield Comparison("≤", _sum([_economic_value(i) for i in items], desc), _economic_value(cls))

    def describe(self) -> str:
        return f"「{W.ECONOMIC_SHEET.sheet}」每个明细表中：类级科目之下所列款级科目之和 ≤ 该类级科目"


@dataclass(frozen=True)
class FieldWithin:
    """An amount of 「机关运行经费和政府采购」 ≤ a cell of the summary table (when it is given)."""

    field: str
    whole: tuple[str, str, str]
    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    def evaluate(self, ctx: ReportContext) -> Iterator[Comparison]:
        value = _field_value(ctx.report, self.field)
        if value is not None:
            yield Comparison("≤", value, _grid_value(ctx.report, *self.whole))

    def describe(self) -> str:
        attribute = self.field.split(".")[1]
        label = W.OTHER_SHEET.cls.__dataclass_fields__[attribute].metadata["label"]
        spec = _GRIDS[self.whole[0]]
        line = next(ln.label for ln in spec.lines if ln.key == self.whole[1])
        column = next(c.label for c in spec.columns if c.key == self.whole[2])
        return f"「{W.OTHER_SHEET.sheet}」{label} ≤ 「{spec.sheet}」{line}的{column}"


# ----------------------------------------------------------------------------------- the catalogue

SECTION_TABLES = "整体支出和“三公”经费"
SECTION_ECONOMIC = "支出明细"
SECTION_OTHER = "其他金额"
FINAL = ("summary", "final", "total")

RULES: tuple[Rule, ...] = (
    Rule("P-SUM-01", ERROR, "支出合计等于基本支出与项目支出之和",
         "（一）整体支出情况表的每一行（年初部门预算、调整预算数、部门决算数、其中：资产购置支出），"
         "支出合计应等于基本支出加项目支出（只填支出合计、基本支出和项目支出都空白的行不校验）。",
         EQUAL, FIX_SUM, (RowSum("summary", M.SUMMARY_ROWS, "total", ("basic", "project")),),
         section=SECTION_TABLES),
    Rule("P-SUM-02", ERROR, "资产购置支出不超过部门决算数",
         "“其中：资产购置支出”是部门决算数的一部分，每一列都不能大于部门决算数。",
         NOT_MORE, "请核对资产购置支出和部门决算数，改正录错的一处。",
         (RowWithin("summary", "assets", "final", ("total", "basic", "project", "special")),),
         section=SECTION_TABLES),
    Rule("P-SUM-03", WARNING, "政府专项不超过项目支出",
         "政府专项资金在项目支出中安排，一般不大于同一行的项目支出。",
         NOT_MORE, "请核对政府专项和项目支出；确有不同口径的，请在报告中说明。",
         tuple(CellWithin(("summary", row, "special"), ("summary", row, "project")) for row in M.SUMMARY_ROWS),
         section=SECTION_TABLES),
    Rule("P-3P-01", ERROR, "“三公”经费合计等于三项之和",
         "（二）“三公”经费表的部门预算数、部门决算数两行，合计应等于因公出国出境、公车购置及运行、公务接待之和。",
         EQUAL, FIX_SUM, (RowSum("three_public", M.THREE_PUBLIC_ROWS, "total", ("outbound", "vehicle", "reception")),),
         section=SECTION_TABLES),
    Rule("P-ECON-01", ERROR, "支出决算明细表各类之和等于部门决算数",
         "（四）“支出决算明细表”所列各类经济分类科目之和，应等于（一）表部门决算数的支出合计。",
         EQUAL, "请核对「支出明细」中“支出决算明细表”的各类科目金额与「整体支出」的部门决算数，"
                "补上漏列的类或改正录错的金额。",
         (ScopeTotal(M.SCOPE_ALL, "=", FINAL),), section=SECTION_ECONOMIC),
    Rule("P-ECON-02", ERROR, "款级科目之和不超过所属类级科目",
         "每个明细表中，列在类级科目之下的款级科目之和不能大于该类级科目（只列部分款级科目时可以小于）。",
         NOT_MORE, "请核对该类级科目及其下各款级科目的金额和科目编码。", (ItemsWithinClass(),),
         section=SECTION_ECONOMIC),
    Rule("P-ECON-03", ERROR, "基本支出、项目支出明细表不超过部门决算数的相应支出",
         "“基本支出决算明细表”“项目支出决算明细表”所列科目之和，不能大于（一）表部门决算数的基本支出、项目支出。",
         NOT_MORE, "请核对「支出明细」中该明细表的金额与「整体支出」的部门决算数。",
         (ScopeTotal(M.SCOPE_BASIC, "≤", ("summary", "final", "basic")),
          ScopeTotal(M.SCOPE_PROJECT, "≤", ("summary", "final", "project"))), section=SECTION_ECONOMIC),
    Rule("P-OTH-01", WARNING, "机关运行经费不超过基本支出",
         "机关运行经费是基本支出中的公用经费部分，一般不大于部门决算数的基本支出。",
         NOT_MORE, "请核对机关运行经费（万元）与部门决算数的基本支出。",
         (FieldWithin("other.office_cost", ("summary", "final", "basic")),), section=SECTION_OTHER),
    Rule("P-OTH-02", WARNING, "政府采购支出不超过支出合计",
         "政府采购支出是部门支出的一部分，不大于部门决算数的支出合计。",
         NOT_MORE, "请核对政府采购支出（万元）与部门决算数的支出合计。",
         (FieldWithin("other.procurement", FINAL),), section=SECTION_OTHER),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def check_report(report: M.SelfEvaluationReport, settings: CheckSettings = DEFAULT_SETTINGS) -> CheckReport:
    """Every finding of the report's rules (``RULES``) over ``report``."""
    return run_rules(RULES, ReportContext(report, settings))
