"""The budget's rules (B-…), declared as data over the shared vocabulary and engine of ``generator.checks``.

Each ``Rule`` (the final accounts' record: id, severity, Chinese title, description, message template,
hint, the checks it makes) states relations with the shared ``Sum``, ``Equal``, ``LessOrEqual`` over
the selections below, which read the budget's tables (``BudgetContext``); the shared engine
(``run_rules``) applies the rounding tolerance and writes the findings, the shared presenters print
them, and ``docs/checks.md`` lists them under 部门预算 (``generator.checks.reference``).

Ids: ``B-T<n>-xx`` within 表n; ``B-X-xx`` between tables; ``B-S-xx`` the inputs of the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from generator import catalog
from generator.catalog.bureau import SubjectCatalogue
from generator.checks.declarations import (
    COMPARISON_BLANKS,
    Breach,
    Comparison,
    Equal,
    LessOrEqual,
    Occurrence,
    Place,
    Sum,
    Value,
)
from generator.checks.engine import run_rules
from generator.checks.findings import DEFAULT_SETTINGS, CheckReport, CheckSettings
from generator.checks.rules import EQUAL, FIX_CROSS, FIX_SUM, NOT_MORE, Rule
from generator.model import ZERO, Line
from generator.workbook.problems import ERROR, WARNING

from . import model as M
from . import workbook as W

# ----------------------------------------------------------------------------------- what the rules read

TABLE_ATTRIBUTES = {
    "t1": "t1_appropriation_summary", "t2": "t2_general_budget_expenditure",
    "t3": "t3_general_budget_basic_expenditure", "t4": "t4_three_public", "t5": "t5_government_fund",
    "t6": "t6_income_expenditure_summary", "t7": "t7_income_summary", "t8": "t8_expenditure_summary",
    "t9": "t9_project_expenditure", "t10": "t10_procurement", "t11": "t11_purchased_services",
}
_SPECS: dict[str, Any] = {s.table: s for s in (W.T1, W.T6, *W.SUBJECT_SHEETS, *W.RECORD_SHEETS)}
_FIELD_SHEETS = {"info": W.INFO, "narrative": W.NARRATIVE, "other": W.OTHER}


def table_label(table: str) -> str:
    return "表" + table[1:]


def column_label(table: str, column: str) -> str:
    spec = _SPECS[table]
    found = next((c for c in spec.columns if c.key == column), None)
    if found is None:
        return column
    return f"{found.group}/{found.label}" if found.group else found.label


def line_label(table: str, line: str) -> str:
    """``income.income_total`` → 收入总计; ``function.208`` → 208; ``total`` → 合计."""
    if line == "total":
        return "合计"
    spec = _SPECS[table]
    if isinstance(spec, W.LineSheet):
        block_key, _, key = line.partition(".")
        block = next(b for b in spec.blocks if b.key == block_key)
        fixed = next((ln for ln in block.lines if ln.key == key), None)
        return f"{block.title}/{fixed.label if fixed else key}"
    return line


class BudgetContext:
    """The budget being checked: rows of its tables by key, as ``Value``s the shared checks compare."""

    def __init__(self, budget: M.BudgetModel, settings: CheckSettings = DEFAULT_SETTINGS,
                 catalogue: SubjectCatalogue | None = None) -> None:
        self.budget = budget
        self.settings = settings
        self.catalogue = catalogue  # the bureau's 《政府收支分类科目》 (``--catalogue``), when given

    def table(self, table: str) -> Any:
        return getattr(self.budget, TABLE_ATTRIBUTES[table])

    def row(self, table: str, line: str) -> Line | M.Record | None:
        obj = self.table(table)
        if isinstance(obj, M.LineTable):
            return obj.lines.get(line)
        if isinstance(obj, M.RecordTable):
            if line == "total":
                return obj.total
            key = _SPECS[table].key
            return next((r for r in obj.records if r.text(key) == line), None)
        return obj.total if line == "total" else obj.row(line)

    def value(self, table: str, line: str, column: str, row: Line | M.Record | None = None) -> Value:
        row = row if row is not None else self.row(table, line)
        amount = row[column] if row is not None else ZERO
        cell = row.cells.get(column) if row is not None else None
        name = _row_name(table, line, row)
        desc = f"{table_label(table)}「{name}」的「{column_label(table, column)}」"
        return Value(amount, int(amount != 0), cell, desc, table_label(table), None, column_label(table, column), name)

    def rows(self, table: str, level: int | None = None, block: str = "",
             coded_only: bool = True) -> list[tuple[str, Line | M.Record]]:
        """(line key, row) of a table's rows (without its 合计): subject rows of one code length, a block's coded
        lines (every line of the block with ``coded_only=False``), or the records of a list."""
        obj = self.table(table)
        if isinstance(obj, M.LineTable):
            return [(k, ln) for k, ln in obj.lines.items()
                    if k.startswith(block + ".") and (ln.code or not coded_only)]
        if isinstance(obj, M.RecordTable):
            key = _SPECS[table].key
            return [(r.text(key), r) for r in obj.records]
        return [(r.code, r) for r in obj.rows if level is None or len(r.code) == level]


def _row_name(table: str, line: str, row: Line | M.Record | None) -> str:
    if isinstance(row, Line) and row.code:
        return f"{row.code} {row.name}".strip()
    if isinstance(row, M.Record) and line != "total":
        return line
    return line_label(table, line)


@dataclass(frozen=True)
class Amount:
    """One cell: ``Amount("t1", "income.income_total")``, ``Amount("t2", "total", "basic")``."""

    table: str
    line: str
    column: str = "total"

    def values(self, ctx: BudgetContext) -> dict[str, Value]:
        return {"": ctx.value(self.table, self.line, self.column)}

    def describe(self) -> str:
        column = column_label(self.table, self.column)
        return f"{table_label(self.table)}「{line_label(self.table, self.line)}」的「{column}」"


@dataclass(frozen=True)
class Rows:
    """One column of several rows, keyed by code (or record name): the 类 of a coded table (``level=3``), a
    block's coded lines of 表1/表6 (``block="function"``), or every record of a list."""

    table: str
    column: str = "total"
    level: int | None = None
    block: str = ""
    key_prefix: bool = False  # key the values by the bare code (``208``) for comparing two tables

    def values(self, ctx: BudgetContext) -> dict[str, Value]:
        out = {}
        for key, row in ctx.rows(self.table, self.level, self.block):
            code = row.code if isinstance(row, Line) and row.code else key
            out[code] = ctx.value(self.table, key, self.column, row)
        return out

    def describe(self) -> str:
        if self.block:
            rows = f"「{line_label(self.table, self.block + '.x').split('/')[0]}」各类级科目"
        elif self.level == 3:
            rows = "各类级科目"
        elif isinstance(_SPECS[self.table], W.RecordSheet):
            rows = "各行"
        else:
            rows = "各科目"
        return f"{table_label(self.table)}{rows}的「{column_label(self.table, self.column)}」"


