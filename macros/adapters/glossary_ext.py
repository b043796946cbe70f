"""Python-Markdown extension: the handbook's glossary as tooltips on every page.

The terms live in one Markdown file of abbreviation definitions
(`*[Persona]: Ein typischer Mensch …`). Appending that file to every page (as
pymdownx.snippets' auto_append did) made Markdown parse 30 definitions per
page, which was most of the Markdown time of a generated journey page. This
reads the file once per change and hands the terms to Python-Markdown's `abbr`
extension as its glossary. The path is relative to the working directory, as
the builders run in the project folder.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown import Extension
from markdown.extensions.abbr import AbbrExtension

DEFINITION = re.compile(r"^\*\[(.+?)\]:[ \t]*(.*)$", re.M)


@lru_cache(maxsize=4)
def _terms(path: str, mtime_ns: int) -> dict[str, str]:
    return dict(DEFINITION.findall(Path(path).read_text(encoding="utf-8")))


def glossary(path: str) -> dict[str, str]:
    """The terms of the glossary file, read again only when it changes (for `mkdocs serve`)."""
    return _terms(path, Path(path).stat().st_mtime_ns)


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"file": ["docs/.snippets/abbreviations.md", "abbreviation definitions, relative to the working directory"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtensions([AbbrExtension(glossary=glossary(self.getConfig("file")))], {})


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
