"""Checks of careless input: what a hurried accountant types that no sum catches.

Empty required tables and tables typed in 元 (``TableFilled``, ``AmountUnit``, ``LooksLikeYuan``) make
the tables they name *unusable*: the engine then skips every other rule that reads them (``unusable``),
so one cause is reported once instead of as dozens of zero differences. The other checks cover signs
(``NotNegative``), the self-evaluation scores (``ScoresWithin``, ``WeightsTotal``, ``ScoresGiven``,
``StatedProjectCount``), the 年初预算 (``BudgetClassLines``), the prior-year inputs (``PriorComplete``),
the free texts (``TextPattern``, ``ForeignYears``) and the bureau's subject catalogue (``InCatalogue``).
Like ``declarations``, each is a frozen dataclass that yields occurrences and knows no message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from generator import model, scoring
from generator.model import ZERO, Cell, Line
from generator.workbook import layout as L

from .declarations import Breach, Comparison, Context, Occurrence, Place, Selection, Value, fmt_amount, row_cell
from .tables import SUBJECT_TABLES, TABLES, column_label, field_label, line_label, lines_of, subject_rows

# ----------------------------------------------------------------------------------- unusable tables


def _all_zero(ctx: Context, table: str) -> bool:
    return all(v == 0 for line in ctx.lines(table).values() for v in line.values.values())


def _first_cell(ctx: Context, table: str) -> Cell | None:
    for line in ctx.lines(table).values():
        for cell in line.cells.values():
            return cell
    return None


@dataclass(frozen=True)
class TableFilled:
    """Each of ``tables`` has at least one amount that is not zero."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "title", "sheet", "cell")

    tables: tuple[str, ...]
    when_any: tuple[Selection, ...] = ()  # required only when one of these is not zero

    def empty(self, ctx: Context) -> list[str]:
        if self.when_any and not any(v.amount != 0 for s in self.when_any for v in s.values(ctx).values()):
            return []
        return [t for t in self.tables if _all_zero(ctx, t)]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for table in self.empty(ctx):
            info = TABLES[table]
            yield Breach(Place(info.label, "", info.title, "", _first_cell(ctx, table) or Cell(info.sheet, "A1")),
                         {"title": info.title, "sheet": info.sheet})

    def describe(self) -> str:
        text = "、".join(TABLES[t].label for t in self.tables) + " 各至少有一个不为 0 的金额"
        if self.when_any:
            text = "、".join(s.describe() for s in self.when_any) + " 不为 0 时，" + text
        return text


# (table, its key amount, the amount it must equal (or not exceed), whether the relation is an equality)
_SCALE_PAIRS: tuple[tuple[str, tuple[str, str, str], tuple[str, str, str], bool], ...] = (
    ("t2", ("t2", "total", "total"), ("t1", "income_total", L.AMOUNT), True),
    ("t3", ("t3", "total", "total"), ("t1", "expenditure_total", L.AMOUNT), True),
    ("t4", ("t4", "income_grand_total", L.AMOUNT), ("t1", "income_grand_total", L.AMOUNT), False),
    ("t5", ("t5", "total", "total"), ("t4", "expenditure_total", "general_budget"), True),
    ("t6", ("t6", "personnel_total", L.AMOUNT), ("t5", "total", "basic"), False),
    ("t7", ("t7", "actual", "total"), ("t5", "total", "total"), False),
    ("t7", ("t7", "budget", "total"), ("t5", "total", "total"), False),
    ("t8", ("t8", "total", "total"), ("t4", "expenditure_total", "gov_fund"), True),
    ("t9", ("t9", "total", "total"), ("t4", "expenditure_total", "state_capital"), True),
)
# ratio of an amount typed in 元 to its 万元 counterpart: 10000 exactly for an equality, less for a part of a
# whole (表4 is a part of 表1); from 500, a slip of units is the only explanation worth reporting
_YUAN_LOW, _YUAN_HIGH = Decimal(500), Decimal(20000)


@dataclass(frozen=True)
class LooksLikeYuan:
    """A table whose key total is about 1000 times the amount it must equal (or not exceed) in another
    table was typed in 元; so was a reference table that is 1000 times *all* the tables it must equal.
    表7 (三公) is a part of 表5's spending: more than all of 表5 can only be a unit slip."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "title", "cell", "left", "left_desc", "right", "right_desc",
                                         "ratio")

    def suspects(self, ctx: Context) -> dict[str, tuple[Value, Value]]:
        out: dict[str, tuple[Value, Value]] = {}
        for table, (lt, ll, lc), (rt, rl, rc), equal in _SCALE_PAIRS:
            left, right = ctx.value(lt, ll, lc), ctx.value(rt, rl, rc)
            if left.amount <= 0 or right.amount <= 0:
                continue
            ratio = left.amount / right.amount
            if table == "t7":
                if ratio > 1:
                    out.setdefault(table, (left, right))
            elif _YUAN_LOW <= ratio <= _YUAN_HIGH:
                out.setdefault(table, (left, right))
            elif equal and _YUAN_LOW <= 1 / ratio <= _YUAN_HIGH:
                out.setdefault(rt, (right, left))
        return out

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for table, (value, reference) in self.suspects(ctx).items():
            info = TABLES[table]
            yield Breach(Place(info.label, "", "", "", value.cell), {
                "title": info.title, "left": fmt_amount(value.amount), "left_desc": value.desc,
                "right": fmt_amount(reference.amount), "right_desc": reference.desc,
                "ratio": f"{value.amount / reference.amount:,.0f}"}, left=value.amount, right=reference.amount,
                other_cell=reference.cell)

    def describe(self) -> str:
        pairs = "；".join(f"{TABLES[t].label}「{line_label(lt, ll)}」对{TABLES[rt].label}「{line_label(rt, rl)}」"
                         for t, (lt, ll, _), (rt, rl, _), _ in _SCALE_PAIRS)
        return (f"各表的关键合计与其应当相等（或不超过）的另一表金额之比在 {_YUAN_LOW}—{_YUAN_HIGH} 倍之间时，"
                f"判定该表以元为单位填写（表7 超过表5 合计即判定）：{pairs}")


@dataclass(frozen=True)
class AmountUnit:
    """基本信息「金额单位」is 万元 (the unit of every official table and of the document)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "cell", "value")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        unit = (ctx.accounts.info.amount_unit or "万元").strip()
        if unit.replace(" ", "") != "万元":
            sheet, label = field_label("info.amount_unit")
            yield Breach(Place(sheet, "", label, "", ctx.accounts.field_cells.get("info.amount_unit")),
                         {"value": unit})

    def describe(self) -> str:
        return "基本信息「金额单位」为“万元”"


