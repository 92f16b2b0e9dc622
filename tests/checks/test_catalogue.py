"""The rule catalogue as data: well-formed records, every domain rule covered, reference generated from it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from generator.checks import RULES, RULES_BY_ID, rules_reference_markdown
from generator.workbook.problems import ERROR, WARNING

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
ID = re.compile(r"^(T[1-9]-\d\d|X-T[1-9]-T[1-9]-\d\d|C-\d\d|S-[A-Z]+-\d\d|[EW]-\d\d)$")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Every rule of docs/domain.md ("The rules the tables must satisfy") and of the brief, with the rule ids
# that check it. A statement without an id here, or an id not in the catalogue, fails.
DOMAIN_RULES = {
    "表1 本年收入合计 = rows 1-8": ("T1-01",),
    "表1 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余": ("T1-02",),
    "表1 本年支出合计 = all class rows": ("T1-03",),
    "表1 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余": ("T1-04",),
    "表1 收入总计 = 支出总计": ("T1-05",),
    "表2 本年收入合计 = six source columns, every row": ("T2-01",),
    "表3 本年支出合计 = five spending columns, every row": ("T3-01",),
    "表2/3/5/8/9 类 = Σ款, 款 = Σ项, 合计 = Σ类": ("T2-02", "T3-02", "T5-02", "T8-03", "T9-02"),
    "code 3/5/7 digits whose parent exists": ("C-01",),
    "name matches the official catalogue (类)": ("C-02",),
    "same code, same name in every table": ("C-03",),
    "表4 本年收入合计 = 1+2+3": ("T4-01",),
    "表4 年初结转和结余 = its three kinds": ("T4-02",),
    "表4 总计 = 本年收入合计 + 年初结转": ("T4-03",),
    "表4 each class: 合计 = the three kinds": ("T4-04",),
    "表4 本年支出合计 = all classes": ("T4-05",),
    "表4 总计 = 本年支出合计 + 年末结转": ("T4-06",),
    "表4 收入总计 = 支出总计": ("T4-07",),
    "表5, 表9 小计 = 基本支出 + 项目支出": ("T5-01", "T9-01"),
    "表6 3-digit = Σ 5-digit": ("T6-01",),
    "表6 人员经费合计 = 301 + 303": ("T6-02",),
    "表6 公用经费合计 = 302 + 307 + 310 + 399": ("T6-03",),
    "表7 合计 = 出国 + 车小计 + 接待 (预算数, 决算数)": ("T7-01",),
    "表7 车小计 = 购置 + 运行 (预算数, 决算数)": ("T7-02",),
    "表8 本年支出 = 基本 + 项目": ("T8-01",),
    "表8 年末 = 年初 + 本年收入 - 本年支出": ("T8-02",),
    "表1 income rows 1-3 = 表4 income rows 1-3": ("X-T1-T4-01",),
    "表1 本年收入合计 = 表2 合计": ("X-T1-T2-01",),
    "表2 财政拨款收入 = 表1 rows 1+2+3": ("X-T1-T2-02",),
    "each other income column of 表2 = its row in 表1": ("X-T1-T2-03",),
    "表1 本年支出合计 = 表3 合计": ("X-T1-T3-01",),
    "each class in 表1 = the 类 row of 表3": ("X-T1-T3-02",),
    "表4 一般公共预算 column per class and total = 表5": ("X-T4-T5-01", "X-T4-T5-02"),
    "表4 政府性基金 column = 表8 本年支出 (per class and total)": ("X-T4-T8-01", "X-T4-T8-02"),
    "表4 row 2 = 表8 本年收入": ("X-T4-T8-03",),
    "表4 国有资本经营 column = 表9": ("X-T4-T9-01", "X-T4-T9-02"),
    "表5 基本支出 合计 = 表6 人员经费合计 + 公用经费合计": ("X-T5-T6-01",),
    "表5 ≤ 表3 per subject, column by column": ("X-T3-T5-01",),
    "表7 决算数 ≥ 表6 on 30212/30217/30231/31013 (warning)": ("X-T6-T7-01",),
    "表8/表9 non-empty exactly when 表4's column is non-zero": ("X-T4-T8-05", "X-T4-T9-03"),
    "performance evaluations' 执行数 vs 表5 项目支出 (warning)": ("S-PERF-01",),
    "政府采购 goods + works + services = total": ("S-PROC-01",),
    "政府采购 sme parts ≤ total": ("S-PROC-02",),
    "政府采购 small/micro ≤ sme": ("S-PROC-03",),
    "年初预算 codes exist in 表5/表8/表9": ("S-BUDG-01",),
    "material budget difference without a reason (warning)": ("S-BUDG-02",),
    # issue 10 (silent careless input) and issue 11 (units and signs)
    "an empty required table is one error; dependent rules are skipped": ("E-01",),
    "amounts in 元: 金额单位, a table 10000 times another, 上年数 10000 times this year": ("E-02", "E-03", "E-06"),
    "negative amounts where the official table cannot have one": ("E-04", "E-05"),
    "scores within weights, weights total 100, no invented scores": ("S-PERF-02", "S-PERF-03", "S-PERF-04",
                                                                      "S-PERF-05"),
    "the project count of the 绩效管理 text agrees with 绩效自评": ("S-PERF-06", "S-PERF-07"),
    "every 年初预算 项 has its 类, and 类 = Σ 项": ("S-BUDG-03", "S-BUDG-04"),
    "上海 procurement parts within their whole": ("S-PROC-05", "S-PROC-06"),
    "prior-year inputs all given or all absent; reasons only where compared": ("S-PRIOR-01", "S-PRIOR-02"),
    "free texts: placeholders, foreign years, repeated punctuation, Excel errors": ("W-01", "W-02", "W-03", "W-04"),
    "a bureau's catalogue: every code and name": ("C-04",),
    # issue 9 (上海): stated totals and 全年预算 within rounding, the stated self-evaluation summary
    "a stated 年初预算 合计 = Σ 类 within rounding": ("S-BUDG-05",),
    "全年预算 on every row of its fund; 类 = Σ 项 and 合计 = Σ 类 within rounding": ("S-BUDG-06", "S-BUDG-07"),
    "the stated self-evaluation summary whole and consistent": ("S-PERF-08", "S-PERF-09"),
    "the stated summary agrees with the score tables": ("S-PERF-10", "S-PERF-11"),
    "projects with goals but no self-evaluation count (warning)": ("S-PERF-12",),
}
WARNING_RULES = {"C-03", "X-T6-T7-01", "S-PERF-01", "S-BUDG-01", "S-BUDG-02", "E-05", "S-BUDG-03", "S-PERF-03",
                 "S-PRIOR-02", "S-PERF-07",
                 "S-PERF-05", "S-PRIOR-01", "W-02", "W-03", "S-PERF-12"}


def test_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == len(RULES_BY_ID)
    for rule_id in ids:
        assert ID.match(rule_id), rule_id


def test_every_domain_rule_is_in_the_catalogue() -> None:
    for statement, ids in DOMAIN_RULES.items():
        for rule_id in ids:
            assert rule_id in RULES_BY_ID, f"{statement}: {rule_id} missing"


def test_severities() -> None:
    assert {r.id for r in RULES if r.severity == WARNING} == WARNING_RULES
    assert all(r.severity in (ERROR, WARNING) for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_record_is_complete(rule) -> None:
    for text in (rule.title, rule.description, rule.template, rule.hint):
        assert text.strip() and CJK.search(text), f"{rule.id}: empty or not Chinese: {text!r}"
    assert rule.checks, f"{rule.id} declares nothing to check"
    for check in (*rule.checks, *rule.when):
        assert CJK.search(check.describe()), f"{rule.id}: {check!r} has no description"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_template_uses_only_blanks_its_checks_provide(rule) -> None:
    used = {name for _, name, _, _ in string.Formatter().parse(rule.template) if name}
    for check in rule.checks:
        assert used <= set(check.blanks), f"{rule.id}: {used - set(check.blanks)} not provided by {check!r}"


def test_rules_are_frozen_data() -> None:
    rule = RULES[0]
    with pytest.raises(AttributeError):
        rule.severity = WARNING  # type: ignore[misc]
    assert hash(rule.checks)  # declarations are hashable values, not functions


def test_reference_is_generated_from_the_declarations() -> None:
    text = rules_reference_markdown()
    for rule in RULES:
        assert f"### {rule.id} {rule.title}" in text
        assert rule.hint in text
        for check in rule.checks:
            assert check.describe() in text


def test_committed_reference_is_up_to_date() -> None:
    from generator.document_kinds import rule_catalogues

    assert DOCS.read_text(encoding="utf-8") == rules_reference_markdown(kinds=rule_catalogues()), (
        "docs/checks.md is stale: run .venv/bin/python -m generator.checks")
