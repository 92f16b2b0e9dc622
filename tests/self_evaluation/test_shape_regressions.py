"""Regressions found by the synthetic report shapes (``tests/shapes/test_selfeval_shapes.py``), each on seed 002
changed just enough to show it."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.audit.run import audit_one
from generator.document_kinds.self_evaluation.workbook import write_blank_workbook
from generator.pipeline import build_workbook


def _build(seed: dict[str, Any], tmp_path: Path, change) -> Any:
    data = copy.deepcopy(seed)
    change(data)
    path = tmp_path / "report.xlsx"
    write_blank_workbook(path, data)
    return build_workbook(path, tmp_path / "out")


def _spent_three_public(data: dict[str, Any]) -> None:
    data["three_public"]["actual"] = {"outbound": None, "vehicle": None, "reception": "0.80", "total": "0.80"}


def _assert_published(built: Any) -> None:
    """The report was written, its self-audit is clean and so is ``juesuan audit`` of the file."""
    assert built.failure == "" and built.document is not None, [str(f) for f in built.audit.errors]
    assert not built.audit.has_errors
    independent = audit_one(built.document, None)
    assert independent.report is not None and not independent.report.has_errors, [
        str(f) for f in independent.report.errors]


def test_a_problem_naming_the_three_public_is_not_the_three_public_sentence(seed, tmp_path):
    """四、“2、严格控制“三公”经费支出” is the department's own words: the self-audit took it for 二's “三公” sentence
    stating 无 and refused a correct report."""
    def change(data: dict[str, Any]) -> None:
        _spent_three_public(data)
        data["texts"]["problems"] = "1、完善财务制度。\n2、严格控制“三公”经费支出，厉行节约。"

    built = _build(seed, tmp_path, change)
    _assert_published(built)


def test_a_full_stop_inside_a_note_ends_no_sentence_of_the_detail_paragraph(seed, tmp_path):
    """A note with a full stop of its own (“为在职人员基本工资。按月发放”) split the class's sentence there: the items
    after it were taken for classes and their sum for a 基本支出 larger than (一)'s, refusing a correct report."""
    def change(data: dict[str, Any]) -> None:
        for line in data["economic"]:
            if line[:2] == ["basic", "30101"]:
                line[4] = "为在职人员基本工资。按月发放"

    built = _build(seed, tmp_path, change)
    _assert_published(built)


def test_last_years_figures_in_the_departments_words_are_not_this_years_sentences(seed, tmp_path):
    """三、“上年机关运行经费支出38.00万元、政府采购支出5.00万元” is the department comparing with last year: the
    self-audit compared it with this year's 42.00 and 0.69 and refused a correct report."""
    def change(data: dict[str, Any]) -> None:
        data["texts"]["performance"] += ("\n【节支情况】上年机关运行经费支出38.00万元、政府采购支出5.00万元，"
                                         "本年继续压减。")

    built = _build(seed, tmp_path, change)
    assert built.failure == "" and built.document is not None, [str(f) for f in built.audit.errors]
    assert not built.audit.has_errors


def test_a_numbered_line_of_the_fund_management_naming_the_three_public_is_no_statement_of_them(seed, tmp_path):
    """二（四）“2、“三公”经费严格按预算执行。” (项目资金使用管理情况, the department's words printed in 二) states no
    amount and not 无: the self-audit read it as “三公”经费无 against (二)'s 0.80 and refused a correct report."""
    def change(data: dict[str, Any]) -> None:
        _spent_three_public(data)
        data["texts"]["fund_management"] = ("项目资金专款专用。\n1、严格执行“三公”经费管理规定。\n"
                                            "2、“三公”经费严格按预算执行。")

    built = _build(seed, tmp_path, change)
    _assert_published(built)


def test_the_three_public_sentence_stating_none_is_still_checked(seed, tmp_path):
    """The template's “2、“三公”经费无。” beside a (二) that spent 0.80 is still a contradiction."""
    from generator.audit.document import Block, ReadDocument
    from generator.document_kinds.self_evaluation.audit import _audit_text, _Reading

    texts = ("二、一般公共预算支出情况", "（四）项目资金使用管理情况分析", "2、“三公”经费无。")
    blocks = tuple(Block((t,), i) for i, t in enumerate(texts))
    reading = _Reading(None, [])
    _audit_text(reading, ReadDocument("x.docx", "docx", blocks), {}, {"total": Decimal("0.80")})
    assert [f.kind for f in reading.findings] == ["A-AMT-01"]


def test_a_report_without_functions_prints_no_empty_heading(seed, tmp_path):
    """主要职能 is optional: without any, “（三）主要职能：” stood alone with nothing under it."""
    from docx import Document

    built = _build(seed, tmp_path, lambda data: data["info"].update(functions=[]))
    assert built.document is not None and not built.audit.has_errors
    paragraphs = [p.text for p in Document(str(built.document)).paragraphs]
    assert "（三）主要职能：" not in paragraphs
    assert paragraphs[paragraphs.index("（二）机构情况：") + 2] == "二、一般公共预算支出情况"


def test_numbered_headings_inside_the_performance_text_do_not_reopen_part_two(seed, tmp_path):
    """三 written as “一、产出情况 … 二、效益情况” set the audit back to part 二, where it re-derived last year's
    机关运行经费 quoted in the department's words and refused a correct report."""
    def change(data: dict[str, Any]) -> None:
        data["texts"]["performance"] = ("一、产出情况\n全年办理参保77.76万人次。\n二、效益情况\n"
                                        "上年机关运行经费支出38.00万元，本年继续压减。")

    built = _build(seed, tmp_path, change)
    assert built.failure == "" and built.document is not None, [str(f) for f in built.audit.errors]
    assert not built.audit.has_errors
