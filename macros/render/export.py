"""Open data: every build publishes the validated data as JSON and CSV under /api/.

So a BI or CRM team can use the journeys without reading our code. The JSON
files carry each file's validated data unchanged (it follows the published JSON
Schema) plus computed fields; the CSV files are flat, one row per step or per
improvement, and open with umlauts intact in German spreadsheet software
(UTF-8 with byte order mark, semicolons). The CSV columns of a step follow the
schema's step properties, and every column that holds a property takes its
description from the schema; both render the reference page too.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Callable

from ..freshness import is_overdue, review
from ..labels import BASIS_LABELS, EMOTION_WORDS, SEGMENT_LABELS, STATUS_LABELS
from ..model import Catalog, Journey, Persona
from ..schema import KINDS, load_schema, resolved_schema, schema_text
from ..site_map import api_file, journey_url, persona_url, schema_file
from ..text import flat
from .escape import csv_text, html_text
from .html import scroll_table

# The version of each kind's data is the schema's `x-version`, kept there with the fields it versions: raise the
# major number when a field is removed or changes meaning, the minor number when one is added.
# 1.1: Beleglage "published", persona basis and conversations, KPI period and source.
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative to the site root, e.g. "api/journeys.json"
    content: str | bytes


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable


def _join(items) -> str:
    return LIST_SEPARATOR.join(flat(item) for item in items)


def _described(node: dict) -> str:
    """A column's description from the schema: the field's German title and what it holds."""
    title, text = node.get("title", ""), node.get("description", "")
    meaning = text if text.startswith(title) else f"{title}: {text}" if text else title
    if node.get("type") == "array":
        meaning += f" Mehrere getrennt durch „{LIST_SEPARATOR}“."
    elif node.get("type") == "boolean":
        meaning = f"ja oder nein. {meaning}"
    return meaning


_JOURNEY = resolved_schema("journey")["properties"]
_STAGE = _JOURNEY["stages"]["items"]["properties"]
_STEP = _STAGE["steps"]["items"]["properties"]
_PAIN = next(choice for choice in _STEP["pain_points"]["items"]["anyOf"] if choice.get("type") == "object")["properties"]
_IMPROVEMENT = _JOURNEY["improvements"]["items"]["properties"]


def _cell(node: dict, value):
    """A value as the CSV shows it: lists joined, yes and no in words."""
    if node.get("type") == "array":
        return _join(value)
    if node.get("type") == "boolean":
        return "ja" if value else "nein"
    return value


def _per_pain_point(values) -> str:
    """One entry per pain point, in the order of `pain_points` („–“ where a point has none); empty if none has any."""
    values = list(values)
    return LIST_SEPARATOR.join(flat(v) or "–" for v in values) if any(values) else ""


# Step properties whose columns differ from "one column of the property's name".
_STEP_SPECIAL = {
    "id": lambda node: [Column("step_id", _described(node), lambda j, sn, st, n, s: s.id)],
    "emotion": lambda node: [
        Column("emotion", _described(node), lambda j, sn, st, n, s: s.emotion),
        Column("emotion_word", "Das Gefühl in Worten", lambda j, sn, st, n, s: EMOTION_WORDS[s.emotion]),
    ],
    "pain_points": lambda node: [
        Column("pain_points", f"{_STEP['pain_points']['title']}: {_PAIN['text']['description']} Mehrere getrennt durch „{LIST_SEPARATOR}“.", lambda j, sn, st, n, s: _join(p.text for p in s.pain_points)),
        Column("pain_topics", f"{_described(_PAIN['topic'])} Nur die angegebenen, getrennt durch „{LIST_SEPARATOR}“.",
               lambda j, sn, st, n, s: _join(p.topic for p in s.pain_points if p.topic)),
        Column("pain_confidence", f"{_described(_PAIN['confidence'])} Je Schmerzpunkt in der Reihenfolge von pain_points, „–“ wo sie fehlt.",
               lambda j, sn, st, n, s: _per_pain_point(p.confidence for p in s.pain_points)),
        Column("pain_evidence", f"{_described(_PAIN['evidence'])} Je Schmerzpunkt in der Reihenfolge von pain_points; "
               "die Belege eines Schmerzpunkts getrennt durch „; “.",
               lambda j, sn, st, n, s: _per_pain_point("; ".join(p.evidence) for p in s.pain_points)),
    ],
}


def _step_columns() -> list[Column]:
    """One column per step property, in the schema's order: a new optional field is exported without code here."""
    columns = []
    for name, node in _STEP.items():
        special = _STEP_SPECIAL.get(name)
        columns += special(node) if special else [Column(name, _described(node), lambda j, sn, st, n, s, name=name, node=node: _cell(node, getattr(s, name)))]
    return columns


