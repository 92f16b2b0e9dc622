"""Time to read and check each bundled sample workbook (target: well under a second each).

    .venv/bin/python bench/bench_checks.py [repeats]

Samples are the ``sample_inputs/*.xlsx`` files.
"""

from __future__ import annotations

import statistics
import sys
import time

from _samples import sample_workbooks

from generator.checks import run_checks
from generator.workbook.reader import read_workbook


def main(repeats: int = 5) -> None:
    print(f"{'sample':<20}{'read (ms)':>12}{'check (ms)':>12}{'total (ms)':>12}{'findings':>10}")
    for path in sample_workbooks():
        reads, checks = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            accounts = read_workbook(path)
            t1 = time.perf_counter()
            report = run_checks(accounts)
            t2 = time.perf_counter()
            reads.append(t1 - t0)
            checks.append(t2 - t1)
        read, check = statistics.median(reads) * 1000, statistics.median(checks) * 1000
        counts = f"{len(report.errors)}/{len(report.warnings)}/{len(report.infos)}"
        print(f"{path.stem:<20}{read:>12.1f}{check:>12.1f}{read + check:>12.1f}{counts:>10}")
    print(f"median of {repeats} runs; findings = 错误/警告/提示")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
