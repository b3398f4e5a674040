"""The built site's own CSS and JS minified, and the .gz/.br copies of its text files
(:mod:`thuynguyen_kb.publishing.minify`, :mod:`thuynguyen_kb.publishing.precompress`): smaller,
the same bytes from build to build, copies that decompress to the file, a file that cannot be
minified named with its line, and none of the copies in the offline zip. nginx sending them:
tests/browser/test_served_headers.py."""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import brotli
import pytest
from helpers import REPO

from thuynguyen_kb.publishing import minify, precompress
from thuynguyen_kb.publishing.minify import MinifyError, minify_site, own_assets
from thuynguyen_kb.publishing.precompress import MIN_SIZE, precompress_site

CSS = "/* the colours */\nbody {\n    color: #222;   /* dark grey */\n}\n\na { color: blue; }\n"
JS = "// say hello\nfunction greet (name) {\n    return 'hi ' + name;   // a comment\n}\n"


def tiny_site(tmp_path: Path) -> tuple[Path, Path]:
    """A docs/ with one stylesheet and one script, and a built site holding copies of them."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    for root in (docs, site):
        (root / "assets" / "css").mkdir(parents=True)
        (root / "assets" / "js").mkdir(parents=True)
        (root / "assets" / "css" / "site.css").write_text(CSS, encoding="utf-8")
        (root / "assets" / "js" / "site.js").write_text(JS, encoding="utf-8")
    return docs, site


def test_own_assets_are_the_css_and_js_of_docs_assets() -> None:
    assert own_assets(REPO / "docs") == [
        "assets/javascripts/language-switch.js",
        "assets/javascripts/search.js",
        "assets/stylesheets/site.css",
    ]


def test_minified_files_are_smaller_and_keep_the_code(tmp_path: Path) -> None:
    docs, site = tiny_site(tmp_path)
    done = minify_site(docs, site)
    assert [(m.path.name, m.after < m.before) for m in done] == [
        ("site.css", True),
        ("site.js", True),
    ]
    assert (site / "assets/css/site.css").read_text() == "body{color:#222}a{color:blue}\n"
    assert (site / "assets/js/site.js").read_text() == "function greet(name){return'hi '+name;}\n"
    assert (docs / "assets/css/site.css").read_text() == CSS  # the sources stay as written


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    docs, site = tiny_site(tmp_path)
    (site / "assets/js/site.js").write_bytes(b"var a = 1;\nvar b = '\xff';\n")
    with pytest.raises(MinifyError) as error:
        minify_site(docs, site)
    assert str(error.value) == (
        f"{site / 'assets/js/site.js'}:2: not UTF-8 text (byte 0xff at offset 20), "
        "expected a UTF-8 stylesheet or script"
    )
    assert (site / "assets/js/site.js").read_bytes() == b"var a = 1;\nvar b = '\xff';\n"


def test_a_minifier_that_makes_a_file_larger_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, site = tiny_site(tmp_path)
    monkeypatch.setitem(minify.MINIFIERS, ".css", lambda text: text + "/* more */")
    expected = r"site\.css:1: minified text is larger \(found 92 characters, expected at most "
    with pytest.raises(MinifyError, match=expected + r"the 81 of the file\)$"):
        minify_site(docs, site)
    assert (site / "assets/css/site.css").read_text() == CSS


def test_copies_decompress_to_the_file_and_are_reproducible(tmp_path: Path) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Quyền trẻ em</p>\n" * 50, encoding="utf-8")
    (tmp_path / "site" / "small.css").write_text("a{}\n", encoding="utf-8")  # below MIN_SIZE
    (tmp_path / "site" / "noise.txt").write_bytes(os.urandom(MIN_SIZE * 4))  # not smaller
    (tmp_path / "site" / "photo.png").write_bytes(b"\x89PNG" + b"0" * 1000)  # not text
    done = precompress_site(tmp_path / "site")
    first = page.with_name("index.html.gz").read_bytes()
    assert gzip.decompress(first) == page.read_bytes()
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # gzip's time field: none
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "index.html",
        "index.html.br",
        "index.html.gz",
        "noise.txt",
        "photo.png",
        "small.css",
    ]
    assert [(d.path.name, d.gzip is None) for d in done] == [
        ("index.html", False),
        ("noise.txt", True),
    ]
    precompress_site(tmp_path / "site")  # a second run: the same bytes, no copy of a copy
    assert page.with_name("index.html.gz").read_bytes() == first
    assert not list((tmp_path / "site").glob("*.gz.*"))


def test_the_built_site_is_minified_and_precompressed(built_site: Path) -> None:
    for relative in own_assets(REPO / "docs"):
        built, source = built_site / relative, REPO / "docs" / relative
        assert built.stat().st_size < source.stat().st_size * 0.7, relative
        assert (
            gzip.decompress(built.with_name(built.name + ".gz").read_bytes()) == built.read_bytes()
        )
    assert (built_site / "index.html.gz").is_file() and (built_site / "index.html.br").is_file()


def test_the_offline_copy_has_no_compressed_copies(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.endswith(precompress.COMPRESSED)]
    search = next(n for n in names if n.endswith("/assets/javascripts/search.js"))
    with zipfile.ZipFile(offline_zip) as archive:  # minified there too
        assert (
            len(archive.read(search)) < (REPO / "docs/assets/javascripts/search.js").stat().st_size
        )
