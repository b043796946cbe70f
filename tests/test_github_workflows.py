"""The GitHub workflows stay safe: linted by zizmor and actionlint, pinned, least privilege, logic only in make.

Each structural check is a function that returns German problem messages; the tests run them on the real
workflows and, to prove they bite, on a deliberately broken one.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = GITHUB / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.y*ml"))

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(?:\.\d+){0,2}\b")
DEPLOY_SCOPES = {"pages", "id-token"}
# Words that mean build logic has crept into a workflow instead of the Makefile.
FORBIDDEN_IN_DIFF_STEP = re.compile(r"\b(?:pip|python3?|mkdocs|npm|npx|curl|wget|apt-get|sudo|bash|sh)\b")

BROKEN_WORKFLOW = textwrap.dedent(
    """\
    name: kaputt
    on:
      pull_request_target:
    permissions: write-all
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: echo "${{ github.event.pull_request.title }}"
          - run: pip install mkdocs && mkdocs build
      deploy:
        runs-on: ubuntu-latest
        permissions:
          contents: write
          id-token: write
        steps:
          - uses: actions/deploy-pages@main
    """
)


# --- helpers -------------------------------------------------------------------------------------


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` block; PyYAML reads the bare key `on` as the boolean True."""
    raw = workflow.get("on", workflow.get(True))
    if isinstance(raw, str):
        return {raw: None}
    if isinstance(raw, list):
        return {name: None for name in raw}
    return raw or {}


def jobs(workflow: dict) -> dict:
    return workflow.get("jobs") or {}


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def uses_action(job: dict, action: str) -> bool:
    return any(str(step.get("uses", "")).split("@")[0] == action for step in steps(job))


def tool(name: str) -> str:
    """A command from this Python's environment (installed by requirements-test.txt), else from PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} ist nicht installiert. `make test` installiert es aus requirements-test.txt.")
    return found


def run_zizmor(target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color", "never", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_actionlint(files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def logical_lines(script: str) -> list[str]:
    """Script lines without blanks and comments, with backslash continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", script)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


# --- checks: each returns a list of problems -----------------------------------------------------


def pin_problems(name: str, workflow: dict, text: str) -> list[str]:
    problems = []
    for job_id, job in jobs(workflow).items():
        refs = [job["uses"]] if "uses" in job else []
        refs += [step["uses"] for step in steps(job) if "uses" in step]
        for ref in refs:
            if str(ref).startswith("./"):
                continue
            if not SHA_PIN.match(str(ref)):
                problems.append(
                    f"{name}, Job {job_id}: `uses: {ref}` ist nicht auf einen vollständigen Commit-SHA "
                    "(40 Hex-Zeichen) festgelegt."
                )
    for number, line in enumerate(text.splitlines(), start=1):
        match = USES_LINE.match(line)
        if match and not match["ref"].startswith("./") and "@" in match["ref"]:
            if not VERSION_COMMENT.search(match["rest"]):
                problems.append(f"{name}:{number}: hinter `uses:` fehlt der Kommentar mit der Version, z. B. `# v1.2.3`.")
    return problems


def trigger_problems(name: str, workflow: dict) -> list[str]:
    if "pull_request_target" in triggers(workflow):
        return [f"{name}: `pull_request_target` ist verboten (fremder Code mit Schreibrechten)."]
    return []


def permission_problems(name: str, workflow: dict) -> list[str]:
    problems = []
    top = workflow.get("permissions")
    if top not in ({}, {"contents": "read"}):
        problems.append(f"{name}: oben muss `permissions: {{}}` oder `permissions: {{contents: read}}` stehen, nicht {top!r}.")
    for job_id, job in jobs(workflow).items():
        granted = job.get("permissions")
        if not isinstance(granted, dict):
            problems.append(f"{name}, Job {job_id}: eigene `permissions:` als Liste einzelner Rechte fehlen (gefunden: {granted!r}).")
            continue
        deploys = uses_action(job, "actions/deploy-pages")
        keeps_issue = [step.get("run", "").strip() for step in steps(job) if "run" in step] == ["make review-issue"]
        allowed = (DEPLOY_SCOPES if deploys else set()) | ({"issues"} if keeps_issue else set())
        for scope, level in granted.items():
            if level == "write" and scope not in allowed:
                problems.append(f"{name}, Job {job_id}: `{scope}: write` ist hier nicht erlaubt.")
        if deploys and not all(granted.get(scope) == "write" for scope in DEPLOY_SCOPES):
            problems.append(f"{name}, Job {job_id}: deploy-pages braucht `pages: write` und `id-token: write`.")
    return problems


