"""Rules for training-module pages (``type: module``), in every language.

A trainer relies on every module having the same parts in the same places, and on each of its
agendas adding up to the time announced. So each module page, in each language, must have:

- ``MODULE-SECTION``: a heading with each id of ``REQUIRED_IDS`` (same ids in both languages);
- ``AGENDA-TIME``: in the ``#agenda`` section, the full agenda, a table whose first column is
  headed ``Phút`` or ``Minutes`` and holds whole minutes that add up to the front matter's
  ``duration``; then one shorter agenda for each length of ``variants``, each in a collapsible
  block whose title names its minutes (``??? abstract agenda-variant "Chương trình rút gọn 90
  phút"``), with the full agenda's columns and rows adding up to those minutes; no agenda for a
  length the front matter does not declare; and every ``(#id)`` link of an agenda row leading
  to an activity (a ``###`` heading of the ``#activities`` section). A module longer than
  ``REQUIRED_VARIANT`` minutes must offer an agenda of that length: trainers in the communes
  usually have 45 to 90 minutes;
- ``MODULE-SOURCES``: at least one list item in the ``#sources`` section.

The agendas are read with the same line scanner as the rest of the page
(:mod:`thuynguyen_kb.markdown_source`): a block starts with ``???``, ``???+`` or ``!!!`` at the
start of a line and holds the indented lines below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import ATTR_AT_END, HEADING, Source, ids_in, markdown_lines
from thuynguyen_kb.problems import Problem

REQUIRED_IDS = (
    "audience", "objectives", "agenda", "activities", "key-messages", "handout", "quiz",
    "evaluation", "sources",
)  # fmt: skip
MINUTES_HEADERS = {"phút", "minutes"}
REQUIRED_VARIANT = 90
# How a shorter agenda's block is written, for the messages, by language ({n}: its minutes).
VARIANT_EXAMPLE = {
    "vi": '??? abstract agenda-variant "Chương trình rút gọn {n} phút"',
    "en": '??? abstract agenda-variant "Shorter agenda: {n} minutes"',
}
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BLOCK = re.compile(r"(?:\?\?\?\+?|!!!)[ \t]+.*")
_BLOCK_TITLE = re.compile(r'"(.*)"[ \t]*$')
_TITLE_MINUTES = re.compile(r"(\d+)[ \t-]*(?:phút|minutes?)\b", re.IGNORECASE)
_ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)")


@dataclass(frozen=True)
class Block:
    """A collapsible block (``??? type "title"``) of the agenda section: its line and title."""

    line: int
    title: str


@dataclass(frozen=True)
class AgendaTable:
    """One Markdown table of the agenda section, and the block that holds it, if any."""

    line: int  # the line of its header row
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line, cells), after the |---| line
    block: Block | None

    def minutes(self) -> tuple[list[int], str | None]:
        """The minutes of the rows, or why they cannot be read."""
        if not self.rows:
            return [], "no agenda table (expected a Markdown table with a header and rows)"
        header = self.header[0].lower()
        if header not in MINUTES_HEADERS:
            expected = "expected 'Phút' or 'Minutes'"
            return [], f"the table's first column is headed '{header}' ({expected})"
        minutes = []
        for _, cells in self.rows:
            if not cells[0].isdigit():
                return [], f"a row's minutes are '{cells[0]}' (expected a whole number)"
            minutes.append(int(cells[0]))
        return minutes, None


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


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in _CELL_SPLIT.split(line.strip().strip("|")))


def agenda_tables(lines: list[tuple[int, str]]) -> list[AgendaTable]:
    """The tables of the agenda section, in order, each with the block holding it."""
    tables: list[AgendaTable] = []
    block: Block | None = None
    table: list[tuple[int, str]] = []
    table_block: Block | None = None

    def close() -> None:
        if table:
            rows = tuple((n, _cells(text)) for n, text in table[2:])
            tables.append(AgendaTable(table[0][0], _cells(table[0][1]), rows, table_block))
            table.clear()

    for number, text in lines:
        if _BLOCK.fullmatch(text):
            close()
            title = _BLOCK_TITLE.search(text)
            block = Block(number, title.group(1).strip() if title else "")
            continue
        if text.strip() and not text.startswith(("    ", "\t")):
            block = None  # an unindented line ends the block
        if text.lstrip().startswith("|"):
            if not table:
                table_block = block
            table.append((number, text))
        else:
            close()
    close()
    return tables


def activity_ids(source: Source) -> list[str]:
    """The ids of the ``###`` headings of the ``#activities`` section (the activities)."""
    found = sections(source).get("activities")
    ids = []
    for _, line in found[1] if found else []:
        heading = HEADING.fullmatch(line)
        end = ATTR_AT_END.search(line) if heading and len(heading.group(1)) == 3 else None
        ids += ids_in(end.group(1)) if end else []
    return ids


