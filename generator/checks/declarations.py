"""The vocabulary of the rule catalogue: what a rule reads, and the few kinds of relation it states.

Selections name cells (``At``, ``Rows``, ``Field``); checks state a relation over them (``Sum``,
``Equal``, ``LessOrEqual``, ``GreaterOrEqual``, ``RowIdentity``, ``Hierarchy``) or a structural
property (``ParentExists``, ``ClassNames``, ``SameNames``, ``PresentExactlyWhen``) or a relation
with the supplementary inputs (``BudgetCodesExist``, ``BudgetReasons``, ``EvaluationsWithin``).
Every one is a frozen dataclass: a rule instance is data, and ``describe()`` renders it for the
reference documentation.

Evaluating a check yields occurrences, never findings: a ``Comparison`` (two amounts and the
relation between them; the engine applies the rounding tolerance and decides the severity) or a
``Breach`` (a structural problem, reported with the rule's severity). Checks know nothing of
severities, messages or presentation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Protocol

from generator import catalog, model
from generator.catalog.bureau import SubjectCatalogue
from generator.forms import form_of
from generator.labels import normalize
from generator.model import ZERO, Cell, Line
from generator.workbook import layout as L

from .findings import CheckSettings
from .tables import (
    TABLES,
    class_lines,
    column_label,
    column_present,
    field_label,
    field_value,
    has_several_columns,
    line_label,
    lines_of,
    subject_rows,
    table_of,
)

# ----------------------------------------------------------------------------------- evaluation context


class Context:
    """The accounts being checked, with the per-table line indexes built once."""

    def __init__(self, accounts: model.DepartmentAccounts, settings: CheckSettings,
                 catalogue: SubjectCatalogue | None = None) -> None:
        self.accounts = accounts
        self.settings = settings
        self.catalogue = catalogue  # the bureau's 《政府收支分类科目》 (``--catalogue``), when given
        self._lines: dict[str, dict[str, Line]] = {}

    def lines(self, table: str) -> dict[str, Line]:
        if table not in self._lines:
            self._lines[table] = lines_of(self.accounts, table)
        return self._lines[table]

    def value(self, table: str, key: str, column: str) -> Value:
        line = self.lines(table).get(key)
        amount = line[column] if line is not None else ZERO
        cell = line.cells.get(column) if line is not None else None
        return Value(amount, int(amount != 0), cell, _cell_desc(table, key, column, line), table, line, column, key)


def _row_text(table: str, key: str, line: Line | None) -> str:
    if line is not None and line.code:
        return f"{line.code} {line.name}".strip() if table not in ("t1", "t4") else line.name
    return line_label(table, key)


def _cell_desc(table: str, key: str, column: str, line: Line | None) -> str:
    text = f"{TABLES[table].label}「{_row_text(table, key, line)}」"
    if has_several_columns(table, key):
        text += f"的「{column_label(table, column)}」"
    return text


def row_cell(line: Line) -> Cell | None:
    """The cell that points at a row: its code (or name) cell when the model knows it, else its first amount."""
    for attribute in ("code_cell", "name_cell"):
        cell = getattr(line, attribute, None)
        if cell is not None:
            return cell
    return next(iter(line.cells.values()), None)


# ----------------------------------------------------------------------------------- occurrences


@dataclass(frozen=True)
class Value:
    """An amount as read (or summed): how many non-zero rounded amounts it holds, where it was read."""

    amount: Decimal
    count: int
    cell: Cell | None
    desc: str
    table: str = ""  # t1…t9, or the sheet of a supplementary input
    line: Line | None = None
    column: str = ""  # column key (tables) or label (supplementary inputs)
    key: str = ""  # line key (tables) or the value's name (supplementary inputs)


@dataclass(frozen=True)
class Place:
    table: str  # 表1 …, or a supplementary sheet's name
    code: str
    name: str
    column: str
    cell: Cell | None


def place_of(value: Value) -> Place:
    """Where a value sits, for the finding: table, row code and name, column label, cell."""
    if value.table in TABLES:
        line = value.line
        if line is not None and line.code:
            code, name = line.code, line.name
        else:
            code, name = "", line_label(value.table, value.key) if value.key else ""
        return Place(TABLES[value.table].label, code, name, column_label(value.table, value.column), value.cell)
    return Place(value.table, "", value.key or value.desc, value.column, value.cell)


@dataclass(frozen=True)
class Comparison:
    """Two amounts that must satisfy ``op`` ("=", "≤", "≥"); the left one is the checked value."""

    op: str
    left: Value
    right: Value
    blanks: Mapping[str, str] = field(default_factory=dict)

    @property
    def place(self) -> Place:
        return place_of(self.left if self.left.cell is not None or self.right.cell is None else self.right)


@dataclass(frozen=True)
class Breach:
    """A structural problem at one place; ``blanks`` fill the rule's message template."""

    place: Place
    blanks: Mapping[str, str]
    left: Decimal | None = None
    right: Decimal | None = None
    other_cell: Cell | None = None


