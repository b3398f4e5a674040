"""The not-found page of each language (``overrides/404.html``): its words, its way back, search.

MkDocs renders ``404.html`` after the pages, as a template with no page of its own, so the
context the other hooks give each page is missing there. ``on_template_context`` gives it:

- ``kb_not_found``: the page's words, from ``docs/_data/strings/<lang>.yml`` (``not_found``);
- ``kb_way_back``: the pages to start again from (:data:`WAY_BACK`), taken from the language's
  nav so that each shows its own title in its own language, root-absolute (a 404 page is served
  at any address); a page missing from the nav stops the build rather than leaving a dead link
  on the page that is there to help;
- ``kb_search_base``: the address of the language's search index, root-absolute too, unlike
  the relative one of every other page (hook search_index.py).

Root-absolute addresses start with ``site_url``'s path when the site is served below one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state, layout, search_index

# Where a lost reader most likely wanted to go: pages, by their Vietnamese source file.
WAY_BACK = (
    "index.md", "tre-em-va-cha-me.md", "ke-hoach.md", "nhiem-vu/index.md", "co-quan/index.md",
    "ai-lam-gi.md", "tap-huan/index.md", "thuat-ngu.md",
)  # fmt: skip


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Give the 404 page its words, its links back and its search."""
    if template_name != "404.html":
        return context
    language = config.theme["language"]
    pages = {layout.neutral_path(page.file.src_uri): page for page in context["nav"].pages}
    missing = [source for source in WAY_BACK if source not in pages]
    if missing:
        raise PluginError(
            f"overrides/hooks/not_found_page.py: the 404 page links back to {', '.join(missing)}, "
            "which the nav of mkdocs.yml does not list: add the page to the nav or change WAY_BACK."
        )
    context["kb_not_found"] = build_state.loaded().strings[language]["not_found"]
    root = urlsplit(config.site_url or "").path.rstrip("/")
    context["kb_way_back"] = [
        {"title": pages[source].title, "href": f"{root}/{pages[source].url}"} for source in WAY_BACK
    ]
    prefix = "" if language == layout.DEFAULT_LANGUAGE else f"{language}/"
    context["kb_search_base"] = f"{root}/{prefix}{search_index.FOLDER}/"
    return context
