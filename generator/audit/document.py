"""What the auditor read from a finished document: frozen dataclasses, no logic.

A document is a sequence of blocks in reading order: paragraphs (one text) and table rows (several
cells). Every block keeps where it was found — the PDF page, the source line of a text file, the
position in a .docx — so that a finding can send the reader to the sentence it quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Block:
    """One paragraph (``cells`` has one text) or one table row (``is_row``; one text per grid column).

    ``positional``: the cells stand in their columns (a .docx or PDF table, a tab-separated text
    line); False when a row was split on spaces, so that blank cells have vanished.
    """

    cells: tuple[str, ...]
    index: int  # position in the document (0-based)
    page: int | None = None  # PDF page, 1-based
    line: int | None = None  # line of a text file, 1-based
    is_row: bool = False
    positional: bool = True

    @property
    def text(self) -> str:
        return "".join(self.cells) if not self.is_row else "\t".join(self.cells)


@dataclass(frozen=True)
class ReadDocument:
    """A document as read: its blocks, its kind (docx / pdf / txt) and where it came from."""

    source: str
    kind: str
    blocks: tuple[Block, ...]
    pages: int | None = None


@dataclass(frozen=True)
class Place:
    """Where a sentence is: PDF page (or text line), the heading it is under, its paragraph number there."""

    heading: str = ""
    paragraph: int | None = None
    page: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.heading:
            parts.append(f"「{self.heading[:40]}」")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.line is not None and self.page is None:
            parts.append(f"（第{self.line}行）")
        return "".join(parts) or "文档"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text with its place; ``level`` > 0 for a heading."""

    text: str
    place: Place
    level: int = 0
    block: int = 0  # index of its first block


@dataclass(frozen=True)
class ReadTable:
    """One official table found by its title: the rows under it, the lines of text around them."""

    table: str  # t1 … t9
    title: str
    place: Place
    header: tuple[Block, ...]
    rows: tuple[Block, ...]
    texts: tuple[str, ...]  # notes and statements printed with the table
    department: tuple[str, ...] = ()  # the 部门：… lines printed with the table


@dataclass(frozen=True)
class AuditFinding:
    """One contradiction or defect found in a document."""

    kind: str  # id of the finding kind (``kinds.py``) or of a table rule (T1-01 …)
    severity: str
    title: str
    message: str
    hint: str
    place: Place
    sentence: str = ""
    stated: Decimal | None = None  # the figure as the document states it
    expected: Decimal | None = None  # the figure it should be (the table's, or recomputed)
    expected_desc: str = ""  # where the expected figure comes from: 表4「总计」 …
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __str__(self) -> str:
        return f"[{self.severity}] {self.kind} {self.place}：{self.message}"