Occurrence = Comparison | Breach


class Check(Protocol):
    blanks: ClassVar[tuple[str, ...]]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]: ...

    def describe(self) -> str: ...


class Condition(Protocol):
    def holds(self, ctx: Context) -> bool: ...

    def describe(self) -> str: ...


# blanks every comparison offers to a message template
COMPARISON_BLANKS = ("table", "row", "code", "name", "column", "cell", "left", "right", "difference", "excess",
                     "left_desc", "right_desc", "allowance")


def _sum(values: Sequence[Value], minus: Sequence[Value] = (), desc: str = "") -> Value:
    amount = sum((v.amount for v in values), ZERO) - sum((v.amount for v in minus), ZERO)
    count = sum(v.count for v in (*values, *minus))
    singles = (*values, *minus)
    cell = singles[0].cell if len(singles) == 1 else None
    text = desc or " + ".join(v.desc for v in values) + "".join(f" − {v.desc}" for v in minus)
    return Value(amount, count, cell, text)


def _list_codes(lines: list[Line], limit: int = 6) -> str:
    codes = [ln.code for ln in lines]
    shown = "、".join(codes[:limit])
    return shown + (f" 等 {len(codes)} 个" if len(codes) > limit else "")


# ----------------------------------------------------------------------------------- selections


@dataclass(frozen=True)
class At:
    """One cell: ``At("t4", "expenditure_total", "gov_fund")``; see ``tables`` for line keys."""

    table: str
    line: str
    column: str = L.AMOUNT

    def values(self, ctx: Context) -> dict[str, Value]:
        return {"": ctx.value(self.table, self.line, self.column)}

    def describe(self) -> str:
        return _cell_desc(self.table, self.line, self.column, None)


@dataclass(frozen=True)
class Rows:
    """One column of several rows, keyed by code: the class lines (``level="类"``) or every coded row
    (``level="*"``), with the 合计 row (key ``合计``) when ``with_total``."""

    table: str
    column: str = L.AMOUNT
    level: str = "类"
    with_total: bool = False

    def values(self, ctx: Context) -> dict[str, Value]:
        if self.level == "类":
            lines = class_lines(ctx.accounts, self.table)
        else:
            lines = subject_rows(ctx.accounts, self.table)
        out = {}
        if self.with_total:
            out["合计"] = ctx.value(self.table, "total", self.column)
        for line in lines:
            out[line.code] = ctx.value(self.table, line.code, self.column)
        return out

    def describe(self) -> str:
        t = TABLES[self.table].label
        rows = {"类": "各类级科目" if self.table not in ("t1", "t4") else "各功能分类（类）支出行",
                "*": "各科目"}[self.level]
        if self.with_total:
            rows = "合计行及" + rows
        col = f"的「{column_label(self.table, self.column)}」" if has_several_columns(self.table) else ""
        return f"{t}{rows}{col}"


