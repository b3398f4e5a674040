"""A DOCX file read into lines: the zip checked first, then the text a reader of the final
document sees, paragraph by paragraph.

A DOCX is a zip of XML parts. Before python-docx opens it, :func:`check_package` refuses what it
cannot be: an Office-encrypted file (an OLE compound file, not a zip), a file cut short or
damaged (bad CRC, bad compressed data), a zip whose parts expand to far more than a document's
(the sizes its directory declares, then the bytes really decompressed, since a directory can lie).

The text is read from the WordprocessingML itself, not through python-docx's paragraph objects,
which only see the runs and hyperlinks directly inside a paragraph and the paragraphs directly
inside the body: text inside tracked insertions (``w:ins``), moved-to text (``w:moveTo``),
content controls (``w:sdt``, around paragraphs or inside one), simple fields (``w:fldSimple``),
hyperlinks, smart tags and custom XML is kept; deleted text (``w:del``, whose runs hold
``w:delText``) and moved-away text (``w:moveFrom``) is not, as in the document with every change
accepted. A body paragraph numbered by Word's list numbering gets the number Word shows put
before its text (:mod:`.numbering`), so that it reads like one whose number is typed.
"""

from __future__ import annotations

import io
import itertools
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.footnotes import SUPERSCRIPT
from thuynguyen_kb.importer.limits import MAX_DOCX_EXPANDED_BYTES, MAX_DOCX_PARTS, TextBudget
from thuynguyen_kb.importer.line import Line, clean
from thuynguyen_kb.importer.numbering import Numbering

# Office saves a password-protected DOCX as an OLE compound file (as were Word 97-2003 files).
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
CHUNK = 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PARAGRAPH, RUN, CELL = f"{W}p", f"{W}r", f"{W}tc"
# Content a reader of the final document does not see, and properties that hold no text.
# mc:Fallback repeats its mc:Choice for older readers.
HIDDEN = {f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}sdtPr", f"{W}sdtEndPr", f"{W}pPr"}
DAMAGED_HINT = "download it again, or open it in Word and save it again as .docx"


def docx_lines(content: bytes) -> list[Line]:
    """The lines of a DOCX file: page headers first (line 0), then every paragraph in order."""
    check_package(content)
    try:
        return _document_lines(content)
    except InputError:
        raise
    except Exception as error:  # whatever python-docx or lxml fail with (see _document_lines)
        raise InputError(
            f"cannot read this DOCX file ({type(error).__name__}: {error}); {DAMAGED_HINT}"
        ) from error


def _document_lines(content: bytes) -> list[Line]:
    """The lines of a checked package.

    The zip is whole by now, but its parts may still be wrong (XML cut short, a missing main
    part or header, a spreadsheet renamed .docx); python-docx and lxml then raise many kinds of
    error, and every one means the same to the maintainer: this file cannot be read.
    """
    import docx

    document = docx.Document(io.BytesIO(content))
    numbering = Numbering(_numbering_element(document), document.styles.element)
    budget = TextBudget()
    footnotes = itertools.count(1)  # footnote references are numbered in reading order
    lines: list[Line] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            if not header.is_linked_to_previous:
                for paragraph in paragraphs_in(header._element):
                    text = paragraph_text(paragraph, header, footnotes)
                    lines += _split(text, 0, budget)
    for number, paragraph in enumerate(paragraphs_in(document.element.body), start=1):
        label = numbering.label(paragraph, number)  # in reading order: it counts
        lines += _split(label + paragraph_text(paragraph, document, footnotes), number, budget)
    return lines


