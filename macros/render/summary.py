"""The Markdown summary of a pull request: each changed file's diagram, or what to fix in it."""
from __future__ import annotations

from ..model import Catalog
from ..problems import Problem
from .escape import markdown_text
from .mermaid import journey_diagram, persona_journeys_diagram


def pull_request_summary(catalog: Catalog, problems: list[Problem], changed: list[tuple[str, str, bool]]) -> tuple[str, bool]:
    """Markdown for GitHub's job summary and whether any error was found.

    `changed` lists (shown path, id, still exists) for every changed YAML file.
    """
    lines = ["## Geänderte Journeys und Personas", ""]
    if not changed:
        lines.append("Keine Datei unter `journeys/` geändert.")
    failed = False
    for shown, ident, exists in changed:
        own = [p for p in problems if p.path == shown]
        lines += [f"### `{shown.replace('`', '')}`", ""]
        if not exists:
            lines += ["Datei gelöscht.", ""]
            continue
        errors = [p for p in own if p.is_error]
        if errors:
            failed = True
            lines += [f"❌ {len(errors)} Fehler – bitte beheben:", ""]
            lines += [f"- Zeile {p.line}, Spalte {p.column}: {markdown_text(p.message)}" for p in errors]
            lines.append("")
            continue
        lines += [f"- Hinweis, Zeile {p.line}: {markdown_text(p.message)}" for p in own]
        if ident in catalog.journeys:
            journey = catalog.journeys[ident]
            lines += [f"✅ **{markdown_text(journey.title)}** – {len(journey.steps)} Schritte, tiefster Wert {journey.lowest_emotion} von 5", ""]
            lines += ["```mermaid", journey_diagram(journey), "```", ""]
        elif ident in catalog.personas:
            lines += [f"✅ **{markdown_text(catalog.personas[ident].name)}**", ""]
            lines += ["```mermaid", persona_journeys_diagram(catalog, [ident]), "```", ""]
    shown_paths = {shown for shown, _, _ in changed}
    others = [p for p in problems if p.path not in shown_paths and p.is_error]
    if others:
        failed = True
        lines += ["### Weitere Fehler in anderen Dateien", ""]
        lines += [f"- `{p.path.replace('`', '')}` Zeile {p.line}: {markdown_text(p.message)}" for p in others]
    return "\n".join(lines), failed
