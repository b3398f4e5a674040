"""Import the official text of the Committee's concluding observations into the site's data.

Usage: ``python scripts/import_recommendations.py FILE --symbol SYMBOL [--lang en|vi]
[--docs DOCS] [--dry-run] [--json]`` from the repository root. FILE is the document as
downloaded from the UN Treaty Body Database: ``.docx`` (read paragraph by paragraph, tables and
page headers included), ``.pdf`` (text extracted page by page) or ``.txt`` (UTF-8).

What it writes (``--dry-run`` only says what it would write):

- ``DOCS/_data/recommendations/<slug>.yml``: every numbered paragraph with its section, cluster
  (letter, heading, articles), sub-heading, sub-item labels, footnote markers and text. The
  importer owns this file: it is rewritten as a whole, deterministically, so that importing the
  same file twice changes nothing. ``--lang vi`` only adds the Vietnamese text of the paragraphs
  it finds (by number) to an existing file; the English data stays as it is, and an English
  re-import keeps the Vietnamese text of the paragraphs that are still there.
- ``DOCS/khuyen-nghi/p<N>.md`` and ``p<N>.en.md``: stub pages (English import only) for the
  paragraphs that have no page in either language. Existing pages are never touched: the
  editors' summaries, themes and relations win over anything imported.

How the UN layout is read (all formats share one parser over a list of lines):

- Page furniture is dropped: empty lines, the symbol repeated as a page header, page numbers
  alone on a line, UN job numbers (``GE.…``) and bar codes. In PDFs the footnote text at the
  foot of a page is dropped too: from the first line that starts with ``*`` or with the number
  of a footnote marker seen higher on the same page, to the end of that page.
- ``III. Title`` is a section, ``A. Title (arts. 4, 42 and 44 (6))`` a cluster with its articles.
  A single letter that is also a Roman numeral (``I.``, ``V.``) is a cluster when it is the next
  cluster letter of the section, and a section otherwise.
- A short line without a final full stop, after the end of a paragraph and followed by a
  paragraph or a heading, is a sub-heading; it applies until the next sub-heading, cluster or
  section.
- ``30. Text`` starts paragraph 30. Paragraph numbers only go up: a numbered line whose number
  is not higher than the previous paragraph's is never a new paragraph (it is a wrapped line or
  footnote text). It is a duplicate, an error, when it also looks like the start of a paragraph:
  it follows the end of a paragraph, its number is already used and its text starts with a
  capital letter.
- ``(a)``, ``(b)`` … at the start of a line, after a clause ends, start a sub-item on its own line
  of the paragraph's text; the labels are recorded while they follow the alphabet.
- A number written right after a word or punctuation mark (``Convention.12 The``), a superscript
  run in DOCX and a footnote reference are footnote markers: recorded, then removed from the text.

Errors (not a concluding observations document, symbol mismatch, duplicate paragraph number, no
numbered paragraph, unreadable file) print ``FILE:LINE: message`` on stderr and exit 1. The line
is the line of a text file, the paragraph of a DOCX file (tables counted) or the line of the text
extracted from a PDF (counted over all pages). Warnings (gaps in the numbering, text outside any
paragraph, …) are printed and the exit code stays 0. With ``--json`` the parsed paragraphs are
printed on stdout as JSON and every human message goes to stderr.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

LANGUAGES = ("en", "vi")
DATA_DIR = Path("_data") / "recommendations"
PAGES_DIR = "khuyen-nghi"
# A line containing one of these names the document as concluding observations.
TITLE_PHRASES = {
    "en": ("concluding observations",),
    "vi": ("nhận xét kết luận", "kết luận"),
}
MAX_HEADING = 200  # a cluster heading with its article list fits; body text lines run longer
MAX_SUBHEADING = 150
# Words a wrapped heading line may end with, but a whole heading never does.
UNFINISHED = {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"} | {
    "và", "của", "về", "cho", "trong", "đối", "với"
}  # fmt: skip

NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.(?!\d)\s*(?P<rest>\S.*)$")
HEADING = re.compile(r"^(?P<label>[IVXLC]+|[A-Z])\.\s+(?P<title>\S.*)$")
ROMAN = re.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
SUB_ITEM = re.compile(r"^\((?P<label>[a-z]{1,4})\)\s*(?=\S)")
ARTICLES = re.compile(r"\(\s*(?:articles?|arts?\.|(?:các\s+)?điều)\s*", re.IGNORECASE)
SYMBOL = r"[A-Z]+(?:/[A-Za-z0-9.\-]+){2,}"
# A page header may carry the page number or "United Nations" beside the symbol.
SYMBOL_LINE = re.compile(
    rf"^(?:\d{{1,3}}\s+|United Nations\s+|Liên Hợp Quốc\s+)?(?P<symbol>{SYMBOL})(?:\s+\d{{1,3}})?$"
)
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BAR_CODE = re.compile(r"^\*\d+\*$")
# Footnote text at the foot of a PDF page: "12 See …", "12. See …" or "* Adopted by …".
FOOTNOTE_TEXT = re.compile(r"^(?:\*+\s*(?=[^\W\d])|(?P<number>\d{1,3})(?!\d)\.?\s*(?=\S))")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_MARKER = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
INLINE_MARKER = re.compile(r"(?<=[^\d\s])(\d{1,3})(?!\w)")
YEAR_END = re.compile(r"(?<!\d)\d{4}\.$")
CLOSING = "\"'”’)]"
# What a line ends with when a clause ends there: a paragraph, a lead-in or a sub-item.
CLAUSE_END = re.compile(r"(?:[.:;!?]|;\s+(?:and|or|và|hoặc))$")
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


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph with the headings it sits under."""

    number: int
    line: int
    text: str
    section: str | None = None
    cluster: str | None = None
    cluster_heading: str | None = None
    articles: tuple[str, ...] = ()
    subheading: str | None = None
    sub_items: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()

    def heading_path(self) -> list[str]:
        """Section, cluster and sub-heading, the ones that exist."""
        cluster = f"{self.cluster}. {self.cluster_heading}" if self.cluster else None
        return [h for h in (self.section, cluster, self.subheading) if h]

    def first_words(self, count: int = 5) -> str:
        """The first words of the text after the paragraph number."""
        return " ".join(self.text.split()[1 : count + 1])


