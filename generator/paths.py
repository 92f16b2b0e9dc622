"""Where a department's files go: one rule for the document, its charts and its check report."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def safe_name(name: str) -> str:
    """A file or folder name valid on Windows too (no <>:"/\\|?* nor control characters)."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(". ")
    return cleaned or "_"


def department_folder(root: Path, department: str, year: int) -> Path:
    """``root/<部门>/<年度>/``."""
    return Path(root) / safe_name(department) / str(year)
