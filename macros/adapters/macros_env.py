"""The macros that handbook pages can call, e.g. `{{ journey_map("passamt-kinderpass") }}`.

Each macro looks up validated data by id and returns escaped HTML; a wrong id
fails the build (on_error_fail) with a message naming the page.
"""
from __future__ import annotations

import posixpath

from ..model import closest as _closest
from ..render import html, mermaid
from ..render.curve import emotion_curve as _curve
from ..render.escape import mermaid_block
from ..render.schema_doc import schema_reference as _schema_reference
from . import state


# On a page, a journey keeps its natural size and scrolls sideways instead of shrinking to unreadable text.
PAGE_DIAGRAM_CONFIG = "---\nconfig:\n  journey:\n    useMaxWidth: false\n    width: 180\n    height: 80\n---\n"


def register(env) -> None:
    def href(target: str) -> str:
        """Link from the page being rendered to a site path such as `journeys/x/`."""
        here = env.page.url if env.page is not None else ""
        relative = posixpath.relpath("/" + target, "/" + posixpath.dirname(here))
        return relative + "/" if target.endswith("/") else relative

    def journey(journey_id: str):
        journeys = state.catalog().journeys
        if journey_id not in journeys:
            raise KeyError(f"Die Journey „{journey_id}“ gibt es nicht.{_closest(journey_id, journeys)}")
        return journeys[journey_id]

    def persona(persona_id: str):
        personas = state.catalog().personas
        if persona_id not in personas:
            raise KeyError(f"Die Persona „{persona_id}“ gibt es nicht.{_closest(persona_id, personas)}")
        return personas[persona_id]

    @env.macro
    def journey_diagram(journey_id: str) -> str:
        """Mermaid user-journey diagram."""
        source = PAGE_DIAGRAM_CONFIG + mermaid.journey_diagram(journey(journey_id))
        return (
            f'<figure class="kw-diagram" tabindex="0" aria-label="Diagramm, seitlich scrollbar">{mermaid_block(source)}'
            "<figcaption>Ablauf mit Gefühl je Schritt (1–5). "
            "Die Journey Map unten enthält alles als Text.</figcaption></figure>"
        )

    @env.macro
    def emotion_curve(journey_id: str) -> str:
        """Emotion curve over all steps, lowest points marked."""
        return f'<figure class="kw-diagram" tabindex="0">{_curve(journey(journey_id), f"kw-curve-{journey_id}")}</figure>'

    @env.macro
    def journey_map(journey_id: str) -> str:
        """Journey-map grid as an accessible table."""
        return html.journey_map(journey(journey_id))

    @env.macro
    def journey_facts(journey_id: str) -> str:
        return html.journey_facts(journey(journey_id), state.catalog(), href)

    @env.macro
    def journey_kpis(journey_id: str) -> str:
        return html.kpi_table(journey(journey_id))

    @env.macro
    def journey_improvements(journey_id: str) -> str:
        return html.improvement_table(journey(journey_id))

    @env.macro
    def persona_card(persona_id: str) -> str:
        return html.persona_card(persona(persona_id), state.catalog(), href)

    @env.macro
    def persona_diagram(persona_id: str | None = None) -> str:
        """Which personas take which journeys: all, or one persona's."""
        ids = None if persona_id is None else [persona(persona_id).id]
        source = mermaid.persona_journeys_diagram(state.catalog(), ids)
        return f'<figure class="kw-diagram" tabindex="0" aria-label="Diagramm: Personas und ihre Journeys">{mermaid_block(source)}</figure>'

    @env.macro
    def persona_overview() -> str:
        return html.persona_overview(state.catalog(), href)

    @env.macro
    def journey_catalog() -> str:
        return html.journey_catalog(state.catalog(), href)

    @env.macro
    def schema_reference(kind: str) -> str:
        return _schema_reference(kind)