@dataclass(frozen=True)
class Notice:
    """Something the maintainer should look at; the import goes on."""

    message: str
    line: int = 0


@dataclass
class Document:
    """The parsed document: its paragraphs in order, and the warnings found on the way."""

    paragraphs: list[Paragraph]
    notices: list[Notice]


# --- Reading the three formats into lines -----------------------------------------------------


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
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def _is_superscript(run: Any) -> bool:
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


# --- Pieces of the layout: small pure functions -------------------------------------------------


def document_symbol(lines: list[Line]) -> tuple[str, int] | None:
    """The first UN document symbol standing alone on a line (a page header), and its line."""
    for line in lines:
        match = SYMBOL_LINE.match(line.text)
        if match:
            return match["symbol"], line.number
    return None


def is_concluding_observations(lines: list[Line], language: str) -> bool:
    """Whether a line names the document as concluding observations in ``language``."""
    phrases = TITLE_PHRASES[language]
    return any(phrase in line.text.casefold() for line in lines for phrase in phrases)


def is_furniture(text: str, symbol: str) -> bool:
    """Whether a line is page furniture: empty, the symbol, a page number, a job number."""
    if not text or PAGE_NUMBER.match(text) or BAR_CODE.match(text) or text.startswith("GE."):
        return True
    match = SYMBOL_LINE.match(text)
    return bool(match and match["symbol"] == symbol)


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


def ends_clause(text: str) -> bool:
    """Whether a line ends where a paragraph, lead-in or sub-item may end."""
    return bool(CLAUSE_END.search(strip_footnotes(text)[0].rstrip(CLOSING)))


def is_title_like(text: str, first_line: bool = True) -> bool:
    """Whether a line can be (part of) a heading: short, no number, no final punctuation."""
    bare = strip_footnotes(text)[0].rstrip(CLOSING)
    if not bare or len(text) > MAX_SUBHEADING or NUMBERED.match(text) or SUB_ITEM.match(text):
        return False
    if first_line and not bare[0].isupper():
        return False
    return bare[-1] not in ".,;:"


def heading_parts(text: str) -> tuple[str, str] | None:
    """The label and title of a section or cluster heading line, or None."""
    match = HEADING.match(text)
    if not match or len(text) > MAX_HEADING:
        return None
    title = match["title"]
    if not title[0].isupper() or title.rstrip(CLOSING).endswith("."):
        return None
    return match["label"], title


