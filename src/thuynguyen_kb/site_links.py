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
each problem in a page's content against its Markdown file and line:

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

import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import html

from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.problems import Problem

# Elements whose attribute makes the browser fetch something while loading the page.
ASSET_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link rel=…> values that only name a related page; every other <link> is fetched.
REFERENCE_LINK_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
# Schemes that are neither pages nor files: nothing to check.
IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data"}
CONTENT_XPATH = "ancestor::article[contains(concat(' ', @class, ' '), ' md-content__inner ')]"
CACHE_FILE = Path(".cache") / "external-links.json"
CACHE_DAYS = 7


# --- The site, parsed once ------------------------------------------------------------------


@dataclass
class Page:
    """One built HTML page."""

    path: Path
    rel: PurePosixPath
    document: html.HtmlElement
    ids: set[str]
    language: str


@dataclass
class Site:
    """Every page of a built site, its languages, and where each page's Markdown lives."""

    root: Path
    docs: Path
    pages: dict[PurePosixPath, Page]
    default_language: str
    links_checked: int = 0
    _sources: dict[PurePosixPath, list[str] | None] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, docs: Path) -> Site:
        """Parse every ``*.html`` file under ``root``."""
        pages = {}
        for path in sorted(root.rglob("*.html")):
            document = html.fromstring(path.read_bytes())
            rel = PurePosixPath(path.relative_to(root).as_posix())
            ids = {
                node.get("id") or node.get("name") for node in document.xpath("//*[@id or @name]")
            }
            pages[rel] = Page(path, rel, document, ids, document.get("lang", ""))
        home = pages.get(PurePosixPath("index.html"))
        return cls(root, docs, pages, home.language if home else "")

    def neutral(self, page: Page) -> PurePosixPath:
        """The page's address without its language folder (``en/ke-hoach/…`` → ``ke-hoach/…``)."""
        if page.language != self.default_language and page.rel.parts[0] == page.language:
            return PurePosixPath(*page.rel.parts[1:])
        return page.rel

    def source_of(self, page: Page) -> Path | None:
        """The Markdown file a page was built from (the Vietnamese one for an untranslated page)."""
        neutral = self.neutral(page)
        if neutral.name != "index.html":
            return None
        folder = neutral.parent
        stems = [folder / "index"] if str(folder) == "." else [folder, folder / "index"]
        suffixes = (
            [".md"] if page.language == self.default_language else [f".{page.language}.md", ".md"]
        )
        for suffix in suffixes:
            for stem in stems:
                candidate = self.docs / f"{stem}{suffix}"
                if candidate.is_file():
                    return candidate
        return None

    def locate(
        self, page: Page, element: html.HtmlElement, needles: Iterable[str]
    ) -> tuple[str, int]:
        """Where to report a problem: the Markdown file and line for a link in a page's content
        (the page itself, else a shared fragment under docs/_*/ that defines it, such as a link
        target in docs/_snippets/links.md), else the HTML file and line (templates, theme)."""
        source = self.source_of(page)
        if source is None or not element.xpath(CONTENT_XPATH):
            return str(page.path), element.sourceline or 0
        fragments = sorted(p for p in self.docs.glob("_*/*.md"))
        for candidate in [source, *fragments]:
            lines = self._source_lines(candidate)
            for needle in needles:
                for number, line in enumerate(lines, start=1):
                    if needle and needle in line:
                        return str(candidate), number
        return str(source), 0

    def _source_lines(self, source: Path) -> list[str]:
        key = PurePosixPath(source.as_posix())
        if key not in self._sources:
            self._sources[key] = source.read_text(encoding="utf-8").splitlines()
        return self._sources[key] or []