@dataclass(frozen=True)
class Field:
    """A supplementary input, by its model path: ``Field("procurement.total")``."""

    path: str

    def values(self, ctx: Context) -> dict[str, Value]:
        raw = field_value(ctx.accounts, self.path)
        amount = raw if isinstance(raw, Decimal) else ZERO
        sheet, label = field_label(self.path)
        return {"": Value(amount, int(amount != 0), ctx.accounts.field_cells.get(self.path), f"{sheet}「{label}」",
                          sheet, None, "", label)}

    def describe(self) -> str:
        sheet, label = field_label(self.path)
        return f"{sheet}「{label}」"


Selection = At | Rows | Field


# ----------------------------------------------------------------------------------- conditions


@dataclass(frozen=True)
class ColumnPresent:
    """The sheet has this (optional) column, e.g. 表9 in the 上海 form with 年初/年末 columns."""

    table: str
    column: str

    def holds(self, ctx: Context) -> bool:
        return column_present(ctx.accounts, self.table, self.column)

    def describe(self) -> str:
        return f"{TABLES[self.table].label}有「{column_label(self.table, self.column)}」列时"


@dataclass(frozen=True)
class FormHasTable:
    """The workbook's form (表样) has this table: 表9 exists from 2020 on, not in the 2019 湖南 form."""

    table: str

    def holds(self, ctx: Context) -> bool:
        return form_of(ctx.accounts).has_table(self.table)

    def describe(self) -> str:
        return f"本年度表样有{TABLES[self.table].label}时"


@dataclass(frozen=True)
class AnyNonZero:
    refs: tuple[Selection, ...]

    def holds(self, ctx: Context) -> bool:
        return any(v.amount != 0 for ref in self.refs for v in ref.values(ctx).values())

    def describe(self) -> str:
        return "、".join(r.describe() for r in self.refs) + " 任一不为 0 时"


# ----------------------------------------------------------------------------------- relations between amounts


@dataclass(frozen=True)
class Sum:
    """``target`` = Σ ``parts`` − Σ ``minus``; ``label`` names the right side in messages."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    target: At | Field
    parts: tuple[Selection, ...]
    minus: tuple[Selection, ...] = ()
    label: str = ""

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        left = self.target.values(ctx)[""]
        parts = [v for p in self.parts for v in p.values(ctx).values()]
        minus = [v for p in self.minus for v in p.values(ctx).values()]
        yield Comparison("=", left, _sum(parts, minus, self.label))

    def describe(self) -> str:
        right = self.label or " + ".join(p.describe() for p in self.parts)
        if self.label:
            right += "（" + " + ".join(p.describe() for p in self.parts)
            right += "".join(f" − {m.describe()}" for m in self.minus) + "）"
        else:
            right += "".join(f" − {m.describe()}" for m in self.minus)
        return f"{self.target.describe()} = {right}"


@dataclass(frozen=True)
class _Pairwise:
    """Two selections compared key by key (a single cell has the key ``""``)."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS
    op: ClassVar[str] = "="
    union: ClassVar[bool] = True  # compare keys found on either side; else only the left side's keys

    left: Selection
    right: Selection

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        left, right = self.left.values(ctx), self.right.values(ctx)
        keys = list(left) + ([k for k in right if k not in left] if self.union else [])
        for key in keys:
            lv = left.get(key) or self._missing(self.left, key)
            rv = right.get(key) or self._missing(self.right, key)
            yield Comparison(self.op, lv, rv)

    @staticmethod
    def _missing(selection: Selection, key: str) -> Value:
        t = TABLES[selection.table].label if isinstance(selection, At | Rows) else ""
        table = selection.table if isinstance(selection, At | Rows) else ""
        column = getattr(selection, "column", "")
        return Value(ZERO, 0, None, f"{t}（无 {key} 科目，按 0 计）", table, None, column)

    def describe(self) -> str:
        return f"{self.left.describe()} {self.op} {self.right.describe()}"


@dataclass(frozen=True)
class Equal(_Pairwise):
    op: ClassVar[str] = "="


