"""The Jinja environment: sandbox, strict undefined, autoescape, the project's filters; the settings."""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal

import pytest
from jinja2 import UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from generator.figures import Change, ChangeState, change
from generator.render.context import DocumentContext, build_context, clause, clean_text, describe_context
from generator.render.environment import FILTERS, TemplateValueError, cn, make_environment
from generator.render.settings import SettingsError, load_settings

D = Decimal


@pytest.fixture(scope="module")
def hubei():
    return make_environment(load_settings("湖北"))


@pytest.fixture(scope="module")
def hunan():
    return make_environment(load_settings("湖南"))


def render(env, text: str, **context) -> str:
    return env.from_string(text).render(**context)


def test_environment_is_sandboxed_strict_and_escaping(hubei):
    assert isinstance(hubei, SandboxedEnvironment)
    with pytest.raises(UndefinedError):
        render(hubei, "{{ missing }}")
    with pytest.raises(UndefinedError):
        render(hubei, "{{ department.nmae }}", department=type("D", (), {"name": "x"})())
    assert render(hubei, "{{ t }}", t="A & B <c> \"d\" 'e'") == "A &amp; B &lt;c&gt; &#34;d&#34; &#39;e&#39;"
    with pytest.raises(SecurityError):
        render(hubei, "{{ x.__class__.__subclasses__() }}", x=1)


def test_printing_none_is_an_error(hubei):
    with pytest.raises(TemplateValueError):
        render(hubei, "{{ v }}", v=None)


def test_money_and_cells(hubei, hunan):
    assert render(hubei, "{{ v|money }}", v=D("546.99")) == "546.99"
    assert render(hubei, "{{ v|money }}", v=D("4.7")) == "4.70"
    assert render(hunan, "{{ v|cell }}", v=D("5578.66")) == "5,578.66"  # 湖南 tables: separators
    assert render(hunan, "{{ v|money }}", v=D("5986.91")) == "5986.91"  # 湖南 text: none
    assert render(hubei, "[{{ v|cell }}]", v=None) == "[]"  # a blank source cell stays blank
    assert render(hubei, "{{ v|cell }}", v=D("0")) == "0.00"
    with pytest.raises(TemplateValueError):
        render(hubei, "{{ v|money }}", v=None)


def test_percentages_follow_the_layout(hubei, hunan):
    assert render(hubei, "{{ v|pct }}", v=D("43.6")) == "43.6%"
    assert render(hunan, "{{ v|pct }}", v=D("82.2")) == "82.20%"
    assert render(hubei, "{{ v|pct }}", v=D("100")) == "100.0%"
    with pytest.raises(TemplateValueError):
        render(hubei, "{{ v|pct }}", v=None)


def test_change_words(hubei):
    up, down, flat = change(D("2"), D("1"), 1), change(D("1"), D("2"), 1), change(D("1"), D("1"), 1)
    words = "{{ c|change_verb }}/{{ c|trend_verb }}/{{ c|compare_verb }}"
    assert render(hubei, words, c=up) == "增加/增长/大于"
    assert render(hubei, words, c=down) == "减少/下降/小于"
    assert render(hubei, words, c=flat) == "持平/持平/等于"
    assert render(hubei, "{{ c|change_verb }}", c=change(D("2"), D("0"), 1)) == "增加"
    with pytest.raises(TemplateValueError):
        render(hubei, "{{ c|change_verb }}", c=Change(D("1"), None, None, None, ChangeState.NO_BASE))
    assert render(hubei, "{% if c.state == 'no_base' %}无法形成对比{% endif %}",
                  c=change(D("1"), None, 1)) == "无法形成对比"


def test_numbers(hubei):
    numbers = (1, 10, 12, 20, 23, 100, 105, 110)
    assert [cn(n) for n in numbers] == ["一", "十", "十二", "二十", "二十三", "一百", "一百零五", "一百一十"]
    assert render(hubei, "{{ v|num }}", v=D("20.00")) == "20"
    assert render(hubei, "{{ v|num }}", v=D("94.50")) == "94.5"
    assert set(FILTERS) <= set(hubei.filters)


def test_settings_of_each_layout():
    hubei, hunan, shanghai = (load_settings(x) for x in ("湖北", "湖南", "上海"))
    assert (hubei.percent_decimals, hunan.percent_decimals) == (1, 2)
    assert hunan.table_thousands and not hubei.table_thousands and not hunan.text_thousands
    assert hubei.list_zero_classes and not hunan.list_zero_classes and not shanghai.list_zero_classes
    assert (hubei.general_budget_detail, hunan.general_budget_detail) == ("class", "item")
    assert [g.label for g in shanghai.grades] == ["优", "良", "合格", "不合格"]
    for s in (hubei, hunan, shanghai):
        assert s.template_path.is_file()
    with pytest.raises(SettingsError, match="广东"):
        load_settings("广东")


def test_settings_errors_are_chinese(tmp_path):
    (tmp_path / "layouts.toml").write_text('[layouts."湖北"]\nfolder = "x"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="缺少设置项"):
        load_settings("湖北", tmp_path)
    (tmp_path / "layouts.toml").write_text("[layouts\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="格式有误"):
        load_settings("湖南", tmp_path)


def test_text_cleaning():
    assert clean_text("a\r\nb\x07c\x0cd\te") == "a\nbcd\te"
    assert clause("原因。") == "原因" and clause("原因；\n") == "原因"


def test_every_context_variable_has_a_chinese_help():
    docs = describe_context(DocumentContext)
    assert len(docs) > 150
    missing = [d.path for d in docs if not d.help]
    assert not missing, missing
    paths = {d.path for d in docs}
    assert {"figures.total.change.state", "tables.t2.rows[].amounts", "department.name",
            "glossary.subjects[].item_name", "charts.total.image"} <= paths


def test_build_context_is_pure_and_typed(hongshan):
    from generator.figures import compute_figures

    settings = load_settings("湖北")
    context = build_context(hongshan, compute_figures(hongshan), settings)
    again = build_context(hongshan, compute_figures(hongshan), settings)
    assert context == again
    assert dataclasses.is_dataclass(context) and context.draft is False
    hints = typing.get_type_hints(DocumentContext)
    for f in dataclasses.fields(context):
        assert f.name in hints
    assert len(context.listed.general_budget_classes) == len(hongshan.t4_appropriation_summary.classes)
    assert context.tables.t1.footer[-1].left.name == "总计"


def test_shared_environment_is_one_per_number_format():
    from generator.render.environment import environment_key, shared_environment

    hubei, hunan = load_settings("湖北"), load_settings("湖南")
    assert shared_environment(hubei) is shared_environment(load_settings("湖北"))
    same_formats = environment_key(hubei) == environment_key(hunan)
    assert (shared_environment(hubei) is shared_environment(hunan)) == same_formats
    for settings in (hubei, hunan):
        fresh, shared = make_environment(settings), shared_environment(settings)
        text = "{{ a|money }} {{ a|cell }} {{ p|pct }}"
        values = {"a": D("12345.675"), "p": D("43.75")}
        assert shared.from_string(text).render(**values) == fresh.from_string(text).render(**values)
