"""The Vietnamese plan page carries the source document word for word, in order, adding nothing
inside the plan's text."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO, article, by_class, load, text_lines
from lxml import html

SOURCE = REPO / "tests" / "fixtures" / "plan-source.vi.txt"
PLAN_PAGE = Path("ke-hoach") / "index.html"

_BULLET = re.compile(r"^[-*+]\s+")
_EMPHASIS = re.compile(r"\*+")
_SPACES = re.compile(r"\s+")


def source_lines(text: str) -> list[str]:
    """Non-empty source lines without Markdown markup (bullets, emphasis) or extra spaces."""
    lines = []
    for raw in text.splitlines():
        line = _EMPHASIS.sub("", _BULLET.sub("", raw.strip()))
        line = _SPACES.sub(" ", line).strip()
        if line:
            lines.append(line)
    return lines


def missing_in_order(expected: list[str], page_lines: list[str]) -> list[str]:
    """The expected lines that do not appear, in this order, in the page's text."""
    text = "\n".join(page_lines)
    missing, position = [], 0
    for line in expected:
        found = text.find(line, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(line)
    return missing


def test_every_source_line_appears_in_order_in_the_built_plan(built_site: Path) -> None:
    page_lines = text_lines(article(load(built_site / PLAN_PAGE)))
    expected = source_lines(SOURCE.read_text(encoding="utf-8"))
    assert missing_in_order(expected, page_lines) == []


def test_plan_text_block_holds_the_source_and_nothing_else(built_site: Path) -> None:
    (plan_text,) = by_class(load(built_site / PLAN_PAGE), "plan-text")
    assert text_lines(plan_text) == source_lines(SOURCE.read_text(encoding="utf-8"))


def test_a_dropped_or_reordered_line_is_reported() -> None:
    expected = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu"]
    assert missing_in_order(expected, ["I. MỤC ĐÍCH, YÊU CẦU", "2. Yêu cầu"]) == ["1. Mục đích"]
    reordered = ["2. Yêu cầu", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]
    assert missing_in_order(expected, reordered) == ["2. Yêu cầu"]


def test_a_changed_word_inside_the_plan_text_is_reported() -> None:
    page = html.fromstring(
        '<div class="plan-text"><p>Số: /KH-UBND</p><p>Thủy Nguyên, ngày tháng năm 2026</p></div>'
    )
    assert text_lines(page) != ["Số: /KH-UBND", "Thủy Nguyên, ngày tháng năm 2025"]
    assert missing_in_order(["Thủy Nguyên, ngày tháng năm 2025"], text_lines(page)) == [
        "Thủy Nguyên, ngày tháng năm 2025"
    ]


def test_markup_is_normalised_but_words_are_not() -> None:
    assert source_lines("- Căn cứ (*gửi kèm theo*) tổ chức\n\n**TM. ỦY BAN**  ") == [
        "Căn cứ (gửi kèm theo) tổ chức",
        "TM. ỦY BAN",
    ]
