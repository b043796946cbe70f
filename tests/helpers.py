"""What several test modules share: projects to build, builds and CLI calls in process, golden files, browser pages.

Test modules import from here, never from each other or from `conftest.py`. Builds and `python -m macros`
run in this process (about twice as fast as a fresh interpreter that imports MkDocs and Material again);
`run_mkdocs` and `run_module` start the real commands for the one smoke test each that keeps the
command lines honest.
"""
from __future__ import annotations

import contextlib
import difflib
import functools
import io
import logging
import math
import os
import posixpath
import re
import shutil
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from macros.local_browser import OPEN_SHADOW_ROOTS, draw_diagrams

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE_GOLDEN = "KUNDENWEGE_UPDATE_GOLDEN"
PROPERTY_SCALE = "KUNDENWEGE_PROPERTY_SCALE"


@contextlib.contextmanager
def environment(**variables: str):
    """Set environment variables for the length of a block, then restore what was there."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class Ran:
    """What a command left behind, shaped like `subprocess.CompletedProcess` so tests read the same either way."""

    returncode: int
    stdout: str
    stderr: str


def build_site(project: Path, site_dir: Path, **env_vars: str) -> Ran:
    """`mkdocs build --strict` of `project` into `site_dir`, in this process.

    The log goes to `stderr` as the command prints it; an abort (bad data, strict warnings) gives
    returncode 1 with its message, and a macro error the exit code mkdocs-macros ends the command with.
    Anything else raises, as it would end the command with a traceback.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with environment(NO_MKDOCS_2_WARNING="1", **env_vars), contextlib.chdir(project):
            try:
                build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
                code = 0
            except Abort as abort:
                log.write(f"Aborted: {abort.message}\n")
                code = 1
            except SystemExit as stop:  # mkdocs-macros ends the process on a macro error (`on_error_fail`)
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Ran(code, "", log.getvalue())


def run_cli(*args: str, cwd: Path = REPO, **env_vars: str) -> Ran:
    """`python -m macros ARGS` in `cwd`, in this process: `macros.cli.main` with its output captured."""
    from macros.cli import main

    out, err = io.StringIO(), io.StringIO()
    with environment(**env_vars), contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Ran(code, out.getvalue(), err.getvalue())