def roman_value(label: str) -> int:
    """The value of a Roman numeral (0 when ``label`` is not one)."""
    if not ROMAN.match(label):
        return 0
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for letter, after in zip(label, [*label[1:], ""], strict=True):
        value = values[letter]
        total += -value if after and values[after] > value else value
    return total


def split_articles(title: str) -> tuple[str, list[str]]:
    """A cluster title split into its heading and its articles.

    ``General measures (arts. 4, 42 and 44 (6))`` → ``General measures``, ``[4, 42, 44 (6)]``.
    A paragraph without its article (``18 (1) and (2)``) takes the one before it: ``18 (2)``.
    """
    match = ARTICLES.search(title)
    if not match:
        return title, []
    listed = title[match.end() :].strip()
    if listed.endswith(")") and listed.count("(") < listed.count(")"):
        listed = listed[:-1]
    articles: list[str] = []
    for item in re.split(r"\s*,\s*|\s+(?:and|và)\s+", listed):
        item = item.strip()
        if item.startswith("(") and articles:
            item = f"{articles[-1].split('(')[0].strip()} {item}"
        if item:
            articles.append(item)
    return title[: match.start()].rstrip(), articles


def join_wrapped(head: str, tail: str) -> str:
    """Join a wrapped line to the text before it, with a space.

    A line ending in a hyphen after a letter is joined without a space and keeps its hyphen: UN
    documents are not hyphenated, so such a break is almost always inside a compound word
    (``child-`` + ``friendly``); a word cut by hyphenation (``protec-`` + ``tion``) keeps a stray
    hyphen, which a reader spots more easily than two words glued together. A soft hyphen marks
    a cut word: it is dropped and the halves are joined.
    """
    if head.endswith("\u00ad"):
        return head[:-1] + tail
    if re.search(r"[^\W\d_][-‐]$", head):
        return head + tail
    return f"{head} {tail}"


def number_list(numbers: list[int]) -> str:
    """``1, 2, 3, 5, 7, 8`` as ``1-3, 5, 7, 8``: runs of three or more shortened."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    shown: list[str] = []
    for run in runs:
        shown += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return ", ".join(shown)


# --- The parser --------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A paragraph being read: its lines still carry their footnote markers."""

    number: int
    line: int
    lines: list[str]
    headings: dict[str, Any]
    sub_items: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Where the parser stands: the headings in force, the paragraph being read, the page."""

    section: str | None = None
    section_number: int = 0
    cluster: str | None = None
    cluster_heading: str | None = None
    articles: list[str] = field(default_factory=list)
    subheading: str | None = None
    heading_line: str = ""  # the last section or cluster heading as written
    open_heading: str | None = None  # "section", "cluster" or "subheading" on the line before
    draft: _Draft | None = None
    drafts: list[_Draft] = field(default_factory=list)
    previous: str | None = None  # the previous line of content
    page: int = 0
    page_markers: list[int] = field(default_factory=list)
    in_notes: bool = False  # inside the footnote text at the foot of a PDF page
    notices: list[Notice] = field(default_factory=list)

    def last_number(self) -> int | None:
        """The number of the last paragraph started."""
        return self.drafts[-1].number if self.drafts else None

    def at_boundary(self, line: Line) -> bool:
        """Whether ``line`` follows the end of a clause, a heading or a block break."""
        # Outside a paragraph (the title block, after a heading) no line continues anything.
        if line.new_block or self.draft is None or self.open_heading or self.previous is None:
            return True
        return ends_clause(self.previous)


def parse(lines: list[Line], symbol: str, language: str) -> Document:
    """Parse a document's lines into its numbered paragraphs; raise InputError on errors."""
    if not is_concluding_observations(lines, language):
        phrases = " or ".join(f"'{p}'" for p in TITLE_PHRASES[language])
        raise InputError(
            f"not a concluding observations document (found no line containing {phrases};"
            f" expected the Committee's concluding observations in '{language}')"
        )
    state = _State()
    found = document_symbol(lines)
    if found is None:
        state.notices.append(Notice(f"no line holds the symbol {symbol}: is it the right file?"))
    elif found[0] != symbol:
        raise InputError(f"symbol mismatch (found {found[0]}, expected {symbol})", found[1])
    content = [line for line in lines if not is_furniture(line.text, symbol)]
    for index in range(len(content)):
        _read(state, content, index)
    if not state.drafts:
        raise InputError("no numbered paragraphs found (expected lines such as '1. The …')")
    paragraphs = [_finish(draft) for draft in state.drafts]
    numbers = {p.number for p in paragraphs}
    missing = [n for n in range(1, max(numbers) + 1) if n not in numbers]
    if missing:
        state.notices.append(
            Notice(f"paragraphs missing from the numbering: {number_list(missing)}")
        )
    return Document(paragraphs, state.notices)


