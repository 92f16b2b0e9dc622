"""Fixtures of the self-evaluation report: seed 002's workbook written from its JSON source, and an editor."""

from __future__ import annotations

import json
import shutil
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.document_kinds.self_evaluation.reader import read_report_with_problems
from generator.document_kinds.self_evaluation.workbook import write_blank_workbook

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sample_inputs" / "data" / "tianxin_2021_selfeval.json"
SAMPLE = ROOT / "sample_inputs" / "tianxin_2021_selfeval.xlsx"


@pytest.fixture(scope="session")
def seed() -> dict[str, Any]:
    """Seed 002 as transcribed (the inputs every figure of the report is compared with)."""
    return json.loads(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tianxin_path(tmp_path_factory: pytest.TempPathFactory, seed: dict[str, Any]) -> Path:
    path = tmp_path_factory.mktemp("selfeval") / "tianxin_2021_selfeval.xlsx"
    write_blank_workbook(path, seed)
    return path


@pytest.fixture(scope="session")
def tianxin(tianxin_path: Path):
    report, problems = read_report_with_problems(tianxin_path)
    assert report is not None and not problems, problems
    return report


def edit(source: Path, target: Path, changes: dict[tuple[str, str], Any]) -> Path:
    """A copy of ``source`` with cells (sheet, address) set to new values."""
    shutil.copyfile(source, target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(target)
    for (sheet, address), value in changes.items():
        ws = wb[sheet]
        ws.protection.sheet = False
        ws[address] = float(value) if isinstance(value, Decimal) else value
    wb.save(target)
    return target