def unusable(ctx: Context) -> set[str]:
    """Tables whose amounts are not worth comparing: empty where required, or typed in 元."""
    from .rules import REQUIRED_TABLES  # the rule catalogue names the required tables

    out = {t for check in REQUIRED_TABLES for t in check.empty(ctx)}
    out |= set(LooksLikeYuan().suspects(ctx))
    return out


def tables_read(obj: Any) -> set[str]:
    """Every table (``t1`` … ``t9``) a declaration names anywhere in its fields."""
    if isinstance(obj, str):
        return {obj} if obj in TABLES else set()
    if isinstance(obj, tuple | list):
        return set().union(*(tables_read(o) for o in obj)) if obj else set()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return set().union(*(tables_read(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
    return set()


# ----------------------------------------------------------------------------------- signs


@dataclass(frozen=True)
class NotNegative:
    """No amount of ``tables`` (except the ``allowed`` line keys) nor of the supplementary amounts (when
    ``supplementary``) is negative."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "value")

    tables: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    supplementary: bool = False

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for table in self.tables:
            for key, line in ctx.lines(table).items():
                if key in self.allowed:
                    continue
                for column, amount in line.values.items():
                    if amount < 0:
                        v = ctx.value(table, key, column)
                        code, name = (line.code, line.name) if line.code else ("", line_label(table, key))
                        yield Breach(Place(TABLES[table].label, code, name, column_label(table, column), v.cell),
                                     {"value": fmt_amount(amount)}, left=amount, right=ZERO)
        if self.supplementary:
            yield from self._supplementary(ctx)

    def _supplementary(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        for spec in L.FIELD_SHEETS:
            obj = getattr(a, spec.attribute)
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if isinstance(value, Decimal) and value < 0:
                    path = f"{spec.attribute}.{f.name}"
                    yield Breach(Place(spec.sheet, "", f.metadata["label"], "", a.field_cells.get(path)),
                                 {"value": fmt_amount(value)}, left=value, right=ZERO)
        for line in a.budget:
            if line.budget < 0:
                yield Breach(Place(L.BUDGET_SHEET.sheet, line.code, line.name, "年初预算数", line.cell),
                             {"value": fmt_amount(line.budget)}, left=line.budget, right=ZERO)
        for e in a.evaluations:
            for key, label in (("budget", "预算数"), ("executed", "执行数")):
                value = getattr(e, key)
                if value < 0:
                    yield Breach(Place(L.EVALUATION_SHEET.sheet, "", e.name, label, e.cells.get(key, e.cell)),
                                 {"value": fmt_amount(value)}, left=value, right=ZERO)

    def describe(self) -> str:
        parts = []
        if self.tables:
            text = "、".join(TABLES[t].label for t in self.tables) + "的金额"
            if self.allowed:
                labels = dict.fromkeys(line_label(t, k) for t in self.tables for k in self.allowed
                                       if k in _line_keys(t))
                text += "（" + "、".join(labels) + "除外）"
            parts.append(text)
        if self.supplementary:
            parts.append("补充资料（上年数、三公明细、政府采购、机关运行经费等）、年初预算和绩效自评的金额")
        return "、".join(parts) + "不为负数"


def _line_keys(table: str) -> tuple[str, ...]:
    spec = L.T1 if table == "t1" else L.T4 if table == "t4" else None
    return tuple(ln.key for ln in (*spec.left_lines, *spec.right_lines)) if spec else ()


# ----------------------------------------------------------------------------------- performance self-evaluation


def _evaluation_place(e: model.Evaluation, column: str, cell: Cell | None) -> Place:
    return Place(L.EVALUATION_SHEET.sheet, "", e.name, column, cell or e.cell)


@dataclass(frozen=True)
class ScoresWithin:
    """目标得分 ≤ 目标分值 and each indicator's 得分 ≤ its 分值, none negative."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "column", "cell", "what", "score", "weight")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for e in ctx.accounts.evaluations:
            if e.goal_score_given and not ZERO <= e.goal_score <= e.goal_weight:
                yield Breach(_evaluation_place(e, "目标得分", e.cells.get("goal_score")),
                             {"what": f"“{e.name}”的目标得分", "score": _num(e.goal_score),
                              "weight": _num(e.goal_weight)}, left=e.goal_score, right=e.goal_weight,
                             other_cell=e.cells.get("goal_weight"))
            for i in e.indicators:
                if i.score_given and not ZERO <= i.score <= i.weight:
                    place = Place(L.INDICATOR_SHEET.sheet, "", f"{e.name}：{i.name}", "得分", i.score_cell or i.cell)
                    yield Breach(place,
                                 {"what": f"“{e.name}”的指标“{i.name}”得分", "score": _num(i.score),
                                  "weight": _num(i.weight)}, left=i.score, right=i.weight, other_cell=i.weight_cell)

    def describe(self) -> str:
        return ("绩效自评：0 ≤ 目标得分 ≤ 目标分值；每个绩效指标 0 ≤ 得分 ≤ 分值"
                "（总分由程序按各项得分相加，执行率得分按分值×执行率计算）")


@dataclass(frozen=True)
class WeightsTotal:
    """执行率分值 + 目标分值 + Σ 指标分值 = ``total`` for every evaluation that has indicators."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "weights", "total", "detail")

    total: Decimal = Decimal(100)

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for e in ctx.accounts.evaluations:
            if not e.indicators:
                continue
            indicator = sum((i.weight for i in e.indicators), ZERO)
            weights = e.execution_weight + e.goal_weight + indicator
            if weights != self.total:
                yield Breach(_evaluation_place(e, "分值", e.cells.get("execution_weight")), {
                    "weights": _num(weights), "total": _num(self.total),
                    "detail": (f"执行率 {_num(e.execution_weight)} + 目标 {_num(e.goal_weight)}"
                               f" + 指标 {_num(indicator)}")},
                    left=weights, right=self.total)

    def describe(self) -> str:
        return f"绩效自评：有绩效指标时，执行率分值 + 目标分值 + 各指标分值之和 = {_num(self.total)}"


@dataclass(frozen=True)
class ScoresGiven:
    """``partial``: an evaluation scored in part (some 得分 blank) — a blank is not a zero, the total
    would be invented. Otherwise: an evaluation not scored at all (the document prints no score)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "missing")

    partial: bool

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for e in ctx.accounts.evaluations:
            if self.partial and e.scored and not e.fully_scored:
                missing = ([] if e.goal_score_given else ["目标得分"]) + [
                    f"指标“{i.name}”" for i in e.indicators if not i.score_given]
                first = (e.cells.get("goal_score") if not e.goal_score_given
                         else next(i.score_cell or i.cell for i in e.indicators if not i.score_given))
                yield Breach(_evaluation_place(e, "得分", first), {"missing": "、".join(missing)})
            elif not self.partial and not e.scored:
                yield Breach(_evaluation_place(e, "得分", e.cells.get("goal_score")), {"missing": ""})

    def describe(self) -> str:
        if self.partial:
            return "绩效自评：已评分的自评表，目标得分和每个指标的得分都已填写"
        return "绩效自评：自评表填写了目标得分或指标得分（未填写的，文档不印出得分和自评等级）"


_COUNT = re.compile(r"(\d+)\s*个(?:[^，。；、\d]{0,12}?)项目|项目\s*(\d+)\s*个")


@dataclass(frozen=True)
class StatedProjectCount:
    """The 预算绩效管理工作开展情况 text, which the document prints in place of its computed count
    sentence, states numbers of projects that add up to the project self-evaluations of 「绩效自评」."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "stated", "count", "source")

    without_evaluations: bool = False  # the case of a 「绩效自评」 with no project at all

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        text = ctx.accounts.reasons.performance_management
        # only sentences about the self-evaluation: counts of 编报绩效目标 or 部门评价 projects are other facts
        sentences = [part for part in re.split(r"[。；;\n]", text) if "自评" in part]
        numbers = [int(a or b) for part in sentences for a, b in _COUNT.findall(part)]
        if not numbers:
            return
        stated = ctx.accounts.performance_management.self_evaluated
        count = stated if stated is not None else len(ctx.accounts.project_evaluations)
        if count in numbers or sum(numbers) == count or (count == 0 and stated is None) != self.without_evaluations:
            return
        sheet, label = field_label("reasons.performance_management")
        source = ("「绩效管理」的“绩效自评的项目数”为" if stated is not None else "「绩效自评」中有")
        yield Breach(Place(sheet, "", label, "", ctx.accounts.field_cells.get("reasons.performance_management")),
                     {"stated": "、".join(str(n) for n in numbers), "count": str(count), "source": source},
                     left=Decimal(sum(numbers)), right=Decimal(count))

    def describe(self) -> str:
        if self.without_evaluations:
            return ("「绩效自评」中没有项目、也没有填写「绩效管理」的“绩效自评的项目数”时，情况说明文字"
                    "「预算绩效管理工作开展情况」说到自评的句子不写出不为 0 的项目个数")
        return ("情况说明文字「预算绩效管理工作开展情况」中说到自评的句子写出的项目个数（“N个项目”“项目N个”）"
                "之和或其中之一 = 「绩效管理」的“绩效自评的项目数”（填写时），否则 = 「绩效自评」中的项目个数"
                "（有项目时）")


def _num(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


COMPARISON_BLANKS_INPUT = ("table", "row", "code", "name", "column", "cell", "left", "right", "difference", "excess",
                           "left_desc", "right_desc", "allowance")
_SUMMARY = "performance_management"
_SUMMARY_GRADES = tuple(f"self_evaluated_grade_{n}" for n in range(1, 5))


def _summary_place(ctx: Context, name: str) -> Place:
    sheet, label = field_label(f"{_SUMMARY}.{name}")
    return Place(sheet, "", label, "", ctx.accounts.field_cells.get(f"{_SUMMARY}.{name}"))


def _summary_label(name: str) -> str:
    return "“" + field_label(f"{_SUMMARY}.{name}")[1] + "”"


def _grades_given(pm: model.PerformanceManagement) -> list[str]:
    return [g for g, n in zip(_SUMMARY_GRADES, pm.self_evaluated_grades, strict=True) if n is not None]


@dataclass(frozen=True)
class SummaryWhole:
    """The stated self-evaluation summary of 「绩效管理」 is whole: a project count for any other figure, an
    amount for a count above 0, the average score and the grade counts together (the sentence prints
    “平均得分N分（其中，评级为“优”的项目…）” as one)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "what", "missing")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        pm = ctx.accounts.performance_management
        grades = _grades_given(pm)
        others = ([n for n in ("self_evaluated_amount", "self_evaluated_average_score")
                   if getattr(pm, n) is not None] + grades)
        if pm.self_evaluated is None:
            if others:
                yield Breach(_summary_place(ctx, others[0]), {
                    "what": "、".join(_summary_label(n) for n in others),
                    "missing": _summary_label("self_evaluated")})
            return
        if pm.self_evaluated > 0 and pm.self_evaluated_amount is None and not ctx.accounts.project_evaluations:
            yield Breach(_summary_place(ctx, "self_evaluated"), {
                "what": _summary_label("self_evaluated"), "missing": _summary_label("self_evaluated_amount")})
        if pm.self_evaluated_average_score is not None and not grades:
            yield Breach(_summary_place(ctx, "self_evaluated_average_score"), {
                "what": _summary_label("self_evaluated_average_score"), "missing": "各等级的项目数"})
        elif grades and pm.self_evaluated_average_score is None:
            yield Breach(_summary_place(ctx, grades[0]), {
                "what": "各等级的项目数", "missing": _summary_label("self_evaluated_average_score")})

    def describe(self) -> str:
        return ("「绩效管理」的绩效自评汇总：填写了涉及预算金额、平均得分或等级项目数的，也填写了“绩效自评的项目数”；"
                "项目数大于 0 而「绩效自评」中没有项目的，填写了涉及预算金额；"
                "平均得分与各等级的项目数一起填写或一起留空")


@dataclass(frozen=True)
class SummaryConsistent:
    """The stated summary agrees with itself: graded projects are some of the projects, an average is the
    average of graded projects (at least one, a score of 0—100), no money for no project."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "problem")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        pm = ctx.accounts.performance_management
        count = pm.self_evaluated
        if count is None:
            return
        graded = sum(n or 0 for n in pm.self_evaluated_grades)
        grades = _grades_given(pm)
        average = pm.self_evaluated_average_score
        if graded > count:
            yield Breach(_summary_place(ctx, grades[0] if grades else "self_evaluated"), {
                "problem": f"各等级的项目数之和为 {graded}，多于绩效自评的项目数 {count}"},
                left=Decimal(graded), right=Decimal(count))
        if count == 0 and (pm.self_evaluated_amount or 0) != 0:
            yield Breach(_summary_place(ctx, "self_evaluated_amount"), {
                "problem": f"绩效自评的项目数为 0，涉及预算金额却为 {fmt_amount(pm.self_evaluated_amount or ZERO)}"})
        if average is not None and grades and graded == 0:  # (no grade at all: S-PERF-08)
            yield Breach(_summary_place(ctx, "self_evaluated_average_score"), {
                "problem": f"填写了平均得分 {_num(average)}，但各等级的项目数都为 0（平均得分只计已评分的项目）"})
        if average is not None and not ZERO <= average <= Decimal(100):
            yield Breach(_summary_place(ctx, "self_evaluated_average_score"), {
                "problem": f"平均得分 {_num(average)} 不在 0—100 分之间"})

    def describe(self) -> str:
        return ("「绩效管理」的绩效自评汇总：各等级的项目数之和 ≤ 绩效自评的项目数；项目数为 0 时涉及预算金额为 0；"
                "填写了平均得分时至少一个项目有等级，且平均得分在 0—100 分之间")


@dataclass(frozen=True)
class SummaryAgreesWithScores:
    """With score tables (项目 rows of 「绩效自评」), the stated summary is theirs: the number of projects, the
    projects per grade (the layout's scale applied to their total scores) and the average of the scored
    projects, to the precision the average is typed with (85 agrees with 85.33)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "what", "stated", "computed")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        pm = a.performance_management
        projects = a.project_evaluations
        if pm.self_evaluated is None or not projects:
            return
        if pm.self_evaluated != len(projects):
            yield Breach(_summary_place(ctx, "self_evaluated"), {
                "what": "绩效自评的项目数", "stated": str(pm.self_evaluated), "computed": f"{len(projects)} 个项目"},
                left=Decimal(pm.self_evaluated), right=Decimal(len(projects)))
        scale = scoring.layout_grades(a.info.layout)
        scores = [t for t in (scoring.total_score(e) for e in projects) if t is not None]
        for name, n, grade in zip(_SUMMARY_GRADES, pm.self_evaluated_grades, scale, strict=False):
            actual = sum(1 for t in scores if scoring.grade_of(t, scale) == grade.label)
            if n is not None and n != actual:
                yield Breach(_summary_place(ctx, name), {
                    "what": f"评级为“{grade.label}”的项目数", "stated": str(n), "computed": f"{actual} 个"},
                    left=Decimal(n), right=Decimal(actual))
        average = pm.self_evaluated_average_score
        if average is not None and scores:
            exact = sum(scores, ZERO) / len(scores)
            exponent = average.as_tuple().exponent
            places = max(-exponent, 0) if isinstance(exponent, int) else 2
            if exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) != average:
                yield Breach(_summary_place(ctx, "self_evaluated_average_score"), {
                    "what": "平均得分", "stated": _num(average),
                    "computed": f"{_num(exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} 分"
                                f"（{len(scores)} 个已评分项目）"}, left=average, right=exact)

    def describe(self) -> str:
        return ("「绩效自评」中有项目、且填写了「绩效管理」的绩效自评汇总时：绩效自评的项目数 = 项目个数；"
                "各等级的项目数 = 总分按公开格式的自评等级评定为该等级的项目个数；平均得分 = 已评分项目总分的平均数"
                "（按所填平均得分的小数位数四舍五入后相等）")


