"""What the Word templates see: one typed tree of frozen dataclasses, built by ``build_context``.

Every field carries a Chinese ``help`` (model fields carry ``label``/``help``), so the reference of
template variables can be generated from ``DocumentContext`` (see ``describe_context``). The context
holds figures (``generator.figures``), the accountant's texts and the rows of the nine tables; it holds
no sentence: sentences live in the templates, numbers are formatted there by the filters of
``generator.render.environment``.

Lists printed differently per layout (zero classes listed or not, 五（三）by 类 or by 项) are chosen
here from the layout settings and exposed under ``listed``.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar

from generator import model
from generator.figures import Figures, Part, SubjectBudget, SubjectPath, h
from generator.forms import Form, form_of
from generator.model import DepartmentAccounts, LabeledTable, Line, SubjectTable
from generator.render.charts import BarComparison, PieShare
from generator.render.settings import LayoutSettings
from generator.workbook import layout as L

__all__ = [
    "ChartContext",
    "DocumentContext",
    "build_context",
    "clause",
    "clean_text",
    "describe_context",
]

Amount = Decimal | None

# ============================================================================ table rows


@dataclass(frozen=True)
class Row:
    """One printed row of a table."""

    code: str = field(metadata=h("科目编码（无编码的行为空）"))
    name: str = field(metadata=h("名称（不含“一、”等序号）"))
    seq: int = field(metadata=h("序号（表1、表4的收入行和支出类行为1、2、3…，其余为0），用 cn 过滤器写成“一、”"))
    no: int = field(metadata=h("行次（表1、表4）"))
    level: str = field(metadata=h("类、款、项（表2、3、5、8、9）"))
    amounts: Mapping[str, Amount] = field(metadata=h(
        "按列键的金额；原表空白的单元格为空（None），用 cell 过滤器打印为空白。列键见 docs/templates.md"))


@dataclass(frozen=True)
class PairRow:
    """表1/表4: a row with the income side (left) and the expenditure side (right)."""

    left: Row = field(metadata=h("收入侧"))
    right: Row = field(metadata=h("支出侧"))


@dataclass(frozen=True)
class LabeledTableContext:
    body: tuple[PairRow, ...] = field(metadata=h("收入各行与支出各类并列的行"))
    footer: tuple[PairRow, ...] = field(metadata=h("合计、结转结余、总计等行"))
    numbers: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), metadata=h(
        "各行的行次，按行键：如 numbers.income_total（本年收入合计）、numbers['210']（卫生健康支出）"))


@dataclass(frozen=True)
class SubjectTableContext:
    total: Row = field(metadata=h("合计行"))
    rows: tuple[Row, ...] = field(metadata=h("按功能分类科目的行（类、款、项）"))
    is_empty: bool = field(metadata=h("本表无数据"))


@dataclass(frozen=True)
class EconomicCell:
    code: str = field(metadata=h("经济分类科目编码"))
    name: str = field(metadata=h("科目名称"))
    amount: Amount = field(metadata=h("决算数；空白为 None"))


@dataclass(frozen=True)
class EconomicRow:
    """表6: one printed row of the three column groups (人员经费 | 公用经费 | 公用经费续)."""

    personnel: EconomicCell = field(metadata=h("人员经费栏（301、303）"))
    public: EconomicCell = field(metadata=h("公用经费栏（302）"))
    other: EconomicCell = field(metadata=h("公用经费续栏（307、310、399）"))


@dataclass(frozen=True)
class EconomicRow2:
    """表6 in two column groups (上海): 人员经费 | 公用经费."""

    personnel: EconomicCell = field(metadata=h("人员经费栏"))
    public: EconomicCell = field(metadata=h("公用经费栏（302、307、310、399）"))


@dataclass(frozen=True)
class EconomicTableContext:
    rows: tuple[EconomicRow, ...] = field(metadata=h("三栏式的行"))
    rows2: tuple[EconomicRow2, ...] = field(metadata=h("两栏式的行（上海）"))
    personnel_total: Amount = field(metadata=h("人员经费合计"))
    public_total: Amount = field(metadata=h("公用经费合计"))


@dataclass(frozen=True)
class ThreePublicTableContext:
    budget: Mapping[str, Amount] = field(metadata=h(
        "预算数：total 合计、outbound 因公出国（境）费、vehicle_total 公务用车购置及运行费小计、"
        "vehicle_purchase 购置费、vehicle_operation 运行费、reception 公务接待费"))
    actual: Mapping[str, Amount] = field(metadata=h("决算数，列键同预算数"))
    is_empty: bool = field(metadata=h("预算数、决算数均为0"))


@dataclass(frozen=True)
class TableHeading:
    id: str = field(metadata=h("表键：t1…t9"))
    number: int = field(metadata=h("表号：本表样中的第几张表（目录序号）"))
    title: str = field(metadata=h("表名，如 收入支出决算总表"))
    official_no: str = field(metadata=h("公开表号，如 公开01表"))


@dataclass(frozen=True)
class FormContext:
    """The official form (表样) the workbook was read with: its tables and outline."""

    id: str = field(metadata=h("表样标识，如 hunan_2019（generator/forms/ 下的文件名）"))
    name: str = field(metadata=h("表样名称，如 湖南格式（2019年度及以前，八张表）"))
    tables: tuple[TableHeading, ...] = field(metadata=h("本表样的公开表，按顺序；用 form.has_table('t9') 判断有无某表"))
    sections: tuple[str, ...] = field(metadata=h("情况说明各节的键，按顺序（含下级节）"))

    # methods a template may call, documented in the variables reference like fields
    TEMPLATE_METHODS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("has_table", "form.has_table('t9')：本表样有该表（t1…t9）时为真，如 {%p if form.has_table('t9') %}"),
        ("has_section", "form.has_section('office_cost')：本表样的情况说明有该节时为真"),
    )

    def has_table(self, table: str) -> bool:
        return any(t.id == table for t in self.tables)

    def has_section(self, key: str) -> bool:
        return key in self.sections


@dataclass(frozen=True)
class TablesContext:
    t1: LabeledTableContext = field(metadata=h("表1 收入支出决算总表；列键 amount"))
    t2: SubjectTableContext = field(metadata=h(
        "表2 收入决算表；列键 total、appropriation、higher_subsidy、business、operating、subordinate、other"))
    t3: SubjectTableContext = field(metadata=h(
        "表3 支出决算表；列键 total、basic、project、remit_higher、operating、subsidy_subordinate"))
    t4: LabeledTableContext = field(metadata=h(
        "表4 财政拨款收入支出决算总表；收入侧列键 amount，支出侧 total、general_budget、gov_fund、state_capital"))
    t5: SubjectTableContext = field(metadata=h("表5 一般公共预算财政拨款支出决算表；列键 total、basic、project"))
    t6: EconomicTableContext = field(metadata=h("表6 一般公共预算财政拨款基本支出决算明细表"))
    t7: ThreePublicTableContext = field(metadata=h("表7 “三公”经费支出决算表"))
    t8: SubjectTableContext = field(metadata=h(
        "表8 政府性基金预算财政拨款收入支出决算表；列键 carryover_begin、income、total、basic、project、carryover_end"))
    t9: SubjectTableContext = field(metadata=h("表9 国有资本经营预算财政拨款支出决算表；列键同表8"))


# ============================================================================ other parts


@dataclass(frozen=True)
class DepartmentContext:
    name: str = field(metadata=h("部门名称"))
    year: int = field(metadata=h("决算年度"))
    prior_year: int = field(metadata=h("上一年度"))
    publication_date: str = field(metadata=h("公开日期（可为空）"))
    functions: tuple[str, ...] = field(metadata=h("部门主要职能，每条一项"))
    unit_composition: str = field(metadata=h("决算单位构成说明"))
    subordinate_unit_count: int = field(metadata=h("下属单位数"))
    internal_offices: str = field(metadata=h("内设机构说明"))
    staff_in_service: int = field(metadata=h("在职实有人数"))
    staff_administrative: int = field(metadata=h("其中行政人员"))
    staff_public_institution: int = field(metadata=h("其中事业人员"))
    staff_civil_servant_managed: int = field(metadata=h("事业人员中参照公务员法管理"))
    staff_retired_total: int = field(metadata=h("离退休人员"))
    staff_retired_lixiu: int = field(metadata=h("其中离休"))
    staff_retired_tuixiu: int = field(metadata=h("其中退休"))


@dataclass(frozen=True)
class LayoutContext:
    name: str = field(metadata=h("公开格式：湖北、湖南或上海"))
    percent_decimals: int = field(metadata=h("百分比小数位数"))
    general_budget_detail: str = field(metadata=h("五（三）按 class（类）或 item（项）说明"))
    grade_labels: tuple[str, ...] = field(metadata=h("自评等级名称，从高到低"))


@dataclass(frozen=True)
class ListedContext:
    """The lists as this layout prints them (zero items kept or left out per the settings)."""

    income_parts: tuple[Part, ...] = field(metadata=h("二、列出的收入来源（湖北含为0的，其他格式只列非0的）"))
    expenditure_parts: tuple[Part, ...] = field(metadata=h("三、列出的支出构成"))
    general_budget_classes: tuple[Part, ...] = field(metadata=h("五（二）列出的类级科目"))
    general_budget_details: tuple[SubjectBudget, ...] = field(metadata=h(
        "五（三）逐项说明的科目：按类（湖北）或按项（湖南、上海）"))


@dataclass(frozen=True)
class KeyWorkContext:
    title: str = field(metadata=h("重点工作标题"))
    text: str = field(metadata=h("内容（可含换行）"))


@dataclass(frozen=True)
class GlossaryItem:
    term: str = field(metadata=h("名词"))
    explanation: str = field(metadata=h("解释"))


@dataclass(frozen=True)
class GlossaryContext:
    subjects: tuple[SubjectPath, ...] = field(metadata=h(
        "本部门使用的支出功能分类科目（到项级，取自表2、表3），写作 类（类）款（款）项（项）"))
    extra: tuple[GlossaryItem, ...] = field(metadata=h("本部门补充的名词解释"))


@dataclass(frozen=True)
class ChartContext:
    number: int = field(metadata=h("图号"))
    title: str = field(metadata=h("图的标题"))
    file: str = field(metadata=h("图片文件名"))
    spec: BarComparison | PieShare = field(metadata={**h("画图所用数据（模板不用）"), "opaque": True})
    image: Any = field(default=None, metadata=h("插入的图片：在模板中写 {{ charts.total.image }}"))


@dataclass(frozen=True)
class ChartsContext:
    total: ChartContext = field(metadata=h("图1 收、支决算总计变动（柱状图）"))
    income: ChartContext = field(metadata=h("图2 收入决算结构（饼图）"))
    expenditure: ChartContext = field(metadata=h("图3 支出决算结构（饼图）"))
    appropriation: ChartContext = field(metadata=h("图4 财政拨款收、支决算总计变动（柱状图）"))


@dataclass(frozen=True)
class DocumentContext:
    """Everything a document template may use. Top-level names are the template's variables."""

    department: DepartmentContext = field(metadata=h("部门基本信息"))
    layout: LayoutContext = field(metadata=h("公开格式及其设置"))
    form: FormContext = field(metadata=h("表样：本年度本格式的公开表和情况说明的节"))
    draft: bool = field(metadata=h("草稿：校验未通过仍生成（build --force），首页标注“草稿”"))
    figures: Figures = field(metadata=h("情况说明中的全部计算结果"))
    listed: ListedContext = field(metadata=h("按本格式列出的清单"))
    tables: TablesContext = field(metadata=h("九张公开表的行"))
    reasons: model.Reasons = field(metadata=h(
        "单位填写的原因和说明（工作簿“情况说明文字”表）；变动原因、差异原因（*_change、*_vs_budget）已去掉单位写在开头的"
        "“主要原因是”“主要是”，由模板写引导语"))
    three_public_details: model.ThreePublicDetails = field(metadata=h("“三公”经费明细（团组、车辆、接待）"))
    assets: model.StateAssets = field(metadata=h("国有资产占用情况"))
    general_expenditure: model.GeneralExpenditure = field(metadata=h("一般性支出（会议费、培训费、节庆）"))
    performance_management: model.PerformanceManagement = field(metadata=h("预算绩效管理工作开展情况（个数、金额）"))
    key_work: tuple[KeyWorkContext, ...] = field(metadata=h("重点工作完成情况；为空时不出现该部分"))
    glossary: GlossaryContext = field(metadata=h("名词解释"))
    charts: ChartsContext = field(metadata=h("图1—图4"))


