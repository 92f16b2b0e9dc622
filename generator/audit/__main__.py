"""``python -m generator.audit``: regenerate docs/audit.md from the auditor's declarations."""

from generator.audit.reference import DOCS_PATH, write_reference

write_reference()
print(f"wrote {DOCS_PATH}")
