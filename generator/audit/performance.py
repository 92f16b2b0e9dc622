"""十 预算绩效管理 (上海): the sentence that sums up the project self-evaluations, read and held to itself, to
the project self-evaluation tables attached to the document, and (the build's self-audit) to the workbook.

    绩效自评的2024年度项目3个，涉及预算金额1330.00万元，平均得分85分（其中，绩效评级为“优”的项目1个；…）

The words are declared in ``phrases.py`` (``SELF_EVALUATION_SUMMARY``, ``GRADE_COUNT``, ``EVALUATION_TABLE``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator import scoring
from generator.model import DepartmentAccounts

from .document import Paragraph, Place, ReadDocument
from .narrative import HALF_CENT, NarrativeIssue, fmt
from .phrases import DEPARTMENT_EVALUATION_TABLE, EVALUATION_TABLE, GRADE_COUNT, SELF_EVALUATION_SUMMARY
from .text import decimals_of, fix_numbers, key, parse_amount


@dataclass(frozen=True)
class Summary:
    count: int
    amount: Decimal
    scored: int | None  # 已评分的N个项目
    average: Decimal | None
    average_raw: str
    grades: tuple[tuple[str, int], ...]
    sentence: str
    place: Place


@dataclass(frozen=True)
class EvaluationTable:
    """One attached project self-evaluation table: its 预算数, 总分 (None: 未评分) and 自评等级."""

    budget: Decimal
    score: Decimal | None
    grade: str


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", fix_numbers(text)).replace("“", "").replace("”", "").replace('"', "") \
        .replace("(", "（").replace(")", "）")


def read_summaries(paragraphs: Sequence[Paragraph]) -> list[Summary]:
    out = []
    for p in paragraphs:
        text = _clean(p.text)
        for m in re.finditer(SELF_EVALUATION_SUMMARY, text):
            amount = parse_amount(m.group("amount"))
            if amount is None:
                continue
            grades = tuple((g.group("label"), int(g.group("count")))
                           for g in re.finditer(GRADE_COUNT, m.group("grades") or ""))
            out.append(Summary(int(m.group("count")), amount, int(m.group("scored")) if m.group("scored") else None,
                               Decimal(m.group("average")) if m.group("average") else None, m.group("average") or "",
                               grades, m.group(0), p.place))
    return out


def read_evaluation_tables(document: ReadDocument) -> list[EvaluationTable]:
    """The project self-evaluation tables (“项目支出绩效自评表”) of the document, in order."""
    out: list[EvaluationTable] = []
    kind = ""
    budget: Decimal | None = None
    for block in document.blocks:
        if not block.is_row:
            text = key(block.cells[0])
            if re.search(DEPARTMENT_EVALUATION_TABLE, text):
                kind = "department"
            elif re.search(EVALUATION_TABLE, text):
                kind = "project"
            continue
        if kind != "project":
            continue
        cells = [c.strip() for c in block.cells]
        names = [key(c) for c in cells]
        if "年度资金总额" in names:
            after = [a for c in cells[names.index("年度资金总额") + 1:] if c and (a := parse_amount(c)) is not None]
            budget = after[0] if after else None
        elif names and names[0] == "总分" and budget is not None:
            values = [c for i, c in enumerate(cells[1:], 1) if c and c != cells[i - 1]]
            score_text = values[0] if values else ""
            m = re.fullmatch(r"(\d+(?:\.\d+)?)分?", score_text)
            grade = ""
            if "自评等级" in names:
                rest = [c for c in cells[names.index("自评等级") + 1:] if c and key(c) != "自评等级"]
                grade = rest[0] if rest else ""
            out.append(EvaluationTable(budget, Decimal(m.group(1)) if m else None,
                                       "" if grade == "未评分" else grade))
            budget = None
    return out


def summary_issues(summaries: Sequence[Summary], tables: Sequence[EvaluationTable],
                   reference: DepartmentAccounts | None = None) -> Iterator[NarrativeIssue]:
    for s in summaries:
        yield from _itself(s)
        if tables:
            yield from _against_tables(s, tables)
        if reference is not None:
            yield from _against_workbook(s, reference)


def _issue(kind: str, s: Summary, blanks: dict, stated: Decimal | None = None,
           expected: Decimal | None = None, desc: str = "") -> NarrativeIssue:
    return NarrativeIssue(kind, s.place, s.sentence, blanks, stated, expected, desc)


def _itself(s: Summary) -> Iterator[NarrativeIssue]:
    graded = sum(n for _, n in s.grades)
    if s.grades and graded > (s.scored if s.scored is not None else s.count):
        whole = f"已评分的项目 {s.scored} 个" if s.scored is not None else f"绩效自评的项目 {s.count} 个"
        yield _issue("A-PERF-01", s, {"problem": f"各等级的项目数之和为 {graded}，多于{whole}"},
                     Decimal(graded), Decimal(s.scored if s.scored is not None else s.count))
    elif s.grades and s.scored is not None and graded != s.scored:
        yield _issue("A-PERF-01", s, {"problem": f"各等级的项目数之和为 {graded}，而已评分的项目为 {s.scored} 个"},
                     Decimal(graded), Decimal(s.scored))
    if s.scored is not None and s.scored > s.count:
        yield _issue("A-PERF-01", s, {"problem": f"已评分的项目 {s.scored} 个，多于绩效自评的项目 {s.count} 个"})
    if s.count == 0 and s.amount != 0:
        yield _issue("A-PERF-01", s, {"problem": f"绩效自评的项目为 0 个，涉及预算金额却为 {fmt(s.amount)} 万元"})
    if s.average is not None and not Decimal(0) <= s.average <= Decimal(100):
        yield _issue("A-PERF-01", s, {"problem": f"平均得分 {s.average_raw} 分不在 0—100 分之间"})


def _against_tables(s: Summary, tables: Sequence[EvaluationTable]) -> Iterator[NarrativeIssue]:
    desc = "所附项目支出绩效自评表"
    if s.count != len(tables):
        yield _issue("A-PERF-02", s, {"what": "绩效自评的项目数", "stated": f"{s.count} 个",
                                      "expected": f"共 {len(tables)} 张"}, Decimal(s.count), Decimal(len(tables)), desc)
    total = sum((t.budget for t in tables), Decimal(0))
    if abs(s.amount - total) > HALF_CENT * (len(tables) + 1):
        yield _issue("A-PERF-02", s, {"what": "涉及预算金额", "stated": f"{fmt(s.amount)} 万元",
                                      "expected": f"的预算数之和为 {fmt(total)} 万元"}, s.amount, total, desc)
    scores = [t.score for t in tables if t.score is not None]
    if s.average is not None and scores:
        mean = sum(scores, Decimal(0)) / len(scores)
        # each table's 总分 and the average are rounded as printed: half a unit of each
        slack = Decimal(5).scaleb(-decimals_of(s.average_raw) - 1) + HALF_CENT
        if abs(s.average - mean) > slack:
            yield _issue("A-PERF-02", s, {"what": "平均得分", "stated": f"{s.average_raw} 分",
                                          "expected": f"中 {len(scores)} 个已评分项目的平均得分为 {mean:.2f} 分"},
                         s.average, mean.quantize(Decimal("0.01")), desc)
    for label, n in s.grades:
        actual = sum(1 for t in tables if t.grade == label)
        if n != actual:
            yield _issue("A-PERF-02", s, {"what": f"评级为“{label}”的项目数", "stated": f"{n} 个",
                                          "expected": f"中为 {actual} 个"}, Decimal(n), Decimal(actual), desc)


def _against_workbook(s: Summary, accounts: DepartmentAccounts) -> Iterator[NarrativeIssue]:
    """The build's self-audit: the figures the department stated in 「绩效管理」, where it stated them (the
    tables of 「绩效自评」 stand for the rest and are held to the attached tables above)."""
    pm = accounts.performance_management
    desc = "工作簿「绩效管理」"
    if pm.self_evaluated is not None and pm.self_evaluated != s.count:
        yield _issue("A-PERF-03", s, {"what": "绩效自评的项目数", "stated": f"{s.count} 个",
                                      "expected": f"{pm.self_evaluated} 个"}, Decimal(s.count),
                     Decimal(pm.self_evaluated), desc)
    if pm.self_evaluated_amount is not None and pm.self_evaluated_amount != s.amount:
        yield _issue("A-PERF-03", s, {"what": "涉及预算金额", "stated": f"{fmt(s.amount)} 万元",
                                      "expected": f"{fmt(pm.self_evaluated_amount)} 万元"}, s.amount,
                     pm.self_evaluated_amount, desc)
    stated_average = pm.self_evaluated_average_score
    if stated_average is not None and (s.average is None or s.average != stated_average):
        yield _issue("A-PERF-03", s, {"what": "平均得分", "stated": f"{s.average_raw or '（未印出）'} 分",
                                      "expected": f"{stated_average.normalize():f} 分"}, s.average, stated_average,
                     desc)
    printed = dict(s.grades)
    for grade, n in zip(scoring.layout_grades(accounts.info.layout), pm.self_evaluated_grades, strict=False):
        if n is not None and printed.get(grade.label) != n:
            yield _issue("A-PERF-03", s, {"what": f"评级为“{grade.label}”的项目数",
                                          "stated": f"{printed.get(grade.label, '（未印出）')} 个",
                                          "expected": f"{n} 个"}, None, Decimal(n), desc)
