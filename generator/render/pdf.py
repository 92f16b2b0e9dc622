"""The PDF beside the .docx, laid out by LibreOffice (headless), with the 目录 numbered.

LibreOffice opens the .docx, updates its table of contents (so the PDF's 目录 has page numbers) and
exports the PDF; a small Basic macro (``libreoffice_convert.bas``, installed in the user profile)
does both in one run and reports the page of each 目录 entry, which ``number_toc`` then writes into
the .docx so that Word and WPS show the same page numbers without 更新域.

Each process uses its own LibreOffice user profile (a temporary folder removed at exit): parallel
conversions never share a profile, whose lock would make a second LibreOffice wait or quit. One
LibreOffice run converts a list of documents (``convert``), so a batch pays its start-up once per
chunk. A run that exceeds its time limit is killed with its children.
"""

from __future__ import annotations

import atexit
import contextlib
import html
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "INSTALL_HINT",
    "LibreOfficeMissingError",
    "PdfError",
    "PdfResult",
    "convert",
    "find_soffice",
    "publish",
]

INSTALL_HINT = (
    "Debian/Ubuntu：sudo apt-get install -y libreoffice-writer-nogui fonts-noto-cjk；"
    "Windows：从 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice（安装后无需设置，"
    "或用环境变量 JUESUAN_SOFFICE 指明 soffice.exe 的位置）")
ENV_SOFFICE = "JUESUAN_SOFFICE"
START_SECONDS = 60.0  # LibreOffice's start in a new profile, on a busy machine
DOCUMENT_SECONDS = 90.0  # one document: open, update the 目录, export
_MACRO = "libreoffice_convert.bas"
_MACRO_URL = "macro:///Standard.Juesuan.Main"


class PdfError(Exception):
    """The PDF could not be made; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LibreOfficeMissingError(PdfError):
    def __init__(self) -> None:
        super().__init__("未找到 LibreOffice，无法生成 PDF（Word 文档已生成）。请安装 LibreOffice 后重新运行："
                         + INSTALL_HINT + "。")


@dataclass(frozen=True)
class PdfResult:
    """One document's conversion: the PDF (``None`` when it failed), its page count, the 目录 as laid out."""

    docx: Path
    pdf: Path | None
    pages: int = 0
    toc: tuple[tuple[str, int], ...] = ()  # (entry text, page number) in the order of the 目录
    seconds: float = 0.0
    error: str = ""  # Chinese, when ``pdf`` is None


def find_soffice() -> str | None:
    """The LibreOffice program: ``$JUESUAN_SOFFICE``, ``soffice``/``libreoffice`` on the PATH, or the usual
    install folders of Windows and macOS."""
    named = os.environ.get(ENV_SOFFICE)
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
        base = os.environ.get(variable)
        if base:
            candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    return next((str(c) for c in candidates if c.is_file()), None)


# ----------------------------------------------------------------------------------- the profile


@dataclass
class _Profile:
    pid: int
    soffice: str
    folder: Path

    @property
    def url(self) -> str:
        return (self.folder / "profile").as_uri()


_profile: _Profile | None = None


def _own_profile(soffice: str) -> _Profile:
    """This process's LibreOffice profile, made on first use: initialised, then the macro installed.

    A forked worker inherits its parent's ``_profile``: the pid tells it to make its own.
    """
    global _profile
    if _profile is not None and _profile.pid == os.getpid() and _profile.soffice == soffice \
            and _profile.folder.is_dir():
        return _profile
    folder = Path(tempfile.mkdtemp(prefix="juesuan-libreoffice-"))
    profile = _Profile(os.getpid(), soffice, folder)
    atexit.register(shutil.rmtree, folder, True)
    # the first start creates the profile's Basic library, which would replace one written before it
    _run([soffice, f"-env:UserInstallation={profile.url}", "--headless", "--norestore", "--terminate_after_init"],
         {}, START_SECONDS)
    _install_macro(folder / "profile" / "user" / "basic")
    _profile = profile
    return profile


def _install_macro(basic: Path) -> None:
    source = resources.files("generator.render").joinpath(_MACRO).read_text(encoding="utf-8")
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}">\n')
    library = 'xmlns:library="http://openoffice.org/2000/library"'
    standard = basic / "Standard"
    standard.mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(
        head.format("library:libraries", "libraries.dtd")
        + f'<library:libraries {library} xmlns:xlink="http://www.w3.org/1999/xlink">\n'
          ' <library:library library:name="Standard" library:link="false"/>\n</library:libraries>\n',
        encoding="utf-8")
    (standard / "script.xlb").write_text(
        head.format("library:library", "library.dtd")
        + f'<library:library {library} library:name="Standard" library:readonly="false" '
          'library:passwordprotected="false">\n <library:element library:name="Juesuan"/>\n</library:library>\n',
        encoding="utf-8")
    (standard / "Juesuan.xba").write_text(
        head.format("script:module", "module.dtd")
        + '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Juesuan" '
          'script:language="StarBasic">' + html.escape(source, quote=False) + "</script:module>\n",
        encoding="utf-8")


