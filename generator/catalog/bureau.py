"""A finance bureau's subject catalogue (《政府收支分类科目》 of one year, as the bureau holds it).

``load_catalogue("科目表.xlsx")`` reads a two-column list (code, name) from an .xlsx or .csv file;
the columns are found by their header (编码/代码/科目编码 and 名称/科目名称), never by position, as
the workbook reader does. Problems are collected and raised together as ``CatalogueError`` with
Chinese messages; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.labels import normalize

__all__ = ["CatalogueError", "SubjectCatalogue", "load_catalogue"]

_CODE_HEADERS = ("科目编码", "功能分类科目编码", "编码", "科目代码", "代码", "code")
_NAME_HEADERS = ("科目名称", "功能分类科目名称", "名称", "name")
_HEADER_SCAN_ROWS = 30


class CatalogueError(Exception):
    """The catalogue file cannot be used; ``problems`` are Chinese messages naming the file and cell."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class SubjectCatalogue:
    """Functional subject codes (3, 5 or 7 digits) and their names."""

    source: str
    names: Mapping[str, str] = field(default_factory=dict)  # a plain dict: batch workers receive it pickled

    def name_of(self, code: str) -> str | None:
        return self.names.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def __len__(self) -> int:
        return len(self.names)

    def same_name(self, code: str, name: str) -> bool:
        """Whether ``name`` is the catalogue's name of ``code`` (spacing, full-width forms and a trailing
        支出 aside, which the official tables themselves print both ways for 类 names)."""
        expected = self.names.get(code)
        if expected is None:
            return False
        a, b = normalize(name), normalize(expected)
        return a == b or a.removesuffix("支出") == b.removesuffix("支出")


def _code_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return normalize(raw).replace(" ", "")


def _header_columns(rows: list[list[Any]]) -> tuple[int, int, int] | None:
    """(header row index, code column, name column) of the first row that names both columns."""
    for r, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        texts = [normalize(v).lower() for v in row]
        code = next((c for c, t in enumerate(texts) if t in _CODE_HEADERS), None)
        if code is None:
            code = next((c for c, t in enumerate(texts) if "编码" in t or "代码" in t), None)
        name = next((c for c, t in enumerate(texts) if c != code and t in _NAME_HEADERS), None)
        if name is None:
            name = next((c for c, t in enumerate(texts) if c != code and "名称" in t), None)
        if code is not None and name is not None:
            return r, code, name
    return None


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_xlsx(path: Path) -> tuple[str, list[list[Any]]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            if _header_columns(rows) is not None:
                return ws.title, rows
        first = wb.worksheets[0] if wb.worksheets else None
        return (first.title if first else ""), ([list(r) for r in first.iter_rows(values_only=True)] if first else [])
    finally:
        wb.close()


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise CatalogueError([f"科目表 {path} 不是 UTF-8 或 GBK 编码的文本文件。"])
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        pass
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def load_catalogue(path: str | Path) -> SubjectCatalogue:
    """Read a bureau's catalogue; raise ``CatalogueError`` (Chinese messages) when it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise CatalogueError([f"找不到科目表文件 {path}。请检查 --catalogue 后的路径。"])
    suffix = path.suffix.lower()
    sheet = ""
    try:
        if suffix in (".xlsx", ".xlsm"):
            sheet, rows = _read_xlsx(path)
        elif suffix in (".csv", ".txt"):
            rows = _read_csv(path)
        else:
            raise CatalogueError([f"科目表 {path} 的格式“{path.suffix or '无扩展名'}”不受支持："
                                  "请提供 .xlsx 工作簿或 .csv 文本（两列：科目编码、科目名称）。"])
    except CatalogueError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        raise CatalogueError([f"科目表 {path} 无法读取（{type(exc).__name__}）：请在 Excel 或 WPS 中打开后"
                              "另存为 .xlsx 或 .csv 再试。"]) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise CatalogueError([f"科目表 {path} 无法读取（{type(exc).__name__}）：请在 Excel 或 WPS 中打开后"
                              "另存为 .xlsx 或 .csv 再试。"]) from exc
    where = f"科目表 {path}" + (f" 工作表「{sheet}」" if sheet else "")
    found = _header_columns(rows)
    if found is None:
        raise CatalogueError([f"{where} 中找不到表头“科目编码”和“科目名称”（在前 {_HEADER_SCAN_ROWS} 行内）。"
                              "请在第一行写上这两个列名。"])
    header, code_col, name_col = found
    names: dict[str, str] = {}
    first_row: dict[str, int] = {}
    problems: list[str] = []
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raw_code = row[code_col] if code_col < len(row) else None
        raw_name = row[name_col] if name_col < len(row) else None
        code, name = _code_text(raw_code), normalize(raw_name)
        if not code and not name:
            continue
        cell = f"{_column_letter(code_col)}{r + 1}" if suffix != ".csv" else f"第 {r + 1} 行"
        if not code.isdigit() or len(code) not in (3, 5, 7):
            problems.append(f"{where} {cell}：科目编码“{code}”应为 3、5 或 7 位数字。")
            continue
        if not name:
            problems.append(f"{where} {cell}：科目 {code} 没有名称。")
            continue
        if code in names and normalize(names[code]) != name:
            problems.append(f"{where} {cell}：科目编码 {code} 重复出现，名称不同"
                            f"（第 {first_row[code] + 1} 行为“{names[code]}”，此处为“{name}”）。")
            continue
        names.setdefault(code, str(raw_name).strip())
        first_row.setdefault(code, r)
    if problems:
        raise CatalogueError(problems)
    if not names:
        raise CatalogueError([f"{where} 表头下没有任何科目。"])
    return SubjectCatalogue(str(path), names)
