"""``build`` writes the report of seed 002; read back with python-docx, every figure is the input's."""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator.cli import main
from generator.document_kinds.self_evaluation import model as M
from generator.pipeline import build_workbook

from .conftest import ROOT

TEMPLATE = ROOT / "templates" / "self_evaluation_hunan" / "document.docx"


def _cell(value):
    """How the 湖南 tables print an input amount: blank stays blank, thousands separated."""
    return "" if value is None else f"{Decimal(value):,.2f}"


@pytest.fixture(scope="module")
def built(tianxin_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    result = build_workbook(tianxin_path, out)
    assert result.document is not None, result.failure or result.audit
    return result


@pytest.fixture(scope="module")
def document(built):
    return Document(str(built.document))


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_report_is_written_in_the_departments_folder(built):
    assert built.document.name == "2021年度天心区医疗保障局部门整体支出绩效自评报告.docx"
    assert built.document.parent.parts[-2:] == ("天心区医疗保障局", "2021")
    assert built.check.kind.key == "self_evaluation" and not built.draft
    assert built.audit is not None and not built.audit.has_errors
    # the self-audit re-derived 693.23 from the printed classes: the same 0.01 as a 提示
    assert [f.kind for f in built.audit.findings] == ["A-INFO-01"]


def test_the_four_parts_of_seed_002(document, seed):
    text = _paragraphs(document)
    for heading in ("一、部门、单位基本情况", "二、一般公共预算支出情况", "三、部门整体支出绩效情况",
                    "四、存在的主要问题及改进措施或有关建议", "（四）项目资金使用管理情况分析"):
        assert heading in text
    assert "天心区部门整体支出（2021年度）绩效自评报告" in text and "单位名称：天心区医疗保障局" in text
    assert seed["info"]["staffing"] in text and seed["info"]["institutions"] in text
    for i, function in enumerate(seed["info"]["functions"]):
        assert any(t.endswith(function) and t.startswith("（") for t in text), i
    assert "（十一）" + seed["info"]["functions"][10] in text
    for line in seed["texts"]["performance"].splitlines() + seed["texts"]["problems"].splitlines():
        assert line in text  # one paragraph per line typed


def test_the_tables_print_every_input(document, seed):
    summary, three = document.tables[:2]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in summary.rows[1:]}
    labels = {"budget": "年初部门预算", "adjusted": "调整预算数", "final": "部门决算数", "assets": "其中：资产购置支出"}
    for key, label in labels.items():
        assert rows[label] == [_cell(seed["summary"][key][c]) for c in M.SUMMARY_COLUMNS]
    assert rows["年初部门预算"][:3] == ["510.12", "328.24", "181.88"]  # 510.12 = 328.24 + 181.88
    assert rows["部门决算数"][:3] == ["693.22", "512.36", "180.87"]
    assert rows["其中：资产购置支出"][0] == "2.16"
    rows3 = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in three.rows[1:]}
    assert rows3["部门预算数"] == [_cell(seed["three_public"]["budget"][c]) for c in M.THREE_PUBLIC_COLUMNS]
    assert rows3["部门决算数"] == ["", "", "0.00", "0.00"]


def test_the_text_states_the_inputs_figures(document, seed):
    text = "\n".join(_paragraphs(document))
    spending = next(t for t in _paragraphs(document) if t.startswith("“支出决算明细表”"))
    assert "总支出693.22万元，其中基本支出512.36万元和项目支出180.87万元" in spending
    quoted = re.findall(r"“([^”]+)”([\d.]+)万元", spending.split("总支出中")[1])
    assert quoted == [(n, a) for scope, _c, n, a, _note in seed["economic"] if scope == "all"]
    basic = next(t for t in _paragraphs(document) if t.startswith("“基本支出决算明细表”"))
    assert re.findall(r"“([^”]+)”([\d.]+)万元", basic) == [(n, a) for s, _c, n, a, _ in seed["economic"]
                                                          if s == "basic"]
    assert "“工资福利支出”470.36万元" in basic and "“其他工资福利支出”143.36万元，为聘用人员工资" in basic
    assert "“项目支出决算明细表”中列支“其他对个人和家庭的补助”95.94万元，主要是精神障碍患者药物救助费。" in text
    assert "“资本性支出”2.16万元，为单位购买办公设备。" in spending
    assert "“三公”经费无。" in text
    assert "机关运行经费支出42.00万元" in text
    assert "政府采购支出0.69万元，是采购办公耗材，为一般公共预算财政拨款。" in text


def test_a_template_printing_the_wrong_figure_is_not_published(tianxin_path, tmp_path):
    wrong = tmp_path / "wrong.docx"
    shutil.copyfile(TEMPLATE, wrong)
    with zipfile.ZipFile(wrong) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert "总支出{{ r.final.total|money }}" in xml
    members["word/document.xml"] = xml.replace("总支出{{ r.final.total|money }}",
                                               "总支出{{ r.budget.total|money }}").encode("utf-8")
    with zipfile.ZipFile(wrong, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    result = build_workbook(tianxin_path, tmp_path / "out", template=wrong)
    assert result.document is None and result.contradicts
    [found] = result.audit.errors
    assert found.kind == "A-AMT-01" and found.stated == Decimal("510.12") and found.expected == Decimal("693.22")
    assert not list((tmp_path / "out").rglob("*.docx"))
    forced = build_workbook(tianxin_path, tmp_path / "forced", template=wrong, force=True)
    assert forced.document is not None and forced.draft
    assert "草稿（校验未通过，仅供核对，不得公开）" in [p.text for p in Document(str(forced.document)).paragraphs]


def test_an_error_in_the_workbook_writes_no_report(tianxin_path, tmp_path, capsys):
    from .conftest import edit

    path = edit(tianxin_path, tmp_path / "bad.xlsx", {("整体支出", "C4"): 300})
    assert main(["build", str(path), "-o", str(tmp_path / "o")]) == 1
    assert "P-SUM-01" in capsys.readouterr().out
    assert not list((tmp_path / "o").rglob("*.docx"))


def test_cli_build_of_the_bundled_sample(tmp_path, capsys):
    from .conftest import SAMPLE

    assert main(["build", str(SAMPLE), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "已生成文档" in out and "部门整体支出绩效自评报告.docx" in out
    assert Path(next(tmp_path.rglob("*.docx"))).stat().st_size > 0


@pytest.mark.skipif(__import__("generator.render.pdf", fromlist=["find_soffice"]).find_soffice() is None
                    or shutil.which("pdftotext") is None, reason="LibreOffice（soffice）或 pdftotext 未安装")
def test_pdf_through_the_shared_publish_step(tianxin_path, tmp_path):
    import subprocess

    result = build_workbook(tianxin_path, tmp_path, pdf=True)
    assert result.pdf is not None and result.pdf.suffix == ".pdf", result.pdf_error
    text = subprocess.run(["pdftotext", "-layout", str(result.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"\s+", "", text)  # the PDF spaces digits from Chinese and breaks lines
    assert "绩效自评报告" in text and "693.22" in text and "512.36" in text and "机关运行经费支出42.00万元" in text


def test_every_table_cell_is_centred_vertically(built):
    """The amounts sat slightly off in their cells: every cell of the template, and so of the report, is centred."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    from lxml import etree

    for path in (TEMPLATE, built.document):
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("word/document.xml"))
        cells = list(root.iter(f"{w}tc"))
        assert cells, path
        for cell in cells:
            align = cell.find(f"{w}tcPr/{w}vAlign")
            assert align is not None and align.get(f"{w}val") == "center", (path, "".join(cell.itertext()))