@dataclass(frozen=True)
class LessOrEqual(_Pairwise):
    op: ClassVar[str] = "≤"
    union: ClassVar[bool] = False


@dataclass(frozen=True)
class GreaterOrEqual(_Pairwise):
    op: ClassVar[str] = "≥"
    union: ClassVar[bool] = False


@dataclass(frozen=True)
class RowIdentity:
    """On every line of ``table`` that has the ``total`` column: total = Σ parts − Σ minus."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS

    table: str
    total: str
    parts: tuple[str, ...]
    minus: tuple[str, ...] = ()

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for key, line in ctx.lines(self.table).items():
            if self.total not in line.cells:
                continue
            left = ctx.value(self.table, key, self.total)
            parts = [ctx.value(self.table, key, c) for c in self.parts]
            minus = [ctx.value(self.table, key, c) for c in self.minus]
            yield Comparison("=", left, _sum(parts, minus, f"本行{self._formula()}"))

    def _formula(self) -> str:
        text = " + ".join(f"「{column_label(self.table, c)}」" for c in self.parts)
        return text + "".join(f" − 「{column_label(self.table, c)}」" for c in self.minus)

    def describe(self) -> str:
        return (f"{TABLES[self.table].label}每一行：「{column_label(self.table, self.total)}」 = "
                f"{self._formula()}")


@dataclass(frozen=True)
class Hierarchy:
    """Subject codes sum up by prefix: every 类 (3 digits) = Σ its 款 (5 digits), every 款 = Σ its 项
    (7 digits) when it has any, and 合计 = Σ 类 (``with_total``); in each of ``columns`` (all when empty).
    In 表6 the same holds between 3-digit and 5-digit economic subjects."""

    blanks: ClassVar[tuple[str, ...]] = (*COMPARISON_BLANKS, "children")

    table: str
    columns: tuple[str, ...] = ()
    with_total: bool = True

    def _columns(self, ctx: Context) -> list[str]:
        obj = table_of(ctx.accounts, self.table)
        candidates = self.columns or getattr(obj, "columns", (L.AMOUNT,))
        return [c for c in candidates if column_present(ctx.accounts, self.table, c) or c == L.AMOUNT]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        rows = subject_rows(ctx.accounts, self.table)
        columns = self._columns(ctx)
        children: dict[str, list[Line]] = {}
        for row in rows:
            parent = {5: row.code[:3], 7: row.code[:5]}.get(len(row.code))
            if parent:
                children.setdefault(parent, []).append(row)
        if self.with_total:
            classes = [r for r in rows if len(r.code) == 3]
            for column in columns:
                left = ctx.value(self.table, "total", column)
                right = _sum([ctx.value(self.table, r.code, column) for r in classes], desc="各类级科目之和")
                yield Comparison("=", left, right, {"children": _list_codes(classes)})
        for row in rows:
            kids = children.get(row.code)
            if not kids:
                continue
            level = {3: "款级" if self.table != "t6" else "", 5: "项级"}.get(len(row.code), "")
            for column in columns:
                left = ctx.value(self.table, row.code, column)
                right = _sum([ctx.value(self.table, k.code, column) for k in kids],
                             desc=f"下级{level}科目（{_list_codes(kids)}）之和")
                yield Comparison("=", left, right, {"children": _list_codes(kids)})

    def describe(self) -> str:
        t = TABLES[self.table].label
        cols = "、".join(f"「{column_label(self.table, c)}」" for c in self.columns) if self.columns else "每一金额列"
        if self.table == "t6":
            return f"{t}：每个3位经济分类科目 = 其5位科目之和（{cols}）"
        total = "；「合计」行 = 各类级科目之和" if self.with_total else ""
        return f"{t}：类级科目 = 其款级科目之和，款级科目 = 其项级科目之和（有下级时）{total}（{cols}）"


# ----------------------------------------------------------------------------------- structure of codes and names


@dataclass(frozen=True)
class ParentExists:
    """A 5-digit code's 3-digit prefix and a 7-digit code's 5-digit prefix are rows of the same table."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "parent", "cell")

    tables: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for table in self.tables:
            rows = subject_rows(ctx.accounts, table)
            codes = {r.code for r in rows}
            for row in rows:
                parent = {5: row.code[:3], 7: row.code[:5]}.get(len(row.code))
                if parent and parent not in codes:
                    yield Breach(Place(TABLES[table].label, row.code, row.name, "科目编码", row_cell(row)),
                                 {"parent": parent})

    def describe(self) -> str:
        return "、".join(TABLES[t].label for t in self.tables) + "：5位编码的前3位、7位编码的前5位须是同表中的科目"


