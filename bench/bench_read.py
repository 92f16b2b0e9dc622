"""Time and peak memory of reading each bundled sample (target: well under a second).

    .venv/bin/python bench/bench_read.py
"""

from __future__ import annotations

import time
import tracemalloc

from _samples import sample_workbooks

from generator.workbook.reader import read_workbook


def main() -> None:
    for path in sample_workbooks():
        read_workbook(path)  # warm imports and caches
        runs = 5
        start = time.perf_counter()
        for _ in range(runs):
            read_workbook(path)
        elapsed = (time.perf_counter() - start) / runs
        tracemalloc.start()  # separately: tracing slows the run several times over
        read_workbook(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"read {path.name:<22} {elapsed * 1000:7.1f} ms   peak {peak / 1e6:6.1f} MB (Python allocations)")


if __name__ == "__main__":
    main()
