"""The theme's files without a walk through hidden folders.

On every build (and every save under `mkdocs serve`) MkDocs lists each file of
the theme through Jinja (`Files.add_files_from_theme`) and then drops the files
in hidden folders. Material keeps about 14,000 icons in `.icons/`, so listing
them took 0.14 to 0.27 s a build, for 43 files that are kept. The theme's Jinja
environment here lists the same files without entering a hidden folder; a
template still includes an icon by its name. `tests/test_build.py` checks that
MkDocs adds the very same theme files either way.
"""
from __future__ import annotations

import os

import jinja2


class VisibleTemplates(jinja2.FileSystemLoader):
    """Jinja's file loader, listing only what is outside hidden folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                found.update(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/") for name in names)
        return sorted(found)


def list_visible_templates(theme) -> None:
    """From now on, `theme.get_env()` (which MkDocs calls once per build) lists templates with `VisibleTemplates`."""
    get_env = theme.get_env

    def env() -> jinja2.Environment:
        environment = get_env()
        environment.loader = VisibleTemplates(theme.dirs)
        return environment

    theme.get_env = env
