"""The one report format of every check script: ``path:line: CODE message``, sorted, then a count.

Shared by ``check_links.py`` and ``check_structure.py`` so that editors read one format
everywhere, and so that tests can assert exact lines.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found by a check, located in a file (line 0 when no line applies)."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def report(problems: Iterable[Problem], ok_message: str, out: TextIO | None = None) -> int:
    """Print problems sorted by place, then a count; return the exit code (1 if any)."""
    out = out or sys.stdout
    found = sorted(set(problems))
    for problem in found:
        print(problem, file=out)
    if found:
        noun = "problem" if len(found) == 1 else "problems"
        print(f"{len(found)} {noun} found.", file=out)
        return 1
    print(ok_message, file=out)
    return 0
