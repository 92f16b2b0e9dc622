"""The Word XML helpers."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from generator.render import docx_xml
from generator.render.charts import encode_png

ROOT = Path(__file__).resolve().parents[2]


def _saved(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_deterministic_package_fixes_timestamps_and_order():
    doc = Document()
    doc.add_paragraph("一")
    data = _saved(doc)
    when = datetime(2022, 9, 29, 8, 30)
    once = docx_xml.deterministic_package(data, when)
    assert docx_xml.deterministic_package(once, when) == once
    with zipfile.ZipFile(io.BytesIO(once)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {i.date_time for i in z.infolist()} == {(2022, 9, 29, 8, 30, 0)}
    assert Document(io.BytesIO(once)).paragraphs[0].text == "一"


def test_package_members_zip_like_a_saved_document():
    """``package_bytes(package_members(doc))``: what ``deterministic_package`` makes of ``doc.save()``."""
    doc = Document()
    doc.add_paragraph("一")
    doc.sections[0].header.paragraphs[0].text = "页眉"
    pixels = np.arange(6 * 8 * 4, dtype=np.uint8).reshape(6, 8, 4)
    doc.add_picture(io.BytesIO(encode_png(pixels, 150)), width=Cm(2))
    when = datetime(2022, 9, 29)
    docx_xml.set_core_properties(doc, when, author="作者", title="标题")
    expected = docx_xml.deterministic_package(_saved(doc), when)
    assert docx_xml.package_bytes(docx_xml.package_members(doc), when) == expected


def test_source_line_text():
    source = '<w:body>\n<w:p><w:r><w:t>第一段{{ a }}</w:t></w:r></w:p>\n<w:p><w:r><w:t>第二段</w:t></w:r></w:p>'
    assert docx_xml.source_line_text(source, 2) == "第一段{{ a }}"
    assert docx_xml.source_line_text(source, 3) == "第二段"
    assert docx_xml.source_line_text(source, 4) == "" == docx_xml.source_line_text(source, 0)


def test_table_helpers():
    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    docx_xml.repeat_as_header(table.rows[0])
    docx_xml.repeat_as_header(table.rows[0])  # idempotent
    docx_xml.keep_row_together(table.rows[1])
    docx_xml.merge(table, 0, 0, 0, 2)
    docx_xml.set_table_borders(table)
    docx_xml.set_fixed_layout(table, [Cm(2), Cm(3), Cm(4)])
    tr_pr = table.rows[0]._tr.trPr
    assert len(tr_pr.findall(qn("w:tblHeader"))) == 1
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.cell(0, 0)._tc is table.cell(0, 2)._tc
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_landscape_section():
    doc = Document()
    section = doc.add_section()
    docx_xml.set_landscape(section)
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    docx_xml.set_portrait(section)
    assert section.orientation == WD_ORIENT.PORTRAIT and section.page_width < section.page_height


def test_toc_field_is_filled_with_the_headings():
    doc = Document()
    docx_xml.add_toc_field(doc.add_paragraph(), "占位")
    doc.add_paragraph("第一部分 概况", style="Heading 1")
    doc.add_paragraph("一、职能", style="Heading 2")
    doc.add_paragraph("正文")
    entries = docx_xml.heading_entries(doc)
    assert [(e.level, e.text) for e in entries] == [(1, "第一部分 概况"), (2, "一、职能")]
    assert docx_xml.fill_toc(doc, entries, {1: "Heading1", 2: "Heading2"})
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["第一部分 概况", "一、职能"] and "占位" not in texts
    kinds = [fc.get(qn("w:fldCharType")) for fc in doc.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_guide_names_every_filter():
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    for name in ("money", "cell", "pct", "num", "change_verb", "trend_verb", "compare_verb", "cn"):
        assert f"`{name}`" in text


@pytest.mark.parametrize("body_rows", [3, docx_xml.SHORT_TABLE_ROWS, docx_xml.SHORT_TABLE_ROWS + 6])
def test_a_short_table_is_kept_whole_a_long_one_keeps_its_end(body_rows):
    """A page break after a short table's header would leave a header and a fragment (seen in the
    self-evaluation report's 5-row table); a long table keeps only its last rows with its end."""
    document = Document()
    table = document.add_table(rows=1 + body_rows, cols=2)
    docx_xml.repeat_as_header(table.rows[0])
    docx_xml.keep_table_ends(document)

    def kept(row) -> bool:
        return all(p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None
                   for cell in row.cells for p in cell.paragraphs)

    flags = [kept(row) for row in table.rows]
    if body_rows <= docx_xml.SHORT_TABLE_ROWS:
        assert all(flags)
    else:
        assert flags[-2:] == [True, True] and not any(flags[:-2])
