"""Plain-text helpers that every layer may use: one line of text, a key to compare texts, the closest known name.

They sit below the model and the renderers, so the portfolio, the diff and the
checks need nothing from `render/` to compare or suggest texts.
"""
from __future__ import annotations

import difflib
import re

# Runs of white space and control characters become one space: diagrams and table cells are one line,
# and control characters are invisible anyway (Mermaid would even show C1 controls as Windows-1252 quotes).
_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def flat(text: str) -> str:
    """The text as it shows on one line: what readers and tests compare against."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # most texts: nothing to change (isprintable is false for every other space and control)
    return _WHITESPACE.sub(" ", text).strip()


def text_key(text: str) -> str:
    """Texts that differ only in case and white space are the same text (grouping, comparing)."""
    return flat(text).casefold()


def closest(name: str, candidates) -> str:
    """A hint naming the most similar known id (" Meintest du …?"), or nothing."""
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f" Meintest du „{close[0]}“?" if close else ""
