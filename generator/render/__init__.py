"""From figures to the finished document: the Jinja environment and filters (``environment``), the template
context (``context``), the layout settings (``settings``), the Word XML helpers (``docx_xml``), the charts
(``charts``) and the entry point ``render_document`` (``document``).

Names are imported lazily so that ``import generator.render.charts`` does not load docxtpl.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DocumentLockedError", "RenderError", "RenderedDocument", "TemplateRenderError", "render_document"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("generator.render.document"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
