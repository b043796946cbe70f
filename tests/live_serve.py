"""A real `mkdocs serve` on a free port of 127.0.0.1, for the preview test and the bench."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServe:
    """`mkdocs serve --livereload` in `project`; its output goes to a file, read back with `log()`."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=self._log, stderr=subprocess.STDOUT,
        )

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.origin + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, text: str, timeout_s: float) -> float:
        """Poll `path` until it carries `text`; returns the seconds it took. Fails (with the log) after `timeout_s`."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout_s:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve stopped:\n{self.log()}")
            page = self.get(path)
            if page is not None and text in page:
                return time.perf_counter() - started
            time.sleep(0.05)
        raise AssertionError(f"{path} never showed {text!r}:\n{self.log()[-4000:]}")

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._log.close()
