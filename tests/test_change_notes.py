"""Change notes (``changes:`` in a page's front matter) on small projects: each bad note is
reported at its file and line, the good ones reach the knowledge base in the reader's language;
the page's box, the "What's new" list and the Atom feed show them escaped, newest first."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

import feedparser
import pytest
from helpers import commit_all, git, load_knowledge_base, write_project
from lxml import html

from thuynguyen_kb import loader, site_config, source_dates
from thuynguyen_kb.content_policy import violations
from thuynguyen_kb.feeds import atom, entry_id, href, path
from thuynguyen_kb.knowledge import Change
from thuynguyen_kb.render.changes import page_box, render_whats_new
from thuynguyen_kb.source_dates import PageDates, from_plugin


def page(title: str, notes: list[tuple[str, str]] | None = None, extra: str = "") -> str:
    """A plain page with the given change notes (date as written, note as written)."""
    lines = ["---", f"title: {title}", "description: Mô tả.", *extra.splitlines()]
    if notes is not None:
        lines.append("changes:")
        for day, note in notes:
            lines += [f"  - date: {day}", f"    note: {note}"]
    return "\n".join([*lines, "---", "", f"# {title}", ""])


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    _, found = load_knowledge_base(write_project(tmp_path, files))
    return [str(problem).replace(f"{tmp_path.as_posix()}/", "") for problem in found]


# --- What a note must look like ---------------------------------------------------------------


def test_good_notes_in_both_languages_pass(tmp_path) -> None:
    files = {
        "a.md": page("Trang A", [("2026-03-10", "Sửa ngày."), ("2026-01-05", "Thêm mục.")]),
        "a.en.md": page("Page A", [("2026-01-05", "Added a section."), ("2026-03-10", "Fixed.")]),
    }
    assert problems(tmp_path, files) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-1", "found the text '2026-12-1', expected a date such as 2025-12-31"),
        ('"2026-12-01"', "found the text '2026-12-01', expected a date such as 2025-12-31"),
        ("2026-12-01 10:00:00", "found '2026-12-01 10:00:00', expected a date such as 2025-12-31"),
        ("hôm qua", "found the text 'hôm qua', expected a date such as 2025-12-31"),
    ],
)
def test_a_date_that_is_not_a_day_is_a_field_type_error_at_its_line(
    tmp_path, written: str, expected: str
) -> None:
    found = problems(tmp_path, {"a.md": page("A", [("2026-01-05", "Một."), (written, "Hai.")])})
    assert len(found) == 1, found
    assert found[0].startswith("docs/a.md:7: FIELD-TYPE 'changes[2].date' has the wrong kind")
    assert expected in found[0]


def test_a_day_that_no_calendar_has_is_reported_at_its_line_not_raised(tmp_path) -> None:
    found = problems(tmp_path, {"a.md": page("A", [("2026-02-30", "Một.")])})
    assert found == [
        "docs/a.md:5: FRONT-MATTER-YAML front matter is not valid YAML: '2026-02-30' is not a day"
        " of the calendar (found the error 'day is out of range for month', expected a real date"
        " written YYYY-MM-DD, such as 2026-12-01; correct the day or the month)"
    ]


@pytest.mark.parametrize(("note", "kind"), [('""', "is empty"), ('"   "', "is empty")])
def test_an_empty_note_is_reported_at_its_line(tmp_path, note: str, kind: str) -> None:
    found = problems(tmp_path, {"a.md": page("A", [("2026-01-05", note)])})
    assert found == [
        f"docs/a.md:6: FRONT-MATTER-FIELD front matter field 'changes[1].note' {kind} (found"
        " 'note:' with no text, expected text; write it after 'note:' on the same line)"
    ]


def test_a_note_without_its_text_or_with_an_unknown_field_is_refused(tmp_path) -> None:
    text = page("A", extra="changes:\n  - date: 2026-01-05\n  - date: 2026-01-06\n    by: me")
    found = problems(tmp_path, {"a.md": text})
    assert [line.split(" ", 2)[:2] for line in found] == [
        ["docs/a.md:5:", "FRONT-MATTER-FIELD"],  # changes[1] has no note
        ["docs/a.md:6:", "FRONT-MATTER-FIELD"],  # changes[2] has no note
        ["docs/a.md:7:", "FRONT-MATTER-FIELD"],  # 'by' is not a field of a note
    ]
    assert "'changes[1]' has no 'note'" in found[0]


def test_a_note_holding_a_tag_is_refused(tmp_path) -> None:
    found = problems(tmp_path, {"a.md": page("A", [("2026-01-05", "Thêm <b>mới</b>.")])})
    assert found == [
        "docs/a.md:6: TEXT-MARKUP the change note 'changes[1].note' is plain text but holds the"
        " HTML tag <b> (found '<' starting a tag, expected words only): remove the tag; to show"
        " '<' itself, put a space after it"
    ]


# --- Its date against the world ---------------------------------------------------------------


def test_a_note_dated_after_today_is_refused_and_today_passes(tmp_path) -> None:
    today = source_dates.today()
    tomorrow = today + datetime.timedelta(days=1)
    files = {"a.md": page("A", [(today.isoformat(), "Hôm nay."), (tomorrow.isoformat(), "Mai.")])}
    assert problems(tmp_path, files) == [
        f"docs/a.md:7: CHANGE-DATE change note dated {tomorrow} is in the future (found"
        f" {tomorrow}, expected a day no later than today, {today} in Viet Nam; write the day the"
        " change was made)"
    ]


def committed_project(tmp_path, note_day: str, when: str):
    """A small project in a git repository whose page, noting a change of ``note_day``, was
    committed at ``when``."""
    root = write_project(tmp_path, {"a.md": page("A", [(note_day, "Sửa.")])})
    git(root, "init", "--quiet")
    commit_all(root, "Page A", when=when)
    return root


def test_a_note_dated_after_its_files_last_commit_is_refused(tmp_path) -> None:
    root = committed_project(tmp_path, "2026-03-12", "2026-03-10T09:00:00+07:00")
    _, found = load_knowledge_base(root)
    assert [str(p).removeprefix(f"{root.as_posix()}/") for p in found] == [
        "docs/a.md:5: CHANGE-DATE change note dated 2026-03-12 is later than the last change of"
        " this file in the repository's history (found 2026-03-12, expected 2026-03-10 or"
        " earlier: the page shows 'last updated 2026-03-10'; correct the date, or commit the"
        " change the note describes with it)"
    ]


def test_a_file_being_edited_is_not_judged_by_its_last_commit(tmp_path) -> None:
    root = committed_project(tmp_path, "2026-03-12", "2026-03-10T09:00:00+07:00")
    (root / "docs" / "a.md").write_text(page("A", [("2026-03-12", "Sửa lại.")]), "utf-8")
    assert load_knowledge_base(root)[1] == []


def test_the_last_commits_day_is_the_day_in_viet_nam(tmp_path) -> None:
    # 20:30 UTC on 14 June is 03:30 on 15 June in Viet Nam: a note of 15 June is not too late.
    root = committed_project(tmp_path, "2026-06-15", "2026-06-14T20:30:00+00:00")
    assert load_knowledge_base(root)[1] == []
    assert source_dates.file_last_changed(root / "docs" / "a.md") == datetime.date(2026, 6, 15)


def test_both_languages_must_note_the_same_days(tmp_path) -> None:
    files = {
        "a.md": page("Trang A", [("2026-03-10", "Một."), ("2026-03-10", "Hai.")]),
        "a.en.md": page("Page A", [("2026-03-10", "One."), ("2026-03-11", "Other day.")]),
        "b.md": page("Trang B", [("2026-03-10", "Chưa dịch.")]),  # no English file: no rule
    }
    found = problems(tmp_path, files)
    assert [line.split(" ", 2)[:2] for line in found] == [
        ["docs/a.en.md:7:", "CHANGE-MISMATCH"],
        ["docs/a.md:7:", "CHANGE-MISMATCH"],
    ]
    assert found[0].split(" ", 2)[2] == (
        "change note dated 2026-03-11 is not in docs/a.md (found 1 note(s) dated 2026-03-11 here"
        " and 0 there, expected the same notes in every language of the page; describe the"
        " change in docs/a.md too, with the same date, or correct the date)"
    )


# --- In the knowledge base, on the page, on "What's new" ------------------------------------


def small_site(tmp_path):
    files = {
        "index.md": page("Trang chủ", [("2026-01-05", "Thêm ô 111.")]),
        "index.en.md": page("Home", [("2026-01-05", "Added the 111 box.")]),
        "a/b.md": page("Trang *B*", [("2026-03-10", "Sửa [mục] 2 & 3 < 4."), ("2026-01-05", "X.")]),
        "a/b.en.md": page(
            "Page *B*", [("2026-03-10", "Fixed [item] 2 & 3 < 4."), ("2026-01-05", "Y.")]
        ),
        "c.md": page("Trang C", [("2026-03-10", "Chưa dịch.")]),  # not translated
        "moi.md": page("Mới", extra=""),
        "moi.en.md": page("New"),
    }
    root = write_project(tmp_path, files)
    nav = "nav:\n  - index.md\n  - c.md\n  - a/b.md\n  - moi.md\n"  # one day's notes in this order
    (root / "mkdocs.yml").write_text(f"site_name: Test\n{nav}", encoding="utf-8")
    kb, found = load_knowledge_base(root)
    assert found == []
    return kb


def test_readers_see_their_languages_notes_newest_first_and_untranslated_pages_in_vietnamese(
    tmp_path,
) -> None:
    kb = small_site(tmp_path)
    seen = {
        lang: [(c.day.isoformat(), c.file, c.note) for c in kb.changes[lang]] for lang in kb.changes
    }
    assert seen["en"] == [
        ("2026-03-10", "c.md", "Chưa dịch."),
        ("2026-03-10", "a/b.en.md", "Fixed [item] 2 & 3 < 4."),
        ("2026-01-05", "index.en.md", "Added the 111 box."),
        ("2026-01-05", "a/b.en.md", "Y."),
    ]
    assert [file for _, file, _ in seen["vi"]] == ["c.md", "a/b.md", "index.md", "a/b.md"]


def test_whats_new_lists_each_day_newest_first_with_links_from_its_page_escaped(tmp_path) -> None:
    kb = small_site(tmp_path)
    lines = render_whats_new(kb, "moi.md", "en").split("\n")
    assert lines[0] == (
        "To hear of new changes, add [the site's feed (Atom)](kb-download:feed.en.xml) to a feed"
        " reader (RSS, Atom)."
    )
    assert [line for line in lines[1:] if line] == [
        "## 10 March 2026 { #ngay-2026-03-10 }",
        '- [Trang C](c.md){ lang="vi" hreflang="vi" } (not yet translated): <span lang="vi">Chưa'
        " dịch.</span>",
        r"- [Page \*B\*](a/b.md): Fixed \[item\] 2 &amp; 3 &lt; 4.",
        "## 5 January 2026 { #ngay-2026-01-05 }",
        "- [Home](index.md): Added the 111 box.",
        "- [Page \\*B\\*](a/b.md): Y.",
    ]
    assert "## 10 tháng 3, 2026 { #ngay-2026-03-10 }" in render_whats_new(kb, "moi.md", "vi")


def test_whats_new_without_notes_says_so(tmp_path) -> None:
    kb, _ = load_knowledge_base(write_project(tmp_path, {"moi.md": page("Mới")}))
    assert render_whats_new(kb, "moi.md", "vi").endswith("\nChưa có thay đổi nào được ghi lại.")


def test_the_page_box_gives_its_days_in_the_readers_language_and_its_notes_escaped(
    tmp_path,
) -> None:
    kb = small_site(tmp_path)
    days = PageDates(updated=datetime.date(2026, 3, 10), published=datetime.date(2026, 1, 2))
    box = html.fragment_fromstring(
        page_box(kb.file_changes["a/b.en.md"], days, "en", kb.strings["en"])
    )
    assert box.get("lang") == "en"
    facts = box.xpath(".//*[@class='kb-dates__facts']")[0]
    assert facts.text_content() == "Last updated: 10 March 2026First published: 2 January 2026"
    assert [t.get("datetime") for t in facts.iter("time")] == ["2026-03-10", "2026-01-02"]
    assert box.xpath(".//h2")[0].text == "Changes to this page"
    notes = [li.text_content() for li in box.iter("li")]
    assert notes == ["10 March 2026: Fixed [item] 2 & 3 < 4.", "5 January 2026: Y."]
    # An untranslated page's notes keep their language; one day is given once.
    same = PageDates(updated=datetime.date(2026, 3, 10), published=datetime.date(2026, 3, 10))
    shown = html.fragment_fromstring(
        page_box(kb.file_changes["c.md"], same, "en", kb.strings["en"])
    )
    assert "First published" not in shown.text_content()
    assert shown.xpath(".//li/span")[0].get("lang") == "vi"
    assert page_box([], PageDates(), "vi", kb.strings["vi"]) == ""


def test_the_page_box_keeps_to_the_content_policy(tmp_path) -> None:
    kb = small_site(tmp_path)
    days = PageDates(updated=datetime.date(2026, 3, 10), published=datetime.date(2026, 1, 2))
    for file, lang in (("a/b.en.md", "en"), ("c.md", "en"), ("a/b.md", "vi")):
        shown = page_box(kb.file_changes[file], days, lang, kb.strings[lang])
        assert shown and violations(shown) == [], file


def test_the_plugins_days_are_read_only_where_it_found_a_commit() -> None:
    meta = {
        "git_revision_date_localized_raw_iso_date": "2026-03-10",
        "git_revision_date_localized_hash": "abc123",
        "git_creation_date_localized_raw_iso_date": "2026-12-01",  # the build's time, no commit
        "git_creation_date_localized_hash": "",
    }
    assert from_plugin(meta) == PageDates(updated=datetime.date(2026, 3, 10), published=None)
    assert from_plugin({}) == PageDates()


# --- The feed ---------------------------------------------------------------------------------

CHANGES = [
    Change("a/b.md", "a/b.en.md", "en", datetime.date(2026, 3, 10), "Fixed <b>2</b> & 3", "B & C"),
    Change("a/b.md", "a/b.en.md", "en", datetime.date(2026, 3, 10), "Second", "B & C"),
    Change("c.md", "c.md", "vi", datetime.date(2026, 1, 5), "Chưa dịch", "Trang C"),
]
URLS = {"a/b.md": "en/a/b/", "c.md": "en/c/", "index.md": "en/"}


def feed_of(changes=CHANGES, site_url: str | None = None, **options) -> feedparser.FeedParserDict:
    xml = atom(
        changes, lang="en", title="Site: what's new", author="Site & co", page_url=URLS.__getitem__,
        site_url=site_url, alternate="en/moi/", updated=datetime.date(2026, 1, 1), **options,
    )  # fmt: skip
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_feed_reads_back_with_every_note_escaped_and_dated_in_viet_nam() -> None:
    parsed = feed_of()
    assert parsed.feed.title == "Site: what's new"
    assert parsed.feed.author == "Site & co"
    assert parsed.feed.updated == "2026-03-10T00:00:00+07:00"
    assert [(e.title, e.summary, e.link) for e in parsed.entries] == [
        ("B & C", "Fixed <b>2</b> & 3", "en/a/b/"),  # text, not markup: shown as written
        ("B & C", "Second", "en/a/b/"),
        ("Trang C", "Chưa dịch", "en/c/"),
    ]
    assert parsed.entries[0].summary_detail.type == "text/plain"
    assert parsed.entries[2].updated == "2026-01-05T00:00:00+07:00"
    assert {e.id.split(":")[0] for e in parsed.entries} == {"urn"}
    assert len({e.id for e in parsed.entries}) == 3  # two notes of one page and day differ
    assert [link.rel for link in parsed.feed.links] == ["alternate"]  # no self link: no address


def test_without_the_sites_address_links_are_relative_to_the_feed_and_with_it_absolute() -> None:
    relative, absolute = feed_of(), feed_of(site_url="https://example.org/kb/")
    assert relative.feed.link == "en/moi/"
    assert absolute.feed.link == "https://example.org/kb/en/moi/"
    assert absolute.entries[0].link == "https://example.org/kb/en/a/b/"
    self_link = [link.href for link in absolute.feed.links if link.rel == "self"]
    assert self_link == ["https://example.org/kb/feed.en.xml"]
    # The ids do not depend on where the site is published.
    assert [e.id for e in relative.entries] == [e.id for e in absolute.entries]
    assert relative.feed.id == absolute.feed.id


def test_entry_ids_stay_the_same_from_build_to_build() -> None:
    first = entry_id(CHANGES[0], "en", 0)
    assert first == entry_id(CHANGES[0], "en", 0)
    assert first != entry_id(CHANGES[0], "vi", 0) != entry_id(CHANGES[0], "en", 1)
    assert uuid.UUID(first.removeprefix("urn:uuid:")).version == 5


def test_a_feed_without_notes_is_valid_and_dated() -> None:
    parsed = feed_of(changes=[])
    assert parsed.entries == []
    assert parsed.feed.updated == "2026-01-01T00:00:00+07:00"


def test_feed_paths_and_links_from_pages() -> None:
    assert (path("vi"), path("en")) == ("feed.xml", "feed.en.xml")
    assert href("feed.xml", "") == "feed.xml"
    assert href("feed.en.xml", "en/nhiem-vu/a/") == "../../../feed.en.xml"
    assert href("feed.xml", "nhiem-vu/a.html") == "../feed.xml"
    assert href("en/", "feed.en.xml") == "en/"
    assert href("", "feed.xml") == "./"


def test_make_serve_asks_git_once_per_file_and_commit_checked_out(tmp_path, monkeypatch) -> None:
    """``make serve`` loads the sources at every save: the day of a file's last commit is kept
    for the commit checked out, and asked again once another is (a new commit)."""
    root = committed_project(tmp_path, "2026-03-10", "2026-03-10T09:00:00+07:00")
    asked: list[Path] = []
    real = source_dates.file_last_changed
    monkeypatch.setattr(source_dates, "file_last_changed", lambda p: asked.append(p) or real(p))
    settings = site_config.read(root / "mkdocs.yml")
    kept: dict = {}
    first = loader.load(root / "docs", settings, kept)
    again = loader.load(root / "docs", settings, kept)
    assert len(asked) == 1
    assert first.last_changed == again.last_changed == {"a.md": datetime.date(2026, 3, 10)}
    (root / "docs" / "a.md").write_text(page("A", [("2026-03-12", "Sửa.")]), "utf-8")
    commit_all(root, "Page A again", when="2026-03-12T09:00:00+07:00")
    assert loader.load(root / "docs", settings, kept).last_changed == {
        "a.md": datetime.date(2026, 3, 12)
    }
    assert len(asked) == 2
    loader.load(root / "docs", settings)  # a build keeps nothing
    assert len(asked) == 3
