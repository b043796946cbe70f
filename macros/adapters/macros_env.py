"""The macros that handbook pages can call, e.g. `{{ journey_map("passamt-kinderpass") }}`.

Each macro checks its id at once (a wrong id fails the build, on_error_fail,
with the closest id) and returns a marker; the plugin renders the escaped HTML
after Markdown (see `render.fragments`).
"""
from __future__ import annotations

from ..render.fragments import check_reference, marker


def register(env) -> None:
    def fragment(name: str, ident: str = "") -> str:
        # The catalog the kundenwege plugin loaded for this build (plugins are keyed by name).
        check_reference(env.conf["plugins"]["kundenwege"].catalog, name, ident)
        return marker(name, ident)

    @env.macro
    def journey_diagram(journey_id: str) -> str:
        """Mermaid user-journey diagram: a section per stage, a task per step."""
        return fragment("journey_diagram", journey_id)

    @env.macro
    def emotion_curve(journey_id: str) -> str:
        """Emotion curve over all steps, lowest points marked."""
        return fragment("emotion_curve", journey_id)

    @env.macro
    def journey_map(journey_id: str) -> str:
        """Journey-map grid as an accessible table."""
        return fragment("journey_map", journey_id)

    @env.macro
    def journey_facts(journey_id: str) -> str:
        """Description, persona, owner, state and review date."""
        return fragment("journey_facts", journey_id)

    @env.macro
    def journey_kpis(journey_id: str) -> str:
        return fragment("journey_kpis", journey_id)

    @env.macro
    def journey_improvements(journey_id: str) -> str:
        return fragment("journey_improvements", journey_id)

    @env.macro
    def persona_card(persona_id: str) -> str:
        return fragment("persona_card", persona_id)

    @env.macro
    def persona_diagram(persona_id: str = "") -> str:
        """Which personas take which journeys: all, or one persona's."""
        return fragment("persona_diagram", persona_id)

    @env.macro
    def persona_overview() -> str:
        return fragment("persona_overview")

    @env.macro
    def journey_catalog() -> str:
        return fragment("journey_catalog")

    @env.macro
    def schema_reference(kind: str) -> str:
        return fragment("schema_reference", kind)
