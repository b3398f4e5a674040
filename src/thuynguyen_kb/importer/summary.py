"""What an import found, in a form a maintainer can hold against the document in a minute.

Printed before anything is written (and by ``--dry-run``, which writes nothing): how many
paragraphs, sub-items, clusters, sub-headings and footnote markers were read, the numbering and
its gaps, the clusters with the paragraphs under each, and three sample paragraphs (the first,
one from the middle, the last) with their headings and the start of their text. The maintainer's
page (``docs/khuyen-nghi/bao-tri.md``) says how to read it.
"""

from __future__ import annotations

from thuynguyen_kb.importer.listing import number_list
from thuynguyen_kb.importer.parser import Paragraph

SAMPLE_CHARACTERS = 160  # enough of a paragraph to recognise it in the document


def count(items: int, noun: str, plural: str | None = None) -> str:
    """``1 paragraph``, ``70 paragraphs``."""
    return f"{items} {noun if items == 1 else plural or noun + 's'}"


def gaps(numbers: list[int]) -> list[int]:
    """The paragraph numbers missing between the first and the last one read."""
    present = set(numbers)
    return [n for n in range(min(numbers), max(numbers) + 1) if n not in present] if numbers else []


def clusters(paragraphs: list[Paragraph]) -> list[tuple[str, list[int]]]:
    """Each cluster heading as read (``B. Positive aspects``), with its paragraphs, in order."""
    found: dict[str, list[int]] = {}
    for paragraph in paragraphs:
        if paragraph.cluster or paragraph.cluster_heading:
            name = ". ".join(p for p in (paragraph.cluster, paragraph.cluster_heading) if p)
        else:
            name = "(no cluster)"
        found.setdefault(name, []).append(paragraph.number)
    return list(found.items())


def samples(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The first, a middle and the last paragraph (fewer when there are fewer)."""
    if len(paragraphs) <= 3:
        return list(paragraphs)
    return [paragraphs[0], paragraphs[len(paragraphs) // 2], paragraphs[-1]]


def shorten(text: str, limit: int = SAMPLE_CHARACTERS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters, with "…" if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def summary_lines(paragraphs: list[Paragraph]) -> list[str]:
    """The summary of an import, one line per fact, for the maintainer to compare."""
    if not paragraphs:
        return ["Found no numbered paragraph."]
    numbers = [p.number for p in paragraphs]
    sub_items = sum(len(p.sub_items) for p in paragraphs)
    markers = sum(len(p.footnotes) for p in paragraphs)
    subheadings = {p.subheading for p in paragraphs if p.subheading}
    grouped = clusters(paragraphs)
    missing = gaps(numbers)
    lines = [
        f"Found {count(len(paragraphs), 'paragraph')} ({number_list(numbers)}),"
        f" {count(sub_items, 'sub-item')}, {count(len(grouped), 'cluster')},"
        f" {count(len(subheadings), 'sub-heading')}, {count(markers, 'footnote marker')}.",
        "Numbering: "
        + (f"gaps at {number_list(missing)}" if missing else "no gaps")
        + f", from {numbers[0]} to {numbers[-1]}.",
        "Clusters:",
        *(f"  {name}: {number_list(members)}" for name, members in grouped),
        "Sample paragraphs (compare them with the document):",
    ]
    for paragraph in samples(paragraphs):
        where = " > ".join(paragraph.heading_path()) or "(no heading)"
        extra = f"; {count(len(paragraph.sub_items), 'sub-item')}" if paragraph.sub_items else ""
        lines.append(f"  {paragraph.number} [{where}{extra}]: {shorten(paragraph.text)}")
    return lines
