"""The compiled-template cache of the renderer: same bytes as docxtpl, invalidation, errors, helpers."""

from __future__ import annotations

import dataclasses
import os

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from generator import model
from generator.render import document as document_module
from generator.render.document import TemplateRenderError, render_document

from .conftest import output_files


class _PlainDocxTemplate(DocxTemplate):
    """docxtpl as it is: reads, patches and compiles the template again for each document."""

    def memo(self, key, make):
        return make()


def _plain(monkeypatch) -> None:
    monkeypatch.setattr(document_module, "_open_template", lambda path, env, key: _PlainDocxTemplate(str(path)))


def _variant(accounts, layout: str, tricky: bool):
    accounts = dataclasses.replace(accounts, info=dataclasses.replace(accounts.info, layout=layout))
    if tricky:  # line feeds, tabs and a form feed go through docxtpl's resolve_listing
        text = 'A & B < C > "D" 第一行\n第二行\t制表\f分页'
        accounts = dataclasses.replace(
            accounts, reasons=dataclasses.replace(accounts.reasons, total_change=text),
            key_work=(model.KeyWork("<b>标题</b>", "第一行\n第二行"),))
    return accounts


CASES = [("hongshan", "湖北", False, True), ("example_full", "上海", False, False),
         ("anhua", "湖南", False, False), ("hongshan", "湖南", True, False)]


@pytest.mark.parametrize(("name", "layout", "tricky", "draft"), CASES)
def test_cached_rendering_gives_the_bytes_docxtpl_gives(name, layout, tricky, draft, request, tmp_path,
                                                        monkeypatch):
    accounts = _variant(request.getfixturevalue(name), layout, tricky)
    first = render_document(accounts, tmp_path / "first", draft=draft).docx.read_bytes()
    again = render_document(accounts, tmp_path / "again", draft=draft).docx.read_bytes()  # from the cache
    _plain(monkeypatch)
    plain = render_document(accounts, tmp_path / "plain", draft=draft).docx.read_bytes()
    assert first == plain
    assert again == plain


def test_docxtpl_way_of_placing_the_body_gives_the_same_bytes(hongshan, tmp_path, monkeypatch):
    fast = render_document(hongshan, tmp_path / "fast").docx.read_bytes()
    monkeypatch.setattr(document_module, "_without_redundant_declarations", lambda xml, frame: None)
    slow = render_document(hongshan, tmp_path / "slow").docx.read_bytes()
    assert fast == slow


def _template(path, *paragraphs: str, header: str = ""):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.save(str(path))
    return path


def _texts(result) -> list[str]:
    return [p.text for p in Document(str(result.docx)).paragraphs]


def test_a_changed_template_is_read_again(hongshan, tmp_path):
    path = _template(tmp_path / "t.docx", "第一版：{{ department.name }}")
    assert _texts(render_document(hongshan, tmp_path / "a", template=path))[0].startswith("第一版：")
    stat = path.stat()
    _template(path, "第二版：{{ department.name }}")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _texts(render_document(hongshan, tmp_path / "b", template=path))[0].startswith("第二版：")


def test_two_templates_with_the_same_content_share_the_compiled_parts(hongshan, tmp_path):
    one = _template(tmp_path / "one.docx", "部门：{{ department.name }}")
    two = tmp_path / "two.docx"
    two.write_bytes(one.read_bytes())
    document_module.clear_template_cache()
    render_document(hongshan, tmp_path / "a", template=one)
    render_document(hongshan, tmp_path / "b", template=two)
    assert len(document_module._files) == 2 and len(document_module._compiled) == 1


def test_errors_name_the_paragraph_also_when_the_template_is_cached(hongshan, tmp_path):
    path = _template(tmp_path / "t.docx", "部门：{{ department.name }}", "数字：{{ figures.total.nonexistent }}")
    for attempt in ("first", "cached"):
        with pytest.raises(TemplateRenderError) as info:
            render_document(hongshan, tmp_path / attempt, template=path)
        assert "不存在" in info.value.message and "数字：" in info.value.paragraph, attempt
        assert not (tmp_path / attempt).exists() or not output_files(tmp_path / attempt)


def test_a_wrong_tag_is_reported_every_time(hongshan, tmp_path):
    path = _template(tmp_path / "t.docx", "开始", "{% if draft %}草稿", "结束")
    for attempt in ("first", "second"):
        with pytest.raises(TemplateRenderError) as info:
            render_document(hongshan, tmp_path / attempt, template=path)
        assert "有写法错误的标签" in info.value.message


