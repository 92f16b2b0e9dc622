"""``python -m generator.checks``: regenerate docs/checks.md from the rule declarations."""

from generator.checks.reference import DOCS_PATH, write_reference

write_reference()
print(f"wrote {DOCS_PATH}")
