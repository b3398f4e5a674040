"""A PDF page read as lines of type: what each line is, told by its size and place on the page.

pypdf's plain ``extract_text`` gives the characters in the order of the content stream: the
header block of a UN document's first page comes last, a footnote marker is a digit like any
other (``2014 6 and``) and the footnotes, page headers and footers are lines like the text's.
Their type and place tell them apart, so this module reads each page through pypdf's
``visitor_text`` (each run of text with its matrices, font and size) and rebuilds the lines:

- runs are grouped into lines by their baseline, and the lines put in order from the top of the
  page down (the first page's header block, which holds the document symbol, comes first);
- a run of one to three digits (or of ``*``) set in a type smaller than its line's, not at the
  start of the line, is a footnote marker, whatever stands before it: the digits are written as
  superscript digits (:data:`~.footnotes.SUPERSCRIPT`), which the parser always takes for
  markers, and the stars (notes on the title and symbol) are dropped;
- in the lower half of a page, a line set smaller than the body text that starts as a footnote
  does (``1 CERD/…``, ``* Adopted …``) starts the footnote text: it and every line below it on
  the page are ``"note"``;
- a line in the top or bottom band of a page that recurs there on other pages (digits aside:
  ``CERD/C/BRA/CO/18-20``, ``2``, ``GE.22-27770``), or that is a page number or job number
  there, is ``"furniture"``;
- a line set in bold type larger than the body text, such as the lettered headings, is
  ``"heading"``: the parser reads it as a heading even where its letter was lost.

The body text's size is the size most of the document's characters are set in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from thuynguyen_kb.importer.footnotes import FOOTNOTE_TEXT, SUPERSCRIPT

SMALLER = 0.8  # a footnote marker is set at most this fraction of its line's size
NOTE_SIZE = 0.95  # footnote text is set smaller than this fraction of the body size
HEADING_SIZE = 1.1  # a heading is set larger than this fraction of the body size
BASELINE = 0.4  # runs whose baselines differ by less than this fraction of a size share a line
BAND = 0.08  # the fraction of the page height at the top and bottom where headers stand
MARKER_RUN = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*$")
JOB_OR_PAGE = re.compile(r"^(?:GE\.\S*|\d{1,3}|\d{1,3}\s+GE\.\S*|GE\.\S*\s+\d{1,3})$")


@dataclass
class Run:
    """A piece of text drawn at one place in one font."""

    text: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass
class PageLine:
    """The runs that share a baseline, in the order the page draws them."""

    y: float
    runs: list[Run] = field(default_factory=list)
    layout: str = ""

    @property
    def size(self) -> float:
        """The size most of the line's characters are set in."""
        sizes: Counter[float] = Counter()
        for run in self.runs:
            sizes[run.size] += len(run.text.strip())
        return sizes.most_common(1)[0][0] if sizes else 0.0

    @property
    def bold(self) -> bool:
        """Whether most of the line's characters are bold."""
        weight = sum(len(r.text.strip()) * (1 if r.bold else -1) for r in self.runs)
        return weight > 0

    def plain(self) -> str:
        """The line's characters as drawn, markers included (to compare lines of pages)."""
        return " ".join("".join(run.text for run in self.runs).split())