# One row per step: (journey, stage number, stage, step number, step).
STEP_COLUMNS = [
    Column("journey_id", "Kennung der Journey (Dateiname)", lambda j, sn, st, n, s: j.id),
    Column("journey_title", _described(_JOURNEY["title"]), lambda j, sn, st, n, s: j.title),
    Column("persona_id", _described(_JOURNEY["persona"]), lambda j, sn, st, n, s: j.persona),
    Column("owner", _described(_JOURNEY["owner"]), lambda j, sn, st, n, s: j.owner),
    Column("state", _described(_JOURNEY["state"]) + " Leer, wenn nicht angegeben.", lambda j, sn, st, n, s: j.state),
    Column("stage_number", "Nummer der Phase, ab 1", lambda j, sn, st, n, s: sn),
    Column("stage", _described(_STAGE["name"]), lambda j, sn, st, n, s: st.name),
    Column("step_number", "Nummer des Schritts in der Journey, ab 1", lambda j, sn, st, n, s: n),
    *_step_columns(),
    Column("url", "Adresse der Journey-Seite, relativ zur Website", lambda j, sn, st, n, s: journey_url(j.id)),
]

# One row per improvement: (journey, improvement, today).
IMPROVEMENT_COLUMNS = [
    Column("journey_id", "Kennung der Journey", lambda j, i, today: j.id),
    Column("journey_title", _described(_JOURNEY["title"]), lambda j, i, today: j.title),
    Column("action", _described(_IMPROVEMENT["action"]), lambda j, i, today: i.action),
    Column("owner", _described(_IMPROVEMENT["owner"]), lambda j, i, today: i.owner),
    Column("due", _described(_IMPROVEMENT["due"]) + " Leer, wenn ohne Termin.", lambda j, i, today: i.due),
    Column("status", _described(_IMPROVEMENT["status"]), lambda j, i, today: i.status),
    Column("status_word", "Der Stand in Worten", lambda j, i, today: STATUS_LABELS[i.status]),
    Column("overdue", "ja, wenn der Termin vorbei und die Maßnahme nicht erledigt ist", lambda j, i, today: "ja" if is_overdue(i, today) else "nein"),
    Column("success_criteria", _described(_IMPROVEMENT["success_criteria"]), lambda j, i, today: i.success_criteria),
    Column("steps", _described(_IMPROVEMENT["steps"]), lambda j, i, today: _join(i.steps)),
    Column("url", "Adresse der Journey-Seite, relativ zur Website", lambda j, i, today: journey_url(j.id)),
]

JOURNEY_FIELDS = {
    "id": "Kennung (Dateiname ohne .yml)",
    "url": "Adresse der Seite, relativ zur Website",
    "source": "Pfad der YAML-Datei im Repository",
    "persona_name": "Name der Persona",
    "segment": "Gruppe der Persona (beneficiary, donor, volunteer, internal, external, obligated)",
    "steps": "Zahl der Schritte",
    "lowest_emotion": "tiefster Gefühlswert der Journey (1–5)",
    "review_status": "current, due_soon, overdue oder never (aktuell, bald fällig, überfällig, nie überprüft)",
    "review_due": "Datum der nächsten fälligen Überprüfung oder null",
    "improvements_overdue": "Zahl der überfälligen Maßnahmen",
    "data": "die geprüften Daten der Datei, genau nach dem JSON Schema (api/schema/journey.schema.json)",
}
PERSONA_FIELDS = {
    "id": "Kennung (Dateiname ohne .yml)",
    "url": "Adresse der Seite, relativ zur Website",
    "source": "Pfad der YAML-Datei im Repository",
    "segment_word": "Gruppe in Worten",
    "basis_word": "Worauf die Persona beruht, in Worten: aus Gesprächen verdichtet oder Fallfigur (eine einzelne Geschichte)",
    "journeys": "Kennungen der Journeys dieser Persona",
    "review_status": "current, due_soon, overdue oder never",
    "review_due": "Datum der nächsten fälligen Überprüfung oder null",
    "data": "die geprüften Daten der Datei, genau nach dem JSON Schema (api/schema/persona.schema.json)",
}


