"""The four formats read into one list of numbered lines, and the error that stops an import.

Every format becomes :class:`.line.Line` records, so that one parser reads them all; a line keeps
number an error message shows (the line of a text file, the paragraph of a DOCX file, the line
of a PDF's extracted text counted over all pages, the source line of an HTML block) and, in a
PDF, its page, which the parser needs to drop the footnote text at the foot of each page.

The file is read once, after its size is checked (:mod:`.limits`); DOCX, PDF and HTML are read
by :mod:`.word`, :mod:`.pdf` and :mod:`.html_input`, which refuse damaged, encrypted, oversized
and mistyped files with one line.
"""

from __future__ import annotations

from pathlib import Path

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.limits import TextBudget, check_file_size
from thuynguyen_kb.importer.line import INVISIBLE, LIGATURES, Line, clean

__all__ = ["INVISIBLE", "LIGATURES", "InputError", "Line", "clean", "read_lines", "text_lines"]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".docx", ".pdf", *HTML_SUFFIXES, *TEXT_SUFFIXES)


def text_lines(text: str) -> list[Line]:
    """The lines of a plain text; a line after an empty one starts a block."""
    budget = TextBudget()
    lines, after_empty = [], True
    for number, raw in enumerate(text.splitlines(), start=1):
        budget.charge(raw)
        lines.append(Line(number, clean(raw), new_block=after_empty))
        after_empty = not raw.strip()
    return lines


def read_input(path: Path) -> bytes:
    """The bytes of FILE, once its type and size say it can be a concluding observations file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("no such file")
    if suffix not in SUFFIXES:
        raise InputError(f"unsupported file type '{suffix}' (expected .docx, .pdf, .html or .txt)")
    check_file_size(path)
    return path.read_bytes()


def content_lines(path: Path, content: bytes) -> list[Line]:
    """The lines of FILE's ``content``, read according to its type."""
    # Imported here: a text file needs neither python-docx nor pypdf (nor their start-up time).
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from thuynguyen_kb.importer.word import docx_lines

        return docx_lines(content)
    if suffix == ".pdf":
        from thuynguyen_kb.importer.pdf import pdf_lines

        return pdf_lines(content)
    if suffix in HTML_SUFFIXES:
        from thuynguyen_kb.importer.html_input import html_lines

        return html_lines(content)
    try:
        return text_lines(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error}); save it as UTF-8") from error


def read_lines(path: Path) -> list[Line]:
    """The lines of FILE, read according to its type."""
    return content_lines(path, read_input(path))
