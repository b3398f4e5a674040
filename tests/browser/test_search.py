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
from playwright.sync_api import Page, Route, expect

from thuynguyen_kb import search_index, search_keys, search_questions, vietnamese
from thuynguyen_kb.offline.zip_file import FOLDER

pytestmark = pytest.mark.browser

# The relevance sets: the first, on which the ranking's values were chosen, and ten written
# later, each at first held out (README, "Relevance", says which were chosen on since).
SETS = {
    name: yaml.safe_load((REPO / "tests" / f"{name}.yml").read_text(encoding="utf-8"))
    # every set in tests/, as tests/test_search_sets.py checks them; each needs its FLOORS
    for name in sorted(path.stem for path in (REPO / "tests").glob("search_*.yml"))
}
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


def index_file(site_url: str, name: str) -> object:
    """The data of one file of the Vietnamese search index, as served."""
    with urllib.request.urlopen(f"{site_url}search-kb/{name}.js") as response:
        return search_index.script_payload(response.read().decode())


def open_with_search(page: Page, url: str) -> None:
    """Open ``url`` and wait until search.js has run: it loads after the page's load event
    (overrides/main.html), which is when ``goto`` returns, so ``window.kbSearch`` may not be
    there yet."""
    page.goto(url)
    page.wait_for_function("() => window.kbSearch !== undefined")


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


def result_pages(links: list[str], home: str, kind: str) -> list[str]:
    """The distinct pages of the result links, in order."""
    pages: list[str] = []
    for link in links:
        path = page_file(link.removeprefix(home), kind)
        if path not in pages:
            pages.append(path)
    return pages


# The relevance set's figures may not fall below these (measured: README, "Search"). A change
# that lowers one must say why, and lower it here; one that raises them should raise the floor.
# Lowered: the first set's English hit@3 (0.92 to 0.90) and MRR (0.88 to 0.87), by the
# page-length weight (search_index.LENGTH): "hotline 111" expects the M3 module, and the short
# pages that show the 111 box now come before that long module; the other sets rose with it.
# Lowered: the seventh set's English (0.93 to 0.90, 0.90 to 0.88), by a page holding only the words
# of its best section (search.js, rank()), which raised every other set's totals (README, "Search").
FLOORS = {
    "search_relevance": {"vi": {"hit@3": 0.97, "mrr": 0.93}, "en": {"hit@3": 0.90, "mrr": 0.87}},
    "search_holdout": {"vi": {"hit@3": 0.97, "mrr": 0.95}, "en": {"hit@3": 0.91, "mrr": 0.88}},
    "search_holdout_2": {"vi": {"hit@3": 0.95, "mrr": 0.89}, "en": {"hit@3": 0.97, "mrr": 0.89}},
    "search_holdout_3": {"vi": {"hit@3": 0.97, "mrr": 0.93}, "en": {"hit@3": 0.95, "mrr": 0.90}},
    "search_holdout_4": {"vi": {"hit@3": 0.98, "mrr": 0.96}, "en": {"hit@3": 0.97, "mrr": 0.93}},
    "search_holdout_5": {"vi": {"hit@3": 0.97, "mrr": 0.96}, "en": {"hit@3": 0.93, "mrr": 0.92}},
    "search_holdout_6": {"vi": {"hit@3": 0.97, "mrr": 0.94}, "en": {"hit@3": 0.90, "mrr": 0.87}},
    "search_holdout_7": {"vi": {"hit@3": 0.96, "mrr": 0.91}, "en": {"hit@3": 0.90, "mrr": 0.88}},
    "search_holdout_8": {"vi": {"hit@3": 0.91, "mrr": 0.83}, "en": {"hit@3": 0.91, "mrr": 0.85}},
    "search_holdout_9": {"vi": {"hit@3": 0.91, "mrr": 0.87}, "en": {"hit@3": 0.93, "mrr": 0.85}},
    "search_holdout_10": {"vi": {"hit@3": 0.92, "mrr": 0.83}, "en": {"hit@3": 0.93, "mrr": 0.86}},
}


def figures(ranks: list[int]) -> dict[str, float]:
    """hit@1, hit@3 and the mean reciprocal rank of ranks (0: not among the results)."""
    count = len(ranks)
    return {
        "hit@1": sum(rank == 1 for rank in ranks) / count,
        "hit@3": sum(1 <= rank <= 3 for rank in ranks) / count,
        "mrr": sum(1 / rank for rank in ranks if rank) / count,
    }


def test_figures_of_a_relevance_run() -> None:
    assert figures([1, 2, 0, 4]) == {"hit@1": 0.25, "hit@3": 0.5, "mrr": (1 + 0.5 + 0.25) / 4}


