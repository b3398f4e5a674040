"""Shared fixtures: one strict build of the real site per test session, and a throw-away copy of
the site's sources for tests that break something on purpose. Plain helpers live in helpers.py
(test modules import them from there: a nested conftest.py would shadow this one's name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, copy_project, load_knowledge_base, run_mkdocs_build

from thuynguyen_kb.knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources in a temporary folder, safe to break."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real site's records, which must have no problem."""
    loaded, problems = load_knowledge_base(REPO)
    assert problems == []
    return loaded
