"""Emotion faces as our own inline SVG: they show on every machine, with or without an emoji font.

A face never stands alone: `values.emotion_label` and the map print the word next to it,
so the face is decoration for sighted readers (hidden from screen readers). It is
drawn in `currentColor`, so it takes the text colour of either scheme and prints.
"""
from __future__ import annotations

# Mouth (and for the worst mood, brows) per emotion, in a 20 × 20 box; eyes are the same for all.
_FEATURES = {
    1: "M5.6 5.4l2.6 1.2M14.4 5.4l-2.6 1.2M6.2 14.8q3.8-4 7.6 0",
    2: "M6.6 14.2q3.4-2.4 6.8 0",
    3: "M6.8 13h6.4",
    4: "M6.6 11.8q3.4 3 6.8 0",
    5: "M5.8 11.2q4.2 5.4 8.4 0z",
}
_EYES = "M7.2 8.2v.4M12.8 8.2v.4"


def emotion_icon(emotion: int) -> str:
    """A small face for emotion 1 (very bad) to 5 (very good), sized by the surrounding text."""
    return (
        f'<svg class="kw-face kw-face-{emotion}" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" '
        'focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" '
        f'stroke-linejoin="round"><circle cx="10" cy="10" r="8.4"/><path d="{_EYES}{_FEATURES[emotion]}"/></svg>'
    )
