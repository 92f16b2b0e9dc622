"""Publishing from the console: ``build --pdf`` without LibreOffice, ``batch --pdf``, ``juesuan sample``, and
the package installed (not editable) into a fresh environment, used from another folder."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from generator import cli
from generator.render import pdf as pdf_module
from tests.conftest import ROOT, SAMPLE_NAMES, sample_path


def test_build_pdf_without_libreoffice_writes_the_docx_and_says_how_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(pdf_module.ENV_SOFFICE, str(tmp_path / "missing" / "soffice"))
    code = cli.main(["build", str(sample_path("hongshan_2021")), "--pdf", "-o", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_NO_PDF
    assert "未生成 PDF：未找到 LibreOffice" in out and "sudo apt-get install -y libreoffice-writer-nogui" in out
    assert "Windows" in out and "Traceback" not in out
    docx = next(tmp_path.rglob("*.docx"))
    assert Document(str(docx)).paragraphs  # the document is complete
    assert stat.S_IMODE(docx.stat().st_mode) == 0o644
    assert stat.S_IMODE(next(tmp_path.rglob("校验报告.xlsx")).stat().st_mode) == 0o644


def test_build_without_pdf_says_where_the_page_numbers_come_from(tmp_path, capsys):
    assert cli.main(["build", str(sample_path("anhua_2021")), "-o", str(tmp_path)]) == cli.EXIT_OK
    assert "加 --pdf" in capsys.readouterr().out
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.skipif(pdf_module.find_soffice() is None,
                    reason="LibreOffice 未安装：apt-get install libreoffice-writer-nogui fonts-noto-cjk")
def test_batch_pdf_converts_every_built_document(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("hongshan_2021", "anhua_2021"):
        shutil.copy(sample_path(name), src / f"{name}.xlsx")
    out = tmp_path / "out"
    assert cli.main(["batch", str(src), "--pdf", "--workers", "2", "-o", str(out)]) == cli.EXIT_OK
    every = sorted(out.rglob("*.pdf"))  # hongshan's 生成文档 also asks for its 自评报告: converted too
    assert [p.with_suffix(".docx").is_file() for p in every] == [True, True, True]
    pdfs = [p for p in every if p.stem.endswith("部门决算")]
    for pdf in every:
        assert pdf.read_bytes()[:5] == b"%PDF-" and stat.S_IMODE(pdf.stat().st_mode) == 0o644
    for pdf in pdfs:
        toc = [p.text for p in Document(str(pdf.with_suffix(".docx"))).paragraphs if p.style.name.startswith("toc")]
        assert toc and all(t.rsplit("\t", 1)[-1].isdigit() for t in toc)  # the .docx 目录 numbered
    summary = openpyxl.load_workbook(out / "批量汇总.xlsx").active
    header = [c.value for c in summary[1]]
    column = header.index("PDF")
    assert sorted(str(r[column]) for r in summary.iter_rows(min_row=2, values_only=True) if r[0]) == \
        [str(p) for p in pdfs]
    # unchanged and with their PDFs: skipped; a PDF deleted: rebuilt
    assert cli.main(["batch", str(src), "--pdf", "-o", str(out)]) == cli.EXIT_OK
    assert "未变化跳过" in capsys.readouterr().out


def test_sample_lists_and_copies_the_bundled_workbooks(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["sample"]) == cli.EXIT_OK
    listed = capsys.readouterr().out
    assert all(name in listed for name in SAMPLE_NAMES)
    assert cli.main(["sample", "hongshan_2021"]) == cli.EXIT_OK
    copied = tmp_path / "hongshan_2021.xlsx"
    assert copied.read_bytes() == sample_path("hongshan_2021").read_bytes()
    (tmp_path / "sub").mkdir()
    assert cli.main(["sample", "anhua_2021", "sub"]) == cli.EXIT_OK
    assert (tmp_path / "sub" / "anhua_2021.xlsx").is_file()
    assert cli.main(["sample", "nope"]) == cli.EXIT_UNREADABLE
    assert "没有名为「nope」的样例" in capsys.readouterr().out


def test_installed_package_builds_a_sample_from_another_folder(tmp_path):
    """``pip install .`` (not editable) into a new environment: templates and samples are package data."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies come from this environment (the .pth adds its site-packages but does not run its
    # .pth files, so the editable install of the repository is not seen)
    Path(purelib, "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    source = tmp_path / "source"  # a clean copy: no build/ or egg-info left in the repository
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "output", "build", "*.egg-info",
                                                                "__pycache__", ".pytest_cache", ".ruff_cache"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", "--disable-pip-version-check", str(source)],
                   check=True, timeout=600, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    juesuan = bin_dir / ("juesuan.exe" if os.name == "nt" else "juesuan")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(juesuan), *args], cwd=elsewhere, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": ""})

    where = subprocess.run([str(python), "-c", "import generator, generator.templates as t; "
                                               "print(generator.__file__); print(t.__file__)"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    assert str(ROOT) not in where and str(source) not in where and str(venv) in where
    assert run("sample", "hongshan_2021", "工作簿.xlsx").returncode == 0
    built = run("build", "工作簿.xlsx")
    assert built.returncode == 0, built.stdout + built.stderr
    docx = next((elsewhere / "output").rglob("*.docx"))
    assert "武汉市洪山区医疗保障局" in "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert run("template-xlsx", "空白.xlsx").returncode == 0
    assert "基本信息" in openpyxl.load_workbook(elsewhere / "空白.xlsx").sheetnames
    # the budget kind: its sample, its layouts.toml and its Word template are package data too
    assert run("sample", "wuhan_center_2021_budget", "预算.xlsx").returncode == 0
    built = run("build", "预算.xlsx")
    assert built.returncode == 0, built.stdout + built.stderr
    budget = next((elsewhere / "output").rglob("*部门预算.docx"))
    assert "比2020年预算减少1343.52万元" in "\n".join(p.text for p in Document(str(budget)).paragraphs)
    assert run("template-xlsx", "--kind", "部门预算", "预算空白.xlsx").returncode == 0
