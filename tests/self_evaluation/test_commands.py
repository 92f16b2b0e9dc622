"""The self-evaluation report on the shared commands: ``template check/preview/reference``, ``diff`` and ``audit``,
run through ``generator.cli.main`` as the accountant runs them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.document_kinds import samples_of_kind
from generator.render.pdf import find_soffice

from .conftest import ROOT
from .conftest import SAMPLE as SAMPLE_PATH

TEMPLATE = ROOT / "templates" / "self_evaluation_hunan" / "document.docx"
KIND = "部门整体支出绩效自评报告"


def edited_template(target: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of the shipped template with ``old`` replaced by ``new`` in its body (``count`` times)."""
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count(old) >= count, old
                data = text.replace(old, new, count).encode("utf-8")
            copy.writestr(item, data)
    return target


def _check(template: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["template", "check", str(template), "--kind", KIND])
    return code, capsys.readouterr().out


# ----------------------------------------------------------------------------------- template check


def test_the_samples_are_both_shapes_of_the_report():
    names = [p.name for p in samples_of_kind("self_evaluation")]
    assert names[0] == "tianxin_2021_selfeval.xlsx"  # its own workbook
    assert "hongshan_2021.xlsx" in names  # a final-accounts workbook whose 生成文档 asks for the report
    assert "wuhan_center_2021_budget.xlsx" not in names and "anhua_2021.xlsx" not in names


def test_the_shipped_template_passes(capsys):
    code, out = _check(TEMPLATE, capsys)
    assert code == 0 and "模板检查通过" in out, out


def test_a_misspelt_variable_is_rejected_naming_its_paragraph(tmp_path, capsys):
    bad = edited_template(tmp_path / "bad.docx", "{{ r.procurement_note }}", "{{ r.procurment_note }}")
    code, out = _check(bad, capsys)
    assert code == 1, out
    assert "没有属性“procurment_note”，是否应为“procurement_note”" in out
    assert "4、" in out  # the paragraph it is in: 4、政府采购支出…
    bad = edited_template(tmp_path / "bad2.docx", "{{ r.year }}", "{{ r.yaer }}")
    code, out = _check(bad, capsys)
    assert code == 1 and "没有属性“yaer”" in out, out


def test_a_value_absent_in_a_variant_is_rejected(tmp_path, capsys):
    # both samples state the 三公 budget (1.00, 0.00): only the variant without 三公 prints money(None)
    bad = edited_template(tmp_path / "bad.docx", "{{ r.three_public_budget.total|cell }}",
                          "{{ r.three_public_budget.total|money }}")
    code, out = _check(bad, capsys)
    assert code == 1, out
    assert "改为“没有“三公”经费”时" in out and "tianxin_2021_selfeval.xlsx" in out, out


def test_each_shape_of_the_context_is_rendered(tmp_path, capsys):
    # 人员 in numbers exists only in the report made from the final accounts: printed unguarded, the
    # stand-alone sample (its own 人员情况, no numbers) fails
    bad = edited_template(tmp_path / "staff.docx", "{% if r.staffing %}{{ r.staffing }}",
                          "{{ r.staff.in_service }}{% if r.staffing %}{{ r.staffing }}")
    code, out = _check(bad, capsys)
    assert code == 1 and "样例 tianxin_2021_selfeval.xlsx：" in out, out
    # 年初预算的基本支出 is blank in the report made from hongshan_2021's final accounts (they do not state it),
    # stated in the stand-alone sample and each of its variants
    bad = edited_template(tmp_path / "budget.docx", "{{ r.budget.basic|cell }}", "{{ r.budget.basic|money }}")
    code, out = _check(bad, capsys)
    assert code == 1 and "样例 hongshan_2021.xlsx：money" in out and "tianxin" not in out, out
    # a report without its own 人员情况 (the variant) of the stand-alone sample
    bad = edited_template(tmp_path / "texts.docx", "{% if r.staffing %}{{ r.staffing }}",
                          "{{ r.staffing[0] }}{% if r.staffing %}{{ r.staffing }}")
    code, out = _check(bad, capsys)
    assert code == 1 and "改为“没有部门自己填写的文字" in out, out


# ----------------------------------------------------------------------------------- preview and reference


