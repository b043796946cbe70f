"""MkDocs plugin (also ProperDocs): refuse bad data before anything is written, add the generated pages.

Thin on purpose. Loading and checking live in `session` and `model`, the pages
in `render.pages`, the fragments in the Markdown extension that every builder
runs, the edit links in the theme. What stays here is what only MkDocs offers:
a hook at the start of each build (so `mkdocs serve` reloads edited YAML),
a files hook for the generated pages, and hooks that hand each page's article to
the search index as soon as its Markdown is rendered (`article_ahead`) and have
it written while MkDocs renders the templates (so `mkdocs serve` searches the
current pages too), and `on_page_markdown`, which tells
the Markdown extension the page it renders (`builder`). During `mkdocs serve`,
`live_rebuild` rebuilds only the pages a changed journey file touches, and data
errors become a page instead of a stuck server (`serve_errors`), and the theme's
files are listed without Material's 14,000 icons (`theme_files`).
"""
from __future__ import annotations

import logging
import posixpath
from pathlib import Path

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .. import navigation_file, search, session
from . import live_rebuild, serve_errors, theme_files
from .article_ahead import ArticlesAhead
from .builder import PageContext, set_current_page
from ..editor.bundle import editor_files
from ..files import link_message, walk
from ..render.pages import generated_file_paths, generated_pages
from ..today import DateError

log = logging.getLogger("mkdocs.plugins.kundenwege")


class JourneysDir(config_options.Dir):
    """An existing folder, relative to mkdocs.yml; a typo fails the build instead of giving an empty catalog."""

    def run_validation(self, value: object) -> str:
        try:
            return super().run_validation(value)
        except ValidationError:
            raise ValidationError(
                f"Den Journey-Ordner „{value}“ gibt es nicht. Lege ihn an oder korrigiere „journeys_dir“ in mkdocs.yml."
            ) from None


class KundenwegeConfig(Config):
    journeys_dir = JourneysDir(exists=True, default=session.DEFAULT_JOURNEYS_DIR)


