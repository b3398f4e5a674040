"""The search relevance sets (tests/search_*.yml, run by tests/browser/test_search.py) are
well formed: a query that expects a page the site does not have, or a tag out of the list,
would lower the figures or mislabel them without saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import REPO

from thuynguyen_kb import layout

SETS = sorted((REPO / "tests").glob("search_*.yml"))  # every set, whoever runs it
WHO = {"staff", "trainer", "public", "un"}
KINDS = {"plain", "unmarked", "synonym", "question", "abbreviation", "typed"}


def page_exists(address: str, language: str, docs: Path = REPO / "docs") -> bool:
    """Whether ``address`` (relative to the language's home) is a page of ``language``."""
    stem = address.strip("/")
    candidates = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
    return any(
        (docs / layout.translation_path(candidate, language)).is_file() for candidate in candidates
    )


def problems(data: object) -> list[str]:
    """What is wrong with a relevance set's data, one line per entry."""
    if not isinstance(data, dict) or set(data) - set(layout.LANGUAGES):
        return [f"the top level must map languages {list(layout.LANGUAGES)} to lists of queries"]
    found = []
    for language, entries in data.items():
        for number, entry in enumerate(entries or [], start=1):
            where = f"{language} #{number}"
            if not isinstance(entry, dict) or set(entry) != {"query", "expect", "who", "kind"}:
                found.append(f"{where}: needs exactly query, expect, who, kind: {entry!r}")
                continue
            if not isinstance(entry["query"], str) or not entry["query"].strip():
                found.append(f"{where}: empty query")
            if entry["who"] not in WHO:
                found.append(f"{where}: who {entry['who']!r} is not one of {sorted(WHO)}")
            if entry["kind"] not in KINDS:
                found.append(f"{where}: kind {entry['kind']!r} is not one of {sorted(KINDS)}")
            if not isinstance(entry["expect"], str) or not page_exists(entry["expect"], language):
                found.append(f"{where}: {entry['query']!r} expects {entry['expect']!r}, no page")
    return found


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
def test_each_relevance_set_is_well_formed(path: Path) -> None:
    assert problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_a_bad_entry_is_named() -> None:
    data = {
        "vi": [
            {"query": "báo cáo", "expect": "bao-cao/", "who": "staff", "kind": "plain"},
            {"query": "báo cáo", "expect": "khong-co/", "who": "staff", "kind": "plain"},
            {"query": "x", "expect": "", "who": "mayor", "kind": "plain"},
            {"query": "x", "expect": "", "who": "staff", "kind": "guess"},
            {"query": "x", "expect": ""},
        ],
        "en": [{"query": "report", "expect": "bao-cao/", "who": "staff", "kind": "plain"}],
    }
    assert problems(data) == [
        "vi #2: 'báo cáo' expects 'khong-co/', no page",
        "vi #3: who 'mayor' is not one of ['public', 'staff', 'trainer', 'un']",
        "vi #4: kind 'guess' is not one of "
        "['abbreviation', 'plain', 'question', 'synonym', 'typed', 'unmarked']",
        "vi #5: needs exactly query, expect, who, kind: {'query': 'x', 'expect': ''}",
    ]
    assert problems({"fr": []}) != []