# ============================================================================ building

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|\d+[、.．])")


def clean_text(text: str) -> str:
    """Text from the workbook as Word will show it: line breaks kept (``\\n``), other control characters
    (which Word cannot hold, or which docxtpl would turn into paragraphs and page breaks) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


_CLAUSE_END = "。．.；;，,、 \t\n\u3000"


def clause(text: str) -> str:
    """Text quoted inside a sentence of the template (“主要原因是{{ reason }}。”): cleaned, and without the
    final punctuation the accountant may have typed, since the template supplies it."""
    return clean_text(text).rstrip(_CLAUSE_END)


# Reasons printed as paragraphs of their own keep their punctuation; the others are clauses.
PARAGRAPH_REASONS = frozenset({"performance_management", "performance_result_use", "other_matters"})
# What a reason of a change or of a gap to the budget opens with when the accountant writes the template's
# own lead-in too: “主要是人员增资” printed after the template's “主要原因是” read “主要原因是主要是人员增资”.
_REASON_LEAD_IN = re.compile(r"^(?:主要原因(?:是|为)?|主要是|原因(?:是|为))[：:，,]?\s*")


def reason(text: str) -> str:
    """A reason of a change (``*_change``, ``*_vs_budget``) as the templates quote it: a clause, without the
    lead-in the template prints itself."""
    return _REASON_LEAD_IN.sub("", clause(text), count=1)


def _clean_strings(obj: Any, keep: frozenset[str] = frozenset(), clauses: bool = False) -> Any:
    """A copy of a frozen dataclass with every ``str`` field cleaned (as clauses unless named in ``keep``)."""
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            changes[f.name] = clause(value) if clauses and f.name not in keep else clean_text(value)
            if clauses and f.name.endswith(("_change", "_vs_budget")):
                changes[f.name] = reason(value)
    return dataclasses.replace(obj, **changes)


def _amounts(line: Line | None, columns: Iterable[str]) -> Mapping[str, Amount]:
    values: dict[str, Amount] = {}
    for column in columns:
        if line is None or column not in line.values or column in line.blank:
            values[column] = None
        else:
            values[column] = line.values[column]
    return MappingProxyType(values)


_ITEM_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:、|[.．](?!\d))|[①-⑳])\s*")


def list_item(text: str) -> str:
    """One item of a list the template numbers itself (主要职能): cleaned, without the number the department
    typed before it (“1、”“（一）”“①”), which printed “（一）1、…”."""
    return _ITEM_NUMBER.sub("", clean_text(text), count=1)


def _strip_numbering(name: str) -> str:
    return _NUMBERING.sub("", name).strip()


def _empty_row(no: int, columns: Sequence[str]) -> Row:
    return Row("", "", 0, no, "", MappingProxyType(dict.fromkeys(columns)))


def _labeled(table: LabeledTable, body_left: Sequence[str], footer: Sequence[tuple[str, str]],
             left_cols: Sequence[str], right_cols: Sequence[str]) -> LabeledTableContext:
    """Pair the income lines with the expenditure classes, then the fixed footer lines, numbered 行次."""
    left_lines = [table.lines.get(k) for k in body_left]
    n = max(len(left_lines), len(table.classes))

    counter = {"no": 0}

    def number(line: Line | None) -> int:
        wanted = line.line_no if line is not None and line.line_no and line.line_no > counter["no"] else None
        counter["no"] = wanted if wanted is not None else counter["no"] + 1
        return counter["no"]

    left_rows: list[Row] = []
    for i in range(n):
        line = left_lines[i] if i < len(left_lines) else None
        if line is None:
            left_rows.append(_empty_row(number(None), left_cols))
        else:
            left_rows.append(Row("", _strip_numbering(line.name), i + 1, number(line), "", _amounts(line, left_cols)))
    left_footer: list[Row] = []
    for key, _ in footer:
        line = table.lines.get(key) if key else None
        if line is None:
            left_footer.append(_empty_row(number(None), left_cols))
        else:
            left_footer.append(Row("", _strip_numbering(line.name), 0, number(line), "", _amounts(line, left_cols)))
    right_rows: list[Row] = []
    for i in range(n):
        line = table.classes[i] if i < len(table.classes) else None
        if line is None:
            right_rows.append(_empty_row(number(None), right_cols))
        else:
            right_rows.append(Row(line.code, line.name, i + 1, number(line), "类", _amounts(line, right_cols)))
    right_footer: list[Row] = []
    for _, key in footer:
        line = table.lines.get(key) if key else None
        if line is None:
            right_footer.append(_empty_row(number(None), right_cols))
        else:
            right_footer.append(Row("", _strip_numbering(line.name), 0, number(line), "", _amounts(line, right_cols)))
    return LabeledTableContext(
        body=tuple(PairRow(left, right) for left, right in zip(left_rows, right_rows, strict=True)),
        footer=tuple(PairRow(left, right) for left, right in zip(left_footer, right_footer, strict=True)),
    )


_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


def _ordinal(label: str) -> int:
    """The ordinal a label is printed with: 3 for “三、上级补助收入”, 22 for “二十二、…”, 0 without one."""
    head, sep, _ = label.partition("、")
    if not sep or not head or any(c not in _CN_DIGITS and c != "十" for c in head):
        return 0
    if "十" not in head:
        return _CN_DIGITS.get(head, 0) if len(head) == 1 else 0
    tens, _, ones = head.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


class _LineNumbers(dict):
    """行次 by line key; a line the workbook's form does not have (a template used with another year's
    workbook, as ``template preview`` does) prints blank instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _labeled_as_read(table: LabeledTable, spec: L.LabeledSheet, form: Form, left_cols: Sequence[str],
                     right_cols: Sequence[str]) -> LabeledTableContext:
    """表1/表4 as the workbook prints it: its rows in order (blank numbered rows kept), each line with the
    form's ordinal (classes by the form's official order, not renumbered), 行次 numbered down the
    income side and on down the expenditure side, so a hidden row never leaves a gap."""
    labels = {ln.key: ln.label for ln in (*spec.left_lines, *spec.right_lines) if ln.key}
    lines = {**table.lines, **{c.code: c for c in table.classes}}
    n = len(table.rows)
    numbers = _LineNumbers()

    def row(key: str, no: int, columns: Sequence[str]) -> Row:
        line = lines.get(key) if key else None
        if line is None:
            return _empty_row(no, columns)
        numbers[key] = no
        if line.code:
            return Row(line.code, line.name, form.class_ordinal(line.code), no, "类", _amounts(line, columns))
        # the label as the workbook has it (an accepted variant of the form's), the ordinal the form gives it
        return Row("", _strip_numbering(line.name), _ordinal(labels.get(key, "")), no, "", _amounts(line, columns))

    pairs = [PairRow(row(left, i + 1, left_cols), row(right, n + i + 1, right_cols))
             for i, (left, right) in enumerate(table.rows)]
    totals = {"income_total", "expenditure_total"}
    split = next((i for i, (left, right) in enumerate(table.rows) if left in totals or right in totals), n)
    return LabeledTableContext(tuple(pairs[:split]), tuple(pairs[split:]), MappingProxyType(numbers))


