"""Every URL and generated path of the site, in one place.

URLs are relative to the site root and end in "/" (MkDocs' directory URLs);
a page's source path (`*_source`) is where it sits among the docs. Renderers
link through a `href` built with `relative`, so the site works under any base
path. The ids a journey or persona may not take follow from the pages that sit
beside them.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

JOURNEYS = "journeys"
PERSONAS = "personas"
CATALOG_PAGES = "katalog"  # journeys/katalog/2/, … : more rows of the catalog
BACKLOG = "massnahmen"  # journeys/massnahmen/: every improvement (a hand-written page), more rows under it
INSIGHTS = "einblicke"  # journeys/einblicke/: hand-written
COMPARISON = "vergleich"  # journeys/<current id>/vergleich/
EDITOR = "mitmachen/editor/"  # the browser editor (docs/mitmachen/editor.md); ?datei=<path under journeys/> opens a file

# A file named like a page beside the journeys would take that page's URL.
RESERVED_IDS = frozenset({"index", CATALOG_PAGES, BACKLOG, INSIGHTS})

# Rows that table filters load on demand.
CATALOG_DATA = "tabellen/katalog.json"
BACKLOG_DATA = "tabellen/massnahmen.json"
EVIDENCE_DATA = "tabellen/belege.json"


def relative(url_of_page: str, target: str) -> str:
    """`target` (relative to the site root) as seen from the page at `url_of_page`, so the site works under any base path."""
    link = posixpath.relpath("/" + target, "/" + posixpath.dirname(url_of_page))
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


def url_of(source: str) -> str:
    """The URL of the page whose Markdown sits at `source` among the docs: "journeys/x.md" is "journeys/x/"."""
    folder, _, name = source.removesuffix(".md").rpartition("/")
    page = folder if name == "index" else f"{folder}/{name}".lstrip("/")
    return f"{page}/" if page else ""


def journey_url(journey_id: str) -> str:
    return f"{JOURNEYS}/{journey_id}/"


def journey_source(journey_id: str) -> str:
    return f"{JOURNEYS}/{journey_id}.md"


def persona_url(persona_id: str) -> str:
    return f"{PERSONAS}/{persona_id}/"


def persona_source(persona_id: str) -> str:
    return f"{PERSONAS}/{persona_id}.md"


def comparison_url(current_id: str) -> str:
    return f"{JOURNEYS}/{current_id}/{COMPARISON}/"


def comparison_source(current_id: str) -> str:
    return f"{JOURNEYS}/{current_id}/{COMPARISON}.md"


def editor_url(source: str) -> str:
    """The editor with one file open; `source` is its path under the journeys folder."""
    return f"{EDITOR}?datei={quote(source, safe='/')}"


def poster_anchor(journey_id: str) -> str:
    return f"poster-{journey_id}"


def catalog_page_url(page: int) -> str:
    return f"{JOURNEYS}/" if page == 1 else f"{JOURNEYS}/{CATALOG_PAGES}/{page}/"


def catalog_page_source(page: int) -> str:
    return f"{JOURNEYS}/index.md" if page == 1 else f"{JOURNEYS}/{CATALOG_PAGES}/{page}.md"


def backlog_page_url(page: int) -> str:
    return f"{JOURNEYS}/{BACKLOG}/" if page == 1 else f"{JOURNEYS}/{BACKLOG}/{page}/"


def backlog_page_source(page: int) -> str:
    return f"{JOURNEYS}/{BACKLOG}.md" if page == 1 else f"{JOURNEYS}/{BACKLOG}/{page}.md"


def api_file(name: str) -> str:
    """An open-data file, e.g. "journeys.json"."""
    return f"api/{name}"


def schema_file(kind: str) -> str:
    return api_file(f"schema/{kind}.schema.json")
