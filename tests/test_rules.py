"""The data rules (macros/rules.py) on small real files: each warns at its field, and stays quiet on good data.

That the repository's own data raises none of them holds test_validation.test_repository_data_is_valid.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.loader import load_catalog

from .helpers import run_cli

REPO = Path(__file__).resolve().parent.parent

PERSONA = """\
name: Mira
segment: obligated
conversations: 6
"""

GOOD = """\
title: Pass beantragen
persona: mira
owner: Team A
kpis:
  - name: Wartezeit
    current: 40 Minuten
    period: Juni 2026
    source: Terminsystem (Beispiel)
stages:
  - name: Termin
    steps:
      - action: Termin buchen
        emotion: 5
        confidence: published
        evidence: ["Quelle: Fachartikel (Nachschlagen › Quellen)"]
      - action: Wartet am Schalter
        emotion: 2
        confidence: assumed
        pain_points:
          - text: Niemand sagt, wie lange es dauert
            confidence: published
            evidence: ["Quelle: Blogbeitrag (Nachschlagen › Quellen)"]
"""


def warnings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    root = tmp_path / "journeys"
    for name, content in {"personas/mira.yml": PERSONA, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    _, problems = load_catalog(root)
    assert not [p for p in problems if p.is_error], problems
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("content", "where", "text"),
    [
        # a step marked as published without naming the publication
        (GOOD.replace('        evidence: ["Quelle: Fachartikel (Nachschlagen › Quellen)"]\n', ""), "team/pass.yml:14:9",
         "„confidence: published“ heißt: aus einer Veröffentlichung"),
        # a pain point that cites a source but calls it the team's own observation
        (GOOD.replace("            confidence: published", "            confidence: observed"), "team/pass.yml:21:13",
         "Der Beleg nennt eine Veröffentlichung"),
        # a step without confidence: the warning sits at its action
        (GOOD.replace("        confidence: assumed\n", ""), "team/pass.yml:16:9", "Dieser Schritt sagt nicht, worauf er beruht"),
        # a KPI without period and source
        (GOOD.replace("    period: Juni 2026\n    source: Terminsystem (Beispiel)\n", ""), "team/pass.yml:5:5",
         "braucht period (Zeitraum) und source (Quelle)"),
        (GOOD.replace("    period: Juni 2026\n", ""), "team/pass.yml:5:5", "„Wartezeit“ braucht period (Zeitraum):"),
        # the best moment with a pain point
        (GOOD.replace("emotion: 2", "emotion: 5"), "team/pass.yml:19:9", "Ein Schritt mit Gefühl 5 (sehr gut) hat keinen Schmerzpunkt"),
        # a journey that names a statute without saying when its law was checked
        (GOOD.replace("action: Termin buchen", "action: Termin buchen, Hinweis auf § 19 BMG"), "team/pass.yml:1:1",
         "Diese Journey nennt ein Gesetz"),
        # a target journey with a step someone claims to have seen
        (GOOD + "state: target\n", "team/pass.yml:14:9", "Trage „confidence: planned“ ein"),
        # an improvement marked done that was due only after the review
        (GOOD + "last_reviewed: 2026-11-20\nimprovements:\n  - action: Wartezeit anzeigen\n    owner: Team A\n"
         "    due: 2027-03-01\n    status: done\n", "team/pass.yml:28:5", "Diese Maßnahme ist erst am 2027-03-01 fällig"),
    ],
)
def test_each_rule_warns_at_the_field_it_concerns(tmp_path, content, where, text):
    found = warnings(tmp_path, {"team/pass.yml": content})
    hits = [w for w in found if text in w]
    assert hits and hits[0].startswith(f"journeys/{where}: Hinweis: "), found


def test_good_data_raises_no_rule_warning(tmp_path):
    assert warnings(tmp_path, {"team/pass.yml": GOOD}) == []


def test_a_journey_naming_a_statute_is_fine_with_its_legal_review(tmp_path):
    checked = GOOD.replace("action: Termin buchen", "action: Termin buchen, Hinweis auf § 19 BMG")
    checked += "legal_review:\n  checked: 2026-12-07\n  countries: [DE]\n"
    assert warnings(tmp_path, {"team/pass.yml": checked}) == []


def test_planned_steps_in_a_target_journey_are_fine(tmp_path):
    target = GOOD.replace("confidence: published\n        evidence", "confidence: planned\n        evidence").replace(
        "        confidence: assumed", "        confidence: planned") + "state: target\n"
    assert [w for w in warnings(tmp_path, {"team/pass.yml": target}) if "Soll-Zustand" in w] == []


@pytest.mark.parametrize(
    ("persona", "warned"),
    [
        ("name: Ben\nsegment: donor\n", True),
        ("name: Ben\nsegment: donor\nconversations: 4\n", True),
        ("name: Ben\nsegment: donor\nconversations: 5\n", False),
        ("name: Ben\nsegment: donor\nbasis: case\n", False),
    ],
)
def test_personas_meet_the_persona_rule_or_are_case_figures(tmp_path, persona, warned):
    found = warnings(tmp_path, {"personas/ben.yml": persona})
    expected = ["journeys/personas/ben.yml:1:1: Hinweis: Eine Persona beruht auf mindestens 5 echten Gesprächen"] if warned else []
    assert [w[: len(expected[0])] for w in found] == expected if warned else found == []


def test_rule_warnings_do_not_fail_validate_but_show_with_position(tmp_path):
    warnings(tmp_path, {"team/pass.yml": GOOD.replace("        confidence: assumed\n", "")})
    result = run_cli("validate", "--format", "github", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("::warning file=journeys/team/pass.yml,line=16,col=9::Dieser Schritt sagt nicht")


def test_the_error_page_documents_every_rule():
    from macros import rules

    page = (REPO / "docs" / "mitmachen" / "fehlermeldungen.md").read_text(encoding="utf-8")
    names = [rule.__name__ for rule in rules.JOURNEY_RULES + rules.PERSONA_RULES]
    missing = [name for name in names if f"`{name}`" not in page]
    assert not missing, f"fehlermeldungen.md nennt diese Regeln nicht: {missing}"
