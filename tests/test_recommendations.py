"""The UN recommendations as built: pages, back-links, indexes and CSV follow the front matter;
no paragraph shows text the site does not have (an import of the official text is tested in
test_growth.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, article, by_class, load, record_page

from thuynguyen_kb.knowledge import KnowledgeBase


def linked_pages(element) -> set[str]:
    """The page folders an element links to, without anchors (``../khuyen-nghi/p30/`` → p30)."""
    return {a.get("href").split("#")[0].rstrip("/").split("/")[-1] for a in element.iter("a")}


def test_the_six_urgent_areas_have_pages(kb: KnowledgeBase) -> None:
    urgent = [r.fields.paragraph for r in kb.of_type("recommendation") if r.fields.urgent]
    assert urgent == [17, 30, 34, 44, 48, 52]


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_task_and_body_pages_show_their_recommendations(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for record in kb.of_type("task") + kb.of_type("body"):
        field = "tasks" if record.kind == "task" else "bodies"
        expected = {
            r.id for r in kb.of_type("recommendation") if record.id in getattr(r.fields, field)
        }
        page = record_page(built_site, lang, record.page)
        (section,) = page.xpath(".//h2[@id='khuyen-nghi']")
        links = set()
        for sibling in section.itersiblings():
            if sibling.tag == "h2":
                break
            links |= linked_pages(sibling)
        assert {link for link in links if link.startswith("p")} == expected, record.id


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_theme_index_follows_the_front_matter(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    page = article(
        load(built_site / LANGUAGE_HOMES[lang] / "khuyen-nghi" / "danh-muc" / "index.html")
    )
    (heading,) = page.xpath(".//h2[@id='theo-chu-de']")
    groups: dict[str, set[str]] = {}
    current = None
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        if element.tag == "p" and element.find("strong") is not None:
            current = element.text_content().strip()
        elif element.tag == "ul" and current:
            groups[current] = linked_pages(element)
    expected = {
        labels[lang]: {r.id for r in kb.of_type("recommendation") if theme in r.fields.themes}
        for theme, labels in kb.themes.items()
    }
    assert groups == {name: ids for name, ids in expected.items() if ids}


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_recommendation_csv_follows_the_front_matter(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    raw = built_site / LANGUAGE_HOMES[lang] / "khuyen-nghi" / "danh-muc" / "khuyen-nghi.csv"
    rows = list(csv.reader(io.StringIO(raw.read_text(encoding="utf-8-sig"))))
    expected = sum(
        max(1, len(r.fields.tasks)) * max(1, len(r.fields.bodies))
        for r in kb.of_type("recommendation")
    )
    assert len(rows) == 1 + expected
    assert {(row[1], row[5], row[8]) for row in rows[1:]} == {
        (str(r.fields.paragraph), t, b)
        for r in kb.of_type("recommendation")
        for t in r.fields.tasks
        for b in r.fields.bodies
    }


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_no_paragraph_shows_text_the_site_does_not_have(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for record in kb.of_type("recommendation"):
        assert kb.text_status(record) in {"topic-only", "summary"}
        page = record_page(built_site, lang, record.page)
        assert by_class(page, "un-quote") == [], record.id
        warning = by_class(page, "warning")
        status = kb.strings[lang]["status"][kb.text_status(record)]
        assert warning and status in warning[0].text_content(), record.id
