"""Shared fixtures: one strict build of the real site per test session, and a throw-away copy of
the site's sources for tests that break something on purpose. Plain helpers live in helpers.py
(test modules import them from there: a nested conftest.py would shadow this one's name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, TEST_CONTACT_EMAIL, copy_project, load_knowledge_base

from thuynguyen_kb.commands import build_offline, build_site
from thuynguyen_kb.knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built for publication once per session, as ``make build`` does: the
    offline copy into ``dist/``, then the site (``site/``) with it and the PDF packs; with the
    tests' contact address, so that every page has its "report a problem" link."""
    work = tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("CONTACT_EMAIL", TEST_CONTACT_EMAIL)
        build_site.build(work / "site", REPO, work / "dist")
    return work


@pytest.fixture(scope="session")
def built_site(published: Path) -> Path:
    """The real site, built once per session with --strict (with its downloads)."""
    return published / "site"


@pytest.fixture(scope="session")
def offline_zip(published: Path) -> Path:
    """The offline copy that the built site publishes (``dist/`` of the same build)."""
    return published / "dist" / build_offline.DEFAULT_OUTPUT.name


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
