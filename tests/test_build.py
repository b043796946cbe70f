"""The MkDocs build as CI and `make serve` run it: bad data never becomes a page."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURES, make_project, run_mkdocs

PAGES = {"index.md": "# Start\n", "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n"}


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "p", FIXTURES / "valid" / "journeys", PAGES)


def test_invalid_data_fails_the_build_with_the_validator_messages(project):
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
    result = run_mkdocs(project, project / "site")
    assert result.returncode != 0
    assert "Die Journey „gibt-es-nicht“ gibt es nicht" in result.stdout + result.stderr


def test_a_page_with_the_same_address_as_a_journey_is_refused(project):
    (project / "docs" / "journeys" / "amt.md").write_text("# Doppelt\n", encoding="utf-8")
    result = run_mkdocs(project, project / "site")
    assert result.returncode != 0 and "docs/journeys/amt.md gibt es schon" in result.stderr


def test_every_yaml_file_is_parsed_once_per_build(project, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import macros.model

    calls: list[str] = []
    original = macros.model.read_document

    def counting(path, raw):
        calls.append(path)
        return original(path, raw)

    monkeypatch.setattr(macros.model, "read_document", counting)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    files = sorted(str(p.relative_to(project)) for p in (project / "journeys").rglob("*.yml"))
    assert sorted(calls) == files


def test_mermaid_comes_through_mermaid2_and_only_to_pages_with_a_diagram(project):
    """Under MkDocs the mermaid2 plugin loads Mermaid from this site; the extension's own loader is for Zensical."""
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    start = (project / "site" / "index.html").read_text(encoding="utf-8")
    journey = (project / "site" / "journeys" / "amt" / "index.html").read_text(encoding="utf-8")
    assert "mermaid" not in start.lower()
    assert journey.count('import mermaid from "../../assets/mermaid2-entry.mjs";') == 1, "mermaid2's loader, local"
    assert "window.mermaid = mermaid" not in journey and "mermaid-on-demand.mjs" not in journey, "no second loader"
    assert not re.search(r"""(src|from)\s*=?\s*["']https?://""", journey), "no script from another host"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_when_a_journey_changes(project):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "watch:\n  - journeys\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/journeys/amt-neu/"
    try:
        assert wait_for(lambda: "Online buchen" in fetch(url), 60), "serve did not come up"
        target = project / "journeys" / "team-a" / "amt-neu.yml"
        target.write_text(target.read_text(encoding="utf-8").replace("Online buchen", "Per App buchen"), encoding="utf-8")
        assert wait_for(lambda: "Per App buchen" in fetch(url), 60), "the page did not follow the YAML change"
    finally:
        server.terminate()
        server.wait(timeout=20)
    shutil.rmtree(project / "site", ignore_errors=True)


def test_data_warnings_are_shown_but_do_not_fail_the_strict_build(project):
    target = project / "journeys" / "team-a" / "amt-neu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("state: target", "state: current"), encoding="utf-8")
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "Hinweis: Für einen Vergleich braucht eine der beiden Journeys" in result.stderr