@pytest.mark.parametrize("kind", ["served", "offline"])
@pytest.mark.parametrize("name", SETS)
def test_relevance_set(page: Page, site_url: str, offline_url: str, kind: str, name: str) -> None:
    """Each relevance set's hit@3 and MRR stay above their floors in each language; no result
    is in the other language; a Vietnamese query typed without tone marks has the same first
    result."""
    root = site_url if kind == "served" else offline_url
    below = []
    for lang, queries in SETS[name].items():
        home = root + HOMES[lang]
        page.goto(home + ("" if kind == "served" else "index.html"))
        ranks, misses = [], []
        for item in queries:
            links = search(page, item["query"], typed=False)
            found = result_pages(links, home, kind)
            rank = found.index(item["expect"]) + 1 if item["expect"] in found else 0
            ranks.append(rank)
            if rank != 1:
                misses.append(f"  {rank or '-'}: {item['query']!r} → {found[:3]}")
            other = [link for link in links if link.startswith(root + "en/") != (lang == "en")]
            assert other == [], (item["query"], other)  # only the page's own language
            plain = vietnamese.fold(item["query"])
            if lang == "vi" and plain != item["query"]:
                assert search(page, plain, typed=False)[:1] == links[:1], item["query"]
        measured = figures(ranks)
        print(f"\nSearch relevance ({name}, {kind}, {lang}, {len(ranks)} queries): "
              + ", ".join(f"{name} {value:.3f}" for name, value in measured.items())
              + "\nNot first:\n" + "\n".join(misses))  # fmt: skip
        below += [
            f"{lang} {figure} {measured[figure]:.3f} < {floor}"
            for figure, floor in FLOORS[name][lang].items()
            if measured[figure] < floor
        ]
    assert below == []


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


def test_the_sites_scripts_load_after_the_page_and_take_a_query_typed_before(
    page: Page, site_url: str
) -> None:
    # overrides/main.html loads language-switch.js and search.js once the page has loaded (the
    # first paint waits for neither). A reader who typed before search.js ran still gets results.
    held: list[Route] = []
    page.route("**/assets/javascripts/search.js", lambda route: held.append(route))
    page.goto(site_url + "en/ke-hoach/", wait_until="load")
    box = page.locator(".md-search__input")
    box.click()
    page.keyboard.type("court")
    page.wait_for_timeout(300)  # longer than search.js's pause (DELAY): nothing can answer yet
    assert page.locator(".md-search-result__link").count() == 0
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    started = page.evaluate(
        r"""() => {
          const loaded = performance.getEntriesByType("navigation")[0].loadEventStart;
          return performance.getEntriesByType("resource")
            .filter(r => /(language-switch|search)\.js$/.test(r.name))
            .map(r => [r.name.split("/").pop(), r.startTime >= loaded]);
        }"""
    )
    assert sorted(started) == [["language-switch.js", True], ["search.js", True]]
    assert page.log.errors == []


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
    search(page, "kinh phi thuc hien")
    page.locator(".md-search-result__link").first.click()
    expect(page).to_have_url(re.compile(re.escape(offline_url + "nhiem-vu/kinh-phi.html#")))
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.startswith(offline_url + "en/nhiem-vu/kinh-phi.html")
    assert page.log.errors == []


def test_the_browser_folds_words_as_the_index_does(page: Page, site_url: str) -> None:
    sample = ["Tòa", "ĐÀO", "tạo", "Ủy", "nghiệp", "quyền", "người", "2025", "Đắk", "hoà", "x"]
    open_with_search(page, site_url)
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
    open_with_search(page, site_url + HOMES[lang])
    page.evaluate("() => window.kbSearch.ready()")
    for word in sample:
        assert page.evaluate("w => window.kbSearch.key(w)", word) == search_keys.key(word, lang)


def test_syllables_typed_side_by_side_are_searched_as_their_compound(
    page: Page, site_url: str
) -> None:
    """The phrase "giáo án" (search_synonyms: a compound) is one word in the browser too, with
    or without marks, and finds only pages filed under it, not every page with the "án" of
    "tòa án"."""
    meta = index_file(site_url, "meta")
    assert ["giao", "an"] in meta["compounds"]
    open_with_search(page, site_url)
    page.evaluate("() => window.kbSearch.ready()")
    for query in ("giáo án quyền trẻ em", "giao an quyen tre em", "Giáo  Án quyền trẻ em"):
        assert page.evaluate("q => kbSearch.terms(q)", query) == ["giao an", "quyen", "tre", "em"]
    assert page.evaluate("q => kbSearch.terms(q)", "án giáo") == ["an", "giao"]
    table = index_file(site_url, "t-gi")["giao an"]
    filed = {posting[0] for postings in table.values() for posting in postings}
    found = page.evaluate("q => kbSearch.rank(q)", "giáo án")
    assert found
    for hit in found:  # its best section holds it, or its page's fields (its first section)
        first = max(start for start in meta["pages"] if start <= hit["section"])
        assert hit["section"] in filed or first in filed, hit["address"]