def _joined(numbers: list[int]) -> str:
    return " + ".join(map(str, numbers))


def _bad_links(source: Source, table: AgendaTable, activities: list[str]) -> Iterator[Problem]:
    known = ", ".join(activities) or "none"
    for line, cells in table.rows:
        for target in _ANCHOR_LINK.findall(" | ".join(cells)):
            if target not in activities:
                yield Problem(
                    source.shown,
                    line,
                    "AGENDA-TIME",
                    f"the agenda row links to '#{target}', which is not an activity of this module"
                    f" (expected the id of a '### ' heading of the #activities section: {known};"
                    " correct the link)",
                )


def check_agenda(
    source: Source, duration: int, variants: list[int], declared_in: str
) -> list[Problem]:
    """AGENDA-TIME on one language's file: the full agenda and one agenda per variant.

    ``declared_in`` is the file whose front matter declares the variants (the Vietnamese one).
    """
    found = sections(source).get("agenda")
    if found is None:
        return []  # MODULE-SECTION reports it
    heading, lines = found
    tables = agenda_tables(lines)
    example = VARIANT_EXAMPLE[layout.language_of(source.rel)]
    full = [t for t in tables if t.block is None]
    if not full:
        why = "no agenda table (expected a Markdown table with a header and rows)"
        return [Problem(source.shown, heading, "AGENDA-TIME", why)]
    problems = []
    activities = activity_ids(source)
    minutes, why = full[0].minutes()
    if why:
        problems.append(Problem(source.shown, heading, "AGENDA-TIME", why))
    elif sum(minutes) != duration:
        problems.append(
            Problem(
                source.shown,
                heading,
                "AGENDA-TIME",
                f"the agenda's minutes add up to {sum(minutes)} (found {_joined(minutes)},"
                f" expected the module's duration, {duration}; correct the rows or the"
                " 'duration:' field)",
            )
        )
    problems += _bad_links(source, full[0], activities)
    for extra in full[1:]:
        problems.append(
            Problem(
                source.shown,
                extra.line,
                "AGENDA-TIME",
                "a second agenda table outside a shorter agenda's block (expected the full"
                " agenda once, and each shorter agenda indented by four spaces inside a block"
                f" such as '{example.format(n=REQUIRED_VARIANT)}')",
            )
        )
    seen: dict[int, int] = {}
    for table in tables:
        if table.block is None:
            continue
        problems += _check_variant(source, table, full[0], variants, declared_in, seen, example)
        problems += _bad_links(source, table, activities)
    # A block whose title names no length may be any of them (reported above); a length that is
    # not shorter than the module is reported in the front matter (check_variants).
    unnamed = any(t.block and not _TITLE_MINUTES.search(t.block.title) for t in tables)
    for variant in variants:
        if variant not in seen and variant < duration and not unnamed:
            problems.append(
                Problem(
                    source.shown,
                    heading,
                    "AGENDA-TIME",
                    f"'variants:' declares a {variant}-minute agenda but this section has none"
                    f" (expected a block '{example.format(n=variant)}' holding its table, after"
                    f" the full agenda; add it, or remove {variant} from 'variants:' in"
                    f" {declared_in})",
                )
            )
    return problems