def _read(state: _State, content: list[Line], index: int) -> None:
    """Take one line of content into the state."""
    line = content[index]
    text = line.text
    if line.page != state.page:
        state.page, state.page_markers, state.in_notes = line.page, [], False
    if state.in_notes:
        return
    boundary = state.at_boundary(line)
    numbered = NUMBERED.match(text)
    heading = heading_parts(text) if boundary else None
    sub_item = SUB_ITEM.match(text) if boundary and state.draft else None
    if numbered and boundary and _is_new_number(state, int(numbered["number"])):
        _start_paragraph(state, line, int(numbered["number"]), numbered["rest"])
    elif line.page and _starts_notes(text, state.page_markers):
        state.in_notes = True
        return
    elif numbered and boundary and numbered["rest"][0].isupper():
        _check_duplicate(state, line, int(numbered["number"]))
        _continue(state, line)
    elif heading:
        _start_heading(state, *heading)
    elif sub_item and state.draft:
        _start_sub_item(state.draft, sub_item["label"], text)
        state.open_heading = None
    elif state.open_heading and _continues_heading(state, text):
        _extend_heading(state, text)
    elif boundary and is_title_like(text) and _heading_follows(content, index, state):
        state.subheading, state.open_heading, state.draft = (
            strip_footnotes(text)[0],
            "subheading",
            None,
        )
    else:
        _continue(state, line)
    state.previous = text
    state.page_markers += [int(m) for m in markers_in(text)]


def _is_new_number(state: _State, number: int) -> bool:
    # Numbers only go up: a lower or equal number is a wrapped line or footnote text.
    last = state.last_number()
    return last is None or number > last


def _starts_notes(text: str, page_markers: list[int]) -> bool:
    """Whether a PDF line starts the footnote text of its page."""
    match = FOOTNOTE_TEXT.match(text)
    if not match:
        return False
    if match["number"] is None:
        return True
    # The first note of a page is the first marker on it: a line "18 provinces …" stays text.
    return bool(page_markers) and int(match["number"]) == min(page_markers)


def _check_duplicate(state: _State, line: Line, number: int) -> None:
    for draft in state.drafts:
        if draft.number == number:
            raise InputError(
                f"duplicate paragraph number {number} (first at line {draft.line}; expected"
                " each number once: correct the numbering in the file)",
                line.number,
            )


def _start_paragraph(state: _State, line: Line, number: int, rest: str) -> None:
    headings = {
        "section": state.section,
        "cluster": state.cluster,
        "cluster_heading": state.cluster_heading,
        "articles": tuple(state.articles),
        "subheading": state.subheading,
    }
    state.draft = _Draft(number, line.number, [f"{number}. {rest}"], headings)
    state.drafts.append(state.draft)
    state.open_heading = None


def _start_heading(state: _State, label: str, title: str) -> None:
    # "I." and "V." are letters and numerals: the next cluster letter of the section wins, then
    # the next section number; any other single letter is a cluster.
    next_cluster = chr(ord(state.cluster) + 1) if state.cluster else "A"
    if len(label) > 1 or (label != next_cluster and roman_value(label) == state.section_number + 1):
        _set_section(state, label, title)
    else:
        _set_cluster(state, label, title)
    state.subheading, state.draft = None, None


def _set_section(state: _State, label: str, title: str) -> None:
    state.heading_line = state.section = f"{label}. {title}"
    state.section_number = roman_value(label)
    state.cluster, state.cluster_heading, state.articles = None, None, []
    state.open_heading = "section"


def _set_cluster(state: _State, label: str, title: str) -> None:
    state.heading_line = f"{label}. {title}"
    state.cluster = label
    state.cluster_heading, state.articles = split_articles(title)
    state.open_heading = "cluster"


def _start_sub_item(draft: _Draft, label: str, text: str) -> None:
    expected = chr(ord(draft.sub_items[-1]) + 1) if draft.sub_items else "a"
    if label == expected:
        draft.sub_items.append(label)
    draft.lines.append(text)


