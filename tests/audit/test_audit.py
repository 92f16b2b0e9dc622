"""The auditor on documents we wrote, on documents edited by hand, and on the published seeds' texts."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator import cli, forms
from generator.audit import AuditSettings, NotADocument, audit_file, read_text
from generator.audit.engine import audit_document
from generator.checks import run_checks
from generator.pipeline import build_workbook
from generator.workbook.reader import read_workbook
from tests.conftest import ROOT, SAMPLES, final_accounts_samples

SAMPLE_WORKBOOKS = final_accounts_samples()  # the self-evaluation report audits itself (tests/self_evaluation)

def _seed_dir() -> Path | None:
    for candidate in (os.environ.get("JUESUAN_SEEDS"), ROOT.parent / "shared" / "seeds",
                      ROOT.parent.parent / "shared" / "seeds"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


SEEDS = _seed_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="published seeds (../shared/seeds) are not available here")


def _seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return audit_document(read_text(path.read_text(encoding="utf-8"), str(path)))


def _serious(report):
    return [f for f in report.findings if f.severity in ("错误", "警告")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every bundled sample built once (the build audits its own output): name -> (outcome, accounts)."""
    out = tmp_path_factory.mktemp("built")
    results = {}
    for path in SAMPLE_WORKBOOKS:
        results[path.stem] = build_workbook(path, out)
    return results


@pytest.mark.parametrize("name", [p.stem for p in SAMPLE_WORKBOOKS])
def test_every_sample_document_audits_clean(name, built):
    outcome = built[name]
    if outcome.audit is None and not outcome.check.ok:
        # a sample kept as published, with its errors: build writes no document for it (and audits none)
        assert outcome.document is None
        pytest.skip(f"{name}: the workbook has errors, build writes no document")
    assert outcome.audit is not None and not outcome.audit.has_errors, [str(f) for f in outcome.audit.errors]
    assert outcome.document is not None and outcome.document.exists()
    report = audit_file(outcome.document)  # read from the file, without knowing the workbook
    assert not report.has_errors, [str(f) for f in report.errors]
    form = forms.form_of(read_workbook(SAMPLES / f"{name}.xlsx"))
    assert set(report.tables_checked) == {f"t{n}" for n in range(1, 10) if form.has_table(f"t{n}")}
    assert report.sentences_checked > 20
    # a warning of the document is one the workbook's own check gives (the tables are printed as given)
    workbook_warnings = {f.rule_id for f in run_checks(read_workbook(SAMPLES / f"{name}.xlsx")).warnings}
    assert {f.kind for f in report.warnings} <= workbook_warnings
    assert cli.main(["audit", str(outcome.document), "-o", str(outcome.document.parent / "audit")]) in \
        (cli.EXIT_OK, cli.EXIT_DATA_ERRORS if report.warnings else cli.EXIT_OK)


def _edit_paragraph(src: Path, dst: Path, old: str, new: str) -> None:
    document = Document(str(src))
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new)
                    break
            else:  # the figure spans runs: rewrite the paragraph's first run
                text = paragraph.text.replace(old, new)
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = text
            document.save(str(dst))
            return
    raise AssertionError(f"{old!r} not found in {src}")


def test_an_amount_changed_by_hand_is_found_with_both_figures(built, tmp_path, capsys):
    doc = built["hongshan_2021"].document
    edited = tmp_path / "edited.docx"
    _edit_paragraph(doc, edited, "收入合计546.99万元", "收入合计556.99万元")
    report = audit_file(edited)
    found = report.by_kind("A-AMT-01")
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected) == (Decimal("556.99"), Decimal("546.99"))
    assert "556.99" in f.message and "546.99" in f.message and "表1" in f.expected_desc
    assert "收入决算情况" in f.place.heading and f.place.paragraph == 1
    assert "556.99" in f.sentence
    out = tmp_path / "out"
    assert cli.main(["audit", str(edited), "-o", str(out)]) == cli.EXIT_DATA_ERRORS
    console = capsys.readouterr().out
    assert "556.99" in console and "546.99" in console
    assert (out / "edited" / "审核报告.xlsx").exists()
    from openpyxl import load_workbook

    rows = list(load_workbook(out / "edited" / "审核报告.xlsx").active.iter_rows(min_row=4, values_only=True))
    assert any(r[1].startswith("A-AMT-01") and r[4] == 556.99 and r[5] == 546.99 for r in rows)


