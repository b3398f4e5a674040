"""Reading the site's Markdown sources: lines, front matter, headings and explicit ids.

Used by the loader (:mod:`thuynguyen_kb.loader`), the rules and the renderers, so that every
part reads a page the same way.

Markdown is read by a small line scanner, not by a CommonMark parser such as markdown-it-py: the
site is written in Python-Markdown's dialect, where admonition bodies are indented by four spaces
and ``{ #id }`` attribute lists (attr_list) follow headings and paragraphs. A CommonMark parser
would read those bodies as code blocks and the attribute lists as text. The scanner needs only
three facts per line: inside a fenced code block or HTML comment or not, ATX heading or not,
attribute list or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thuynguyen_kb import yaml_data
from thuynguyen_kb.problems import Problem

# Python-Markdown reads an ATX heading only at the start of a line; indented lines belong to an
# admonition, a list item or a code block.
HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*))?")
# attr_list: ``{ #id .class key=value }``, optionally ``{: … }``; at the end of a heading, or
# alone on a line under a paragraph or list item.
ATTR_AT_END = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*$")
ATTR_LINE = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*")
FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
# def_list: a definition starts with ":" after at most three spaces, then one to three spaces.
DEFINITION_START = re.compile(r"[ ]{0,3}:[ ]{1,3}(.*)")


@dataclass
class Source:
    """One Markdown file under the docs folder, as read for the rules."""

    shown: str  # the path printed in messages, e.g. docs/ke-hoach.md
    rel: str  # the path inside the docs folder, with '/', e.g. ke-hoach.md
    lines: list[str]
    body_start: int = 0  # index of the first line after the front matter
    front_matter: dict[str, Any] | None = None
    field_lines: dict[str, int] = field(default_factory=dict)
    document: yaml_data.YamlDocument | None = None  # the front matter with its lines


def read_lines(path: Path) -> tuple[list[str] | None, Problem | None]:
    """The file's lines (split on line feeds only), or a TEXT-ENCODING problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, Problem(
            path.as_posix(),
            line,
            "TEXT-ENCODING",
            f"file is not UTF-8 text (found byte 0x{data[error.start]:02X}, expected UTF-8;"
            " save the file as UTF-8 in your editor)",
        )
    # str.splitlines() would also split on some control characters and so hide them.
    return text.split("\n"), None


def read_front_matter(source: Source) -> list[Problem]:
    """Parse the page's front matter into ``source``; report a missing or unreadable block."""
    lines = source.lines
    # MkDocs drops a byte order mark when it reads a page (TEXT-CONTROL still reports it).
    first = lines[0].removeprefix("\ufeff") if lines else ""
    if first.rstrip(" \t") != "---":
        return [
            Problem(
                source.shown,
                1,
                "FRONT-MATTER-MISSING",
                "page has no front matter (found no '---' on line 1, expected a block between"
                " two '---' lines with the page's title and description; add it at the top,"
                " as in the other pages)",
            )
        ]
    # Closed by '---' or '...', as MkDocs does (mkdocs/utils/meta.py).
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip(" \t") in ("---", "...")), None)
    if end is None:
        return [
            Problem(
                source.shown,
                1,
                "FRONT-MATTER-YAML",
                "front matter is not closed (found no second '---' line, expected one after the"
                " last field; add a line '---' after the front matter)",
            )
        ]
    source.body_start = end + 1
    # The block starts on the file's line 2.
    document, problems = yaml_data.parse(
        "\n".join(lines[1:end]), source.shown, "FRONT-MATTER-YAML", 2, "front matter is "
    )
    if document is None:
        return problems
    data = document.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        return [
            Problem(
                source.shown,
                1,
                "FRONT-MATTER-YAML",
                f"front matter is not a list of fields (found {found}, expected 'name: value'"
                " lines such as 'title: ...'; write each field as 'name: value')",
            )
        ]
    source.front_matter = data
    source.document = document
    for number in range(1, end):
        key = re.match(r"([^\s:#][^:]*?)[ \t]*:", lines[number])
        if key:
            source.field_lines.setdefault(key.group(1), number + 1)
    return problems  # keys given twice


