"""The bundled sample workbooks the benchmarks run on."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_inputs"


def sample_workbooks() -> list[Path]:
    return sorted(SAMPLES.glob("*.xlsx"))