def _journey_entry(journey: Journey, catalog: Catalog, today: dt.date, prefix: str) -> dict:
    persona = catalog.personas[journey.persona]
    state = review(journey.last_reviewed, journey.review_interval, today)
    values = {
        "id": journey.id,
        "url": journey_url(journey.id),
        "source": f"{prefix}/{journey.source}",
        "persona_name": persona.name,
        "segment": persona.segment,
        "steps": len(journey.steps),
        "lowest_emotion": journey.lowest_emotion,
        "review_status": state.status,
        "review_due": state.due.isoformat() if state.due else None,
        "improvements_overdue": sum(is_overdue(i, today) for i in journey.improvements),
        "data": journey.data,
    }
    return {name: values[name] for name in JOURNEY_FIELDS}


def _persona_entry(persona: Persona, catalog: Catalog, today: dt.date, prefix: str) -> dict:
    state = review(persona.last_reviewed, persona.review_interval, today)
    values = {
        "id": persona.id,
        "url": persona_url(persona.id),
        "source": f"{prefix}/{persona.source}",
        "segment_word": SEGMENT_LABELS[persona.segment],
        "basis_word": BASIS_LABELS[persona.basis],
        "journeys": [j.id for j in catalog.journeys_of(persona.id)],
        "review_status": state.status,
        "review_due": state.due.isoformat() if state.due else None,
        "data": persona.data,
    }
    return {name: values[name] for name in PERSONA_FIELDS}


def _json(kind: str, entries: list[dict], today: dt.date) -> str:
    version = load_schema(kind.removesuffix("s"))["x-version"]
    document = {"schema_version": version, "generated": today.isoformat(), "count": len(entries), kind: entries}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(columns: list[Column], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([csv_text(str(c.value(*row))) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def open_data(catalog: Catalog, today: dt.date, journeys_prefix: str = "journeys") -> list[GeneratedFile]:
    """The files under /api/; `journeys_prefix` is the journeys folder as seen from the repository root."""
    journeys = catalog.sorted_journeys()
    step_rows = [
        (j, stage_number, stage, number, step)
        for j in journeys
        for stage_number, stage, number, step in j.numbered_steps()
    ]
    improvement_rows = [(j, i, today) for j in journeys for i in j.improvements]
    files = [
        GeneratedFile(api_file("journeys.json"), _json("journeys", [_journey_entry(j, catalog, today, journeys_prefix) for j in journeys], today)),
        GeneratedFile(api_file("personas.json"), _json("personas", [_persona_entry(p, catalog, today, journeys_prefix) for p in catalog.sorted_personas()], today)),
        GeneratedFile(api_file("journeys.csv"), _csv(STEP_COLUMNS, step_rows)),
        GeneratedFile(api_file("massnahmen.csv"), _csv(IMPROVEMENT_COLUMNS, improvement_rows)),
    ]
    files += [GeneratedFile(schema_file(kind), schema_text(kind)) for kind in KINDS]
    return files


def reference(kind: str) -> str:
    """The fields of one export file as a table, for the reference page ("journeys.json", "journeys.csv", …)."""
    described = {
        "journeys.json": JOURNEY_FIELDS,
        "personas.json": PERSONA_FIELDS,
        "journeys.csv": {c.name: c.description for c in STEP_COLUMNS},
        "massnahmen.csv": {c.name: c.description for c in IMPROVEMENT_COLUMNS},
    }[kind]
    rows = "".join(f"<tr><td><code>{html_text(name)}</code></td><td>{html_text(text)}</td></tr>" for name, text in described.items())
    return scroll_table(f"Felder von {kind}", ["Feld", "Bedeutung"], rows)


EXPORTS = ("journeys.json", "personas.json", "journeys.csv", "massnahmen.csv")
