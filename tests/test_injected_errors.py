"""Each kind of editing mistake, injected into a copy of the repository, makes the checks of
``make test`` (its ``checks`` target) fail with a message naming the file. (``make test`` runs
the same target on the real repository, so its passing case needs no test of its own.)"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def broken_link(root: Path) -> str:
    append(root / "docs" / "gioi-thieu.md", "\nXem [nhiệm vụ](nhiem-vu/khong-co.md).\n")
    return "gioi-thieu.md"


def missing_anchor(root: Path) -> str:
    append(root / "docs" / "index.en.md", "\nSee [item II.9](ke-hoach.md#ii-9).\n")
    return "index.en.md"


def english_page_alone(root: Path) -> str:
    (root / "docs" / "huong-dan.en.md").write_text(
        "---\ntitle: Guide\ndescription: A guide.\n---\n\n# Guide\n", encoding="utf-8"
    )
    return "huong-dan.en.md"


def invalid_front_matter(root: Path) -> str:
    page = root / "docs" / "gioi-thieu.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: About", "title: About: the site"), encoding="utf-8")
    return "gioi-thieu.en.md"


def decomposed_word(root: Path) -> str:
    append(root / "docs" / "gioi-thieu.md", "\n" + unicodedata.normalize("NFD", "Trẻ em.") + "\n")
    return "gioi-thieu.md"


def page_not_in_nav(root: Path) -> str:
    (root / "docs" / "bo-sung.md").write_text(
        "---\ntitle: Bổ sung\ndescription: Trang bổ sung.\n---\n\n# Bổ sung\n", encoding="utf-8"
    )
    return "bo-sung.md"


SOURCE_MISTAKES = [english_page_alone, invalid_front_matter, decomposed_word, page_not_in_nav]
LINK_MISTAKES = [broken_link, missing_anchor]


@pytest.mark.parametrize("mistakes", [SOURCE_MISTAKES, LINK_MISTAKES], ids=["sources", "links"])
def test_injected_mistakes_fail_the_checks_naming_each_file(
    mistakes: list[Callable[[Path], str]], project_copy: Path
) -> None:
    # Mistakes of one kind go into one copy: the checks name every one, at one run's cost.
    # Source mistakes stop check_structure.py; link mistakes get past it and stop the build.
    names = [inject(project_copy) for inject in mistakes]
    result = run_checks(project_copy)
    assert result.returncode != 0
    for name in names:
        assert name in result.stdout + result.stderr, name


def run_checks(root: Path) -> subprocess.CompletedProcess[str]:
    """Run ``make checks`` in ``root`` with this test run's Python environment."""
    # No PDF packs: a copy's pages are dated anew (its one commit), so no cached pack fits.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF_PACKS": "false"}
    env.pop("SITE_URL", None)
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        ["make", "--no-print-directory", "checks", f"BIN={bin_dir}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
