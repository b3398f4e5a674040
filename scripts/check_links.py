"""Check the built site (both languages): assets from other hosts, and the language menu.

Usage: ``python scripts/check_links.py [SITE_DIR]`` from the repository root (default ``site``).

Rules:

- ``LANG-MENU``: each entry of a page's language menu must lead to the same page in that
  language (``ke-hoach/`` ⇄ ``en/ke-hoach/``); on a ``404.html`` page, to that language's home
  page. The default language is the one of the site's home page, served at the root.
- ``ASSET-EXTERNAL``: a page or stylesheet loads something from another host: ``<script src>``,
  a ``<link>`` that the browser fetches (stylesheet, icon, preload, preconnect …), ``<img>``,
  ``<source>``, ``<iframe>``, ``<video>``, ``<audio>``, ``<object>``, ``<embed>``, a ``style``
  attribute or ``<style>`` block, or a CSS file whose ``url()`` or ``@import`` names another
  host. Links that the reader follows (``<a href>``) are not assets and may point anywhere.

HTML is parsed with lxml (fast, and it reports source lines); CSS is scanned with a regular
expression for ``url(...)`` and ``@import``, which is all the CSS grammar this rule needs.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from lxml import html
from problems import Problem, report

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


def is_external(url: str) -> bool:
    """True if ``url`` points to another host (``https://…``, ``//host/…``)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https", "ftp"}


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def css_urls(css: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line, url)`` for each ``url()`` and ``@import`` in a stylesheet."""
    for match in CSS_URL.finditer(css):
        yield css.count("\n", 0, match.start()) + 1, match.group(1) or match.group(2)


def page_assets(document: html.HtmlElement) -> Iterator[tuple[int, str]]:
    """Yield ``(line, url)`` for everything a page makes the browser fetch."""
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "link":
            rels = set((element.get("rel") or "").lower().split())
            if element.get("href") and not rels <= REFERENCE_LINK_RELS:
                yield element.sourceline or 0, element.get("href")
        for attribute in ASSET_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if not value:
                continue
            urls = _srcset_urls(value) if attribute == "srcset" else [value]
            for url in urls:
                yield element.sourceline or 0, url
        if element.get("style"):
            for _, url in css_urls(element.get("style")):
                yield element.sourceline or 0, url
        if tag == "style" and element.text:
            for offset, url in css_urls(element.text):
                yield (element.sourceline or 1) + offset - 1, url


def check_external_assets(site: Path) -> list[Problem]:
    """Report every page or stylesheet under ``site`` that loads something from another host."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        document = html.fromstring(path.read_bytes())
        for line, url in page_assets(document):
            if is_external(url):
                problems.append(_external(path, line, url))
    for path in sorted(site.rglob("*.css")):
        for line, url in css_urls(path.read_text(encoding="utf-8")):
            if is_external(url):
                problems.append(_external(path, line, url))
    return problems


def page_language(document: html.HtmlElement) -> str:
    """The ``lang`` of a page's ``<html>`` element."""
    return document.get("lang", "")


def resolve(site: Path, page: PurePosixPath, href: str) -> PurePosixPath | None:
    """The site file an internal ``href`` on ``page`` leads to; None for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        target = parts.path.lstrip("/") or "."
    else:
        target = posixpath.normpath(posixpath.join(str(page.parent), parts.path or page.name))
    resolved = PurePosixPath(target)
    if parts.path.endswith("/") or (site / resolved).is_dir():
        resolved = resolved / "index.html"
    return PurePosixPath(posixpath.normpath(str(resolved)))


def check_language_menu(site: Path) -> list[Problem]:
    """Report language-menu links that do not lead to the same page in that language."""
    default = page_language(html.fromstring((site / "index.html").read_bytes()))
    problems = []
    for path in sorted(site.rglob("*.html")):
        page = PurePosixPath(path.relative_to(site).as_posix())
        document = html.fromstring(path.read_bytes())
        language = page_language(document)
        neutral = page
        if language != default and page.parts[0] == language:
            neutral = PurePosixPath(*page.parts[1:])
        for link in document.xpath("//a[contains(@class, 'md-select__link')][@hreflang]"):
            target_language = link.get("hreflang")
            prefix = PurePosixPath(target_language if target_language != default else "")
            expected = prefix / ("index.html" if page.name == "404.html" else neutral)
            found = resolve(site, page, link.get("href", ""))
            if found is not None and found == expected and (site / found).is_file():
                continue
            if found is not None and found == expected:
                why = f"leads to '{found}', which does not exist"
            else:
                why = f"leads to '{found}' (expected '{expected}', the same page in that language)"
            problems.append(
                Problem(
                    str(path),
                    link.sourceline or 0,
                    "LANG-MENU",
                    f"language menu entry '{target_language}' {why}",
                )
            )
    return problems


def _external(path: Path, line: int, url: str) -> Problem:
    return Problem(
        str(path),
        line,
        "ASSET-EXTERNAL",
        f"loads '{url}' from another host (expected a file inside the site; "
        "copy it into docs/assets/ or remove it)",
    )


def main(argv: list[str] | None = None) -> int:
    """Run every rule on SITE_DIR and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here; run 'make build' first", file=sys.stderr)
        return 2
    start = time.perf_counter()
    problems = check_external_assets(args.site_dir) + check_language_menu(args.site_dir)
    pages = sum(1 for _ in args.site_dir.rglob("*.html"))
    elapsed = time.perf_counter() - start
    return report(problems, f"OK: {pages} pages checked in {elapsed:.2f} s, no problems.")


if __name__ == "__main__":
    sys.exit(main())
