"""How labels are compared: the same text typed or exported differently must match."""

from __future__ import annotations

import re
from typing import Any

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[、.．])")


def normalize(text: Any) -> str:
    """A label as compared: no spaces or line breaks, full-width brackets, no quotes, no numbering."""
    if text is None:
        return ""
    s = re.sub(r"\s+", "", str(text))
    s = s.replace("(", "（").replace(")", "）")
    for quote in "“”\"‘’'":
        s = s.replace(quote, "")
    return _NUMBERING.sub("", s)
