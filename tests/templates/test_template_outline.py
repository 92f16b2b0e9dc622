"""``juesuan template outline``: the committed outline.txt of every shipped template, and what an edit in Word shows."""

from __future__ import annotations

import difflib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator import cli
from generator.template_outline import OutlineError, outline_text

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = sorted(p.parent.relative_to(ROOT / "templates").as_posix()
                 for p in (ROOT / "templates").rglob("document.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


def test_every_template_folder_is_covered():
    assert {"hubei", "hunan", "hunan_2019", "shanghai"} <= set(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_committed_outline_is_the_templates(folder):
    """templates/<folder>/outline.txt is the outline of the .docx beside it: a change made in Word shows in its diff."""
    template = ROOT / "templates" / folder / "document.docx"
    committed = ROOT / "templates" / folder / "outline.txt"
    expected = outline_text(template)
    actual = committed.read_text(encoding="utf-8") if committed.is_file() else ""
    if actual != expected:
        diff = "\n".join(list(difflib.unified_diff(actual.splitlines(), expected.splitlines(), "outline.txt（已提交）",
                                                   "outline.txt（按模板）", lineterm="", n=1))[:40])
        pytest.fail(f"模板 templates/{folder}/document.docx 已修改，但大纲 outline.txt 没有更新。请运行\n"
                    f"    juesuan template outline templates/{folder}/document.docx -o templates/{folder}/outline.txt\n"
                    f"并把 outline.txt 与模板一起提交（审阅者据此查看修改了什么）。差异：\n{diff}")


# ----------------------------------------------------------------------------------- edits the way Word makes them


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


def _with_document_xml(source: Path, target: Path, xml: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, xml if item.filename == "word/document.xml" else old.read(item.filename))
    return target


def _paragraph_with(root: etree._Element, needle: str) -> etree._Element:
    for p in root.iter(f"{W}p"):
        if needle in "".join(t.text or "" for t in p.iter(f"{W}t")):
            return p
    raise AssertionError(f"no paragraph with {needle!r}")


def _split_runs_like_word(root: etree._Element, needle: str, rsid: str) -> None:
    """Split the run holding ``needle`` in two at its middle, each half with its own rsid, as Word does
    after a person types in it; the text does not change."""
    p = _paragraph_with(root, needle)
    for run in p.iter(f"{W}r"):
        t = run.find(f"{W}t")
        if t is not None and t.text and needle in t.text:
            break
    else:
        raise AssertionError(needle)
    text = t.text
    cut = text.index(needle) + len(needle) // 2
    second = etree.fromstring(etree.tostring(run))
    t.text = text[:cut]
    second.find(f"{W}t").text = text[cut:]
    for element, value in ((run, rsid), (second, "00C0FFEE")):
        element.set(f"{W}rsidR", value)
        element.set(f"{W}rsidRPr", value)
        element.find(f"{W}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(second)
    p.set(f"{W}rsidR", rsid)
    p.set(f"{W}rsidRDefault", rsid)
    p.set(f"{W}rsidP", rsid)


@pytest.fixture(scope="module")
def hubei() -> Path:
    return ROOT / "templates" / "hubei" / "document.docx"


def test_runs_split_by_word_give_the_same_outline(hubei, tmp_path):
    root = etree.fromstring(_document_xml(hubei))
    _split_runs_like_word(root, "部门决算单位构成", "00A1B2C3")
    _split_runs_like_word(root, "{{ department.name }}部门决算由", "00D4E5F6")
    edited = _with_document_xml(hubei, tmp_path / "edited.docx", etree.tostring(root))
    assert _document_xml(edited) != _document_xml(hubei)
    assert outline_text(edited) == outline_text(hubei)


def test_an_edited_word_is_one_changed_line(hubei, tmp_path):
    root = etree.fromstring(_document_xml(hubei))
    p = _paragraph_with(root, "部门决算由")
    t = next(t for t in p.iter(f"{W}t") if t.text and "部门决算由" in t.text)
    t.text = t.text.replace("部门决算由", "部门决算包括")
    edited = outline_text(_with_document_xml(hubei, tmp_path / "edited.docx", etree.tostring(root)))
    diff = [line for line in difflib.ndiff(outline_text(hubei).splitlines(), edited.splitlines())
            if line[:2] in ("- ", "+ ")]
    assert len(diff) == 2, diff
    assert diff[0].startswith("- ") and "部门决算由" in diff[0]
    assert diff[1].startswith("+ ") and "部门决算包括" in diff[1] and "{{ department.unit_composition }}" in diff[1]


def test_an_added_paragraph_and_a_changed_heading_show(hubei, tmp_path):
    root = etree.fromstring(_document_xml(hubei))
    heading = _paragraph_with(root, "部门主要职能")
    t = next(t for t in heading.iter(f"{W}t") if t.text and "职能" in t.text)
    t.text = t.text.replace("部门主要职能", "部门职能")
    new = etree.fromstring(etree.tostring(_paragraph_with(root, "部门决算由")))
    for extra in new.iter(f"{W}t"):
        extra.text = ""
    next(new.iter(f"{W}t")).text = "新增一段：{{ department.name }}"
    heading.addnext(new)
    edited = outline_text(_with_document_xml(hubei, tmp_path / "edited.docx", etree.tostring(root)))
    added = [line[2:] for line in difflib.ndiff(outline_text(hubei).splitlines(), edited.splitlines())
             if line.startswith("+ ")]
    assert "## 〔标题 2〕一、部门职能" in added
    assert "〔正文段落〕新增一段：{{ department.name }}" in added


@pytest.mark.parametrize("folder", FOLDERS)
def test_tags_appear_verbatim(folder):
    """Every tag of the template, as typed (runs joined), is on one line of the outline, never cut or changed."""
    template = ROOT / "templates" / folder / "document.docx"
    root = etree.fromstring(_document_xml(template))
    lines = outline_text(template).splitlines()
    text = "\n".join(lines)
    tags = {m.group() for p in root.iter(f"{W}p")
            for m in TAG.finditer("".join(t.text or "" for t in p.iter(f"{W}t")))}
    assert len(tags) > 50  # the walk really saw the template's tags
    missing = [tag for tag in tags if tag not in text]
    assert not missing, missing[:5]
    row_tags = [line for line in lines if "{%tr for " in line]
    assert bool(row_tags) == ("{%tr for " in "".join(t.text or "" for t in root.iter(f"{W}t")))
    assert all(re.search(r"第 \d+ 行：\{%tr for \w+ in [\w.]+ %\}", line) for line in row_tags)


def test_outline_shows_sections_headings_tables_and_no_xml(hubei):
    text = outline_text(hubei)
    assert text == outline_text(hubei)
    assert re.search(r"══ 第 1 节：纵向 21\.0×29\.7 厘米.*首页不同", text)
    assert re.search(r"══ 第 2 节：横向 29\.7×21\.0 厘米", text)
    assert "# 〔标题 1〕第一部分 {{ department.name }}概况" in text
    assert "〔域：TOC" in text and "页脚：〔域：PAGE〕" in text
    assert re.search(r"^表格 1（\d+ 行 \d+ 列）$", text, re.M)
    for internal in ("rsid", "w:", "xml", "build_templates", "python-docx"):
        assert internal not in text


def test_text_box_is_listed(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("前言")
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>框中 {{ department.name }}</w:t></w:r></w:p>'
           '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    doc.add_paragraph("图：")._p.append(etree.fromstring(box))
    path = tmp_path / "box.docx"
    doc.save(str(path))
    lines = outline_text(path).splitlines()
    at = lines.index("〔正文〕图：〔文本框 1〕")
    assert lines[at + 1:at + 3] == ["  文本框 1：", "    〔正文〕框中 {{ department.name }}"]


# ----------------------------------------------------------------------------------- the command


def test_cli_writes_and_prints_the_outline(hubei, tmp_path, capsys):
    target = tmp_path / "大纲" / "outline.txt"
    assert cli.main(["template", "outline", str(hubei), "-o", str(target)]) == cli.EXIT_OK
    assert target.read_bytes() == outline_text(hubei).encode("utf-8")
    capsys.readouterr()
    assert cli.main(["template", "outline", str(hubei)]) == cli.EXIT_OK
    assert capsys.readouterr().out == outline_text(hubei)


def test_cli_refuses_what_is_not_a_template(tmp_path, capsys):
    assert cli.main(["template", "outline", str(tmp_path / "无.docx")]) == cli.EXIT_UNREADABLE
    assert "找不到模板文件" in capsys.readouterr().out
    workbook = ROOT / "templates" / "workbook_template.xlsx"
    assert cli.main(["template", "outline", str(workbook)]) == cli.EXIT_UNREADABLE
    assert "不是 Word 文档" in capsys.readouterr().out
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(OutlineError, match="无法读取"):
        outline_text(broken)
    copy = shutil.copy(workbook, tmp_path / "w.docx")
    with pytest.raises(OutlineError, match="不是 Word 文档"):
        outline_text(Path(copy))
