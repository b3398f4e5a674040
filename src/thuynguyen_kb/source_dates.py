"""When a page's sources last changed, from the repository's history (git).

A generated file that carries a date (the PDF packs, the offline copy) takes it from here, never
from the clock, so that two builds of the same sources give the same bytes. Without git, or for
files git does not track, there is no date (``None``): callers then print none.
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path


@functools.cache
def last_changed(repository: Path, paths: tuple[str, ...]) -> datetime.date | None:
    """The date of the last commit that touched any of ``paths`` (relative to ``repository``)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *paths],
            cwd=repository, capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    found = result.stdout.strip()
    if result.returncode != 0 or not found:
        return None
    return datetime.date.fromisoformat(found)


def last_commit_time(repository: Path) -> datetime.datetime | None:
    """The time of the repository's last commit (UTC), if it is a git repository."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=repository, capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    found = result.stdout.strip()
    if result.returncode != 0 or not found.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(found), tz=datetime.UTC)
