"""Invented documents for the importer's tests, laid out like the Committee's concluding
observations, written as text, DOCX and PDF.

Every document is generated in ``tmp_path`` from one invented text about "Testland" (symbol,
title, sections, clusters with their articles, sub-headings, sub-items, footnote markers); none of
it is UN prose. ``EXPECTED`` is what the importer must read from each format.
"""

from __future__ import annotations

import html
import re
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from thuynguyen_kb.importer.command import main
from thuynguyen_kb.importer.lines import read_lines
from thuynguyen_kb.importer.parser import Paragraph, parse

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


def numbered_blocks(count: int, wording: str = "kites") -> list[str]:
    """A document laid out like ENGLISH with ``count`` paragraphs; ``wording`` changes every
    paragraph's text, so that two imports of different wordings differ in every paragraph."""
    blocks = [
        "Committee on the Rights of the Child",
        "Concluding observations on the combined fifth and sixth periodic reports of Testland",
        "I. Introduction",
        f"1. The Committee considered the report of Testland on its {wording}.",
        "III. Main areas of concern and recommendations",
        "A. General measures of implementation (arts. 4, 42 and 44 (6))",
    ]
    blocks += [
        f"{number}. The Committee recommends that the State party count the {wording} of village"
        f" {number} and report the number in its next periodic report."
        for number in range(2, count + 1)
    ]
    return blocks


