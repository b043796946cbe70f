"""The validated model: the dataclasses of a journey and a persona, and the catalog of both.

A field's name is the schema property it holds (the loader maps them by name,
`macros/loader.py`), so a new optional property is a new field here and nowhere
else. Fields that do not come from the file (its id, its path, where a value
stands) say so with `LOADER` or `line_of`. Loading and checking live in
`loader.py` and `checks.py`; `load_texts` and `load_catalog` stay importable
from here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

DEFAULT_REVIEW_MONTHS = 12
LOADER = {"schema": False}  # field metadata: set by the loader, not a schema property


def line_of(*pointer) -> dict:
    """Field metadata: the line where `pointer` (relative to the object) stands in its file, for annotations."""
    return {"schema": False, "line_of": pointer}


@dataclass(frozen=True)
class PainPoint:
    text: str
    topic: str = ""
    evidence: tuple[str, ...] = ()
    confidence: str = ""

    @property
    def assumed(self) -> bool:
        return is_assumed(self.confidence)


@dataclass(frozen=True)
class Step:
    action: str
    emotion: int
    id: str = ""
    actors: tuple[str, ...] = ()
    touchpoint: str = ""
    channel: str = ""
    pain_points: tuple[PainPoint, ...] = ()
    opportunities: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    moment_of_truth: bool = False
    evidence: tuple[str, ...] = ()
    confidence: str = ""

    @property
    def assumed(self) -> bool:
        return is_assumed(self.confidence)

    @property
    def confidences(self) -> tuple[str, ...]:
        """The step's own confidence and its pain points', for what a legend has to explain."""
        return (self.confidence, *(p.confidence for p in self.pain_points))


def is_assumed(confidence: str) -> bool:
    """The one place that decides what counts as assumed: shown dashed and with the word „vermutet“."""
    return confidence == "assumed"


@dataclass(frozen=True)
class Stage:
    name: str
    steps: tuple[Step, ...]
    goal: str = ""


class NumberedStep(NamedTuple):
    """A step with its place: the stage's number and the step's number in the whole journey, both from 1."""

    stage_number: int
    stage: Stage
    number: int
    step: Step


@dataclass(frozen=True)
class Kpi:
    name: str
    current: str = ""
    target: str = ""
    period: str = ""
    source: str = ""


@dataclass(frozen=True)
class Improvement:
    action: str
    owner: str
    due: str = ""
    success_criteria: str = ""
    status: str = "open"
    steps: tuple[str, ...] = ()  # ids of the steps it addresses
    line: int = field(default=1, metadata=line_of())  # where it starts in its file


@dataclass(frozen=True)
class LegalReview:
    checked: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Journey:
    id: str = field(metadata=LOADER)
    source: str = field(metadata=LOADER)  # path relative to the journeys root, e.g. "team/id.yml"
    title: str
    persona: str
    owner: str
    stages: tuple[Stage, ...]
    description: str = ""
    last_reviewed: str = ""
    review_interval: int = DEFAULT_REVIEW_MONTHS
    legal_review: LegalReview | None = None
    state: str = ""
    compare_with: str = ""
    channels: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    # The validated file, for the open-data export.
    data: dict = field(default_factory=dict, repr=False, compare=False, metadata=LOADER)
    review_line: int = field(default=1, metadata=line_of("last_reviewed"))  # or the file's start

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    def numbered_steps(self) -> list[NumberedStep]:
        """Every step with its stage number and its number in the journey: the one step numbering."""
        numbered, number = [], 0
        for stage_number, stage in enumerate(self.stages, start=1):
            for step in stage.steps:
                number += 1
                numbered.append(NumberedStep(stage_number, stage, number, step))
        return numbered

    def improvements_for(self, step: Step) -> list[Improvement]:
        return [i for i in self.improvements if step.id and step.id in i.steps]

    def addressed_steps(self, improvement: Improvement) -> tuple[tuple[int, Step], ...]:
        """(number in the journey, step) for each step the improvement names, in the order it names them."""
        numbered = {n.step.id: (n.number, n.step) for n in self.numbered_steps() if n.step.id}
        return tuple(numbered[ref] for ref in improvement.steps if ref in numbered)

    @property
    def lowest_emotion(self) -> int:
        return min(step.emotion for step in self.steps)

    def is_low_point(self, step: Step) -> bool:
        """A step at the journey's lowest emotion, when the journey has ups and downs at all."""
        emotions = {s.emotion for s in self.steps}
        return len(emotions) > 1 and step.emotion == min(emotions)


@dataclass(frozen=True)
class Persona:
    id: str = field(metadata=LOADER)
    source: str = field(metadata=LOADER)  # path relative to the journeys root, e.g. "personas/id.yml"
    name: str
    segment: str
    description: str = ""
    quote: str = ""
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    owner: str = ""
    last_reviewed: str = ""
    review_interval: int = DEFAULT_REVIEW_MONTHS
    sources: tuple[str, ...] = ()
    basis: str = "research"  # "case": a case figure from one story, not a persona condensed from conversations
    conversations: int = 0
    data: dict = field(default_factory=dict, repr=False, compare=False, metadata=LOADER)
    review_line: int = field(default=1, metadata=line_of("last_reviewed"))


@dataclass
class Catalog:
    journeys: dict[str, Journey] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)

    def journeys_of(self, persona_id: str) -> list[Journey]:
        return sorted((j for j in self.journeys.values() if j.persona == persona_id), key=lambda j: j.title.casefold())

    def sorted_journeys(self) -> list[Journey]:
        return sorted(self.journeys.values(), key=lambda j: j.title.casefold())

    def sorted_personas(self) -> list[Persona]:
        return sorted(self.personas.values(), key=lambda p: p.name.casefold())