@dataclass(frozen=True)
class Records:
    """The records of a list whose text ``where`` (key, value) matches, as one sum (keyed ``""``, so that it is
    compared with a single cell: a record keyed by its own name would be compared with nothing)."""

    table: str
    column: str
    where: tuple[str, str]

    def values(self, ctx: BudgetContext) -> dict[str, Value]:
        key, wanted = self.where
        found = [ctx.value(self.table, name, self.column, row) for name, row in ctx.rows(self.table)
                 if row.text(key) == wanted]
        if len(found) == 1:
            return {"": found[0]}
        total = _sum(found, self.describe())
        cell = found[0].cell if found else None
        return {"": Value(total.amount, total.count, cell, self.describe(), table_label(self.table), None,
                          column_label(self.table, self.column), f"“{wanted}”各行之和")}

    def describe(self) -> str:
        spec = _SPECS[self.table]
        label = next(c.label for c in spec.columns if c.key == self.where[0])
        column = column_label(self.table, self.column)
        return f"{table_label(self.table)}中「{label}」为“{self.where[1]}”的各行的「{column}」之和"


@dataclass(frozen=True)
class Input:
    """An amount of a supplementary sheet: ``Input("other.office_cost")``."""

    path: str

    def _label(self) -> tuple[str, str]:
        sheet_key, _, name = self.path.partition(".")
        spec = _FIELD_SHEETS[sheet_key]
        field = next(f for f in spec.cls.__dataclass_fields__.values() if f.name == name)
        return spec.sheet, field.metadata["label"]

    def raw(self, ctx: BudgetContext) -> Any:
        sheet_key, _, name = self.path.partition(".")
        return getattr(getattr(ctx.budget, sheet_key), name)

    def values(self, ctx: BudgetContext) -> dict[str, Value]:
        raw = self.raw(ctx)
        amount = raw if isinstance(raw, Decimal) else ZERO
        sheet, label = self._label()
        return {"": Value(amount, int(amount != 0), ctx.budget.field_cells.get(self.path), f"{sheet}「{label}」",
                          sheet, None, "", label)}

    def describe(self) -> str:
        sheet, label = self._label()
        return f"{sheet}「{label}」"


# ----------------------------------------------------------------------------------- conditions


@dataclass(frozen=True)
class HasData:
    """The selection holds a non-zero amount (the 经济分类 block of 表1 is often left blank)."""

    selection: Rows

    def holds(self, ctx: BudgetContext) -> bool:
        return any(v.amount != 0 for v in self.selection.values(ctx).values())

    def describe(self) -> str:
        return f"{self.selection.describe()}填有金额时"


# ----------------------------------------------------------------------------------- checks


def _sum(values: list[Value], desc: str) -> Value:
    return Value(sum((v.amount for v in values), ZERO), sum(v.count for v in values), None, desc)


@dataclass(frozen=True)
class Hierarchy:
    """类 = Σ its 款, 款 = Σ its 项 (when it has any), and 合计 = Σ 类, in each of ``columns``."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    table: str
    columns: tuple[str, ...]

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        rows = ctx.rows(self.table)
        for column in self.columns:
            classes = [(k, r) for k, r in rows if len(k) == 3]
            yield Comparison("=", ctx.value(self.table, "total", column),
                             _sum([ctx.value(self.table, k, column, r) for k, r in classes], "各类级科目之和"))
            for parent, row in rows:
                kids = [(k, r) for k, r in rows if len(k) > len(parent) and k.startswith(parent)
                        and len(k) == {3: 5, 5: 7}.get(len(parent))]
                if kids:
                    codes = "、".join(k for k, _ in kids)
                    yield Comparison("=", ctx.value(self.table, parent, column, row),
                                     _sum([ctx.value(self.table, k, column, r) for k, r in kids],
                                          f"下级科目（{codes}）之和"))

    def describe(self) -> str:
        cols = "、".join(f"「{column_label(self.table, c)}」" for c in self.columns)
        return f"{table_label(self.table)}：类 = 其款之和，款 = 其项之和（有下级时），「合计」= 各类之和（{cols}）"


@dataclass(frozen=True)
class TotalOfRows:
    """The 合计 row = Σ the rows (every row of a list; the item rows of 表4), in each of ``columns``."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    table: str
    columns: tuple[str, ...]

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        rows = ctx.rows(self.table)
        for column in self.columns:
            yield Comparison("=", ctx.value(self.table, "total", column),
                             _sum([ctx.value(self.table, k, column, r) for k, r in rows], "各行之和"))

    def describe(self) -> str:
        cols = "、".join(f"「{column_label(self.table, c)}」" for c in self.columns)
        return f"{table_label(self.table)}：「合计」行 = 其余各行之和（{cols}）"


