"""Dates from the repository's history, end to end.

A small site with the real configuration (mkdocs.yml with its own nav, the real templates,
hooks and strings) is committed at fixed dates in a temporary repository; a page is changed and
committed again; the build shows the new day in each language, where the page's first day
differs, its note, the "What's new" list and the feeds. A copy without history (a tarball) and
a shallow clone stop with what to do; ``GIT_DATES=false`` builds without dates. The real site
(built once per session) shows a date on every page, the same day git gives for its file, and
its PDF packs carry the newest day their pages show.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from helpers import (
    REPO,
    TEST_CONTACT_EMAIL,
    commit_all,
    git,
    load,
    run_mkdocs_build,
    text_lines,
)
from lxml import html
from pypdf import PdfReader

from thuynguyen_kb import downloads, feeds, layout, site_config, source_dates
from thuynguyen_kb.knowledge import KnowledgeBase

BASE = "2026-03-02T10:00:00+07:00"  # the first commit of every page
CHANGED = "2026-06-14T20:30:00+00:00"  # 15 June in Viet Nam: the glossary's second commit
NOTE = {"vi": "Thêm thuật ngữ mới.", "en": "Added a new term."}
PAGES = {  # the small site: every page in both languages
    "index": ("Trang chủ", "Home"),
    "thuat-ngu": ("Thuật ngữ", "Glossary"),
    "ban-nhap": ("Bản nháp", "Draft"),  # never committed
}
PLUGIN = "git-revision-date-localized"
NAV = "nav:\n  - index.md\n  - thuat-ngu.md\n  - moi-cap-nhat.md\n  - ban-nhap.md\n\n"


def small_config() -> str:
    """The site's mkdocs.yml with the small site's nav in place of its own."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("\nnav:\n") + 1, text.index("\nmarkdown_extensions:") + 1
    return text[:start] + NAV + text[end:]


def write_page(root: Path, name: str, lang: str, extra: str = "", body: str = "") -> None:
    title = PAGES[name][0 if lang == "vi" else 1]
    path = root / "docs" / layout.translation_path(f"{name}.md", lang)
    path.write_text(
        f"---\ntitle: {title}\ndescription: {title}.\n{extra}---\n\n# {title}\n\n{body}\n",
        encoding="utf-8",
    )


def small_site(root: Path) -> Path:
    """The small site's sources in ``root`` (no history yet)."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(small_config(), encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    for folder in ("_data/strings", "_snippets", "assets/stylesheets"):
        shutil.copytree(REPO / "docs" / folder, root / "docs" / folder)
    for lang in layout.LANGUAGES:
        shutil.copy(REPO / "docs" / layout.translation_path("moi-cap-nhat.md", lang), root / "docs")
        for name in ("index", "thuat-ngu"):
            write_page(root, name, lang, body="Một đoạn.")
    return root


def change_the_glossary(root: Path) -> None:
    for lang in layout.LANGUAGES:
        note = f"changes:\n  - date: 2026-06-15\n    note: {NOTE[lang]}\n"
        write_page(root, "thuat-ngu", lang, extra=note, body="Một đoạn.\n\nMột thuật ngữ mới.")


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The small site committed on 2 March, its glossary changed on 15 June, a draft page not
    committed; built for publication at https://example.org/. Its site folder and build log."""
    root = small_site(tmp_path_factory.mktemp("dated") / "repo")
    git(root, "init", "--quiet")
    commit_all(root, "The small site", when=BASE)
    change_the_glossary(root)
    commit_all(root, "Glossary: a new term", when=CHANGED)
    for lang in layout.LANGUAGES:
        write_page(root, "ban-nhap", lang)
    site = root.parent / "site"
    publication = {"SITE_URL": "https://example.org/", "CONTACT_EMAIL": TEST_CONTACT_EMAIL}
    result = run_mkdocs_build(root, site, env=publication)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def box(site: Path, lang: str, name: str) -> html.HtmlElement | None:
    prefix = "" if lang == "vi" else "en/"
    page = load(site / prefix / ("" if name == "index" else f"{name}/") / "index.html")
    found = page.xpath("//div[contains(concat(' ', @class, ' '), ' kb-dates ')]")
    return found[0] if found else None


