"""Each sample's document printed as its form declares it: tables, rows, ordinals, 行次, columns, outline,
glossary — read back with python-docx and compared with the form and the workbook."""

from __future__ import annotations

from decimal import Decimal

from generator import catalog
from generator.forms import form_of
from generator.labels import normalize
from generator.workbook import layout as L
from generator.workbook.template import _cn

from .conftest import Rendered, cell_texts


def _headings(sample: Rendered, style: str) -> list[str]:
    return [p.text.strip() for p in sample.document.paragraphs if p.style.name == style]


def _part(sample: Rendered, start: str, style: str = "Heading 2") -> list[str]:
    """The headings of one style between the Heading 1 starting with ``start`` and the next Heading 1."""
    out, inside = [], False
    for p in sample.document.paragraphs:
        if p.style.name == "Heading 1":
            inside = start in p.text
        elif inside and p.style.name == style:
            out.append(p.text.strip())
    return out


def test_the_document_has_the_tables_of_its_form_in_order(sample):
    form = form_of(sample.accounts)
    tables = _part(sample, "部门决算表")
    assert len(tables) == len(form.tables)
    for heading, spec in zip(tables, form.tables, strict=True):
        assert spec.title in heading
    toc = [p.text for p in sample.document.paragraphs if p.style.name.startswith("toc")]
    if toc:
        assert not form.has_table("t9") == all(L.T9.title not in t and "国有资本经营预算财政拨款收入支出" not in t
                                               for t in toc)


def _rows_of(sample: Rendered, table: str) -> list[list[str]]:
    spec = form_of(sample.accounts).table(table)
    rows = cell_texts(sample.table_after(spec.title))
    first = next(i for i, r in enumerate(rows) if r and r[0] not in ("收入", "项目", "栏次"))
    return rows[first:]


def _labeled_sides(sample: Rendered, table: str):
    """(label, 行次) of the income side and of the expenditure side, printed row by printed row."""
    form = form_of(sample.accounts)
    spec = form.table(table)
    n_left = 1 + len(spec.left_columns) + (1 if sample.settings.layout != "上海" else 0)
    has_no = sample.settings.layout != "上海"
    left, right = [], []
    for r in _rows_of(sample, table):
        left.append((r[0], int(r[1]) if has_no and r[1] else None))
        right.append((r[n_left], int(r[n_left + 1]) if has_no and r[n_left + 1] else None))
    return left, right


def _expected_label(form, spec_lines, label: str) -> bool:
    """A printed label is a line of the form (with the form's ordinal) or a class with its official ordinal."""
    if not label:
        return True
    head, sep, name = label.partition("、")
    lines = [ln for ln in spec_lines if ln.key and ln.matches(label)]
    if lines:  # the form's line (or an accepted variant of its label) with the form's ordinal
        return any(ln.label.partition("、")[0] == head if "、" in ln.label else not sep for ln in lines)
    fc = catalog.class_by_name(name if sep else label)
    return fc is not None and bool(sep) and head == _cn(form.class_ordinal(fc.code))


def test_summary_tables_print_the_form_lines_ordinals_and_line_numbers(sample):
    form = form_of(sample.accounts)
    for table in ("t1", "t4"):
        spec = form.table(table)
        left, right = _labeled_sides(sample, table)
        workbook = getattr(sample.accounts, "t1_income_expenditure_summary" if table == "t1"
                           else "t4_appropriation_summary")
        assert len(left) == len(workbook.rows)  # every row the workbook has, blank numbered rows included
        for label, _ in left:
            assert _expected_label(form, spec.left_lines, label), (table, label)
        for label, _ in right:
            assert _expected_label(form, spec.right_lines, label), (table, label)
        if sample.settings.layout != "上海":
            numbers = [no for _, no in left] + [no for _, no in right]
            assert numbers == list(range(1, len(numbers) + 1)), table  # no gap, no jump
        # the classes the workbook has, in the form's order
        codes = [catalog.class_by_name(label.partition("、")[2]).code for label, _ in right
                 if label and catalog.class_by_name(label.partition("、")[2])]
        assert codes == sorted(codes, key=form.class_ordinal)


def test_table_4_prints_the_columns_of_its_form(sample):
    form = form_of(sample.accounts)
    spec = form.table("t4")
    header = cell_texts(sample.table_after(spec.title))[1]
    assert header[-len(spec.right_columns):] == [c.label for c in spec.right_columns]


def test_the_explanations_follow_the_form_outline(sample):
    form = form_of(sample.accounts)
    if not form.outline:
        return
    year = str(sample.accounts.info.year)
    top = _part(sample, "情况说明")
    assert top == [f"{_cn(i)}、{s.title.replace('{year}', year)}" for i, s in enumerate(form.outline, 1)]
    for section in form.outline:
        if section.children:
            text = sample.section(f"{_cn(form.outline.index(section) + 1)}、")
            subs = [p for p in text.splitlines() if p.startswith("（")]
            assert subs[:len(section.children)] == [f"（{_cn(i)}）{c.title}" for i, c in enumerate(section.children, 1)]


