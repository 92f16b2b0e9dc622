"""``python -m generator.checks``: regenerate docs/checks.md from the rule declarations."""

from generator.checks.reference import DOCS_PATH, write_reference
from generator.document_kinds import catalogue_rules

write_reference(rules=catalogue_rules())  # every document kind's rules
print(f"wrote {DOCS_PATH}")
