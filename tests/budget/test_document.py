"""The budget document, built from the sample and read back with python-docx: the thirteen tables, the ten
sections, 名词解释, and every figure of the text against the tables printed in the same document."""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator.cli import main
from generator.pipeline import build_workbook

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "budget" / "hubei" / "document.docx"
TABLE_TITLES = ("财政拨款收支总体情况表", "一般公共预算支出情况表", "一般公共预算基本支出情况表",
                "一般公共预算“三公”经费支出情况表", "政府性基金预算支出情况表", "收支总体情况表", "收入总体情况表",
                "支出总体情况表", "项目支出情况表", "政府采购支出情况表", "政府向社会力量购买服务支出情况表",
                "部门整体支出绩效目标表", "项目支出绩效目标表")
SECTIONS = ("一、财政拨款收支预算总体情况", "二、一般公共预算支出安排情况", "三、一般公共预算基本支出安排情况",
            "四、一般公共预算“三公”经费支出安排情况", "五、政府性基金预算支出安排情况",
            "六、国有资本经营预算支出安排情况",
            "七、收支预算总体安排情况", "八、收入预算安排情况", "九、支出预算安排情况", "十、其他重要事项的情况说明")


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text.strip() else Decimal("0.00")


class Read:
    """The built document: paragraphs in order, tables by the title printed above them."""

    def __init__(self, path: Path) -> None:
        self.document = Document(str(path))
        self.paragraphs: list[str] = []
        self.tables: dict[str, list[list[list[str]]]] = {}
        title = ""
        body = self.document.element.body
        tables = iter(self.document.tables)
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
                if text.strip():
                    self.paragraphs.append(text.strip())
                    if text.strip() in TABLE_TITLES:
                        title = text.strip()
            elif tag == "tbl":
                table = next(tables)
                self.tables.setdefault(title, []).append([[c.text.strip() for c in row.cells] for row in table.rows])

    def table(self, title: str, index: int = 0) -> list[list[str]]:
        return self.tables[title][index]

    def row(self, title: str, first: str, column: int = 0) -> list[str]:
        return next(r for r in self.table(title) if r[column] == first)

    def heading(self, text: str) -> int:
        """The position of a heading in the body (its last occurrence: the 目录 lists it first)."""
        return len(self.paragraphs) - 1 - self.paragraphs[::-1].index(text)

    def section(self, heading: str) -> str:
        start = self.heading(heading)
        following = self.paragraphs[start + 1:]
        end = next((i for i, p in enumerate(following) if p in SECTIONS or p.startswith("第四部分")), len(following))
        return "\n".join(following[:end])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("budget")
    outcome = build_workbook(SAMPLE, out)
    assert outcome.document is not None, (outcome.failure, outcome.audit and [str(f) for f in outcome.audit.findings])
    return outcome, Read(outcome.document)


def test_build_writes_the_budget_document_and_its_self_audit_is_clean(built):
    outcome, _ = built
    assert outcome.check.kind.key == "budget"
    assert outcome.document.name == "2021年武汉市医疗保险中心部门预算.docx"
    assert outcome.audit is not None and not outcome.audit.findings, [str(f) for f in outcome.audit.findings]
    assert outcome.audit.sentences_checked > 20


def test_the_thirteen_tables_are_present_with_their_titles_and_numbers(built):
    _, doc = built
    for title in TABLE_TITLES:
        assert title in doc.tables, title
    for number in range(1, 13):
        assert f"公开表{number}" in doc.paragraphs
    assert [f"公开表13-{i}" for i in range(1, 5)] == [p for p in doc.paragraphs if p.startswith("公开表13-")]
    # per project: the table, its 支出明细 and its indicators
    assert len(doc.tables["项目支出绩效目标表"]) == 12
    assert "说明：本单位无政府性基金预算支出。" in doc.paragraphs


