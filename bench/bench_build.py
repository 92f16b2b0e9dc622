"""Time, stages and peak memory of a full build of each bundled sample (target: < 1.5 s and < 300 MB each).

    .venv/bin/python bench/bench_build.py [repeats]      (default 5)

A full build is what ``build WORKBOOK`` does for one department: read the workbook, run the checks
compute the figures, draw the four charts and
render the .docx, and write the files. Each sample runs in a fresh Python process, so the peak memory
(``ru_maxrss``) is that sample's alone. The first build in the process is reported as "cold": it
includes loading the fonts and reading and compiling the Word template, which later builds reuse
(a batch worker pays it once per layout). "warm" is the median of the following builds, and the
stage columns are the warm medians of ``read``, ``checks`` and of ``RenderedDocument.timings``
(figures, charts, docx, write). Imports are timed separately.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _samples import sample_workbooks

ROOT = Path(__file__).resolve().parents[1]
TIME_TARGET = 1.5
MEMORY_TARGET_MB = 300
STAGES = ("read", "checks", "figures", "charts", "docx", "write")


def one(path: Path, repeats: int) -> dict[str, object]:
    """Build ``path`` ``repeats`` times in this process; seconds per build and stage, peak RSS in MB."""
    import resource

    started = time.perf_counter()
    from generator.render.document import render_document
    from generator.workbook.reader import read_workbook

    try:
        from generator.checks import run_checks
    except ImportError:  # the checks are optional for this benchmark
        run_checks = None
    imports = time.perf_counter() - started

    runs: list[float] = []
    stages: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(max(repeats, 1)):
            t0 = time.perf_counter()
            accounts = read_workbook(path)
            t1 = time.perf_counter()
            if run_checks is not None:
                run_checks(accounts)
            t2 = time.perf_counter()
            rendered = render_document(accounts, Path(out))
            t3 = time.perf_counter()
            runs.append(t3 - t0)
            stages.append({"read": t1 - t0, "checks": t2 - t1, **rendered.timings})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    warm = stages[1:] or stages
    return {
        "imports": imports,
        "cold": runs[0],
        "warm": statistics.median(runs[1:]) if len(runs) > 1 else runs[0],
        "peak_mb": peak_kb / 1024,
        "cold_stages": stages[0],
        "warm_stages": {k: statistics.median(s.get(k, 0.0) for s in warm) for k in warm[0]},
    }


def main(repeats: int = 5) -> int:
    failed = False
    head = "".join(f"{s:>8}" for s in STAGES)
    print(f"{'':53}  {'warm stages (ms)':^{len(head)}}  cold (ms)")
    print(f"{'sample':<16}{'imports':>9}{'cold s':>9}{'warm s':>9}{'peak MB':>10}  {head}"
          f"  {'charts':>7}{'docx':>7}")
    totals: dict[str, list[float]] = {}
    for path in sample_workbooks():
        result = subprocess.run([sys.executable, __file__, "--one", str(path), str(repeats)],
                                capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(result.stdout.strip().splitlines()[-1])
        warm, cold = r["warm_stages"], r["cold_stages"]
        for stage, value in warm.items():
            totals.setdefault(stage, []).append(value)
        ok = r["cold"] < TIME_TARGET and r["peak_mb"] < MEMORY_TARGET_MB
        failed |= not ok
        stages = "".join(f"{warm.get(s, 0.0) * 1000:>8.0f}" for s in STAGES)
        print(f"{path.stem:<16}{r['imports']:>9.2f}{r['cold']:>9.2f}{r['warm']:>9.2f}{r['peak_mb']:>10.0f}  "
              f"{stages}  {cold.get('charts', 0) * 1000:>7.0f}{cold.get('docx', 0) * 1000:>7.0f}"
              f"{'' if ok else '  ← over target'}")
    render = sum(statistics.mean(totals.get(s, [0.0])) for s in ("charts", "docx", "write"))
    print(f"mean warm render (charts + docx + write): {render * 1000:.0f} ms per document")
    print(f"targets: a build under {TIME_TARGET} s (cold, imports excluded) and under {MEMORY_TARGET_MB} MB peak")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(one(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