def run_mkdocs(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict` command, for the smoke test of the command line."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def run_module(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The real `python -m macros ARGS` command, for the smoke test of the command line."""
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the test folder is on the repository's file system (no file is written twice), else a copy.
    A linked file is the repository's own: tests never write into a project's `docs/assets/`."""
    try:
        os.link(source, target)
    except OSError:  # a temporary folder in memory, say
        shutil.copy2(source, target)


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
    # Pyodide stays out, as a small handbook has no editor page.
    shutil.copytree(REPO / "docs" / "assets", docs / "assets", copy_function=link_or_copy, ignore=shutil.ignore_patterns("pyodide"))
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return target


# The pages a small handbook needs around its journeys: a start page, the catalog and the persona overview.
SMALL_PAGES = {
    "index.md": "# Start\n\nEine Persona im Test.\n",
    "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n",
    "personas/index.md": "# Personas\n\n{{ persona_overview() }}\n",
}
# Two journeys of the repository with what they refer to: a Passamt journey with its target, a tax office journey.
SERVED_JOURNEYS = ("passamt-kinderpass", "passamt-kinderpass-soll", "steueramt-vorladung")


def served_handbook(target: Path) -> Path:
    """A small handbook for `mkdocs serve` tests: the repository's configuration and theme, `SERVED_JOURNEYS`, every
    persona and `SMALL_PAGES`. A full build of it takes under a second, the handbook's about three."""
    project = make_project(target, REPO / "journeys", SMALL_PAGES)
    for path in (project / "journeys").rglob("*.yml"):
        if path.parent.name != "personas" and path.stem not in SERVED_JOURNEYS:
            path.unlink()
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nwatch:\n  - journeys\n")  # as the repository's mkdocs.yml, so a saved journey rebuilds
    return project


def assert_golden(expected: Path, actual: str) -> None:
    """Compare with the expected file; `KUNDENWEGE_UPDATE_GOLDEN=1` writes it instead (review its git diff)."""
    if os.environ.get(UPDATE_GOLDEN) == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        with expected.open("w", encoding="utf-8", newline="") as file:  # CSV keeps its \r\n
            file.write(actual)
    if not expected.exists():
        raise AssertionError(f"{expected.relative_to(REPO)} is missing; create it with {UPDATE_GOLDEN}=1 and review it.")
    with expected.open(encoding="utf-8", newline="") as file:
        wanted = file.read()
    if actual != wanted:
        diff = difflib.unified_diff(
            wanted.splitlines(keepends=True), actual.splitlines(keepends=True), f"{expected} (expected)", "rendered now", n=2
        )
        raise AssertionError(
            f"Output differs from {expected.relative_to(REPO)}; if intended, rerun with {UPDATE_GOLDEN}=1:\n" + "".join(diff)
        )


# A journey edit as a team would make it in a pull request (the repository's Passamt journey).
PASSAMT = "journeys/buergerservice/passamt-kinderpass.yml"
STEP = "Erfährt vor dem Termin, dass sie die schriftliche Zustimmung des Vaters mitbringen muss"
PAIN = "Die Mail nennt keine Telefonnummer <b>für</b> Rückfragen (Beispiel)"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                          capture_output=True, text=True, check=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def property_settings(examples: int, **options) -> settings:
    """Hypothesis settings for every property test: `examples` examples, times `KUNDENWEGE_PROPERTY_SCALE`.

    `make test` leaves the factor at 1; `make test-fast` sets 0.2 for a short loop, and a long hunt sets more
    (`KUNDENWEGE_PROPERTY_SCALE=100`). No deadline: a loaded machine must not fail a test (timings are benchmarks).
    """
    scale = float(os.environ.get(PROPERTY_SCALE, "1"))
    return settings(max_examples=max(1, math.ceil(examples * scale)), deadline=None, **options)


# Any text a team may write, including what breaks diagrams, templates and pages.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
nasty = st.sampled_from(
    [
        "a: b; c", "#35;", "%%{init: {'theme':'dark'}}%%", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}",
        "title x", "section y", "end", "click x call f()", "style a fill:#f00;", "x --> y", "`code`", "| pipe |",
        "مرحبا", "😀👍🏽", "a\nb\r\nc", "&amp; &lt;", "ﬂ°°35¶ß", "classDef x fill:#fff;", "accTitle: t",
    ]
)
any_text = st.one_of(texts, nasty, st.builds(lambda a, b: a + b, nasty, texts))


# What a browser test needs: a page that records foreign requests and errors, diagrams drawn, axe run.
DIAGRAM_STATE = """
() => Array.from(document.querySelectorAll('div.mermaid, pre.mermaid')).map(el => {
  if (el.tagName === 'PRE') return {state: 'unrendered'};
  const root = el.shadowRoot;
  if (!root || !root.querySelector('svg')) return {state: 'no-svg'};
  const text = root.textContent;
  return {state: /Syntax error|Parse error/i.test(text) ? 'error' : 'ok', text: root.querySelector('svg').textContent};
})
"""
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}


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


def pages_of(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site).parent).replace(".", "") + "/" if p.name == "index.html" else str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "assets" not in p.parts
    )


def edit_link(page: str) -> str:
    """The edit button's address as a browser opens it ("docs/../journeys/…" resolved), attributes in any order
    (mermaid2 writes pages with a diagram anew)."""
    button = next((tag for tag in re.findall(r"<a\b[^>]*>", page) if 'rel="edit"' in tag and "md-content__button" in tag), None)
    assert button, "no edit button"
    parts = urllib.parse.urlsplit(re.search(r'href="([^"]+)"', button).group(1))
    return parts._replace(path=posixpath.normpath(parts.path)).geturl()


def wait_for_diagrams(watch: PageWatch) -> None:
    if watch.page.evaluate("() => document.querySelector('.mermaid') !== null"):
        draw_diagrams(watch.page, 15_000)


@functools.cache
def _axe():
    """axe-core, loaded when a browser test first asks (unit tests never need it)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(page) -> list[str]:
    results = _axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
