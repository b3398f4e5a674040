"""Abbreviations in search: a section that spells out "Ủy ban nhân dân" is found by "UBND", and
one that writes "UBND" is found by "ủy ban nhân dân", from the site's own list of abbreviations.

The list is ``docs/_snippets/abbreviations.md`` (``*[UBND]: Ủy ban nhân dân – People's
Committee``: the Vietnamese in full, then the English), the same that shows tooltips on every
page, so adding an abbreviation there improves search too. At index time
(:mod:`thuynguyen_kb.search_index`) each field of a section gets, besides its own words, the
abbreviation of every expansion it spells out and the words of the expansion of every
abbreviation it uses, in the page's language (the English index uses the English expansion).
Nothing changes in the browser: the extra words are in the index like the others.

Only abbreviations of letters that cannot be words are used, without digits or hyphens: three
letters or more, or two consonants ("TP", "KT": every Vietnamese syllable has a vowel). Two
letters with a vowel ("UN") may be a syllable or a word, and would find everything.

The glossary's terms are synonyms too: each entry of the glossary of a language
(:mod:`thuynguyen_kb.glossary`) names a term in that language and in the other ("người chưa
thành niên" – "minor; juvenile"), sometimes with another name in brackets ("Công ước về quyền
trẻ em (Công ước của Liên Hợp Quốc …)", "… (CRC)"). A section that uses one of an entry's names
is also found by all the others, in both languages: a Vietnamese reader who types "juvenile
justice" finds the pages on "tư pháp người chưa thành niên", and adding a glossary entry
improves search.

Everyday words for official terms come from ``docs/_data/search-terms.yml`` (``prosecutor`` for
``procuracy``), one way only, each with the reason it is there: a reviewed list, not a
thesaurus.

A Vietnamese everyday phrase of several syllables is also a word of its own, a compound
(:data:`Synonyms.compounds`): Vietnamese writes each syllable apart, so "giáo án" (a lesson
plan) is two syllables that are words of other words too ("giáo" of "giáo dục", "án" of "tòa
án"), and typed as two words it finds every page with a court on it. A field that writes the
official term, or the phrase's syllables side by side, is also filed under the compound (its
syllables joined by a space, a key no single word has), and search.js reads the syllables
typed side by side as that one word, so only those fields match it. English words are written
whole and keep to words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from thuynguyen_kb import glossary, layout, search_keys, search_questions
from thuynguyen_kb.schemas import Strict, Text
from thuynguyen_kb.vietnamese import canonical, words

FILE = "_snippets/abbreviations.md"  # relative to the docs folder
COMPOUND_LANGUAGE = "vi"  # whose words are syllables: see the module's docstring
_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")
_USABLE = re.compile(r"^[^\W\d_]{3,}$")  # letters only, three or more
# ... or two letters, neither of them a vowel: no syllable of Vietnamese (every one has a vowel)
# nor word of English is written so ("TP", "KT", "QH"), so they find only what they stand for.
_TWO_CONSONANTS = re.compile(r"^[^\W\d_aăâeêioôơuưyAĂÂEÊIOÔƠUƯY]{2}$")


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
        if not match or not _usable(match.group(1)):
            continue
        parts = match.group(2).split(" – ", 1)
        long = {}
        for language, part in zip(layout.LANGUAGES, parts, strict=False):
            long[language] = tuple(p.strip() for p in part.split(";") if p.strip())
        found.append(Abbreviation(match.group(1), long))
    return found


def _usable(short: str) -> bool:
    return bool(_USABLE.match(short) or _TWO_CONSONANTS.match(short))


# "X (còn gọi là Y)", "X (also called Y)", "X (Y)": Y is another name of X.
_OTHER_NAME = re.compile(r"\(\s*(?:còn gọi là|hay|also called|or)?\s*([^()]+?)\s*\)")


def names(term: glossary.Term) -> tuple[str, ...]:
    """Every name of a glossary entry: its term, the other language's, and those in brackets
    (split on "; ")."""
    found: list[str] = []
    for written in (term.text, *term.equivalents):
        plain = written.replace("*", "")
        for part in [_OTHER_NAME.sub("", plain), *_OTHER_NAME.findall(plain)]:
            found += [name.strip() for name in part.split(";") if name.strip()]
    return tuple(dict.fromkeys(found))


def read_glossary(docs: Path, language: str) -> list[tuple[str, ...]]:
    """The names of every entry of the glossary of ``language``; none without a glossary."""
    return [names(term) for term in glossary.read(docs, language)]


def read(docs: Path) -> list[Abbreviation]:
    """The usable abbreviations of ``docs``; none if the file is not there (a small test site)."""
    path = docs / FILE
    return parse(path.read_text(encoding="utf-8")) if path.is_file() else []


class SearchTerm(Strict):
    """An everyday phrase for an official term (``docs/_data/search-terms.yml``), and why."""

    official: Text
    everyday: Annotated[list[Text], Field(min_length=1)]
    reason: Text


SearchTerms = dict[Literal[layout.LANGUAGES], list[SearchTerm]]  # type: ignore[valid-type]


@dataclass
class Synonyms:
    """The abbreviations of one language, ready to expand a field's words."""

    language: str
    # first key of a phrase → [(its keys, the forms it is also found by)]
    phrases: dict[str, list[tuple[tuple[str, ...], list[str]]]] = field(default_factory=dict)
    # an abbreviation's key → the forms of its expansions' words
    expansions: dict[str, list[str]] = field(default_factory=dict)
    # the keys of each Vietnamese everyday phrase of several syllables, read as one word
    compounds: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        abbreviations: list[Abbreviation],
        language: str,
        terms: list[SearchTerm] | None = None,
        glossary_names: list[tuple[str, ...]] | None = None,
    ) -> Synonyms:
        """The synonyms of ``language``: its abbreviations both ways, the everyday phrases of
        its official ``terms`` (one way: the page's term is found by them), and each glossary
        entry's names (every name found by all the others)."""
        built = cls(language)
        for abbreviation in abbreviations:
            short = canonical(abbreviation.short)
            for phrase in abbreviation.long.get(language, ()):
                forms = _forms(phrase)
                if len(forms) < 2:
                    continue
                built._add(forms, [short])
                built.expansions.setdefault(search_keys.key(short, language), []).extend(forms)
        for term in terms or []:
            for everyday in term.everyday:
                forms = _forms(everyday)
                if language == COMPOUND_LANGUAGE and len(forms) > 1:
                    keys = tuple(search_keys.key(form, language) for form in forms)
                    if keys not in built.compounds:
                        built.compounds.append(keys)
                    forms = [*forms, " ".join(forms)]
                built._add(_forms(term.official), forms)
        for entry in glossary_names or []:
            for name in entry:
                others = [form for other in entry if other != name for form in _forms(other)]
                if others:
                    built._add(_forms(name), others)
        return built

    def _add(self, phrase: list[str], found_by: list[str]) -> None:
        keys = tuple(search_keys.key(form, self.language) for form in phrase)
        if keys:
            self.phrases.setdefault(keys[0], []).append((keys, found_by))

    def extra_words(self, forms: list[str]) -> list[str]:
        """What a field whose words are ``forms`` (canonical) is found by besides them."""
        keys = [search_keys.key(form, self.language) for form in forms]
        extra: list[str] = []
        for start, word_key in enumerate(keys):
            for phrase, found_by in self.phrases.get(word_key, ()):
                if tuple(keys[start : start + len(phrase)]) == phrase:
                    extra += found_by
            extra += self.expansions.get(word_key, [])
            for compound in self.compounds:
                if tuple(keys[start : start + len(compound)]) == compound:
                    extra.append(" ".join(forms[start : start + len(compound)]))
        return extra


def _forms(phrase: str) -> list[str]:
    return [canonical(word) for word in words(phrase)]


def other_names(records: Iterable[Any], language: str) -> dict[str, tuple[str, ...]]:
    """Each record's page (its Vietnamese file) → its title in the other languages, for the
    index of ``language``: a reader of the English pages who knows a body by its Vietnamese
    name ("Ủy ban nhân dân thành phố") finds its page, and the reverse."""
    found: dict[str, tuple[str, ...]] = {}
    for record in records:
        own = record.title(language)
        others = [
            _without_stopwords(record.title(other), other)
            for other in layout.LANGUAGES
            if other != language and record.translated(other) and record.title(other) != own
        ]
        if others:
            found[record.page] = tuple(others)
    return found


def _without_stopwords(text: str, language: str) -> str:
    """``text`` without the stopwords of its language: the English "the" would otherwise be
    filed as the Vietnamese "thể", "thế" (they share a key) on every Vietnamese page."""
    stop = {canonical(word) for word in search_questions.STOPWORDS.get(language, ())}
    return " ".join(word for word in words(text) if canonical(word) not in stop)
