"""Batch benchmark: N generated workbooks through `batch`, on all cores.

    .venv/bin/python bench/bench_batch.py [N]     (default 200; target ≥ 4 documents/s, < 300 MB per worker)

Prints documents per second, wall time, peak memory per worker and where the time goes
(mean seconds per workbook in each stage, as measured inside the workers).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_workbooks import make

from generator.batch import BUILT, run_batch


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
        inputs, output = Path(tmp) / "in", Path(tmp) / "out"
        make(count, inputs)
        workers = os.cpu_count() or 1
        start = time.perf_counter()
        result = run_batch([inputs], output, workers=workers, force=True)
        wall = time.perf_counter() - start
        built = sum(i.status == BUILT for i in result.items)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        stages: dict[str, list[float]] = defaultdict(list)
        for item in result.items:
            for stage, seconds in item.timings.items():
                stages[stage].append(seconds)
        print(f"workbooks            {count} ({built} built, {len(result.failed)} failed)")
        print(f"workers              {workers}")
        print(f"wall time            {wall:.1f} s")
        print(f"documents per second {count / wall:.2f}")
        print(f"peak memory/worker   {peak_kb / 1024:.0f} MB (max RSS of any worker)")
        print("mean seconds per workbook, by stage (inside a worker):")
        for stage, values in sorted(stages.items(), key=lambda kv: -sum(kv[1])):
            print(f"  {stage:<12} {sum(values) / len(values):.3f}")


if __name__ == "__main__":
    main()
