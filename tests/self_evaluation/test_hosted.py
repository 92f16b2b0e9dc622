"""The report made from a final-accounts workbook (基本信息 生成文档): hongshan builds both documents, and
the report's figures are the final-accounts document's."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator.cli import main
from generator.document_kinds.self_evaluation.workbook import HOSTED_SHEET
from generator.pipeline import build_workbook, check_workbook
from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path

DATA = SAMPLES / "data"


def _hongshan() -> dict:
    return json.loads((DATA / "hongshan_2021.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("hongshan")
    result = build_workbook(sample_path("hongshan_2021"), out)
    assert result.complete and not result.failure, result.failure
    return result


def _amount(text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    return Decimal(text) if re.fullmatch(r"-?\d+\.\d{2}", text) else None


def _rows(document) -> list[list[str]]:
    return [[c.text.strip() for c in row.cells] for table in document.tables for row in table.rows]


def test_hongshan_writes_both_documents_in_one_folder(built):
    assert [o.title for o in built.outcomes] == ["部门决算", "部门整体支出绩效自评报告"]
    final, report = built.documents
    assert final.parent == report.parent and report.name.endswith("部门整体支出绩效自评报告.docx")
    assert built.extras[0].audit is not None and not built.extras[0].audit.has_errors
    assert built.check.extras[0].report is not None and built.check.ok


def test_the_reports_figures_are_the_final_accounts_documents(built):
    final_doc, report_doc = (Document(str(p)) for p in built.documents)
    final_rows = _rows(final_doc)
    final_text = "\n".join(p.text for p in final_doc.paragraphs)
    summary, three = ({r.cells[0].text: [c.text.strip() for c in r.cells[1:]] for r in t.rows}
                      for t in report_doc.tables[:2])
    # (一) 部门决算数 is 表5's 合计 row as the final-accounts document prints it
    spent = [_amount(c) for c in summary["部门决算数"][:3]]
    assert spent == [Decimal("544.99"), Decimal("238.75"), Decimal("306.24")]
    assert any(r and r[0] == "合计" and [_amount(c) for c in r[-3:]] == spent for r in final_rows)
    # its inputs: 表5 合计 of the JSON source
    assert [Decimal(v) for v in _hongshan()["t5"][0][2:5]] == spent
    # 年初部门预算: the 年初预算 of 一般公共预算 (29.60 + 708.26), quoted by the final accounts' 五（三）
    assert _amount(summary["年初部门预算"][0]) == Decimal("737.86")
    # (二): 表7 as printed (预算数 0.00 in every column, 决算数 blank) — the report says “三公”经费无
    assert three["部门预算数"] == ["0.00", "0.00", "0.00", "0.00"] and three["部门决算数"] == [""] * 4
    report_text = [p.text for p in report_doc.paragraphs]
    assert "2、“三公”经费无。" in report_text
    # (四): every economic subject quoted is a line of 表6 in the final-accounts document, same amount
    basic = next(t for t in report_text if t.startswith("“基本支出决算明细表”"))
    quoted = re.findall(r"“([^”]+)”([\d.]+)万元", basic)
    grid = _hongshan()["t6"]  # (code, name, amount) × 3 per row: every subject of 表6 with an amount
    typed = [(row[i + 1], row[i + 2]) for row in grid for i in (0, 3, 6)
             if row[i] and str(row[i]).isdigit() and row[i + 2] not in (None, "0.00")]
    assert sorted(quoted) == sorted(typed) and len(quoted) == 18
    printed = {(c, _amount(row[i + 1])) for row in final_rows for i, c in enumerate(row[:-1])}
    for name, amount in quoted:
        assert (name, Decimal(amount)) in printed, name
    # 机关运行经费 and 政府采购 as the final-accounts document states them
    office = re.search(r"机关运行经费支出([\d.]+)万元", "\n".join(report_text)).group(1)
    procurement = re.search(r"政府采购支出([\d.]+)万元", "\n".join(report_text)).group(1)
    assert (office, procurement) == ("46.07", "6.51")
    assert f"{office}万元" in final_text and f"{procurement}万元" in final_text


def test_the_words_are_the_departments(built):
    data = _hongshan()
    text = [p.text for p in Document(str(built.documents[1])).paragraphs]
    whole = next(e for e in data["evaluations"] if e["is_department"])
    assert "洪山区部门整体支出（2021年度）绩效自评报告" in text and "单位名称：武汉市洪山区医疗保障局" in text
    assert whole["achieved"] in text  # 三 from the 部门整体 self-evaluation, typed once
    assert whole["measures"] in text
    assert "在职实有人数6人，其中行政人员6人、事业人员0人。" in text
    for i, function in enumerate(data["info"]["functions"], 1):
        assert any(t.endswith(function) for t in text), i


def test_cli_build_names_both_documents(tmp_path, capsys):
    assert main(["build", str(sample_path("hongshan_2021")), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("已生成文档：") == 2 and "部门整体支出绩效自评报告.docx" in out


def test_without_the_field_only_the_final_accounts_are_built(tmp_path):
    result = build_workbook(sample_path("anhua_2021"), tmp_path)
    assert result.extras == () and len(result.documents) == 1


def test_an_unknown_document_is_an_error_naming_it(tmp_path):
    data = _hongshan()
    data["info"]["documents"] = "部门决算、部门年报"
    path = tmp_path / "unknown.xlsx"
    write_workbook(path, data)
    outcome = check_workbook(path)
    [found] = [p for p in outcome.read_problems if p.kind.id == "documents-unknown"]
    assert "部门年报" in found.message and "部门整体支出绩效自评报告" in found.message
    assert not outcome.ok


def test_an_error_of_the_report_blocks_both_documents(tmp_path, capsys):
    data = _hongshan()
    data["self_evaluation_report"] = {"budget_basic": "100.00", "budget_project": "100.00"}
    path = tmp_path / "bad.xlsx"
    write_workbook(path, data, extra_fields=[(HOSTED_SHEET, data["self_evaluation_report"])])
    assert main(["build", str(path), "-o", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "P-SUM-01" in out and "737.86" in out
    assert not list((tmp_path / "o").rglob("*.docx"))
    assert list((tmp_path / "o").rglob("校验报告.xlsx"))


def test_a_contradiction_in_the_report_publishes_neither_document(tmp_path, monkeypatch):
    from generator.audit import AuditReport
    from generator.audit.document import Place
    from generator.audit.engine import finding
    from generator.document_kinds.self_evaluation import audit

    def contradicting(data, report, source=""):
        wrong = finding("A-AMT-01", Place("二"), {"name": "x", "stated": 1, "expected_desc": "y", "expected": 2,
                                                  "difference": -1})
        return AuditReport(source, report.info.name, report.info.year, (wrong,), (), ())

    monkeypatch.setattr(audit, "audit_rendered", contradicting)
    result = build_workbook(sample_path("hongshan_2021"), tmp_path)
    assert result.document is None and result.contradicts and not result.complete
    assert "部门整体支出绩效自评报告" in result.failure and result.extras[0].audit.has_errors
    assert not list(tmp_path.rglob("*.docx"))
    forced = build_workbook(sample_path("hongshan_2021"), tmp_path / "forced", force=True)
    assert forced.document is not None and forced.extras[0].draft and not forced.draft


def test_batch_summary_lists_the_other_document(tmp_path):
    from generator.batch import BUILT, run_batch

    src = tmp_path / "in"
    src.mkdir()
    Path(src / "hongshan.xlsx").write_bytes(sample_path("hongshan_2021").read_bytes())
    result = run_batch([src], tmp_path / "out", workers=1)
    [item] = result.items
    assert item.status == BUILT and len(item.extra_documents) == 1
    assert Path(item.extra_documents[0]).name.endswith("部门整体支出绩效自评报告.docx")


def test_a_document_that_cannot_be_made_from_the_workbook_is_an_error(tmp_path):
    from generator.document_kinds.self_evaluation.workbook import write_blank_workbook

    from .conftest import SOURCE

    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    path = tmp_path / "selfeval.xlsx"
    write_blank_workbook(path, data)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["基本信息"]
    ws.protection.sheet = False
    ws.append(["生成文档", "部门整体支出绩效自评报告、部门决算"])
    wb.save(path)
    outcome = check_workbook(path)
    [found] = [p for p in outcome.read_problems if p.kind.id == "documents-unsupported"]
    assert "部门决算" in found.message and not outcome.ok


def test_a_report_without_its_words_names_the_cells_to_fill_and_where_else_they_may_come_from(tmp_path, capsys):
    """anhua has no 部门整体 self-evaluation: 三 and 四 of the report have no words unless 「自评报告」 gives them."""
    data = json.loads((DATA / "anhua_2021.json").read_text(encoding="utf-8"))
    data["info"]["documents"] = "部门决算、部门整体支出绩效自评报告"
    path = tmp_path / "anhua.xlsx"
    write_workbook(path, data, extra_fields=[(HOSTED_SHEET, {"region": "安化县"})])
    outcome = check_workbook(path)
    missing = [p for o in (outcome, *outcome.extras) for p in o.read_problems if p.kind.id == "report-text-missing"]
    assert sorted(p.details["label"] for p in missing) == ["存在的主要问题及改进措施", "部门整体支出绩效情况"]
    assert all(p.cell.sheet == HOSTED_SHEET.sheet and re.fullmatch(r"B\d+", p.cell.address) for p in missing)
    assert all("绩效自评" in p.hint and p.details["label"] in p.hint for p in missing)
    assert main(["check", str(path), "-o", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "?" not in out and "{" not in out