@dataclass(frozen=True)
class SummaryAmount:
    """The stated 涉及预算金额 = Σ 预算数 of the project score tables (a comparison: rounding is tolerated)."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS_INPUT

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        amount = a.performance_management.self_evaluated_amount
        projects = a.project_evaluations
        if amount is None or not projects:
            return
        sheet, label = field_label(f"{_SUMMARY}.self_evaluated_amount")
        left = Value(amount, int(amount != 0), a.field_cells.get(f"{_SUMMARY}.self_evaluated_amount"),
                     f"{sheet}「{label}」", sheet, None, "", label)
        total = sum((e.budget for e in projects), ZERO)
        cell = projects[0].cells.get("budget", projects[0].cell)
        right = Value(total, sum(1 for e in projects if e.budget != 0), cell,
                      f"「{L.EVALUATION_SHEET.sheet}」各项目预算数之和", L.EVALUATION_SHEET.sheet, None, "预算数", "")
        yield Comparison("=", left, right)

    def describe(self) -> str:
        return "「绩效管理」“绩效自评涉及预算金额” = 「绩效自评」各项目（不含部门整体）预算数之和"


@dataclass(frozen=True)
class SummaryGiven:
    """Projects with performance goals are reported, but nothing says how many were self-evaluated: no
    project score table, no stated count, no account of the work (the document then leaves the
    self-evaluation out rather than print an invented “0个”)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "goals")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        pm = a.performance_management
        if (pm.projects_with_goals > 0 and pm.self_evaluated is None and not a.project_evaluations
                and not a.reasons.performance_management.strip()):
            yield Breach(_summary_place(ctx, "self_evaluated"), {"goals": str(pm.projects_with_goals)})

    def describe(self) -> str:
        return ("「绩效管理」填写了编报绩效目标的项目数时，绩效自评的项目有着落：「绩效自评」中有项目，"
                "或填写了“绩效自评的项目数”，或填写了情况说明文字「预算绩效管理工作开展情况」")