def _subjects(table: SubjectTable, columns: Sequence[str]) -> SubjectTableContext:
    total = Row("", "合计", 0, 0, "", _amounts(table.total, columns))
    rows = tuple(Row(r.code, r.name, 0, 0, r.level, _amounts(r, columns)) for r in table.rows)
    return SubjectTableContext(total, rows, table.is_empty)


_EMPTY_ECON = EconomicCell("", "", None)


def _form_rows(cells: list[EconomicCell], codes: Sequence[str]) -> list[EconomicCell]:
    """The subjects ``codes`` in their order (those without a figure blank), then any other subject of
    ``cells`` (a figure is never dropped); ``cells`` unchanged when ``codes`` is empty."""
    if not codes:
        return cells
    from generator.catalog import economic_by_code

    by_code = {c.code: c for c in cells}
    out = []
    for code in codes:
        subject = economic_by_code(code)
        out.append(by_code.get(code) or EconomicCell(code, subject.name if subject else "", None))
    return out + [c for c in cells if c.code not in set(codes)]


def _economic(a: DepartmentAccounts, personnel_rows: Sequence[str] = (),
              public_rows: Sequence[str] = ()) -> EconomicTableContext:
    t6 = a.t6_general_budget_basic_expenditure

    def cells(roots: Sequence[str]) -> list[EconomicCell]:
        return [EconomicCell(r.code, r.name, None if "amount" in r.blank else r["amount"])
                for r in t6.rows if r.code[:3] in roots]

    personnel, public, other = cells(("301", "303")), cells(("302",)), cells(("307", "310", "399"))
    n = max(len(personnel), len(public), len(other), 1)

    def at(cells_: list[EconomicCell], i: int) -> EconomicCell:
        return cells_[i] if i < len(cells_) else _EMPTY_ECON

    rows = tuple(EconomicRow(at(personnel, i), at(public, i), at(other, i)) for i in range(n))
    # the two-column form (上海) lists the subjects of the layout's form, figures or not
    personnel = _form_rows(personnel, personnel_rows)
    public_all = _form_rows(public + other, public_rows)
    n2 = max(len(personnel), len(public_all), 1)
    rows2 = tuple(EconomicRow2(at(personnel, i), at(public_all, i)) for i in range(n2))
    pt, qt = t6.personnel_total, t6.public_total
    return EconomicTableContext(
        rows=rows, rows2=rows2,
        personnel_total=None if "amount" in pt.blank or "amount" not in pt.values else pt["amount"],
        public_total=None if "amount" in qt.blank or "amount" not in qt.values else qt["amount"],
    )


