"""Render a page's Markdown to HTML as the site does, with Python-Markdown alone.

The check script (``scripts/check_structure.py``) must judge what a page will publish, without
building the site: it renders each page with the extensions and options of ``mkdocs.yml``
(``markdown_extensions``), the site's own extensions (:mod:`thuynguyen_kb.markdown_extensions`)
and its heading slugs (:func:`thuynguyen_kb.vietnamese.slugify`), after filling the page's
``<!-- kb:… -->`` markers. The build renders the same pages itself; the same content rules then
run on its HTML (hook ``overrides/hooks/content_policy.py``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import markdown

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.markdown_extensions import ElementPermalinksExtension, TasklistLabelsExtension
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.render.markers import MarkerError, fill
from thuynguyen_kb.site_config import SiteConfig
from thuynguyen_kb.vietnamese import slugify


def extensions(config: SiteConfig, docs: Path) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The extensions of ``config`` (names and options), with the site's own added."""
    names: list[Any] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config.data.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, value in entry.items():
                names.append(name)
                options[name] = dict(value or {})
        else:
            names.append(str(entry))
    options.setdefault("toc", {})["slugify"] = slugify
    snippets = options.get("pymdownx.snippets")
    if snippets is not None:
        # mkdocs.yml gives paths relative to the folder of the config, as MkDocs runs there.
        base = config.path.parent
        snippets["base_path"] = [str(base / p) for p in snippets.get("base_path") or [docs]]
    names += [ElementPermalinksExtension("¶"), TasklistLabelsExtension()]
    return names, options


class PageRenderer:
    """One Python-Markdown instance, reset between pages (building it costs more than a page)."""

    def __init__(self, config: SiteConfig, docs: Path) -> None:
        names, options = extensions(config, docs)
        self._markdown = markdown.Markdown(extensions=names, extension_configs=options)

    def render(self, source: Source, kb: KnowledgeBase | None) -> str:
        """The HTML of ``source``'s body, its markers filled in the language it is written in.

        Without ``kb`` (records that break a rule, which the renderers cannot be trusted with)
        the markers stay as they are: HTML comments, which show nothing.
        """
        body = "\n".join(source.lines[source.body_start :])
        neutral = layout.neutral_path(source.rel)
        if kb is not None:
            # A marker that cannot be filled is reported by the marker rules; the rest of the
            # page is still judged.
            with contextlib.suppress(MarkerError):
                body = fill(body, neutral, layout.language_of(source.rel), kb)
        self._markdown.reset()
        # Download links as the build makes them (relative to the page's address on the web).
        address = neutral.removesuffix(".md").removesuffix("index").rstrip("/")
        return downloads.resolve_links(self._markdown.convert(body), address and address + "/")