def _continues_heading(state: _State, text: str) -> bool:
    """Whether a line after a heading is the rest of it (a heading wrapped in a PDF)."""
    if NUMBERED.match(text) or SUB_ITEM.match(text) or heading_parts(text):
        return False
    if state.open_heading == "subheading":
        return is_title_like(text, first_line=False)
    # A heading line cannot stop inside its article list, on "of" or "the", or before a small
    # letter: the heading goes on.
    last_word = state.heading_line.rsplit(" ", 1)[-1].casefold()
    return (
        state.heading_line.count("(") > state.heading_line.count(")")
        or last_word in UNFINISHED
        or text[0].islower()
    )


def _extend_heading(state: _State, text: str) -> None:
    if state.open_heading == "subheading":
        state.subheading = join_wrapped(state.subheading or "", strip_footnotes(text)[0])
        return
    label, _, title = join_wrapped(state.heading_line, text).partition(". ")
    if state.open_heading == "section":
        _set_section(state, label, title)
    else:
        _set_cluster(state, label, title)


def _heading_follows(content: list[Line], index: int, state: _State) -> bool:
    """Whether a title-like line is followed by a paragraph or heading (at most one line on)."""

    def opens(position: int) -> bool:
        if position >= len(content):
            return False
        text = content[position].text
        numbered = NUMBERED.match(text)
        if numbered:
            return _is_new_number(state, int(numbered["number"]))
        return heading_parts(text) is not None

    following = index + 1
    if opens(following):
        return True
    return (
        following < len(content)
        and is_title_like(content[following].text, first_line=False)
        and opens(following + 1)
    )


def _continue(state: _State, line: Line) -> None:
    """Add a wrapped line to the paragraph being read (or note text outside any paragraph)."""
    state.open_heading = None
    if state.draft is None:
        if state.drafts:
            state.notices.append(
                Notice(f"text outside any paragraph ignored: '{line.text[:60]}'", line.number)
            )
        return
    state.draft.lines[-1] = join_wrapped(state.draft.lines[-1], line.text)


def _finish(draft: _Draft) -> Paragraph:
    """The finished paragraph: footnote markers recorded and removed, soft hyphens dropped."""
    lines, footnotes = [], []
    for raw in draft.lines:
        text, markers = strip_footnotes(raw.replace("\u00ad", ""))
        lines.append(text)
        footnotes += markers
    return Paragraph(
        number=draft.number,
        line=draft.line,
        text="\n".join(lines),
        sub_items=tuple(draft.sub_items),
        footnotes=tuple(footnotes),
        **draft.headings,
    )


# --- The data file and the stub pages -----------------------------------------------------------


def slug(symbol: str) -> str:
    """The file name of a symbol's data: ``CRC/C/VNM/CO/5-6`` → ``crc-c-vnm-co-5-6``."""
    return re.sub(r"[^a-z0-9]", "-", symbol.lower())


def source_entry(path: Path, content: bytes) -> dict[str, str]:
    """What the data file says about an imported file: its name and digest."""
    return {"file": path.name, "sha256": hashlib.sha256(content).hexdigest()}


def english_data(
    symbol: str, source: dict[str, str], paragraphs: list[Paragraph], old: dict[str, Any] | None
) -> tuple[dict[str, Any], list[int]]:
    """The data file for an English import, keeping the Vietnamese text of kept paragraphs.

    Returns the data and the numbers whose Vietnamese text had to go with their paragraph.
    """
    old = old or {}
    old_paragraphs = old.get("paragraphs") or {}
    sources: dict[str, Any] = {"en": source}
    if (old.get("sources") or {}).get("vi"):
        sources["vi"] = old["sources"]["vi"]
    entries: dict[int, Any] = {}
    for paragraph in paragraphs:
        text = {"en": paragraph.text}
        old_vi = ((old_paragraphs.get(paragraph.number) or {}).get("text") or {}).get("vi")
        if old_vi is not None:
            text["vi"] = old_vi
        entries[paragraph.number] = {
            "section": paragraph.section,
            "cluster": paragraph.cluster,
            "cluster_heading": paragraph.cluster_heading,
            "articles": list(paragraph.articles),
            "subheading": paragraph.subheading,
            "sub_items": list(paragraph.sub_items),
            "footnotes": list(paragraph.footnotes),
            "text": text,
        }
    dropped = [
        n
        for n, entry in old_paragraphs.items()
        if n not in entries and ((entry or {}).get("text") or {}).get("vi") is not None
    ]
    return {"symbol": symbol, "sources": sources, "paragraphs": entries}, sorted(dropped)


