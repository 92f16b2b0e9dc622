"""Many workbooks, one command: the single-workbook pipeline run in worker processes.

Each workbook is independent: a failure is caught and recorded for that workbook only. A
manifest in the output folder records, per workbook, the hashes of the workbook, the templates
and the program version, so unchanged documents are skipped and changed ones are named.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import __version__
from generator.catalog.bureau import SubjectCatalogue
from generator.pipeline import build_workbook
from generator.resources import TEMPLATES_DIR

MANIFEST_NAME = "manifest.json"
SUMMARY_NAME = "批量汇总.xlsx"

# statuses, as the finance officer reads them in the summary
BUILT = "生成"
HAS_ERRORS = "有错误未生成"
UNREADABLE = "读取失败"
UNCHANGED = "未变化跳过"
CRASHED = "程序异常"
RENDER_FAILED = "生成失败"
CONFLICT = "部门年度重复"
PDF_FAILED = "PDF未生成"  # the document is written, its PDF is not
FAILED_STATUSES = (HAS_ERRORS, UNREADABLE, CRASHED, RENDER_FAILED, CONFLICT, PDF_FAILED)
PDF_CHUNK = 8  # documents per LibreOffice run: its start-up paid once per chunk


@dataclass(frozen=True)
class BatchItem:
    """What happened to one workbook."""

    workbook: str
    status: str
    department: str = ""
    year: int | None = None
    errors: int = 0
    warnings: int = 0
    document: str = ""
    report: str = ""
    message: str = ""
    workbook_hash: str = ""
    document_hash: str = ""
    changed: bool = False
    timings: dict[str, float] = field(default_factory=dict)  # a plain dict: it crosses process boundaries
    pdf: str = ""  # with ``run_batch(pdf=True)``: the PDF beside the document
    # the other documents the workbook asked for (基本信息 生成文档), written beside the document
    extra_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchResult:
    items: tuple[BatchItem, ...]
    interrupted: bool
    summary_path: Path | None
    elapsed: float

    @property
    def failed(self) -> tuple[BatchItem, ...]:
        return tuple(i for i in self.items if i.status in FAILED_STATUSES)


def discover(paths: Iterable[Path], output: Path | None = None) -> list[Path]:
    """Every workbook under the given folders (recursive) or the given files, in a stable order."""
    found: list[Path] = []
    out = output.resolve() if output else None
    for path in paths:
        candidates = sorted(path.rglob("*.xlsx")) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name.startswith(("~$", ".~")):  # Excel/WPS lock files and our temp files
                continue
            if out and out in candidate.resolve().parents:
                continue
            found.append(candidate)
    return list(dict.fromkeys(found))


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def templates_hash(folder: Path = TEMPLATES_DIR) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".docx", ".toml")):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def unreadable_report_path(output: Path, path: Path) -> Path:
    """The report of a workbook without a usable department and year: one per workbook, even for two
    workbooks of the same file name in different folders."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    return output / f"{path.stem[:60]}_{digest}_校验报告.xlsx"


def _identity(path: Path) -> tuple[str, int] | None:
    """Runs in a worker process: the department and year of a workbook, to find conflicts."""
    from generator.document_kinds import kind_of_workbook

    kind, _unknown = kind_of_workbook(path)
    return kind.read_identity(path) if kind.read_identity is not None else None


def _build_one(path: Path, output: Path, template: Path | None, force: bool,
               catalogue: SubjectCatalogue | None = None) -> BatchItem:
    """Runs in a worker process: never raises, returns the record of this workbook."""
    from generator.failures import describe_unexpected

    started = time.perf_counter()
    try:
        result = build_workbook(path, output, force=force, template=template, catalogue=catalogue,
                                unreadable_report=unreadable_report_path(output, path))
    except Exception as exc:  # one broken workbook must not stop the batch
        message, _log = describe_unexpected(exc, output, str(path))
        return BatchItem(str(path), CRASHED, message=message,
                         workbook_hash=file_hash(path) if path.exists() else "",
                         timings={"total": time.perf_counter() - started})
    check = result.check
    accounts = check.accounts
    if result.document is not None and result.failure:  # the document, not every one the workbook asked for
        status = RENDER_FAILED
    elif result.document is not None:
        status = BUILT
    elif result.failure:
        status = RENDER_FAILED
    elif check.read_failed:
        status = UNREADABLE
    else:
        status = HAS_ERRORS
    first_error = result.failure or next((str(p) for p in check.read_problems if p.severity == "错误"), "")
    if not first_error and check.report and check.report.errors:
        first_error = check.report.errors[0].message
    if not first_error and result.contradicts and result.audit is not None:
        first_error = "生成的文档自相矛盾：" + result.audit.errors[0].message
    timings = dict(result.timings)
    timings["total"] = time.perf_counter() - started
    return BatchItem(
        workbook=str(path), status=status,
        department=accounts.info.name if accounts else "", year=accounts.info.year if accounts else None,
        errors=check.error_count, warnings=check.warning_count,
        document=str(result.document or ""), report=str(result.report_path or ""),
        message=first_error, workbook_hash=file_hash(path),
        document_hash=file_hash(result.document) if result.document else "",
        timings=timings,
        extra_documents=tuple(str(e.document) for e in result.extras if e.document is not None),
    )


