"""The loader and validator on real files: every problem found, in German, at the right line."""
from __future__ import annotations

import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest

from macros.loader import load_catalog

from .helpers import run_cli

PERSONA = "name: Mira\nsegment: obligated\nbasis: case\n"
JOURNEY = """\
title: Pass beantragen
persona: mira
owner: Team A
stages:
  - name: Termin
    steps:
      - action: Termin buchen
        emotion: 3
        confidence: assumed
"""


def tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "journeys"
    for name, content in {"personas/mira.yml": PERSONA, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def problems_of(tmp_path: Path, files: dict[str, str | bytes]) -> list:
    _, problems = load_catalog(tree(tmp_path, files))
    return problems


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_tree_loads_into_model(tmp_path):
    catalog, problems = load_catalog(tree(tmp_path, {"team/pass.yml": JOURNEY}))
    assert problems == []
    journey = catalog.journeys["pass"]
    assert journey.persona == "mira" and journey.steps[0].emotion == 3
    assert catalog.journeys_of("mira") == [journey]
    assert catalog.personas["mira"].segment == "obligated"


def test_repository_data_is_valid():
    root = Path(__file__).resolve().parent.parent / "journeys"
    catalog, problems = load_catalog(root)
    assert problems == [], "\n".join(map(str, problems))
    assert len(catalog.journeys) >= 8 and len(catalog.personas) >= 6
    assert {p.segment for p in catalog.personas.values()} == {
        "beneficiary", "donor", "volunteer", "internal", "external", "obligated"
    }


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        (JOURNEY.replace("emotion: 3", "emtion: 3"), 8, "Unbekanntes Feld „emtion“. Meintest du „emotion“?"),
        (JOURNEY.replace("emotion: 3", "emotion: 7"), 8, "„emotion“ muss eine ganze Zahl von 1 bis 5 sein, hier steht 7."),
        (JOURNEY.replace("emotion: 3", "emotion: drei"), 8, "„emotion“ muss eine ganze Zahl sein"),
        (JOURNEY.replace("owner: Team A\n", ""), 1, "Pflichtfeld „owner“ fehlt"),
        (JOURNEY.replace("action: Termin buchen", "action: no"), 7, "„no“ liest YAML als einen Wahrheitswert. Setze den Text in Anführungszeichen: \"no\"."),
        (JOURNEY.replace("owner: Team A", "owner: 2024"), 3, "„2024“ liest YAML als eine Zahl"),
        (JOURNEY + "last_reviewed: 2026-02-30\n", 10, "Das Datum „2026-02-30“ gibt es nicht"),
        (JOURNEY + "last_reviewed: '2026-02-30'\n", 10, "Das Datum „2026-02-30“ gibt es nicht"),
        (JOURNEY.replace("persona: mira", "persona: mirra"), 2, "Die Persona „mirra“ gibt es nicht. Lege journeys/personas/mirra.yml an oder korrigiere die Kennung. Meintest du „mira“?"),
        (JOURNEY + "title: Nochmal\n", 10, "Der Schlüssel „title“ steht doppelt (zuerst in Zeile 1)."),
        (JOURNEY.replace("  - name: Termin", "\t- name: Termin"), 5, "Tabulator gefunden"),
        (JOURNEY.split("stages:")[0] + "stages: []\n", 4, "„stages“ braucht mindestens 1 Eintrag"),
        (JOURNEY + "state: soll\n", 10, "„state“ darf nur einer dieser Werte sein: current (Ist-Zustand), target (Soll-Zustand). Hier steht „soll“. Meintest du „target“?"),
        (JOURNEY + "compare_with: gibtsnicht\n", 10, "Die Journey „gibtsnicht“ gibt es nicht."),
        (JOURNEY.replace("title: Pass beantragen", 'title: "   "'), 1, "„title“ ist leer."),
        (JOURNEY.replace("title: Pass beantragen", 'title: ""'), 1, "„title“ ist leer."),
        (JOURNEY.replace("title: Pass beantragen", 'title: "\\e\\t"'), 1, "„title“ ist leer."),
        (JOURNEY.replace("title: Pass beantragen", "title:"), 1, "„title“ ist leer. Trage einen Wert ein"),
        (JOURNEY + "extra: !!python/object/apply:os.system ['echo hacked']\n", 10, "YAML-Tags wie „!!python/object/apply:os.system“ sind nicht erlaubt."),
        (JOURNEY.replace('title: Pass beantragen', 'title: "Pass'), 1, "Anführungszeichen"),
        ("- eine\n- Liste\n", 1, "Die oberste Ebene muss aus Feldern bestehen"),
        ("# nur ein Kommentar\n", 1, "Die Datei ist leer."),
        ("", 1, "Die Datei ist leer."),
    ],
)
def test_each_problem_is_reported_at_its_line(tmp_path, content, line, expected):
    problem = only(problems_of(tmp_path, {"team/pass.yml": content}))
    assert problem.path.endswith("journeys/team/pass.yml")
    assert expected in problem.message
    assert problem.line == line


