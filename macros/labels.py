"""German words for the fields and values the schemas allow, read from the schemas.

The schema is the one home of a field: its `title` is the field's German name,
its `x-labels` the German word for each enum value. Renderers, exports, the CLI
and the editor's form print these instead of the raw schema values.
"""
from __future__ import annotations

from .schema import KINDS, load_schema


def _walk(node, name=None):
    """(property name, schema node) for every property, with local `$ref`s left as they are."""
    if isinstance(node, dict):
        if name is not None:
            yield name, node
        for prop, sub in (node.get("properties") or {}).items():
            yield from _walk(sub, prop)
        if "items" in node:
            yield from _walk(node["items"], name)
        for def_name, sub in (node.get("$defs") or {}).items():
            yield from _walk(sub, def_name)


def _enum_labels() -> dict[str, dict[str, str]]:
    enum_labels: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        for name, node in _walk(load_schema(kind)):
            if "enum" in node:
                enum_labels.setdefault(name, {}).update(node["x-labels"])
    return enum_labels


# Keyed by the schema property that holds the enum (a `$defs` entry counts under its own name).
ENUM_LABELS = _enum_labels()

SEGMENT_LABELS = ENUM_LABELS["segment"]
STATE_LABELS = ENUM_LABELS["state"]
STATUS_LABELS = ENUM_LABELS["status"]
CONFIDENCE_LABELS = ENUM_LABELS["confidence"]
TOPIC_LABELS = ENUM_LABELS["topic"]
BASIS_LABELS = ENUM_LABELS["basis"]

# The German name of the field `confidence`; never "Sicherheit", which reads as security.
CONFIDENCE_NAME = load_schema("journey")["$defs"]["confidence"]["title"]

_EMOTION = load_schema("journey")["properties"]["stages"]["items"]["properties"]["steps"]["items"]["properties"]["emotion"]
EMOTION_WORDS = {int(value): word for value, word in _EMOTION["x-labels"].items()}
