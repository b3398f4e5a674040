"""The Atom feed of each language (RFC 4287): one entry per change note its readers see.

Written by the build (hook ``overrides/hooks/feeds.py``) at the end of each language's build, to
``feed.xml`` (Vietnamese) or ``feed.en.xml`` (:func:`path`), as a temporary file renamed into
place.
The XML is written with lxml, which escapes every value (titles and notes are plain text).

**Addresses.** Atom needs an absolute IRI as the id of the feed and of each entry, and wants it
never to change. The ids are ``urn:uuid:`` names made from the language, the page, the day and
the note's place among that page's notes of the day (:func:`entry_id`): absolute without
knowing where the site is published, and the same when it moves to another host. Links to the
pages are absolute where the build knows the site's address (``SITE_URL``); without it (the
offline copy, ``make serve``) they are relative to the feed itself, which Atom allows (a
reader resolves them against the feed's address) and which keeps the feed valid, and there is
no ``rel="self"`` link, which must be absolute to be of use.
"""

from __future__ import annotations

import datetime
import posixpath
import uuid
from collections.abc import Callable, Sequence
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from lxml import etree

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import Change
from thuynguyen_kb.source_dates import SITE_TIMEZONE

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FILE = "feed.xml"
MEDIA_TYPE = "application/atom+xml"
# The namespace of the feed's uuid5 names (itself a uuid5 of the site's repository name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:quyen-tre-em-thuy-nguyen:changes")


def path(lang: str) -> str:
    """Where the feed of ``lang`` is: ``feed.xml``, ``feed.en.xml``, both at the site's root.

    Not in ``en/``: Material's script fetches ``sitemap.xml`` beside every ``<link
    rel="alternate">`` of a page, and there is one only at the root.
    """
    stem, _, suffix = FILE.rpartition(".")
    return FILE if lang == layout.DEFAULT_LANGUAGE else f"{stem}.{lang}.{suffix}"


def announced_on(source: str, url: str, alternate: str | None) -> bool:
    """Whether the page from ``source`` (a docs path), at ``url``, links its language's feed.

    Only the home page and the page that lists the changes (``alternate``, the feed's own link
    back): where feed readers look for a feed, and where readers find its visible link. Not
    every page: Material's script fetches ``sitemap.xml`` beside every ``<link
    rel="alternate">`` while the page loads, a request Lighthouse counts before the largest paint
    (README, "Lighthouse against stock Material").
    """
    return layout.neutral_path(source) == "index.md" or (alternate is not None and url == alternate)


def href(target: str, here: str) -> str:
    """The site path ``target`` as a link from the page or file at site path ``here``."""
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    relative = posixpath.relpath(target or ".", folder.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + ("/" if target.endswith("/") else "")


def entry_id(change: Change, lang: str, place: int) -> str:
    """The entry's id: the same for the same note in every build, wherever the site is."""
    key = f"{lang} {change.page} {change.day.isoformat()} {place}"
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def _moment(day: datetime.date) -> str:
    """The start of ``day`` in Viet Nam, as Atom writes a time (RFC 3339)."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(SITE_TIMEZONE))
    return start.isoformat()


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def atom(
    changes: Sequence[Change],
    *,
    lang: str,
    title: str,
    author: str,
    page_url: Callable[[str], str],
    site_url: str | None,
    alternate: str | None,
    updated: datetime.date,
) -> bytes:
    """The feed of ``lang`` (its XML, UTF-8) holding ``changes``, newest first.

    ``page_url`` gives the site path of a page (its default-language path in, MkDocs' address
    out: ``en/nhiem-vu/kinh-phi/``); ``alternate`` is the site path of the "What's new" page, if
    the site has one; ``updated`` is the feed's day when it has no entry.
    """
    here = path(lang)

    def link(target: str) -> str:
        return urljoin(site_url, target) if site_url else href(target, here)

    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, lang)
    _text(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, f'feed {lang}')}")
    _text(feed, "title", title)
    _text(feed, "updated", _moment(max((c.day for c in changes), default=updated)))
    person = etree.SubElement(feed, f"{{{ATOM}}}author")
    _text(person, "name", author)
    if alternate is not None:
        etree.SubElement(
            feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link(alternate)
        )
    if site_url:
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", type=MEDIA_TYPE, href=link(here))
    places: dict[tuple[str, datetime.date], int] = {}
    for change in changes:
        place = places[(change.page, change.day)] = places.get((change.page, change.day), -1) + 1
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        if change.lang != lang:  # a page not yet translated: its note is in its own language
            entry.set(XML_LANG, change.lang)
        _text(entry, "id", entry_id(change, lang, place))
        _text(entry, "title", change.title)
        _text(entry, "updated", _moment(change.day))
        _text(entry, "published", _moment(change.day))
        target = link(page_url(change.page))
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=target)
        _text(entry, "summary", change.note).set("type", "text")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
