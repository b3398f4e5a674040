"""A PDF file read into lines: its extracted text, page by page, within the limits.

pypdf reads the file; this module refuses what it cannot use, each with one line: a file that
is damaged or not a PDF, a password-protected one (a PDF that only restricts printing or copying
opens with the empty password and is read), more pages or text than a document has, a stream
that expands past :data:`~.limits.MAX_PDF_STREAM_BYTES`. pypdf's own warnings about damage it
works round ("EOF marker not found") are silenced: the import either succeeds or says, once,
why not.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.limits import MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, TextBudget
from thuynguyen_kb.importer.lines import Line, clean

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
    """The lines of a PDF's extracted text, numbered over all pages, each with its page."""
    budget = TextBudget()
    lines: list[Line] = []
    for page, text in enumerate(_page_texts(content), start=1):
        for raw in text.splitlines():
            budget.charge(raw)
            lines.append(Line(len(lines) + 1, clean(raw), page=page))
    return lines


def _page_texts(content: bytes) -> Iterator[str]:
    """Each page's extracted text, once the file is known to open and to be short enough."""
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
            yield _guarded(lambda index=index: reader.pages[index].extract_text() or "")


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
