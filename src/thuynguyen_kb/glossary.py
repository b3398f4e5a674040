"""The glossary's terms: read from its page, listed by letter, and checked for their sources.

The glossary (:data:`thuynguyen_kb.layout.GLOSSARY_PAGE`, in each language) writes each term of
its main section (``{ #thuat-ngu-chinh }``) as an entry of a definition list::

    Trẻ em { #tre-em }
    *child*{ lang=en }
    :   Theo Luật Trẻ em 2016 (điều 1), trẻ em là người dưới 16 tuổi ([Thư viện Pháp luật](https://…)).

first the term with its id (the Vietnamese term in ASCII kebab-case, the same id in both
languages), then its equivalent in the other language, then the definition. A definition list
reads on a phone as it does on a desktop: the term, then its meaning at full width, where a
three-column table squeezed the meaning into a third of a phone's screen.

- :func:`terms` reads those entries from a page's lines (the same small line scanner as the rest
  of the package, :mod:`thuynguyen_kb.markdown_source`); :func:`read`, from the glossary's file;
- :func:`render_index` writes the letter index of ``<!-- kb:glossary-index -->`` from them, in
  the order of each language's alphabet (Vietnamese: a ă â b c d đ e ê …, tones after letters);
- :func:`unsourced_number` tells whether a definition states a number (a law's number, an
  article, an age, a date) without a source in its own entry, as the glossary promises its
  readers (rule ``GLOSSARY-SOURCE``, :mod:`thuynguyen_kb.rules.glossary`).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from thuynguyen_kb import layout
from thuynguyen_kb.markdown_source import (
    ATTR_AT_END,
    DEFINITION_START,
    HEADING,
    ids_in,
    markdown_lines,
)
from thuynguyen_kb.render.links import literal
from thuynguyen_kb.vietnamese import fold

TERMS_SECTION = "thuat-ngu-chinh"  # the id of the glossary's section of terms (## heading)
INDEX_CLASS = "glossary-index"  # the index's box, styled in site.css
DIGITS_LETTER = "0–9"  # the index's group of terms that start with a digit

# Python-Markdown's def_list: a definition (DEFINITION_START) goes on in lines indented by four
# spaces or a tab.
INDENTED = re.compile(r"(?: {4}|\t)")
# Links: inline [text](target "title") and reference [text][name] or [text][]; an image too.
LINK_TEXT = r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
INLINE_LINK = re.compile(LINK_TEXT + r"\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
REFERENCE_LINK = re.compile(LINK_TEXT + r"\[([^\[\]]*)\]")
REFERENCE_DEFINITION = re.compile(r"[ ]{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?")
INLINE_ATTRS = re.compile(r"\{:?[^{}\n]*\}")
NUMBER = re.compile(r"(?:\S+\s+)?\S*\d\S*")
SOURCE_SCHEMES = ("https://", "http://")

# Vietnamese alphabetical order: letters with breve, circumflex or horn (and đ) are letters of
# their own; the five tone marks only order words that are otherwise the same, in the order
# dictionaries use (level, grave, hook, tilde, acute, dot below).
VIETNAMESE_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(VIETNAMESE_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@dataclass(frozen=True)
class Term:
    """One entry of a definition list: its term, its id, its other names and its definition."""

    line: int  # the term's line number (1-based)
    text: str  # the term as written, without its attribute list
    id: str | None
    equivalents: tuple[str, ...]  # the following term lines (the other language's word)
    definition: tuple[tuple[int, str], ...]  # (line number, text) of every definition line


def entries(lines: list[str], start: int = 0) -> list[Term]:
    """Every definition-list entry of ``lines[start:]`` (fenced code and comments left out)."""
    scanned = list(markdown_lines(lines, start))
    found: list[Term] = []
    position = 0
    while position < len(scanned):
        number, line = scanned[position]
        if not DEFINITION_START.fullmatch(line) or position == 0:
            position += 1
            continue
        # The terms: the paragraph just above (a blank line between is allowed).
        above = position - 1
        if not scanned[above][1].strip() and above > 0:
            above -= 1
        term_lines: list[tuple[int, str]] = []
        while above >= 0 and _is_term_line(scanned[above][1]):
            term_lines.insert(0, scanned[above])
            above -= 1
        if not term_lines:
            position += 1
            continue
        definition: list[tuple[int, str]] = []
        while position < len(scanned):
            number, line = scanned[position]
            opening = DEFINITION_START.fullmatch(line)
            if opening:
                definition.append((number, opening.group(1)))
            elif INDENTED.match(line):
                definition.append((number, line.strip()))
            elif line.strip():
                break
            position += 1
        first_number, first = term_lines[0]
        text, element_id = _split_attributes(first)
        equivalents = tuple(
            INLINE_ATTRS.sub("", _split_attributes(line)[0]).strip() for _, line in term_lines[1:]
        )
        found.append(Term(first_number, text, element_id, equivalents, tuple(definition)))
    return found


def _is_term_line(line: str) -> bool:
    """A line that can be a term: text at the margin, no heading, no definition, no list."""
    return bool(
        line.strip()
        and not INDENTED.match(line)
        and not HEADING.fullmatch(line)
        and not DEFINITION_START.fullmatch(line)
        and not re.match(r"\s*(?:[-*+]|\d+\.)\s", line)
        and not line.lstrip().startswith(("<", "|", "!!!", "???"))
    )


def _split_attributes(line: str) -> tuple[str, str | None]:
    """A term line's text and the id of its ``{ #id }`` at the end, if any."""
    match = ATTR_AT_END.search(line)
    if not match or not line[: match.start()].endswith((" ", "\t")):
        return line.strip(), None  # "*child*{ lang=en }" belongs to the emphasis, not the term
    ids = ids_in(match.group(1))
    return line[: match.start()].strip(), ids[0] if ids else None