# ----------------------------------------------------------------------------------- 年初预算


@dataclass(frozen=True)
class BudgetClassLines:
    """``mode="present"``: every 款/项 line of 年初预算 has its 类 line (same 资金性质);
    ``mode="sum"``: a 类 line that has 项 lines equals their sum (五（三）prints both)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "cell", "fund", "parent", "left", "right",
                                         "difference", "children")

    mode: str

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        by_fund: dict[str, list[model.BudgetLine]] = {}
        for line in ctx.accounts.budget:
            if line.code.isdigit() and len(line.code) in (3, 5, 7):
                by_fund.setdefault(line.fund, []).append(line)
        for fund, lines in by_fund.items():
            classes = {ln.code: ln for ln in lines if len(ln.code) == 3}
            if self.mode == "present":
                reported: set[str] = set()
                for ln in lines:
                    parent = ln.code[:3]
                    if len(ln.code) > 3 and parent not in classes and parent not in reported:
                        reported.add(parent)
                        items = [x for x in lines if len(x.code) == 7 and x.code.startswith(parent)]
                        total = sum((x.budget for x in items), ZERO)
                        yield Breach(Place(L.BUDGET_SHEET.sheet, ln.code, ln.name, "科目编码", ln.cell),
                                     {"fund": fund, "parent": parent, "right": fmt_amount(total)})
                continue
            for code, cls in classes.items():
                items = [x for x in lines if len(x.code) == 7 and x.code.startswith(code)]
                if not items:
                    continue
                total = sum((x.budget for x in items), ZERO)
                if total != cls.budget:
                    codes = "、".join(x.code for x in items[:6]) + (f" 等 {len(items)} 个" if len(items) > 6 else "")
                    yield Breach(Place(L.BUDGET_SHEET.sheet, code, cls.name, "年初预算数", cls.cell), {
                        "fund": fund, "left": fmt_amount(cls.budget), "right": fmt_amount(total),
                        "difference": f"{cls.budget - total:+,.2f}", "children": codes},
                        left=cls.budget, right=total)

    def describe(self) -> str:
        if self.mode == "present":
            return "年初预算：每个款级、项级科目行都有同一资金性质的类级科目行"
        return "年初预算：有项级科目行的类级科目，其年初预算数 = 各项级科目年初预算数之和"


def _budget_subjects(ctx: Context) -> dict[str, list[model.BudgetLine]]:
    by_fund: dict[str, list[model.BudgetLine]] = {}
    for line in ctx.accounts.budget:
        if line.code.isdigit() and len(line.code) in (3, 5, 7):
            by_fund.setdefault(line.fund, []).append(line)
    return by_fund


def _budget_of(line: model.BudgetLine, column: str) -> Decimal:
    value = line.budget if column == "budget" else line.full_year
    return value if value is not None else ZERO


def _class_parts(lines: list[model.BudgetLine], code: str) -> list[model.BudgetLine]:
    """The lines that make up a class's budget: its own line, else its 项 lines, else its 款 lines (as the
    document sums them)."""
    own = [ln for ln in lines if ln.code == code]
    if own:
        return own[:1]
    items = [ln for ln in lines if len(ln.code) == 7 and ln.code.startswith(code)]
    return items or [ln for ln in lines if len(ln.code) == 5 and ln.code.startswith(code)]


_BUDGET_COLUMNS = {"budget": "年初预算数", "full_year": "全年预算数"}


@dataclass(frozen=True)
class BudgetTotals:
    """``level="total"``: a stated 合计 of 年初预算 equals the sum of its classes; ``level="class"``: a class
    line equals the sum of its 项 lines. ``column``: ``budget`` (年初预算数) or ``full_year`` (全年预算数).
    Comparisons: a difference of rounding (each subject rounded from 元) is a 提示."""

    blanks: ClassVar[tuple[str, ...]] = COMPARISON_BLANKS_INPUT

    column: str
    level: str

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        sheet = L.BUDGET_SHEET.sheet
        label = _BUDGET_COLUMNS[self.column]
        for fund, lines in _budget_subjects(ctx).items():
            if self.level == "class":
                for cls in (ln for ln in lines if len(ln.code) == 3):
                    items = [x for x in lines if len(x.code) == 7 and x.code.startswith(cls.code)]
                    value = cls.budget if self.column == "budget" else cls.full_year
                    if not items or value is None:
                        continue
                    yield Comparison("=", _budget_value(value, cls.full_year_cell if self.column == "full_year"
                                                        else cls.cell, f"{fund}类级科目 {cls.code} {cls.name}的{label}",
                                                        f"{cls.code} {cls.name}", label),
                                     _budget_sum(items, self.column, f"其项级科目{label}之和"))
                continue
            stated = ctx.accounts.budget_total(fund)
            value = None if stated is None else stated.budget if self.column == "budget" else stated.full_year
            if stated is None or value is None:
                continue
            parts = [x for code in dict.fromkeys(ln.code[:3] for ln in lines) for x in _class_parts(lines, code)]
            cell = stated.cell if self.column == "budget" else stated.full_year_cell
            left = _budget_value(value, cell, f"「{sheet}」{fund}“合计”行的{label}", f"{fund} 合计", label)
            yield Comparison("=", left, _budget_sum(parts, self.column, f"各类级科目{label}之和"))

    def describe(self) -> str:
        label = _BUDGET_COLUMNS[self.column]
        if self.level == "class":
            return f"年初预算：有项级科目行的类级科目，其{label} = 各项级科目{label}之和"
        return f"年初预算：各资金性质“合计”行的{label} = 该资金性质各类级科目{label}之和（没有类级行的类按其项级科目）"


def _budget_value(amount: Decimal, cell: Cell | None, desc: str, row: str, column: str) -> Value:
    return Value(amount, int(amount != 0), cell, desc, L.BUDGET_SHEET.sheet, None, column, row)


def _budget_sum(lines: list[model.BudgetLine], column: str, desc: str) -> Value:
    amounts = [_budget_of(ln, column) for ln in lines]
    first = lines[0] if len(lines) == 1 else None
    cell = (first.cell if column == "budget" else first.full_year_cell) if first is not None else None
    return Value(sum(amounts, ZERO), sum(1 for x in amounts if x != 0), cell, desc, L.BUDGET_SHEET.sheet)


@dataclass(frozen=True)
class FullYearComplete:
    """A fund whose 全年预算 is given on one of its 年初预算 rows has it on every row (and its 合计 row): the
    document quotes 全年预算 beside 年初预算 for every subject of that fund."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "fund", "given")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        for fund, lines in _budget_subjects(ctx).items():
            stated = ctx.accounts.budget_total(fund)
            given = [ln for ln in lines if ln.full_year is not None]
            if not given and (stated is None or stated.full_year is None):
                continue
            where = f"{given[0].code} {given[0].name}" if given else "“合计”行"
            for ln in lines:
                if ln.full_year is None:
                    place = Place(L.BUDGET_SHEET.sheet, ln.code, ln.name, "全年预算数", ln.full_year_cell or ln.cell)
                    yield Breach(place, {"fund": fund, "given": where})
            if stated is not None and stated.full_year is None and stated.budget is not None:
                yield Breach(Place(L.BUDGET_SHEET.sheet, "", f"{fund} 合计", "全年预算数",
                                   stated.full_year_cell or stated.cell), {"fund": fund, "given": where})

    def describe(self) -> str:
        return ("年初预算：某资金性质有一行填写了全年预算数时，该资金性质的每一行"
                "（及其填写了年初预算数的“合计”行）都填写全年预算数")


