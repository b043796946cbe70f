"""The macros that handbook pages can call, e.g. `{{ journey_map("passamt-kinderpass") }}`.

One macro per entry of the fragment registry, with the same name. Each checks
its id at once (a wrong id fails the build, on_error_fail, with the closest
id) and returns a marker; the Markdown extension renders the escaped HTML.
Works under mkdocs-macros and under Zensical's own macros: both give
`env.project_dir`, and the catalog comes from `session`, not from a plugin.
"""
from __future__ import annotations

from pathlib import Path

from .. import session
from ..render.fragments import FRAGMENTS, check_reference, marker


def register(env) -> None:
    project_dir = Path(env.project_dir)
    for name, fragment in FRAGMENTS.items():
        env.macro(_macro(project_dir, name, fragment.doc), name)


def _macro(project_dir: Path, name: str, doc: str):
    def macro(ident: str = "") -> str:
        check_reference(session.catalog(project_dir), name, ident)
        return marker(name, ident)

    macro.__name__ = name
    macro.__doc__ = doc
    return macro
