"""Abbreviations as synonyms in the search index (thuynguyen_kb.search_synonyms): the site's own
list, both directions, in each page's language, and the short ones that could be words left
out."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO

from thuynguyen_kb import search_index, search_keys, search_synonyms
from thuynguyen_kb.vietnamese import words

LIST = """<!-- a comment -->
*[UBND]: Ủy ban nhân dân – People's Committee
*[TP]: Thành phố – city
*[UN]: Liên Hợp Quốc – United Nations
*[TÔ]: Tô – a syllable
*[T]: Tỉnh – province
*[QĐ-TTg]: Quyết định của Thủ tướng Chính phủ – Decision of the Prime Minister
*[CRC]: Công ước về quyền trẻ em; Ủy ban về quyền trẻ em – Convention on the Rights of the Child
not a definition
"""


def keys_of(section_text: str, language: str, title: str = "Trang") -> dict[str, list]:
    synonyms = search_synonyms.Synonyms.of(search_synonyms.parse(LIST), language)
    section = {"u": "p/", "h": title, "p": title, "t": section_text}
    chunks = search_index.postings([section], language, synonyms)
    return {key: table[key] for table in chunks.values() for key in table}


def test_letter_abbreviations_that_cannot_be_words_are_read() -> None:
    """Three letters or more, or two consonants (no syllable is written without a vowel);
    not "UN" or "TÔ" (a vowel: they could be words), "T" or "QĐ-TTg"."""
    found = search_synonyms.parse(LIST)
    assert [a.short for a in found] == ["UBND", "TP", "CRC"]
    assert found[2].long["vi"] == ("Công ước về quyền trẻ em", "Ủy ban về quyền trẻ em")


def test_a_section_spelling_it_out_is_found_by_the_abbreviation() -> None:
    assert "ubnd" in keys_of("Báo cáo gửi Ủy ban nhân dân thành phố.", "vi")
    assert "ubnd" in keys_of("Reports go to the city People's Committee.", "en")
    assert "crc" in keys_of("Theo Công ước về quyền trẻ em.", "vi")


def test_a_section_using_the_abbreviation_is_found_by_its_words() -> None:
    found = keys_of("UBND thành phố ban hành.", "vi")
    assert {"uy", "ban", "nhan", "dan"} <= set(found)


def test_nothing_is_added_where_neither_is_written() -> None:
    assert "ubnd" not in keys_of("Ủy ban về quyền trẻ em; nhân dân thành phố.", "vi")
    assert "un" not in keys_of("Liên Hợp Quốc.", "vi")  # two letters, one a vowel: not used


def test_two_consonants_stand_for_their_words() -> None:
    assert "tp" in keys_of("Thành phố Thủy Nguyên.", "vi")
    assert {"thanh", "pho"} <= set(keys_of("UBND TP Thủy Nguyên.", "vi"))


def test_the_sites_own_list_is_read() -> None:
    found = {a.short for a in search_synonyms.read(REPO / "docs")}
    assert {"UBND", "HĐND", "MTTQ", "LHQ", "TP"} <= found and "UN" not in found
    assert search_synonyms.read(Path("/nonexistent")) == []


def page_texts(language: str) -> list[str]:
    """The Markdown pages of ``language``, lower case (the abbreviations list left out: it is
    not a page, and it holds every abbreviation)."""
    return [
        path.read_text(encoding="utf-8").lower()
        for path in (REPO / "docs").rglob("*.md")
        if path.name.endswith(".en.md") == (language == "en")
        and path != REPO / "docs" / search_synonyms.FILE
    ]


def unwritten(
    abbreviations: list[search_synonyms.Abbreviation], pages: dict[str, str]
) -> list[str]:
    """The abbreviations written on no page of a language (``pages``: its text, lower case),
    neither as they are nor spelled out."""
    return [
        f"{abbreviation.short} ({language})"
        for abbreviation in abbreviations
        for language, expansions in abbreviation.long.items()
        if not any(
            written.lower() in pages[language] for written in (abbreviation.short, *expansions)
        )
    ]


def test_every_abbreviation_is_written_on_the_site_as_it_is_or_spelled_out() -> None:
    """A line of the list whose words the site never writes would only add noise: search would
    file nothing under it, and its tooltip would show nowhere."""
    pages = {language: "\n".join(page_texts(language)) for language in ("vi", "en")}
    assert unwritten(search_synonyms.read(REPO / "docs"), pages) == []
    made_up = search_synonyms.parse("*[XQZ]: Không có ở đâu – nowhere at all")
    assert unwritten(made_up, pages) == ["XQZ (vi)", "XQZ (en)"]


TERMS = [search_synonyms.SearchTerm(official="procuracy", everyday=["prosecutor"], reason="r")]


def test_an_official_term_is_found_by_its_everyday_word_one_way() -> None:
    synonyms = search_synonyms.Synonyms.of([], "en", TERMS)
    section = {"u": "p/", "h": "People's Procuracy", "p": "P", "t": "The procuracy checks."}
    found = {
        k for table in search_index.postings([section], "en", synonyms).values() for k in table
    }
    assert "prosecutor" in found
    section = {"u": "p/", "h": "Prosecutors", "p": "P", "t": "A prosecutor speaks."}
    found = {
        k for table in search_index.postings([section], "en", synonyms).values() for k in table
    }
    assert "procuracy" not in found  # one way only


COMPOUND = [search_synonyms.SearchTerm(official="học phần", everyday=["giáo án"], reason="r")]


def compound_keys(text: str, language: str = "vi") -> set[str]:
    synonyms = search_synonyms.Synonyms.of([], language, COMPOUND)
    section = {"u": "p/", "h": "Trang", "p": "Trang", "t": text}
    return {
        k for table in search_index.postings([section], language, synonyms).values() for k in table
    }


def test_a_vietnamese_everyday_phrase_of_several_syllables_is_one_word_of_its_own() -> None:
    """The phrase "giáo án" is filed under the compound "giao an" where the official term is
    written, or its two syllables side by side; not where "giáo" and "án" stand apart (giáo
    dục, tòa án)."""
    assert search_synonyms.Synonyms.of([], "vi", COMPOUND).compounds == [("giao", "an")]
    assert "giao an" in compound_keys("Mỗi học phần có chương trình.")
    assert "giao an" in compound_keys("Giáo án của buổi học.")
    assert "giao an" not in compound_keys("Giáo dục pháp luật ở tòa án.")
    assert "giao an" not in compound_keys("Tòa án giáo dục.")  # side by side, but "án giáo"
    # English words are written whole: no compounds.
    english = [search_synonyms.SearchTerm(official="module", everyday=["lesson plan"], reason="r")]
    assert search_synonyms.Synonyms.of([], "en", english).compounds == []


def test_a_compound_is_keyed_by_its_syllables_keys() -> None:
    """As search.js keys what is typed: each syllable by its own rules (lý/lí), joined."""
    assert (
        search_keys.key("Kỹ năng", "vi")
        == "ki nang"
        == " ".join(search_keys.key(word, "vi") for word in ("Kỹ", "năng"))
    )


def test_every_official_term_is_written_on_a_page_of_its_language(kb) -> None:
    for language, terms in kb.search_terms.items():
        pages = page_texts(language)
        for term in terms:
            assert any(term.official.lower() in page for page in pages), term.official
            assert term.reason.strip()


def test_a_search_term_without_its_reason_is_refused(tmp_path: Path) -> None:
    from test_rules import problems_of

    found = problems_of(
        tmp_path,
        {"_data/search-terms.yml": "en:\n  - official: hotline\n    everyday: [helpline]\n"},
    )
    assert found == [
        "docs/_data/search-terms.yml:2: DATA-YAML search term en[1] has no 'reason' (expected"
        " 'reason:' here; add it)"
    ]


GLOSSARY = """---
title: Thuật ngữ
---

