"""The budget document as a 财政局 reviewer pages through it beside seed 003: 表1 and 表6 under the seed's
merged 收 入 | 支 出 header blocks (and still read back by the audit), header rows repeated on every page,
rows never split, page numbers on every page after the cover, 第二部分 listing its tables, 表12's
部门职能概述 printed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.audit.readers import read_document
from generator.cli import main
from generator.document_kinds.budget.document import budget_from_document
from generator.document_kinds.budget.reader import read_budget
from generator.render.pdf import find_soffice

from .conftest import SAMPLE

LABEL_VALUE_TABLES = ("部门名称", "项目名称")  # 表12's and 表13's label | value tables have no header row


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("budget_layout")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return next(out.rglob("*部门预算.docx"))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("需要 LibreOffice 和 pdftotext")
    out = tmp_path_factory.mktemp("budget_layout_pdf")
    assert main(["build", str(SAMPLE), "-o", str(out), "--pdf"]) == 0
    return next(out.rglob("*部门预算.pdf"))


def _table_after(document, title: str):
    """The first table printed after the paragraph ``title``."""
    seen = False
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p") and "".join(t.text or "" for t in el.iter(qn("w:t"))).strip() == title:
            seen = True
        elif seen and el.tag == qn("w:tbl"):
            return el
    raise LookupError(title)


def _cells(tr) -> list[tuple[str, int]]:
    out = []
    for tc in tr.iterchildren(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        out.append(("".join(text.split()), int(span.get(qn("w:val"))) if span is not None else 1))
    return out


def _flag(tr, tag: str) -> bool:
    tr_pr = tr.find(qn("w:trPr"))
    return tr_pr is not None and tr_pr.find(qn(tag)) is not None


@pytest.mark.parametrize("title, expenditure, second", [
    ("财政拨款收支总体情况表", 8, ["项目", "预算数", "项目（按支出功能分类）", "合计", "一般公共预算", "政府性基金预算",
                        "项目", "合计", "一般公共预算", "政府性基金预算"]),
    ("收支总体情况表", 4, ["项目", "预算数", "项目（按支出功能分类）", "预算数", "项目", "预算数"]),
])
def test_tables_1_and_6_print_the_seeds_merged_income_and_expenditure_blocks(built, title, expenditure, second):
    tbl = _table_after(Document(str(built)), title)
    rows = list(tbl.iterchildren(qn("w:tr")))
    assert _cells(rows[0]) == [("收入", 2), ("支出", expenditure)]  # seed 003: 收 入 | 支 出 over the columns
    assert [text for text, _ in _cells(rows[1])] == second
    assert _flag(rows[0], "w:tblHeader") and _flag(rows[1], "w:tblHeader")  # both repeated on a new page
    assert not _flag(rows[2], "w:tblHeader")
    assert _cells(rows[2])[0][0] == "一、一般公共预算财政拨款"


def test_the_merged_tables_are_read_back_from_the_docx_and_the_pdf_as_built(built, pdf):
    budget, _ = read_budget(SAMPLE)
    for path in (built, pdf):
        printed = budget_from_document(read_document(path))
        assert printed is not None, path
        for table in ("t1_appropriation_summary", "t6_income_expenditure_summary"):
            source, read = getattr(budget, table), getattr(printed, table)
            for key in ("income.general_budget", "income.income_grand_total", "function.208", "function.210",
                        "function.221", "category.basic", "category.project", "function.expenditure_grand_total"):
                assert read.lines[key]["total"] == source.lines[key]["total"], (path.suffix, table, key)
        assert main(["audit", str(path), "-o", str(path.parent / f"audit{path.suffix}")]) == 0


def test_every_table_repeats_its_header_rows_and_never_splits_a_row(built):
    document = Document(str(built))
    tables = list(document.element.body.iter(qn("w:tbl")))
    assert len(tables) > 20
    for tbl in tables:
        rows = list(tbl.iterchildren(qn("w:tr")))
        assert all(_flag(tr, "w:cantSplit") for tr in rows), _cells(rows[0])
        if _cells(rows[0])[0][0] not in LABEL_VALUE_TABLES:
            assert _flag(rows[0], "w:tblHeader"), _cells(rows[0])


def test_page_numbers_in_the_footer_but_not_on_the_cover(built):
    document = Document(str(built))
    first = document.sections[0]
    assert first.different_first_page_header_footer  # the cover has the (empty) first-page footer
    assert "PAGE" not in first.first_page_footer._element.xml
    def numbered(footer) -> bool:
        return any(" PAGE " in (t.text or "") for t in footer._element.iter(qn("w:instrText")))

    assert numbered(first.footer)
    for section in document.sections[1:]:  # the landscape tables and the text: the same footer or their own
        assert section.footer.is_linked_to_previous or numbered(section.footer)
        assert not section.different_first_page_header_footer


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def test_every_page_after_the_cover_ends_with_its_number(pdf):
    pages = _pages(pdf)
    assert len(pages) > 20
    for number, page in enumerate(pages[1:], 2):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines[-1] == str(number), (number, lines[-3:])
    first = [ln.strip() for ln in pages[0].splitlines() if ln.strip()]
    assert first[-1] != "1"


def test_table_1_is_printed_whole_on_one_page_and_no_page_holds_a_table_end_alone(pdf):
    pages = _pages(pdf)
    flat = ["".join(p.split()) for p in pages]
    start = next(i for i, p in enumerate(flat) if "财政拨款收支总体情况表公开表1" in p)
    assert "收入总计" in flat[start] and "支出总计" in flat[start]
    for i, page in enumerate(flat[1:], 1):  # a page of only a table's repeated header and its last rows
        body = [ln for ln in pages[i].splitlines() if ln.strip()]
        assert len(body) > 4 or page.startswith("第"), (i + 1, body)


def test_part_two_lists_its_tables_as_the_seed_does(built):
    texts = [p.text.strip() for p in Document(str(built)).paragraphs]
    start = [i for i, t in enumerate(texts) if t.startswith("第二部分")][-1]  # the heading, after the 目录
    listed = texts[start + 1:start + 17]
    assert listed[0] == "表1. 财政拨款收支总体情况表"
    assert listed[11] == "表12. 部门整体支出绩效目标表"
    assert listed[12:16] == [f"表13-{n}. 项目支出绩效目标表" for n in range(1, 5)]


def test_table_12_prints_the_departments_functions_overview(built):
    document = Document(str(built))
    rows = {r.cells[0].text.strip(): r.cells[1].text.strip() for t in document.tables for r in t.rows
            if len(r.cells) == 2}
    assert rows["部门职能概述"].startswith("全面负责医疗保险、生育保险、医疗救助和药品耗材等政策贯彻落实")


def _grid(tbl) -> list[list[str]]:
    """The header as a grid of column texts: a cell spanning columns repeats its text, a vertically merged
    cell repeats the text above it."""
    grid: list[list[str]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
            text = "".join("".join(t.text or "" for t in tc.iter(qn("w:t"))).split())
            for _ in range(int(span.get(qn("w:val"))) if span is not None else 1):
                if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                    text = grid[-1][len(row)]
                row.append(text)
        if not _flag(tr, "w:tblHeader"):
            break
        grid.append(row)
    return grid


def test_tables_2_to_5_print_the_seeds_header_blocks_and_column_numbers(built):
    document = Document(str(built))
    t3 = _grid(_table_after(document, "一般公共预算基本支出情况表"))
    assert t3 == [["经济科目编码", "经济科目名称", "单位编码", "单位名称", "基本支出", "基本支出", "基本支出"],
                  ["经济科目编码", "经济科目名称", "单位编码", "单位名称", "小计", "人员经费", "公用经费"],
                  [str(i) for i in range(1, 8)]]
    t4 = _grid(_table_after(document, "一般公共预算“三公”经费支出情况表"))
    assert t4[0][4:] == ["“三公”经费支出"] * 6
    assert t4[1][4:] == ["合计", "因公出国（境）费用"] + ["公务用车购置及运行维护费"] * 3 + ["公务接待费"]
    assert t4[2][4:] == ["合计", "因公出国（境）费用", "小计", "公务用车购置费", "公务用车运行及维护费", "公务接待费"]
    assert t4[3] == [str(i) for i in range(1, 11)]
    for title, width in (("一般公共预算支出情况表", 7), ("政府性基金预算支出情况表", 5)):
        assert _grid(_table_after(document, title))[-1] == [str(i) for i in range(1, width + 1)], title


def test_table_6_adds_the_fund_and_the_carryover_below_this_years_income_as_the_seed(built):
    tbl = _table_after(Document(str(built)), "收支总体情况表")
    left = [_cells(tr)[0][0] for tr in tbl.iterchildren(qn("w:tr"))]
    labels = ("八、其他收入", "本年收入合计", "用事业基金弥补收支差额", "上年结转", "收入总计")
    order = [left.index(label) for label in labels]
    assert order == sorted(order) and order[-1] == len(left) - 1
    carry = next(tr for tr in tbl.iterchildren(qn("w:tr")) if _cells(tr)[0][0] == "上年结转")
    assert [text for text, _ in _cells(carry)][2::2] == ["结转下年", "结转下年"]


def test_amounts_in_every_table_are_right_aligned(built):
    import re

    amount = re.compile(r"^-?[\d,]+\.\d{2}%?$")
    checked = 0
    for tbl in Document(str(built)).element.body.iter(qn("w:tbl")):
        for p in tbl.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if amount.match(text):
                jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
                assert jc is not None and jc.get(qn("w:val")) in ("right", "end"), text
                checked += 1
    assert checked > 150
