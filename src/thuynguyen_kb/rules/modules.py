"""Rules for training-module pages (``type: module``), in every language.

A trainer relies on every module having the same parts in the same places, and on its agenda
adding up to the time announced. So each module page, in each language, must have:

- ``MODULE-SECTION``: a heading with each id of ``REQUIRED_IDS`` (same ids in both languages);
- ``AGENDA-TIME``: in the ``#agenda`` section, a table whose first column is headed ``Phút`` or
  ``Minutes`` and holds whole minutes that add up to the front matter's ``duration``;
- ``MODULE-SOURCES``: at least one list item in the ``#sources`` section.
"""

from __future__ import annotations

import re

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import ATTR_AT_END, HEADING, Source, ids_in, markdown_lines
from thuynguyen_kb.problems import Problem

REQUIRED_IDS = (
    "audience", "objectives", "agenda", "activities", "key-messages", "handout", "quiz",
    "evaluation", "sources",
)  # fmt: skip
MINUTES_HEADERS = {"phút", "minutes"}
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def sections(source: Source) -> dict[str, tuple[int, list[tuple[int, str]]]]:
    """Each ``##`` section with an id: its heading line and its ``(line, text)`` lines."""
    found: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    current: list[tuple[int, str]] | None = None
    for number, line in markdown_lines(source.lines, source.body_start):
        heading = HEADING.fullmatch(line)
        if heading and len(heading.group(1)) <= 2:
            current = None
            end = ATTR_AT_END.search(line)
            for element_id in ids_in(end.group(1)) if end else []:
                current = []
                found[element_id] = (number, current)
        elif current is not None:
            current.append((number, line))
    return found


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(line.strip().strip("|"))]


def agenda_minutes(lines: list[tuple[int, str]]) -> tuple[list[int], str | None]:
    """The minutes of the agenda table's rows, or why they cannot be read."""
    table = [text for _, text in lines if text.lstrip().startswith("|")]
    if len(table) < 3:
        return [], "no agenda table (expected a Markdown table with a header and rows)"
    header = _cells(table[0])[0].lower()
    if header not in MINUTES_HEADERS:
        return [], f"the table's first column is headed '{header}' (expected 'Phút' or 'Minutes')"
    minutes = []
    for row in table[2:]:  # after the header and the |---| line
        cell = _cells(row)[0]
        if not cell.isdigit():
            return [], f"a row's minutes are '{cell}' (expected a whole number)"
        minutes.append(int(cell))
    return minutes, None


def check_module(source: Source, duration: object) -> list[Problem]:
    """Apply the module rules to one module page, given the module's duration in minutes."""
    problems = []
    found = sections(source)
    h1 = next((n for n, line in markdown_lines(source.lines, source.body_start)
               if line.startswith("# ")), 1)  # fmt: skip
    missing = [element_id for element_id in REQUIRED_IDS if element_id not in found]
    if missing:
        problems.append(
            Problem(
                source.shown,
                h1,
                "MODULE-SECTION",
                f"module lacks the section(s) {', '.join('#' + m for m in missing)} (expected a"
                " '## ' heading with each of these ids, in both languages; see an existing module)",
            )
        )
    if "agenda" in found:
        line, lines = found["agenda"]
        minutes, why = agenda_minutes(lines)
        if why:
            problems.append(Problem(source.shown, line, "AGENDA-TIME", why))
        elif sum(minutes) != duration:
            problems.append(
                Problem(
                    source.shown,
                    line,
                    "AGENDA-TIME",
                    f"the agenda's minutes add up to {sum(minutes)} (found"
                    f" {' + '.join(map(str, minutes))}, expected the module's duration, {duration};"
                    " correct the rows or the 'duration:' field)",
                )
            )
    if "sources" in found:
        line, lines = found["sources"]
        if not any(re.match(r"\s*[-*+]\s+\S", text) for _, text in lines):
            problems.append(
                Problem(
                    source.shown,
                    line,
                    "MODULE-SOURCES",
                    "the sources section lists nothing (expected a bulleted list of the sources"
                    " of every fact in the module and its handout)",
                )
            )
    return problems


def check_modules(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """The module rules on every language's file of every (valid) module."""
    problems = []
    for module in kb.of_type("module"):
        for source in sources.translations(module.page).values():
            problems += check_module(source, module.fields.duration)
    return problems
