"""Rules for blocks that a Markdown file opens and must close: otherwise the rest of the page
silently becomes code, a comment, or part of one HTML element.

- ``BLOCK-UNCLOSED``: a fenced code block (three or more backticks or tildes) with no closing
  fence; an HTML comment ``<!--`` with no ``-->``; a raw HTML block element (``<div markdown>``,
  ``<details>``, ``<table>`` …) with no closing tag. Reported at the line that opens it.
- ``BLOCK-UNOPENED``: a closing tag of such an element that closes nothing.

Fences are read like Python-Markdown's superfences (a closing fence is the same character, at
least as long, alone on its line). The raw HTML outside code is read with the standard library's
HTML tokenizer (``html.parser``, the one Python-Markdown itself uses for raw HTML), after inline
code spans are set aside, so `` `<div>` `` written as an example is not taken for a tag.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from thuynguyen_kb.markdown_source import FENCE
from thuynguyen_kb.problems import Problem

# Elements that hold blocks: left open, they swallow the rest of the page.
BLOCK_ELEMENTS = frozenset(
    {"div", "details", "table", "section", "article", "aside", "figure", "blockquote"}
    | {"dl", "ul", "ol", "nav"}
)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


class _BlockTags(HTMLParser):
    """Collects unbalanced block-element tags with their (0-based) line offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.left_open: list[tuple[str, int]] = []  # closed over by an outer element's end tag
        self.unopened: list[tuple[str, int]] = []
        self.offset = 0  # the file line of the tokenizer's line 1, minus one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self.open.append((tag, self.offset + self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in BLOCK_ELEMENTS:
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                self.left_open += self.open[index + 1 :]
                del self.open[index:]
                return
        self.unopened.append((tag, self.offset + self.getpos()[0]))


def check_blocks(shown: str, lines: list[str], start: int = 0) -> list[Problem]:
    """Report blocks opened from line index ``start`` on and never closed."""
    problems = []
    text: list[str] = []  # the file's lines outside fenced code, code lines left empty
    fence: tuple[str, int] | None = None  # (fence, line number) of the open code block
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0]) and stripped == stripped[0] * len(stripped):
                fence = None
            text.append("")
            continue
        opening = FENCE.match(line)
        if opening:
            fence = (opening.group(1), index + 1)
            text.append("")
            continue
        text.append(_CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line))
    if fence is not None:
        problems.append(
            _unclosed(
                shown,
                fence[1],
                f"the code block opened here with '{fence[0]}' is never closed (the rest of the"
                f" file would be shown as code): add a line '{fence[0]}' where the code ends",
            )
        )
    joined = "\n".join(text)
    unclosed_comment = _unclosed_comment(joined)
    if unclosed_comment is not None:
        number = start + 1 + joined.count("\n", 0, unclosed_comment)
        problems.append(
            _unclosed(
                shown,
                number,
                "the HTML comment opened here with '<!--' is never closed (the rest of the file"
                " would be hidden): add '-->' where the comment ends",
            )
        )
        joined = joined[:unclosed_comment]
    tags = _BlockTags()
    tags.offset = start
    tags.feed(joined)
    tags.close()
    for tag, number in tags.left_open + tags.open:
        problems.append(
            _unclosed(
                shown,
                number,
                f"the HTML element <{tag}> opened here is never closed (the rest of the file"
                f" would be inside it): add '</{tag}>' where it ends",
            )
        )
    for tag, number in tags.unopened:
        problems.append(
            Problem(
                shown,
                number,
                "BLOCK-UNOPENED",
                f"'</{tag}>' closes no <{tag}> (found a closing tag, expected an opening"
                f" <{tag}> before it): remove it, or add the opening tag",
            )
        )
    return problems


def _unclosed_comment(text: str) -> int | None:
    """Where in ``text`` a ``<!--`` opens a comment that no ``-->`` closes, if one does."""
    position = 0
    while (opening := text.find("<!--", position)) != -1:
        closing = text.find("-->", opening + 4)
        if closing == -1:
            return opening
        position = closing + 3
    return None


def _unclosed(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, "BLOCK-UNCLOSED", message)