def outside_code(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    """Yield ``(index, line)`` from ``start``, skipping fenced code blocks and their fences."""
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped == stripped[0] * len(stripped):
                fence = None
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        yield index, line


def markdown_lines(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, line)`` from ``start``, skipping fenced code and HTML comments."""
    in_comment = False
    for index, line in outside_code(lines, start):
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            continue
        yield index + 1, line


def headings(source: Source) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line number, level, line)`` for every ATX heading of the page."""
    for number, line in markdown_lines(source.lines, source.body_start):
        match = HEADING.fullmatch(line)
        if match:
            yield number, len(match.group(1)), line


def ids_in(attributes: str) -> list[str]:
    """The ids in an attr_list body such as ``#ii-1 .plan-kind`` or ``id="ii-1"``."""
    ids = []
    for token in attributes.split():
        if token.startswith("#") and len(token) > 1:
            ids.append(token[1:])
        elif token.startswith("id="):
            ids.append(token[3:].strip("\"'"))
    return ids


def is_definition_term(lines: list[str], index: int) -> bool:
    """True if ``lines[index]`` is a term of a definition list: the terms' lines (text at the
    margin) go on to a line starting with ``:``, with at most one blank line before it."""
    position = index + 1
    while position < len(lines) and lines[position].strip():
        line = lines[position]
        if DEFINITION_START.fullmatch(line):
            return True
        if line[:1] in " \t" or HEADING.fullmatch(line):
            return False
        position += 1
    following = position + 1  # the line after one blank line
    return following < len(lines) and DEFINITION_START.fullmatch(lines[following]) is not None


def explicit_ids(source: Source) -> dict[str, int]:
    """Every explicit id of the page, with the line of its first occurrence: on headings,
    alone on a line under a paragraph or list item, and at the end of a definition's term."""
    found: dict[str, int] = {}
    for number, line in markdown_lines(source.lines, source.body_start):
        heading = HEADING.fullmatch(line.lstrip())
        match = ATTR_AT_END.search(line) if heading else ATTR_LINE.fullmatch(line)
        end = None if match else ATTR_AT_END.search(line)
        if (
            end
            and line[: end.start()].endswith(" ")
            and is_definition_term(source.lines, number - 1)
        ):
            match = end
        if match:
            for element_id in ids_in(match.group(1)):
                found.setdefault(element_id, number)
    return found


def blocks_by_id(source: Source) -> dict[str, list[str]]:
    """The Markdown of every block carrying an explicit id, for quoting it elsewhere.

    A paragraph or list followed by a ``{ #id }`` line gives the lines above it, up to the blank
    line before. A heading ``## Title { #id }`` gives its title (in bold) and everything below it
    up to the next heading of the same or a higher level, a line of HTML, or a paragraph that has
    an id of its own. Attribute-list lines are left out.
    """
    lines = source.lines
    scanned = list(markdown_lines(lines, source.body_start))
    blocks: dict[str, list[str]] = {}
    for position, (number, line) in enumerate(scanned):
        heading = HEADING.fullmatch(line)
        if heading and (end := ATTR_AT_END.search(line)):
            level = len(heading.group(1))
            title = line[: end.start()].lstrip("#").strip()
            body: list[str] = []
            for _, following in scanned[position + 1 :]:
                match = HEADING.fullmatch(following)
                if (match and len(match.group(1)) <= level) or following.startswith("<"):
                    break
                own = ATTR_LINE.fullmatch(following)
                if own and ids_in(own.group(1)):
                    while body and body[-1].strip():  # that paragraph belongs to its own id
                        body.pop()
                    break
                body.append(following)
            for element_id in ids_in(end.group(1)):
                blocks[element_id] = _trim([f"**{title}**", "", *body])
        elif (attrs := ATTR_LINE.fullmatch(line)) and ids_in(attrs.group(1)):
            paragraph: list[str] = []
            index = number - 2
            while index >= 0 and lines[index].strip():
                paragraph.insert(0, lines[index])
                index -= 1
            for element_id in ids_in(attrs.group(1)):
                blocks[element_id] = _trim(paragraph)
    return blocks


def _trim(lines: list[str]) -> list[str]:
    """Drop attribute-list lines and leading and trailing blank lines."""
    kept = [line for line in lines if not ATTR_LINE.fullmatch(line)]
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept
