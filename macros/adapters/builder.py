"""Which page is being rendered, told by whichever builder runs Python-Markdown.

Python-Markdown does not tell an extension which page it renders. Each builder
has its own documented way, and this module is the one place that knows them:
- MkDocs and ProperDocs run our plugin, which hands over each page in
  `on_page_markdown`, right before the page's Markdown is converted (as
  mkdocs-autorefs does) and takes it back in `on_page_content`;
- Zensical runs no plugins; it registers its rendering context on each page's
  Markdown instance, and `ContextPreprocessor.from_markdown` looks it up.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageContext:
    url: str  # the page's URL relative to the site root, e.g. "journeys/passamt/"
    project_dir: Path  # the folder holding mkdocs.yml
    mermaid_by_plugin: bool = False  # a plugin (mermaid2) loads Mermaid on this page, the extension must not


_current: PageContext | None = None


def set_current_page(page: PageContext | None) -> None:
    """The MkDocs plugin's side: the page whose Markdown is converted next, or None once it is done."""
    global _current
    _current = page


def page_context(md) -> PageContext:
    if _current is not None:  # MkDocs, ProperDocs
        return _current
    context = _zensical_context(md)
    if context is not None:
        page, config = context.page, context.config
        return PageContext(page.url.lstrip("/"), Path(config["root_dir"]))
    raise RuntimeError("Unbekannter Site-Generator: Die Seite, die gerade entsteht, ist nicht zu ermitteln.")


def _zensical_context(md):
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    return ContextPreprocessor.from_markdown(md)
