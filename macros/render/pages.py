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
from .escape import html_text
from .fragments import marker


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
    return pages


def _front_matter(title: str, edit_path: str) -> str:
    """The theme's edit button opens `edit_path` (see macros/theme/partials/actions.html)."""
    fields = {"title": html_text(title), "render_macros": False, "edit_path": edit_path}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


def journey_page(journey: Journey, edit_path: str = "") -> str:
    parts = [
        _front_matter(journey.title, edit_path),
        marker("journey_facts", journey.id),
        "## Ablauf",
        marker("journey_diagram", journey.id),
        "## Gefühlskurve",
        marker("emotion_curve", journey.id),
        "## Journey Map",
        marker("journey_map", journey.id),
    ]
    if journey.kpis:
        parts += ["## Kennzahlen", marker("journey_kpis", journey.id)]
    if journey.improvements:
        parts += ["## Verbesserungen", marker("journey_improvements", journey.id)]
    return "\n\n".join(parts) + "\n"


def persona_page(persona: Persona, edit_path: str = "") -> str:
    return "\n\n".join(
        [
            _front_matter(persona.name, edit_path),
            marker("persona_card", persona.id),
            "## Wege dieser Persona",
            marker("persona_diagram", persona.id),
        ]
    ) + "\n"
