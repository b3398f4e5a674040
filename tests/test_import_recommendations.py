"""The importer (thuynguyen_kb.importer, run by scripts/import_recommendations.py): the UN layout
read from DOCX, PDF and text, the data file, the stub pages, and the errors.

Every document here is generated in ``tmp_path`` from one invented text about "Testland" laid
out like the Committee's concluding observations (symbol, title, sections, clusters with their
articles, sub-headings, sub-items, footnote markers); none of it is UN prose.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from fpdf import FPDF

from thuynguyen_kb.importer.command import main
from thuynguyen_kb.importer.data_file import slug
from thuynguyen_kb.importer.footnotes import strip_footnotes
from thuynguyen_kb.importer.lines import Line, read_lines, text_lines
from thuynguyen_kb.importer.parser import Paragraph, parse
from thuynguyen_kb.importer.shapes import join_wrapped, split_articles

SYMBOL = "CRC/C/TST/CO/5-6"
DATA = "docs/_data/recommendations/crc-c-tst-co-5-6.yml"
# One block per paragraph of the document; ^1^ is a footnote marker set as a superscript.
ENGLISH = [
    "Committee on the Rights of the Child",
    "Concluding observations on the combined fifth and sixth periodic reports of Testland",
    "I. Introduction",
    "1. The Committee considered the combined fifth and sixth periodic reports of Testland at its"
    " imaginary meetings held during the season of kites.",
    "II. Follow-up measures taken and progress achieved by the State party",
    "2. The Committee welcomes the kite safety law adopted by Testland.^1^ It hopes that every"
    " village will hear of it.",
    "III. Main areas of concern and recommendations",
    "A. General measures of implementation (arts. 4, 42 and 44 (6))",
    "Legislation",
    "3. The Committee recommends that the State party:",
    "(a) Review its rules on kite flying in windy valleys;",
    "(b) Publish the rules in every village school; and",
    "(c) Report on the results in its next periodic report.",
    "Coordination",
    "4. The Committee notes the work of the lantern council.2 Next, it recommends that the council"
    " meet every season and invite children to speak.",
    "B. Violence against children (arts. 19 and 24 (3))",
    "Abuse and neglect",
    "5. The Committee urges the State party to:",
    "(a) Train teachers to notice bruised knees and sad faces;",
    "(b) Open a helpline staffed by patient owls.",
    "Children deprived of a family environment",
    "6. The Committee is concerned that foster homes in the hill districts lack warm blankets,"
    " and recommends that the State party provide blankets, storybooks and lanterns to every"
    " foster home before the cold season begins, and that it report on the distribution.",
    "IV. Implementation and reporting",
    "7. The Committee recommends that the State party share these observations with children in"
    " words they can understand.",
    "8. The Committee requests the State party to submit its next report on an invented date.",
]
VIETNAMESE = [
    "Ủy ban về Quyền trẻ em",
    "Nhận xét kết luận về báo cáo định kỳ lần thứ năm và sáu hợp nhất của Testland",
    "I. Giới thiệu",
    "1. Ủy ban đã xem xét báo cáo định kỳ lần thứ năm và sáu hợp nhất của Testland tại các phiên"
    " họp tưởng tượng trong mùa thả diều.",
    "II. Các biện pháp tiếp theo và tiến bộ của quốc gia thành viên",
    "2. Ủy ban hoan nghênh luật an toàn thả diều của Testland.1 Ủy ban mong mọi làng đều biết.",
    "III. Các lĩnh vực quan ngại chính và khuyến nghị",
    "A. Các biện pháp thực hiện chung (điều 4, 42 và 44 (6))",
    "Pháp luật",
    "3. Ủy ban khuyến nghị quốc gia thành viên:",
    "(a) Rà soát quy định về thả diều ở các thung lũng nhiều gió;",
    "(b) Công bố quy định tại mọi trường học trong làng; và",
    "(c) Báo cáo kết quả trong báo cáo định kỳ tiếp theo.",
    "Điều phối",
    "4. Ủy ban ghi nhận hoạt động của hội đồng đèn lồng.2 Ủy ban khuyến nghị hội đồng họp mỗi mùa.",
    "B. Bạo lực đối với trẻ em (điều 19 và 24 (3))",
    "Xâm hại và bỏ mặc",
    "5. Ủy ban kêu gọi quốc gia thành viên:",
    "(a) Tập huấn giáo viên để nhận biết đầu gối bầm tím;",
    "(b) Mở đường dây trợ giúp do những chú cú kiên nhẫn trực.",
    "Trẻ em không có môi trường gia đình",
    "6. Ủy ban khuyến nghị cấp chăn ấm, truyện và đèn lồng cho mọi gia đình nhận nuôi.",
    "IV. Thực hiện và báo cáo",
    "7. Ủy ban khuyến nghị chia sẻ các nhận xét này với trẻ em bằng lời dễ hiểu.",
    "8. Ủy ban đề nghị nộp báo cáo tiếp theo vào một ngày tưởng tượng.",
    "9. Ủy ban cảm ơn những chú cú đã đọc hết văn bản này.",
]
SECTION_III = "III. Main areas of concern and recommendations"
# What every format must give: number, heading path, sub-items, footnotes, first words.
EXPECTED = [
    (1, ["I. Introduction"], [], [], "The Committee considered the combined"),
    (
        2,
        ["II. Follow-up measures taken and progress achieved by the State party"],
        [],
        ["1"],
        "The Committee welcomes the kite",
    ),
    (
        3,
        [SECTION_III, "A. General measures of implementation", "Legislation"],
        ["a", "b", "c"],
        [],
        "The Committee recommends that the",
    ),
    (
        4,
        [SECTION_III, "A. General measures of implementation", "Coordination"],
        [],
        ["2"],
        "The Committee notes the work",
    ),
    (
        5,
        [SECTION_III, "B. Violence against children", "Abuse and neglect"],
        ["a", "b"],
        [],
        "The Committee urges the State",
    ),
    (
        6,
        [
            SECTION_III,
            "B. Violence against children",
            "Children deprived of a family environment",
        ],
        [],
        [],
        "The Committee is concerned that",
    ),
    (7, ["IV. Implementation and reporting"], [], [], "The Committee recommends that the"),
    (8, ["IV. Implementation and reporting"], [], [], "The Committee requests the State"),
]
TEXT_3 = (
    "3. The Committee recommends that the State party:\n"
    "(a) Review its rules on kite flying in windy valleys;\n"
    "(b) Publish the rules in every village school; and\n"
    "(c) Report on the results in its next periodic report."
)
TEXT_6 = ENGLISH[21]
MARKER = re.compile(r"\^(\d+)\^")


# --- Writing the fixtures --------------------------------------------------------------------


def write_text(path: Path, blocks: list[str], width: int = 72) -> Path:
    """A plain-text copy as a PDF-to-text tool gives it: the symbol, then lines wrapped."""
    lines = [SYMBOL]
    for block in blocks:
        lines += textwrap.wrap(MARKER.sub(r"\1", block), width, break_on_hyphens=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path, blocks: list[str]) -> Path:
    """A DOCX file like the UN's: symbol in a first-page table and the header, one paragraph
    per block, footnote markers as superscript runs."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = SYMBOL
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "United Nations"
    table.cell(0, 1).text = SYMBOL
    for block in blocks:
        paragraph = document.add_paragraph()
        for index, part in enumerate(MARKER.split(block)):
            run = paragraph.add_run(part)
            run.font.superscript = bool(index % 2) or None
    document.save(str(path))
    return path


