"""Markdown sources of the generated journey and persona pages.

The pages hold only fixed German headings and fragment markers with ids; the
data itself is rendered after Markdown, escaped (see `fragments`). The title
goes into front matter already HTML-escaped, because themes print `page.title`
unescaped; `render_macros: false` spares the template engine a page with
nothing to render.
"""
from __future__ import annotations

import json

from ..model import Journey, Persona
from .escape import html_text
from .fragments import marker


def _front_matter(title: str) -> str:
    return f"---\ntitle: {json.dumps(html_text(title), ensure_ascii=False)}\nrender_macros: false\n---\n"


def journey_page(journey: Journey) -> str:
    parts = [
        _front_matter(journey.title),
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


def persona_page(persona: Persona) -> str:
    return "\n\n".join(
        [
            _front_matter(persona.name),
            marker("persona_card", persona.id),
            "## Wege dieser Persona",
            marker("persona_diagram", persona.id),
        ]
    ) + "\n"