def _tables(a: DepartmentAccounts, settings: LayoutSettings | None = None) -> TablesContext:
    form = form_of(a)
    t7_cols = [c.key for c in L.T7.columns]
    t4_left = ["amount"]
    t4_right = [c.key for c in L.T4_KIND_COLUMNS]
    t1_table, t4_table = a.t1_income_expenditure_summary, a.t4_appropriation_summary
    if t1_table.rows and form.has_table("t1"):
        t1 = _labeled_as_read(t1_table, form.table("t1"), form, ["amount"], ["amount"])  # type: ignore[arg-type]
    else:
        t1 = _labeled(t1_table, L.T1_INCOME_SOURCES,
                      (("income_total", "expenditure_total"), ("use_non_appropriation_balance", "surplus_distribution"),
                       ("carryover_begin", "carryover_end"), ("income_grand_total", "expenditure_grand_total")),
                      ["amount"], ["amount"])
    if t4_table.rows and form.has_table("t4"):
        t4 = _labeled_as_read(t4_table, form.table("t4"), form, t4_left, t4_right)  # type: ignore[arg-type]
    else:
        t4 = _labeled(t4_table, ("inc_general_budget", "inc_gov_fund", "inc_state_capital"),
                      (("income_total", "expenditure_total"), ("carryover_begin", "carryover_end"),
                       ("carryover_begin_general_budget", ""), ("carryover_begin_gov_fund", ""),
                       ("carryover_begin_state_capital", ""), ("income_grand_total", "expenditure_grand_total")),
                      t4_left, t4_right)
    return TablesContext(
        t1=t1,
        t2=_subjects(a.t2_income, [c.key for c in L.T2.columns]),
        t3=_subjects(a.t3_expenditure, [c.key for c in L.T3.columns]),
        t4=t4,
        t5=_subjects(a.t5_general_budget_expenditure, [c.key for c in L.T5.columns]),
        t6=_economic(a, settings.t6_personnel_rows if settings else (), settings.t6_public_rows if settings else ()),
        t7=ThreePublicTableContext(_amounts(a.t7_three_public.budget, t7_cols),
                                   _amounts(a.t7_three_public.actual, t7_cols),
                                   a.t7_three_public.budget.is_zero() and a.t7_three_public.actual.is_zero()),
        t8=_subjects(a.t8_government_fund, [c.key for c in L.T8.columns]),
        t9=_subjects(a.t9_state_capital, [c.key for c in L.T9.columns]),
    )


