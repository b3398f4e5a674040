"""scripts/check_links.py: the real site passes; each rule rejects its bad fixture."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from helpers import FIXTURES, REPO, assert_untouched, copy_fixture

from thuynguyen_kb import site_links, site_pages
from thuynguyen_kb.commands import check_links

STATS = re.compile(r"^Checked \d+ links on \d+ pages in \d+\.\d\d s\.$")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run check_links.main; return its exit code and output lines without the timing line."""
    status = check_links.main(args)
    lines = capsys.readouterr().out.splitlines()
    assert STATS.match(lines[-1]), lines[-1]
    return status, lines[:-1]


def test_the_real_site_passes(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run([str(built_site), "--docs", str(REPO / "docs")], capsys)
    assert (status, lines) == (0, ["OK: no problems."])


def test_broken_links_anchors_and_assets_are_reported_at_their_markdown_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = copy_fixture("links-broken", tmp_path)
    monkeypatch.chdir(fixture)
    status, lines = run(["site"], capsys)
    assert status == 1
    assert lines == [
        "docs/index.md:3: LINK-ANCHOR link 'ke-hoach/#ii-9' names section '#ii-9', which"
        " 'ke-hoach/index.html' does not have (expected one of its heading or item ids:"
        " check the { #id } there)",
        "docs/index.md:5: LINK-BROKEN link 'nhiem-vu/x/#a' leads to no page (found no file"
        " 'nhiem-vu/x/index.html' in the built site; expected an existing page: check the file"
        " name in the link)",
        "docs/index.md:7: ASSET-MISSING loads 'assets/anh.png', which is not in the site (found no"
        " file 'assets/anh.png'; expected the file under docs/assets/: add it or fix the name)",
        "docs/index.md:7: LINK-SYNTAX 'https://example': expected a host name such as"
        " www.example.org after '//'",
        "site/index.html:3: ASSET-MISSING loads 'assets/missing.css', which is not in the site"
        " (found no file 'assets/missing.css'; expected the file under docs/assets/: add it or fix"
        " the name)",
        "5 problems found.",
    ]
    assert_untouched(FIXTURES / "links-broken", fixture)


def test_a_broken_link_in_the_navigation_is_reported_on_every_page_at_its_html_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every page repeats the navigation, each from its own folder; the checker judges each
    # target once, yet must report the link on every page that has it, at that page's line.
    fixture = copy_fixture("links-broken-nav", tmp_path)
    monkeypatch.chdir(fixture)
    status, lines = run(["site"], capsys)
    assert status == 1
    hint = (
        " leads to no page (found no file 'nhiem-vu/index.html' in the built site; expected an"
        " existing page: check the file name in the link)"
    )
    assert lines == [
        f"site/index.html:8: LINK-BROKEN link 'nhiem-vu/'{hint}",
        f"site/ke-hoach/index.html:8: LINK-BROKEN link '../nhiem-vu/'{hint}",
        f"site/ke-hoach/muc-tieu/index.html:8: LINK-BROKEN link '../../nhiem-vu/'{hint}",
        "3 problems found.",
    ]
    assert_untouched(FIXTURES / "links-broken-nav", fixture)


def test_the_loaded_site_keeps_no_parsed_tree() -> None:
    from lxml import etree

    site = site_pages.Site.load(FIXTURES / "links-broken-nav" / "site", Path("docs"))
    kept = [value for page in site.pages.values() for value in vars(page).values()]
    assert kept
    assert not any(isinstance(value, etree._Element) for value in kept)


@pytest.mark.parametrize(
    ("page", "href", "expected"),
    [
        ("index.html", "ke-hoach", "ke-hoach/index.html"),  # a folder, without its slash
        ("index.html", "/", "index.html"),
        ("index.html", ".", "index.html"),
        ("ke-hoach/muc-tieu/index.html", "../../ke-hoach/#x", "ke-hoach/index.html"),
        ("ke-hoach/index.html", "", "ke-hoach/index.html"),
        ("ke-hoach/index.html", "nhiem-vu", "ke-hoach/nhiem-vu"),  # no such folder: a file
        ("index.html", "https://example.org/ke-hoach/", None),
    ],
)
def test_links_resolve_against_the_index_of_the_site_files(
    page: str, href: str, expected: str | None
) -> None:
    files = site_pages.SiteFiles.scan(FIXTURES / "links-broken-nav" / "site")
    found = site_pages.resolve(files, PurePosixPath(page), href)
    assert (str(found) if found else None) == expected


def test_dead_external_links_are_reported_online_at_their_markdown_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import requests

    class NotFound:
        status_code = 404

    monkeypatch.setattr(requests, "head", lambda url, **_: NotFound())
    monkeypatch.setattr(requests, "get", lambda url, **_: NotFound())
    monkeypatch.setattr(site_links, "CACHE_FILE", tmp_path / "cache" / "external-links.json")
    fixture = copy_fixture("links-broken", tmp_path)
    monkeypatch.chdir(fixture)
    status, lines = run(["site", "--online"], capsys)
    assert status == 1
    assert (
        "docs/index.md:9: LINK-DEAD 'https://www.unicef.org/vietnam/' does not answer well"
        " (found 404; expected a page: update or remove the link)"
    ) in lines
    assert lines[-1] == "6 problems found."
    assert_untouched(FIXTURES / "links-broken", fixture)


def test_external_links_are_listed_with_their_pages(
    built_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run([str(built_site), "--docs", str(REPO / "docs"), "--external"], capsys)
    assert status == 0
    assert lines[1].startswith("External links (")
    vtc = lines.index(
        "  https://vtcnews.vn/hai-phong-thanh-lap-thanh-pho-thuy-nguyen-ar905645.html"
    )
    assert lines[vtc + 1] == "    used on: en/gioi-thieu/index.html, gioi-thieu/index.html"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.unicef.org/vietnam/", None),
        ("ftp://example.org/file", "expected an address starting with https:// or http://"),
        ("https://localhost/", "expected a host name such as www.example.org after '//'"),
        ("https://example.org/a b", "expected no spaces (write %20, or fix the address)"),
    ],
)
def test_external_link_syntax(url: str, problem: str | None) -> None:
    assert site_links.syntax_error(url) == problem


