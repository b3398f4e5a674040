"""Compare the site's own search engine with MiniSearch on the relevance set: print figures.

Usage: ``python benchmarks/compare_search_engines.py [--site DIR]`` (needs Chromium and npm).
Without ``--site`` the site is built into a temporary folder from this repository; with it, an
already built site is used. A benchmark, not a test: it prints numbers and never fails on them.

Both engines search the same sections: the ones of the site's own index (the ``d-<n>.js`` files
of ``search-kb/``, per language). MiniSearch (a pinned version, installed with npm into a
temporary folder) is loaded by a <script> tag on a harness page, indexes those sections with the
site's word folding, and is measured twice: lightly tuned, and with its defaults. The site's
engine is driven through the search box of its own home page, as tests/browser/test_search.py
does. For each engine and language (the queries of tests/search_relevance.yml) it prints:

- hit@1, hit@3 and MRR: the rank of the expected page among the distinct pages of the first
  20 results (sections; addresses without ``#…``), 0 past them;
- the median over the queries of a query's time in the browser once the index is loaded: for
  the site's engine, from the input event to the results drawn, less the pause search.js makes
  before searching, in searches repeated after the first one loaded the query's chunks; for
  MiniSearch, its ``search()`` call alone, the mean of a run of searches;
- the gzipped bytes a reader downloads for the first search: for the site's engine, the files
  the page requested during that search (median over the queries); for MiniSearch, the library
  and its serialized index (``JSON.stringify``, which a static site would ship and read with
  ``MiniSearch.loadJSON``);
- the whole index, gzipped.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

REPO = Path(__file__).resolve().parent.parent
HOMES = {"vi": "", "en": "en/"}
MINISEARCH_VERSION = "7.2.0"
MAX_RESULTS = 20  # results read per query, as many as the site's search box shows at most
SITE_REPEATS = 5  # timed searches of each query in the search box; their median counts
# MiniSearch answers in well under a millisecond, finer than the browser's clock: the mean of
# this many searches in a row counts.
MINISEARCH_REPEATS = 50
SCRIPT = re.compile(r'^window\.kbSearchData&&window\.kbSearchData\("[^"]+",(.*)\);\s*$', re.S)
# search.js waits this long after a key before it searches; read from the built search.js.
TYPING_PAUSE = re.compile(r"var DELAY = (\d+);")
TUNED = "prefix on the last word, fuzzy 0.2, boost page 3 and heading 2"
SETUPS = {"MiniSearch tuned": "tuned", "MiniSearch untuned": "untuned"}

# The harness page: MiniSearch by a <script> tag, the site's folding (lower case, NFC, no
# combining marks after NFD, "đ" as "d") as processTerm, the two sets of search options.
HARNESS = """<!doctype html>
<meta charset="utf-8">
<title>MiniSearch harness</title>
<script src="minisearch.js"></script>
<script>
const fold = term => term.toLowerCase().normalize("NFC").normalize("NFD")
  .replace(/\\p{M}/gu, "").replace(/đ/g, "d");
