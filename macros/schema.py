"""The JSON Schemas (one per kind) and their errors in plain German.

The schema files in `macros/schemas/` are the single source of truth: they
validate the data here, give editors autocompletion, and generate the
reference page. This module only translates jsonschema's errors into messages
that tell a non-developer what to change, at the right line.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import cache
from importlib import resources

import fastjsonschema
import jsonschema

from .problems import Problem
from .yamlsource import Document

KINDS = ("journey", "persona")

_TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "Felder (Name: Wert)",
}
_YAML_SURPRISES = {
    bool: "einen Wahrheitswert",
    int: "eine Zahl",
    float: "eine Zahl",
    type(None): "einen leeren Wert",
}


@cache
def load_schema(kind: str) -> dict:
    """The schema of one kind, parsed from the packaged JSON file."""
    text = resources.files("macros").joinpath("schemas", f"{kind}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def schema_text(kind: str) -> str:
    return resources.files("macros").joinpath("schemas", f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def resolved_schema(kind: str) -> dict:
    """The schema of one kind with every local `$ref` replaced by what it names: the one resolver of references.

    The validator uses it (resolving references dominated validation time), and so do the reference page,
    the labels and the check that every property reaches the model.
    """
    schema = load_schema(kind)
    return _inline_refs(schema, schema)


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = load_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(resolved_schema(kind), format_checker=cls.FORMAT_CHECKER)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _accepts(kind: str):
    """A compiled check that only says yes or no, ten times faster than jsonschema.

    Most files are valid; only for the others does jsonschema run, to find every
    problem and its place. The two must agree, which the fuzzer checks.
    """
    schema = _validator(kind).schema
    check = fastjsonschema.compile({k: v for k, v in schema.items() if k not in ("$schema", "$defs")}, formats={"date": _is_date})

    def accepts(data) -> bool:
        try:
            check(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return accepts


def _inline_refs(node, root: dict):
    if isinstance(node, list):
        return [_inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and node["$ref"].startswith("#/$defs/"):
        target = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {key: value if key == "$defs" else _inline_refs(value, root) for key, value in node.items()}


def validate(kind: str, doc: Document, path: str) -> list[Problem]:
    """All schema problems of one document, one per place, in German."""
    if _accepts(kind)(doc.data):
        return []
    leaves = [leaf for error in _validator(kind).iter_errors(doc.data) for leaf in _leaves(error)]
    # A typo such as "emtion" already says "did you mean emotion?": no second message that emotion is missing.
    suggested = {
        (tuple(leaf.absolute_path), _suggestion(key, leaf))
        for leaf in leaves
        if leaf.validator == "additionalProperties"
        for key in _unknown_keys(leaf)
    }
    problems = []
    seen = set()
    for leaf in leaves:
        pointer = tuple(leaf.absolute_path)
        if leaf.validator == "required" and (pointer, _missing(leaf)) in suggested:
            continue
        problem = _to_problem(leaf, doc, path, kind)
        if (pointer, problem.message) in seen:  # e.g. an empty text fails both minLength and pattern
            continue
        seen.add((pointer, problem.message))
        problems.append(problem)
    return problems


def _suggestion(key: str, error) -> str | None:
    close = difflib.get_close_matches(key, sorted(error.schema.get("properties", {})), n=1, cutoff=0.6)
    return close[0] if close else None


def _missing(error) -> str:
    return error.message.split("'")[1] if "'" in error.message else error.message


def _leaves(error):
    """The most specific errors; `$ref` wrappers add nothing for readers.

    For a choice (`anyOf`, e.g. a pain point as text or as fields) only the branch of
    the value's own type speaks: a text is not also told that it lacks fields.
    """
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        fitting = [subs for subs in branches.values() if not any(e.validator == "type" and not e.path for e in subs)]
        if fitting:
            for sub in fitting[0]:
                yield from _leaves(sub)
        else:
            yield error
    elif error.context:
        for sub in error.context:
            yield from _leaves(sub)
    else:
        yield error


def _field(pointer: tuple) -> str:
    names = [p for p in pointer if isinstance(p, str)]
    return names[-1] if names else "Datei"


def _to_problem(error, doc: Document, path: str, kind: str) -> Problem:
    pointer = tuple(error.absolute_path)
    line, column = doc.position(pointer)
    message = _message(error, doc, pointer, kind)
    if error.validator == "additionalProperties":
        extra = _unknown_keys(error)
        if extra:
            line, column = doc.position(pointer + (extra[0],), key=True)
    return Problem(path, line, column, message)


def _unknown_keys(error) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []


def _message(error, doc: Document, pointer: tuple, kind: str) -> str:
    name = _field(pointer)
    value = error.instance
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        parts = []
        for key in _unknown_keys(error):
            close = _suggestion(key, error)
            hint = f" Meintest du „{close}“?" if close else f" Erlaubt sind: {', '.join(allowed)}."
            parts.append(f"Unbekanntes Feld „{key}“.{hint}")
        return " ".join(parts)
    if validator == "required":
        missing = _missing(error)
        if not pointer:
            where = ""
        elif isinstance(pointer[-1], int):
            where = f" im {pointer[-1] + 1}. Eintrag von „{name}“"
        else:
            where = f" in „{name}“"
        description = _describe(missing, kind)
        return f"Pflichtfeld „{missing}“ fehlt{where}." + (f" Trage es ein: {description}" if description else "")
    if validator in ("anyOf", "oneOf"):
        return f"„{name}“ muss Text sein oder Felder wie „text: …“, hier steht {_show(value)}."
    if validator == "type":
        expected = error.validator_value
        expected_name = _TYPE_NAMES.get(expected, expected) if isinstance(expected, str) else "ein anderer Typ"
        if value is None:
            return f"„{name}“ ist leer. Trage einen Wert ein oder lösche die Zeile."
        if expected == "string" and pointer in doc.plain_scalars:
            raw = doc.plain_scalars[pointer]
            read_as = _YAML_SURPRISES.get(type(value), "einen anderen Typ")
            return f"„{raw}“ liest YAML als {read_as}. Setze den Text in Anführungszeichen: \"{raw}\"."
        return f"„{name}“ muss {expected_name} sein, hier steht {_show(value)}."
    if validator in ("minimum", "maximum"):
        subschema = error.schema
        if "minimum" in subschema and "maximum" in subschema:
            return f"„{name}“ muss eine ganze Zahl von {subschema['minimum']} bis {subschema['maximum']} sein, hier steht {_show(value)}."
        return f"„{name}“ ist mit {_show(value)} außerhalb des erlaubten Bereichs."
    if validator == "enum":
        words = error.schema.get("x-labels", {})
        options = ", ".join(f"{o} ({words[o]})" if o in words else str(o) for o in error.validator_value)
        # A German word ("Wartezeit") finds its value too.
        by_word = {str(o): str(o) for o in error.validator_value} | {w.casefold(): o for o, w in words.items()}
        typed = str(value).casefold()
        close = difflib.get_close_matches(typed, list(by_word), n=1, cutoff=0.6) or [
            word for word in by_word if len(typed) >= 3 and word.startswith(typed)
        ][:1]
        hint = f" Meintest du „{by_word[close[0]]}“?" if close else ""
        return f"„{name}“ darf nur einer dieser Werte sein: {options}. Hier steht {_show(value)}.{hint}"
    if validator == "minItems":
        return f"„{name}“ braucht mindestens {error.validator_value} Eintrag. Füge einen hinzu."
    if validator == "minLength" or (validator == "pattern" and error.validator_value == load_schema(kind)["$defs"]["text"]["pattern"]):
        return f"„{name}“ ist leer. Trage einen Text ein oder lösche das Feld."
    if validator == "maxLength":
        return f"„{name}“ ist zu lang (höchstens {error.validator_value} Zeichen). Kürze den Text."
    if validator in ("format", "pattern") and error.schema.get("format") == "date":
        return f"Das Datum {_show(value)} gibt es nicht. Schreibe es als JJJJ-MM-TT."
    if validator == "pattern":
        return (
            f"„{name}“ ist mit {_show(value)} keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern und "
            "Bindestriche, z. B. „passamt-kinderpass“."
        )
    return f"„{name}“: {error.message}"


def _describe(field: str, kind: str) -> str:
    """The schema's own description of a field, so the message says what to enter."""
    for props in _all_properties(load_schema(kind)):
        if field in props and "description" in props[field]:
            return props[field]["description"]
    return ""


def _all_properties(schema):
    if isinstance(schema, dict):
        if "properties" in schema:
            yield schema["properties"]
        for value in schema.values():
            yield from _all_properties(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _all_properties(value)


def _visible(text: str) -> str:
    """Control characters as escapes (\\r, \\x00): a message stays one line and shows what is really there."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _show(value) -> str:
    if isinstance(value, str):
        return f"„{_visible(value[:60])}“"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nichts"
    if isinstance(value, (list, dict)):
        return "eine Liste" if isinstance(value, list) else "eine Gruppe von Feldern"
    return str(value)
