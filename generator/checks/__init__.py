"""Checks: every rule within and across the nine tables, declared as data and evaluated by one engine.

    report = run_checks(accounts)            # CheckReport: findings, errors, warnings, infos
    report.has_errors                        # 错误 blocks the document; 警告 and 提示 do not

The catalogue is ``RULES`` (``rules.py``); ``rules_reference_markdown()`` renders it for
``docs/checks.md``; ``report.py`` presents a report (console text, .xlsx file).
"""

from __future__ import annotations

from .engine import run_checks, run_rules
from .findings import INFO, SEVERITIES, CheckReport, CheckSettings, Finding
from .reference import rules_reference_markdown
from .rules import RULES, RULES_BY_ID, Rule

__all__ = [
    "INFO",
    "RULES",
    "RULES_BY_ID",
    "SEVERITIES",
    "CheckReport",
    "CheckSettings",
    "Finding",
    "Rule",
    "rules_reference_markdown",
    "run_checks",
    "run_rules",
]
