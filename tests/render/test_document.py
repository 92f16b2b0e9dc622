"""The rendered documents, read back with python-docx: figures quoted, tables, lists, escaping, files."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from generator import model
from generator.figures import ChangeState
from generator.forms import form_of
from generator.render import document as document_module
from generator.render.document import (
    DocumentLockedError,
    RenderError,
    TemplateRenderError,
    render_document,
)
from generator.workbook import layout as L

from .conftest import PERCENT, Rendered, cell_texts, output_files

D = Decimal


def _hundred(r: Rendered) -> Decimal:
    return D(100).quantize(D(1).scaleb(-r.settings.percent_decimals))


def _change_words(r: Rendered, c) -> list[str]:
    """The figures a sentence about a change must quote."""
    if c.state == ChangeState.NO_BASE:
        return ["无法形成对比"]
    if c.state == ChangeState.FLAT:
        return ["持平"]
    words = [("增加" if c.state != ChangeState.DECREASE else "减少") + r.money(c.amount) + "万元"]
    if c.percent is not None:
        words.append(("增长" if c.state != ChangeState.DECREASE else "下降") + r.pct(c.percent))
    return words


# ------------------------------------------------------------------------------- 情况说明


def test_section_one_quotes_the_total_and_its_change(sample: Rendered):
    text = sample.section("一、收入支出决算总体情况说明")
    f = sample.figures
    assert f"{sample.money(f.total.grand_total)}万元" in text
    for word in _change_words(sample, f.total.change):
        assert word in text, (word, text)
    if sample.accounts.reasons.total_change:
        assert sample.accounts.reasons.total_change.rstrip("。") in text


def test_section_four_quotes_the_appropriation_total(sample: Rendered):
    text = sample.section("四、财政拨款收入支出决算总体情况说明")
    f = sample.figures.appropriation
    assert f"{sample.money(f.grand_total)}万元" in text
    for word in _change_words(sample, f.change):
        assert word in text


@pytest.mark.parametrize(("heading", "attr"), [("二、收入决算情况说明", "income"),
                                               ("三、支出决算情况说明", "expenditure")])
def test_shares_of_income_and_expenditure_sum_to_100(sample: Rendered, heading, attr):
    text = sample.section(heading)
    figures = getattr(sample.figures, attr)
    assert f"{sample.money(figures.total)}万元" in text
    shares = [D(x) for x in PERCENT.findall(text)]
    assert sum(shares) == _hundred(sample), text
    listed = [p for p in figures.parts if p.amount or sample.settings.list_zero_parts]
    assert len(shares) == len(listed)
    for p in listed:
        assert f"{p.name}{sample.money(p.amount)}万元" in text


def test_general_budget_structure_shares_sum_to_100(sample: Rendered):
    text = sample.section("五、一般公共预算财政拨款支出决算情况说明")
    structure = text.split("（二）", 1)[1].split("（三）", 1)[0]
    shares = [D(x) for x in re.findall(r"（类）[\d.,]+万元，占(\d+(?:\.\d+)?)%", structure)]
    assert sum(shares) == _hundred(sample)
    classes = sample.figures.general_budget.classes
    expected = len(classes) if sample.settings.list_zero_classes else sum(1 for c in classes if c.amount)
    assert len(shares) == expected
    share = sample.figures.general_budget.share_of_expenditure.percent
    assert f"占本年支出合计的{sample.pct(share)}" in text


def test_general_budget_completion_is_quoted(sample: Rendered):
    text = sample.section("五、一般公共预算财政拨款支出决算情况说明")
    c = sample.figures.general_budget.completion
    assert f"{sample.money(c.budget)}万元" in text
    if c.state == "budget_zero":  # a department founded during the year (seed 001)
        assert "由于预算数为0，无法计算完成率" in text and "完成年初预算的" not in text
    else:
        assert f"完成年初预算的{sample.pct(c.rate)}" in text


def test_basic_expenditure_lists_only_the_subjects_used(sample: Rendered):
    text = sample.section("六、一般公共预算财政拨款基本支出决算情况说明")
    f = sample.figures
    assert f"人员经费{sample.money(f.basic.personnel.amount)}万元" in text
    assert "、".join(u.name for u in f.personnel_used) in text
    assert "、".join(u.name for u in f.public_used) in text
    unused = [r.name for r in sample.accounts.t6_general_budget_basic_expenditure.rows
              if len(r.code) == 5 and r["amount"] == 0]
    listed = set(re.split(r"[、；。，：]", text))
    assert not (set(unused) & listed) - {u.name for u in (*f.personnel_used, *f.public_used)}


def test_anhua_quotes_the_computed_share_not_the_published_one(rendered):
    anhua = rendered["anhua"]
    text = anhua.text()
    assert "占本年支出合计的82.20%" in text
    assert "21.66%" not in text
    assert "由于预算数为0，无法计算完成率" in text  # 五（三）: subjects without 年初预算
    assert "5,578.66" in cell_texts(anhua.table_after("收入支出决算总表"))[3]  # tables with separators
    assert "财政拨款收入5844.03万元" in text  # text without


def test_hubei_lists_every_class_even_at_zero(rendered):
    text = rendered["hongshan"].section("五、一般公共预算财政拨款支出决算情况说明")
    assert "一般公共服务支出（类）0.00万元，占0.0%" in text
    assert "社会保障和就业支出（类）10.95万元，占2.0%" in text
    assert "卫生健康支出（类）534.04万元，占98.0%" in text


def test_empty_sections_use_the_official_wording(rendered):
    hongshan = rendered["hongshan"]
    text = hongshan.text()
    assert "本部门无一般公共预算财政拨款“三公”经费支出情况" in text
    assert "本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。" in text
    assert "无国有资本经营预算财政拨款支出。" in hongshan.section("九、国有资本经营预算财政拨款支出决算情况")
    assert "故本表无数据" not in rendered["example_full"].text()


def test_no_template_tag_is_left(sample: Rendered):
    texts = sample.paragraphs + [c for t in sample.document.tables for row in cell_texts(t) for c in row]
    assert not [t for t in texts if "{{" in t or "{%" in t or "}}" in t or "%}" in t]


# ------------------------------------------------------------------------------- 名词解释


def _expected_subject_labels(accounts: model.DepartmentAccounts) -> set[str]:
    t2, t3 = accounts.t2_income, accounts.t3_expenditure
    used = {r.code for t in (t2, t3) for r in t.rows if not r.is_zero()}
    leaves = {c for c in used if not any(o != c and o.startswith(c) for o in used)}
    labels = set()
    for code in leaves:
        table = t3 if t3.row(code) is not None and not t3.row(code).is_zero() else t2
        parts = [f"{table.row(code[:n]).name}（{level}）" for n, level in ((3, "类"), (5, "款"), (7, "项"))
                 if len(code) >= n]
        labels.add("".join(parts))
    return labels


def test_glossary_lists_exactly_the_subjects_of_tables_2_and_3(sample: Rendered):
    paras = sample.document.paragraphs
    start = next(i for i, p in enumerate(paras) if "名词解释" in p.text and p.style.name == "Heading 1")
    end = next((i for i, p in enumerate(paras) if i > start and p.style.name == "Heading 1"), len(paras))
    found = set()
    for p in paras[start + 1:end]:
        if "（类）" in p.text:
            found.add(re.sub(r"^(?:\d+\.\s*|（\d+）)", "", p.text.strip()))
    assert found == _expected_subject_labels(sample.accounts)


# ------------------------------------------------------------------------------- the nine tables


def _subject_table_check(r: Rendered, title: str, table: model.SubjectTable, keys_by_width: dict[int, list[str]]):
    rows = cell_texts(r.table_after(title))
    by_code = {row[0]: row for row in rows if row and row[0].isdigit()}
    assert set(by_code) >= {line.code for line in table.rows}

    def expected(line: model.Line, key: str) -> str:
        if key not in line.values or key in line.blank:
            return ""
        return r.money(line.values[key], table=True)

    for line in table.rows:
        row = by_code[line.code]
        keys = keys_by_width[len(row) - 2]
        assert row[1] == line.name
        assert row[2:] == [expected(line, k) for k in keys], (title, line.code)
    total = next(row for row in rows if row and row[0] == "合计")
    assert total[1:] == [expected(table.total, k) for k in keys_by_width[len(total) - 1]]


def test_coded_tables_hold_the_workbook_rows_and_values(sample: Rendered):
    a = sample.accounts
    cols = {spec.table: [c.key for c in spec.columns] for spec in (L.T2, L.T3, L.T5, L.T8)}
    _subject_table_check(sample, "收入决算表", a.t2_income, {7: cols["t2"]})
    _subject_table_check(sample, "支出决算表", a.t3_expenditure, {6: cols["t3"]})
    _subject_table_check(sample, "一般公共预算财政拨款支出决算表", a.t5_general_budget_expenditure, {3: cols["t5"]})
    _subject_table_check(sample, "政府性基金预算财政拨款收入支出决算表", a.t8_government_fund, {6: cols["t8"]})
    if form_of(a).has_table("t9"):
        _subject_table_check(sample, "国有资本经营预算财政拨款", a.t9_state_capital,
                             {3: ["total", "basic", "project"], 6: cols["t8"]})
    else:
        with pytest.raises(AssertionError, match="no table after"):
            sample.table_after("国有资本经营预算财政拨款")


def _label_rows(rows: list[list[str]], left: int) -> list[tuple[list[str], list[str]]]:
    """Each row split into its 收入 cells (项目, 行次 where printed, 金额) and its 支出 cells."""
    return [(row[:left], row[left:]) for row in rows]


def _name(label: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]+、", "", label)


def test_summary_tables_hold_the_workbook_lines(sample: Rendered):
    t4_keys = [c.key for c in form_of(sample.accounts).table("t4").right_columns]  # the form's columns
    left_width = max(len(r) for r in cell_texts(sample.table_after("收入支出决算总表"))) // 2
    for title, table, right_keys in (("收入支出决算总表", sample.accounts.t1_income_expenditure_summary, ["amount"]),
                                     ("财政拨款收入支出决算总表", sample.accounts.t4_appropriation_summary, t4_keys)):
        rows = cell_texts(sample.table_after(title))
        width = max(len(r) for r in rows)
        pairs = _label_rows([r for r in rows if len(r) == width], left_width)
        lefts: dict[str, list[str]] = {}
        for left, _ in pairs:
            if left[0]:
                lefts.setdefault(_name(left[0]), []).append(left[-1])
        rights = {_name(right[0]): right[-len(right_keys):] for _, right in pairs if right[0]}
        for key, line in table.lines.items():
            name = _name(line.name)
            value = "" if "amount" in line.blank else sample.money(line["amount"], table=True)
            if key.startswith("inc_") or key in ("income_total", "use_non_appropriation_balance", "carryover_begin",
                                                 "carryover_begin_general_budget", "carryover_begin_gov_fund",
                                                 "carryover_begin_state_capital"):
                found = lefts[name][-1 if key.startswith("carryover_begin_") else 0]
                assert found == value, (title, key)
        for line in table.classes:
            expected = ["" if k in line.blank else sample.money(line[k], table=True) for k in right_keys]
            assert rights[line.name] == expected, (title, line.code)
        grand = [left[-1] for left, _ in pairs if left[0] == "总计"]
        assert grand == [sample.money(table.amount("income_grand_total"), table=True)]


def test_blank_source_cells_print_blank_not_zero(rendered):
    hongshan = rendered["hongshan"]
    rows = [r for r in cell_texts(hongshan.table_after("收入支出决算总表")) if len(r) == 6]
    state_capital = next(r for r in rows if r[0].endswith("国有资本经营预算财政拨款收入"))
    assert state_capital[2] == ""  # blank in the workbook
    diplomacy = next(r for r in rows if r[3].endswith("外交支出"))
    assert diplomacy[5] == "0.00"  # printed 0.00 in the workbook


def test_table_6_and_7(sample: Rendered):
    t6 = sample.accounts.t6_general_budget_basic_expenditure
    rows = cell_texts(sample.table_after("基本支出决算"))
    cells = {}
    for row in rows:
        for i in range(0, len(row) - 2):
            if re.fullmatch(r"\d{3}|\d{5}", row[i]):
                cells[row[i]] = (row[i + 1], row[i + 2])
    for line in t6.rows:
        amount = "" if "amount" in line.blank else sample.money(line["amount"], table=True)
        assert cells[line.code] == (line.name, amount)
    last = rows[-1]
    assert last[0] == "人员经费合计" and last[1] == sample.money(t6.personnel_total["amount"], table=True)

    t7 = sample.accounts.t7_three_public
    data = cell_texts(sample.table_after("经费支出决算表"))[-1]
    keys = [c.key for c in L.T7.columns]

    def fmt(line: model.Line, k: str) -> str:
        return "" if k in line.blank else sample.money(line[k], table=True)

    if sample.settings.layout == "上海":
        expected = [fmt(line, k) for k in keys for line in (t7.budget, t7.actual)]
    else:
        expected = [fmt(t7.budget, k) for k in keys] + [fmt(t7.actual, k) for k in keys]
    assert data == expected


def test_tables_look_official(sample: Rendered):
    doc = sample.document
    tables = doc.tables[:9]
    for table in tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    landscape = [s for s in doc.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert landscape and all(s.page_width > s.page_height for s in landscape)
    # every number cell is right-aligned in the coded tables
    rows = sample.table_after("收入决算表").rows
    total_row = next(r for r in rows if r.cells[0].text.strip() == "合计")
    assert total_row.cells[2].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT


# ------------------------------------------------------------------------------- charts, TOC, files


def test_charts_are_inserted_and_written(sample: Rendered):
    # the official 上海 template has no charts; 湖北 and 湖南 have four (seeds 000 and 004)
    expected = 0 if sample.settings.layout == "上海" else 4
    assert len(sample.document.inline_shapes) == expected
    assert len(sample.result.charts) == 4
    for path in sample.result.charts:
        assert path.parent == sample.result.docx.parent and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    captions = [p for p in sample.paragraphs if re.match(r"图[1-4]：", p)]
    assert len(captions) == expected


def test_table_of_contents_is_a_field_with_the_headings(sample: Rendered):
    body = sample.document.element.body
    instr = [t.text for t in body.iter(qn("w:instrText")) if t.text and t.text.strip().startswith("TOC")]
    assert instr
    toc_paragraphs = [p.text for p in sample.document.paragraphs if p.style.name.lower().startswith("toc ")]
    headings = [p.text.replace("\n", "") for p in sample.document.paragraphs  # a balanced title: one 目录 line
                if p.style.name in ("Heading 1", "Heading 2") and p.text.strip()]
    assert toc_paragraphs == headings


def test_output_path_and_core_properties(rendered):
    hongshan = rendered["hongshan"]
    docx = hongshan.result.docx
    assert docx.name == "2021年度武汉市洪山区医疗保障局部门决算.docx"
    assert docx.parent.name == "2021" and docx.parent.parent.name == "武汉市洪山区医疗保障局"
    props = hongshan.document.core_properties
    assert props.created.replace(tzinfo=None) == datetime(2022, 9, 29)
    assert props.modified.replace(tzinfo=None) == datetime(2022, 9, 29)
    assert props.title == "2021年度武汉市洪山区医疗保障局部门决算"


def test_timings_give_each_stage(rendered):
    timings = rendered["hongshan"].result.timings
    assert list(timings) == ["figures", "charts", "docx", "write"]
    assert all(isinstance(v, float) and v >= 0 for v in timings.values())


def test_same_workbook_gives_byte_identical_files(hongshan, tmp_path):
    first = render_document(hongshan, tmp_path / "a")
    second = render_document(hongshan, tmp_path / "b")
    a_files, b_files = output_files(tmp_path / "a"), output_files(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a_files] == [p.relative_to(tmp_path / "b") for p in b_files]
    for a, b in zip(a_files, b_files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first.docx) as z:
        infos = z.infolist()
        assert {i.date_time for i in infos} == {(2022, 9, 29, 0, 0, 0)}
        assert infos[0].filename == "[Content_Types].xml"
    assert second.docx.read_bytes() == first.docx.read_bytes()


def test_draft_is_marked_on_the_first_page(hongshan, tmp_path):
    draft = Document(str(render_document(hongshan, tmp_path / "d", draft=True).docx))
    cover = []
    for p in draft.paragraphs:
        if p.text.strip() == "目  录":
            break
        cover.append(p.text)
    assert any("草稿" in t for t in cover)
    assert "草稿" in draft.sections[0].header.paragraphs[0].text
    final = Document(str(render_document(hongshan, tmp_path / "f").docx))
    assert not any("草稿" in p.text for p in final.paragraphs)
    assert "草稿" not in final.sections[0].header.paragraphs[0].text


def test_locked_target_gives_a_chinese_error_and_leaves_no_partial_file(hongshan, tmp_path, monkeypatch):
    done = render_document(hongshan, tmp_path)
    before = done.docx.read_bytes()

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(document_module.os, "replace", locked)
    with pytest.raises(DocumentLockedError) as info:
        render_document(dataclasses.replace(hongshan, reasons=model.Reasons(total_change="改")), tmp_path)
    assert "正在 Word" in info.value.message and done.docx.parent.name in str(info.value.path.parent)
    assert isinstance(info.value, RenderError)
    assert done.docx.read_bytes() == before
    assert not [p for p in output_files(tmp_path) if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------------- escaping and errors


def test_example_full_texts_with_special_characters_render_exactly(rendered):
    text = rendered["example_full"].text()
    assert "承办“长三角文旅A&B联动计划”交流活动" in text
    assert "其中出国团组压减后执行率<100%，燃油费下降幅度<50%" in text
    assert "接待批次增加；\n2. 因公出国（境）费" in text  # a line break typed in the workbook


def test_escaping_of_every_special_character(hongshan, tmp_path):
    tricky = 'A & B < C > D "E" \'F\' &amp; <w:t>\n第二行'
    accounts = dataclasses.replace(
        hongshan,
        reasons=dataclasses.replace(hongshan.reasons, total_change=tricky),
        key_work=(model.KeyWork("<b>标题 & 其他</b>", "第一行\n第二行 \"引号\" 'x'"),),
    )
    doc = Document(str(render_document(accounts, tmp_path).docx))
    texts = [p.text for p in doc.paragraphs]
    # a line typed in the workbook starts a new paragraph (with the paragraph's indent)
    assert f"主要原因是{tricky}。" in "\n".join(texts)
    assert "一、<b>标题 & 其他</b>" in texts
    assert texts[texts.index("第一行") + 1] == "第二行 \"引号\" 'x'"


def _template(tmp_path, *paragraphs: str):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return path


def test_missing_variable_is_an_error_naming_the_place(hongshan, tmp_path):
    path = _template(tmp_path, "部门：{{ department.name }}", "数字：{{ figures.total.nonexistent }}")
    with pytest.raises(TemplateRenderError) as info:
        render_document(hongshan, tmp_path / "out", template=path)
    assert "不存在" in info.value.message and "数字：" in info.value.paragraph
    assert not (tmp_path / "out").exists() or not output_files(tmp_path / "out")


def test_missing_top_level_variable_is_an_error(hongshan, tmp_path):
    path = _template(tmp_path, "{{ departement.name }}")
    with pytest.raises(TemplateRenderError) as info:
        render_document(hongshan, tmp_path / "out", template=path)
    assert "departement" in info.value.message


def test_printing_an_uncomputable_figure_is_an_error(hongshan, tmp_path):
    accounts = dataclasses.replace(hongshan, prior=model.PriorYear())
    path = _template(tmp_path, "增长{{ figures.total.change.percent|pct }}")
    with pytest.raises(TemplateRenderError) as info:
        render_document(accounts, tmp_path / "out", template=path)
    assert "百分比不可计算" in info.value.message


def test_wrong_tag_is_an_error_naming_the_paragraph(hongshan, tmp_path):
    path = _template(tmp_path, "开始", "{% if draft %}草稿", "结束")
    with pytest.raises(TemplateRenderError) as info:
        render_document(hongshan, tmp_path / "out", template=path)
    assert "有写法错误的标签" in info.value.message


def test_new_department_without_prior_year(hongshan, tmp_path):
    accounts = dataclasses.replace(hongshan, prior=model.PriorYear())
    doc = Document(str(render_document(accounts, tmp_path).docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "由于没有2020年度决算数，无法形成对比。" in text
    assert len(doc.inline_shapes) == 4  # the bar charts show the current year alone


def test_missing_template_is_a_render_error(hongshan, tmp_path):
    with pytest.raises(RenderError) as info:
        render_document(hongshan, tmp_path, template=tmp_path / "absent.docx")
    assert "找不到 Word 模板" in info.value.message


def test_three_public_office_cost_and_procurement_figures_are_quoted(sample: Rendered):
    text = sample.text()
    f = sample.figures
    tp = f.three_public
    if not tp.is_empty:
        total = tp.total.completion
        assert f"{sample.money(total.budget)}万元" in text and f"{sample.money(total.actual)}万元" in text
        assert f"完成预算的{sample.pct(total.rate)}" in text or f"完成年初预算的{sample.pct(total.rate)}" in text
        for word in _change_words(sample, tp.total.change):
            assert word in text
    oc = f.office_cost
    assert f"机关运行经费支出{sample.money(oc.amount)}万元" in text
    for word in _change_words(sample, oc.change):
        assert word in text
    pr = f.procurement
    assert f"{sample.money(pr.total)}万元" in text
    if sample.settings.layout == "上海":  # 十一（二）: the amounts won in reserved and other projects instead
        for amount in (pr.reserved_sme_awarded, pr.reserved_small_micro_awarded, pr.other_sme_awarded):
            assert f"采购金额{sample.money(amount)}万元" in text
    else:
        assert f"{sample.money(pr.sme.part)}万元" in text


# ------------------------------------------------------------------------------- 上海 十一（二）（三）, 七（一）


def test_shanghai_procurement_quotes_the_amounts_won_in_reserved_and_other_projects(rendered):
    r = rendered["example_full"]
    p = r.accounts.procurement
    assert p.reserved_sme_awarded and p.reserved_small_micro_awarded and p.other_sme_awarded
    text = r.section("（二）政府采购支出情况")
    assert (f"在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，"
            f"采购金额{r.money(p.reserved_sme_awarded)}万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额"
            f"{r.money(p.reserved_small_micro_awarded)}万元；在其他政府采购项目中，由中小企业供应商中标或成交的，"
            f"采购金额{r.money(p.other_sme_awarded)}万元。") in text, text
    assert (f"面向中小企业预留政府采购项目预算金额{r.money(p.reserved_sme_budget)}万元，"
            f"面向小微企业预留政府采购项目预算金额{r.money(p.reserved_small_micro_budget)}万元。") in text


def test_shanghai_assets_quote_the_equipment_over_one_million(rendered):
    r = rendered["example_full"]
    a = r.accounts.assets
    assert a.equipment_over_1m != a.special_equipment_over_1m  # the sample tells the two apart
    text = r.section("（三）国有资产占有使用情况说明")
    assert f"单价100万元（含）以上设备（不含车辆）{a.equipment_over_1m}台（套）。" in text, text


def test_shanghai_gives_each_three_public_item_its_reason_unless_flat(rendered):
    r = rendered["example_full"]
    tp, reasons = r.figures.three_public, r.accounts.reasons
    text = r.section("（一）“三公”经费财政拨款支出决算总体情况说明")
    items = (("因公出国（境）费", tp.outbound.change, reasons.three_public_outbound_change),
             ("公务用车购置及运行维护费", tp.vehicle.change, reasons.three_public_vehicle_change),
             ("公务接待费", tp.reception.change, reasons.three_public_reception_change))
    states = {c.state for _, c, _ in items}
    assert ChangeState.FLAT in states and ChangeState.INCREASE in states  # the sample has both cases
    for label, c, reason in items:
        assert reason
        if c.state == ChangeState.FLAT:
            assert f"{label}支出决算持平" in text
            assert reason.rstrip("。") not in text and f"{label}支出持平的主要原因" not in text
        else:
            verb = "减少" if c.state == ChangeState.DECREASE else "增加"
            assert f"{label}支出{verb}的主要原因是{reason.rstrip('。')}。" in text, (label, text)


def test_shanghai_item_reasons_are_omitted_without_a_text(example_full, tmp_path):
    accounts = dataclasses.replace(example_full, reasons=dataclasses.replace(
        example_full.reasons, three_public_vehicle_change="", three_public_reception_change=""))
    text = "\n".join(p.text for p in Document(str(render_document(accounts, tmp_path).docx)).paragraphs)
    assert f"主要原因是{example_full.reasons.three_public_change.rstrip('。')}" in text
    assert "公务接待费支出增加的主要原因" not in text
    assert "公务用车购置及运行维护费支出增加的主要原因" not in text


# ------------------------------------------------------------------------------- 湖北 七（二）2（2）


def _hubei_three_public(accounts: model.DepartmentAccounts, out) -> str:
    accounts = dataclasses.replace(accounts, info=dataclasses.replace(accounts.info, layout="湖北"))
    doc = Document(str(render_document(accounts, out).docx))
    return next(p.text for p in doc.paragraphs if p.text.startswith("（2）公务用车运行费"))


def test_hubei_breaks_the_vehicle_operating_cost_down(example_full, tmp_path):
    d = example_full.three_public_details
    parts = (d.vehicle_fuel, d.vehicle_repair, d.vehicle_tolls, d.vehicle_insurance, d.vehicle_safety_award,
             d.vehicle_other)
    assert sum(parts) == example_full.t7_three_public.actual.values["vehicle_operation"]
    text = _hubei_three_public(example_full, tmp_path / "filled")
    m = [f"{x:.2f}" for x in parts]
    assert (f"其中：燃料费{m[0]}万元；维修费{m[1]}万元；过桥过路费{m[2]}万元；保险费{m[3]}万元；"
            f"安全奖励费用{m[4]}万元；其他{m[5]}万元。") in text, text
    # not filled in while the cost is not zero: no breakdown of zeros contradicting the cost
    blank = dataclasses.replace(example_full, three_public_details=dataclasses.replace(
        d, vehicle_fuel=D(0), vehicle_repair=D(0), vehicle_tolls=D(0), vehicle_insurance=D(0),
        vehicle_safety_award=D(0), vehicle_other=D(0)))
    assert "其中：燃料费" not in _hubei_three_public(blank, tmp_path / "blank")


def test_hongshan_states_the_vehicle_breakdown_of_seed_000(hongshan):
    d = hongshan.three_public_details
    assert (d.vehicle_fuel, d.vehicle_repair, d.vehicle_tolls, d.vehicle_insurance, d.vehicle_safety_award,
            d.vehicle_other) == (D("0.00"),) * 6


@pytest.mark.parametrize("layout", ["湖北", "湖南", "上海"])
@pytest.mark.parametrize("name", ["hongshan", "anhua", "example_full"])
def test_every_template_renders_every_sample_and_a_bare_department(name, layout, request, tmp_path):
    """Any workbook through any layout: nothing to report must be worded, never a template error."""
    accounts = request.getfixturevalue(name)
    accounts = dataclasses.replace(accounts, info=dataclasses.replace(accounts.info, layout=layout))
    doc = Document(str(render_document(accounts, tmp_path / "full").docx))
    assert len(doc.inline_shapes) == (0 if layout == "上海" else 4)  # the official 上海 template has no charts
    zero = D("0.00")
    bare = dataclasses.replace(
        accounts,
        prior=model.PriorYear(), budget=(), evaluations=(), key_work=(), glossary_extra=(),
        reasons=model.Reasons(), procurement=model.Procurement(), office_cost=model.OfficeOperatingCost(zero),
        general_expenditure=model.GeneralExpenditure(), performance_management=model.PerformanceManagement(),
        three_public_details=model.ThreePublicDetails(), assets=model.StateAssets(),
        info=dataclasses.replace(accounts.info, functions=(), publication_date="", internal_offices=""),
    )
    text = "\n".join(p.text for p in Document(str(render_document(bare, tmp_path / "bare").docx)).paragraphs)
    assert "无法形成对比" in text
    assert "无政府采购支出" in text or "政府采购金额（以合同签订为准）为0.00万元" in text
    assert "附件" not in [p.strip() for p in text.splitlines()] and "None" not in text


@pytest.mark.parametrize("layout", ["湖北", "湖南", "上海"])
def test_a_reason_typed_with_the_templates_lead_in_is_printed_once(hongshan, layout, tmp_path):
    """An accountant writes “主要是…” or “主要原因是：…”; the templates say “主要原因是” themselves."""
    accounts = dataclasses.replace(
        hongshan, info=dataclasses.replace(hongshan.info, layout=layout),
        reasons=dataclasses.replace(hongshan.reasons, total_change="主要是人员增资和新增医保经办项目。",
                                    appropriation_change="主要原因是：财政拨款项目增加"))
    text = "\n".join(p.text for p in Document(str(render_document(accounts, tmp_path).docx)).paragraphs)
    assert "人员增资和新增医保经办项目" in text and "财政拨款项目增加" in text
    assert not re.search(r"(主要原因是|主要是|主要原因)[：:]?(主要是|主要原因)", text)
    assert "。。" not in text


@pytest.mark.parametrize("layout", ["湖北", "湖南", "上海"])
def test_functions_typed_with_their_own_numbers_are_numbered_once(hongshan, layout, tmp_path):
    """The templates number the 主要职能; “1、负责…” typed by the department printed “（1）1、负责…”."""
    typed = ("1、负责本区医疗保障工作。", "（二）负责医保基金监管。", "③ 承办区政府交办的其他任务。",
             "1.5万人次的经办服务。")
    accounts = dataclasses.replace(hongshan, info=dataclasses.replace(hongshan.info, layout=layout, functions=typed))
    text = "\n".join(p.text for p in Document(str(render_document(accounts, tmp_path).docx)).paragraphs)
    for item in ("负责本区医疗保障工作。", "负责医保基金监管。", "承办区政府交办的其他任务。", "1.5万人次的经办服务。"):
        line = next(ln for ln in text.splitlines() if ln.endswith(item))
        assert not re.search(r"[）.]\s*(?:\d+、|（二）|③)", line), line
        assert len(line) - len(item) <= 4, line  # one number: （1） / （一） / 1.