def test_an_error_in_the_header_names_the_header_paragraph(hongshan, tmp_path):
    path = _template(tmp_path / "t.docx", "正文", header="页眉{{ departement.name }}")
    with pytest.raises(TemplateRenderError) as info:
        render_document(hongshan, tmp_path / "out", template=path)
    assert "页眉" in info.value.paragraph


# ------------------------------------------------------------------------------- the replaced steps

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(inner: str) -> str:
    return f'<w:body xmlns:w="{W}">{inner}</w:body>'


def _table(grid: int, rows: list[list[int]]) -> str:
    """A table with ``grid`` columns of 1000; each row a list of cell spans (1: no gridSpan)."""
    cols = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    out = []
    for row in rows:
        cells = "".join(
            "<w:tc>" + (f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span != 1 else "") + "<w:p/></w:tc>"
            for span in row)
        out.append(f"<w:tr>{cells}</w:tr>")
    return f"<w:tbl><w:tblGrid>{cols}</w:tblGrid>{''.join(out)}</w:tbl>"


TABLES = {
    "as it is": _table(3, [[1, 1, 1], [2, 1]]),
    "more cells than columns": _table(2, [[1, 1], [1, 1, 1, 1]]),
    "fewer columns used": _table(4, [[1, 1], [2]]),
    "no rows": _table(3, []),
    "spans in the last row only": _table(3, [[1], [1, 2]]),
    "nested": _table(2, [[1, 1]]).replace("<w:p/></w:tc></w:tr>", _table(3, [[1]]) + "<w:p/></w:tc></w:tr>", 1),
}


@pytest.mark.parametrize("xml", TABLES.values(), ids=TABLES.keys())
def test_fix_tables_does_what_docxtpl_does(xml):
    source = _body(xml + _table(2, [[1, 1, 1]]))
    expected = etree.tostring(DocxTemplate.fix_tables(None, source))
    tree = etree.fromstring(source, etree.XMLParser(recover=True))
    document_module._fix_tables(tree)
    assert etree.tostring(tree) == expected


LISTINGS = [
    '<w:p><w:r><w:t>a\nb</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
    'x\ty\az\fw</w:t></w:r></w:p>\n<w:p><w:r><w:t>plain</w:t></w:r></w:p>',
    '\n<w:tbl><w:tr><w:tc><w:p><w:r><w:t>in\ncell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n',
    '<w:p><w:r><w:t>no special characters</w:t></w:r></w:p>',
]


@pytest.mark.parametrize("xml", LISTINGS)
def test_resolve_listing_does_what_docxtpl_does(xml):
    cached = object.__new__(document_module._CachedTemplate)
    assert cached.resolve_listing(xml) == DocxTemplate.resolve_listing(cached, xml)


def _frame(**namespaces) -> document_module._DocumentFrame:
    return document_module._DocumentFrame("", "", {k or None: v for k, v in namespaces.items()}, True)


def test_repeated_declarations_are_removed_and_new_ones_kept():
    frame = _frame(w=W, r="urn:r")
    xml = (f'<w:body xmlns:w="{W}" xmlns:r="urn:r"><w:p><w:r><w:drawing>'
           f'<wp:inline xmlns:wp="urn:wp" xmlns:r="urn:r"><wp:x r:id="1"/></wp:inline>'
           f'</w:drawing></w:r></w:p><w:p><w:r><w:t> xmlns:w="{W}"</w:t></w:r></w:p></w:body>')
    assert document_module._without_redundant_declarations(xml, frame) == (
        '<w:body><w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><wp:x r:id="1"/></wp:inline>'
        f'</w:drawing></w:r></w:p><w:p><w:r><w:t> xmlns:w="{W}"</w:t></w:r></w:p></w:body>')


@pytest.mark.parametrize("xml", [
    f'<w:body xmlns:w="{W}"><x:e xmlns:x="{W}"/></w:body>',  # a known URI under another prefix
    f'<w:body xmlns:w="{W}"><a:e xmlns:a="urn:a"><a:f xmlns:a="urn:a"/></a:e></w:body>',  # nested declarations
    f'<w:body xmlns:w="{W}" xmlns:n="urn:new"/>',  # a namespace of the body's own
])
def test_unusual_declarations_use_docxtpl_way(xml):
    assert document_module._without_redundant_declarations(xml, _frame(w=W)) is None


def test_element_end_counts_nested_elements_of_the_same_name():
    xml = "<a:x k='1'><a:x/><a:x>t</a:x></a:x><a:x/>"
    assert xml[:document_module._element_end(xml, 0)] == "<a:x k='1'><a:x/><a:x>t</a:x></a:x>"
    assert document_module._element_end("<a:x><a:y/>", 0) is None
    last = xml.rindex("<a:x/>")
    assert document_module._element_end(xml, last) == len(xml)
