"""Rules for the data files under ``docs/_data/``, reported against the data file and line.

- ``DATA-YAML``: a role, a checklist line, a theme or a reporting period lacks its text in a
  language, or a value is of the wrong kind (``roles.yml``, ``themes.yml``, ``reporting.yml``);
  an imported official text is not in the importer's shape; the interface strings of a
  language (``strings/<lang>.yml``) lack a key of :mod:`thuynguyen_kb.strings`, have one it does
  not know, or change a text's placeholders.
- ``REF-UNKNOWN``: a role, or one of its checklist lines, cites no item of the plan.
- ``DATA-INTEGRITY``: an imported data file (``_data/recommendations/<slug>.yml``) is not whole
  as the importer wrote it: empty, not UTF-8 or not YAML (cut inside a character or a line),
  without its integrity block, or with fewer paragraphs or another content than that block
  records (cut short, edited by hand). The message says how to restore it. Only a whole file is
  then checked against its schema (DATA-YAML).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thuynguyen_kb import layout, schema_messages, schemas, strings
from thuynguyen_kb.integrity import damage, restore_advice
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import DataFile, Sources
from thuynguyen_kb.problems import Problem

# Each vocabulary file: its path, its model, and the word for one of its entries in messages.
VOCABULARIES = (
    (layout.ROLES_FILE, "roles", "role"),
    (layout.THEMES_FILE, "themes", "theme"),
    (layout.REPORTING_FILE, "reporting", "period"),
    (layout.SEARCH_TERMS_FILE, "search_terms", "search term"),
)


def check_data(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Every data-file rule."""
    problems: list[Problem] = []
    for rel, kind, what in VOCABULARIES:
        problems += _check_model(sources.data.get(rel), kind, what)
    for data_file in sources.data_files(layout.IMPORTED_FOLDER):
        problems += check_imported(data_file, sources.docs)
    problems += check_strings(sources)
    problems += check_role_refs(sources.data.get(layout.ROLES_FILE), kb)
    return problems


def _check_model(data_file: DataFile | None, kind: str, what: str) -> list[Problem]:
    if data_file is None or data_file.document is None:
        return []  # absent (a test site), or not YAML: reported by the loader
    document = data_file.document
    if document.data is None:
        return [
            Problem(
                data_file.shown,
                1,
                "DATA-YAML",
                f"the file is empty (found no {what}, expected the data the comment at the top"
                " describes; restore the file from the repository's history)",
            )
        ]
    _, errors = schemas.validate(schemas.data_model(kind), document.data)
    return schema_messages.data_problems(errors, data_file.shown, document, what)


def check_imported(data_file: DataFile, docs: Path) -> list[Problem]:
    """DATA-INTEGRITY for an imported data file that is not whole; else its schema's problems."""
    document = data_file.document
    if document is None:
        unreadable = data_file.unreadable
        line = unreadable.line if unreadable else 0
        kind = "UTF-8 text" if unreadable and unreadable.code == "TEXT-ENCODING" else "valid YAML"
        found = f"the file is not {kind} here (it was cut, or changed by another program)"
        return [_integrity_problem(data_file, docs, line, found, None)]
    data = document.data
    found_damage = damage(data)
    if found_damage is not None:
        line = document.line_of(found_damage.location)  # line 1 for an empty file
        return [_integrity_problem(data_file, docs, line, found_damage.what, data)]
    return _check_model(data_file, "imported", "imported paragraph")


def _integrity_problem(
    data_file: DataFile, docs: Path, line: int, found: str, data: Any
) -> Problem:
    symbol = data.get("symbol") if isinstance(data, dict) else None
    if not (isinstance(symbol, str) and re.match(schemas.SYMBOL_PATTERN, symbol)):
        symbol = None
    return Problem(
        data_file.shown,
        line,
        "DATA-INTEGRITY",
        f"imported data file is not whole: {found}; "
        + restore_advice(data_file.shown, symbol, docs),
    )


def leaves(data: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """``(key path, value)`` for every value that is not itself a group of keys."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*prefix, str(key)))
    else:
        yield prefix, data


def check_strings(sources: Sources) -> list[Problem]:
    """Each language's interface strings: every key of the schema, and the right placeholders."""
    files = {
        language: sources.data.get(layout.strings_file(language)) for language in layout.LANGUAGES
    }
    if all(data_file is None for data_file in files.values()):
        return []  # a test site without generated content
    problems = []
    for language, data_file in files.items():
        if data_file is None:
            shown = (sources.docs / layout.strings_file(language)).as_posix()
            problems.append(
                Problem(
                    shown,
                    0,
                    "DATA-YAML",
                    f"no interface strings for '{language}' (found no file, expected one beside"
                    f" the {layout.DEFAULT_LANGUAGE}.yml file; copy that file and translate it)",
                )
            )
            continue
        document = data_file.document
        if document is None:
            continue  # not YAML: reported by the loader
        _, errors = schemas.validate(strings.InterfaceStrings, document.data)
        problems += schema_messages.data_problems(errors, data_file.shown, document, "string")
        for path, value in leaves(document.data):
            if not isinstance(value, str):
                continue
            expected = strings.PLACEHOLDERS.get(path[0], set()) if len(path) == 1 else set()
            found = strings.placeholders(value)
            if found != expected:
                problems.append(
                    Problem(
                        data_file.shown,
                        document.line_of(path),
                        "DATA-YAML",
                        f"string '{'.'.join(path)}' has the placeholders"
                        f" {_braces(found) or 'none'} (expected {_braces(expected) or 'none'};"
                        " keep the words in braces as they are: the site fills them in)",
                    )
                )
    return problems


def _braces(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def check_role_refs(data_file: DataFile | None, kb: KnowledgeBase) -> list[Problem]:
    """REF-UNKNOWN for a role, or one of its checklist lines, citing no item of the plan."""
    if data_file is None or data_file.document is None:
        return []
    problems = []
    for name, role in kb.roles.items():
        cited = [((name, "ref"), role.ref)]
        cited += [
            ((name, "checklist", number, "ref"), line.ref)
            for number, line in enumerate(role.checklist)
            if line.ref is not None
        ]
        for location, ref in cited:
            if ref in kb.plan_ids:
                continue
            problems.append(
                Problem(
                    data_file.shown,
                    data_file.document.line_of(location),
                    "REF-UNKNOWN",
                    f"role '{name}' cites plan item '{ref}', which does not exist (expected"
                    f" an id of docs/{layout.PLAN_PAGE} such as iv-2; correct the ref)",
                )
            )
    return problems
