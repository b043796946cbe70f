"""The MkDocs build as CI runs it: bad data never becomes a page (serving: test_serve_preview.py).

Builds run in process (`build_site`); the first test runs the real `mkdocs build` command once.
"""
from __future__ import annotations

import re
from types import SimpleNamespace
from pathlib import Path

import pytest

from .helpers import FIXTURES, REPO, build_site, make_project, run_mkdocs

pytestmark = pytest.mark.build

PAGES = {"index.md": "# Start\n", "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n"}


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "p", FIXTURES / "valid" / "journeys", PAGES)


def test_invalid_data_fails_the_build_with_the_validator_messages(project):
    """The real command line (a subprocess): German message with file, line and column, no traceback, no site."""
    target = project / "journeys" / "team-a" / "amt-neu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("emotion: 5", "emotion: 6"), encoding="utf-8")
    site = project / "site"
    result = run_mkdocs(project, site)
    assert result.returncode != 0
    assert "journeys/team-a/amt-neu.yml:22:18: „emotion“ muss eine ganze Zahl von 1 bis 5 sein, hier steht 6." in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists(), "nothing half-built is left behind"


def test_unknown_id_in_a_macro_fails_the_build(project):
    (project / "docs" / "praxis.md").write_text('# Praxis\n\n{{ journey_map("gibt-es-nicht") }}\n', encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "Die Journey „gibt-es-nicht“ gibt es nicht" in result.stdout + result.stderr


def test_a_page_with_the_same_address_as_a_journey_is_refused(project):
    (project / "docs" / "journeys" / "amt.md").write_text("# Doppelt\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0 and "docs/journeys/amt.md gibt es schon" in result.stderr


@pytest.mark.parametrize("emotion", ["5", "6"], ids=["written", "refused"])
def test_a_build_gives_its_catalog_back_to_the_garbage_collector(project, emotion):
    """The loaded catalog is frozen for Python's cyclic collector during the build (`session.gc_paused`), and only
    then: `mkdocs serve` and these tests build many times in one process."""
    import gc

    target = project / "journeys" / "team-a" / "amt-neu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("emotion: 5", f"emotion: {emotion}"), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == (0 if emotion == "5" else 1)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_every_yaml_file_is_parsed_once_per_build(project, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import macros.loader

    calls: list[str] = []
    original = macros.loader.read_document

    def counting(path, raw):
        calls.append(path)
        return original(path, raw)

    monkeypatch.setattr(macros.loader, "read_document", counting)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    files = sorted(str(p.relative_to(project)) for p in (project / "journeys").rglob("*.yml"))
    assert sorted(calls) == files


def test_mermaid_comes_through_mermaid2_and_only_to_pages_with_a_diagram(tricky_site):
    """Under MkDocs the mermaid2 plugin loads Mermaid from this site; the extension's own loader is for Zensical."""
    start = (tricky_site / "index.html").read_text(encoding="utf-8")
    journey = (tricky_site / "journeys" / "amt" / "index.html").read_text(encoding="utf-8")
    assert "mermaid" not in start.lower()
    assert journey.count('import mermaid from "../../assets/mermaid2-entry.mjs";') == 1, "mermaid2's loader, local"
    assert "window.mermaid = mermaid" not in journey and "mermaid-on-demand.mjs" not in journey, "no second loader"
    assert not re.search(r"""(src|from)\s*=?\s*["']https?://""", journey), "no script from another host"


def test_data_warnings_are_shown_but_do_not_fail_the_strict_build(project):
    target = project / "journeys" / "team-a" / "amt-neu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("state: target", "state: current"), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "Hinweis: Für einen Vergleich braucht eine der beiden Journeys" in result.stderr


def test_kundenwege_mermaid2_adds_exactly_the_scripts_of_mermaid2s_own_page_hook():
    """The subclass skips mermaid2's BeautifulSoup pass over the page, never what mermaid2 writes into it."""
    from bs4 import BeautifulSoup
    from mermaid2.plugin import MarkdownMermaidPlugin
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    plugin = config.plugins["kundenwege-mermaid2"]
    plugin.on_config(config)
    html = '<!doctype html>\n<html lang="de"><body><p>Ablauf</p>\n<pre class="mermaid"><code>journey\n  section A</code></pre>\n</body>\n</html>'

    def scripts(text):
        return [(tag.attrs, tag.string) for tag in BeautifulSoup(text, "html.parser").find_all("script")]

    links = set()
    for url in ("journeys/amt/", "journeys/steuer/", "", "personas/", "a/b/c/", "journeys/amt/"):  # the script is reused by link
        page = SimpleNamespace(url=url, title="Amt")
        ours = plugin.on_post_page(html, config=config, page=page)
        theirs = MarkdownMermaidPlugin.on_post_page(plugin, html, config=config, page=page)
        assert scripts(ours) == scripts(theirs) and len(scripts(ours)) == 1, url
        assert ours.startswith(html.rsplit("</body>", 1)[0]), "the page itself is left as written"
        links.add(scripts(ours)[0][1].split('"')[1])
    assert len(links) == 4, links
    assert plugin.on_post_page("<html><body><p>Kein Diagramm</p></body></html>", config=config, page=page).count("<script") == 0


def test_the_theme_gives_the_same_files_without_walking_hidden_folders():
    """MkDocs adds the same theme files (and Jinja finds an icon by name) when the listing skips Material's icons."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from macros.adapters.theme_files import VisibleTemplates, list_visible_templates

    config = load_config(str(REPO / "mkdocs.yml"))
    stock = config.theme.get_env()
    list_visible_templates(config.theme)
    visible = config.theme.get_env()
    assert isinstance(visible.loader, VisibleTemplates)
    assert len(visible.list_templates()) * 10 < len(stock.list_templates()), "the icons are not listed"
    added = []
    for env in (stock, visible):
        files = Files([])
        files.add_files_from_theme(env, config)
        added.append(sorted((file.src_uri, file.abs_src_path) for file in files))
    assert added[0] == added[1] and added[0]
    assert "<svg" in visible.get_template(".icons/material/magnify.svg").render()


def test_the_search_index_is_the_one_pagefind_makes_from_the_finished_pages(small_handbook, tmp_path, monkeypatch):
    """During the build Pagefind gets each page's article as soon as its Markdown is rendered (`article_ahead`),
    without the elements it skips (`search.searchable`). The bundle is byte for byte the one it makes from the
    written pages, whole, added in the same order."""
    from macros import search

    order, add = [], search.StreamingIndex.add
    monkeypatch.setattr(search.StreamingIndex, "add", lambda index, url, html: (order.append(url), add(index, url, html)))
    (small_handbook / "docs" / "ohne-titel.md").write_text("Eine Seite ohne Überschrift: Material setzt den Titel darüber.\n", encoding="utf-8")
    site = tmp_path / "site"
    try:
        assert build_site(small_handbook, site).returncode == 0
    finally:
        (small_handbook / "docs" / "ohne-titel.md").unlink()
    written = [site / url / "index.html" for url in order]
    assert any("kw-legal-review" in page.read_text(encoding="utf-8") for page in written), "a page with a legal review line"
    assert "<h1" in (site / "ohne-titel" / "index.html").read_text(encoding="utf-8")

    monkeypatch.setattr(search, "searchable", lambda html: html)
    index = search.StreamingIndex()
    for url, page in zip(order, written):
        index.add(url, page.read_text(encoding="utf-8"))
    index.write(tmp_path / "whole")

    def bundle(root: Path) -> dict[str, bytes]:
        return {path.relative_to(root).as_posix(): path.read_bytes() for path in (root / search.BUNDLE_DIR).rglob("*") if path.is_file()}

    assert bundle(site) == bundle(tmp_path / "whole")
