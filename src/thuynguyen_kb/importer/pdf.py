"""A PDF file read into lines: its extracted text, page by page, within the limits.

pypdf reads the file; this module refuses what it cannot use, each with one line: a file that
is damaged or not a PDF, a password-protected one (a PDF that only restricts printing or copying
opens with the empty password and is read), more pages or text than a document has, a stream
that expands past :data:`~.limits.MAX_PDF_STREAM_BYTES`. pypdf's own warnings about damage it
works round ("EOF marker not found") are silenced: the import either succeeds or says, once,
why not. Each page is read with the size and place of its text (:mod:`.pdf_layout`), so that
every line says whether it is footnote text, a page header or footer, or a heading.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.limits import MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, TextBudget
from thuynguyen_kb.importer.line import Line, clean
from thuynguyen_kb.importer.pdf_layout import Run, layout_pages, page_runs

DAMAGED_HINT = "download it again, or save it again as PDF from the program that opens it"
# pypdf's limits on decompressed data, lowered from its 75 MB to what one page can need.
STREAM_LIMITS = (
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
)


def pdf_lines(content: bytes) -> list[Line]:
    """The lines of a PDF's text, top down, numbered over all pages, each with its page and
    what the layout says it is (empty lines left out)."""
    runs, heights = [], []
    budget = TextBudget()
    for runs_of_page, height in _page_runs(content):
        for run in runs_of_page:
            budget.charge(run.text)
        runs.append(runs_of_page)
        heights.append(height)
    lines: list[Line] = []
    for page, page_lines in enumerate(layout_pages(runs, heights), start=1):
        for raw, layout in page_lines:
            text = clean(raw)
            if text:
                lines.append(Line(len(lines) + 1, text, page=page, layout=layout))
    return lines


def _page_runs(content: bytes) -> Iterator[tuple[list[Run], float]]:
    """Each page's runs of text and its height, once the file is known to open and to be short
    enough."""
    import pypdf

    with (
        _quiet_pypdf(),
        pypdf.apply_configuration(**dict.fromkeys(STREAM_LIMITS, MAX_PDF_STREAM_BYTES)),
    ):
        reader = _guarded(lambda: _open(content))
        count = _guarded(lambda: len(reader.pages))
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"too many pages for a concluding observations document (found {count:,},"
                f" expected at most {MAX_PDF_PAGES}; the real ones have about 20): check that"
                " this is the right file"
            )
        for index in range(count):
            page = _guarded(lambda index=index: reader.pages[index])
            yield _guarded(lambda page=page: page_runs(page)), _page_height(page)


def _page_height(page: Any) -> float:
    """The height of a page, which says where its header and footer bands are (A4 if unknown)."""
    try:
        return float(page.mediabox.height) or 842.0
    except Exception:  # a damaged box: the bands are only a hint
        return 842.0


def _open(content: bytes) -> Any:
    """The pypdf reader of ``content``; InputError if a password is needed to read it."""
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError(
            "this PDF is password-protected (it opens only with a password); open it with the"
            " password and save a copy without one (Print > Save as PDF), or download it again"
            " from the UN"
        )
    return reader


def _guarded(read: Any) -> Any:
    """``read()``, with any failure of pypdf on this file turned into one InputError.

    pypdf raises its own errors on a damaged file, but also ValueError, KeyError, TypeError,
    zlib.error and more, depending on where the damage is; every one means the same to the
    maintainer: this file cannot be read.
    """
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        return read()
    except InputError:
        raise
    except LimitReachedError as error:
        raise InputError(
            f"this PDF holds far more data than a document ({error}; expected pages of text of"
            " a few kB each): check that this is the right file"
        ) from error
    except DependencyError as error:  # AES encryption needs a package the site does not pin
        raise InputError(
            f"this PDF is encrypted in a way the importer cannot read ({error}); save a copy"
            " without protection (Print > Save as PDF) and import that"
        ) from error
    except Exception as error:  # whatever the parser fails with (see above)
        raise InputError(
            f"cannot read this PDF: it is damaged or not a PDF ({type(error).__name__}:"
            f" {error}); {DAMAGED_HINT}"
        ) from error


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf's log messages silenced (they would print lines beside the importer's own)."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