def test_the_four_parts_and_the_ten_sections_in_order(built):
    _, doc = built
    positions = [doc.heading(s) for s in SECTIONS]
    assert positions == sorted(positions)
    toc = doc.paragraphs.index("目  录")
    assert doc.paragraphs[toc + 1:toc + 5] == ["第一部分 武汉市医疗保险中心概况", "一、部门主要职能",
                                              "二、部门预算单位构成", "三、部门人员构成"]
    assert all(doc.paragraphs.index(s) < doc.heading("第一部分 武汉市医疗保险中心概况") for s in SECTIONS)
    for part in ("第一部分 武汉市医疗保险中心概况", "第二部分 武汉市医疗保险中心2021年部门预算表",
                 "第三部分 武汉市医疗保险中心2021年部门预算情况说明", "第四部分 名词解释"):
        assert doc.paragraphs.count(part) == 2  # 目录 and heading


def test_section_one_and_two_against_tables_1_2_and_9(built):
    _, doc = built
    t1_total = _amount(doc.row("财政拨款收支总体情况表", "收入总计")[1])
    t2_total = doc.row("一般公共预算支出情况表", "合计", 1)
    one, two = doc.section(SECTIONS[0]), doc.section(SECTIONS[1])
    assert t1_total == Decimal("4937.30")
    assert f"财政拨款收支总预算{t1_total}万元" in one
    assert f"一般公共预算支出预算{_amount(t2_total[4])}万元" in two
    assert "比2020年预算减少1343.52万元，下降21.39%，主要是项目支出减少" in two
    basic, project = _amount(t2_total[5]), _amount(t2_total[6])
    assert (basic, project) == (Decimal("4051.86"), Decimal("885.44"))
    assert f"（一）基本支出{basic}万元" in two and f"（二）项目支出{project}万元" in two
    projects = [r for r in doc.table("项目支出情况表")[1:] if r[0] != "合计"]
    assert len(projects) == 4
    for name, *_rest, total, _gb, _gf, _other in projects:
        assert f"{name}{_amount(total)}万元" in two
    assert sum(_amount(r[4]) for r in projects) == project


def test_section_three_against_table_3(built):
    _, doc = built
    total = doc.row("一般公共预算基本支出情况表", "合计", 1)
    whole, personnel, public = (_amount(total[i]) for i in (4, 5, 6))
    assert whole == personnel + public == Decimal("3384.84") + Decimal("667.02")
    three = doc.section(SECTIONS[2])
    assert f"基本支出{whole}万元" in three
    assert f"（一）人员经费{personnel}万元" in three and f"（二）公用经费{public}万元" in three
    rows = doc.table("一般公共预算基本支出情况表")
    for code in ("301", "302", "303"):
        name, amount = next((r[1], _amount(r[4])) for r in rows if r[0] == code)
        assert f"{name}{amount}万元" in three
        used = [r[1] for r in rows if len(r[0]) == 5 and r[0].startswith(code) and _amount(r[4]) != 0]
        assert "主要用于：" + "、".join(used) + "等" in three


def test_section_four_three_public_against_table_4(built):
    _, doc = built
    total = doc.row("一般公共预算“三公”经费支出情况表", "合计", 1)
    four = doc.section(SECTIONS[3])
    assert _amount(total[4]) == Decimal("3.94")
    assert "“三公”经费支出预算3.94万元，比2020年减少0.21万元" in four
    assert f"因公出国（境）经费{_amount(total[5])}万元" in four
    assert f"公务用车购置及运行维护费{_amount(total[6])}万元" in four
    assert f"公务接待费{_amount(total[9])}万元" in four
    assert _amount(total[6]) + _amount(total[5]) + _amount(total[9]) == _amount(total[4])