@dataclass(frozen=True)
class RowSum:
    """On every row (the 合计 row included; in 表1/表6 the lines of ``blocks``): ``total`` = Σ ``parts``."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    table: str
    total: str
    parts: tuple[str, ...]
    blocks: tuple[str, ...] = ()

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        if self.blocks:
            rows = [(k, r) for b in self.blocks for k, r in ctx.rows(self.table, block=b, coded_only=False)]
        else:
            rows = [("total", ctx.row(self.table, "total")), *ctx.rows(self.table)]
        formula = " + ".join(f"「{column_label(self.table, c)}」" for c in self.parts)
        for key, row in rows:
            if row is None:
                continue
            yield Comparison("=", ctx.value(self.table, key, self.total, row),
                             _sum([ctx.value(self.table, key, c, row) for c in self.parts], f"本行{formula}"))

    def describe(self) -> str:
        where = "、".join(f"「{line_label(self.table, b + '.x').split('/')[0]}」" for b in self.blocks)
        formula = " + ".join(f"「{column_label(self.table, c)}」" for c in self.parts)
        return (f"{table_label(self.table)}{where}每一行：「{column_label(self.table, self.total)}」 = {formula}")


@dataclass(frozen=True)
class ItemsWithinProjects:
    """The items of a list (表10/表11) paid from a project add up to no more than that project in 表9."""

    blanks: ClassVar[tuple[str, ...]] = (*COMPARISON_BLANKS, "project")
    reads: ClassVar[tuple[str, ...]] = ("t9",)

    table: str

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        by_project: dict[str, list[Value]] = {}
        for name, row in ctx.rows(self.table):
            if row.text("spending") == "项目支出":
                by_project.setdefault(row.text("project"), []).append(ctx.value(self.table, name, "total", row))
        for project, values in by_project.items():
            left = values[0] if len(values) == 1 else Value(
                sum((v.amount for v in values), ZERO), sum(v.count for v in values), values[0].cell,
                f"{table_label(self.table)}中所属项目为“{project}”的各行之和", table_label(self.table), None, "金额",
                project)
            yield Comparison("≤", left, ctx.value("t9", project, "total"), {"project": project})

    def describe(self) -> str:
        return f"{table_label(self.table)}：支出类型为“项目支出”的各行，按所属项目相加，不超过表9中该项目的「合计」"


@dataclass(frozen=True)
class SameProjects:
    """Every project of 表9 has its 项目支出绩效目标表 (表13), and every 表13 names a project of 表9."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell", "other")
    reads: ClassVar[tuple[str, ...]] = ("t9", "t13")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        t9 = {name: row for name, row in ctx.rows("t9")}
        t13 = {p.name: p.record for p in ctx.budget.t13_project_performance}
        for name, row in t9.items():
            if name not in t13:
                yield Breach(Place("表9", "", name, "项目名称", row.cells.get("name")),
                             {"other": "「表13 项目支出绩效目标表」中没有这个项目"})
        for name, record in t13.items():
            if name not in t9:
                yield Breach(Place("表13", "", name, "项目名称", record.cells.get("name")),
                             {"other": "表9 项目支出情况表中没有这个项目"})

    def describe(self) -> str:
        return "表9 的每个项目在表13 有项目支出绩效目标表，表13 的每个项目是表9 的项目（按项目名称）"


@dataclass(frozen=True)
class ProjectBudgets:
    """Each 表13 project's 项目当年预算 = its 合计 in 表9."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS
    reads: ClassVar[tuple[str, ...]] = ("t9", "t13")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        names = {name for name, _ in ctx.rows("t9")}
        for target in ctx.budget.t13_project_performance:
            if target.name in names:
                record = target.record
                left = Value(record["current"], int(record["current"] != 0), record.cells.get("current"),
                             f"表13「{target.name}」的「项目当年预算」", "表13", None, "项目当年预算", target.name)
                yield Comparison("=", left, ctx.value("t9", target.name, "total"))

    def describe(self) -> str:
        return "表13 每个项目的「项目当年预算」 = 表9 该项目的「合计」"


def _subject_rows(ctx: BudgetContext, level: int | None = None) -> Iterator[tuple[str, Line]]:
    """(表n, row) of the functional subjects: the class lines of 表1/表6 and the rows of 表2/表5."""
    for table in ("t1", "t6"):
        for _, row in ctx.rows(table, block="function"):
            yield table_label(table), row
    for table in ("t2", "t5"):
        for _, row in ctx.rows(table, level):
            yield table_label(table), row


@dataclass(frozen=True)
class ClassNames:
    """Every 3-digit functional class of 表1, 表2, 表5, 表6 has its catalogue name (``generator.catalog``)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "expected")
    reads: ClassVar[tuple[str, ...]] = ("t1", "t2", "t5", "t6")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        for table, row in _subject_rows(ctx, 3):
            fc = catalog.class_by_code(row.code)
            if fc is not None and catalog.class_by_name(row.name) == fc:
                continue
            expected = fc.name if fc else f"（{row.code} 不是支出功能分类的类级科目编码）"
            yield Breach(Place(table, row.code, row.name, "科目名称", row.code_cell), {"expected": expected})

    def describe(self) -> str:
        return "表1、表6 的功能分类各类和表2、表5 的类级科目：编码和名称与《政府收支分类科目》一致"


@dataclass(frozen=True)
class InBureauCatalogue:
    """With ``--catalogue``: every subject code of 表2 and 表5 is in the bureau's catalogue, under its name."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "problem", "source")
    reads: ClassVar[tuple[str, ...]] = ("t2", "t5")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        cat = ctx.catalogue
        if cat is None:
            return
        for table, row in _subject_rows(ctx):
            if table in ("表1", "表6"):
                continue
            expected = cat.name_of(row.code)
            if expected is None:
                yield Breach(Place(table, row.code, row.name, "科目编码", row.code_cell),
                             {"problem": "科目表中没有这个编码", "source": cat.source})
            elif row.name and not cat.same_name(row.code, row.name):
                yield Breach(Place(table, row.code, row.name, "科目名称", row.code_cell),
                             {"problem": f"按科目表名称应为“{expected}”", "source": cat.source})

    def describe(self) -> str:
        return ("（给出 --catalogue 科目表时）表2、表5 的每个科目编码都在科目表中，"
                "名称与科目表一致（不计空格和末尾“支出”二字）")


@dataclass(frozen=True)
class ProjectSums:
    """Each 表13 project: 项目总预算 = its sources (``parts="sources"``, when they are given), or 项目当年预算 = Σ
    its 项目支出明细 (``parts="details"``, when it has any)."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS
    reads: ClassVar[tuple[str, ...]] = ("t13",)
    SOURCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("appropriation", "资金来源：财政拨款收入"), ("other_sources", "资金来源：其他资金"),
        ("carryover", "资金来源：上年结转"))

    parts: str

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        for target in ctx.budget.t13_project_performance:
            record, name = target.record, target.name

            def value(rec: M.Record, key: str, label: str, name: str = name) -> Value:
                return Value(rec[key], int(rec[key] != 0), rec.cells.get(key), f"表13「{name}」的「{label}」", "表13",
                             None, label, name)

            if self.parts == "sources":
                if all(record[k] == 0 for k, _ in self.SOURCES):
                    continue
                yield Comparison("=", value(record, "total", "项目总预算"),
                                 _sum([value(record, k, label) for k, label in self.SOURCES], "资金来源各项之和"))
            elif target.details:
                details = [Value(d["total"], int(d["total"] != 0), d.cells.get("total"), d.text("item"), "表13")
                           for d in target.details]
                yield Comparison("=", value(record, "current", "项目当年预算"),
                                 _sum(details, f"{len(details)} 项支出明细之和"))

    def describe(self) -> str:
        if self.parts == "sources":
            return "表13 每个项目（填有资金来源时）：「项目总预算」 = 财政拨款收入 + 其他资金 + 上年结转"
        return "表13 每个项目（填有支出明细时）：「项目当年预算」 = 「表13 项目支出明细」中该项目各行之和"


