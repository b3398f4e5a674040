"""When a page's sources last changed, from the repository's history (git), and how a reader of
each language writes that date.

A generated file that carries a date (the PDF packs, the offline copy) takes it from here, never
from the clock, so that two builds of the same sources give the same bytes. Without git, or for
files git does not track, there is no date (``None``): callers then print none.
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path

from babel.dates import format_date

BABEL_LOCALES = {"vi": "vi", "en": "en_GB"}  # dates and numbers as a reader of each language


def long_date(day: datetime.date, lang: str) -> str:
    """``day`` written in full for ``lang``: ``1 tháng 12, 2026``, ``1 December 2026``."""
    return format_date(day, "long", locale=BABEL_LOCALES[lang])


def _git_log(repository: Path, *arguments: str) -> str | None:
    """What ``git log -1`` prints with ``arguments``, or None without git or history."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", *arguments],
            cwd=repository, capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    found = result.stdout.strip()
    return found if result.returncode == 0 and found else None


@functools.cache
def last_changed(
    repository: Path, paths: tuple[str, ...], authored: bool = False
) -> datetime.date | None:
    """The date of the last commit that touched any of ``paths`` (relative to ``repository``);
    with ``authored``, the day that change was written (its author date, which a rebase or a
    cherry-pick keeps) rather than the day it was committed."""
    found = _git_log(repository, "--format=%as" if authored else "--format=%cs", "--", *paths)
    return datetime.date.fromisoformat(found) if found else None


def last_commit_time(repository: Path) -> datetime.datetime | None:
    """The time of the repository's last commit (UTC), if it is a git repository."""
    found = _git_log(repository, "--format=%ct")
    if found is None or not found.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(found), tz=datetime.UTC)
