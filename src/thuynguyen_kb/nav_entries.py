"""The first level of a language's nav: what the 404 page offers as a way back, and what search
offers when it finds nothing. Works on MkDocs' nav objects by their attributes only (``items``,
``is_page``, ``children``, ``title``, ``url``), so the package stays free of MkDocs."""

from __future__ import annotations

from typing import Any


def first_page(item: Any) -> Any | None:
    """A nav entry's page: itself, or a section's first page (depth first)."""
    if getattr(item, "is_page", False):
        return item
    for child in getattr(item, "children", None) or []:
        page = first_page(child)
        if page is not None:
            return page
    return None


def top_level(nav: Any) -> list[tuple[str, str]]:
    """``(title, page address)`` of each top-level entry of ``nav`` that leads to a page; a
    section is named by its title and leads to its first page."""
    entries = []
    for item in nav.items:
        page = first_page(item)
        if page is not None:
            entries.append((str(item.title), str(page.url)))
    return entries
