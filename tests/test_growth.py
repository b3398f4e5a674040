"""The site grows and changes without code changes: one build of a copy of the repository in which

- a seventh task, a new body, a new module with its handout and a new recommendation are added,
  each by copying one existing file (and adding the nav line for pages in the nav), Vietnamese
  only;
- the English files of one task, one body and one module are deleted;
- one task gets a lead body (an annex row entered);
- an (invented) official text of two paragraphs is imported with the importer.

Every addition must appear in the indexes, the matrix, the CSV files and the search index; every
page without its English file is shown on the English site in Vietnamese under the "not yet
translated" notice; the check passes and lists them; the change reaches every generated place;
the imported text is shown beside the editors' own pages, which the import never touches.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from helpers import (
    LANGUAGE_HOMES,
    article,
    by_class,
    copy_project,
    load,
    run_mkdocs_build,
    text_lines,
)
from lxml import html

from thuynguyen_kb.commands import check_structure
from thuynguyen_kb.importer import command as importer

NEW_TASK = ("nhiem-vu/dich-vu-tre-em.md", "nhiem-vu/nhiem-vu-thu-bay.md", "Nhiệm vụ thứ bảy thử")
NEW_BODY = ("co-quan/phong-ban-nganh.md", "co-quan/co-quan-thu-nghiem.md", "Cơ quan thử nghiệm")
NEW_MODULE = ("tap-huan/m1-quyen-tre-em-co-ban.md", "tap-huan/m7-thu-nghiem.md", "M7. Bài thử")
NEW_HANDOUT = (
    "tap-huan/m1-quyen-tre-em-co-ban-tai-lieu.md",
    "tap-huan/m7-thu-nghiem-tai-lieu.md",
    "Tài liệu phát tay M7 thử",
)
NEW_RECOMMENDATION = ("khuyen-nghi/p17.md", "khuyen-nghi/p99.md", "Đoạn 99: thử nghiệm")
UNTRANSLATED = (
    "nhiem-vu/kiem-tra-du-lieu.md",
    "co-quan/mttq.md",
    "tap-huan/m4-tu-phap-than-thien.md",
)


INVENTED_DOCUMENT = """CRC/C/VNM/CO/5-6
Committee on the Rights of the Child
Concluding observations on the combined fifth and sixth periodic reports of Testland
I. Introduction
1. The Committee considered an invented report at two invented meetings.
III. Main areas of concern and recommendations
E. Violence against children (arts. 19, 34 and 39)
Invented sub-heading
30. The Committee urges the State party, in invented words, to:
(a) Take a first invented measure;
(b) Take a second invented measure.
31. The Committee recommends another invented measure.
"""


def copy_record(docs: Path, source: str, target: str, title: str, changes: dict[str, str]) -> None:
    """Copy one page to a new file, giving it its own id, title and the ``changes`` lines."""
    text = (docs / source).read_text(encoding="utf-8")
    old_id = Path(source).stem
    text = text.replace(f"id: {old_id}\n", f"id: {Path(target).stem}\n", 1)
    text = re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.MULTILINE)
    for old, new in changes.items():
        assert old in text, (source, old)
        text = text.replace(old, new, 1)
    (docs / target).write_text(text, encoding="utf-8")


def add_to_nav(root: Path, after: str, page: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.strip() == f"- {after}")
    config.write_text(text.replace(line, f"{line}\n{line.replace(after, page)}", 1), "utf-8")


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The changed copy and its built site."""
    root = copy_project(tmp_path_factory.mktemp("grown"))
    docs = root / "docs"
    copy_record(docs, *NEW_TASK, {})
    add_to_nav(root, NEW_TASK[0], NEW_TASK[1])
    copy_record(docs, *NEW_BODY, {"order: 2\n": "order: 99\n"})
    add_to_nav(root, NEW_BODY[0], NEW_BODY[1])
    copy_record(
        docs,
        *NEW_MODULE,
        {"code: M1\n": "code: M7\n", "handout: m1-quyen-tre-em-co-ban-tai-lieu\n": (
            "handout: m7-thu-nghiem-tai-lieu\n"
        )},
    )  # fmt: skip
    add_to_nav(root, NEW_MODULE[0], NEW_MODULE[1])
    copy_record(docs, *NEW_HANDOUT, {"module: m1-quyen-tre-em-co-ban\n": "module: m7-thu-nghiem\n"})
    copy_record(docs, *NEW_RECOMMENDATION, {"paragraph: 17\n": "paragraph: 99\n"})
    for page in UNTRANSLATED:
        (docs / page.replace(".md", ".en.md")).unlink()
    task = docs / "nhiem-vu" / "dich-vu-tre-em.md"
    task.write_text(task.read_text("utf-8").replace("lead: []", "lead: [ubnd-xa-phuong]"), "utf-8")
    document = root / "invented.txt"
    document.write_text(INVENTED_DOCUMENT, encoding="utf-8")
    editors_page = (docs / "khuyen-nghi" / "p30.md").read_bytes()
    status = importer.main([str(document), "--symbol", "CRC/C/VNM/CO/5-6", "--docs", str(docs)])
    assert status == 0
    assert (docs / "khuyen-nghi" / "p30.md").read_bytes() == editors_page  # never touched
    assert (docs / "khuyen-nghi" / "p31.md").is_file()  # a new paragraph gets its page
    site = root / "out"
    result = run_mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return root, site


