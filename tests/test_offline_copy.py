"""The offline copy's zip: reproducible, only what the site uses, a read-me on top, a checksum
that must match; and the site's links to it and to the PDF packs."""

from __future__ import annotations

import datetime
import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, TEST_CONTACT_EMAIL
from lxml import html

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.commands import build_offline
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.offline import zip_file
from thuynguyen_kb.offline.zip_file import FOLDER, READ_ME, StaleCopyError

WHEN = datetime.datetime(2026, 11, 28, 10, 30, tzinfo=datetime.UTC)


def small_site(root: Path) -> Path:
    for name, text in {
        "index.html": "<p>home</p>",
        "en/index.html": "<p>en</p>",
        "assets/javascripts/bundle.js": "x",
        "assets/javascripts/bundle.js.map": "{}",
        "assets/javascripts/lunr/min/lunr.vi.min.js": "x",
        "assets/javascripts/workers/search.js": "x",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_zip_is_the_same_bytes_whatever_the_files_times(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    first, second = tmp_path / "a" / "copy.zip", tmp_path / "b" / "copy.zip"
    zip_file.pack(site, first, WHEN)
    for path in site.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    zip_file.pack(site, second, WHEN)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names[0] == f"{FOLDER}/{READ_ME}"
        assert names[1:] == sorted(names[1:])
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 28, 10, 30, 0)}
        read_me = archive.read(names[0]).decode("utf-8")
    assert names[1:] == [f"{FOLDER}/assets/javascripts/bundle.js", f"{FOLDER}/en/index.html",
                         f"{FOLDER}/index.html"]  # fmt: skip
    assert "28 tháng 11, 2026" in read_me and "28 November 2026" in read_me
    assert "index.html" in read_me and "111" in read_me


def test_the_checksum_beside_the_zip_is_its_sha256(tmp_path: Path) -> None:
    output = tmp_path / "copy.zip"
    zip_file.pack(small_site(tmp_path / "site"), output, WHEN)
    digest, name = zip_file.checksum_path(output).read_text(encoding="utf-8").split()
    assert (digest, name) == (hashlib.sha256(output.read_bytes()).hexdigest(), "copy.zip")
    described = zip_file.describe(output)
    assert (described.size, described.sha256, described.date) == (
        output.stat().st_size, digest, WHEN.date()
    )  # fmt: skip


@pytest.mark.parametrize("damage", ["no checksum", "other checksum", "not a zip", "other zip"])
def test_a_zip_a_page_cannot_vouch_for_is_refused(tmp_path: Path, damage: str) -> None:
    output = tmp_path / "copy.zip"
    zip_file.pack(small_site(tmp_path / "site"), output, WHEN)
    checksum = zip_file.checksum_path(output)
    if damage == "no checksum":
        checksum.unlink()
    elif damage == "other checksum":
        checksum.write_text("0" * 64 + "  copy.zip\n", encoding="utf-8")
    else:
        if damage == "not a zip":
            output.write_bytes(b"not a zip")
        else:
            with zipfile.ZipFile(output, "w") as archive:
                archive.writestr("something/else.txt", "x")
        checksum.write_text(hashlib.sha256(output.read_bytes()).hexdigest(), encoding="utf-8")
    with pytest.raises(StaleCopyError, match=str(tmp_path)):
        zip_file.describe(output)


def test_source_date_epoch_sets_the_entries_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764584400")
    assert zip_file.source_time(WHEN) == datetime.datetime(2025, 12, 1, 10, 20, tzinfo=datetime.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert zip_file.source_time(None) == zip_file.EARLIEST  # not a git repository: 1980


def test_two_builds_of_the_offline_copy_give_the_same_zip(
    offline_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / offline_zip.name
    monkeypatch.setenv("CONTACT_EMAIL", TEST_CONTACT_EMAIL)  # as the first build (conftest.py)
    build_offline.make(again, REPO)
    assert again.read_bytes() == offline_zip.read_bytes()
    with zipfile.ZipFile(again) as archive:
        names = archive.namelist()
    assert not [n for n in names if not zip_file.is_used(n.split("/", 1)[1])]
    pdfs = [n for n in names if n.endswith(".pdf")]
    assert f"{FOLDER}/{downloads.whole_pack_pdf('vi')}" in pdfs  # the packs are in the copy


def built_page(site: Path, page: str, lang: str) -> html.HtmlElement:
    prefix = "" if lang == layout.DEFAULT_LANGUAGE else f"{lang}/"
    name = page.removesuffix(".md").removesuffix("index")
    return html.parse(str(site / prefix / name / "index.html")).getroot()


def download_links(site: Path, page: str, lang: str) -> dict[str, str]:
    """Site path of each download a built page links to → the link's text."""
    prefix = "" if lang == layout.DEFAULT_LANGUAGE else f"{lang}/"
    folder = (site / prefix / page.removesuffix(".md").removesuffix("index")).resolve()
    found = {}
    for link in built_page(site, page, lang).xpath("//article//a[@href]"):
        target = (folder / link.get("href")).resolve()
        if downloads.FOLDER in target.parts:
            assert target.is_file(), f"{page} ({lang}) links to a missing {target}"
            found[target.relative_to(site.resolve()).as_posix()] = link.text_content()
    return found


@pytest.mark.parametrize("lang", layout.LANGUAGES)
@pytest.mark.parametrize(
    "page", ["index.md", "tap-huan/index.md", "tap-huan/huong-dan-giang-vien.md"]
)
def test_trainers_pages_link_to_the_offline_copy_with_its_size_and_date(
    built_site: Path, offline_zip: Path, kb: KnowledgeBase, page: str, lang: str
) -> None:
    links = download_links(built_site, page, lang)
    assert downloads.OFFLINE_ZIP in links and downloads.OFFLINE_CHECKSUM in links
    assert downloads.whole_pack_pdf(lang) in links
    size = f"{offline_zip.stat().st_size / 1_000_000:.1f}".replace(
        ".", "," if lang == "vi" else "."
    )
    assert f"{size} MB" in links[downloads.OFFLINE_ZIP]
    digest = hashlib.sha256(offline_zip.read_bytes()).hexdigest()
    assert digest in built_page(built_site, page, lang).text_content()
    assert (built_site / downloads.OFFLINE_ZIP).read_bytes() == offline_zip.read_bytes()


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_each_module_links_to_its_packs_in_its_language(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for module in kb.of_type("module"):
        links = download_links(built_site, module.page, lang)
        assert downloads.module_pdf(module.id, lang, "trainer") in links
        assert downloads.module_pdf(module.id, lang, "handout") in links
