"""Each content table in a named, keyboard-focusable scroll region
(``thuynguyen_kb.table_regions``): the transform on small pages, including input it must not
break or wrap twice, and the built site, where no content table is left to Material's own
wrapping."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from thuynguyen_kb import content_policy
from thuynguyen_kb.render.training import CARDS_CLASS
from thuynguyen_kb.table_regions import wrap_tables

HEADING = (
    '<h2 id="agenda">Chương trình<a class="headerlink" href="#agenda"'
    ' title="Liên kết cố định tới mục này">¶</a></h2>\n'
)
TABLE = (
    "<table>\n<thead>\n<tr>\n<th>Phút</th>\n<th>Hoạt động</th>\n</tr>\n</thead>\n"
    '<tbody>\n<tr>\n<td align="right">10</td>\n<td>Khai mạc</td>\n</tr>\n</tbody>\n</table>'
)
WRAPPED = TABLE.replace("<table>", '<table class="kb-table__table">')


def regions(content: str) -> list[html.HtmlElement]:
    return html.fragment_fromstring(content, create_parent="div").find_class("kb-table")


def test_a_table_goes_into_a_region_named_after_the_heading_before_it() -> None:
    page = f"{HEADING}<p>Một buổi 180 phút.</p>\n{TABLE}\n<p>Sau bảng.</p>"
    assert wrap_tables(page) == (
        f"{HEADING}<p>Một buổi 180 phút.</p>\n"
        '<div class="kb-table" tabindex="0" role="region" aria-label="Chương trình">\n'
        f"{WRAPPED}\n</div>\n<p>Sau bảng.</p>"
    )


def test_a_table_with_no_heading_before_it_is_named_by_its_first_row() -> None:
    (region,) = regions(wrap_tables(f"<p>Trước bảng.</p>\n{TABLE}"))
    assert region.get("aria-label") == "Phút, Hoạt động"
    assert region.get("role") == "region"


def test_a_caption_names_the_region_before_any_heading() -> None:
    table = TABLE.replace("<thead>", "<caption> Lịch\n buổi học </caption><thead>")
    (region,) = regions(wrap_tables(HEADING + table))
    assert region.get("aria-label") == "Lịch buổi học"


def test_a_heading_is_named_by_its_words_only() -> None:
    heading = (
        '<h3 id="m">Việc của  <abbr title="Ủy ban nhân dân">UBND</abbr>\n xã'
        '<a class="headerlink" href="#m">¶</a></h3>'
    )
    (region,) = regions(wrap_tables(heading + TABLE))
    assert region.get("aria-label") == "Việc của UBND xã"


def test_two_tables_under_one_heading_get_names_of_their_own() -> None:
    names = [r.get("aria-label") for r in regions(wrap_tables(HEADING + TABLE + TABLE + TABLE))]
    assert names == ["Chương trình", "Chương trình (2)", "Chương trình (3)"]


def test_a_table_without_a_word_gets_a_focusable_box_but_no_nameless_region() -> None:
    (region,) = regions(wrap_tables("<table><tr><td> </td></tr></table>"))
    assert region.get("tabindex") == "0"
    assert region.get("role") is None and region.get("aria-label") is None


def test_a_table_wrapped_already_is_not_wrapped_again() -> None:
    once = wrap_tables(HEADING + TABLE)
    assert wrap_tables(once) == once
    assert len(regions(once)) == 1


def test_materials_own_wrapper_gives_way_to_one_region() -> None:
    # As Material's script leaves a table, e.g. in HTML copied from a page it made.
    copied = (
        f'{HEADING}<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{TABLE}'
        "</div></div>\n<p>Sau bảng.</p>"
    )
    wrapped = wrap_tables(copied)
    assert "md-typeset__" not in wrapped
    assert wrapped.endswith(f'aria-label="Chương trình">\n{WRAPPED}\n</div>\n<p>Sau bảng.</p>')


def test_a_table_with_a_class_and_a_page_without_tables_are_left_as_they_are() -> None:
    matrix = (
        '<div class="kb-matrix">\n<table class="kb-matrix__table"><tr><td>x</td></tr></table></div>'
    )
    assert wrap_tables(matrix) == matrix
    page = "<p>Không có bảng &amp; không đổi.</p>"
    assert wrap_tables(page) is page


def test_text_around_the_tables_keeps_its_escapes_and_a_table_cut_short_is_closed() -> None:
    wrapped = wrap_tables("1 &lt; 2 &amp; 3 <table><tr><td>a &lt;b&gt;")
    assert wrapped.startswith("1 &lt; 2 &amp; 3 <div")
    assert wrapped.endswith("<td>a &lt;b&gt;</td></tr></table>\n</div>")


def test_the_regions_are_within_the_content_policy() -> None:
    page = wrap_tables(HEADING + TABLE + "<table><tr><td> </td></tr></table>")
    assert content_policy.violations(page) == []


def test_the_policy_allows_a_region_and_tabindex_zero_only() -> None:
    found = content_policy.violations('<div role="button" tabindex="-1">x</div>')
    assert [v.kind for v in found] == ["attribute", "attribute"]


def test_every_content_table_of_the_built_site_is_in_a_named_region(built_site: Path) -> None:
    pages = 0
    for path in built_site.rglob("*.html"):
        document = html.document_fromstring(path.read_bytes())
        # The matrix and the module index have their own phone layout (one card per row).
        tables = document.xpath(
            f'//article//table[not(@class="kb-matrix__table") and not(@class="{CARDS_CLASS}")]'
        )
        pages += bool(tables)
        for table in tables:
            region = table.getparent()
            where = f"{path.relative_to(built_site)}: {html.tostring(table)[:60]!r}"
            assert table.get("class") == "kb-table__table", where
            assert region.get("class") == "kb-table", where
            assert region.get("role") == "region" and region.get("tabindex") == "0", where
            assert region.get("aria-label"), where
    assert pages >= 20  # the modules, handouts, glossary and guides in both languages
