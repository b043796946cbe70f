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
from .render.changes import SINCE_REVIEW
from .today import today
from .problems import Problem, errors

DEFAULT_JOURNEYS_DIR = "journeys"

_lock = threading.Lock()
_catalogs: dict[Path, Catalog] = {}


class DataError(Exception):
    """The data has errors; the build must stop before anything is published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} Fehler in den Journey-Daten.")
        self.problems = problems


def _add_history(root: Path, catalog: Catalog) -> None:
    """What changed in each journey since its review, from git history (empty without it), for the journey pages."""
    catalog.derived[SINCE_REVIEW] = changes_since_review(root, catalog, today())


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
    _add_history(root, catalog)
    with _lock:
        _catalogs[project_dir] = catalog
    return catalog, problems


def catalog(project_dir: Path) -> Catalog:
    """The catalog of the build under way for `project_dir`, loading `journeys/` if no build started one."""
    project_dir = Path(project_dir).resolve()
    with _lock:
        if project_dir not in _catalogs:
            loaded, problems = load_catalog(project_dir / DEFAULT_JOURNEYS_DIR)
            if errors(problems):
                raise DataError(problems)
            _add_history(project_dir / DEFAULT_JOURNEYS_DIR, loaded)
            _catalogs[project_dir] = loaded
        return _catalogs[project_dir]
