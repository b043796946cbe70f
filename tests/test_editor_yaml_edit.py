"""The editor's YAML patcher: each operation gives the expected data and leaves every other line as it was.

Property tests run random operations on the repository's own files (and on the same
files with a comment above every line), read the result back with the project's
loader and compare lines outside the touched node byte for byte.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given
from hypothesis import strategies as st

from macros.editor.session import PLAIN_KEYS
from macros.editor.yaml_edit import EditError, apply, scalar
from macros.yamlsource import read_document

from .helpers import property_settings

REPO = Path(__file__).resolve().parent.parent
FILES = sorted((REPO / "journeys").rglob("*.yml"))
PROPERTY = property_settings(80, suppress_health_check=[HealthCheck.too_slow])


def _commented(text: str) -> str:
    """The same file with a comment line above every line of the body, at that line's indentation."""
    out = []
    for n, line in enumerate(text.splitlines(keepends=True)):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            out.append(" " * (len(line) - len(stripped)) + f"# Notiz {n}\n")
        out.append(line)
    return "".join(out)


TEXTS = [p.read_text(encoding="utf-8") for p in FILES] + [_commented(p.read_text(encoding="utf-8")) for p in FILES[::3]]


def _data(text: str):
    doc, problems = read_document("x.yml", text.encode("utf-8"))
    assert doc is not None, (problems, text)
    return doc


def _nodes(data, path=()):
    """Every path in the data, containers first."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _nodes(value, path + (index,))


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def _lines(doc, path) -> tuple[int, int]:
    """First and last line (1-based) where the node at `path` and everything under it starts."""
    starts = [position[0] for pointer, position in doc.positions.items() if pointer[: len(path)] == path]
    first = doc.key_positions.get(path, doc.positions[path])[0] if path else 1
    return first, max(starts)


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(texts, st.integers(-5, 99), st.booleans(), st.sampled_from(["2026-09-15", "ja", "no", "null", "12", "a: b", "- x", "#x"]))
keys = st.from_regex(r"[a-z_]{1,12}", fullmatch=True)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3), max_leaves=6)


@st.composite
def edits(draw):
    text = draw(st.sampled_from(TEXTS))
    doc = _data(text)
    paths = [p for p in _nodes(doc.data) if p]
    kind = draw(st.sampled_from(["set", "set-new", "delete", "insert", "move"]))
    if kind == "set":
        return text, {"op": "set", "path": list(draw(st.sampled_from(paths))), "value": draw(values)}
    if kind == "set-new":
        parent = draw(st.sampled_from([()] + [p for p in paths if isinstance(_get(doc.data, p), dict)]))
        key = draw(keys.filter(lambda k: k not in _get(doc.data, parent)))
        return text, {"op": "set", "path": list(parent) + [key], "value": draw(values)}
    if kind == "delete":
        path = draw(st.sampled_from(paths))
        assume(len(_get(doc.data, path[:-1])) > 1 or path[:-1])
        return text, {"op": "delete", "path": list(path)}
    lists = [p for p in paths if isinstance(_get(doc.data, p), list) and _get(doc.data, p)]
    path = draw(st.sampled_from(lists))
    size = len(_get(doc.data, path))
    if kind == "insert":
        return text, {"op": "insert", "path": list(path), "index": draw(st.integers(0, size)), "value": draw(values)}
    return text, {"op": "move", "path": list(path), "from": draw(st.integers(0, size - 1)), "to": draw(st.integers(0, size - 1))}


def _expected(data, op):
    data = copy.deepcopy(data)
    path = op["path"]
    if op["op"] == "set":
        parent = _get(data, path[:-1])
        parent[path[-1]] = op["value"]
    elif op["op"] == "delete":
        del _get(data, path[:-1])[path[-1]]
    elif op["op"] == "insert":
        _get(data, path).insert(op["index"], op["value"])
    else:
        items = _get(data, path)
        items.insert(op["to"], items.pop(op["from"]))
    return data


def _as_read(value):
    """What the project's loader gives back for a value: dates stay ISO text, as everywhere in the model."""
    return _data("v: " + scalar(value) + "\n").data["v"] if not isinstance(value, (dict, list)) else value


def _touched(doc, text: str, op) -> tuple[int, int]:
    """The lines of the original an operation may change: the node (or list) it names, with its key line.
    Deleting the first key of a list item (`- text: …`) moves the next key up onto the dash's line."""
    path = tuple(op["path"])
    if op["op"] == "delete" and isinstance(path[-1], str) and len(_get(doc.data, path[:-1])) > 1:
        first, last = _lines(doc, path)
        if text.splitlines()[first - 1].lstrip().startswith("- "):
            siblings = list(_get(doc.data, path[:-1]))
            following = siblings[siblings.index(path[-1]) + 1]
            last = doc.key_positions[path[:-1] + (following,)][0]
        return first, last
    if op["op"] == "set" and path not in doc.positions:  # a new key: inserted after the mapping's last line
        last = _lines(doc, path[:-1])[1]
        return last + 1, last
    if op["op"] == "delete" and len(_get(doc.data, path[:-1])) == 1:
        return _lines(doc, path[:-1])
    return _lines(doc, path)


