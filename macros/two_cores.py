"""Independent work over many items on two cores: half in a second process, half here.

Loading a thousand YAML files (parse, schema, model) is pure Python and takes seconds at the start of a build,
before MkDocs renders anything, so the second core is idle then (Pagefind starts indexing with the first page).
A fresh interpreter (`spawn`), not a copy of this one: a build may already run threads (`mkdocs serve`), and a
copy of a process with threads can hang on a lock one of them held.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting the second interpreter (about half a second) costs more than it saves.
WORTH_A_PROCESS = 200


def map_on_two_cores(work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[work(item) for item in items]`, the first half in a second process. `work` must be a module-level
    function, and items and results must pickle."""
    if len(items) < WORTH_A_PROCESS or (os.cpu_count() or 1) < 2:
        return [work(item) for item in items]
    half = len(items) // 2
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as other:
        theirs = other.submit(_each, work, items[:half])
        ours = [work(item) for item in items[half:]]
        return theirs.result() + ours


def _each(work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [work(item) for item in items]
