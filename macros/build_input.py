"""The input of a build for generators without a files hook (Zensical): a project copy with the generated pages.

MkDocs gets the journey and persona pages through the plugin's files hook.
Other generators read pages only from disk, so this writes a self-contained
copy of the project into a build folder: `docs/` plus the generated pages,
`journeys/`, and a `mkdocs.yml` that inherits the real one. The tracked
`docs/` is never written to, and symbolic links are refused, as in the build.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from .files import link_message, walk
from .editor.bundle import editor_files
from .model import Catalog
from .render.pages import generated_files, generated_pages
from .today import today


class BuildInputError(Exception):
    pass


def write_build_input(project: Path, out: Path, catalog: Catalog, journeys_dir: str = "journeys") -> int:
    """Write the build input into `out`; returns the number of generated pages."""
    project, out = project.resolve(), out.resolve()
    docs = project / "docs"
    if out == project or out.is_relative_to(docs) or docs.is_relative_to(out) or out.is_relative_to(project / journeys_dir):
        raise BuildInputError(f"{out}: Der Build-Ordner darf weder docs/ noch journeys/ sein oder enthalten.")
    for folder in ("docs", journeys_dir):
        links = walk(project / folder)[1]
        if links:
            raise BuildInputError(link_message(os.path.relpath(links[0], project), folder))
    if out.exists():
        shutil.rmtree(out)
    _copy_tree(docs, out / "docs")
    _copy_tree(project / journeys_dir, out / "journeys")
    pages = generated_pages(catalog, "../journeys")
    for page in pages:
        target = out / "docs" / page.src_uri
        if target.exists():
            raise BuildInputError(f"{journeys_dir}/{page.source}: Die Seite docs/{page.src_uri} gibt es schon. Benenne die Datei um.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    for data in generated_files(catalog, today(), journeys_dir) + editor_files(project / journeys_dir):
        target = out / "docs" / data.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.content if isinstance(data.content, bytes) else data.content.encode("utf-8"))
    (out / "mkdocs.yml").write_text(_inheriting_config(project, out), encoding="utf-8")
    return len(pages)


def _copy_tree(source: Path, target: Path) -> None:
    for path in walk(source)[0]:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _inheriting_config(project: Path, out: Path) -> str:
    """A config that takes everything from the real one and changes only where files are."""
    lines = [
        "# Written by `python -m macros build-input`; edit mkdocs.yml instead.",
        f"INHERIT: {os.path.relpath(project / 'mkdocs.yml', out)}",
        "docs_dir: docs",
        "site_dir: site",
    ]
    custom_dir = _theme_custom_dir(project / "mkdocs.yml")
    if custom_dir:
        lines += ["theme:", f"  custom_dir: {os.path.relpath(project / custom_dir, out)}"]
    return "\n".join(lines) + "\n"


def _theme_custom_dir(config: Path) -> str | None:
    """`theme.custom_dir` read from the node graph, so tags such as !ENV need no constructor."""
    root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value == "theme" and isinstance(value, yaml.MappingNode):
            for sub_key, sub_value in value.value:
                if sub_key.value == "custom_dir":
                    return sub_value.value
    return None