def _charts(figures: Figures, settings: LayoutSettings) -> ChartsContext:
    c = settings.charts
    prior_label = c.prior_label.format(year=figures.prior_year)
    current_label = c.current_label.format(year=figures.year)
    return ChartsContext(
        total=ChartContext(1, c.total.title, c.total.file, BarComparison(
            c.total.title, prior_label, current_label, figures.total.change.base, figures.total.grand_total, c.unit)),
        # the pies print the very shares the text prints (same figures, same precision)
        income=ChartContext(2, c.income.title, c.income.file, PieShare(
            c.income.title, tuple((p.name, p.amount) for p in figures.income.parts), c.unit,
            tuple(p.share for p in figures.income.parts), figures.percent_decimals)),
        expenditure=ChartContext(3, c.expenditure.title, c.expenditure.file, PieShare(
            c.expenditure.title, tuple((p.name, p.amount) for p in figures.expenditure.parts), c.unit,
            tuple(p.share for p in figures.expenditure.parts), figures.percent_decimals)),
        appropriation=ChartContext(4, c.appropriation.title, c.appropriation.file, BarComparison(
            c.appropriation.title, prior_label, current_label, figures.appropriation.change.base,
            figures.appropriation.grand_total, c.unit)),
    )


def _listed(figures: Figures, settings: LayoutSettings) -> ListedContext:
    def keep(parts: Sequence[Part], all_: bool) -> tuple[Part, ...]:
        if not any(p.amount for p in parts):
            return ()  # shares of a whole of 0 are not printed: the sentence says the whole and stops
        return tuple(p for p in parts if all_ or p.amount != 0)

    gb = figures.general_budget
    if settings.general_budget_detail == "class":
        details = tuple(b for b in gb.by_class if settings.list_zero_budget_classes
                        or b.completion.budget != 0 or b.completion.actual != 0)
    else:
        details = tuple(b for b in gb.by_item if b.completion.budget != 0 or b.completion.actual != 0)
    return ListedContext(
        income_parts=keep(figures.income.parts, settings.list_zero_parts),
        expenditure_parts=keep(figures.expenditure.parts, settings.list_zero_parts),
        general_budget_classes=keep(gb.classes, settings.list_zero_classes),
        general_budget_details=details,
    )