def test_opening_the_search_does_not_leave_preparing_on_screen(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("chuẩn bị", re.IGNORECASE))
    expect(meta).not_to_be_empty()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_browser_marks_question_words_as_python_does(
    page: Page, site_url: str, lang: str
) -> None:
    samples = {
        "vi": ["bao nhiêu kinh phí", "bao nhieu kinh phi", "các đoàn thể phải làm gì", "ai làm gì"],
        "en": ["how long is a session", "who must report and to whom", "long term care", "what is"],
    }
    open_with_search(page, site_url + HOMES[lang])
    page.evaluate("() => window.kbSearch.ready()")
    samples["vi"] += ["loi ich tot nhat la gi", "HĐND là viết tắt của gì", "vai tro gi"]
    samples["en"] += ["what does MTTQ stand for", "what to do if a child discloses abuse"]
    samples["en"] += ["prosecutor's office under the plan"]
    for query in samples[lang]:
        marked = page.evaluate("q => window.kbSearch.optional(q)", query)
        assert marked == search_questions.optional(query, lang), query
        asks = page.evaluate("q => window.kbSearch.definition(q)", query)
        assert asks is search_questions.asks_definition(query, lang), query


def test_a_question_finds_the_page_that_answers_it(page: Page, site_url: str) -> None:
    page.goto(site_url)
    plain = result_pages(search(page, "kinh phí", typed=False), site_url, "served")
    asked = result_pages(search(page, "bao nhiêu kinh phí", typed=False), site_url, "served")
    assert asked[:1] == plain[:1]  # "bao nhiêu" set aside: the same page first
    term = result_pages(search(page, "lợi ích tốt nhất", typed=False), site_url, "served")
    meaning = result_pages(search(page, "lợi ích tốt nhất là gì", typed=False), site_url, "served")
    assert term[0] != "thuat-ngu/" and meaning[0] == "thuat-ngu/"  # what it means: the glossary


def test_the_weights_of_pages_in_the_index_scale_their_scores(page: Page, site_url: str) -> None:
    """meta.js's "weights" (search_index.TYPE_WEIGHTS: a handout below its module) reach the
    ranking: served with every page's weight halved, each result scores half as much."""
    query = "tổng đài 111"

    def scores() -> list[tuple[str, float]]:
        open_with_search(page, site_url)
        found = page.evaluate("q => kbSearch.ready().then(() => kbSearch.rank(q))", query)
        return [(hit["address"], hit["score"]) for hit in found]

    plain = scores()

    def halved(route) -> None:  # type: ignore[no-untyped-def]
        meta = search_index.script_payload(route.fetch().text())
        assert meta["weights"], "no page is weighed by its type"  # the handouts are
        weights = meta["weights"]
        meta["weights"] = {str(n): weights.get(str(n), 1) / 2 for n in range(len(meta["pages"]))}
        route.fulfill(body=search_index.script("meta", meta), content_type="text/javascript")

    page.route("**/search-kb/meta.js", halved)
    weighed = scores()
    assert plain and [a for a, _ in weighed] == [a for a, _ in plain]
    assert [s for _, s in weighed] == pytest.approx([s / 2 for _, s in plain])


