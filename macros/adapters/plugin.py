"""MkDocs plugin: load the journeys once, refuse bad data, add a page per journey and persona."""
from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..model import load_catalog
from ..render.fragments import UnknownReference, expand
from ..render.pages import journey_page, persona_page

log = logging.getLogger("mkdocs.plugins.kundenwege")
# pymdownx.tasklist draws checklists with disabled, unlabelled checkboxes; they cannot be used,
# so screen readers skip them and read the item text (axe: "form elements must have labels").
TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?(\s*/?)>')


class KundenwegeConfig(Config):
    journeys_dir = config_options.Type(str, default="journeys")


class KundenwegePlugin(BasePlugin[KundenwegeConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent / self.config.journeys_dir
        catalog, problems = load_catalog(root)
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise PluginError(
                f"{len(problems)} Fehler in den Journey-Daten (siehe oben). Der Build bricht ab, damit keine "
                "fehlerhafte Seite veröffentlicht wird. Einzeln prüfen: python -m macros validate"
            )
        self.catalog = catalog
        self.sources: dict[str, str] = {}
        return config

    def on_files(self, files: Files, config) -> Files:
        pages = [(f"journeys/{j.id}.md", j.path, journey_page(j)) for j in self.catalog.journeys.values()]
        pages += [(f"personas/{p.id}.md", p.path, persona_page(p)) for p in self.catalog.personas.values()]
        project = Path(config.config_file_path).parent.resolve()
        for src_uri, path, content in pages:
            # Messages show paths relative to the working directory; edit links need them relative to the repository.
            source = posixpath.relpath(Path(path).resolve(), project)
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{source}: Die Seite docs/{src_uri} gibt es schon. Benenne die Datei um.")
            files.append(File.generated(config, src_uri, content=content))
            self.sources[src_uri] = source
        return files

    def on_page_content(self, html, page, config, files):
        """Render the journey fragments the page asks for, with links relative to this page."""

        def href(target: str) -> str:
            relative = posixpath.relpath("/" + target, "/" + posixpath.dirname(page.url))
            return relative + "/" if target.endswith("/") else relative

        try:
            html = expand(html, self.catalog, href)
        except UnknownReference as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
        return TASK_CHECKBOX.sub(r'<input type="checkbox" disabled aria-hidden="true"\1>', html)

    def on_pre_page(self, page, config, files):
        """Generated pages: 'edit this page' opens the YAML file, not a page that does not exist."""
        source = self.sources.get(page.file.src_uri)
        if source and config.repo_url and config.edit_uri:
            docs_prefix = posixpath.relpath(config.docs_dir, Path(config.config_file_path).parent)
            base = config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/")
            if base.endswith("/" + docs_prefix):
                base = base[: -len(docs_prefix) - 1]
            page.edit_url = f"{base}/{source}"
        return page