def _check_variant(
    source: Source,
    table: AgendaTable,
    full: AgendaTable,
    variants: list[int],
    declared_in: str,
    seen: dict[int, int],
    example: str,
) -> list[Problem]:
    """AGENDA-TIME on one shorter agenda (``seen``: the variants found so far, by line)."""
    assert table.block is not None
    line, title = table.block.line, table.block.title
    named = _TITLE_MINUTES.search(title)
    if named is None:
        return [
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"a shorter agenda's title names no length (found '{title}', expected its"
                f" minutes in the title, as in '{example.format(n=REQUIRED_VARIANT)}'; the"
                " title says which of the declared variants the table is)",
            )
        ]
    variant = int(named.group(1))
    if variant not in variants:
        declared = ", ".join(map(str, variants)) or "none"
        return [
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"a {variant}-minute agenda that the front matter does not declare (found"
                f" '{title}', expected one of the declared variants: {declared}; add {variant}"
                f" to 'variants:' in {declared_in}, or remove this agenda)",
            )
        ]
    if variant in seen:
        return [
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"a second {variant}-minute agenda (the first is at line {seen[variant]},"
                " expected one agenda per variant; remove one)",
            )
        ]
    seen[variant] = line
    if table.header != full.header:
        return [
            Problem(
                source.shown,
                table.line,
                "AGENDA-TIME",
                f"the {variant}-minute agenda's columns are '{' | '.join(table.header)}'"
                f" (expected the full agenda's: '{' | '.join(full.header)}'; copy its header"
                " row)",
            )
        ]
    minutes, why = table.minutes()
    if why:
        return [Problem(source.shown, line, "AGENDA-TIME", f"the {variant}-minute agenda: {why}")]
    if sum(minutes) != variant:
        return [
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"the {variant}-minute agenda's minutes add up to {sum(minutes)} (found"
                f" {_joined(minutes)}, expected {variant}, the minutes its title names; correct"
                " the rows)",
            )
        ]
    return []


def check_variants(module: Record) -> list[Problem]:
    """AGENDA-TIME on the front matter: which shorter agendas the module declares."""
    fields, source = module.fields, module.source
    variants: list[int] = list(fields.variants)
    line = source.field_lines.get("variants") or source.field_lines.get("duration", 1)
    problems = []
    for variant in sorted({v for v in variants if variants.count(v) > 1}):
        problems.append(
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"'variants:' lists {variant} more than once (expected each length once;"
                " remove the repetition)",
            )
        )
    for variant in sorted({v for v in variants if v >= fields.duration}, reverse=True):
        problems.append(
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"'variants:' lists {variant}, which is not shorter than the module's duration,"
                f" {fields.duration} (expected only shorter agendas: the full one is"
                " 'duration:'; remove it)",
            )
        )
    if fields.duration > REQUIRED_VARIANT and REQUIRED_VARIANT not in variants:
        written = f"'variants: [{', '.join(map(str, variants))}]'"
        found = written if "variants" in source.field_lines else "no 'variants:'"
        problems.append(
            Problem(
                source.shown,
                line,
                "AGENDA-TIME",
                f"the module offers no {REQUIRED_VARIANT}-minute agenda (found {found}, expected"
                f" {REQUIRED_VARIANT} among the variants, as trainers in the communes usually"
                f" have 45 to 90 minutes; add {REQUIRED_VARIANT} to 'variants:' and a"
                f" {REQUIRED_VARIANT}-minute agenda, as the editors' guide explains)",
            )
        )
    return problems


def check_module(
    source: Source, duration: int, variants: list[int] | None = None, declared_in: str = ""
) -> list[Problem]:
    """Apply the module rules to one module page, given the module's duration in minutes and
    the lengths of its shorter agendas (declared in the file ``declared_in``)."""
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
    problems += check_agenda(source, duration, variants or [], declared_in or source.shown)
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
        fields = module.fields
        problems += check_variants(module)
        for source in sources.translations(module.page).values():
            problems += check_module(
                source, fields.duration, list(fields.variants), module.source.shown
            )
    return problems
