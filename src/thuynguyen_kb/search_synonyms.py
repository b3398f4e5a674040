"""Abbreviations in search: a section that spells out "Ủy ban nhân dân" is found by "UBND", and
one that writes "UBND" is found by "ủy ban nhân dân", from the site's own list of abbreviations.

The list is ``docs/_snippets/abbreviations.md`` (``*[UBND]: Ủy ban nhân dân – People's
Committee``: the Vietnamese in full, then the English), the same that shows tooltips on every
page, so adding an abbreviation there improves search too. At index time
(:mod:`thuynguyen_kb.search_index`) each field of a section gets, besides its own words, the
abbreviation of every expansion it spells out and the words of the expansion of every
abbreviation it uses, in the page's language (the English index uses the English expansion).
Nothing changes in the browser: the extra words are in the index like the others.

Only abbreviations of three letters or more and without digits or hyphens are used: the short
ones (TP, KT, TM …) are also ordinary syllables and words, and would find everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from thuynguyen_kb import layout, search_keys
from thuynguyen_kb.vietnamese import canonical, words

FILE = "_snippets/abbreviations.md"  # relative to the docs folder
_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")
_USABLE = re.compile(r"^[^\W\d_]{3,}$")  # letters only, three or more


@dataclass(frozen=True)
class Abbreviation:
    """One abbreviation and what it stands for, per language (alternatives split on "; ")."""

    short: str
    long: dict[str, tuple[str, ...]]


def parse(text: str) -> list[Abbreviation]:
    """The usable abbreviations of an abbreviations file's text."""
    found = []
    for line in text.splitlines():
        match = _DEFINITION.match(line)
        if not match or not _USABLE.match(match.group(1)):
            continue
        parts = match.group(2).split(" – ", 1)
        long = {}
        for language, part in zip(layout.LANGUAGES, parts, strict=False):
            long[language] = tuple(p.strip() for p in part.split(";") if p.strip())
        found.append(Abbreviation(match.group(1), long))
    return found


def read(docs: Path) -> list[Abbreviation]:
    """The usable abbreviations of ``docs``; none if the file is not there (a small test site)."""
    path = docs / FILE
    return parse(path.read_text(encoding="utf-8")) if path.is_file() else []


@dataclass
class Synonyms:
    """The abbreviations of one language, ready to expand a field's words."""

    language: str
    # first key of an expansion → [(its keys, the abbreviation's form)]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # an abbreviation's key → the forms of its expansions' words
    expansions: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, abbreviations: list[Abbreviation], language: str) -> Synonyms:
        built = cls(language)
        for abbreviation in abbreviations:
            short = canonical(abbreviation.short)
            for phrase in abbreviation.long.get(language, ()):
                forms = [canonical(word) for word in words(phrase)]
                if len(forms) < 2:
                    continue
                keys = tuple(search_keys.key(form, language) for form in forms)
                built.phrases.setdefault(keys[0], []).append((keys, short))
                built.expansions.setdefault(search_keys.key(short, language), []).extend(forms)
        return built

    def extra_words(self, forms: list[str]) -> list[str]:
        """What a field whose words are ``forms`` (canonical) is found by besides them."""
        keys = [search_keys.key(form, self.language) for form in forms]
        extra: list[str] = []
        for start, word_key in enumerate(keys):
            for phrase, short in self.phrases.get(word_key, ()):
                if tuple(keys[start : start + len(phrase)]) == phrase:
                    extra.append(short)
            extra += self.expansions.get(word_key, [])
        return extra
