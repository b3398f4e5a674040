"""Question words and stopwords are optional in a query (thuynguyen_kb.search_questions); the
browser marks the same words (tests/browser/test_search.py)."""

from __future__ import annotations

import pytest

from thuynguyen_kb.search_questions import asks_definition, optional


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        # question words and phrases, with and without marks
        ("bao nhiêu kinh phí", "vi", [True, True, False, False]),
        ("bao nhieu kinh phi", "vi", [True, True, False, False]),
        ("ai báo cáo", "vi", [True, False, False]),
        ("bao giờ nộp báo cáo", "vi", [True, True, False, False, False]),
        ("kế hoạch do ai ký", "vi", [False, False, True, True, False]),
        ("vai trò trong kế hoạch", "vi", [True, True, True, False, False]),  # "X có vai trò gì"
        ("has any office reported yet", "en", [True, True, False, False, True]),
        ("kinh phí là gì", "vi", [False, False, True, True]),
        ("how long is a session", "en", [True, True, True, True, False]),
        ("who must report", "en", [True, False, False]),
        # What an apostrophe leaves of a possessive: "prosecutor's office" needs no "s".
        ("prosecutor's office under the plan", "en", [False, True, False, True, True, False]),
        # not question words: "bao" alone, "thể" of "đoàn thể" ("thế" is not listed), "long"
        ("bao lực", "vi", [False, False]),
        ("giờ làm việc", "vi", [False, False, False]),
        ("các đoàn thể", "vi", [True, False, False]),
        # by key, marks or not: "vệ" is as optional as "về", so "bao ve" asks what "bảo vệ" does
        ("bảo vệ trẻ em", "vi", [False, True, False, False]),
        ("bao ve tre em", "vi", [False, True, False, False]),
        ("long term care", "en", [False, False, False]),
        # a query of optional words only keeps them all: "Ai làm gì" is a page's name
        ("ai làm gì", "vi", [False, False, False]),
        ("what is", "en", [False, False]),
    ],
)
def test_optional_words(query: str, language: str, expected: list[bool]) -> None:
    assert optional(query, language) == expected


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("lợi ích tốt nhất của trẻ em là gì", "vi", True),
        ("loi ich tot nhat la gi", "vi", True),
        ("HĐND là viết tắt của gì", "vi", True),
        ("what is the best interests of the child", "en", True),
        ("what does MTTQ stand for", "en", True),
        ("lợi ích tốt nhất của trẻ em", "vi", False),
        ("ai làm gì", "vi", False),  # "làm gì" asks what is done, not what a word means
        ("what to do if a child discloses abuse", "en", False),
    ],
)
def test_questions_that_ask_what_a_term_means(query: str, language: str, expected: bool) -> None:
    assert asks_definition(query, language) is expected
