"""The self-evaluation workbook read by label: seed 002's inputs, a reordered sheet, a blank workbook."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from generator.cli import main
from generator.document_kinds import kind_of_workbook
from generator.document_kinds.self_evaluation import model as M
from generator.document_kinds.self_evaluation.reader import read_identity, read_report_with_problems

from .conftest import SAMPLE, edit


def _d(value):
    return None if value is None else Decimal(value)


def test_the_sample_reads_as_transcribed(tianxin, seed):
    assert (tianxin.info.name, tianxin.info.year, tianxin.info.region) == ("天心区医疗保障局", 2021, "天心区")
    assert tianxin.info.functions == tuple(seed["info"]["functions"]) and len(tianxin.info.functions) == 11
    for row in M.SUMMARY_ROWS:
        for column in M.SUMMARY_COLUMNS:
            assert tianxin.summary.row(row)[column] == _d(seed["summary"][row][column]), (row, column)
    for row in M.THREE_PUBLIC_ROWS:
        for column in M.THREE_PUBLIC_COLUMNS:
            assert tianxin.three_public.row(row)[column] == _d(seed["three_public"][row][column])
    typed = [(s, c, n, Decimal(a), note) for s, c, n, a, note in seed["economic"]]
    assert [(e.scope, e.code, e.name, e.amount, e.note) for e in tianxin.economic] == typed
    assert tianxin.other.office_cost == Decimal("42.00") and tianxin.other.procurement == Decimal("0.69")
    assert tianxin.texts.problems.splitlines()[0].startswith("1、加强对资金使用的管理")


def test_the_bundled_sample_is_the_json_source(tianxin):
    report, problems = read_report_with_problems(SAMPLE)
    assert not problems
    assert report.summary == tianxin.summary and report.economic == tianxin.economic


def test_rows_and_columns_are_found_by_label_not_position(tianxin_path, tmp_path, tianxin):
    wb = openpyxl.load_workbook(tianxin_path)
    ws = wb["整体支出"]
    ws.insert_rows(4)  # a blank row above the lines
    ws.move_range("B3:B8", cols=4)  # 支出合计 moved to the right end
    ws.delete_cols(2)
    ws2 = wb["三公经费"]
    ws2.insert_rows(1, 3)
    target = tmp_path / "moved.xlsx"
    wb.save(target)
    report, problems = read_report_with_problems(target)
    assert not problems
    assert report.summary.final.values == tianxin.summary.final.values
    assert report.summary.final.cells["total"].address == "E7"
    assert report.three_public == type(report.three_public)(
        *(type(r)(r.values, {k: type(c)(c.sheet, c.address[0] + str(int(c.address[1:]) + 3))
                             for k, c in r.cells.items()}) for r in (tianxin.three_public.budget,
                                                                      tianxin.three_public.actual)))


def test_a_wrong_amount_and_an_unknown_line_are_reported_with_their_cells(tianxin_path, tmp_path):
    path = edit(tianxin_path, tmp_path / "bad.xlsx", {("整体支出", "C6"): "五百", ("整体支出", "A9"): "其他支出",
                                                       ("整体支出", "B9"): 3})
    _report, problems = read_report_with_problems(path)
    found = {(p.kind.id, p.cell.sheet, p.cell.address) for p in problems}
    assert ("amount-invalid", "整体支出", "C6") in found and ("line-unknown", "整体支出", "A9") in found


def test_the_blank_workbook_of_the_kind(tmp_path):
    target = tmp_path / "blank.xlsx"
    assert main(["template-xlsx", str(target), "--kind", "部门整体支出绩效自评报告"]) == 0
    kind, unknown = kind_of_workbook(target)
    assert (kind.key, unknown) == ("self_evaluation", "")
    report, problems = read_report_with_problems(target)
    required = {p.details["label"] for p in problems if p.kind.id == "value-required"}
    assert required == {"部门名称", "年度", "人员情况", "机构情况", "部门整体支出绩效情况", "存在的主要问题及改进措施"}
    assert report.summary.final.is_blank
    assert main(["template-xlsx", str(tmp_path / "x.xlsx"), "--kind", "绩效自评报告", "--year", "2021"]) == 2


def test_identity_for_the_batch(tianxin_path):
    assert read_identity(tianxin_path) == ("天心区医疗保障局", 2021)
