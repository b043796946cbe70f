"""The catalog of the current build: loaded once, shared by every adapter.

Whatever builds the site (MkDocs, ProperDocs, Zensical) may call into several
adapters: the MkDocs plugin, the Markdown extension, the macros module. They
all ask `catalog()` for the same project and get the same object, so every
YAML file is read once per build. The MkDocs plugin calls `start()` at the
beginning of each build, which also makes `mkdocs serve` pick up edited files;
a builder without that hook loads on first use.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from . import prerender
from .git_history import changes_since_review
from .loader import load_catalog
from .model import Catalog
from .problems import Problem, errors
from .render.context import RenderContext
from .render.export import GeneratedFile
from .render.pages import generated_files
from .today import today

DEFAULT_JOURNEYS_DIR = "journeys"

_lock = threading.Lock()
_contexts: dict[Path, RenderContext] = {}
_ahead: dict[Path, prerender.DrawnAhead] = {}


class DataError(Exception):
    """The data has errors; the build must stop before anything is published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} Fehler in den Journey-Daten.")
        self.problems = problems


def _context(root: Path, catalog: Catalog, day: dt.date) -> RenderContext:
    """The build's render context: today, once, and what changed in each journey since its review
    (from git history, empty without it) for the journey pages."""
    return RenderContext(catalog, day, since_review=changes_since_review(root, catalog, day))


@functools.lru_cache(maxsize=64)
def _key(project_dir: Path) -> Path:
    """A project's folder as the build's registries know it: resolved, once (every page with fragments asks)."""
    return Path(project_dir).resolve()


def start(project_dir: Path, journeys_dir: Path, memo: dict | None = None, draw_ahead: bool = False) -> tuple[Catalog, list[Problem]]:
    """Load the data for a new build of `project_dir`; raises `DataError` if any file has an error.

    Returns the catalog and the warnings, which the caller shows without stopping. `memo` spares unchanged files
    a second parse (see `load_catalog`). With `draw_ahead` and many journeys, a second process draws the generated
    pages' fragments meanwhile, after reading half of the files for this one (see `prerender`).
    """
    project_dir = _key(project_dir)
    root = Path(journeys_dir)
    label = root.resolve().relative_to(project_dir).as_posix() if root.resolve().is_relative_to(project_dir) else None
    day = today()
    ahead = None
    with _lock:
        if project_dir in _ahead:
            _ahead.pop(project_dir).stop()
        if draw_ahead and prerender.worth_it(root):
            ahead = _ahead[project_dir] = prerender.DrawnAhead(root, label, day)
    # What the second process has read by the time the build comes to a file is not read again.
    with gc_paused():
        catalog, problems = load_catalog(root, label=label, today=day, memo=memo if ahead is None else ahead.read)
        gc.freeze()  # until `finish`; before the collector runs again, which would first sweep all that was loaded
    if ahead is not None:
        ahead.reading_done(None if errors(problems) else catalog)
    if errors(problems):
        raise DataError(problems)
    built = _context(root, catalog, day)
    with _lock:
        _contexts[project_dir] = built
    return catalog, problems


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic collector off while loading; `start` then freezes what was loaded until `finish`.

    Loading makes hundreds of thousands of objects that live to the end of the build and form no cycles. The
    collector would scan that growing heap again and again: at 1,000 journeys, 16 full collections took 1.6 s
    of the build, 0.3 s with the catalog frozen (`gc.freeze`). `finish` hands it back to the collector, so
    `mkdocs serve` and the tests, which build many times in one process, keep nothing for good.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def finish(project_dir: Path) -> None:
    """The build of `project_dir` is over (written or failed): end the second process if one still draws, and give
    the catalog back to the cyclic collector (see `gc_paused`)."""
    gc.unfreeze()
    with _lock:
        ahead = _ahead.pop(_key(project_dir), None)
    if ahead:
        ahead.stop()


def drawn(project_dir: Path, url: str) -> Mapping[str, str]:
    """The fragments of the page at `url` that a second process has drawn ahead, by marker (often none)."""
    ahead = _ahead.get(_key(project_dir))
    return ahead.page(url) if ahead else {}


def data_files(project_dir: Path, journeys_prefix: str) -> list[GeneratedFile]:
    """The open data and the tables' rows for the build under way: from the second process if they have arrived,
    else made here (`journeys_prefix`: the journeys folder as seen from the repository root)."""
    ahead = _ahead.get(_key(project_dir))
    sent = ahead.data_files(journeys_prefix) if ahead else None
    if sent is not None:
        return sent
    built = context(project_dir)
    return generated_files(built.catalog, built.today, journeys_prefix)


def context(project_dir: Path) -> RenderContext:
    """The render context of the build under way for `project_dir`, loading `journeys/` if no build started one."""
    project_dir = _key(project_dir)
    with _lock:
        if project_dir not in _contexts:
            loaded, problems = load_catalog(project_dir / DEFAULT_JOURNEYS_DIR)
            if errors(problems):
                raise DataError(problems)
            _contexts[project_dir] = _context(project_dir / DEFAULT_JOURNEYS_DIR, loaded, today())
        return _contexts[project_dir]


def catalog(project_dir: Path) -> Catalog:
    """The catalog of the build under way for `project_dir` (see `context`)."""
    return context(project_dir).catalog