class _UnPdf(FPDF):
    """A page with the symbol as header and the page number and job number as footer."""

    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 6, SYMBOL, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_font("Helvetica", size=9)
        self.set_y(-20)
        self.cell(0, 5, "GE.22-00000(E)", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, str(self.page_no()), align="C")


def write_pdf(path: Path, blocks: list[str], break_in: str = "6.") -> Path:
    """A PDF with wrapped lines and footnote text at the foot of the first page; the page breaks
    after the second line of the paragraph starting with ``break_in``."""
    lines = [line for block in blocks for line in textwrap.wrap(block, 80)]
    start = next(i for i, line in enumerate(lines) if line.startswith(break_in))
    pages = [lines[: start + 2], lines[start + 2 :]]
    notes = [["1 See the imaginary kite safety report.", "2 Ibid., para. 4."], []]
    pdf = _UnPdf(format="A4")
    pdf.set_auto_page_break(False)
    for body, footnotes in zip(pages, notes, strict=True):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        for line in body:
            for index, part in enumerate(MARKER.split(line)):
                pdf.char_vpos = "SUP" if index % 2 else "LINE"
                pdf.write(5, part)
            pdf.ln(5)
        pdf.set_font("Helvetica", size=8)
        pdf.set_y(250)
        for note in footnotes:
            pdf.cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def parsed(path: Path, language: str = "en") -> list[Paragraph]:
    """The paragraphs the importer reads from ``path``."""
    return parse(read_lines(path), SYMBOL, language).paragraphs


def summary(paragraphs: list[Paragraph]) -> list[tuple[object, ...]]:
    return [
        (p.number, p.heading_path(), list(p.sub_items), list(p.footnotes), p.first_words())
        for p in paragraphs
    ]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    """Run the importer; return its exit code and its stdout and stderr lines."""
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to run the importer in, as from the repository root."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


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


# --- The command -----------------------------------------------------------------------------


