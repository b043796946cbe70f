"""Fuzzing the validator with what strangers might send: documents near the schema, and raw bytes.

For every input the validator must not raise, must not print a traceback,
must name file and line for each problem, and must stay within fixed bounds of
CPU time and memory per file. The fast yes/no check must agree with
jsonschema's detailed one. A few hundred examples run in every `make test`;
for a long run: `KUNDENWEGE_PROPERTY_SCALE=100 .venv/bin/python -m pytest tests/test_fuzz.py` (15,000 per property).
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from macros import schema
from macros.cli import main
from macros.loader import load_catalog
from macros.yamlsource import read_document

from .helpers import property_settings

FUZZ = property_settings(150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MAX_CPU_SECONDS = 5.0
MAX_MEMORY_MB = 64
PERSONA = b"name: Mira\nsegment: obligated\nbasis: case\n"
LINE = re.compile(r"^journeys/team/x\.yml:(\d+):(\d+): (?:Hinweis: )?\S")

# Values that YAML or the schema treat specially, mixed with arbitrary text.
odd_scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "no", "yes", "on", "~", "null", "2024", "1.5", "12:30", "2026-02-30", "2099-01-01", "1926-05-05",
                     "0x1F", ".inf", "-", "current", "target", "done", "waiting", "observed", "#", "&a", "*a", "!!str x",
                     "{{ 7*7 }}", "<b>x</b>", "mira", "x" * 2100]),
    st.integers(min_value=-10, max_value=10),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
keys = st.sampled_from(["title", "persona", "owner", "stages", "name", "steps", "action", "emotion", "actors", "pain_points",
                        "text", "topic", "evidence", "confidence", "id", "improvements", "due", "status", "steps", "last_reviewed",
                        "review_interval", "state", "compare_with", "kpis", "current", "target", "unbekannt", "emtion"])
values = st.recursive(odd_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


@st.composite
def near_schema(draw) -> dict:
    """A journey that is mostly right, with a few fields replaced, removed or added."""
    steps = [
        {"action": draw(st.sampled_from(["Termin buchen", "Warten"])), "emotion": draw(st.integers(1, 5)),
         "id": f"s{i}", "pain_points": ["lang", {"text": "unklar", "topic": "information"}]}
        for i in range(draw(st.integers(1, 3)))
    ]
    document = {"title": "Pass", "persona": "mira", "owner": "Team", "last_reviewed": "2026-01-01",
                "stages": [{"name": "Phase", "steps": steps}],
                "improvements": [{"action": "A", "owner": "B", "due": "2026-05-01", "steps": ["s0"]}]}
    places = [document, document["stages"][0], steps[0], document["improvements"][0]]
    for _ in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from(places))
        key = draw(keys)
        if draw(st.booleans()) and key in target:
            del target[key]
        else:
            target[key] = draw(values)
    return document


def yaml_text(document: dict, draw_tail: str) -> bytes:
    return (yaml.safe_dump(document, allow_unicode=True, sort_keys=False) + draw_tail).encode("utf-8")


tails = st.sampled_from(["", "title: doppelt\n", "extra: !!python/object/apply:os.system ['x']\n", "a: &x [*x]\n",
                         "<<: {a: 1}\n", "\tkaputt: 1\n", "q: 'offen\n", "- liste\n", "x: [1, 2\n"])


def check(raw: bytes) -> None:
    """Validate one file the way editors and CI do; assert the promises."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "journeys"
        (root / "personas").mkdir(parents=True)
        (root / "team").mkdir()
        (root / "personas" / "mira.yml").write_bytes(PERSONA)
        (root / "team" / "x.yml").write_bytes(raw)
        tracemalloc.start()
        started = time.process_time()
        catalog, problems = load_catalog(root)
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        assert seconds < MAX_CPU_SECONDS and peak < MAX_MEMORY_MB, (seconds, peak)
        for problem in problems:
            assert problem.path == "journeys/team/x.yml" and problem.line >= 1 and problem.column >= 1
            assert problem.message.strip() and "\n" not in problem.message, problem.message
        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["validate"])
        finally:
            os.chdir(cwd)
        assert code in (0, 1) and "Traceback" not in out.getvalue() + err.getvalue()
        printed = out.getvalue().splitlines()
        assert len(printed) == len(problems) and all(LINE.match(line) for line in printed), printed
        assert code == 1 or "x" in catalog.journeys, "a file without errors is in the catalog"
        assert code == 1 or not any(p.is_error for p in problems)


def agree(raw: bytes) -> None:
    """The compiled yes/no check says yes exactly when jsonschema finds nothing."""
    doc, _ = read_document("x.yml", raw)
    if doc is not None:
        detailed = list(schema._validator("journey").iter_errors(doc.data))
        assert schema._accepts("journey")(doc.data) == (not detailed), [e.message for e in detailed]


@FUZZ
@given(near_schema(), tails)
def test_documents_near_the_schema(document, tail):
    raw = yaml_text(document, tail)
    check(raw)
    agree(raw)


@FUZZ
@given(st.binary(max_size=400))
def test_raw_bytes(raw):
    check(raw)


@FUZZ
@given(st.data())
def test_valid_file_with_bytes_flipped(data):
    raw = bytearray((Path(__file__).parent / "fixtures" / "valid" / "journeys" / "team-a" / "amt.yml").read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position:position + 1] = data.draw(st.binary(min_size=0, max_size=3))
    check(bytes(raw))
    agree(bytes(raw))