# ----------------------------------------------------------------------------------- prior year


@dataclass(frozen=True)
class PriorComplete:
    """The 上年数 are all given or all blank (a new department): one blank among given ones makes one
    sentence say “无法形成对比” while the others compare."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "missing", "given")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        prior = ctx.accounts.prior
        given, missing = [], []
        for f in dataclasses.fields(prior):
            (given if getattr(prior, f.name) is not None else missing).append(f)
        if given and missing:
            sheet = field_label(f"prior.{missing[0].name}")[0]
            yield Breach(Place(sheet, "", missing[0].metadata["label"], "",
                               ctx.accounts.field_cells.get(f"prior.{missing[0].name}")),
                         {"missing": "、".join(f"“{f.metadata['label']}”" for f in missing),
                          "given": str(len(given))})

    def describe(self) -> str:
        return "上年数：各项或全部填写，或全部留空（新成立部门）"


@dataclass(frozen=True)
class ReasonCompared:
    """A reason for a change against last year is typed only where the document compares: with the
    上年数 given and different from this year's figure (the templates print the reason in that branch
    only, never after “无法形成对比” or “持平”)."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "why", "prior")

    pairs: tuple[tuple[str, str, Selection], ...]  # (reason field, prior-year field, this year's figure)

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        for reason, prior, current in self.pairs:
            text = field_value_text(a, reason)
            if not text.strip():
                continue
            base = getattr(a.prior, prior.split(".", 1)[1])
            amount = next(iter(current.values(ctx).values())).amount
            if base is not None and base != amount:
                continue
            sheet, label = field_label(reason)
            why = ("没有填写上年数，文档写“无法形成对比”" if base is None
                   else f"本年数与上年数相同（{fmt_amount(amount)}），文档写“持平”")
            yield Breach(Place(sheet, "", label, "", a.field_cells.get(reason)),
                         {"why": why, "prior": field_label(prior)[1]})

    def describe(self) -> str:
        return ("情况说明文字中与上年相比的变动原因，只在对应的上年数已填写且与本年数不同时填写："
                + "；".join(f"{field_label(r)[1]}↔{field_label(p)[1]}" for r, p, _ in self.pairs))