def test_sections_five_to_nine_against_table_6(built):
    _, doc = built
    assert doc.section(SECTIONS[4]) == "2021年无政府性基金预算安排的支出。"
    assert doc.section(SECTIONS[5]) == "2021年无国有资本经营预算安排的支出。"
    grand = _amount(doc.row("收支总体情况表", "收入总计")[1])
    assert f"2021年收支总预算{grand}万元，比2020年预算减少1343.52万元" in doc.section(SECTIONS[6])
    nine = doc.section(SECTIONS[8])
    spent = _amount(doc.row("收支总体情况表", "本年支出合计", 2)[3])
    parts = {r[4]: _amount(r[5]) for r in doc.table("收支总体情况表") if r[4] in ("一、基本支出", "二、项目支出")}
    printed = dict(re.findall(r"(基本支出|项目支出)[\d.]+万元，占([\d.]+)%", nine))
    assert set(printed) == {"基本支出", "项目支出"}
    assert sum(Decimal(v) for v in printed.values()) == 100
    for label, share in printed.items():
        amount = parts["一、" + label if label == "基本支出" else "二、" + label]
        assert f"{label}{amount}万元" in nine
        assert len(share.split(".")[1]) == 2  # the layout's two decimals, not seed 003's "占82%"
        assert abs(Decimal(share) - amount * 100 / spent) < Decimal("0.01")
    eight = doc.section(SECTIONS[7])
    assert f"收入预算{grand}万元，其中：一般公共预算财政拨款收入{grand}万元，占100.00%" in eight


def test_section_ten_against_tables_3_10_and_11(built):
    _, doc = built
    ten = doc.section(SECTIONS[9])
    public = _amount(doc.row("一般公共预算基本支出情况表", "合计", 1)[6])
    assert f"机关运行经费{public}万元（即部门公用经费）" in ten
    purchases = doc.table("政府采购支出情况表")
    total = _amount(next(r for r in purchases if r[0] == "合计")[4])
    services = sum(_amount(r[4]) for r in purchases if r[1] == "服务")
    assert (total, services) == (Decimal("411.00"), Decimal("411.00"))
    assert f"政府采购预算支出合计{total}万元。包括：货物类0.00万元，工程类0.00万元，服务类{services}万元" in ten
    bought = _amount(next(r for r in doc.table("政府向社会力量购买服务支出情况表") if r[0] == "合计")[4])
    assert f"政府购买服务预算支出合计{bought}万元" in ten and bought == Decimal("408.00")
    assert "截至2020年12月31日，占有使用国有资产1090.19万元" in ten
    assert "设置了整体支出绩效目标、0个一级项目支出绩效目标、4个二级项目支出绩效目标" in ten


def test_glossary_lists_the_subjects_used_to_item_level(built):
    _, doc = built
    rows = doc.table("一般公共预算支出情况表")
    names = {r[0]: r[1] for r in rows if r[0]}
    expected = [f"{names[c[:3]]}（类级）{names[c[:5]]}（款级）{names[c]}（项级）"
                for c in names if len(c) == 7 and _amount(next(r for r in rows if r[0] == c)[4]) != 0]
    start = doc.heading("第四部分 名词解释")
    entries = [re.sub(r"^\d+\. ", "", p) for p in doc.paragraphs[start:] if "（项级）" in p and "（类级）" in p]
    listed = [e.split("：")[0] for e in entries]
    assert listed == expected
    # the workbook's explanation follows the subject, as seed 003 writes it
    assert ("卫生健康支出（类级）医疗保障管理事务（款级）行政运行（项级）："
            "反映行政单位（包括实行公务员管理的事业单位）的基本支出。") in entries
    assert ("住房保障支出（类级）住房改革支出（款级）提租补贴（项级）："
            "反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。") in entries
    assert len(listed) == 10


def test_a_subject_without_an_explanation_is_listed_by_its_names_alone(mutate, tmp_path):
    from generator.document_kinds.budget import workbook as W

    def drop(wb):
        ws = wb[W.GLOSSARY.sheet]
        for row in ws.iter_rows():
            if str(row[0].value or "").strip() == "2210202":
                for cell in row:
                    cell.value = None

    outcome = build_workbook(mutate(drop), tmp_path / "out")
    assert outcome.document is not None, outcome.failure
    doc = Read(outcome.document)
    start = doc.heading("第四部分 名词解释")
    entries = [re.sub(r"^\d+\. ", "", p) for p in doc.paragraphs[start:] if "（项级）" in p]
    assert "住房保障支出（类级）住房改革支出（款级）提租补贴（项级）" in entries


