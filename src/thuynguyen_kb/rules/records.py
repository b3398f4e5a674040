"""Rules across records: ids, uniqueness and references.

- ``ID-DUPLICATE``: two records share an id. ``ID-PATH``: a record's id is not its file name.
- ``FIELD-DUPLICATE``: two bodies share an ``order``, two modules a ``code``: lists would be
  in no defined order, and a page would carry one anchor twice.
- ``REF-UNKNOWN``: a relation names a body, task, role, theme, module, handout or plan item
  that does not exist; a recommendation's id is not ``p<paragraph>``.
- ``TASK-UNASSIGNED``: a task names no body at all and is not marked ``assignment: per-annex``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thuynguyen_kb import layout, schemas
from thuynguyen_kb.knowledge import KnowledgeBase, Record, declared_ids, record_candidates
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.problems import Problem

# Fields that must differ between the records of one kind.
UNIQUE = {"body": ("order",), "module": ("code",)}


def check_ids(sources: Sources) -> list[Problem]:
    """ID-DUPLICATE and ID-PATH, from the ids the pages give themselves."""
    by_id: dict[str, list[Source]] = {}
    for source in record_candidates(sources):
        record_id = source.front_matter.get("id")  # type: ignore[union-attr]
        if isinstance(record_id, str) and record_id:
            by_id.setdefault(record_id, []).append(source)
    problems = []
    for record_id, pages in by_id.items():
        # The page whose file name is its id keeps the id; any other page with it is the copy.
        pages.sort(key=lambda s: layout.file_id(s.rel) != record_id)
        kept, *copies = pages
        for copy in copies:
            problems.append(
                Problem(
                    copy.shown,
                    copy.field_lines.get("id", 1),
                    "ID-DUPLICATE",
                    f"id '{record_id}' is already used by {kept.shown} (found it twice,"
                    " expected every record to have its own id; give this page the id"
                    f" '{layout.file_id(copy.rel)}', its file name)",
                )
            )
        if layout.file_id(kept.rel) != record_id:
            problems.append(
                Problem(
                    kept.shown,
                    kept.field_lines.get("id", 1),
                    "ID-PATH",
                    f"id '{record_id}' differs from the file name (found"
                    f" '{layout.file_id(kept.rel)}.md', expected '{record_id}.md'; the id is the"
                    " page's address: keep them equal)",
                )
            )
    return problems


def check_unique(kb: KnowledgeBase) -> list[Problem]:
    """FIELD-DUPLICATE: ``order`` of bodies and ``code`` of modules are each used once."""
    problems = []
    for kind, names in UNIQUE.items():
        for name in names:
            first: dict[Any, Record] = {}
            for record in sorted(kb.of_type(kind), key=lambda r: r.page):
                value = getattr(record.fields, name)
                if value not in first:
                    first[value] = record
                    continue
                problems.append(
                    Problem(
                        record.source.shown,
                        record.source.field_lines.get(name, 1),
                        "FIELD-DUPLICATE",
                        f"{name} '{value}' is already used by {first[value].source.shown} (found"
                        f" it twice, expected each {kind} to have its own {name}; give this page"
                        " one that no other page has)",
                    )
                )
    return problems


def check_references(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """REF-UNKNOWN for every relation of every record, and TASK-UNASSIGNED."""
    known: dict[str, Iterable[str]] = {"plan item": kb.plan_ids}
    declared = declared_ids(sources)
    for kind in ("task", "body", "module", "handout", "role", "theme"):
        known[kind] = declared.get(kind, set())
    problems = []
    for record in kb.records.values():
        document = record.source.document
        for location, what, value in references(record):
            if value in known[what]:
                continue
            names = ", ".join(sorted(known[what])) or "none yet"
            problems.append(
                Problem(
                    record.source.shown,
                    document.line_of(location) if document else 1,
                    "REF-UNKNOWN",
                    f"{location[0]} names {what} '{value}', which does not exist (expected one"
                    f" of: {names}; correct the id, or add that page first)",
                )
            )
        if record.kind == "task":
            problems += _check_assigned(record)
        if record.kind == "recommendation":
            problems += _check_paragraph(record)
    return problems


Location = tuple[str | int, ...]


def references(record: Record) -> Iterable[tuple[Location, str, str]]:
    """``(where in the front matter, kind of record, id)`` for every reference a record makes."""
    fields = record.fields

    def each(name: str, what: str) -> Iterable[tuple[Location, str, str]]:
        return (((name, n), what, value) for n, value in enumerate(getattr(fields, name)))

    if record.kind == "task":
        yield ("plan_ref",), "plan item", fields.plan_ref
        for n, relation in enumerate(fields.related_bodies):
            yield ("related_bodies", n, "body"), "body", relation.body
            yield ("related_bodies", n, "role"), "role", relation.role
        yield from each("lead", "body")
        yield from each("support", "body")
    if record.kind == "body":
        yield from each("roles", "role")
        for name in ("reports_to", "reports_via"):
            if getattr(fields, name):
                yield (name,), "body", getattr(fields, name)
    if record.kind in ("recommendation", "module"):
        yield from each("tasks", "task")
        yield from each("bodies", "body")
    if record.kind == "recommendation":
        yield from each("themes", "theme")
    if record.kind == "module":
        yield ("handout",), "handout", fields.handout
    if record.kind == "handout":
        yield ("module",), "module", fields.module


def _check_assigned(task: Record) -> list[Problem]:
    """TASK-UNASSIGNED: a task names some body, or is marked as assigned in the annex."""
    fields = task.fields
    if fields.lead or fields.support or fields.related_bodies:
        return []
    if fields.assignment == schemas.PER_ANNEX:
        return []
    return [
        Problem(
            task.source.shown,
            task.source.field_lines.get("id", 1),
            "TASK-UNASSIGNED",
            "task names no responsible body (found no lead, support or related_bodies,"
            f" expected at least one, or 'assignment: {schemas.PER_ANNEX}' while the annex that"
            " assigns it is not available)",
        )
    ]


def _check_paragraph(record: Record) -> list[Problem]:
    """A recommendation's id is ``p`` and its paragraph number."""
    paragraph = record.fields.paragraph
    if record.id == f"p{paragraph}":
        return []
    return [
        Problem(
            record.source.shown,
            record.source.field_lines.get("paragraph", 1),
            "REF-UNKNOWN",
            f"paragraph '{paragraph}' does not match the id (found id '{record.id}', expected"
            " 'p' and the paragraph number, e.g. p30 for paragraph 30; correct either)",
        )
    ]
