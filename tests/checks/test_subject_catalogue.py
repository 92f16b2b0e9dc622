"""A bureau's subject catalogue (``--catalogue``): read by header from .xlsx or .csv as bureaus keep it,
clear Chinese errors for an unusable file, and rule C-04 in place of C-03 on check, build and batch."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from generator import cli
from generator.batch import HAS_ERRORS, run_batch
from generator.catalog.bureau import CatalogueError, load_catalogue
from generator.checks import run_checks
from generator.model import DepartmentAccounts


def _subjects(accounts: DepartmentAccounts) -> dict[str, str]:
    names: dict[str, str] = {}
    for table in (accounts.t3_expenditure, accounts.t2_income, accounts.t5_general_budget_expenditure,
                  accounts.t8_government_fund, accounts.t9_state_capital):
        for row in table.rows:
            names.setdefault(row.code, row.name)
    for line in accounts.budget:
        names.setdefault(line.code, line.name)
    return names


def _xlsx(path: Path, names: dict[str, str]) -> Path:
    """As a bureau exports it: a title row, the name column first, codes stored as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2021年政府收支分类科目"
    ws.append(["2021年支出功能分类科目"])
    ws.append(["科目名称", "备注", "科目编码"])
    for code, name in names.items():
        ws.append([f"  {name}", "", int(code)])
    wb.save(path)
    return path


def _csv(path: Path, names: dict[str, str], encoding: str = "gbk") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "name"])
        writer.writerows(names.items())
    return path


def test_xlsx_catalogue_is_read_by_header(tmp_path: Path, sample_accounts) -> None:
    names = _subjects(sample_accounts["hongshan_2021"])
    catalogue = load_catalogue(_xlsx(tmp_path / "科目表.xlsx", names))
    assert len(catalogue) == len(names)
    assert catalogue.name_of("2101301") == names["2101301"]
    assert catalogue.same_name("210", "卫生健康") and not catalogue.same_name("210", "教育支出")


def test_clean_sample_against_its_own_catalogue(tmp_path: Path, sample_accounts) -> None:
    accounts = sample_accounts["example_full"]
    catalogue = load_catalogue(_csv(tmp_path / "科目表.csv", _subjects(accounts)))
    assert run_checks(accounts, catalogue=catalogue).findings == ()


def test_codes_and_names_outside_the_catalogue(tmp_path: Path, sample_accounts) -> None:
    accounts = sample_accounts["anhua_2021"]
    names = _subjects(accounts)
    del names["2101301"]
    names["2101101"] = "事业单位医疗"
    report = run_checks(accounts, catalogue=load_catalogue(_csv(tmp_path / "cat.csv", names, "utf-8-sig")))
    found = {(f.table, f.code, f.column) for f in report.by_rule("C-04")}
    assert ("表3", "2101301", "科目编码") in found and ("年初预算", "2101301", "科目编码") in found
    assert ("表5", "2101101", "科目名称") in found
    assert all(f.cell is not None and f.severity == "错误" for f in report.by_rule("C-04"))
    assert not report.by_rule("C-03")  # with a catalogue every name is compared with it instead


@pytest.mark.parametrize(("content", "expected"), [
    ("名称,说明\n卫生健康支出,x\n", "找不到表头"),
    ("科目编码,科目名称\n21A,卫生健康支出\n", "应为 3、5 或 7 位数字"),
    ("科目编码,科目名称\n210,卫生健康支出\n210,教育支出\n", "重复出现"),
    ("科目编码,科目名称\n", "没有任何科目"),
])
def test_unusable_catalogues_are_explained(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "科目表.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert expected in str(caught.value) and "科目表" in str(caught.value)


def test_unreadable_files(tmp_path: Path) -> None:
    for name, data in (("科目表.xlsx", b"not a zip"), ("科目表.pdf", b"%PDF")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(CatalogueError) as caught:
            load_catalogue(path)
        assert "科目表" in str(caught.value) and ("无法读取" in str(caught.value) or "不受支持" in str(caught.value))
    with pytest.raises(CatalogueError, match="找不到科目表文件"):
        load_catalogue(tmp_path / "missing.xlsx")


def test_cli_check_build_and_batch_take_the_catalogue(tmp_path: Path, sample_paths, sample_accounts,
                                                      capsys) -> None:
    names = _subjects(sample_accounts["hongshan_2021"])
    del names["2101301"]
    catalogue = _xlsx(tmp_path / "科目表.xlsx", names)
    workbook = str(sample_paths["hongshan_2021"])
    assert cli.main(["check", workbook, "--catalogue", str(catalogue), "-o", str(tmp_path / "c")]) == 1
    out = capsys.readouterr().out
    assert "C-04" in out and "2101301" in out and "科目表中没有这个编码" in out
    assert cli.main(["build", workbook, "--catalogue", str(catalogue), "-o", str(tmp_path / "b")]) == 1
    assert not list((tmp_path / "b").rglob("*.docx"))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert cli.main(["check", workbook, "--catalogue", str(bad), "-o", str(tmp_path / "c")]) == cli.EXIT_UNREADABLE
    assert "科目表无法使用" in capsys.readouterr().out
    result = run_batch([sample_paths["hongshan_2021"]], tmp_path / "batch", workers=1,
                       catalogue=load_catalogue(catalogue))
    assert [(item.status, item.errors) for item in result.items] == [(HAS_ERRORS, 3)]


def test_cli_audit_takes_the_catalogue(tmp_path: Path, sample_paths, sample_accounts, capsys) -> None:
    """A bureau auditing finished documents checks their printed subjects against its catalogue too."""
    workbook = str(sample_paths["hongshan_2021"])
    assert cli.main(["build", workbook, "-o", str(tmp_path / "b")]) == 0
    document = str(next((tmp_path / "b").rglob("*.docx")))
    names = _subjects(sample_accounts["hongshan_2021"])
    full = _xlsx(tmp_path / "全.xlsx", names)
    capsys.readouterr()
    assert cli.main(["audit", document, "--catalogue", str(full), "-o", str(tmp_path / "a")]) == 0
    del names["2101301"]
    short = _xlsx(tmp_path / "缺.xlsx", names)
    assert cli.main(["audit", document, "--catalogue", str(short), "-o", str(tmp_path / "a2")]) == 1
    out = capsys.readouterr().out
    assert "2101301" in out and "科目表中没有这个编码" in out
    assert cli.main(["audit", document, "--catalogue", str(tmp_path / "无.xlsx"), "-o", str(tmp_path / "a3")]) \
        == cli.EXIT_UNREADABLE
