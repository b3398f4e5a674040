"""The UN layout read from a document's lines into its numbered paragraphs.

:func:`parse` takes the lines one at a time into a :class:`_State` (the headings in force, the
paragraph being read, the page): each line starts a paragraph, a heading, a sub-heading or a
sub-item, continues what came before, or is footnote text to skip. Whether a line can start
anything depends on the line before it (:meth:`_State.at_boundary`), because a wrapped line of
body text may begin with a number, a letter and a full stop just like a heading. A numbered
line where a paragraph may start either opens the next paragraph (:func:`_opens_next`), or,
if it looks like a paragraph's start, stops the import as out of sequence
(:func:`_looks_like_a_start`): a paragraph number typed wrong is never glued into another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.footnotes import markers_in, starts_notes, strip_footnotes
from thuynguyen_kb.importer.line import Line
from thuynguyen_kb.importer.listing import number_list
from thuynguyen_kb.importer.shapes import (
    MAX_GAP,
    NUMBER_START,
    NUMBERED,
    SUB_ITEM,
    TITLE_PHRASES,
    UNFINISHED,
    YEAR_DIGITS,
    document_symbol,
    ends_clause,
    heading_parts,
    is_concluding_observations,
    is_furniture,
    is_title_like,
    join_wrapped,
    roman_value,
    split_articles,
)

# Lines the PDF's layout says are not the text (:mod:`.pdf_layout`): footnotes, headers, footers.
DROPPED_LAYOUTS = ("note", "furniture")


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
        raise InputError(
            f"no line holds the document symbol (found none, expected {symbol} alone on a line,"
            " as the UN prints it in the page header): check that this is the right file and"
            " that --symbol is its symbol"
        )
    if found[0] != symbol:
        raise InputError(f"symbol mismatch (found {found[0]}, expected {symbol})", found[1])
    content = [
        line
        for line in lines
        if line.layout not in DROPPED_LAYOUTS and not is_furniture(line.text, symbol)
    ]
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
    numbered = NUMBERED.match(text) if boundary else None
    number_start = NUMBER_START.match(text) if boundary else None
    heading = heading_parts(text) if boundary else None
    sub_item = SUB_ITEM.match(text) if boundary and state.draft else None
    # The order of the tests is the order of precedence: the next number first, then the start
    # of a PDF page's notes (before a number is taken as out of sequence), then the headings.
    if numbered and _opens_next(state, line, int(numbered["number"])):
        _start_paragraph(state, line, int(numbered["number"]), numbered["rest"])
    elif line.page and starts_notes(text, state.page_markers):
        state.in_notes = True
        return
    elif number_start and _looks_like_a_start(line, number_start):
        raise _sequence_error(state, line, int(number_start["number"]))
    elif heading:
        _start_heading(state, *heading)
    elif sub_item and state.draft:
        _start_sub_item(state.draft, sub_item["label"], text)
        state.open_heading = None
    elif state.open_heading and _continues_heading(state, text):
        _extend_heading(state, text)
    elif boundary and _lost_its_letter(state, content, index):
        _start_unlettered_heading(state, line)
    elif (
        boundary
        and _past_title(state)
        and is_title_like(text)
        and _heading_follows(content, index, state)
    ):
        state.subheading, state.open_heading, state.draft = (
            strip_footnotes(text)[0],
            "subheading",
            None,
        )
    else:
        _continue(state, line)
    state.previous = text
    state.page_markers += [int(m) for m in markers_in(text)]


def _past_title(state: _State) -> bool:
    """Whether the title block is over: a heading or a paragraph has been read.

    Before that, a short line without a full stop is the document's title (``Concluding
    observations on …``), not a sub-heading of the first paragraph.
    """
    return bool(state.section or state.cluster or state.drafts)


def _lost_its_letter(state: _State, content: list[Line], index: int) -> bool:
    """Whether a line is a lettered heading whose letter the text lost (``Other
    recommendations``, where Word numbered the heading itself).

    It stands between paragraphs, is short without a final full stop, and either the PDF sets
    it like the lettered headings (:mod:`.pdf_layout`), or, in a file without type sizes, a
    sub-heading follows it (a capitalised short line, then the next paragraph): a sub-heading
    alone before a paragraph stays a sub-heading.
    """
    line = content[index]
    if not state.drafts or not is_title_like(line.text) or heading_parts(line.text):
        return False
    if line.page:
        return line.layout == "heading"
    following = index + 1
    if following >= len(content) or line.text.rsplit(" ", 1)[-1].casefold() in UNFINISHED:
        return False
    return (
        state.cluster is not None
        and is_title_like(content[following].text)
        and heading_parts(content[following].text) is None
        and _heading_follows(content, following, state)
        and NUMBERED.match(content[following + 1].text) is not None
    )


def _start_unlettered_heading(state: _State, line: Line) -> None:
    """Open a heading that lost its letter as the next cluster, and say so."""
    letter = chr(ord(state.cluster) + 1) if state.cluster else "A"
    title = strip_footnotes(line.text)[0]
    _set_cluster(state, letter, title)
    state.subheading, state.draft = None, None
    state.notices.append(
        Notice(
            f"heading '{title}' has no letter in the text: read as cluster {letter}"
            " (check it against the document)",
            line.number,
        )
    )


def _is_new_number(state: _State, number: int) -> bool:
    """Whether ``number`` can start a paragraph: it is higher than the last one started."""
    # Numbers only go up: a lower or equal number is a wrapped line or footnote text.
    last = state.last_number()
    return last is None or number > last


def _opens_next(state: _State, line: Line, number: int) -> bool:
    """Whether a numbered line where a paragraph may start opens the next paragraph.

    A line that starts a block of its own (a DOCX paragraph, a text line after an empty one)
    cannot be a wrapped line, so its number must be the next one. In wrapped lines (PDF, text)
    the parser may have missed a start, so a gap is allowed, and warned about, up to MAX_GAP.
    """
    last = state.last_number()
    if last is not None and line.new_block:
        return number == last + 1
    return (last or 0) < number <= (last or 0) + MAX_GAP


def _looks_like_a_start(line: Line, match: re.Match[str]) -> bool:
    """Whether a numbered line that does not open the next paragraph must be a wrong number.

    It must, where it starts a block of its own or where a capital letter follows its number
    (``12. The``), as a paragraph's first words do; but four digits in a wrapped line are a
    year ending a sentence, and a small letter (``12. of``) a wrapped line of text.
    """
    digits, rest = match["number"], match["rest"]
    if line.new_block:
        return True
    return rest[0].isupper() and len(digits) != YEAR_DIGITS


def _sequence_error(state: _State, line: Line, number: int) -> InputError:
    """The error for a paragraph number that is used already, goes back or jumps ahead."""
    for draft in state.drafts:
        if draft.number == number:
            return InputError(
                f"duplicate paragraph number {number} (first at line {draft.line}; expected"
                " each number once: correct the numbering in the file)",
                line.number,
            )
    last = state.last_number()
    after = f"after paragraph {last}" if last is not None else "before any other paragraph"
    return InputError(
        f"paragraph number {number} out of sequence (found {number} {after}, expected"
        f" {(last or 0) + 1}: the numbers go up one at a time; correct the number in the file)",
        line.number,
    )


def _start_paragraph(state: _State, line: Line, number: int, rest: str) -> None:
    """Open paragraph ``number`` under the headings in force."""
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
    """Open a section or a cluster heading; it ends the paragraph and sub-heading before it."""
    # "I." and "V." are letters and numerals: the next cluster letter of the section wins, then
    # the next section number; any other single letter is a cluster.
    next_cluster = chr(ord(state.cluster) + 1) if state.cluster else "A"
    if len(label) > 1 or (label != next_cluster and roman_value(label) == state.section_number + 1):
        _set_section(state, label, title)
    else:
        _set_cluster(state, label, title)
    state.subheading, state.draft = None, None


def _set_section(state: _State, label: str, title: str) -> None:
    """Make ``label. title`` the section in force; a new section has no cluster yet."""
    state.heading_line = state.section = f"{label}. {title}"
    state.section_number = roman_value(label)
    state.cluster, state.cluster_heading, state.articles = None, None, []
    state.open_heading = "section"


def _set_cluster(state: _State, label: str, title: str) -> None:
    """Make ``label. title`` the cluster in force, its article list split off."""
    state.heading_line = f"{label}. {title}"
    state.cluster = label
    state.cluster_heading, state.articles = split_articles(title)
    state.open_heading = "cluster"


def _start_sub_item(draft: _Draft, label: str, text: str) -> None:
    """Put a sub-item on its own line; record its label while the labels follow the alphabet."""
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
    """Add a wrapped line to the heading it continues, read again as a whole."""
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
