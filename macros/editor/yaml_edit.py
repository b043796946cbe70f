"""Edit YAML as text, surgically: each operation rewrites only the bytes of the node it touches.

The editor's form sends operations on paths (`set`, `delete`, `insert`, `move`).
Dumping the changed data again would lose the file's comments, key order,
quoting and the `$schema` line, and turn a one-line change into a rewritten
file. Instead the text is composed with PyYAML (pure Python, so positions are
character offsets, in CPython and in Pyodide alike), the node's span is found
from its marks, and only that span is replaced. New text follows the
repository's style: two-space indentation, lists indented under their key,
ids and dates plain, other text in double quotes, several lines as a block scalar.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import yaml

Path = tuple  # keys and list indexes from the document's root

# Characters YAML allows unescaped in a double-quoted scalar (PyYAML's reader), minus line breaks it would fold.
_NON_PRINTABLE = re.compile("[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FLOW_WIDTH = 100  # a list of short texts stays on one line, as the repository writes `actors: ["Amira"]`


class EditError(ValueError):
    """An operation does not fit the document (a path that is not there, an index out of range)."""


# --- writing values -------------------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return '"' + _NON_PRINTABLE.sub(escape, text.replace("\\", "\\\\").replace('"', '\\"')).replace("\t", "\\t") + '"'


def _is_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Text(str):
    """A string written in quotes even where it would read back the same without: text, not an id or a code."""


def marked(value, key, plain_keys: frozenset[str] | None):
    """`value` with every string under a key outside `plain_keys` marked as `Text` (None: mark nothing).

    Files write ids, codes and dates plain (`persona: amira`, `topic: waiting`) and text in quotes; which is which
    the schema knows, the patcher does not. A list's items count as under the list's key.
    """
    if plain_keys is None:
        return value
    if isinstance(value, dict):
        return {k: marked(v, k, plain_keys) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v, key, plain_keys) for v in value]
    if isinstance(value, str) and key not in plain_keys:
        return Text(value)
    return value


def scalar(value) -> str:
    """One value on one line, read back by the project's loader as the same value (dates as ISO text)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        if not isinstance(value, Text) and (_is_date(value) or (_PLAIN.match(value) and yaml.safe_load(value) == value)):
            return str(value)
        return _quoted(str(value))
    raise EditError(f"Kein einfacher Wert: {value!r}")


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) and yaml.safe_load(key) == key else _quoted(key)


def _block_scalar_lines(text: str) -> list[str] | None:
    """Lines of a literal block scalar (`|` or `|-`) for text of several lines, or None where quoting is safer."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if (
        len(lines) < 2
        or body.endswith("\n")
        or not lines[0]
        or lines[0][0] in " \t"
        or any(line.strip() == "" and line for line in lines)
        or any(line != line.rstrip(" \t") for line in lines)
        or _NON_PRINTABLE.search(body.replace("\n", ""))
    ):
        return None
    return ["|" if text.endswith("\n") else "|-"] + lines


def _flow(value) -> str | None:
    """A list of short texts or numbers as `[a, "b c"]`, if it fits on one line."""
    if isinstance(value, dict):
        return "{}" if not value else None
    if any(isinstance(item, (dict, list)) or (isinstance(item, str) and "\n" in item) for item in value):
        return None
    text = "[" + ", ".join(scalar(item) for item in value) + "]"
    return text if len(text) <= FLOW_WIDTH else None


def _inline(value) -> str:
    """Any value on one line in flow style, for a place inside `[...]` or `{...}` where no block can stand."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(key)}: {_inline(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, str) and "\n" in value:
        return _quoted(value)
    return scalar(value)


def after_indicator(value, indent: int, *, flow: bool = True) -> str:
    """What follows `key:`: ` value` on the same line, or a block whose lines start at `indent`.
    Without `flow`, a non-empty list is written as a block even if it would fit on one line."""
    if isinstance(value, (list, dict)):
        inline = _flow(value) if flow or not value else None
        if inline is not None:
            return " " + inline
        return "\n" + "\n".join(block_lines(value, indent))
    if isinstance(value, str) and "\n" in value:
        lines = _block_scalar_lines(value)
        if lines is not None:
            return " " + lines[0] + "\n" + "\n".join(" " * indent + line if line else "" for line in lines[1:])
    return " " + scalar(value)


