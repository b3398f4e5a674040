"""The glossary (thuynguyen_kb.glossary): its terms as definition lists, the letter index, and the
rules that every term has an id and that a definition stating a number cites its source; on
small pages, on the real glossary and on the built site."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from helpers import REPO, article, load, load_knowledge_base, write_project

from thuynguyen_kb import glossary, layout, search_index
from thuynguyen_kb.markdown_extensions import ElementPermalinksExtension
from thuynguyen_kb.markdown_source import Source, explicit_ids
from thuynguyen_kb.render import markers as render_markers

PLAN = "---\ntitle: Kế hoạch\ndescription: K.\n---\n\n# Kế hoạch\n\nMột.\n{ #iv-1 }\n"
SOURCE = "([Thư viện Pháp luật](https://thuvienphapluat.vn/x))"


def page(*entries: str, marker: bool = True) -> str:
    """A glossary page: the index marker, then the section of terms holding ``entries``."""
    head = "---\ntitle: Thuật ngữ\ndescription: T.\n---\n\n# Thuật ngữ { #thuat-ngu }\n\n"
    index = "## Chữ cái { #chu-cai }\n\n<!-- kb:glossary-index -->\n\n" if marker else ""
    body = "\n\n".join(entries)
    terms = f"## Thuật ngữ chính {{ #thuat-ngu-chinh }}\n\n{body}\n\n"
    return f"{head}{index}{terms}## Nguồn {{ #nguon }}\n\nHết.\n"


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def problems_of(tmp_path: Path, text: str, other: dict[str, str] | None = None) -> list[str]:
    files = {"ke-hoach.md": PLAN, layout.GLOSSARY_PAGE: text, **(other or {})}
    _, problems = load_knowledge_base(write_project(tmp_path, files))
    return [str(problem).removeprefix(f"{tmp_path.as_posix()}/") for problem in problems]


def test_terms_are_read_with_their_id_other_word_and_definition() -> None:
    text = page(
        "Trẻ em { #tre-em }\n*child*{ lang=en }\n:   Người dưới 16 tuổi " + SOURCE + ".",
        "Bóc lột { #boc-lot }\n*exploitation*{ lang=en }\n:   Lợi dụng trẻ em.\n\n    Ví dụ: …",
    )
    found = glossary.terms(lines_of(text))
    assert [(t.text, t.id, t.equivalents) for t in found] == [
        ("Trẻ em", "tre-em", ("*child*",)),
        ("Bóc lột", "boc-lot", ("*exploitation*",)),
    ]
    assert [line for _, line in found[1].definition] == ["Lợi dụng trẻ em.", "Ví dụ: …"]
    assert found[0].line == lines_of(text).index("Trẻ em { #tre-em }") + 1


def test_only_the_section_of_terms_counts() -> None:
    text = page("Trẻ em { #tre-em }\n:   Một.") + "\nCRC\n:   Công ước.\n"
    assert [t.text for t in glossary.terms(lines_of(text))] == ["Trẻ em"]
    assert [t.text for t in glossary.entries(lines_of(text))] == ["Trẻ em", "CRC"]
    assert glossary.terms(lines_of("# Trang\n\nCRC\n:   Công ước.\n")) == []


def test_term_ids_count_as_explicit_ids_of_the_page() -> None:
    text = page("Trẻ em { #tre-em }\n*child*{ lang=en }\n:   Một.")
    ids = explicit_ids(Source("docs/thuat-ngu.md", "thuat-ngu.md", lines_of(text), 4))
    assert "tre-em" in ids
    # A paragraph that merely ends in braces is no term.
    plain = Source("x.md", "x.md", ["# T", "", "Văn bản { #khong }", "", "Tiếp."], 0)
    assert "khong" not in explicit_ids(plain)


def test_an_id_only_in_one_language_is_reported(tmp_path: Path) -> None:
    vi = page("Trẻ em { #tre-em }\n*child*{ lang=en }\n:   Một.")
    en = page("child { #child }\n*trẻ em*{ lang=vi }\n:   One.").replace("Thuật ngữ", "Glossary")
    found = problems_of(tmp_path, vi, {"thuat-ngu.en.md": en})
    assert any(f.startswith("docs/thuat-ngu.md:") and "MISMATCH id 'tre-em'" in f for f in found)
    assert any(f.startswith("docs/thuat-ngu.en.md:") and "MISMATCH id 'child'" in f for f in found)


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        (
            ["Bạo lực", "Bảo vệ", "Ba cấp", "Bóc lột"],
            "vi",
            ["Ba cấp", "Bảo vệ", "Bạo lực", "Bóc lột"],
        ),
        (["Đa", "Dự toán", "Em"], "vi", ["Dự toán", "Đa", "Em"]),
        (["Ủy ban", "Ưu tiên", "Trẻ em"], "vi", ["Trẻ em", "Ủy ban", "Ưu tiên"]),
        (["tố tụng", "tổng", "tổ chức", "tòa án"], "vi", ["tòa án", "tổ chức", "tố tụng", "tổng"]),
        (
            ["child", "annex", "111 hotline", "Court"],
            "en",
            ["111 hotline", "annex", "child", "Court"],
        ),
    ],
)
def test_terms_sort_in_each_languages_alphabetical_order(
    words: list[str], lang: str, expected: list[str]
) -> None:
    assert sorted(words, key=lambda w: glossary.collation_key(w, lang)) == expected


def test_the_index_lists_every_term_under_its_letter() -> None:
    text = page(
        "Ủy ban nhân dân { #uy-ban-nhan-dan }\n:   Một.",
        "Đoàn [x] *y* { #doan }\n:   Hai.",
        "Tổng đài 111 (Tổng đài quốc gia) { #tong-dai-111 }\n:   Ba.",
        "Dự toán { #du-toan }\n:   Bốn.",
        "Không id\n:   Năm.",
    )
    index = glossary.render_page_index(lines_of(text), "vi")
    assert index.split("\n") == [
        '<div class="glossary-index" markdown>',
        "",
        "- **D** [Dự toán](#du-toan)",
        "- **Đ** [Đoàn \\[x\\] \\*y\\*](#doan)",  # the term shows as written, never as Markdown
        "- **T** [Tổng đài 111](#tong-dai-111)",
        "- **U** [Ủy ban nhân dân](#uy-ban-nhan-dan)",
        "",
        "</div>",
    ]
    hotline = page("111 hotline { #tong-dai-111 }\n:   A.")
    english = glossary.render_page_index(lines_of(hotline), "en")
    assert "- **0–9** [111 hotline](#tong-dai-111)" in english


def test_the_index_marker_is_filled_from_the_page_itself(kb: object) -> None:
    text = page("Trẻ em { #tre-em }\n:   Một.").split("---\n", 2)[2]
    filled = render_markers.fill(text, layout.GLOSSARY_PAGE, "vi", kb)  # type: ignore[arg-type]
    assert "- **T** [Trẻ em](#tre-em)" in filled and "kb:glossary-index" not in filled
    with pytest.raises(render_markers.MarkerError, match=r"line 3: .* finds no terms"):
        render_markers.fill("# Trang\n\n<!-- kb:glossary-index -->\n", "x.md", "vi", kb)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "definition",
    [
        "Người dưới 16 tuổi " + SOURCE + ".",  # a public source
        "Phòng Y tế chủ trì ([mục IV.1](ke-hoach.md#iv-1)), từ năm 2025.",  # the plan
        "Văn bản năm 2022 ([văn bản chính thức][crc]).",  # a reference link to a public source
        "Xem [đoạn 17](khuyen-nghi/p17.md).",  # a number in a link's text only
        "Không có số nào.",
    ],
)
def test_a_definition_with_its_source_or_without_numbers_passes(definition: str) -> None:
    (term,) = glossary.terms(lines_of(page(f"Từ {{ #tu }}\n:   {definition}")))
    assert glossary.unsourced_number(term, "thuat-ngu.md", {"crc": "https://ohchr.org/x"}) is None


@pytest.mark.parametrize(
    ("definition", "words"),
    [
        ("Nguyên tắc chung (điều 3): điều tốt nhất cho trẻ.", "(điều 3)"),
        ("Tháng 6 hằng năm. Xem [đoạn 48](khuyen-nghi/p48.md).", "Tháng 6"),  # not a source
        ("Năm 2022 ([văn bản][unknown]).", "Năm 2022"),  # a reference that is not defined
        ("Theo [trang khác](../gioi-thieu.md#a) năm 2025.", "năm 2025"),
    ],
)
def test_a_number_without_a_source_is_found(definition: str, words: str) -> None:
    (term,) = glossary.terms(lines_of(page(f"Từ {{ #tu }}\n:   {definition}")))
    line, found = glossary.unsourced_number(term, "thuat-ngu.md", {}) or (0, "")
    assert found == words.strip("()")
    assert line == term.line + 1


def test_the_rules_report_a_number_without_source_and_a_term_without_id(tmp_path: Path) -> None:
    text = page(
        "Trẻ em { #tre-em }\n*child*{ lang=en }\n:   Người dưới 16 tuổi " + SOURCE + ".",
        "Lợi ích tốt nhất { #loi-ich }\n*best interests*\n:   Nguyên tắc chung (điều 3).",
        "Bóc lột\n*exploitation*{ lang=en }\n:   Lợi dụng trẻ em.",
    )
    number = lines_of(text).index(":   Nguyên tắc chung (điều 3).") + 1
    term = lines_of(text).index("Bóc lột") + 1
    assert problems_of(tmp_path, text) == [
        f"docs/thuat-ngu.md:{number}: GLOSSARY-SOURCE the definition of 'Lợi ích tốt nhất' states"
        " a number with no source in its entry (found 'điều 3' and no link to a public"
        " source or to the plan, expected one; add the source to this entry, e.g. ([Thư viện"
        " Pháp luật](https://…)), or write the definition without the number)",
        f"docs/thuat-ngu.md:{term}: GLOSSARY-ID term 'Bóc lột' has no id (found no '{{ #id }}' at"
        " the end of its line, expected one; add the Vietnamese term in ASCII kebab-case, the"
        " same in both languages, e.g. 'Trẻ em { #tre-em }')",
    ]


def test_shared_link_targets_count_as_sources(tmp_path: Path) -> None:
    text = page("Khuyến nghị { #khuyen-nghi }\n:   Sáu lĩnh vực, năm 2022 ([đoạn 4][crc-x]).")
    snippet = {"_snippets/links.md": "[crc-x]: https://docstore.ohchr.org/x\n"}
    assert problems_of(tmp_path, text, snippet) == []
    assert (
        problems_of(tmp_path / "no-snippet", text)[0].split(": ")[1].startswith("GLOSSARY-SOURCE")
    )


def test_the_index_marker_needs_terms_on_its_page(tmp_path: Path) -> None:
    other = "---\ntitle: Khác\ndescription: K.\n---\n\n# Khác\n\n<!-- kb:glossary-index -->\n"
    found = problems_of(tmp_path, page("Trẻ em { #tre-em }\n:   Một."), {"khac.md": other})
    assert found == [
        "docs/khac.md:8: KB-MARKER '<!-- kb:glossary-index -->' finds no terms on its page"
        " (expected a section '## … { #thuat-ngu-chinh }' holding definition-list entries"
        " 'Term { #id }' then ':   definition')"
    ]


def test_a_term_with_an_id_gets_a_permalink() -> None:
    extension = ElementPermalinksExtension("Liên kết")
    html = markdown.markdown(
        "Trẻ em { #tre-em }\n*child*{ lang=en }\n:   Một.",
        extensions=["attr_list", "def_list", extension],
    )
    assert html.startswith(
        '<dl>\n<dt id="tre-em">Trẻ em <a class="headerlink" href="#tre-em" title="Liên kết">¶</a>'
        '</dt>\n<dt><em lang="en">child</em></dt>'
    )


def test_the_search_leaves_the_letter_index_out() -> None:
    content = (
        '<h2 id="chu-cai">Chữ cái</h2><p>Mỗi từ.</p>'
        '<div class="glossary-index"><ul><li><strong>B</strong> <a href="#boc-lot">Bóc lột</a>'
        '</li></ul></div><h2 id="bao-ve">Bảo vệ</h2><dl><dt id="boc-lot">Bóc lột</dt></dl>'
    )
    sections = search_index.sections_of(content, "thuat-ngu/", "Thuật ngữ")
    texts = {s["u"]: s["t"] for s in sections}
    assert texts["thuat-ngu/#chu-cai"] == "Mỗi từ."
    assert texts["thuat-ngu/#bao-ve"] == "Bóc lột"


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_real_glossary_keeps_its_promise(lang: str) -> None:
    """Every term has an id, the same in both languages; every number has its source."""
    rel = layout.translation_path(layout.GLOSSARY_PAGE, lang)
    lines = (REPO / "docs" / rel).read_text(encoding="utf-8").split("\n")
    references = glossary.reference_targets(
        (REPO / "docs" / "_snippets" / "links.md").read_text(encoding="utf-8").split("\n")
    )
    found = glossary.terms(lines)
    assert len(found) > 30 and all(term.id and term.equivalents for term in found)
    assert [t for t in found if glossary.unsourced_number(t, rel, references)] == []
    other = layout.translation_path(layout.GLOSSARY_PAGE, "en" if lang == "vi" else "vi")
    other_lines = (REPO / "docs" / other).read_text(encoding="utf-8").split("\n")
    other_ids = [t.id for t in glossary.terms(other_lines)]
    assert [t.id for t in found] == other_ids  # same terms, same order, in both languages


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_built_glossary_reads_on_a_phone(built_site: Path, prefix: str) -> None:
    """No table for the terms: definition lists, each term with its id and permalink, and an
    index that links to every one of them; the ids other pages link to are still there."""
    page_html = article(load(built_site / prefix / "thuat-ngu" / "index.html"))
    assert not page_html.xpath(".//table")
    terms = page_html.xpath(".//dt[@id]")
    assert len(terms) > 30
    assert all(dt.xpath("./a[@class='headerlink']") for dt in terms)
    index = {a.get("href") for a in page_html.xpath(".//div[@class='glossary-index']//a")}
    assert index == {f"#{dt.get('id')}" for dt in terms}
    ids = {element.get("id") for element in page_html.iter() if element.get("id")}
    assert {"bao-ve-tre-em", "tu-phap", "viet-tat", "nguon", "tong-dai-111"} <= ids
