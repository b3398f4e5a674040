"""What search offers when a query finds nothing: a corrected query, glossary terms, the site's
sections; and what it says when it searched for the nearest word of a typo.

search.js shows, under "no results": "Did you mean …" (the nearest word of the index to each
word typed, found in the index files the search has already loaded), the glossary's terms that
start like a word typed, and the first level of the nav. Above results found with the nearest
word of a word the index lacks ("chilren" for "children"), the line with the count says which
words it searched for. This module writes the texts, terms and links into the index's
``meta.js`` (:func:`thuynguyen_kb.search_index.index_files`), in the index's language; addresses
are relative to the language's home, as the sections' are.
"""

from __future__ import annotations

from pathlib import Path

from thuynguyen_kb import glossary, strings

TEXTS = strings.GROUPS["search"]  # the strings search.js shows


def glossary_terms(docs: Path, language: str, address: str) -> list[list[str]]:
    """``[term, address]`` of every term of the glossary of ``language`` that has an id;
    ``address`` is the glossary page's (``thuat-ngu/``, ``thuat-ngu.html`` offline)."""
    return [[t.text, f"{address}#{t.id}"] for t in glossary.read(docs, language) if t.id]


def help_data(
    texts: dict[str, str], terms: list[list[str]], sections: list[tuple[str, str]], prefix: str
) -> dict[str, object]:
    """The ``help`` entry of ``meta.js``: the strings, the glossary's terms and the nav's first
    level (``(title, page address)``, addresses relative to the site; ``prefix`` is the
    language's folder, taken off)."""
    return {
        "texts": {key: texts[key] for key in TEXTS},
        "terms": terms,
        "sections": [[title, url.removeprefix(prefix)] for title, url in sections],
    }