def checkout_problems(name: str, workflow: dict) -> list[str]:
    problems = []
    for job_id, job in jobs(workflow).items():
        for step in steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    problems.append(f"{name}, Job {job_id}: checkout braucht `persist-credentials: false`.")
    return problems


def run_step_problems(name: str, workflow: dict) -> list[str]:
    """Every `run:` calls make; the only exception is a short step that lists changed files with git diff."""
    problems = []
    for job_id, job in jobs(workflow).items():
        for step in steps(job):
            script = step.get("run")
            if script is None:
                continue
            label = f"{name}, Job {job_id}, Schritt „{step.get('name', script.strip()[:40])}“"
            if "${{" in script:
                problems.append(f"{label}: kein `${{{{ … }}}}` im Skript; Werte über `env:` übergeben.")
            lines = logical_lines(script)
            if lines and all(line.startswith("make ") or line == "make" for line in lines):
                continue
            is_diff_step = "git diff --name-only" in script and len(lines) <= 5
            if is_diff_step and not FORBIDDEN_IN_DIFF_STEP.search(script):
                continue
            problems.append(f"{label}: ein `run:` darf nur `make …` aufrufen (Logik gehört ins Makefile).")
    return problems


def structural_problems(name: str, workflow: dict, text: str) -> list[str]:
    return (
        pin_problems(name, workflow, text)
        + trigger_problems(name, workflow)
        + permission_problems(name, workflow)
        + checkout_problems(name, workflow)
        + run_step_problems(name, workflow)
    )


# --- the real workflows --------------------------------------------------------------------------


def test_workflows_exist():
    names = {path.name for path in WORKFLOW_FILES}
    assert {"ci.yml", "deploy.yml"} <= names, f".github/workflows/ enthält nur {sorted(names)}."


def test_zizmor_reports_nothing():
    result = run_zizmor(GITHUB)
    assert result.returncode == 0, f"zizmor meldet Probleme in .github/:\n{result.stdout}\n{result.stderr}"