@dataclass(frozen=True)
class ProjectSubjects:
    """Each project's 功能科目编码 in 表9 is a 项 with 项目支出 of the table of its money: 表2 for a project with
    一般公共预算, 表5 for one with 政府性基金预算 only; a project paid from neither (国有资本经营预算, 其他资金)
    names a 7-digit subject whose class has spending in 表6."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell", "code", "where")
    reads: ClassVar[tuple[str, ...]] = ("t9", "t2")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        t2, t5 = ctx.budget.t2_general_budget_expenditure, ctx.budget.t5_government_fund
        t6 = ctx.budget.t6_income_expenditure_summary
        for name, row in ctx.rows("t9"):
            code = row.text("subject")
            if row["general_budget"] != 0:
                table, where = t2, "表2"
            elif row["gov_fund"] != 0:
                table, where = t5, "表5"
            else:
                if len(code) == 7 and code.isdigit() and t6.amount("function", code[:3]) != 0:
                    continue
                yield Breach(Place("表9", "", name, "功能科目编码", row.cells.get("subject")),
                             {"code": code or "（空）", "where": "表6（该类级科目没有支出）"})
                continue
            line = table.row(code) if code else None
            if line is None or line["project"] == 0:
                yield Breach(Place("表9", "", name, "功能科目编码", row.cells.get("subject")),
                             {"code": code or "（空）", "where": where})

    def describe(self) -> str:
        return ("表9 每个项目的「功能科目编码」是表2（有一般公共预算的项目）或表5（只有政府性基金预算的项目）中有"
                "「项目支出」的项级科目；两者都没有的项目（国有资本经营预算、其他资金），"
                "其科目所属类级科目在表6 有支出")


@dataclass(frozen=True)
class PriorGiven:
    """The text compares with last year's budget: the figure is given (a new department leaves it blank)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell", "label")

    inputs: tuple[Input, ...]

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        for item in self.inputs:
            if item.raw(ctx) is None:
                sheet, label = item._label()
                yield Breach(Place(sheet, "", label, "", ctx.budget.field_cells.get(item.path)), {"label": label})

    def describe(self) -> str:
        return "、".join(i.describe() for i in self.inputs) + " 已填写"


@dataclass(frozen=True)
class CurrentGeneralBudget:
    """本年预算 of the 一般公共预算 as the text compares it with last year's: 表2 合计 − 表1 一般公共预算结余结转."""

    def values(self, ctx: BudgetContext) -> dict[str, Value]:
        total = ctx.value("t2", "total", "total")
        carry = ctx.value("t1", "income.carryover_general_budget", "total")
        return {"": Value(total.amount - carry.amount, total.count, total.cell, self.describe(), "表2")}

    def describe(self) -> str:
        return "本年预算（表2「合计」减表1「（一）一般公共预算结余结转」）"


@dataclass(frozen=True)
class ReasonGiven:
    """A change against last year's budget is explained: ``reason`` is filled when ``current`` ≠ ``prior``."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell", "label", "left", "right", "difference")

    current: Amount | Sum | CurrentGeneralBudget
    prior: Input
    reason: str  # the NarrativeInputs field

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        prior = self.prior.raw(ctx)
        if prior is None or getattr(ctx.budget.narrative, self.reason).strip():
            return
        current = self.current.values(ctx)[""].amount
        if current == prior:
            return
        field = W.NARRATIVE.cls.__dataclass_fields__[self.reason]
        label = field.metadata["label"]
        yield Breach(Place(W.NARRATIVE.sheet, "", label, "", ctx.budget.field_cells.get(f"narrative.{self.reason}")),
                     {"label": label, "left": f"{current:,.2f}", "right": f"{prior:,.2f}",
                      "difference": f"{current - prior:+,.2f}"}, left=current, right=prior)

    def describe(self) -> str:
        label = W.NARRATIVE.cls.__dataclass_fields__[self.reason].metadata["label"]
        return f"{self.current.describe()} 与 {self.prior.describe()} 不同时，填写「{label}」"


@dataclass(frozen=True)
class ReasonWithoutChange:
    """A reason is given where the text states no change (no prior budget, or flat): it would not be printed."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell", "label", "why")

    current: Amount | Sum | CurrentGeneralBudget
    prior: Input
    reason: str  # the NarrativeInputs field

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        if not getattr(ctx.budget.narrative, self.reason).strip():
            return
        prior = self.prior.raw(ctx)
        if prior is None:
            why = f"没有填写“{self.prior._label()[1]}”（文档写明无上年预算可比）"
        elif self.current.values(ctx)[""].amount == prior:
            why = "本年与上年预算持平"
        else:
            return
        label = W.NARRATIVE.cls.__dataclass_fields__[self.reason].metadata["label"]
        yield Breach(Place(W.NARRATIVE.sheet, "", label, "", ctx.budget.field_cells.get(f"narrative.{self.reason}")),
                     {"label": label, "why": why})

    def describe(self) -> str:
        label = W.NARRATIVE.cls.__dataclass_fields__[self.reason].metadata["label"]
        return f"「{label}」已填写时，{self.prior.describe()} 已填写且与 {self.current.describe()} 不同"


