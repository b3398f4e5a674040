"""Plain-text values reach Material's templates as escaped HTML, whatever template prints them.

Material prints page titles, nav section names, the site name and a page's subtitle into HTML
without escaping them (``{{ nav_item.title }}``, ``{{ page.meta.title }}``), and escapes some
of them where they land in an attribute (``{{ page.title | e }}``). Copying every template to
add ``| e`` would tie the site to one Material release. Instead each plain-text value is turned
once into ``markupsafe.Markup.escape(value)``: printed raw it is correctly escaped text, and
Jinja's ``| e`` leaves a ``Markup`` value as it is, so nothing is escaped twice. (``striptags``
unescapes; ``overrides/main.html`` adds ``| e`` after it in the page's ``<title>``.)

Events, each after mkdocs-static-i18n (-100) has set the language's values:
- ``on_config`` (-300): the site name and description. mkdocs-static-i18n runs every
  language's build on the same config and overrides only values of type ``str`` (not a
  subclass), so ``on_post_build`` (100, before the plugin starts the next language's build at
  -100) turns them back into plain text;
- ``on_nav`` (-300): the names of nav sections and of links to other sites;
- ``on_page_markdown`` (-300): the page's front matter ``title``, ``description`` and
  ``subtitle`` (the rules reject HTML tags in them; escaping keeps ``<``, ``&`` and quotes as
  the editor wrote them).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.plugins import event_priority

FRONT_MATTER_TEXT = ("title", "description", "subtitle")


def escaped(value: Any) -> Any:
    """``value`` as escaped HTML (once: a ``Markup`` value is already HTML); others unchanged."""
    return Markup.escape(value) if isinstance(value, str) else value


def plain(value: Any) -> Any:
    """``value`` back as plain text if :func:`escaped` made it HTML."""
    return value.unescape() if isinstance(value, Markup) else value


@event_priority(-300)
def on_config(config: Any) -> Any:
    """Escape the site's name and description."""
    config.site_name = escaped(config.site_name)
    config.site_description = escaped(config.site_description)
    return config


@event_priority(-300)
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Escape the names of nav sections and links (pages are escaped with their front matter)."""

    def walk(items: list[Any]) -> None:
        for item in items:
            if getattr(item, "is_page", False):
                continue
            item.title = escaped(item.title)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return nav


@event_priority(-300)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Escape the page's plain-text front matter fields."""
    for name in FRONT_MATTER_TEXT:
        if name in page.meta:
            page.meta[name] = escaped(page.meta[name])
    return markdown


@event_priority(100)
def on_post_build(config: Any) -> None:
    """Give the next language's build the site's name and description as plain text."""
    config.site_name = plain(config.site_name)
    config.site_description = plain(config.site_description)
