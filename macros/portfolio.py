"""The view across all journeys: where customers suffer, what is overdue, what the maps rest on.

Pure computations on the validated catalog, for the pages "Einblicke" and
"Maßnahmen", the review report and the open-data export. Target journeys
(`state: target`) describe plans, not experience: the insights about suffering
count only the other journeys.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .freshness import Review, is_overdue, review
from .labels import CONFIDENCE_LABELS, SEGMENT_LABELS, TOPIC_LABELS
from .model import Catalog, Improvement, Journey, PainPoint, Persona, Stage, Step, is_assumed
from .text import flat, text_key


@dataclass(frozen=True)
class StepRef:
    journey: Journey
    stage: Stage
    step: Step
    number: int  # position of the step in its journey, from 1


def lived_journeys(catalog: Catalog) -> list[Journey]:
    """Journeys that describe experience (current or unstated), not plans."""
    return [j for j in catalog.sorted_journeys() if j.state != "target"]


def steps_of(journeys: list[Journey]) -> list[StepRef]:
    return [StepRef(journey, n.stage, n.step, n.number) for journey in journeys for n in journey.numbered_steps()]


@dataclass
class Hotspot:
    label: str
    by_topic: bool  # grouped by the shared vocabulary, else by identical text
    places: list[tuple[StepRef, PainPoint]] = field(default_factory=list)

    @property
    def journeys(self) -> list[Journey]:
        return list({ref.journey.id: ref.journey for ref, _ in self.places}.values())

    @property
    def teams(self) -> set[str]:
        return {ref.journey.owner for ref, _ in self.places}


def pain_hotspots(catalog: Catalog) -> list[Hotspot]:
    """The same pain in more than one journey: by topic, and by identical text."""
    by_topic: dict[str, Hotspot] = {}
    by_text: dict[str, Hotspot] = {}
    for ref in steps_of(lived_journeys(catalog)):
        for pain in ref.step.pain_points:
            if pain.topic:
                if pain.topic not in by_topic:
                    by_topic[pain.topic] = Hotspot(TOPIC_LABELS[pain.topic], True)
                by_topic[pain.topic].places.append((ref, pain))
            key = text_key(pain.text)
            if key not in by_text:  # most texts occur once: no spot is made for them until they do
                by_text[key] = Hotspot(flat(pain.text), False)
            by_text[key].places.append((ref, pain))
    spots = [h for h in [*by_topic.values(), *by_text.values()] if len(h.journeys) > 1]
    return sorted(spots, key=lambda h: (-len(h.journeys), -len(h.teams), not h.by_topic, h.label.casefold()))


def lowest_moments(catalog: Catalog) -> list[StepRef]:
    """Every lived step, lowest emotion first; moments of truth before others at the same emotion."""
    return _lowest_first(steps_of(lived_journeys(catalog)))


def moments_of_truth(catalog: Catalog) -> list[StepRef]:
    """Where trust is decided, the ones that go worst first."""
    return _lowest_first([r for r in steps_of(lived_journeys(catalog)) if r.step.moment_of_truth])


def _lowest_first(refs: list[StepRef]) -> list[StepRef]:
    return sorted(refs, key=lambda r: (r.step.emotion, not r.step.moment_of_truth, r.journey.title.casefold(), r.number))


@dataclass(frozen=True)
class Average:
    label: str
    steps: int
    journeys: int
    emotion: float


def average_emotion(catalog: Catalog, of: str) -> list[Average]:
    """Average emotion per channel or per stage name (`of` = "channel" or "stage"), lowest first."""
    groups: dict[str, list[StepRef]] = defaultdict(list)
    labels: dict[str, str] = {}
    for ref in steps_of(lived_journeys(catalog)):
        name = ref.step.channel if of == "channel" else ref.stage.name
        if not flat(name):
            continue
        groups[text_key(name)].append(ref)
        labels.setdefault(text_key(name), flat(name))
    averages = [
        Average(labels[key], len(refs), len({r.journey.id for r in refs}), sum(r.step.emotion for r in refs) / len(refs))
        for key, refs in groups.items()
    ]
    return sorted(averages, key=lambda a: (a.emotion, -a.steps, a.label.casefold()))


def segments_without_journeys(catalog: Catalog) -> list[str]:
    taken = {catalog.personas[j.persona].segment for j in catalog.journeys.values() if j.persona in catalog.personas}
    return [segment for segment in SEGMENT_LABELS if segment not in taken]


def personas_without_journeys(catalog: Catalog) -> list[Persona]:
    taken = {j.persona for j in catalog.journeys.values()}
    return [p for p in catalog.sorted_personas() if p.id not in taken]


@dataclass(frozen=True)
class Backing:
    journey: Journey
    steps: int
    with_evidence: int
    by_confidence: dict[str, int]  # steps per confidence value, every value of the schema

    @property
    def assumed(self) -> int:
        return sum(n for confidence, n in self.by_confidence.items() if is_assumed(confidence))

    @property
    def planned(self) -> int:
        return self.by_confidence["planned"]

    @property
    def evidence_share(self) -> float:
        return self.with_evidence / self.steps

    @property
    def assumed_share(self) -> float:
        return self.assumed / self.steps


def backing(catalog: Catalog) -> list[Backing]:
    """How well each journey rests on evidence, weakest first."""
    rows = []
    for journey in catalog.sorted_journeys():
        steps = journey.steps
        confidence = [s.confidence for s in steps]
        rows.append(
            Backing(
                journey,
                len(steps),
                sum(1 for s in steps if s.evidence or any(p.evidence for p in s.pain_points)),
                {value: confidence.count(value) for value in CONFIDENCE_LABELS},
            )
        )
    return sorted(rows, key=lambda b: (b.evidence_share, -b.assumed_share, b.journey.title.casefold()))


@dataclass(frozen=True)
class Reviewed:
    """A journey or persona with its review status."""

    kind: str  # "journey" or "persona"
    item: Journey | Persona
    review: Review

    @property
    def title(self) -> str:
        return self.item.title if isinstance(self.item, Journey) else self.item.name

    @property
    def owner(self) -> str:
        return self.item.owner


def reviews(catalog: Catalog, today: dt.date) -> list[Reviewed]:
    """Every journey and persona with its review status, worst first."""
    found = [Reviewed("journey", j, review(j.last_reviewed, j.review_interval, today)) for j in catalog.journeys.values()]
    found += [Reviewed("persona", p, review(p.last_reviewed, p.review_interval, today)) for p in catalog.personas.values()]
    return sorted(found, key=lambda r: (r.review.rank, r.review.due or dt.date.min, r.title.casefold()))


@dataclass(frozen=True)
class BacklogItem:
    journey: Journey
    improvement: Improvement
    overdue: bool
    steps: tuple[tuple[int, Step], ...]  # (number in the journey, step) for the steps it addresses


def backlog(catalog: Catalog, today: dt.date) -> list[BacklogItem]:
    """Every improvement of every journey: overdue first, then by due date (none last)."""
    items = []
    for journey in catalog.sorted_journeys():
        for improvement in journey.improvements:
            items.append(BacklogItem(journey, improvement, is_overdue(improvement, today), journey.addressed_steps(improvement)))
    return sorted(items, key=lambda i: (not i.overdue, i.improvement.status == "done", i.improvement.due or "9999", i.journey.title.casefold()))


@dataclass
class OwnerCount:
    owner: str
    counts: dict[str, int] = field(default_factory=lambda: {"open": 0, "in_progress": 0, "done": 0})
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def per_owner(items: list[BacklogItem]) -> list[OwnerCount]:
    """Improvements counted per owner: most overdue first."""
    owners: dict[str, OwnerCount] = {}
    for item in items:
        key = text_key(item.improvement.owner)
        count = owners.setdefault(key, OwnerCount(flat(item.improvement.owner)))
        count.counts[item.improvement.status] += 1
        count.overdue += item.overdue
    return sorted(owners.values(), key=lambda o: (-o.overdue, -(o.counts["open"] + o.counts["in_progress"]), o.owner.casefold()))
