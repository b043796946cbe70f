"""The CSV export follows the schema: a column per step property, described by the schema, pain points in full."""
from __future__ import annotations

import csv
import datetime as dt
import io

from macros.loader import load_texts
from macros.render.export import STEP_COLUMNS, open_data
from macros.schema import resolved_schema

PERSONA = "name: Mira\nsegment: obligated\nconversations: 6\n"
JOURNEY = """\
title: Pass beantragen
persona: mira
owner: Team A
stages:
  - name: Termin
    steps:
      - action: Wartet am Schalter
        emotion: 2
        confidence: observed
        backstage: [Akte wird gesucht]
        pain_points:
          - Niemand sagt, wie lange es dauert
          - text: Formular nur auf Papier
            confidence: assumed
            evidence: [Workshop März 2026, Beschwerde 12]
"""


def test_every_step_property_has_a_column_described_by_the_schema():
    steps = resolved_schema("journey")["properties"]["stages"]["items"]["properties"]["steps"]["items"]["properties"]
    columns = {c.name: c.description for c in STEP_COLUMNS}
    named = {"id": "step_id"}
    for name, node in steps.items():
        column = named.get(name, name)
        assert column in columns, f"Spalte für {name} fehlt"
        assert node["title"] in columns[column] or node.get("description", "")[:20] in columns[column], columns[column]


def test_pain_points_carry_their_confidence_and_evidence_in_order():
    catalog, problems = load_texts({"personas/mira.yml": PERSONA, "team/pass.yml": JOURNEY})
    assert not [p for p in problems if p.is_error], problems
    raw = next(f.content for f in open_data(catalog, dt.date(2026, 12, 7)) if f.path == "api/journeys.csv")
    header, row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    cell = dict(zip(header, row))
    assert cell["pain_points"] == "Niemand sagt, wie lange es dauert | Formular nur auf Papier"
    assert cell["pain_confidence"] == "– | assumed"
    assert cell["pain_evidence"] == "– | Workshop März 2026; Beschwerde 12"
    assert (cell["backstage"], cell["confidence"], cell["moment_of_truth"]) == ("Akte wird gesucht", "observed", "nein")