def test_a_share_changed_by_hand_is_recomputed(built, tmp_path):
    doc = built["hongshan_2021"].document
    edited = tmp_path / "share.docx"
    _edit_paragraph(doc, edited, "占本年支出43.6%", "占本年支出34.6%")
    found = audit_file(edited).by_kind("A-PCT-01")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("34.6"), Decimal("43.65"))]


def test_wording_against_its_numbers(built, tmp_path):
    doc = built["hongshan_2021"].document
    edited = tmp_path / "wording.docx"
    _edit_paragraph(doc, edited, "支出决算数小于年初预算数，主要原因是人员变动",
                    "支出决算数大于年初预算数，主要原因是人员变动")
    found = audit_file(edited).by_kind("A-CMP-01")
    assert len(found) == 1 and "10.95" in found[0].message and "29.60" in found[0].message


def test_a_template_that_prints_the_wrong_variable_cannot_publish(tmp_path):
    template = tmp_path / "edited_template.docx"
    source = ROOT / "templates" / "hubei" / "document.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "{{ figures.income.total|money }}" in text
                data = text.replace("{{ figures.income.total|money }}", "{{ figures.gov_fund.income|money }}",
                                    1).encode("utf-8")
            zout.writestr(item, data)
    workbook = SAMPLES / "hongshan_2021.xlsx"
    outcome = build_workbook(workbook, tmp_path / "out", template=template)
    assert outcome.document is None and outcome.contradicts
    assert not list((tmp_path / "out").rglob("*.docx")) and not list((tmp_path / "out").rglob("*.png"))
    assert any(f.stated == Decimal("2.00") and f.expected == Decimal("546.99") for f in outcome.audit.errors)
    assert cli.main(["build", str(workbook), "-o", str(tmp_path / "cli"), "--template", str(template)]) == \
        cli.EXIT_DATA_ERRORS
    forced = build_workbook(workbook, tmp_path / "forced", template=template, force=True)
    assert forced.document is not None and forced.draft
    cover = []
    for paragraph in Document(str(forced.document)).paragraphs:
        if paragraph.text.replace(" ", "") == "目录":
            break
        cover.append(paragraph.text)
    assert any("草稿" in t for t in cover)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_of_a_document_audits_like_the_docx(built, tmp_path):
    doc = built["hongshan_2021"].document
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(doc)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (doc.stem + ".pdf")
    report = audit_file(pdf)
    assert not report.has_findings, [str(f) for f in _serious(report)]
    assert set(report.tables_checked) == {f"t{n}" for n in range(1, 10)}
    assert all(f.place.page for f in report.findings)


# ------------------------------------------------------------------------------------------- published seeds


@needs_seeds
def test_seed_004_its_wrong_share_and_placeholder_nothing_else():
    report = _seed("004")
    share = report.by_kind("A-PCT-01")
    assert [(f.stated, f.expected) for f in share] == [(Decimal("21.66"), Decimal("82.20"))]
    assert "占本年支出合计的21.66%" in share[0].sentence and "6,866.94" in share[0].message
    assert [f.sentence for f in report.by_kind("A-PH-01")] == ["第一部分XX单位概况"]
    # 表2 names 22960 after its 项 (表3 and 表8: 彩票公益金安排的支出): a real slip of the published table
    assert [f.kind for f in report.warnings] == ["C-03"]
    assert sorted(f.kind for f in report.errors) == ["A-PCT-01", "A-PH-01"]
    assert len(report.tables_checked) == 9 and report.sentences_checked > 40
    # the 0.01 gaps of 元→万元 are notes, not findings
    assert report.by_kind("A-INFO-01") and all(f.severity == "提示" for f in report.by_kind("A-INFO-01"))


@needs_seeds
def test_seed_000_wrong_share_completion_and_template_instructions():
    report = _seed("000")
    assert [(f.stated, f.expected) for f in report.by_kind("A-PCT-01")] == [(Decimal("15.7"), Decimal("100.00"))]
    assert [(f.stated, f.expected) for f in report.by_kind("A-PCT-03")] == [(Decimal("81.0"), Decimal("80.75"))]
    assert sorted(f.message for f in report.by_kind("A-PH-01")) == [
        "文中留有“(只说明本部门使用科目)”。", "文中留有“(简述本部门使用科目)”。", "文中留有“(简述本部门使用科目)”。"]
    assert {f.kind for f in _serious(report)} == {"A-PCT-01", "A-PCT-03", "A-PH-01"}
    assert "t5" not in report.tables_checked  # its 表5 lost the code column in the PDF: not checked, not guessed


