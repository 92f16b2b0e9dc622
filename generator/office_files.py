"""What kind of file a path really holds, whatever its name says, and what is wrong with its package.

Accountants rename files (an old .xls or a web page exported by the finance software saved as
.xlsx, a .doc renamed .docx), WPS and Excel save variants (Strict Open XML, macro-enabled, binary)
and a hostile file may carry XML entity declarations, duplicate or symlinked zip members. The
workbook reader and the Word renderer both ask here first so that each case gets its own Chinese
message instead of whatever the parsing library raises.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML, old .xls and .doc are OLE containers
_OLE_SCAN = 16 * 1024 * 1024  # stream names sit in the directory sectors: scan at most this much

STRICT_SPREADSHEET_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_WORDPROCESSING_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


@dataclass(frozen=True)
class FileKind:
    """``kind`` is a stable code; ``detail`` says it in Chinese (for messages)."""

    kind: str
    detail: str


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(path: Path) -> FileKind:
    with path.open("rb") as fh:
        data = fh.read(_OLE_SCAN)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return FileKind("encrypted", "文件设置了打开密码（已加密）")
    if _utf16("WordDocument") in data:
        return FileKind("doc", "这是旧版 Word 文档（.doc）")
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return FileKind("xls", "这是旧版 Excel 工作簿（.xls）")
    if _utf16("WpsDocument") in data or _utf16("WPS") in data:
        return FileKind("wps", "这是 WPS 专有格式（.wps/.et）")
    return FileKind("ole", "这是旧版 Office 格式的文件")


def _text_kind(head: bytes) -> FileKind:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in text[:2048]:
        return FileKind("html", "文件内容是网页（HTML）格式，常见于财务软件导出的“xls”")
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return FileKind("xml2003", "文件是“XML 电子表格 2003”格式")
    if text.startswith(b"{\\rtf"):
        return FileKind("rtf", "文件是 RTF 格式")
    if text.startswith(b"%pdf"):
        return FileKind("pdf", "文件是 PDF")
    return FileKind("other", "文件内容不是 Office Open XML（.xlsx/.docx）格式")


def sniff(path: Path) -> FileKind:
    """The kind of file at ``path``: ``missing``, ``folder``, ``empty``, an OLE kind, a text kind, or
    a zip kind (``xlsx``, ``xlsm``, ``xlsb``, ``docx``, ``docm``, ``dotx``, ``ods``, ``odt``,
    ``strict-xlsx``, ``strict-docx``, ``zip``, ``bad-zip``)."""
    if not path.exists():
        return FileKind("missing", "文件不存在")
    if path.is_dir():
        return FileKind("folder", "这是一个文件夹")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        return FileKind("empty", "文件为空（0 字节）")
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if not head.startswith(b"PK"):
        return _text_kind(head)
    try:
        with zipfile.ZipFile(path) as zf:
            return _zip_kind(zf)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return FileKind("bad-zip", "文件已损坏（压缩包结构不完整），可能没有下载或复制完整")


def _zip_kind(zf: zipfile.ZipFile) -> FileKind:
    names = set(zf.namelist())
    if "mimetype" in names:
        mimetype = zf.read("mimetype")[:100]
        if b"spreadsheet" in mimetype:
            return FileKind("ods", "这是 OpenDocument 表格（.ods）")
        if b"text" in mimetype:
            return FileKind("odt", "这是 OpenDocument 文档（.odt）")
    types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if "xl/workbook.bin" in names:
        return FileKind("xlsb", "这是 Excel 二进制工作簿（.xlsb）")
    if "xl/workbook.xml" in names:
        if b"macroEnabled" in types:
            return FileKind("xlsm", "这是启用宏的 Excel 工作簿（.xlsm）")
        if STRICT_SPREADSHEET_NS in zf.read("xl/workbook.xml")[:4096]:
            return FileKind("strict-xlsx", "工作簿以“Strict Open XML 电子表格”格式保存")
        return FileKind("xlsx", "Excel 工作簿")
    if "word/document.xml" in names:
        if b"macroEnabled" in types:
            return FileKind("docm", "这是启用宏的 Word 文档（.docm）")
        if b"wordprocessingml.template" in types:
            return FileKind("dotx", "这是 Word 模板文件（.dotx）")
        if STRICT_WORDPROCESSING_NS in zf.read("word/document.xml")[:4096]:
            return FileKind("strict-docx", "文档以“Strict Open XML 文档”格式保存")
        return FileKind("docx", "Word 文档")
    if "ppt/presentation.xml" in names:
        return FileKind("pptx", "这是 PowerPoint 演示文稿")
    return FileKind("zip", "这是一个普通压缩包，不是 Excel 或 Word 文件")


@dataclass(frozen=True)
class PackageDefect:
    """A zip member that no Office program writes: ``kind`` a code, ``member`` its name, ``detail`` Chinese."""

    kind: str
    member: str
    detail: str


def package_defects(zf: zipfile.ZipFile, required: tuple[str, ...] = ()) -> list[PackageDefect]:
    """Duplicate member names, symbolic links, XML entity declarations, and ``required`` members that
    are empty. Office never writes any of these; zip readers silently take the last duplicate, and an
    entity declaration is how an XML bomb or an external-entity attack starts."""
    defects: list[PackageDefect] = []
    seen: set[str] = set()
    folded: set[str] = set()  # zip readers and Office differ on case and on "\\": one part each
    for info in zf.infolist():
        name = info.filename
        key = name.lower().replace("\\", "/").lstrip("/")
        if key in folded:
            defects.append(PackageDefect("duplicate", name, f"包含两个同名部件 {name}"))
        seen.add(name)
        folded.add(key)
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            defects.append(PackageDefect("symlink", name, f"部件 {name} 是符号链接，不是文件内容"))
    for name in required:
        if name in seen and zf.getinfo(name).file_size == 0:
            defects.append(PackageDefect("empty", name, f"部件 {name} 为空（0 字节）"))
    return defects


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def has_entity_declaration(data: bytes) -> bool:
    """Whether an XML part declares a DOCTYPE or entities (Office never does)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return True
    return _DECLARATION.search(data) is not None


def xml_members(zf: zipfile.ZipFile) -> list[str]:
    return [i.filename for i in zf.infolist() if i.filename.lower().endswith((".xml", ".rels", ".vml"))]
