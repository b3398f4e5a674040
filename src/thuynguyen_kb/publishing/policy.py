"""The publishing policy as data: every header the server sends, caching, compression, 404 pages.

Both outputs (:mod:`.nginx`, :mod:`.headers_file`) read only this module, and the tests check
the served site against it, so a header is added, changed or dropped here and nowhere else.
Each record says why it is there; the outputs copy those reasons into their comments.

The Content-Security-Policy is built for what this site is: static pages that load nothing from
another host (``scripts/check_links.py`` fails on any such asset), whose own scripts and styles
are files, and whose only inline code is the few small scripts that Material writes into every
page. Those are allowed by their SHA-256 hashes (:mod:`.inline_code` reads them from the built
pages), never by ``'unsafe-inline'``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from thuynguyen_kb import layout


@dataclass(frozen=True)
class Directive:
    """One directive of the Content-Security-Policy."""

    name: str
    sources: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Header:
    """One response header, sent with every response (pages, files and error pages)."""

    name: str
    value: str
    why: str
    https_only: bool = False  # sent only over HTTPS (browsers ignore it over plain HTTP)


@dataclass(frozen=True)
class Caching:
    """How long browsers and caches may keep a file, by whether its name carries a fingerprint."""

    # Material names its bundles by their content (``bundle.a5f9d56c.min.js``,
    # ``main.57a0d79d.min.css``, ``workers/search.a7633da7.min.js`` and their source maps), and
    # so does the site its one stylesheet (``site.<hash>.min.css``, :mod:`.stylesheet`): a new
    # version gets a new name, so the old name may be cached for good. One pattern, used
    # verbatim by nginx (PCRE) and by Python's ``re`` (both read it the same way).
    fingerprinted: str = r"\.[0-9a-f]{8,}\.min\.(?:css|js)(?:\.map)?$"
    immutable: str = "public, max-age=31536000, immutable"
    # Everything else (pages, search.js, language-switch.js, the search index in
    # search-kb/, the CSV tables) keeps its name from one build to the next: browsers may keep
    # a copy but must ask first (a cheap 304 when unchanged), so readers never see an old page
    # or an old search.js reading a new index.
    revalidate: str = "no-cache"

    def is_fingerprinted(self, path: str) -> bool:
        """True if ``path`` (a URL path or file name) names a fingerprinted file."""
        return re.search(self.fingerprinted, path) is not None

    def for_path(self, path: str) -> str:
        """The Cache-Control value for ``path``."""
        return self.immutable if self.is_fingerprinted(path) else self.revalidate


@dataclass(frozen=True)
class NotFoundPage:
    """The 404 page served for a missing address below ``prefix`` (a URL path)."""

    prefix: str  # "/" or "/en/"
    page: str  # "/404.html" or "/en/404.html"


@dataclass(frozen=True)
class Policy:
    """Everything the server is asked to do, for one built site."""

    headers: tuple[Header, ...]
    caching: Caching
    not_found: tuple[NotFoundPage, ...]  # the longest prefix first
    # Text types worth compressing (text/html is always compressed by nginx and by the hosts).
    compressed_types: tuple[str, ...]

    def headers_for(self, https: bool) -> tuple[Header, ...]:
        """The headers sent over HTTPS, or over plain HTTP."""
        return tuple(h for h in self.headers if https or not h.https_only)

    def not_found_page(self, path: str) -> str:
        """The 404 page for the missing address ``path``."""
        return next(p.page for p in self.not_found if path.startswith(p.prefix))


CSP_WITHOUT_SCRIPTS: tuple[Directive, ...] = (
    Directive("default-src", ("'self'",), "anything not named below: this site's own files only"),
    Directive(
        "script-src",
        ("'self'",),
        "the site's script files, and each inline script of the built pages by its hash",
    ),
    Directive("style-src", ("'self'",), "stylesheets only: the build refuses inline styles"),
    Directive(
        "img-src", ("'self'", "data:"), "Material's stylesheet draws its icons as data: URLs"
    ),
    Directive("font-src", ("'self'",), "no web fonts (the system font stack of site.css)"),
    Directive("connect-src", ("'self'",), "nothing is fetched (the search index loads as scripts)"),
    Directive("object-src", ("'none'",), "no plugins"),
    Directive("base-uri", ("'self'",), "an injected <base> cannot send relative links elsewhere"),
    Directive("form-action", ("'self'",), "the search form never submits to another site"),
    # Only a header can say this (not a <meta>); X-Frame-Options says it to older browsers.
    Directive("frame-ancestors", ("'none'",), "no other site may show these pages in a frame"),
)

# Features the site never uses, switched off so that no page (or anything injected into one)
# can ask for them. Only names that Chromium recognises: it warns in the console about any other
# (a browser test fails on such a warning).
DENIED_FEATURES: tuple[str, ...] = (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment",
    "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
)  # fmt: skip

COMPRESSED_TYPES: tuple[str, ...] = (
    "text/css", "application/javascript", "text/javascript", "application/json", "image/svg+xml",
    "text/xml", "application/xml", "text/plain", "text/csv",
)  # fmt: skip


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """The policy's value: the directives, with each ``sha256-…`` hash added to script-src."""
    hashes = tuple(f"'{h}'" for h in sorted(set(script_hashes)))
    parts = []
    for directive in CSP_WITHOUT_SCRIPTS:
        sources = directive.sources + (hashes if directive.name == "script-src" else ())
        parts.append(" ".join((directive.name, *sources)))
    return "; ".join(parts)


