"""A broken link or anchor stops the strict build, and the message names the file."""

from __future__ import annotations

from pathlib import Path

from helpers import run_mkdocs_build


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_unchanged_copy_builds(project_copy: Path, tmp_path: Path) -> None:
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_a_link_to_a_missing_page_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "gioi-thieu.md", "\nXem [nhiệm vụ](nhiem-vu/khong-co.md).\n")
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "gioi-thieu.md" in result.stderr
    assert "nhiem-vu/khong-co.md" in result.stderr


def test_a_link_to_a_missing_anchor_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "index.en.md", "\nSee [item II.9](ke-hoach.md#ii-9).\n")
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "index.en.md" in result.stderr
    assert "ke-hoach.md#ii-9" in result.stderr
