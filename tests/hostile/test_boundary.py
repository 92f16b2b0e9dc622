"""The one boundary: an unforeseen fault is a Chinese sentence with the log's path, never a traceback;
and a failed build never changes an earlier good document in its folder."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

import generator.checks as checks_module
from generator import batch, cli
from generator.failures import LOG_NAME
from generator.render import document as document_module
from tests.conftest import sample_path
from tests.hostile.inputs import workbook


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".docx", ".png")}


def _boom(*args, **kwargs):
    raise RuntimeError("boom: an internal fault")


def test_unforeseen_fault_is_chinese_on_screen_and_detailed_in_the_log(tmp_path, capsys, monkeypatch):
    # the final accounts' kind calls generator.checks.run_checks when it checks (the pipeline asks the kind)
    monkeypatch.setattr(checks_module, "run_checks", _boom)
    out_dir = tmp_path / "o"
    code = cli.main(["build", str(sample_path("hongshan_2021")), "-o", str(out_dir)])
    assert code == cli.EXIT_UNREADABLE
    out = capsys.readouterr()
    screen = out.out + out.err
    assert "校验时出错" in screen and LOG_NAME in screen
    assert "Traceback" not in screen and "RuntimeError" not in screen and "boom" not in screen
    log = (out_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "boom: an internal fault" in log and "阶段：校验" in log
    assert not list(out_dir.rglob("*.docx"))


def test_fault_in_a_batch_worker_is_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(document_module, "render_charts", _boom)
    item = batch._build_one(sample_path("hongshan_2021"), tmp_path, None, False)
    assert item.status == batch.CRASHED
    assert "生成文档时出错" in item.message and LOG_NAME in item.message and "RuntimeError" not in item.message
    assert "boom" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["build", str(sample_path("hongshan_2021")), "-o", str(out)]) == cli.EXIT_OK
    before = _files(out)
    assert len(before) == 5  # the document and four charts
    return out, before


def _broken_template(tmp_path):
    doc = Document()
    doc.add_paragraph("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    path = tmp_path / "loop.docx"
    doc.save(str(path))
    return path


def test_failed_builds_never_change_the_earlier_good_document(built, tmp_path, monkeypatch, capsys):
    out, before = built
    changed = workbook(tmp_path / "changed.xlsx", lambda d: d["reasons"].update(total_change="新的原因"))
    with_errors = workbook(tmp_path / "errors.xlsx",
                           lambda d: next(x for x in d["t1"]["left"] if x[0] == "总计").__setitem__(2, "1.00"))

    # a template that never ends
    assert cli.main(["build", str(changed), "--template", str(_broken_template(tmp_path)), "-o", str(out)]) \
        == cli.EXIT_UNREADABLE
    assert _files(out) == before
    # a workbook with errors
    assert cli.main(["build", str(with_errors), "-o", str(out)]) == cli.EXIT_DATA_ERRORS
    assert _files(out) == before
    # a fault while writing the package, after the charts were drawn
    monkeypatch.setattr(document_module.docx_xml, "package_bytes", _boom)
    assert cli.main(["build", str(changed), "-o", str(out)]) == cli.EXIT_UNREADABLE
    assert _files(out) == before
    monkeypatch.undo()
    # a fault while moving the files into place: the document is replaced first or nothing is
    real_replace = document_module.os.replace
    calls = []

    def third_fails(src, dst):
        if Path(dst).suffix in (".docx", ".png"):
            calls.append(dst)
            if len(calls) == 3:  # the new document is in place, a chart fails
                raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(document_module.os, "replace", third_fails)
    assert cli.main(["build", str(changed), "-o", str(out)]) == cli.EXIT_UNREADABLE
    monkeypatch.undo()
    assert "磁盘空间不足" in capsys.readouterr().out
    assert _files(out) == before  # the earlier document was put back
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    assert "Traceback" not in capsys.readouterr().out


def _summary(path: Path) -> list[tuple]:
    return [r for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True) if any(r)]


def test_batch_two_workbooks_of_one_department_and_year_are_a_conflict(tmp_path):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    shutil.copy(sample_path("hongshan_2021"), src / "a" / "洪山.xlsx")
    out = tmp_path / "out"
    first = batch.run_batch([src], out, workers=1)
    assert [i.status for i in first.items] == [batch.BUILT]
    before = _files(out)

    workbook(src / "b" / "洪山-改.xlsx", lambda d: d["reasons"].update(total_change="另一份的原因"))
    second = batch.run_batch([src], out, workers=2)
    by_name = {Path(i.workbook).name: i for i in second.items}
    assert by_name["洪山.xlsx"].status == batch.UNCHANGED
    newcomer = by_name["洪山-改.xlsx"]
    assert newcomer.status == batch.CONFLICT and "洪山.xlsx" in newcomer.message and "2021" in newcomer.message
    assert _files(out) == before  # nothing overwritten

    forced = batch.run_batch([src], out, workers=2, force=True)
    assert {i.status for i in forced.items} == {batch.CONFLICT}
    messages = {Path(i.workbook).name: i.message for i in forced.items}
    assert "洪山-改.xlsx" in messages["洪山.xlsx"] and "洪山.xlsx" in messages["洪山-改.xlsx"]
    assert _files(out) == before
    assert {r[2] for r in _summary(forced.summary_path)} == {batch.CONFLICT}


def test_batch_rows_point_at_their_own_reports(tmp_path):
    src = tmp_path / "in"
    for sub in ("x", "y"):
        (src / sub).mkdir(parents=True)
        (src / sub / "同名.xlsx").write_text("不是工作簿", encoding="utf-8")  # two unreadable files of one name
    workbook(src / "errors.xlsx", lambda d: (d["info"].update(name="另一个局"),
                                            next(x for x in d["t1"]["left"] if x[0] == "总计").__setitem__(2, "1")))
    shutil.copy(sample_path("hongshan_2021"), src / "good.xlsx")
    result = batch.run_batch([src], tmp_path / "out", workers=2)
    reports = [Path(i.report) for i in result.items]
    assert len(set(reports)) == len(reports) == 4 and all(r.exists() for r in reports)
    for item in result.items:
        rows = list(openpyxl.load_workbook(item.report).active.iter_rows(values_only=True))
        said_errors = any(r[0] == "错误" for r in rows if r)
        assert said_errors == (item.status != batch.BUILT), item.workbook