def test_the_glossary_explains_the_terms_of_the_form(sample):
    form = form_of(sample.accounts)
    if not form.glossary:
        return
    terms, inside = [], False
    for p in sample.document.paragraphs:
        if p.style.name == "Heading 1":
            inside = "名词解释" in p.text
        elif inside and "：" in p.text and "功能分类科目" not in p.text:
            terms.append(normalize(p.text).partition("：")[0])
    assert terms[:len(form.glossary)] == [normalize(t) for t in form.glossary]


def test_seed_001_document_has_eight_tables_and_its_2019_wording(rendered):
    sample = rendered["shifeng"]
    text = sample.text()
    assert len(_part(sample, "部门决算表")) == 8
    assert "国有资本经营" not in "\n".join(_part(sample, "部门决算表"))
    assert "九、关于2019年度预算绩效情况说明" in _headings(sample, "Heading 2")
    assert "（五）其他" in _headings(sample, "Heading 3")
    assert "用事业基金弥补收支差额：" in text and "使用非财政拨款结余" not in text
    left, right = _labeled_sides(sample, "t1")
    assert ("用事业基金弥补收支差额", 10) in left and ("八、社会保障和就业支出", 18) in right
    assert ("二十二、其他支出", 20) in right and ("", 8) in left and ("总计", 26) in right


def test_blank_rows_keep_their_line_numbers_as_seed_004_prints_them(rendered):
    left, right = _labeled_sides(rendered["anhua"], "t1")
    assert left[27:31] == [("使用非财政拨款结余", 28), ("年初结转和结余", 29), ("", 30), ("总计", 31)]
    assert right[27:31] == [("结余分配", 59), ("年末结转和结余", 60), ("", 61), ("总计", 62)]
    assert right[7] == ("八、社会保障和就业支出", 39) and right[22] == ("二十三、其他支出", 54)
    left, right = _labeled_sides(rendered["anhua"], "t4")
    assert right[-5:] == [("年末财政拨款结转和结余", 60), ("", 61), ("", 62), ("", 63), ("总计", 64)]


def _pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01'))}%"


def test_seed_001_narrative_figures_are_the_published_ones_computed_from_the_workbook(rendered):
    sample = rendered["shifeng"]
    a = sample.accounts
    t1 = a.t1_income_expenditure_summary
    income = t1.amount("income_total")
    expenditure = t1.amount("expenditure_total")
    t3 = a.t3_expenditure.total
    t5 = a.t5_general_budget_expenditure
    t6 = a.t6_general_budget_basic_expenditure
    basic = t6.personnel_total["amount"] + t6.public_total["amount"]
    expected = {
        "二、收入决算情况说明": [_pct(t1.amount("inc_general_budget"), income), _pct(t1.amount("inc_other"), income)],
        "三、支出决算情况说明": [_pct(t3["basic"], expenditure), _pct(t3["project"], expenditure)],
        "六、一般公共预算财政拨款基本支出决算情况说明": [_pct(t6.personnel_total["amount"], basic),
                                            _pct(t6.public_total["amount"], basic)],
    }
    published = {"二、收入决算情况说明": ["98.61%", "1.39%"], "三、支出决算情况说明": ["17.69%", "82.31%"],
                 "六、一般公共预算财政拨款基本支出决算情况说明": ["81.62%", "18.38%"]}
    assert expected == published
    for heading, shares in expected.items():
        section = sample.section(heading)
        for share in shares:
            assert f"占{share}" in section or f"的{share}" in section, (heading, share)
    classes = [r for r in t5.rows if r.level == "类"]
    structure = sample.section("五、一般公共预算财政拨款支出决算情况说明")
    assert [_pct(r["total"], t5.total["total"]) for r in classes] == ["15.08%", "84.92%"]
    for r in classes:
        assert f"{r.name}（类）{r['total']:.2f}万元，占{_pct(r['total'], t5.total['total'])}" in structure
    assert sample.section("一、收入支出决算总体情况说明").count("无法形成对比") == 1
    assert "由于预算数为0，无法计算完成率" in structure
    assert "完成年初预算的100" not in sample.text()


def test_the_contents_list_the_tables_of_the_form(rendered):
    sample = rendered["shifeng"]
    toc = [p.text.strip() for p in sample.document.paragraphs if p.style.name.startswith("toc")]
    start = next(i for i, t in enumerate(toc) if "部门决算表" in t)
    end = next(i for i, t in enumerate(toc) if "情况说明" in t)
    assert toc[start + 1:end] == [t.title for t in form_of(sample.accounts).tables]
    assert len(toc[start + 1:end]) == 8
