"""A page without its English file is shown on the English site in Vietnamese, said so plainly."""

from __future__ import annotations

from pathlib import Path

from helpers import by_class, load, run_mkdocs_build


def test_untranslated_page_is_shown_with_a_notice(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "thu-nghiem.md").write_text(
        "---\ntitle: Thử nghiệm\ndescription: Trang thử.\n---\n\n"
        "# Thử nghiệm\n\nChỉ có tiếng Việt.\n",
        encoding="utf-8",
    )
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - bao-cao.md\n", "  - bao-cao.md\n  - thu-nghiem.md\n"))
    site = tmp_path / "out"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr

    english = load(site / "en" / "thu-nghiem" / "index.html")
    (notice,) = by_class(english, "untranslated-notice")
    assert "has not been translated into English yet" in notice.text_content()
    (body,) = english.xpath("//div[@lang='vi']")
    assert "Chỉ có tiếng Việt." in body.text_content()

    vietnamese = load(site / "thu-nghiem" / "index.html")
    assert by_class(vietnamese, "untranslated-notice") == []
