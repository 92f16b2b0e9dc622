"""The build's self-audit of the report: the rendered .docx read back as text, independently of the figures.

The two tables (一)(二) are found by their row labels and compared cell by cell with the workbook
(A-TAB-04); the amounts of the text are re-derived from the tables the document prints — the 总支出 and
its 基本/项目 from (一)'s 部门决算数, the classes of each 明细表 against the total they belong to, the
items against their class, the “三公” sentence against (二) — and 机关运行经费 and 政府采购 against the
workbook. A difference within the rounding of 万元 amounts (seed 002: 693.23 against 693.22) is a 提示
(A-INFO-01). The finding kinds are the auditor's (``generator.audit.kinds``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator.audit.document import AuditFinding, Block, Place
from generator.audit.engine import AuditReport, finding
from generator.audit.readers import read_docx
from generator.audit.text import parse_amount
from generator.checks.findings import DEFAULT_SETTINGS
from generator.labels import normalize

from . import model as M
from . import workbook as W

ZERO = Decimal("0.00")
_QUOTED = re.compile(r"“([^”]+)”\s*([\d,]+\.\d{2})\s*万元")
_AMOUNT = r"([\d,]+\.\d{2})\s*万元"
_TOTAL = re.compile(r"总支出" + _AMOUNT + r"(?:，其中基本支出" + _AMOUNT + r"和项目支出" + _AMOUNT + ")?")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_SCOPE_OPENINGS = {scope: f"“{label}”" for scope, label in W.SCOPE_LABELS.items()}
_SCOPE_COLUMN = {M.SCOPE_ALL: "total", M.SCOPE_BASIC: "basic", M.SCOPE_PROJECT: "project"}


@dataclass
class _Reading:
    report: M.SelfEvaluationReport
    findings: list[AuditFinding]
    heading: str = ""
    paragraph: int = 0

    @property
    def place(self) -> Place:
        return Place(self.heading, self.paragraph or None)

    def add(self, kind: str, blanks: dict, **extra) -> None:
        self.findings.append(finding(kind, self.place, blanks, **extra))

    def compare_sum(self, whole: Decimal, parts: list[Decimal], whole_desc: str, parts_desc: str, op: str,
                    sentence: str) -> None:
        """``parts`` add up to ``whole`` (op "=") or at most to it ("≤"); rounding → a 提示."""
        total = sum(parts, ZERO)
        excess = abs(total - whole) if op == "=" else max(total - whole, ZERO)
        if excess == 0:
            return
        allowance = DEFAULT_SETTINGS.allowance(sum(p != 0 for p in parts) + int(whole != 0))
        if excess <= allowance:
            self.add("A-INFO-01", {"name": parts_desc, "stated": total, "expected_desc": whole_desc,
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
            if header and all(any(col.matches(h) for col in spec.columns) for h in header if h):
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
            reading.add("A-TAB-01", {"table": spec.title.split("（万元）")[0], "title": spec.sheet})
            continue
        printed[grid] = found
        for line in spec.lines:
            expected = getattr(reading.report, grid).row(line.key)
            for column in spec.columns:
                stated = found.get(line.key, {}).get(column.key)
                if stated != expected[column.key]:
                    reading.add("A-TAB-04", {"table": spec.title.split("（万元）")[0], "row": line.label,
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
                if value is not None:
                    reading.compare_equal(_amount(value), final.get(key), name, f"（一）表部门决算数的“{name}”", text)
        body = text.split("总支出中", 1)[1] if "总支出中" in text else ""
    classes: list[Decimal] = []
    model_lines = reading.report.economic_lines(scope)
    quoted = []
    for sentence in (s for s in body.split("。") if s.strip()):
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
                                f"“{label}”中“{head[0]}”所列款级科目之和", "≤", sentence)
    if whole is not None and classes:
        column_label = next(c.label for c in W.SUMMARY_SHEET.columns if c.key == column)
        reading.compare_sum(whole, classes, f"（一）表部门决算数的“{column_label}”", f"“{label}”所列科目之和",
                            "=" if scope == M.SCOPE_ALL else "≤", text)
    for (name, stated), line in zip(quoted, model_lines, strict=False):  # the text lists the workbook's lines
        where = f"工作簿「{W.ECONOMIC_SHEET.sheet}」{line.code} {line.name}"
        reading.compare_equal(stated, line.amount, f"“{name}”", where, text)
    if len(quoted) != len(model_lines):
        reading.add("A-AMT-01", {"name": f"“{label}”所列科目数", "stated": len(quoted),
                                 "expected_desc": f"工作簿「{W.ECONOMIC_SHEET.sheet}」中的科目数",
                                 "expected": len(model_lines), "difference": len(quoted) - len(model_lines)},
                    sentence=text)


def _paragraphs(blocks: tuple[Block, ...], reading: _Reading) -> Iterator[str]:
    for block in blocks:
        if block.is_row:
            continue
        text = block.text.strip()
        if _HEADING.match(text):
            reading.heading, reading.paragraph = text, 0
            continue
        reading.paragraph += 1
        yield text


def audit_rendered(data: bytes, report: M.SelfEvaluationReport, source: str = "") -> AuditReport:
    document = read_docx(data, source)
    reading = _Reading(report, [])
    printed = _tables(reading, document.blocks)
    final = printed.get("summary", {}).get("final", {})
    three = printed.get("three_public", {}).get("actual", {})
    info = report.info
    other = W.OTHER_SHEET.sheet
    seen_title = False
    checked = 0
    for text in _paragraphs(document.blocks, reading):
        if f"（{info.year}年度）绩效自评报告" in text:
            seen_title = True
        for scope, opening in _SCOPE_OPENINGS.items():
            if text.startswith(opening):
                _spending(reading, scope, text, final)
                checked += 1
        if "“三公”经费" in text and re.match(r"^\d+、", text):
            checked += 1
            spent = re.search(r"“三公”经费支出" + _AMOUNT, text)
            printed_total = three.get("total") or ZERO
            if spent is not None:
                reading.compare_equal(_amount(spent.group(1)), printed_total, "“三公”经费支出",
                                      "（二）表部门决算数的合计", text)
            elif printed_total != 0:
                reading.compare_equal(ZERO, printed_total, "“三公”经费（文中为无）", "（二）表部门决算数的合计", text)
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
    if not seen_title:
        reading.add("A-YR-01", {"year": info.year, "found": "（未找到）", "expected": f"（{info.year}年度）"})
    return AuditReport(source, info.name, info.year, tuple(reading.findings), tuple(printed), tuple(printed),
                       checked)
