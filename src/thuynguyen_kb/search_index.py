"""The site's own search index: one per language, folded for Vietnamese, in small chunks.

Why not Material's search: measured on this site, it does not ignore Vietnamese tone marks
("tre em" finds nothing), mixes both languages in one index, and every page downloads that whole
index on load. Pagefind folds diacritics and loads chunks on demand, but it fetches its files
with fetch(), which browsers refuse on file://, so the trainers' offline copy would have no
search. This index is written as JavaScript files (loaded with <script>, which works from disk
and from a server alike) and read by docs/assets/javascripts/search.js, only once a reader
starts a search. The README records the measurements and this choice.

Per language, under ``<language root>/search-kb/``:

- ``meta.js`` – section count, chunk size, each page's first section, the glossary's page, the
  weights of pages by type and length (:data:`TYPE_WEIGHTS`, :data:`LENGTH`), the token chunks
  that exist, the tone-placement table (:mod:`thuynguyen_kb.vietnamese`), the language's
  spelling rules (:mod:`thuynguyen_kb.search_keys`), so the browser keys words exactly as the
  index did, its question words (:mod:`thuynguyen_kb.search_questions`), the compounds whose
  syllables it reads as one word (:mod:`thuynguyen_kb.search_synonyms`) and what to offer when
  nothing is found (:mod:`thuynguyen_kb.search_help`);
- ``t-<cc>.js`` – postings of the search keys starting with ``cc``: ``{key: {exact form:
  [[section, weight, page weight], …]}}`` (:func:`postings`); the exact forms are what the
  last word typed is completed to; a key cut by the tiers also gives, as the form
  :data:`TAIL`, the number of pages it is on;
- ``u-<cc>.js`` – the rest of the postings of the keys of ``t-<cc>.js`` that appear in more
  sections than :func:`tier_size` (tiered postings, see there), read only when a search needs
  them;
- ``d-<n>.js`` – the sections themselves (address, heading, page title, text) for excerpts,
  ``CHUNK`` sections per file, fetched only for the results shown.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from lxml import html

from thuynguyen_kb import layout, search_keys, search_questions, search_synonyms
from thuynguyen_kb.files import write_folder_atomically
from thuynguyen_kb.vietnamese import canonical, tone_placement_table, words

CHUNK = 6  # sections per d-<n>.js file: a search reads the files of the results it shows only
FOLDER = "search-kb"
# Ranking (BM25F, after Robertson and Zaragoza, "The Probabilistic Relevance Framework", 2009):
# within a section, a word's weight grows with its count in the text, less and less (K1), and
# less in long sections than in short ones (B); a word of the section's heading counts as
# HEADING occurrences. The page title and the page's one-sentence description are fields of the
# page, counted once per page, not once per section (a long page's many sections would
# otherwise crowd out the short page that is the answer); the title is normalised by its length
# (TITLE_B), so a short title holding the words comes before a longer one, and weighs TITLE
# times a section's text, its first word (the headword, which names what the page is about:
# "Kinh phí thực hiện", not "Ưu tiên kinh phí", for "kinh phí") HEADWORD times the others; the
# description weighs DESCRIPTION times a section's text. Weights are sent as integers
# (0–100 for a section, 0–450 for the page's fields); search.js adds term rarity (idf, over
# pages) and chooses each page's best section. The values were chosen on
# tests/search_relevance.yml (README, "Search").
K1 = 1.2
B = 0.3
HEADING = 3.0
TITLE = 4.0
TITLE_B = 0.8
DESCRIPTION = 0.5
HEADWORD = 1.5
ALIAS = 2.0
FOUND_BY = 2.0
# A page's type (front matter ``type``) may weigh its score: a participant handout repeats its
# module's content for printing, and the module links to it, so a reader who searches wants
# the module first; a handout still comes first for the words only it holds. Chosen on both
# relevance sets (README, "Search"); sent in meta.js as "weights".
TYPE_WEIGHTS = {"handout": 0.7}
# A page's length weighs its score too, as BM25's B does a section's, but over the whole page:
# a page longer than the site's median page (in characters of headings and text) weighs
# 1 / (1 + LENGTH × ln(its length / the median)). A long page (a training module is seven times
# the median) holds most words somewhere and has a section for many questions; the short page
# that answers one question should still come first. Chosen on the relevance sets (README,
# "Search"); sent in meta.js as "weights", with the type's weight.
LENGTH = 0.1
# Tiered postings: a key keeps in its chunk at most TIER times the square root of the number of
# sections, its weightiest; the rest go to u-<cc>.js (see tier_size).
TIER = 8
TAIL = "~"  # the "form" under which a key with a tail gives its number of pages (never a word)
# Not text: permalink marks, and the glossary's letter index (its terms are in the sections
# that define them; listed again, every term would find the index first).
SKIPPED = ("headerlink", "glossary-index")


class Section(TypedDict):
    """One searchable section: address, heading, page title, text; a page's first section also
    holds the page's description (``d``: indexed, not sent for excerpts) and its file (``f``)."""

    u: str
    h: str
    p: str
    t: str
    d: NotRequired[str]
    k: NotRequired[list[str]]  # what readers type to find the page (``found_by``): indexed only
    y: NotRequired[str]  # the page's type (front matter ``type``): its weight, TYPE_WEIGHTS
    f: NotRequired[str]  # the page's file, in the default language (layout.neutral_path)


