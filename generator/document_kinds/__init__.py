"""Document kinds (文档类型): the final accounts, the budget, the performance self-evaluation report.

Each kind is one unit — its workbook declaration and reader, its rules, its figures, its templates —
registered here once as a ``DocumentKind``. The shared stages (``pipeline``, ``batch``, the CLI) ask
this registry what to do with a workbook and never branch on the kind themselves.

A workbook names its kind in the 基本信息 field 文档类型 (``DOCUMENT_KIND_LABEL``); a workbook without
that field is a final-accounts workbook (every workbook written before kinds existed).

Every kind's model has an ``info`` with ``name`` (部门名称) and ``year`` (年度): the output folder,
the batch's conflict check and the reports' titles use them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.labels import normalize

DOCUMENT_KIND_LABEL = "文档类型"


class DepartmentIdentity(Protocol):
    name: str
    year: int


class KindModel(Protocol):
    """What the shared stages need of every kind's model."""

    info: DepartmentIdentity


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document, declared as data: names and the functions of its stages.

    The functions are imported lazily (``_lazy``) so that registering a kind costs nothing until a
    workbook of that kind is read.
    """

    key: str  # stable id: final_accounts, budget, self_evaluation
    title: str  # 文档类型 as the workbook names it: 部门决算
    aliases: tuple[str, ...]  # other spellings an accountant may type: 决算, 部门决算公开
    # path → (model or None, read problems)
    read: Callable[[Path], tuple[Any, tuple[Any, ...]]]
    # (model, subject catalogue or None) → CheckReport
    check: Callable[[Any, Any], Any]
    # (model, output root, *, template, draft, inspect) → RenderedDocument
    render: Callable[..., Any]
    # (docx bytes, model) → AuditReport: the build's self-audit of what it rendered
    audit_rendered: Callable[[bytes, Any], Any]
    # (path, **options) → None: the blank workbook of the kind
    write_blank_workbook: Callable[..., Any]
    # path → (部门名称, 年度) read cheaply from 基本信息, or None (the batch finds two workbooks of one
    # department and year before building either)
    read_identity: Callable[[Path], tuple[str, int] | None] | None = None
    # (model, template path) → None: render with ``template`` writing nothing (``template check``)
    try_template: Callable[[Any, Path], Any] | None = None
    # (model) → the title of its 校验报告: "洪山区医疗保障局 2021年度 部门决算校验报告"
    report_title: Callable[[Any], str] | None = None
    # (this year's model, last year's model) → this year's model with its prior-year figures (``--prior``)
    with_prior: Callable[[Any, Any], Any] | None = None
    # workbooks of other kinds this kind's document can also be made from (a final-accounts workbook that
    # asks for the self-evaluation report in 生成文档): that kind's key → (its model) → (this kind's model,
    # read problems)
    made_from: Mapping[str, Callable[[Any], tuple[Any, tuple[Any, ...]]]] = field(default_factory=dict)
    # () → the kind's own rule catalogue, listed in docs/checks.md under its title (the final accounts'
    # rules are the catalogue's first part)
    rules: Callable[[], Any] | None = None
    # () → the dataclass of the template context (``template check`` finds unknown variables with it)
    template_schema: Callable[[], type] | None = None
    # (template, sample workbooks, *, progress) → template issues: the template rendered with each sample
    check_with_samples: Callable[..., list[Any]] | None = None
    # (old model, new model) → the figures a correction changed (``juesuan diff``: ``generator.diff.FigureChange``)
    figure_changes: Callable[[Any, Any], list[Any]] | None = None
    # () → the Markdown reference of the template's variables (``juesuan template reference --kind``)
    variables_markdown: Callable[[], str] | None = None
    # (read document, audit settings) → AuditReport: ``juesuan audit`` of a finished document of this kind
    # without its workbook; raises ``generator.audit.NotADocument`` for a document of another kind
    audit_document: Callable[..., Any] | None = None

    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    def default_report_title(self, model: Any) -> str:
        if self.report_title is not None:
            return self.report_title(model)
        return f"{model.info.name} {model.info.year}年度 {self.title}校验报告"


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A function of ``module`` imported on its first call (keeps ``import generator.pipeline`` light)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = f"{module}.{name}"
    return call


lazy = _lazy

_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.key in _REGISTRY:
        raise ValueError(f"document kind {kind.key!r} registered twice")
    taken = {normalize(n): k.key for k in _REGISTRY.values() for n in k.names()}
    for name in kind.names():
        if normalize(name) in taken:
            raise ValueError(f"文档类型 {name!r} of {kind.key!r} is already {taken[normalize(name)]!r}")
    _REGISTRY[kind.key] = kind
    return kind


def all_kinds() -> tuple[DocumentKind, ...]:
    """The registered kinds: the built-in ones in ``BUILTIN_KINDS`` order (a module imported directly registers
    its kind early: the order must not depend on that), then others as registered."""
    _load_builtin()
    builtin = {module.rsplit(".", 1)[1]: i for i, module in enumerate(BUILTIN_KINDS)}
    return tuple(sorted(_REGISTRY.values(), key=lambda k: builtin.get(k.key, len(builtin))))


def kind_by_key(key: str) -> DocumentKind:
    _load_builtin()
    return _REGISTRY[key]


def kind_named(name: str) -> DocumentKind | None:
    """The kind whose 文档类型 (or an alias) is ``name``; ``None`` for an unknown name."""
    wanted = normalize(name)
    return next((k for k in all_kinds() if any(normalize(n) == wanted for n in k.names())), None)


def kind_of_template(path: Path) -> DocumentKind:
    """The kind a Word template is written for, judged by its variables: the kind whose context leaves the
    fewest errors in ``template check`` (the final accounts on a tie). For ``template check`` without
    ``--kind``: a maintainer checking the self-evaluation template should not get 46 “变量不存在”."""
    from generator.template_check import check_template

    def errors(kind: DocumentKind) -> int:
        if kind.template_schema is None:
            return 1 << 30
        return sum(i.severity == "错误" for i in check_template(path, schema=kind.template_schema()))

    kinds = all_kinds()
    return min(kinds, key=lambda k: (errors(k), k.key != "final_accounts"))


def default_kind() -> DocumentKind:
    return kind_by_key("final_accounts")


def kind_titles() -> str:
    return "、".join(k.title for k in all_kinds())


def kind_of_workbook(path: Path) -> tuple[DocumentKind, str]:
    """The kind a workbook declares in 基本信息 文档类型, and the value as typed when it is unknown
    (``""`` when known). A workbook without the field, or one that cannot be read here, is a
    final-accounts workbook: its own reader then reports whatever is wrong with it."""
    from generator.workbook.reader import read_info_value

    typed = read_info_value(path, DOCUMENT_KIND_LABEL)
    if not typed:
        return default_kind(), ""
    found = kind_named(typed)
    return (found, "") if found is not None else (default_kind(), typed)


def rule_catalogues() -> list[tuple[str, Any]]:
    """(title, rules) of every kind that declares its own rule catalogue, in the registry's order."""
    return [(k.title, tuple(k.rules())) for k in all_kinds() if k.rules is not None]


