"""The ranking weights of the search index (thuynguyen_kb.search_index): BM25 in each section,
the page title counted once per page, and the files search.js reads them from."""

from __future__ import annotations

import math

import pytest

from thuynguyen_kb import search_index, search_synonyms


def section(url: str, heading: str, page: str, text: str) -> search_index.Section:
    return search_index.Section(u=url, h=heading, p=page, t=text)


PAGES = [
    section("toa-an/#toa-an", "Tòa án", "Tòa án", "Tòa án xét xử."),
    section("toa-an/#bao-cao", "Báo cáo", "Tòa án", "Tòa án gửi báo cáo."),
    section("bao-cao/#bao-cao", "Báo cáo", "Báo cáo định kỳ", "Gửi báo cáo " + "và " * 60),
]


def postings_of(key: str) -> list[list[int]]:
    chunks = search_index.postings(PAGES, "vi")
    return [p for form in chunks[search_index.chunk_key(key)][key].values() for p in form]


def test_pages_start_where_their_address_changes() -> None:
    assert search_index.page_starts(PAGES) == [0, 2]


def test_the_page_title_counts_once_per_page_on_its_first_section() -> None:
    toa = postings_of("toa")
    assert [p[0] for p in toa if len(p) == 3] == [0]  # not again on section 1
    assert all(len(p) == 2 for p in toa if p[0] == 1)


def test_a_word_weighs_less_in_a_long_section_and_more_in_a_heading() -> None:
    by_section = {p[0]: p[1] for p in postings_of("bao")}
    assert by_section[1] > by_section[2]  # the same heading and count, a longer text
    text_only = search_index.postings([section("x/#a", "Khác", "Trang", "báo cáo")], "vi")
    heading = search_index.postings([section("x/#a", "Báo cáo", "Trang", "khác")], "vi")
    assert heading["ba"]["bao"]["báo"][0][1] > text_only["ba"]["bao"]["báo"][0][1]


def test_weights_saturate() -> None:
    assert search_index.saturated(0) == 0
    assert search_index.saturated(1) < search_index.saturated(2) < search_index.saturated(50)
    assert search_index.saturated(1000) <= 100


def meta_of(files: dict[str, str]) -> dict:
    return search_index.script_payload(files["meta.js"])


def test_meta_tells_the_browser_the_pages_and_the_question_words() -> None:
    meta = meta_of(search_index.index_files("vi", PAGES))
    assert meta["pages"] == [0, 2]
    assert ["gi"] in meta["stopwords"]
    assert ["bao", "nhieu"] in meta["phrases"]
    assert meta["help"] == {"texts": {}, "terms": [], "sections": []}


def test_the_description_is_a_field_of_the_page_and_not_sent_for_excerpts() -> None:
    pages = search_index.sections_of(
        '<h1 id="a">Tòa án</h1><p>Xét xử.</p>', "toa-an/", "Tòa án", "Cơ quan xét xử vụ án"
    )
    assert pages[0]["d"] == "Cơ quan xét xử vụ án"
    chunks = search_index.postings(pages, "vi")
    assert chunks["vu"]["vu"]["vụ"] == [[0, 0, chunks["vu"]["vu"]["vụ"][0][2]]]
    assert chunks["vu"]["vu"]["vụ"][0][2] > 0  # found by its description, as a page field
    files = search_index.index_files("vi", pages)
    assert "vụ án" not in files["d-0.js"]  # excerpts come from the text only


@pytest.mark.parametrize(
    ("source", "address"), [("thuat-ngu.md", "thuat-ngu/"), ("thuat-ngu.en.md", "thuat-ngu.html")]
)
def test_the_glossary_is_found_among_the_pages_by_its_file(source: str, address: str) -> None:
    glossary = search_index.sections_of("<p>Trẻ em: …</p>", address, "Thuật ngữ", "", source)
    assert search_index.glossary_page([*PAGES, *glossary]) == (2, address)  # offline too
    assert search_index.glossary_page(PAGES) == (-1, "")


def test_the_titles_first_word_names_the_page() -> None:
    pages = [
        section("kinh-phi/#a", "Kinh phí thực hiện", "Kinh phí thực hiện", "Nguồn."),
        section("uu-tien/#a", "Ưu tiên kinh phí", "Ưu tiên kinh phí", "Nguồn."),
    ]
    chunks = search_index.postings(pages, "vi")
    kinh = {p[0]: p[2] for p in chunks["ki"]["kinh"]["kinh"]}
    assert kinh[0] > kinh[1]  # "kinh" heads the first title only
    phi = {p[0]: p[2] for p in chunks["ph"]["phi"]["phí"]}
    assert phi[0] == phi[1]


