"""Which 公开格式 exist: the sections of ``templates/layouts.toml``, nothing hard-coded.

Adding a province is adding a template folder and a section there; the workbook's drop-down list,
the reader's check and the renderer all ask this module.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from generator.resources import TEMPLATES_DIR

SETTINGS_FILE = "layouts.toml"


@cache
def available_layouts(templates_dir: Path = TEMPLATES_DIR) -> tuple[str, ...]:
    """The layouts in the order of the settings file; empty when the file is missing or broken."""
    try:
        data = tomllib.loads((templates_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    return tuple(data.get("layouts", {}))
