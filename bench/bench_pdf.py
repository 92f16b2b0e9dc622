"""PDF benchmark: LibreOffice conversion (目录 updated, PDF exported, .docx numbered), single and in batch.

    .venv/bin/python bench/bench_pdf.py [N]     (default 12 workbooks for the batch part)

Targets: a 35-page document converts in under 4 s; ``batch --pdf`` makes at least 1 document/s on
2 cores. Prints, per bundled sample, its pages and the seconds of a conversion in a process whose
LibreOffice profile already exists (the profile's first start is printed apart), then the batch figures.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _samples import sample_workbooks
from make_workbooks import make

from generator.batch import BUILT, run_batch
from generator.pipeline import build_workbook
from generator.render import pdf


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def single(tmp: Path) -> None:
    print("single documents (one LibreOffice run each):")
    first = True
    for workbook in sample_workbooks():
        built = build_workbook(workbook, tmp / "single")
        if built.document is None:  # a sample kept with its published table errors (shifeng_2019)
            print(f"  {workbook.stem:<16}  not built: the workbook has errors")
            continue
        start, cpu = time.perf_counter(), _children_cpu()
        result = pdf.publish([built.document])[0]
        seconds = time.perf_counter() - start
        if first:  # this run also created the process's LibreOffice profile: measure again
            print(f"  first run, with the profile's creation: {seconds:.2f} s")
            again = build_workbook(workbook, tmp / "again").document
            start, cpu = time.perf_counter(), _children_cpu()
            result = pdf.publish([again])[0]
            seconds = time.perf_counter() - start
            first = False
        cpu = _children_cpu() - cpu  # LibreOffice's own CPU time: what an idle machine would wait
        per_35 = seconds / max(result.pages, 1) * 35
        print(f"  {workbook.stem:<16} {result.pages:>3} pages  {seconds:5.2f} s wall, {cpu:5.2f} s CPU  "
              f"({per_35:.2f} s wall per 35 pages)"
              + (f"  {result.error}" if result.error else ""))


def batch(tmp: Path, count: int) -> None:
    inputs, output = tmp / "in", tmp / "out"
    make(count, inputs)
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    result = run_batch([inputs], output, workers=workers, force=True, pdf=True)
    wall = time.perf_counter() - start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    pdfs = sum(bool(i.pdf) for i in result.items)
    built = sum(i.status == BUILT for i in result.items)
    conversions = [i.timings["pdf"] for i in result.items if "pdf" in i.timings]
    print(f"batch --pdf: {count} workbooks, {workers} workers")
    print(f"  built {built}, PDFs {pdfs}, failed {len(result.failed)}")
    print(f"  wall time            {wall:.1f} s")
    print(f"  documents per second {count / wall:.2f}  (load average {load:.1f} on {workers} cores)")
    if conversions:
        print(f"  mean conversion      {sum(conversions) / len(conversions):.2f} s per document (inside a worker)")


def main() -> None:
    if pdf.find_soffice() is None:
        raise SystemExit("LibreOffice is not installed: " + pdf.INSTALL_HINT)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-pdf-") as tmp:
        single(Path(tmp))
        batch(Path(tmp), count)


if __name__ == "__main__":
    main()