def write_zip(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip archive of ``parts`` (name → bytes), each stored with ``method``."""
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def docx_parts(path: Path) -> dict[str, bytes]:
    """Every part of a DOCX file, by name, in the archive's order."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


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


# --- The same document with automatic numbers (DOCX list numbering, HTML lists) ---------------

NUMBER = re.compile(r"^(?P<number>\d+)\. (?P<rest>.*)$")
SUB = re.compile(r"^\((?P<label>[a-z])\) (?P<rest>.*)$")
ROMAN_HEADING = re.compile(r"^(?P<label>[IVX]+)\. (?P<rest>.*)$")
LETTER_HEADING = re.compile(r"^(?P<label>[A-H])\. (?P<rest>.*)$")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Paragraphs 1-2 in list 1; list 3 (same definition) restarts at 3 by a w:startOverride and
# numbers the rest, its sub-items (a), (b) at level 1 restarting after each paragraph. List 4
# numbers the headings through their styles: sections (level 0 found by the level's w:pStyle)
# and clusters (level 1 named in the style).
NUMBERING_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="hybridMultilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:suff w:val="tab"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
      <w:lvlText w:val="(%2)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
      <w:pStyle w:val="UNSection"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>
      <w:lvlText w:val="%2."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>
"""


def _num_pr(num_id: str, level: str | None) -> str:
    """A w:numPr element naming list ``num_id`` (and ``level`` where given)."""
    ilvl = f'<w:ilvl w:val="{level}"/>' if level is not None else ""
    return f'<w:numPr xmlns:w="{W_NS}">{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'


def _automatic(block: str, list_id: str) -> tuple[str, str | None, str | None]:
    """A block's text without its typed number, and the numPr or style that gives it back."""
    if match := NUMBER.match(block):
        return match["rest"], _num_pr(list_id, "0"), None
    if match := SUB.match(block):
        return match["rest"], _num_pr(list_id, "1"), None
    if match := ROMAN_HEADING.match(block):
        return match["rest"], None, "UNSection"
    if match := LETTER_HEADING.match(block):
        return match["rest"], None, "UNCluster"
    return block, None, None


def write_docx_numbered(path: Path, blocks: list[str], numbering: str = NUMBERING_XML) -> Path:
    """The DOCX of :func:`write_docx` with every number made by Word's list numbering: typed
    numbers removed, ``w:numPr`` in the paragraphs and heading styles, ``numbering`` as
    word/numbering.xml; a footer with the job number, as the UN's have."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    plain, numbered = [], []
    list_id = "1"
    for block in blocks:
        if (match := NUMBER.match(block)) and int(match["number"]) >= 3:
            list_id = "3"
        text, num_pr, style = _automatic(block, list_id)
        plain.append(text)
        numbered.append((num_pr, style))
    write_docx(path, plain)
    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = "GE.22-00000(E)"
    for name, level in (("UNSection", None), ("UNCluster", "1")):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(parse_xml(_num_pr("4", level)))
    for paragraph, (num_pr, style_name) in zip(
        document.paragraphs[-len(blocks) :], numbered, strict=True
    ):
        if style_name:
            paragraph.style = document.styles[style_name]
        if num_pr:
            paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))
    document.save(str(path))
    parts = docx_parts(path)
    parts["word/numbering.xml"] = numbering.encode("utf-8")
    return write_zip(path, parts)


def _html_text(block: str) -> str:
    """A block's text as HTML: escaped, its ^N^ markers as linked superscripts."""
    pieces = MARKER.split(block)
    return "".join(
        f'<sup><a href="#fn{piece}" id="ref{piece}">{piece}</a></sup>'
        if index % 2
        else html.escape(piece)
        for index, piece in enumerate(pieces)
    )


def write_html(path: Path, blocks: list[str]) -> Path:
    """An HTML page of the document as mirrors publish it: the page's frame (header, navigation,
    footer, a script, a style), the symbol and page furniture in the body, headings as h2-h4,
    numbered paragraphs as <ol start=N> items with their sub-items in a nested <ol type="a">,
    footnote markers as <sup>, and the footnotes at the end."""
    body: list[str] = []
    in_list = in_items = False

    def close(items: bool, paragraphs: bool) -> None:
        nonlocal in_list, in_items
        if items and in_items:
            body.append("</ol>")
            in_items = False
        if paragraphs and in_list:
            body.append("</li></ol>")
            in_list = False

    for block in blocks:
        if match := NUMBER.match(block):
            close(items=True, paragraphs=False)
            if in_list:
                body.append("</li>")
            else:
                body.append(f'<ol start="{match["number"]}" class="paragraphs">')
                in_list = True
            body.append(f"<li>\n  {_html_text(match['rest'])}")
        elif (match := SUB.match(block)) and in_list:
            if not in_items:
                body.append('<ol type="a">')
                in_items = True
            body.append(f"<li>{_html_text(match['rest'])}</li>")
        else:
            close(items=True, paragraphs=True)
            tag = "h2" if ROMAN_HEADING.match(block) else "h3"
            tag = tag if ROMAN_HEADING.match(block) or LETTER_HEADING.match(block) else "h4"
            if block.startswith(("Committee", "Concluding")):
                tag = "p"
            body.append(f"<{tag}>{_html_text(block)}</{tag}>")
        if block.startswith("4. "):  # a page break of the PDF the page was made from
            close(items=True, paragraphs=True)
            body.append(f'<div class="page-footer">GE.22-00000(E)<br>2</div><p>{SYMBOL}</p>')
    close(items=True, paragraphs=True)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{SYMBOL}</title>
<style>p {{ margin: 0 }} /* 1. The Committee (a style, not text) */</style>
<script>document.write("9. The Committee never wrote this.");</script></head>
<body>
<header><p>Human Rights Library &middot; Skip to content</p></header>
<nav><ul><li>Home</li><li>Treaty bodies</li></ul></nav>
<main>
<table><tr><td>United Nations</td><td>{SYMBOL}</td></tr></table>
{chr(10).join(body)}
<hr>
<section class="footnotes" role="doc-endnotes"><ol>
<li id="fn1">See the imaginary kite safety report.</li><li id="fn2">Ibid., para. 4.</li>
</ol></section>
</main>
<footer><p>&copy; 2024 University mirror. 10. Terms of use.</p></footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path


def run_import(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], list[str]]:
    """Run the importer in this process; return its exit code and its stdout and stderr lines."""
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()
