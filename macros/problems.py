"""A problem found in the data: where it is and what to do, in plain German.

Every check in the model reports `Problem`s instead of raising, so one run can
list everything that is wrong, each with file, line and column. Errors stop the
build; warnings are shown (in `validate` and on the pull request) but let it pass.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # information only, e.g. a review that is due


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        prefix = "" if self.is_error else "Hinweis: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    def github_annotation(self) -> str:
        """Format for GitHub Actions, which shows it on the changed line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A").replace("\r", "").replace("\n", "")
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
