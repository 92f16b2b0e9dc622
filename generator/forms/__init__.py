"""Official forms: which tables a province's layout prints in a range of years, and how.

A form is data (``generator/forms/<id>.toml``): the table set (表1—表9 or fewer), each table's title,
official number, lines (printed labels with their ordinals, blank rows) and columns, the functional
classes of 表1/表4 in their official order (which gives the ordinals 八、 二十二、 …), the 情况说明
outline and the glossary terms. A form names the layout (公开格式) it belongs to and the years it covers;
``form_for(year, layout)`` selects it. Anything a form does not say is taken from the 2021 tables of
``generator.workbook.layout``, so a form file states only how it differs.

The blank workbook (``workbook.template``), the reader (``workbook.reader``), the checks (conditions
``FormHasTable``) and the renderer all read the same declaration. The Word templates
(``templates/<folder>/document.docx``, edited in Word) print a table only when ``form.has_table(…)``;
``tests/render/test_forms_documents.py`` checks that the documents' tables, rows, sections and terms
are the form's.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from generator.workbook import layout as L

TableSpec = L.LabeledSheet | L.SubjectSheet | L.EconomicSheet | L.ThreePublicSheet

DEFAULT_TABLES: Mapping[str, TableSpec] = {t.table: t for t in L.TABLE_SHEETS}
TABLE_IDS = tuple(DEFAULT_TABLES)


class FormError(Exception):
    """A form file is malformed, or no form covers a workbook's year and layout."""


@dataclass(frozen=True)
class Section:
    """One heading of the 情况说明: ``key`` names it for the templates; ``title`` is printed after its number."""

    key: str
    title: str
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Form:
    id: str  # the file name: hunan_2019
    name: str  # 湖南格式（2019年度及以前）
    layout: str  # 公开格式 of the workbook: 湖北 / 湖南 / 上海
    first_year: int | None  # None: no lower bound
    last_year: int | None  # None: no upper bound
    template: str  # Word template folder under templates/; "" = the layout's folder in layouts.toml
    tables: tuple[TableSpec, ...]  # the tables this form prints, in order
    classes: tuple[str, ...]  # 表1/表4 functional classes (类) in official order
    outline: tuple[Section, ...]  # 第三部分 情况说明
    glossary: tuple[str, ...]  # 名词解释 terms, in order

    # ------------------------------------------------------------------ questions templates and code ask

    def has_table(self, table: str) -> bool:
        return any(t.table == table for t in self.tables)

    def table(self, table: str) -> TableSpec:
        for t in self.tables:
            if t.table == table:
                return t
        raise KeyError(f"{self.name}没有{table}")

    def number(self, table: str) -> int:
        """The printed number of a table (表n, 目录 entry n)."""
        return next(i for i, t in enumerate(self.tables, 1) if t.table == table)

    def class_ordinal(self, code: str) -> int:
        """The official ordinal of a functional class in 表1/表4 (八 for 208 …); 0 if the form has no such line."""
        return self.classes.index(code) + 1 if code in self.classes else 0

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year)

    @property
    def years(self) -> str:
        if self.first_year is None and self.last_year is None:
            return "各年度"
        if self.first_year is None:
            return f"{self.last_year}年度及以前"
        if self.last_year is None:
            return f"{self.first_year}年度起"
        return f"{self.first_year}—{self.last_year}年度"

    def lines(self, table: str) -> tuple[L.FixedLine, ...]:
        spec = self.table(table)
        if isinstance(spec, L.LabeledSheet):
            return (*spec.left_lines, *spec.right_lines)
        return ()

    def section_keys(self) -> tuple[str, ...]:
        out: list[str] = []

        def walk(sections: tuple[Section, ...]) -> None:
            for s in sections:
                out.append(s.key)
                walk(s.children)

        walk(self.outline)
        return tuple(out)


# ----------------------------------------------------------------------------------- loading


def _column(raw: Mapping[str, Any]) -> L.Column:
    return L.Column(str(raw["key"]), str(raw["label"]), tuple(raw.get("aliases", ())), str(raw.get("group", "")),
                    bool(raw.get("required", True)))


def _line(raw: Mapping[str, Any]) -> L.FixedLine:
    return L.FixedLine(str(raw.get("key", "")), str(raw.get("label", "")), tuple(raw.get("aliases", ())),
                       str(raw.get("after", "")))


_LIST_FIELDS = {"columns": _column, "left_columns": _column, "right_columns": _column,
                "left_lines": _line, "right_lines": _line}
_TEXT_FIELDS = ("sheet", "title", "official_no", "note", "empty_note")


