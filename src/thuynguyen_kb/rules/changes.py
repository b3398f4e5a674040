"""Rules for the change notes of a page (``changes:`` in its front matter).

A note's shape (a real date without quotes, a note that is not empty) is its schema's
(:class:`thuynguyen_kb.schemas.ChangeNote`: ``FIELD-TYPE``, ``FRONT-MATTER-FIELD``); these
rules judge its date against the world:

- ``CHANGE-DATE``: a note dated after today (in Viet Nam), or after the last commit of its file
  in the repository's history (the day the page shows as "last updated"). A file being edited
  (not committed as it is) and a copy without history are judged by the first rule only.
- ``CHANGE-MISMATCH``: a page's files in two languages do not have notes of the same days:
  each change is described in every language the page is written in.
"""

from __future__ import annotations

import datetime
from collections import Counter

from thuynguyen_kb import layout, schemas, source_dates
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.problems import Problem


def _dated(source: Source) -> list[tuple[datetime.date, int]]:
    """The day and line of each of the file's notes, if they fit their schema (else none: the
    schema's rules report them)."""
    data = (source.front_matter or {}).get("changes") or []
    _, errors = schemas.validate(list[schemas.ChangeNote], data)
    if errors or source.document is None:
        return []
    return [
        (item["date"], source.document.line_of(("changes", index, "date")))
        for index, item in enumerate(data)
    ]


def check_dates(sources: Sources, today: datetime.date | None = None) -> list[Problem]:
    """CHANGE-DATE: notes dated in the future, or after their file's last commit."""
    today = today or source_dates.today()
    problems = []
    for rel, source in sources.pages.items():
        committed = sources.last_changed.get(rel)
        for day, line in _dated(source):
            if day > today:
                problems.append(
                    Problem(
                        source.shown,
                        line,
                        "CHANGE-DATE",
                        f"change note dated {day} is in the future (found {day}, expected a day"
                        f" no later than today, {today} in Viet Nam; write the day the change"
                        " was made)",
                    )
                )
            elif committed is not None and day > committed:
                problems.append(
                    Problem(
                        source.shown,
                        line,
                        "CHANGE-DATE",
                        f"change note dated {day} is later than the last change of this file in"
                        f" the repository's history (found {day}, expected {committed} or"
                        f" earlier: the page shows 'last updated {committed}'; correct the date,"
                        " or commit the change the note describes with it)",
                    )
                )
    return problems


def check_languages(sources: Sources) -> list[Problem]:
    """CHANGE-MISMATCH: a page's translations with notes of other days than its original."""
    problems = []
    for rel, original in sources.pages.items():
        if layout.language_of(rel) != layout.DEFAULT_LANGUAGE:
            continue
        for language, translation in sources.translations(rel).items():
            if language == layout.DEFAULT_LANGUAGE:
                continue
            problems += _compare(original, translation) + _compare(translation, original)
    return problems


def _compare(here: Source, other: Source) -> list[Problem]:
    """A problem at each note of ``here`` whose day has fewer notes in ``other``."""
    there = Counter(day for day, _ in _dated(other))
    seen: Counter[datetime.date] = Counter()
    problems = []
    for day, line in _dated(here):
        seen[day] += 1
        if seen[day] > there[day]:
            problems.append(
                Problem(
                    here.shown,
                    line,
                    "CHANGE-MISMATCH",
                    f"change note dated {day} is not in {other.shown} (found {seen[day]} note(s)"
                    f" dated {day} here and {there[day]} there, expected the same notes in every"
                    f" language of the page; describe the change in {other.shown} too, with the"
                    " same date, or correct the date)",
                )
            )
    return problems


def check_changes(sources: Sources) -> list[Problem]:
    """Every rule on change notes."""
    return check_dates(sources) + check_languages(sources)
