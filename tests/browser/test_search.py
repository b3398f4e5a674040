"""Search as readers use it, on the served site and on the offline copy opened from disk:
the relevance set, tone marks, one language at a time, nothing loaded before searching,
excerpts and suggestions."""

from __future__ import annotations

import hashlib
import re
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from playwright.sync_api import Page, expect

from thuynguyen_kb import search_index, search_keys, vietnamese
from thuynguyen_kb.offline.zip_file import FOLDER

pytestmark = pytest.mark.browser

RELEVANCE = yaml.safe_load((REPO / "tests" / "search_relevance.yml").read_text(encoding="utf-8"))
HOMES = {"vi": "", "en": "en/"}


@pytest.fixture(scope="session")
def offline_url(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Iterator[str]:
    """The offline copy as a reader gets it: downloaded from the served site's link on the
    training page, checked against the published checksum, unzipped, as a file:// URL."""
    work = tmp_path_factory.mktemp("offline")
    index = urllib.request.urlopen(site_url + "tap-huan/").read().decode("utf-8")
    links = re.findall(r'href="([^"]+\.zip)"', index)
    assert len(links) == 1, links  # the training page links to the zip once
    address = urllib.parse.urljoin(site_url + "tap-huan/", links[0])
    data = urllib.request.urlopen(address).read()
    published = urllib.request.urlopen(address + ".sha256").read().decode("utf-8").split()[0]
    assert hashlib.sha256(data).hexdigest() == published
    (work / "copy.zip").write_bytes(data)
    with zipfile.ZipFile(work / "copy.zip") as archive:
        archive.extractall(work / "unzipped")
    yield (work / "unzipped" / FOLDER).as_uri() + "/"


def page_file(url: str, kind: str) -> str:
    """``co-quan/toa-an.html`` (offline) and ``co-quan/toa-an/`` both become ``co-quan/toa-an/``."""
    path = url.split("#")[0].split("?")[0]
    if kind == "offline":
        path = path.removesuffix("index.html").removesuffix(".html")
        path = path + "/" if path and not path.endswith("/") else path
    return path


def search(page: Page, query: str, typed: bool = True) -> list[str]:
    """Enter ``query`` in the search box; return the result links' full addresses.

    ``typed`` types it key by key, as a reader does (a search starts at each key); otherwise the
    whole query is entered at once, as when it is pasted.
    """
    box = page.locator(".md-search__input")
    box.fill("")
    box.click()
    # Forget the last search's query, so that the wait below sees this search's results even
    # when the same query is entered twice in a row.
    page.eval_on_selector(".md-search-result__list", "list => { list.dataset.query = '' }")
    if typed:
        page.keyboard.type(query)
    else:
        box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query
    )
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


def top_pages(links: list[str], home: str, kind: str) -> list[str]:
    pages: list[str] = []
    for link in links:
        path = page_file(link.removeprefix(home), kind)
        if path not in pages:
            pages.append(path)
    return pages[:3]


@pytest.mark.parametrize("kind", ["served", "offline"])
def test_relevance_set(page: Page, site_url: str, offline_url: str, kind: str) -> None:
    """Every query of the relevance set finds its page in the top three; no result is in the
    other language; a Vietnamese query typed without tone marks has the same first result."""
    root = site_url if kind == "served" else offline_url
    misses, total = [], 0
    for lang, queries in RELEVANCE.items():
        home = root + HOMES[lang]
        page.goto(home + ("" if kind == "served" else "index.html"))
        for item in queries:
            total += 1
            links = search(page, item["query"], typed=False)
            found = top_pages(links, home, kind)
            if item["expect"] not in found:
                misses.append(f"{lang} {item['query']!r}: expected {item['expect']}, got {found}")
            other = [link for link in links if link.startswith(root + "en/") != (lang == "en")]
            assert other == [], (item["query"], other)  # only the page's own language
            plain = vietnamese.fold(item["query"])
            if lang == "vi" and plain != item["query"]:
                assert search(page, plain, typed=False)[:1] == links[:1], item["query"]
    print(f"\nSearch relevance ({kind}): {total - len(misses)}/{total} queries hit the top 3.")
    assert misses == []
    assert total >= 30


def test_nothing_is_loaded_until_the_reader_searches(
    page: Page, site_url: str, built_site: Path
) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(site_url + "en/ke-hoach/", wait_until="networkidle")
    assert not [url for url in loaded if "search-kb" in url]
    page.locator(".md-search__input").focus()
    page.wait_for_function("() => window.kbSearchData !== undefined")
    page.keyboard.type("court")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    index_files = {url for url in loaded if "search-kb" in url}
    assert index_files and all(url.startswith(site_url + "en/search-kb/") for url in index_files)
    every_file = list(built_site.glob("en/search-kb/*.js"))
    assert len(index_files) < len(every_file) / 2  # a search reads only a part of the index


def test_excerpts_show_the_text_with_its_tone_marks_and_the_matches_marked(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "bao-cao/")
    search(page, "tre em")
    marks = page.locator(".md-search-result__list mark").all_inner_texts()
    assert any(m.startswith("trẻ") or m.startswith("Trẻ") for m in marks), marks


def test_the_last_word_is_suggested_as_it_is_typed(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "tòa án gia đì")
    expect(page.locator(".md-search__suggest")).to_have_text("tòa án gia đình")
    page.keyboard.press("Tab")
    expect(page.locator(".md-search__input")).to_have_value("tòa án gia đình")


def test_offline_copy_navigation_search_and_language(page: Page, offline_url: str) -> None:
    page.goto(offline_url + "index.html")
    page.locator("article").get_by_role("link", name="Tòa án nhân dân thành phố").click()
    expect(page).to_have_url(offline_url + "co-quan/toa-an.html")
    search(page, "xu ly chuyen huong")
    page.locator(".md-search-result__link").first.click()
    expect(page).to_have_url(
        re.compile(re.escape(offline_url + "tap-huan/m4-tu-phap-than-thien.html#"))
    )
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.startswith(offline_url + "en/tap-huan/m4-tu-phap-than-thien.html")
    assert page.log.errors == []


def test_the_browser_folds_words_as_the_index_does(page: Page, site_url: str) -> None:
    sample = ["Tòa", "ĐÀO", "tạo", "Ủy", "nghiệp", "quyền", "người", "2025", "Đắk", "hoà", "x"]
    page.goto(site_url)
    for word in sample:
        folded = page.evaluate("w => window.kbSearch.fold(w.toLowerCase())", word)
        assert folded == vietnamese.fold(vietnamese.canonical(word)), word
        assert page.evaluate("f => window.kbSearch.chunkOf(f)", folded) == search_index.chunk_key(
            folded
        )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_browser_keys_words_as_the_index_does(page: Page, site_url: str, lang: str) -> None:
    """The spelling rules (Telex, y/i, full-width, British/American) in the browser."""
    sample = ["ddao", "DDAO", "lí", "kỹ", "qui", "tay", "２０２５", "Ｔòa", "hoà", "organisation"]
    sample += ["organised", "labour", "behaviour", "centre", "programmes", "defence", "hour"]
    page.goto(site_url + HOMES[lang])
    page.evaluate("() => window.kbSearch.ready()")
    for word in sample:
        assert page.evaluate("w => window.kbSearch.key(w)", word) == search_keys.key(word, lang)


def test_opening_the_search_does_not_leave_preparing_on_screen(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("chuẩn bị", re.IGNORECASE))
    expect(meta).not_to_be_empty()