def test_unknown_persona_segment_suggests_the_closest(tmp_path):
    problem = only(problems_of(tmp_path, {"personas/mira.yml": "name: Mira\nsegment: donr\n"}))
    assert problem.line == 2 and "Meintest du „donor“?" in problem.message


def test_control_characters_in_a_value_show_as_escapes_and_keep_the_message_on_one_line(tmp_path):
    problem = only(problems_of(tmp_path, {"team/pass.yml": JOURNEY.replace("persona: mira", 'persona: "mi\\rra\\x00"')}))
    assert "„mi\\rra\\x00“" in problem.message and len(str(problem).splitlines()) == 1


def test_not_utf8_names_the_line(tmp_path):
    problem = only(problems_of(tmp_path, {"team/pass.yml": JOURNEY.encode() + b"description: Stra\xdfe\n"}))
    assert problem.line == 10 and "nicht in UTF-8" in problem.message


def test_duplicate_ids_name_both_files(tmp_path):
    problem = only(problems_of(tmp_path, {"a/pass.yml": JOURNEY, "b/pass.yml": JOURNEY}))
    assert "„pass“ gibt es doppelt" in problem.message
    assert "journeys/a/pass.yml" in problem.message and problem.path.endswith("journeys/b/pass.yml")


def test_all_problems_of_all_files_in_one_run(tmp_path):
    problems = problems_of(
        tmp_path,
        {
            "a/one.yml": JOURNEY.replace("emotion: 3", "emotion: 0"),
            "b/two.yml": JOURNEY.replace("owner: Team A", "ownr: Team A"),
            "b/three.yml": JOURNEY,
        },
    )
    assert sorted(Path(p.path).name for p in problems) == ["one.yml", "two.yml"]


def test_bad_file_names_are_refused(tmp_path):
    problems = problems_of(tmp_path, {"team/Pass Amt.yml": JOURNEY, "team/index.yml": JOURNEY, "team/x.yaml": JOURNEY})
    assert len(problems) == 3