@dataclass(frozen=True)
class ClassNames:
    """Every 3-digit row is a functional class of the catalogue, under its catalogue name."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "expected", "cell")

    tables: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for table in self.tables:
            for row in subject_rows(ctx.accounts, table):
                if len(row.code) != 3:
                    continue
                fc = catalog.class_by_code(row.code)
                if fc is not None and catalog.class_by_name(row.name) == fc:
                    continue
                expected = fc.name if fc else f"（{row.code} 不是支出功能分类的类级科目编码）"
                yield Breach(Place(TABLES[table].label, row.code, row.name, "科目名称", row_cell(row)),
                             {"expected": expected})

    def describe(self) -> str:
        return "、".join(TABLES[t].label for t in self.tables) + "：类级科目的编码和名称须与《政府收支分类科目》一致"


@dataclass(frozen=True)
class SameNames:
    """A code has the same name in every table where it appears; the name used by most tables is taken
    as the reference (ties: the first table), and every other spelling is reported."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "expected", "other_tables", "cell")

    tables: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        seen: dict[str, list[tuple[str, Line]]] = {}
        for table in self.tables:
            for row in subject_rows(ctx.accounts, table):
                seen.setdefault(row.code, []).append((table, row))
        for code, where in seen.items():
            names = Counter(normalize(row.name) for _, row in where)
            if len(names) < 2:
                continue
            order = [normalize(row.name) for _, row in where]
            reference = max(names, key=lambda n: (names[n], -order.index(n)))
            holders = [(t, r) for t, r in where if normalize(r.name) == reference]
            for table, row in where:
                if normalize(row.name) != reference:
                    yield Breach(Place(TABLES[table].label, code, row.name, "科目名称", row_cell(row)), {
                        "expected": holders[0][1].name,
                        "other_tables": "、".join(TABLES[t].label for t, _ in holders),
                    }, other_cell=row_cell(holders[0][1]))

    def describe(self) -> str:
        return "、".join(TABLES[t].label for t in self.tables) + "：同一科目编码在各表中的名称相同"


@dataclass(frozen=True)
class PresentExactlyWhen:
    """``table`` has data exactly when one of the ``signals`` (cells of 表4) is not zero."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "column", "cell", "signal", "amount", "other")

    table: str
    signals: tuple[At, ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        data = [(key, line, col) for key, line in ctx.lines(self.table).items()
                for col, v in line.values.items() if v != 0]
        nonzero = [v for s in self.signals for v in s.values(ctx).values() if v.amount != 0]
        label = TABLES[self.table].label
        if nonzero and not data:
            v = nonzero[0]
            yield Breach(place_of(v), {"signal": v.desc, "amount": _fmt(v.amount), "other": f"{label}没有数据"},
                         left=v.amount, right=ZERO)
        elif data and not nonzero:
            key, _, col = data[0]
            v = ctx.value(self.table, key, col)
            yield Breach(place_of(v), {"signal": v.desc, "amount": _fmt(v.amount),
                                       "other": "表4对应的财政拨款各项均为 0"},
                         left=v.amount, right=ZERO, other_cell=self.signals[0].values(ctx)[""].cell)

    def describe(self) -> str:
        return (f"{TABLES[self.table].label}有数据，当且仅当 " + "、".join(s.describe() for s in self.signals)
                + " 中有不为 0 的")


# ----------------------------------------------------------------------------------- supplementary inputs


FundTables = tuple[tuple[str, str], ...]  # (资金性质, table)


def _budget_place(line: model.BudgetLine) -> Place:
    return Place(L.BUDGET_SHEET.sheet, line.code, line.name, "年初预算数", line.cell)


@dataclass(frozen=True)
class BudgetCodesExist:
    """Every 年初预算 subject is a row of the table of its fund (表5, 表8 or 表9)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "fund", "target", "cell")

    funds: FundTables

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        tables = dict(self.funds)
        for line in ctx.accounts.budget:
            table = tables.get(line.fund)
            if table is None or not line.code:
                continue
            if line.code not in ctx.lines(table):
                yield Breach(_budget_place(line), {"fund": line.fund, "target": TABLES[table].label},
                             left=line.budget)

    def describe(self) -> str:
        return "年初预算：每个科目编码须出现在其资金性质对应的表中（" + "，".join(
            f"{fund}→{TABLES[t].label}" for fund, t in self.funds) + "）"