class KundenwegePlugin(BasePlugin[KundenwegeConfig]):
    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        theme_files.list_visible_templates(config.theme)
        self.project = project = Path(config.config_file_path).parent.resolve()
        if getattr(self, "serving", False):
            live_rebuild.start(project, Path(self.config.journeys_dir), Path(config.docs_dir), Path(config.config_file_path))
        self.live = live_rebuild.serving(project)
        self.errors, self.search_index = None, None
        refused = [link_message(posixpath.relpath(link, project), "docs") for link in walk(Path(config.docs_dir))[1]]
        problems = []
        try:
            memo = self.live.memo if self.live else None
            self.catalog, warnings = session.start(project, Path(self.config.journeys_dir), memo, draw_ahead=self.live is None)
        except DateError as error:
            raise PluginError(str(error)) from None
        except session.DataError as error:
            self.catalog = None
            problems = [p for p in error.problems if p.is_error]
            warnings = [p for p in error.problems if not p.is_error]
        for warning in warnings:
            log.info(str(warning))  # shown, but --strict must not turn it into a failure
        for message in refused + [str(p) for p in problems]:
            log.error(message)
        if self.live:
            self.live.failed = bool(refused or problems)
        if not (refused or problems):
            return config
        if self.live is None:
            raise PluginError(
                f"{len(refused) + len(problems)} Fehler (siehe oben). Der Build bricht ab, damit keine fehlerhafte Seite "
                "veröffentlicht wird. Einzeln prüfen: python -m macros validate"
            )
        if self.live.step:
            raise live_rebuild.FullBuildNeeded()  # every page must show the errors, not just the changed ones
        log.warning("Die Vorschau zeigt auf jeder Seite die Fehler, bis die Datei korrigiert ist.")
        self.errors = serve_errors.DataErrors(problems, refused)
        return config

    def on_files(self, files: Files, config) -> Files:
        self.data_files = []
        if self.errors:
            for src_uri in serve_errors.page_sources(Path(self.config.journeys_dir), self.live.catalog):
                if files.get_file_from_path(src_uri) is None:
                    files.append(File.generated(config, src_uri, content=serve_errors.MARKDOWN))
            return files
        shown = posixpath.relpath(self.config.journeys_dir, Path(config.config_file_path).parent)
        partial = self.live.step if self.live else ""
        if partial == "pages":
            affected = live_rebuild.affected_pages(self.catalog, self.live.catalog, self.live.changed)
        elif partial == "lists":
            affected = set()
            live_rebuild.mark_handbook_pages(files, config)
        for page in generated_pages(self.catalog, posixpath.relpath(self.config.journeys_dir, config.docs_dir)):
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{shown}/{page.source}: Die Seite docs/{page.src_uri} gibt es schon. Benenne die Datei um.")
            kept = partial and live_rebuild.is_kept(self.live, page, affected)
            files.append((live_rebuild.KeptFile if kept else File).generated(config, page.src_uri, content=page.content))
        if partial == "pages":
            return files  # the open data follows with the lists
        # The open data and the tables' rows are filled in by `on_env`, after the pages: often a second process has
        # made them by then (see `prerender`). Until then the files exist, so links to them are checked as usual.
        self.data_prefix = shown
        self.data_files = [File.generated(config, path, content="") for path in generated_file_paths()]
        for file in self.data_files:
            files.append(file)
        for data in editor_files(Path(self.config.journeys_dir)):
            files.append(File.generated(config, data.path, content=data.content))
        return files

    def on_nav(self, nav, config, files):
        if self.live and self.live.step:
            live_rebuild.keep_titles(self.live, nav)
        self.navigation = [page.url for page in nav.pages]
        return nav

    def on_env(self, env, config, files):
        # Compiled templates are kept between builds and serve's rebuilds, in Jinja's own folder in the temp directory
        # (checked against each template's source, so a changed theme compiles again): compiling is half a small build.
        env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        if self.data_files:
            made = {data.path: data.content for data in session.data_files(self.project, self.data_prefix)}
            for file in self.data_files:
                content = made[file.src_uri]
                file.content_bytes = content if isinstance(content, bytes) else content.encode()
        if self.search_index is not None:  # every article is in: Pagefind writes while MkDocs renders the templates
            try:
                self.search_index.start_writing(Path(config.site_dir))
            except search.SearchIndexError as error:
                raise PluginError(str(error)) from None
        return env

    def on_pre_build(self, config) -> None:
        partial = self.live is not None and self.live.step
        self.search_index = None if partial or self.errors else search.StreamingIndex()  # a partial build sees only some pages
        self.articles = ArticlesAhead(config) if self.search_index is not None else None

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        project = Path(config.config_file_path).parent
        set_current_page(PageContext(page.file.url, project, mermaid_by_plugin="kundenwege-mermaid2" in config.plugins))
        return serve_errors.MARKDOWN if self.errors else markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        set_current_page(None)
        if self.errors:
            return self.errors.page()
        if self.search_index is not None:
            self.search_index.add(page.url, self.articles.page(page, html))
        return html

    def on_post_page(self, output: str, page, config) -> str:
        if self.live:
            self.live.titles[page.file.src_uri] = page.title
        return output

    def on_post_build(self, config) -> None:
        session.finish(self.project)
        navigation_file.write(Path(config.site_dir), self.navigation)
        if self.live and not self.errors:
            self.live.catalog = self.catalog
        try:
            if self.search_index is not None:
                log.info(f"Suchindex: {self.search_index.write(Path(config.site_dir))}")
            elif self.live.step == "lists":  # the whole site is current again
                log.info(f"Suchindex: {search.index_site(Path(config.site_dir))}")
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        server.builder = live_rebuild.builder(Path(config.config_file_path).parent.resolve(), config, builder)
        return server

    def on_build_error(self, error) -> None:
        set_current_page(None)
        if getattr(self, "project", None):
            session.finish(self.project)
        if getattr(self, "search_index", None) is not None:
            self.search_index.close()
