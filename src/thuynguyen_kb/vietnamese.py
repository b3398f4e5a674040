"""Vietnamese text as people type it: with or without tone marks, "đ" or "d", "hoà" or "hòa".

Used for heading ids (:func:`slugify`) and for the search index
(:mod:`thuynguyen_kb.search_index`). The browser's side of search
(docs/assets/javascripts/search.js) folds queries the same way: its folding is three standard
steps (lower case, NFD decomposition without combining marks, "đ" → "d") and its tone-placement
table is written into the index by :func:`tone_placement_table`, so both sides always agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# "đ" has no Unicode decomposition, so it is the one letter NFD alone does not fold.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"\w+")

# Two spellings of the same syllable differ only in where the tone mark sits: "hoà" (new style)
# and "hòa" (old style, the one this site uses), "thuý"/"thúy". An exact match must treat them as
# equal, so both are brought to the old style. Vowel pairs oa, oe, uy with each tone mark.
_TONES = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0309": "hook",
    "\u0303": "tilde",
    "\u0323": "dot",
}
_PAIRS = ("oa", "oe", "uy")


def _with_tone(letter: str, mark: str) -> str:
    return unicodedata.normalize("NFC", letter + mark)


def tone_placement_table() -> dict[str, str]:
    """New-style spelling → old-style spelling, for every pair and tone (``oà`` → ``òa``)."""
    table = {}
    for first, second in _PAIRS:
        for mark in _TONES:
            table[first + _with_tone(second, mark)] = _with_tone(first, mark) + second
    return table


_TONE_PLACEMENT = tone_placement_table()
_TONE_PLACEMENT_RE = re.compile("|".join(map(re.escape, _TONE_PLACEMENT)))


@functools.lru_cache(maxsize=1 << 16)  # the index folds the same words thousands of times
def fold(text: str) -> str:
    """``text`` without tone marks or diacritics, with "đ" as "d" (``Tòa án`` → ``Toa an``)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def canonical(word: str) -> str:
    """A word in lower case, NFC, with the old-style tone placement (``Hoà`` → ``hòa``)."""
    lowered = unicodedata.normalize("NFC", word.lower())
    return _TONE_PLACEMENT_RE.sub(lambda m: _TONE_PLACEMENT[m.group(0)], lowered)


def words(text: str) -> list[str]:
    """The words of a text (letters and digits, Vietnamese letters included)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str = "-") -> str:
    """A heading text as an ASCII kebab-case id (``Mục đích`` → ``muc-dich``).

    Written by hand because no installed library folds Vietnamese to ASCII: ``pymdownx.slugs``
    keeps "đ", Python-Markdown drops it, and python-slugify pulls in a transliteration table for
    a job that NFD decomposition plus one letter does.
    """
    return _NOT_SLUG.sub(separator, fold(value).lower()).strip(separator)
