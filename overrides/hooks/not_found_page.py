"""The not-found page of each language (``overrides/404.html``): its words, its way back, search.

MkDocs renders ``404.html`` after the pages, as a template with no page of its own, so the
context the other hooks give each page is missing there. ``on_template_context`` gives it:

- ``kb_not_found``: the page's words, from ``docs/_data/strings/<lang>.yml`` (``not_found``);
- ``kb_way_back``: the first level of the language's nav (the home page, each top-level page,
  each section by its name, leading to its first page), so the way back follows the nav and
  never names a page that is not there;
- ``kb_search_base``: the address of the language's search index.

A 404 page is served at any address, so its addresses are root-absolute, unlike the relative
ones of every other page (hook search_index.py); they start with ``site_url``'s path when the
site is served below one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from thuynguyen_kb import build_state, layout, nav_entries, search_index


def way_back(nav: Any, root: str) -> list[dict[str, str]]:
    """``{title, href}`` for each top-level entry of ``nav`` that leads to a page."""
    return [{"title": title, "href": f"{root}/{url}"} for title, url in nav_entries.top_level(nav)]


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Give the 404 page its words, its links back and its search."""
    if template_name != "404.html":
        return context
    language = config.theme["language"]
    root = urlsplit(config.site_url or "").path.rstrip("/")
    prefix = "" if language == layout.DEFAULT_LANGUAGE else f"{language}/"
    context["kb_not_found"] = build_state.loaded().strings[language]["not_found"]
    context["kb_way_back"] = way_back(context["nav"], root)
    context["kb_search_base"] = f"{root}/{prefix}{search_index.FOLDER}/"
    return context