def _numbering_element(document: Any) -> Any | None:
    """The root of ``word/numbering.xml`` as python-docx parsed it, or None without one.

    Looked up by relationship, not through ``document.part.numbering_part``, which would add an
    empty part to a document that has none.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return None
    return getattr(part, "element", None)  # None: a part python-docx did not read as XML


def check_package(content: bytes) -> None:
    """Refuse a file that is not a whole, plausible DOCX zip; read every part within the limits."""
    if content.startswith(OLE_SIGNATURE):
        raise InputError(
            "this DOCX is password-protected, or is an old Word .doc file (found an OLE compound"
            " file, expected a zip archive); open it in Word, remove the password (File > Info >"
            " Protect Document) and save it as .docx"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise InputError(_not_a_zip(content)) from error
    with archive:
        parts = archive.infolist()
        _check_declared_sizes(parts)
        expanded = 0
        for part in parts:
            expanded = _read_part(archive, part, expanded)


def _not_a_zip(content: bytes) -> str:
    """Why a file that zipfile cannot open is not a DOCX."""
    if content.startswith(ZIP_SIGNATURE):
        return (
            "this DOCX file is cut short or damaged (found the start of a zip archive but not its"
            f" directory, which a whole file ends with); {DAMAGED_HINT}"
        )
    if content.startswith(b"%PDF"):
        return "this file is a PDF, not a DOCX (found '%PDF' at its start); rename it to .pdf"
    return (
        f"not a DOCX file (found no zip archive, expected a Word document; the first bytes are"
        f" {content[:8]!r}); download the document again as DOCX"
    )


def _check_declared_sizes(parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip whose directory announces more parts or bytes than a document has."""
    if len(parts) > MAX_DOCX_PARTS:
        raise InputError(
            f"this DOCX has too many parts for a document (found {len(parts):,}, expected at most"
            f" {MAX_DOCX_PARTS:,}; check that this is the right file)"
        )
    declared = sum(part.file_size for part in parts)
    if declared > MAX_DOCX_EXPANDED_BYTES:
        raise InputError(_too_large(f"{declared:,} bytes, as its zip directory declares"))


def _read_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, expanded: int) -> int:
    """Decompress one part, counting the bytes; return the running total of all parts."""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                expanded += len(chunk)
                if expanded > MAX_DOCX_EXPANDED_BYTES:
                    raise InputError(_too_large(f"more than {expanded:,} bytes, decompressed"))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # Bad CRC-32, damaged deflate data, a part cut short, an unknown or encrypted method.
        raise InputError(
            f"this DOCX file is damaged (its part {part.filename} cannot be read: {error});"
            f" {DAMAGED_HINT}"
        ) from error
    return expanded


def _too_large(found: str) -> str:
    return (
        f"this DOCX expands to far more than a document (found {found}, expected at most"
        f" {MAX_DOCX_EXPANDED_BYTES:,}; a real one expands to 1-2 MB): check that this is the"
        " right file"
    )


def paragraphs_in(container: Any) -> Iterator[Any]:
    """The ``w:p`` elements of a body, header or table cell in reading order.

    Paragraphs inside tables, content controls, custom XML and tracked insertions count;
    deleted ones do not, nor the continuation cells of a vertical merge (Word shows the merged
    cell's text once).
    """
    for child in container:
        if child.tag == PARAGRAPH:
            yield child
        elif child.tag in HIDDEN or (child.tag == CELL and _continues_merge(child)):
            continue
        else:
            yield from paragraphs_in(child)


def _continues_merge(cell: Any) -> bool:
    """Whether a table cell continues the vertically merged cell above it (``w:vMerge``)."""
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val", "continue") != "restart"


def runs_in(element: Any) -> Iterator[Any]:
    """The ``w:r`` runs a reader sees inside a paragraph, in order, at any depth of markup."""
    for child in element:
        if child.tag == RUN:
            yield child
        elif child.tag not in HIDDEN and child.tag != PARAGRAPH:  # not a text box's paragraphs
            yield from runs_in(child)


def paragraph_text(paragraph: Any, story: Any, footnotes: Iterator[int]) -> str:
    """A paragraph's text, footnote references and superscript digits as superscripts.

    ``story`` is the document or header the paragraph belongs to: a run's character style is
    looked up through it.
    """
    from docx.text.run import Run

    parts: list[str] = []
    for element in runs_in(paragraph):
        run = Run(element, story)
        references = element.findall(f"{W}footnoteReference")
        text = run.text
        # A reference with a custom mark (the title's "*") carries its mark as text.
        if references and references[0].get(f"{W}customMarkFollows") not in ("1", "true", "on"):
            text = str(next(footnotes)).translate(SUPERSCRIPT) + text
        elif _is_superscript(run) and text.strip().isdigit():
            text = text.strip().translate(SUPERSCRIPT)
        parts.append(text)
    return "".join(parts)


def _is_superscript(run: Any) -> bool:
    """Whether a run is set as a superscript, directly or by its character style."""
    if run.font.superscript is not None:
        return bool(run.font.superscript)
    return bool(run.style is not None and run.style.font.superscript)


def _split(text: str, number: int, budget: TextBudget) -> list[Line]:
    """One DOCX paragraph as lines: it starts a block; a line break inside it continues it."""
    lines = []
    for index, part in enumerate(text.split("\n")):
        budget.charge(part)
        lines.append(Line(number, clean(part), new_block=index == 0))
    return lines