def item_lines(value, column: int, *, flow: bool = True) -> list[str]:
    """One list item as lines starting with `- ` at `column`; a mapping begins on the dash's line."""
    if isinstance(value, (list, dict)) and value and (not flow or _flow(value) is None):
        inner = block_lines(value, column + 2)
        return [" " * column + "- " + inner[0][column + 2:]] + inner[1:]
    return (" " * column + "-" + after_indicator(value, column + 2)).split("\n")


def block_lines(value: dict | list, indent: int) -> list[str]:
    """A mapping or list as block lines starting at column `indent`."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines += (" " * indent + _key(str(key)) + ":" + after_indicator(item, indent + 2)).split("\n")
        return lines
    for item in value:
        lines += item_lines(item, indent)
    return lines


# --- reading the text -----------------------------------------------------------------------------------------


@dataclass
class _Doc:
    text: str
    root: yaml.Node
    loader: yaml.SafeLoader
    plain_keys: frozenset[str] | None = None

    def data(self, node: yaml.Node, path: Path):
        """The node's data, for writing it anew: strings marked as the keys above them say (see `marked`)."""
        return marked(_iso(self.loader.construct_object(node, deep=True)), key_of(path), self.plain_keys)


def _iso(value):
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _compose(text: str) -> _Doc:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        raise EditError("Der YAML-Text lässt sich nicht lesen; korrigiere ihn in der YAML-Ansicht.") from error
    if not isinstance(root, yaml.MappingNode):
        raise EditError("Die oberste Ebene muss aus Feldern bestehen.")
    return _Doc(text, root, loader)


def _block(node: yaml.Node) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and bool(node.value)


def _end(node: yaml.Node, text: str) -> int:
    """Where the node's own text ends: block collections end at their last child, not at the next token."""
    if isinstance(node, yaml.ScalarNode):
        start, end = node.start_mark.index, node.end_mark.index
        return start + len(text[start:end].rstrip()) if node.style in ("|", ">") else end
    if not _block(node):
        return node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        key, value = node.value[-1]
        return max(key.end_mark.index, _end(value, text))
    return _end(node.value[-1], text)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _next_line(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _at_line_start(text: str, index: int) -> bool:
    return text[_line_start(text, index):index].strip(" ") == ""


@dataclass
class _Place:
    """A node and how it hangs in its parent: under a key of a mapping, or as an item of a list."""

    node: yaml.Node
    parent: yaml.Node | None = None
    key: yaml.Node | None = None  # None for a list item


def _find(doc: _Doc, path: Path) -> tuple[list[_Place], Path]:
    """The places along `path` that exist, and the part of the path that does not."""
    places = [_Place(doc.root)]
    for depth, step in enumerate(path):
        node = places[-1].node
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            found = next(((k, v) for k, v in node.value if k.value == step), None)
            if found is None:
                return places, path[depth:]
            places.append(_Place(found[1], node, found[0]))
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and not isinstance(step, bool):
            if not 0 <= step < len(node.value):
                return places, path[depth:]
            places.append(_Place(node.value[step], node))
        else:
            return places, path[depth:]
    return places, ()


def _dash(text: str, item: yaml.Node) -> int:
    return text.rfind("-", 0, item.start_mark.index)


# --- the operations -------------------------------------------------------------------------------------------


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _set_existing(doc: _Doc, place: _Place, value) -> str:
    text, node = doc.text, place.node
    one_line = not isinstance(value, (list, dict)) and not (isinstance(value, str) and "\n" in value)
    if isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">") and one_line and place.parent is not None:
        start, end = node.start_mark.index, node.end_mark.index
        new = scalar(value)
        if start == end and text[start - 1:start] not in (" ", "\t"):
            new = " " + new
        return _replace(text, start, end, new)
    if place.parent is not None and place.parent.flow_style and node.start_mark.index != node.end_mark.index:
        return _replace(text, node.start_mark.index, node.end_mark.index, _inline(value))
    if not _block(node) and isinstance(value, (list, dict)) and _flow(value) is not None and place.parent is not None:
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.index != node.end_mark.index:
            return _replace(text, node.start_mark.index, node.end_mark.index, _flow(value))
    if place.parent is None:
        if not isinstance(value, dict):
            raise EditError("Die oberste Ebene muss aus Feldern bestehen.")
        start = node.start_mark.index
        return _replace(text, start, _end(node, text), "\n".join(block_lines(value, node.start_mark.column))[node.start_mark.column:])
    keep_block = _block(node)
    if place.key is not None:
        indicator = text.index(":", place.key.end_mark.index) + 1
        new = after_indicator(value, _key_column(text, place.key) + 2, flow=not keep_block)
        return _replace(text, indicator, _end(node, text), new)
    dash = _dash(text, node)
    column = dash - _line_start(text, dash)
    new = "\n".join(item_lines(value, column, flow=not keep_block))[column:]
    return _replace(text, dash, _end(node, text), new)