def test_a_page_holds_the_words_its_best_section_holds_not_those_scattered_over_it(
    page: Page, site_url: str
) -> None:
    """A long page with the first two words in one section and the third in another holds two
    of the three words; a page with all three in one section comes first, even though the long
    page's sections weigh more. Served with three invented words whose postings say so."""
    meta = index_file(site_url, "meta")
    starts = meta["pages"]
    # The first page with at least two sections is the long one; the next page is the other.
    long_page = next(n for n in range(len(starts) - 1) if starts[n + 1] - starts[n] >= 2)
    first, second, other = starts[long_page], starts[long_page] + 1, starts[long_page + 1]
    postings = {
        "qx": {"qxalpha": {"qxalpha": [[first, 90], [other, 40]]}},
        "qy": {"qybeta": {"qybeta": [[first, 90], [other, 40]]}},
        "qz": {"qzgamma": {"qzgamma": [[second, 90], [other, 40]]}},
    }
    meta["tokens"] = sorted({*meta["tokens"], *postings})

    def served(route: Route) -> None:
        name = route.request.url.rsplit("/", 1)[1].removesuffix(".js")
        if name == "meta":
            body = search_index.script("meta", meta)
        else:
            body = search_index.script(name, postings[name.removeprefix("t-")])
        route.fulfill(body=body, content_type="text/javascript")

    page.route("**/search-kb/meta.js", served)
    for chunk in postings:
        page.route(f"**/search-kb/t-{chunk}.js", served)
    open_with_search(page, site_url)
    found = page.evaluate(
        "q => kbSearch.ready().then(() => kbSearch.rank(q))", "qxalpha qybeta qzgamma"
    )
    chunk = meta["chunk"]
    address = {
        section: index_file(site_url, f"d-{section // chunk}")[section % chunk][0]
        for section in (first, other)
    }
    ranked = [(hit["address"], hit["hits"]) for hit in found]
    assert ranked == [(address[other], 3), (address[first], 2)]


def test_each_page_is_listed_once_and_partial_matches_still_come(page: Page, site_url: str) -> None:
    page.goto(site_url)
    links = search(page, "tòa án", typed=False)
    assert len(links) == len({link.split("#")[0] for link in links})  # one section per page
    partial = result_pages(search(page, "tòa án xqzvtk", typed=False), site_url, "served")
    assert partial[:1] == result_pages(links, site_url, "served")[:1]


def test_no_results_offers_a_correction_glossary_terms_and_the_sections(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "en/")
    assert search(page, "xqzvtk", typed=False) == []
    help_box = page.locator(".kb-search-help")
    expect(help_box).to_be_visible()
    expect(page.locator(".md-search-result__meta")).not_to_be_empty()
    sections = help_box.locator("a")
    assert sections.count() >= 5
    for href in sections.evaluate_all("links => links.map(a => a.href)"):
        assert urllib.request.urlopen(href).status == 200  # every suggestion leads somewhere
    # "chilrn" is two edits from "child": too far to be searched as it (see the test below)
    # but near enough to be offered; "xqzvtk" is near nothing and stays as typed.
    search(page, "chilrn protecton xqzvtk", typed=False)
    expect(help_box.get_by_role("link", name="child protection", exact=True)).to_be_visible()
    again = help_box.locator(".kb-search-help__again")
    expect(again).to_have_text("child protection xqzvtk")
    again.click()
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    expect(help_box).to_be_hidden()


def test_a_typo_is_searched_as_the_nearest_word_and_the_count_says_so(
    page: Page, site_url: str
) -> None:
    """A word of five letters or more that is no word of the index is searched as its nearest
    one (one edit away, or two letters swapped; search.js, NEAR), and the line with the count
    says which words were searched for; a word typed right, or a short one, is not guessed."""
    page.goto(site_url + "en/")
    english = (REPO / "docs" / "_data" / "strings" / "en.yml").read_text(encoding="utf-8")
    near = yaml.safe_load(english)["search"]["near"]
    count = page.locator(".md-search-result__meta")
    right = search(page, "children protection rights", typed=False)
    expect(count).not_to_contain_text(near)
    typo = search(page, "chilren protecton rihgts", typed=False)
    assert typo[:3] == right[:3]
    expect(count).to_contain_text(f"{near} children protection rights")
    assert search(page, "chld", typed=False) == []  # four letters: offered, not searched


def test_typing_loads_only_what_the_settled_query_needs(page: Page, site_url: str) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type("t")
    page.wait_for_timeout(400)
    assert [url for url in loaded if "/search-kb/t-" in url] == []  # one letter loads nothing
    page.keyboard.type("rẻ em", delay=40)  # faster than the pause search waits for
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').dataset.query === 'trẻ em'"
    )
    chunks = {url.rsplit("/", 1)[1] for url in loaded if "/search-kb/t-" in url}
    assert chunks == {"t-tr.js", "t-em.js"}


def test_tails_of_common_words_are_read_only_when_a_query_needs_them(
    page: Page, site_url: str
) -> None:
    """Tiered postings (search_index.tier_size): one common word is ranked from its weightiest
    postings; several words read the rest when those give too few pages with them all."""
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(site_url)
    assert search(page, "trẻ", typed=False)
    assert not [url for url in loaded if "/search-kb/u-" in url]
    assert search(page, "trẻ em bị xâm hại báo cho ai", typed=False)
    assert [url for url in loaded if "/search-kb/u-" in url]
