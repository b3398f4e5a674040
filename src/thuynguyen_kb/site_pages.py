"""The built site, read once for its rules: each page's ids, links, assets and language menu.

The rules of :mod:`thuynguyen_kb.site_links` and :mod:`thuynguyen_kb.site_ids` need, of each
page, only a few facts: its ids, and its links and assets, each with the source line of its
element and whether that element is in the page's content (the Markdown part, reported against
the Markdown file). So each page is parsed once with lxml, those facts are copied into small
records, and the tree is dropped: keeping every tree cost gigabytes once the navigation, which
every page repeats, grew with the site. Targets are looked up in an index of the site's files,
made by one walk of its folder, instead of asking the disk once per link.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Protocol
from urllib.parse import unquote, urlsplit

from lxml import etree, html

# How many addresses to remember taken apart: the navigation repeats a few hundred on every page
# (written differently from each folder), and a large site has some thousands in all.
ADDRESSES_REMEMBERED = 1 << 15
# Elements whose attribute makes the browser fetch something while loading the page.
# LATER: the site's scripts that its pages load once loaded (overrides/main.html), as a list of
# addresses separated by spaces on the inline loader.
LATER = "data-kb-later"
ASSET_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src", LATER),
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
CONTENT_CLASS = "md-content__inner"
# The page's content: the Markdown part of a Material page.
CONTENT = etree.XPath(f"//article[contains(concat(' ', @class, ' '), ' {CONTENT_CLASS} ')]")
IDS = etree.XPath("//*[@id or @name]")
ANCHORS = etree.XPath("//a[@href]")
LINKS = etree.XPath("//link[@href]")
MENU = etree.XPath("//a[contains(@class, 'md-select__link')][@hreflang]")
STYLED = etree.XPath("//*[@style]")
# Every element that may make the browser fetch something, but for a style attribute (STYLED).
FETCHING_TAGS = ("link", "style", *ASSET_ATTRIBUTES)


class Link(NamedTuple):
    """An address a page uses (``href``, ``src`` …), at its element's source line."""

    url: str
    line: int
    in_content: bool


class IdUse(NamedTuple):
    """An ``id`` attribute of a page, at its element's source line."""

    id: str
    line: int
    in_content: bool


class MenuEntry(NamedTuple):
    """One entry of a page's language menu (``<a class="md-select__link" hreflang=…>``)."""

    language: str
    href: str
    line: int


class Placed(Protocol):
    """Anything found at a line of a page, in its content or not."""

    @property
    def line(self) -> int: ...

    @property
    def in_content(self) -> bool: ...


@dataclass(frozen=True)
class Page:
    """What the rules need of one built HTML page (its tree is not kept)."""

    path: Path
    rel: PurePosixPath
    language: str
    ids: frozenset[str]  # every id and name: what a #fragment may name
    id_uses: tuple[IdUse, ...]  # every id attribute, in document order
    anchors: tuple[Link, ...]  # <a href>
    references: tuple[Link, ...]  # <link href> that only names a related page (canonical …)
    assets: tuple[Link, ...]  # everything the browser fetches (page_assets)
    menu: tuple[MenuEntry, ...]

    @classmethod
    def read(cls, root: Path, rel: PurePosixPath) -> Page:
        """Parse ``root/rel`` and keep what the rules need."""
        path = root / rel
        document = html.fromstring(path.read_bytes())
        content = {
            element for article in CONTENT(document) for element in article.iterdescendants()
        }
        named = IDS(document)
        return cls(
            path=path,
            rel=rel,
            language=document.get("lang", ""),
            ids=frozenset(node.get("id") or node.get("name") for node in named),
            id_uses=tuple(
                IdUse(node.get("id"), node.sourceline or 0, node in content)
                for node in named
                if node.get("id") is not None
            ),
            anchors=_links(ANCHORS(document), content),
            references=_links(
                (node for node in LINKS(document) if is_reference_link(node)), content
            ),
            assets=tuple(
                Link(url, line, element in content) for element, line, url in page_assets(document)
            ),
            menu=tuple(
                MenuEntry(node.get("hreflang"), node.get("href", ""), node.sourceline or 0)
                for node in MENU(document)
            ),
        )


def _links(
    elements: Iterable[html.HtmlElement], content: set[html.HtmlElement]
) -> tuple[Link, ...]:
    return tuple(
        Link(element.get("href"), element.sourceline or 0, element in content)
        for element in elements
    )


