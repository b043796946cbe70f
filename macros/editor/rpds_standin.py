"""A pure-Python stand-in for `rpds` (persistent maps, sets and lists), used only inside Pyodide.

`referencing` and `jsonschema` keep their registries in rpds's immutable
collections, which are written in Rust; PyPI has no WebAssembly wheel of
rpds-py for Pyodide. The editor's bundle ships this module as `rpds` instead.
It offers the calls those two libraries make, with copying instead of
structural sharing: their maps hold a handful of schemas, so a copy is cheap.
`tests/test_editor_bundle.py` checks it against the real rpds in CPython.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping


class HashTrieMap(Mapping):
    """An immutable mapping; every change returns a new map."""

    __slots__ = ("_items",)

    def __init__(self, value=(), **kwds):
        self._items = dict(value, **kwds)

    def __getitem__(self, key):
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other) -> bool:  # as in rpds: equal only to another HashTrieMap with the same items
        return isinstance(other, HashTrieMap) and self._items == other._items

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"HashTrieMap({self._items!r})"

    @classmethod
    def convert(cls, value) -> HashTrieMap:
        return value if isinstance(value, cls) else cls(value)

    @classmethod
    def fromkeys(cls, keys: Iterable, value=None) -> HashTrieMap:
        return cls(dict.fromkeys(keys, value))

    def insert(self, key, value) -> HashTrieMap:
        return HashTrieMap({**self._items, key: value})

    def remove(self, key) -> HashTrieMap:
        if key not in self._items:
            raise KeyError(key)
        return self.discard(key)

    def discard(self, key) -> HashTrieMap:
        return HashTrieMap({k: v for k, v in self._items.items() if k != key})

    def update(self, *maps) -> HashTrieMap:
        items = dict(self._items)
        for each in maps:
            items.update(each)
        return HashTrieMap(items)


class HashTrieSet(frozenset):
    """An immutable set; every change returns a new set."""

    def __repr__(self) -> str:
        return f"HashTrieSet({set(self)!r})"

    def insert(self, value) -> HashTrieSet:
        return HashTrieSet(self | {value})

    def remove(self, value) -> HashTrieSet:
        if value not in self:
            raise KeyError(value)
        return self.discard(value)

    def discard(self, value) -> HashTrieSet:
        return HashTrieSet(self - {value})

    def update(self, *iterables: Iterable) -> HashTrieSet:
        return HashTrieSet(self.union(*iterables))


class List:
    """An immutable list that grows at the front."""

    __slots__ = ("_items",)

    def __init__(self, value: Iterable = (), *more):
        self._items = tuple(value) + more

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other) -> bool:
        return isinstance(other, List) and self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"List({list(self._items)!r})"

    @property
    def first(self):
        if not self._items:
            raise IndexError("empty list has no first element")
        return self._items[0]

    @property
    def rest(self) -> List:
        return List(self._items[1:])

    def push_front(self, value) -> List:
        return List((value,) + self._items)

    def drop_first(self) -> List:
        if not self._items:
            raise IndexError("empty list has no first element")
        return List(self._items[1:])