def content(site: Path, lang: str, page: str) -> str:
    built = site / LANGUAGE_HOMES[lang] / page.removesuffix(".md").removesuffix("/index")
    return " ".join(text_lines(article(load(built / "index.html"))))


def csv_text(site: Path, lang: str, folder: str, table: str) -> str:
    return (site / LANGUAGE_HOMES[lang] / folder / f"{table}.csv").read_text("utf-8-sig")


def search_urls(site: Path, lang: str) -> set[str]:
    """The addresses of every section in a language's search index."""
    urls = set()
    for chunk in (site / LANGUAGE_HOMES[lang] / "search-kb").glob("d-*.js"):
        rows = json.loads(re.search(r",(\[.*\])\);", chunk.read_text("utf-8")).group(1))
        urls |= {row[0].split("#")[0] for row in rows}
    return urls


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_new_records_appear_in_indexes_matrix_csv_and_search(
    grown: tuple[Path, Path], lang: str
) -> None:
    _, site = grown
    task, body, module, recommendation = (
        NEW_TASK[2],
        NEW_BODY[2],
        NEW_MODULE[2],
        NEW_RECOMMENDATION[2],
    )
    assert task in content(site, lang, "nhiem-vu/index.md")
    assert body in content(site, lang, "co-quan/index.md")
    matrix = content(site, lang, "ai-lam-gi.md")
    assert task in matrix and body in matrix
    assignments = csv_text(site, lang, "ai-lam-gi", "phan-cong")
    assert "nhiem-vu-thu-bay" in assignments and "co-quan-thu-nghiem" in assignments
    index = load(site / LANGUAGE_HOMES[lang] / "tap-huan" / "index.html")
    (title,) = article(index).xpath(".//table//a[@id='m7']")  # the module's row keeps its id
    assert module in title.text_content()
    assert "M7" in content(site, lang, "tap-huan/huong-dan-giang-vien.md")  # the generated table
    guide = article(
        load(site / LANGUAGE_HOMES[lang] / "tap-huan" / "huong-dan-giang-vien" / "index.html")
    )
    assert guide.xpath(".//table//a[contains(@href, 'm7-thu-nghiem-tai-lieu')]")
    assert recommendation in content(site, lang, "khuyen-nghi/danh-muc.md")
    rows = list(
        csv.reader(io.StringIO(csv_text(site, lang, "khuyen-nghi/danh-muc", "khuyen-nghi")))
    )
    assert any(row[1] == "99" for row in rows[1:])
    if lang == "vi":  # the English index leaves out pages shown in Vietnamese (another language)
        urls = search_urls(site, lang)
        for page in ("nhiem-vu/nhiem-vu-thu-bay/", "co-quan/co-quan-thu-nghiem/"):
            assert page in urls
        assert {"tap-huan/m7-thu-nghiem/", "khuyen-nghi/p99/"} <= urls


def without_dates(content: html.HtmlElement) -> html.HtmlElement:
    """``content`` without the box of the page's dates and change notes."""
    for box in by_class(content, "kb-dates"):
        box.drop_tree()
    return content