def vietnamese_data(
    old: dict[str, Any], source: dict[str, str], paragraphs: list[Paragraph]
) -> tuple[dict[str, Any], list[int]]:
    """The data file with the Vietnamese text added by paragraph number; unknown numbers back."""
    data = copy.deepcopy(old)
    data.setdefault("sources", {})["vi"] = source
    unknown = []
    for paragraph in paragraphs:
        entry = data.get("paragraphs", {}).get(paragraph.number)
        if entry is None:
            unknown.append(paragraph.number)
            continue
        entry.setdefault("text", {})["vi"] = paragraph.text
    return data, unknown


class _Text(str):
    """A paragraph's text: always written as a literal block, so every text reads alike."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes lists inline and paragraph texts as literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Text, _represent_text)
_Dumper.add_representer(list, _represent_list)


def dump_data(data: dict[str, Any]) -> str:
    """The data file's text: deterministic, Unicode as is, no line folded."""
    data = copy.deepcopy(data)
    for entry in data["paragraphs"].values():
        entry["text"] = {language: _Text(text) for language, text in entry["text"].items()}
    # yaml.dump with a SafeDumper subclass is yaml.safe_dump plus the two styles above.
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)


def load_data(path: Path) -> dict[str, Any] | None:
    """The existing data file, or None when there is none."""
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML ({error})", path=path.as_posix()) from error
    if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), dict):
        raise InputError("expected a mapping with 'paragraphs'", path=path.as_posix())
    return data


def stub_pages(symbol: str, number: int) -> dict[str, str]:
    """The Vietnamese and English stub pages of one paragraph, by file name."""
    vietnamese = [
        "---",
        "type: recommendation",
        f"id: p{number}",
        f"symbol: {symbol}",
        f"paragraph: {number}",
        "urgent: false",
        "themes: []",
        "sdg_targets: []",
        "tasks: []",
        "bodies: []",
        "text_status: official-en",
        f'title: "Đoạn {number}"',
        f'description: "Đoạn {number} của {symbol}, nhập từ văn bản chính thức;'
        ' chưa có tóm tắt và liên kết."',
        "---",
        "",
        f"# Đoạn {number} {{ #khuyen-nghi }}",
    ]
    english = [
        "---",
        f'title: "Paragraph {number}"',
        f'description: "Paragraph {number} of {symbol}, imported from the official text;'
        ' no summary or links yet."',
        "---",
        "",
        f"# Paragraph {number} {{ #khuyen-nghi }}",
    ]
    marker = ["", "<!-- kb:rec-text -->", ""]
    return {
        f"p{number}.md": "\n".join(vietnamese + marker),
        f"p{number}.en.md": "\n".join(english + marker),
    }


def describe_changes(
    old: dict[str, Any] | None, new: dict[str, Any], language: str
) -> list[tuple[str, list[int]]]:
    """Paragraph numbers added, changed and removed in ``language``'s part of the data."""

    def view(entry: Any) -> Any:
        if entry is None or language == "en":
            return entry
        return (entry.get("text") or {}).get("vi")

    before = {n: view(e) for n, e in ((old or {}).get("paragraphs") or {}).items()}
    after = {n: view(e) for n, e in new["paragraphs"].items()}
    added = [n for n, v in after.items() if v is not None and before.get(n) is None]
    changed = [n for n, v in after.items() if v is not None and before.get(n) not in (None, v)]
    removed = [n for n, v in before.items() if v is not None and after.get(n) is None]
    return [
        (kind, sorted(numbers))
        for kind, numbers in (("added", added), ("changed", changed), ("removed", removed))
        if numbers
    ]


# --- The command ------------------------------------------------------------------------------


