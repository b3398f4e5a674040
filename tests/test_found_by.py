"""``found_by:`` in a page's front matter (what readers type to find the page): a list of
phrases, checked for its shape at its line like any field."""

from __future__ import annotations

from helpers import load_knowledge_base, write_project


def page(extra: str) -> str:
    return "\n".join(["---", "title: Trang A", "description: Mô tả.", extra, "---", "", "# A", ""])


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    _, found = load_knowledge_base(write_project(tmp_path, files))
    tmp_path.mkdir(exist_ok=True)
    return [str(problem).replace(f"{tmp_path.as_posix()}/", "") for problem in found]


def test_a_list_of_phrases_passes(tmp_path) -> None:
    assert problems(tmp_path, {"a.md": page('found_by:\n  - "mẫu báo cáo"\n  - gọi ai')}) == []


def test_a_phrase_not_in_a_list_or_empty_is_reported_at_its_line(tmp_path) -> None:
    found = problems(tmp_path / "1", {"a.md": page("found_by: mẫu báo cáo")})
    assert len(found) == 1 and found[0].startswith("docs/a.md:4: "), found
    assert "found_by" in found[0]
    found = problems(tmp_path / "2", {"a.md": page('found_by:\n  - "mẫu"\n  - ""')})
    assert len(found) == 1 and found[0].startswith("docs/a.md:6: "), found
