"""MkDocs adapter of the site's own search index (``thuynguyen_kb.search_index``, which says why
the site does not use Material's search or Pagefind).

Events: ``on_pre_build`` resets the collected sections (mkdocs-static-i18n runs one build per
language; nothing is carried over); ``on_page_content`` cuts each page of the language being
built into sections, its title as plain text (titles reach the hooks as HTML; pages shown
untranslated, in another language, are left out: they would answer queries in the wrong
language); ``on_page_context`` keeps the nav's first level (offered when a search finds
nothing, ``thuynguyen_kb.search_help``) and gives each page the relative address
of its language's index (``kb_search_base``, read by ``partials/search.html``; relative, so it
works from disk); ``on_post_build`` writes the index beside the language's pages, with the
site's abbreviations, everyday words and glossary terms as synonyms
(``thuynguyen_kb.search_synonyms``). A preview's page save (``thuynguyen_kb.preview``) keeps
the index of the last full rebuild: its weights span every page.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Any

from thuynguyen_kb import (
    build_state,
    layout,
    nav_entries,
    preview,
    search_help,
    search_index,
    search_synonyms,
)

_sections: list[search_index.Section] = []
_nav: list[tuple[str, str]] = []  # the nav's first level, offered when a search finds nothing


def _prefix(config: Any) -> str:
    """The folder of the language being built: "" for the default language, "en/" for English."""
    language = config.theme["language"]
    return "" if language == layout.DEFAULT_LANGUAGE else f"{language}/"


def on_pre_build(config: Any) -> None:
    """Start each language's build with no sections."""
    _sections.clear()


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Collect the page's sections (addresses relative to the language's root)."""
    if getattr(page.file, "locale", config.theme["language"]) == config.theme["language"]:
        url = page.url.removeprefix(_prefix(config))
        title = html.unescape(str(page.title or ""))
        description = str(page.meta.get("description") or "")
        source = page.file.src_uri
        found_by = tuple(str(phrase) for phrase in page.meta.get("found_by") or ())
        kind = str(page.meta.get("type") or "")
        _sections.extend(
            search_index.sections_of(content, url, title, description, source, found_by, kind)
        )
    return content


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Tell the page where its language's index is, relative to the page; keep the first level
    of the language's nav (its titles are known once every page has been read)."""
    _nav[:] = nav_entries.top_level(nav)
    here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    target = f"{_prefix(config)}{search_index.FOLDER}"
    context["kb_search_base"] = posixpath.relpath(target, here.rstrip("/") or ".") + "/"
    return context


def on_post_build(config: Any) -> None:
    """Write the language's index (``search-kb/`` or ``en/search-kb/``)."""
    if preview.skips("search index"):
        return
    folder = Path(config.site_dir) / _prefix(config) / search_index.FOLDER
    language = config.theme["language"]
    docs = Path(config.docs_dir)
    abbreviations = search_synonyms.read(docs)
    terms = build_state.loaded().search_terms.get(language, [])
    names = search_synonyms.read_glossary(docs, language)
    synonyms = search_synonyms.Synonyms.of(abbreviations, language, terms, names)
    texts = build_state.loaded().strings[language]["search"]
    _, address = search_index.glossary_page(_sections)
    glossary = search_help.glossary_terms(docs, language, address) if address else []
    help_data = search_help.help_data(texts, glossary, _nav, _prefix(config))
    aliases = search_synonyms.other_names(build_state.loaded().records.values(), language)
    search_index.write_index(folder, language, _sections, synonyms, help_data, aliases)
