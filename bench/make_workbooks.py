"""Writes N varied, valid workbooks derived from the bundled samples (for batch benchmarks).

    .venv/bin/python bench/make_workbooks.py 200 /tmp/workbooks

Variation that keeps every identity exact: each amount of a sample is multiplied by the same
whole number (sums of cents stay sums), the department gets its own name, the layout rotates
through 湖北/湖南/上海, and optional parts (重点工作, 名词解释补充) come and go. 安化 has
published 0.01 rounding differences, so it is used unscaled.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.layouts import available_layouts
from generator.workbook.template import write_workbook

DATA = Path(__file__).resolve().parent.parent / "sample_inputs" / "data"
AMOUNT = re.compile(r"^-?\d+\.\d{1,2}$")
SCALABLE_SECTIONS = ("prior", "procurement", "office_cost", "general_expenditure")
BASES = (("hongshan_2021", True), ("example_full", True), ("anhua_2021", False))


def _scale(value: Any, factor: int) -> Any:
    if isinstance(value, str) and AMOUNT.match(value):
        return f"{Decimal(value) * factor:.2f}"
    if isinstance(value, list):
        return [_scale(v, factor) for v in value]
    if isinstance(value, dict):
        return {k: _scale(v, factor) for k, v in value.items()}
    return value


def variant(base: dict[str, Any], index: int, factor: int) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for table in ("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"):
        data[table] = _scale(data[table], factor)
    for section in SCALABLE_SECTIONS:
        if section in data:
            data[section] = _scale(data[section], factor)
    for row in data.get("budget", []):
        row[3] = _scale(row[3], factor)
    for evaluation in data.get("evaluations", []):
        evaluation["budget"] = _scale(evaluation["budget"], factor)
        evaluation["executed"] = _scale(evaluation["executed"], factor)
    data["info"]["name"] = f"{data['info']['name']}（样本{index:04d}）"
    # one document per workbook, as measured before 生成文档 existed (hongshan's source asks for the
    # self-evaluation report too): documents per second stay comparable across versions
    data["info"].pop("documents", None)
    layouts = available_layouts()
    data["info"]["layout"] = layouts[index % len(layouts)]
    if index % 4 == 3:
        data["key_work"] = []
        data["glossary_extra"] = []
    return data


def make(count: int, target: Path) -> list[Path]:
    bases = [(json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")), scalable) for name, scalable in BASES]
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        base, scalable = bases[i % len(bases)]
        factor = 1 + (i // len(bases)) % 9 if scalable else 1
        path = target / f"workbook_{i:04d}.xlsx"
        write_workbook(path, variant(base, i, factor))
        paths.append(path)
    return paths


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/juesuan_workbooks")
    made = make(n, out)
    print(f"wrote {len(made)} workbooks to {out}")