def build_context(accounts: DepartmentAccounts, figures: Figures, settings: LayoutSettings) -> DocumentContext:
    """The template context of one department's document (pure: no I/O, no charts drawn)."""
    figures = _clean_figures(figures)
    info = _clean_strings(accounts.info)
    department = DepartmentContext(
        name=info.name, year=info.year, prior_year=info.year - 1, publication_date=info.publication_date,
        functions=tuple(list_item(f) for f in info.functions), unit_composition=info.unit_composition,
        subordinate_unit_count=info.subordinate_unit_count, internal_offices=info.internal_offices,
        staff_in_service=info.staff_in_service, staff_administrative=info.staff_administrative,
        staff_public_institution=info.staff_public_institution,
        staff_civil_servant_managed=info.staff_civil_servant_managed,
        staff_retired_total=info.staff_retired_total, staff_retired_lixiu=info.staff_retired_lixiu,
        staff_retired_tuixiu=info.staff_retired_tuixiu,
    )
    form = form_of(accounts)
    return DocumentContext(
        department=department,
        layout=LayoutContext(settings.layout, settings.percent_decimals, settings.general_budget_detail,
                             tuple(g.label for g in settings.grades)),
        form=FormContext(form.id, form.name,
                         tuple(TableHeading(t.table, i, t.title, t.official_no) for i, t in enumerate(form.tables, 1)),
                         form.section_keys()),
        draft=False,
        figures=figures,
        listed=_listed(figures, settings),
        tables=_tables(accounts, settings),
        reasons=_clean_strings(accounts.reasons, PARAGRAPH_REASONS, clauses=True),
        three_public_details=accounts.three_public_details,
        assets=accounts.assets,
        general_expenditure=_clean_strings(accounts.general_expenditure, clauses=True),
        performance_management=accounts.performance_management,
        key_work=tuple(KeyWorkContext(clean_text(k.title), clean_text(k.text)) for k in accounts.key_work),
        glossary=GlossaryContext(figures.subjects_used,
                                 tuple(GlossaryItem(clean_text(g.term), clean_text(g.explanation))
                                       for g in accounts.glossary_extra)),
        charts=_charts(figures, settings),
    )


