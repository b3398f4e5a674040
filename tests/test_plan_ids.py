"""Every section and numbered item of the plan has a stable id, the same in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO, article, by_class, element_ids, load
from lxml import html

SOURCE = REPO / "tests" / "fixtures" / "plan-source.vi.txt"
_SECTION = re.compile(r"^(I|II|III|IV)\. ")
_ITEM = re.compile(r"^(\d+)\. ")


def expected_item_ids(source: str) -> set[str]:
    """Ids derived from the source's own numbering: ``ii`` for section II, ``ii-3`` for II.3."""
    ids, section = set(), None
    for line in source.splitlines():
        if match := _SECTION.match(line):
            section = match.group(1).lower()
            ids.add(section)
        elif (match := _ITEM.match(line)) and section:
            ids.add(f"{section}-{match.group(1)}")
    return ids


def plan_ids(page: html.HtmlElement) -> set[str]:
    """Ids inside the plan's text block."""
    (plan_text,) = by_class(page, "plan-text")
    return element_ids(plan_text)


def test_every_section_and_numbered_item_has_its_id(built_site: Path) -> None:
    expected = expected_item_ids(SOURCE.read_text(encoding="utf-8"))
    assert {"i", "ii", "iii", "iv", "ii-6", "iv-5"} <= expected  # the derivation found them
    for page in ("ke-hoach/index.html", "en/ke-hoach/index.html"):
        assert expected - plan_ids(load(built_site / page)) == set(), page


def test_vietnamese_and_english_plan_pages_carry_the_same_ids(built_site: Path) -> None:
    vi = element_ids(article(load(built_site / "ke-hoach" / "index.html")))
    en = element_ids(article(load(built_site / "en" / "ke-hoach" / "index.html")))
    assert vi == en


def test_item_ids_follow_the_source_numbering() -> None:
    source = "I. MỤC ĐÍCH\n\n1. Mục đích\n\n2. Yêu cầu\n\nII. NHIỆM VỤ\n\n1. Tiếp tục"
    assert expected_item_ids(source) == {"i", "i-1", "i-2", "ii", "ii-1"}


def test_a_missing_item_id_is_detected() -> None:
    page = html.fromstring('<div><div class="plan-text"><h2 id="i">I</h2><p>1. x</p></div></div>')
    assert {"i", "i-1"} - plan_ids(page) == {"i-1"}