def _table(table_id: str, raw: Mapping[str, Any], where: str) -> TableSpec:
    if table_id not in DEFAULT_TABLES:
        raise FormError(f"{where}：未知的表「{table_id}」，应为 {'、'.join(TABLE_IDS)} 之一")
    base = DEFAULT_TABLES[table_id]
    names = {f.name for f in dataclasses.fields(base)}
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in names or key == "table":
            raise FormError(f"{where} [{table_id}]：表没有“{key}”这一项")
        if key in _LIST_FIELDS:
            changes[key] = tuple(_LIST_FIELDS[key](v) for v in value)
        elif key in _TEXT_FIELDS:
            changes[key] = str(value)
        else:
            raise FormError(f"{where} [{table_id}]：“{key}”不能在格式文件中修改")
    return dataclasses.replace(base, **changes)


def _sections(raw: list[Mapping[str, Any]]) -> tuple[Section, ...]:
    return tuple(Section(str(s["key"]), str(s["title"]), _sections(s.get("children", []))) for s in raw)


_FORM_KEYS = {"name", "layout", "first_year", "last_year", "template", "classes", "table_set", "tables", "outline",
              "glossary"}


def parse_form(form_id: str, text: str) -> Form:
    where = f"格式文件 {form_id}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"{where} 无法解析：{exc}") from exc
    unknown = set(data) - _FORM_KEYS
    if unknown:
        raise FormError(f"{where}：未知的项“{'、'.join(sorted(unknown))}”（表的设置写在 [tables.t1] 等节中）")
    tables_raw = data.get("tables", {})
    order = data.get("table_set", list(TABLE_IDS))
    tables = tuple(_table(t, tables_raw.get(t, {}), where) for t in order)
    for t in tables_raw:
        if t not in order:
            raise FormError(f"{where}：[tables.{t}] 不在 table_set 中")
    try:
        return Form(
            id=form_id,
            name=str(data["name"]),
            layout=str(data["layout"]),
            first_year=data.get("first_year"),
            last_year=data.get("last_year"),
            template=str(data.get("template", "")),
            tables=tables,
            classes=tuple(str(c) for c in data["classes"]),
            outline=_sections(data.get("outline", [])),
            glossary=tuple(str(g) for g in data.get("glossary", ())),
        )
    except KeyError as exc:
        raise FormError(f"{where} 缺少“{exc.args[0]}”") from exc


@cache
def all_forms() -> tuple[Form, ...]:
    """Every declared form, in file-name order."""
    files = sorted((f for f in resources.files(__package__).iterdir() if f.name.endswith(".toml")),
                   key=lambda f: f.name)
    forms = tuple(parse_form(f.name.removesuffix(".toml"), f.read_text(encoding="utf-8")) for f in files)
    _check_overlaps(forms)
    return forms


def _check_overlaps(forms: tuple[Form, ...]) -> None:
    for a in forms:
        for b in forms:
            if a.id < b.id and a.layout == b.layout:
                lo = max(a.first_year or 0, b.first_year or 0)
                hi = min(a.last_year or 9999, b.last_year or 9999)
                if lo <= hi:
                    raise FormError(f"格式 {a.id} 与 {b.id} 的年度范围重叠（{lo}—{hi}）")


def form_by_id(form_id: str) -> Form:
    for f in all_forms():
        if f.id == form_id:
            return f
    raise FormError(f"没有格式「{form_id}」；已有：{describe_forms()}")


def describe_forms() -> str:
    """The declared forms for a message: 湖北 2020年度起、…"""
    return "、".join(f"{f.layout} {f.years}" for f in all_forms())


def find_form(year: int, layout: str) -> Form | None:
    return next((f for f in all_forms() if f.layout == layout and f.covers(year)), None)


def form_for(year: int, layout: str) -> Form:
    found = find_form(year, layout)
    if found is None:
        raise FormError(f"没有适用于 {year} 年度“{layout}”公开格式的表样；已登记的表样：{describe_forms()}。"
                        "请核对年度和公开格式；需要新的表样时，按 docs/templates.md 第 11 节登记")
    return found


DEFAULT_FORM_ID = "hubei_2021"


def default_form(layout: str = "") -> Form:
    """The form used when a workbook names none that exists (the 2021 nine tables)."""
    for f in all_forms():
        if f.layout == layout and f.last_year is None:
            return f
    return form_by_id(DEFAULT_FORM_ID)


def form_of(accounts: Any) -> Form:
    """The form of a read workbook (``DepartmentAccounts.form``), or the layout's current one."""
    form = getattr(accounts, "form", None)
    if form is not None:
        return form
    info = accounts.info
    return find_form(info.year, info.layout) or default_form(info.layout)
