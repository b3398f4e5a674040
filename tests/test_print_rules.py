"""PRINT-ANSWER-KEY and PRINT-QUIZ: what printing and the PDF packs rely on, found at its line."""

from __future__ import annotations

import pytest

from thuynguyen_kb.markdown_source import Source, read_front_matter
from thuynguyen_kb.rules.print_parts import check_handout, check_module

MODULE = """---
type: module
---

# M9 { #module }

## Quiz { #quiz }

1. One?

??? note answer-key "Answer key"

    1. Yes

## Evaluation { #evaluation }
"""

HANDOUT = """---
type: handout
---

# Handout { #tai-lieu }

## Quiz { #cau-hoi }

1. One?
2. Two?
"""


def source(text: str) -> Source:
    page = Source("docs/tap-huan/x.md", "tap-huan/x.md", text.split("\n"))
    read_front_matter(page)
    return page


def codes(problems: list) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def test_the_real_layout_passes() -> None:
    assert check_module(source(MODULE)) == []
    assert check_handout(source(HANDOUT)) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (MODULE.replace(" answer-key", ""), [(7, "PRINT-ANSWER-KEY")]),  # none: at #quiz
        (MODULE.replace("## Evaluation", '??? note answer-key "Again"\n\n## Evaluation'),
         [(15, "PRINT-ANSWER-KEY")]),  # two: at the second
        (MODULE + '\n??? tip answer-key "Stray"\n', [(17, "PRINT-ANSWER-KEY")]),  # outside #quiz
    ],
)  # fmt: skip
def test_a_module_needs_one_answer_key_in_its_quiz(text: str, expected: list) -> None:
    assert codes(check_module(source(text))) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (HANDOUT + '\n??? note answer-key "Answers"\n\n    1. Yes\n', [(12, "PRINT-ANSWER-KEY")]),
        (HANDOUT.replace("{ #cau-hoi }", "{ #quiz }"), [(1, "PRINT-QUIZ")]),
        (HANDOUT.replace("1. One?\n2. Two?", "- One?"), [(7, "PRINT-QUIZ")]),
    ],
)
def test_a_handout_needs_numbered_questions_and_no_answers(text: str, expected: list) -> None:
    assert codes(check_handout(source(text))) == expected


def test_an_answer_key_quoted_in_code_is_text() -> None:
    quoted = HANDOUT + '\n```\n??? note answer-key "Answers"\n```\n'
    assert check_handout(source(quoted)) == []
