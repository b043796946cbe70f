"""The journey diff on data: before/after pairs with their expected changes, and properties for any journey.

Each folder in tests/fixtures/diff/ holds `before.yml` and/or `after.yml` and `expected.txt`, the changes
as `python -m macros diff` prints them. `KUNDENWEGE_UPDATE_GOLDEN=1` rewrites the expected files; review the
git diff of them before committing.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from macros.journey_diff import diff
from macros.loader import load_texts
from macros.problems import errors
from macros.render.changes import as_text

from .helpers import assert_golden, property_settings

CASES = Path(__file__).resolve().parent / "fixtures" / "diff"
DAY = dt.date(2026, 12, 7)
PERSONA = "name: Mira\nsegment: obligated\n"


def version(text: str | None, persona: bool = False):
    """The journey (or persona) of one file's text, loaded as the build loads it."""
    if text is None:
        return None
    source = "personas/mira.yml" if persona else "team/wege.yml"
    catalog, problems = load_texts({"personas/mira.yml": PERSONA, source: text}, today=DAY)
    assert errors(problems) == [], "\n".join(map(str, problems))  # data-rule warnings do not matter to a diff
    return catalog.personas["mira"] if persona else catalog.journeys["wege"]


def read(case: Path, name: str) -> str | None:
    path = case / name
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_changes_as_expected(case):
    folder = CASES / case
    persona = case.startswith("persona")
    changes = diff(version(read(folder, "before.yml"), persona), version(read(folder, "after.yml"), persona), DAY)
    assert_golden(folder / "expected.txt", as_text(changes) + "\n")


REPO_JOURNEYS = Path(__file__).resolve().parent.parent / "journeys"
REAL = sorted(REPO_JOURNEYS.rglob("*.yml"))
TEXTS = {p.relative_to(REPO_JOURNEYS).as_posix(): p.read_bytes() for p in REAL}


@pytest.fixture(scope="module")
def real_catalog():
    """The repository's journeys and personas as the diff loads them, once for this module."""
    catalog, _ = load_texts(TEXTS, today=DAY)
    return catalog


@pytest.fixture(scope="module")
def journeys(real_catalog):
    return list(real_catalog.journeys.values())


@pytest.mark.parametrize("ident", [p.stem for p in REAL])
def test_a_journey_against_itself_has_no_change(real_catalog, ident):
    item = real_catalog.journeys.get(ident) or real_catalog.personas[ident]
    assert diff(item, item, DAY) == []


def _reformatted(data, rng: random.Random):
    """The same data with shuffled keys; YAML written in another style."""
    if isinstance(data, dict):
        keys = list(data)
        rng.shuffle(keys)
        return {k: _reformatted(data[k], rng) for k in keys}
    if isinstance(data, list):
        return [_reformatted(v, rng) for v in data]
    return data


@property_settings(40, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), style=st.sampled_from([None, '"', "'"]), flow=st.booleans(), index=st.integers(0, len(REAL) - 1))
def test_reformatting_gives_no_change(real_catalog, seed, style, flow, index):
    path = REAL[index]
    source = path.relative_to(REPO_JOURNEYS).as_posix()
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}
    other = "# umformatiert\n" + yaml.safe_dump(
        _reformatted(data, random.Random(seed)), allow_unicode=True, sort_keys=False, default_style=style, default_flow_style=flow, width=60
    )
    after, problems = load_texts(TEXTS | {source: other}, today=DAY, only={source})
    assert not [p for p in problems if p.is_error], problems
    ident = path.stem
    old = real_catalog.journeys.get(ident) or real_catalog.personas[ident]
    new = after.journeys.get(ident) or after.personas[ident]
    assert diff(old, new, DAY) == []


@property_settings(60)
@given(st.data())
def test_added_and_removed_items_found_whatever_the_order(journeys, data):
    journey = data.draw(st.sampled_from(journeys))
    step_no = data.draw(st.integers(0, len(journey.steps) - 1))
    step = journey.steps[step_no]
    field = data.draw(st.sampled_from(["opportunities", "evidence", "backstage", "support"]))
    extra = data.draw(st.text(alphabet="abcdefghij äöüß", min_size=3, max_size=20).filter(lambda t: t.strip()))
    extra = "Neu: " + extra.strip()
    items = list(getattr(step, field))
    removed = items.pop(data.draw(st.integers(0, len(items) - 1))) if items else None
    items.append(extra)
    shuffled = data.draw(st.permutations(items))
    new_step = replace(step, **{field: tuple(shuffled)})
    stages = tuple(replace(s, steps=tuple(new_step if x is step else x for x in s.steps)) for s in journey.stages)
    changes = diff(journey, replace(journey, stages=stages), DAY)
    found = {(c.field, c.action, c.new or c.old) for c in changes}
    assert (field, "added", extra) in found
    if removed is not None and removed not in shuffled:
        assert (field, "removed", removed) in found
    assert all(c.field == field and c.step == step.action for c in changes), changes


def _permuted(journey, data):
    """The journey with every order-free list shuffled: pain points, lists of a step, improvements, KPIs, channels."""
    def shuffle(items):
        return tuple(data.draw(st.permutations(list(items))))

    stages = tuple(
        replace(stage, steps=tuple(
            replace(step, pain_points=shuffle(step.pain_points), opportunities=shuffle(step.opportunities),
                    evidence=shuffle(step.evidence), actors=shuffle(step.actors), backstage=shuffle(step.backstage))
            for step in stage.steps))
        for stage in journey.stages
    )
    return replace(journey, stages=stages, improvements=shuffle(journey.improvements), kpis=shuffle(journey.kpis),
                   channels=shuffle(journey.channels))


@property_settings(60)
@given(st.data())
def test_the_order_of_lists_is_no_change_and_added_or_removed_improvements_are_found_anywhere(journeys, data):
    from macros.model import Improvement

    journey = data.draw(st.sampled_from(journeys))
    shuffled = _permuted(journey, data)
    assert diff(journey, shuffled, DAY) == []
    improvements = list(shuffled.improvements)
    removed = improvements.pop(data.draw(st.integers(0, len(improvements) - 1))) if improvements else None
    added = Improvement(action="Neu: " + data.draw(st.text(alphabet="abcdefg xyz", min_size=1, max_size=15)), owner="Team X")
    improvements.insert(data.draw(st.integers(0, len(improvements))), added)
    changes = diff(journey, replace(shuffled, improvements=tuple(improvements)), DAY)
    assert ("improvement", "added", added.action) in {(c.field, c.action, c.new) for c in changes}
    if removed is not None:
        assert ("improvement", "removed", removed.action) in {(c.field, c.action, c.old) for c in changes}
    assert all(c.field == "improvement" for c in changes), changes


def test_steps_side_by_side_for_the_chart_keep_dropped_steps_in_their_place():
    from macros.journey_diff import step_pairs
    from macros.render.summary import emotion_chart

    folder = CASES / "steps-with-ids"
    old, new = version(read(folder, "before.yml")), version(read(folder, "after.yml"))
    pairs = [(b.id if b else None, a.id if a else None) for b, a in step_pairs(old, new)]
    assert pairs == [("vergleichen", "vergleichen"), ("suchen", "suchen"), ("anrufen", None), ("formular", "formular"),
                     (None, "bestaetigung")]
    chart = emotion_chart(old, new).splitlines()
    assert '    x-axis "Schritt" ["1", "2", "entfällt", "3", "4 neu"]' in chart
    assert "    line [3, 3, 2, 2, 2]" in chart and "    line [3, 3, 3, 2, 4]" in chart
