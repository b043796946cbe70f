"""Data rules of the handbook that the schema cannot express, as warnings with file, line and column.

The schema says what a file may contain; these rules say what good example data
looks like (docs/mitmachen/fehlermeldungen.md, „Hinweise zur Beleglage“): where a
statement comes from, how a KPI is measured, what a persona rests on. They warn
and let the build pass, so a team can save work in progress. Each rule is a
function from the loaded catalog and the documents (for positions) to problems.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .legal import names_a_statute
from .problems import WARNING, Problem

if TYPE_CHECKING:
    from .model import Catalog, Journey, Persona
    from .yamlsource import Document

SOURCE_PREFIX = "Quelle:"  # evidence that names a publication starts like this
MIN_CONVERSATIONS = 5  # the persona rule, docs/werkzeuge/persona-vorlage.md

Found = Iterator[tuple[tuple, str]]  # (pointer into the document, message)


def _steps(journey: Journey):
    for s, stage in enumerate(journey.stages):
        for t, step in enumerate(stage.steps):
            yield ("stages", s, "steps", t), step


def _cites_source(evidence) -> bool:
    return any(e.startswith(SOURCE_PREFIX) for e in evidence)


def published_needs_source(journey: Journey) -> Found:
    """A statement marked as published names its publication; one that names a publication is marked so."""
    for pointer, step in _steps(journey):
        items = [(pointer, step.confidence, step.evidence)]
        items += [(pointer + ("pain_points", p), point.confidence, point.evidence) for p, point in enumerate(step.pain_points)]
        for where, confidence, evidence in items:
            if confidence == "published" and not _cites_source(evidence):
                yield where + ("confidence",), (
                    "„confidence: published“ heißt: aus einer Veröffentlichung. Nenne sie im Beleg, "
                    "etwa „evidence: [\"Quelle: Fachartikel (Nachschlagen › Quellen)\"]“, oder ändere die Beleglage."
                )
            elif confidence and confidence != "published" and _cites_source(evidence):
                yield where + ("confidence",), (
                    "Der Beleg nennt eine Veröffentlichung („Quelle: …“). Trage dann „confidence: published“ ein; "
                    "was die Quelle nicht erzählt, ist „assumed“ und braucht einen anderen Beleg."
                )


def every_step_has_confidence(journey: Journey) -> Found:
    for pointer, step in _steps(journey):
        if not step.confidence:
            yield pointer + ("action",), (
                "Dieser Schritt sagt nicht, worauf er beruht. Ergänze „confidence“: published (aus einer Veröffentlichung), "
                "observed (selbst beobachtet), assumed (vermutet oder erfunden) oder planned (Soll-Journey)."
            )


def target_steps_are_planned(journey: Journey) -> Found:
    if journey.state != "target":
        return
    for pointer, step in _steps(journey):
        if step.confidence and step.confidence != "planned":
            yield pointer + ("confidence",), (
                "Diese Journey beschreibt einen Soll-Zustand (state: target); ihre Schritte hat noch niemand erlebt. "
                "Trage „confidence: planned“ ein."
            )


def kpis_name_period_and_source(journey: Journey) -> Found:
    for k, kpi in enumerate(journey.kpis):
        missing = [word for word, value in (("period (Zeitraum)", kpi.period), ("source (Quelle)", kpi.source)) if not value]
        if missing:
            yield ("kpis", k, "name"), (
                f"Die Kennzahl „{kpi.name}“ braucht {' und '.join(missing)}: über welchen Zeitraum gemessen und woher der Wert stammt. "
                "Bei erfundenen Werten steht „(Beispiel)“ in der Quelle."
            )


def best_steps_have_no_pain(journey: Journey) -> Found:
    for pointer, step in _steps(journey):
        if step.emotion == 5 and step.pain_points:
            yield pointer + ("pain_points",), (
                "Ein Schritt mit Gefühl 5 (sehr gut) hat keinen Schmerzpunkt. Senke das Gefühl auf 4 "
                "oder trage den Schmerzpunkt beim Schritt ein, in dem er auftritt."
            )


def _texts(data, found: list[str]) -> list[str]:
    """Every text in `data`, in document order, appended to one list (a generator per level was slower)."""
    if isinstance(data, str):
        found.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _texts(value, found)
    elif isinstance(data, list):
        for value in data:
            _texts(value, found)
    return found


def statutes_name_their_check(journey: Journey) -> Found:
    """A journey that names a statute says when its law was checked, as pages with legal content do."""
    if journey.legal_review is None and names_a_statute("\n".join(_texts(journey.data, []))):
        yield ("title",), (
            "Diese Journey nennt ein Gesetz (etwa „§ 30 AO“). Trage ein, wann und für welche Länder das Team "
            "die Rechtslage geprüft hat: „legal_review: {checked: JJJJ-MM-TT, countries: [DE]}“."
        )


def done_by_the_review(journey: Journey) -> Found:
    """A status is what the team saw on `last_reviewed`: work due after that day was not finished then."""
    if not journey.last_reviewed:
        return
    for i, improvement in enumerate(journey.improvements):
        if improvement.status == "done" and improvement.due and improvement.due > journey.last_reviewed:
            yield ("improvements", i, "status"), (
                f"Diese Maßnahme ist erst am {improvement.due} fällig, die Journey wurde am {journey.last_reviewed} überprüft. "
                "Was nach der Überprüfung fällig war, kann damals noch nicht erledigt gewesen sein: Trage den Stand von "
                "damals ein („open“ oder „in_progress“) oder überprüfe die Journey neu und setze „last_reviewed“."
            )


def persona_rule(persona: Persona) -> Found:
    if persona.basis == "case" or persona.conversations >= MIN_CONVERSATIONS:
        return
    yield ("name",), (
        f"Eine Persona beruht auf mindestens {MIN_CONVERSATIONS} echten Gesprächen (Persona-Regel), hier sind es "
        f"{persona.conversations}. Trage unter „conversations“ die Zahl ein, oder kennzeichne die Persona mit "
        "„basis: case“ als Fallfigur, wenn sie auf einer einzelnen Geschichte beruht."
    )


JOURNEY_RULES: tuple[Callable[[Journey], Found], ...] = (
    published_needs_source,
    every_step_has_confidence,
    target_steps_are_planned,
    kpis_name_period_and_source,
    best_steps_have_no_pain,
    statutes_name_their_check,
    done_by_the_review,
)
PERSONA_RULES: tuple[Callable[[Persona], Found], ...] = (persona_rule,)


def check(catalog: Catalog, docs: dict[str, Document], shown: Callable[[str], str]) -> list[Problem]:
    """Every rule over every loaded journey and persona, as warnings at the field they concern."""
    items = [(j, JOURNEY_RULES) for j in catalog.journeys.values()] + [(p, PERSONA_RULES) for p in catalog.personas.values()]
    problems = []
    for item, rules in items:
        doc, where = docs[item.id], shown(item.source)
        for rule in rules:
            for pointer, message in rule(item):
                line, column = doc.position(pointer, key=True)
                problems.append(Problem(where, line, column, message, WARNING))
    return problems
