"""Bounds on what a Word template may make the renderer do: loop steps, text sizes, output, time, memory.

Template maintainers edit the Word templates, and a template may come from anywhere (``--template``).
Jinja's sandbox stops attribute tricks but not work: ``{% for %}`` inside ``{% for %}`` runs for
hours, ``{{ '一' * 100000000 }}`` is even expanded by Jinja's constant folding at *compile* time, and
``center``, ``replace``, ``%`` or ``~`` in a loop grow strings without limit. ``BoundedSandbox``:

* intercepts ``*``, ``**``, ``%`` and ``+`` (``intercepted_binops``: Jinja then also stops folding
  them at compile time) and refuses a result that would be too large before computing it;
* compiles ``{% for %}`` so that each step is counted (``BoundedCodeGenerator.visit_For`` wraps the
  iterable) and ``~`` so that its size is checked first (``visit_Concat``);
* checks the arguments of the string methods and filters that pad, repeat or replace, and ``range``;
* gives every render a budget (``render_budget``, or one per ``Template.render`` via ``concat``): loop
  steps, characters produced, wall-clock seconds and growth of the process's memory.

Exceeding a bound raises ``TemplateLimitError`` (a ``TemplateRuntimeError`` with a Chinese message),
raised inside the template's code so that the renderer can name the paragraph.

``BoundedCodeGenerator`` subclasses Jinja's code generator (``Environment.code_generator_class`` is
public API; its ``visit_For``/``visit_Concat`` are not documented): measured reason — no public hook
counts loop steps. tests/render/test_template_limits.py fails if a Jinja release changes this.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import sys
import time
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateRuntimeError, nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import do_center, do_indent, do_replace
from jinja2.sandbox import SandboxedEnvironment

MAX_RANGE = 100_000  # items of one range()
MAX_LOOP_STEPS = 1_000_000  # loop steps of one render (a real document takes a few thousand)
MAX_STRING = 2_000_000  # characters (or items) of one value made by the template
MAX_PRODUCED = 100_000_000  # characters made by the guarded operations and printed, per render
MAX_OUTPUT = 100_000_000  # characters of one rendered part
MAX_SECONDS = 20.0  # wall-clock seconds of one render (a document takes well under one)
MAX_MEMORY_GROWTH = 768 * 1024 * 1024  # bytes the process may grow by during one render
MAX_INT_BITS = 100_000  # of an integer made by * or **
_CHECK_EVERY = 1024  # loop steps between checks of the clock and of the memory


class TemplateLimitError(TemplateRuntimeError):
    """The template asked for more work than a document can need; the message is Chinese."""


def _rss() -> int:
    """Resident memory of this process in bytes (0 where it cannot be measured cheaply)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource  # not on Windows

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return 0


@dataclass
class Budget:
    """What one render may still spend."""

    seconds: float = MAX_SECONDS
    steps_left: int = MAX_LOOP_STEPS
    produced_left: int = MAX_PRODUCED
    started: float = field(default_factory=time.monotonic)
    memory_at_start: int = field(default_factory=_rss)
    _until_check: int = _CHECK_EVERY

    def check(self) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise TemplateLimitError(f"生成时间超过上限（{self.seconds:g} 秒），模板中可能有过大或嵌套过深的循环")
        if self.memory_at_start and _rss() - self.memory_at_start > MAX_MEMORY_GROWTH:
            raise TemplateLimitError(f"生成时占用的内存超过上限（{MAX_MEMORY_GROWTH // (1024 * 1024)} MB）")

    def step(self) -> None:
        self.steps_left -= 1
        if self.steps_left < 0:
            raise TemplateLimitError(f"循环次数超过上限（{MAX_LOOP_STEPS} 次），模板中可能有过大或嵌套过深的循环")
        self._until_check -= 1
        if self._until_check <= 0:
            self._until_check = _CHECK_EVERY
            self.check()

    def produce(self, size: int) -> None:
        self.produced_left -= size
        if self.produced_left < 0:
            raise TemplateLimitError(f"模板生成的文字总量超过上限（{MAX_PRODUCED} 个字符）")
        if size > 100_000:
            self.check()


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("juesuan_template_budget", default=None)


@contextlib.contextmanager
def render_budget(seconds: float = MAX_SECONDS) -> Iterator[Budget]:
    """One budget for everything rendered inside (a document's body, headers, footers, properties)."""
    budget = Budget(seconds=seconds)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def _produce(size: int) -> None:
    if size > MAX_STRING:
        raise TemplateLimitError(f"模板生成的文字过长（约 {size} 个字符，上限 {MAX_STRING}）")
    budget = _current.get()
    if budget is not None:
        budget.produce(size)


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _check_int(value: Any) -> None:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError("模板中计算出的数字过大")


# ------------------------------------------------------------------------------------- operators

