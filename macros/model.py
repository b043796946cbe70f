"""The validated model: every journey and persona, loaded once.

`load_catalog` reads the whole `journeys/` tree and `load_texts` loads the same
from contents in memory (an old version from git); both check each file against its
schema and the cross-references between files (persona ids, duplicate ids,
comparisons) and return a `Catalog` together with every problem found.
Renderers only ever see a catalog without problems.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import rules, schema
from .files import link_message, walk
from .problems import ERROR, WARNING, Problem
from .today import today as current_date
from .yamlsource import Document, read_document

PERSONA_DIR = "personas"
DEFAULT_REVIEW_MONTHS = 12
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_IDS = {"index", "einblicke", "massnahmen", "katalog"}  # "index" and the pages beside the catalog


@dataclass(frozen=True)
class PainPoint:
    text: str
    topic: str = ""
    evidence: tuple[str, ...] = ()
    confidence: str = ""


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
    line: int = 1  # where it starts in its file, for annotations


@dataclass(frozen=True)
class Journey:
    id: str
    source: str  # path relative to the journeys root, e.g. "team/id.yml"
    title: str
    persona: str
    owner: str
    stages: tuple[Stage, ...]
    description: str = ""
    last_reviewed: str = ""
    review_interval: int = DEFAULT_REVIEW_MONTHS
    state: str = ""
    compare_with: str = ""
    channels: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    data: dict = field(default_factory=dict, repr=False, compare=False)  # the validated file, for the open-data export
    review_line: int = 1  # line of last_reviewed (or of the file's start), for annotations

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    def improvements_for(self, step: Step) -> list[Improvement]:
        return [i for i in self.improvements if step.id and step.id in i.steps]

    def addressed_steps(self, improvement: Improvement) -> tuple[tuple[int, Step], ...]:
        """(number in the journey, step) for each step the improvement names, in the order it names them."""
        numbered = {step.id: (n, step) for n, step in enumerate(self.steps, start=1) if step.id}
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
    id: str
    source: str  # path relative to the journeys root, e.g. "team/id.yml"
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
    data: dict = field(default_factory=dict, repr=False, compare=False)  # the validated file, for the open-data export
    review_line: int = 1  # line of last_reviewed (or of the file's start), for annotations


@dataclass
class Catalog:
    journeys: dict[str, Journey] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    # Views computed from the catalog (e.g. the backlog), kept because many pages of one build ask for them.
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def once(self, key, compute):
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def journeys_of(self, persona_id: str) -> list[Journey]:
        return sorted((j for j in self.journeys.values() if j.persona == persona_id), key=lambda j: j.title.casefold())

    def sorted_journeys(self) -> list[Journey]:
        return sorted(self.journeys.values(), key=lambda j: j.title.casefold())

    def sorted_personas(self) -> list[Persona]:
        return sorted(self.personas.values(), key=lambda p: p.name.casefold())


def _reserved() -> str:
    return " oder ".join(f"„{name}“" for name in sorted(RESERVED_IDS))


def kind_of(relative: PurePosixPath) -> str:
    """Personas live in `personas/` directly under the root; every other file is a journey."""
    return "persona" if relative.parts[0] == PERSONA_DIR and len(relative.parts) == 2 else "journey"


def yaml_files(root: Path) -> list[Path]:
    """The YAML files under `root`, without hidden ones; symbolic links are never among them."""
    return _yaml_tree(root)[0]


def _yaml_tree(root: Path) -> tuple[list[Path], list[Path]]:
    """The YAML files under `root`, and every symbolic link met on the way."""
    if not (root.is_dir() or root.is_symlink()):
        return [], []
    found, links = walk(root)
    return [p for p in found if p.suffix in (".yml", ".yaml") and not _hidden(p, root)], links


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _linked(path: Path, root: Path) -> bool:
    """Whether the file, or a folder between it and the root, is a symbolic link."""
    return path.is_symlink() or any(p.is_symlink() for p in path.parents if p == root or root in p.parents)


def load_catalog(
    root: Path, files: list[Path] | None = None, *, label: str | None = None, today: dt.date | None = None,
    memo: dict | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Load every YAML file under `root` (or just `files`) and check it; never raises on bad data.

    Sources in the model are relative to `root`; messages show them under `label`
    (by default the root's folder name, e.g. "journeys/team/x.yml"), as editors and GitHub expect.
    Symbolic links are refused here, without being opened; everything else is `load_texts`.
    With a `memo` (kept by `mkdocs serve` between builds), a file whose bytes did not change is not parsed again.
    """
    root = Path(root)
    label = root.name if label is None else label
    every_file, links = _yaml_tree(root)

    def source_of(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    def shown(source: str) -> str:
        return f"{label}/{source}" if label else source

    problems: list[Problem] = []
    for link in links:
        where = shown(source_of(link)) if link != root else label or root.name
        problems.append(Problem(where, 1, 1, link_message(where, label or root.name)))
    selected: dict[str, Path] = {}
    for path in every_file if files is None else files:
        if _linked(path, root):
            if path not in links:
                where = shown(source_of(path))
                problems.append(Problem(where, 1, 1, link_message(where, label or root.name)))
            continue
        selected[source_of(path)] = path
    texts = _FolderTexts({source_of(p): p for p in every_file} | selected)
    catalog, found = load_texts(texts, label=label, today=today, only=list(selected), memo=memo)
    return catalog, sorted(problems + found)


class _FolderTexts(Mapping):
    """File contents by source, read only when the loader asks: validating one file reads one file."""

    def __init__(self, paths: dict[str, Path]):
        self._paths = paths

    def __getitem__(self, source: str) -> bytes:
        return self._paths[source].read_bytes()

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def load_texts(
    texts: Mapping[str, bytes | str], *, label: str = "journeys", today: dt.date | None = None, only: Iterable[str] | None = None,
    memo: dict | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Load journeys and personas from their contents, keyed by POSIX path under the journeys root.

    The core of `load_catalog`, for contents that are not files: an old version from git, an editor's buffer.
    `only` restricts which sources are loaded and reported; the others still count as known ids.
    """
    today = today or current_date()
    catalog = Catalog()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    docs: dict[str, Document] = {}
    known = {"persona": set(), "journey": set()}

    def shown(source: str) -> str:
        return f"{label}/{source}" if label else source

    for source in texts:
        known[kind_of(PurePosixPath(source))].add(PurePosixPath(source).stem)
    selected = list(texts) if only is None else sorted(only) if isinstance(only, (set, frozenset)) else list(only)
    for source in selected:
        path = PurePosixPath(source)
        where = shown(source)
        if path.suffix == ".yaml":
            problems.append(Problem(where, 1, 1, "Die Dateiendung muss .yml sein. Benenne die Datei um."))
            continue
        ident = path.stem
        if not ID_PATTERN.match(ident) or ident in RESERVED_IDS:
            problems.append(
                Problem(where, 1, 1, f"Der Dateiname „{path.name}“ taugt nicht als Kennung: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, nicht {_reserved()}.")
            )
            continue
        if ident in seen:
            problems.append(Problem(where, 1, 1, f"Die Kennung „{ident}“ gibt es doppelt: auch in {seen[ident]}. Benenne eine der Dateien um."))
            continue
        seen[ident] = where
        kind = kind_of(path)
        known[kind].add(ident)
        raw = texts[source]
        doc, found, item = _loaded(kind, ident, source, where, raw.encode("utf-8") if isinstance(raw, str) else raw, today, memo)
        if found:
            problems.extend(found)
            continue
        docs[ident] = doc
        (catalog.personas if kind == "persona" else catalog.journeys)[ident] = item
    problems.extend(_cross_check(catalog, docs, known, shown))
    problems.extend(rules.check(catalog, docs, shown))
    return catalog, sorted(problems)


def _loaded(kind: str, ident: str, source: str, where: str, raw: bytes, today: dt.date, memo: dict | None):
    """One file: its document, its problems (reading, schema, dates) and, without problems, its journey or persona.
    From `memo` if the same file had the same bytes on the same day (the model objects are immutable)."""
    key = (kind, source, where, raw, today)
    if memo is not None and key in memo:
        return memo[key]
    doc, found = read_document(where, raw)
    if doc is not None:
        found = schema.validate(kind, doc, where) or _date_problems(doc, where, today)
    item = None
    if doc is not None and not found:
        item = _persona(ident, source, doc) if kind == "persona" else _journey(ident, source, doc)
    if memo is not None:
        memo[key] = (doc, found, item)
    return doc, found, item


# Dates before this year are typos in a tool from this century; so are due dates past the last year.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def _date_problems(doc: Document, where: str, today: dt.date) -> list[Problem]:
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


def _cross_check(catalog: Catalog, docs: dict[str, Document], known: dict[str, set[str]], shown) -> list[Problem]:
    """References between files; ids of files that failed to load count as known, to avoid follow-up errors."""
    problems = []
    for journey in catalog.journeys.values():
        doc = docs[journey.id]
        where = shown(journey.source)
        if journey.persona not in known["persona"]:
            line, column = doc.position(("persona",))
            hint = closest(journey.persona, known["persona"])
            problems.append(
                Problem(
                    where,
                    line,
                    column,
                    f"Die Persona „{journey.persona}“ gibt es nicht. Lege journeys/personas/{journey.persona}.yml an "
                    f"oder korrigiere die Kennung.{hint}",
                )
            )
        if journey.compare_with:
            line, column = doc.position(("compare_with",))
            problems += [Problem(where, line, column, message, severity) for message, severity in _comparison(journey, catalog, known)]
        problems += _step_references(journey, doc, where)
    return problems


def _step_references(journey: Journey, doc: Document, where: str) -> list[Problem]:
    """Step ids are unique in a journey, and improvements name only steps that exist."""
    problems = []
    first_line: dict[str, int] = {}
    for s, stage in enumerate(journey.stages):
        for t, step in enumerate(stage.steps):
            if not step.id:
                continue
            line, column = doc.position(("stages", s, "steps", t, "id"))
            if step.id in first_line:
                problems.append(
                    Problem(where, line, column, f"Die Schritt-Kennung „{step.id}“ steht in dieser Journey doppelt (zuerst in Zeile "
                            f"{first_line[step.id]}). Gib jedem Schritt eine eigene Kennung.")
                )
            else:
                first_line[step.id] = line
    for i, improvement in enumerate(journey.improvements):
        for r, ref in enumerate(improvement.steps):
            if ref not in first_line:
                line, column = doc.position(("improvements", i, "steps", r))
                problems.append(
                    Problem(where, line, column, f"Einen Schritt mit der Kennung „{ref}“ gibt es in dieser Journey nicht. "
                            f"Trage beim Schritt „id: {ref}“ ein oder korrigiere den Verweis.{closest(ref, first_line)}")
                )
    return problems


def _comparison(journey: Journey, catalog: Catalog, known: dict[str, set[str]]) -> list[tuple[str, str]]:
    """A comparison needs another journey; it shows something only for one persona, before and after."""
    other_id = journey.compare_with
    if other_id == journey.id:
        return [("„compare_with“ nennt diese Journey selbst. Trage die Kennung der anderen Fassung ein, etwa der Soll-Journey.", ERROR)]
    if other_id not in known["journey"]:
        return [(f"Die Journey „{other_id}“ gibt es nicht.{closest(other_id, known['journey'])}", ERROR)]
    other = catalog.journeys.get(other_id)
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


def closest(name: str, candidates) -> str:
    """A hint naming the most similar known id (" Meintest du …?"), or nothing."""
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f" Meintest du „{close[0]}“?" if close else ""


def _texts(data: dict, key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


def _journey(ident: str, source: str, doc: Document) -> Journey:
    data = doc.data
    return Journey(
        id=ident,
        source=source,
        title=data["title"],
        persona=data["persona"],
        owner=data["owner"],
        description=data.get("description", ""),
        last_reviewed=data.get("last_reviewed", ""),
        review_interval=data.get("review_interval", DEFAULT_REVIEW_MONTHS),
        state=data.get("state", ""),
        compare_with=data.get("compare_with", ""),
        data=data,
        channels=_texts(data, "channels"),
        kpis=tuple(Kpi(**kpi) for kpi in data.get("kpis", ())),
        improvements=tuple(
            Improvement(**{**item, "steps": tuple(item.get("steps", ())), "line": doc.position(("improvements", i))[0]})
            for i, item in enumerate(data.get("improvements", ()))
        ),
        review_line=doc.position(("last_reviewed",))[0],
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
        id=data.get("id", ""),
        actors=_texts(data, "actors"),
        touchpoint=data.get("touchpoint", ""),
        channel=data.get("channel", ""),
        pain_points=tuple(_pain_point(item) for item in data.get("pain_points", ())),
        opportunities=_texts(data, "opportunities"),
        backstage=_texts(data, "backstage"),
        support=_texts(data, "support"),
        moment_of_truth=data.get("moment_of_truth", False),
        evidence=_texts(data, "evidence"),
        confidence=data.get("confidence", ""),
    )


def _pain_point(item: str | dict) -> PainPoint:
    """A pain point is a text, or fields when a team names its topic, evidence or confidence."""
    if isinstance(item, str):
        return PainPoint(item)
    return PainPoint(item["text"], item.get("topic", ""), _texts(item, "evidence"), item.get("confidence", ""))


def _persona(ident: str, source: str, doc: Document) -> Persona:
    data = doc.data
    return Persona(
        id=ident,
        source=source,
        name=data["name"],
        segment=data["segment"],
        description=data.get("description", ""),
        quote=data.get("quote", ""),
        goals=_texts(data, "goals"),
        needs=_texts(data, "needs"),
        pain_points=_texts(data, "pain_points"),
        channels=_texts(data, "channels"),
        owner=data.get("owner", ""),
        last_reviewed=data.get("last_reviewed", ""),
        review_interval=data.get("review_interval", DEFAULT_REVIEW_MONTHS),
        sources=_texts(data, "sources"),
        basis=data.get("basis", "research"),
        conversations=data.get("conversations", 0),
        data=data,
        review_line=doc.position(("last_reviewed",))[0],
    )