@PROPERTY
@given(edits(), st.sampled_from([None, PLAIN_KEYS]))
def test_an_edit_gives_the_expected_data_and_leaves_other_lines_alone(edit, plain_keys):
    text, op = edit
    doc = _data(text)
    result = apply(text, [op], plain_keys)
    assert _data(result).data == _data_of_expected(doc.data, op)
    first, last = _touched(doc, text, op)
    before, after = text.splitlines(keepends=True), result.splitlines(keepends=True)
    assert after[: first - 1] == before[: first - 1]
    kept = len(before) - last
    assert after[len(after) - kept:] == before[last:] if kept else True


def _data_of_expected(data, op):
    """The expected data, with new values as the loader reads them (a date written plain reads back as ISO text)."""
    return _expected(data, op) if "value" not in op else _expected(data, {**op, "value": _normalised(op["value"])})


def _normalised(value):
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    return _as_read(value)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_operation_gives_the_identical_bytes(path):
    text = path.read_text(encoding="utf-8")
    assert apply(text, []) == text


@PROPERTY
@given(texts | st.text(max_size=200))
def test_every_text_is_written_as_a_scalar_that_reads_back_as_itself(value):
    for ops in ([{"op": "set", "path": ["title"], "value": value}], [{"op": "set", "path": ["neu", "tief"], "value": value}]):
        result = apply("# Kopf\ntitle: alt\nliste:\n  - a\n", ops)
        assert _get(_data(result).data, ops[0]["path"]) == _as_read(value)


def test_changing_one_emotion_changes_exactly_that_line():
    text = (REPO / "journeys/buergerservice/passamt-kinderpass.yml").read_text(encoding="utf-8")
    doc = _data(text)
    line = doc.positions[("stages", 0, "steps", 1, "emotion")][0]
    result = apply(text, [{"op": "set", "path": ["stages", 0, "steps", 1, "emotion"], "value": 1}])
    changed = [n for n, (a, b) in enumerate(zip(text.splitlines(), result.splitlines()), start=1) if a != b]
    assert changed == [line] and len(result.splitlines()) == len(text.splitlines())
    assert result.splitlines()[line - 1].strip() == "emotion: 1"


def test_comments_key_order_quoting_and_the_schema_line_survive():
    text = (
        "# yaml-language-server: $schema=../../macros/schemas/journey.schema.json\n"
        "title: 'Einfache Anführungszeichen'  # bleibt so\n"
        "stages:\n"
        "  # Phase eins\n"
        "  - name: Eins\n"
        "    steps:\n"
        "      - action: Erster   # Kommentar am Wert\n"
        "        emotion: 3\n"
        "      # vor dem zweiten Schritt\n"
        "      - action: Zweiter\n"
        "        emotion: 4\n"
        "owner: Team\n"
    )
    result = apply(text, [
        {"op": "set", "path": ["stages", 0, "steps", 1, "emotion"], "value": 2},
        {"op": "insert", "path": ["stages", 0, "steps"], "index": 2, "value": {"action": "Dritter", "emotion": 5}},
        {"op": "set", "path": ["stages", 0, "steps", 0, "channel"], "value": "online"},
        {"op": "move", "path": ["stages", 0, "steps"], "from": 2, "to": 0},
    ])
    assert result == (
        "# yaml-language-server: $schema=../../macros/schemas/journey.schema.json\n"
        "title: 'Einfache Anführungszeichen'  # bleibt so\n"
        "stages:\n"
        "  # Phase eins\n"
        "  - name: Eins\n"
        "    steps:\n"
        "      - action: \"Dritter\"\n"
        "        emotion: 5\n"
        "      - action: Erster   # Kommentar am Wert\n"
        "        emotion: 3\n"
        "        channel: online\n"
        "      # vor dem zweiten Schritt\n"
        "      - action: Zweiter\n"
        "        emotion: 2\n"
        "owner: Team\n"
    )


def test_multi_line_text_becomes_a_block_scalar_and_crlf_files_stay_crlf():
    text = "title: x\r\nstages: []\r\n"
    result = apply(text, [{"op": "set", "path": ["description"], "value": "Erste Zeile\nZweite Zeile"}])
    assert result == "title: x\r\nstages: []\r\ndescription: |-\r\n  Erste Zeile\r\n  Zweite Zeile\r\n"


def test_an_operation_that_does_not_fit_says_so_in_german():
    with pytest.raises(EditError, match="gibt es nicht"):
        apply("title: x\n", [{"op": "delete", "path": ["stages", 3]}])
    with pytest.raises(EditError, match="keine Liste"):
        apply("title: x\n", [{"op": "move", "path": ["title"], "from": 0, "to": 0}])
    with pytest.raises(EditError, match=re.escape("lässt sich nicht lesen")):
        apply("title: [\n", [{"op": "set", "path": ["title"], "value": "y"}])


@pytest.mark.parametrize("value", [{"_": "a"}, {"_": ""}, ["x", {"y": "z\nw"}], "zwei\nZeilen", 3])
def test_a_value_set_inside_a_flow_list_is_written_in_flow_style(value):
    """Found by the property test: a mapping set into `actors: [...]` was written as a block, which YAML refuses."""
    text = 'a:\n  actors: ["Nadia", "Beraterin"]  # Kommentar\n  b: 1\n'
    result = apply(text, [{"op": "set", "path": ["a", "actors", 0], "value": value}])
    assert yaml.safe_load(result)["a"] == {"actors": [value, "Beraterin"], "b": 1}
    assert result.splitlines()[0] == "a:" and result.splitlines()[2:] == ["  b: 1"]
    assert result.splitlines()[1].endswith(', "Beraterin"]  # Kommentar')
