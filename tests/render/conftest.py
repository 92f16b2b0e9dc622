"""Each sample rendered once per session, and helpers to read the .docx back with python-docx."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.figures import Figures, compute_figures
from generator.model import DepartmentAccounts
from generator.render.document import RenderedDocument, render_document
from generator.render.settings import LayoutSettings, load_settings

SAMPLES = ("hongshan", "anhua", "example_full", "shifeng")


@dataclass
class Rendered:
    accounts: DepartmentAccounts
    settings: LayoutSettings
    figures: Figures
    result: RenderedDocument
    document: DocumentObject

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in self.document.paragraphs]

    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def section(self, heading: str, until: str | None = None) -> str:
        """Body text from the first paragraph starting with ``heading`` to the next heading of that level."""
        paras = self.document.paragraphs
        start = next(i for i, p in enumerate(paras) if p.text.strip().startswith(heading) and _is_heading(p))
        level = paras[start].style.name
        out = []
        for p in paras[start + 1:]:
            if until and p.text.strip().startswith(until):
                break
            if p.style.name == level or (p.style.name == "Heading 1" and level != "Heading 1"):
                break
            out.append(p.text)
        return "\n".join(out)

    def table_after(self, title: str) -> Table:
        """The first table after the heading containing ``title``."""
        body = self.document.element.body
        seen = False
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                para = Paragraph(child, self.document)
                if _is_heading(para) and title in para.text:
                    seen = True
            elif tag == "tbl" and seen:
                return Table(child, self.document)
        raise AssertionError(f"no table after {title}")

    def money(self, value: Decimal | None, table: bool = False) -> str:
        if value is None:
            return ""
        thousands = self.settings.table_thousands if table else self.settings.text_thousands
        return f"{value:,.2f}" if thousands else f"{value:.2f}"

    def pct(self, value: Decimal) -> str:
        return f"{value:.{self.settings.percent_decimals}f}%"


def _is_heading(p: Paragraph) -> bool:
    return p.style is not None and p.style.name.startswith("Heading")


def cell_texts(table: Table) -> list[list[str]]:
    """Cell texts of each row, a merged cell once per row."""
    rows = []
    for row in table.rows:
        texts, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts.append(cell.text.strip())
        rows.append(texts)
    return rows


PERCENT = re.compile(r"占(?:本年收入|本年支出|基本支出的)?(\d+(?:\.\d+)?)%")


@pytest.fixture(scope="session")
def rendered(request, tmp_path_factory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("documents")
    result = {}
    for name in SAMPLES:
        accounts = request.getfixturevalue(name)
        settings = load_settings(accounts.info.layout)
        figures = compute_figures(accounts, percent_decimals=settings.percent_decimals, grades=settings.grades)
        done = render_document(accounts, out)
        result[name] = Rendered(accounts, settings, figures, done, Document(str(done.docx)))
    return result


@pytest.fixture(params=SAMPLES)
def sample(request, rendered) -> Rendered:
    return rendered[request.param]


def output_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())
