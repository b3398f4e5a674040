"""Shared fixtures: one strict build of the real site per test session, and a throw-away copy of
the site's sources for tests that break something on purpose. Plain helpers live in helpers.py
(test modules import them from there: a nested conftest.py would shadow this one's name)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent / "scripts")]

import records  # noqa: E402 (needs the path above)
from helpers import REPO, SITE_SOURCES, run_mkdocs_build  # noqa: E402 (needs the path above)


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
    for name in SITE_SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def kb() -> records.KnowledgeBase:
    """The real site's records, which must have no problem."""
    loaded = records.load(REPO / "docs")
    assert loaded.problems == []
    return loaded
