"""The key under which search files a word: one key for every way people type it.

The index (:mod:`thuynguyen_kb.search_index`) files each word of a page under its key, and the
browser (docs/assets/javascripts/search.js) looks each typed word up by its key, made the same
way: the rules below travel to the browser in the index's ``meta.js``, so both sides always
agree. A key is the word folded (:func:`thuynguyen_kb.vietnamese.fold`: lower case, no tone
marks, "đ" as "d"), after NFKC, which turns full-width letters and digits ("２０２５", typed
with some Asian keyboards) into plain ones; then each rule of the page's language in turn:

- Vietnamese: ``dd`` is Telex for "đ" (``ddao tao`` → ``dao tao``); a syllable of consonants
  and a final ``y`` is spelt with ``i`` too (``lý``/``lí``, ``kỹ``/``kĩ``, ``quy``/``qui``), so
  both spellings share the ``i`` key. A ``y`` after a vowel (``tay``, ``may``) is another word
  and is kept.
- English: British and American spellings share one key: ``-ise``/``-isation`` as ``-ize``,
  ``-our`` as ``-or`` (``labour``, ``behaviour``), ``-tre`` as ``-ter``, ``programme``,
  ``defence``/``offence``/``licence``. Heading ids are not keys (they keep
  :func:`thuynguyen_kb.vietnamese.slugify`).

Each rule is a regular expression and its replacement, written so that Python's ``re`` and
JavaScript's ``RegExp`` read them alike (groups as ``\\1`` here, sent as ``$1``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from thuynguyen_kb.vietnamese import canonical, fold

RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "vi": (
        (r"dd", "d"),
        (r"^(qu|[bcdghklmnpqrstvx]+)y$", r"\1i"),
    ),
    "en": (
        (r"^(.{3,})is(e|ed|es|ing|ation|ations)$", r"\1iz\2"),
        (r"^(.{3,})our(s|ed|ing)?$", r"\1or\2"),
        (r"^(cen|me|thea|fib)tre(s)?$", r"\1ter\2"),
        (r"^programme(s)?$", r"program\1"),
        (r"^(def|off|lic)ence(s)?$", r"\1ense\2"),
    ),
}
_COMPILED = {
    language: tuple((re.compile(pattern), replacement) for pattern, replacement in rules)
    for language, rules in RULES.items()
}


@functools.lru_cache(maxsize=1 << 16)  # the index keys the same words thousands of times
def key(word: str, language: str) -> str:
    """The search key of ``word`` in a page of ``language`` (``Đào`` → ``dao``); of a compound
    (syllables joined by spaces, :mod:`thuynguyen_kb.search_synonyms`), its syllables' keys."""
    if " " in word:
        return " ".join(key(part, language) for part in word.split(" "))
    found = fold(canonical(unicodedata.normalize("NFKC", word)))
    for pattern, replacement in _COMPILED.get(language, ()):
        found = pattern.sub(replacement, found)
    return found


def browser_rules(language: str) -> list[list[str]]:
    """The rules of ``language`` as search.js applies them: ``[pattern, replacement]`` pairs,
    each replacement's groups written ``$1``."""
    return [
        [pattern, re.sub(r"\\(\d)", r"$\1", replacement)]
        for pattern, replacement in RULES.get(language, ())
    ]
