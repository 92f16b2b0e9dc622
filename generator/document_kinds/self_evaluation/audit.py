"""The build's self-audit of the report: the rendered .docx read back as text, independently of the figures.

The two tables (一)(二) are found by their row labels and compared cell by cell with the workbook
(A-TAB-04); the amounts of the text are re-derived from the tables the document prints — the 总支出 and
its 基本/项目 from (一)'s 部门决算数, the classes of each 明细表 against the total they belong to, the
items against their class, the “三公” sentence against (二) — and 机关运行经费 and 政府采购 against the
workbook. A difference within the rounding of 万元 amounts (seed 002: 693.23 against 693.22) is a 提示
(A-INFO-01). The finding kinds are the auditor's (``generator.audit.kinds``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from generator.audit.document import AuditFinding, Block, Place, ReadDocument
from generator.audit.engine import AuditReport, finding, paragraphs_of
from generator.audit.readers import read_docx
from generator.audit.text import parse_amount
from generator.checks.findings import DEFAULT_SETTINGS
from generator.labels import normalize

from . import model as M
from . import workbook as W

ZERO = Decimal("0.00")
_QUOTED = re.compile(r"“([^”]+)”\s*([\d,]+\.\d{2})\s*万元")
_AMOUNT = r"([\d,]+\.\d{2})\s*万元"
# a class's sentence of a 明细表 paragraph ends where the next class is quoted (“工资福利支出”470.36万元): a
# full stop inside a note the department wrote (“为购置设备。均按规定程序采购”) ends no sentence
_SENTENCE_END = re.compile(r"。(?=\s*“[^”]+”\s*[\d,]+\.\d{2}\s*万元)")
_TOTAL = re.compile(r"总支出" + _AMOUNT + r"(?:，其中基本支出" + _AMOUNT + r"和项目支出" + _AMOUNT + ")?")
# the “三公” sentence of 二 states an amount or 无 (“2、“三公”经费无。”); a line of the department's own words that
# names the “三公” (“2、“三公”经费严格按预算执行。”) states neither
_THREE_PUBLIC_SPENT = re.compile(r"(?:“三公”经费|“三公经费”)支出" + _AMOUNT)
_THREE_PUBLIC_NONE = re.compile(r"(?:“三公”经费|“三公经费”)(?:支出)?[:：]?\s*无\s*[。.]?\s*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_PART = re.compile(r"^[一二三四五六七八九十]+、")
_NUMERALS = "一二三四五六七八九十"


def _part_number(heading: str) -> int:
    """一、 → 1 … 十、 → 10 (0: no part heading)."""
    found = _PART.match(heading)
    return _NUMERALS.index(found.group(0)[0]) + 1 if found and len(found.group(0)) == 2 else 0
# the sentences the audit reads are 二's (“2、“三公”经费支出…”, “3、行政单位机关运行经费支出…”); 三 and 四 are the
# department's own words, which may name the “三公” (“1、严格控制“三公”经费支出”) or last year's 机关运行经费
_OWN_WORDS = re.compile(r"^[三四五六七八九十]+、")
_SCOPE_OPENINGS = {scope: f"“{label}”" for scope, label in W.SCOPE_LABELS.items()}
_SCOPE_COLUMN = {M.SCOPE_ALL: "total", M.SCOPE_BASIC: "basic", M.SCOPE_PROJECT: "project"}


@dataclass
class _Reading:
    report: M.SelfEvaluationReport | None  # None: a finished report audited without its workbook
    findings: list[AuditFinding]
    heading: str = ""
    part: str = ""  # the part (一、 … 四、) read: the “三公” sentence is 二's
    paragraph: int = 0
    page: int | None = None  # of the paragraph read (PDF), or its line (text)
    line: int | None = None

    @property
    def place(self) -> Place:
        return Place(self.heading, self.paragraph or None, self.page, self.line)

    def add(self, kind: str, blanks: dict, **extra) -> None:
        found = finding(kind, self.place, blanks, **extra)
        if found.kind == "A-INFO-01" and any(f.kind == found.kind and (f.stated, f.expected) == (
                found.stated, found.expected) for f in self.findings):
            return  # one rounding gap, quoted again (the 693.23 of the table in the text): noted once
        self.findings.append(found)

    def compare_sum(self, whole: Decimal, parts: list[Decimal], whole_desc: str, parts_desc: str, op: str,
                    sentence: str) -> None:
        """``parts`` add up to ``whole`` (op "=") or at most to it ("≤"); rounding → a 提示. ``parts_desc`` names
        the parts (“基本支出决算明细表”的科目), the messages say 之和 themselves."""
        total = sum(parts, ZERO)
        excess = abs(total - whole) if op == "=" else max(total - whole, ZERO)
        if excess == 0:
            return
        allowance = DEFAULT_SETTINGS.allowance(sum(p != 0 for p in parts) + int(whole != 0))
        if excess <= allowance:
            name = parts_desc + ("之和" if len(parts) > 1 else "")
            self.add("A-INFO-01", {"name": name, "stated": total, "expected_desc": whole_desc,
                                   "expected": whole, "difference": total - whole},
                     sentence=sentence, stated=total, expected=whole, expected_desc=whole_desc)
        else:
            self.add("A-AMT-02", {"whole": whole_desc, "stated": whole, "parts": parts_desc, "expected": total,
                                  "difference": whole - total},
                     sentence=sentence, stated=whole, expected=total, expected_desc=parts_desc)

    def compare_equal(self, stated: Decimal, expected: Decimal | None, name: str, expected_desc: str,
                      sentence: str) -> None:
        expected = expected if expected is not None else ZERO
        if stated != expected:
            self.add("A-AMT-01", {"name": name, "stated": stated, "expected_desc": expected_desc,
                                  "expected": expected, "difference": stated - expected},
                     sentence=sentence, stated=stated, expected=expected, expected_desc=expected_desc)


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _read_grid(blocks: tuple[Block, ...], spec: W.GridSheet) -> dict[str, dict[str, Decimal | None]] | None:
    """The printed grid by line key and column key, found by its row labels; ``None`` when not printed."""
    labels = {normalize(ln.label): ln.key for ln in spec.lines}
    out: dict[str, dict[str, Decimal | None]] = {}
    columns: list[str] = []
    for i, block in enumerate(blocks):
        if not block.is_row:
            continue
        if not columns:
            header = [normalize(c) for c in block.cells[1:]]
            if any(header) and all(any(col.matches(h) for col in spec.columns) for h in header if h):
                matched = [next((c.key for c in spec.columns if c.matches(h)), "") for h in header]
                if set(matched) >= {c.key for c in spec.columns if c.required}:
                    columns = matched
                    start = i
            continue
        key = labels.get(normalize(block.cells[0]))
        if key is None or i - start > len(spec.lines) + 1:
            if out:
                break
            continue
        out[key] = {col: (parse_amount(cell) if cell.strip() else None)
                    for col, cell in zip(columns, block.cells[1:], strict=False) if col}
    return out or None


def _tables(reading: _Reading, blocks: tuple[Block, ...]) -> dict[str, dict[str, dict[str, Decimal | None]]]:
    printed = {}
    for grid, spec in (("summary", W.SUMMARY_SHEET), ("three_public", W.THREE_PUBLIC_SHEET)):
        found = _read_grid(blocks, spec)
        if found is None:
            reading.add("A-TAB-01", {"table": spec.caption, "title": spec.sheet})
            continue
        printed[grid] = found
        for line in spec.lines:
            expected = getattr(reading.report, grid).row(line.key)
            for column in spec.columns:
                stated = found.get(line.key, {}).get(column.key)
                if stated != expected[column.key]:
                    reading.add("A-TAB-04", {"table": spec.caption, "row": line.label,
                                             "column": column.label,
                                             "stated": "空白" if stated is None else stated,
                                             "expected": "空白" if expected[column.key] is None
                                             else expected[column.key]},
                                stated=stated, expected=expected[column.key])
    return printed


def _spending(reading: _Reading, scope: str, text: str, final: dict[str, Decimal | None]) -> None:
    """One 明细表 paragraph: its 总支出 against (一), its classes against the total, items against classes."""
    column = _SCOPE_COLUMN[scope]
    label = W.SCOPE_LABELS[scope]
    whole = final.get(column)
    body = text
    if scope == M.SCOPE_ALL:
        total = _TOTAL.search(text)
        if total is not None:
            for value, key, name in ((total.group(1), "total", "总支出"), (total.group(2), "basic", "基本支出"),
                                     (total.group(3), "project", "项目支出")):
                if value is not None and key in final:
                    reading.compare_equal(_amount(value), final.get(key), name, f"（一）表部门决算数的“{name}”", text)
        body = text.split("总支出中", 1)[1] if "总支出中" in text else ""
    classes: list[Decimal] = []
    model_lines = reading.report.economic_lines(scope) if reading.report is not None else ()
    quoted = []
    for sentence in (s for s in _SENTENCE_END.split(body) if s.strip()):
        pairs = [(name, _amount(value)) for name, value in _QUOTED.findall(sentence)]
        if not pairs:
            continue
        quoted += pairs
        head, *items = pairs
        if scope == M.SCOPE_PROJECT:  # “列支 a, b …”: every one stands on its own unless named 其中
            classes += [amount for _name, amount in pairs if f"其中“{_name}”" not in sentence]
            continue
        classes.append(head[1])
        if items:
            reading.compare_sum(head[1], [a for _n, a in items], f"“{head[0]}”",
                                f"“{label}”中“{head[0]}”之下的款级科目", "≤", sentence)
    if whole is not None and classes:
        column_label = next(c.label for c in W.SUMMARY_SHEET.columns if c.key == column)
        reading.compare_sum(whole, classes, f"（一）表部门决算数的“{column_label}”", f"“{label}”的科目",
                            "=" if scope == M.SCOPE_ALL else "≤", text)
    if reading.report is None:
        return
    for (name, stated), line in zip(quoted, model_lines, strict=False):  # the text lists the workbook's lines
        where = f"工作簿「{W.ECONOMIC_SHEET.sheet}」{line.code} {line.name}"
        reading.compare_equal(stated, line.amount, f"“{name}”", where, text)
    if len(quoted) != len(model_lines):
        reading.add("A-AMT-01", {"name": f"“{label}”所列科目数", "stated": len(quoted),
                                 "expected_desc": f"工作簿「{W.ECONOMIC_SHEET.sheet}」中的科目数",
                                 "expected": len(model_lines), "difference": len(quoted) - len(model_lines)},
                    sentence=text)


def _paragraphs(document: ReadDocument, reading: _Reading) -> Iterator[str]:
    """The running text, a wrapped line of a PDF or text file joined to its paragraph (``paragraphs_of``);
    a numbered heading (``一、``, ``（一）``) sets the place of what follows."""
    for paragraph in paragraphs_of(document):
        text = paragraph.text.strip()
        reading.page, reading.line = paragraph.place.page, paragraph.place.line
        if _HEADING.match(text):
            reading.heading, reading.paragraph = text, 0
            if _PART.match(text) and _part_number(text) > _part_number(reading.part):
                reading.part = text  # parts only go on: “一、产出情况” typed in 三 is the department's own heading
            continue
        reading.paragraph += 1
        yield text


def _audit_text(reading: _Reading, document: ReadDocument, final: dict[str, Decimal | None],
                three: dict[str, Decimal | None]) -> tuple[list[str], int]:
    """The text's amounts against the tables the document prints, and, with the workbook, 机关运行经费 and
    政府采购 against it: (the paragraphs read, the number of sentences checked)."""
    report = reading.report
    other = W.OTHER_SHEET.sheet
    texts: list[str] = []
    checked = 0
    for text in _paragraphs(document, reading):
        texts.append(text)
        if _OWN_WORDS.match(reading.part):  # 三, 四: the department's words (last year's 机关运行经费 …)
            continue
        for scope, opening in _SCOPE_OPENINGS.items():
            if text.startswith(opening):
                _spending(reading, scope, text, final)
                checked += 1
        spent = _THREE_PUBLIC_SPENT.search(text)
        if (spent is not None or _THREE_PUBLIC_NONE.search(text)) and re.match(r"^\d+、", text) and "total" in three:
            checked += 1
            printed_total = three.get("total") or ZERO
            if spent is not None:
                reading.compare_equal(_amount(spent.group(1)), printed_total, "“三公”经费支出",
                                      "（二）表部门决算数的合计", text)
            elif printed_total != 0:
                reading.compare_equal(ZERO, printed_total, "“三公”经费（文中为无）", "（二）表部门决算数的合计", text)
        if report is None:
            continue
        office = re.search(r"机关运行经费支出" + _AMOUNT, text)
        if office is not None:
            checked += 1
            reading.compare_equal(_amount(office.group(1)), report.other.office_cost, "机关运行经费",
                                  f"工作簿「{other}」的机关运行经费", text)
        procurement = re.search(r"政府采购支出" + _AMOUNT, text)
        if procurement is not None:
            checked += 1
            reading.compare_equal(_amount(procurement.group(1)), report.other.procurement, "政府采购支出",
                                  f"工作簿「{other}」的政府采购支出", text)
    return texts, checked


def audit_rendered(data: bytes, report: M.SelfEvaluationReport, source: str = "") -> AuditReport:
    document = read_docx(data, source)
    reading = _Reading(report, [])
    printed = _tables(reading, document.blocks)
    final = printed.get("summary", {}).get("final", {})
    three = printed.get("three_public", {}).get("actual", {})
    info = report.info
    texts, checked = _audit_text(reading, document, final, three)
    if not any(f"（{info.year}年度）绩效自评报告" in text for text in texts):
        reading.add("A-YR-01", {"year": info.year, "found": "（未找到）", "expected": f"（{info.year}年度）"})
    found = tuple(_GRID_SPECS[g].caption for g in printed)
    return AuditReport(source, info.name, info.year, tuple(reading.findings), found, found, checked)


# ----------------------------------------------------------------------------------- without the workbook

_TITLE = re.compile(r"部门整体支出[（(](\d{4})年度?[）)]绩效自评报告|(\d{4})年度?部门整体支出绩效自评报告")
_UNIT = re.compile(r"单位名称[:：]\s*(\S+)")
# a PDF line may hold the 单位：万元 printed before the caption
_CAPTIONS = {"summary": re.compile(r"[（(]一[）)][^。，]{0,20}整体支出情况$"),
             "three_public": re.compile(r"[（(]二[）)][^。，]{0,20}“?三公”?经费[^。，]{0,6}支出情况$")}
_GRID_SPECS = {"summary": W.SUMMARY_SHEET, "three_public": W.THREE_PUBLIC_SHEET}
_NEXT_CAPTION = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@dataclass(frozen=True)
class PrintedRow:
    """One row of (一) or (二) as printed: its amounts by column when they stand in their columns (a Word or
    PDF table), else only the amounts in printed order (a text file: the blank cells have vanished)."""

    label: str
    amounts: tuple[Decimal, ...]  # the amounts printed, in order (blanks left out)
    columns: Mapping[str, Decimal | None] | None  # by column key (None: blank); None when not positional
    place: Place


def _caption_blocks(blocks: tuple[Block, ...], grid: str) -> tuple[Block, ...] | None:
    """The blocks under the caption of (一) or (二), up to the next caption or heading; None: no caption."""
    for i, block in enumerate(blocks):
        if not block.is_row and _CAPTIONS[grid].search(re.sub(r"\s+", "", block.text)):
            end = next((j for j in range(i + 1, len(blocks)) if not blocks[j].is_row
                        and _NEXT_CAPTION.match(blocks[j].text.strip())), len(blocks))
            return blocks[i + 1:end]
    return None


def _line_of(spec: W.GridSheet, label: str) -> str | None:
    return next((ln.key for ln in spec.lines if ln.matches(label)), None)


def _block_place(block: Block, caption: str) -> Place:
    return Place(caption, None, block.page, block.line)


def read_grid(blocks: tuple[Block, ...], grid: str) -> dict[str, PrintedRow] | None:
    """(一) or (二) read back under its caption: a Word or PDF table (rows of cells, the header giving the
    columns), or a text file's lines (a row label, then its amounts one a line or after it on the line)."""
    spec = _GRID_SPECS[grid]
    found = _caption_blocks(blocks, grid)
    if found is None:
        return None
    caption = spec.caption
    columns = [c.key for c in spec.columns]
    rows: dict[str, PrintedRow] = {}
    current: tuple[str, str, Block, list[Decimal]] | None = None

    def close() -> None:
        if current is not None and current[0] not in rows:
            key, label, block, amounts = current
            rows[key] = PrintedRow(label, tuple(amounts), None, _block_place(block, caption))

    for block in found:
        if block.is_row and block.positional:
            header = [normalize(c) for c in block.cells[1:]]
            if any(header) and all(any(col.matches(h) for col in spec.columns) for h in header if h):
                columns = [next((c.key for c in spec.columns if c.matches(h)), "") for h in header]
                continue
            key = _line_of(spec, block.cells[0])
            if key is None or key in rows:
                continue
            values = {col: parse_amount(cell) if cell.strip() else None
                      for col, cell in zip(columns, block.cells[1:], strict=False) if col}
            rows[key] = PrintedRow(block.cells[0], tuple(v for v in values.values() if v is not None),
                                   MappingProxyType(values), _block_place(block, caption))
            continue
        pieces = block.cells if block.is_row else tuple(block.text.split())
        key = _line_of(spec, pieces[0]) if pieces else None
        if key is not None:
            close()
            current = (key, pieces[0], block, [])
            pieces = pieces[1:]
        if current is None:
            continue
        amounts = [parse_amount(p) for p in pieces]
        if any(a is None for a in amounts):  # a word: the row is over
            close()
            current = None
            continue
        current[3].extend(a for a in amounts if a is not None)
    close()
    for row in list(rows.values()):  # every column printed, in order: the amounts stand in their columns
        if row.columns is None and len(row.amounts) == len(spec.columns):
            key = next(k for k, r in rows.items() if r is row)
            rows[key] = dataclasses.replace(row, columns=MappingProxyType(dict(zip(columns, row.amounts,
                                                                                    strict=True))))
    return rows