const OPTIONS = {fields: ["heading", "page", "text"], storeFields: ["url"], processTerm: fold};
const SEARCH = {
  untuned: {},
  tuned: {
    prefix: (term, i, terms) => i === terms.length - 1,
    fuzzy: 0.2,
    boost: {page: 3, heading: 2},
  },
};
let engine = null;
// Index the sections, serialize the index, and search a copy loaded back from that JSON.
function load(sections) {
  const built = new MiniSearch(OPTIONS);
  built.addAll(sections.map(([url, heading, page, text], id) => ({id, url, heading, page, text})));
  const json = JSON.stringify(built);
  engine = MiniSearch.loadJSON(json, OPTIONS);
  return json;
}
// The first results' urls, and the mean ms of a search over ``repeats`` in a row.
function search([setup, query, repeats, max]) {
  let results = [];
  const start = performance.now();
  for (let i = 0; i < repeats; i++) results = engine.search(query, SEARCH[setup]);
  return {ms: (performance.now() - start) / repeats, urls: results.slice(0, max).map(r => r.url)};
}
</script>
"""

# Enter a query in the site's search box; resolve with the ms until the list answers it.
SITE_SEARCH = """q => new Promise(resolve => {
  const box = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  list.dataset.query = "";
  const observer = new MutationObserver(() => {
    if (list.dataset.query !== q) return;
    observer.disconnect();
    resolve(performance.now() - start);
  });
  observer.observe(list, {attributes: true, attributeFilter: ["data-query"]});
  box.value = q;
  const start = performance.now();
  box.dispatchEvent(new Event("input", {bubbles: true}));
})"""


@dataclass
class Figures:
    """One engine's figures for one language."""

    ranks: list[int]  # per query: rank of the expected page among distinct pages, 0 if absent
    ms: float  # median query time once the index is loaded
    first_search_bytes: float  # gzipped bytes downloaded for the first search
    index_bytes: int  # the whole index, gzipped


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 while the block runs; yield its address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(project: Path, site: Path) -> None:
    """Build the site (without the PDF packs) into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF_PACKS": "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)


def install_minisearch(folder: Path) -> Path:
    """Install the pinned MiniSearch with npm into ``folder``; return its UMD build."""
    command = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder)]
    subprocess.run([*command, f"minisearch@{MINISEARCH_VERSION}"], check=True, capture_output=True)
    return folder / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"


def script_data(file: Path) -> Any:
    """The data a ``search-kb`` file hands to search.js."""
    match = SCRIPT.match(file.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{file}: not a search index script")
    return json.loads(match.group(1))


def sections(index: Path) -> list[list[str]]:
    """Every section of a language's index, in order: ``[url, heading, page title, text]``."""
    meta = script_data(index / "meta.js")
    files = -(-meta["count"] // meta["chunk"])
    rows: list[list[str]] = []
    for n in range(files):
        rows.extend(script_data(index / f"d-{n}.js"))
    return rows


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data))


def rank(urls: list[str], expect: str) -> int:
    """The rank of ``expect`` among the distinct pages of ``urls`` (``#…`` dropped), 0 if absent."""
    pages: list[str] = []
    for url in urls[:MAX_RESULTS]:
        page = url.split("#")[0]
        if page not in pages:
            pages.append(page)
    return pages.index(expect) + 1 if expect in pages else 0


def site_file(site: Path, address: str, root: str) -> Path | None:
    """The site file a request for ``address`` reads, if it is one of the site's."""
    if not address.startswith(root):
        return None
    path = address.removeprefix(root).split("#")[0].split("?")[0]
    file = site / path
    if not path or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def typing_pause(site: Path) -> float:
    """The ms search.js waits after a key before searching (timed with the site's searches)."""
    script = site / "assets" / "javascripts" / "search.js"
    match = TYPING_PAUSE.search(script.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{script}: the pause before a search was not found")
    return float(match.group(1))


def measure_site(
    browser: Browser, site: Path, root: str, lang: str, queries: list[dict[str, str]]
) -> Figures:
    """The site's engine: each query on a fresh home page, first search then timed repeats."""
    home = root + HOMES[lang]
    pause = typing_pause(site)
    ranks, times, downloads = [], [], []
    for item in queries:
        page = browser.new_page()
        requested: list[str] = []
        page.on("requestfinished", lambda request, seen=requested: seen.append(request.url))
        page.goto(home, wait_until="networkidle")
        before = len(requested)
        page.evaluate(SITE_SEARCH, item["query"])
        files = [site_file(site, address, root) for address in requested[before:]]
        downloads.append(sum(gzipped(f.read_bytes()) for f in files if f is not None))
        links = page.eval_on_selector_all(".md-search-result__link", "ls => ls.map(a => a.href)")
        ranks.append(rank([link.removeprefix(home) for link in links], item["expect"]))
        repeats = [page.evaluate(SITE_SEARCH, item["query"]) - pause for _ in range(SITE_REPEATS)]
        times.append(statistics.median(repeats))
        page.close()
    index = site / HOMES[lang] / "search-kb"
    return Figures(
        ranks=ranks,
        ms=statistics.median(times),
        first_search_bytes=statistics.median(downloads),
        index_bytes=sum(gzipped(f.read_bytes()) for f in index.glob("*.js")),
    )


def measure_minisearch(
    page: Page, library: Path, rows: list[list[str]], queries: list[dict[str, str]]
) -> dict[str, Figures]:
    """MiniSearch on the harness page: index ``rows``, then each setup on every query."""
    index = gzipped(page.evaluate("rows => load(rows)", rows).encode("utf-8"))
    figures = {}
    for name, setup in SETUPS.items():
        ranks, times = [], []
        for item in queries:
            args = [setup, item["query"], MINISEARCH_REPEATS, MAX_RESULTS]
            found = page.evaluate("args => search(args)", args)
            ranks.append(rank(found["urls"], item["expect"]))
            times.append(found["ms"])
        figures[name] = Figures(
            ranks=ranks,
            ms=statistics.median(times),
            first_search_bytes=gzipped(library.read_bytes()) + index,
            index_bytes=index,
        )
    return figures


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )


