"""The ``<!-- kb:… -->`` markers: which exist, where each may stand, and how they are found.

A page asks for generated content with an HTML comment on a line of its own, such as
``<!-- kb:index type=task -->``; the build replaces it with Markdown from the renderers
(:mod:`thuynguyen_kb.render`). This module is the one list of markers: the rule that checks them
(:mod:`thuynguyen_kb.rules.markers`), the renderers' dispatch and the editors' guide all follow
:data:`SPECS`. Markers inside fenced code blocks, and markers quoted as code (`` `<!-- kb:… -->` ``)
are text, not markers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from thuynguyen_kb.markdown_source import outside_code

# A marker on a line of its own, indented or not (inside a list item, a card, an admonition).
MARKER = re.compile(r"([ \t]*)<!--\s*kb:([a-z-]+)((?:\s+[a-z_]+=[\w.-]+)*)\s*-->[ \t]*")
# Anything that looks like a marker, unless it is quoted as code.
ANY_MARKER = re.compile(r"(?<!`)<!--\s*kb:")
CSV_TABLES = ("phan-cong", "khuyen-nghi")  # kb:csv table=<name>: the tables written as CSV


@dataclass(frozen=True)
class MarkerSpec:
    """A marker: the record kinds of the pages it works on (none: any page) and its options."""

    kinds: tuple[str, ...] = ()
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # () = checked elsewhere
    required: tuple[str, ...] = ()


SPECS: dict[str, MarkerSpec] = {
    "index": MarkerSpec(
        options={"type": ("task", "body"), "style": ("short",)}, required=("type",)
    ),
    "quote": MarkerSpec(options={"ref": ()}, required=("ref",)),
    "task-bodies": MarkerSpec(kinds=("task",)),
    "recommendations": MarkerSpec(kinds=("task", "body")),
    "body-tasks": MarkerSpec(kinds=("body",)),
    "checklist": MarkerSpec(kinds=("body",)),
    "reporting": MarkerSpec(kinds=("body",)),
    "training": MarkerSpec(kinds=("body",)),
    "report-form": MarkerSpec(kinds=("body",)),  # the body's report form (render/forms.py)
    "report-forms": MarkerSpec(),  # every body's report forms
    "rec-facts": MarkerSpec(kinds=("recommendation",)),
    "rec-text": MarkerSpec(kinds=("recommendation",)),
    "rec-links": MarkerSpec(kinds=("recommendation",)),
    "rec-index": MarkerSpec(
        options={"by": ("urgent", "cluster", "theme", "body")}, required=("by",)
    ),
    "module-index": MarkerSpec(),
    "module-table": MarkerSpec(),
    "module-downloads": MarkerSpec(kinds=("module",)),
    "downloads": MarkerSpec(),
    "matrix": MarkerSpec(),
    "csv": MarkerSpec(options={"table": CSV_TABLES}, required=("table",)),
    "glossary-index": MarkerSpec(),  # the page's own terms (thuynguyen_kb.glossary)
    "whats-new": MarkerSpec(),
    "contact": MarkerSpec(options={"part": ("publisher", "email")}, required=("part",)),
    "progress": MarkerSpec(kinds=("task", "body")),  # what was reported (render/progress.py)
    "progress-overview": MarkerSpec(),  # the progress page: every report of every period
    "reviewed": MarkerSpec(),  # on a page whose front matter has reviewed: (rules/accessibility)
}


@dataclass(frozen=True)
class Marker:
    """One marker line: where it is, its indent, its name and options."""

    line: int
    text: str
    indent: str = ""
    name: str = ""
    options: dict[str, str] = field(default_factory=dict)
    well_formed: bool = True


def scan(lines: list[str], start: int = 0, first_number: int = 1) -> Iterator[Marker]:
    """Every marker in ``lines[start:]``, outside fenced code; ``first_number`` is line 0's."""
    for index, line in outside_code(lines, start):
        if not ANY_MARKER.search(line):
            continue
        number = index + first_number
        match = MARKER.fullmatch(line)
        if match is None:
            yield Marker(number, line, well_formed=False)
            continue
        options = dict(pair.split("=", 1) for pair in match.group(3).split())
        yield Marker(number, line, match.group(1), match.group(2), options)


def problems_of(marker: Marker, page_kind: str | None, quotable: set[str]) -> list[str]:
    """What is wrong with a marker on a page of ``page_kind`` (``page`` for a plain page, None
    when not known); ``quotable`` are the plan items that can be quoted in every language."""
    if not marker.well_formed:
        return ["malformed marker (expected '<!-- kb:name key=value -->' alone on its line)"]
    spec = SPECS.get(marker.name)
    if spec is None:
        close = difflib.get_close_matches(marker.name, SPECS, n=1)
        hint = f"did you mean 'kb:{close[0]}'? " if close else ""
        known = ", ".join(sorted(SPECS))
        return [f"unknown marker ({hint}expected one of: {known})"]
    found = []
    if spec.kinds and page_kind is not None and page_kind not in spec.kinds:
        expected = " or ".join(f"'{k}'" for k in spec.kinds)
        found.append(f"only works on a page of type {expected} (this page is not one)")
    for name in spec.required:
        if name not in marker.options:
            found.append(f"needs {name}=… (expected e.g. {name}={_example(spec, name)})")
    for name, value in marker.options.items():
        if name not in spec.options:
            known = ", ".join(f"{n}=" for n in spec.options) or "no options"
            found.append(f"{name}= is not an option of kb:{marker.name} (expected {known})")
        elif spec.options[name] and value not in spec.options[name]:
            allowed = ", ".join(f"{name}={v}" for v in spec.options[name])
            found.append(f"{name}={value} is unknown (expected {allowed})")
    if marker.name == "quote" and "ref" in marker.options:
        ref = marker.options["ref"]
        if ref not in quotable:
            found.append(
                f"ref={ref} names no item of the plan that can be quoted (expected the id of a"
                " numbered item or a part, such as ii-3, in both languages' plan pages)"
            )
    return found


def _example(spec: MarkerSpec, name: str) -> str:
    return spec.options[name][0] if spec.options.get(name) else "ii-3"