@dataclass(frozen=True)
class PriorScale:
    """A prior-year figure and this year's figure of the same line differ by a factor of 500—20000 (10000 when
    one was typed in 元): no real department changes that much in a year, one of them has the wrong unit."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "name", "cell", "left", "left_desc", "right", "right_desc",
                                         "ratio")

    pairs: tuple[tuple[str, Selection], ...]  # (prior-year field, this year's figure)
    minimum: Decimal = Decimal(100)  # the larger amount, in 万元: tiny amounts may change by any factor

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        a = ctx.accounts
        bad = unusable(ctx)  # a table already reported in 元 (E-03) is not reported again here
        for prior, current in self.pairs:
            if tables_read(current) & bad:
                continue
            base = getattr(a.prior, prior.split(".", 1)[1])
            now = next(iter(current.values(ctx).values()))
            if base is None or base <= 0 or now.amount <= 0 or max(base, now.amount) < self.minimum:
                continue
            ratio = max(base, now.amount) / min(base, now.amount)
            if _YUAN_LOW <= ratio <= _YUAN_HIGH:
                sheet, label = field_label(prior)
                big_is_prior = base > now.amount
                yield Breach(Place(sheet, "", label, "", a.field_cells.get(prior) if big_is_prior else now.cell), {
                    "left": fmt_amount(base), "left_desc": f"{sheet}「{label}」", "right": fmt_amount(now.amount),
                    "right_desc": now.desc, "ratio": f"{ratio:,.0f}"}, left=base, right=now.amount,
                    other_cell=now.cell if big_is_prior else a.field_cells.get(prior))

    def describe(self) -> str:
        return (f"上年数与本年对应数（同一行）之比不在 {_YUAN_LOW}—{_YUAN_HIGH} 倍之间"
                f"（较大者不小于 {self.minimum} 万元时）："
                + "；".join(f"{field_label(p)[1]}↔{c.describe()}" for p, c in self.pairs))


def field_value_text(accounts: model.DepartmentAccounts, path: str) -> str:
    attribute, name = path.split(".", 1)
    value = getattr(getattr(accounts, attribute), name)
    return value if isinstance(value, str) else ""


# ----------------------------------------------------------------------------------- free texts


@dataclass(frozen=True)
class Text:
    value: str
    place: Place


def printed_texts(ctx: Context, *, names: bool = True, descriptive: bool = True) -> Iterator[Text]:
    """Every text the document prints, with where it was typed: the supplementary text fields, the
    年初预算 and 绩效自评 texts, 重点工作 and 名词解释 (``descriptive``), and the subject names of the
    tables (``names``)."""
    a = ctx.accounts
    if descriptive:
        for spec in L.FIELD_SHEETS:
            obj = getattr(a, spec.attribute)
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if isinstance(value, str) and value:
                    yield Text(value, Place(spec.sheet, "", f.metadata["label"], "",
                                            a.field_cells.get(f"{spec.attribute}.{f.name}")))
        for n, function in enumerate(a.info.functions, start=1):
            yield Text(function, Place(L.FUNCTIONS_SHEET, "", f"第 {n} 条职能", "", Cell(L.FUNCTIONS_SHEET, "B列")))
        for line in a.budget:
            for key, label in (("name", "科目名称"), ("use", "主要用途"), ("reason", "决算数与年初预算数差异原因")):
                if getattr(line, key):
                    yield Text(getattr(line, key), Place(L.BUDGET_SHEET.sheet, line.code, line.name, label, line.cell))
        for e in a.evaluations:
            for key in ("name", "competent_department", "implementing_unit", "goal", "achieved", "deviation_reason",
                        "measures"):
                if getattr(e, key):
                    label = next(c.label for c in L.EVALUATION_SHEET.columns if c.key == key)
                    yield Text(getattr(e, key), _evaluation_place(e, label, e.cells.get(key)))
            for i in e.indicators:
                for key, label in (("name", "三级指标"), ("target", "年初目标值"), ("actual", "实际完成值")):
                    if getattr(i, key):
                        yield Text(getattr(i, key), Place(L.INDICATOR_SHEET.sheet, "", f"{e.name}：{i.name}", label,
                                                          i.cell))
        for w in a.key_work:
            for key, label in (("title", "标题"), ("text", "内容")):
                if getattr(w, key):
                    yield Text(getattr(w, key), Place(L.KEY_WORK_SHEET.sheet, "", w.title, label,
                                                      Cell(L.KEY_WORK_SHEET.sheet, "B列")))
        for g in a.glossary_extra:
            for key, label in (("term", "名词"), ("explanation", "解释")):
                if getattr(g, key):
                    yield Text(getattr(g, key), Place(L.GLOSSARY_SHEET.sheet, "", g.term, label,
                                                      Cell(L.GLOSSARY_SHEET.sheet, "B列")))
    if names:
        for table in (*SUBJECT_TABLES, "t6"):
            for row in subject_rows(a, table):
                if row.name:
                    yield Text(row.name, Place(TABLES[table].label, row.code, row.name, "科目名称", _name_cell(row)))


def _name_cell(row: Line) -> Cell | None:
    return getattr(row, "name_cell", None) or row_cell(row)


@dataclass(frozen=True)
class TextPattern:
    """No printed text contains ``pattern`` (a regular expression); ``what`` names what it finds."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "found", "text")

    pattern: str
    what: str
    names: bool = True
    descriptive: bool = True

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        regex = re.compile(self.pattern)
        for text in printed_texts(ctx, names=self.names, descriptive=self.descriptive):
            match = regex.search(text.value)
            if match:
                yield Breach(text.place, {"found": match.group(0), "text": _excerpt(text.value, match.start())})

    def describe(self) -> str:
        scope = {(True, True): "所有印入文档的文字（补充资料、年初预算、绩效自评、重点工作、名词解释、各表科目名称）",
                 (False, True): "单位填写的说明文字（补充资料、年初预算、绩效自评、重点工作、名词解释）",
                 (True, False): "各表的科目名称"}[(self.names, self.descriptive)]
        return f"{scope}中没有{self.what}"


