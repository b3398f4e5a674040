"""scripts/check_links.py: the real site passes; each rule rejects its bad fixture."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import check_links
import pytest
from conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """Copy ``tests/fixtures/<name>`` into ``tmp_path`` and return the copy."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def assert_untouched(original: Path, copy: Path) -> None:
    comparison = filecmp.dircmp(original, copy)
    assert not (comparison.diff_files or comparison.left_only or comparison.right_only)


def test_the_real_site_passes(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_links.main([str(built_site)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "pages checked in" in out


def test_assets_from_other_hosts_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = copy_fixture("links-external-asset", tmp_path)
    monkeypatch.chdir(fixture)
    assert check_links.main(["site"]) == 1
    hint = (
        " from another host (expected a file inside the site;"
        " copy it into docs/assets/ or remove it)"
    )
    assert capsys.readouterr().out.splitlines() == [
        "site/assets/site.css:1: ASSET-EXTERNAL loads"
        f" 'https://fonts.googleapis.com/css?family=Roboto'{hint}",
        f"site/assets/site.css:3: ASSET-EXTERNAL loads 'https://img.example.com/x.svg'{hint}",
        f"site/index.html:5: ASSET-EXTERNAL loads 'https://fonts.gstatic.com'{hint}",
        f"site/index.html:7: ASSET-EXTERNAL loads '//cdn.example.net/lib.js'{hint}",
        f"site/index.html:11: ASSET-EXTERNAL loads 'https://img.example.com/logo@2x.png'{hint}",
        f"site/index.html:12: ASSET-EXTERNAL loads 'https://img.example.com/bg.png'{hint}",
        "6 problems found.",
    ]
    assert_untouched(FIXTURES / "links-external-asset", fixture)


def test_a_missing_site_is_an_error_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_links.main([str(tmp_path / "nowhere")]) == 2
    assert "run 'make build' first" in capsys.readouterr().err


def test_language_menu_must_lead_to_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = copy_fixture("links-language-menu", tmp_path)
    monkeypatch.chdir(fixture)
    assert check_links.main(["site"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "site/en/ke-hoach/index.html:5: LANG-MENU language menu entry 'fr' leads to"
        " 'en/gioi-thieu/index.html' (expected 'fr/ke-hoach/index.html', the same page in that"
        " language)",
        "site/ke-hoach/index.html:4: LANG-MENU language menu entry 'en' leads to 'en/index.html'"
        " (expected 'en/ke-hoach/index.html', the same page in that language)",
        "2 problems found.",
    ]
    assert_untouched(FIXTURES / "links-language-menu", fixture)


def test_plan_page_language_menu_targets_the_translated_plan(built_site: Path) -> None:
    from lxml import html

    for page, language, expected in [
        ("ke-hoach/index.html", "en", "en/ke-hoach/index.html"),
        ("en/ke-hoach/index.html", "vi", "ke-hoach/index.html"),
    ]:
        document = html.fromstring((built_site / page).read_bytes())
        menu = "//a[contains(@class, 'md-select__link')]"
        (link,) = document.xpath(f"{menu}[@hreflang='{language}']")
        target = check_links.resolve(built_site, check_links.PurePosixPath(page), link.get("href"))
        assert str(target) == expected
