"""Writes the blank workbook template and the bundled sample workbooks from their JSON sources.

    python sample_inputs/build_samples.py

The JSON files in ``sample_inputs/data/`` (format: ``data/FORMAT.md``) are the reviewable source;
the .xlsx files are what an accountant would have filled in.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.document_kinds import default_kind, kind_named
from generator.document_kinds.self_evaluation.workbook import HOSTED_SHEET
from generator.workbook.template import write_workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    write_workbook(ROOT / "templates" / "workbook_template.xlsx")
    for source in sorted((HERE / "data").glob("*.json")):
        data = json.loads(source.read_text(encoding="utf-8"))
        # the kind the source names (document_kind, or info.kind = 文档类型) writes its workbook; without one,
        # the final accounts
        named = data.get("document_kind") or data.get("info", {}).get("kind", "")
        kind = kind_named(named) if named else default_kind()
        assert kind is not None, f"{source.name}: unknown document kind {named!r}"
        if "self_evaluation_report" in data:  # a final-accounts workbook that also makes the report
            write_workbook(HERE / f"{source.stem}.xlsx", data,
                           extra_fields=[(HOSTED_SHEET, data["self_evaluation_report"])])
        else:
            kind.write_blank_workbook(HERE / f"{source.stem}.xlsx", data)
        print(f"wrote {source.stem}.xlsx")


if __name__ == "__main__":
    main()
