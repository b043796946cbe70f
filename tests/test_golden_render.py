"""Every renderer on small real YAML, compared with its expected output (tests as data).

Each folder in tests/fixtures/render/ is a case: `journeys/` (personas and journeys, as a team writes them)
and `expected/`, one file per renderer with the output for every journey, persona or comparison it draws:
`<fragment>.html` for each fragment of the registry, `mermaid.mmd` (what `macros render` prints),
`pages.md` (the generated Markdown pages) and `files.txt` (the open data and table rows beside them;
JSON re-indented, one value per line, so that a diff points at the field).
The schema's own documentation (the same for every case) sits in tests/fixtures/render/schema/.

`KUNDENWEGE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_render.py` rewrites the expected
files; review their git diff before committing. "Today" is fixed (SOURCE_DATE_EPOCH), never the clock.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from macros.loader import load_catalog
from macros.problems import errors
from macros.site_map import relative
from macros.render.compare import comparison_pairs
from macros.render.context import RenderContext
from macros.render.fragments import EXPORT_IDS, FRAGMENTS, expand, marker
from macros.render.mermaid import journey_diagram
from macros.render.pages import generated_files, generated_pages
from macros.schema import KINDS

from .helpers import FIXTURES, assert_golden

CASES = FIXTURES / "render"
SCHEMA_CASE = CASES / "schema"
DAY = dt.date(2026, 12, 7)
EPOCH = str(int(dt.datetime(2026, 12, 7, 12, tzinfo=dt.timezone.utc).timestamp()))
# Links are drawn as seen from a journey page, as on the site.
PAGE_URL = "journeys/beispiel/"
CASE_FRAGMENTS = sorted(name for name, fragment in FRAGMENTS.items() if fragment.target not in ("schema", "export"))
OTHER_OUTPUTS = ["mermaid.mmd", "pages.md", "files.txt"]


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "journeys").is_dir())


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def catalogs() -> dict:
    """Each case's catalog, loaded once; a case must load without errors."""
    loaded = {}
    for name in case_names():
        catalog, problems = load_catalog(CASES / name / "journeys", today=DAY)
        assert errors(problems) == [], "\n".join(map(str, problems))
        loaded[name] = catalog
    return loaded


def ids_for(catalog, name: str) -> list[str]:
    """Every id a fragment can draw in this catalog ("" where it takes none or an optional one)."""
    target = FRAGMENTS[name].target
    if target == "journey":
        return sorted(catalog.journeys)
    if target == "comparison":
        return sorted(comparison_pairs(catalog))
    if target == "persona":
        return sorted(catalog.personas)
    if target == "persona?":
        return ["", *sorted(catalog.personas)]
    return [""]


def drawn(catalog, name: str, ident: str) -> str:
    """One fragment as the Markdown extension puts it into a page."""
    return expand(marker(name, ident), RenderContext(catalog, DAY, lambda target: relative(PAGE_URL, target)))


def sections(parts: list[tuple[str, str]]) -> str:
    """Several outputs in one file, each under a head line naming it."""
    return "".join(f"==> {head} <==\n{content}\n" for head, content in parts)


def readable(path: str, content: str | bytes) -> str:
    """A generated file as text; JSON one value per line, so a changed field shows as one changed line."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return json.dumps(json.loads(text), ensure_ascii=False, indent=1) if path.endswith(".json") else text


def render(catalog, output: str) -> str:
    if output == "mermaid.mmd":
        return sections([(ident, journey_diagram(catalog.journeys[ident])) for ident in sorted(catalog.journeys)])
    if output == "pages.md":
        return sections([(f"{page.src_uri} (aus {page.source or '–'})", page.content) for page in generated_pages(catalog)])
    if output == "files.txt":
        # The schemas under api/schema/ are the schema files themselves, published as they are.
        files = [file for file in generated_files(catalog, DAY) if not file.path.startswith("api/schema/")]
        return sections([(file.path, readable(file.path, file.content)) for file in files])
    name = output.removesuffix(".html")
    return sections([(f"{name}:{ident}", drawn(catalog, name, ident)) for ident in ids_for(catalog, name)])


@pytest.mark.parametrize("output", [f"{name}.html" for name in CASE_FRAGMENTS] + OTHER_OUTPUTS)
@pytest.mark.parametrize("case", case_names())
def test_renderer_output_as_expected(catalogs, case, output):
    assert_golden(CASES / case / "expected" / output, render(catalogs[case], output))


@pytest.mark.parametrize(
    ("name", "ident"),
    [("schema_reference", kind) for kind in KINDS] + [("open_data_fields", ident) for ident in EXPORT_IDS],
)
def test_schema_documentation_as_expected(catalogs, name, ident):
    catalog = next(iter(catalogs.values()))  # these fragments read only the schemas and the export's columns
    assert_golden(SCHEMA_CASE / f"{name}--{ident}.html", drawn(catalog, name, ident) + "\n")


def test_no_expected_file_outlives_its_renderer():
    """A fragment renamed or removed from the registry takes its expected files along (a new one fails above until added)."""
    for case in case_names():
        present = {p.name for p in (CASES / case / "expected").iterdir()}
        assert present == {f"{name}.html" for name in CASE_FRAGMENTS} | set(OTHER_OUTPUTS), case
