"""The checks across files and dates that the schema cannot express, each a small function to problems.

Schema errors come from `schema.validate`; what good data looks like (warnings)
from `rules`. The checks here are errors and warnings about references
between files and about dates, at the line and column of the value concerned.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import Catalog, Journey
from .problems import ERROR, WARNING, Problem
from .text import closest
from .yamlsource import Document

# Dates before this year are typos in a tool from this century; so are due dates past the last year.
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass(frozen=True)
class Loaded:
    """What the loader hands the checks: the catalog, each item's document (for positions), every known id."""

    catalog: Catalog
    docs: dict[str, Document]
    known: dict[str, set[str]]  # ids by kind, including files that failed to load (no follow-up errors)
    shown: Callable[[str], str]  # a source as messages show it

    def at(self, journey: Journey, pointer: tuple, message: str, severity: str = ERROR) -> Problem:
        line, column = self.docs[journey.id].position(pointer)
        return Problem(self.shown(journey.source), line, column, message, severity)


def date_problems(doc: Document, where: str, today: dt.date) -> list[Problem]:
    """Dates the schema accepts but that cannot be meant: a review in the future, a year far off."""
    problems = []
    for pointer, value in _dates(doc.data):
        line, column = doc.position(pointer)
        date = dt.date.fromisoformat(value)
        if pointer[-1] == "last_reviewed" and date > today:
            problems.append(
                Problem(where, line, column, f"Das Datum {value} liegt in der Zukunft (heute ist {today.isoformat()}). "
                        "Trage ein, wann das Team die Daten zuletzt geprüft hat.")
            )
        elif not FIRST_YEAR <= date.year <= LAST_YEAR:
            problems.append(
                Problem(where, line, column, f"Das Jahr {date.year} ist vermutlich ein Tippfehler: erlaubt sind {FIRST_YEAR} bis {LAST_YEAR}.")
            )
    return problems


def _dates(data, pointer: tuple = ()):
    """Every date field of a document with its pointer: `last_reviewed` and the `due` of improvements."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("last_reviewed", "due") and isinstance(value, str):
                yield pointer + (key,), value
            else:
                yield from _dates(value, pointer + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _dates(value, pointer + (index,))


def persona_exists(loaded: Loaded) -> Iterator[Problem]:
    for journey in loaded.catalog.journeys.values():
        if journey.persona not in loaded.known["persona"]:
            yield loaded.at(
                journey, ("persona",),
                f"Die Persona „{journey.persona}“ gibt es nicht. Lege journeys/personas/{journey.persona}.yml an "
                f"oder korrigiere die Kennung.{closest(journey.persona, loaded.known['persona'])}",
            )


def comparison_fits(loaded: Loaded) -> Iterator[Problem]:
    """A comparison needs another journey; it shows something only for one persona, before and after."""
    for journey in loaded.catalog.journeys.values():
        if not journey.compare_with:
            continue
        for message, severity in _comparison(journey, loaded):
            yield loaded.at(journey, ("compare_with",), message, severity)


def _comparison(journey: Journey, loaded: Loaded) -> list[tuple[str, str]]:
    other_id = journey.compare_with
    if other_id == journey.id:
        return [("„compare_with“ nennt diese Journey selbst. Trage die Kennung der anderen Fassung ein, etwa der Soll-Journey.", ERROR)]
    if other_id not in loaded.known["journey"]:
        return [(f"Die Journey „{other_id}“ gibt es nicht.{closest(other_id, loaded.known['journey'])}", ERROR)]
    other = loaded.catalog.journeys.get(other_id)
    if other is None:  # it failed to load; its own messages say why
        return []
    found = []
    if other.persona != journey.persona:
        found.append(
            (f"„{other_id}“ gehört zur Persona „{other.persona}“, diese Journey zu „{journey.persona}“. "
             "Ein Vergleich zeigt nur etwas, wenn dieselbe Persona beide Wege geht.", WARNING)
        )
    if {journey.state, other.state} != {"current", "target"}:
        found.append(
            (f"Für einen Vergleich braucht eine der beiden Journeys „state: current“ und die andere „state: target“ "
             f"(hier: {journey.state or 'nichts'} und {other.state or 'nichts'}). Sonst entsteht keine Vergleichsseite.", WARNING)
        )
    return found


def _step_id_lines(loaded: Loaded, journey: Journey) -> Iterator[tuple[str, tuple, int]]:
    """(step id, pointer, line) for every step with an id."""
    doc = loaded.docs[journey.id]
    for s, stage in enumerate(journey.stages):
        for t, step in enumerate(stage.steps):
            if step.id:
                pointer = ("stages", s, "steps", t, "id")
                yield step.id, pointer, doc.position(pointer)[0]


def step_ids_are_unique(loaded: Loaded) -> Iterator[Problem]:
    for journey in loaded.catalog.journeys.values():
        first_line: dict[str, int] = {}
        for ident, pointer, line in _step_id_lines(loaded, journey):
            if ident in first_line:
                yield loaded.at(
                    journey, pointer,
                    f"Die Schritt-Kennung „{ident}“ steht in dieser Journey doppelt (zuerst in Zeile "
                    f"{first_line[ident]}). Gib jedem Schritt eine eigene Kennung.",
                )
            else:
                first_line[ident] = line


def improvements_name_steps(loaded: Loaded) -> Iterator[Problem]:
    """Improvements name only steps that exist in their journey."""
    for journey in loaded.catalog.journeys.values():
        ids = {step.id for step in journey.steps if step.id}
        for i, improvement in enumerate(journey.improvements):
            for r, ref in enumerate(improvement.steps):
                if ref not in ids:
                    yield loaded.at(
                        journey, ("improvements", i, "steps", r),
                        f"Einen Schritt mit der Kennung „{ref}“ gibt es in dieser Journey nicht. "
                        f"Trage beim Schritt „id: {ref}“ ein oder korrigiere den Verweis.{closest(ref, ids)}",
                    )


CHECKS: tuple[Callable[[Loaded], Iterator[Problem]], ...] = (
    persona_exists,
    comparison_fits,
    step_ids_are_unique,
    improvements_name_steps,
)


def check(loaded: Loaded) -> list[Problem]:
    return [problem for check_one in CHECKS for problem in check_one(loaded)]
