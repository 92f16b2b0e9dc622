"""The audit of one read document: its tables against the declared table rules, its 情况说明 against its
tables, and its form (required tables, empty-table statements, years, name, placeholders, 目录).

    report = audit_document(read_document(path))
    report.has_findings        # 错误 or 警告: exit code 1; 提示 are rounding notes only
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from generator import catalog
from generator.catalog.bureau import SubjectCatalogue
from generator.checks import RULES, Rule
from generator.checks import declarations as D
from generator.checks import declarations_inputs as DI
from generator.checks.engine import evaluate_rule
from generator.checks.findings import DEFAULT_SETTINGS, INFO
from generator.checks.rules import FUNDS
from generator.checks.tables import column_label, line_label, lines_of
from generator.model import DepartmentAccounts
from generator.workbook.problems import ERROR, WARNING

from .document import AuditFinding, Paragraph, Place, ReadDocument
from .kinds import KINDS_BY_ID
from .narrative import BudgetLookup, Figure, NarrativeAuditor, NarrativeIssue, Scope
from .performance import read_evaluation_tables, read_summaries, summary_issues
from .phrases import Ref, section_of
from .tables import TABLE_LABELS, TITLES, TableRead, accounts_from_tables, find_tables, read_table, title_of
from .text import fix_numbers, key


class NotADocument(Exception):
    """Readable, but nothing in it is a 部门决算 document (no table, no 情况说明)."""


@dataclass(frozen=True)
class AuditSettings:
    """``department``/``year``: known beforehand (the build's self-audit); else read from the document.

    ``amount_tolerance``: a quoted amount this close to its table figure is a rounding note (提示).
    """

    department: str = ""
    year: int | None = None
    amount_tolerance: Decimal = Decimal("0.01")
    # the bureau's 《政府收支分类科目》 (``--catalogue``): every printed subject is checked against it (C-04)
    catalogue: SubjectCatalogue | None = None


DEFAULT_AUDIT = AuditSettings()


@dataclass(frozen=True)
class AuditReport:
    source: str
    department: str
    year: int | None
    findings: tuple[AuditFinding, ...]
    tables_found: tuple[str, ...]
    tables_checked: tuple[str, ...]
    sentences_checked: int = 0

    @property
    def errors(self) -> tuple[AuditFinding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[AuditFinding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def infos(self) -> tuple[AuditFinding, ...]:
        return tuple(f for f in self.findings if f.severity == INFO)

    @property
    def has_findings(self) -> bool:
        return any(f.severity in (ERROR, WARNING) for f in self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def by_kind(self, kind: str) -> tuple[AuditFinding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)


def finding(kind: str, place: Place, blanks: dict, *, sentence: str = "", stated: Decimal | None = None,
            expected: Decimal | None = None, expected_desc: str = "") -> AuditFinding:
    k = KINDS_BY_ID[kind]
    return AuditFinding(kind, k.severity, k.title, k.template.format_map(_Blanks(blanks)), k.hint, place, sentence,
                        stated, expected, expected_desc)


class _Blanks(dict):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


# --------------------------------------------------------------------------------------------- paragraphs

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_LEVEL2 = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_LEVEL3 = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]")
# 1. / 2、 start a list item; “39.2%” at the start of a wrapped line does not
_LIST_START = re.compile(r"^(?:\d+(?:、|[.．](?!\d))|[（(]\d+[）)]|部门[:：])")
_TERMINATOR = re.compile(r"[。；：！？!?;:」）)]$")


def heading_level(text: str) -> int:
    t = re.sub(r"\s+", "", text)
    if _PART.match(t) and len(t) <= 60:
        return 1
    # a heading is short and has no sentence in it (PDF text may print commas and colons half-width, and
    # a line of running text wrapped after “(一)本单位…581.45万元,其中本年收” is not a heading)
    short = len(t) <= 45 and not re.search(r"[。：:]", t[:-1]) and not re.search(r"[，,]|万元", t)
    if _LEVEL2.match(t) and short:
        return 2
    if _LEVEL3.match(t) and short:
        return 3
    return 0


def paragraphs_of(document: ReadDocument, start: int = 0, end: int | None = None) -> list[Paragraph]:
    """The running text between two block indexes; a text line broken inside a sentence is joined to the next
    (PDF and plain text wrap lines; a .docx paragraph is already whole)."""
    out: list[Paragraph] = []
    heading = ""
    count = 0
    join = document.kind != "docx"
    for block in document.blocks[start:end]:
        if block.is_row:
            continue
        text = block.cells[0].strip()
        level = heading_level(text)
        if join and out and level == 0 and out[-1].level == 0 and len(out[-1].text) >= 15 \
                and not _TERMINATOR.search(out[-1].text) and not _LIST_START.match(text) \
                and title_of(out[-1].text) is None:
            last = out[-1]
            out[-1] = Paragraph(last.text + text, last.place, 0, last.block)
            continue
        if level:
            heading = text
            count = 0
            out.append(Paragraph(text, Place(heading=text, page=block.page, line=block.line), level, block.index))
        else:
            count += 1
            out.append(Paragraph(text, Place(heading=heading, paragraph=count, page=block.page, line=block.line), 0,
                                 block.index))
    return out


# --------------------------------------------------------------------------------------------- the audit


def audit_document(document: ReadDocument, settings: AuditSettings = DEFAULT_AUDIT,
                   reference: DepartmentAccounts | None = None) -> AuditReport:
    """Audit one read document; ``reference``: the workbook the document was built from (self-audit), whose
    tables each table read from the document must reproduce cell by cell."""
    found = find_tables(document)
    reads: dict[str, TableRead] = {}
    for source in found:
        if source.table not in reads:
            reads[source.table] = read_table(source)
    all_paragraphs = paragraphs_of(document)
    narrative_start, narrative_end = _narrative_bounds(document, all_paragraphs, found)
    opening = key("".join(p.text for p in all_paragraphs[:15]))
    if "决算" not in opening:
        kind = "部门预算" if "预算" in opening else "其他"
        raise NotADocument(f"文档开头（封面、标题）没有“决算”字样，像是{kind}文档：本工具审核的是部门决算公开文档。")
    if not found and narrative_start is None:
        raise NotADocument("未能识别为部门决算公开文档：没有找到任何公开表的标题，也没有找到“情况说明”部分。")
    year = settings.year or _report_year(document, all_paragraphs)
    department = settings.department or _department(found, all_paragraphs)
    accounts = accounts_from_tables(reads, department, year or 0, document.source)
    ctx = D.Context(accounts, DEFAULT_SETTINGS, settings.catalogue)
    findings: list[AuditFinding] = []
    mismatches = list(_against_reference(reads, accounts, reference)) if reference is not None else []
    if reference is None or mismatches or not _same_shape(reads, accounts, reference):
        # (when every printed table reproduces the workbook's cell by cell, the table rules have already been
        # evaluated on these very figures by the workbook's check)
        findings += _table_rules(reads, ctx)
    findings += mismatches
    findings += _table_form(reads, found, all_paragraphs, year, _titled(document, all_paragraphs))
    narrative = [p for p in all_paragraphs if narrative_start is not None and narrative_start <= p.block
                 and (narrative_end is None or p.block < narrative_end)]
    sentences, issues = _narrative(narrative, reads, ctx, department, settings, reference)
    issues += list(summary_issues(read_summaries(narrative), read_evaluation_tables(document), reference))
    findings += [finding(i.kind, i.place, i.blanks, sentence=i.sentence, stated=i.stated, expected=i.expected,
                         expected_desc=i.expected_desc) for i in issues]
    findings += _years(narrative, year, department)
    findings += _names(found, department, settings.department)
    findings += _placeholders(document, all_paragraphs)
    findings += _toc(all_paragraphs)
    return AuditReport(document.source, department, year, tuple(findings), tuple(t.table for t in found),
                       tuple(t for t, r in reads.items() if r.complete), sentences)


# --------------------------------------------------------------------------------------------- tables

_STRUCTURAL = (D.ParentExists, D.ClassNames, D.SameNames, DI.InCatalogue)
_SUPPLEMENTARY = (D.Field, D.BudgetCodesExist, D.BudgetReasons, D.EvaluationsWithin)


def _tables_of(node, out: set[str]) -> bool:
    """Collect the tables a declaration reads; False when it reads a supplementary input."""
    if isinstance(node, _SUPPLEMENTARY):
        return False
    if isinstance(node, tuple):
        return all(_tables_of(n, out) for n in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        ok = True
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.name == "table" and isinstance(value, str):
                out.add(value)
            elif f.name == "tables" and isinstance(value, tuple):
                out.update(v for v in value if isinstance(v, str))
            else:
                ok = _tables_of(value, out) and ok
        return ok
    return True


@lru_cache(maxsize=4096)
def applicable_rule(rule: Rule, complete: frozenset[str]) -> Rule | None:
    """The rule restricted to the tables read completely, or None when it needs one that was not."""
    checks = []
    for check in rule.checks:
        if isinstance(check, _STRUCTURAL):
            tables = tuple(t for t in check.tables if t in complete)
            if tables:
                checks.append(dataclasses.replace(check, tables=tables))
            continue
        used: set[str] = set()
        if not _tables_of(check, used) or not used <= complete:
            return None
        checks.append(check)
    used = set()
    if not _tables_of(rule.when, used) or not used <= complete:
        return None
    return dataclasses.replace(rule, checks=tuple(checks)) if checks else None


def _table_rules(reads: dict[str, TableRead], ctx: D.Context) -> list[AuditFinding]:
    complete = frozenset(t for t, r in reads.items() if r.complete)
    places = {t: r.source.place for t, r in reads.items() if r.source is not None}
    out = []
    for rule in RULES:
        restricted = applicable_rule(rule, complete)
        if restricted is None:
            continue
        for f in evaluate_rule(restricted, ctx):
            table = next((t for t, label in TABLE_LABELS.items() if label == f.table), "")
            place = places.get(table, Place(heading=f.table))
            where = " ".join(p for p in (f.row, f.column) if p)
            out.append(AuditFinding(f.rule_id, f.severity, f.title, (f"{f.table} {where}：" if where else "")
                                    + f.message, f.hint, place, stated=f.left, expected=f.right,
                                    expected_desc=f.table))
    return out


_EMPTY_STATEMENT = re.compile(r"无数据|空表|不涉及|(?:本|我)(?:部门|单位|局|中心|委|院|校)?(?:本年度?|\d{4}年度?)?"
                              r"(?:无|没有|未)|(?:无|没有|未发生)(?:政府性基金|国有资本|“?三公”?)")


def _is_empty(read: TableRead) -> bool:
    table = read.value
    rows = getattr(table, "rows", None)
    total = getattr(table, "total", None)
    return rows is not None and total is not None and not rows and total.is_zero()


def _titled(document: ReadDocument, paragraphs: list[Paragraph]) -> set[str]:
    """The tables whose title is printed in the body (the 目录's entries do not count)."""
    _, end = _toc_bounds(paragraphs)
    first = paragraphs[end].block if end is not None and end < len(paragraphs) else 0
    return {t for b in document.blocks[first:] if not b.is_row and (t := title_of(b.cells[0])) is not None}


def _table_form(reads: dict[str, TableRead], found, paragraphs: list[Paragraph], year: int | None,
                titled: set[str]) -> list[AuditFinding]:
    out = []
    text = key("".join(p.text for p in paragraphs))
    required = [f"t{n}" for n in range(1, 9)]
    if any(key(t) in text for t in TITLES["t9"]):
        required.append("t9")
    for table in required:
        if table not in reads and table not in titled:
            out.append(finding("A-TAB-01", Place(heading="第二部分"), {"table": TABLE_LABELS[table],
                                                                     "title": TITLES[table][-1]}))
    for table, read in reads.items():
        source = read.source
        if table in ("t8", "t9") and _is_empty(read) and source is not None:
            after = [p.text for p in paragraphs if p.block > source.rows[-1].index][:4] if source.rows else []
            if not any(_EMPTY_STATEMENT.search(key(t)) for t in (*source.texts, *after)):
                out.append(finding("A-TAB-02", source.place,
                                   {"table": TABLE_LABELS[table], "title": TITLES[table][-1]}))
        for problem in read.problems:
            if "编码" in problem and "不是" in problem:
                out.append(finding("A-TAB-03", source.place if source else Place(),
                                   {"table": TABLE_LABELS[table], "problem": problem}))
        if source is not None and year:
            m = re.match(r"^(\d{4})\s*年", key(source.title))
            if m and int(m.group(1)) != year:
                out.append(finding("A-YR-01", source.place, {"year": year, "found": source.title.strip(),
                                                             "expected": f"{year}年度"}, sentence=source.title))
    return out


def _same_shape(reads: dict[str, TableRead], accounts: DepartmentAccounts, reference: DepartmentAccounts) -> bool:
    """Every table read completely, with the columns the workbook has (no more, no fewer)."""
    for table in TABLE_LABELS:
        read = reads.get(table)
        if read is None or not read.complete:
            return False
        printed = {c for ln in lines_of(accounts, table).values() for c in ln.values}
        given = {c for ln in lines_of(reference, table).values() for c in ln.cells}
        if table not in ("t1", "t4", "t6", "t7") and printed != given and given:
            return False
    return True


def _against_reference(reads: dict[str, TableRead], accounts: DepartmentAccounts,
                       reference: DepartmentAccounts) -> Iterator[AuditFinding]:
    for table, read in reads.items():
        if not read.complete or read.source is None:
            continue
        printed = lines_of(accounts, table)
        expected = lines_of(reference, table)
        for line_key in dict.fromkeys((*printed, *expected)):
            got, want = printed.get(line_key), expected.get(line_key)
            columns = set(got.values if got is not None else ()) | set(want.values if want is not None else ())
            for column in sorted(columns):
                a = got[column] if got is not None else Decimal(0)
                b = want[column] if want is not None else Decimal(0)
                if a != b and (got is not None or b != 0):
                    row = (got or want).name if (got or want).name else line_label(table, line_key)
                    code = (got or want).code
                    yield finding("A-TAB-04", read.source.place,
                                  {"table": TABLE_LABELS[table], "row": f"{code} {row}".strip(),
                                   "column": column_label(table, column), "stated": f"{a:,.2f}",
                                   "expected": f"{b:,.2f}"}, stated=a, expected=b, expected_desc="工作簿")


# --------------------------------------------------------------------------------------------- narrative


def _narrative_bounds(document: ReadDocument, paragraphs: list[Paragraph], found) -> tuple[int | None, int | None]:
    after_tables = max((b.index for t in found for b in (*t.header, *t.rows)), default=0)
    start = None
    for p in paragraphs:
        if p.block < after_tables:
            continue
        t = key(p.text)
        if (t.startswith("第三部分") or (t.endswith("情况说明") and len(t) <= 40 and not _LEVEL2.match(p.text.strip()))
                or (p.level == 2 and section_of(t) in ("total",))):
            start = p.block
            break
    if start is None:
        return None, None
    end = None
    for p in paragraphs:
        if p.block <= start:
            continue
        t = key(p.text)
        if re.match(r"^第[四五六七八九]部分", t) or t in ("名词解释", "附件", "附表"):
            end = p.block
            break
    return start, end


def _budget_lookup(reference: DepartmentAccounts) -> BudgetLookup:
    """The workbook's 年初预算 / 全年预算 of a subject, as the document prints it: its own line, a class
    without one by its 项 lines (else 款 lines), a subject without any 0; 全年预算 only for a fund that has it."""
    funds = {table: fund for fund, table in FUNDS}

    def budget_of(table: str, code: str, basis: str) -> Decimal | None:
        fund = funds.get(table)
        lines = [ln for ln in reference.budget if ln.fund == fund and ln.code.isdigit()]
        if basis == "full_year" and not any(ln.full_year is not None for ln in lines):
            return None

        def amount(ln) -> Decimal:
            value = ln.full_year if basis == "full_year" else ln.budget
            return value if value is not None else Decimal(0)

        own = [ln for ln in lines if ln.code == code]
        if own:
            return amount(own[0])
        if len(code) == 3:
            items = [ln for ln in lines if len(ln.code) == 7 and ln.code.startswith(code)] or \
                [ln for ln in lines if len(ln.code) == 5 and ln.code.startswith(code)]
            return sum((amount(ln) for ln in items), Decimal(0))
        return Decimal(0)

    return budget_of


def _narrative(paragraphs: list[Paragraph], reads: dict[str, TableRead], ctx: D.Context, department: str,
               settings: AuditSettings,
               reference: DepartmentAccounts | None = None) -> tuple[int, list[NarrativeIssue]]:
    t7_notes = key("".join(reads["t7"].source.texts)) if "t7" in reads and reads["t7"].source else ""

    def lookup(refs: tuple[Ref, ...], name: str) -> Figure | None:
        total = Decimal(0)
        descs = []
        if any(r.table == "t7" and r.line == "budget" for r in refs) and ("全年预算" in t7_notes or "调整" in t7_notes):
            # 表7 prints the adjusted budget (湖南: 全年预算数): a 年初预算 quoted in the text may differ from it
            if "年初" in name:
                return None
        for ref in refs:
            read = reads.get(ref.table)
            if read is None or not read.knows(ref.line):
                return None
            value = ctx.value(ref.table, ref.line, ref.column)
            total += (value.amount / 10000).quantize(Decimal("0.01")) if read.in_yuan else value.amount
            descs.append(value.desc + ("（元，折合万元）" if read.in_yuan else ""))
        return Figure(total, " + ".join(descs), name, refs)

    def item_row(table: str, chain: str) -> Figure | None:
        read = reads.get(table)
        if read is None or not read.complete:
            return None
        code = _chain_code(read, chain)
        if code is None:
            return None
        value = ctx.value(table, code, "total")
        if read.in_yuan:
            return None  # (a table in 元: its rows are left to the table rules)
        desc = value.desc if value.line is not None else f"{TABLE_LABELS[table]}（无此科目，即 0）"
        return Figure(value.amount, desc, chain, (Ref(table, code, "total"),))

    auditor = NarrativeAuditor(lookup, item_row, department, settings.amount_tolerance,
                               _budget_lookup(reference) if reference is not None else None)
    scope = Scope()
    level2_section = ""
    issues: list[NarrativeIssue] = []
    count = 0
    for p in paragraphs:
        text = fix_numbers(p.text)
        text = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").replace("“", "").replace("”", "") \
            .replace('"', "")
        if p.level:
            issues.extend(auditor.close(scope))
            section = section_of(key(p.text))
            if p.level <= 2:
                level2_section = section
                scope = Scope(section=section)
            else:
                sub = section_of(key(p.text))
                scope = Scope(section=sub if level2_section in ("other", "") and sub else level2_section)
            continue
        count += 1
        issues.extend(auditor.paragraph(text, p.place, scope))
    issues.extend(auditor.close(scope))
    return count, issues


_class_by_name = lru_cache(maxsize=4096)(catalog.class_by_name)


def _chain_code(read: TableRead, chain: str) -> str | None:
    parts = [key(x) for x in re.split(r"[（(](?:类|款|项)[）)]", re.sub(r"\s+", "", chain)) if key(x)]
    levels = re.findall(r"[（(](类|款|项)[）)]", chain)
    if not parts or not levels or levels[0] != "类":
        return None
    fc = _class_by_name(parts[0])
    if fc is None:
        return None
    code = fc.code
    rows = getattr(read.value, "rows", ())
    for name, length in zip(parts[1:3], (5, 7), strict=False):
        match = [r for r in rows if len(r.code) == length and r.code.startswith(code) and key(r.name) == name]
        if len(match) != 1:
            return None
        code = match[0].code
    if len(parts) > len(levels):  # words after the last level: not a plain chain
        return None
    return code


# --------------------------------------------------------------------------------------------- form


def _report_year(document: ReadDocument, paragraphs: list[Paragraph]) -> int | None:
    for p in paragraphs[:12]:
        m = re.search(r"(\d{4})\s*年度?", p.text)
        if m and ("决算" in p.text or len(key(p.text)) <= 8):
            return int(m.group(1))
    years = Counter(int(m.group(1)) for p in paragraphs for m in re.finditer(r"(\d{4})\s*年度", p.text))
    return years.most_common(1)[0][0] if years else None


def _department(found, paragraphs: list[Paragraph]) -> str:
    names = Counter(name for t in found for name in t.department)
    if names:
        return names.most_common(1)[0][0]
    for p in paragraphs[:8]:
        t = key(p.text)
        m = re.match(r"^(?:\d{4}年度?)?(.+?)(?:\d{4}年度?)?(?:部门|单位)决算", t)
        # “第三部分 2022年度部门决算情况说明” is a heading, not a title naming the department
        if m and len(m.group(1)) >= 4 and not re.match(r"第[一二三四五六七八九十]+部分", m.group(1)):
            return m.group(1)
    return ""


def _years(paragraphs: list[Paragraph], year: int | None, department: str) -> Iterator[AuditFinding]:
    if not year:
        return
    dept = key(department) if department else ""
    for p in paragraphs:
        if p.level:
            continue
        text = re.sub(r"\s+", "", fix_numbers(p.text))
        for sentence in re.split(r"(?<=[。；])", text):
            s = re.sub(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])", "", sentence)
            if dept:
                s = s.replace(dept, "")
            s = re.sub(r"^(?:本部门|本单位|我单位|我部门|我局)", "", s)
            m = re.match(r"^(\d{4})年度", s)
            if m and int(m.group(1)) != year and "万元" in s:
                yield finding("A-YR-01", p.place, {"year": year, "found": m.group(0), "expected": f"{year}年度"},
                              sentence=sentence)
            for m in re.finditer(r"(?:与|比|较)(\d{4})年度?(?:相比|同期|决算)?", sentence):
                if int(m.group(1)) != year - 1:
                    yield finding("A-YR-01", p.place, {"year": year, "found": m.group(0),
                                                       "expected": f"{year - 1}年"}, sentence=sentence)
            for m in re.finditer(r"截[至止](\d{4})年(?:12月31日|末|底)", sentence):
                if int(m.group(1)) != year:
                    yield finding("A-YR-01", p.place, {"year": year, "found": m.group(0),
                                                       "expected": f"截至{year}年12月31日"}, sentence=sentence)


def _names(found, department: str, known: str) -> Iterator[AuditFinding]:
    canonical = key(known or department)
    if not canonical:
        return
    for t in found:
        if not t.department:
            continue
        if any(key(name) == canonical for name in t.department):
            continue
        yield finding("A-NAME-01", t.place, {"where": f"{TABLE_LABELS[t.table]}表头", "found": t.department[0],
                                             "expected": known or department})


_PLACEHOLDERS = (
    re.compile(r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])"),
    re.compile(r"[×╳]{2,}"),
    re.compile(r"某某"),
    # a run of dots followed by a page number is a 目录 leader, also where PDF text runs entries together
    # ("…情况........24十二、…")
    re.compile(r"(?:…{2,}|\.{6,}|。{3,})(?![.…。]|\s*\d)"),
    re.compile(r"[（(]\s*(?:简述|只说明|请填写|此处填写|填写说明)[^）)]{0,60}[）)]"),
)


