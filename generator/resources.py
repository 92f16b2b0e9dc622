"""Where the installed tool finds its data: the templates and the bundled sample workbooks.

In the repository they are ``templates/`` and ``sample_inputs/``; installed (``pip install .``) they are
the package data ``generator.templates`` and ``generator.samples`` (see pyproject.toml). Both are
found with ``importlib.resources``, so ``juesuan`` works from any folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SAMPLES_DIR", "TEMPLATES_DIR", "sample_workbooks"]


def _folder(package: str) -> Path:
    return Path(str(resources.files(package)))


TEMPLATES_DIR = _folder("generator.templates")
SAMPLES_DIR = _folder("generator.samples")


def sample_workbooks() -> list[Path]:
    """The bundled sample workbooks, by name."""
    return sorted(SAMPLES_DIR.glob("*.xlsx"))
