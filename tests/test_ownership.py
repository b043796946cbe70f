"""Every journey names a team, and GitHub asks exactly that team to review changes to it.

The team name in a journey's `owner` field is looked up in .github/teams.yml; the matching rule in
.github/CODEOWNERS (the last one that matches, as GitHub reads it) must name the same GitHub team.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
JOURNEYS = REPO / "journeys"
PERSONAS = JOURNEYS / "personas"
CODEOWNERS = REPO / ".github" / "CODEOWNERS"
TEAMS = REPO / ".github" / "teams.yml"
MAINTAINERS = "@kundenwege/maintainers"
REDAKTION = "@kundenwege/redaktion"
PERSONA_OWNERS = {MAINTAINERS, REDAKTION}
OWNER = re.compile(r"^@[A-Za-z0-9-]+(?:/[A-Za-z0-9_.-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
TEAM_HANDLE = re.compile(r"^@[A-Za-z0-9-]+/[A-Za-z0-9_.-]+$")
HINT = "Siehe README, Abschnitt „Ein Team hinzufügen“."


# --- CODEOWNERS as GitHub reads it ---------------------------------------------------------------


def pattern_regex(pattern: str) -> re.Pattern:
    """A CODEOWNERS pattern (gitignore style) as a regular expression over repository paths."""
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = pattern.startswith("/") or "/" in body
    parts = []
    for token in re.split(r"(\*\*|\*|\?)", body):
        parts.append({"**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token)))
    start = "^" if anchored else "^(?:.*/)?"
    end = "/.*$" if directory else "(?:/.*)?$"
    return re.compile(start + "".join(parts) + end)


def read_codeowners(path: Path = CODEOWNERS) -> list[tuple[int, str, list[str]]]:
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            pattern, *owners = text.split()
            rules.append((number, pattern, owners))
    return rules


def owners_of(relative: str, rules: list[tuple[int, str, list[str]]]) -> tuple[int | None, list[str]]:
    """The owners of a path: the last matching rule wins."""
    found: tuple[int | None, list[str]] = (None, [])
    for number, pattern, owners in rules:
        if pattern_regex(pattern).match(relative):
            found = (number, owners)
    return found


def read_teams() -> dict:
    data = yaml.safe_load(TEAMS.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), ".github/teams.yml muss eine Zuordnung „Team-Name: \"@org/team\"“ sein."
    return data


def journey_files() -> list[Path]:
    return sorted(p for p in JOURNEYS.rglob("*.y*ml") if PERSONAS not in p.parents)


def persona_files() -> list[Path]:
    return sorted(PERSONAS.glob("*.y*ml"))


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# --- tests ---------------------------------------------------------------------------------------


def test_codeowners_lines_are_valid():
    problems = []
    for number, pattern, owners in read_codeowners():
        if not owners:
            problems.append(f".github/CODEOWNERS Zeile {number}: „{pattern}“ nennt kein Team.")
        for owner in owners:
            if not OWNER.match(owner):
                problems.append(f".github/CODEOWNERS Zeile {number}: „{owner}“ ist kein GitHub-Team, z. B. @kundenwege/team-name.")
        if pattern.startswith("!") or "[" in pattern or pattern.startswith("\\#"):
            problems.append(f".github/CODEOWNERS Zeile {number}: „{pattern}“ versteht GitHub in CODEOWNERS nicht.")
    assert not problems, "\n".join(problems)


def test_teams_yml_maps_names_to_github_teams():
    problems = []
    for name, handle in read_teams().items():
        if not isinstance(name, str) or not isinstance(handle, str) or not TEAM_HANDLE.match(handle):
            problems.append(f".github/teams.yml: „{name}: {handle}“ – rechts muss ein GitHub-Team stehen, z. B. \"@kundenwege/team-name\".")
    assert not problems, "\n".join(problems)


def test_every_team_in_teams_yml_has_a_codeowners_rule():
    named = {owner for _, _, owners in read_codeowners() for owner in owners}
    missing = [f"„{name}“ ({handle})" for name, handle in read_teams().items() if handle not in named]
    assert not missing, (
        "In .github/teams.yml stehen Teams, die in .github/CODEOWNERS keinen Ordner haben: "
        + ", ".join(missing) + f". {HINT}"
    )


def test_every_journey_is_reviewed_by_its_owner_team():
    files = journey_files()
    if not files:
        pytest.skip("Noch keine Journeys unter journeys/.")
    teams, rules, problems = read_teams(), read_codeowners(), []
    for path in files:
        name = rel(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{name}: die Datei ist kein gültiges YAML ({error.__class__.__name__}); `make validate` zeigt die Stelle.")
            continue
        owner = data.get("owner") if isinstance(data, dict) else None
        if not owner:
            problems.append(f"{name}: das Feld „owner“ fehlt. Trage das zuständige Team ein, z. B. owner: \"Team Bürgerservice\".")
            continue
        if owner not in teams:
            problems.append(
                f"{name}: owner „{owner}“ fehlt in .github/teams.yml. Trage dort das Team und sein GitHub-Team ein "
                f"oder korrigiere den Namen in der Journey. {HINT}"
            )
            continue
        line, owners = owners_of(name, rules)
        if teams[owner] not in owners:
            where = f"Zeile {line} ({' '.join(owners)})" if line else "keine Regel"
            problems.append(
                f"{name}: owner „{owner}“ ist {teams[owner]}, aber in .github/CODEOWNERS greift für diese Datei {where}. "
                f"Lege die Journey in den Ordner des Teams oder ergänze die Zeile „/{path.parent.relative_to(REPO).as_posix()}/ "
                f"{teams[owner]}“. {HINT}"
            )
    assert not problems, "\n".join(problems)


def test_personas_are_reviewed_by_redaktion_or_maintainers():
    files = persona_files()
    if not files:
        pytest.skip("Noch keine Personas unter journeys/personas/.")
    rules, problems = read_codeowners(), []
    for path in files:
        line, owners = owners_of(rel(path), rules)
        if not owners or not set(owners) <= PERSONA_OWNERS:
            where = f"Zeile {line} nennt {' '.join(owners)}" if line else "keine Regel greift"
            problems.append(
                f"{rel(path)}: Personas prüfen {REDAKTION} oder {MAINTAINERS}, aber in .github/CODEOWNERS {where}."
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".github/workflows/ci.yml", MAINTAINERS),
        (".github/CODEOWNERS", MAINTAINERS),
        (".github/teams.yml", MAINTAINERS),
        ("macros/cli.py", MAINTAINERS),
        ("mkdocs.yml", MAINTAINERS),
        ("Makefile", MAINTAINERS),
        ("tests/test_ownership.py", MAINTAINERS),
        ("docs/index.md", REDAKTION),
        ("docs/mitmachen/journey-bearbeiten.md", REDAKTION),
    ],
)
def test_shared_files_have_the_right_reviewers(path, expected):
    line, owners = owners_of(path, read_codeowners())
    assert owners == [expected], f"{path}: erwartet {expected}, in .github/CODEOWNERS greift Zeile {line} mit {owners}."


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*", "journeys/a/b.yml", True),
        ("/docs/", "docs/x/y.md", True),
        ("/docs/", "journeys/docs/y.md", False),
        ("docs/", "journeys/docs/y.md", True),
        ("/mkdocs.yml", "mkdocs.yml", True),
        ("/mkdocs.yml", "docs/mkdocs.yml", False),
        ("*.yml", "journeys/a/b.yml", True),
        ("/journeys/buergerservice/", "journeys/buergerservice-neu/x.yml", False),
        ("/journeys/**/soll-*.yml", "journeys/a/soll-x.yml", True),
    ],
)
def test_pattern_matching_follows_github(pattern, path, matches):
    assert bool(pattern_regex(pattern).match(path)) is matches


def test_last_matching_rule_wins(tmp_path):
    owners_file = tmp_path / "CODEOWNERS"
    owners_file.write_text("* @o/alle\n/journeys/ @o/erste\n/journeys/a/ @o/zweite\n", encoding="utf-8")
    rules = read_codeowners(owners_file)
    assert owners_of("journeys/a/x.yml", rules) == (3, ["@o/zweite"])
    assert owners_of("journeys/b/x.yml", rules) == (2, ["@o/erste"])
    assert owners_of("README.md", rules) == (1, ["@o/alle"])