def _pdf_chunk(documents: list[str]) -> list[tuple[str, str, float]]:
    """Runs in a worker process (its own LibreOffice profile): ``(pdf or "", error, seconds)`` per document."""
    from generator.render.document import RenderError
    from generator.render.pdf import PdfError, publish

    try:
        results = publish([Path(d) for d in documents])
    except (PdfError, RenderError) as exc:
        return [("", exc.message, 0.0)] * len(documents)
    return [(str(r.pdf or ""), r.error, r.seconds) for r in results]


def _with_pdf(item: BatchItem, pdf: str, error: str, seconds: float) -> BatchItem:
    document = Path(item.document)
    timings = {**item.timings, "pdf": seconds}
    digest = file_hash(document) if document.is_file() else item.document_hash  # the 目录 now numbered
    if pdf:
        return replace(item, pdf=pdf, document_hash=digest, timings=timings)
    return replace(item, status=PDF_FAILED, message=f"未生成 PDF：{error}", document_hash=digest, timings=timings)


def _ignore_interrupt() -> None:
    # Ctrl-C goes to the whole process group: workers finish their current workbook (files are
    # written atomically anyway) and the parent stops handing out new ones.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load_manifest(output: Path) -> dict[str, dict[str, object]]:
    path = output / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, OSError):
        return {}  # a damaged manifest only costs a full rebuild
    return data.get("workbooks", {}) if isinstance(data, dict) else {}


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save_manifest(output: Path, entries: Mapping[str, Mapping[str, object]]) -> None:
    payload = {"program_version": __version__, "workbooks": dict(sorted(entries.items()))}
    _write_atomic(output / MANIFEST_NAME, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))


def _unchanged(entry: Mapping[str, object] | None, workbook_hash: str, tpl_hash: str, pdf: bool = False) -> bool:
    if not entry or entry.get("status") != BUILT:
        return False
    document = Path(str(entry.get("document", "")))
    if pdf and not (entry.get("pdf") and Path(str(entry["pdf"])).exists()):
        return False
    others = entry.get("extra_documents", [])
    return (entry.get("workbook_hash") == workbook_hash and entry.get("templates_hash") == tpl_hash
            and entry.get("program_version") == __version__ and document.exists()
            and all(Path(str(d)).exists() for d in others))  # type: ignore[union-attr]


def _conflicts(todo: Sequence[Path], identities: Mapping[Path, tuple[str, int] | None],
               known: Mapping[str, BatchItem]) -> dict[Path, BatchItem]:
    """A ``CONFLICT`` record for each workbook to build whose department and year another workbook of
    this batch also has: both would write the same folder, so neither is built (nor overwritten)."""
    groups: dict[tuple[str, int], list[str]] = {}
    for item in known.values():  # unchanged workbooks keep their documents; a newcomer must not replace them
        if item.department and item.year is not None:
            groups.setdefault((item.department, item.year), []).append(item.workbook)
    for path in todo:
        identity = identities.get(path)
        if identity is not None:
            groups.setdefault(identity, []).append(str(path))
    out: dict[Path, BatchItem] = {}
    for path in todo:
        identity = identities.get(path)
        members = groups.get(identity, []) if identity else []
        if len(members) < 2:
            continue
        others = "、".join(f"「{m}」" for m in members if m != str(path))
        message = (f"与 {others} 是同一部门（{identity[0]}）的同一年度（{identity[1]}），文档会写入同一文件夹，"
                   "因此都未生成，已有的文档保持不变。请删除多余的工作簿，或改正其中的“部门名称”或“决算年度”。")
        out[path] = BatchItem(str(path), CONFLICT, department=identity[0], year=identity[1], message=message,
                              workbook_hash=file_hash(path))
    return out


