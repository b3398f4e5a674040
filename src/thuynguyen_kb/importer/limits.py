"""How much the importer reads before it refuses a file, and why these values.

The Committee's concluding observations are about 20 pages: the English DOCX of a CRC document is
about 100 kB (its XML, styles included, expands to 1-2 MB), and the PDF of CERD/C/BRA/CO/18-20
(``../shared/fixtures/un/``) has 18 pages, 618 kB, 912 lines and about 75,000 characters of text.
Each limit leaves a margin of ten times or more over that, so that a longer report or a file
with pictures still passes, while a damaged or hostile file is stopped within seconds: a 0.8 MB
DOCX whose parts expanded to 310 MB kept python-docx busy for minutes before these limits.
"""

from __future__ import annotations

from pathlib import Path

from thuynguyen_kb.importer.errors import InputError

# The file as downloaded: ~30 times the real PDF, ~200 times the real DOCX (pictures, fonts).
MAX_INPUT_BYTES = 20 * 1024 * 1024
# A DOCX is a zip of parts: about 20 in a Word file (document, styles, headers, fonts, media).
MAX_DOCX_PARTS = 500
# All parts of a DOCX once decompressed: 10 times the 1-2 MB of a real one. python-docx parses
# 20 MB of XML in about a second; it took 2 s for 32 MB and minutes for 310 MB.
MAX_DOCX_EXPANDED_BYTES = 20 * 1024 * 1024
# An HTML page of the same text: the UN's and mirrors' pages are tens to a few hundred kB, Word's
# "Web Page" export of a 20-page document about 1 MB (inline styles on every paragraph); 10
# times that. lxml parses 10 MB of HTML in well under a second.
MAX_HTML_BYTES = 10 * 1024 * 1024
# The elements of that page: Word's export wraps each of ~1,000 paragraphs in a few spans, about
# 10,000 elements; 20 times that. Reading takes about a second per 200,000 (10 MB of "<b>x</b>"
# has 1.2 million, which took 7 s).
MAX_HTML_ELEMENTS = 200_000
# A real PDF has ~20 pages; 10 times that.
MAX_PDF_PAGES = 200
# One decompressed PDF stream (a page's content, a font): tens of kB in a text document; pypdf's
# own limit, 75 MB, would let one page's text extraction run for minutes.
MAX_PDF_STREAM_BYTES = 10 * 1024 * 1024
# The text read from any format: ~25 times the ~75,000 characters and ~20 times the ~900 lines
# of 20 pages. The parser reads each line once, so these bound its work too.
MAX_TEXT_CHARACTERS = 2_000_000
MAX_LINES = 20_000


def check_file_size(path: Path) -> None:
    """Refuse a file too large to be a concluding observations document, before reading it."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"file too large for a concluding observations document (found {size:,} bytes,"
            f" expected at most {MAX_INPUT_BYTES:,}; the real documents are well under 1 MB:"
            " check that this is the right file)"
        )


class TextBudget:
    """Counts the lines and characters read from a file; refuses the file past the limits.

    Every format's reader charges what it reads as it reads it, so that a file that would expand
    to far more text than a real document stops at the limit, not after everything was read.
    """

    def __init__(self) -> None:
        self.lines = 0
        self.characters = 0

    def charge(self, text: str) -> None:
        """Count one line of text; raise InputError once a limit is passed."""
        self.lines += 1
        self.characters += len(text)
        if self.lines > MAX_LINES:
            raise InputError(
                f"too much text for a concluding observations document (found more than"
                f" {MAX_LINES:,} lines, expected about 1,000 for 20 pages; check that this is the"
                " right file)"
            )
        if self.characters > MAX_TEXT_CHARACTERS:
            raise InputError(
                f"too much text for a concluding observations document (found more than"
                f" {MAX_TEXT_CHARACTERS:,} characters, expected about 75,000 for 20 pages; check"
                " that this is the right file)"
            )
