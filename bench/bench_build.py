"""Time and peak memory of a full build of each bundled sample (target: < 1.5 s and < 300 MB each).

    .venv/bin/python bench/bench_build.py [repeats]

A full build is what ``build WORKBOOK`` does for one department: read the workbook, run the checks
(when ``generator.checks`` provides ``run_checks``), compute the figures, draw the four charts and
render the .docx, and write the files. Each sample runs in a fresh Python process, so the peak memory
(``ru_maxrss``) is that sample's alone; the first build in the process is reported as "cold" (it
includes loading fonts and parsing the template), the median of the following ones as "warm".
Imports are timed separately.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_inputs"
TIME_TARGET = 1.5
MEMORY_TARGET_MB = 300


def workbooks(scratch: Path) -> list[Path]:
    from generator.workbook.template import write_workbook

    found = {p.stem: p for p in sorted(SAMPLES.glob("*.xlsx"))}
    for source in sorted((SAMPLES / "data").glob("*.json")):
        if source.stem not in found:
            target = scratch / f"{source.stem}.xlsx"
            write_workbook(target, json.loads(source.read_text(encoding="utf-8")))
            found[source.stem] = target
    return [found[k] for k in sorted(found)]


def one(path: Path, repeats: int) -> dict[str, float]:
    """Build ``path`` ``repeats`` times in this process; report seconds and the peak RSS in MB."""
    import resource

    started = time.perf_counter()
    from generator.render.document import render_document
    from generator.workbook.reader import read_workbook

    try:
        from generator.checks import run_checks
    except ImportError:  # the checks are optional for this benchmark
        run_checks = None
    imports = time.perf_counter() - started

    runs = []
    stages: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            t0 = time.perf_counter()
            accounts = read_workbook(path)
            t1 = time.perf_counter()
            if run_checks is not None:
                run_checks(accounts)
            t2 = time.perf_counter()
            rendered = render_document(accounts, Path(out))
            t3 = time.perf_counter()
            runs.append(t3 - t0)
            for name, value in (("read", t1 - t0), ("checks", t2 - t1), *rendered.timings.items()):
                stages.setdefault(name, []).append(value)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "imports": imports,
        "cold": runs[0],
        "warm": statistics.median(runs[1:]) if len(runs) > 1 else runs[0],
        "peak_mb": peak_kb / 1024,
        **{f"stage_{k}": statistics.median(v) for k, v in stages.items()},
    }


def main(repeats: int = 3) -> int:
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'sample':<16}{'imports':>9}{'cold (s)':>10}{'warm (s)':>10}{'peak (MB)':>11}  stages (warm, ms)")
        for path in workbooks(Path(scratch)):
            result = subprocess.run([sys.executable, __file__, "--one", str(path), str(repeats)],
                                    capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(result.stdout.strip().splitlines()[-1])
            stages = " ".join(f"{k[6:]} {v * 1000:.0f}" for k, v in r.items() if k.startswith("stage_"))
            ok = r["cold"] < TIME_TARGET and r["peak_mb"] < MEMORY_TARGET_MB
            failed |= not ok
            print(f"{path.stem:<16}{r['imports']:>9.2f}{r['cold']:>10.2f}{r['warm']:>10.2f}{r['peak_mb']:>11.0f}  "
                  f"{stages}{'' if ok else '  ← over target'}")
    print(f"targets: a build under {TIME_TARGET} s (cold, imports excluded) and under {MEMORY_TARGET_MB} MB peak")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(one(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