@dataclass(frozen=True)
class NothingBudgeted:
    """The workbook holds no budget yet: 表1 and 表6 both total 0."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "name", "cell")
    reads: ClassVar[tuple[str, ...]] = ("t1", "t6")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        t1 = ctx.value("t1", "income.income_grand_total", "total")
        t6 = ctx.value("t6", "income.income_grand_total", "total")
        if t1.amount == 0 and t6.amount == 0:
            yield Breach(Place(t1.table, "", t1.key, t1.column, t1.cell), {}, other_cell=t6.cell)

    def describe(self) -> str:
        return "表1「收入总计」与表6「收入总计」不都为 0"


@dataclass(frozen=True)
class Sheet3Classes:
    """表3 basic spending by economic class equals the 支出类别 lines of 表1 (一般公共预算)."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS
    reads: ClassVar[tuple[str, ...]] = ("t1", "t3")

    def evaluate(self, ctx: BudgetContext) -> Iterator[Occurrence]:
        for code, key in (("301", "basic_wages"), ("303", "basic_households"), ("302", "basic_goods")):
            yield Comparison("=", ctx.value("t1", f"category.{key}", "general_budget"), ctx.value("t3", code, "total"))

    def describe(self) -> str:
        return ("表1「支出（按支出类别）」的工资福利支出、对个人和家庭的补助、商品和服务支出（一般公共预算）"
                " = 表3 的 301、303、302 类「小计」")


# ----------------------------------------------------------------------------------- the catalogue

T1_KINDS = ("general_budget", "gov_fund", "state_capital")
SOURCES_T7 = ("general_budget", "gov_fund", "state_capital", "business", "higher_subsidy", "subordinate", "operating",
              "other", "use_fund", "carryover")
T8_PARTS = ("basic", "project", "remit", "subsidy", "operating")
CATEGORY_PARTS = ("basic", "project", "remit", "subsidy", "operating")
FIX_INPUT = "请核对补充资料与表中的金额，改正录错的一处。"
FIX_PRIOR = "请在「上年预算与说明」中填写上年预算数（新成立、上年无预算的部门可不填，文档写明无上年预算可比）。"
FIX_REASON = "请在「上年预算与说明」中写明增加或减少的主要原因，文档照此印出。"
FIX_UNUSED_REASON = "请补填上年预算数；若确为新成立部门或确实持平，可删去这段原因。"


def _sum_rule(id: str, title: str, description: str, *checks: Any, hint: str = FIX_SUM, section: str = "",
              severity: str = ERROR, template: str = EQUAL, when: tuple = ()) -> Rule:
    return Rule(id, severity, title, description, template, hint, tuple(checks), when,
                section or (table_label(id.split("-")[1].lower()) if id.startswith("B-T") else ""))


def _category_checks(table: str, columns: tuple[str, ...]) -> tuple[Any, ...]:
    a = lambda key, c: Amount(table, f"category.{key}", c)  # noqa: E731
    out: list[Any] = []
    for c in columns:
        out += [
            Sum(a("basic", c), (a("basic_wages", c), a("basic_households", c), a("basic_goods", c))),
            Sum(a("project", c), (a("project_department", c), a("project_public", c))),
            Sum(Amount(table, "function.expenditure_total", c), tuple(a(k, c) for k in CATEGORY_PARTS),
                label="支出类别各项之和"),
        ]
    return tuple(out)