def test_a_template_printing_the_wrong_variable_is_refused_by_the_self_audit(tmp_path):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "figures.basic.personnel|money" in text
                data = text.replace("figures.basic.personnel|money", "figures.basic.public|money").encode("utf-8")
            target.writestr(item, data)
    outcome = build_workbook(SAMPLE, tmp_path / "out", template=bad)
    assert outcome.document is None
    assert outcome.audit is not None and outcome.audit.has_errors
    assert any(f.kind == "A-AMT-01" and "人员经费" in f.message for f in outcome.audit.errors)


def test_the_commands_build_and_check_the_budget_workbook(tmp_path, capsys):
    copy = tmp_path / "预算.xlsx"
    shutil.copyfile(SAMPLE, copy)
    assert main(["check", str(copy), "-o", str(tmp_path / "out")]) == 0
    assert main(["build", str(copy), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "已生成文档" in out and "部门预算.docx" in out
    assert main(["sample"]) == 0
    assert "wuhan_center_2021_budget" in capsys.readouterr().out


def test_a_template_printing_a_table_column_wrongly_is_refused_by_the_self_audit(tmp_path):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "r[6]|cell" in text
                data = text.replace("r[6]|cell", "r[5]|cell").encode("utf-8")  # a column printed twice
            target.writestr(item, data)
    outcome = build_workbook(SAMPLE, tmp_path / "out", template=bad)
    assert outcome.document is None
    wrong = [f for f in outcome.audit.errors if f.kind == "A-TAB-04"]
    assert any("表2「2101506 医疗保障经办事务」的「项目支出」印为 0.00，工作簿中为 885.44" in f.message
               for f in wrong), [str(f) for f in wrong]


def test_table_13_sources_and_details_add_up_to_the_project(built):
    _, doc = built
    projects = doc.tables["项目支出绩效目标表"]
    for number, first in enumerate(range(0, 12, 3), 1):
        fields = {r[0]: r[1] for r in projects[first]}
        details = projects[first + 1][1:]
        current = _amount(fields["项目当年预算"])
        assert sum(_amount(r[1]) for r in details) == current
        assert _amount(fields["资金来源：财政拨款收入"]) + _amount(fields["资金来源：其他资金"]) \
            + _amount(fields["资金来源：上年结转"]) == _amount(fields["项目总预算"])
        t9 = next(r for r in doc.table("项目支出情况表") if r[0] == fields["项目名称"])
        assert _amount(t9[4]) == current, number
    assert len(projects[7]) == 7  # 医疗保险业务工作经费: the header and its six lines


def test_table_12_overall_funds_this_year_from_table_6_and_the_two_years_before(built):
    _, doc = built
    finance = next(t for t in doc.tables["部门整体支出绩效目标表"] if t[0][0] == "资金构成")
    assert finance[0][4:] == ["2019年", "2020年"]
    rows = {(r[0], r[1]): r[2:] for r in finance[1:]}
    grand = doc.row("收支总体情况表", "收入总计")[1]
    assert rows[("收入构成", "财政拨款")] == [grand, "100.00%", "2,525.82", "4,153.72"]
    basic, project = rows[("支出构成", "基本支出")], rows[("支出构成", "项目支出")]
    nine = doc.section(SECTIONS[8])
    # the shares are the text's (section 九), the years before add up as seed 003 prints them (2546.79)
    assert f"基本支出{_amount(basic[0])}万元，占{basic[1]}" in nine
    assert f"项目支出{_amount(project[0])}万元，占{project[1]}" in nine
    assert rows[("支出构成", "合计")][2:] == ["2,546.79", "4,153.72"]
    assert _amount(basic[2]) + _amount(project[2]) == Decimal("2546.79")
