"""What a save under ``make serve`` rebuilds (``thuynguyen_kb.preview``): a page save only when
nothing but the text of existing pages changed, and one list of what a page save keeps."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from thuynguyen_kb import preview

HOOKS = Path(__file__).resolve().parent.parent / "overrides" / "hooks"
PAGE = "---\ntitle: Trang\n---\n\n# Trang { #trang }\n\nMột đoạn.\n"


def project(tmp_path: Path) -> tuple[Path, list[Path]]:
    docs = tmp_path / "docs"
    for name, text in {
        "trang.md": PAGE,
        "trang.en.md": PAGE.replace("Trang", "Page"),
        "_data/roles.yml": "roles: []\n",
        "_snippets/links.md": "[x]: https://example.org\n",
        "assets/site.css": "body {}\n",
    }.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return docs, [docs, tmp_path / "mkdocs.yml"]


def saved(path: Path, text: str) -> None:
    """Write ``text`` so that the file's size or time changes, as an editor's save does."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # a coarse clock: move the time on by hand
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_a_save_of_a_page_text_is_a_page_save(tmp_path: Path) -> None:
    docs, roots = project(tmp_path)
    before = preview.snapshot(roots)
    saved(docs / "trang.md", PAGE + "\nMột đoạn nữa.\n")
    saved(docs / "trang.en.md", PAGE.replace("Trang", "Page") + "\nMore.\n")
    plan = preview.plan(before, preview.snapshot(roots, before), docs)
    assert plan.pages == {"trang.md", "trang.en.md"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: saved(d / "trang.md", PAGE.replace("title: Trang", "title: Khác")),
         "the front matter of docs/trang.md changed"),
        (lambda d: saved(d / "_data/roles.yml", "roles: [a]\n"), "docs/_data/roles.yml changed"),
        (lambda d: saved(d / "_snippets/links.md", "[y]: https://example.org\n"),
         "docs/_snippets/links.md changed"),
        (lambda d: saved(d / "assets/site.css", "p {}\n"), "docs/assets/site.css changed"),
        (lambda d: saved(d.parent / "mkdocs.yml", "site_name: y\n"), "mkdocs.yml changed"),
        (lambda d: (d / "moi.md").write_text(PAGE), "files added or removed: docs/moi.md"),
        (lambda d: (d / "trang.en.md").unlink(), "files added or removed: docs/trang.en.md"),
    ],
)  # fmt: skip
def test_any_other_change_is_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the working folder
    docs, roots = project(tmp_path)
    before = preview.snapshot(roots)
    saved(docs / "trang.md", PAGE + "\nMột đoạn nữa.\n")  # a page save too: still full
    change(docs)
    plan = preview.plan(before, preview.snapshot(roots, before), docs)
    assert plan.pages is None
    assert reason in plan.reason
    assert preview.announcement(plan).startswith(f"Preview: full rebuild ({plan.reason})")


def test_without_an_earlier_build_or_a_seen_change_the_rebuild_is_full(tmp_path: Path) -> None:
    docs, roots = project(tmp_path)
    now = preview.snapshot(roots)
    assert preview.plan(None, now, docs).pages is None
    assert preview.plan(now, preview.snapshot(roots, now), docs).pages is None


def test_front_matter_is_read_as_mkdocs_reads_it() -> None:
    assert preview.front_matter("---\na: 1\n...\nText") == ("---", "a: 1", "...")
    assert preview.front_matter("# No front matter\n---\n") is None
    assert preview.front_matter("---\na: 1\n") == ("---", "a: 1", "")  # not closed


def test_skips_names_only_what_the_one_list_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview.state, "plan", preview.Plan(frozenset({"trang.md"}), "test"))
    assert all(preview.skips(name) for name in preview.NOT_REBUILT_ON_A_PAGE_SAVE)
    with pytest.raises(KeyError, match=r"not listed in preview\.NOT_REBUILT_ON_A_PAGE_SAVE"):
        preview.skips("the PDF packs")
    monkeypatch.setattr(preview.state, "plan", preview.Plan(None, "test"))
    assert not any(preview.skips(name) for name in preview.NOT_REBUILT_ON_A_PAGE_SAVE)


def test_every_output_a_page_save_keeps_is_one_the_hooks_skip_by_that_name() -> None:
    """The list the preview announces is the list the hooks obey: no more, no fewer."""
    named = {
        name
        for hook in HOOKS.glob("*.py")
        for name in re.findall(r'preview\.skips\("([^"]+)"\)', hook.read_text(encoding="utf-8"))
    }
    assert named == set(preview.NOT_REBUILT_ON_A_PAGE_SAVE)
