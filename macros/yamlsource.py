"""Read one YAML file safely, keeping the source position of every value.

PyYAML's `safe_load` silently keeps the last of two duplicate keys, turns `no`
into False and forgets where a value came from. Editors need all three, so this
module composes the node graph itself and converts it with those checks. It
never constructs arbitrary objects: only the standard YAML types are accepted.
Aliases are expanded under a node budget, so an "alias bomb" fails fast.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from .problems import Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 50

Pointer = tuple  # path into the document: keys and list indexes

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass
class Document:
    """A parsed file: plain Python data plus where each piece came from."""

    data: object
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    plain_scalars: dict[Pointer, str] = field(default_factory=dict)

    def position(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Closest known position: the key itself, or its nearest ancestor."""
        table = self.key_positions if key else self.positions
        while pointer:
            if pointer in table:
                return table[pointer]
            if pointer in self.positions:
                return self.positions[pointer]
            pointer = pointer[:-1]
        return self.positions.get((), (1, 1))


# libyaml is many times faster and composes deep nesting without recursion; PyYAML's own parser is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Budget(Exception):
    pass


class _Converter:
    """Turns a composed node graph into data, recording positions and problems."""

    def __init__(self, path: str, loader):
        self.path = path
        self.loader = loader
        self.problems: list[Problem] = []
        self.nodes = 0
        self.doc = Document(data=None)

    def problem(self, mark, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def convert(self, node, pointer: Pointer = (), depth: int = 0):
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _Budget
        self.doc.positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(node.start_mark, _tag_message(node.tag))
            return [self.convert(item, pointer + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, pointer)

    def _mapping(self, node, pointer: Pointer, depth: int) -> dict:
        if node.tag != _MAP:
            self.problem(node.start_mark, _tag_message(node.tag))
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node.start_mark, "„<<“ (Zusammenführen von Ankern) wird nicht unterstützt. Schreibe die Felder aus.")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problem(key_node.start_mark, "Feldnamen müssen einfacher Text sein, z. B. „title“.")
                continue
            key = key_node.value
            if key in first_seen:
                self.problem(
                    key_node.start_mark,
                    f"Der Schlüssel „{key}“ steht doppelt (zuerst in Zeile {first_seen[key]}). Lösche einen der beiden.",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.doc.key_positions[pointer + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, pointer + (key,), depth + 1)
        return result

    def _scalar(self, node, pointer: Pointer):
        if node.tag not in _SCALAR_TAGS:
            self.problem(node.start_mark, _tag_message(node.tag))
            return node.value
        if node.tag == _STR:  # most values: the text itself, as PyYAML's constructor would return it
            return node.value
        if not node.style:  # plain scalar: style is None (PyYAML) or "" (libyaml)
            self.doc.plain_scalars[pointer] = node.value
        try:
            value = self.loader.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.problem(node.start_mark, f"Das Datum „{node.value}“ gibt es nicht. Schreibe es als JJJJ-MM-TT.")
            else:
                self.problem(node.start_mark, f"Der Wert „{node.value}“ ist ungültig. Setze ihn in Anführungszeichen.")
            return node.value
        return value.isoformat() if isinstance(value, dt.date) else value  # dates as JSON Schema expects them


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"YAML-Tags wie „{short}“ sind nicht erlaubt. Lösche den Tag und schreibe den Wert als Text."


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = error.problem or ""
    mark = error.problem_mark
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\\t" in problem or "\t" in line[: mark.column + 1 if mark else 0]:
        return "Tabulator gefunden. Rücke in YAML nur mit Leerzeichen ein."
    if "found duplicate anchor" in problem:
        return "Ein Anker (&name) ist doppelt vergeben. Benenne einen um."
    if "found undefined alias" in problem:
        return "Der Verweis (*name) zeigt auf keinen Anker. Prüfe die Schreibweise."
    if "mapping values are not allowed" in problem:
        return (
            "Ein Doppelpunkt mit Leerzeichen steht mitten im Text. Setze den ganzen Text in Anführungszeichen, "
            "oder prüfe die Einrückung der Zeile."
        )
    if "could not find expected ':'" in problem:
        return "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein Anführungszeichen ist nicht geschlossen."
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "Ein Anführungszeichen oder eine Klammer ist nicht geschlossen. Prüfe diese und die Zeilen davor."
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "Die Einrückung stimmt nicht. Prüfe, ob diese Zeile gleich weit eingerückt ist wie ihre Nachbarn."
    if "found character" in problem and "that cannot start any token" in problem:
        return "Dieses Zeichen darf hier nicht am Anfang stehen. Setze den Text in Anführungszeichen."
    return f"YAML-Syntaxfehler ({problem or error}). Prüfe diese Zeile und die davor."


def _control_character(path: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """YAML forbids most control characters; they are invisible, so say where and which."""
    before = text[: error.position]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return Problem(
        path, line, column,
        f"Hier steht ein unsichtbares Steuerzeichen (Code {code:#06x}), das YAML nicht erlaubt. "
        "Lösche es, am einfachsten, indem du die Stelle neu tippst.",
    )


def read_document(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of one file; return the document or the problems that stop it."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"Die Datei ist größer als {MAX_FILE_BYTES // 1000} kB. Teile sie auf.")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, 1, "Die Datei ist nicht in UTF-8 gespeichert. Speichere sie im Editor als UTF-8.")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(path, 1, 1, "Die Datei ist leer. Trage die Daten ein oder lösche die Datei.")]
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        return None, [_control_character(path, text, error)]
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is found at the end of the file; where it was opened helps more.
        opened = error.context_mark if error.context and "while scanning" in error.context else None
        mark = opened or error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(path, line, column, _syntax_message(error, text))]
    except yaml.reader.ReaderError as error:
        return None, [_control_character(path, text, error)]
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        return None, [Problem(path, 1, 1, f"Die Datei ist kein gültiges YAML ({first_line}). Prüfe sie im Editor.")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "Die Daten sind zu tief verschachtelt. Vereinfache die Struktur.")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(path, 1, 1, "Die Datei ist leer. Trage die Daten ein oder lösche die Datei.")]
    converter = _Converter(path, loader)
    try:
        data = converter.convert(node)
    except (_Budget, RecursionError):
        return None, [
            Problem(
                path,
                1,
                1,
                "Die Datei ist zu groß oder zu tief verschachtelt, vermutlich durch Anker (&) und Verweise (*). "
                "Schreibe die Werte aus.",
            )
        ]
    if converter.problems:
        return None, converter.problems
    if not isinstance(data, dict):
        return None, [Problem(path, 1, 1, "Die oberste Ebene muss aus Feldern bestehen (z. B. „title: …“), nicht aus einer Liste oder einem Wert.")]
    converter.doc.data = data
    return converter.doc, []