def resolve(site: Path, page: PurePosixPath, href: str) -> PurePosixPath | None:
    """The site file an internal ``href`` on ``page`` leads to; None for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        target = path.lstrip("/") or "."
    else:
        target = posixpath.normpath(posixpath.join(str(page.parent), path or page.name))
    resolved = PurePosixPath(target)
    if path.endswith("/") or (site / resolved).is_dir():
        resolved = resolved / "index.html"
    return PurePosixPath(posixpath.normpath(str(resolved)))


def is_external(url: str) -> bool:
    """True if ``url`` points to another host (``https://…``, ``//host/…``)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https", "ftp"}


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
    """LINK-BROKEN and LINK-ANCHOR for ``<a href>`` and reference ``<link>`` elements."""
    problems = []
    for page in site.pages.values():
        for element in page.document.xpath("//a[@href] | //link[@href]"):
            href = element.get("href")
            if element.tag == "link" and not _is_reference_link(element):
                continue
            if not _is_checkable(href) or is_external(href):
                continue
            site.links_checked += 1
            target = resolve(site.root, page.rel, href)
            fragment = unquote(urlsplit(href).fragment)
            where = site.locate(page, element, _needles(href))
            if target is None:
                continue
            if not (site.root / target).is_file():
                problems.append(
                    Problem(
                        *where,
                        "LINK-BROKEN",
                        f"link '{href}' leads to no page (found no file '{target}' in the built "
                        "site; expected an existing page: check the file name in the link)",
                    )
                )
            elif fragment and target in site.pages and fragment not in site.pages[target].ids:
                problems.append(
                    Problem(
                        *where,
                        "LINK-ANCHOR",
                        f"link '{href}' names section '#{fragment}', which '{target}' does not "
                        "have (expected one of its heading or item ids: check the { #id } there)",
                    )
                )
    return problems


def _is_reference_link(element: html.HtmlElement) -> bool:
    rels = set((element.get("rel") or "").lower().split())
    return bool(rels) and rels <= REFERENCE_LINK_RELS


def css_urls(css: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line, url)`` for each ``url()`` and ``@import`` in a stylesheet."""
    for match in CSS_URL.finditer(css):
        yield css.count("\n", 0, match.start()) + 1, match.group(1) or match.group(2)


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def page_assets(document: html.HtmlElement) -> Iterator[tuple[html.HtmlElement, int, str]]:
    """Yield ``(element, line, url)`` for everything a page makes the browser fetch."""
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        line = element.sourceline or 0
        if tag == "link" and element.get("href") and not _is_reference_link(element):
            yield element, line, element.get("href")
        for attribute in ASSET_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if value:
                for url in _srcset_urls(value) if attribute == "srcset" else [value]:
                    yield element, line, url
        if element.get("style"):
            for _, url in css_urls(element.get("style")):
                yield element, line, url
        if tag == "style" and element.text:
            for offset, url in css_urls(element.text):
                yield element, line + offset - 1, url


def check_assets(site: Site) -> list[Problem]:
    """ASSET-EXTERNAL and ASSET-MISSING for pages and stylesheets."""
    problems = []
    for page in site.pages.values():
        for element, line, url in page_assets(page.document):
            if not _is_checkable(url):
                continue
            site.links_checked += 1
            if is_external(url):
                problems.append(_external(str(page.path), line, url))
                continue
            target = resolve(site.root, page.rel, url)
            if target is not None and not (site.root / target).is_file():
                where = site.locate(page, element, _needles(url))
                problems.append(_missing(*where, url, target))
    for path in sorted(site.root.rglob("*.css")):
        rel = PurePosixPath(path.relative_to(site.root).as_posix())
        for line, url in css_urls(path.read_text(encoding="utf-8")):
            if not _is_checkable(url):
                continue
            site.links_checked += 1
            if is_external(url):
                problems.append(_external(str(path), line, url))
                continue
            target = resolve(site.root, rel, url)
            if target is not None and not (site.root / target).is_file():
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


def _missing(path: str, line: int, url: str, target: PurePosixPath) -> Problem:
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
        for link in page.document.xpath("//a[contains(@class, 'md-select__link')][@hreflang]"):
            site.links_checked += 1
            language = link.get("hreflang")
            prefix = PurePosixPath(language if language != site.default_language else "")
            expected = prefix / ("index.html" if page.rel.name == "404.html" else neutral)
            found = resolve(site.root, page.rel, link.get("href", ""))
            if found is not None and found == expected and (site.root / found).is_file():
                continue
            if found is not None and found == expected:
                why = f"leads to '{found}', which does not exist"
            else:
                why = f"leads to '{found}' (expected '{expected}', the same page in that language)"
            problems.append(
                Problem(
                    str(page.path),
                    link.sourceline or 0,
                    "LANG-MENU",
                    f"language menu entry '{language}' {why}",
                )
            )
    return problems


def external_links(site: Site) -> dict[str, list[tuple[Page, html.HtmlElement]]]:
    """Every external ``<a href>``, with the pages (and elements) that use it."""
    found: dict[str, list[tuple[Page, html.HtmlElement]]] = defaultdict(list)
    for page in site.pages.values():
        for element in page.document.xpath("//a[@href]"):
            href = element.get("href")
            if _is_checkable(href) and (is_external(href) or " " in href.strip()):
                found[href].append((page, element))
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
            for page, element in uses:
                problems.append(
                    Problem(*site.locate(page, element, [url]), "LINK-SYNTAX", f"'{url}': {why}")
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
        for page, element in links[url]:
            problems.append(
                Problem(
                    *site.locate(page, element, [url]),
                    "LINK-DEAD",
                    f"'{url}' does not answer well (found {answer}; expected a page: "
                    "update or remove the link)",
                )
            )
    return problems