def _rules() -> tuple[Rule, ...]:
    t1 = lambda line, c="total": Amount("t1", line, c)  # noqa: E731
    t6 = lambda line: Amount("t6", line)  # noqa: E731
    x, s = "表间关系", "补充资料与文字"
    return (
        Rule("B-E-01", ERROR, "预算表已填写",
             "表1 和表6 的收入总计都为 0 时，工作簿还没有填写预算数：生成的文档会处处是 0.00，故为错误。",
             "预算表没有填写：表1 和表6 的收入总计都为 0（或空白）。",
             "把部门预算公开表粘贴到各工作表中（保留表头和“合计”“总计”行），再运行。",
             (NothingBudgeted(),), (), table_label("t1")),
        # 表1 财政拨款收支总体情况表
        _sum_rule("B-T1-01", "本年收入合计等于各项财政拨款之和",
                  "表1 本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款",
                  Sum(t1("income.income_total"), tuple(t1(f"income.{k}") for k in T1_KINDS))),
        _sum_rule("B-T1-02", "上年结转等于各项结余结转之和", "表1 上年结转 = 三项财政拨款结余结转之和",
                  Sum(t1("income.carryover"), tuple(t1(f"income.carryover_{k}") for k in T1_KINDS))),
        _sum_rule("B-T1-03", "收入总计等于本年收入合计加上年结转", "表1 收入总计 = 本年收入合计 + 上年结转",
                  Sum(t1("income.income_grand_total"), (t1("income.income_total"), t1("income.carryover")))),
        _sum_rule("B-T1-04", "本年支出合计等于各类支出之和", "表1 按功能分类的本年支出合计 = 各类级科目之和（每一列）",
                  *(Sum(t1("function.expenditure_total", c), (Rows("t1", c, block="function"),), label="各类级科目之和")
                    for c in ("total", *T1_KINDS))),
        _sum_rule("B-T1-05", "支出总计等于本年支出合计加结转下年", "表1 支出总计 = 本年支出合计 + 结转下年（每一列）",
                  *(Sum(t1("function.expenditure_grand_total", c),
                        (t1("function.expenditure_total", c), t1("function.carryover_next", c)))
                    for c in ("total", *T1_KINDS))),
        _sum_rule("B-T1-06", "收入总计等于支出总计", "表1 收入总计 = 支出总计",
                  Equal(t1("income.income_grand_total"), t1("function.expenditure_grand_total"))),
        _sum_rule("B-T1-07", "每行合计等于各资金来源之和",
                  "表1 支出各行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
                  RowSum("t1", "total", T1_KINDS, ("function", "category", "economic"))),
        _sum_rule("B-T1-08", "支出类别各项相加一致",
                  "表1 基本支出 = 工资福利 + 对个人和家庭的补助 + 商品和服务支出；项目支出 = "
                  "部门项目 + 公共项目；本年支出合计 = 基本 + 项目 + 上缴上级 + 对附属单位补助 + 事业单位经营支出",
                  *_category_checks("t1", ("total", *T1_KINDS))),
        _sum_rule("B-T1-09", "经济分类支出之和等于本年支出合计", "表1 按经济分类填列时，各类之和 = 本年支出合计",
                  Sum(t1("function.expenditure_total"), (Rows("t1", block="economic"),), label="经济分类各类之和"),
                  when=(HasData(Rows("t1", block="economic")),)),
        # 表2 一般公共预算支出情况表
        _sum_rule("B-T2-01", "科目逐级相加一致", "表2 类 = 其款之和，款 = 其项之和，合计 = 各类之和",
                  Hierarchy("t2", ("total", "basic", "project"))),
        _sum_rule("B-T2-02", "总计等于基本支出加项目支出", "表2 每一行：总计 = 基本支出 + 项目支出",
                  RowSum("t2", "total", ("basic", "project"))),
        # 表3 一般公共预算基本支出情况表
        _sum_rule("B-T3-01", "经济科目逐级相加一致", "表3 类（3位）= 其款（5位）之和，合计 = 各类之和",
                  Hierarchy("t3", ("total", "personnel", "public"))),
        _sum_rule("B-T3-02", "小计等于人员经费加公用经费", "表3 每一行：小计 = 人员经费 + 公用经费",
                  RowSum("t3", "total", ("personnel", "public"))),
        _sum_rule("B-T3-03", "人员经费等于301与303类之和",
                  "表3 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助",
                  Sum(Amount("t3", "total", "personnel"), (Amount("t3", "301"), Amount("t3", "303")))),
        _sum_rule("B-T3-04", "公用经费等于302与310类之和", "表3 公用经费合计 = 302 商品和服务支出 + 310 资本性支出",
                  Sum(Amount("t3", "total", "public"), (Amount("t3", "302"), Amount("t3", "310")))),
        # 表4 “三公”经费
        _sum_rule("B-T4-01", "合计行等于各科目之和", "表4 合计行 = 各科目行之和（每一列）",
                  TotalOfRows("t4", ("total", "outbound", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                                     "reception"))),
        _sum_rule("B-T4-02", "“三公”经费合计等于三项之和",
                  "表4 每一行：合计 = 因公出国（境）费用 + 公务用车购置及运行维护费 + 公务接待费",
                  RowSum("t4", "total", ("outbound", "vehicle_total", "reception"))),
        _sum_rule("B-T4-03", "公务用车小计等于购置费加运行维护费", "表4 每一行：公务用车小计 = 购置费 + 运行及维护费",
                  RowSum("t4", "vehicle_total", ("vehicle_purchase", "vehicle_operation"))),
        # 表5 政府性基金
        _sum_rule("B-T5-01", "科目逐级相加一致", "表5 类 = 其款之和，款 = 其项之和，合计 = 各类之和",
                  Hierarchy("t5", ("total", "basic", "project"))),
        _sum_rule("B-T5-02", "总计等于基本支出加项目支出", "表5 每一行：总计 = 基本支出 + 项目支出",
                  RowSum("t5", "total", ("basic", "project"))),
        # 表6 收支总体情况表
        _sum_rule("B-T6-01", "本年收入合计等于各项收入之和", "表6 本年收入合计 = 八项收入之和",
                  Sum(t6("income.income_total"), tuple(t6(f"income.{k}") for k in W.T6_INCOME_SOURCES))),
        _sum_rule("B-T6-02", "收入总计等于本年收入加弥补收支差额和上年结转",
                  "表6 收入总计 = 本年收入合计 + 用事业基金弥补收支差额 + 上年结转",
                  Sum(t6("income.income_grand_total"),
                      (t6("income.income_total"), t6("income.use_fund"), t6("income.carryover")))),
        _sum_rule("B-T6-03", "本年支出合计等于各类支出之和", "表6 按功能分类的本年支出合计 = 各类级科目之和",
                  Sum(t6("function.expenditure_total"), (Rows("t6", block="function"),), label="各类级科目之和")),
        _sum_rule("B-T6-04", "支出总计等于本年支出合计加结转下年", "表6 支出总计 = 本年支出合计 + 结转下年",
                  Sum(t6("function.expenditure_grand_total"),
                      (t6("function.expenditure_total"), t6("function.carryover_next")))),
        _sum_rule("B-T6-05", "收入总计等于支出总计", "表6 收入总计 = 支出总计",
                  Equal(t6("income.income_grand_total"), t6("function.expenditure_grand_total"))),
        _sum_rule("B-T6-06", "支出类别各项相加一致", "表6 基本支出、项目支出及本年支出合计与其组成部分一致",
                  *_category_checks("t6", ("total",))),
        # 表7 … 表11
        _sum_rule("B-T7-01", "合计行等于各单位之和", "表7 合计行 = 各单位行之和（每一列）",
                  TotalOfRows("t7", ("total", *SOURCES_T7))),
        _sum_rule("B-T7-02", "总计等于各项收入之和", "表7 每一行：总计 = 各项收入之和",
                  RowSum("t7", "total", SOURCES_T7)),
        _sum_rule("B-T8-01", "合计行等于各单位之和", "表8 合计行 = 各单位行之和（每一列）",
                  TotalOfRows("t8", ("total", *T8_PARTS))),
        _sum_rule("B-T8-02", "总计等于各项支出之和",
                  "表8 每一行：总计 = 基本 + 项目 + 上缴上级 + 对附属单位补助 + 事业单位经营支出",
                  RowSum("t8", "total", T8_PARTS)),
        _sum_rule("B-T9-01", "合计行等于各项目之和", "表9 合计行 = 各项目之和",
                  TotalOfRows("t9", ("total", "general_budget", "gov_fund", "other"))),
        _sum_rule("B-T9-02", "项目合计等于各资金来源之和",
                  "表9 每一行：合计 = 一般公共预算 + 政府性基金预算 + 其他资金",
                  RowSum("t9", "total", ("general_budget", "gov_fund", "other"))),
        _sum_rule("B-T13-01", "项目总预算等于各资金来源之和", "表13 项目总预算 = 资金来源各项之和",
                  ProjectSums("sources"), section="表13"),
        _sum_rule("B-T13-02", "项目当年预算等于支出明细之和", "表13 项目当年预算 = 支出明细之和",
                  ProjectSums("details"), section="表13"),
        _sum_rule("B-T10-01", "政府采购合计等于各项之和",
                  "表10 合计行 = 各采购项目之和", TotalOfRows("t10", ("total",))),
        _sum_rule("B-T11-01", "政府购买服务合计等于各项之和",
                  "表11 合计行 = 各服务项目之和", TotalOfRows("t11", ("total",))),
        # 表间
        _sum_rule("B-X-01", "表2合计等于表1一般公共预算支出",
                  "表2 合计（总计、基本、项目）= 表1 本年支出合计、基本支出、项目支出的一般公共预算；"
                  "表2 合计 = 表1 一般公共预算财政拨款 + 一般公共预算结余结转 − 结转下年的一般公共预算",
                  Equal(Amount("t2", "total"), t1("function.expenditure_total", "general_budget")),
                  Equal(Amount("t2", "total", "basic"), t1("category.basic", "general_budget")),
                  Equal(Amount("t2", "total", "project"), t1("category.project", "general_budget")),
                  Sum(Amount("t2", "total"), (t1("income.general_budget"), t1("income.carryover_general_budget")),
                      (t1("function.carryover_next", "general_budget"),)),
                  hint=FIX_CROSS, section=x),
        _sum_rule("B-X-02", "表2各类等于表1各类的一般公共预算", "表2 各类级科目总计 = 表1 同一类的一般公共预算",
                  Equal(Rows("t2", level=3), Rows("t1", "general_budget", block="function")),
                  hint=FIX_CROSS, section=x),
        _sum_rule("B-X-03", "表3合计等于表2基本支出", "表3 合计（小计）= 表2 合计的基本支出",
                  Equal(Amount("t3", "total"), Amount("t2", "total", "basic")), hint=FIX_CROSS, section=x),
        _sum_rule("B-X-04", "表3各类等于表1支出类别",
                  "表3 301、303、302 类 = 表1 支出类别的工资福利、对个人和家庭补助、商品和服务支出",
                  Sheet3Classes(), hint=FIX_CROSS, section=x),
        _sum_rule("B-X-05", "表3的“三公”科目不超过表4",
                  "表3 30212 因公出国（境）费、31013 公务用车购置、30231 公务用车运行维护费、"
                  "30217 公务接待费 ≤ 表4 合计行的对应列（“三公”经费也可能在项目支出中安排）",
                  LessOrEqual(Amount("t3", "30212"), Amount("t4", "total", "outbound")),
                  LessOrEqual(Amount("t3", "31013"), Amount("t4", "total", "vehicle_purchase")),
                  LessOrEqual(Amount("t3", "30231"), Amount("t4", "total", "vehicle_operation")),
                  LessOrEqual(Amount("t3", "30217"), Amount("t4", "total", "reception")),
                  hint=FIX_CROSS, section=x, template=NOT_MORE),
        _sum_rule("B-X-06", "表1财政拨款收入等于表6的财政拨款部分", "表1 三项财政拨款收入 = 表6 对应的三项收入",
                  *(Equal(t1(f"income.{k}"), t6(f"income.{k}")) for k in T1_KINDS), hint=FIX_CROSS, section=x),
        _sum_rule("B-X-07", "表5合计等于表1政府性基金",
                  "表5 合计 = 表1 政府性基金预算财政拨款收入 + 政府性基金预算结余结转 − 结转下年的政府性基金预算",
                  Sum(Amount("t5", "total"), (t1("income.gov_fund"), t1("income.carryover_gov_fund")),
                      (t1("function.carryover_next", "gov_fund"),)),
                  hint=FIX_CROSS, section=x),
        _sum_rule("B-X-08", "表7合计等于表6各项收入", "表7 合计行各列 = 表6 对应的收入",
                  Equal(Amount("t7", "total"), t6("income.income_grand_total")),
                  *(Equal(Amount("t7", "total", k), t6(f"income.{k}"))
                    for k in (*W.T6_INCOME_SOURCES, "use_fund", "carryover")), hint=FIX_CROSS, section=x),
        _sum_rule("B-X-09", "表8合计等于表6支出",
                  "表8 合计行的总计、基本支出、项目支出 = 表6 本年支出合计、基本支出、项目支出",
                  Equal(Amount("t8", "total"), t6("function.expenditure_total")),
                  *(Equal(Amount("t8", "total", k), t6(f"category.{k}")) for k in T8_PARTS),
                  hint=FIX_CROSS, section=x),
        _sum_rule("B-X-10", "表9合计等于项目支出", "表9 合计 = 表6 项目支出；表9 一般公共预算 = 表2 项目支出合计",
                  Equal(Amount("t9", "total"), t6("category.project")),
                  Equal(Amount("t9", "total", "general_budget"), Amount("t2", "total", "project")),
                  hint=FIX_CROSS, section=x),
        _sum_rule("B-X-11", "项目的功能科目有项目支出",
                  "表9 每个项目的功能科目编码是表2（政府性基金预算项目：表5）中有项目支出的项级科目",
                  ProjectSubjects(), template="项目“{name}”的功能科目编码 {code} 在{where}中没有项目支出。",
                  hint="请填写该项目在表2（政府性基金预算项目：表5）中列支的项级科目编码（7位）。", section=x),
        _sum_rule("B-X-12", "政府采购不超过所属项目", "表10 项目支出中的政府采购，按项目相加不超过表9 该项目",
                  ItemsWithinProjects("t10"), template=NOT_MORE, hint="请核对政府采购的金额和所属项目。", section=x),
        _sum_rule("B-X-13", "基本支出中的政府采购不超过公用经费", "表10 基本支出中的政府采购 ≤ 表3 公用经费合计",
                  LessOrEqual(Records("t10", "total", ("spending", "基本支出")), Amount("t3", "total", "public")),
                  template=NOT_MORE, hint="请核对政府采购的金额和支出类型。", section=x),
        _sum_rule("B-X-14", "政府购买服务不超过所属项目", "表11 项目支出中的购买服务，按项目相加不超过表9 该项目",
                  ItemsWithinProjects("t11"), template=NOT_MORE, hint="请核对购买服务的金额和所属项目。", section=x),
        _sum_rule("B-X-15", "基本支出中的购买服务不超过公用经费", "表11 基本支出中的购买服务 ≤ 表3 公用经费合计",
                  LessOrEqual(Records("t11", "total", ("spending", "基本支出")), Amount("t3", "total", "public")),
                  template=NOT_MORE, hint="请核对购买服务的金额和支出类型。", section=x),
        _sum_rule("B-X-16", "每个项目都有绩效目标表", "表9 与表13 的项目一一对应（按项目名称）", SameProjects(),
                  template="项目“{name}”：{other}。", hint=("请使表9 与「表13 项目支出绩效目标表」的项目名称一致，"
                        "每个项目一张目标表。"),
                  section=x),
        _sum_rule("B-X-17", "项目当年预算等于表9", "表13 项目当年预算 = 表9 该项目合计", ProjectBudgets(),
                  hint=FIX_CROSS, section=x),
        # 科目
        Rule("B-C-01", ERROR, "类级科目名称与《政府收支分类科目》一致",
             "表1、表6 的功能分类各类和表2、表5 的类级科目，编码与名称须与支出功能分类科目表一致"
             "（允许末尾“支出”二字的有无和目录中登记的别名）；名称与编码不符通常意味着金额挂错了类。",
             "科目 {code} 的名称为“{name}”，按《政府收支分类科目》应为“{expected}”。",
             "请核对该行的科目编码和名称，改正录错的一处（名称照科目表填写）。", (ClassNames(),), (), "科目编码与名称"),
        Rule("B-C-02", ERROR, "科目在科目表中",
             "给出财政部门的《政府收支分类科目》（--catalogue）时，表2、表5 的每个科目编码都须在其中，名称与其一致。",
             "科目 {code} {name}：{problem}（科目表：{source}）。",
             "请按本年度的科目表改正科目编码或名称；科目表有误时，请更换科目表。", (InBureauCatalogue(),), (),
             "科目编码与名称"),
        # 补充资料与文字
        _sum_rule("B-S-01", "机关运行经费等于公用经费", "其他重要事项 机关运行经费 = 表3 公用经费合计",
                  Equal(Input("other.office_cost"), Amount("t3", "total", "public")), hint=FIX_INPUT, section=s),
        _sum_rule("B-S-02", "优先保障项目金额不超过项目支出", "其他重要事项 优先保障优秀项目金额 ≤ 表9 合计",
                  LessOrEqual(Input("other.priority_amount"), Amount("t9", "total")), template=NOT_MORE,
                  hint=FIX_INPUT, section=s),
        _sum_rule("B-S-03", "上年三公分项之和等于上年合计",
                  "上年预算与说明：上年三项“三公”经费预算填写时，其和 = 上年“三公”经费预算",
                  Sum(Input("narrative.prior_three_public"), (Input("narrative.prior_outbound"),
                                                               Input("narrative.prior_vehicle"),
                                                               Input("narrative.prior_reception"))),
                  when=(InputsGiven(("narrative.prior_outbound", "narrative.prior_vehicle",
                                     "narrative.prior_reception")),),
                  hint=FIX_INPUT, section=s),
        Rule("B-S-04", WARNING, "上年预算数已填写", "文字与上年预算比较：上年预算数应填写",
             "未填写“{label}”：文档将写明无上年预算可比。", FIX_PRIOR,
             (PriorGiven((Input("narrative.prior_total"), Input("narrative.prior_general_budget"),
                          Input("narrative.prior_three_public"))),), (), s),
        Rule("B-S-05", WARNING, "增减原因已填写", "比上年预算增加或减少时，写明原因",
             "本年 {left} 与上年预算 {right} 相差 {difference}，但“{label}”未填写。", FIX_REASON,
             (ReasonGiven(CurrentGeneralBudget(), Input("narrative.prior_general_budget"), "general_budget_reason"),
              ReasonGiven(t6("function.expenditure_grand_total"), Input("narrative.prior_total"), "total_reason"),
              ReasonGiven(Amount("t4", "total"), Input("narrative.prior_three_public"), "three_public_reason")),
             (), s),
        Rule("B-S-06", WARNING, "增减原因只在有增减时印出", "增减原因只在本年与上年预算相比有增减时印出",
             "“{label}”已填写，但{why}，文档不会把它作为增减原因印出。", FIX_UNUSED_REASON,
             (ReasonWithoutChange(CurrentGeneralBudget(), Input("narrative.prior_general_budget"),
                                  "general_budget_reason"),
              ReasonWithoutChange(t6("function.expenditure_grand_total"), Input("narrative.prior_total"),
                                  "total_reason"),
              ReasonWithoutChange(Amount("t4", "total"), Input("narrative.prior_three_public"),
                                  "three_public_reason")),
             (), s),
    )


