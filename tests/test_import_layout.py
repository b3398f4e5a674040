"""The importer (thuynguyen_kb.importer) reads the UN layout: the same paragraphs, headings,
sub-items and footnote markers from text, DOCX and PDF, and each piece of the layout on its own.
The documents are invented (tests/un_documents.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from un_documents import (
    ENGLISH,
    EXPECTED,
    SYMBOL,
    TEXT_3,
    TEXT_6,
    VIETNAMESE,
    parsed,
    summary,
    write_docx,
    write_pdf,
    write_text,
)

from thuynguyen_kb.importer.data_file import slug
from thuynguyen_kb.importer.footnotes import strip_footnotes
from thuynguyen_kb.importer.lines import Line, read_lines, text_lines
from thuynguyen_kb.importer.parser import parse
from thuynguyen_kb.importer.shapes import join_wrapped, split_articles

# --- Reading the three formats ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "writer"),
    [("report.txt", write_text), ("report.docx", write_docx), ("report.pdf", write_pdf)],
)
def test_every_format_gives_the_same_paragraphs_headings_and_markers(
    name: str, writer: Callable[[Path, list[str]], Path], tmp_path: Path
) -> None:
    paragraphs = parsed(writer(tmp_path / name, ENGLISH))
    assert summary(paragraphs) == EXPECTED
    by_number = {p.number: p for p in paragraphs}
    assert by_number[3].text == TEXT_3
    assert by_number[6].text == TEXT_6  # whole, across the PDF's page break
    assert by_number[2].text == (
        "2. The Committee welcomes the kite safety law adopted by Testland. It hopes that every"
        " village will hear of it."
    )
    assert by_number[4].text.startswith("4. The Committee notes the work of the lantern council.")
    assert "council. Next, it recommends" in by_number[4].text
    assert (by_number[3].cluster, by_number[3].articles) == ("A", ("4", "42", "44 (6)"))
    assert (by_number[5].cluster, by_number[5].articles) == ("B", ("19", "24 (3)"))
    assert by_number[3].cluster_heading == "General measures of implementation"


def test_pdf_page_furniture_and_footnote_text_stay_out_of_the_paragraphs(tmp_path: Path) -> None:
    lines = [line.text for line in read_lines(write_pdf(tmp_path / "r.pdf", ENGLISH))]
    # The fixture really has what the importer must skip.
    assert lines.count(SYMBOL) == 2
    assert {"1 See the imaginary kite safety report.", "GE.22-00000(E)", "1", "2"} <= set(lines)
    text = "\n".join(p.text for p in parsed(tmp_path / "r.pdf"))
    for furniture in ("imaginary kite safety report", "Ibid", "GE.", SYMBOL):
        assert furniture not in text


def test_docx_footnote_references_are_numbered_in_order_and_custom_marks_skipped(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph(SYMBOL)
    title = document.add_paragraph("Concluding observations on the reports of Testland")
    _footnote_reference(title.add_run("*"), custom_mark=True)
    document.add_paragraph("I. Introduction")
    paragraph = document.add_paragraph("1. The Committee thanks the kite makers.")
    _footnote_reference(paragraph.add_run(), custom_mark=False)
    paragraph.add_run(" It also thanks the owls.")
    document.save(str(tmp_path / "r.docx"))
    (only,) = parsed(tmp_path / "r.docx")
    assert only.footnotes == ("1",)
    assert only.text == "1. The Committee thanks the kite makers. It also thanks the owls."


def _footnote_reference(run: Run, custom_mark: bool) -> None:
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    if custom_mark:
        reference.set(qn("w:customMarkFollows"), "1")
    run._r.insert(0, reference)


def test_vietnamese_headings_articles_and_sub_items(tmp_path: Path) -> None:
    paragraphs = parsed(write_text(tmp_path / "vi.txt", VIETNAMESE), "vi")
    assert [p.number for p in paragraphs] == list(range(1, 10))
    third = paragraphs[2]
    assert third.heading_path() == [
        "III. Các lĩnh vực quan ngại chính và khuyến nghị",
        "A. Các biện pháp thực hiện chung",
        "Pháp luật",
    ]
    assert (third.articles, third.sub_items) == (("4", "42", "44 (6)"), ("a", "b", "c"))
    assert paragraphs[3].subheading == "Điều phối"
    assert paragraphs[4].articles == ("19", "24 (3)")


# --- The pieces of the layout ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "heading", "articles"),
    [
        ("General measures of implementation (arts. 4, 42 and 44 (6))", "General measures of"
         " implementation", ["4", "42", "44 (6)"]),
        ("Right to health (art. 24)", "Right to health", ["24"]),
        ("Family environment (arts. 5, 9–11, 18 (1) and (2), 20 and 27 (4))", "Family environment",
         ["5", "9–11", "18 (1)", "18 (2)", "20", "27 (4)"]),
        ("Bạo lực đối với trẻ em (điều 19 và 24 (3))", "Bạo lực đối với trẻ em", ["19", "24 (3)"]),
        ("Implementation", "Implementation", []),
    ],
    ids=["arts", "art", "paragraph-without-article", "dieu", "none"],
)  # fmt: skip
def test_cluster_titles_split_into_heading_and_articles(
    title: str, heading: str, articles: list[str]
) -> None:
    assert split_articles(title) == (heading, articles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("of the Convention.12 The Committee", ("of the Convention. The Committee", ["12"])),
        ("the children3 and", ("the children and", ["3"])),
        ("the report (2019).4 It", ("the report (2019). It", ["4"])),
        ("of the Convention¹² The", ("of the Convention The", ["12"])),
        ("the law of 2016.5 The", ("the law of 2016. The", ["5"])),
        ("target 16.2 of the Goals, 1,000 kites at 10:30", None),
        ("reduce CO2 and G20 kites, CRC/C/VNM/CO/5-6, arts. 4 and 44 (6)", None),
    ],
    ids=["after-stop", "after-word", "after-bracket", "superscript", "after-year", "decimals",
         "acronyms-symbols-articles"],
)  # fmt: skip
def test_footnote_markers_are_found_and_removed(
    text: str, expected: tuple[str, list[str]] | None
) -> None:
    assert strip_footnotes(text) == (expected or (text, []))


def test_symbol_slug() -> None:
    assert slug("CRC/C/VNM/CO/5-6") == "crc-c-vnm-co-5-6"


def test_wrapped_lines_join_with_a_space_and_keep_a_hyphen_at_the_break() -> None:
    assert join_wrapped("the State", "party") == "the State party"
    assert join_wrapped("a child-", "friendly helpline") == "a child-friendly helpline"
    assert join_wrapped("protec\u00ad", "tion") == "protection"


def lines_of(*texts: str) -> list[Line]:
    return text_lines("\n".join([SYMBOL, "Concluding observations", *texts]))


def test_a_lower_or_equal_number_is_never_a_new_paragraph() -> None:
    document = parse(
        lines_of(
            "1. The Committee read the report.",
            "2. The Committee counted the kites in",
            "1. village only.",
            "3. The Committee thanks the owls.",
            "2. see the owls' own report.",
        ),
        SYMBOL,
        "en",
    )
    assert [(p.number, p.text) for p in document.paragraphs] == [
        (1, "1. The Committee read the report."),
        (2, "2. The Committee counted the kites in 1. village only."),
        (3, "3. The Committee thanks the owls. 2. see the owls' own report."),
    ]


def test_headings_wrapped_over_two_lines_are_joined() -> None:
    lines = lines_of(
        "III. Main areas of concern and recommendations",
        "J. Special protection measures (arts. 22, 30 and",
        "38–40)",
        "Follow-up to the previous observations on the sale of",
        "kites and lanterns",
        "40. The Committee notes the kites.",
    )
    (paragraph,) = parse(lines, SYMBOL, "en").paragraphs
    assert paragraph.heading_path() == [
        "III. Main areas of concern and recommendations",
        "J. Special protection measures",
        "Follow-up to the previous observations on the sale of kites and lanterns",
    ]
    assert paragraph.articles == ("22", "30", "38–40")


def test_a_letter_that_is_also_a_roman_numeral_follows_the_sequence() -> None:
    clusters = [f"{letter}. Cluster {letter}\n{n}. The Committee notes {letter}." for n, letter in
                enumerate("ABCDEFGHI", start=2)]  # fmt: skip
    lines = lines_of("I. Introduction", "1. The Committee met.", "III. Main areas", *clusters,
                     "IV. Implementation", "11. The Committee ends.", "V. Next report",
                     "12. The Committee waits.")  # fmt: skip
    paragraphs = parse(lines, SYMBOL, "en").paragraphs
    assert paragraphs[9].heading_path() == ["III. Main areas", "I. Cluster I"]
    assert paragraphs[10].heading_path() == ["IV. Implementation"]
    assert paragraphs[11].heading_path() == ["V. Next report"]
