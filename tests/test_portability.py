"""The same repository on MkDocs, ProperDocs and Zensical: one core, thin glue, the same pages."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros import labels, schema
from macros.loader import load_catalog
from macros.render.compare import comparison_pairs
from macros.render.fragments import FRAGMENTS

from .helpers import DIAGRAM_STATE, FIXTURES as ALL_FIXTURES, REPO, PageWatch, build_site, edit_link, make_project, pages_of, run_cli, wait_for_diagrams

BIN = Path(sys.executable).parent
FIXTURES = ALL_FIXTURES / "valid" / "journeys"


def enums(node):
    """(property name, enum values) for every enum in a schema with its `$ref`s inlined."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            for node_with_enum in (sub, sub.get("items") or {}):
                if "enum" in node_with_enum:
                    yield name, node_with_enum["enum"]
        for value in node.values():
            yield from enums(value)
    elif isinstance(node, list):
        for item in node:
            yield from enums(item)


def test_labels_have_exactly_the_keys_of_the_schema_enums():
    found = {}
    for kind in schema.KINDS:
        for name, values in enums(schema._validator(kind).schema):
            found.setdefault(name, set()).update(values)
    assert {"segment", "state", "status", "confidence", "topic"} <= set(found)
    assert {name: set(keys) for name, keys in labels.ENUM_LABELS.items()} == found


def schema_nodes(node, path=""):
    """(path, node, is_property) for every property and `$defs` entry of a schema, as written in the file."""
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, sub in (node.get(key) or {}).items():
                yield f"{path}/{name}", sub, key == "properties"
                yield from schema_nodes(sub, f"{path}/{name}")
        if "items" in node:
            yield from schema_nodes(node["items"], f"{path}[]")


def test_every_field_has_a_german_title_and_every_enum_a_german_word_per_value():
    """The schema is the one home of a field's German words: the form, the reference and the renderers read them there."""
    problems = []
    for kind in schema.KINDS:
        for path, node, is_property in schema_nodes(schema.load_schema(kind)):
            if is_property and "title" not in node:
                problems.append(f"{kind}{path}: kein title")
            for enum_node in (node, node.get("items") or {}):
                if "enum" in enum_node and set(enum_node.get("x-labels", {})) != set(map(str, enum_node["enum"])):
                    problems.append(f"{kind}{path}: x-labels passen nicht zu enum")
    assert not problems, "\n".join(problems)


def test_every_macro_is_a_registered_fragment_and_every_fragment_a_macro(tmp_path):
    """Registered through Zensical's own macros environment, which needs no MkDocs plugin at all."""
    from zensical.extensions.macros import MacroEnv

    shutil.copytree(FIXTURES, tmp_path / "journeys")
    env = MacroEnv(conf={"root_dir": str(tmp_path)})
    import macros

    macros.define_env(env)
    assert set(env.macros) == set(FRAGMENTS)
    assert env.macros["journey_map"]("amt") == "<!-- kundenwege:journey_map:amt -->"
    with pytest.raises(KeyError, match="Meintest du „amt“"):
        env.macros["journey_map"]("amtt")


def test_sources_are_relative_to_the_journeys_root_wherever_the_build_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    catalog, _ = load_catalog(FIXTURES)
    assert catalog.journeys["amt"].source == "team-a/amt.yml"
    assert catalog.personas["mira"].source == "personas/mira.yml"


@pytest.mark.build
def test_a_missing_journeys_folder_fails_the_build_in_german(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES, {"index.md": "# Start\n"})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - kundenwege\n", "  - kundenwege:\n      journeys_dir: journey\n"), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "Den Journey-Ordner „journey“ gibt es nicht." in result.stderr
    assert not (project / "site").exists()


def test_build_input_is_never_written_into_docs(tmp_path):
    before = sorted(str(p) for p in (REPO / "docs").rglob("*"))
    result = run_cli("build-input", "docs/x")
    assert result.returncode == 1 and "darf weder docs/ noch journeys/ sein" in result.stderr
    assert sorted(str(p) for p in (REPO / "docs").rglob("*")) == before


def test_zensical_builds_every_journey_and_persona_page_with_diagram_map_and_blueprint(small_handbook, small_zensical_site, small_site):
    """On the small handbook (a journey with its target, another journey, every persona, the catalogs): the glue is
    the same for every page of a kind. The browser tests open every page of the whole handbook built by Zensical."""
    catalog, _ = load_catalog(small_handbook / "journeys")
    for journey in catalog.journeys.values():
        page = (small_zensical_site / "journeys" / journey.id / "index.html").read_text(encoding="utf-8")
        assert '<pre class="mermaid">' in page and 'class="kw-map"' in page and 'class="kw-blueprint-svg"' in page, journey.id
        assert edit_link(page).endswith("/edit/main/journeys/" + journey.source)
    pairs = comparison_pairs(catalog)
    assert pairs, "the small handbook has a journey with its target"
    for current_id in pairs:
        page = (small_zensical_site / "journeys" / current_id / "vergleich" / "index.html").read_text(encoding="utf-8")
        assert 'class="kw-comparison"' in page and 'class="kw-curve"' in page, current_id
    for persona in catalog.personas.values():
        page = (small_zensical_site / "personas" / persona.id / "index.html").read_text(encoding="utf-8")
        assert "kw-card" in page
        assert edit_link(page).endswith("/edit/main/journeys/" + persona.source)
    assert pages_of(small_zensical_site) == pages_of(small_site), "the same addresses as the MkDocs site"


@pytest.mark.browser
def test_zensical_site_is_private_error_free_and_its_catalog_filters(browser, zensical_site, zensical_server):
    watch = PageWatch(browser, zensical_server)
    failures = []
    for path in pages_of(zensical_site):
        watch.goto(zensical_server + path)
        wait_for_diagrams(watch)
        states = [d["state"] for d in watch.page.evaluate(DIAGRAM_STATE)]
        problems = {"external requests": watch.foreign, "page errors": watch.errors, "diagrams": [s for s in states if s != "ok"]}
        failures += [f"{path}: {name}: {value}" for name, value in problems.items() if value]
    assert not failures, "\n".join(failures)
    watch.goto(zensical_server + "journeys/")
    rows = watch.page.locator(".kw-catalog-table tbody tr")
    total = rows.count()
    watch.page.fill("[data-filter-text]", "Kind beantragen")
    expect(watch.page.locator(".kw-count")).not_to_have_text(f"{total} Journeys")
    assert 0 < watch.page.locator(".kw-catalog-table tbody tr:not([hidden])").count() < total
    watch.close()


def test_properdocs_builds_the_same_site_as_a_drop_in(small_handbook, small_site, tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-d", str(site)], cwd=small_handbook, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert pages_of(site) == pages_of(small_site)
    page = (site / "journeys" / "passamt-kinderpass" / "index.html").read_text(encoding="utf-8")
    assert 'class="kw-map"' in page and 'import mermaid from "../../assets/mermaid2-entry.mjs"' in page  # mermaid2 runs here too
    assert (site / "pagefind" / "pagefind.js").is_file() and not (site / "search").exists()
