"""Mermaid sources for journeys and for who takes which journey."""
from __future__ import annotations

from ..labels import SEGMENT_LABELS
from ..model import Catalog, Journey, Step
from .escape import mermaid_text


def _sections(sections: list[tuple[str, tuple[Step, ...]]]) -> list[str]:
    lines = []
    for name, steps in sections:
        lines.append(f"    section {mermaid_text(name)}")
        for step in steps:
            task = f"      {mermaid_text(step.action)}: {step.emotion}"
            if step.actors:
                task += ": " + ", ".join(mermaid_text(actor) for actor in step.actors)
            lines.append(task)
    return lines


def journey_diagram(journey: Journey) -> str:
    """A Mermaid `journey`: one section per stage, one task per step with emotion and actors."""
    lines = ["journey", f"    title {mermaid_text(journey.title)}"]
    return "\n".join(lines + _sections([(stage.name, stage.steps) for stage in journey.stages]))


# Mermaid draws every task at a fixed width: five of them still fit a page and, two rows to a sheet, A4 landscape.
MAX_TASKS_PER_ROW = 5


def journey_rows(journey: Journey) -> list[str]:
    """The journey wrapped by stage into several diagrams of at most `MAX_TASKS_PER_ROW` steps, without title.

    A row holds whole stages; a longer stage continues in the next row ("Fortsetzung").
    The page shows the rows one below the other, so no step hides behind a sideways scroll.
    """
    rows: list[list[tuple[str, tuple[Step, ...]]]] = [[]]
    count = 0
    for stage in journey.stages:
        for start in range(0, len(stage.steps), MAX_TASKS_PER_ROW):
            piece = stage.steps[start : start + MAX_TASKS_PER_ROW]
            if count and count + len(piece) > MAX_TASKS_PER_ROW:
                rows.append([])
                count = 0
            rows[-1].append((stage.name if start == 0 else f"{stage.name} (Fortsetzung)", piece))
            count += len(piece)
    return ["\n".join(["journey"] + _sections(row)) for row in rows]


# Beyond this many journeys one node per journey is unreadable (and slow to draw): show counts instead.
MAX_JOURNEY_NODES = 60


def persona_journeys_diagram(catalog: Catalog, persona_ids: list[str] | None = None) -> str:
    """A flowchart from personas (grouped by segment) to the journeys they take, or to their number."""
    personas = [p for p in catalog.sorted_personas() if persona_ids is None or p.id in persona_ids]
    node = {}
    lines = ["flowchart LR"]
    for segment, label in SEGMENT_LABELS.items():
        members = [p for p in personas if p.segment == segment]
        if not members:
            continue
        lines.append(f'    subgraph seg_{segment}["{mermaid_text(label)}"]')
        for persona in members:
            node[persona.id] = f"p{len(node)}"
            lines.append(f'      {node[persona.id]}("{mermaid_text(persona.name)}")')
        lines.append("    end")
    shown = sum(len(catalog.journeys_of(p.id)) for p in personas)
    for persona in personas:
        if shown > MAX_JOURNEY_NODES:
            count = len(catalog.journeys_of(persona.id))
            lines.append(f'    {node[persona.id]} --> n{node[persona.id]}["{count} Journeys"]')
            continue
        for journey in catalog.journeys_of(persona.id):
            if journey.id not in node:
                node[journey.id] = f"j{len(node)}"
                lines.append(f'    {node[journey.id]}["{mermaid_text(journey.title)}"]')
            lines.append(f"    {node[persona.id]} --> {node[journey.id]}")
    return "\n".join(lines)
