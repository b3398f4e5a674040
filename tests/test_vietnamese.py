"""thuynguyen_kb.vietnamese: folding and spelling variants, as search and heading ids use them."""

from __future__ import annotations

import pytest

from thuynguyen_kb import vietnamese


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Tòa án", "Toa an"), ("Đề nghị", "De nghi"), ("trẻ em", "tre em"), ("Ủy ban", "Uy ban")],
)
def test_fold_removes_tone_marks_and_the_stroke_of_d(text: str, folded: str) -> None:
    assert vietnamese.fold(text) == folded


@pytest.mark.parametrize(("new", "old"), [("Hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe")])
def test_both_tone_placements_are_one_spelling(new: str, old: str) -> None:
    assert vietnamese.canonical(new) == vietnamese.canonical(old) == old


def test_different_words_stay_different() -> None:
    assert vietnamese.canonical("hòa") != vietnamese.canonical("hóa")
    assert vietnamese.fold("hòa") == vietnamese.fold("hóa")  # only folding joins them


def test_words_keep_vietnamese_letters_and_numbers() -> None:
    assert vietnamese.words("Tòa án: 111, trẻ-em.") == ["Tòa", "án", "111", "trẻ", "em"]