def test_import_writes_the_data_file_and_stub_pages(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_docx(project / "report.docx", ENGLISH)
    status, out, err = run(["report.docx", "--symbol", SYMBOL], capsys)
    assert (status, err) == (0, [])
    assert out == [
        f"created {DATA}: added 1-8",
        "created stub pages in docs/khuyen-nghi/ for paragraphs 1-8",
        "Imported 8 paragraphs (en): data file written, 16 stub pages created, 0 warnings.",
    ]
    text = (project / DATA).read_text(encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert text.startswith(
        f"symbol: {SYMBOL}\nsources:\n  en:\n    file: report.docx\n    sha256: {digest}\n"
        "paragraphs:\n  1:\n"
    )
    assert (
        "  3:\n"
        f"    section: {SECTION_III}\n"
        "    cluster: A\n"
        "    cluster_heading: General measures of implementation\n"
        "    articles: ['4', '42', 44 (6)]\n"
        "    subheading: Legislation\n"
        "    sub_items: [a, b, c]\n"
        "    footnotes: []\n"
        "    text:\n"
        "      en: |-\n" + textwrap.indent(TEXT_3, " " * 8) + "\n  4:\n"
    ) in text
    data = yaml.safe_load(text)
    assert list(data["paragraphs"]) == list(range(1, 9))
    assert data["paragraphs"][1]["cluster"] is None
    assert data["paragraphs"][2]["footnotes"] == ["1"]
    assert (project / "docs/khuyen-nghi/p3.md").read_text(encoding="utf-8") == (
        "---\ntype: recommendation\nid: p3\nsymbol: CRC/C/TST/CO/5-6\nparagraph: 3\n"
        "urgent: false\nthemes: []\nsdg_targets: []\ntasks: []\nbodies: []\n"
        "text_status: official-en\ntitle: Đoạn 3\n"
        "description: Đoạn 3 của CRC/C/TST/CO/5-6, nhập từ văn bản chính thức;"
        " chưa có tóm tắt và liên kết.\n"
        "---\n\n# Đoạn 3 { #khuyen-nghi }\n\n<!-- kb:rec-text -->\n"
    )
    assert (project / "docs/khuyen-nghi/p3.en.md").read_text(encoding="utf-8") == (
        "---\ntitle: Paragraph 3\n"
        "description: Paragraph 3 of CRC/C/TST/CO/5-6, imported from the official text;"
        " no summary or links yet.\n"
        "---\n\n# Paragraph 3 { #khuyen-nghi }\n\n<!-- kb:rec-text -->\n"
    )


def test_dry_run_json_prints_the_paragraphs_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pdf(project / "report.pdf", ENGLISH)
    status, out, err = run(["report.pdf", "--symbol", SYMBOL, "--dry-run", "--json"], capsys)
    assert status == 0
    printed = json.loads("\n".join(out))
    assert [(p["number"], p["sub_items"]) for p in printed] == [
        (1, []), (2, []), (3, ["a", "b", "c"]), (4, []), (5, ["a", "b"]), (6, []), (7, []), (8, [])
    ]  # fmt: skip
    assert printed[4] == {
        "number": 5,
        "heading_path": [SECTION_III, "B. Violence against children", "Abuse and neglect"],
        "sub_items": ["a", "b"],
        "footnotes": [],
        "first_words": "The Committee urges the State",
    }
    stubs = [
        f"would create docs/khuyen-nghi/p{n}{s}" for n in range(1, 9) for s in (".md", ".en.md")
    ]
    assert err == [f"would create {DATA}: added 1-8", *stubs, "Dry run: nothing written."]
    assert sorted(path.name for path in project.iterdir()) == ["report.pdf"]


def test_a_second_import_of_the_same_file_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "report.txt", ENGLISH)
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    data = project / DATA
    before, stamp = data.read_bytes(), data.stat().st_mtime_ns
    status, out, err = run(["report.txt", "--symbol", SYMBOL], capsys)
    assert (status, err) == (0, [])
    assert out == [
        f"{DATA}: no changes (8 paragraphs)",
        "Imported 8 paragraphs (en): data file unchanged, 0 stub pages created, 0 warnings.",
    ]
    assert (data.read_bytes(), data.stat().st_mtime_ns) == (before, stamp)


def test_existing_pages_are_never_touched(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        "---\ntype: recommendation\nid: p3\nsymbol: CRC/C/TST/CO/5-6\nparagraph: 3\n"
        "urgent: true\nthemes: [violence]\nsdg_targets: []\ntasks: [x]\nbodies: []\n"
        "text_status: official-en\ntitle: Luật thả diều\ndescription: Tóm tắt của biên tập viên.\n"
        "---\n\n# Luật thả diều { #khuyen-nghi }\n\nBiên tập viên đã viết tóm tắt này.\n\n"
        "<!-- kb:rec-text -->\n"
    )
    folder = project / "docs/khuyen-nghi"
    write_page(folder / "p3.md", page)
    write_page(folder / "p3.en.md", "---\ntitle: Kite rules\n---\n\nSummary in English.\n")
    write_page(folder / "p5.md", page.replace("p3", "p5"))  # no English page yet
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    write_text(project / "report.txt", ENGLISH)
    status, out, _ = run(["report.txt", "--symbol", SYMBOL], capsys)
    assert status == 0
    assert "created stub pages in docs/khuyen-nghi/ for paragraphs 1, 2, 4, 6-8" in out
    assert {name: (folder / name).read_bytes() for name in before} == before
    stubs = [f"p{n}{suffix}" for n in (1, 2, 4, 6, 7, 8) for suffix in (".md", ".en.md")]
    assert sorted(path.name for path in folder.iterdir()) == sorted([*before, *stubs])


def test_vietnamese_text_is_added_by_paragraph_number_and_english_data_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "report.txt", ENGLISH)
    write_text(project / "vi.txt", VIETNAMESE)
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    english = yaml.safe_load((project / DATA).read_text(encoding="utf-8"))
    stubs = sorted((project / "docs/khuyen-nghi").iterdir())

    status, out, err = run(["vi.txt", "--symbol", SYMBOL, "--lang", "vi"], capsys)
    assert (status, err) == (0, [])
    assert out == [
        "warning: paragraphs not in the English data, skipped: 9",
        f"updated {DATA}: Vietnamese text added 1-8",
        "Imported 9 paragraphs (vi): data file written, 0 stub pages created, 1 warning.",
    ]
    data = yaml.safe_load((project / DATA).read_text(encoding="utf-8"))
    assert data["paragraphs"][3]["text"]["vi"] == (
        "3. Ủy ban khuyến nghị quốc gia thành viên:\n"
        "(a) Rà soát quy định về thả diều ở các thung lũng nhiều gió;\n"
        "(b) Công bố quy định tại mọi trường học trong làng; và\n"
        "(c) Báo cáo kết quả trong báo cáo định kỳ tiếp theo."
    )
    assert data["paragraphs"][2]["text"]["vi"] == (
        "2. Ủy ban hoan nghênh luật an toàn thả diều của Testland. Ủy ban mong mọi làng đều biết."
    )
    assert 9 not in data["paragraphs"]
    digest = hashlib.sha256((project / "vi.txt").read_bytes()).hexdigest()
    assert data["sources"] == {**english["sources"], "vi": {"file": "vi.txt", "sha256": digest}}
    for entry in data["paragraphs"].values():
        del entry["text"]["vi"]
    del data["sources"]["vi"]
    assert data == english
    assert sorted((project / "docs/khuyen-nghi").iterdir()) == stubs

    # Importing the English text again keeps the Vietnamese text.
    before = (project / DATA).read_bytes()
    assert (
        run(["report.txt", "--symbol", SYMBOL], capsys)[1][0]
        == f"{DATA}: no changes (8 paragraphs)"
    )
    assert (project / DATA).read_bytes() == before


