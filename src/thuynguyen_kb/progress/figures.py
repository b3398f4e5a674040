"""The figures of a period as its readers write them: the counts by status, sums of money.

One place for the page (:mod:`thuynguyen_kb.render.progress`) and the compiled summary
(:mod:`.summary`), so that both give the same numbers, written alike (Babel, in each language's
way: ``1.500.000`` in Vietnamese, ``1,500,000`` in English).
"""

from __future__ import annotations

from collections import Counter

from babel.numbers import format_decimal, format_percent

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.progress import records
from thuynguyen_kb.progress.schema import STATUSES
from thuynguyen_kb.source_dates import BABEL_LOCALES


def amount(value: float | None, lang: str) -> str:
    """A sum of money as its readers write numbers (``1.500.000``), or nothing."""
    if value is None:
        return ""
    return format_decimal(value, "#,##0.##", locale=BABEL_LOCALES[lang])


def number(value: int, lang: str) -> str:
    """A count, written in ``lang``."""
    return format_decimal(value, locale=BABEL_LOCALES[lang])


def status_counts(kb: KnowledgeBase, period: str) -> Counter[str]:
    """How many reported rows of ``period`` have each status."""
    reports = records.reports_of(kb, period)
    return Counter(item.status for report in reports for item in report.items)


def count_rows(kb: KnowledgeBase, period: str, lang: str) -> tuple[list[list[str]], int]:
    """Each status in words with its count and share of the rows reported, and the total."""
    counts = status_counts(kb, period)
    total = sum(counts.values())
    words = kb.strings[lang]["progress_status"]
    locale = BABEL_LOCALES[lang]
    rows = [
        [
            str(words[status]),
            number(counts.get(status, 0), lang),
            format_percent(counts.get(status, 0) / total, "#,##0.#%", locale=locale)
            if total
            else "",
        ]
        for status in STATUSES
    ]
    return rows, total