def _key_column(text: str, key: yaml.Node) -> int:
    return key.start_mark.index - _line_start(text, key.start_mark.index)


def _nested(rest: Path, value):
    for step in reversed(rest):
        value = {step: value}
    return value


def _op_set(doc: _Doc, path: Path, value) -> str:
    places, rest = _find(doc, path)
    if not rest:
        return _set_existing(doc, places[-1], value)
    parent = places[-1].node
    if isinstance(parent, yaml.MappingNode) and all(isinstance(step, str) for step in rest):
        if _block(parent):
            text = doc.text
            end = _next_line(text, _end(parent, text))
            lead = "" if end == 0 or text[end - 1] == "\n" else "\n"
            new = "\n".join(block_lines({rest[0]: _nested(rest[1:], value)}, _key_column(text, parent.value[0][0])))
            return _replace(text, end, end, lead + new + "\n")
        data = doc.data(parent, path[:len(path) - len(rest)])
        data[rest[0]] = _nested(rest[1:], value)
        return _set_existing(doc, places[-1], data)
    if isinstance(parent, yaml.SequenceNode) and len(rest) == 1 and rest[0] == len(parent.value):
        return _op_insert(doc, path[:-1], rest[0], value)
    raise EditError(f"Die Stelle {_shown(path)} gibt es nicht.")


def _shown(path: Path) -> str:
    return " › ".join(str(step) for step in path) or "(Wurzel)"


def _existing(doc: _Doc, path: Path) -> list[_Place]:
    places, rest = _find(doc, path)
    if rest:
        raise EditError(f"Die Stelle {_shown(path)} gibt es nicht.")
    return places


def _op_delete(doc: _Doc, path: Path) -> str:
    if not path:
        raise EditError("Die ganze Datei lässt sich nicht löschen.")
    places = _existing(doc, path)
    place, container = places[-1], places[-2]
    text, node = doc.text, place.node
    if not _block(container.node) or len(container.node.value) == 1:
        data = doc.data(container.node, path[:-1])
        del data[path[-1]]
        return _set_existing(doc, container, data)
    if place.key is not None:
        start = place.key.start_mark.index
        if _at_line_start(text, start):
            return _replace(text, _line_start(text, start), _next_line(text, _end(node, text)), "")
        following = container.node.value[[k for k, _ in container.node.value].index(place.key) + 1][0]
        return _replace(text, start, following.start_mark.index, "")
    dash = _dash(text, node)
    if not _at_line_start(text, dash):
        data = doc.data(container.node, path[:-1])
        del data[path[-1]]
        return _set_existing(doc, container, data)
    return _replace(text, _line_start(text, dash), _next_line(text, _end(node, text)), "")


def _items_on_lines(text: str, sequence: yaml.Node) -> bool:
    return _block(sequence) and all(_at_line_start(text, _dash(text, item)) for item in sequence.value)


def _op_insert(doc: _Doc, path: Path, index: int, value) -> str:
    places, rest = _find(doc, path)
    if rest:
        if index != 0:
            raise EditError(f"Die Liste {_shown(path)} gibt es nicht.")
        return _op_set(doc, path, [value])
    place, text = places[-1], doc.text
    sequence = place.node
    if isinstance(sequence, yaml.ScalarNode) and sequence.tag == "tag:yaml.org,2002:null" and index == 0:
        return _set_existing(doc, place, [value])
    if not isinstance(sequence, yaml.SequenceNode):
        raise EditError(f"{_shown(path)} ist keine Liste.")
    if not 0 <= index <= len(sequence.value):
        raise EditError(f"Position {index} gibt es in {_shown(path)} nicht.")
    if not _items_on_lines(text, sequence):
        data = doc.data(sequence, path)
        data.insert(index, value)
        return _set_existing(doc, place, data)
    first_dash = _dash(text, sequence.value[0])
    column = first_dash - _line_start(text, first_dash)
    new = "\n".join(block_lines([value], column)) + "\n"
    # Comments above an item belong to it: a new item goes after the previous item's last line.
    at = _next_line(text, _end(sequence.value[index - 1], text)) if index else _line_start(text, first_dash)
    return _replace(text, at, at, ("" if text[at - 1] == "\n" else "\n") + new)