def test_vietnamese_needs_the_english_data_first(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "vi.txt", VIETNAMESE)
    status, out, err = run(["vi.txt", "--symbol", SYMBOL, "--lang", "vi"], capsys)
    assert (status, out) == (1, [])
    assert err == [f"vi.txt: {DATA} does not exist: import the English text first"]
    assert not (project / "docs").exists()


def test_gaps_in_the_numbering_are_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "report.txt", [b for b in ENGLISH if not b.startswith(("6.", "7."))])
    status, out, _ = run(["report.txt", "--symbol", SYMBOL, "--dry-run"], capsys)
    assert status == 0
    assert out[0] == "warning: paragraphs missing from the numbering: 6, 7"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda text: text.replace(
                "Concluding observations on", "Report of the kite council on"
            ),
            "report.txt: not a concluding observations document (found no line containing"
            " 'concluding observations'; expected the Committee's concluding observations in 'en')",
        ),
        (
            lambda text: text.replace(SYMBOL, "CRC/C/ZZZ/CO/1"),
            f"report.txt:1: symbol mismatch (found CRC/C/ZZZ/CO/1, expected {SYMBOL})",
        ),
        (
            lambda text: text.replace("7. The Committee recommends", "5. The Committee recommends"),
            "report.txt:34: duplicate paragraph number 5 (first at line 25; expected each number"
            " once: correct the numbering in the file)",
        ),
    ],
    ids=["not-concluding-observations", "symbol-mismatch", "duplicate-number"],
)
def test_errors_name_the_file_and_line_and_write_nothing(
    change: Callable[[str], str], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_text(project / "report.txt", ENGLISH)
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    status, out, err = run(["report.txt", "--symbol", SYMBOL], capsys)
    assert (status, out, err) == (1, [], [message])
    assert not (project / "docs").exists()
