"""Placeholders for rendered fragments, expanded after Markdown has run.

A page (generated or hand-written through a macro) holds only a marker such as
`<!-- kundenwege:journey_map:passamt -->`. Markdown passes the comment through
untouched, and the adapter swaps in the escaped HTML afterwards. So no data
text is ever parsed as Markdown or template source, and Markdown does not
re-parse large HTML blocks (the dominant build cost with many journeys).
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import Catalog, closest
from . import html, mermaid
from .curve import emotion_curve
from .escape import mermaid_block
from .schema_doc import schema_reference

MARKER = re.compile(r"<!-- kundenwege:([a-z_]+):([a-z0-9-]*) -->")
# On a page, a journey keeps its natural size and scrolls sideways instead of shrinking to unreadable text.
# Title and legend sit on the page background, so they take the page's text colour (light in the dark scheme);
# CSS variables reach into the shadow root Material renders diagrams in.
PAGE_DIAGRAM_CONFIG = (
    "---\nconfig:\n  journey:\n    useMaxWidth: false\n    width: 180\n    height: 80\n"
    '  themeCSS: "text:not([class]), text.legend, text.legend tspan { fill: var(--md-default-fg-color) !important; }"\n'
    "---\n"
)


class UnknownReference(KeyError):
    """A marker names a journey, persona or fragment that does not exist."""

    def __str__(self) -> str:
        return str(self.args[0])


def marker(name: str, ident: str = "") -> str:
    if name not in FRAGMENTS:
        raise UnknownReference(f"Unbekannte Darstellung „{name}“. Möglich: {', '.join(sorted(FRAGMENTS))}.")
    return f"<!-- kundenwege:{name}:{ident} -->"


def _journey_diagram(catalog: Catalog, ident: str, href) -> str:
    source = PAGE_DIAGRAM_CONFIG + mermaid.journey_diagram(catalog.journeys[ident])
    return (
        f'<figure class="kw-diagram" tabindex="0" aria-label="Diagramm, seitlich scrollbar" data-search-exclude>'
        f"{mermaid_block(source)}<figcaption>Ablauf mit Gefühl je Schritt (1–5). "
        "Die Journey Map enthält alles als Text.</figcaption></figure>"
    )


def _emotion_curve(catalog: Catalog, ident: str, href) -> str:
    svg = emotion_curve(catalog.journeys[ident], f"kw-curve-{ident}")
    return f'<figure class="kw-diagram" tabindex="0" data-search-exclude>{svg}</figure>'


# Group boxes take the page's colours, so persona names stay readable in the dark scheme too.
PERSONA_DIAGRAM_CONFIG = (
    "---\nconfig:\n"
    '  themeCSS: ".cluster rect { fill: transparent !important; stroke: var(--md-default-fg-color--light) !important; }'
    ' .cluster-label, .cluster-label span, .cluster-label p { color: var(--md-default-fg-color) !important; }'
    ' .flowchart-link { stroke: var(--md-default-fg-color) !important; }'
    ' marker path { fill: var(--md-default-fg-color) !important; stroke: var(--md-default-fg-color) !important; }"\n'
    "---\n"
)


def _persona_diagram(catalog: Catalog, ident: str, href) -> str:
    source = PERSONA_DIAGRAM_CONFIG + mermaid.persona_journeys_diagram(catalog, [ident] if ident else None)
    return (
        '<figure class="kw-diagram" tabindex="0" aria-label="Diagramm: Personas und ihre Journeys" data-search-exclude>'
        f"{mermaid_block(source)}</figure>"
    )


Fragment = Callable[[Catalog, str, Callable[[str], str]], str]
JOURNEY_FRAGMENTS: dict[str, Fragment] = {
    "journey_diagram": _journey_diagram,
    "emotion_curve": _emotion_curve,
    "journey_map": lambda c, i, href: html.journey_map(c.journeys[i]),
    "journey_facts": lambda c, i, href: html.journey_facts(c.journeys[i], c, href),
    "journey_kpis": lambda c, i, href: html.kpi_table(c.journeys[i]),
    "journey_improvements": lambda c, i, href: html.improvement_table(c.journeys[i]),
}
PERSONA_FRAGMENTS: dict[str, Fragment] = {
    "persona_card": lambda c, i, href: html.persona_card(c.personas[i], c, href),
}
FRAGMENTS: dict[str, Fragment] = {
    **JOURNEY_FRAGMENTS,
    **PERSONA_FRAGMENTS,
    "persona_diagram": _persona_diagram,
    "persona_overview": lambda c, i, href: html.persona_overview(c, href),
    "journey_catalog": lambda c, i, href: html.journey_catalog(c, href),
    "schema_reference": lambda c, i, href: schema_reference(i),
}


def check_reference(catalog: Catalog, name: str, ident: str) -> None:
    """Fail early, with the closest id, when a page asks for something that is not there."""
    if name in JOURNEY_FRAGMENTS and ident not in catalog.journeys:
        raise UnknownReference(f"Die Journey „{ident}“ gibt es nicht.{closest(ident, catalog.journeys)}")
    if (name in PERSONA_FRAGMENTS or (name == "persona_diagram" and ident)) and ident not in catalog.personas:
        raise UnknownReference(f"Die Persona „{ident}“ gibt es nicht.{closest(ident, catalog.personas)}")
    if name == "schema_reference" and ident not in ("journey", "persona"):
        raise UnknownReference(f"Ein Schema „{ident}“ gibt es nicht: journey oder persona.")


def expand(page_html: str, catalog: Catalog, href: Callable[[str], str]) -> str:
    """Replace every marker in a rendered page by its fragment."""

    def one(match: re.Match) -> str:
        name, ident = match.groups()
        if name not in FRAGMENTS:
            raise UnknownReference(f"Unbekannte Darstellung „{name}“.")
        check_reference(catalog, name, ident)
        return FRAGMENTS[name](catalog, ident, href)

    return MARKER.sub(one, page_html)
