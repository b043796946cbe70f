"""`mkdocs serve` at scale: after a journey file changes, rebuild only the pages that show it.

MkDocs' live-reload server calls one builder after every change, and that
builder builds everything: about 20 s at 1,000 journeys. The plugin hands the
server a builder of ours instead (`on_serve` may change the server). It
compares the project's files with the last build:
- only existing journey files changed: "dirty" MkDocs builds (MkDocs' own
  mode for `serve --dirty`) in which just the affected pages count as
  modified, in two steps. First each changed journey's page, its comparison
  and its partner's page and the persona pages of its persona before and
  after; then the server reloads the browser. Right after, in the background,
  the pages that list journeys (every handbook page that calls a macro, the
  paged catalog and backlog), the open data under /api/ and /tabellen/, and
  the search index. Unchanged files are not parsed again (`load_catalog`'s
  memo), and compiled templates are kept (see the plugin's `on_env`);
- anything else (docs/, mkdocs.yml, code, a persona, a new or deleted file),
  and every build while or right after the data had errors (each page shows
  them then, see `serve_errors`): MkDocs' own full build, as before.
`mkdocs build` never comes here and stays a full build.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File

from ..model import Catalog
from ..render.compare import comparison_pairs
from ..site_map import comparison_source, journey_source, persona_source

log = logging.getLogger("mkdocs.plugins.kundenwege")
CODE = Path(__file__).resolve().parent.parent  # the macros package: a change there needs a full build
MACRO_CALL = "{{"


@dataclass
class Serving:
    """What one `mkdocs serve` keeps between builds of its project."""

    journeys_dir: Path
    watched: list[Path]
    memo: dict = field(default_factory=dict)  # parsed YAML by bytes, see load_catalog
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (mtime_ns, size) at the last build
    catalog: Catalog | None = None  # the catalog of the last build
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> page title, for pages a partial build skips
    changed: frozenset[str] | None = None  # ids of the changed journeys during a partial build, else None
    step: str = ""  # during a partial build: "pages" (the journeys' own pages) or "lists" (what lists them)
    background: threading.Thread | None = None  # the "lists" step of the last partial build
    failed: bool = False  # the last build found errors in the data, so its pages show them


_serving: dict[Path, Serving] = {}


class FullBuildNeeded(Exception):
    """A partial build found errors in the data: every page must show them, so build everything."""


def start(project: Path, journeys_dir: Path, docs_dir: Path, config_file: Path) -> None:
    """`mkdocs serve` runs for `project`: from now on keep what the next builds can reuse. Called by every build
    of the serve (MkDocs keeps a plugin with `on_startup` across builds); the first one counts."""
    _serving.setdefault(project, Serving(journeys_dir, [journeys_dir, docs_dir, config_file, CODE]))


def serving(project: Path) -> Serving | None:
    return _serving.get(project)


def builder(project: Path, config, full_build):
    """The function the live-reload server calls after a change: a partial build if only journeys changed."""
    state = _serving[project]
    state.seen = _snapshot(state.watched)
    serve_url = config.site_url

    def partial(changed: frozenset[str], step: str) -> None:
        fresh = load_config(config_file=config.config_file_path, site_dir=config.site_dir, strict=config.strict)
        fresh.site_url = serve_url
        state.changed, state.step = changed, step
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.addFilter(_without_dirty_warning)
        try:
            build(fresh, serve_url=serve_url, dirty=True)
        finally:
            state.changed, state.step = None, ""
            build_log.removeFilter(_without_dirty_warning)

    def lists(changed: frozenset[str]) -> None:
        try:
            partial(changed, "lists")
        except Exception as error:  # the server thread is gone; say it where the author looks
            log.error(f"Listen und Suchindex ließen sich nicht erneuern: {error}")

    def rebuild() -> None:
        if state.background is not None:
            state.background.join()  # one build at a time
        before, state.seen = state.seen, _snapshot(state.watched)
        changed = _changed_journeys(before, state.seen, state.journeys_dir)
        if changed is None or state.failed:
            full_build()
            return
        log.info(f"Nur geänderte Journeys neu: {', '.join(sorted(changed))}")
        try:
            partial(frozenset(changed), "pages")
        except FullBuildNeeded:
            full_build()
            return
        state.background = threading.Thread(target=lists, args=(frozenset(changed),), daemon=True)
        state.background.start()

    return rebuild


def _without_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may get the navigation wrong; a partial build keeps the titles (keep_titles)."""
    return "'dirty' build" not in record.getMessage()


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    seen = {}
    for root in paths:
        if root.is_file():
            stat = root.stat()
            seen[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except FileNotFoundError:
                    continue
                seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


def _changed_journeys(before: dict, after: dict, journeys_dir: Path) -> set[str] | None:
    """Ids of the journey files that changed in place, or None if anything else changed (then build everything)."""
    if before.keys() != after.keys():
        return None
    changed = [Path(path) for path in after if before[path] != after[path]]
    root = journeys_dir.resolve()
    if not changed or any(
        path.suffix != ".yml" or not path.resolve().is_relative_to(root) or path.parent.name == "personas" for path in changed
    ):
        return None
    return {path.stem for path in changed}


def affected_pages(catalog: Catalog, before: Catalog | None, changed: frozenset[str]) -> set[str]:
    """The generated journey and persona pages (src_uri) that show a changed journey, as it is and as it was."""
    pages = set()
    for ident in changed:
        pages.add(journey_source(ident))
        for version in (catalog, before) if before else (catalog,):
            journey = version.journeys.get(ident)
            if journey is not None and journey.persona:
                pages.add(persona_source(journey.persona))
            for current, target in comparison_pairs(version).values():
                if ident in (current.id, target.id):
                    pages |= {comparison_source(current.id), journey_source(current.id), journey_source(target.id)}
    return pages


class KeptFile(File):
    """A generated page a partial build leaves as it is on disk."""

    def is_modified(self) -> bool:
        return False


def mark_handbook_pages(files, config) -> None:
    """Handbook pages that call a macro list journeys: make MkDocs' dirty build see them as modified."""
    for file in files.documentation_pages():
        if file.abs_src_path and os.path.isfile(file.abs_dest_path):
            with open(file.abs_src_path, encoding="utf-8") as source:
                if MACRO_CALL in source.read():
                    os.utime(file.abs_dest_path, ns=(0, 0))


def keep_titles(state: Serving, nav) -> None:
    """A partial build reads only the pages it rebuilds; the others keep the titles of the last full read."""
    for page in nav.pages:
        if page.title is None and page.file.src_uri in state.titles:
            page.title = state.titles[page.file.src_uri]


def is_kept(state: Serving, page, affected: set[str]) -> bool:
    """Whether a partial build leaves a generated page as it is: journey and persona pages outside `affected` in
    both steps, the paged lists (no source of their own) in the first."""
    return page.src_uri not in affected if page.source else state.step == "pages"
