"""Every full date the site states is sourced: a date of the plan's text, a date that a verified
row of the fact sheets gives (``../shared/reference/*.md``, rows marked ``[V]``), or a date on a
line that links its own source. A date that none of them gives (M1 once said "some documents
give 28/2/1990", a date the fact sheet marks as having no source) fails, with its page and line.

The fact sheets are the editors' research notes, outside the repository; CI has ``../shared``
beside the clone, so there a missing sheet is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import REPO

SHARED = REPO.parent / "shared"
PLAN_SOURCE = SHARED / "seeds" / "000_b060edd970518272.txt"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
DAYS = r"(\d{1,2})(?:\s*(?:[–-]|and)\s*(\d{1,2}))?"  # one day, or a range "12–13", "12 and 13"
YEAR = r"((?:19|20)\d{2})"
# (pattern, order of day / month / year in its groups); the second day of a range is group 2.
PATTERNS = (
    (re.compile(rf"\b{DAYS}/(\d{{1,2}})/{YEAR}\b"), "dmy"),
    (re.compile(rf"\b{DAYS}\s+{MONTH},?\s+{YEAR}\b"), "dMy"),
    (re.compile(rf"\b{YEAR}-(\d{{2}})-(\d{{2}})\b"), "ymd"),
    (re.compile(rf"ngày (\d{{1,2}}) tháng (\d{{1,2}}) năm {YEAR}"), "vi"),
)
SOURCE_LINK = re.compile(
    r"\]\(https?://|\]\[[a-z0-9-]+\]"
)  # a link to another site, inline or by reference

Date = tuple[int, int, int]  # day, month, year


def dates_in(text: str) -> set[Date]:
    """Every full date written in ``text``, in any of the site's and the sheets' formats."""
    found: set[Date] = set()
    for pattern, order in PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groups()
            if order == "ymd":
                found.add((int(groups[2]), int(groups[1]), int(groups[0])))
                continue
            if order == "vi":
                found.add((int(groups[0]), int(groups[1]), int(groups[2])))
                continue
            first, second, month, year = groups
            number = MONTHS.index(month[:3].lower()) + 1 if order == "dMy" else int(month)
            for day in (first, second):
                if day:
                    found.add((int(day), number, int(year)))
    return {(d, m, y) for d, m, y in found if 1 <= d <= 31 and 1 <= m <= 12}


def verified_dates(sheets: list[Path], plan: Path) -> set[Date]:
    """The dates of the plan's text and of the fact sheets' rows marked verified (``[V]``)."""
    known = dates_in(plan.read_text(encoding="utf-8"))
    for sheet in sheets:
        for line in sheet.read_text(encoding="utf-8").splitlines():
            if "[V]" in line:
                known |= dates_in(line)
    return known


# The site's own dates in front matter: a change note's day and a review's, which the rules
# check against the repository's history (CHANGE-DATE, A11Y-REVIEW-STALE), not facts to source.
OWN_DATE = re.compile(r"^\s*(?:- )?(?:date|reviewed): ")


CODE_SPAN = re.compile(r"`[^`]*`")  # a format shown as code (`2026-12-01`), not a date stated
FENCE = re.compile(r"^\s*(```|~~~)")


def unsourced_dates(text: str, known: set[Date]) -> list[tuple[int, Date]]:
    """``(line, date)`` of every date of a page that is neither known nor linked on its line
    (code blocks and code spans are examples, not statements, and are left out)."""
    found, in_code = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_code = not in_code
        if in_code or SOURCE_LINK.search(line) or OWN_DATE.match(line):
            continue
        found += [(number, date) for date in sorted(dates_in(CODE_SPAN.sub("", line)) - known)]
    return found


@pytest.fixture(scope="module")
def known() -> set[Date]:
    sheets = sorted((SHARED / "reference").glob("*.md"))
    if not sheets or not PLAN_SOURCE.is_file():
        message = f"the fact sheets and the plan's source are not in {SHARED}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return verified_dates(sheets, PLAN_SOURCE)


def test_every_date_on_the_site_is_sourced(known: set[Date]) -> None:
    found = [
        f"{page.relative_to(REPO)}:{line}: {day}/{month}/{year}"
        for page in sorted((REPO / "docs").rglob("*.md"))
        for line, (day, month, year) in unsourced_dates(page.read_text(encoding="utf-8"), known)
    ]
    assert found == [], "dates with no source: cite one on the line, or remove the date"


def test_the_check_reads_every_format_and_rejects_a_date_without_a_source(
    known: set[Date],
) -> None:
    assert dates_in("12–13/9/2022; 6 Dec 2017; 12 and 13 September 2022; 2025-07-01") == {
        (12, 9, 2022), (13, 9, 2022), (6, 12, 2017), (12, 9, 2022), (13, 9, 2022), (1, 7, 2025),
    }  # fmt: skip
    assert dates_in("ngày 03 tháng 01 năm 2025; 31/13/2020") == {(3, 1, 2025)}
    # The sentence M1 once had: the date has no verified source, and no link on its line.
    old = "Các nguồn ghi ngày **20/2/1990**. Một số tài liệu khác ghi ngày 28/2/1990."
    assert unsourced_dates(old, known) == [(1, (28, 2, 1990))]
    assert unsourced_dates(old.replace("1990.", "1990 ([X](https://example.org))."), known) == []
    # A change note's day is the site's own record, not a fact; the same day in a text is one.
    note = "changes:\n  - date: 2026-12-01\n    note: Sửa ngày 28/2/1990."
    assert unsourced_dates(note, known) == [(3, (28, 2, 1990))]
    assert unsourced_dates(f"```yaml\n{note}\n```\nViết `28/2/1990`.", known) == []
