"""``python -m generator.checks``: regenerate docs/checks.md from the rule declarations of every document kind."""

from generator.checks.reference import DOCS_PATH, write_reference
from generator.document_kinds import rule_catalogues

write_reference(kinds=rule_catalogues())
print(f"wrote {DOCS_PATH}")