## Thuật ngữ chính { #thuat-ngu-chinh }

Người chưa thành niên { #nguoi-chua-thanh-nien }
*minor; juvenile*{ lang=en }
:   Người dưới 18 tuổi.

Nghị định thư tùy chọn (còn gọi là Nghị định thư không bắt buộc) { #nghi-dinh-thu }
*Optional Protocol*{ lang=en }
:   Văn bản bổ sung cho Công ước.
"""


def glossary_docs(tmp_path: Path) -> Path:
    (tmp_path / "thuat-ngu.md").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def glossary_keys(section_text: str, docs: Path) -> dict[str, list]:
    names = search_synonyms.read_glossary(docs, "vi")
    synonyms = search_synonyms.Synonyms.of([], "vi", glossary_names=names)
    section = {"u": "p/", "h": "Trang", "p": "Trang", "t": section_text}
    chunks = search_index.postings([section], "vi", synonyms)
    return {key: table[key] for table in chunks.values() for key in table}


def test_each_glossary_entry_gives_all_its_names(tmp_path: Path) -> None:
    assert search_synonyms.read_glossary(glossary_docs(tmp_path), "vi") == [
        ("Người chưa thành niên", "minor", "juvenile"),
        ("Nghị định thư tùy chọn", "Nghị định thư không bắt buộc", "Optional Protocol"),
    ]  # split on "; ", and the bracket's other name without "còn gọi là"
    assert search_synonyms.read_glossary(tmp_path / "nowhere", "vi") == []


def test_a_glossary_term_is_found_by_its_other_names_in_both_languages(tmp_path: Path) -> None:
    docs = glossary_docs(tmp_path)
    found = glossary_keys("Tòa án xét xử người chưa thành niên.", docs)
    assert {"minor", "juvenile"} <= set(found)  # the English names find the Vietnamese page
    found = glossary_keys("Theo Nghị định thư không bắt buộc.", docs)
    assert {"tuy", "chon", "optional", "protocol"} <= set(found)
    found = glossary_keys("A juvenile court.", docs)
    assert {"nguoi", "chua", "thanh", "nien", "minor"} <= set(found)


def test_words_that_only_share_a_glossary_term_in_part_gain_nothing(tmp_path: Path) -> None:
    found = glossary_keys("Người dân chưa biết.", glossary_docs(tmp_path))
    assert "juvenile" not in found and "minor" not in found  # "người" alone is not the term


def test_adding_a_glossary_entry_improves_search(tmp_path: Path) -> None:
    docs = glossary_docs(tmp_path)
    assert "alternative" not in glossary_keys("Cần chăm sóc thay thế cho trẻ.", docs)
    text = GLOSSARY + "\nChăm sóc thay thế { #cham-soc-thay-the }\n*alternative care*{ lang=en }\n"
    text += ":   Trẻ em không có cha mẹ chăm sóc.\n"
    (docs / "thuat-ngu.md").write_text(text, encoding="utf-8")
    assert "alternative" in glossary_keys("Cần chăm sóc thay thế cho trẻ.", docs)


class Titled:
    """A record as search_synonyms.other_names reads it: a page, titles, translations."""

    def __init__(self, page: str, titles: dict[str, str]) -> None:
        self.page, self.titles = page, titles

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles["vi"]

    def translated(self, language: str) -> bool:
        return language in self.titles


def test_each_record_page_is_named_in_the_other_language_without_its_stopwords() -> None:
    body = Titled("co-quan/ubnd.md", {"vi": "Ủy ban nhân dân", "en": "The People's Committee"})
    untranslated = Titled("moi.md", {"vi": "Trang mới"})
    in_vietnamese = search_synonyms.other_names([body, untranslated], "vi")
    assert list(in_vietnamese) == ["co-quan/ubnd.md"]  # an untranslated page has no other name
    [name] = in_vietnamese["co-quan/ubnd.md"]
    assert words(name) == ["People", "Committee"]  # "The" would be filed as "thể"; no "s"
    assert search_synonyms.other_names([body, untranslated], "en") == {
        "co-quan/ubnd.md": ("Ủy ban nhân dân",)
    }