_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}|\{[^{}]*:[^{}]*\{")
_BIG_NUMBER = re.compile(r"\d{5,}")


def _check_percent_format(text: str) -> None:
    for m in _PERCENT_FIELD.finditer(text):
        for part in (m.group(1), m.group(2)):
            if part == "*" or (part and int(part) > 10_000):
                raise TemplateLimitError("“%”格式中的宽度或精度过大")


def _check_format_spec(text: str) -> None:
    for m in _FORMAT_SPEC.finditer(text):
        spec = m.group(1)
        if spec is None or _BIG_NUMBER.search(spec):
            raise TemplateLimitError("format 格式中的宽度或精度过大")


def _multiply(left: Any, right: Any) -> Any:
    for seq, n in ((left, right), (right, left)):
        size = _sized(seq)
        if size is not None and isinstance(n, int) and not isinstance(n, bool):
            _produce(size * max(n, 0))
            return left * right
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimitError("模板中计算出的数字过大")
    return left * right


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        if right > 0 and left.bit_length() * right > MAX_INT_BITS:
            raise TemplateLimitError("模板中乘方的结果过大")
    try:
        return left**right
    except OverflowError as exc:
        raise TemplateLimitError("模板中乘方的结果过大") from exc


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_percent_format(left)
        result = left % right
        _produce(len(result))
        return result
    return left % right


def _add(left: Any, right: Any) -> Any:
    a, b = _sized(left), _sized(right)
    if a is not None and b is not None:
        _produce(a + b)
    result = left + right
    _check_int(result)
    return result


_BINOPS = {"*": _multiply, "**": _power, "%": _modulo, "+": _add}


# ------------------------------------------------------------------------------------- calls

_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill"}


def _check_method_call(func: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call to a string or list method whose result would be too large."""
    if not isinstance(func, types.BuiltinMethodType | types.MethodType):
        return
    owner, name = getattr(func, "__self__", None), getattr(func, "__name__", "")
    if isinstance(owner, str):
        if name in _WIDTH_METHODS and args and isinstance(args[0], int):
            _produce(max(args[0], len(owner)))
        elif name == "expandtabs":
            tab = args[0] if args and isinstance(args[0], int) else kwargs.get("tabsize", 8)
            _produce(len(owner) + owner.count("\t") * max(int(tab), 0))
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            count = owner.count(args[0]) if args[0] else len(owner) + 1
            _produce(len(owner) + count * max(len(args[1]) - len(args[0]), 0))
        elif name == "join" and args and isinstance(args[0], list | tuple):
            _produce(sum(len(x) for x in args[0] if isinstance(x, str)) + len(owner) * len(args[0]))
    elif isinstance(owner, list) and name in ("extend", "__iadd__") and args:
        size = _sized(args[0])
        if size is not None:
            _produce(len(owner) + size)
    elif isinstance(owner, list) and name in ("append", "insert"):
        _produce(len(owner) + 1)


def _bounded_center(value: Any, width: int = 80) -> str:
    _produce(max(int(width), 0))
    return do_center(value, width)


def _bounded_indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    text = str(s)
    pad = len(width) if isinstance(width, str) else int(width)
    _produce(len(text) + (text.count("\n") + 1) * max(pad, 0))
    return do_indent(s, width, first, blank)


def _bounded_format(value: Any, *args: Any, **kwargs: Any) -> str:
    text = str(value)
    _check_percent_format(text)
    result = text % (kwargs or args)
    _produce(len(result))
    return result


@pass_eval_context
def _bounded_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
    text, old_text, new_text = str(s), str(old), str(new)
    n = text.count(old_text) if old_text else len(text) + 1
    if count is not None:
        n = min(n, max(int(count), 0))
    _produce(len(text) + n * max(len(new_text) - len(old_text), 0))
    return do_replace(eval_ctx, s, old, new, count)


def _bounded_safe_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitError(f"range() 的范围过大（{len(rng)} 项，上限 {MAX_RANGE} 项）")
    return rng


# ------------------------------------------------------------------------------------- compiler


class BoundedCodeGenerator(CodeGenerator):
    """Compiles ``{% for %}`` with a counted iterable and ``~`` with a size check."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not getattr(node, "_juesuan_bounded", False):
            node.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iter"), [node.iter], [], None, None,
                                   lineno=node.lineno)
            node._juesuan_bounded = True  # type: ignore[attr-defined]
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class BoundedSandbox(SandboxedEnvironment):
    """``SandboxedEnvironment`` with the bounds of this module (see the module docstring)."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset(_BINOPS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _bounded_safe_range
        self.globals.pop("lipsum", None)  # lipsum(n=10**6) writes megabytes of text
        self.filters.update({"center": _bounded_center, "indent": _bounded_indent, "format": _bounded_format})
        self.filters["replace"] = _bounded_replace

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _BINOPS[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_method_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        _check_format_spec(value.__self__)

        def bounded(*args: Any, **kwargs: Any) -> str:
            result = wrapper(*args, **kwargs)
            _produce(len(result))
            return result

        return bounded

    def bounded_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The loop's iterable, each step counted against the render's budget."""
        budget = _current.get()
        if budget is None:
            yield from iterable
            return
        for item in iterable:
            budget.step()
            yield item

    def bounded_concat(self, parts: tuple[Any, ...], autoescape: bool) -> str:
        from jinja2.utils import concat

        texts = [p if isinstance(p, str) else str(p) for p in parts]
        _produce(sum(len(t) for t in texts))
        if autoescape:
            from jinja2.runtime import markup_join

            return markup_join(parts)
        return concat(texts)

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """``Template.render`` joins the rendered pieces here: the output is counted as it is made."""
        budget = _current.get()
        with contextlib.ExitStack() as stack:
            if budget is None:
                budget = stack.enter_context(render_budget())
            out: list[str] = []
            size = 0
            for piece in pieces:
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise TemplateLimitError(f"模板生成的内容超过上限（{MAX_OUTPUT} 个字符）")
                out.append(piece)
            return "".join(out)


def count_printed(value: Any) -> None:
    """A value printed by ``{{ }}`` counts against the render's budget (called by ``finalize``)."""
    if isinstance(value, str):
        budget = _current.get()
        if budget is not None:
            budget.produce(len(value))
