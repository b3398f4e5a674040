"""What one line of the UN layout is: furniture, a heading, a numbered paragraph, a sub-item.

Small pure functions over one line (or the list of lines, for the title and the symbol); the
parser (:mod:`thuynguyen_kb.importer.parser`) decides from them and from where it stands.
Lengths and word lists are heuristics measured on the Committee's documents: a heading with its
article list fits in :data:`MAX_HEADING` characters, while body text lines run longer.
"""

from __future__ import annotations

import re
from collections import Counter

from thuynguyen_kb.importer.footnotes import CLOSING, strip_footnotes
from thuynguyen_kb.importer.line import Line

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
# A number of any length and a full stop: more than three digits is never a paragraph that
# starts, but may be a wrong paragraph number (below).
NUMBER_START = re.compile(r"^(?P<number>\d+)\.(?!\d)\s*(?P<rest>\S.*)$")
# Where a wrapped line starts with four digits and a full stop, it is a year ending a sentence
# ("... by the year\n2030. The"), not a paragraph number; five or more digits are neither.
YEAR_DIGITS = 4
# The Committee numbers its paragraphs 1, 2, 3 … without gaps, in documents of 50 to 80
# paragraphs. Where the layout is read from wrapped lines (PDF, text), an excerpt may leave
# paragraphs out, a warning; a jump of more than this many is a wrong number, an error.
MAX_GAP = 100
HEADING = re.compile(r"^(?P<label>[IVXLC]+|[A-Z])\.\s+(?P<title>\S.*)$")
ROMAN = re.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
SUB_ITEM = re.compile(r"^\((?P<label>[a-z]{1,4})\)\s*(?=\S)")
ARTICLES = re.compile(r"\(\s*(?:articles?|arts?\.|(?:các\s+)?điều)\s*", re.IGNORECASE)
# A symbol never ends with a full stop: "1 CERD/C/BRA/18-20." is a footnote citing a report.
SYMBOL = r"[A-Z]+(?:/[A-Za-z0-9.\-]+){2,}(?<!\.)"
# A page header may carry the page number or "United Nations" beside the symbol, and the first
# page's symbol the star of a note ("CERD/C/BRA/CO/18-20*": reissued).
SYMBOL_LINE = re.compile(
    rf"^(?P<prefix>\d{{1,3}}\s+|United Nations\s+|Liên Hợp Quốc\s+)?(?P<symbol>{SYMBOL})\**"
    rf"(?:\s+\d{{1,3}})?$"
)
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BAR_CODE = re.compile(r"^\*\d+\*$")
# What a line ends with when a clause ends there: a paragraph, a lead-in or a sub-item.
CLAUSE_END = re.compile(r"(?:[.:;!?]|;\s+(?:and|or|và|hoặc))$")


def document_symbol(lines: list[Line]) -> tuple[str, int] | None:
    """The document's UN symbol, standing alone on a line (a page header), and its line.

    A footnote may cite another document alone on its line (``1 CERD/C/BRA/18-20``), so the
    footnote text of a PDF (:mod:`.pdf_layout`) is never read for it, and a symbol after a
    number counts only where it recurs, as a header with its page number does; otherwise
    the first one found (in a PDF, the header block at the top of the first page) wins.
    """
    found = [
        (match, line)
        for line in lines
        if line.layout != "note" and (match := SYMBOL_LINE.match(line.text))
    ]
    counts = Counter(match["symbol"] for match, _ in found)
    for match, line in found:
        prefix = match["prefix"] or ""
        if not prefix[:1].isdigit() or counts[match["symbol"]] > 1:
            return match["symbol"], line.number
    return (found[0][0]["symbol"], found[0][1].number) if found else None


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