def _excerpt(text: str, at: int, width: int = 18) -> str:
    start = max(at - width, 0)
    return ("…" if start else "") + text[start:at + width] + ("…" if at + width < len(text) else "")


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:[-—–~～至到])\s*((?:19|20)\d{2})\s*年")


_HISTORY_SHEETS = (L.FIELD_SHEETS[0].sheet, L.FUNCTIONS_SHEET, L.KEY_WORK_SHEET.sheet, L.GLOSSARY_SHEET.sheet)


@dataclass(frozen=True)
class ForeignYears:
    """Years written in the accountant's texts are the report year, its prior year, or the next year
    (the year of publication and of the planned measures); a range (2021—2025年) that covers the
    report year is accepted as a whole."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "found", "text",
                                         "allowed")

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        year = ctx.accounts.info.year
        if not year:
            return
        allowed = {year - 1, year, year + 1}
        for text in printed_texts(ctx, names=False):
            if text.place.table in _HISTORY_SHEETS:
                continue  # 概况 and 重点工作 may tell the department's history (成立于2015年, 2019年的专项整治)
            ranges = [m.span() for m in _RANGE.finditer(text.value)
                      if int(m.group(1)) <= year <= int(m.group(2))]
            for m in _YEAR.finditer(text.value):
                if int(m.group(1)) in allowed or any(a <= m.start() < b for a, b in ranges):
                    continue
                yield Breach(text.place, {"found": m.group(0), "text": _excerpt(text.value, m.start()),
                                          "allowed": f"{year - 1}、{year}、{year + 1}"})
                break

    def describe(self) -> str:
        return ("单位填写的说明文字（情况说明文字、年初预算、绩效自评等；基本信息、部门职能、重点工作和名词解释除外）"
                "中的“XXXX年”是决算年度、上一年度或下一年度"
                "（公开和整改的年份）；覆盖决算年度的起止年份（如 2021—2025年）不计")


# ----------------------------------------------------------------------------------- the bureau's catalogue


@dataclass(frozen=True)
class CatalogueGiven:
    present: bool = True

    def holds(self, ctx: Context) -> bool:
        return (ctx.catalogue is not None) == self.present

    def describe(self) -> str:
        return "提供了科目表（--catalogue）时" if self.present else "未提供科目表（--catalogue）时"


@dataclass(frozen=True)
class InCatalogue:
    """Every subject code of ``tables`` and of 年初预算 is in the bureau's catalogue, under its name."""

    blanks: ClassVar[tuple[str, ...]] = ("table", "row", "code", "name", "column", "cell", "problem", "source")

    tables: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Iterator[Occurrence]:
        cat = ctx.catalogue
        if cat is None:
            return
        rows: list[tuple[str, str, str, Cell | None]] = [
            (TABLES[t].label, r.code, r.name, row_cell(r)) for t in self.tables for r in subject_rows(ctx.accounts, t)]
        rows += [(L.BUDGET_SHEET.sheet, b.code, b.name, b.cell) for b in ctx.accounts.budget if b.code.isdigit()]
        for table, code, name, cell in rows:
            expected = cat.name_of(code)
            if expected is None:
                yield Breach(Place(table, code, name, "科目编码", cell),
                             {"problem": "科目表中没有这个编码", "source": cat.source})
            elif name and not cat.same_name(code, name):
                yield Breach(Place(table, code, name, "科目名称", cell),
                             {"problem": f"按科目表名称应为“{expected}”", "source": cat.source})

    def describe(self) -> str:
        return ("、".join(TABLES[t].label for t in self.tables)
                + "和「年初预算」的每个科目编码都在科目表中，名称与科目表一致（不计空格和末尾“支出”二字）")


