"""Hostile and careless inputs, made at test time from the bundled samples (no committed binaries).

A workbook is made the way the program writes it (``write_workbook`` from the sample's JSON), then
changed the way Excel, WPS, a copy-paste or an attacker would change it: at the level of the data,
of openpyxl, or of the zip members and their XML.
"""

from __future__ import annotations

import copy
import html
import json
import re
import zipfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path

SHEET_INFO = "基本信息"


@cache
def _data(name: str) -> str:
    return (SAMPLES / "data" / f"{name}.json").read_text(encoding="utf-8")


def sample_data(name: str = "hongshan_2021") -> dict:
    return copy.deepcopy(json.loads(_data(name)))


def workbook(path: Path, edit: Callable[[dict], None] | None = None, name: str = "hongshan_2021") -> Path:
    """A workbook written from the sample's data, after ``edit(data)``."""
    data = sample_data(name)
    if edit:
        edit(data)
    write_workbook(path, data)
    return path


def edited(path: Path, edit: Callable[[openpyxl.Workbook], None], name: str = "hongshan_2021") -> Path:
    """The sample loaded and saved by openpyxl after ``edit(wb)`` (styles and formats kept)."""
    wb = openpyxl.load_workbook(sample_path(name))
    edit(wb)
    wb.save(path)
    return path


def cell_of(ws, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not in {ws.title}")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def write_members(path: Path, parts: list[tuple[str, bytes]] | Mapping[str, bytes],
                  modes: Mapping[str, int] | None = None) -> Path:
    """A zip of ``parts`` (a list may repeat a name); ``modes`` gives Unix modes (symlinks)."""
    items = list(parts.items()) if isinstance(parts, Mapping) else list(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if modes and name in modes:
                info.create_system = 3
                info.external_attr = modes[name] << 16
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Duplicate name" is the point of some inputs
                zf.writestr(info, data)
    return path


def rewrite(src: Path, dst: Path, edits: Mapping[str, Callable[[bytes], bytes]]) -> Path:
    """``src`` with the named members changed by their functions."""
    parts = members(src)
    for name, fn in edits.items():
        parts[name] = fn(parts[name])
    return write_members(dst, parts)


def sheet_part(path: Path, title: str) -> str:
    """The zip member holding the sheet ``title``."""
    parts = members(path)
    workbook_xml = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook_xml).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


_INLINE = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)


def excel_like(src: Path, dst: Path) -> Path:
    """``src`` as Excel saves it: texts in the shared strings part (openpyxl writes inline strings)."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        text = html.unescape(m.group(3))
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c r="{m.group(1)}"{m.group(2)} t="s"><v>{index[text]}</v></c>'

    parts = members(src)
    for name in list(parts):
        if name.startswith("xl/worksheets/"):
            parts[name] = _INLINE.sub(shared, parts[name].decode("utf-8")).encode("utf-8")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                     b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                             b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                             b"</Relationships>")
    items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{items}</sst>').encode()
    return write_members(dst, parts)


def shared_index(path: Path, text: str) -> int:
    sst = members(path)["xl/sharedStrings.xml"].decode("utf-8")
    items = re.findall(r"<si><t[^>]*>(.*?)</t></si>", sst, re.S)
    return [html.unescape(t) for t in items].index(text)
