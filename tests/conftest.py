"""Shared fixtures: real builds of real YAML, served on 127.0.0.1, seen by real Chromium."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.local_browser import CHROMIUM_ARGS, OPEN_SHADOW_ROOTS, chromium_path, serve

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

def run_mkdocs(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def make_project(target: Path, journeys: Path, pages: dict[str, str]) -> Path:
    """A small handbook with the repository's configuration, its own journeys and the given pages."""
    target.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("\nnav:")[0]
    config = config.replace("custom_dir: macros/theme", f"custom_dir: {REPO / 'macros' / 'theme'}")
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(journeys, target / "journeys")
    docs = target / "docs"
    (docs / ".snippets").mkdir(parents=True)
    (docs / ".snippets" / "abbreviations.md").write_text("*[Persona]: Ein typischer Mensch.\n", encoding="utf-8")
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The real handbook, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
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
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real handbook built by Zensical, as `make build-zensical` does it, but into a temporary folder."""
    out = tmp_path_factory.mktemp("zensical") / "input"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    prepared = subprocess.run([sys.executable, "-m", "macros", "build-input", str(out)], cwd=REPO, env=env, capture_output=True, text=True)
    assert prepared.returncode == 0, prepared.stderr
    built = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--strict", "--clean"], cwd=out, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    indexed = subprocess.run([sys.executable, "-m", "macros", "search-index", str(out / "site")], cwd=REPO, capture_output=True, text=True)
    assert indexed.returncode == 0, indexed.stderr
    return out / "site"


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


class PageWatch:
    """A browser page that records what it requested elsewhere and which errors it threw."""

    def __init__(self, browser, origin: str, **context_options):
        self.origin = origin
        self.context = browser.new_context(**context_options)
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)

    def goto(self, url: str) -> None:
        """Visit another page in the same tab, with fresh records (a new context per page costs ~1 s)."""
        self.foreign.clear()
        self.errors.clear()
        self.requests.clear()
        self.page.goto(url, wait_until="load")

    def _request(self, request):
        self.requests.append(request.url)
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.foreign.append(request.url)

    def close(self):
        self.context.close()


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
