"""The one boundary for faults nobody foresaw: a Chinese message on screen, the traceback in a log file.

Every foreseen problem of a workbook or template is a message of its own (``ReadProblem``, check
findings, ``RenderError``). Anything else raised while reading, checking, rendering or writing is a
fault of the program or an input nobody imagined: the accountant gets a Chinese sentence saying at
which stage it happened and where the technical detail was written (``juesuan-错误日志.txt`` in
the output folder, else in the temporary folder); the traceback never reaches the screen. The CLI
and the batch workers both call ``describe_unexpected``, so a fault reads the same everywhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

from generator import __version__

LOG_NAME = "juesuan-错误日志.txt"
_STAGE = "juesuan_stage"


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Mark an exception raised inside with the stage it came from ("读取工作簿", "生成文档" …)."""
    try:
        yield
    except Exception as exc:
        if not hasattr(exc, _STAGE):
            with contextlib.suppress(AttributeError, TypeError):
                setattr(exc, _STAGE, name)
        raise


def _log_folder(output: Path | None) -> Path:
    if output is not None:
        with contextlib.suppress(OSError):
            output.mkdir(parents=True, exist_ok=True)
            if os.access(output, os.W_OK):
                return output
    return Path(tempfile.gettempdir())


def write_log(exc: BaseException, output: Path | None, subject: str = "") -> Path | None:
    """Append the technical detail of ``exc`` to the log; its path, or ``None`` if nothing could be written."""
    lines = [
        "=" * 78,
        f"时间：{dt.datetime.now():%Y-%m-%d %H:%M:%S}",
        f"juesuan {__version__}，Python {platform.python_version()}，{platform.platform()}",
        f"命令：{' '.join(sys.argv)}",
    ]
    if subject:
        lines.append(f"处理对象：{subject}")
    stage_name = getattr(exc, _STAGE, "")
    if stage_name:
        lines.append(f"阶段：{stage_name}")
    lines.append("".join(traceback.format_exception(exc)).rstrip())
    for folder in (_log_folder(output), Path(tempfile.gettempdir())):
        path = folder / LOG_NAME
        try:
            with path.open("a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
            return path
        except OSError:
            continue
    return None


_KINDS = (
    (MemoryError, "内存不足"),
    (RecursionError, "数据或模板嵌套过深"),
    (OSError, "文件读写失败"),
    (UnicodeError, "文字编码无法处理"),
)


def describe_unexpected(exc: BaseException, output: Path | None, subject: str = "") -> tuple[str, Path | None]:
    """The Chinese message for an unforeseen ``exc`` and the log it was written to."""
    log = write_log(exc, output, subject)
    what = next((text for kind, text in _KINDS if isinstance(exc, kind)), "程序遇到了未预料的情况")
    where = getattr(exc, _STAGE, "")
    at = f"{where}时" if where else "运行时"
    about = f"（{subject}）" if subject else ""
    told = f"技术信息已写入「{log}」" if log else "技术信息无法写入日志文件"
    message = (f"{at}出错{about}：{what}，没有生成或改动任何文档。{told}；"
               "请检查输入文件是否能在 Excel/Word 中正常打开，如仍失败请把该日志文件发给维护人员。")
    return message, log