@needs_seeds
def test_seed_001_the_2019_form_without_table_9():
    report = _seed("001")
    assert report.year == 2019 and "t9" not in report.tables_found
    assert not report.by_kind("A-TAB-01")  # eight tables: 表9 is not required of this form
    copied = report.by_kind("A-AMT-01")
    assert [(f.stated, f.expected) for f in copied] == [(Decimal("0.06"), Decimal("12.14"))]
    zero_base = report.by_kind("A-PCT-04")
    assert len(zero_base) == 7 and any("11.06" in f.message for f in zero_base)
    assert [f.kind for f in report.by_kind("A-NAME-01")] == ["A-NAME-01"]
    assert "株洲市石峰区医疗保障”" in report.by_kind("A-NAME-01")[0].message
    # the tables the README names: 表3 leaves 基本支出 of 卫生健康支出 blank, 表5 fills 基本/项目 for some rows only
    assert any("21015" in f.message for f in report.by_kind("T3-02"))
    assert report.by_kind("T5-01") and report.by_kind("X-T3-T5-01")
    allowed = {"T2-01", "T2-02", "T3-01", "T3-02", "T5-01", "T5-02", "C-01", "X-T3-T5-01", "A-TAB-03", "A-PCT-04",
               "A-AMT-01", "A-NAME-01", "A-TOC-01"}
    assert {f.kind for f in _serious(report)} <= allowed


