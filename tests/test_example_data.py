"""The example journeys and personas show good practice, and say that they are examples.

The practice pages embed them; readers must be able to tell a source story from an invented detail
(docs/mitmachen/stil.md, „Erfundenes kennzeichnen“). Statuses must be true on the day a team last checked the file.
"""
from __future__ import annotations

import re
from pathlib import Path

from macros.loader import load_catalog

REPO = Path(__file__).resolve().parent.parent
PRACTICE = REPO / "docs" / "praxis"
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(\s*\"([a-z0-9-]+)\"\s*\)\s*\}\}")
JOURNEY_FRAGMENTS = {"journey_diagram", "emotion_curve", "journey_map", "journey_facts", "journey_kpis", "journey_improvements",
                     "journey_comparison"}
EXAMPLE = re.compile(r"Beispiel|erfunden")


def catalog():
    found, problems = load_catalog(REPO / "journeys")
    assert not [p for p in problems if p.is_error], problems
    return found


def practice_pages() -> dict[Path, list[tuple[str, str]]]:
    return {
        page: MACRO_CALL.findall(page.read_text(encoding="utf-8"))
        for page in sorted(PRACTICE.glob("*.md"))
        if page.name != "index.md"
    }


def embedded(kind: str) -> set[str]:
    names = JOURNEY_FRAGMENTS if kind == "journey" else {"persona_card"}
    return {ident for calls in practice_pages().values() for name, ident in calls if name in names}


def test_every_practice_page_shows_its_journeys_and_their_personas():
    data = catalog()
    problems = []
    for page, calls in practice_pages().items():
        journeys = {i for n, i in calls if n in JOURNEY_FRAGMENTS}
        journeys |= {data.journeys[i].compare_with for n, i in calls if n == "journey_comparison"}  # it shows both
        cards = {i for n, i in calls if n == "persona_card"}
        if not journeys:
            problems.append(f"{page.name}: zeigt keine Journey")
        for ident in journeys:
            persona = data.journeys[ident].persona
            if persona not in cards:
                problems.append(f"{page.name}: Journey {ident} ohne Persona-Karte {persona}")
            partner = data.journeys[ident].compare_with
            if partner and partner not in journeys:
                problems.append(f"{page.name}: {ident} wird mit {partner} verglichen, {partner} fehlt auf der Seite")
    assert not problems, "\n".join(problems)


def test_the_before_and_after_stories_show_the_generated_comparison():
    shown = {i for calls in practice_pages().values() for n, i in calls if n == "journey_comparison"}
    assert shown == {"passamt-kinderpass", "pc-bestellung-ist"}


def test_examples_on_practice_pages_say_that_they_are_examples():
    data = catalog()
    problems = [f"Journey {i}: description sagt nicht, dass sie ein Beispiel ist" for i in embedded("journey") if not EXAMPLE.search(data.journeys[i].description)]
    for ident in embedded("persona"):
        if not any(EXAMPLE.search(source) for source in data.personas[ident].sources):
            problems.append(f"Persona {ident}: sources sagt nicht, was erfunden ist")
    for ident in embedded("journey"):
        for step in data.journeys[ident].steps:
            evidence = list(step.evidence) + [e for p in step.pain_points for e in p.evidence]
            problems += [f"Journey {ident}: Beleg „{e}“" for e in evidence if not (e.startswith("Quelle:") or e.endswith("(Beispiel)"))]
        problems += [f"Journey {ident}: Kennzahl „{k.name}“, Quelle „{k.source}“" for k in data.journeys[ident].kpis if not k.source.endswith("(Beispiel)")]
    assert not problems, "Kennzeichne Beispiele (siehe docs/mitmachen/stil.md):\n" + "\n".join(problems)


def test_every_practice_page_says_what_is_invented():
    missing = [page.name for page in practice_pages() if "erfunden" not in page.read_text(encoding="utf-8")]
    assert not missing, missing
