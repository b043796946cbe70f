"""German words for the values the schemas allow, in one place.

Renderers, exports and the CLI print these instead of the raw schema values.
A test checks that every enum in the schemas has exactly these keys, so a new
value in a schema cannot pass validation and then fail in rendering.
"""
from __future__ import annotations

# Keyed by the schema property that holds the enum.
ENUM_LABELS: dict[str, dict[str, str]] = {
    "segment": {
        "beneficiary": "Hilfesuchende",
        "donor": "Spendende",
        "volunteer": "Ehrenamtliche",
        "internal": "Interne Kundschaft",
        "external": "Externe Kundschaft",
        "obligated": "Pflichtkundschaft",
    },
    "state": {"current": "Ist-Zustand", "target": "Soll-Zustand"},
    "status": {"open": "geplant", "in_progress": "läuft", "done": "erledigt"},
    "confidence": {
        "published": "aus einer Veröffentlichung",
        "observed": "beobachtet",
        "assumed": "vermutet",
        "planned": "geplant",
    },
    "basis": {"research": "aus Gesprächen verdichtet", "case": "Fallfigur"},
    "topic": {
        "waiting": "Wartezeit",
        "reachability": "Erreichbarkeit",
        "information": "Unklare Information",
        "documents": "Unterlagen und Nachweise",
        "language": "Schwer verständliche Sprache",
        "handover": "Übergabe und Zuständigkeit",
        "media_break": "Medienbruch",
        "status": "Ungewissheit über den Stand",
        "costs": "Kosten",
        "barriers": "Barrieren",
        "treatment": "Umgang und Ton",
        "rules": "Starre Regeln",
    },
}

SEGMENT_LABELS = ENUM_LABELS["segment"]
STATE_LABELS = ENUM_LABELS["state"]
STATUS_LABELS = ENUM_LABELS["status"]
CONFIDENCE_LABELS = ENUM_LABELS["confidence"]
TOPIC_LABELS = ENUM_LABELS["topic"]
BASIS_LABELS = ENUM_LABELS["basis"]

# The German name of the field `confidence`; never "Sicherheit", which reads as security.
CONFIDENCE_NAME = "Beleglage"

EMOTION_WORDS = {1: "sehr schlecht", 2: "schlecht", 3: "neutral", 4: "gut", 5: "sehr gut"}