def read(docs: Path, language: str) -> list[Term]:
    """The terms of the glossary page of ``language`` in ``docs``; none without that page."""
    path = docs / layout.translation_path(layout.GLOSSARY_PAGE, language)
    if not path.is_file():
        return []
    return terms(path.read_text(encoding="utf-8").splitlines())


def terms(lines: list[str], start: int = 0) -> list[Term]:
    """The entries of the section ``{ #thuat-ngu-chinh }`` (up to the next ``##`` heading)."""
    begin = end = None
    for number, line in markdown_lines(lines, start):
        heading = HEADING.fullmatch(line)
        if not heading or len(heading.group(1)) > 2:
            continue
        attributes = ATTR_AT_END.search(line)
        if begin is None and attributes and TERMS_SECTION in ids_in(attributes.group(1)):
            begin = number
        elif begin is not None:
            end = number - 1
            break
    if begin is None:
        return []
    return entries(lines[:end] if end is not None else lines, begin)


def short_name(term: Term) -> str:
    """The term without what follows it in brackets (``Tổng đài 111 (…)`` → ``Tổng đài 111``)."""
    return term.text.split(" (")[0].strip()


def _letter_and_tone(character: str) -> tuple[str, int]:
    """A character's letter (breve, circumflex, horn kept) and its tone's rank (0: none)."""
    decomposed = unicodedata.normalize("NFD", character.lower())
    tone = next((_TONE_RANK[mark] for mark in decomposed if mark in _TONE_RANK), 0)
    kept = "".join(mark for mark in decomposed if mark not in _TONE_RANK)
    return unicodedata.normalize("NFC", kept), tone


