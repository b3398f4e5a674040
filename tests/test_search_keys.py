"""The search key of a word (thuynguyen_kb.search_keys): every way of typing a word gets one key,
and words that are not the same keep apart. The browser applies the same rules (tested in
tests/browser/test_search.py); here, each rule with what it must join and what it must not."""

from __future__ import annotations

import pytest

from thuynguyen_kb import search_index, search_keys

SAME = [
    ("vi", "Đào tạo", "ddao tao"),  # Telex dd for đ
    ("vi", "ĐÀO", "DDAO"),
    ("vi", "lý do", "lí do"),  # a consonant and a final y, spelt with i too
    ("vi", "kỹ năng", "kĩ năng"),
    ("vi", "quy định", "qui định"),
    ("vi", "hoà", "hòa"),  # the tone mark's place (as before)
    ("vi", "năm 2025", "năm ２０２５"),  # full-width digits
    ("vi", "Tòa án", "Ｔòa án"),  # a full-width letter
    ("en", "organisation", "organization"),
    ("en", "organisations", "organizations"),
    ("en", "organised", "organized"),
    ("en", "labour", "labor"),
    ("en", "behaviour", "behavior"),
    ("en", "centre", "center"),
    ("en", "programme", "program"),
    ("en", "defence", "defense"),
]
APART = [
    ("vi", "tay", "tai"),  # a y after a vowel is another word
    ("vi", "may", "mai"),
    ("vi", "y tế", "i tế"),  # y alone is not a consonant and y
    ("en", "hour", "hor"),  # too short for -our
    ("en", "your", "yor"),
    ("en", "rise", "rize"),  # too short for -ise
    ("en", "organisation", "organ"),
]


def keys(text: str, language: str) -> list[str]:
    return [search_keys.key(word, language) for word in text.split()]


@pytest.mark.parametrize(("language", "one", "other"), SAME)
def test_spellings_of_one_word_share_a_key(language: str, one: str, other: str) -> None:
    assert keys(one, language) == keys(other, language)


@pytest.mark.parametrize(("language", "one", "other"), APART)
def test_other_words_keep_their_own_keys(language: str, one: str, other: str) -> None:
    assert keys(one, language) != keys(other, language)


def test_the_rules_are_per_language() -> None:
    """An English rule does not touch a Vietnamese page's words, nor the reverse."""
    assert search_keys.key("organisation", "vi") == "organisation"
    assert search_keys.key("ly", "en") == "ly"


def test_the_index_files_words_under_their_keys_and_sends_the_rules() -> None:
    section = {"u": "p/", "h": "Tổ chức", "p": "Trang", "t": "Lí do và đào tạo"}
    chunks = search_index.postings([section], "vi")
    assert "li" in chunks["li"] and "dao" in chunks["da"]
    assert set(chunks["li"]["li"]) == {"lí"}  # the exact form is kept for exact matches
    meta = search_index.index_files("en", [section])["meta.js"]
    assert '"rules":[["^(.{3,})is(e|ed|es|ing|ation|ations)$","$1iz$2"]' in meta
