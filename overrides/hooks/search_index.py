"""Build this site's own search index: one per language, folded for Vietnamese, in small chunks.

Why not Material's search: measured on this site, it does not ignore Vietnamese tone marks
("tre em" finds nothing), mixes both languages in one index, and every page downloads that whole
index on load. Pagefind folds diacritics and loads chunks on demand, but it fetches its files
with fetch(), which browsers refuse on file://, so the trainers' offline copy would have no
search. This index is written as JavaScript files (loaded with <script>, which works from disk
and from a server alike) and read by docs/assets/javascripts/search.js, only once a reader
starts a search. The README records the measurements and this choice.

Per language, under ``<language root>/search-kb/``:

- ``meta.js`` – section count, chunk size, the token chunks that exist, the tone-placement
  table (scripts/vietnamese.py) so the browser folds exactly as the index was folded;
- ``t-<cc>.js`` – postings of the folded words starting with ``cc``: ``{folded: {exact form:
  [[section, weight], …]}}``; ``exact form`` lets an accented query rank exact matches first;
- ``d-<n>.js`` – the sections themselves (address, heading, page title, text) for excerpts,
  ``CHUNK`` sections per file, fetched only for the results shown.

Events: ``on_page_context`` gives each page the relative address of its language's index;
``on_pre_build`` resets the collected sections (one build per language with
mkdocs-static-i18n, nothing is carried over); ``on_page_content`` cuts each page of the language
being built into sections at its headings (pages shown untranslated, in another language, are
left out: they would answer queries in the wrong language); ``on_post_build`` writes the files.
"""

from __future__ import annotations

import json
import posixpath
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from vietnamese import canonical, fold, tone_placement_table, words

CHUNK = 12  # sections per d-<n>.js file: a search reads the files of its best sections only
FOLDER = "search-kb"
# How much a word counts where it appears: the page title, the section heading, the text.
WEIGHTS = {"page": 8, "heading": 4}
MAX_TEXT_COUNT = 4  # a word repeated in a section stops adding weight after this
SKIPPED = "headerlink"  # permalink marks are not text

_sections: list[dict[str, str]] = []


def on_pre_build(config: Any) -> None:
    """Start each language's build with no sections."""
    _sections.clear()


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Collect the page's sections: text under each heading that has an id."""
    language = config.theme["language"]
    if getattr(page.file, "locale", language) != language or not content.strip():
        return content
    root = html.fragment_fromstring(content, create_parent="div")
    for link in root.xpath(f".//a[contains(@class, '{SKIPPED}')]"):
        link.drop_tree()
    url = page.url.removeprefix(_prefix(config))  # addresses relative to the language's root
    current = {"u": url, "h": page.title or "", "p": page.title or "", "t": []}
    sections = [current]
    for element in root:
        if not isinstance(element.tag, str):  # comments
            continue
        tag = element.tag
        if tag in {"h1", "h2", "h3"} and element.get("id"):
            heading = " ".join(element.text_content().split())
            if tag == "h1" and len(sections) == 1 and not current["t"]:
                current["u"], current["h"] = f"{url}#{element.get('id')}", heading
                continue
            current = {"u": f"{url}#{element.get('id')}", "h": heading, "p": page.title, "t": []}
            sections.append(current)
        else:
            text = " ".join(element.text_content().split())
            if text:
                current["t"].append(text)
    for section in sections:
        section["t"] = " ".join(section["t"])
        if section["t"] or section["h"]:
            _sections.append(section)
    return content


def _prefix(config: Any) -> str:
    """The folder of the language being built: "" for the default language, "en/" for English."""
    language = config.theme["language"]
    default = next(lang.locale for lang in config.plugins["i18n"].config.languages if lang.default)
    return "" if language == default else f"{language}/"


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Tell the page where its language's index is, relative to the page (works from disk)."""
    here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    target = f"{_prefix(config)}{FOLDER}"
    context["kb_search_base"] = posixpath.relpath(target, here.rstrip("/") or ".") + "/"
    return context


def chunk_key(folded: str) -> str:
    """The token chunk of a folded word: its first two letters (search.js does the same)."""
    key = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in folded[:2])
    return key or "_"


def postings(sections: list[dict[str, str]]) -> dict[str, dict[str, dict[str, list[list[int]]]]]:
    """``{chunk: {folded word: {exact form: [[section, weight], …]}}}``."""
    chunks: dict[str, dict[str, dict[str, list[list[int]]]]] = defaultdict(dict)
    for number, section in enumerate(sections):
        weights: Counter[str] = Counter()
        for word in words(section["t"]):
            weights[canonical(word)] += 1
        for form in weights:
            weights[form] = min(weights[form], MAX_TEXT_COUNT)
        for field, bonus in (("p", WEIGHTS["page"]), ("h", WEIGHTS["heading"])):
            for word in set(words(section[field])):
                weights[canonical(word)] += bonus
        for form, weight in sorted(weights.items()):
            folded = fold(form)
            chunks[chunk_key(folded)].setdefault(folded, {}).setdefault(form, []).append(
                [number, weight]
            )
    return chunks


def _script(name: str, payload: object) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.kbSearchData&&window.kbSearchData({json.dumps(name)},{data});\n"


def on_post_build(config: Any) -> None:
    """Write the language's index beside its pages (``search-kb/`` or ``en/search-kb/``)."""
    language = config.theme["language"]
    folder = Path(config.site_dir) / _prefix(config) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.js"):
        old.unlink()
    chunks = postings(_sections)
    meta = {
        "lang": language,
        "count": len(_sections),
        "chunk": CHUNK,
        "tokens": sorted(chunks),
        "tones": tone_placement_table(),
    }
    (folder / "meta.js").write_text(_script("meta", meta), encoding="utf-8")
    for key, table in chunks.items():
        (folder / f"t-{key}.js").write_text(_script(f"t-{key}", table), encoding="utf-8")
    for start in range(0, len(_sections), CHUNK):
        part = _sections[start : start + CHUNK]
        rows = [[s["u"], s["h"], s["p"], s["t"]] for s in part]
        name = f"d-{start // CHUNK}"
        (folder / f"{name}.js").write_text(_script(name, rows), encoding="utf-8")
