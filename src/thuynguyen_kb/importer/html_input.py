"""An HTML page read into lines: the text a reader of the page sees, block by block.

UN and university mirrors publish concluding observations as web pages. The page is parsed by
lxml's HTML parser (never by regular expressions), and only text comes out: entities are decoded,
tags, comments, scripts and styles never reach the lines. What the page's frame adds is dropped
(``nav``, ``header``, ``footer``, ``aside``, the block of footnotes at the end of the page) and
what is never shown (``head``, ``script``, ``style``, ``noscript``, ``template``, elements
marked ``hidden``).

Each block element (``p``, ``h1``-``h6``, ``li``, ``div``, a table cell, …) starts a line, as a
DOCX paragraph does; ``<br>`` continues the block on a new line. An ordered list's items get the
number a browser shows (``start``, ``value``, ``reversed``, ``type`` or a ``list-style-type``
style), written as the Committee types it: ``12.`` for numbers, ``(a)`` and ``(i)`` for small
letters and numerals, ``A.`` and ``IV.`` for capitals, so that the parser reads both the same.
A ``<sup>`` holding digits is a footnote marker, passed on as superscript digits like a DOCX
superscript run; the note it points to is not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.footnotes import SUPERSCRIPT
from thuynguyen_kb.importer.limits import MAX_HTML_BYTES, MAX_HTML_ELEMENTS, TextBudget
from thuynguyen_kb.importer.line import Line, clean
from thuynguyen_kb.importer.numbering import format_number

DROPPED = {
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "iframe", "object", "embed", "svg", "math", "select", "button",
}  # fmt: skip
BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "tr", "table", "ol", "ul",
    "dl", "dt", "dd", "blockquote", "pre", "address", "section", "article", "main", "figure",
    "figcaption", "caption", "center", "body", "html", "hr", "form", "fieldset", "details",
    "summary",
}  # fmt: skip
# How a page marks the block that holds its footnotes (pandoc, Word's "Web Page", mirrors).
NOTE_CLASSES = {"footnotes", "footnote", "endnotes", "endnote", "footnote-list", "references"}
NOTE_ROLES = {"doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote"}
# An ordered list's type attribute (case matters) and CSS list-style-type, as numFmt names.
LIST_TYPES = {
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
}  # fmt: skip
LIST_STYLES = {
    "decimal": "decimal", "lower-alpha": "lowerLetter", "lower-latin": "lowerLetter",
    "upper-alpha": "upperLetter", "upper-latin": "upperLetter", "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman", "none": "none", "disc": "none", "circle": "none",
    "square": "none",
}  # fmt: skip
# How the Committee types each kind of number: "12." and "IV." but "(a)" and "(iv)".
LABELS = {
    "decimal": "{}.", "upperLetter": "{}.", "upperRoman": "{}.", "lowerLetter": "({})",
    "lowerRoman": "({})",
}  # fmt: skip
LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# What an HTML page starts with, once a byte-order mark, white space, an XML declaration and
# comments are skipped.
HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|h[1-6]|table|ol|ul|section|article)\b",
    re.IGNORECASE | re.DOTALL,
)
SNIFFED = 4096  # how much of the start is looked at to tell HTML from other text


def html_lines(content: bytes) -> list[Line]:
    """The lines of an HTML page, each block its own; its source line is the line's number."""
    if len(content) > MAX_HTML_BYTES:
        raise InputError(
            f"this HTML file is far larger than a concluding observations page (found"
            f" {len(content):,} bytes, expected at most {MAX_HTML_BYTES:,}; a page of 20 pages of"
            " text is well under 1 MB): check that this is the right file"
        )
    if content.startswith((b"%PDF", b"PK\x03\x04")):
        raise InputError(_not_html(content))
    text = _decoded(content)
    if not HTML_START.match(text[:SNIFFED]):
        raise InputError(_not_html(content))
    root = _parsed(text)
    lines = _Reader().read(root)
    if not lines:
        raise InputError(
            "this HTML file has no text in its body (found only markup, expected the concluding"
            " observations as text; a page that loads its text with a script must be saved from"
            " the browser once shown, or its text copied into a .txt file)"
        )
    return lines


