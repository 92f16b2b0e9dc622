"""Where a department's files go: one rule for the document, its charts and its check report."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# names Windows reserves for devices, with or without an extension ("CON", "con.txt", "COM1")
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)

# The longest official department name is far shorter; the document file name adds about 15
# characters to it, and a path component may hold 255 bytes (3 per Chinese character in UTF-8).
MAX_DEPARTMENT_NAME = 50
MAX_COMPONENT_BYTES = 255


def safe_name(name: str) -> str:
    """A file or folder name valid on Windows too (no <>:"/\\|?* nor control characters)."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(". ")
    return cleaned or "_"


def department_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name the department's folder and files (Chinese), or ``None``."""
    if not name:
        return None  # a missing name is reported as a required value
    if len(name) > MAX_DEPARTMENT_NAME:
        return f"有 {len(name)} 个字，超过 {MAX_DEPARTMENT_NAME} 个字，无法作为文件夹和文件名"
    bad = sorted(set(_UNSAFE.findall(name)))
    if bad:
        shown = " ".join(repr(c)[1:-1] for c in bad)
        return f"含有文件名中不能使用的符号 {shown}"
    if _RESERVED.match(name.strip()):
        return "是 Windows 保留的设备名，不能作为文件夹名"
    if name.rstrip(". ") != name:
        return "以句点或空格结尾，Windows 不允许这样的文件夹名"
    return None


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written on the common file systems (Chinese), or ``None``."""
    for part in path.parts[-3:]:  # the department, year and file; the output root is the user's choice
        if len(part.encode("utf-8")) > MAX_COMPONENT_BYTES:
            return f"文件名“{part[:30]}…”过长（{len(part.encode('utf-8'))} 字节，上限 {MAX_COMPONENT_BYTES}）"
    return None


def department_folder(root: Path, department: str, year: int) -> Path:
    """``root/<部门>/<年度>/``."""
    return Path(root) / safe_name(department) / str(year)
