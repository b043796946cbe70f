"""Session fixtures and markers: real builds of real YAML, served on 127.0.0.1, seen by real Chromium.

Helpers live in `tests/helpers.py`; this file holds what pytest injects. Every test gets exactly one of the
markers `unit`, `build` or `browser` here, from the fixtures it uses (or its module's `pytestmark`), so
`make test-fast` (`-m "not browser"`) and `-m unit` select without a list to keep up to date.
Tests that read the session's built handbook share one pytest-xdist worker (`--dist loadgroup`), so that
`make test-fast` builds it once, not once per worker; the `mkdocs serve` tests share another, and every other module
stays on one worker, so its module fixtures are built once too. The longest groups are handed out first.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.local_browser import CHROMIUM_ARGS, chromium_path, serve
from macros.loader import load_catalog

from .helpers import FIXTURES, REPO, build_site, make_project, run_cli, served_handbook

KINDS = ("unit", "build", "browser")
# Fixtures that build a whole site; a test using one is a build test (or a browser test, if it also uses `browser`).
SITE_FIXTURES = {"repo_site", "tricky_site", "zensical_site", "small_site", "small_zensical_site", "live_handbook"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups to send tests to workers
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "repo_site" in item.fixturenames or "zensical_site" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("handbook"))
        elif "live_handbook" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("serve"))
        elif "small_site" in item.fixturenames or "small_zensical_site" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("small"))
        elif not item.get_closest_marker("xdist_group"):  # a module's fixtures are then built by one worker only
            item.add_marker(pytest.mark.xdist_group(item.path.stem))
        if any(item.get_closest_marker(kind) for kind in KINDS):
            continue
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        elif SITE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)
    items.sort(key=serve_order)
    if config.getoption("loadgroup", False):  # with --no-loadscope-reorder, xdist hands out groups in this order
        items.sort(key=work_order)


# The serve tests share one server (`live_handbook`). The partial rebuilds are tested first, on a server that nothing
# has edited yet: after the error test's last fix the server may run one more full build, which would rebuild every page.
SERVE_MODULES = ("test_serve_preview", "test_serve_errors")


def serve_order(item) -> int:
    return SERVE_MODULES.index(item.path.stem) if "live_handbook" in item.fixturenames else -1


# The longest work units first (the two `mkdocs serve` tests, then the handbook's builds), then the other builds;
# the short unit tests fill the gaps at the end, so no worker starts a long unit when the other is nearly done.
FIRST_GROUPS = ("serve", "handbook")


def work_order(item) -> int:
    group = item.get_closest_marker("xdist_group").args[0]
    if group in FIRST_GROUPS:
        return FIRST_GROUPS.index(group)
    return len(FIRST_GROUPS) + (0 if item.get_closest_marker("build") else 1)


def pytest_xdist_node_collection_finished(node, ids):
    """`--dist loadgroup` sends a group to one worker only if its tests carry the group in their ids; with pytest 9.2
    and pytest-xdist 3.8 they lose it without a word (pytest-dev/pytest-xdist#1386) and every worker builds and serves
    the handbook again. The serve tests are always grouped, so their ids show whether grouping works."""
    if node.config.getoption("dist") != "loadgroup":
        return
    lost = [test for test in ids if test.startswith("tests/test_serve_preview.py::") and not test.endswith("@serve")]
    if lost:
        pytest.exit(f"pytest-xdist gruppiert die Tests nicht (siehe pytest in requirements-test.txt): {lost[0]}", returncode=4)


@pytest.fixture(scope="session")
def handbook():
    """The repository's journeys and personas, loaded once per session (tests must not change it)."""
    catalog, _ = load_catalog(REPO / "journeys")
    return catalog


@pytest.fixture(scope="session")
def fixture_catalog():
    """The small journeys in tests/fixtures/valid/, full of characters that try to break out of their place."""
    catalog, _ = load_catalog(FIXTURES / "valid" / "journeys")
    return catalog


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The real handbook, built strictly once per test session; tests only read it."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def tricky_site(tmp_path_factory) -> Path:
    """A handbook built from journeys full of characters that try to break out of their place."""
    project = make_project(
        tmp_path_factory.mktemp("tricky"),
        FIXTURES / "valid" / "journeys",
        {
            "index.md": "# Start\n\nEine Persona im Test.\n",
            "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n",
            "personas/index.md": "# Personas\n\n{{ persona_overview() }}\n\n{{ persona_diagram() }}\n",
        },
    )
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


def zensical_build(project: Path, out: Path) -> Path:
    """`project` built by Zensical as `make build-zensical` does it, but into `out`; returns the site folder."""
    prepared = run_cli("build-input", str(out), cwd=project)
    assert prepared.returncode == 0, prepared.stderr
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    built = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--strict", "--clean"], cwd=out, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    indexed = run_cli("search-index", str(out / "site"), cwd=project)
    assert indexed.returncode == 0, indexed.stderr
    return out / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real handbook built by Zensical, for the browser tests."""
    return zensical_build(REPO, tmp_path_factory.mktemp("zensical") / "input")


@pytest.fixture(scope="session")
def small_handbook(tmp_path_factory) -> Path:
    """The small handbook of the serve tests, for what MkDocs, ProperDocs and Zensical must build alike."""
    return served_handbook(tmp_path_factory.mktemp("small") / "project")


@pytest.fixture(scope="session")
def small_site(small_handbook) -> Path:
    site = small_handbook / "site"
    result = build_site(small_handbook, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def small_zensical_site(small_handbook) -> Path:
    return zensical_build(small_handbook, small_handbook.parent / "zensical")


@pytest.fixture(scope="session")
def live_handbook(tmp_path_factory):
    """One `mkdocs serve` of the small handbook for the serve tests without a browser (starting it is the costly
    part). Each test leaves the files valid, finds what it edits in the files as they are, and reads only the log
    written after its edit."""
    from .live_serve import LiveServe

    project = served_handbook(tmp_path_factory.mktemp("serve") / "handbook")
    serve = LiveServe(project)
    serve.wait_for("journeys/passamt-kinderpass/", "Pass für ein Kind beantragen", timeout_s=300)
    yield project, serve
    serve.stop()


@pytest.fixture(scope="session")
def zensical_server(zensical_site):
    server = serve(zensical_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = (
            "Browser-Tests brauchen Chromium. Installiere es (Debian/Ubuntu: sudo apt-get install chromium) "
            "oder setze KUNDENWEGE_CHROMIUM=/pfad/zum/browser."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " In CI (CI=true) dürfen sie nicht fehlen.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def repo_server(repo_site):
    server = serve(repo_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def tricky_server(tricky_site):
    server = serve(tricky_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
