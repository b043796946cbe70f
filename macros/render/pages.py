"""The generated pages: one per journey and per persona, as Markdown.

The pages hold only fixed German headings and fragment markers with ids; the
data itself is rendered after Markdown, escaped (see `fragments`). The title
goes into front matter already HTML-escaped, because themes print `page.title`
unescaped; `render_macros: false` spares the template engine a page with
nothing to render. Every builder gets the same pages: MkDocs through the
plugin's files hook, others as files written into the build's input.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from ..model import Catalog, Journey, Persona
from ..portfolio import backing, backlog
from . import backlog as backlog_view
from ..site_map import (
    BACKLOG_DATA, CATALOG_DATA, EVIDENCE_DATA, backlog_page_source, catalog_page_source, comparison_source, editor_url,
    journey_source, journey_url, persona_source, persona_url, relative,
)
from .catalog import catalog_row
from .compare import comparison_pairs, comparison_title
from .escape import html_text
from .export import GeneratedFile, open_data
from .filter_table import data_file
from .fragments import PAGED, marker
from .insights import evidence_row

# Journey and comparison pages need the whole width: no navigation, no table of contents.
# Material and Zensical both read `hide` from the front matter.
WIDE = ("navigation", "toc")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page sits among the docs, e.g. "journeys/passamt.md"
    source: str  # the YAML file it comes from, relative to the journeys root ("" for none)
    content: str


def generated_pages(catalog: Catalog, journeys_from_docs: str = "../journeys") -> list[GeneratedPage]:
    """Every generated page; `journeys_from_docs` is the journeys folder seen from the docs folder (for edit links)."""
    pages = [
        GeneratedPage(journey_source(j.id), j.source, journey_page(j, f"{journeys_from_docs}/{j.source}"))
        for j in catalog.journeys.values()
    ]
    pages += [
        GeneratedPage(persona_source(p.id), p.source, persona_page(p, f"{journeys_from_docs}/{p.source}"))
        for p in catalog.personas.values()
    ]
    pages += [
        GeneratedPage(catalog_page_source(n), "", _more_rows_page("Alle Journeys", "journey_catalog", n, catalog_page_source(1)))
        for n in range(2, PAGED["journey_catalog"](catalog) + 1)
    ]
    pages += [
        GeneratedPage(backlog_page_source(n), "", _more_rows_page("Alle Maßnahmen", "improvement_backlog", n, backlog_page_source(1)))
        for n in range(2, PAGED["improvement_backlog"](catalog) + 1)
    ]
    pages += [
        GeneratedPage(comparison_source(current.id), current.source, comparison_page(current, target, f"{journeys_from_docs}/{current.source}"))
        for current, target in comparison_pairs(catalog).values()
    ]
    return pages


def _more_rows_page(title: str, fragment: str, page: int, first_page: str) -> str:
    """Page 2, 3, … of a long table, for readers without script (with script, filters search every row).
    Its edit button opens the first page's Markdown (`first_page`, relative to the docs folder)."""
    return f"{_front_matter(f'{title}, Seite {page}', first_page, WIDE)}\n# {title}, Seite {page}\n\n{marker(fragment, str(page))}\n"


def generated_files(catalog: Catalog, today: dt.date, journeys_prefix: str = "journeys") -> list[GeneratedFile]:
    """Files beside the pages: the open data under /api/ and the rows that table filters load on demand."""

    def seen_from(path: str):
        return lambda target: relative(path, target)

    from_catalog, from_backlog, from_evidence = (seen_from(path) for path in (CATALOG_DATA, BACKLOG_DATA, EVIDENCE_DATA))
    tables = [
        GeneratedFile(CATALOG_DATA, data_file([catalog_row(j, catalog, from_catalog, today) for j in catalog.sorted_journeys()])),
        GeneratedFile(BACKLOG_DATA, data_file([backlog_view.backlog_row(i, from_backlog, today) for i in backlog(catalog, today)])),
        GeneratedFile(EVIDENCE_DATA, data_file([evidence_row(b, from_evidence) for b in backing(catalog)])),
    ]
    return open_data(catalog, today, journeys_prefix) + tables


def generated_file_paths() -> list[str]:
    """Where `generated_files` writes, known before the data is loaded: the paths never depend on the data, so
    they are those of an empty catalog."""
    return [file.path for file in generated_files(Catalog(), dt.date.min)]


def _front_matter(title: str, edit_path: str, hide: tuple[str, ...] = (), legal_review: dict | None = None) -> str:
    """The theme's edit button opens `edit_path` (see macros/theme/partials/actions.html);
    `legal_review` becomes the Stand line under the title (macros/theme/partials/legal-review.html)."""
    fields = {"title": html_text(title), "render_macros": False, "edit_path": edit_path}
    if hide:
        fields["hide"] = list(hide)
    if legal_review:
        fields["legal_review"] = legal_review
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


def editor_link(page_url: str, source: str) -> str:
    """„Im Editor bearbeiten“: the editor page with this file open (`source` relative to the journeys root).
    Raw HTML, so a handbook without the editor page (a test project) still builds strictly."""
    return f'<p class="kw-editor-link" data-search-exclude><a href="{relative(page_url, editor_url(source))}">Im Editor bearbeiten</a></p>'


def journey_page(journey: Journey, edit_path: str = "") -> str:
    parts = [
        _front_matter(journey.title, edit_path, WIDE, dataclasses.asdict(journey.legal_review) if journey.legal_review else None),
        marker("journey_facts", journey.id),
        marker("journey_since_review", journey.id),
        marker("journey_links", journey.id),
        editor_link(journey_url(journey.id), journey.source),
        "## Journey Map",
        marker("journey_map", journey.id),
        "## Service Blueprint",
        marker("service_blueprint", journey.id),
        "## Ablauf",
        marker("journey_diagram", journey.id),
    ]
    if journey.kpis:
        parts += ["## Kennzahlen", marker("journey_kpis", journey.id)]
    if journey.improvements:
        parts += ["## Maßnahmen", marker("journey_improvements", journey.id)]
    return "\n\n".join(parts) + "\n"


def comparison_page(current: Journey, target: Journey, edit_path: str = "") -> str:
    return "\n\n".join([_front_matter(comparison_title(current, target), edit_path, WIDE), marker("journey_comparison", current.id)]) + "\n"


def persona_page(persona: Persona, edit_path: str = "") -> str:
    return "\n\n".join(
        [
            _front_matter(persona.name, edit_path),
            marker("persona_card", persona.id),
            editor_link(persona_url(persona.id), persona.source),
            "## Wege dieser Persona",
            marker("persona_diagram", persona.id),
        ]
    ) + "\n"