def _within_rounding(whole: Decimal, parts: list[Decimal]) -> bool:
    return abs(sum(parts, ZERO) - whole) <= DEFAULT_SETTINGS.allowance(len(parts) + 1)


def _summary_parts(row: PrintedRow) -> list[Decimal]:
    """The parts of a (一) row printed without positions: 基本支出 and 项目支出 (the second and third amounts), or
    the second alone when it is the whole total (basic or project only, 政府专项 after it)."""
    a = row.amounts
    if len(a) >= 3 and not _within_rounding(a[0], list(a[1:3])) and _within_rounding(a[0], [a[1]]):
        return [a[1]]
    return list(a[1:3])


def _known(row: PrintedRow | None, grid: str) -> dict[str, Decimal | None]:
    """The columns of a row whose amounts are known: all when positional; else the first printed amount (支出合计
    of (一)) or the last (合计 of (二)), and a (一) row's 基本支出 and 项目支出 when the second and third amounts add
    up to its total (within rounding): the blank one is then 政府专项."""
    if row is None:
        return {}
    if row.columns is not None:
        return dict(row.columns)
    a = row.amounts
    if not a:
        return {}
    if grid == "three_public":
        return {"total": a[-1]}
    known: dict[str, Decimal | None] = {"total": a[0]}
    if len(a) >= 3 and _summary_parts(row) == list(a[1:3]) and _within_rounding(a[0], list(a[1:3])):
        known.update(basic=a[1], project=a[2])
    return known