def security_headers(script_hashes: Iterable[str]) -> tuple[Header, ...]:
    """Every header of every response, the Content-Security-Policy allowing ``script_hashes``."""
    return (
        Header(
            "Content-Security-Policy",
            content_security_policy(script_hashes),
            "what a page may load and run: only this site's files and its known inline scripts",
        ),
        Header(
            "X-Content-Type-Options",
            "nosniff",
            "browsers use a file only as the type the server names (no guessing a script)",
        ),
        Header(
            "Referrer-Policy",
            "strict-origin-when-cross-origin",
            "another site learns only this site's name, never which page (on child protection) a"
            " reader came from; the site's own logs keep the page (older browsers sent it all)",
        ),
        Header(
            "Permissions-Policy",
            ", ".join(f"{feature}=()" for feature in DENIED_FEATURES),
            "camera, microphone, location and the like: the site uses none of them",
        ),
        Header("X-Frame-Options", "DENY", "no framing, for browsers older than frame-ancestors"),
        Header(
            "Cross-Origin-Opener-Policy",
            "same-origin",
            "a page opened from another site cannot reach this one's window (none needs to)",
        ),
        Header(
            "Strict-Transport-Security",
            # No includeSubDomains or preload: the site's host may share its name with others
            # (a city's domain) that this site cannot speak for.
            "max-age=31536000",
            "once seen over HTTPS, the browser uses only HTTPS for a year",
            https_only=True,
        ),
    )


def language_root(language: str) -> str:
    """The URL path of a language's pages: ``/`` for the default language, ``/en/`` for English."""
    return "/" if language == layout.DEFAULT_LANGUAGE else f"/{language}/"


def not_found_pages() -> tuple[NotFoundPage, ...]:
    """Each language's 404 page, the longest prefix first (``/en/`` before ``/``)."""
    roots = [language_root(language) for language in layout.LANGUAGES]
    pages = [NotFoundPage(root, f"{root}404.html") for root in roots]
    return tuple(sorted(pages, key=lambda p: len(p.prefix), reverse=True))


def build_policy(script_hashes: Iterable[str]) -> Policy:
    """The policy for a site whose inline scripts have ``script_hashes``."""
    return Policy(
        headers=security_headers(script_hashes),
        caching=Caching(),
        not_found=not_found_pages(),
        compressed_types=COMPRESSED_TYPES,
    )
