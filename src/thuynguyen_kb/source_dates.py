"""When the site's sources changed, from the repository's history (git), and how a reader of each
language writes a date.

Dates are days in Viet Nam (:data:`SITE_TIMEZONE`): a change committed at 20:00 UTC is shown
with the next day's date, as its readers saw it. Pages show the dates that the
mkdocs-git-revision-date-localized plugin reads from git (configured in ``mkdocs.yml`` with the
same time zone); the PDF packs take the dates their pages show (hook ``downloads.py``), so a
page and its PDF never disagree. The check of change notes (``rules/changes.py``) runs without
MkDocs, so :func:`file_last_changed` asks git exactly what the plugin asks (its ``util.py``).

Nothing here falls back to the clock: without git, for a file git does not track, or in a
shallow clone, there is no date (``None``) or a :class:`HistoryError` saying why.
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

BABEL_LOCALES = {"vi": "vi", "en": "en_GB"}  # dates and numbers as a reader of each language
SITE_TIMEZONE = "Asia/Ho_Chi_Minh"  # the plugin's `timezone` in mkdocs.yml (a test compares)


@dataclass(frozen=True)
class PageDates:
    """The days a page shows: its file's last change and its first commit (None: not known)."""

    updated: datetime.date | None = None
    published: datetime.date | None = None


# What mkdocs-git-revision-date-localized writes into a page's meta: the day in the configured
# time zone (YYYY-MM-DD) and the commit's hash, empty when the file has no history (the plugin
# then gives the build's time, which is never shown).
_PLUGIN_META = {
    "updated": "git_revision_date_localized",
    "published": "git_creation_date_localized",
}


def from_plugin(meta: Mapping[str, Any]) -> PageDates:
    """The page's days as the plugin found them in git (none where it found no commit)."""
    found: dict[str, datetime.date | None] = {}
    for name, key in _PLUGIN_META.items():
        day, commit = meta.get(f"{key}_raw_iso_date"), meta.get(f"{key}_hash")
        found[name] = datetime.date.fromisoformat(day) if day and commit else None
    return PageDates(**found)


class HistoryError(Exception):
    """The repository's history cannot give the pages their dates; the message says what to do."""


def long_date(day: datetime.date, lang: str) -> str:
    """``day`` written in full for ``lang``: ``1 tháng 12, 2026``, ``1 December 2026``."""
    return format_date(day, "long", locale=BABEL_LOCALES[lang])


def site_day(moment: datetime.datetime) -> datetime.date:
    """The day ``moment`` (aware) falls on in Viet Nam."""
    return moment.astimezone(ZoneInfo(SITE_TIMEZONE)).date()


def today() -> datetime.date:
    """Today in Viet Nam."""
    return site_day(datetime.datetime.now(datetime.UTC))


def _run(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *arguments], cwd=folder, capture_output=True, text=True, check=False,
            timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None


def _git(folder: Path, *arguments: str) -> str | None:
    """What ``git arguments`` prints in ``folder``, or None without git or on an error."""
    result = _run(folder, *arguments)
    return result.stdout if result is not None and result.returncode == 0 else None


def repository_root(folder: Path) -> Path | None:
    """The top folder of the git repository holding ``folder``, if there is one."""
    found = _git(folder, "rev-parse", "--show-toplevel") if folder.is_dir() else None
    return Path(found.strip()) if found and found.strip() else None


def require_history(folder: Path) -> Path:
    """The repository holding ``folder``, with its whole history; else :class:`HistoryError`."""
    root = repository_root(folder)
    refused = _run(folder, "rev-parse", "--show-toplevel") if root is None else None
    if refused is not None and "dubious ownership" in refused.stderr:
        raise HistoryError(
            f"git refuses to read the repository holding {folder}: it belongs to another user"
            " ('dubious ownership', as in some CI containers). Allow it with 'git config"
            f" --global --add safe.directory <repository>' (as git's message says), or set"
            " GIT_DATES=false to build a site that shows no dates."
        )
    if root is None:
        raise HistoryError(
            f"{folder} is not inside a git repository (or git is not installed), so the pages'"
            " 'last updated' dates cannot be read from its history: a copy from a tarball or a"
            " download has none. Build from a clone of the repository (git clone …), or set"
            " GIT_DATES=false to build a site that shows no dates."
        )
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        raise HistoryError(
            f"{root} is a shallow clone (git clone --depth …): its history is cut short, so pages"
            " would show the date of the cut, not of their last change. Fetch the whole history"
            " with 'git fetch --unshallow' (in CI: clone with full depth), or set"
            " GIT_DATES=false to build a site that shows no dates."
        )
    return root


def file_last_changed(path: Path) -> datetime.date | None:
    """The day of the last commit that changed the file ``path``, as the plugin reads it (the
    author's time; renames alone and whitespace-only edits do not count), or None."""
    found = _git(
        path.parent, "log", "--date=unix", "--format=%H %at", "--diff-filter=r", "-n", "1",
        "--no-show-signature", "--follow", "--ignore-all-space", "--ignore-blank-lines", "--",
        path.name,
    )  # fmt: skip
    if not found or not found.strip():
        return None
    timestamp = int(found.split()[1])
    return site_day(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))


def head_commit(root: Path) -> str | None:
    """The commit checked out in the repository at ``root`` (its hash), if there is one."""
    found = (_git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    return found or None


def uncommitted(root: Path, folder: Path) -> set[Path]:
    """The files under ``folder`` whose content differs from the last commit (changed, staged,
    new, untracked): their history does not yet hold what they say."""
    found = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", str(folder))
    if found is None:
        return set()
    paths, entries = set(), found.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        if len(entry) > 3:
            paths.add((root / entry[3:]).resolve())
            if entry[0] in "RC":  # a rename or copy is followed by its old name
                index += 1
        index += 1
    return paths


def committed_files(root: Path, folder: Path) -> set[Path]:
    """The files under ``folder`` that the last commit holds (the others have no history yet)."""
    found = _git(
        root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", "HEAD", "--", str(folder)
    )
    return {(root / name).resolve() for name in (found or "").split("\0") if name}


@functools.cache
def last_changed(
    repository: Path, paths: tuple[str, ...], authored: bool = False
) -> datetime.date | None:
    """The day (in Viet Nam) of the last commit that touched any of ``paths`` (relative to
    ``repository``); with ``authored``, the day that change was written (its author date, which
    a rebase or a cherry-pick keeps) rather than the day it was committed."""
    found = _git(
        repository, "log", "-1", "--format=%at" if authored else "--format=%ct", "--", *paths
    )
    if not found or not found.strip():
        return None
    return site_day(datetime.datetime.fromtimestamp(int(found.strip()), tz=datetime.UTC))


def last_commit_time(repository: Path) -> datetime.datetime | None:
    """The time of the repository's last commit (UTC), if it is a git repository."""
    found = (_git(repository, "log", "-1", "--format=%ct") or "").strip()
    if not found.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(found), tz=datetime.UTC)