def _grid_sums(reading: _Reading, grid: str, rows: dict[str, PrintedRow]) -> None:
    """(一): 支出合计 = 基本支出 + 项目支出 (政府专项 is part of 项目支出), 资产购置支出 ≤ 部门决算数;
    (二): 合计 = the three. A row printed without positions (text) is summed in printed order."""
    spec = _GRID_SPECS[grid]
    caption = spec.caption
    for row in rows.values():
        reading.heading, reading.paragraph = caption, 0
        reading.page, reading.line = row.place.page, row.place.line
        if grid == "summary":
            if row.columns is not None:
                whole, parts = row.columns.get("total"), [row.columns.get("basic"), row.columns.get("project")]
            else:
                whole, parts = (row.amounts[0], _summary_parts(row)) if row.amounts else (None, [])
            parts_desc = "基本支出与项目支出"
            whole_desc = "支出合计"
        else:
            if row.columns is not None:
                whole = row.columns.get("total")
                parts = [row.columns.get(c) for c in ("outbound", "vehicle", "reception")]
            else:
                whole, parts = (row.amounts[-1], list(row.amounts[:-1])) if row.amounts else (None, [])
            parts_desc = "因公出国出境、公车购置及运行、公务接待"
            whole_desc = "合计"
        amounts = [p for p in parts if p is not None]
        if whole is None or not amounts:
            continue  # a row that states only its total (or nothing) is not summed
        reading.compare_sum(whole, amounts, f"{caption}「{row.label.strip()}」的{whole_desc}",
                            f"{caption}「{row.label.strip()}」的{parts_desc}", "=", "\t".join(
                                [row.label.strip(), *(str(a) for a in row.amounts)]))
    if grid == "summary" and "assets" in rows and "final" in rows:
        assets = _known(rows["assets"], grid).get("total")
        final = _known(rows["final"], grid).get("total")
        if assets is not None and final is not None:
            reading.compare_sum(final, [assets], f"{caption}「部门决算数」的支出合计",
                                f"{caption}「其中：资产购置支出」", "≤", "")


