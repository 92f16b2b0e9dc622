"""Pages as the official ones, read from the .docx XML: page numbers on every page after the cover, table
ends kept with their notes, rows never split, balanced headings, one paragraph per item, 湖北 formula
notes, document properties naming the department and nothing of the tool."""

from __future__ import annotations

import dataclasses
import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from generator import model
from generator.render import docx_xml
from generator.render.document import render_document

from .conftest import Rendered


def _keep_next(p) -> bool:
    """Direct or through the paragraph's style (python-docx resolves neither for us)."""
    if p.paragraph_format.keep_with_next:
        return True
    style = p.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return False


def test_every_page_after_the_cover_has_a_page_number(sample: Rendered):
    sections = sample.document.sections
    first = sections[0]
    assert first.different_first_page_header_footer  # the cover: no number
    assert "PAGE" in "".join(t.text or "" for t in first.footer._element.iter(qn("w:instrText")))
    for section in sections[1:]:
        # a later section's first page uses the running footer, which carries the PAGE field
        assert not section.different_first_page_header_footer
        footer = section.footer
        owner = footer if not footer.is_linked_to_previous else first.footer
        assert "PAGE" in "".join(t.text or "" for t in owner._element.iter(qn("w:instrText")))


def test_rows_never_split_and_table_ends_stay_with_their_notes(sample: Rendered):
    doc = sample.document
    body = doc.element.body
    tables = 0
    for tbl in body.iterchildren(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        assert all(r.find(qn("w:trPr")) is not None and r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
                   for r in rows)
        following = tbl.getnext()
        if following is None or following.tag != qn("w:p"):
            continue
        from docx.text.paragraph import Paragraph

        note = Paragraph(following, doc._body)
        if note.style.name != "表注":
            continue
        tables += 1
        body_rows = [r for r in rows if r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None]
        # the last rows (totals, and two rows above them) keep with the next paragraph…
        for row in body_rows[-2:]:
            for p in row.iter(qn("w:p")):
                assert _keep_next(Paragraph(p, doc._body)), Paragraph(p, doc._body).text
        # …and the notes keep with each other
        assert _keep_next(note)
    assert tables >= 8  # eight or nine official tables (湖南 2019 has no 表9)


def test_the_table_totals_of_labeled_tables_are_chained_with_body_rows_above(rendered):
    table = rendered["hongshan"].table_after("收入支出决算总表")
    rows = table.rows
    kept = [all(_keep_next(p) for c in r.cells for p in c.paragraphs) for r in rows]
    last_body = next(i for i, r in enumerate(rows) if "本年收入合计" in r.cells[0].text)
    assert all(kept[last_body - 2:]), "the 本年收入合计 rows and two rows above them are chained"
    assert not all(kept[3:last_body - 2]), "the body rows are not all chained (a table may run over pages)"


def test_a_line_typed_in_the_workbook_starts_an_indented_paragraph(hongshan, tmp_path):
    items = "1. 第一项工作。\n2. 第二项工作。\n3. 第三项工作。"
    accounts = dataclasses.replace(hongshan, key_work=(model.KeyWork("标题", items),),
                                   info=dataclasses.replace(hongshan.info, functions=("职能一", "职能二")))
    doc = Document(str(render_document(accounts, tmp_path).docx))
    paragraphs = doc.paragraphs
    texts = [p.text for p in paragraphs]
    start = texts.index("1. 第一项工作。")
    assert texts[start:start + 3] == ["1. 第一项工作。", "2. 第二项工作。", "3. 第三项工作。"]
    for p in paragraphs[start:start + 3]:
        assert p.style.paragraph_format.first_line_indent or p.paragraph_format.first_line_indent
    # no body paragraph with a first-line indent keeps a typed line break
    for p in paragraphs:
        indented = p.paragraph_format.first_line_indent or p.style.paragraph_format.first_line_indent
        breaks = [b for b in p._p.iter(qn("w:br")) if b.get(qn("w:type")) is None]
        assert not (indented and breaks), p.text
    assert "（1）职能一" in texts and "（2）职能二" in texts


def test_long_part_titles_break_between_name_and_year(rendered):
    for name in ("hongshan", "example_full"):
        doc = rendered[name].document
        title = next(p for p in doc.paragraphs if p.text.startswith("第三部分") and p.style.name == "Heading 1")
        breaks = [b for b in title._p.iter(qn("w:br")) if b.get(qn("w:type")) is None]
        assert len(breaks) == 1, title.text
        first, second = title.text.split("\n")
        department = rendered[name].accounts.info.name
        assert first.endswith(department) and second.startswith(str(rendered[name].accounts.info.year)), title.text
        entry = next(p.text for p in doc.paragraphs if p.style.name == "toc 1" and p.text.startswith("第三部分"))
        assert entry.split("\t")[0] == first + second  # one line in the 目录
    short = next(p for p in rendered["anhua"].document.paragraphs if p.text.startswith("第三部分"))
    assert "\n" not in short.text  # it fits on one line


def test_balance_headings_never_leaves_one_character(rendered):
    """Any heading the estimate breaks has at least four characters on its second line."""
    for sample in rendered.values():
        for p in sample.document.paragraphs:
            if p.style.name.startswith("Heading") and "\n" in p.text:
                assert len(p.text.split("\n")[-1]) >= 4, p.text


def test_hubei_formula_notes_as_seed_000(rendered):
    text = rendered["hongshan"].text()
    for note in ("27行=（1+2+3）行；28行=（29+30+31）行；32行=（27+28）行；",
                 "59行=（33+34+…+58）行；64行=（59+60）行。",
                 "1栏=（2+3+6）栏；3栏=（4+5）栏；7栏=（8+9+12）栏；9栏=（10+11）栏。",
                 "6栏各行=（1+2-3）栏各行；3栏各行=（4+5）栏各行。",
                 "1栏各行=（2+3）栏各行。"):
        assert note in text, note
    # each under its own table, before the table's “no data” statement
    paragraphs = rendered["hongshan"].paragraphs
    t7 = next(i for i, t in enumerate(paragraphs) if t.startswith("1栏=（2+3+6）栏"))
    assert paragraphs[t7 - 1].startswith("注：本表反映部门本年度“三公”经费支出预决算情况")
    assert paragraphs[t7 + 1].startswith("本部门无一般公共预算财政拨款“三公”经费支出情况")
    for other in ("anhua", "example_full"):
        assert "栏各行=（1+2-3）" not in rendered[other].text()


def test_hunan_attachments_heading_shares_its_page_with_the_first_table(rendered):
    doc = rendered["anhua"].document
    paragraphs = doc.paragraphs
    part = next(i for i, p in enumerate(paragraphs) if p.text.endswith("附件") and p.style.name == "Heading 1")
    first_table_title = next(p for p in paragraphs[part + 1:] if p.style.name == "Heading 2")
    assert not first_table_title.paragraph_format.page_break_before
    later = [p for p in paragraphs[part + 1:] if p.style.name == "Heading 2"][1:]
    assert later and all(p.paragraph_format.page_break_before for p in later)


def test_shanghai_four_part_outline(rendered):
    titles = [p.text for p in rendered["example_full"].document.paragraphs if p.style.name == "Heading 1"]
    parts = [t.split(" ")[0] for t in titles if t.startswith("第")]
    assert parts == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert titles[3] == "第四部分 名词解释"
    assert not any("重点工作" in t for t in titles)


def test_properties_name_the_department_and_nothing_of_the_tool(sample: Rendered):
    props = sample.document.core_properties
    assert props.author == sample.accounts.info.name
    assert props.title == sample.result.docx.stem
    assert props.comments == "" and props.keywords == ""
    with zipfile.ZipFile(sample.result.docx) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "Microsoft" not in app and "Macintosh" not in app
    assert sample.accounts.info.name in app
    for text in (app, core):
        assert "build_templates" not in text and "python-docx" not in text


def test_number_toc_writes_page_numbers_after_the_matching_entries(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    docx_xml.add_toc_field(p, "占位")
    doc.add_paragraph("第一部分 概况", style="Heading 1")
    doc.add_paragraph("一、职能", style="Heading 2")
    entries = docx_xml.heading_entries(doc)
    docx_xml.fill_toc(doc, entries, {1: "Heading1", 2: "Heading2"})
    buffer = io.BytesIO()
    doc.save(buffer)
    numbered = docx_xml.number_toc(buffer.getvalue(), [("第一部分  概况", 3), ("一、职能", 4)])
    assert numbered is not None
    back = Document(io.BytesIO(numbered))
    texts = [q.text for q in back.paragraphs]
    assert texts[:2] == ["第一部分 概况\t3", "一、职能\t4"]
    assert texts[2:] == ["第一部分 概况", "一、职能"]  # the headings themselves untouched
    kinds = [fc.get(qn("w:fldCharType")) for fc in back.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    # an entry the layout did not report stays without a number; nothing else changes
    partial = Document(io.BytesIO(docx_xml.number_toc(buffer.getvalue(), [("一、职能", 9)])))
    assert [q.text for q in partial.paragraphs][:2] == ["第一部分 概况", "一、职能\t9"]


def test_shanghai_basic_expenditure_table_lists_the_subjects_of_the_official_form(rendered):
    sample = rendered["example_full"]
    settings = sample.settings
    assert settings.t6_personnel_rows[:3] == ("301", "30101", "30102") and "31099" in settings.t6_public_rows
    from .conftest import cell_texts

    rows = cell_texts(sample.table_after("一般公共预算财政拨款基本支出决算表"))[2:-1]
    left = [r[0] for r in rows if r[0]]
    right = [r[3] for r in rows if len(r) > 3 and r[3]]
    assert left[:len(settings.t6_personnel_rows)] == list(settings.t6_personnel_rows)
    assert right[:len(settings.t6_public_rows)] == list(settings.t6_public_rows)
    # every figure of the workbook's 表6 is printed, once, beside its code
    data = {r.code: r for r in sample.accounts.t6_general_budget_basic_expenditure.rows}
    printed = {r[0]: r[2] for r in rows if r[0]} | {r[3]: r[5] for r in rows if len(r) > 5 and r[3]}
    for code, row in data.items():
        if "amount" not in row.blank:
            assert printed[code] == sample.money(row["amount"], table=True), code
    assert len(left) == len(set(left)) and len(right) == len(set(right))
