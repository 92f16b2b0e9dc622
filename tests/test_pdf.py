"""``build --pdf``: the PDF laid out by LibreOffice, read back with pdftotext.

Each bundled sample is built and converted once per session. The 目录 of the PDF and of the .docx
must give, for every heading, the page it is printed on, and every page after the cover must carry
its number. Skipped where LibreOffice or pdftotext is not installed (.ci/run installs both).
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from generator.pipeline import BuildOutcome, build_workbook, publish_pdfs
from generator.render import pdf as pdf_module

from .conftest import SAMPLE_NAMES, sample_path

needs_libreoffice = pytest.mark.skipif(
    pdf_module.find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice（soffice）或 pdftotext 未安装：apt-get install libreoffice-writer-nogui fonts-noto-cjk "
           "poppler-utils")


@dataclass
class Published:
    outcome: BuildOutcome
    pages: list[str]  # the text of each page (pdftotext -layout), page 1 first


def _pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict[str, Published]:
    if pdf_module.find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice 或 pdftotext 未安装")
    out = tmp_path_factory.mktemp("published")
    # one LibreOffice run for the three samples, as a batch does; build --pdf is tested in tests/test_cli.py
    built = [build_workbook(sample_path(name), out) for name in SAMPLE_NAMES]
    result = {}
    for name, outcome in zip(SAMPLE_NAMES, publish_pdfs(built), strict=True):
        assert outcome.pdf is not None, outcome.pdf_error
        result[name] = Published(outcome, _pages(outcome.pdf))
    return result


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


_ENTRY = re.compile(r"^\s*(\S.*?\S)\s*(?:\.{2,}|…{2,}|\s{3,})\s*(\d+)\s*$")


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """The (entry, page) lines of the 目录, from the pages after the cover up to the first heading page."""
    entries = []
    for page in pages[1:]:
        lines = [line for line in page.splitlines() if line.strip()]
        found = [m for m in (_ENTRY.match(line) for line in lines) if m]
        if not found:
            break
        entries += [(m.group(1), int(m.group(2))) for m in found]
    return entries


def _printed_number(page: str) -> int | None:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return int(lines[-1]) if lines and lines[-1].isdigit() else None


@needs_libreoffice
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_page_after_the_cover_is_numbered(published, name):
    pages = published[name].pages
    assert len(pages) > 20
    for index, page in enumerate(pages[1:], start=2):
        assert _printed_number(page) == index, f"第 {index} 页没有页码：{page.strip()[-80:]}"
    assert _printed_number(pages[0]) is None  # the cover


@needs_libreoffice
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_toc_page_numbers_point_at_the_pages_of_their_headings(published, name):
    pages = published[name].pages
    toc = _toc(pages)
    document = Document(str(published[name].outcome.document))
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert len(toc) == len(headings) >= 20
    first_body_page = max(page for _, page in toc[:1])
    squeezed = [_squeeze(page) for page in pages]
    previous = first_body_page
    for (entry, page), heading in zip(toc, headings, strict=True):
        assert _squeeze(entry).rstrip(".") in _squeeze(heading) or _squeeze(heading).startswith(_squeeze(entry)[:12])
        assert page >= previous, (entry, page)
        assert _squeeze(heading)[:14] in squeezed[page - 1], f"「{heading}」不在目录所说的第 {page} 页"
        previous = page


@needs_libreoffice
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_docx_toc_carries_the_pdf_page_numbers(published, name):
    document = Document(str(published[name].outcome.document))
    entries = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ")]
    numbers = [int(t.rsplit("\t", 1)[1]) for t in entries if "\t" in t]
    assert len(numbers) == len(entries), [t for t in entries if "\t" not in t]
    assert numbers == [page for _, page in _toc(published[name].pages)]


@needs_libreoffice
def test_both_files_are_written_readable_by_others(published):
    for item in published.values():
        for path in (item.outcome.document, item.outcome.pdf, item.outcome.report_path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
        assert item.outcome.pdf.with_suffix(".docx") == item.outcome.document
        assert item.outcome.pdf.read_bytes()[:5] == b"%PDF-"


@needs_libreoffice
def test_hubei_pdf_prints_the_formula_notes(published):
    text = _squeeze("".join(published["hongshan_2021"].pages))
    for note in ("59行=（33+34+…+58）行；64行=（59+60）行。",
                 "1栏=（2+3+6）栏；3栏=（4+5）栏；7栏=（8+9+12）栏；9栏=（10+11）栏。",
                 "6栏各行=（1+2-3）栏各行；3栏各行=（4+5）栏各行。"):
        assert _squeeze(note) in text, note


def test_missing_libreoffice_is_a_chinese_message_and_the_docx_is_still_written(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf_module.ENV_SOFFICE, str(tmp_path / "no-such-soffice"))
    assert pdf_module.find_soffice() is None
    outcome = build_workbook(sample_path("hongshan_2021"), tmp_path, pdf=True)
    assert outcome.document is not None and outcome.document.is_file()
    assert outcome.pdf is None
    assert "未找到 LibreOffice" in outcome.pdf_error and "apt-get install" in outcome.pdf_error
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="需要 /bin/sh 模拟一个不退出的 LibreOffice")
def test_a_hanging_libreoffice_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv(pdf_module.ENV_SOFFICE, str(fake))
    monkeypatch.setattr(pdf_module, "START_SECONDS", 1.0)
    monkeypatch.setattr(pdf_module, "_profile", None)
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"not really")
    results = pdf_module.convert([(docx, tmp_path / "a.pdf")], timeout=1.5)
    assert results[0].pdf is None
    assert "LibreOffice" in results[0].error
    assert not (tmp_path / "a.pdf").exists()


_FAKE_SOFFICE = """#!/bin/sh
# stands in for LibreOffice: converts the first job of a run, then "crashes" on the first run only
case "$*" in *terminate_after_init*) exit 0;; esac
tab=$(printf '\\t')
count=0
while IFS="$tab" read -r source target report rest; do
    [ -z "$source" ] && continue
    printf '%%PDF-1.4 fake\\n' > "$target"
    printf 'OK\\n7\\n第一部分 概况\\t3\\n一、职能\\t4\\n' > "$report"
    count=$((count + 1))
    if [ ! -f "$MARK" ]; then : > "$MARK"; exit 1; fi