@needs_seeds
@pytest.mark.parametrize("prefix", ["002", "003"])
def test_other_kinds_of_document_are_not_audited_as_final_accounts(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    with pytest.raises(NotADocument):
        audit_document(read_text(path.read_text(encoding="utf-8"), str(path)))

def test_cli_refuses_a_document_that_is_not_final_accounts(tmp_path):
    budget = tmp_path / "预算.txt"
    budget.write_text("某局2022年部门预算\n一、收支预算总体情况\n收入预算100.00万元。\n", encoding="utf-8")
    assert cli.main(["audit", str(budget), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE
    assert not (tmp_path / "o").exists()


def test_unreadable_files_exit_2(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    assert cli.main(["audit", str(bad), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE
    assert cli.main(["audit", str(tmp_path / "missing.pdf"), "-o", str(tmp_path / "o")]) == cli.EXIT_UNREADABLE


def test_a_folder_gives_one_report_each_and_a_summary(built, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(built["hongshan_2021"].document, folder / "a.docx")
    _edit_paragraph(built["hongshan_2021"].document, folder / "b.docx", "收入合计546.99万元", "收入合计556.99万元")
    out = tmp_path / "out"
    assert cli.main(["audit", str(folder), "-o", str(out)]) == cli.EXIT_DATA_ERRORS
    assert (out / "a" / "审核报告.xlsx").exists() and (out / "b" / "审核报告.xlsx").exists()
    from openpyxl import load_workbook

    rows = list(load_workbook(out / "审核汇总.xlsx").active.iter_rows(min_row=3, values_only=True))
    assert [(Path(r[0]).name, r[3]) for r in rows] == [("a.docx", "通过"), ("b.docx", "有问题")]


def test_years_names_and_placeholders_in_a_hand_made_text():
    text = "\n".join([
        "2021年度某县医疗保障局部门决算",
        "第三部分 2021年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        "2020年度收、支总计100.00万元。与2019年度相比，增加10.00万元，增长11.1%。",
        "十二、国有资产占用情况说明",
        "截至2020年12月31日，本单位共有车辆0辆。××单位价值50万元以上通用设备0台（套）。",
    ])
    report = audit_document(read_text(text, "hand.txt"), AuditSettings())
    years = sorted(f.message for f in report.by_kind("A-YR-01"))
    assert len(years) == 3 and any("2020年度" in m for m in years) and any("截至2020年12月31日" in m for m in years)
    assert any("××" in f.message for f in report.by_kind("A-PH-01"))
    assert not report.by_kind("A-PCT-02")  # 10.00 ÷ (100.00 − 10.00) = 11.1%: the change is right


@pytest.mark.parametrize(("rate", "wrong"), [("18.02", False), ("30.00", True)])
def test_a_change_rate_is_checked_from_the_text_alone(rate, wrong):
    """Tables printed as pictures (nothing to read them from): the rate of 收、支总计各减少 is computed from the
    total quoted in the sentence before it."""
    text = "\n".join([
        "2022年度某县文化馆部门决算",
        "第三部分 2022年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        f"2022年度收、支总计820.00万元。与2021年度相比，收、支总计各减少180.30万元，下降{rate}%。",
    ])
    found = audit_document(read_text(text, "hand.txt"), AuditSettings()).by_kind("A-PCT-02")
    assert bool(found) == wrong
    if wrong:
        assert "18.02" in found[0].message and "1,000.30" in found[0].message


@pytest.mark.parametrize(("rate", "wrong"), [("26.4", False), ("36.4", True)])
def test_lines_wrapped_by_a_pdf_are_joined_and_each_change_is_checked(rate, wrong):
    """PDF text wraps anywhere: a line may begin with “36.4%” (not a list item “36.”), a wrapped line of running
    text may begin with “(一)” and print half-width commas (not a heading); “较2020年度决算数减少…” is the change
    of the one amount its paragraph quoted before it."""
    text = "\n".join([
        "2021年度某县档案馆部门决算",
        "第三部分 2021年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        "(一)本单位2021年度总收入300.00万元,其中本年收",
        "入250.00万元,较2020年度决算数减少50.00万元,下降16.7%。",
        "1.一般公共预算财政拨款收入240.00万元,为县本级财政",
        "当年拨付的资金。较2020年度决算数减少86.00万元,下降",
        f"{rate}%,主要原因是一次性项目完成。",
        "2.其他收入10.00万元,为利息收入。较2020年度决算数增",
        "加2.00万元,增长25.0%。",
    ])
    report = audit_document(read_text(text, "wrapped.txt"), AuditSettings())
    found = report.by_kind("A-PCT-02")
    assert [f.expected for f in found] == ([Decimal("26.38")] if wrong else [])


@pytest.mark.parametrize(("shares", "wrong"), [(("80.00", "20.00"), []), (("70.00", "20.00"), ["80.00"]),
                                               (("80.00", "30.00"), ["20.00"])])
def test_shares_of_a_sentence_opening_with_qizhong_are_of_the_amount_quoted_before(shares, wrong):
    text = "\n".join([
        "2020年度某县某局部门决算",
        "第三部分 2020年度部门决算情况说明",
        "七、一般公共预算财政拨款三公经费支出决算情况说明",
        f"2020年度“三公”经费财政拨款支出预算为30.00万元，实际支出决算为25.00万元。其中公务接待费为20.00万元，"
        f"占{shares[0]}%；公务用车运行维护费为5.00万元，占{shares[1]}%。",
    ])
    found = audit_document(read_text(text, "qz.txt"), AuditSettings()).by_kind("A-PCT-01")
    assert [f"{f.expected:.2f}" for f in found] == wrong


def test_a_part_heading_is_not_taken_for_the_department_name():
    text = "第三部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\n2022年度收、支总计820.00万元。"
    assert audit_document(read_text(text, "part.txt"), AuditSettings()).department == ""
    titled = "2022年度某县文化馆部门决算\n" + text
    assert audit_document(read_text(titled, "titled.txt"), AuditSettings()).department == "某县文化馆"
    unit = "2023年度某市中医医院单位决算\n" + text  # a unit (not a department) publishes 单位决算
    assert audit_document(read_text(unit, "unit.txt"), AuditSettings()).department == "某市中医医院"


@pytest.fixture(scope="module")
def documents(built, tmp_path_factory):
    """The rendered .docx of every layout, the 上海 one rendered without the self-audit (known defect above)."""
    from generator.render.document import render_document

    docs = {name: outcome.document for name, outcome in built.items() if outcome.document is not None}
    if "example_full" not in docs:
        out = tmp_path_factory.mktemp("rendered")
        docs["example_full"] = render_document(read_workbook(SAMPLES / "example_full.xlsx"), out).docx
    return docs


D = Decimal
MUTATIONS = [
    ("hongshan_2021", "收、支总计546.99万元", "收、支总计556.99万元", "A-AMT-01", D("556.99"), D("546.99")),
    ("hongshan_2021", "下降75.9%", "下降57.9%", "A-PCT-02", D("57.9"), D("75.91")),
    ("hongshan_2021", "减少10.13万元，下降18.0%", "减少10.13万元，下降81.0%", "A-PCT-02", D("81.0"), D("18.02")),
    ("hongshan_2021", "完成年初预算的73.9%", "完成年初预算的37.9%", "A-PCT-03", D("37.9"), D("73.86")),
    ("hongshan_2021", "人员经费192.68万元", "人员经费129.68万元", "A-AMT-01", D("129.68"), D("192.68")),
    ("hongshan_2021", "本年收入2.00万元", "本年收入20.00万元", "A-AMT-01", D("20.00"), D("2.00")),
    ("hongshan_2021", "卫生健康支出（类）534.04万元，占98.0%", "卫生健康支出（类）534.04万元，占89.0%", "A-PCT-01",
     D("89.0"), D("97.99")),
    ("hongshan_2021", "截至2021年12月31日", "截至2020年12月31日", "A-YR-01", None, None),
    ("anhua_2021", "财政拨款收入5844.03万元，占97.61%", "财政拨款收入5844.03万元，占79.61%", "A-PCT-01", D("79.61"),
     D("97.61")),
    ("anhua_2021", "支出决算为355.25万元", "支出决算为335.25万元", "A-AMT-01", D("335.25"), D("355.25")),
    ("anhua_2021", "公务接待费支出预算为12.35万元", "公务接待费支出预算为13.35万元", "A-AMT-01", D("13.35"),
     D("12.35")),
    ("anhua_2021", "下降7.55%", "下降5.75%", "A-PCT-02", D("5.75"), D("7.55")),
    ("anhua_2021", "占基本支出的62.07%", "占基本支出的26.07%", "A-PCT-01", D("26.07"), D("62.07")),
    # (a small slip: with two-decimal shares a larger one also breaks every share computed on it)
    ("example_full", "本年收入合计3875.15万元", "本年收入合计3875.25万元", "A-AMT-01", D("3875.25"), D("3875.15")),
    ("example_full", "公务接待费支出决算1.80万元，占4.07%", "公务接待费支出决算1.80万元，占14.07%", "A-PCT-01",
     D("14.07"), D("4.07")),
    ("example_full", "支出决算为86.40万元。决算数大于年初预算数", "支出决算为86.40万元。决算数小于年初预算数",
     "A-CMP-01", None, None),
    # 全年预算 (88.00) is quoted between 年初预算 (80.00) and 决算: the comparison named 年初 is held to 80.00
    ("example_full", "支出决算为210.00万元。决算数小于年初预算数", "支出决算为210.00万元。决算数大于年初预算数",
     "A-CMP-01", None, None),
    # the rate of the 全年预算 printed as the 年初预算's
    ("example_full", "完成年初预算的101.00%", "完成年初预算的100.16%", "A-PCT-03", D("100.16"), D("101.00")),
]


@pytest.mark.parametrize(("name", "old", "new", "kind", "stated", "expected"), MUTATIONS,
                         ids=[f"{m[0]}-{m[3]}-{i}" for i, m in enumerate(MUTATIONS)])
def test_one_figure_edited_by_hand_is_found(documents, tmp_path, name, old, new, kind, stated, expected):
    before = {(f.kind, f.message) for f in _serious(audit_file(documents[name]))}
    edited = tmp_path / "edited.docx"
    _edit_paragraph(documents[name], edited, old, new)
    report = audit_file(edited)
    new_errors = [f for f in _serious(report) if (f.kind, f.message) not in before]
    found = [f for f in new_errors if f.kind == kind]
    assert found, [str(f) for f in new_errors]
    if stated is not None:
        assert (found[0].stated, found[0].expected) == (stated, expected)
    assert found[0].sentence and found[0].place.heading  # the sentence quoted, under its heading
    assert len(new_errors) <= 2, [str(f) for f in new_errors]  # the edited figure, and at most its recomputed rate


@needs_seeds
def test_a_text_whose_blank_cells_vanished_is_read_without_guessing(tmp_path):
    """pdftotext without layout: cells separated by single spaces, blank cells gone. Tables whose columns cannot be
    told apart are not checked (no guessed column, no false alarm); the narrative is still checked against what
    is certain (表1), and a table whose rows cannot be read is not reported missing."""
    seed = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    spaced = "\n".join(" ".join(c for c in line.split("\t") if c) for line in seed.splitlines())
    report = audit_document(read_text(spaced, "spaced.txt"))
    assert "t1" in report.tables_checked
    assert [(f.stated, f.expected) for f in report.by_kind("A-PCT-01")] == [(Decimal("21.66"), Decimal("82.20"))]
    assert {f.kind for f in _serious(report)} <= {"A-PCT-01", "A-PH-01", "C-03"}


def test_the_reference_is_generated_from_the_declarations():
    from generator.audit.kinds import KINDS
    from generator.audit.reference import DOCS_PATH, audit_reference_markdown

    text = audit_reference_markdown()
    assert all(k.id in text and k.template in text for k in KINDS)
    assert DOCS_PATH.read_text(encoding="utf-8") == text, \
        "docs/audit.md is stale: run .venv/bin/python -m generator.audit"


def _small_document(unit: str, income_text: str) -> str:
    rows = [("一、一般公共预算财政拨款收入", "1", "5469900.00", "九、卫生健康支出", "39", "5469900.00"),
            ("本年收入合计", "27", "5469900.00", "本年支出合计", "57", "5469900.00"),
            ("总计", "30", "5469900.00", "总计", "60", "5469900.00")]
    if unit == "万元":
        rows = [tuple(c if "." not in c else "546.99" for c in r) for r in rows]
    return "\n".join(["2021年度某某区医疗保障局部门决算".replace("某某", "测试"), "收入支出决算总表",
                      f"部门：测试区医疗保障局\t金额单位：{unit}", "项目\t行次\t金额\t项目\t行次\t金额",
                      *("\t".join(r) for r in rows), "第三部分 情况说明", "二、收入决算情况说明",
                      f"2021年度收入合计{income_text}万元，其中：财政拨款收入546.99万元，占100.0%。"])


@pytest.mark.parametrize("unit", ["万元", "元"])
def test_tables_printed_in_yuan_are_compared_in_wan_yuan(unit):
    clean = audit_document(read_text(_small_document(unit, "546.99"), "small.txt"))
    assert not clean.by_kind("A-AMT-01") and not clean.by_kind("A-PCT-01")
    wrong = audit_document(read_text(_small_document(unit, "556.99"), "small.txt"))
    assert [(f.stated, f.expected) for f in wrong.by_kind("A-AMT-01")] == [(Decimal("556.99"), Decimal("546.99"))]


def test_a_document_and_its_pdf_of_one_name_get_a_report_each(built, tmp_path):
    """`audit 文件夹` over a build's output (the .docx beside its PDF): neither report overwrites the other."""
    from generator.audit.run import report_folders

    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(built["hongshan_2021"].document, folder / "a.docx")
    _edit_paragraph(built["hongshan_2021"].document, folder / "sub" / "a.docx",
                    "收入合计546.99万元", "收入合计556.99万元")
    (folder / "a.txt").write_text("2021年度武汉市洪山区医疗保障局部门决算", encoding="utf-8")
    paths = [folder / "a.docx", folder / "sub" / "a.docx", folder / "a.txt"]
    names = report_folders(paths)
    assert len(set(names.values())) == 3 and names[folder / "a.txt"] == "a_txt"
    out = tmp_path / "out"
    cli.main(["audit", str(folder), "-o", str(out)])
    reports = sorted(r.parent.name for r in out.glob("*/审核报告.xlsx"))
    assert reports == sorted([names[folder / "a.docx"], names[folder / "sub" / "a.docx"]])  # a.txt: no 决算
    from openpyxl import load_workbook

    rows = list(load_workbook(out / "审核汇总.xlsx").active.iter_rows(min_row=3, values_only=True))
    statuses = {Path(r[0]).relative_to(folder).as_posix(): r[3] for r in rows}
    assert statuses["a.docx"] == "通过" and statuses["sub/a.docx"] == "有问题"