@dataclass(frozen=True)
class BudgetReasons:
    """A 决算 (``column`` of the fund's table) that differs materially from the 年初预算 has a reason."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "fund", "target", "cell", "left",
                                         "right", "difference", "ratio")

    funds: FundTables
    column: str = "total"

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        tables = dict(self.funds)
        ratio = ctx.settings.material_budget_ratio
        for line in ctx.accounts.budget:
            table = tables.get(line.fund)
            if table is None or line.reason.strip():
                continue
            actual = ctx.value(table, line.code, self.column).amount
            difference = actual - line.budget
            values = int(actual != 0) + int(line.budget != 0)
            if abs(difference) <= ctx.settings.allowance(values):
                continue
            if line.budget != 0 and abs(difference) < ratio * abs(line.budget):
                continue
            yield Breach(_budget_place(line), {
                "fund": line.fund, "target": TABLES[table].label, "left": _fmt(actual), "right": _fmt(line.budget),
                "difference": _signed(difference), "ratio": f"{ratio * 100:.0f}%",
            }, left=actual, right=line.budget)

    def describe(self) -> str:
        return ("年初预算：决算数（" + "，".join(f"{fund}→{TABLES[t].label}「{column_label(t, self.column)}」"
                                          for fund, t in self.funds)
                + "）与年初预算数之差达到预算数的设定比例（默认 5%；预算为 0 时任何差额）时，须填写差异原因")


@dataclass(frozen=True)
class EvaluationsWithin:
    """Σ 执行数 of the project self-evaluations of a fund ≤ that fund's 项目支出 in the tables."""

    blanks: ClassVar[tuple[str, ...]] = (*COMPARISON_BLANKS, "fund", "projects")

    funds: tuple[tuple[str, At], ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for fund, target in self.funds:
            projects = [e for e in ctx.accounts.project_evaluations if e.fund == fund]
            if not projects:
                continue
            executed = [e.executed for e in projects]
            left = Value(sum(executed, ZERO), sum(int(x != 0) for x in executed), projects[0].cell,
                         f"「{L.EVALUATION_SHEET.sheet}」中资金性质为{fund}的 {len(projects)} 个项目的执行数之和",
                         L.EVALUATION_SHEET.sheet, None, "执行数", f"{fund}项目执行数之和")
            names = "、".join(e.name for e in projects)
            yield Comparison("≤", left, target.values(ctx)[""], {"fund": fund, "projects": names})

    def describe(self) -> str:
        return "绩效自评：各资金性质的项目执行数之和 ≤ " + "，".join(
            f"{fund}→{t.describe()}" for fund, t in self.funds)


# ----------------------------------------------------------------------------------- formatting helpers


def _fmt(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _signed(amount: Decimal) -> str:
    return f"{amount:+,.2f}"


fmt_amount = _fmt
fmt_signed = _signed