def _op_move(doc: _Doc, path: Path, source: int, target: int) -> str:
    place = _existing(doc, path)[-1]
    sequence, text = place.node, doc.text
    if not isinstance(sequence, yaml.SequenceNode):
        raise EditError(f"{_shown(path)} ist keine Liste.")
    count = len(sequence.value)
    if not (0 <= source < count and 0 <= target < count):
        raise EditError(f"Position {source} oder {target} gibt es in {_shown(path)} nicht.")
    if not _items_on_lines(text, sequence):
        data = doc.data(sequence, path)
        data.insert(target, data.pop(source))
        return _set_existing(doc, place, data)
    missing_newline = not text.endswith("\n")
    if missing_newline:
        text += "\n"
    # Each item takes the comments and blank lines above it along; the first item's stay where they are.
    ends = [_next_line(text, _end(item, text)) for item in sequence.value]
    starts = [_line_start(text, _dash(text, sequence.value[0]))] + ends[:-1]
    spans = list(zip(starts, ends))
    chunks = [text[start:end] for start, end in spans]
    chunks.insert(target, chunks.pop(source))
    region = "".join(chunks)
    text = text[:spans[0][0]] + region + text[spans[-1][1]:]
    return text[:-1] if missing_newline else text


def _scalar_end(line: str, start: int, in_flow: bool) -> int | None:
    """Where a one-line scalar that starts at `start` ends, or None if it is not one (block scalar, more lines)."""
    first = line[start:start + 1]
    if first == '"':
        j = start + 1
        while j < len(line):
            if line[j] == "\\":
                j += 2
            elif line[j] == '"':
                return j + 1
            else:
                j += 1
        return None
    if first == "'":
        j = start + 1
        while j < len(line):
            if line[j] == "'" and line[j + 1:j + 2] == "'":
                j += 2
            elif line[j] == "'":
                return j + 1
            else:
                j += 1
        return None
    if first in ("", "|", ">", "[", "{", "&", "*", "!"):
        return None
    stops = [line.find(" #", start)] + ([line.find(c, start) for c in ",]}"] if in_flow else [])
    end = min([s for s in stops if s >= 0], default=len(line))
    return start + len(line[start:end].rstrip())


def replace_scalar(text: str, line: int, column: int, value, key: str | None = None, plain_keys: frozenset[str] | None = None) -> str | None:
    """The text with the one-line scalar at (line, column) (1-based, as the loader reports) replaced by `value`.

    A shortcut for the session's most frequent edit; it does not parse, so the caller checks the result by reading
    it (and falls back to `apply` when the data is not what it expects). None where the shortcut does not apply.
    """
    if isinstance(value, (dict, list)) or (isinstance(value, str) and "\n" in value):
        return None
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    row = lines[line - 1]
    start = column - 1
    before = row[:start].rstrip()
    end = _scalar_end(row, start, in_flow=before.endswith(("[", ",", "{")))
    if end is None or start == end:
        return None
    lines[line - 1] = row[:start] + scalar(marked(value, key, plain_keys)) + row[end:]
    return "\n".join(lines)


def key_of(path: Path) -> str | None:
    return next((step for step in reversed(path) if isinstance(step, str)), None)


def apply(text: str, ops: list[dict], plain_keys: frozenset[str] | None = None) -> str:
    """The text after the operations, applied in order; raises `EditError` if one does not fit.

    Strings under keys in `plain_keys` (ids, codes) are written without quotes where that reads back the same;
    other strings are quoted. Without `plain_keys`, every string that can go plain does.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    for op in ops:
        doc = _compose(text)
        doc.plain_keys = plain_keys
        path = tuple(op.get("path", ()))
        kind = op.get("op")
        value = marked(op.get("value"), key_of(path), plain_keys)
        if kind == "set":
            text = _op_set(doc, path, value)
        elif kind == "delete":
            text = _op_delete(doc, path)
        elif kind == "insert":
            text = _op_insert(doc, path, op["index"], value)
        elif kind == "move":
            text = _op_move(doc, path, op["from"], op["to"])
        else:
            raise EditError(f"Unbekannte Änderung „{kind}“.")
    return bom + (text.replace("\n", "\r\n") if crlf else text)