_ANY_PLACEHOLDER = re.compile("|".join(f"(?:{p.pattern})" for p in _PLACEHOLDERS))


def _placeholders(document: ReadDocument, paragraphs: list[Paragraph]) -> Iterator[AuditFinding]:
    by_block = {p.block: p for p in paragraphs}
    seen: set[tuple[str, str]] = set()
    heading = ""
    for block in document.blocks:
        place_p = by_block.get(block.index)
        if place_p is not None:
            place = place_p.place
            heading = place.heading or heading
        else:
            place = Place(heading=heading, page=block.page, line=block.line)
        for cell in block.cells:
            if not cell or _ANY_PLACEHOLDER.search(cell) is None:
                continue
            for pattern in _PLACEHOLDERS:
                m = pattern.search(cell)
                if m and (m.group(0), cell) not in seen:
                    seen.add((m.group(0), cell))
                    yield finding("A-PH-01", place, {"found": m.group(0)}, sentence=cell[:200])
                    break


def _toc_bounds(paragraphs: list[Paragraph]) -> tuple[int | None, int | None]:
    """(index of the 目录 heading, index of the first paragraph after its entries) or (None, None)."""
    start = next((i for i, p in enumerate(paragraphs[:40]) if key(p.text) == "目录"), None)
    if start is None:
        return None, None
    first_part = None
    for i in range(start + 1, len(paragraphs)):
        t = key(paragraphs[i].text)
        part = re.match(r"^第[一二三四五六七八九十]+部分", t)
        if part and first_part is None:
            first_part = part.group(0)
        elif part and part.group(0) == first_part:
            return start, i
        if len(t) > 60 or "。" in t:
            return start, i
    return start, None