def sections_of(
    content: str,
    url: str,
    title: str,
    description: str = "",
    source: str = "",
    found_by: tuple[str, ...] = (),
    kind: str = "",
) -> list[Section]:
    """A page's HTML content cut into sections at its headings that carry an id; the first
    holds the page's one-sentence ``description``, its ``source`` file and its ``kind`` (front
    matter ``type``) too."""
    if not content.strip():
        return []
    root = html.fragment_fromstring(content, create_parent="div")
    for name in SKIPPED:
        for element in root.xpath(f".//*[contains(concat(' ', @class, ' '), ' {name} ')]"):
            element.drop_tree()
    current: dict[str, object] = {"u": url, "h": title, "p": title, "t": []}
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
            current = {"u": f"{url}#{element.get('id')}", "h": heading, "p": title, "t": []}
            sections.append(current)
        else:
            text = " ".join(element.text_content().split())
            if text:
                current["t"].append(text)  # type: ignore[attr-defined]
    found: list[Section] = []
    for section in sections:
        text = " ".join(section["t"])  # type: ignore[arg-type]
        if text or section["h"]:
            found.append(Section(u=str(section["u"]), h=str(section["h"]), p=title, t=text))
    if found and description:
        found[0]["d"] = description
    if found and found_by:
        found[0]["k"] = list(found_by)
    if found and source:
        found[0]["f"] = layout.neutral_path(source)
    if found and kind:
        found[0]["y"] = kind
    return found


@functools.lru_cache(maxsize=1 << 16)
def chunk_key(folded: str) -> str:
    """The token chunk of a folded word: its first two letters (search.js does the same)."""
    key = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in folded[:2])
    return key or "_"


def page_starts(sections: list[Section]) -> list[int]:
    """The number of each page's first section (a page's sections are listed together)."""
    starts = []
    for number, section in enumerate(sections):
        page = section["u"].split("#")[0]
        if not starts or sections[starts[-1]]["u"].split("#")[0] != page:
            starts.append(number)
    return starts


def glossary_page(sections: list[Section]) -> tuple[int, str]:
    """The glossary's number among the pages (search.js ranks it first for "what is …") and
    its address; ``(-1, "")`` if it is not among them."""
    for number, start in enumerate(page_starts(sections)):
        if sections[start].get("f") == layout.GLOSSARY_PAGE:
            return number, sections[start]["u"].split("#")[0]
    return -1, ""


def page_weights(sections: list[Section]) -> dict[str, float]:
    """``{page number: weight}`` of the pages whose type (TYPE_WEIGHTS) or length (LENGTH)
    weighs their score; a page of the median length or shorter, of no weighed type, is left
    out (its weight is 1)."""
    starts = page_starts(sections)
    ends = [*starts[1:], len(sections)]
    lengths = [
        sum(len(s["h"]) + len(s["t"]) for s in sections[start:end])
        for start, end in zip(starts, ends, strict=True)
    ]
    median = statistics.median(lengths) if lengths else 0
    weights = {}
    for number, (start, length) in enumerate(zip(starts, lengths, strict=True)):
        weight = TYPE_WEIGHTS.get(sections[start].get("y", ""), 1.0)
        if median and length > median:
            weight /= 1 + LENGTH * math.log(length / median)
        if weight != 1:
            weights[str(number)] = round(weight, 3)
    return weights


