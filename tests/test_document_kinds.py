"""The registry of document kinds: a workbook names its kind in 基本信息 文档类型, the pipeline follows it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.document_kinds import (
    DOCUMENT_KIND_LABEL,
    DocumentKind,
    all_kinds,
    kind_named,
    kind_of_workbook,
    register,
)
from generator.pipeline import check_workbook
from tests.conftest import sample_path


def _with_kind(tmp_path: Path, value: str) -> Path:
    wb = openpyxl.load_workbook(sample_path("hongshan_2021"))
    ws = wb["基本信息"]
    ws.protection.sheet = False
    row = ws.max_row + 1
    ws.cell(row, 1, DOCUMENT_KIND_LABEL)
    ws.cell(row, 2, value)
    target = tmp_path / "workbook.xlsx"
    wb.save(target)
    return target


def test_a_workbook_without_the_field_is_a_final_accounts_workbook():
    kind, unknown = kind_of_workbook(sample_path("hongshan_2021"))
    assert (kind.key, unknown) == ("final_accounts", "")


@pytest.mark.parametrize("typed", ["部门决算", " 部门决算公开 ", "决算"])
def test_the_final_accounts_are_named_as_an_accountant_types_them(tmp_path, typed):
    path = _with_kind(tmp_path, typed)
    kind, unknown = kind_of_workbook(path)
    assert (kind.key, unknown) == ("final_accounts", "")
    outcome = check_workbook(path)
    assert outcome.kind is kind and outcome.ok and outcome.accounts.info.name == "武汉市洪山区医疗保障局"


def test_an_unknown_kind_is_one_error_naming_the_value_and_the_choices(tmp_path):
    outcome = check_workbook(_with_kind(tmp_path, "部门年报"))
    assert outcome.read_failed and outcome.accounts is None
    [found] = outcome.read_problems
    assert found.kind.id == "kind-unknown" and found.cell.sheet == "基本信息"
    assert "部门年报" in found.message and "部门决算" in found.message


def test_names_are_unique_across_kinds():
    names = [n for k in all_kinds() for n in k.names()]
    assert len(names) == len(set(names))
    first = all_kinds()[0]
    with pytest.raises(ValueError):
        register(DocumentKind(key="copy", title=first.title, aliases=(), read=first.read, check=first.check,
                              render=first.render, audit_rendered=first.audit_rendered,
                              write_blank_workbook=first.write_blank_workbook))
    assert kind_named("copy") is None


def test_template_xlsx_refuses_an_unknown_kind(tmp_path, capsys):
    assert main(["template-xlsx", str(tmp_path / "x.xlsx"), "--kind", "年报"]) == 2
    assert "无法识别" in capsys.readouterr().out
    assert not (tmp_path / "x.xlsx").exists()


def test_template_xlsx_of_the_final_accounts_by_kind(tmp_path):
    target = tmp_path / "blank.xlsx"
    assert main(["template-xlsx", str(target), "--kind", "部门决算"]) == 0
    assert "基本信息" in openpyxl.load_workbook(target).sheetnames
