"""Which page is being rendered, asked of whichever builder runs Python-Markdown.

Python-Markdown does not tell an extension which page it renders. MkDocs and
ProperDocs register their link rewriter (`relpath`) on each page's Markdown
instance; Zensical registers a context preprocessor holding the page. Both
are read by duck typing, so nothing here imports a builder.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageContext:
    url: str  # the page's URL relative to the site root, e.g. "journeys/passamt/"
    project_dir: Path  # the folder holding mkdocs.yml


def page_context(md) -> PageContext:
    if "relpath" in md.treeprocessors:  # MkDocs, ProperDocs
        relpath = md.treeprocessors["relpath"]
        return PageContext(relpath.file.url, Path(relpath.config.config_file_path).parent)
    for processor in md.preprocessors:  # Zensical
        page, config = getattr(processor, "page", None), getattr(processor, "config", None)
        if page is not None and isinstance(config, dict) and "root_dir" in config:
            return PageContext(page.url.lstrip("/"), Path(config["root_dir"]))
    raise RuntimeError("Unbekannter Site-Generator: Die Seite, die gerade entsteht, ist nicht zu ermitteln.")