# ----------------------------------------------------------------------------------- running


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    """Run LibreOffice; past ``timeout`` seconds it is killed with its children (``subprocess.TimeoutExpired``)."""
    options: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL,
                     "env": {**os.environ, **env}}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True  # its own process group, killed as one
    with subprocess.Popen(command, **options) as process:
        try:
            process.communicate(timeout=timeout)
        except BaseException:  # the time limit, or Ctrl-C: never leave a LibreOffice behind
            _kill(process)
            raise


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.communicate(timeout=10)


def convert(jobs: Sequence[tuple[Path, Path]], *, timeout: float | None = None) -> list[PdfResult]:
    """Convert each ``(source.docx, target.pdf)`` in one LibreOffice run; one result per job, in order.

    The PDF is written beside its target under a temporary name and moved in place when complete,
    readable by others (0644). Raises ``LibreOfficeMissingError`` when LibreOffice is not installed;
    any other failure is the ``error`` of the results concerned.
    """
    if not jobs:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissingError()
    started = time.perf_counter()
    limit = timeout if timeout is not None else START_SECONDS + DOCUMENT_SECONDS * len(jobs)
    try:
        profile = _own_profile(soffice)
    except (OSError, subprocess.SubprocessError) as exc:
        return [PdfResult(Path(s), None, error=f"LibreOffice 无法启动（{soffice}）：{exc}") for s, _ in jobs]
    work = Path(tempfile.mkdtemp(prefix="jobs-", dir=profile.folder))
    try:
        lines, temps = [], []
        for i, (source, target) in enumerate(jobs):
            target = Path(target)
            temp = target.with_name(f".{target.name}.{os.getpid()}.{i}.tmp")
            temps.append(temp)
            lines.append("\t".join((str(Path(source).resolve()), str(temp.resolve()), str(work / f"{i}.txt"), "")))
        failure = _run_jobs(soffice, profile, work / "jobs.txt", lines, limit)
        missing = [line for i, line in enumerate(lines) if not (work / f"{i}.txt").exists()]
        if missing and not failure:  # LibreOffice stopped part-way (a crash): the rest once more, alone
            failure = _run_jobs(soffice, profile, work / "again.txt", missing, limit)
        elapsed = time.perf_counter() - started
        results = []
        for i, (source, target) in enumerate(jobs):
            results.append(_result(Path(source), Path(target), temps[i], work / f"{i}.txt", failure,
                                   elapsed / len(jobs)))
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink()


def _run_jobs(soffice: str, profile: _Profile, jobs_file: Path, lines: list[str], limit: float) -> str:
    """One LibreOffice run over ``lines`` (written to ``jobs_file``); the failure of the run as a whole, or ""."""
    jobs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        _run([soffice, f"-env:UserInstallation={profile.url}", "--headless", "--invisible", "--nologo",
              "--norestore", "--nodefault", "--nolockcheck", _MACRO_URL], {"JUESUAN_JOBS": str(jobs_file)}, limit)
    except subprocess.TimeoutExpired:
        return f"LibreOffice 在 {limit:.0f} 秒内未完成转换，已终止。请稍后重试，或单独转换该文档。"
    except OSError as exc:
        return f"LibreOffice 无法启动（{soffice}）：{exc}"
    return ""


def _result(source: Path, target: Path, temp: Path, report: Path, failure: str, seconds: float) -> PdfResult:
    try:
        lines = report.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    except OSError:
        return PdfResult(source, None, seconds=seconds,
                         error=failure or "LibreOffice 未能转换该文档（未返回结果）。请确认文档能在 Word 中打开。")
    if lines[0] != "OK" or not temp.is_file():
        detail = lines[1] if len(lines) > 1 else ""
        return PdfResult(source, None, seconds=seconds, error=f"LibreOffice 转换失败：{detail}")
    toc = []
    for line in lines[2:]:
        text, _, page = line.rpartition("\t")
        if text.strip() and page.strip().isdigit():
            toc.append((text.strip(), int(page)))
    os.chmod(temp, 0o644)
    try:
        os.replace(temp, target)
    except PermissionError:
        return PdfResult(source, None, seconds=seconds,
                         error=f"无法写入「{target}」：该文件可能正在 PDF 阅读器中打开。请关闭后重新生成。")
    pages = int(lines[1]) if len(lines) > 1 and lines[1].strip().isdigit() else 0
    return PdfResult(source, target, pages, tuple(toc), seconds)


def publish(documents: Sequence[Path], *, timeout: float | None = None) -> list[PdfResult]:
    """The PDF beside each .docx (same name), and each .docx's 目录 numbered with the PDF's pages.

    Raises ``LibreOfficeMissingError``; a .docx that cannot be rewritten (open in Word) raises
    ``DocumentLockedError``. Other failures are in the results.
    """
    from generator.render.document import write_atomic
    from generator.render.docx_xml import number_toc

    results = convert([(Path(d), Path(d).with_suffix(".pdf")) for d in documents], timeout=timeout)
    for result in results:
        if result.pdf is not None and result.toc:
            numbered = number_toc(result.docx.read_bytes(), result.toc)
            if numbered is not None:
                write_atomic(result.docx, numbered)
    return results
