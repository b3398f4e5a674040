"""The UN recommendations as built: pages, back-links, indexes and CSV follow the front matter;
no paragraph shows text the site does not have; imported official text is shown when present."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, article, by_class, load, record_page, run_mkdocs_build

from thuynguyen_kb.importer import command as importer
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


INVENTED_DOCUMENT = """CRC/C/VNM/CO/5-6
Committee on the Rights of the Child
Concluding observations on the combined fifth and sixth periodic reports of Testland
I. Introduction
1. The Committee considered an invented report at two invented meetings.
III. Main areas of concern and recommendations
E. Violence against children (arts. 19, 34 and 39)
Invented sub-heading
30. The Committee urges the State party, in invented words, to:
(a) Take a first invented measure;
(b) Take a second invented measure.
31. The Committee recommends another invented measure.
"""


def test_an_import_builds_with_the_official_text_and_the_editors_pages_kept(
    project_copy: Path, tmp_path: Path
) -> None:
    source = tmp_path / "invented.txt"
    source.write_text(INVENTED_DOCUMENT, encoding="utf-8")
    docs = project_copy / "docs"
    editors_page = (docs / "khuyen-nghi" / "p30.md").read_bytes()
    status = importer.main([str(source), "--symbol", "CRC/C/VNM/CO/5-6", "--docs", str(docs)])
    assert status == 0
    assert (docs / "khuyen-nghi" / "p30.md").read_bytes() == editors_page
    assert (docs / "khuyen-nghi" / "p31.md").is_file()  # a new paragraph gets its page

    site = tmp_path / "out"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    page = article(load(site / "khuyen-nghi" / "p30" / "index.html"))
    (quote,) = by_class(page, "un-quote")
    assert "30. The Committee urges the State party, in invented words, to:" in quote.text_content()
    assert "(b) Take a second invented measure." in quote.text_content()
    p30 = page.text_content()
    assert "E. Violence against children" in p30
    assert "19, 34, 39" in p30  # the cluster's articles
    assert "Nguyên văn chính thức bằng tiếng Anh đã được nhập." in p30
    assert "Cách đọc của trang" in p30  # the editors' reading survives
    index = article(load(site / "khuyen-nghi" / "danh-muc" / "index.html")).text_content()
    assert "E. Violence against children" in index
    p31 = article(load(site / "en" / "khuyen-nghi" / "p31" / "index.html")).text_content()
    assert "31. The Committee recommends another invented measure." in p31