def saturated(count: float, scale: float = 100) -> int:
    """BM25's saturation of a (length-normalised) count, as an integer weight 0–``scale``."""
    return round(scale * count / (K1 + count)) if count > 0 else 0


def postings(
    sections: list[Section],
    language: str,
    synonyms: search_synonyms.Synonyms | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, dict[str, dict[str, list[list[int]]]]]:
    """``{chunk: {search key: {exact form: [[section, weight], …]}}}`` (keys:
    :mod:`thuynguyen_kb.search_keys`). ``weight`` is the word's BM25 weight in the section's
    heading and text; a page's first section also carries the word's weight in the page's
    title and description, third: ``[section, weight, page weight]``. With ``synonyms``, each
    field is also filed under the abbreviations it spells out, the expansions of those it uses
    and the glossary's other names of the terms it holds."""
    chunks: dict[str, dict[str, dict[str, list[list[int]]]]] = defaultdict(dict)

    def field_forms(text: str) -> list[str]:
        forms = [canonical(word) for word in words(text)]
        return forms + synonyms.extra_words(forms) if synonyms else forms

    starts = set(page_starts(sections))
    texts = [field_forms(section["t"]) for section in sections]
    average = sum(map(len, texts)) / len(texts) if texts else 1.0
    titles = {number: field_forms(sections[number]["p"]) for number in starts}
    average_title = sum(len(set(t)) for t in titles.values()) / len(titles) if titles else 1.0
    descriptions = {number: field_forms(sections[number].get("d", "")) for number in starts}
    average_description = sum(map(len, descriptions.values())) / len(starts) if starts else 1.0
    asked = {number: field_forms(" ".join(sections[number].get("k", []))) for number in starts}
    average_asked = sum(map(len, asked.values())) / len(starts) if starts else 1.0
    # The page's names in the other language, as written: their synonyms would count the
    # page's own title a second time.
    named = {
        number: {
            canonical(word)
            for name in (aliases or {}).get(sections[number].get("f", ""), ())
            for word in words(name)
        }
        for number in starts
    }
    for number, section in enumerate(sections):
        counts: Counter[str] = Counter(texts[number])
        norm = 1 - B + B * len(texts[number]) / (average or 1.0)
        heading = set(field_forms(section["h"])) if section["h"] != section["p"] else set()
        title = set(titles.get(number, ()))
        title_norm = 1 - TITLE_B + TITLE_B * len(title) / (average_title or 1.0)
        described = Counter(descriptions.get(number, ()))
        described_norm = 1 - B + B * sum(described.values()) / (average_description or 1.0)
        phrases = Counter(asked.get(number, ()))
        phrases_norm = 1 - B + B * sum(phrases.values()) / (average_asked or 1.0)
        alias = named.get(number, set())
        alias_norm = 1 - TITLE_B + TITLE_B * len(alias) / (average_title or 1.0)
        fields = set(counts) | heading | title | set(described) | alias | set(phrases)
        for form in sorted(fields):
            weight = saturated(counts[form] / norm + HEADING * (form in heading))
            posting = [number, weight]
            headword = titles.get(number, [])[:1] == [form]
            in_title = (HEADWORD if headword else 1) * (form in title)
            page_weight = saturated(in_title / title_norm, 100 * TITLE)
            page_weight += saturated(described[form] / described_norm, 100 * DESCRIPTION)
            page_weight += saturated((form in alias) / alias_norm, 100 * ALIAS)
            page_weight += saturated(phrases[form] / phrases_norm, 100 * FOUND_BY)
            if page_weight:
                posting.append(page_weight)
            folded = search_keys.key(form, language)
            chunks[chunk_key(folded)].setdefault(folded, {}).setdefault(form, []).append(posting)
    return chunks