def _decoded(content: bytes) -> str:
    """The page as text, in the encoding it declares (UTF-8 where it declares none)."""
    if b"\x00" in content[:SNIFFED] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(_not_html(content))
    declared = CHARSET.search(content[:SNIFFED])
    encoding = declared[1].decode("ascii") if declared else "UTF-8"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "UTF-16"
    elif content.startswith(b"\xef\xbb\xbf"):
        encoding = "UTF-8"
    try:
        # utf-8-sig: a byte-order mark, which editors on Windows write, is not text.
        return content.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except LookupError as error:
        raise InputError(
            f"this HTML file declares an unknown encoding (found charset={encoding}, expected"
            " UTF-8); save the page again as UTF-8"
        ) from error
    except UnicodeDecodeError as error:
        how = "as it declares" if declared else "(it declares no charset: read as UTF-8)"
        raise InputError(
            f"this HTML file is not {encoding} text {how} ({error}); save the page again as UTF-8"
        ) from error


def _not_html(content: bytes) -> str:
    """Why a file named .html is not an HTML page."""
    if content.startswith(b"%PDF"):
        return "this file is a PDF, not HTML (found '%PDF' at its start); rename it to .pdf"
    if content.startswith(b"PK\x03\x04"):
        return (
            "this file is a zip archive (a DOCX?), not HTML (found 'PK' at its start); rename a"
            " Word document to .docx"
        )
    return (
        f"not an HTML file (found no HTML tag at its start, expected '<!DOCTYPE html>' or"
        f" '<html>'; the first bytes are {content[:12]!r}); save the page again as HTML, or its"
        " text as .txt"
    )


def _parsed(text: str) -> Any:
    """The page's tree; lxml's HTML parser copes with markup errors as browsers do."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:  # "Document is empty"
        raise InputError(f"this HTML file cannot be read ({error}); save the page again") from error


@dataclass
class _List:
    """An ordered list being read: the number its next item gets, and how it is written."""

    next: int
    step: int
    number_format: str | None  # None: an unordered list, no numbers


@dataclass
class _Reader:
    """Walks the tree in document order, collecting each block's text into lines."""

    lines: list[Line] = field(default_factory=list)
    budget: TextBudget = field(default_factory=TextBudget)
    parts: list[str] = field(default_factory=list)  # the text of the line being read
    block_lines: list[str] = field(default_factory=list)  # lines of the block ended by <br>
    source_line: int = 0
    label: str = ""  # a list item's number, put before its first line of text
    lists: list[_List] = field(default_factory=list)

    def read(self, root: Any) -> list[Line]:
        """The lines of the tree under ``root``.

        The walk uses its own stack, not recursion: a page nested thousands of elements deep
        would otherwise exhaust Python's.
        """
        stack: list[tuple[Any, bool]] = [(root, False)]
        elements = 0
        while stack:
            element, done = stack.pop()
            if done:
                self._end(element)
                continue
            elements += 1
            if elements > MAX_HTML_ELEMENTS:
                raise InputError(
                    f"this HTML file has far more elements than a concluding observations page"
                    f" (found more than {MAX_HTML_ELEMENTS:,}, expected about 10,000 for 20 pages):"
                    " check that this is the right file"
                )
            if not isinstance(element.tag, str) or _is_dropped(element):
                self._add(element.tail)  # a comment's or a dropped element's tail is shown
                continue
            descend = self._start(element)
            stack.append((element, True))
            if descend:
                stack += [(child, False) for child in reversed(element)]
        self._flush()
        return self.lines

    def _start(self, element: Any) -> bool:
        """Open an element: a block starts a line; a list or list item sets the numbers.
        Return whether what the element holds is still to read (a marker's is read already).
        """
        tag = element.tag.lower()
        if tag in BLOCKS:
            self._flush()
            self.source_line = element.sourceline or self.source_line
        if tag in ("ol", "ul"):
            self.lists.append(_new_list(element, tag))
        elif tag == "li":
            self.label = self._item_label(element)
        elif tag == "br":
            self.block_lines.append("".join(self.parts))
            self.parts = []
        elif tag == "sup" and element.text_content().strip().isdigit():
            # A footnote marker; its text is the digits, whatever markup (a link) holds them.
            self.parts.append(element.text_content().strip().translate(SUPERSCRIPT))
            return False
        self._add(element.text)
        return True

    def _end(self, element: Any) -> None:
        """Close an element: a block ends its line; the element's tail follows it."""
        tag = element.tag.lower()
        if tag in BLOCKS:
            self._flush()
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag == "li":
            self.label = ""
        self._add(element.tail)

    def _add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def _item_label(self, item: Any) -> str:
        """The number a browser shows for a list item, as the Committee types it ("" if none)."""
        if not self.lists or self.lists[-1].number_format is None:
            return ""
        current = self.lists[-1]
        value = _integer(item.get("value"))
        number = value if value is not None else current.next
        current.next = number + current.step
        number_format = _style_format(item) or current.number_format
        pattern = LABELS.get(number_format)
        return pattern.format(format_number(number, number_format)) + " " if pattern else ""

    def _flush(self) -> None:
        """End the block being read: its lines, the first with the item's number, if any."""
        texts = [*self.block_lines, "".join(self.parts)]
        self.block_lines, self.parts = [], []
        first = True
        for raw in texts:
            text = clean(raw)
            if not text:
                continue
            if first and self.label:
                text, self.label = self.label + text, ""
            self.budget.charge(text)
            self.lines.append(Line(self.source_line, text, new_block=first))
            first = False