def facts(site: Path, lang: str, name: str) -> list[str]:
    found = box(site, lang, name)
    shown = found.xpath(".//*[@class='kb-dates__fact']") if found is not None else []
    return [fact.text_content() for fact in shown]


def test_a_page_changed_and_committed_shows_its_new_day_in_each_language(dated) -> None:
    site, _ = dated
    assert facts(site, "vi", "thuat-ngu") == [
        "Cập nhật lần cuối: 15 tháng 6, 2026",  # 20:30 UTC on 14 June is 15 June in Viet Nam
        "Đăng lần đầu: 2 tháng 3, 2026",
    ]
    assert facts(site, "en", "thuat-ngu") == [
        "Last updated: 15 June 2026",
        "First published: 2 March 2026",
    ]
    times = box(site, "en", "thuat-ngu").xpath(".//time/@datetime")
    assert times == ["2026-06-15", "2026-03-02", "2026-06-15"]  # the last one dates the note


def test_an_unchanged_page_keeps_its_day_and_shows_it_once(dated) -> None:
    site, _ = dated
    assert facts(site, "vi", "index") == ["Cập nhật lần cuối: 2 tháng 3, 2026"]
    assert facts(site, "en", "index") == ["Last updated: 2 March 2026"]


def test_a_page_never_committed_shows_no_day_not_the_builds(dated) -> None:
    site, log = dated
    assert facts(site, "vi", "ban-nhap") == facts(site, "en", "ban-nhap") == []
    assert "Not yet committed, so shown without a date: ban-nhap.en.md, ban-nhap.md" in log


def test_the_note_is_on_its_page_and_on_whats_new_in_each_language(dated) -> None:
    site, _ = dated
    for lang, prefix, day in (("vi", "", "15 tháng 6, 2026"), ("en", "en/", "15 June 2026")):
        items = box(site, lang, "thuat-ngu").xpath(".//li")
        assert [item.text_content() for item in items] == [f"{day}: {NOTE[lang]}"]
        listed = load(site / prefix / "moi-cap-nhat" / "index.html")
        section = listed.xpath("//*[@id='ngay-2026-06-15']")[0]
        assert text_lines(section) == [day]
        (item,) = section.xpath("following-sibling::ul[1]/li")
        assert (
            item.text_content() == f"{PAGES['thuat-ngu'][0 if lang == 'vi' else 1]}: {NOTE[lang]}"
        )
        assert item.xpath("a/@href") == ["../thuat-ngu/"]


