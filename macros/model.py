"""The validated model: every journey and persona, loaded once.

`load_catalog` reads the whole `journeys/` tree, checks each file against its
schema and the cross-references between files (persona ids, duplicate ids,
comparisons), and returns a `Catalog` together with every problem found.
Renderers only ever see a catalog without problems.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .problems import Problem
from .yamlsource import Document, read_document

PERSONA_DIR = "personas"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_IDS = {"index"}


@dataclass(frozen=True)
class Step:
    action: str
    emotion: int
    actors: tuple[str, ...] = ()
    touchpoint: str = ""
    channel: str = ""
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    moment_of_truth: bool = False


@dataclass(frozen=True)
class Stage:
    name: str
    steps: tuple[Step, ...]
    goal: str = ""


@dataclass(frozen=True)
class Kpi:
    name: str
    current: str = ""
    target: str = ""


@dataclass(frozen=True)
class Improvement:
    action: str
    owner: str
    due: str = ""
    success_criteria: str = ""
    status: str = "open"


@dataclass(frozen=True)
class Journey:
    id: str
    path: str
    title: str
    persona: str
    owner: str
    stages: tuple[Stage, ...]
    description: str = ""
    last_reviewed: str = ""
    state: str = ""
    compare_with: str = ""
    channels: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    improvements: tuple[Improvement, ...] = ()

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    @property
    def lowest_emotion(self) -> int:
        return min(step.emotion for step in self.steps)

    def is_low_point(self, step: Step) -> bool:
        """A step at the journey's lowest emotion, when the journey has ups and downs at all."""
        emotions = {s.emotion for s in self.steps}
        return len(emotions) > 1 and step.emotion == min(emotions)


@dataclass(frozen=True)
class Persona:
    id: str
    path: str
    name: str
    segment: str
    description: str = ""
    quote: str = ""
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


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


SEGMENT_LABELS = {
    "beneficiary": "Leistungsempfangende",
    "donor": "Spendende",
    "volunteer": "Ehrenamtliche",
    "internal": "Interne Kundschaft",
    "external": "Externe Kundschaft",
    "obligated": "Verpflichtete (per Gesetz)",
}
STATE_LABELS = {"current": "Ist-Zustand", "target": "Soll-Zustand"}
STATUS_LABELS = {"open": "geplant", "in_progress": "läuft", "done": "erledigt"}


def kind_of(path: Path, root: Path) -> str:
    """Personas live in `personas/` directly under the root; every other file is a journey."""
    relative = path.relative_to(root)
    return "persona" if relative.parts[0] == PERSONA_DIR and len(relative.parts) == 2 else "journey"


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file() and not _hidden(p, root))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible, as editors expect."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_catalog(root: Path, files: list[Path] | None = None) -> tuple[Catalog, list[Problem]]:
    """Load every YAML file under `root` (or just `files`) and check it; never raises on bad data."""
    root = Path(root)
    catalog = Catalog()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    docs: dict[str, Document] = {}
    known = {"persona": set(), "journey": set()}
    every_file = yaml_files(root) if root.is_dir() else []
    for path in every_file:
        known[kind_of(path, root)].add(path.stem)
    for path in files if files is not None else every_file:
        shown = display_path(path)
        if path.suffix == ".yaml":
            problems.append(Problem(shown, 1, 1, "Die Dateiendung muss .yml sein. Benenne die Datei um."))
            continue
        ident = path.stem
        if not ID_PATTERN.match(ident) or ident in RESERVED_IDS:
            problems.append(
                Problem(shown, 1, 1, f"Der Dateiname „{path.name}“ taugt nicht als Kennung: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, nicht „index“.")
            )
            continue
        if ident in seen:
            problems.append(Problem(shown, 1, 1, f"Die Kennung „{ident}“ gibt es doppelt: auch in {seen[ident]}. Benenne eine der Dateien um."))
            continue
        seen[ident] = shown
        kind = kind_of(path, root)
        known[kind].add(ident)
        doc, found = read_document(shown, path.read_bytes())
        if doc is None:
            problems.extend(found)
            continue
        found = schema.validate(kind, doc, shown)
        if found:
            problems.extend(found)
            continue
        docs[ident] = doc
        if kind == "persona":
            catalog.personas[ident] = _persona(ident, shown, doc.data)
        else:
            catalog.journeys[ident] = _journey(ident, shown, doc.data)
    problems.extend(_cross_check(catalog, docs, known))
    return catalog, sorted(problems)


def _cross_check(catalog: Catalog, docs: dict[str, Document], known: dict[str, set[str]]) -> list[Problem]:
    """References between files; ids of files that failed to load count as known, to avoid follow-up errors."""
    problems = []
    for journey in catalog.journeys.values():
        doc = docs[journey.id]
        if journey.persona not in known["persona"]:
            line, column = doc.position(("persona",))
            hint = closest(journey.persona, known["persona"])
            problems.append(
                Problem(
                    journey.path,
                    line,
                    column,
                    f"Die Persona „{journey.persona}“ gibt es nicht. Lege journeys/personas/{journey.persona}.yml an "
                    f"oder korrigiere die Kennung.{hint}",
                )
            )
        if journey.compare_with and journey.compare_with not in known["journey"]:
            line, column = doc.position(("compare_with",))
            hint = closest(journey.compare_with, known["journey"])
            problems.append(Problem(journey.path, line, column, f"Die Journey „{journey.compare_with}“ gibt es nicht.{hint}"))
    return problems


def closest(name: str, candidates) -> str:
    """A hint naming the most similar known id (" Meintest du …?"), or nothing."""
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f" Meintest du „{close[0]}“?" if close else ""


def _texts(data: dict, key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


def _journey(ident: str, path: str, data: dict) -> Journey:
    return Journey(
        id=ident,
        path=path,
        title=data["title"],
        persona=data["persona"],
        owner=data["owner"],
        description=data.get("description", ""),
        last_reviewed=data.get("last_reviewed", ""),
        state=data.get("state", ""),
        compare_with=data.get("compare_with", ""),
        channels=_texts(data, "channels"),
        kpis=tuple(Kpi(**kpi) for kpi in data.get("kpis", ())),
        improvements=tuple(Improvement(**item) for item in data.get("improvements", ())),
        stages=tuple(
            Stage(
                name=stage["name"],
                goal=stage.get("goal", ""),
                steps=tuple(_step(step) for step in stage["steps"]),
            )
            for stage in data["stages"]
        ),
    )


def _step(data: dict) -> Step:
    return Step(
        action=data["action"],
        emotion=data["emotion"],
        actors=_texts(data, "actors"),
        touchpoint=data.get("touchpoint", ""),
        channel=data.get("channel", ""),
        pain_points=_texts(data, "pain_points"),
        opportunities=_texts(data, "opportunities"),
        backstage=_texts(data, "backstage"),
        support=_texts(data, "support"),
        moment_of_truth=data.get("moment_of_truth", False),
    )


def _persona(ident: str, path: str, data: dict) -> Persona:
    return Persona(
        id=ident,
        path=path,
        name=data["name"],
        segment=data["segment"],
        description=data.get("description", ""),
        quote=data.get("quote", ""),
        goals=_texts(data, "goals"),
        needs=_texts(data, "needs"),
        pain_points=_texts(data, "pain_points"),
        channels=_texts(data, "channels"),
    )