def _clean_figures(figures: Figures) -> Figures:
    """Figures with the accountant's texts inside them (reasons, evaluation texts) cleaned."""

    def walk(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            changes = {}
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                new = walk(value)
                if new is not value:
                    changes[f.name] = new
            if isinstance(obj, SubjectBudget):
                changes["reason"] = clause(obj.reason)
                changes["use"] = clause(obj.use)
            return dataclasses.replace(obj, **changes) if changes else obj
        if isinstance(obj, str):
            cleaned = clean_text(obj)
            return obj if cleaned == obj else cleaned
        if isinstance(obj, tuple):
            items = tuple(walk(x) for x in obj)
            return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
        return obj

    return walk(figures)


def as_template_variables(context: DocumentContext) -> dict[str, Any]:
    """The top-level names a template sees (the fields of ``DocumentContext``)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


# ============================================================================ introspection


@dataclass(frozen=True)
class VariableDoc:
    path: str
    type: str
    help: str


def describe_context(cls: type = DocumentContext, prefix: str = "", *,
                     seen: dict[type, str] | None = None) -> list[VariableDoc]:
    """Every variable reachable from ``DocumentContext`` with its type and Chinese help (for the reference).

    With ``seen`` (a dict, filled as types are expanded), a dataclass met a second time is not expanded
    again: its entry says where its fields are listed.
    """
    out: list[VariableDoc] = []
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        hint = hints[f.name]
        meta = f.metadata
        text = meta.get("help") or ""
        if meta.get("label"):
            text = meta["label"] + (f"：{text}" if text else "")
        inner = None if meta.get("opaque") else _dataclass_in(hint)
        sep = "[]." if typing.get_origin(hint) is tuple else "."
        if inner is not None and seen is not None and inner in seen:
            out.append(VariableDoc(path, _type_name(hint), f"{text}（字段同 `{seen[inner]}`）"))
            continue
        out.append(VariableDoc(path, _type_name(hint), text))
        if inner is not None:
            if seen is not None:
                seen[inner] = path + sep.rstrip(".")
            out.extend(describe_context(inner, path + sep, seen=seen))
    for name, text in getattr(cls, "TEMPLATE_METHODS", ()):
        out.append(VariableDoc(f"{prefix}{name}", "方法", text))
    return out


def _dataclass_in(hint: Any) -> type | None:
    if dataclasses.is_dataclass(hint):
        return hint
    for arg in typing.get_args(hint):
        if dataclasses.is_dataclass(arg):
            return arg
    return None


def _type_name(hint: Any) -> str:
    """``Decimal | None``, ``列表[Part]``, ``映射[str, Decimal | None]`` …"""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return f"列表[{_type_name(args[0])}]" if args else "列表"
    if origin in (Mapping, dict):
        return f"映射[{', '.join(_type_name(a) for a in args)}]"
    if args and origin is not None:
        return " | ".join(_type_name(a) for a in args)
    if hint is type(None):
        return "None"
    text = getattr(hint, "__name__", None) or str(hint)
    return text.replace("typing.", "").replace("decimal.", "").replace("collections.abc.", "")