def audit_read_document(document: ReadDocument, settings: Any = None) -> AuditReport:
    """``juesuan audit`` of a finished report without its workbook: (一)(二) read back by their captions and
    their sums checked, the text's amounts checked against them (the same checks as the build's self-audit,
    with the printed tables as the reference). Raises ``NotADocument`` for a document of another kind."""
    from generator.audit.engine import NotADocument

    opening = [b.text.strip() for b in document.blocks[:40] if not b.is_row]
    title = _TITLE.search(re.sub(r"\s+", "", "".join(opening[:8])))  # a PDF wraps the title
    if title is None:
        raise NotADocument("文档开头没有“部门整体支出（某年度）绩效自评报告”的标题，不是部门整体支出绩效自评报告。")
    reading = _Reading(None, [])
    printed = {grid: read_grid(document.blocks, grid) for grid in _GRID_SPECS}
    if printed["summary"] is None:
        raise NotADocument("未能识别为部门整体支出绩效自评报告：没有找到“（一）…整体支出情况”表。")
    for grid, rows in printed.items():
        if rows is None or not rows:
            reading.heading, reading.page, reading.line = "", None, None
            reading.add("A-TAB-01", {"table": "", "title": _GRID_SPECS[grid].caption})
            continue
        _grid_sums(reading, grid, rows)
    final = _known((printed["summary"] or {}).get("final"), "summary")
    three = _known((printed["three_public"] or {}).get("actual"), "three_public")
    reading.heading, reading.paragraph = "", 0
    _texts, checked = _audit_text(reading, document, final, three)
    year = int(title.group(1) or title.group(2))
    unit = next((m.group(1) for m in (_UNIT.search(t) for t in opening) if m), "")
    if settings is not None and getattr(settings, "department", ""):
        unit = settings.department
    found = tuple(_GRID_SPECS[g].caption for g, rows in printed.items() if rows)
    return AuditReport(document.source, unit, year, tuple(reading.findings), found, found, checked)