def paragraphs_json(paragraphs: list[Paragraph]) -> str:
    """The parsed paragraphs as the JSON list that ``--json`` prints."""
    return json.dumps(
        [
            {
                "number": p.number,
                "heading_path": p.heading_path(),
                "sub_items": list(p.sub_items),
                "footnotes": list(p.footnotes),
                "first_words": p.first_words(),
            }
            for p in paragraphs
        ],
        ensure_ascii=False,
        indent=2,
    )


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Import one file as ``args`` say, writing messages to ``out``; raise InputError."""
    document = parse(read_lines(args.file), args.symbol, args.lang)
    notices = list(document.notices)
    data_path = args.docs / DATA_DIR / f"{slug(args.symbol)}.yml"
    shown = data_path.as_posix()
    old = load_data(data_path)
    source = source_entry(args.file, args.file.read_bytes())
    if args.lang == "vi":
        if old is None:
            raise InputError(f"{shown} does not exist: import the English text first")
        new, unknown = vietnamese_data(old, source, document.paragraphs)
        if unknown:
            notices.append(
                Notice(f"paragraphs not in the English data, skipped: {number_list(unknown)}")
            )
    else:
        new, dropped = english_data(args.symbol, source, document.paragraphs, old)
        if dropped:
            notices.append(
                Notice(
                    "Vietnamese text dropped with paragraphs no longer in the English text:"
                    f" {number_list(dropped)}"
                )
            )
    new_text = dump_data(new)
    old_text = data_path.read_text(encoding="utf-8") if old is not None else None
    stubs = missing_stubs(args.docs, args.symbol, document.paragraphs) if args.lang == "en" else {}

    if args.json:
        print(paragraphs_json(document.paragraphs))
    for notice in notices:
        where = f"{args.file}:{notice.line}: " if notice.line else ""
        print(f"{where}warning: {notice.message}", file=out)
    print(data_file_line(shown, old, new, old_text == new_text, args), file=out)
    if args.dry_run:
        for path in (path for pages in stubs.values() for path in pages):
            print(f"would create {path.as_posix()}", file=out)
        print("Dry run: nothing written.", file=out)
        return
    if new_text != old_text:
        data_path.parent.mkdir(parents=True, exist_ok=True)
        data_path.write_text(new_text, encoding="utf-8", newline="\n")
    for pages in stubs.values():
        for path, text in pages.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    if stubs:
        folder = (args.docs / PAGES_DIR).as_posix()
        print(
            f"created stub pages in {folder}/ for paragraphs {number_list(list(stubs))}", file=out
        )
    noun = "warning" if len(notices) == 1 else "warnings"
    print(
        f"Imported {len(document.paragraphs)} paragraphs ({args.lang}):"
        f" data file {'unchanged' if new_text == old_text else 'written'},"
        f" {2 * len(stubs)} stub pages created, {len(notices)} {noun}.",
        file=out,
    )


def data_file_line(
    shown: str, old: dict[str, Any] | None, new: dict[str, Any], same: bool, args: Any
) -> str:
    """What happens to the data file, with the paragraph numbers added, changed and removed."""
    if same:
        return f"{shown}: no changes ({len(new['paragraphs'])} paragraphs)"
    what = "Vietnamese text " if args.lang == "vi" else ""
    changes = describe_changes(old, new, args.lang)
    listed = "; ".join(f"{what}{kind} {number_list(numbers)}" for kind, numbers in changes)
    verb = "create" if old is None else "update"
    verb = f"would {verb}" if args.dry_run else f"{verb}d"
    return f"{verb} {shown}: {listed or 'new sources, same paragraphs'}"


def missing_stubs(
    docs: Path, symbol: str, paragraphs: list[Paragraph]
) -> dict[int, dict[Path, str]]:
    """Stub pages, by paragraph number, for the paragraphs with no page in either language."""
    folder = docs / PAGES_DIR
    stubs: dict[int, dict[Path, str]] = {}
    for paragraph in paragraphs:
        pages = {folder / name: text for name, text in stub_pages(symbol, paragraph.number).items()}
        if not any(path.exists() for path in pages):
            stubs[paragraph.number] = pages
    return stubs


def main(argv: list[str] | None = None) -> int:
    """Import the file named on the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the document: .docx, .pdf or .txt")
    parser.add_argument("--symbol", required=True, help="its UN symbol, e.g. CRC/C/VNM/CO/5-6")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="its language (en)")
    parser.add_argument("--docs", default="docs", type=Path, help="Markdown sources (docs/)")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the parsed paragraphs as JSON")
    args = parser.parse_args(argv)
    try:
        run(args, sys.stderr if args.json else sys.stdout)
    except InputError as failure:
        print(failure.located(str(args.file)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
