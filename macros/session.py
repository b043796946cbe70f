"""The catalog of the current build: loaded once, shared by every adapter.

Whatever builds the site (MkDocs, ProperDocs, Zensical) may call into several
adapters: the MkDocs plugin, the Markdown extension, the macros module. They
all ask `catalog()` for the same project and get the same object, so every
YAML file is read once per build. The MkDocs plugin calls `start()` at the
beginning of each build, which also makes `mkdocs serve` pick up edited files;
a builder without that hook loads on first use.
"""
from __future__ import annotations

import threading
from pathlib import Path

from .git_history import changes_since_review
from .loader import load_catalog
from .model import Catalog
from .problems import Problem, errors
from .render.context import RenderContext
from .today import today

DEFAULT_JOURNEYS_DIR = "journeys"

_lock = threading.Lock()
_contexts: dict[Path, RenderContext] = {}


class DataError(Exception):
    """The data has errors; the build must stop before anything is published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} Fehler in den Journey-Daten.")
        self.problems = problems


def _context(root: Path, catalog: Catalog) -> RenderContext:
    """The build's render context: today, once, and what changed in each journey since its review
    (from git history, empty without it) for the journey pages."""
    day = today()
    return RenderContext(catalog, day, since_review=changes_since_review(root, catalog, day))


def start(project_dir: Path, journeys_dir: Path, memo: dict | None = None) -> tuple[Catalog, list[Problem]]:
    """Load the data for a new build of `project_dir`; raises `DataError` if any file has an error.

    Returns the catalog and the warnings, which the caller shows without stopping. `memo` spares unchanged files
    a second parse (see `load_catalog`).
    """
    project_dir = Path(project_dir).resolve()
    root = Path(journeys_dir)
    label = root.resolve().relative_to(project_dir).as_posix() if root.resolve().is_relative_to(project_dir) else None
    catalog, problems = load_catalog(root, label=label, memo=memo)
    if errors(problems):
        raise DataError(problems)
    built = _context(root, catalog)
    with _lock:
        _contexts[project_dir] = built
    return catalog, problems


def context(project_dir: Path) -> RenderContext:
    """The render context of the build under way for `project_dir`, loading `journeys/` if no build started one."""
    project_dir = Path(project_dir).resolve()
    with _lock:
        if project_dir not in _contexts:
            loaded, problems = load_catalog(project_dir / DEFAULT_JOURNEYS_DIR)
            if errors(problems):
                raise DataError(problems)
            _contexts[project_dir] = _context(project_dir / DEFAULT_JOURNEYS_DIR, loaded)
        return _contexts[project_dir]


def catalog(project_dir: Path) -> Catalog:
    """The catalog of the build under way for `project_dir` (see `context`)."""
    return context(project_dir).catalog