def test_the_feeds_list_the_note_with_absolute_links_and_read_back(dated) -> None:
    site, _ = dated
    for lang, prefix in (("vi", ""), ("en", "en/")):
        parsed = feedparser.parse((site / feeds.path(lang)).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        (entry,) = parsed.entries
        assert entry.summary == NOTE[lang]
        assert entry.link == f"https://example.org/{prefix}thuat-ngu/"
        assert entry.updated == parsed.feed.updated == "2026-06-15T00:00:00+07:00"
        assert parsed.feed.link == f"https://example.org/{prefix}moi-cap-nhat/"
        self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_link == [f"https://example.org/{feeds.path(lang)}"]


@pytest.fixture(scope="module")
def plain_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site as a tarball gives it: no git history at all."""
    root = small_site(tmp_path_factory.mktemp("tarball") / "repo")
    for lang in layout.LANGUAGES:
        write_page(root, "ban-nhap", lang)
    return root


def test_a_copy_without_history_stops_the_build_saying_what_to_do(plain_copy: Path) -> None:
    result = run_mkdocs_build(plain_copy, plain_copy.parent / "site")
    assert result.returncode != 0
    assert "DATES " in result.stderr and "is not inside a git repository" in result.stderr
    assert "git clone" in result.stderr and "GIT_DATES=false" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (plain_copy.parent / "site" / "index.html").exists()


def test_without_dates_on_purpose_the_site_builds_and_shows_none(plain_copy: Path) -> None:
    site = plain_copy.parent / "site-undated"
    result = run_mkdocs_build(plain_copy, site, env={"GIT_DATES": "false"})
    assert result.returncode == 0, result.stderr
    assert facts(site, "vi", "thuat-ngu") == facts(site, "en", "index") == []
    parsed = feedparser.parse((site / feeds.path("en")).read_bytes())
    assert not parsed.bozo and parsed.entries == []  # no note in this copy: an empty feed


def test_a_shallow_clone_stops_the_build(tmp_path: Path) -> None:
    root = small_site(tmp_path / "repo")
    git(root, "init", "--quiet")
    commit_all(root, "One", when=BASE)
    change_the_glossary(root)
    commit_all(root, "Two", when=CHANGED)
    git(tmp_path, "clone", "--quiet", "--depth", "1", root.as_uri(), "shallow")
    result = run_mkdocs_build(tmp_path / "shallow", tmp_path / "site")
    assert result.returncode != 0
    assert "DATES " in result.stderr and "is a shallow clone" in result.stderr
    assert "git fetch --unshallow" in result.stderr


# --- The real site ----------------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "downloads" not in p.parts)


def test_every_page_shows_its_last_update_in_its_language(
    built_site: Path, kb: KnowledgeBase
) -> None:
    pages = built_pages(built_site)
    assert len(pages) > 90
    for page in pages:
        lang = "en" if page.relative_to(built_site).parts[0] == "en" else "vi"
        found = load(page).xpath("//*[@class='kb-dates__fact'][1]")
        assert found, page
        fact = found[0]
        day = datetime.date.fromisoformat(fact.xpath("time/@datetime")[0])
        label = kb.strings[lang]["dates_updated"]
        expected = {
            "vi": f"{label}: {day.day} tháng {day.month}, {day.year}",
            "en": f"{label}: {day.day} {MONTHS[day.month - 1]} {day.year}",
        }[lang]
        assert fact.text_content() == expected, page
        assert fact.getparent().getparent().get("lang") == lang


def source_of(page_html: Path, site: Path) -> Path:
    """The Markdown file a built page is made from (its translation, or the Vietnamese file)."""
    parts = page_html.relative_to(site).parts[:-1]
    lang = "en" if parts[:1] == ("en",) else "vi"
    parts = parts[1:] if lang == "en" else parts
    stem = "/".join(parts)
    candidates = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
    for neutral in candidates:
        translated = REPO / "docs" / layout.translation_path(neutral, lang)
        if translated.exists():
            return translated
        if (REPO / "docs" / neutral).exists():
            return REPO / "docs" / neutral
    raise AssertionError(f"no source for {page_html}")


def test_the_page_and_the_check_read_the_same_day_from_git(built_site: Path) -> None:
    # The check of change notes asks git without MkDocs (source_dates), the page shows what
    # the plugin asked: for every page, both give the same day.
    being_edited = source_dates.uncommitted(REPO, REPO / "docs")
    for page in built_pages(built_site):
        source = source_of(page, built_site)
        if source.resolve() in being_edited:
            continue  # the working tree differs from the history: nothing to compare
        shown = load(page).xpath("//*[@class='kb-dates__fact'][1]/time/@datetime")[0]
        assert source_dates.file_last_changed(source) == datetime.date.fromisoformat(shown), page


def shown_day(site: Path, lang: str, page: str) -> datetime.date:
    built = site / ("" if lang == "vi" else "en/") / page.removesuffix(".md") / "index.html"
    shown = load(built).xpath("//*[@class='kb-dates__fact'][1]/time/@datetime")
    return datetime.date.fromisoformat(shown[0])


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_a_pdf_pack_is_dated_with_the_newest_day_its_pages_show(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    newest_of_all = []
    for module in kb.of_type("module"):
        folder = module.page.rsplit("/", 1)[0]
        pages = (module.page, f"{folder}/{module.fields.handout}.md")
        newest = max(shown_day(built_site, lang, page) for page in pages)
        newest_of_all.append(newest)
        for kind in ("trainer", "handout"):
            pdf = built_site / downloads.module_pdf(module.id, lang, kind)
            info = PdfReader(pdf).metadata
            assert info["/CreationDate"] == f"D:{newest:%Y%m%d}", pdf
    info = PdfReader(built_site / downloads.whole_pack_pdf(lang)).metadata
    assert info["/ModDate"] == f"D:{max(newest_of_all):%Y%m%d}"


@pytest.mark.parametrize(("lang", "prefix"), [("vi", ""), ("en", "en/")])
def test_the_real_feeds_hold_every_note_with_links_to_built_pages(
    built_site: Path, kb: KnowledgeBase, lang: str, prefix: str
) -> None:
    parsed = feedparser.parse((built_site / feeds.path(lang)).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [entry.summary for entry in parsed.entries] == [c.note for c in kb.changes[lang]]
    assert parsed.entries, "the site has change notes"
    for entry in parsed.entries:
        assert not re.match(r"https?:", entry.link)  # no SITE_URL: relative to the feed
        assert (built_site / entry.link / "index.html").is_file(), entry.link
    assert parsed.feed.link == f"{prefix}moi-cap-nhat/"


@pytest.mark.parametrize(
    ("source", "url", "announced"),
    [
        ("index.md", "", True),
        ("index.en.md", "en/", True),
        ("moi-cap-nhat.md", "moi-cap-nhat/", True),
        ("moi-cap-nhat.en.md", "en/moi-cap-nhat/", True),
        ("ke-hoach.md", "ke-hoach/", False),
        ("co-quan/index.md", "co-quan/", False),  # a section's index is not the home page
        ("moi-cap-nhat.en.md", "moi-cap-nhat/", False),  # another language's address
    ],
)
def test_only_home_and_whats_new_announce_the_feed(source: str, url: str, announced: bool) -> None:
    alternate = "en/moi-cap-nhat/" if source.endswith(".en.md") else "moi-cap-nhat/"
    assert feeds.announced_on(source, url, alternate) is announced
    assert feeds.announced_on("ke-hoach.md", "ke-hoach/", None) is False


@pytest.mark.parametrize(("lang", "prefix"), [("vi", ""), ("en", "en/")])
def test_home_and_whats_new_link_their_languages_feed_and_whats_new_links_it_visibly(
    built_site: Path, lang: str, prefix: str
) -> None:
    pages = [p for p in built_pages(built_site) if p.relative_to(built_site).parts[0] != "en"]
    home = built_site / prefix
    announcing = {home / "index.html", home / "moi-cap-nhat" / "index.html"}
    linked = set()
    for page in built_pages(built_site / "en") if prefix else pages:
        links = load(page).xpath("//head/link[@type='application/atom+xml']")
        if page not in announcing:  # Material fetches sitemap.xml beside every such link
            assert links == [], page
            continue
        (link,) = links
        assert link.get("rel") == "alternate"
        assert (page.parent / link.get("href")).resolve() == (built_site / feeds.path(lang))
        linked.add(page)
    assert linked == announcing
    whats_new = built_site / prefix / "moi-cap-nhat" / "index.html"
    hrefs = load(whats_new).xpath("//article//a/@href")
    feed = (built_site / feeds.path(lang)).resolve()
    assert any((whats_new.parent / href).resolve() == feed for href in hrefs)


def test_whats_new_is_in_each_languages_search_index(built_site: Path) -> None:
    for prefix in ("", "en/"):
        index = "".join(
            p.read_text("utf-8") for p in (built_site / prefix / "search-kb").glob("*.js")
        )
        assert '"moi-cap-nhat/' in index


def test_the_plugin_dates_in_the_site_time_zone_after_the_language_plugin() -> None:
    plugins = site_config.read(REPO / "mkdocs.yml").data["plugins"]
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    assert names.index("git-revision-date-localized") > names.index("i18n")
    (options,) = [p[PLUGIN] for p in plugins if isinstance(p, dict) and PLUGIN in p]
    assert options["timezone"] == source_dates.SITE_TIMEZONE