# ----------------------------------------------------------------------------------- selections


@dataclass(frozen=True)
class Total:
    """The sum of several single-cell selections, as one value (for ``LessOrEqual(Total(…), …)``)."""

    parts: tuple[Selection, ...]
    label: str = ""

    def values(self, ctx: Context) -> dict[str, Value]:
        parts = [v for p in self.parts for v in p.values(ctx).values()]
        amount = sum((v.amount for v in parts), ZERO)
        cell = next((v.cell for v in parts if v.amount != 0), parts[0].cell if parts else None)
        first = parts[0] if parts else None
        return {"": Value(amount, sum(v.count for v in parts), cell,
                          self.label or " + ".join(v.desc for v in parts),
                          first.table if first else "", None, first.column if first else "",
                          first.key if first else "")}

    def describe(self) -> str:
        return self.label or " + ".join(p.describe() for p in self.parts)


__all__ = [
    "AmountUnit",
    "BudgetClassLines",
    "BudgetTotals",
    "CatalogueGiven",
    "ForeignYears",
    "FullYearComplete",
    "InCatalogue",
    "LooksLikeYuan",
    "NotNegative",
    "PriorComplete",
    "PriorScale",
    "ReasonCompared",
    "ScoresGiven",
    "ScoresWithin",
    "StatedProjectCount",
    "SummaryAgreesWithScores",
    "SummaryAmount",
    "SummaryConsistent",
    "SummaryGiven",
    "SummaryWhole",
    "TableFilled",
    "TextPattern",
    "Total",
    "WeightsTotal",
    "lines_of",
    "printed_texts",
    "tables_read",
    "unusable",
]
