"""Time the build's self-audit adds to each bundled sample (target: < 0.1 s per document), and the audit
of the same document read from its .docx file.

    .venv/bin/python bench/bench_audit.py [repeats]      (default 7)

The self-audit reads the rendered .docx bytes back (paragraphs and table rows), finds the nine tables,
evaluates every declared table rule that applies, compares the tables with the workbook's and checks
every sentence of the 情况说明. "self-audit" is the median over ``repeats`` runs on the bytes the build
renders, in CPU seconds of this process (the first run, which compiles, is reported as "cold").
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from _samples import sample_workbooks

TARGET = 0.1


def main(repeats: int) -> int:
    started = time.perf_counter()
    from generator.audit import audit_rendered
    from generator.render.document import render_document
    from generator.workbook.reader import read_workbook

    imports = time.perf_counter() - started
    print(f"imports {imports:.3f} s")
    print(f"{'sample':<24}{'cold':>8}{'self-audit':>12}{'findings':>10}{'  share of build':>16}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as out:
        for path in sample_workbooks():
            accounts = read_workbook(path)
            captured: list[bytes] = []
            began = time.perf_counter()
            render_document(accounts, Path(out), inspect=captured.append)
            render = time.perf_counter() - began
            data = captured[0]
            runs = []
            report = None
            for _ in range(max(repeats, 2)):
                t = time.process_time()  # CPU seconds: the machine's other load does not count
                report = audit_rendered(data, accounts)
                runs.append(time.process_time() - t)
            warm = statistics.median(runs[1:])
            worst = max(worst, warm)
            serious = sum(f.severity in ("错误", "警告") for f in report.findings)
            print(f"{path.stem:<24}{runs[0]:>8.3f}{warm:>12.3f}{serious:>10}{warm / (render + warm):>15.0%}")
    verdict = "OK" if worst < TARGET else "OVER TARGET"
    print(f"slowest self-audit {worst:.3f} s per document (target < {TARGET} s): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
