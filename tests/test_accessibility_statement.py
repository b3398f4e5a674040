"""The accessibility statement: its review date is shown on the page, and is never older than the
last change to the accessibility tests it describes (``A11Y-REVIEW-STALE``), on the real files
and on a repository whose tests changed after the review."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import FIXTURES, REPO, load, load_knowledge_base, write_project

from thuynguyen_kb.commands import check_structure
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.render import contact as render
from thuynguyen_kb.rules import accessibility
from thuynguyen_kb.source_dates import last_changed

DAY = datetime.date(2026, 12, 1)
STATEMENT = Source(
    "docs/kha-nang-tiep-can.md", "kha-nang-tiep-can.md", [], field_lines={"reviewed": 4}
)


def page(title: str, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: Thử.\n{extra}---\n\n# {title} {{ #a }}\n\n{body}"


def test_a_review_older_than_the_tests_is_stale() -> None:
    found = accessibility.review_problem(STATEMENT, DAY, DAY + datetime.timedelta(days=1))
    assert found is not None
    assert str(found).startswith(
        "docs/kha-nang-tiep-can.md:4: A11Y-REVIEW-STALE the accessibility statement was last"
        " reviewed before the accessibility tests changed (found reviewed: 2026-12-01,"
        " expected 2026-12-02 or later"
    )
    assert "tests/browser/test_accessibility.py" in found.message


@pytest.mark.parametrize("changed", [DAY, DAY - datetime.timedelta(days=30), None])
def test_a_review_on_or_after_the_tests_change_or_without_history_is_current(
    changed: datetime.date | None,
) -> None:
    assert accessibility.review_problem(STATEMENT, DAY, changed) is None


def test_the_real_statement_is_not_older_than_the_real_tests() -> None:
    changed = last_changed(REPO, accessibility.TESTS, authored=True)
    if changed is None:
        pytest.skip("no git history here: nothing to compare the review date with")
    loaded, problems = load_knowledge_base(REPO)
    reviewed = loaded.reviewed[accessibility.STATEMENT]
    assert [p for p in problems if p.code == "A11Y-REVIEW-STALE"] == []
    assert reviewed >= changed
    assert all((REPO / path).is_file() for path in accessibility.TESTS)  # none renamed away


def git(repository: Path, *arguments: str, when: str = "2026-02-01T12:00:00+00:00") -> None:
    # Committed a month after it was written (as a rebase would): the written day counts.
    dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": "2026-03-01T12:00:00+00:00"}
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(
        ["git", *identity, *arguments], cwd=repository, check=True, capture_output=True,
        env={**os.environ, **dates},
    )  # fmt: skip


def test_tests_changed_after_the_review_stop_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "structure-a11y-review-stale", project)
    strings = Path("docs") / "_data" / "strings"  # the marker's words
    shutil.copytree(REPO / strings, project / strings)
    tests = project / "tests" / "browser"
    tests.mkdir(parents=True)
    (tests / "test_accessibility.py").write_text('"""Changed after the review."""\n', "utf-8")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Statement reviewed 2026-01-10, tests changed 2026-02-01")
    monkeypatch.chdir(project)
    assert check_structure.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "docs/kha-nang-tiep-can.md:4: A11Y-REVIEW-STALE the accessibility statement was last"
        " reviewed before the accessibility tests changed (found reviewed: 2026-01-10,"
        " expected 2026-02-01 or later"
    )
    assert lines[1:] == ["1 problem found."]
    # Reviewed again the same day: the check passes.
    statement = project / "docs" / "kha-nang-tiep-can.md"
    statement.write_text(statement.read_text("utf-8").replace("2026-01-10", "2026-02-01"), "utf-8")
    assert check_structure.main([]) == 0


def reviews(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """The problems of a small project, with paths as the check script prints them."""
    _, problems = load_knowledge_base(write_project(tmp_path, files))
    return [str(p).removeprefix(f"{tmp_path}/") for p in problems]


def test_the_statement_needs_a_review_date(tmp_path: Path) -> None:
    found = reviews(tmp_path, {accessibility.STATEMENT: page("Tuyên bố")})
    assert any(
        f.startswith("docs/kha-nang-tiep-can.md:1: FRONT-MATTER-FIELD the page has no 'reviewed:'")
        for f in found
    ), found


def test_a_review_date_must_be_a_date_written_once(tmp_path: Path) -> None:
    found = reviews(
        tmp_path,
        {
            accessibility.STATEMENT: page("Tuyên bố", "reviewed: '2026-12-01'\n"),
            "trang.md": page("Trang", "reviewed: 2026-12-01\n"),
            "trang.en.md": page("Page", "reviewed: 2026-11-30\n"),
        },
    )
    assert any(
        f.startswith("docs/kha-nang-tiep-can.md:4: FIELD-TYPE 'reviewed' is not a date"
        " (found '2026-12-01'") for f in found
    ), found  # fmt: skip
    assert any(
        f.startswith("docs/trang.en.md:4: FIELD-MISMATCH 'reviewed' differs") for f in found
    ), found


def test_the_marker_needs_the_date_it_shows(tmp_path: Path) -> None:
    found = reviews(tmp_path, {"trang.md": page("Trang", body="<!-- kb:reviewed -->\n")})
    assert any(f.startswith("docs/trang.md:1: FRONT-MATTER-FIELD") for f in found), found


def test_the_marker_shows_the_date_in_words(kb: KnowledgeBase) -> None:
    dated = SimpleNamespace(strings=kb.strings, reviewed={"x.md": DAY})
    assert render.render_reviewed(dated, "x.md", "en") == (
        "This statement was last reviewed on 1 December 2026."
    )
    assert render.render_reviewed(dated, "x.md", "vi") == (
        "Tuyên bố này được rà soát lần cuối ngày 1 tháng 12, 2026."
    )


def test_the_statement_is_built_in_both_languages_and_found_by_search(built_site: Path) -> None:
    for root, words in (("", "rà soát lần cuối"), ("en/", "last reviewed")):
        statement = load(built_site / root / "kha-nang-tiep-can" / "index.html")
        assert words in statement.xpath("//article")[0].text_content()
        index = "".join(
            p.read_text("utf-8") for p in (built_site / root / "search-kb").glob("d-*.js")
        )
        for page_address in ("kha-nang-tiep-can/", "lien-he/"):
            assert f'"{page_address}' in index, (root, page_address)