@dataclass(frozen=True)
class InputsGiven:
    paths: tuple[str, ...]

    def holds(self, ctx: BudgetContext) -> bool:
        return any(Input(p).raw(ctx) is not None for p in self.paths)

    def describe(self) -> str:
        return "、".join(Input(p).describe() for p in self.paths) + " 任一填写时"


def tables_read(value: Any) -> set[str]:
    """The tables (``t1`` … ``t13``) a rule, a check or a selection reads: their ``table`` fields and ``reads``."""
    found: set[str] = set(getattr(value, "reads", ()))
    if isinstance(value, Rule):
        for part in (*value.checks, *value.when):
            found |= tables_read(part)
        return found
    if isinstance(value, tuple | list):
        for item in value:
            found |= tables_read(item)
        return found
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "table" and isinstance(item, str) and item in TABLE_ATTRIBUTES:
                found.add(item)
            elif dataclasses.is_dataclass(item) or isinstance(item, tuple | list):
                found |= tables_read(item)
    return found


RULES = _rules()
RULES_BY_ID = {r.id: r for r in RULES}


def budget_rules() -> tuple[Rule, ...]:
    return RULES


def check_budget(budget: M.BudgetModel, catalogue: SubjectCatalogue | None = None,
                 settings: CheckSettings = DEFAULT_SETTINGS) -> CheckReport:
    """Every finding of every budget rule; ``catalogue``: the bureau's 《政府收支分类科目》 (rule B-C-02)."""
    return run_rules(RULES, BudgetContext(budget, settings, catalogue))


__all__ = ["RULES", "RULES_BY_ID", "BudgetContext", "budget_rules", "check_budget", "tables_read"]
