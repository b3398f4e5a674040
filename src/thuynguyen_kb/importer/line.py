"""One line of a document as every reader writes it and the parser reads it.

Its own module, below the readers (:mod:`.word`, :mod:`.pdf`, :mod:`.html_input`) and the
dispatch over them (:mod:`.lines`), so that no reader imports the module that imports it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"})
INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff"))


@dataclass(frozen=True)
class Line:
    """One line of the document: its place, its text, whether it starts a block, its PDF page."""

    number: int
    text: str
    new_block: bool = False  # a DOCX paragraph, or a text line after an empty one
    page: int = 0  # 0 outside PDFs
    # What a PDF page's layout says the line is (:mod:`.pdf_layout`): "note" (footnote text),
    # "furniture" (a page header or footer), "heading" (set like a lettered heading), or "".
    layout: str = ""


def clean(text: str) -> str:
    """NFC, ligatures spelled out, invisible characters removed, white space collapsed."""
    text = unicodedata.normalize("NFC", text).translate(LIGATURES).translate(INVISIBLE)
    return " ".join(text.split())
