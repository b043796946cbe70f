"""The generated pages: one per journey and per persona, as Markdown.

The pages hold only fixed German headings and fragment markers with ids; the
data itself is rendered after Markdown, escaped (see `fragments`). The title
goes into front matter already HTML-escaped, because themes print `page.title`
unescaped; `render_macros: false` spares the template engine a page with
nothing to render. Every builder gets the same pages: MkDocs through the
plugin's files hook, others as files written into the build's input.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..model import Catalog, Journey, Persona
from .compare import comparison_pairs, comparison_title
from .escape import html_text
from .fragments import marker

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
        GeneratedPage(f"journeys/{j.id}.md", j.source, journey_page(j, f"{journeys_from_docs}/{j.source}"))
        for j in catalog.journeys.values()
    ]
    pages += [
        GeneratedPage(f"personas/{p.id}.md", p.source, persona_page(p, f"{journeys_from_docs}/{p.source}"))
        for p in catalog.personas.values()
    ]
    pages += [
        GeneratedPage(f"journeys/{current.id}/vergleich.md", current.source, comparison_page(current, target, f"{journeys_from_docs}/{current.source}"))
        for current, target in comparison_pairs(catalog).values()
    ]
    return pages


def _front_matter(title: str, edit_path: str, hide: tuple[str, ...] = ()) -> str:
    """The theme's edit button opens `edit_path` (see macros/theme/partials/actions.html)."""
    fields = {"title": html_text(title), "render_macros": False, "edit_path": edit_path}
    if hide:
        fields["hide"] = list(hide)
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


def journey_page(journey: Journey, edit_path: str = "") -> str:
    parts = [
        _front_matter(journey.title, edit_path, WIDE),
        marker("journey_facts", journey.id),
        marker("journey_links", journey.id),
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
        parts += ["## Verbesserungen", marker("journey_improvements", journey.id)]
    return "\n\n".join(parts) + "\n"


def comparison_page(current: Journey, target: Journey, edit_path: str = "") -> str:
    return "\n\n".join([_front_matter(comparison_title(current, target), edit_path, WIDE), marker("journey_comparison", current.id)]) + "\n"


def persona_page(persona: Persona, edit_path: str = "") -> str:
    return "\n\n".join(
        [
            _front_matter(persona.name, edit_path),
            marker("persona_card", persona.id),
            "## Wege dieser Persona",
            marker("persona_diagram", persona.id),
        ]
    ) + "\n"