def collation_key(text: str, lang: str) -> tuple[object, ...]:
    """Sort key of ``text`` in ``lang``'s alphabetical order.

    Vietnamese: word by word, the letters first (``đ`` after ``d``, ``ư`` after ``u``), then the
    tones, so ``bảo vệ`` comes before ``bạo lực`` as in a dictionary. Other languages: the
    letters without diacritics, case ignored.
    """
    if lang != "vi":
        return (fold(text).casefold(), text)
    key = []
    for word in re.findall(r"\w+", text):
        letters, tones = [], []
        for character in word:
            letter, tone = _letter_and_tone(character)
            if character.isdigit():
                letters.append(-100 + int(character))  # digits before letters
            else:
                letters.append(_LETTER_RANK.get(letter, len(_LETTER_RANK) + ord(letter[0])))
            tones.append(tone)
        key.append((tuple(letters), tuple(tones)))
    return (tuple(key), text)


def initial(name: str, lang: str) -> str:
    """The index letter of a term: ``Ủy ban`` → ``U``, ``Đa`` → ``Đ`` (vi), ``111`` → ``0–9``."""
    first = name.lstrip()[:1]
    if not first or first.isdigit():
        return DIGITS_LETTER
    if lang == "vi":
        return _letter_and_tone(first)[0].upper()
    return fold(first).upper()


def render_index(found: list[Term], lang: str) -> str:
    """The letter index of a page's terms: one line per letter, each term a link to its id."""
    listed = sorted((t for t in found if t.id), key=lambda t: collation_key(short_name(t), lang))
    groups: dict[str, list[Term]] = {}
    for term in listed:
        groups.setdefault(initial(short_name(term), lang), []).append(term)
    rows = [
        f"- **{letter}** " + " · ".join(f"[{literal(short_name(t))}](#{t.id})" for t in members)
        for letter, members in groups.items()
    ]
    return "\n".join([f'<div class="{INDEX_CLASS}" markdown>', "", *rows, "", "</div>"])


NO_TERMS = (
    f"finds no terms on its page (expected a section '## … {{ #{TERMS_SECTION} }}' holding"
    " definition-list entries 'Term { #id }' then ':   definition')"
)


def render_page_index(lines: list[str], lang: str) -> str:
    """The letter index of the terms of the page ``lines``; ValueError if it has none."""
    found = terms(lines)
    if not found:
        raise ValueError(NO_TERMS)
    return render_index(found, lang)


def reference_targets(lines: list[str]) -> dict[str, str]:
    """The reference-link definitions of a file (``[name]: https://…``), by lower-case name."""
    found = {}
    for _, line in markdown_lines(lines, 0):
        match = REFERENCE_DEFINITION.fullmatch(line)
        if match:
            found[match.group(1).strip().lower()] = match.group(2)
    return found


def is_source(target: str, page: str) -> bool:
    """A link target that names a source: a public address, or the plan's own text."""
    if target.startswith(SOURCE_SCHEMES):
        return True
    path = target.split("#", 1)[0]
    if not path or ":" in path:
        return False
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) == layout.PLAN_PAGE


def sources_in(text: str, page: str, references: dict[str, str]) -> list[str]:
    """The sources a piece of Markdown links to (see :func:`is_source`)."""
    targets = [match.group(2) for match in INLINE_LINK.finditer(text)]
    for match in REFERENCE_LINK.finditer(text):
        name = (match.group(2) or match.group(1)).strip().lower()
        if name in references:
            targets.append(references[name])
    return [target for target in targets if is_source(target, page)]


def without_links(text: str) -> str:
    """Markdown text without its links and attribute lists (a link's text cites, not states)."""
    text = INLINE_LINK.sub(" ", text)
    text = REFERENCE_LINK.sub(" ", text)
    return INLINE_ATTRS.sub(" ", text)


def unsourced_number(term: Term, page: str, references: dict[str, str]) -> tuple[int, str] | None:
    """Where a definition states a number with no source in its entry: (line, the words).

    A number in a link's text (``[đoạn 17](…)``) is a pointer, not a statement, and does not
    count; any source anywhere in the definition covers the whole entry.
    """
    whole = " ".join(text for _, text in term.definition)
    if sources_in(whole, page, references):
        return None
    for number, text in term.definition:
        match = NUMBER.search(without_links(text))
        if match:
            return number, match.group(0).strip(" ,.;:()")
    return None
