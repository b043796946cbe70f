"""Symbolic links from strangers' pull requests: refused by name, their targets never opened or shown."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .helpers import FIXTURES, build_site, make_project, run_cli, run_module

pytestmark = pytest.mark.build

SECRET = "GEHEIM-7c1e-nicht-veroeffentlichen"
VALID = FIXTURES / "valid" / "journeys"


@pytest.fixture
def outside(tmp_path) -> Path:
    """Files outside the repository: a secret that looks like a journey, and a pipe that blocks whoever opens it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yml").write_text(f"title: {SECRET}\npersona: mira\nowner: x\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.yml")
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "repo" / "journeys")
    return tmp_path / "repo"


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("journeys/team-a/x.yml", "secret.yml"),
        ("journeys/team-a/pipe.yml", "pipe.yml"),  # opening it would hang: the timeout proves it is never opened
        ("journeys/team-x", "."),  # a folder
        ("journeys/personas/kopie.yml", None),  # inside the repository: refused as well
    ],
)
def test_validator_refuses_links_by_name_without_reading_them(project, outside, link, target):
    path = project / link
    path.symlink_to(outside / target if target else project / "journeys" / "personas" / "mira.yml")
    # Opening the pipe would block this process for good: a subprocess with a timeout proves it is never opened.
    run = run_module if target == "pipe.yml" else run_cli
    for output_format in ("text", "github"):
        result = run("validate", "--format", output_format, cwd=project)
        assert result.returncode == 1
        output = result.stdout + result.stderr
        assert f"„{link}“ ist ein symbolischer Link" in output
        assert SECRET not in output and "Traceback" not in output and str(outside) not in output
    annotation = run_cli("validate", "--format", "github", cwd=project).stdout.splitlines()
    assert any(line.startswith(f"::error file={link},line=1,col=1::") for line in annotation)


def test_a_linked_file_named_on_the_command_line_is_refused_too(project, outside):
    (project / "journeys" / "team-a" / "x.yml").symlink_to(outside / "secret.yml")
    result = run_cli("validate", "journeys/team-a/x.yml", cwd=project)
    assert result.returncode == 1 and "ist ein symbolischer Link" in result.stdout and SECRET not in result.stdout


def test_a_linked_journeys_folder_is_refused(tmp_path, outside):
    (outside / "personas").mkdir()
    (tmp_path / "journeys").symlink_to(outside)
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 1 and "„journeys“ ist ein symbolischer Link" in result.stdout
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("where", ["journeys/team-a/x.yml", "docs/geheim.md", "docs/ordner"])
def test_strict_build_fails_naming_the_link_and_publishes_nothing(tmp_path, outside, where):
    project = make_project(tmp_path / "p", VALID, {"index.md": "# Start\n"})
    target = outside / ("secret.yml" if where.endswith(".yml") else ".")
    if where.endswith(".md"):
        target = outside / "secret.md"
        target.write_text(f"# {SECRET}\n", encoding="utf-8")
    (project / where).symlink_to(target)
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert f"„{where}“ ist ein symbolischer Link" in result.stderr
    assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_build_input_for_zensical_refuses_links(tmp_path, outside):
    project = make_project(tmp_path / "p", VALID, {"index.md": "# Start\n"})
    (project / "docs" / "geheim.md").symlink_to(outside / "secret.yml")
    result = run_cli("build-input", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1 and "„docs/geheim.md“ ist ein symbolischer Link" in result.stderr
    assert not (tmp_path / "out").exists()