def _is_dropped(element: Any) -> bool:
    """Whether an element and all it holds stay out of the text: page frame, hidden, code, and
    the footnotes at the end of the page (which would otherwise run on from the last paragraph;
    the DOCX and PDF readers leave the notes out too)."""
    tag = element.tag.lower()
    if tag in DROPPED or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true" and tag != "sup":
        return True
    return tag in BLOCKS and _holds_notes(element)


def _holds_notes(element: Any) -> bool:
    """Whether a block is the page's list of footnotes, as Word, pandoc and mirrors mark it
    (never a marker's link: only a block, and only by a whole class name)."""
    classes = set(element.get("class", "").lower().split())
    style = element.get("style", "").lower().replace(" ", "")
    return (
        bool(classes & NOTE_CLASSES)
        or element.get("role", "") in NOTE_ROLES
        or "mso-element:footnote" in style
        or "mso-element:endnote" in style
    )


def _new_list(element: Any, tag: str) -> _List:
    """A list's first number, direction and kind of number, as a browser reads them."""
    if tag == "ul":
        return _List(1, 1, _style_format(element) if _style_format(element) != "none" else None)
    reverse = element.get("reversed") is not None
    start = _integer(element.get("start"))
    number_format = _style_format(element) or LIST_TYPES.get(element.get("type", "1"), "decimal")
    if start is None:
        start = len(element.findall("li")) if reverse else 1
    return _List(start, -1 if reverse else 1, None if number_format == "none" else number_format)


def _style_format(element: Any) -> str | None:
    """The kind of number a ``list-style-type`` in the element's style attribute sets."""
    match = LIST_STYLE.search(element.get("style", ""))
    return LIST_STYLES.get(match[1].lower()) if match else None


def _integer(text: str | None) -> int | None:
    """An attribute as an integer, as a browser reads it (None where it is not one)."""
    try:
        return int(text.strip()) if text is not None else None
    except ValueError:
        return None
