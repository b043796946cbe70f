"""The catalog of the build in progress, shared by the plugin and the macros.

The plugin loads it once per build (in `on_config`); macros read it while pages
render. `mkdocs serve` runs `on_config` again on every rebuild.
"""
from __future__ import annotations

from ..model import Catalog

_current: Catalog | None = None


def set_catalog(catalog: Catalog) -> None:
    global _current
    _current = catalog


def catalog() -> Catalog:
    if _current is None:
        raise RuntimeError("Kein Journey-Katalog geladen: ist das Plugin „kundenwege“ in mkdocs.yml eingetragen?")
    return _current
