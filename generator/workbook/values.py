"""Cell values as the accountant meant them: text without invisible characters, amounts and codes
typed with full-width digits, thousands separators or a 万元 suffix, numbers shown as dates.

Every function here is pure; the reader turns what they report into problems with the cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel

# Excel writes a character XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x); openpyxl
# leaves these in the text it returns.
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

# what is removed from text: C0/C1 controls (not tab or line break), zero-width and bidirectional
# marks (a hidden U+200F reverses the displayed order of a name), byte order marks, lone surrogates
# and the non-characters XML cannot hold
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]")
_NEEDS_WORK = re.compile(_INVISIBLE.pattern[:-1] + "\r]|_x[0-9A-Fa-f]{4}_")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"}  # Word's manual line break is \x0b
_NAMES = {
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u200e": "从左至右标记",
    "\u200f": "从右至左标记", "\u202a": "从左至右嵌入", "\u202b": "从右至左嵌入", "\u202c": "方向格式结束",
    "\u202d": "从左至右覆盖", "\u202e": "从右至左覆盖", "\u2066": "从左至右隔离", "\u2067": "从右至左隔离",
    "\u2068": "方向隔离", "\u2069": "方向隔离结束", "\u061c": "阿拉伯文字母标记", "\ufeff": "字节顺序标记",
    "\u00ad": "软连字符", "\u2060": "零宽不换行",
}


def _decode(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16))


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with Excel's ``_xHHHH_`` escapes decoded and invisible characters removed (line breaks
    kept as ``\\n``); and the Chinese names of what was removed, for a warning."""
    if not _NEEDS_WORK.search(text):
        return text, ()
    text = _ESCAPE.sub(_decode, text).replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    removed = []
    for ch in dict.fromkeys(_INVISIBLE.findall(text)):
        removed.append(_NAMES.get(ch, f"U+{ord(ch):04X}"))
    return _INVISIBLE.sub("", text), tuple(removed)


def single_line(text: str) -> str:
    """A name typed on one line: line breaks (Alt+Enter) and the spaces around them removed."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def fold_width(text: str) -> str:
    """Full-width digits, letters and signs as ASCII ("２０８" → "208", "－" → "-")."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


_AMOUNT_SUFFIX = re.compile(r"(万元|万)$")
_YUAN = re.compile(r"(^[¥￥])|((?<!万)元$)")
_SEPARATORS = str.maketrans("", "", ", \u3000'")


def parse_amount_text(raw: str) -> tuple[Decimal | None, str]:
    """The amount in a text cell: (value, ``""``), or (``None``, why: ``"blank"``, ``"yuan"``, ``"invalid"``)."""
    text = fold_width(raw).strip().translate(_SEPARATORS)
    if text in {"", "-", "—", "--", "－"}:
        return None, "blank"
    if _YUAN.search(text):
        return None, "yuan"
    text = _AMOUNT_SUFFIX.sub("", text)
    try:
        value = Decimal(text)
        if not value.is_finite() or abs(value) >= Decimal("1e15"):
            return None, "invalid"
    except ArithmeticError:  # InvalidOperation, Overflow
        return None, "invalid"
    return value, ""


def is_temporal(value: Any) -> bool:
    return isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta)


def serial_number(value: Any, epoch: dt.datetime = WINDOWS_EPOCH) -> Decimal:
    """The number Excel stores for a date/time value (openpyxl converts numbers in date-formatted cells)."""
    if isinstance(value, dt.timedelta):
        number = value.total_seconds() / 86400
    else:
        number = to_excel(value, epoch)
    return Decimal(repr(float(number))).quantize(Decimal("0.000001")).normalize()


def shown_date(value: Any) -> str:
    """A date as the accountant would write it: 2022年9月29日 (a time of day is kept)."""
    if isinstance(value, dt.datetime):
        text = f"{value.year}年{value.month}月{value.day}日"
        return text if value.time() == dt.time() else f"{text} {value:%H:%M:%S}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)
