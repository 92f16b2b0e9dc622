"""Shared fixtures: the bundled sample workbooks, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.workbook.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
SAMPLE_NAMES = ("hongshan_2021", "anhua_2021", "example_full")


def sample_path(name: str) -> Path:
    return SAMPLES / f"{name}.xlsx"


def final_accounts_samples() -> list[Path]:
    """The bundled samples that are final-accounts workbooks (基本信息 文档类型), in name order."""
    from generator.document_kinds import default_kind, kind_of_workbook

    return [p for p in sorted(SAMPLES.glob("*.xlsx")) if kind_of_workbook(p)[0] is default_kind()]


@pytest.fixture(scope="session")
def hongshan():
    return read_workbook(sample_path("hongshan_2021"))


@pytest.fixture(scope="session")
def anhua():
    return read_workbook(sample_path("anhua_2021"))


@pytest.fixture(scope="session")
def shifeng():
    """Seed 001 (湖南 2019, eight tables) with its table errors put right."""
    return read_workbook(sample_path("shifeng_2019_corrected"))


@pytest.fixture(scope="session")
def example_full():
    path = sample_path("example_full")
    if not path.exists():
        pytest.skip("example_full.xlsx not built yet")
    return read_workbook(path)