def test_actionlint_reports_nothing():
    result = run_actionlint(WORKFLOW_FILES)
    assert result.returncode == 0, f"actionlint meldet Probleme:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_structure(path):
    problems = structural_problems(path.name, load(path), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_ci_runs_on_pull_requests_and_reports_even_after_failures():
    workflow = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in triggers(workflow), "ci.yml muss bei Pull Requests laufen."
    all_steps = [step for job in jobs(workflow).values() for step in steps(job)]
    scripts = [step.get("run", "") for step in all_steps]
    order = [next((i for i, s in enumerate(scripts) if target in s), None) for target in ("make test", "make build")]
    assert None not in order and order[0] < order[1], "ci.yml muss `make test` und danach `make build` aufrufen."
    for target in ("make summary", "make annotations"):
        step = next((s for s in all_steps if target in s.get("run", "")), None)
        assert step is not None, f"ci.yml ruft `{target}` nicht auf."
        condition = str(step.get("if", ""))
        assert "always()" in condition or "!cancelled()" in condition, (
            f"ci.yml: der Schritt mit `{target}` muss auch nach fehlgeschlagenen Tests laufen (`if: ${{{{ !cancelled() }}}}`)."
        )
    summary = next(s for s in all_steps if "make summary" in s.get("run", ""))
    assert "$GITHUB_STEP_SUMMARY" in summary["run"], "ci.yml: `make summary` muss in $GITHUB_STEP_SUMMARY schreiben."
    upload = [s for s in all_steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload and upload[0].get("with", {}).get("name") == "site", "ci.yml: die Website muss als Artefakt `site` hochgeladen werden."
    assert any(s.get("with", {}).get("name") == "vorschau" for s in upload), "ci.yml: die Vorschau muss als Artefakt `vorschau` hochgeladen werden."
    assert any("make preview" in script for script in scripts), "ci.yml muss `make preview` aufrufen."
    checkout = next(s for s in all_steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout.get("with", {}).get("fetch-depth") == 0, "ci.yml: checkout braucht `fetch-depth: 0`, sonst fehlt der Basiszweig."


def test_deploy_publishes_only_after_a_green_build():
    workflow = load(WORKFLOWS / "deploy.yml")
    checkout = next(s for job in jobs(workflow).values() for s in steps(job) if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout.get("with", {}).get("fetch-depth") == 0, (
        "deploy.yml: checkout braucht `fetch-depth: 0`, sonst fehlt die Geschichte für „seit der letzten Überprüfung geändert“."
    )
    on = triggers(workflow)
    assert (on.get("push") or {}).get("branches") == ["main"], "deploy.yml darf nur bei Push auf main laufen."
    assert workflow.get("concurrency") == {"group": "pages", "cancel-in-progress": False}, (
        "deploy.yml: `concurrency: {group: pages, cancel-in-progress: false}` fehlt."
    )
    deploy_jobs = {job_id: job for job_id, job in jobs(workflow).items() if uses_action(job, "actions/deploy-pages")}
    assert len(deploy_jobs) == 1, "deploy.yml braucht genau einen Job mit actions/deploy-pages."
    (deploy_id, deploy), = deploy_jobs.items()
    needs = deploy.get("needs")
    needs = [needs] if isinstance(needs, str) else needs or []
    assert needs, f"deploy.yml: Job {deploy_id} muss mit `needs:` auf den Build warten."
    assert (deploy.get("environment") or {}).get("name") == "github-pages", f"deploy.yml: Job {deploy_id} braucht `environment: github-pages`."
    assert needs[0] in jobs(workflow), f"deploy.yml: Job {deploy_id} wartet auf `{needs[0]}`, den es nicht gibt."
    build = jobs(workflow)[needs[0]]
    scripts = [step.get("run", "") for step in steps(build)]
    assert any("make test" in s for s in scripts), "deploy.yml: der Build muss vorher `make test` ausführen."
    build_step = next((s for s in steps(build) if "make build" in s.get("run", "")), None)
    assert build_step and "SITE_URL" in (build_step.get("env") or {}), "deploy.yml: `make build` braucht `SITE_URL` in `env:`."
    assert uses_action(build, "actions/upload-pages-artifact"), "deploy.yml: der Build muss die Website mit upload-pages-artifact hochladen."


def test_review_workflow_runs_weekly_and_only_it_may_write_issues():
    workflow = load(WORKFLOWS / "review.yml")
    on = triggers(workflow)
    assert "workflow_dispatch" in on and len(on["schedule"]) == 1, "review.yml: wöchentlich und auf Knopfdruck."
    minute, hour, day, month, weekday = on["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "review.yml: einmal pro Woche."
    (job,) = jobs(workflow).values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert [s["run"].strip() for s in steps(job) if "run" in s] == ["make review-issue"]
    others = [load(path) for path in WORKFLOW_FILES if path.name != "review.yml"]
    assert not any(
        (j.get("permissions") or {}).get("issues") == "write" for w in others for j in jobs(w).values()
    ), "`issues: write` gehört nur in review.yml."


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", "workflows/*.yml"),
        ("vendor.github-issue-forms", "ISSUE_TEMPLATE/*.yml"),
        ("vendor.github-issue-config", "ISSUE_TEMPLATE/config.yml"),
        ("vendor.dependabot", "dependabot.yml"),
    ],
)
def test_github_files_match_their_schemas(schema, pattern):
    files = sorted(GITHUB.glob(pattern))
    if schema == "vendor.github-issue-forms":
        files = [path for path in files if path.name != "config.yml"]
    assert files, f".github/{pattern} fehlt."
    # check-jsonschema's own command, run in process (its click entry point), as `check-jsonschema --builtin-schema …`.
    from check_jsonschema.cli.main_command import main as check_jsonschema
    from click.testing import CliRunner

    result = CliRunner().invoke(check_jsonschema, ["--builtin-schema", schema, *map(str, files)])
    assert result.exit_code == 0, f"{schema}:\n{result.output}"


def test_feedback_form_can_be_prefilled_with_the_page_address():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "feedback.yml")
    ids = [field.get("id") for field in form["body"]]
    assert "page_url" in ids, "feedback.yml braucht ein Feld mit `id: page_url`; der Link „Feedback geben“ füllt es aus."


# --- the checks bite -----------------------------------------------------------------------------


def test_checks_catch_a_broken_workflow():
    problems = structural_problems("kaputt.yml", yaml.safe_load(BROKEN_WORKFLOW), BROKEN_WORKFLOW)
    text = "\n".join(problems)
    for expected in (
        "actions/checkout@v4` ist nicht",
        "Kommentar mit der Version",
        "pull_request_target",
        "permissions: {}",
        "Job build: eigene `permissions:`",
        "`contents: write` ist hier nicht erlaubt",
        "persist-credentials: false",
        "kein `${{ … }}` im Skript",
        "darf nur `make …` aufrufen",
    ):
        assert expected in text, f"Die Prüfung hat „{expected}“ nicht gemeldet:\n{text}"


def test_linters_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "kaputt.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    zizmor = run_zizmor(broken)
    assert zizmor.returncode != 0 and "template-injection" in zizmor.stdout, f"zizmor hat nichts gemeldet:\n{zizmor.stdout}"
    actionlint = run_actionlint([broken])
    assert actionlint.returncode != 0 and "untrusted" in actionlint.stdout, f"actionlint hat nichts gemeldet:\n{actionlint.stdout}"
