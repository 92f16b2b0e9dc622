"""Time and peak memory of hostile Word templates, each rendered in its own process (target: every one
refused in well under 30 s and 1 GB).

    .venv/bin/python bench/bench_hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_inputs" / "hongshan_2021.xlsx"

TEMPLATES = {
    "repeat at compile time": "{{ '一' * 100000000 }}",
    "huge range": "{% for i in range(10**9) %}{{ i }}{% endfor %}",
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "doubling by ~": "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "center": "{{ 'x'|center(1000000000) }}",
    "format width": "{{ '{:>1000000000}'.format(1) }}",
    "power": "{{ 7 ** 10000000 }}",
    "recursion": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}

SCRIPT = textwrap.dedent("""
    import resource, sys, time
    from generator.render.document import RenderError, render_document
    from generator.workbook.reader import read_workbook
    accounts = read_workbook(sys.argv[1])
    start = time.perf_counter()
    try:
        render_document(accounts, sys.argv[3], template=sys.argv[2])
        outcome = "rendered"
    except RenderError:
        outcome = "refused"
    print(outcome, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, tag in TEMPLATES.items():
            doc = Document()
            doc.add_paragraph(tag)
            template = Path(tmp) / "t.docx"
            doc.save(str(template))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", SCRIPT, str(SAMPLE), str(template), str(Path(tmp) / "out")],
                                  capture_output=True, text=True, timeout=120, cwd=ROOT)
            wall = time.perf_counter() - started
            if done.returncode != 0:
                print(f"{name:<24} FAILED {done.stderr.strip().splitlines()[-1:]}")
                continue
            outcome, seconds, peak_kb = done.stdout.split()
            print(f"{name:<24} {outcome:<9} render {float(seconds):6.2f} s   process {wall:6.2f} s   "
                  f"peak {int(peak_kb) / 1024:6.0f} MB")


if __name__ == "__main__":
    main()