def script(name: str, payload: object) -> str:
    """A chunk as a script that hands its data to search.js (works from disk, unlike fetch)."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.kbSearchData&&window.kbSearchData({json.dumps(name)},{data});\n"


def script_payload(text: str) -> Any:
    """The data of a chunk written by :func:`script` (its name dropped): what search.js gets."""
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


def tier_size(sections: int) -> int:
    """How many postings of one key a chunk keeps: TIER × √sections.

    Every query loads the chunks of its words; a common word's postings grow with the site, so
    on a site ten times larger its chunk would be ten times larger too. Kept to its weightiest
    √n postings (impact-ordered, as in large search engines' tiered indexes), what one query
    loads grows as the square root of the site's size. search.js reads the rest (``u-<cc>.js``)
    only when the weightiest postings of a query's words give fewer pages with every word than
    it shows.
    """
    return max(1, round(TIER * math.sqrt(sections)))


def tiered(
    chunks: dict[str, dict[str, dict[str, list[list[int]]]]], sections: list[Section]
) -> tuple[dict[str, dict[str, dict[str, list[list[int]]]]], dict[str, dict]]:
    """The chunks with each key cut to its :func:`tier_size` weightiest postings (by section
    and page weight), and the rest, by chunk. A cut key's table gives, under :data:`TAIL`, the
    number of pages it appears on (for its rarity)."""
    size = tier_size(len(sections))
    starts = page_starts(sections)
    heads: dict[str, dict[str, dict[str, list[list[int]]]]] = {}
    tails: dict[str, dict[str, dict[str, list[list[int]]]]] = {}
    for chunk, table in chunks.items():
        heads[chunk] = {}
        for key, forms in table.items():
            entries = [(form, posting) for form, found in forms.items() for posting in found]
            if len(entries) <= size:
                heads[chunk][key] = forms
                continue
            entries.sort(key=lambda entry: (-sum(entry[1][1:]), entry[1][0]))
            pages = {bisect.bisect_right(starts, posting[0]) for _, posting in entries}
            heads[chunk][key] = _grouped(entries[:size]) | {TAIL: [[len(pages)]]}
            tails.setdefault(chunk, {})[key] = _grouped(entries[size:])
    return heads, tails


def _grouped(entries: list[tuple[str, list[int]]]) -> dict[str, list[list[int]]]:
    grouped: dict[str, list[list[int]]] = {}
    for form, posting in sorted(entries, key=lambda entry: entry[1][0]):
        grouped.setdefault(form, []).append(posting)
    return grouped


def index_files(
    language: str,
    sections: list[Section],
    synonyms: search_synonyms.Synonyms | None = None,
    help_data: dict[str, object] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, str]:
    """Every file of one language's index, by name; ``help_data`` is what search offers when it
    finds nothing (:mod:`thuynguyen_kb.search_help`)."""
    chunks, tails = tiered(postings(sections, language, synonyms, aliases), sections)
    meta = {
        "lang": language,
        "count": len(sections),
        "chunk": CHUNK,
        "pages": page_starts(sections),
        "glossary": glossary_page(sections)[0],
        "weights": page_weights(sections),
        "tokens": sorted(chunks),
        "tones": tone_placement_table(),
        "rules": search_keys.browser_rules(language),
        **search_questions.browser_lists(language),
        "compounds": [list(keys) for keys in (synonyms.compounds if synonyms else [])],
        "help": help_data or {"texts": {}, "terms": [], "sections": []},
    }
    files = {"meta.js": script("meta", meta)}
    for key, table in chunks.items():
        files[f"t-{key}.js"] = script(f"t-{key}", table)
    for key, table in tails.items():
        files[f"u-{key}.js"] = script(f"u-{key}", table)
    for start in range(0, len(sections), CHUNK):
        part = sections[start : start + CHUNK]
        name = f"d-{start // CHUNK}"
        files[f"{name}.js"] = script(name, [[s["u"], s["h"], s["p"], s["t"]] for s in part])
    return files


def write_index(
    folder: Path,
    language: str,
    sections: list[Section],
    synonyms: search_synonyms.Synonyms | None = None,
    help_data: dict[str, object] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Write one language's index as ``folder``, replacing an earlier build's index whole."""
    write_folder_atomically(folder, index_files(language, sections, synonyms, help_data, aliases))
