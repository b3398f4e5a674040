"""Measure search and page weight: print figures, per language, for the real site and for a
synthetic site ten times its size.

Usage: ``python benchmarks/bench_search.py [--times 10]`` (needs Chromium, like the browser tests).
A benchmark, not a test: it prints numbers and never fails on them. For each site it prints:

- the search index per language: files, bytes, gzipped bytes, and what one search loads;
- what one query loads and how long it takes, typed key by key as a reader does (150 ms a key,
  TYPING_DELAY), in headless Chromium: the median, over the queries of
  tests/search_relevance.yml (each on a fresh page), of the bytes loaded from the first key to
  the results, and of the time from the last key to the results;
- the first load of a content page before any search: bytes transferred, gzipped as a web
  server would send them.

The synthetic site copies every page (both languages) ``--times - 1`` more times under
``docs/bench-<n>/``, outside the nav, with links turned into plain text, the way imported
recommendation paragraphs would grow the site; it is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((REPO / "tests" / "search_relevance.yml").read_text(encoding="utf-8"))
HOMES = {"vi": "", "en": "en/"}
CONTENT_PAGE = "co-quan/ubnd-xa-phuong/"
TYPING_DELAY = 150  # ms between keys, as a reader types
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MARKER = re.compile(r"^\s*(<!-- kb:.*-->|--8<--.*)$", re.MULTILINE)


def grow(project: Path, times: int) -> None:
    """Add ``times - 1`` copies of every page, outside the nav, with links as plain text."""
    docs = project / "docs"
    pages = [p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_")]
    for copy in range(1, times):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            data = yaml.safe_load(front)
            head = {"title": f"{data['title']} ({copy})", "description": data["description"]}
            body = MARKER.sub("", LINK.sub(r"\1", body))
            target = docs / f"bench-{copy}" / page.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                "---\n" + yaml.safe_dump(head, allow_unicode=True) + "---\n" + body,
                encoding="utf-8",
            )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("not_in_nav: |\n", "not_in_nav: |\n  bench-*/\n"))


def build(project: Path, site: Path, strict: bool) -> None:
    # The PDF packs change nothing measured here and take most of a build's time. The synthetic
    # copy has no git history, which the pages' dates need: it is built without them.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF_PACKS": "false"}
    if project != REPO:
        env["GIT_DATES"] = "false"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    subprocess.run(command + (["--strict"] if strict else []), cwd=project, env=env, check=True,
                   capture_output=True)  # fmt: skip


def index_figures(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per language: (files, bytes, gzipped bytes) of the search index."""
    figures = {}
    for lang, home in HOMES.items():
        files = list((site / home / "search-kb").glob("*.js"))
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes())) for f in files)
        figures[lang] = (len(files), raw, packed)
    return figures


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def browser_figures(site: Path) -> dict[str, dict[str, float]]:
    """Per language: median ms from the last key to the results, bytes one typed query loads,
    page weight."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    figures: dict[str, dict[str, float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for lang, home in HOMES.items():
                times, search_bytes = [], []
                for item in QUERIES[lang]:
                    page = browser.new_page()
                    loaded: list[str] = []
                    page.on("requestfinished", lambda r, loaded=loaded: loaded.append(r.url))
                    page.goto(url + home + CONTENT_PAGE, wait_until="load")
                    before = len(loaded)
                    page.locator(".md-search__input").click()
                    page.keyboard.type(item["query"], delay=TYPING_DELAY)
                    start = time.perf_counter()
                    page.wait_for_function(
                        "q => document.querySelector('.md-search-result__list').dataset.query"
                        " === q",
                        arg=item["query"],
                    )
                    times.append((time.perf_counter() - start) * 1000)
                    search_bytes.append(_gzipped(site, url, loaded[before:]))
                    page.close()
                page = browser.new_page()
                loaded = []
                page.on("requestfinished", lambda r, loaded=loaded: loaded.append(r.url))
                page.goto(url + home + CONTENT_PAGE, wait_until="networkidle")
                figures[lang] = {
                    "ms": statistics.median(times),
                    "search_kb": statistics.median(search_bytes) / 1000,
                    "page_kb": _gzipped(site, url, loaded) / 1000,
                }
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return figures


def _gzipped(site: Path, url: str, loaded: list[str]) -> int:
    """Bytes a gzip-serving web server would send for these site files."""
    total = 0
    for address in loaded:
        path = address.removeprefix(url).split("#")[0].split("?")[0]
        file = site / path
        if file.is_dir() or not path:
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes()))
    return total


def report(name: str, site: Path) -> dict[str, dict[str, float]]:
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"\n{name}: {pages} HTML pages")
    indexes = index_figures(site)
    browser = browser_figures(site)
    for lang in HOMES:
        files, raw, packed = indexes[lang]
        b = browser[lang]
        print(
            f"  {lang}: index {files} files, {raw / 1000:.0f} kB ({packed / 1000:.0f} kB gzip);"
            f" one typed query loads {b['search_kb']:.1f} kB gzip; results {b['ms']:.0f} ms after"
            f" the last key"
            f" (median); content page first load {b['page_kb']:.1f} kB gzip"
        )
    return browser


def main(argv: list[str] | None = None) -> int:
    """Build the real and the synthetic site, measure both, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real"
        build(REPO, real, strict=True)
        measured = report("Real site", real)
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "docs", "overrides"):
            copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
            copy(REPO / name, project / name)
        grow(project, args.times)
        synthetic = Path(tmp) / "synthetic"
        build(project, synthetic, strict=False)
        grown = report(f"Synthetic site ({args.times}x)", synthetic)
    print(f"\nGrowth of what one typed query loads, {args.times}x the pages"
          f" (the square root of {args.times} is {args.times ** 0.5:.2f}):")  # fmt: skip
    for lang in HOMES:
        ratio = grown[lang]["search_kb"] / measured[lang]["search_kb"]
        print(f"  {lang}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