def _toc(paragraphs: list[Paragraph]) -> Iterator[AuditFinding]:
    start = next((i for i, p in enumerate(paragraphs[:40]) if key(p.text) == "目录"), None)
    if start is None:
        return
    entries: list[Paragraph] = []
    end = None
    first_part = None
    for i in range(start + 1, len(paragraphs)):
        p = paragraphs[i]
        t = key(p.text)
        part = re.match(r"^第[一二三四五六七八九十]+部分", t)
        if part and first_part is None:
            first_part = part.group(0)
        elif part and part.group(0) == first_part:
            end = i
            break
        if len(t) > 60 or "。" in t:
            end = i
            break
        entries.append(p)
    if end is None or not entries:
        return
    body = key("".join(p.text for p in paragraphs[end:]))
    for entry in entries:
        t = re.sub(r"[.…·•\-－—\s]*\d+$", "", key(entry.text))
        if not t or any(pattern.search(entry.text) for pattern in _PLACEHOLDERS):
            continue
        candidates = {t, re.sub(r"^第[一二三四五六七八九十]+部分", "", t), re.sub(r"[（(]表\d+[）)]$", "", t)}
        candidates |= {re.sub(r"^\d{4}年度?", "", c) for c in list(candidates)}
        if not any(c and c in body for c in candidates):
            yield finding("A-TOC-01", entry.place, {"entry": entry.text.strip()}, sentence=entry.text)


def audit_findings_sorted(findings: Iterable[AuditFinding]) -> list[AuditFinding]:
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: order.get(f.severity, 3))