def is_reference_link(element: html.HtmlElement) -> bool:
    """True for a ``<link>`` that only names a related page (``rel=canonical`` …)."""
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
    # Found by tag and by XPath (both in C): a Python loop over every element cost more.
    candidates = list(document.iter(*FETCHING_TAGS))
    fetching = set(candidates)
    candidates += [element for element in STYLED(document) if element not in fetching]
    for element in candidates:
        tag = element.tag if isinstance(element.tag, str) else ""
        line = element.sourceline or 0
        if tag == "link" and element.get("href") and not is_reference_link(element):
            yield element, line, element.get("href")
        for attribute in ASSET_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if value:
                urls = (
                    _srcset_urls(value)
                    if attribute == "srcset"
                    else value.split()
                    if attribute == LATER
                    else [value]
                )
                for url in urls:
                    yield element, line, url
        if element.get("style"):
            for _, url in css_urls(element.get("style")):
                yield element, line, url
        if tag == "style" and element.text:
            for offset, url in css_urls(element.text):
                yield element, line + offset - 1, url


@dataclass(frozen=True)
class SiteFiles:
    """Every file and folder of a built site (paths relative to it), from one walk."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def scan(cls, root: Path) -> SiteFiles:
        """Walk ``root`` once."""
        files: set[str] = set()
        folders = {"."}
        for folder, subfolders, names in os.walk(root):
            relative = Path(folder).relative_to(root).as_posix()
            prefix = "" if relative == "." else f"{relative}/"
            folders.update(prefix + name for name in subfolders)
            files.update(prefix + name for name in names)
        return cls(frozenset(files), frozenset(folders))

    def is_file(self, target: PurePosixPath | str) -> bool:
        """True if the site has a file at ``target``."""
        return str(target) in self.files

    def ending(self, suffix: str) -> list[PurePosixPath]:
        """The site's files whose name ends with ``suffix``, sorted."""
        return sorted(PurePosixPath(name) for name in self.files if name.endswith(suffix))


@functools.lru_cache(maxsize=ADDRESSES_REMEMBERED)
def _site_path(href: str) -> str | None:
    """The unquoted path of an internal ``href``; None for another host."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    return unquote(parts.path)


def target_of(files: SiteFiles, folder: str, name: str, href: str) -> str | None:
    """:func:`resolve` for a page ``folder/name``, as a string: the form used for every link,
    since a path object per link cost more than the rest of the check."""
    path = _site_path(href)
    if path is None:
        return None
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/") or ".")
    else:
        target = posixpath.normpath(posixpath.join(folder, path or name))
    if path.endswith("/") or target in files.folders:
        target = posixpath.normpath(f"{target}/index.html")
    return target


def resolve(files: SiteFiles, page: PurePosixPath, href: str) -> PurePosixPath | None:
    """The site file an internal ``href`` on ``page`` leads to; None for other hosts."""
    target = target_of(files, str(page.parent), page.name, href)
    return None if target is None else PurePosixPath(target)


@dataclass
class Site:
    """Every page of a built site, its files, its languages, and where each page's Markdown is."""

    root: Path
    docs: Path
    files: SiteFiles
    pages: dict[PurePosixPath, Page]
    default_language: str
    links_checked: int = 0
    _sources: dict[PurePosixPath, list[str]] = field(default_factory=dict)
    _source_of: dict[PurePosixPath, Path | None] = field(default_factory=dict)
    _fragments: list[Path] | None = None

    @classmethod
    def load(cls, root: Path, docs: Path) -> Site:
        """Index the files under ``root`` and read every ``*.html`` page."""
        files = SiteFiles.scan(root)
        pages = {rel: Page.read(root, rel) for rel in files.ending(".html")}
        home = pages.get(PurePosixPath("index.html"))
        return cls(root, docs, files, pages, home.language if home else "")

    def neutral(self, page: Page) -> PurePosixPath:
        """The page's address without its language folder (``en/ke-hoach/…`` → ``ke-hoach/…``)."""
        if page.language != self.default_language and page.rel.parts[0] == page.language:
            return PurePosixPath(*page.rel.parts[1:])
        return page.rel

    def source_of(self, page: Page) -> Path | None:
        """The Markdown file a page was built from (the Vietnamese one for an untranslated page)."""
        if page.rel not in self._source_of:
            self._source_of[page.rel] = self._find_source(page)
        return self._source_of[page.rel]

    def _find_source(self, page: Page) -> Path | None:
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

    def locate(self, page: Page, found: Placed, needles: Iterable[str]) -> tuple[str, int]:
        """Where to report a problem: the Markdown file and line for a link in a page's content
        (the page itself, else a shared fragment under docs/_*/ that defines it, such as a link
        target in docs/_snippets/links.md), else the HTML file and line (templates, theme)."""
        source = self.source_of(page)
        if source is None or not found.in_content:
            return str(page.path), found.line
        if self._fragments is None:
            self._fragments = sorted(self.docs.glob("_*/*.md"))
        for candidate in [source, *self._fragments]:
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
        return self._sources[key]