@pytest.mark.parametrize(
    "page", [*UNTRANSLATED, NEW_TASK[1], NEW_BODY[1], NEW_MODULE[1], NEW_RECOMMENDATION[1]]
)
def test_a_page_without_its_english_file_is_shown_in_vietnamese_under_the_notice(
    grown: tuple[Path, Path], page: str
) -> None:
    _, site = grown
    english = load(site / "en" / page.removesuffix(".md") / "index.html")
    (notice,) = by_class(english, "untranslated-notice")
    assert "has not been translated into English yet" in notice.text_content()
    (body,) = english.xpath("//div[@lang='vi']")
    vietnamese = article(load(site / page.removesuffix(".md") / "index.html"))
    # The page's text, without the box of its dates, which is in the reader's language.
    assert {box.get("lang") for box in by_class(english, "kb-dates")} <= {"en"}
    text = [text_lines(without_dates(found)) for found in (article(english), vietnamese)]
    assert text[0][-1] == text[1][-1]
    assert body.xpath(".//h1")
    assert (
        by_class(load(site / page.removesuffix(".md") / "index.html"), "untranslated-notice") == []
    )


def test_english_lists_mark_records_not_yet_translated(grown: tuple[Path, Path]) -> None:
    _, site = grown
    index = article(load(site / "en" / "co-quan" / "index.html"))
    (link,) = index.xpath(".//a[@lang='vi'][contains(@href, 'mttq')]")
    assert link.get("hreflang") == "vi"
    assert "(not yet translated)" in link.getparent().text_content()


def test_the_check_passes_and_lists_the_pages_not_yet_translated(
    grown: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = grown
    monkeypatch.chdir(root)
    assert check_structure.main([]) == 0
    listed = capsys.readouterr().out.splitlines()[-1]
    assert listed.startswith("Not yet translated (")
    for page in [*UNTRANSLATED, NEW_TASK[1], NEW_BODY[1], NEW_MODULE[1], NEW_HANDOUT[1]]:
        assert f"docs/{page}" in listed


def test_one_front_matter_change_reaches_every_generated_place(grown: tuple[Path, Path]) -> None:
    _, site = grown
    reader = csv.reader(io.StringIO(csv_text(site, "vi", "ai-lam-gi", "phan-cong")))
    annex_rows = [r for r in reader if r[0] == "ubnd-xa-phuong" and r[-1] == "Phụ lục"]
    assert annex_rows == [
        [
            "ubnd-xa-phuong", "Ủy ban nhân dân các xã, phường", "dich-vu-tre-em", "II.4",
            "Hệ thống dịch vụ cho trẻ em", "Chủ trì", "IV.2", "Phụ lục",
        ]
    ]  # fmt: skip
    assert "Chủ trì (Theo Phụ lục phân công nhiệm vụ)" in content(site, "vi", "ai-lam-gi.md")
    body = content(site, "vi", "co-quan/ubnd-xa-phuong.md")
    assert "Hệ thống dịch vụ cho trẻ em: Chủ trì" in body
    assert "Chủ trì: Ủy ban nhân dân các xã, phường" in content(site, "vi", NEW_TASK[0])
    english = content(site, "en", NEW_TASK[0])
    assert "Lead: People's Committees of communes and wards" in english


def test_an_import_shows_the_official_text_and_keeps_the_editors_pages(
    grown: tuple[Path, Path],
) -> None:
    _, site = grown
    page = article(load(site / "khuyen-nghi" / "p30" / "index.html"))
    (quote,) = by_class(page, "un-quote")
    assert "30. The Committee urges the State party, in invented words, to:" in quote.text_content()
    assert "(b) Take a second invented measure." in quote.text_content()
    p30 = page.text_content()
    assert "E. Violence against children" in p30
    assert "19, 34, 39" in p30  # the cluster's articles
    assert "Nguyên văn chính thức bằng tiếng Anh đã được nhập." in p30
    assert "Cách đọc của trang" in p30  # the editors' reading survives
    index = article(load(site / "khuyen-nghi" / "danh-muc" / "index.html")).text_content()
    assert "E. Violence against children" in index
    p31 = article(load(site / "en" / "khuyen-nghi" / "p31" / "index.html")).text_content()
    assert "31. The Committee recommends another invented measure." in p31