def test_preview_renders_both_samples(tmp_path, capsys):
    capsys.readouterr()
    assert main(["template", "preview", str(TEMPLATE), "--kind", KIND, "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    written = sorted(p.name for p in tmp_path.rglob("*.docx"))
    assert written == ["2021年度天心区医疗保障局部门整体支出绩效自评报告.docx",
                       "2021年度武汉市洪山区医疗保障局部门整体支出绩效自评报告.docx"], (written, out)
    assert "tianxin_2021_selfeval.xlsx →" in out and "hongshan_2021.xlsx →" in out


def test_the_variables_reference_is_current_and_written_by_the_command(tmp_path):
    from generator.document_kinds.self_evaluation.reference import REFERENCE_MD, variables_markdown

    text = variables_markdown()
    assert REFERENCE_MD.read_text(encoding="utf-8") == text, (
        "docs/self_evaluation_template_variables.md is stale: run "
        ".venv/bin/python -m generator.document_kinds.self_evaluation.reference")
    assert "| `r.budget.total` | Decimal 或 None | 支出合计（万元） | 510.12 |" in text
    assert "| `r.figures.all_spending[].items[].name` |" in text and "| `draft` |" in text
    assert main(["template", "reference", "--kind", KIND, "-o", str(tmp_path)]) == 0
    assert (tmp_path / f"{KIND}模板变量参考.md").read_text(encoding="utf-8") == text
    assert (tmp_path / f"{KIND}模板变量参考.docx").is_file()


def test_every_variable_the_template_uses_is_in_the_reference():
    from generator.document_kinds.self_evaluation.context import context_schema
    from generator.template_check import analyse_template

    issues, used = analyse_template(TEMPLATE, schema=context_schema())
    assert not issues
    text = (ROOT / "docs" / "self_evaluation_template_variables.md").read_text(encoding="utf-8")
    assert "r.final.total" in used and "r.figures.all_spending[].items[].amount" in used
    for path in used:  # listed, or an owner of it listed “字段同 …” another (r.final as r.budget)
        parts = path.split(".")
        owners = [".".join(parts[:n]).removesuffix("[]") for n in range(len(parts), 0, -1)]
        listed = [o for o in owners if f"| `{o}` |" in text]
        row = text.split(f"| `{listed[0]}` |")[1].split("\n")[0] if listed else ""
        assert listed and (listed[0] == path.removesuffix("[]") or "字段同" in row), path


# ----------------------------------------------------------------------------------- diff


def test_diff_lists_the_figures_a_correction_changed_and_the_sentences(tmp_path, capsys):
    from decimal import Decimal

    from .conftest import SAMPLE, edit

    new = edit(SAMPLE, tmp_path / "新.xlsx", {("整体支出", "C6"): Decimal("512.35"),
                                              ("支出明细", "D4"): "470.35",
                                              ("机关运行经费和政府采购", "B3"): Decimal("43")})
    capsys.readouterr()
    assert main(["diff", str(SAMPLE), str(new)]) == 0
    out = capsys.readouterr().out
    assert "数字变化（3 处）" in out, out
    assert "整体支出 · 部门决算数 · 基本支出：512.36 → 512.35（工作表「整体支出」单元格 C6）" in out, out
    assert ("支出明细 · 支出决算明细表 · 301 工资福利支出 · 决算数：470.36 → 470.35"
            "（工作表「支出明细」单元格 D4）") in out, out
    assert ("机关运行经费和政府采购 · 机关运行经费：42.00 → 43.00"
            "（工作表「机关运行经费和政府采购」单元格 B3）") in out, out
    assert "- “支出决算明细表”总支出693.22万元，其中基本支出512.36万元和项目支出180.87万元。" in out, out
    assert "+ “支出决算明细表”总支出693.22万元，其中基本支出512.35万元和项目支出180.87万元。" in out, out
    assert "+ 3、行政单位机关运行经费支出43.00万元" in out, out


def test_diff_of_two_equal_workbooks_says_so(tmp_path, capsys):
    capsys.readouterr()
    assert main(["diff", str(SAMPLE_PATH), str(SAMPLE_PATH)]) == 0
    out = capsys.readouterr().out
    assert "数字变化（0 处）" in out and "没有差别" in out, out


# ----------------------------------------------------------------------------------- audit without the workbook

from tests.audit.test_audit import SEEDS, needs_seeds  # noqa: E402


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert main(["build", str(SAMPLE_PATH), "-o", str(out)]) == 0
    return next(out.rglob("*部门整体支出绩效自评报告.docx"))


def _edited_docx(source: Path, target: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            copy.writestr(item, data)
    return target


def _audit(path: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["audit", str(path), "-o", str(tmp_path / "audit"), "--all"])
    return code, capsys.readouterr().out


def test_audit_passes_our_report_noting_only_its_rounding(report_docx, tmp_path, capsys):
    code, out = _audit(report_docx, tmp_path, capsys)
    assert code == 0, out
    assert "天心区医疗保障局 2021年度" in out and "（一）整体支出情况、（二）“三公”经费支出情况" in out
    assert "错误 0 条，警告 0 条，提示 1 条" in out, out  # 693.22 against 512.36 + 180.87, noted once
    assert "693.23" in out and "693.22" in out


def test_audit_passes_the_report_made_from_a_final_accounts_workbook(tmp_path, capsys):
    assert main(["build", str(ROOT / "sample_inputs" / "hongshan_2021.xlsx"), "-o", str(tmp_path / "b")]) == 0
    report = next((tmp_path / "b").rglob("*部门整体支出绩效自评报告.docx"))
    code, out = _audit(report, tmp_path, capsys)
    assert code == 0 and "武汉市洪山区医疗保障局 2021年度" in out and "错误 0 条，警告 0 条" in out, out


def test_audit_finds_an_amount_of_the_text_edited_by_hand(report_docx, tmp_path, capsys):
    # 总支出中“工资福利支出”470.36 → 480.36: the classes no longer add up to the table's 693.22
    edited = _edited_docx(report_docx, tmp_path / "edited.docx", "总支出中“工资福利支出”470.36万元",
                          "总支出中“工资福利支出”480.36万元")
    code, out = _audit(edited, tmp_path, capsys)
    assert code == 1, out
    assert "A-AMT-02" in out and "693.22" in out and "703.23" in out, out
    assert "所列“支出决算明细表”的科目之和为 703.23 万元" in out, out


def test_audit_finds_a_table_cell_edited_by_hand(report_docx, tmp_path, capsys):
    # (一) 部门决算数 基本支出 512.36 → 612.36: the row no longer adds up, and the text's 512.36 contradicts it
    edited = _edited_docx(report_docx, tmp_path / "edited.docx", ">512.36</w:t>", ">612.36</w:t>")
    code, out = _audit(edited, tmp_path, capsys)
    assert code == 1, out
    assert "A-AMT-02" in out and "793.23" in out and "693.22" in out, out  # 612.36 + 180.87 against 693.22
    assert "A-AMT-01" in out and "512.36" in out and "612.36" in out, out  # the text's 基本支出 against the table


def test_the_self_evaluation_auditor_refuses_other_documents():
    from generator.audit import NotADocument, read_text
    from generator.document_kinds.self_evaluation.audit import audit_read_document

    table = ("（一）2021年度整体支出情况\n项目\t支出合计\t基本支出\t项目支出\t政府专项\n"
             "部门决算数\t10.00\t6.00\t4.00\t\n")
    with pytest.raises(NotADocument, match="绩效自评报告"):  # no title of the report
        audit_read_document(read_text("某区医疗保障局2021年度部门决算\n" + table))
    with pytest.raises(NotADocument, match="整体支出情况"):  # the title, but not its table (一)
        audit_read_document(read_text("某区部门整体支出（2021年度）绩效自评报告\n一、部门、单位基本情况\n"))
    title = "某区部门整体支出（2021年度）绩效自评报告\n单位名称：某区医保局\n"
    report = audit_read_document(read_text(title + table))
    assert (report.department, report.year) == ("某区医保局", 2021)
    assert [(f.kind, f.message) for f in report.findings] == [
        ("A-TAB-01", "没有找到《（二）“三公”经费支出情况》（按标题查找）。")]
    three = "（二）2021年“三公”经费支出情况\n部门决算数\t\t1.00\t2.00\t3.00\n"
    assert audit_read_document(read_text(title + table + three)).findings == ()


@needs_seeds
def test_audit_of_seed_002_finds_only_its_rounding(tmp_path, capsys):
    seed = next(SEEDS.glob("002_*.txt"))
    code, out = _audit(seed, tmp_path, capsys)
    assert code == 0, out
    assert "天心区医疗保障局 2021年度" in out and "情况说明段落 4 段" in out, out
    assert "错误 0 条，警告 0 条，提示 1 条" in out, out
    assert "A-INFO-01" in out and "693.23" in out and "693.22" in out, out


@needs_seeds
@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_other_seeds_still_go_to_their_own_auditors(prefix, tmp_path, capsys):
    from generator.audit import NotADocument, read_document
    from generator.document_kinds.self_evaluation.audit import audit_read_document

    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    _code, out = _audit(seed, tmp_path, capsys)
    assert "表1、表2" in out and "整体支出情况" not in out, out  # the final accounts' or the budget's tables
    with pytest.raises(NotADocument):
        audit_read_document(read_document(seed))


@pytest.mark.skipif(find_soffice() is None, reason="需要 LibreOffice")
def test_the_pdf_of_our_report_is_read_back_clean_and_claims_no_numbered_contents(tmp_path, capsys):
    capsys.readouterr()
    assert main(["build", str(SAMPLE_PATH), "-o", str(tmp_path / "b"), "--pdf"]) == 0
    out = capsys.readouterr().out
    assert "已生成 PDF" in out and "目录" not in out, out  # the report has no 目录 to number
    pdf = next((tmp_path / "b").rglob("*部门整体支出绩效自评报告.pdf"))
    code, out = _audit(pdf, tmp_path, capsys)
    assert code == 0 and "错误 0 条，警告 0 条，提示 1 条" in out and "第3页" in out, out


def test_build_without_pdf_gives_no_hint_about_a_contents_page_the_report_has_not(tmp_path, capsys):
    capsys.readouterr()
    assert main(["build", str(SAMPLE_PATH), "-o", str(tmp_path / "b")]) == 0
    assert "目录" not in capsys.readouterr().out
    assert main(["build", str(ROOT / "sample_inputs" / "hongshan_2021.xlsx"), "-o", str(tmp_path / "h")]) == 0
    assert "提示：目录暂无页码" in capsys.readouterr().out  # its final accounts have one


@needs_seeds
def test_audit_of_seed_002_edited_by_hand_names_both_figures(tmp_path, capsys):
    """The published text with its 基本支出 changed in the sentence: the table's cells are one a line (their blank
    cells vanished), yet 512.36 + 180.87 adding up to 693.22 places them under 基本支出 and 项目支出."""
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    assert "其中基本支出512.36万元" in text
    edited = tmp_path / "edited.txt"
    edited.write_text(text.replace("其中基本支出512.36万元", "其中基本支出502.36万元"), encoding="utf-8")
    code, out = _audit(edited, tmp_path, capsys)
    assert code == 1 and "A-AMT-01" in out and "502.36" in out and "512.36" in out, out
    assert "（一）表部门决算数的“基本支出”" in out, out


def test_a_text_row_without_its_basic_spending_is_not_taken_for_a_wrong_sum():
    from generator.audit import read_text
    from generator.document_kinds.self_evaluation.audit import audit_read_document

    # 部门决算数: 基本支出 blank, 项目支出 100.00 of which 政府专项 20.00 — the cells one a line, blanks gone
    document = ("某区部门整体支出（2021年度）绩效自评报告\n（一）2021年度整体支出情况\n项目\n支出合计\n基本支出\n"
                "项目支出\n政府专项\n部门决算数\n100.00\n100.00\n20.00\n（二）2021年“三公”经费支出情况\n"
                "部门决算数\n1.00\n1.00\n")
    assert audit_read_document(read_text(document)).findings == ()
    wrong = document.replace("100.00\n100.00\n20.00", "100.00\n90.00\n20.00")  # 90 + 20 = 110, not 100
    assert [f.kind for f in audit_read_document(read_text(wrong)).findings] == ["A-AMT-02"]
