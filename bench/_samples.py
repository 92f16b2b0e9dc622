"""The bundled sample workbooks the benchmarks run on."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_inputs"


def sample_workbooks() -> list[Path]:
    """The final accounts' samples (the benchmarks read them with the final-accounts reader)."""
    from generator.document_kinds import default_kind, kind_of_workbook

    return [p for p in sorted(SAMPLES.glob("*.xlsx")) if kind_of_workbook(p)[0] is default_kind()]
