"""Batch regeneration: statuses, outputs, exit code, summary, skip-unchanged, determinism, diff."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from generator import cli
from generator.batch import BUILT, HAS_ERRORS, UNCHANGED, UNREADABLE, run_batch
from generator.diff import figure_changes, sentence_changes
from generator.workbook.reader import read_workbook
from generator.workbook.template import write_workbook
from tests.conftest import SAMPLES, sample_path


def _data(name: str) -> dict:
    return json.loads((SAMPLES / "data" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workbooks")
    shutil.copy(sample_path("hongshan_2021"), root / "good.xlsx")
    (root / "sub").mkdir()
    broken = _data("hongshan_2021")
    total = next(line for line in broken["t1"]["left"] if line[0] == "总计")
    total[2] = "600.00"  # 表1 收入总计 no longer adds up
    broken["info"]["name"] = "武汉市洪山区医疗保障局（试点）"  # another department: one folder each
    write_workbook(root / "sub" / "errors.xlsx", broken)
    (root / "sub" / "notes.xlsx").write_text("不是工作簿", encoding="utf-8")
    (root / "~$good.xlsx").write_bytes(b"lock file of an open workbook")
    return root


def _summary_rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path).active
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_batch_statuses_outputs_and_summary(folder, tmp_path):
    out = tmp_path / "out"
    result = run_batch([folder], out, workers=2)
    by_name = {Path(i.workbook).name: i for i in result.items}
    assert set(by_name) == {"good.xlsx", "errors.xlsx", "notes.xlsx"}  # the lock file is not a workbook
    assert by_name["good.xlsx"].status == BUILT
    document = Document(str(by_name["good.xlsx"].document))
    assert any("546.99" in p.text for p in document.paragraphs)  # 表1 总计 quoted in section 一
    assert by_name["good.xlsx"].department == "武汉市洪山区医疗保障局"
    assert by_name["errors.xlsx"].status == HAS_ERRORS and by_name["errors.xlsx"].errors >= 1
    assert by_name["errors.xlsx"].document == ""
    # only the good workbook got documents: its 部门决算 and the 自评报告 its 生成文档 asks for
    assert {p.name for p in out.rglob("*.docx")} == {"2021年度武汉市洪山区医疗保障局部门决算.docx",
                                                      "2021年度武汉市洪山区医疗保障局部门整体支出绩效自评报告.docx"}
    assert by_name["good.xlsx"].extra_documents == (
        str(out / "武汉市洪山区医疗保障局" / "2021" / "2021年度武汉市洪山区医疗保障局部门整体支出绩效自评报告.docx"),)
    assert _summary_rows(result.summary_path)[0][-1].endswith("部门整体支出绩效自评报告.docx")
    assert by_name["notes.xlsx"].status == UNREADABLE and by_name["notes.xlsx"].message
    rows = _summary_rows(result.summary_path)
    assert {r[2] for r in rows} == {BUILT, HAS_ERRORS, UNREADABLE}
    assert len(result.failed) == 2

    again = run_batch([folder], out, workers=2)
    statuses = {Path(i.workbook).name: i.status for i in again.items}
    assert statuses["good.xlsx"] == UNCHANGED
    assert statuses["errors.xlsx"] == HAS_ERRORS  # failures are tried again

    forced = run_batch([folder], out, workers=1, force=True)
    item = next(i for i in forced.items if i.workbook.endswith("good.xlsx"))
    assert item.status == BUILT and not item.changed  # same bytes as the previous build


def test_changed_workbook_is_rebuilt_and_marked_changed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(sample_path("hongshan_2021"), src / "a.xlsx")
    out = tmp_path / "out"
    first = run_batch([src], out, workers=1)
    assert first.items[0].status == BUILT and first.items[0].changed  # new document
    data = _data("hongshan_2021")
    data["reasons"]["total_change"] = "2020年包含疫情防控物资资金，本年不再安排"
    write_workbook(src / "a.xlsx", data)
    second = run_batch([src], out, workers=1)
    assert second.items[0].status == BUILT and second.items[0].changed


def test_cli_batch_exit_code(folder, tmp_path, capsys):
    code = cli.main(["batch", str(folder), "-o", str(tmp_path / "o"), "--workers", "1"])
    assert code == cli.EXIT_DATA_ERRORS
    out = capsys.readouterr().out
    assert "批量处理汇总" in out and "Traceback" not in out
    good_only = tmp_path / "good"
    good_only.mkdir()
    shutil.copy(sample_path("anhua_2021"), good_only / "anhua.xlsx")
    assert cli.main(["batch", str(good_only), "-o", str(tmp_path / "o2"), "--workers", "1"]) == cli.EXIT_OK


@pytest.mark.parametrize("name", ["hongshan_2021", "anhua_2021", "example_full"])
def test_build_is_deterministic(name, tmp_path):
    outputs = []
    for run in ("a", "b"):
        assert cli.main(["build", str(sample_path(name)), "-o", str(tmp_path / run)]) == cli.EXIT_OK
        files = sorted(p for p in (tmp_path / run).rglob("*") if p.suffix in (".docx", ".png"))
        outputs.append({p.relative_to(tmp_path / run): _sha(p) for p in files})
    assert outputs[0] == outputs[1]
    assert any(p.suffix == ".docx" for p in outputs[0]) and sum(p.suffix == ".png" for p in outputs[0]) == 4


def test_diff_names_changed_figures_and_sentences(tmp_path):
    data = _data("hongshan_2021")
    old_path, new_path = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    write_workbook(old_path, data)
    data["prior"]["income_expenditure_grand_total"] = "2000.00"
    write_workbook(new_path, data)
    old, new = read_workbook(old_path), read_workbook(new_path)
    changes = figure_changes(old, new)
    assert [(c.old, c.new) for c in changes] == [("2270.24", "2000.00")]
    assert changes[0].cell is not None and changes[0].cell.sheet == "上年数"
    sentences = sentence_changes(["收、支总计 546.99万元。", "其他。"], ["收、支总计 600.00万元。", "其他。"])
    assert [(s.old, s.new) for s in sentences] == [("收、支总计 546.99万元。", "收、支总计 600.00万元。")]


def test_cli_diff_shows_sentence_with_new_figure(tmp_path, capsys):
    data = _data("hongshan_2021")
    old_path, new_path = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    write_workbook(old_path, data)
    data["prior"]["income_expenditure_grand_total"] = "2000.00"
    write_workbook(new_path, data)
    assert cli.main(["diff", str(old_path), str(new_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "2270.24 → 2000.00" in out
    # 546.99 − 2000.00: the change sentence of section 一 now says 减少 1453.01
    assert any(line.startswith("  + ") and "1453.01" in line for line in out.splitlines())


def test_interrupt_keeps_what_was_done_and_writes_the_summary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    data = _data("hongshan_2021")
    for i in range(4):
        data["info"]["name"] = f"洪山区第{i}医疗保障局"  # four departments: four folders
        write_workbook(src / f"wb{i}.xlsx", data)
    out = tmp_path / "out"
    seen = []

    def progress(item, done, total):
        seen.append(item)
        if len(seen) == 1:
            raise KeyboardInterrupt  # as Ctrl-C arriving while the batch waits for its workers

    result = run_batch([src], out, workers=1, progress=progress)
    assert result.interrupted
    assert 1 <= len(result.items) < 4
    assert all(i.status == BUILT for i in result.items)
    rows = _summary_rows(result.summary_path)
    assert len([r for r in rows if r[2]]) == len(result.items)
    assert "中断" in rows[-1][0]  # the summary says it is incomplete
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["workbooks"]) == len(result.items)
