"""Commented starting files for `python -m macros new`; valid as written."""
from __future__ import annotations

from .today import today

JOURNEY = """\
# yaml-language-server: $schema={schema}
# Customer Journey: Wer erlebt was, Schritt für Schritt? Felder erklärt: Nachschlagen > Schema.
title: "Titel der Journey"
persona: {persona}   # Kennung einer Persona: Dateiname in journeys/personas/ ohne .yml
owner: "Team Beispiel"   # Team, das die Journey pflegt
description: "Worum es geht, in zwei, drei Sätzen: Anlass, Ausgangslage, Ziel der Person."
last_reviewed: {today}   # wann das Team die Journey zuletzt geprüft hat
review_interval: 12   # nach wie vielen Monaten die nächste Überprüfung fällig ist
stages:
  - name: "Erste Phase"
    steps:
      - action: "Was die Person tut oder erlebt"
        id: erster-schritt   # Kennung, damit Maßnahmen auf den Schritt verweisen können
        emotion: 3   # 1 = sehr schlecht, 3 = neutral, 5 = sehr gut
        confidence: assumed   # Beleglage: published = aus einer Veröffentlichung, observed = beobachtet, assumed = vermutet, planned = geplant
        evidence: ["Woher ihr das wisst, z. B. Interview 3, März 2026"]
        actors: ["Kundin"]
        touchpoint: "Website"
        channel: "online"
        pain_points: ["Was hier ärgert oder Zeit kostet"]
        opportunities: ["Was besser werden kann"]
  - name: "Zweite Phase"
    steps:
      - action: "Der nächste Schritt"
        emotion: 4
"""

PERSONA = """\
# yaml-language-server: $schema={schema}
# Persona: ein typischer Mensch, verdichtet aus echten Gesprächen und Daten.
name: "Vorname, Alter, Lebenslage"
# Gruppe: beneficiary, donor, volunteer, internal, external oder obligated
segment: external
description: "Lebenslage und Anlass in zwei, drei Sätzen."
quote: "Ein Satz, den diese Person so sagen würde."
goals: ["Was sie erreichen will"]
needs: ["Was sie dafür braucht"]
pain_points: ["Was sie ärgert oder bremst"]
owner: "Team Beispiel"   # wer die Persona pflegt
last_reviewed: {today}
sources: ["Woraus die Persona verdichtet ist, z. B. 8 Interviews 2026"]   # keine personenbezogenen Daten
conversations: 8   # echte Gespräche dahinter; unter 5 ist sie eine Fallfigur: basis: case
"""


def journey_template(schema: str, persona: str) -> str:
    return JOURNEY.format(schema=schema, persona=persona, today=today().isoformat())


def persona_template(schema: str) -> str:
    return PERSONA.format(schema=schema, today=today().isoformat())
