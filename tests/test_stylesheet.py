"""The one stylesheet every page links (:mod:`thuynguyen_kb.publishing.stylesheet`): Material's
rules then the site's minified, under a name made of its content that the publishing policy caches
for good; a missing, doubled or unreadable part stops the build with the file named; every built
page links that file and no other stylesheet, in both languages and in the offline copy."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from helpers import REPO
from lxml import html

from thuynguyen_kb.publishing import stylesheet
from thuynguyen_kb.publishing.minify import minify_text
from thuynguyen_kb.publishing.policy import Caching
from thuynguyen_kb.publishing.stylesheet import StylesheetError

MATERIAL_CSS = ".md-typeset{font-size:.8rem}\n/*# sourceMappingURL=main.0123abcd.min.css.map*/\n"
OWN_CSS = "/* the site's colours */\n.plan-text {\n    border-left: 0.25rem solid;\n}\n"


def sources(tmp_path: Path, own: str | bytes = OWN_CSS) -> tuple[Path, Path]:
    """A theme folder with Material's stylesheet and a docs/ with the site's, as Material ships."""
    theme, docs = tmp_path / "material", tmp_path / "docs"
    (theme / "assets" / "stylesheets").mkdir(parents=True)
    (theme / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(MATERIAL_CSS)
    (docs / "assets" / "stylesheets").mkdir(parents=True)
    target = docs / stylesheet.OWN
    target.write_bytes(own if isinstance(own, bytes) else own.encode("utf-8"))
    return theme, docs


def test_materials_rules_come_first_then_the_sites_minified(tmp_path: Path) -> None:
    theme, docs = sources(tmp_path)
    sheet = stylesheet.for_site(docs, [tmp_path / "overrides", theme])
    material, own = sheet.text.split("\n", 2)[:2], sheet.text.split("\n", 2)[2]
    assert "\n".join(material) + "\n" == MATERIAL_CSS
    assert own == ".plan-text{border-left:0.25rem solid}\n"
    assert "/* the site's colours */" not in sheet.text


def test_the_name_is_made_of_the_content_and_cached_for_good(tmp_path: Path) -> None:
    theme, docs = sources(tmp_path)
    first = stylesheet.for_site(docs, [theme])
    assert re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{12}\.min\.css", first.path)
    assert stylesheet.for_site(docs, [theme]) == first  # the same sources, the same name
    assert Caching().is_fingerprinted(first.path)
    (docs / stylesheet.OWN).write_text(OWN_CSS.replace("0.25rem", "0.5rem"), encoding="utf-8")
    assert stylesheet.for_site(docs, [theme]).path != first.path  # a change, a new name


def test_write_puts_the_text_at_its_path(tmp_path: Path) -> None:
    theme, docs = sources(tmp_path)
    sheet = stylesheet.for_site(docs, [theme])
    written = stylesheet.write(tmp_path / "site", sheet)
    assert written == tmp_path / "site" / sheet.path
    assert written.read_text(encoding="utf-8") == sheet.text
    assert [p.name for p in written.parent.iterdir()] == [written.name]  # no temporary left


def test_no_materials_stylesheet_says_where_it_looked(tmp_path: Path) -> None:
    _, docs = sources(tmp_path)
    with pytest.raises(StylesheetError, match=r"no stylesheet matches .*overrides.*installed"):
        stylesheet.for_site(docs, [tmp_path / "overrides"])


def test_two_of_materials_stylesheets_are_named(tmp_path: Path) -> None:
    theme, docs = sources(tmp_path)
    (theme / "assets" / "stylesheets" / "main.99999999.min.css").write_text("a{}")
    with pytest.raises(StylesheetError, match=r"2 stylesheets match .*main\.99999999\.min\.css"):
        stylesheet.for_site(docs, [theme])


def test_a_missing_or_unreadable_site_stylesheet_is_named(tmp_path: Path) -> None:
    theme, docs = sources(tmp_path, own=b"a{content:'\xff'}")
    with pytest.raises(StylesheetError, match=r"site\.css: not UTF-8"):
        stylesheet.for_site(docs, [theme])
    (docs / stylesheet.OWN).unlink()
    with pytest.raises(StylesheetError, match=r"site\.css: missing"):
        stylesheet.for_site(docs, [theme])


def linked_stylesheets(page: Path | bytes) -> list[str]:
    document = html.fromstring(page.read_bytes() if isinstance(page, Path) else page)
    return document.xpath("//link[@rel='stylesheet']/@href")


def test_every_built_page_links_the_one_stylesheet(built_site: Path) -> None:
    (sheet,) = built_site.glob("assets/stylesheets/site.*.min.css")
    pages = sorted(built_site.rglob("*.html"))
    assert any(p.parts[-3] == "en" for p in pages if len(p.parts) > 2)
    for page in pages:
        (href,) = linked_stylesheets(page)
        # The 404 pages link from the site's root: they are served at any address.
        target = built_site / href.lstrip("/") if href.startswith("/") else page.parent / href
        assert target.resolve() == sheet.resolve(), page
    text = sheet.read_text(encoding="utf-8")
    own = (REPO / "docs" / stylesheet.OWN).read_text(encoding="utf-8")
    assert text.endswith(minify_text(REPO / "docs" / stylesheet.OWN, own))


def test_the_offline_copy_links_the_one_stylesheet(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        page = next(n for n in names if n.endswith("/ke-hoach.html"))
        (href,) = linked_stylesheets(archive.read(page))
        target = (Path(page).parent / href).as_posix()
        assert re.search(r"assets/stylesheets/site\.[0-9a-f]{12}\.min\.css$", target)
        assert any(Path(n).as_posix().endswith(Path(target).name) for n in names)
