"""Footnote markers in a line of text, and the footnote text at the foot of a PDF page.

A marker is recorded and removed from the text: the site shows the Committee's words, and the
notes themselves (references to other documents) are not imported. DOCX footnote references and
superscript runs reach the parser as superscript digits (:data:`SUPERSCRIPT`), which are always
markers; plain digits are markers only where they follow a word the way a marker does.
"""

from __future__ import annotations

import re

# DOCX markers are written with these so that they cannot be mistaken for digits of the text.
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_MARKER = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
INLINE_MARKER = re.compile(r"(?<=[^\d\s])(\d{1,3})(?!\w)")
YEAR_END = re.compile(r"(?<!\d)\d{4}\.$")
# Closing quotes and brackets: a marker may follow one, and a clause may end inside one.
CLOSING = "\"'”’)]"
# Footnote text at the foot of a PDF page: "12 See …", "12. See …" or "* Adopted by …".
FOOTNOTE_TEXT = re.compile(r"^(?:\*+\s*(?=[^\W\d])|(?P<number>\d{1,3})(?!\d)\.?\s*(?=\S))")


def strip_footnotes(text: str) -> tuple[str, list[str]]:
    """The text without its footnote markers, and the markers in order."""
    markers: list[str] = []

    def superscript(match: re.Match[str]) -> str:
        markers.append(match[1].translate(PLAIN_DIGITS))
        return ""

    def inline(match: re.Match[str]) -> str:
        if not _marker_context(text_without_superscripts, match.start()):
            return match[0]
        markers.append(match[1])
        return ""

    text_without_superscripts = SUPERSCRIPT_MARKER.sub(superscript, text)
    stripped = INLINE_MARKER.sub(inline, text_without_superscripts)
    return " ".join(stripped.split()), markers


def _marker_context(text: str, start: int) -> bool:
    """Whether digits at ``start`` follow a word or punctuation the way a footnote marker does.

    After a letter, unless the letter is a capital (acronyms such as CO2, G20); after ``.,;:``
    unless a digit comes before it (16.2, 1,000, 10:30) – but a year ending a sentence may carry
    a marker (``in 2016.3 The``); after a closing bracket or quote.
    """
    before = text[start - 1]
    if before.isalpha():
        return not before.isupper()
    if before in ".,;:!?":
        if start < 2 or text[start - 2].isspace():
            return False
        return not text[start - 2].isdigit() or _after_year(text, start)
    return before in CLOSING


def _after_year(text: str, start: int) -> bool:
    """Whether digits at ``start`` follow a year that ends a sentence, before a new one."""
    if not YEAR_END.search(text[:start]):
        return False
    after = text[start:].lstrip("0123456789").lstrip()
    return not after or after[0].isupper()


def markers_in(text: str) -> list[str]:
    """The footnote markers of one line."""
    return strip_footnotes(text)[1]


def starts_notes(text: str, page_markers: list[int]) -> bool:
    """Whether a PDF line starts the footnote text of its page."""
    match = FOOTNOTE_TEXT.match(text)
    if not match:
        return False
    if match["number"] is None:
        return True
    # The first note of a page is the first marker on it: a line "18 provinces …" stays text.
    return bool(page_markers) and int(match["number"]) == min(page_markers)
