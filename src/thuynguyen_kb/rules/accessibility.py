"""Rules for the accessibility statement (``docs/kha-nang-tiep-can.md``): its review date.

The statement says how the site is tested and what is known not to meet the standard. Both
change when the accessibility tests change, so the statement carries the date of its last
review (``reviewed: 2026-12-01`` in the Vietnamese file's front matter, shown on the page by
``<!-- kb:reviewed -->``), and:

- ``A11Y-REVIEW-STALE``: that date is older than the last commit that changed a file of
  :data:`TESTS` (its author date, from git; without git, or outside a repository, there is
  nothing to compare and no problem). Read what the tests do now, bring the statement up to
  date in both languages, then set ``reviewed:`` to the day of that review.
- ``FRONT-MATTER-FIELD``: the statement, or a page with ``kb:reviewed``, has no ``reviewed:``;
  ``FIELD-TYPE``: it is not a date; ``FIELD-MISMATCH``: a translation gives another one (the
  date is written once, in the Vietnamese file).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from thuynguyen_kb import layout, markers
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.source_dates import last_changed

STATEMENT = "kha-nang-tiep-can.md"
FIELD = "reviewed"
MARKER = "reviewed"
# What the statement describes: the browser tests of accessibility, keyboard use and printing.
TESTS = (
    "tests/browser/test_accessibility.py",
    "tests/browser/test_navigation.py",
    "tests/browser/test_print.py",
)


def review_problem(
    source: Source, reviewed: datetime.date, tests_changed: datetime.date | None
) -> Problem | None:
    """A11Y-REVIEW-STALE if the review (``reviewed``) is older than the tests' last change."""
    if tests_changed is None or reviewed >= tests_changed:
        return None
    return Problem(
        source.shown,
        source.field_lines.get(FIELD, 1),
        "A11Y-REVIEW-STALE",
        f"the accessibility statement was last reviewed before the accessibility tests changed"
        f" (found reviewed: {reviewed.isoformat()}, expected {tests_changed.isoformat()} or"
        f" later: the last change to {', '.join(TESTS)}): read what the tests do now, update"
        " the sections on how the site is tested and what does not meet the standard in both"
        " languages, then set reviewed: to the day of that review",
    )


def _has_marker(source: Source) -> bool:
    found = markers.scan(source.lines, source.body_start, source.body_start + 1)
    return any(marker.name == MARKER for marker in found)


def _date_problems(sources: Sources, source: Source) -> tuple[datetime.date | None, list[Problem]]:
    """The page's review date, or the problem with it."""
    value = source.front_matter.get(FIELD) if source.front_matter else None
    line = source.field_lines.get(FIELD, 1)
    if value is None:
        return None, [
            Problem(
                source.shown, line, "FRONT-MATTER-FIELD",
                f"the page has no '{FIELD}:' (found none, expected the day its content was last"
                f" reviewed, such as {FIELD}: 2026-12-01): add it to the front matter",
            )
        ]  # fmt: skip
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        return None, [
            Problem(
                source.shown, line, "FIELD-TYPE",
                f"'{FIELD}' is not a date (found {value!r}, expected a day written YYYY-MM-DD"
                " without quotes, such as 2026-12-01)",
            )
        ]  # fmt: skip
    problems = []
    for language, translation in sources.translations(source.rel).items():
        other = (translation.front_matter or {}).get(FIELD)
        if language != layout.DEFAULT_LANGUAGE and other is not None and other != value:
            problems.append(
                Problem(
                    translation.shown, translation.field_lines.get(FIELD, 1), "FIELD-MISMATCH",
                    f"'{FIELD}' differs from the Vietnamese file's (found {other}, expected"
                    f" {value} or nothing): delete the line, the date is written once, in"
                    f" {source.shown}",
                )
            )  # fmt: skip
    return value, problems


def check_reviews(sources: Sources) -> list[Problem]:
    """The review date of the statement and of every page that shows one; the statement's
    against the last change of the accessibility tests."""
    problems = []
    for rel, source in sorted(sources.pages.items()):
        if layout.language_of(rel) != layout.DEFAULT_LANGUAGE or source.front_matter is None:
            continue  # a page without front matter is reported by the loader
        shows_date = any(_has_marker(s) for s in sources.translations(rel).values())
        if rel != STATEMENT and FIELD not in source.front_matter and not shows_date:
            continue
        reviewed, found = _date_problems(sources, source)
        problems += found
        if rel == STATEMENT and reviewed is not None:
            repository = Path(sources.config.path).resolve().parent  # cached by path: whole
            # The day the tests' last change was written: a rebase or a cherry-pick that only
            # moves the change onto another day does not make the statement stale.
            changed = last_changed(repository, TESTS, authored=True)
            stale = review_problem(source, reviewed, changed)
            problems += [stale] if stale else []
    return problems