done < "$JUESUAN_JOBS"
"""


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="需要 /bin/sh 模拟 LibreOffice")
def test_documents_left_by_a_crashed_run_are_converted_in_a_second_run(tmp_path, monkeypatch):
    from docx import Document as NewDocument

    from generator.render import docx_xml

    fake = tmp_path / "soffice"
    fake.write_text(_FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv(pdf_module.ENV_SOFFICE, str(fake))
    monkeypatch.setenv("MARK", str(tmp_path / "crashed-once"))
    monkeypatch.setattr(pdf_module, "_profile", None)
    documents = []
    for name in ("a", "b", "c"):
        doc = NewDocument()
        docx_xml.add_toc_field(doc.add_paragraph(), "占位")
        doc.add_paragraph("第一部分 概况", style="Heading 1")
        doc.add_paragraph("一、职能", style="Heading 2")
        docx_xml.fill_toc(doc, docx_xml.heading_entries(doc), {1: "Heading1", 2: "Heading2"})
        path = tmp_path / f"{name}.docx"
        doc.save(str(path))
        documents.append(path)
    results = pdf_module.publish(documents)
    assert [r.error for r in results] == ["", "", ""]
    assert [r.pdf for r in results] == [d.with_suffix(".pdf") for d in documents]
    assert all(r.pages == 7 and r.toc == (("第一部分 概况", 3), ("一、职能", 4)) for r in results)
    for path in documents:
        assert stat.S_IMODE(path.with_suffix(".pdf").stat().st_mode) == 0o644
        texts = [p.text for p in NewDocument(str(path)).paragraphs]
        assert texts[:2] == ["第一部分 概况\t3", "一、职能\t4"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@needs_libreoffice
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_auditor_reads_our_own_pdf_without_a_false_alarm(published, name):
    """A finance bureau audits the PDFs departments publish: ours must pass (目录 leaders are not placeholders,
    tables broken across pages are read), with no error and no warning the .docx does not have too."""
    from generator.audit import audit_file

    outcome = published[name].outcome
    from_pdf = audit_file(outcome.pdf)
    from_docx = audit_file(outcome.document)
    assert not from_pdf.errors, [f.message for f in from_pdf.errors]
    assert {f.kind for f in from_pdf.warnings} <= {f.kind for f in from_docx.warnings}
