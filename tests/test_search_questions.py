"""Question words and stopwords are optional in a query (thuynguyen_kb.search_questions); the
browser marks the same words (tests/browser/test_search.py)."""

from __future__ import annotations

import pytest

from thuynguyen_kb.search_questions import optional


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        # question words and phrases, with and without marks
        ("bao nhiêu kinh phí", "vi", [True, True, False, False]),
        ("bao nhieu kinh phi", "vi", [True, True, False, False]),
        ("ai báo cáo", "vi", [True, False, False]),
        ("kinh phí là gì", "vi", [False, False, True, True]),
        ("how long is a session", "en", [True, True, True, True, False]),
        ("who must report", "en", [True, False, False]),
        # not question words: "bao" alone, "thể" of "đoàn thể" (not "thế"), "long" alone
        ("bao lực", "vi", [False, False]),
        ("các đoàn thể", "vi", [True, False, False]),
        ("long term care", "en", [False, False, False]),
        # a query of optional words only keeps them all: "Ai làm gì" is a page's name
        ("ai làm gì", "vi", [False, False, False]),
        ("what is", "en", [False, False]),
    ],
)
def test_optional_words(query: str, language: str, expected: list[bool]) -> None:
    assert optional(query, language) == expected