def _convert_built(pool: ProcessPoolExecutor, items: dict[str, BatchItem], n_workers: int, done: int, total: int,
                   progress: Callable[[BatchItem, int, int], None] | None) -> tuple[int, int]:
    """The PDF of every document built in this run, in chunks over the worker processes; ``items`` updated."""
    keys = [k for k, item in items.items() if item.status == BUILT and item.document]
    size = max(1, min(PDF_CHUNK, -(-len(keys) // n_workers)))
    chunks = [keys[i:i + size] for i in range(0, len(keys), size)]
    total += len(keys)
    pending = {pool.submit(_pdf_chunk, [d for k in chunk for d in (items[k].document, *items[k].extra_documents)]):
               chunk for chunk in chunks}
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            chunk = pending.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:  # a worker that died during the conversion
                outcomes = [("", f"{type(exc).__name__}: {exc}", 0.0)] * sum(1 + len(items[k].extra_documents)
                                                                             for k in chunk)
            for key in chunk:  # each workbook's document first, then its other documents
                size = 1 + len(items[key].extra_documents)
                own, outcomes = outcomes[:size], outcomes[size:]
                pdf_path, error, _seconds = own[0]
                failed = next((e for p, e, _s in own[1:] if not p), "")
                if pdf_path and failed:
                    pdf_path, error = "", failed
                items[key] = _with_pdf(items[key], pdf_path, error, sum(s for _p, _e, s in own))
                done += 1
                if progress:
                    progress(items[key], done, total)
    return done, total


def run_batch(paths: Sequence[Path], output: Path, *, force: bool = False, workers: int | None = None,
              template: Path | None = None,
              progress: Callable[[BatchItem, int, int], None] | None = None,
              catalogue: SubjectCatalogue | None = None, pdf: bool = False) -> BatchResult:
    """Check and build every workbook; ``progress(item, done, total)`` is called as each one ends;
    ``catalogue``: the bureau's subject catalogue, applied to every workbook.

    With ``pdf``, the built documents are then converted to PDF in the same worker processes, in
    chunks of ``PDF_CHUNK`` per LibreOffice run; ``progress`` is called again for each of them, the
    total growing by the number of documents to convert.
    """
    from generator.batch_report import write_summary_xlsx  # presenter, kept apart from the runner

    started = time.perf_counter()
    output.mkdir(parents=True, exist_ok=True)
    workbooks = discover(paths, output)
    manifest = load_manifest(output)
    tpl_hash = templates_hash() if template is None else file_hash(template)
    if catalogue is not None:  # another catalogue may turn a built document into an error
        tpl_hash += ":" + hashlib.sha256(repr(sorted(catalogue.names.items())).encode()).hexdigest()
    items: dict[str, BatchItem] = {}
    todo: list[Path] = []
    for path in workbooks:
        key = str(path.resolve())
        wb_hash = file_hash(path) if path.exists() else ""
        if not force and _unchanged(manifest.get(key), wb_hash, tpl_hash, pdf):
            entry = manifest[key]
            items[key] = BatchItem(str(path), UNCHANGED, department=str(entry.get("department", "")),
                                   year=entry.get("year"), document=str(entry.get("document", "")),  # type: ignore[arg-type]
                                   warnings=int(entry.get("warnings", 0)),  # type: ignore[call-overload]
                                   workbook_hash=wb_hash, document_hash=str(entry.get("document_hash", "")),
                                   pdf=str(entry.get("pdf", "")),
                                   extra_documents=tuple(str(d) for d in entry.get("extra_documents", [])))
        else:
            todo.append(path)
    total = len(workbooks)
    done = len(items)
    if progress:
        for item in items.values():
            progress(item, done, total)

    interrupted = False
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    if todo:
        with ProcessPoolExecutor(max_workers=n_workers, initializer=_ignore_interrupt) as pool:
            pending: dict[Future[BatchItem], Path] = {}
            try:
                identities = dict(zip(todo, pool.map(_identity, todo), strict=True)) if len(workbooks) > 1 else {}
                for path, item in _conflicts(todo, identities, items).items():
                    items[str(path.resolve())] = item
                    done += 1
                    if progress:
                        progress(item, done, total)
                queue = [p for p in todo if str(p.resolve()) not in items]
                while queue or pending:
                    while queue and len(pending) < n_workers * 2:
                        path = queue.pop(0)
                        pending[pool.submit(_build_one, path, output, template, force, catalogue)] = path
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        path = pending.pop(future)
                        try:
                            item = future.result()
                        except Exception as exc:  # a worker that died (out of memory, killed)
                            from generator.failures import describe_unexpected

                            message, _log = describe_unexpected(exc, output, str(path))
                            item = BatchItem(str(path), CRASHED, message=message)
                        items[str(path.resolve())] = item
                        done += 1
                        if progress:
                            progress(item, done, total)
                if pdf:
                    done, total = _convert_built(pool, items, n_workers, done, total, progress)
            except KeyboardInterrupt:
                interrupted = True
                pool.shutdown(wait=True, cancel_futures=True)
                for future, path in pending.items():
                    if future.done() and not future.cancelled() and future.exception() is None:
                        items[str(path.resolve())] = future.result()

    entries = dict(manifest)
    for key, item in items.items():
        previous = manifest.get(key, {})
        changed = item.status == BUILT and previous.get("document_hash") != item.document_hash
        items[key] = replace(item, changed=changed)
        if item.status in (BUILT, *FAILED_STATUSES):
            entries[key] = {
                "status": item.status, "department": item.department, "year": item.year,
                "workbook_hash": item.workbook_hash, "templates_hash": tpl_hash,
                "program_version": __version__, "document": item.document,
                "document_hash": item.document_hash, "warnings": item.warnings, "pdf": item.pdf,
                "extra_documents": list(item.extra_documents),
            }
    save_manifest(output, entries)
    ordered = tuple(items[str(p.resolve())] for p in workbooks if str(p.resolve()) in items)
    summary = output / SUMMARY_NAME
    write_summary_xlsx(summary, ordered, interrupted=interrupted)
    return BatchResult(ordered, interrupted, summary, time.perf_counter() - started)
