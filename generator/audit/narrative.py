"""The 情况说明 read sentence by sentence: every quoted amount, share, change and completion rate.

Each amount is labelled by the words just before it; a label that names one table figure
(``phrases.py``) is compared with the table. Each percentage is recomputed from the amounts its
sentence quotes (the table's figure stands in for a named whole that the sentence does not quote),
with the rounding of the printed precision tolerated. 大于/小于/持平 and 增加/减少 are checked
against their two numbers. When the words do not say clearly which figure or which whole is meant,
nothing is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from generator import catalog

from .document import Place
from .phrases import (
    DENOMINATORS,
    ITEM_TABLES,
    PARTS,
    PHRASES,
    THREE_PUBLIC_ITEMS,
    Ref,
)
from .text import key

HALF_CENT = Decimal("0.005")
CENT = Decimal("0.01")

AMOUNT = re.compile(r"(-?\d+(?:\.\d+)?)万元")
PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)[%％]")
DELIMITERS = "，,；;：:。、！？"
_PREFIX = re.compile(r"^(?:其中|主要是|主要|包括|以及|及|和|共有|共|合计|全年|本年度|当年|本部门|本单位|我部门|我单位|"
                     r"我局|我中心|我委|我院|我校|\d{4}年度?|\d{4}年|全部门|部门)")
_SUFFIX = re.compile(r"(?:为|是|达到|达|共计|约)$")
_BUDGET_ROLE = re.compile(r"(?:年初预算数|年初预算|全年预算数|全年预算|调整后预算数|调整预算数|预算数|预算)$")
_ACTUAL_ROLE = re.compile(r"(?:支出决算数|支出决算|决算数|决算|实际发生支出|实际支出|执行数|实际执行)$")
# “较2020年度决算数”, “比上年”: a comparison that names no figure of its own
_BARE_COMPARISON = re.compile(r"^[，,]?(?:较|比)(?:上年度?|上一年度?|\d{4}年度?)(?:决算数?)?$")
_CHANGE_VERB = re.compile(r"(各|分别)?(增加|减少|增长|下降|降低|上升|提高|下滑)了?$")
_CUE = re.compile(r"(与|比|较|同比)")
_SHARE = re.compile(r"^(?:其中)?占(.*?)的?(?:比例|比重)?(?:为|达)?$")
_COMPLETION = re.compile(r"(?:完成|执行)了?(?:年初|全年|调整后?)?(?:预算|计划)数?的?$|执行率(?:为|达到?)?$")
_CHANGE_RATE = re.compile(r"^(?:同比)?(增长|下降|降低|减少|增加|上升|提高|下滑)了?(?:幅度)?(?:为|达)?$")
_WORDING = re.compile(r"(.{0,16}?)(?:支出)?决算数?(大于|小于|高于|低于|超过|等于|与)(年初|全年|调整后?)?预算数?"
                      r"(一致|持平|相同|相等)?|预决算(持平|一致|相同)")
# which budget a quote or a rate speaks of when a sentence quotes both (年初预算为…，全年预算为…)
_FULL_YEAR_BUDGET = re.compile(r"(?:全年|调整后?)预算")
_INITIAL_BUDGET = re.compile(r"年初预算")
_ITEM = re.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])?(.+?[（(](?:类|款|项)[）)])[。.]?$")
_CHAIN = re.compile(r"[（(](类|款|项)[）)]")
_class_by_name = lru_cache(maxsize=4096)(catalog.class_by_name)
_LAST_DELIMITER = re.compile(f"[{DELIMITERS}]")
_REASON = re.compile(r"原因|主要是因为|主要是由于|因为|由于|主要用于")
_UP = {"增加", "增长", "上升", "提高"}
_DOWN = {"减少", "下降", "降低", "下滑"}


@dataclass(frozen=True)
class Figure:
    """A table figure a sentence names: its value, its description for the finding."""

    value: Decimal
    desc: str
    name: str
    refs: tuple[Ref, ...] = ()


@dataclass
class Quoted:
    pos: int
    end: int
    value: Decimal
    raw: str
    label: str
    subject: str = ""
    role: str = ""
    change_verb: str = ""
    figure: Figure | None = None
    figure_key: tuple = ()
    basis: str = ""  # of a budget: "initial" (年初预算) or "full_year" (全年/调整后预算); "" when not said


@dataclass
class Rate:
    pos: int
    end: int
    value: Decimal
    raw: str
    kind: str  # share / completion / change
    verb: str = ""
    denominator: str = ""
    basis: str = ""  # of a completion rate: the budget it is of (完成年初预算的… / 完成全年预算的…)


@dataclass(frozen=True)
class NarrativeIssue:
    """One problem found in a sentence, for the engine to turn into a finding of a declared kind."""

    kind: str
    place: Place
    sentence: str
    blanks: dict
    stated: Decimal | None = None
    expected: Decimal | None = None
    expected_desc: str = ""


@dataclass
class Scope:
    """What the sentences of a paragraph are about: section, sub-section, the item (…（类）…（项）) under way.

    ``lead_budgets``: the first 年初/全年 budget quoted before the items (“年初预算为…，全年预算为…，其中：”);
    ``item_budgets``: the budgets of each item, by item number and basis (their sums must be the lead's).
    """

    section: str = ""
    item: Figure | None = None
    item_known: bool = False
    list_lead: Quoted | None = None
    items: int = 0
    lead_budgets: dict[str, tuple[Quoted, str, Place]] = field(default_factory=dict)
    item_budgets: dict[tuple[int, str], Quoted] = field(default_factory=dict)


FigureLookup = Callable[[tuple[Ref, ...], str], Figure | None]
# (table, subject code, basis) -> the workbook's budget of that subject; None when not known (self-audit only)
BudgetLookup = Callable[[str, str, str], Decimal | None]


def clean_label(text: str, department: str = "") -> str:
    s = text
    if department:
        s = s.replace(department, "")
    for _ in range(4):
        new = _PREFIX.sub("", s)
        if new == s:
            break
        s = new
    return _SUFFIX.sub("", s)


def split_role(label: str) -> tuple[str, str]:
    m = _BUDGET_ROLE.search(label)
    if (m and m.start() > 0) or (m and label == m.group(0)):
        return label[: m.start()], "budget"
    m = _ACTUAL_ROLE.search(label)
    if m:
        return label[: m.start()], "actual"
    return label, ""


def budget_basis(text: str) -> str:
    """The budget the last words of ``text`` name: ``initial`` (年初预算), ``full_year`` (全年预算, 调整后预算)."""
    full, initial = list(_FULL_YEAR_BUDGET.finditer(text)), list(_INITIAL_BUDGET.finditer(text))
    if not full and not initial:
        return ""
    last_full = full[-1].start() if full else -1
    last_initial = initial[-1].start() if initial else -1
    return "full_year" if last_full > last_initial else "initial"


def percent_tolerance(raw: str) -> Decimal:
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    return Decimal(1).scaleb(-decimals)


def ratio_interval(numerator: Decimal, denominator: Decimal, slack_n: Decimal = HALF_CENT,
                   slack_d: Decimal = HALF_CENT) -> tuple[Decimal, Decimal]:
    low_d = max(denominator - slack_d, Decimal("0.000001"))
    low = max(numerator - slack_n, Decimal(0)) / (denominator + slack_d) * 100
    high = (numerator + slack_n) / low_d * 100
    return low, high


def within(printed: Decimal, raw: str, interval: tuple[Decimal, Decimal]) -> bool:
    unit = percent_tolerance(raw)
    low, high = interval
    return low - unit <= printed <= high + unit


def fmt_pct(value: Decimal, raw: str) -> str:
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    return f"{value:.{max(decimals, 1)}f}%"


def fmt(value: Decimal) -> str:
    return f"{value:,.2f}"


class NarrativeAuditor:
    """Reads the paragraphs of the 情况说明 in order and yields the issues of their sentences."""

    def __init__(self, lookup: FigureLookup, item_row: Callable[[str, str], Figure | None],
                 department: str = "", amount_tolerance: Decimal = CENT, budget_of: BudgetLookup | None = None) -> None:
        self.lookup = lookup
        self.budget_of = budget_of
        self.item_row = item_row  # (table, chain text) -> the row's 本年支出, or None when not found
        self.department = key(department) if department else ""
        self.amount_tolerance = amount_tolerance
        self._consumed = 0

    # ------------------------------------------------------------------ figures named by a label

    def resolve(self, subject: str, role: str, scope: Scope, role_word: str = "") -> Figure | None:
        section = scope.section
        if section == "three_public":
            for item in THREE_PUBLIC_ITEMS:
                if item.regex.fullmatch(subject):
                    line = "budget" if role == "budget" else "actual"
                    word = (role_word or "预算数") if role == "budget" else "决算数"
                    return self.lookup((Ref("t7", line, item.column),), f"{item.name}{word}")
            return None
        if role == "budget" or not subject:
            return None
        if section in ITEM_TABLES and _CHAIN.search(subject):
            return self.item_row(ITEM_TABLES[section], subject)
        if section in ITEM_TABLES and _class_by_name(subject) is not None and subject.endswith("支出") \
                and not any(p.regex.fullmatch(subject) for p in PHRASES if section in p.sections):
            return self.item_row(ITEM_TABLES[section], subject + "（类）")
        for phrase in PHRASES:
            if section in phrase.sections and phrase.regex.fullmatch(subject):
                return self.lookup(phrase.refs, phrase.name)
        return None

    def resolve_denominator(self, name: str, scope: Scope) -> tuple[Figure | None, tuple]:
        subject, role = split_role(clean_label(name, self.department))
        figure = self.resolve(subject, role or "actual", scope)
        if figure is not None:
            return figure, figure.refs
        for phrase in DENOMINATORS:
            if phrase.regex.fullmatch(subject):
                return self.lookup(phrase.refs, phrase.name), phrase.refs
        return None, ()

    # ------------------------------------------------------------------ reading

    def tokens(self, sentence: str) -> list[Quoted | Rate]:
        found: list[tuple[int, int, str, re.Match]] = []
        for m in AMOUNT.finditer(sentence):
            found.append((m.start(), m.end(), "amount", m))
        for m in PERCENT.finditer(sentence):
            found.append((m.start(), m.end(), "rate", m))
        found.sort(key=lambda item: item[0])
        out: list[Quoted | Rate] = []
        boundary = 0
        delimiters = [m.start() for m in _LAST_DELIMITER.finditer(sentence)]
        for start, end, kind, m in found:
            n = bisect_left(delimiters, start)
            cut = delimiters[n - 1] if n else -1
            prefix = sentence[max(cut + 1, boundary):start]
            raw = m.group(1)
            try:
                value = Decimal(raw)
            except ArithmeticError:  # pragma: no cover - the pattern only matches numbers
                continue
            if kind == "amount":
                label = clean_label(prefix, self.department)
                verb = _CHANGE_VERB.search(label)
                if verb:
                    out.append(Quoted(start, end, value, raw, label, change_verb=verb.group(2)))
                else:
                    subject, role = split_role(label)
                    out.append(Quoted(start, end, value, raw, label, subject, role,
                                      basis=budget_basis(prefix) if role == "budget" else ""))
            else:
                share = _SHARE.match(prefix)
                change = _CHANGE_RATE.match(prefix)
                if share:
                    out.append(Rate(start, end, value, raw, "share", denominator=share.group(1)))
                elif _COMPLETION.search(prefix):
                    out.append(Rate(start, end, value, raw, "completion", basis=budget_basis(prefix)))
                elif change:
                    out.append(Rate(start, end, value, raw, "change", verb=change.group(1)))
            boundary = end
        return out

    def paragraph(self, text: str, place: Place, scope: Scope) -> Iterator[NarrativeIssue]:
        text = text.replace("收、支", "收支")
        sentences = [s for s in re.split(r"(?<=。)", text) if s.strip()]
        paragraph_quotes: list[Quoted] = []
        self._consumed = 0
        for sentence in sentences:
            yield from self.sentence(sentence, place, scope, paragraph_quotes)
        if text.rstrip().endswith(("：", ":")) and paragraph_quotes:
            scope.list_lead = paragraph_quotes[0]

    def sentence(self, sentence: str, place: Place, scope: Scope,
                 paragraph_quotes: list[Quoted]) -> Iterator[NarrativeIssue]:
        body = sentence.strip()
        item = _ITEM.match(body.rstrip("。"))
        if item and scope.section in ITEM_TABLES and _CHAIN.search(item.group(1)) and not AMOUNT.search(body):
            chain = re.sub(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])", "", body).rstrip("。.")
            scope.item = self.item_row(ITEM_TABLES[scope.section], chain)
            scope.item_known = True
            scope.items += 1
            return
        tokens = self.tokens(body)
        if not tokens:
            yield from self.wording(body, place, scope, paragraph_quotes)
            return
        sentence_subject: tuple[str, Figure | None] | None = None
        lead_text = key(re.split(r"[，,；;：:]", body, maxsplit=1)[0])
        segment: list[Quoted] = []
        quotes: list[Quoted] = []
        reason = _REASON.search(body)
        reason_at = reason.start() if reason else len(body)
        for token in tokens:
            if token.pos > reason_at:
                break  # the amounts of a reason are parts of something else, named loosely
            if isinstance(token, Quoted):
                if token.change_verb:
                    segment.append(token)
                    quotes.append(token)
                    continue
                subject = token.subject
                role_word = token.label[len(subject):] if token.label.startswith(subject) else ""
                if subject:
                    figure = self.resolve(subject, token.role, scope, role_word)
                    if sentence_subject is None:
                        sentence_subject = (subject, figure)
                elif sentence_subject is not None:
                    token.subject = sentence_subject[0]
                    figure = self.resolve(sentence_subject[0], token.role, scope, token.label)
                elif scope.section in ITEM_TABLES and scope.item_known:
                    figure = scope.item if token.role != "budget" else None
                    token.subject = "（item）"
                elif scope.section == "three_public" and token.role:
                    figure = None
                else:
                    figure = None
                token.figure = figure
                token.figure_key = figure.refs if figure is not None else ()
                if token.role == "budget" and token.basis and scope.section in ITEM_TABLES:
                    if scope.item_known:
                        if (scope.items, token.basis) not in scope.item_budgets:
                            scope.item_budgets[scope.items, token.basis] = token
                            yield from self.item_budget(token, scope, body, place)
                    elif not scope.items:
                        scope.lead_budgets.setdefault(token.basis, (token, body, place))
                segment.append(token)
                quotes.append(token)
                paragraph_quotes.append(token)
                if figure is not None:
                    yield from self.compare(token, figure, body, place)
                continue
            rate = token
            if rate.kind == "share":
                yield from self.share(rate, segment, quotes, paragraph_quotes, lead_text, body, place, scope)
            elif rate.kind == "completion":
                yield from self.completion(rate, segment, body, place)
            else:
                earlier = paragraph_quotes[:len(paragraph_quotes) - len([q for q in quotes if not q.change_verb])]
                yield from self.change(rate, segment, quotes, body, place, scope, earlier)
            segment = []
        yield from self.parts(quotes, body, place, scope)
        yield from self.wording(body, place, scope, paragraph_quotes)

    # ------------------------------------------------------------------ checks

    def compare(self, quoted: Quoted, figure: Figure, sentence: str, place: Place) -> Iterator[NarrativeIssue]:
        difference = quoted.value - figure.value
        decimals = len(quoted.raw.split(".", 1)[1]) if "." in quoted.raw else 0
        printed_slack = Decimal("0.5").scaleb(-decimals) if decimals < 2 else Decimal(0)
        if abs(difference) <= printed_slack:
            return
        blanks = {"name": figure.name, "stated": fmt(quoted.value), "expected": fmt(figure.value),
                  "expected_desc": figure.desc, "difference": f"{difference:+,.2f}"}
        kind = "A-INFO-01" if abs(difference) <= self.amount_tolerance else "A-AMT-01"
        yield NarrativeIssue(kind, place, sentence, blanks, quoted.value, figure.value, figure.desc)

    def share(self, rate: Rate, segment: list[Quoted], quotes: list[Quoted], paragraph_quotes: list[Quoted],
              lead_text: str, sentence: str, place: Place, scope: Scope) -> Iterator[NarrativeIssue]:
        numerators = [q for q in segment if not q.change_verb]
        if not numerators:
            return
        numerator = numerators[-1]
        denominator: Decimal | None = None
        desc = ""
        if rate.denominator:
            name = key(rate.denominator)
            label_match = next((q for q in reversed(paragraph_quotes) if q is not numerator and q.pos < numerator.pos
                                and (q.label == name or q.label.endswith(name))), None)
            if label_match is None:
                label_match = next((q for q in reversed(paragraph_quotes[:-1])
                                    if q is not numerator and (q.label == name or q.label.endswith(name))), None)
            if label_match is not None:
                denominator, desc = label_match.value, f"文中{rate.denominator}"
            else:
                figure, refs = self.resolve_denominator(name, scope)
                quoted = next((q for q in paragraph_quotes if refs and q.figure_key == refs and q is not numerator),
                              None)
                if quoted is not None:
                    denominator, desc = quoted.value, f"文中{rate.denominator}"
                elif figure is not None:
                    denominator, desc = figure.value, figure.desc
        else:
            lead = self.unnamed_whole(numerator, quotes, lead_text, sentence, scope)
            if lead is None and re.match(r"^\s*其中", sentence):
                # “…决算为22.62万元。其中公务接待费20.10万元，占88.86%”: the whole is the one amount the sentences
                # before it quoted (several: which one is meant is not known)
                earlier = [q for q in paragraph_quotes if not q.change_verb and q.role != "budget"
                           and not any(q is c for c in quotes)]
                if len(earlier) == 1:
                    lead = earlier[0].value, f"文中{earlier[0].label or '总额'}"
            if lead is not None:
                denominator, desc = lead
        if denominator is None:
            return
        if denominator == 0:
            if numerator.value != 0:
                yield NarrativeIssue("A-PCT-04", place, sentence,
                                     {"base_desc": desc or "分母", "printed": f"占比 {rate.raw}%",
                                      "other_desc": "分子", "other": fmt(numerator.value)}, rate.value, None, desc)
            return
        if numerator.value == 0 and rate.value == 0:
            return
        interval = ratio_interval(numerator.value, denominator)
        if not within(rate.value, rate.raw, interval):
            computed = numerator.value / denominator * 100
            yield NarrativeIssue("A-PCT-01", place, sentence,
                                 {"printed": f"{rate.raw}%", "numerator": fmt(numerator.value),
                                  "denominator_desc": desc, "denominator": fmt(denominator),
                                  "computed": fmt_pct(computed, rate.raw)},
                                 rate.value, computed.quantize(Decimal("0.01")), desc)

    def unnamed_whole(self, numerator: Quoted, quotes: list[Quoted], lead_text: str, sentence: str,
                      scope: Scope) -> tuple[Decimal, str] | None:
        first = next((q for q in quotes if not q.change_verb and q.role != "budget"), None)
        if first is not None and first is not numerator and first.pos < numerator.pos:
            between = sentence[first.end:numerator.pos]
            if re.search(r"其中|主要用于|包括", between):
                return first.value, f"文中{first.label or '总额'}"
        lead = clean_label(re.sub(r"中$", "", lead_text), self.department)
        subject, role = split_role(lead)
        if subject and numerator.pos > len(lead_text):
            figure = self.resolve(subject, role or "actual", scope)
            if figure is not None and figure.refs != numerator.figure_key:
                return figure.value, figure.desc
        if scope.list_lead is not None and first is numerator:
            return scope.list_lead.value, f"文中{scope.list_lead.label or '总额'}"
        return None

    def completion(self, rate: Rate, segment: list[Quoted], sentence: str, place: Place) -> Iterator[NarrativeIssue]:
        actuals = [q for q in segment if not q.change_verb and q.role != "budget"]
        budgets = _of_basis([q for q in segment if q.role == "budget"], rate.basis)
        if not actuals or not budgets:
            return
        actual, budget = actuals[-1], budgets[-1]
        if budget.pos > actual.pos or (budget.subject and actual.subject and budget.subject != actual.subject):
            return
        if budget.value == 0:
            if actual.value != 0:
                yield NarrativeIssue("A-PCT-04", place, sentence,
                                     {"base_desc": "预算数", "printed": f"完成率 {rate.raw}%",
                                      "other_desc": "决算数", "other": fmt(actual.value)}, rate.value)
            return
        if not within(rate.value, rate.raw, ratio_interval(actual.value, budget.value)):
            computed = actual.value / budget.value * 100
            yield NarrativeIssue("A-PCT-03", place, sentence,
                                 {"printed": f"{rate.raw}%", "actual": fmt(actual.value), "budget": fmt(budget.value),
                                  "computed": fmt_pct(computed, rate.raw)},
                                 rate.value, computed.quantize(Decimal("0.01")), "决算数 ÷ 预算数")

    def _earlier_current(self, delta: Quoted, sentence: str, scope: Scope,
                         paragraph_quotes: list[Quoted]) -> Quoted | None:
        if not _CUE.search(sentence[:delta.pos]):
            return None
        verb = _CHANGE_VERB.search(delta.label)
        subject = delta.label[:verb.start()] if verb else ""
        subject = re.sub(r"^.*?(?:相比|相较|同期)", "", subject)
        subject = _BARE_COMPARISON.sub("", subject)
        if not subject:
            # “X 382.17万元，为…。较2020年度决算数减少157.86万元，下降29.2%”: the change is of the one amount the
            # paragraph quoted before it; with several amounts before it, which one is meant is not known
            before = [q for q in paragraph_quotes if not q.change_verb and q.role != "budget"]
            return before[0] if len(before) == 1 else None
        named, role = split_role(clean_label(subject, self.department))
        figure = self.resolve(named, role, scope)
        if figure is not None:
            earlier = [q for q in paragraph_quotes if q.figure_key == figure.refs and not q.change_verb]
        else:
            # no table to resolve it against (a text-only audit, tables printed as pictures): the earlier
            # amount quoted under the same words (收、支总计 … 收、支总计各减少 …)
            earlier = [q for q in paragraph_quotes if not q.change_verb and q.role != "budget" and named
                       and q.subject == named]
        return earlier[-1] if earlier else None

    def change(self, rate: Rate, segment: list[Quoted], quotes: list[Quoted], sentence: str,
               place: Place, scope: Scope | None = None,
               paragraph_quotes: list[Quoted] | None = None) -> Iterator[NarrativeIssue]:
        scope = scope or Scope()
        paragraph_quotes = paragraph_quotes if paragraph_quotes is not None else []
        changes = [q for q in segment if q.change_verb]
        if not changes:
            return
        delta = changes[-1]
        up = delta.change_verb in _UP
        if (rate.verb in _UP) != up and (rate.verb in _UP or rate.verb in _DOWN):
            yield NarrativeIssue("A-CMP-02", place, sentence,
                                 {"verb_amount": f"{delta.change_verb}{delta.raw}万元",
                                  "verb_percent": f"{rate.verb}{rate.raw}%"})
            return
        before = [q for q in quotes if not q.change_verb and q.pos < delta.pos and q.role != "budget"]
        if before:
            current = before[-1]
            if not _CUE.search(sentence[current.end:delta.pos + len(delta.label) + 1]):
                return
        else:
            # 与上年相比，收支总计各减少…: the current figure was quoted by the sentence before
            current = self._earlier_current(delta, sentence, scope, paragraph_quotes)
            if current is None:
                return
        prior = current.value - delta.value if up else current.value + delta.value
        if delta.value == 0:
            return
        if prior <= 0:
            if prior == 0:
                yield NarrativeIssue("A-PCT-04", place, sentence,
                                     {"base_desc": "对比的上年数（或预算数）", "printed": f"{rate.verb}{rate.raw}%",
                                      "other_desc": f"{delta.change_verb}额", "other": fmt(delta.value)},
                                     rate.value)
            return
        interval = ratio_interval(delta.value, prior, HALF_CENT, CENT)
        if not within(rate.value, rate.raw, interval):
            computed = delta.value / prior * 100
            yield NarrativeIssue("A-PCT-02", place, sentence,
                                 {"printed": f"{rate.raw}%", "direction": "增长" if up else "下降",
                                  "current": fmt(current.value), "change": fmt(delta.value), "prior": fmt(prior),
                                  "computed": fmt_pct(computed, rate.raw)},
                                 rate.value, computed.quantize(Decimal("0.01")), "增减额 ÷ 上年数")

    def item_budget(self, quoted: Quoted, scope: Scope, sentence: str, place: Place) -> Iterator[NarrativeIssue]:
        """The build's self-audit: an item's 年初预算 / 全年预算 is the workbook's."""
        if self.budget_of is None or scope.item is None or not scope.item.refs:
            return
        ref = scope.item.refs[0]
        expected = self.budget_of(ref.table, ref.line, quoted.basis)
        if expected is None or expected == quoted.value:
            return
        name = f"{scope.item.name}的{'全年预算' if quoted.basis == 'full_year' else '年初预算'}"
        yield NarrativeIssue("A-BUD-01", place, sentence, {"name": name, "stated": fmt(quoted.value),
                                                           "expected": fmt(expected)},
                             quoted.value, expected, "工作簿「年初预算」")

    def close(self, scope: Scope) -> Iterator[NarrativeIssue]:
        """At the end of a section: the budgets of the items listed add up to the budget stated before them
        (年初预算为…，其中：1、…年初预算为…), within the rounding of the amounts summed."""
        for basis, (lead, sentence, place) in scope.lead_budgets.items():
            parts = [q for (_, b), q in scope.item_budgets.items() if b == basis]
            if not parts:
                continue
            total = sum((q.value for q in parts), Decimal(0))
            difference = lead.value - total
            if difference == 0:
                continue
            name = "全年预算" if basis == "full_year" else "年初预算"
            blanks = {"name": name, "stated": fmt(lead.value), "expected": fmt(total), "items": str(len(parts)),
                      "expected_desc": f"所列 {len(parts)} 个科目的{name}之和", "difference": f"{difference:+,.2f}"}
            kind = "A-INFO-01" if abs(difference) <= HALF_CENT * (len(parts) + 1) else "A-AMT-03"
            yield NarrativeIssue(kind, place, sentence, blanks, lead.value, total, blanks["expected_desc"])

    def parts(self, quotes: list[Quoted], sentence: str, place: Place, scope: Scope) -> Iterator[NarrativeIssue]:
        for section, whole_pattern, part_patterns in PARTS:
            if scope.section != section:
                continue
            whole = next((q for q in quotes if not q.change_verb and re.fullmatch(whole_pattern, q.subject or q.label)),
                         None)
            if whole is None:
                continue
            found = []
            for pattern in part_patterns:
                part = next((q for q in quotes if q.pos > whole.pos and not q.change_verb
                             and re.fullmatch(pattern, q.subject or q.label)), None)
                if part is None:
                    break
                found.append(part)
            else:
                total = sum((p.value for p in found), Decimal(0))
                difference = whole.value - total
                if abs(difference) > CENT * len(found) / 2 + Decimal("0.000001"):
                    yield NarrativeIssue("A-AMT-02", place, sentence,
                                         {"whole": whole.label, "stated": fmt(whole.value),
                                          "parts": "、".join(p.label for p in found), "expected": fmt(total),
                                          "difference": f"{difference:+,.2f}"}, whole.value, total, "各分项之和")

    def wording(self, sentence: str, place: Place, scope: Scope,
                paragraph_quotes: list[Quoted]) -> Iterator[NarrativeIssue]:
        if "预算" not in sentence or "决算" not in sentence:
            return
        for m in _WORDING.finditer(sentence):
            comparator = m.group(2) or ""
            agreement = m.group(4) or m.group(5) or ""
            basis = budget_basis(m.group(3) + "预算") if m.group(3) else ""
            if comparator == "与" and not agreement:
                continue
            before = paragraph_quotes[self._consumed:]
            subject_text = key(m.group(1) or "")
            subject = ""
            if subject_text:
                s, _ = split_role(clean_label(re.sub(r"^.*[，,；;：:]", "", subject_text), self.department))
                subject = s
            budgets = _of_basis([q for q in before if q.role == "budget" and not q.change_verb], basis)
            actuals = [q for q in before if q.role != "budget" and not q.change_verb]
            if not budgets or not actuals:
                continue
            budget = budgets[-1]
            later = [q for q in actuals if before.index(q) > before.index(budget)]
            if not later:
                continue
            actual = later[0]
            if budget.subject != actual.subject:
                continue
            if subject and budget.subject and not (subject == budget.subject or budget.subject.startswith(subject)
                                                   or subject.startswith(budget.subject)):
                continue
            if subject and not budget.subject:
                continue
            a, b = actual.value, budget.value
            ok = {"大于": a > b, "高于": a > b, "超过": a > b, "小于": a < b, "低于": a < b,
                  "等于": a == b}.get(comparator, a == b)
            if not ok:
                yield NarrativeIssue("A-CMP-01", place, sentence,
                                     {"wording": m.group(0), "actual": fmt(a), "budget": fmt(b)})
            self._consumed = len(paragraph_quotes)
            return


def _of_basis(budgets: list[Quoted], basis: str) -> list[Quoted]:
    """The budgets quoted of ``basis`` when the words name one and the sentence quotes it; else all of them."""
    if not basis:
        return budgets
    chosen = [q for q in budgets if q.basis == basis]
    if chosen:
        return chosen
    # “完成年初预算的…” after a budget not named 年初 (“预算数为…”): that budget, unless another is named so
    return [q for q in budgets if not q.basis] or budgets


@dataclass
class NarrativeResult:
    issues: list[NarrativeIssue] = field(default_factory=list)
