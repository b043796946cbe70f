"""Loading journeys and personas: walk the tree, read each file, map it onto the model, run the checks.

`load_texts` loads from contents keyed by path (an old version from git, an
editor's buffer); `load_catalog` reads a folder for it and refuses symbolic
links. Both check each file against its schema, then the references between
files (`checks`) and the data rules (`rules`), and return a `Catalog` with
every problem found; they never raise on bad data. Renderers only ever see a
catalog without problems.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, partial
from pathlib import Path, PurePosixPath

from . import checks, rules, schema
from .files import link_message, walk
from .model import Catalog, Journey, Persona
from .problems import Problem
from .site_map import RESERVED_IDS
from .today import today as current_date
from .yamlsource import Document, read_document

PERSONA_DIR = "personas"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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


def _shown(label: str, source: str) -> str:
    """A source as messages show it and the memo keys it: under the label, e.g. "journeys/team/x.yml"."""
    return f"{label}/{source}" if label else source


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

    shown = partial(_shown, label)

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


def _reserved() -> str:
    return " oder ".join(f"„{name}“" for name in sorted(RESERVED_IDS))


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

    shown = partial(_shown, label)

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
    problems.extend(checks.check(checks.Loaded(catalog, docs, known, shown)))
    problems.extend(rules.check(catalog, docs, shown))
    return catalog, sorted(problems)


def read_files(
    root: Path, files: Iterable[Path], *, label: str | None = None, today: dt.date | None = None
) -> Iterator[tuple[tuple, tuple]]:
    """For each of `files` (YAML files under `root`, never a link): its `memo` entry as `load_catalog` with the same
    label and day would make it, without the checks across files. A second process shares the reading of many
    files this way (see `prerender`): whatever it sends is not parsed again."""
    root = Path(root)
    label = root.name if label is None else label
    today = today or current_date()
    for path in files:
        source = path.relative_to(root).as_posix()
        relative = PurePosixPath(source)
        if _linked(path, root) or relative.suffix != ".yml":
            continue
        memo: dict = {}
        _loaded(kind_of(relative), relative.stem, source, _shown(label, source), path.read_bytes(), today, memo)
        yield from memo.items()


MODEL = {"journey": Journey, "persona": Persona}


def _loaded(kind: str, ident: str, source: str, where: str, raw: bytes, today: dt.date, memo: dict | None):
    """One file: its document, its problems (reading, schema, dates) and, without problems, its journey or persona.
    From `memo` if the same file had the same bytes on the same day (the model objects are immutable)."""
    key = (kind, source, where, raw, today)
    if memo is not None and key in memo:
        return memo[key]
    doc, found = read_document(where, raw)
    if doc is not None:
        found = schema.validate(kind, doc, where) or checks.date_problems(doc, where, today)
    item = None
    if doc is not None and not found:
        item = mapped(MODEL[kind], doc, given={"id": ident, "source": source, "data": doc.data})
    if memo is not None:
        memo[key] = (doc, found, item)
    return doc, found, item


def mapped(cls: type, doc: Document, pointer: tuple = (), value: dict | str | None = None, given: dict | None = None):
    """A validated YAML value as the dataclass `cls`: each field takes the property of its name.

    Lists become tuples (of dataclasses where the field says so), objects become nested dataclasses, and a
    text where the schema also allows fields stands for the first field (a pain point as plain text).
    `value` is the one at `pointer` (by default the whole document). Fields marked `line_of` take the line of
    a value in `doc`; the other loader fields come as `given`.
    """
    data = doc.data if value is None else value
    if isinstance(data, str):
        data = {dataclasses.fields(cls)[0].name: data}
    values = dict(given or {})
    for name, convert in _plan(cls):
        if name in data:
            values[name] = convert(data[name], doc, pointer + (name,)) if convert else data[name]
    for name, relative in _lines(cls):
        values[name] = doc.position(pointer + relative)[0]
    return cls(**values)


@cache
def _plan(cls: type) -> tuple[tuple[str, Callable | None], ...]:
    """(property name, conversion or None) for each field that holds a schema property, worked out once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls) if f.metadata.get("schema", True))


@cache
def _lines(cls: type) -> tuple[tuple[str, tuple], ...]:
    return tuple((f.name, f.metadata["line_of"]) for f in dataclasses.fields(cls) if "line_of" in f.metadata)


def _converter(hint) -> Callable | None:
    if isinstance(hint, types.UnionType):  # `X | None`: an optional object
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if dataclasses.is_dataclass(hint):
        return lambda value, doc, pointer: mapped(hint, doc, pointer, value)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if dataclasses.is_dataclass(item):
            return lambda values, doc, pointer: tuple(mapped(item, doc, pointer + (i,), v) for i, v in enumerate(values))
        return lambda values, doc, pointer: tuple(values)
    return None
