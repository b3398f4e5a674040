"""End to end: every source page is built in both languages, at the expected address, with its
own title and the right language; the key pages are where people expect them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import REPO, article, load

DOCS = REPO / "docs"
LANGUAGES = {"vi": "", "en": "en/"}  # language → address prefix (Vietnamese at the root)


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page."""
    _, block, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(block)


def address(source: Path) -> str:
    """The built file of a Markdown page, without language prefix (``ke-hoach/index.html``)."""
    stem = source.name.split(".")[0]
    folder = source.parent.relative_to(DOCS)
    return str(folder / "index.html") if stem == "index" else str(folder / stem / "index.html")


def vietnamese_pages() -> list[Path]:
    """Vietnamese source pages (``page.md``), leaving out shared fragments under ``docs/_*/``."""
    return sorted(
        p
        for p in DOCS.rglob("*.md")
        if p.name.count(".") == 1 and not p.relative_to(DOCS).parts[0].startswith("_")
    )


@pytest.mark.parametrize("source", vietnamese_pages(), ids=lambda p: p.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_is_built_in_each_language(built_site: Path, source: Path, language: str) -> None:
    translated = source.with_name(source.name.replace(".md", f".{language}.md"))
    own_source = translated if translated.exists() else source
    page = load(built_site / (LANGUAGES[language] + address(source)))
    assert page.get("lang") == language
    title = front_matter(own_source)["title"]
    assert page.findtext(".//title").startswith(title)
    assert article(page).findtext(".//h1").strip().rstrip("¶").strip()


def test_key_addresses(built_site: Path) -> None:
    for path in [
        "index.html",
        "ke-hoach/index.html",
        "gioi-thieu/index.html",
        "en/index.html",
        "en/ke-hoach/index.html",
        "en/gioi-thieu/index.html",
        "404.html",
    ]:
        assert (built_site / path).is_file(), path


def test_english_pages_use_the_english_site_name(built_site: Path) -> None:
    vi = load(built_site / "gioi-thieu" / "index.html").findtext(".//title")
    en = load(built_site / "en" / "gioi-thieu" / "index.html").findtext(".//title")
    assert vi == "Giới thiệu - Quyền trẻ em – Thủy Nguyên 2025"
    assert en == "About - Children's rights – Thủy Nguyên 2025"


def test_home_pages_open_the_three_entry_paths(built_site: Path) -> None:
    for prefix in LANGUAGES.values():
        home = article(load(built_site / prefix / "index.html"))
        targets = {link.get("href") for link in home.iter("a")}
        assert {"ke-hoach/#iv", "ke-hoach/#ii-3", "#tom-tat"} <= targets, prefix


def test_home_pages_say_whom_to_call_before_anything_else(built_site: Path) -> None:
    """The 111 hotline, as a link a phone can call, before the first section of the home page."""
    for prefix in LANGUAGES.values():
        home = article(load(built_site / prefix / "index.html"))
        first_section = home.xpath(".//h2")[0]
        assert first_section.xpath("count(preceding::a[@href='tel:111'])") == 1, prefix


def test_no_page_hands_readers_relative_hreflang_links(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        assert not load(path).xpath("//head/link[@rel='alternate'][@hreflang]"), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404_page_with_search_and_a_way_back(
    built_site: Path, language: str
) -> None:
    prefix = LANGUAGES[language]
    words = yaml.safe_load((DOCS / "_data" / "strings" / f"{language}.yml").read_text())
    page = load(built_site / prefix / "404.html")
    assert page.get("lang") == language
    assert page.findtext(".//title").startswith(words["not_found"]["title"])
    content = article(page)
    assert content.findtext(".//h1").strip() == words["not_found"]["title"]
    # Search, from any address: the language's own index, root-absolute.
    (search,) = page.xpath("//*[@data-kb-search]")
    assert search.get("data-kb-search") == f"/{prefix}search-kb/"
    assert content.xpath(".//label[@for='__search']")
    # A short way back: root-absolute links to pages of the same language that exist.
    back = [a.get("href") for a in content.xpath(".//ul[@class='kb-way-back']//a")]
    assert f"/{prefix}" in back and f"/{prefix}ke-hoach/" in back
    for href in back:
        assert (built_site / href.lstrip("/") / "index.html").is_file(), href
    assert content.xpath(".//a[@href='tel:111']")
    # The language menu marks this language; the footer speaks it.
    (current,) = page.xpath("//a[contains(@class, 'md-select__link')][@aria-current='true']")
    assert current.get("hreflang") == language
    credit = " ".join(page.xpath("//div[@class='md-copyright']//text()")).split()
    assert ("Made" in credit) == (language == "en")


def test_every_language_menu_marks_the_language_of_its_page(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        page = load(path)
        if not page.xpath("//a[contains(@class, 'md-select__link')]"):
            continue  # not a page of the site's frame (a fragment of the search index, say)
        current = page.xpath("//a[contains(@class, 'md-select__link')][@aria-current='true']")
        assert [a.get("hreflang") for a in current] == [page.get("lang")], path