def test_assets_from_other_hosts_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = copy_fixture("links-external-asset", tmp_path)
    monkeypatch.chdir(fixture)
    status, lines = run(["site"], capsys)
    assert status == 1
    hint = (
        " from another host (expected a file inside the site;"
        " copy it into docs/assets/ or remove it)"
    )
    assert lines == [
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
    status, lines = run(["site"], capsys)
    assert status == 1
    assert lines == [
        "site/en/ke-hoach/index.html:5: LANG-MENU language menu entry 'fr' leads to"
        " 'en/gioi-thieu/index.html' (expected 'fr/ke-hoach/index.html', the same page in that"
        " language)",
        "site/en/ke-hoach/index.html:5: LINK-BROKEN link '../gioi-thieu/' leads to no page (found"
        " no file 'en/gioi-thieu/index.html' in the built site; expected an existing page: check"
        " the file name in the link)",
        "site/ke-hoach/index.html:4: LANG-MENU language menu entry 'en' leads to 'en/index.html'"
        " (expected 'en/ke-hoach/index.html', the same page in that language)",
        "3 problems found.",
    ]
    assert_untouched(FIXTURES / "links-language-menu", fixture)


def test_plan_page_language_menu_targets_the_translated_plan(built_site: Path) -> None:
    from lxml import html

    files = site_pages.SiteFiles.scan(built_site)
    for page, language, expected in [
        ("ke-hoach/index.html", "en", "en/ke-hoach/index.html"),
        ("en/ke-hoach/index.html", "vi", "ke-hoach/index.html"),
    ]:
        document = html.fromstring((built_site / page).read_bytes())
        menu = "//a[contains(@class, 'md-select__link')]"
        (link,) = document.xpath(f"{menu}[@hreflang='{language}']")
        target = site_pages.resolve(files, PurePosixPath(page), link.get("href"))
        assert str(target) == expected


def test_online_check_reports_dead_links_at_their_source_and_caches_answers(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import requests

    asked: list[str] = []

    class NotFound:
        status_code = 404

    def answer(url: str, **_: object) -> NotFound:
        asked.append(url)
        return NotFound()

    monkeypatch.setattr(requests, "head", answer)
    monkeypatch.setattr(requests, "get", answer)
    monkeypatch.chdir(REPO)
    site = site_pages.Site.load(built_site, Path("docs"))
    links = site_links.external_links(site)
    cache = tmp_path / "external-links.json"

    problems = site_links.check_online(site, links, cache)
    vtc = "https://vtcnews.vn/hai-phong-thanh-lap-thanh-pho-thuy-nguyen-ar905645.html"
    reported = {(p.path, p.code) for p in problems if f"'{vtc}'" in p.message}
    assert reported == {("docs/gioi-thieu.md", "LINK-DEAD"), ("docs/gioi-thieu.en.md", "LINK-DEAD")}
    assert all(p.line > 0 for p in problems if p.path.startswith("docs/"))

    asked_before = len(asked)
    assert site_links.check_online(site, links, cache) == problems
    assert len(asked) == asked_before  # answered from the cache


def test_scripts_loaded_after_the_page_are_checked_like_a_src(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # overrides/main.html: the site's scripts are named in the loader's data-kb-later, loaded
    # once the page has loaded; a missing or foreign one must be caught as if it were a src.
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "search.js").write_text("//", encoding="utf-8")
    later = "assets/search.js assets/gone.js https://cdn.example.net/x.js"
    (site / "index.html").write_text(
        f'<!doctype html>\n<html><body>\n<script {site_pages.LATER}="{later}">run()</script>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    status, lines = run(["site"], capsys)
    assert status == 1
    assert lines == [
        "site/index.html:3: ASSET-EXTERNAL loads 'https://cdn.example.net/x.js' from another host"
        " (expected a file inside the site; copy it into docs/assets/ or remove it)",
        "site/index.html:3: ASSET-MISSING loads 'assets/gone.js', which is not in the site"
        " (found no file 'assets/gone.js'; expected the file under docs/assets/: add it or fix"
        " the name)",
        "2 problems found.",
    ]