def samples_of_kind(key: str) -> list[Path]:
    """The bundled sample workbooks of one kind (``template check``/``preview`` render a kind's template with
    its own samples), then those of other kinds that ask for this kind's document in 基本信息 生成文档 (the
    kind's model made from them: ``made_from``), so that both shapes of its model are rendered."""
    from generator.resources import sample_workbooks

    kind = kind_by_key(key)
    own, hosting = [], []
    for path in sample_workbooks():
        its = kind_of_workbook(path)[0]
        if its.key == key:
            own.append(path)
        elif its.key in kind.made_from and kind in _requested(path, its):
            hosting.append(path)
    return own + hosting


def _requested(path: Path, kind: DocumentKind) -> tuple[DocumentKind, ...]:
    from generator.pipeline import requested_documents

    return requested_documents(path, kind)[0]


def read_as(kind: DocumentKind, path: Path) -> tuple[Any, tuple[Any, ...]]:
    """The model of ``kind`` from a workbook: read by ``kind`` itself, or made from a workbook of another kind
    that ``kind`` can be made from (``made_from``): (model or None, read problems)."""
    its = kind_of_workbook(path)[0]
    if its.key == kind.key or its.key not in kind.made_from:
        return kind.read(path)
    model, problems = its.read(path)
    if model is None:
        return None, tuple(problems)
    made, more = kind.made_from[its.key](model)
    return made, tuple(problems) + tuple(more)


_LOADED = False


def _load_builtin() -> None:
    """Register the kinds that ship with the tool (their modules call ``register``)."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib

    for module in BUILTIN_KINDS:
        importlib.import_module(module)


# The kinds that ship with the tool, in the order commands list them. A new kind is a package under
# generator/document_kinds/ whose module registers it, added here.
BUILTIN_KINDS = (
    "generator.document_kinds.final_accounts",
    "generator.document_kinds.budget",
    "generator.document_kinds.self_evaluation",
)