@pytest.mark.parametrize(
    "bomb",
    [
        # Billion laughs: nine levels of nine aliases expand to about 387 million nodes.
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
        # Deep nesting.
        "title: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["alias-bomb", "deep-nesting"],
)
def test_hostile_files_fail_fast_and_small(tmp_path, bomb):
    tracemalloc.start()
    started = time.process_time()
    problem = only(problems_of(tmp_path, {"team/bomb.yml": bomb}))
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "verschachtelt" in problem.message
    # Bounds of safety, not performance targets: an unbounded expansion takes minutes and gigabytes.
    assert seconds < 20 and peak < 200_000_000


def test_every_repository_file_points_editors_at_its_schema():
    from macros.loader import kind_of, yaml_files

    root = Path(__file__).resolve().parent.parent / "journeys"
    wrong = []
    for path in yaml_files(root):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.partition("# yaml-language-server: $schema=")[2]
        schema = (path.parent / target).resolve() if target else None
        if schema is None or schema.name != f"{kind_of(path.relative_to(root))}.schema.json" or not schema.is_file():
            wrong.append(f"{path.relative_to(root)}: {first}")
    assert wrong == []


DOCUMENTED = Path(__file__).resolve().parent.parent / "docs" / "mitmachen" / "fehlermeldungen.md"


@pytest.mark.parametrize(
    ("content", "documented"),
    [
        (JOURNEY.replace("emotion: 3", "emtion: 3"), "Unbekanntes Feld „emtion“. Meintest du „emotion“?"),
        (JOURNEY.replace("emotion: 3", "emotion: 7"), "„emotion“ muss eine ganze Zahl von 1 bis 5 sein, hier steht 7."),
        (JOURNEY.replace("emotion: 3", 'emotion: "3"'), "„emotion“ muss eine ganze Zahl sein, hier steht „3“."),
        (JOURNEY.replace("owner: Team A\n", ""), "Pflichtfeld „owner“ fehlt. Trage es ein: Team, das die Journey pflegt"),
        (JOURNEY.replace("action: Termin buchen", "action: no"), "„no“ liest YAML als einen Wahrheitswert. Setze den Text in Anführungszeichen: \"no\"."),
        (JOURNEY.replace("action: Termin buchen", "action: 12:30"), "„12:30“ liest YAML als eine Zahl."),
        (JOURNEY + "last_reviewed: 2026-02-30\n", "Das Datum „2026-02-30“ gibt es nicht. Schreibe es als JJJJ-MM-TT."),
        (JOURNEY + "title: Nochmal\n", "Der Schlüssel „title“ steht doppelt (zuerst in Zeile"),
        (JOURNEY.replace("emotion: 3", "emotion: 3\n        actors: Kundin"), "„actors“ muss eine Liste (Zeilen mit „- “) sein, hier steht „Kundin“."),
        (JOURNEY.replace("action: Termin buchen", 'action: ""'), "„action“ ist leer. Trage einen Text ein oder lösche das Feld."),
        (JOURNEY + "state: aktuell\n", "„state“ darf nur einer dieser Werte sein: current (Ist-Zustand), target (Soll-Zustand). Hier steht „aktuell“."),
        (JOURNEY.replace("  - name: Termin", "\t- name: Termin"), "Tabulator gefunden. Rücke in YAML nur mit Leerzeichen ein."),
        ("", "Die Datei ist leer."),
        (JOURNEY.encode() + b"description: Stra\xdfe\n", "Die Datei ist nicht in UTF-8 gespeichert."),
        (JOURNEY.replace("Pass beantragen", "Hinweis: mitbringen"), "Ein Doppelpunkt mit Leerzeichen steht mitten im Text."),
        (JOURNEY.replace('title: Pass beantragen', 'title: "Pass'), "Ein Anführungszeichen oder eine Klammer ist nicht geschlossen."),
        (JOURNEY.replace("persona: mira", "persona: xyz"), "Die Persona „xyz“ gibt es nicht. Lege journeys/personas/xyz.yml an oder korrigiere die Kennung."),
        (JOURNEY + "compare_with: pass\n", "„compare_with“ nennt diese Journey selbst."),
        (JOURNEY + "last_reviewed: 2099-01-01\n", "Das Datum 2099-01-01 liegt in der Zukunft (heute ist"),
        (JOURNEY + "last_reviewed: 1926-01-01\n", "Das Jahr 1926 ist vermutlich ein Tippfehler: erlaubt sind 2000 bis 2099."),
        (
            JOURNEY.replace("      - action: Termin buchen", "      - action: Termin buchen\n        id: termin")
            + "      - action: Termin wahrnehmen\n        id: termin\n        emotion: 2\n",
            "Die Schritt-Kennung „termin“ steht in dieser Journey doppelt (zuerst in Zeile 8).",
        ),
        (JOURNEY + "improvements:\n  - action: A\n    owner: B\n    steps: [termin]\n", "Einen Schritt mit der Kennung „termin“ gibt es in dieser Journey nicht."),
    ],
)
def test_the_error_page_shows_the_messages_the_validator_really_gives(tmp_path, content, documented):
    assert documented in DOCUMENTED.read_text(encoding="utf-8"), "the Mitmachen page no longer shows this message"
    messages = [p.message for p in problems_of(tmp_path, {"team/pass.yml": content})]
    assert any(documented in m for m in messages), messages


TARGET = JOURNEY.replace("title: Pass beantragen", "title: Pass neu").replace("confidence: assumed", "confidence: planned") + "state: target\n"


@pytest.mark.parametrize(
    ("current", "target", "expected"),
    [
        (JOURNEY + "state: current\ncompare_with: neu\n", TARGET, []),
        (JOURNEY + "state: current\ncompare_with: neu\n", TARGET.replace("persona: mira", "persona: ben"), ["gehört zur Persona „ben“"]),
        (JOURNEY + "compare_with: neu\n", TARGET, ["braucht eine der beiden Journeys „state: current“"]),
        (TARGET.replace("title: Pass neu", "title: Pass") + "compare_with: neu\n", TARGET, ["(hier: target und target)"]),
    ],
)
def test_comparisons_across_personas_or_states_are_warnings_not_errors(tmp_path, current, target, expected):
    problems = problems_of(tmp_path, {"team/pass.yml": current, "team/neu.yml": target, "personas/ben.yml": "name: Ben\nsegment: donor\nbasis: case\n"})
    assert [p.severity for p in problems] == ["warning"] * len(expected)
    for problem, text in zip(problems, expected):
        line = next(n for n, row in enumerate(current.splitlines(), start=1) if row.startswith("compare_with"))
        assert text in problem.message and problem.path.endswith("team/pass.yml") and problem.line == line


def test_warnings_are_shown_as_github_warnings_and_do_not_fail(tmp_path):
    tree(tmp_path, {"team/pass.yml": JOURNEY + "compare_with: neu\n", "team/neu.yml": TARGET})
    for output_format, prefix in (("text", "journeys/team/pass.yml:10:15: Hinweis: "), ("github", "::warning file=journeys/team/pass.yml,line=10,col=15::")):
        result = run_cli("validate", "--format", output_format, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith(prefix)