def measure(site: Path, work: Path) -> dict[str, dict[str, Figures]]:
    """Every engine's figures, per language."""
    relevance = yaml.safe_load((REPO / "tests" / "search_relevance.yml").read_text("utf-8"))
    library = install_minisearch(work / "npm")
    harness = work / "harness"
    harness.mkdir()
    shutil.copy2(library, harness / "minisearch.js")
    (harness / "index.html").write_text(HARNESS, encoding="utf-8")
    figures: dict[str, dict[str, Figures]] = {lang: {} for lang in HOMES}
    with served(site) as root, served(harness) as harness_url, sync_playwright() as playwright:
        browser = launch(playwright)
        for lang, home in HOMES.items():
            queries = relevance[lang]
            figures[lang]["site"] = measure_site(browser, site, root, lang, queries)
            page = browser.new_page()
            page.goto(harness_url, wait_until="load")
            rows = sections(site / home / "search-kb")
            figures[lang].update(measure_minisearch(page, library, rows, queries))
            page.close()
        browser.close()
    return figures


def hits(ranks: list[int], k: int) -> float:
    """The share of queries whose expected page is among the first ``k``."""
    return sum(0 < r <= k for r in ranks) / len(ranks)


def mrr(ranks: list[int]) -> float:
    """The mean reciprocal rank (0 for a query whose page is not found)."""
    return sum(1 / r for r in ranks if r) / len(ranks)


def table(figures: dict[str, dict[str, Figures]]) -> list[str]:
    """The figures as lines of a table, one per engine and language."""
    head = f"{'engine':<20} {'lang':<4} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'ms':>7}"
    lines = [head + f" {'1st search kB gz':>17} {'index kB gz':>12}"]
    for lang, engines in figures.items():
        for name, f in engines.items():
            lines.append(
                f"{name:<20} {lang:<4} {hits(f.ranks, 1):>6.3f} {hits(f.ranks, 3):>6.3f}"
                f" {mrr(f.ranks):>6.3f} {f.ms:>7.2f}"
                f" {f.first_search_bytes / 1000:>17.1f} {f.index_bytes / 1000:>12.1f}"
            )
    return lines


def report(figures: dict[str, dict[str, Figures]], site: Path) -> None:
    counts = ", ".join(
        f"{lang} {len(engines['site'].ranks)} queries, "
        f"{len(sections(site / HOMES[lang] / 'search-kb'))} sections"
        for lang, engines in figures.items()
    )
    print(f"Search engines on tests/search_relevance.yml ({counts})")
    print(f"MiniSearch {MINISEARCH_VERSION}, tuned lightly: {TUNED};")
    print("  untuned: its defaults; both with the site's folding as processTerm.")
    print("ms: median query time in Chromium once the index is loaded (site: input event to")
    print("  results drawn, less its typing pause; MiniSearch: the search() call alone).")
    print("hit@k, MRR: rank of the expected page among the distinct pages of the first")
    print(f"  {MAX_RESULTS} results (sections); MRR counts 0 for a page not among them.")
    print("1st search: gzipped bytes downloaded (MiniSearch: its UMD build and whole index,")
    print("  urls only, no titles or excerpts to show).")
    print()
    print("\n".join(table(figures)))


def main(argv: list[str] | None = None) -> int:
    """Build the site (or take ``--site``), measure both engines, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = args.site
        if site is None:
            site = work / "site"
            build(REPO, site)
        report(measure(site.resolve(), work), site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
