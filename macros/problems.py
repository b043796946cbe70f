"""A problem found in the data: where it is and what to do, in plain German.

Every check in the model reports `Problem`s instead of raising, so one run can
list everything that is wrong, each with file, line and column.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def github_annotation(self) -> str:
        """Format for GitHub Actions, which shows it on the changed line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.column}::{message}"
