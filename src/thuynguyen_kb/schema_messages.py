"""pydantic's validation errors as problems an editor can act on: where, what was found, what
was expected, what to do.

pydantic locates an error by a path of keys and list positions, and adds the member's name when a
field accepts several kinds of value (``deadline.date``, ``deadline.str``); the YAML document
knows which parts of that path were really written. So each error is first cut back to the part
of its path that is in the document (plus the missing key, for a missing field), errors of one
value are merged into one problem, and the path is shown as the editor wrote it
(``related_bodies[1].role``, ``paragraphs.30``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic_core import ErrorDetails

from thuynguyen_kb.layout import LANGUAGES
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.schemas import PATTERN_HELP
from thuynguyen_kb.yaml_data import YamlDocument

EXPECTED = {
    "int_type": "a whole number, written without quotes (e.g. 3)",
    "int_parsing": "a whole number, written without quotes (e.g. 3)",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list, e.g. [a, b]",
    "dict_type": "'name: value' fields",
    "model_type": "'name: value' fields",
    "date_type": "a date such as 2025-12-31",
}


@dataclass
class Finding:
    """One wrong value (or missing or unknown key), with everything pydantic said of it."""

    location: tuple[str | int, ...]
    kind: str  # "missing", "extra", "empty" or "type"
    found: str
    expected: list[str]


def findings(errors: list[ErrorDetails], document: YamlDocument) -> list[Finding]:
    """pydantic's errors, each cut back to what the document holds, one per wrong value."""
    merged: dict[tuple[tuple[str | int, ...], str], Finding] = {}
    for error in errors:
        # A bad key of a dict[...] is reported at (key, "[key]"); keep the key once.
        raw = tuple(
            part
            for part in error["loc"]
            if not (isinstance(part, str) and (not part or part.startswith("[")))
        )
        if error["type"] == "missing":
            kind = "missing"
            location = raw[: document.found(raw[:-1])] + raw[-1:]
        else:
            kind = "extra" if error["type"] == "extra_forbidden" else "type"
            if kind == "type" and _is_empty(error):
                kind = "empty"
            location = raw[: max(document.found(raw), 1)]
        finding = merged.setdefault((location, kind), Finding(location, kind, _found(error), []))
        expected = _expected(error)
        if expected not in finding.expected:
            finding.expected.append(expected)
    return list(merged.values())


def front_matter_problems(
    errors: list[ErrorDetails], source: Source, kind: str, known: Iterable[str]
) -> list[Problem]:
    """A page's front-matter errors as FRONT-MATTER-FIELD and FIELD-TYPE problems."""
    document = source.document
    assert document is not None, "only a page whose front matter was read has field errors"
    problems = []
    for finding in findings(errors, document):
        name = document.describe(finding.location)
        line = document.line_of(finding.location)
        top = len(finding.location) == 1
        if finding.kind == "missing" and top:
            code, message = (
                "FRONT-MATTER-FIELD",
                (
                    f"front matter has no '{name}' (found no '{name}:' line, expected one on every"
                    f" page of type '{kind}'; add '{name}: ...' between the '---' lines)"
                ),
            )
            line = 1
        elif finding.kind == "missing":
            parent, key = document.describe(finding.location[:-1]), finding.location[-1]
            code, message = (
                "FRONT-MATTER-FIELD",
                (
                    f"'{parent}' has no '{key}' (found no '{key}:' there, expected one as the"
                    " editors' guide shows; add it)"
                ),
            )
            line = document.line_of(finding.location[:-1])
        elif finding.kind == "extra":
            expected = f"one of: {', '.join(sorted(known))}" if top else "the fields of the guide"
            where = f"a '{kind}' page" if top else f"'{document.describe(finding.location[:-1])}'"
            code, message = (
                "FRONT-MATTER-FIELD",
                (
                    f"front matter field '{name}' is not a field of {where} (found"
                    f" '{finding.location[-1]}:', expected {expected}; correct the spelling or"
                    " remove it)"
                ),
            )
        elif finding.kind == "empty":
            code, message = (
                "FRONT-MATTER-FIELD",
                (
                    f"front matter field '{name}' is empty (found '{finding.location[-1]}:' with"
                    f" no text, expected text; write it after '{finding.location[-1]}:' on the"
                    " same line)"
                ),
            )
        else:
            code, message = (
                "FIELD-TYPE",
                (
                    f"'{name}' has the wrong kind of value (found {finding.found}, expected"
                    f" {' or '.join(finding.expected)}; correct the value as the editors' guide"
                    " shows)"
                ),
            )
        problems.append(Problem(source.shown, line, code, message))
    return problems


def data_problems(
    errors: list[ErrorDetails], shown: str, document: YamlDocument, what: str
) -> list[Problem]:
    """A data file's errors as DATA-YAML problems at the line of the value concerned."""
    problems = []
    for finding in findings(errors, document):
        name = document.describe(finding.location)
        line = document.line_of(finding.location)
        if finding.kind == "missing":
            parent, key = finding.location[:-1], finding.location[-1]
            subject = f"{what} {document.describe(parent)}" if parent else "the file"
            line = document.line_of(parent)
            message = (
                f"{subject} has no '{key}' (expected '{key}:' here{_language_hint(key)}; add it)"
            )
        elif finding.kind == "extra":
            message = (
                f"{what} field '{name}' is not known (found '{finding.location[-1]}:', expected"
                " only the fields the comment at the top of the file lists; correct the spelling"
                " or remove it)"
            )
        elif finding.kind == "empty":
            message = (
                f"{what} {name} is empty (found no text, expected text; write it after the colon)"
            )
        else:
            message = (
                f"{what} {name} has the wrong kind of value (found {finding.found}, expected"
                f" {' or '.join(finding.expected)}; correct it)"
            )
        problems.append(Problem(shown, line, "DATA-YAML", message))
    return problems


def _expected(error: ErrorDetails) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern", "")
        return PATTERN_HELP.get(pattern, f"text matching {pattern}")
    if kind == "literal_error":
        return "one of: " + str(context.get("expected", ""))
    if kind in ("greater_than_equal", "greater_than"):
        return f"a number of at least {context.get('ge', 1)}"
    return EXPECTED.get(kind, error["msg"].lower())


def _is_empty(error: ErrorDetails) -> bool:
    return error["type"] == "string_too_short" or (
        error["type"] == "string_type" and error.get("input") in (None, "")
    )


def _found(error: ErrorDetails) -> str:
    value = error.get("input")
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list | tuple):
        return "a list"
    return f"'{value}'"


def _language_hint(field_name: str | int) -> str:
    if field_name in LANGUAGES:
        return f", as every text is written in each language: {', '.join(LANGUAGES)}"
    return ""
