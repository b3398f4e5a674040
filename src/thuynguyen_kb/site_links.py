"""The rules of the built site (both languages): links, anchors, assets, the language menu.

Run by ``python scripts/check_links.py [SITE_DIR] [--docs DOCS] [--external] [--online]``
(:mod:`thuynguyen_kb.commands.check_links`), after a build.

What covers what. ``mkdocs build --strict`` (the ``validation:`` block of mkdocs.yml) already
rejects Markdown links to missing pages and anchors, with the file named; it is fast and exact,
so it stays the first line of defence. It does not see links written as HTML inside Markdown,
links and assets in templates and stylesheets, the language menu, or anything that loads from
another host; LinkChecker and mkdocs-htmlproofer-plugin check links but know nothing of the
language menu or the Markdown source lines, and are slow on every page of every build. So this
script checks the *built* HTML, parsed with lxml (fast, and it keeps source lines), and reports
each problem in a page's content against its Markdown file and line. Each page is read once into
small records (:mod:`thuynguyen_kb.site_pages`), and each distinct link target is judged once, so
the navigation that every page repeats, with links written differently from each folder, adds
little work; each of its links is still reported, on every page, at its own HTML line. The rules:

- ``LINK-BROKEN``: an internal ``<a href>`` or ``<link rel=canonical|alternate|prev|next>``
  leads to no file in the site.
- ``LINK-ANCHOR``: the ``#fragment`` of an internal link names no ``id`` in its target page.
- ``LINK-SYNTAX``: an external link is malformed (not ``http(s)://host…``, or has spaces).
- ``LINK-DEAD`` (only with ``--online``): an external link does not answer, or answers with an
  error status. Answers are cached for a week in ``.cache/external-links.json``.
- ``ASSET-MISSING``: a script, stylesheet, image or CSS ``url()`` inside the site is missing.
- ``ASSET-EXTERNAL``: a page or stylesheet loads something from another host: ``<script src>``,
  a ``<link>`` that the browser fetches (stylesheet, icon, preload, preconnect …), ``<img>``,
  ``<source>``, ``<iframe>``, ``<video>``, ``<audio>``, ``<object>``, ``<embed>``, a ``style``
  attribute or ``<style>`` block, or a CSS ``url()``/``@import``. Links that the reader follows
  (``<a href>``) are not assets and may point anywhere.
- ``LANG-MENU``: each entry of a page's language menu must lead to the same page in that
  language (``ke-hoach/`` ⇄ ``en/ke-hoach/``); on a ``404.html`` page, to that language's home
  page. The default language is the one of the site's home page, served at the root.

``--external`` lists every external link with the pages that use it. CSS is scanned with a
regular expression for ``url(...)`` and ``@import``: all the CSS grammar these rules need.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.site_pages import (
    ADDRESSES_REMEMBERED,
    Link,
    Page,
    Site,
    css_urls,
    resolve,
    target_of,
)

# Schemes that are neither pages nor files: nothing to check.
IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data"}
CACHE_FILE = Path(".cache") / "external-links.json"
CACHE_DAYS = 7


# The same addresses recur on every page (the navigation): take each apart once.
@functools.lru_cache(maxsize=ADDRESSES_REMEMBERED)
def is_external(url: str) -> bool:
    """True if ``url`` points to another host (``https://…``, ``//host/…``)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https", "ftp"}


@functools.lru_cache(maxsize=ADDRESSES_REMEMBERED)
def _is_checkable(href: str | None) -> bool:
    return bool(href) and href != "#" and urlsplit(href).scheme not in IGNORED_SCHEMES


def _needles(href: str) -> list[str]:
    """Strings to look for in the Markdown source to find the line of a built link."""
    parts = urlsplit(href)
    stem = PurePosixPath(parts.path.rstrip("/")).name
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    # Most specific first: a link written in raw HTML, then the Markdown form of a page link.
    markdown = [f"{stem}.md{fragment}", f"{stem}.md"] if stem else []
    return [needle for needle in [href, *markdown, fragment, stem] if needle]


# --- Rules ----------------------------------------------------------------------------------


def check_internal_links(site: Site) -> list[Problem]:
    """LINK-BROKEN and LINK-ANCHOR for ``<a href>`` and reference ``<link>`` elements.

    Every page repeats the navigation, so most links lead to a target already seen from another
    page: each distinct target and section is judged once, and each link still reports its own
    problem at its own place."""
    problems = []
    verdicts: dict[tuple[str, str], str | None] = {}
    for page in site.pages.values():
        folder, name = str(page.rel.parent), page.rel.name
        for link in (*page.anchors, *page.references):
            href = link.url
            if not _is_checkable(href) or is_external(href):
                continue
            site.links_checked += 1
            target = target_of(site.files, folder, name, href)
            if target is None:
                continue
            key = (target, _fragment(href))
            if key not in verdicts:
                verdicts[key] = _verdict(site, *key)
            code = verdicts[key]
            if code is None:
                continue
            if code == "LINK-BROKEN":
                why = (
                    f"link '{href}' leads to no page (found no file '{target}' in the built "
                    "site; expected an existing page: check the file name in the link)"
                )
            else:
                why = (
                    f"link '{href}' names section '#{key[1]}', which '{target}' does not "
                    "have (expected one of its heading or item ids: check the { #id } there)"
                )
            problems.append(Problem(*site.locate(page, link, _needles(href)), code, why))
    return problems


@functools.lru_cache(maxsize=ADDRESSES_REMEMBERED)
def _fragment(href: str) -> str:
    return unquote(urlsplit(href).fragment)


def _verdict(site: Site, target: str, fragment: str) -> str | None:
    """The problem of a link to ``target#fragment`` wherever it is written, or None."""
    if not site.files.is_file(target):
        return "LINK-BROKEN"
    page = site.pages.get(PurePosixPath(target))
    if fragment and page is not None and fragment not in page.ids:
        return "LINK-ANCHOR"
    return None


def check_assets(site: Site) -> list[Problem]:
    """ASSET-EXTERNAL and ASSET-MISSING for pages and stylesheets."""
    problems = []
    for page in site.pages.values():
        folder, name = str(page.rel.parent), page.rel.name
        for asset in page.assets:
            url = asset.url
            if not _is_checkable(url):
                continue
            site.links_checked += 1
            if is_external(url):
                problems.append(_external(str(page.path), asset.line, url))
                continue
            target = target_of(site.files, folder, name, url)
            if target is not None and not site.files.is_file(target):
                problems.append(_missing(*site.locate(page, asset, _needles(url)), url, target))
    for rel in site.files.ending(".css"):
        path = site.root / rel
        for line, url in css_urls(path.read_text(encoding="utf-8")):
            if not _is_checkable(url):
                continue
            site.links_checked += 1
            if is_external(url):
                problems.append(_external(str(path), line, url))
                continue
            target = resolve(site.files, rel, url)
            if target is not None and not site.files.is_file(target):
                problems.append(_missing(str(path), line, url, target))
    return problems


def _external(path: str, line: int, url: str) -> Problem:
    return Problem(
        path,
        line,
        "ASSET-EXTERNAL",
        f"loads '{url}' from another host (expected a file inside the site; "
        "copy it into docs/assets/ or remove it)",
    )


def _missing(path: str, line: int, url: str, target: PurePosixPath | str) -> Problem:
    return Problem(
        path,
        line,
        "ASSET-MISSING",
        f"loads '{url}', which is not in the site (found no file '{target}'; "
        "expected the file under docs/assets/: add it or fix the name)",
    )


def check_language_menu(site: Site) -> list[Problem]:
    """LANG-MENU: language-menu links must lead to the same page in that language."""
    problems = []
    for page in site.pages.values():
        neutral = site.neutral(page)
        for entry in page.menu:
            site.links_checked += 1
            prefix = PurePosixPath(
                entry.language if entry.language != site.default_language else ""
            )
            expected = prefix / ("index.html" if page.rel.name == "404.html" else neutral)
            found = resolve(site.files, page.rel, entry.href)
            if found is not None and found == expected and site.files.is_file(found):
                continue
            if found is not None and found == expected:
                why = f"leads to '{found}', which does not exist"
            else:
                why = f"leads to '{found}' (expected '{expected}', the same page in that language)"
            problems.append(
                Problem(
                    str(page.path),
                    entry.line,
                    "LANG-MENU",
                    f"language menu entry '{entry.language}' {why}",
                )
            )
    return problems


def external_links(site: Site) -> dict[str, list[tuple[Page, Link]]]:
    """Every external ``<a href>``, with the pages (and links) that use it."""
    found: dict[str, list[tuple[Page, Link]]] = defaultdict(list)
    for page in site.pages.values():
        for link in page.anchors:
            href = link.url
            if _is_checkable(href) and (is_external(href) or " " in href.strip()):
                found[href].append((page, link))
    return found


def syntax_error(url: str) -> str | None:
    """Why an external URL is malformed, or None if it looks right."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return "expected an address starting with https:// or http://"
    if not parts.hostname or "." not in parts.hostname:
        return "expected a host name such as www.example.org after '//'"
    if any(ch.isspace() for ch in url):
        return "expected no spaces (write %20, or fix the address)"
    return None


def check_external_syntax(site: Site, links: dict[str, list]) -> list[Problem]:
    """LINK-SYNTAX for malformed external links."""
    problems = []
    for url, uses in links.items():
        site.links_checked += len(uses)
        why = syntax_error(url)
        if why:
            for page, link in uses:
                problems.append(
                    Problem(*site.locate(page, link, [url]), "LINK-SYNTAX", f"'{url}': {why}")
                )
    return problems


def check_online(
    site: Site, links: dict[str, list], cache_file: Path | None = None
) -> list[Problem]:
    """LINK-DEAD for external links that do not answer well (cached for a week)."""
    import requests  # only needed online; installed with MkDocs

    cache_file = cache_file or CACHE_FILE

    cache = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    now = datetime.now(UTC)
    fresh = now - timedelta(days=CACHE_DAYS)

    def status(url: str) -> str:
        cached = cache.get(url)
        if cached and datetime.fromisoformat(cached["checked"]) > fresh:
            return cached["status"]
        headers = {"User-Agent": "check_links.py (site link checker)"}
        try:
            answer = requests.head(url, allow_redirects=True, timeout=10, headers=headers)
            if answer.status_code >= 400:  # some servers refuse HEAD; ask properly
                answer = requests.get(
                    url, allow_redirects=True, timeout=10, headers=headers, stream=True
                )
            result = str(answer.status_code)
        except requests.RequestException as error:
            result = type(error).__name__
        cache[url] = {"status": result, "checked": now.isoformat()}
        return result

    urls = [url for url in links if not syntax_error(url)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(zip(urls, pool.map(status, urls), strict=True))
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(cache_file, json.dumps(cache, indent=1, sort_keys=True))
    problems = []
    for url, answer in answers.items():
        if answer.isdigit() and int(answer) < 400:
            continue
        for page, link in links[url]:
            problems.append(
                Problem(
                    *site.locate(page, link, [url]),
                    "LINK-DEAD",
                    f"'{url}' does not answer well (found {answer}; expected a page: "
                    "update or remove the link)",
                )
            )
    return problems
