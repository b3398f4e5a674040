"""Rules for each page and its translation: headings, ids, front matter against its schema.

- ``HEADING-H1``: no ``# `` title heading, or more than one. ``HEADING-SKIP``: a level skipped.
- ``TRANSLATION-ORPHAN``: an English page ``<slug>.en.md`` has no Vietnamese ``<slug>.md``.
- ``ID-MISMATCH``: an explicit id is in one language's file of a page but not in the other's.
- ``FRONT-MATTER-TYPE``: ``type:`` names no page type of :data:`schemas.PAGE_TYPES`.
- ``FRONT-MATTER-FIELD``: a field the type needs is missing or empty, or a field is not one of
  the type's (a misspelling). ``FIELD-TYPE``: a field's value is of the wrong kind.
- ``FIELD-MISMATCH``: a translation repeats a language-neutral field with another value.

(``FRONT-MATTER-MISSING`` and ``FRONT-MATTER-YAML`` are found while reading, by the loader.)
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from thuynguyen_kb import layout, schema_messages, schemas
from thuynguyen_kb.knowledge import kind_of
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source, explicit_ids, headings
from thuynguyen_kb.problems import Problem


def check_headings(source: Source) -> list[Problem]:
    """Report a missing or repeated H1 and headings that skip a level."""
    problems = []
    found = list(headings(source))
    titles = [number for number, level, _ in found if level == 1]
    if not titles:
        # Point at where the title belongs: the first line of text after the front matter.
        body = range(source.body_start, len(source.lines))
        line = next((i + 1 for i in body if source.lines[i].strip()), source.body_start + 1)
        problems.append(
            Problem(
                source.shown,
                line,
                "HEADING-H1",
                "page has no title heading (found no line starting with '# ', expected exactly"
                " one; add '# Page title { #slug }' after the front matter)",
            )
        )
    for number in titles[1:]:
        problems.append(
            Problem(
                source.shown,
                number,
                "HEADING-H1",
                f"page has a second title heading (found '# ' here and on line {titles[0]},"
                " expected exactly one; make this one a '## ' heading)",
            )
        )
    for (before, level_before, _), (number, level, _) in pairwise(found):
        if level > level_before + 1:
            problems.append(
                Problem(
                    source.shown,
                    number,
                    "HEADING-SKIP",
                    f"heading skips a level (found '{'#' * level}' after the"
                    f" '{'#' * level_before}' heading on line {before}, expected"
                    f" '{'#' * (level_before + 1)}' or fewer '#'; use"
                    f" '{'#' * (level_before + 1)}' here or add the missing level above)",
                )
            )
    return problems


def check_ids(original: Source, translation: Source) -> list[Problem]:
    """Report ids present in one language's file of a page but not in the other's."""
    problems = []
    ids = {original.shown: explicit_ids(original), translation.shown: explicit_ids(translation)}
    for here, other in ((original, translation), (translation, original)):
        for element_id, line in ids[here.shown].items():
            if element_id in ids[other.shown]:
                continue
            problems.append(
                Problem(
                    here.shown,
                    line,
                    "ID-MISMATCH",
                    f"id '{element_id}' is only in this language (found '#{element_id}' here but"
                    f" not in {other.shown}, expected the same ids in both languages; add"
                    f" '{{ #{element_id} }}' at the same place in {other.shown}, or remove it"
                    " here)",
                )
            )
    return problems


def check_type(source: Source, original: Source | None) -> tuple[schemas.PageType | None, list]:
    """The page's type (a translation's is its original's), or FRONT-MATTER-TYPE."""
    decides = original if original is not None and original.front_matter is not None else source
    kind = kind_of(decides)
    if kind in schemas.PAGE_TYPES:
        return schemas.PAGE_TYPES[kind], []
    if decides is not source:
        return None, []  # reported on the original, where the type is written
    known = ", ".join(sorted(schemas.PAGE_TYPES))
    return None, [
        Problem(
            source.shown,
            source.field_lines.get("type", 1),
            "FRONT-MATTER-TYPE",
            f"front matter type '{kind}' is unknown (found '{kind}', expected one of:"
            f" {known}; correct the spelling, or remove the 'type:' line for a plain page)",
        )
    ]


def check_front_matter(source: Source, original: Source | None) -> list[Problem]:
    """The page's front matter against its type's schema; a translation against the original."""
    if source.front_matter is None or source.document is None:
        return []  # not readable: reported by the loader
    page_type, problems = check_type(source, original)
    if page_type is None:
        return problems
    data = source.front_matter
    if original is None:  # the Vietnamese file: every field
        _, errors = schemas.validate(page_type.model, data)
        known = page_type.model.model_fields
        return schema_messages.front_matter_problems(errors, source, page_type.name, known)
    local = {k: v for k, v in data.items() if k in page_type.localized.model_fields}
    _, errors = schemas.validate(page_type.localized, local)
    known = [*page_type.localized.model_fields, *page_type.neutral]
    problems = schema_messages.front_matter_problems(errors, source, page_type.name, known)
    if not page_type.is_record:
        return problems
    for name in data:
        if name not in known:
            problems.append(
                Problem(
                    source.shown,
                    source.field_lines.get(name, 1),
                    "FRONT-MATTER-FIELD",
                    f"front matter field '{name}' is not a field of a '{page_type.name}' page"
                    f" (found '{name}:', expected one of: {', '.join(sorted(known))}; correct"
                    " the spelling or remove it)",
                )
            )
    return problems + check_agreement(source, original, page_type)


def check_agreement(translation: Source, original: Source, page_type: schemas.PageType) -> list:
    """FIELD-MISMATCH: the translation gives a language-neutral field another value."""
    problems = []
    neutral: dict[str, Any] = original.front_matter or {}
    for name in page_type.neutral:
        if name in translation.front_matter and translation.front_matter[name] != neutral.get(name):
            problems.append(
                Problem(
                    translation.shown,
                    translation.field_lines.get(name, 1),
                    "FIELD-MISMATCH",
                    f"'{name}' differs from the Vietnamese page (found"
                    f" '{translation.front_matter[name]}', expected '{neutral.get(name)}' as in"
                    f" {original.shown}; language-neutral fields are written once, in the"
                    " Vietnamese file: delete this line)",
                )
            )
    return problems


def check_pages(sources: Sources) -> list[Problem]:
    """Every page rule, on every page and pair of translations."""
    problems: list[Problem] = []
    for rel, source in sources.pages.items():
        problems += check_headings(source)
        language = layout.language_of(rel)
        if language == layout.DEFAULT_LANGUAGE:
            problems += check_front_matter(source, None)
            continue
        original = sources.page(layout.neutral_path(rel))
        problems += check_front_matter(source, original)
        if original is None:
            problems.append(
                Problem(
                    source.shown,
                    0,
                    "TRANSLATION-ORPHAN",
                    "English page has no Vietnamese page beside it (found no"
                    f" {(sources.docs / layout.neutral_path(rel)).as_posix()}, expected the"
                    " Vietnamese original there; rename this file to match its Vietnamese page,"
                    " or add the Vietnamese page)",
                )
            )
        else:
            problems += check_ids(original, source)
    return problems


def untranslated(sources: Sources) -> list[str]:
    """Vietnamese pages with no file in some other language (information, never a problem)."""
    missing = []
    for rel, source in sorted(sources.pages.items()):
        if layout.language_of(rel) != layout.DEFAULT_LANGUAGE:
            continue
        if any(
            layout.translation_path(rel, language) not in sources.pages
            for language in layout.LANGUAGES[1:]
        ):
            missing.append(source.shown)
    return missing
