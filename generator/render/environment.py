"""The one place that owns the Jinja setup of the Word templates.

``make_environment(settings)`` returns a ``SandboxedEnvironment`` (``limits.BoundedSandbox``: loops, sizes,
time and memory are bounded) with ``autoescape=True`` (so that
``&``, ``<``, ``>`` and quotes typed by the accountant reach Word exactly), ``StrictUndefined`` (a
misspelt variable is an error, not a blank) and the project's filters. Printing ``None`` is an error
too: a figure that cannot be computed (a share of a zero total, a change without a prior year) has a
``state`` the template must test instead.

Filters (documented for template maintainers in docs/templates.md):

``money``        amount in 万元, two decimals: ``546.99`` (thousands separators per the layout's
                 ``text_thousands``)
``cell``         a table cell: blank for a blank source cell (``None``), else like ``money`` with the
                 layout's ``table_thousands``
``pct``          percentage with the layout's decimals and the sign: ``43.7%``
``num``          a number without trailing zeros: ``20.00`` → ``20``, ``94.50`` → ``94.5``
``change_verb``  增加 / 减少 / 持平 for a ``Change``
``trend_verb``   增长 / 下降 / 持平 for a ``Change``
``compare_verb`` 大于 / 小于 / 等于 for a ``Change`` (决算数大于预算数)
``cn``           an integer as a Chinese numeral: ``12`` → ``十二`` (for 一、二、 and （一）)
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import StrictUndefined, TemplateRuntimeError
from jinja2.sandbox import SandboxedEnvironment

from generator.figures import Change, ChangeState
from generator.render.limits import BoundedSandbox, count_printed
from generator.render.settings import LayoutSettings

__all__ = ["FILTERS", "TemplateValueError", "environment_key", "make_environment", "shared_environment"]

CENT = Decimal("0.01")


class TemplateValueError(TemplateRuntimeError):
    """A template printed a value that has no printed form (None, a percentage of nothing …)."""


def _amount(value: Any, thousands: bool, filter_name: str) -> str:
    if value is None:
        raise TemplateValueError(f"{filter_name}：金额为空（None），请在模板中先判断是否有该数据")
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TemplateValueError(f"{filter_name}：{value!r} 不是金额")
    number = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{number:,.2f}" if thousands else f"{number:.2f}"


def money(value: Any, thousands: bool = False) -> str:
    """``546.99``; with ``thousands`` ``5,578.66``."""
    return _amount(value, thousands, "money")


def cell(value: Any, thousands: bool = False) -> str:
    """A table amount: blank when the source cell was blank (``None``)."""
    if value is None:
        return ""
    return _amount(value, thousands, "cell")


def pct(value: Any, decimals: int = 1) -> str:
    """``43.7%`` (``decimals`` places, half up)."""
    if value is None:
        raise TemplateValueError("pct：百分比不可计算（分母为0或没有上年数），请在模板中按 state 分别表述")
    quantum = Decimal(1).scaleb(-decimals)
    return f"{Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)}%"


def num(value: Any) -> str:
    """A number without trailing zeros: ``20.00`` → ``20``, ``94.50`` → ``94.5``."""
    if value is None:
        raise TemplateValueError("num：数值为空（None）")
    d = Decimal(str(value))
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _state(value: Any, filter_name: str) -> ChangeState:
    if not isinstance(value, Change):
        raise TemplateValueError(f"{filter_name}：{value!r} 不是增减比较（Change）")
    if value.state == ChangeState.NO_BASE:
        raise TemplateValueError(f"{filter_name}：没有上年数，无法形成对比；请在模板中先判断 state == 'no_base'")
    return value.state


def change_verb(value: Any) -> str:
    """增加 / 减少 / 持平."""
    state = _state(value, "change_verb")
    return {ChangeState.DECREASE: "减少", ChangeState.FLAT: "持平"}.get(state, "增加")


def trend_verb(value: Any) -> str:
    """增长 / 下降 / 持平."""
    state = _state(value, "trend_verb")
    return {ChangeState.DECREASE: "下降", ChangeState.FLAT: "持平"}.get(state, "增长")


def compare_verb(value: Any) -> str:
    """大于 / 小于 / 等于."""
    state = _state(value, "compare_verb")
    return {ChangeState.DECREASE: "小于", ChangeState.FLAT: "等于"}.get(state, "大于")


_DIGITS = "零一二三四五六七八九"


def cn(value: Any) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 100 → 一百."""
    n = int(value)
    if n < 0 or n > 999:
        raise TemplateValueError(f"cn：{n} 超出范围（0—999）")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    return head + (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else ""))


FILTERS = ("money", "cell", "pct", "num", "change_verb", "trend_verb", "compare_verb", "cn")


def _finalize(value: Any) -> Any:
    if value is None:
        raise TemplateValueError("模板输出了空值（None）：该数据不存在，请在模板中先判断")
    count_printed(value)
    return value


def environment_key(settings: LayoutSettings | None = None) -> tuple[int, bool, bool]:
    """The settings ``make_environment`` depends on: two settings with the same key give equal environments."""
    if settings is None:
        return (1, False, False)
    return (settings.percent_decimals, settings.table_thousands, settings.text_thousands)


def make_environment(settings: LayoutSettings | None = None) -> SandboxedEnvironment:
    """The Jinja environment of the Word templates, with the layout's number formats."""
    return _build_environment(*environment_key(settings))


@functools.lru_cache(maxsize=16)
def _shared(key: tuple[int, bool, bool]) -> SandboxedEnvironment:
    return _build_environment(*key)


def shared_environment(settings: LayoutSettings | None = None) -> SandboxedEnvironment:
    """Like ``make_environment``, but one environment per distinct ``environment_key`` in the process.

    The renderer compiles each Word template once per process and environment (a compiled Jinja
    template is bound to its environment), so it must get the same environment for equal settings.
    Do not change the returned environment.
    """
    return _shared(environment_key(settings))


def _build_environment(decimals: int, table_thousands: bool, text_thousands: bool) -> SandboxedEnvironment:
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize,
                               keep_trailing_newline=True)
    env.filters.update({
        "money": lambda v: money(v, text_thousands),
        "cell": lambda v: cell(v, table_thousands),
        "pct": lambda v: pct(v, decimals),
        "num": num,
        "change_verb": change_verb,
        "trend_verb": trend_verb,
        "compare_verb": compare_verb,
        "cn": cn,
    })
    return env