def page_runs(page: Any) -> list[Run]:
    """The runs of text of one pypdf page, with where they stand and their size."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        text = text.replace("\n", "")
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        runs.append(Run(text, x, y, round(size * scale, 2), "bold" in name.lower()))

    page.extract_text(visitor_text=visit)
    return runs


def group_lines(runs: Iterable[Run]) -> list[PageLine]:
    """The runs grouped by baseline, lines from the top of the page down.

    A superscript stands a little above its line and a footnote's number above the note's
    text: a run joins the line whose baseline is nearest, within a fraction of the larger size,
    and the line's baseline is that of its largest type.
    """
    lines: list[PageLine] = []
    tops: dict[int, float] = {}  # id(line) → the largest size in it
    for run in runs:
        near = [
            line
            for line in lines
            if abs(line.y - run.y) <= BASELINE * max(run.size, tops[id(line)])
        ]
        if near:
            line = min(near, key=lambda line: abs(line.y - run.y))
        else:
            line = PageLine(run.y)
            lines.append(line)
            tops[id(line)] = 0.0
        if run.size > tops[id(line)]:
            tops[id(line)] = run.size
            if run.text.strip() or len(line.runs) == 0:
                line.y = run.y
        line.runs.append(run)
    return sorted(lines, key=lambda line: -line.y)


def body_size(pages: list[list[PageLine]]) -> float:
    """The size most of the document's characters are set in."""
    sizes: Counter[float] = Counter()
    for line in (line for page in pages for line in page):
        for run in line.runs:
            sizes[run.size] += len(run.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def is_marker(run: Run, line: PageLine, index: int) -> bool:
    """Whether a run is a footnote marker: a number or stars set small, after the line's start."""
    if not MARKER_RUN.match(run.text) or run.size >= SMALLER * line.size:
        return False
    return any(other.text.strip() for other in line.runs[:index])


def line_text(line: PageLine) -> str:
    """The line's text, footnote markers as superscript digits and stars dropped."""
    parts: list[str] = []
    for index, run in enumerate(line.runs):
        if not is_marker(run, line, index):
            parts.append(run.text)
        elif run.text.strip()[0] != "*":
            # A space after the marker: its note ends the word before, never joins the next.
            parts.append(run.text.strip().translate(SUPERSCRIPT) + " ")
    return "".join(parts)


def starts_notes(line: PageLine, body: float, height: float) -> bool:
    """Whether a line starts the footnote text at the foot of its page."""
    if line.y > height / 2 or not line.size or line.size >= NOTE_SIZE * body:
        return False
    return bool(FOOTNOTE_TEXT.match(line.plain()))


def mark_notes(page: list[PageLine], body: float, height: float) -> None:
    """Mark the footnote text of a page: from the line that starts it to the foot of the page."""
    for index, line in enumerate(page):
        if starts_notes(line, body, height):
            for note in page[index:]:
                note.layout = "note"
            return


def band_shape(line: PageLine) -> str:
    """A line's text with its digits blurred: a page header is the same on every page."""
    return re.sub(r"\d+", "#", line.plain())


def in_band(line: PageLine, height: float) -> bool:
    """Whether a line stands in the top or bottom band of its page, where headers stand."""
    return line.y >= height * (1 - BAND) or line.y <= height * BAND


def mark_furniture(pages: list[list[PageLine]], heights: list[float]) -> None:
    """Mark page headers and footers: lines in a page's band that recur on other pages' bands,
    or that are a page or job number there."""
    seen: Counter[str] = Counter()
    for page, height in zip(pages, heights, strict=True):
        seen.update({band_shape(line) for line in page if in_band(line, height)})
    for page, height in zip(pages, heights, strict=True):
        for line in page:
            if not in_band(line, height) or line.layout:
                continue
            if seen[band_shape(line)] > 1 or JOB_OR_PAGE.match(line.plain()):
                line.layout = "furniture"


def mark_headings(pages: list[list[PageLine]], body: float) -> None:
    """Mark the lines set in bold type larger than the body text: headings."""
    for line in (line for page in pages for line in page):
        if not line.layout and line.bold and line.size > HEADING_SIZE * body:
            line.layout = "heading"


def layout_pages(pages: list[list[Run]], heights: list[float]) -> list[list[tuple[str, str]]]:
    """Each page's lines, top down, as (text, layout), once the whole document is measured."""
    lines = [group_lines(runs) for runs in pages]
    body = body_size(lines)
    for page, height in zip(lines, heights, strict=True):
        mark_notes(page, body, height)
    mark_furniture(lines, heights)
    mark_headings(lines, body)
    return [[(line_text(line), line.layout) for line in page] for page in lines]
