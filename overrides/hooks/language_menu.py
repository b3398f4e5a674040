"""Language menu links that work wherever the site is opened, and a sane menu on the 404 page.

mkdocs-static-i18n points the language menu of each page at the same page in the other
language, but it leaves two gaps that this hook closes:

- On the two home pages it writes root-absolute links ("/" and "/en/"), which break when the
  site is opened from disk (the trainers' offline copy) or served below a path. ``on_page_context``
  (default priority 0, after the plugin's 50) turns them into site-relative links, which Material's
  ``url`` filter then makes relative to the page.
- The 404 page is rendered with whatever menu the previous page left behind (e.g. links to the
  plan). ``on_template_context`` gives it links to each language's home page instead; these stay
  root-absolute because a 404 page is served at any depth.
"""

from __future__ import annotations

from typing import Any


def _language_homes(config: Any) -> list[dict[str, str]]:
    languages = config.plugins["i18n"].config.languages
    return [
        {"name": lang.name, "link": lang.link, "lang": lang.locale}
        for lang in languages
        if lang.build
    ]


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Make root-absolute language menu links site-relative."""
    # The plugin sets the per-page menu as an *attribute* of config.extra (the dict item keeps
    # the site-wide menu), and Jinja's config.extra.alternate reads the attribute first.
    for alternate in getattr(config.extra, "alternate", None) or []:
        link = alternate["link"]
        if link.startswith("/"):
            alternate["link"] = link.lstrip("/") or "."
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Point the 404 page's language menu at each language's home page."""
    if template_name == "404.html":
        config.extra.alternate = _language_homes(config)
    return context