def test_a_common_word_keeps_its_weightiest_postings_and_the_rest_goes_to_its_tail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = [section(f"p{n}/#a", "Khác", f"Trang {n}", "trẻ em " * (n + 1)) for n in range(9)]
    monkeypatch.setattr(search_index, "TIER", 1)  # 1 × √9: three postings kept
    files = search_index.index_files("vi", pages)
    head = search_index.script_payload(files["t-tr.js"])["tre"]
    tail = search_index.script_payload(files["u-tr.js"])["tre"]
    assert head[search_index.TAIL] == [[9]]  # on nine pages, for the word's rarity
    assert [p[0] for p in head["trẻ"]] == [6, 7, 8]  # the weightiest: the most repeated
    assert [p[0] for p in tail["trẻ"]] == [0, 1, 2, 3, 4, 5]
    assert "u-em.js" in files and "u-ng.js" not in files  # only chunks with cut keys


def test_keys_within_the_tier_are_not_cut() -> None:
    files = search_index.index_files("vi", PAGES)
    assert not [name for name in files if name.startswith("u-")]
    grown = search_index.tier_size(1000)
    assert search_index.tier_size(100) * 10**0.5 == pytest.approx(grown, 0.01)  # as √n


def test_a_page_is_found_by_its_name_in_the_other_language_as_a_page_field() -> None:
    pages = search_index.sections_of(
        "<p>Nhận báo cáo.</p>", "ubnd/", "Ủy ban nhân dân", "", "co-quan/ubnd.md"
    ) + search_index.sections_of("<p>Khác.</p>", "khac/", "Trang khác", "", "khac.md")
    aliases = {"co-quan/ubnd.md": ("People's Committee",)}
    chunks = search_index.postings(pages, "vi", aliases=aliases)
    [posting] = chunks["co"]["committee"]["committee"]
    assert posting[:2] == [0, 0] and posting[2] > 0  # the page's first section, a page weight
    assert "committee" not in search_index.postings(pages, "vi").get("co", {})  # not without


def test_other_names_are_not_expanded_by_synonyms() -> None:
    synonyms = search_synonyms.Synonyms.of([], "vi", glossary_names=[("trẻ em", "children")])
    pages = search_index.sections_of("<p>Nội dung.</p>", "p5/", "Đoạn 5", "", "p5.md")
    chunks = search_index.postings(pages, "vi", synonyms, {"p5.md": ("Children",)})
    assert "children" in chunks["ch"] and "tre" not in chunks.get("tr", {})


def test_what_readers_type_is_a_field_of_the_page_and_not_sent_for_excerpts() -> None:
    found_by = ("gọi ai khi trẻ bị bạo lực",)
    pages = search_index.sections_of("<p>Tổng đài 111.</p>", "tre/", "Trẻ em", "", "", found_by)
    assert pages[0]["k"] == ["gọi ai khi trẻ bị bạo lực"]
    chunks = search_index.postings(pages, "vi")
    [posting] = chunks["go"]["goi"]["gọi"]
    assert posting[:2] == [0, 0] and posting[2] > 0  # a page weight, on no section's text
    assert "goi" not in search_index.postings(
        search_index.sections_of("<p>Tổng đài 111.</p>", "tre/", "Trẻ em"), "vi"
    ).get("go", {})
    assert "gọi" not in search_index.index_files("vi", pages)["d-0.js"]  # never shown


def test_a_page_longer_than_the_median_weighs_less_the_longer_it_is() -> None:
    def page(name: str, paragraphs: int) -> list[search_index.Section]:
        text = "<p>Tổng đài 111 nhận tin báo về trẻ em.</p>" * paragraphs
        return search_index.sections_of(text, f"{name}/", name, "", f"{name}.md")

    pages = page("a", 1) + page("b", 1) + page("c", 1) + page("d", 4) + page("e", 16)
    weights = meta_of(search_index.index_files("vi", pages))["weights"]
    assert set(weights) == {"3", "4"}  # the median page and the shorter ones weigh 1
    assert 1 > weights["3"] > weights["4"] > 0
    expected = 1 / (1 + search_index.LENGTH * math.log(16))  # e is sixteen times the median
    assert weights["4"] == pytest.approx(expected, abs=1e-3)
    # A handout's type weight and its length weight multiply.
    handout = search_index.sections_of("<p>x</p>" * 40, "h/", "H", "", "h.md", (), "handout")
    weighed = search_index.page_weights(page("a", 1) + page("b", 1) + handout)
    assert weighed["2"] < search_index.TYPE_WEIGHTS["handout"]


def test_a_handout_weighs_less_than_its_module_and_the_weight_reaches_the_browser() -> None:
    text = "<p>Tổng đài 111.</p>"
    module = search_index.sections_of(text, "m3/", "M3", "", "m3.md", (), "module")
    handout = search_index.sections_of(text, "m3-tl/", "H3", "", "m3-tl.md", (), "handout")
    assert handout[0]["y"] == "handout"
    assert "y" not in search_index.sections_of("<p>x</p>", "a/", "A")[0]
    meta = meta_of(search_index.index_files("vi", module + handout))
    assert meta["weights"] == {"1": search_index.TYPE_WEIGHTS["handout"]}  # the handout only
    assert search_index.TYPE_WEIGHTS["handout"] < 1
    assert meta_of(search_index.index_files("vi", module))["weights"] == {}
    files = search_index.index_files("vi", module + handout)
    assert "handout" not in files["d-0.js"]  # the type is not sent for excerpts
