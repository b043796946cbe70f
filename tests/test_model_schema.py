"""Every schema property reaches the model, and every model field comes from the schema (or says it does not)."""
from __future__ import annotations

import dataclasses
import typing

import pytest

from macros.loader import MODEL
from macros.schema import resolved_schema


def _object_of(node: dict) -> dict:
    """The object schema a property holds: itself, its items, or the object branch of a choice."""
    node = node.get("items", node)
    return next((choice for choice in node.get("anyOf", [node]) if choice.get("type") == "object"), node)


def _nested(hint):
    """The dataclass a field holds (alone, optional or as a tuple), else None."""
    for candidate in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(candidate):
            return candidate
    return None


def _mismatches(cls, node: dict, where: str) -> list[str]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.metadata.get("schema", True)}
    properties = node.get("properties", {})
    found = [f"{where}.{name}: im Schema, aber kein Feld in {cls.__name__}" for name in properties if name not in fields]
    found += [f"{cls.__name__}.{name}: ein Feld ohne Eigenschaft in {where}" for name in fields if name not in properties]
    for name, hint in fields.items():
        nested = _nested(hint)
        if nested and name in properties:
            found += _mismatches(nested, _object_of(properties[name]), f"{where}.{name}")
    return found


@pytest.mark.parametrize("kind", sorted(MODEL))
def test_every_schema_property_has_a_field_and_every_field_a_property(kind):
    assert _mismatches(MODEL[kind], resolved_schema(kind), kind) == []


def test_a_property_missing_from_the_model_is_named():
    """The check above can fail: a schema with one more step property is caught."""
    schema = resolved_schema("journey")
    steps = schema["properties"]["stages"]["items"]["properties"]["steps"]["items"]
    extended = {**steps, "properties": {**steps["properties"], "not_in_the_model": {"type": "string"}}}
    stages = {**schema["properties"]["stages"]["items"], "properties": {**schema["properties"]["stages"]["items"]["properties"], "steps": {"items": extended}}}
    changed = {**schema, "properties": {**schema["properties"], "stages": {"items": stages}}}
    assert _mismatches(MODEL["journey"], changed, "journey") == ["journey.stages.steps.not_in_the_model: im Schema, aber kein Feld in Step"]
