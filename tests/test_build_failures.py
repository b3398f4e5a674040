"""A broken link or anchor stops the strict build, and the message names the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "inject", "expected"),
    [
        (
            "unknown body in a task",
            lambda docs: edit(
                docs / "nhiem-vu" / "hoan-thien-chinh-sach.md", "body: vien-kiem-sat", "body: vks"
            ),
            "docs/nhiem-vu/hoan-thien-chinh-sach.md:7: REF-UNKNOWN related_bodies names body 'vks'",
        ),
        (
            "duplicate id",
            lambda docs: (docs / "co-quan" / "mttq-2.md").write_text(
                (docs / "co-quan" / "mttq.md").read_text(encoding="utf-8"), encoding="utf-8"
            ),
            "docs/co-quan/mttq-2.md:3: ID-DUPLICATE id 'mttq' is already used by"
            " docs/co-quan/mttq.md",
        ),
        (
            "missing required field",
            lambda docs: edit(docs / "nhiem-vu" / "dich-vu-tre-em.md", "plan_ref: ii-4\n", ""),
            "docs/nhiem-vu/dich-vu-tre-em.md:1: FRONT-MATTER-FIELD front matter has no 'plan_ref'",
        ),
        (
            "English file contradicts the Vietnamese id",
            lambda docs: edit(docs / "co-quan" / "toa-an.en.md", "---\n", "---\nid: court\n"),
            "docs/co-quan/toa-an.en.md:2: FIELD-MISMATCH 'id' differs from the Vietnamese page",
        ),
    ],
)
def test_bad_knowledge_base_data_stops_the_build(
    project_copy: Path, tmp_path: Path, name: str, inject: Any, expected: str
) -> None:
    inject(project_copy / "docs")
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0, name
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("marker", "page", "message"),
    [
        ("<!-- kb:bang -->", "ai-lam-gi.md", "'<!-- kb:bang -->' unknown marker"),
        ("<!-- kb:checklist -->", "bao-cao.md", "only works on a page of type 'body'"),
        (
            "<!-- kb:quote ref=ii-9 -->",
            "nhiem-vu/kinh-phi.md",
            "ref=ii-9 names no item of the plan",
        ),
        ("Xem <!-- kb:index type=task --> nhé.", "gioi-thieu.md", "malformed marker"),
    ],
)
def test_a_bad_marker_stops_the_build_at_its_line(
    project_copy: Path, tmp_path: Path, marker: str, page: str, message: str
) -> None:
    source = project_copy / "docs" / page
    lines = source.read_text(encoding="utf-8").split("\n")
    source.write_text("\n".join([*lines, "", marker, ""]), encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/{page}:{len(lines) + 2}: KB-MARKER" in result.stderr
    assert message in result.stderr
