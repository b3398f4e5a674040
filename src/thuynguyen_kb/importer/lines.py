"""The three formats read into one list of numbered lines, and the error that stops an import.

Every format becomes :class:`Line` records so that one parser reads them all; a line keeps the
number an error message shows (the line of a text file, the paragraph of a DOCX file, the line
of a PDF's extracted text counted over all pages) and, in a PDF, its page, which the parser
needs to drop the footnote text at the foot of each page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thuynguyen_kb.importer.footnotes import SUPERSCRIPT

LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"})
INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff"))


class InputError(Exception):
    """An error that stops the import, located in a file and, where known, a line."""

    def __init__(self, message: str, line: int = 0, path: str | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.path = message, line, path

    def located(self, default_path: str) -> str:
        """``path:line: message`` (``path: message`` when no line applies)."""
        where = self.path or default_path
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"


@dataclass(frozen=True)
class Line:
    """One line of the document: its place, its text, whether it starts a block, its PDF page."""

    number: int
    text: str
    new_block: bool = False  # a DOCX paragraph, or a text line after an empty one
    page: int = 0  # 0 outside PDFs


def clean(text: str) -> str:
    """NFC, ligatures spelled out, invisible characters removed, white space collapsed."""
    text = unicodedata.normalize("NFC", text).translate(LIGATURES).translate(INVISIBLE)
    return " ".join(text.split())


def text_lines(text: str) -> list[Line]:
    """The lines of a plain text; a line after an empty one starts a block."""
    lines, after_empty = [], True
    for number, raw in enumerate(text.splitlines(), start=1):
        lines.append(Line(number, clean(raw), new_block=after_empty))
        after_empty = not raw.strip()
    return lines


def pdf_lines(path: Path) -> list[Line]:
    """The lines of a PDF's extracted text, numbered over all pages, each with its page."""
    # Imported here, as python-docx below: a text file needs neither library.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except (PdfReadError, OSError, ValueError) as error:
        raise InputError(f"cannot read this PDF ({error})") from error
    lines: list[Line] = []
    for page, text in enumerate(pages, start=1):
        for raw in text.splitlines():
            lines.append(Line(len(lines) + 1, clean(raw), page=page))
    return lines


def docx_lines(path: Path) -> list[Line]:
    """The lines of a DOCX file: page headers first (line 0), then every paragraph in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(f"cannot read this DOCX file ({error})") from error
    footnotes = iter(range(1, 10_000))  # footnote references are numbered in reading order
    lines: list[Line] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            if not header.is_linked_to_previous:
                for paragraph in _docx_paragraphs(header.iter_inner_content()):
                    lines += _split(_docx_text(paragraph, footnotes), 0)
    body = _docx_paragraphs(document.iter_inner_content())
    for number, paragraph in enumerate(body, start=1):
        lines += _split(_docx_text(paragraph, footnotes), number)
    return lines


def _docx_paragraphs(blocks: Iterator[Any]) -> Iterator[Any]:
    """Paragraphs in reading order, those of table cells included (merged cells once)."""
    from docx.table import Table

    for block in blocks:
        if not isinstance(block, Table):
            yield block
            continue
        seen: set[Any] = set()  # a merged cell appears once per row or column it spans
        for row in block.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from cell.paragraphs


def _docx_text(paragraph: Any, footnotes: Iterator[int]) -> str:
    """A paragraph's text, with footnote references and superscript digits as superscripts."""
    from docx.text.hyperlink import Hyperlink

    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        for run in item.runs if isinstance(item, Hyperlink) else [item]:
            references = run._r.xpath("./w:footnoteReference")
            text = run.text
            # A reference with a custom mark (the title's "*") carries its mark as text.
            if references and references[0].get(_w("customMarkFollows")) not in ("1", "true", "on"):
                text = str(next(footnotes)).translate(SUPERSCRIPT) + text
            elif _is_superscript(run) and text.strip().isdigit():
                text = text.strip().translate(SUPERSCRIPT)
            parts.append(text)
    return "".join(parts)


def _w(name: str) -> str:
    """The qualified name of a WordprocessingML attribute (``w:name``)."""
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def _is_superscript(run: Any) -> bool:
    """Whether a run is set as a superscript, directly or by its character style."""
    if run.font.superscript is not None:
        return bool(run.font.superscript)
    return bool(run.style is not None and run.style.font.superscript)


def _split(text: str, number: int) -> list[Line]:
    """One DOCX paragraph as lines: it starts a block; a line break inside it continues it."""
    return [Line(number, clean(part), new_block=i == 0) for i, part in enumerate(text.split("\n"))]


def read_lines(path: Path) -> list[Line]:
    """The lines of FILE, read according to its type."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("no such file")
    if suffix == ".docx":
        return docx_lines(path)
    if suffix == ".pdf":
        return pdf_lines(path)
    if suffix in (".txt", ".text"):
        try:
            return text_lines(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise InputError(f"not UTF-8 text ({error}); save it as UTF-8") from error
    raise InputError(f"unsupported file type '{suffix}' (expected .docx, .pdf or .txt)")
