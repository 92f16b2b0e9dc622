"""The official tables of a read document: found by their titles, rows read by label and code, and
turned into the model's tables so that the declared table rules (``generator.checks``) apply as they are.

A table is ``complete`` when every row was read with its amounts in their columns; a table read from
text whose blank cells vanished is only partly known, and no rule is evaluated over it (a rule over a
guessed column would be a false alarm).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from generator import catalog, model
from generator.model import ZERO, Cell, Line
from generator.workbook import layout as L

from .document import Block, Place, ReadDocument, ReadTable
from .text import has_cjk, is_blank, is_number, key, parse_amount

# the titles a table is known by, longest first within each table (2019 forms print 基本支出决算表)
TITLES: dict[str, tuple[str, ...]] = {
    "t1": ("收入支出决算总表",),
    "t2": ("收入决算表",),
    "t3": ("支出决算表",),
    "t4": ("财政拨款收入支出决算总表",),
    "t5": ("一般公共预算财政拨款支出决算表",),
    "t6": ("一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"),
    "t7": ("一般公共预算财政拨款三公经费支出决算表", "财政拨款三公经费支出决算表"),
    "t8": ("政府性基金预算财政拨款收入支出决算表",),
    "t9": ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
}
TABLE_LABELS = {f"t{n}": f"表{n}" for n in range(1, 10)}
_BY_LENGTH = sorted(((key(title), table) for table, titles in TITLES.items() for title in titles),
                    key=lambda item: -len(item[0]))
_TITLE_NOISE = re.compile(r"(?:[（(]表\d*[）)]?|[（(]?公开\d+表[）)]?|(?<=表)\d+)$")
_STOP = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、.*(?:情况说明|情况)$)")
_DEPARTMENT = re.compile(r"(?:^|\s)(?:部门|单位名称|填报单位)[:：]\s*([^\t:：]+?)"
                         r"(?=\s{2,}|\t|金额单位|单位[:：]|公开|$)")
CODE = re.compile(r"^\d{3,7}$")
ECONOMIC = re.compile(r"^3\d{2}(?:\d{2})?$")
COLUMN_NUMBERS = re.compile(r"^\d{1,2}$")


def title_of(text: str) -> str | None:
    """The table (t1 … t9) a title line names, or None."""
    k = key(text)
    for _ in range(3):
        stripped = _TITLE_NOISE.sub("", k)
        if stripped == k:
            break
        k = stripped
    if len(k) > 60:
        return None
    for title, table in _BY_LENGTH:
        if k.endswith(title):
            prefix = k[: -len(title)]
            if not prefix or re.search(r"\d{4}年度?$", prefix) or prefix in ("部门", "单位"):
                return table
    return None


def department_of(text: str) -> str | None:
    m = _DEPARTMENT.search(text)
    if not m:
        return None
    name = m.group(1).strip()
    return name if has_cjk(name) else None


def _is_column_numbers(block: Block) -> bool:
    cells = [c for c in block.cells if c.strip()]
    if cells and cells[0].replace(" ", "") in ("栏次", "栏 次"):
        return True
    return bool(cells) and all(COLUMN_NUMBERS.match(c.strip()) for c in cells) and \
        [int(c) for c in cells] == list(range(int(cells[0]), int(cells[0]) + len(cells))) and len(cells) >= 3


def find_tables(document: ReadDocument) -> list[ReadTable]:
    """Every table title followed by rows; a title without rows (目录, a list of tables) is not a table."""
    blocks = document.blocks
    starts = [(i, title_of(b.cells[0])) for i, b in enumerate(blocks) if len(b.cells) == 1 or not b.is_row]
    starts = [(i, t) for i, t in starts if t is not None]
    found: list[ReadTable] = []
    for n, (i, table) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        rows: list[Block] = []
        texts: list[str] = []
        departments: list[str] = []
        for b in blocks[i + 1:end]:
            if not b.is_row and _STOP.match(key(b.cells[0])) and rows:
                break
            if b.is_row:
                rows.append(b)
                for c in b.cells:
                    name = department_of(c)
                    if name:
                        departments.append(name)
            else:
                texts.append(b.cells[0])
                name = department_of(b.cells[0])
                if name:
                    departments.append(name)
        if not rows:
            continue
        if found and found[-1].table == table and not found[-1].rows:
            found.pop()
        header, data = _split_header(table, rows)
        found.append(ReadTable(table, blocks[i].cells[0], Place(page=blocks[i].page, line=blocks[i].line,
                                                                 heading=blocks[i].cells[0]),
                               tuple(header), tuple(data), tuple(texts), tuple(departments)))
    return _join_continued(found)


def _join_continued(tables: list[ReadTable]) -> list[ReadTable]:
    """A table broken across pages repeats its title (or not): two pieces of one table become one."""
    out: list[ReadTable] = []
    for t in tables:
        if out and out[-1].table == t.table:
            prev = out[-1]
            out[-1] = ReadTable(prev.table, prev.title, prev.place, prev.header, prev.rows + t.rows,
                                prev.texts + t.texts, prev.department + t.department)
        else:
            out.append(t)
    return out


def _is_data(table: str, block: Block) -> bool:
    cells = [c.strip() for c in block.cells]
    if _is_column_numbers(block):
        return False
    if table in ("t1", "t4"):
        return any(_label_line(table, c) for c in cells if has_cjk(c)) and any(is_number(c) for c in cells)
    if table == "t6":
        return any(ECONOMIC.match(c) for c in cells) or any("经费合计" in key(c) for c in cells)
    if table == "t7":
        nonempty = [c for c in cells if c]
        return bool(nonempty) and all(is_number(c) for c in nonempty if not has_cjk(c)) and \
            any(is_number(c) for c in nonempty) and not any(has_cjk(c) and "数" not in c for c in nonempty)
    return any(CODE.match(c) or key(c) in ("合计", "总计") or re.match(r"^\d{3,7}\s*[\u4e00-\u9fff]", c)
               for c in cells[:2]) \
        or (not any(has_cjk(c) for c in cells) and any(is_number(c) and "." in c for c in cells))


def _split_header(table: str, rows: list[Block]) -> tuple[list[Block], list[Block]]:
    for n, row in enumerate(rows):
        if _is_data(table, row):
            return rows[:n], [r for r in rows[n:] if not _is_column_numbers(r)]
    return rows, []


# --------------------------------------------------------------------------------------------- model


@dataclass
class TableRead:
    """One table turned into the model, and how well it was read."""

    table: str
    value: object
    complete: bool
    problems: list[str] = field(default_factory=list)
    source: ReadTable | None = None
    sure: set[str] = field(default_factory=set)  # line keys whose amounts were read in their columns

    @property
    def in_yuan(self) -> bool:
        """The table is printed in 元 (金额单位：元), not 万元: its figures are divided by 10000 for the text."""
        if self.source is None:
            return False
        texts = [*self.source.texts, *(c for b in self.source.header for c in b.cells)]
        units = [t for t in texts if "单位" in t and "元" in t]
        return bool(units) and not any("万元" in t for t in units)

    def knows(self, line: str) -> bool:
        return self.complete or line in self.sure


def _cell(table: str) -> Cell:
    return Cell(TABLE_LABELS[table], "")


def _line(table: str, key_: str, code: str, name: str, values: dict[str, Decimal],
          blank: set[str]) -> Line:
    cell = _cell(table)
    return Line(key_, code, name, dict(values), {c: cell for c in values}, frozenset(blank))


def _fixed_labels(spec: L.LabeledSheet) -> dict[str, str]:
    out: dict[str, str] = {}
    for ln in (*spec.left_lines, *spec.right_lines):
        if ln.after:
            continue  # a sub-line shares its label with a line above it: told apart by position
        for c in (ln.label, *ln.aliases):
            out.setdefault(key(c), ln.key)
    return out


_FIXED_LABELS = {"t1": _fixed_labels(L.T1), "t4": _fixed_labels(L.T4)}


@lru_cache(maxsize=4096)
def _label_line(table: str, label: str) -> str | None:
    k = key(label)
    found = _FIXED_LABELS[table].get(k)
    if found:
        return found
    fc = catalog.class_by_name(k)  # (cached with the label)
    return f"class:{fc.code}" if fc else None


def _amounts(seq: list[str], want: int, positional: bool) -> tuple[list[Decimal | None], bool]:
    """``want`` amounts from the cells after a label (行次 already dropped); bool: surely in their columns."""
    if positional:
        cells = (seq + [""] * want)[:want]
        return [parse_amount(c) for c in cells], True
    numbers = [parse_amount(c) for c in seq if is_number(c)]
    if len(numbers) == want or not numbers:
        return (numbers + [Decimal("0")] * want)[:want], True
    return (numbers + [None] * want)[:want], False


def read_labeled(source: ReadTable) -> TableRead:
    table = source.table
    spec = L.T1 if table == "t1" else L.T4
    if table == "t4":
        head = key("".join(c for b in source.header for c in b.cells))
        kinds = ["general_budget"]
        if "政府性" in head or not head:
            kinds.append("gov_fund")
        if "国有资本" in head or not head:
            kinds.append("state_capital")
        right_columns = ["total", *kinds]
    else:
        right_columns = [L.AMOUNT]
    left_keys = {ln.key for ln in spec.left_lines}
    lines: dict[str, Line] = {}
    classes: list[Line] = []
    complete = True
    problems: list[str] = []
    seen_begin = False
    sure_keys: set[str] = set()
    for row in source.rows:
        cells = [c.strip() for c in row.cells]
        labels = [i for i, c in enumerate(cells) if c and has_cjk(c) and not is_number(c)]
        for n, i in enumerate(labels):
            nxt = labels[n + 1] if n + 1 < len(labels) else len(cells)
            seq = cells[i + 1:nxt]
            if seq and re.fullmatch(r"\d{1,3}", seq[0]):
                seq = seq[1:]
            found = _label_line(table, cells[i])
            if found is None:
                continue
            if found == "income_grand_total" or found == "expenditure_grand_total":
                found = "income_grand_total" if (i == 0 and "income_grand_total" not in lines) else \
                    "expenditure_grand_total"
            if table == "t4" and found in ("inc_general_budget", "inc_gov_fund", "inc_state_capital") and seen_begin:
                found = "carryover_begin_" + found.removeprefix("inc_")
            if found == "carryover_begin":
                seen_begin = True
            is_left = found in left_keys
            if table == "t4" and found.startswith("class:") and i == 0 and len(labels) == 1 and len(cells) > 4:
                is_left = False
            columns = [L.AMOUNT] if is_left else right_columns
            values, sure = _amounts(seq, len(columns), row.positional)
            if not sure or any(v is None for v in values):
                complete = False
                problems.append(f"「{cells[i]}」的金额未能逐列读出")
            vals = {c: (v if v is not None else ZERO) for c, v in zip(columns, values, strict=True)}
            blank = {c for c, raw in zip(columns, (seq + [""] * len(columns))[:len(columns)], strict=True)
                     if is_blank(raw)} if row.positional else set()
            line_key = found.split(":", 1)[1] if found.startswith("class:") else found
            if sure and not any(v is None for v in values):
                sure_keys.add(line_key)
            if found.startswith("class:"):
                classes.append(_line(table, line_key, line_key, cells[i], vals, blank))
            elif found not in lines:
                lines[found] = _line(table, found, "", cells[i], vals, blank)
    for ln in (*spec.left_lines, *spec.right_lines):
        if ln.key not in lines:
            columns = [L.AMOUNT] if ln.key in left_keys else right_columns
            lines[ln.key] = _line(table, ln.key, "", ln.label, dict.fromkeys(columns, ZERO), set(columns))
            if ln.key in ("income_total", "expenditure_total", "income_grand_total", "expenditure_grand_total"):
                complete = False
                problems.append(f"没有找到「{ln.label}」行")
    return TableRead(table, model.LabeledTable(TABLE_LABELS[table], lines, tuple(classes)), complete, problems,
                     source, sure_keys)


def _subject_columns(source: ReadTable) -> tuple[str, ...]:
    table = source.table
    spec = {"t2": L.T2, "t3": L.T3, "t5": L.T5, "t8": L.T8, "t9": L.T9}[table]
    columns = tuple(c.key for c in spec.columns)
    if table == "t9":
        head = key("".join(c for b in source.header for c in b.cells))
        if "年初结转" not in head:
            columns = tuple(c.key for c in spec.columns if c.required)
    return columns


def _split_code(cells: list[str]) -> tuple[str, str, list[str]] | None:
    """(code or 合计, name, the cells after them) of a coded row, or None."""
    for i in range(min(2, len(cells))):
        c = cells[i]
        if CODE.match(c):
            return c, (cells[i + 1] if i + 1 < len(cells) else ""), cells[i + 2:]
        m = re.match(r"^(\d{3,7})\s*([\u4e00-\u9fff].*)$", c)
        if m:
            return m.group(1), m.group(2).strip(), cells[i + 1:]
        if key(c) in ("合计", "总计"):
            return "合计", "合计", cells[2:] if len(cells) > 2 else []
    return None


_HEADER_WORDS = {key(w) for w in ("项目", "科目编码", "科目名称", "功能分类科目编码", "栏次", "本年支出",
                                   "金额单位：万元", "单位：万元")}


def _repeated_header(table: str, cells: list[str]) -> bool:
    spec = {"t2": L.T2, "t3": L.T3, "t5": L.T5, "t8": L.T8, "t9": L.T9}[table]
    labels = {key(c.label) for c in spec.columns} | {key(a) for c in spec.columns for a in c.aliases}
    return any(key(c) in _HEADER_WORDS or key(c) in labels for c in cells if c)


def read_subject(source: ReadTable) -> TableRead:
    table = source.table
    columns = _subject_columns(source)
    total: Line | None = None
    rows: list[Line] = []
    complete = True
    problems: list[str] = []
    positional_rows = [r for r in source.rows if r.positional]
    sure_keys: set[str] = set()
    for row in source.rows:
        cells = [c.strip() for c in row.cells]
        split = _split_code(cells)
        if split is None:
            if _repeated_header(source.table, cells):
                continue  # the header repeated at the top of the next page
            if rows and not any(is_number(c) for c in cells):
                name = "".join(c for c in cells if has_cjk(c))
                if name:  # a subject name wrapped onto the next line
                    last = rows[-1]
                    rows[-1] = Line(last.key, last.code, last.name + name, last.values, last.cells, last.blank)
                continue
            if total is None and not rows and not any(has_cjk(c) for c in cells) \
                    and any(is_number(c) and "." in c for c in cells):
                numbers = [c for c in cells if is_number(c)]
                values, _ = _amounts(numbers, len(columns), False)
                if len(numbers) != len(columns):
                    complete = False
                else:
                    sure_keys.add("total")
                total = _line(table, "total", "", "合计", {c: v or ZERO for c, v in zip(columns, values, strict=True)},
                              set())
            elif any(has_cjk(c) for c in cells) and any(is_number(c) for c in cells):
                complete = False
                problems.append(f"「{''.join(c for c in cells if has_cjk(c))}」一行没有科目编码")
            continue
        code, name, rest = split
        if not row.positional:
            name = " ".join([name] + [c for c in rest if has_cjk(c)]).strip()
            rest = [c for c in rest if not has_cjk(c)]
        values, sure = _amounts(rest, len(columns), row.positional)
        if not sure or any(v is None for v in values):
            complete = False
            problems.append(f"科目「{code} {name}」的金额未能逐列读出")
        vals = {c: (v if v is not None else ZERO) for c, v in zip(columns, values, strict=True)}
        raw = (rest + [""] * len(columns))[:len(columns)]
        blank = {c for c, r in zip(columns, raw, strict=True) if is_blank(r)} if row.positional else set()
        if sure and not any(v is None for v in values):
            sure_keys.add("total" if code == "合计" else code)
        if code == "合计":
            total = _line(table, "total", "", "合计", vals, blank)
            continue
        if rows and len(key(name)) <= 2 and rows[-1].values == vals:
            # the tail of a wrapped name read as a row of its own, often with a garbled code
            last = rows[-1]
            keep = last.code
            codes = {r.code for r in rows}
            parent = {5: code[:3], 7: code[:5]}.get(len(code))
            if {5: keep[:3], 7: keep[:5]}.get(len(keep)) not in codes and parent in codes:
                keep = code
            rows[-1] = Line(keep, keep, last.name + name, last.values, last.cells, last.blank)
            continue
        if len(code) not in (3, 5, 7):
            problems.append(f"科目编码「{code}」不是 3、5 或 7 位")
            continue
        rows.append(_line(table, code, code, name, vals, blank))
    if total is None:
        total = _line(table, "total", "", "合计", dict.fromkeys(columns, ZERO), set(columns))
        if rows:
            complete = False
            problems.append("没有找到「合计」行")
    if not positional_rows and source.rows:
        complete = complete and all(len([c for c in r.cells if is_number(c)]) in (0, len(columns))
                                    for r in source.rows)
    return TableRead(table, model.SubjectTable(TABLE_LABELS[table], columns, total, tuple(rows)), complete,
                     problems, source, sure_keys)


def read_economic(source: ReadTable) -> TableRead:
    rows: dict[str, Line] = {}
    totals: dict[str, Line] = {}
    complete = True
    problems: list[str] = []
    for row in source.rows:
        cells = [c.strip() for c in row.cells]
        for i, c in enumerate(cells):
            k = key(c)
            if k.startswith(("人员经费合", "公用经费合")):
                after = [x for x in cells[i + 1:] if x and not has_cjk(x)]
                amount = parse_amount(after[0]) if after else Decimal("0")
                if amount is None:
                    complete = False
                    amount = ZERO
                name = "personnel_total" if k.startswith("人员") else "public_total"
                totals[name] = _line("t6", name, "", c, {L.AMOUNT: amount}, set() if after else {L.AMOUNT})
            elif ECONOMIC.match(c):
                name = cells[i + 1] if i + 1 < len(cells) else ""
                if row.positional:
                    raw = cells[i + 2] if i + 2 < len(cells) else ""
                else:
                    nxt = cells[i + 2] if i + 2 < len(cells) else ""
                    raw = nxt if is_number(nxt) and not ECONOMIC.match(nxt) else ""
                amount = parse_amount(raw)
                if amount is None:
                    complete = False
                    problems.append(f"科目「{c} {name}」的金额未能读出")
                    amount = ZERO
                if c not in rows:
                    rows[c] = _line("t6", c, c, name, {L.AMOUNT: amount}, {L.AMOUNT} if is_blank(raw) else set())
    for name, label in (("personnel_total", L.T6_PERSONNEL_TOTAL), ("public_total", L.T6_PUBLIC_TOTAL)):
        if name not in totals:
            complete = False
            problems.append(f"没有找到「{label}」")
            totals[name] = _line("t6", name, "", label, {L.AMOUNT: ZERO}, {L.AMOUNT})
    if any(not r.positional for r in source.rows):
        complete = False
    ordered = tuple(sorted(rows.values(), key=lambda r: r.code))
    return TableRead("t6", model.EconomicTable("表6", ordered, totals["personnel_total"], totals["public_total"]),
                     complete, problems, source)


T7_COLUMNS = tuple(c.key for c in L.T7.columns)


def _interleaved(source: ReadTable) -> bool:
    """上海: 预算数 and 决算数 side by side under each item, not two groups of six columns."""
    for row in source.header:
        marks = [key(c) for c in row.cells if key(c) in ("预算数", "决算数")]
        if len(marks) >= 4 and marks[:2] == ["预算数", "决算数"] and marks[2:4] == ["预算数", "决算数"]:
            return True
    return False


def read_three_public(source: ReadTable) -> TableRead:
    interleaved = _interleaved(source)
    budget: list[Decimal] | None = None
    actual: list[Decimal] | None = None
    complete = True
    for row in source.rows:
        cells = [c.strip() for c in row.cells]
        label = next((key(c) for c in cells if has_cjk(c)), "")
        numbers = [c for c in cells if not has_cjk(c)]
        if label.startswith("预算") or label.startswith("决算"):
            values, sure = _amounts(numbers, 6, row.positional)
            complete = complete and sure
            target = [v if v is not None else ZERO for v in values]
            if label.startswith("预算"):
                budget = target
            else:
                actual = target
            continue
        if budget is not None:
            continue
        if row.positional:
            cells12 = (numbers + [""] * 12)[:12]
            values = [parse_amount(c) for c in cells12]
        else:
            parsed = [parse_amount(c) for c in numbers if is_number(c)]
            if len(parsed) == 12:
                values = parsed
            else:
                complete = False
                values = (parsed + [None] * 12)[:12]
        if any(v is None for v in values):
            complete = False
        values = [v if v is not None else ZERO for v in values]
        if interleaved:
            budget, actual = values[0::2], values[1::2]
        else:
            budget, actual = values[:6], values[6:]
    zeros = [ZERO] * 6
    if budget is None:
        complete = False
    b = _line("t7", "budget", "", L.T7_BUDGET, dict(zip(T7_COLUMNS, budget or zeros, strict=True)), set())
    a = _line("t7", "actual", "", L.T7_ACTUAL, dict(zip(T7_COLUMNS, actual or zeros, strict=True)), set())
    return TableRead("t7", model.ThreePublicTable("表7", b, a), complete, [], source)


def read_table(source: ReadTable) -> TableRead:
    if source.table in ("t1", "t4"):
        return read_labeled(source)
    if source.table == "t6":
        return read_economic(source)
    if source.table == "t7":
        return read_three_public(source)
    return read_subject(source)


def empty_table(table: str) -> object:
    if table in ("t1", "t4"):
        return model.LabeledTable(TABLE_LABELS[table], {}, ())
    if table == "t6":
        zero = _line("t6", "", "", "", {L.AMOUNT: ZERO}, {L.AMOUNT})
        return model.EconomicTable("表6", (), zero, zero)
    if table == "t7":
        zero = _line("t7", "", "", "", dict.fromkeys(T7_COLUMNS, ZERO), set(T7_COLUMNS))
        return model.ThreePublicTable("表7", zero, zero)
    spec = {"t2": L.T2, "t3": L.T3, "t5": L.T5, "t8": L.T8, "t9": L.T9}[table]
    columns = tuple(c.key for c in spec.columns if c.required)
    return model.SubjectTable(TABLE_LABELS[table], columns,
                              _line(table, "total", "", "合计", dict.fromkeys(columns, ZERO), set(columns)), ())


ATTRIBUTES = {
    "t1": "t1_income_expenditure_summary", "t2": "t2_income", "t3": "t3_expenditure",
    "t4": "t4_appropriation_summary", "t5": "t5_general_budget_expenditure",
    "t6": "t6_general_budget_basic_expenditure", "t7": "t7_three_public", "t8": "t8_government_fund",
    "t9": "t9_state_capital",
}


def accounts_from_tables(reads: dict[str, TableRead], name: str, year: int, source: str) -> model.DepartmentAccounts:
    """The model accounts of a document: its tables as read, empty supplementary inputs."""
    tables = {ATTRIBUTES[t]: (reads[t].value if t in reads else empty_table(t)) for t in ATTRIBUTES}
    return model.DepartmentAccounts(
        source=source, info=model.DepartmentInfo(name=name, year=year, layout=""), **tables,
        prior=model.PriorYear(), reasons=model.Reasons(), budget=(),
        three_public_details=model.ThreePublicDetails(), procurement=model.Procurement(), assets=model.StateAssets(),
        general_expenditure=model.GeneralExpenditure(), office_cost=model.OfficeOperatingCost(),
        performance_management=model.PerformanceManagement(), evaluations=(), key_work=(), glossary_extra=(),
    )
