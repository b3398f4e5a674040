"""MkDocs adapter of the Atom feeds (``thuynguyen_kb.feeds`` says what they hold and why their
ids and links are as they are).

- ``on_pre_build``: forget the previous language's pages (mkdocs-static-i18n runs one build per
  language).
- ``on_page_markdown`` (priority 10, before the knowledge-base hook fills the markers): note the
  page that lists the changes (``<!-- kb:whats-new -->``), the feed's ``alternate`` page.
- ``on_page_context``: remember each page's address, for the feed's links; give the home page
  and the page that lists the changes (``feeds.announced_on`` says why only those) their
  ``<link rel="alternate" type="application/atom+xml">`` (``kb_feed``, read by
  ``overrides/main.html``), relative to the page. Not in the offline copy: Material's script
  fetches ``sitemap.xml`` beside every such link, which a browser refuses from disk.
- ``on_post_build`` (default priority, before mkdocs-static-i18n starts the next language's
  build at -100): write the language's feed, to a temporary file renamed into place (not in a
  preview's page save, ``thuynguyen_kb.preview``: the change notes did not change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from thuynguyen_kb import build_state, feeds, layout, markers, preview, source_dates
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.offline.zip_file import EARLIEST
from thuynguyen_kb.render.changes import feed_title

_pages: dict[str, str] = {}  # default-language path → the page's address in this language
_state: dict[str, Any] = {}


def _site_name(config: Any) -> str:
    name = config.site_name  # escaped HTML while pages render (hook plain_text.py)
    return name.unescape() if isinstance(name, Markup) else str(name)


def on_pre_build(config: Any) -> None:
    """Start each language's build with no pages."""
    _pages.clear()
    _state.clear()


@event_priority(10)  # before the knowledge-base hook (0) replaces the marker
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Remember the page that lists every change."""
    if any(marker.name == "whats-new" for marker in markers.scan(markdown.split("\n"))):
        _state.setdefault("alternate", page.url)
    return markdown


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Remember the page's address; link the page to its language's feed."""
    _pages[layout.neutral_path(page.file.src_uri)] = page.url
    updated = source_dates.from_plugin(page.meta).updated
    if updated is not None:
        _state["newest"] = max(updated, _state.get("newest", updated))
    announced = feeds.announced_on(page.file.src_uri, page.url, _state.get("alternate"))
    if announced and not config.extra.get("offline_copy"):
        language = config.theme["language"]
        context["kb_feed"] = {
            "href": feeds.href(feeds.path(language), page.url),
            "title": feed_title(build_state.loaded(), language, _site_name(config)),
        }
    return context


def _address(page: str) -> str:
    if page not in _pages:
        raise PluginError(f"docs/{page}: has change notes, but the build made no page of it")
    return _pages[page]


def on_post_build(config: Any) -> None:
    """Write the language's feed."""
    if preview.skips("Atom feeds"):
        return
    language = config.theme["language"]
    kb = build_state.loaded()
    xml = feeds.atom(
        kb.changes.get(language, []),
        lang=language,
        title=feed_title(kb, language, _site_name(config)),
        author=_site_name(config),
        page_url=_address,
        site_url=config.site_url or None,
        alternate=_state.get("alternate"),
        updated=_state.get("newest", EARLIEST.date()),
    )
    write_atomically(Path(config.site_dir) / feeds.path(language), xml.decode("utf-8"))
