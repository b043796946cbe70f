"""`mkdocs serve` with errors in the data: every page shows them, and the next good build brings the site back.

When a build raises, MkDocs' live-reload server keeps waiting for a build that
succeeds ("The server will appear stuck until build errors are resolved"), and
the browser waits with it. So while serving, the plugin does not raise on a
data error: it builds the site with every page, at its usual address, replaced
by the error page (`render/data_errors.py`). Each served page still carries
MkDocs' live-reload script, so the browser reloads by itself as soon as the
next build succeeds. `mkdocs build` (and `--strict`) still refuses the data.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import walk
from ..loader import kind_of
from ..model import Catalog
from ..problems import Problem
from ..render.data_errors import TITLE, data_error_page
from ..render.pages import generated_pages
from ..site_map import journey_source, persona_source

MARKDOWN = f"# {TITLE}\n"  # what each page's Markdown becomes: no data, no macro, nothing for Jinja to evaluate


@dataclass(frozen=True)
class DataErrors:
    """The errors a serve build shows instead of the pages."""

    problems: list[Problem]
    other: list[str]  # messages without a place in a file, e.g. a refused link

    def page(self) -> str:
        return data_error_page(self.problems, self.other)


def page_sources(journeys_dir: Path, last_good: Catalog | None) -> list[str]:
    """The generated pages (src_uri) to keep at their address: those of the last good build and one per YAML file,
    so the page open in the browser exists and reloads (a 404 would not)."""
    sources = {page.src_uri for page in generated_pages(last_good)} if last_good is not None else set()
    for path in walk(journeys_dir)[0]:
        if path.suffix == ".yml":
            is_persona = kind_of(path.relative_to(journeys_dir)) == "persona"
            sources.add(persona_source(path.stem) if is_persona else journey_source(path.stem))
    return sorted(sources)
