"""How printed figures and labels are read: amounts with OCR spacing and separators, labels compared."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from generator.labels import normalize

CENT = Decimal("0.01")
BLANKS = {"", "-", "—", "－", "/", "——", "--", "/ /"}

_SPACED_POINT = re.compile(r"(\d)\s*[.．]\s+(\d)|(\d)\s+[.．]\s*(\d)")
_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_INNER_SPACE = re.compile(r"(?<=[\d.])\s+(?=\d)")


def fix_numbers(text: str) -> str:
    """Undo what PDF extraction does to numbers: ``544. 99`` → ``544.99``, ``5,578.66`` → ``5578.66``."""
    text = _SPACED_POINT.sub(lambda m: (m.group(1) or m.group(3)) + "." + (m.group(2) or m.group(4)), text)
    return _SEPARATOR.sub("", text)


@lru_cache(maxsize=65536)
def parse_amount(cell: str) -> Decimal | None:
    """The amount a table cell prints, ``Decimal('0')`` for a blank cell, None for a cell that is not a number."""
    s = cell.strip().replace("，", ",")
    if s in BLANKS:
        return Decimal("0")
    s = s.replace(",", "")
    if re.fullmatch(r"-?\d[\d\s]*[.．][\d\s]+", s):
        s = re.sub(r"\s", "", s).replace("．", ".")
    elif re.fullmatch(r"\d+ \d{2}", s):  # 2 00: the point lost
        s = s.replace(" ", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        return None
    try:
        return Decimal(s).quantize(CENT)
    except InvalidOperation:
        return None


def is_blank(cell: str) -> bool:
    return cell.strip() in BLANKS


def is_number(cell: str) -> bool:
    return not is_blank(cell) and parse_amount(cell) is not None


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A label as compared (spaces, quotes, numbering and full/half-width brackets ignored)."""
    return normalize(fix_numbers(text)).replace("“", "").replace("”", "").replace("〝", "").replace("〞", "")


_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=65536)
def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def decimals_of(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0
