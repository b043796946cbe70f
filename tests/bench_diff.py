"""What the journey diff costs with many journeys: `python -m tests.bench_diff [N]` (not part of `make test`).

A temporary git repository with N generated journeys (the generator of `make bench`) reviewed on 1.5.2026,
then a branch that changes ten of them. Measured: the pull-request summary, `macros diff`, `macros preview`
and, for the journey pages, "what changed since the last review" over the whole catalog.
"""
from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.git_history import changes_since_review
from macros.loader import load_catalog

from .bench import write_data

REPO = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str, day: str = "2026-05-01") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T12:00:00", GIT_COMMITTER_DATE=f"{day}T12:00:00")
    subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args], cwd=repo, env=env,
                   check=True, capture_output=True)


def timed(command: list[str], cwd: Path) -> str:
    """Wall time and CPU time of the command; CPU time stays meaningful on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{wall:.2f} s (CPU {cpu:.2f} s)"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        journeys = write_data(repo / "journeys" / "generated", n)
        (repo / "docs").symlink_to(REPO / "docs", target_is_directory=True)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "journeys")
        git(repo, "commit", "-q", "-m", "reviewed")
        git(repo, "switch", "-q", "-c", "change")
        for path in journeys[:10]:
            path.write_text(path.read_text(encoding="utf-8").replace("emotion: ", "emotion: 1 #", 1).replace("emotion: 1 #1", "emotion: 2"),
                            encoding="utf-8")
        git(repo, "commit", "-q", "-am", "change", day="2026-06-01")
        python = [sys.executable, "-m", "macros"]
        print(f"N = {n} journeys, 10 changed")
        print(f"validate (loads every file once, the floor): {timed(python + ['validate'], repo)}")
        print(f"summary: {timed(python + ['summary'], repo)}")
        print(f"diff:    {timed(python + ['diff'], repo)}")
        print(f"preview: {timed(python + ['preview', str(repo / 'vorschau')], repo)}")
        catalog, _ = load_catalog(repo / "journeys")
        start, cpu = time.perf_counter(), time.process_time()
        changed = changes_since_review(repo / "journeys", catalog, dt.date(2026, 12, 7))
        print(f"since review (whole catalog, in the build): {time.perf_counter() - start:.2f} s "
              f"(CPU here {time.process_time() - cpu:.2f} s), {len(changed)} journeys changed")


if __name__ == "__main__":
    main()
