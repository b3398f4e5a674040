"""The importer reads the same document from every format: typed numbers (text, DOCX), Word's
automatic list numbering (DOCX with word/numbering.xml) and HTML lists (<ol>, nested
<ol type="a">) give the same paragraphs, headings, sub-items, texts and footnote markers; and
it refuses HTML and numbering it cannot read with one line. The documents are invented
(tests/un_documents.py)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from un_documents import (
    ENGLISH,
    EXPECTED,
    NUMBERING_XML,
    SYMBOL,
    docx_parts,
    parsed,
    summary,
    write_docx,
    write_docx_numbered,
    write_html,
    write_text,
)
from un_documents import (
    run_import as run,
)

from thuynguyen_kb.importer import limits
from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.html_input import html_lines
from thuynguyen_kb.importer.numbering import Numbering, format_number

Writer = Callable[[Path, list[str]], Path]
WRITERS: dict[str, Writer] = {
    "report.docx": write_docx,
    "numbered.docx": write_docx_numbered,
    "report.html": write_html,
    "report.htm": write_html,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with an empty docs folder to run the importer in, as from the repository root."""
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def everything_but_the_line(path: Path) -> list[dict[str, object]]:
    """Every field of every paragraph read from ``path``, except where it was found (the line
    of a text file, the paragraph of a DOCX, the source line of HTML differ by nature)."""
    return [{k: v for k, v in dataclasses.asdict(p).items() if k != "line"} for p in parsed(path)]


# --- One document, every format ----------------------------------------------------------------


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_format_reads_exactly_what_the_text_version_reads(name: str, tmp_path: Path) -> None:
    reference = everything_but_the_line(write_text(tmp_path / "report.txt", ENGLISH))
    assert summary(parsed(tmp_path / "report.txt")) == EXPECTED  # the reference itself is right
    assert everything_but_the_line(WRITERS[name](tmp_path / name, ENGLISH)) == reference


def test_the_numbered_docx_holds_no_typed_number(tmp_path: Path) -> None:
    """The fixture really numbers by Word's lists: no number is in its text."""
    path = write_docx_numbered(tmp_path / "numbered.docx", ENGLISH)
    document = docx_parts(path)["word/document.xml"].decode("utf-8")
    for typed in ("3. The Committee", "(a) Review", "III. Main", "A. General", ">7. "):
        assert typed not in document
    assert document.count("<w:numPr>") == 13  # 8 paragraphs and 5 sub-items; headings by style
    assert 'w:styleId="UNSection"' in docx_parts(path)["word/styles.xml"].decode("utf-8")


def test_json_output_is_the_same_for_every_format(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {}
    for name, writer in {"report.txt": write_text, **WRITERS}.items():
        writer(project / name, ENGLISH)
        status, out, err = run([name, "--symbol", SYMBOL, "--dry-run", "--json"], capsys)
        assert status == 0, err
        outputs[name] = json.loads("\n".join(out))
    assert len(outputs["report.txt"]) == len(EXPECTED)
    for name in WRITERS:
        assert outputs[name] == outputs["report.txt"], name


def test_without_its_start_override_the_restarted_list_counts_from_one(tmp_path: Path) -> None:
    """List 3 starts at 3 only by its w:startOverride: without it Word shows "1." again."""
    numbering = NUMBERING_XML.replace('<w:startOverride w:val="3"/>', "")
    path = write_docx_numbered(tmp_path / "numbered.docx", ENGLISH, numbering)
    with pytest.raises(InputError, match="duplicate paragraph number 1 "):
        parsed(path)


def test_lettered_sub_items_restart_after_each_paragraph(tmp_path: Path) -> None:
    """Paragraphs 3 and 5 share list 3: the second (a) comes from the level-0 restart."""
    path = write_docx_numbered(tmp_path / "numbered.docx", ENGLISH)
    by_number = {p.number: p for p in parsed(path)}
    assert by_number[5].text.splitlines()[1].startswith("(a) Train teachers")
    assert by_number[5].sub_items == ("a", "b")


# --- How Word counts ---------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbered_paragraph(num_id: str, level: int) -> object:
    return parse_xml(
        f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
        "</w:numPr></w:pPr></w:p>"
    )


def test_levels_formats_and_restarts_count_as_word_shows_them() -> None:
    numbering = parse_xml(
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="11"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
        '<w:lvlText w:val="%1.(%2)"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/>'
        '<w:lvlRestart w:val="0"/><w:lvlText w:val="%3)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    counter = Numbering(numbering, None)
    levels = [0, 1, 1, 2, 0, 1, 2]
    labels = [counter.label(numbered_paragraph("5", level), 1) for level in levels]
    # Level 2 never restarts (w:lvlRestart 0): D follows C across paragraph 12.
    assert labels == ["11. ", "11.(i)", "11.(ii)", "C) ", "12. ", "12.(i)", "D) "]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12, "decimal", "12"),
        (1, "lowerLetter", "a"),
        (27, "lowerLetter", "aa"),
        (2, "upperLetter", "B"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "ordinalText", "7"),  # a kind the importer does not write: decimal, as Word falls back
    ],
)
def test_number_formats(value: int, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


@pytest.mark.parametrize(
    ("numbering", "message"),
    [
        (
            NUMBERING_XML.replace('<w:abstractNumId w:val="10"/>', '<w:abstractNumId w:val="99"/>'),
            "numbered.docx:6: this DOCX numbers a paragraph with list 1, whose definition"
            " (w:abstractNum 99) is missing from word/numbering.xml; open the file in Word and"
            " save it again, or type the numbers",
        ),
        (
            NUMBERING_XML.replace('<w:num w:numId="1">', '<w:num w:numId="2">'),
            "numbered.docx:6: this DOCX numbers a paragraph with list 1, which"
            " word/numbering.xml does not define (expected a w:num with this w:numId); open the"
            " file in Word and save it again, or type the numbers",
        ),
    ],
    ids=["missing-abstractNum", "missing-num"],
)
def test_a_paragraph_numbered_by_a_missing_definition_is_refused(
    numbering: str, message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error, not Word's blank number: the paragraph would run into the one before it."""
    write_docx_numbered(project / "numbered.docx", ENGLISH, numbering)
    status, out, err = run(["numbered.docx", "--symbol", SYMBOL], capsys)
    assert (status, out, err) == (1, [], [message])
    assert not any((project / "docs").iterdir())


# --- HTML --------------------------------------------------------------------------------------


def texts(page: str) -> list[str]:
    return [line.text for line in html_lines(page.encode("utf-8"))]


def test_html_gives_text_only_with_list_numbers_as_typed() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>"
        "<p>Caf&eacute; &amp; <b>bold</b> &lt;i&gt; <!-- a comment --> text<br>next&nbsp;line</p>"
        '<ol type="I" start="3"><li>Third</li><li>Fourth</li></ol>'
        '<ol type="A"><li>First</li><li value="5">Fifth</li><li>Sixth</li></ol>'
        "<ol reversed><li>Two</li><li>One</li></ol>"
        '<ol style="list-style-type: lower-roman"><li>Roman</li></ol>'
        "<ul><li>Bullet</li></ul>"
        "<table><tr><td>Cell one</td><td>Cell <sup>12</sup>two<sup>th</sup></td></tr></table>"
        "<div>Div text<p>Inner</p>tail</div>"
        "<script>alert('1. no')</script><nav>Menu</nav>"
        "</body></html>"
    )
    assert texts(page) == [
        "Café & bold <i> text",
        "next line",
        "III. Third",
        "IV. Fourth",
        "A. First",
        "E. Fifth",
        "F. Sixth",
        "2. Two",
        "1. One",
        "(i) Roman",
        "Bullet",
        "Cell one",
        "Cell ¹²twoth",
        "Div text",
        "Inner",
        "tail",
    ]


def test_html_in_a_declared_encoding_is_decoded() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9</p></body></html>'
    assert [line.text for line in html_lines(page.encode("cp1252"))] == ["Café"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<!DOCTYPE html><html><head><title>CRC</title></head><body><nav>Home</nav>"
            b"<script>var text = '1. The Committee';</script>   </body></html>",
            "report.html: this HTML file has no text in its body (found only markup, expected the"
            " concluding observations as text; a page that loads its text with a script must be"
            " saved from the browser once shown, or its text copied into a .txt file)",
        ),
        (b"", "report.html: not an HTML file (found no HTML tag at its start"),
        (
            b"Concluding observations\n1. The Committee.\n",
            "report.html: not an HTML file (found no HTML tag at its start, expected"
            " '<!DOCTYPE html>' or '<html>'; the first bytes are b'Concluding o');",
        ),
        (b"%PDF-1.7\n%\xe2\xe3", "report.html: this file is a PDF, not HTML (found '%PDF'"),
        (b"PK\x03\x04\x14\x00", "report.html: this file is a zip archive (a DOCX?), not HTML"),
        (b"<html>\x00\x00\x00", "report.html: not an HTML file"),
        (
            b"<html><body><p>Caf\xe9</p></body></html>",
            "report.html: this HTML file is not UTF-8 text (it declares no charset: read as UTF-8)",
        ),
    ],
    ids=["no-text", "empty", "plain-text", "pdf", "zip", "binary", "not-utf-8"],
)
def test_a_file_named_html_that_is_not_a_readable_page_is_refused(
    content: bytes, message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "report.html").write_bytes(content)
    status, out, err = run(["report.html", "--symbol", SYMBOL], capsys)
    assert (status, out, len(err)) == (1, [], 1)
    assert err[0].startswith(message)
    assert not any((project / "docs").iterdir())


def test_an_oversized_html_file_is_refused_before_it_is_parsed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = b"<html><body>" + b"<p></p>" * (limits.MAX_HTML_BYTES // 7) + b"</body></html>"
    assert len(page) > limits.MAX_HTML_BYTES
    (project / "report.html").write_bytes(page)
    status, out, err = run(["report.html", "--symbol", SYMBOL], capsys)
    assert (status, out) == (1, [])
    assert err == [
        f"report.html: this HTML file is far larger than a concluding observations page (found"
        f" {len(page):,} bytes, expected at most {limits.MAX_HTML_BYTES:,}; a page of 20 pages"
        " of text is well under 1 MB): check that this is the right file"
    ]


def test_html_with_more_lines_than_a_document_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "<html><body><p>Concluding observations</p>" + "<p>x</p>" * limits.MAX_LINES
    (project / "report.html").write_text(page + "</body></html>", encoding="utf-8")
    status, out, err = run(["report.html", "--symbol", SYMBOL], capsys)
    assert (status, out, len(err)) == (1, [], 1)
    assert "found more than 20,000 lines" in err[0]


def test_html_with_more_elements_than_a_page_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "<html><body><p>Concluding observations</p>" + "<b>x</b>" * limits.MAX_HTML_ELEMENTS
    (project / "report.html").write_text(page + "</body></html>", encoding="utf-8")
    status, out, err = run(["report.html", "--symbol", SYMBOL], capsys)
    assert (status, out) == (1, [])
    assert err == [
        "report.html: this HTML file has far more elements than a concluding observations page"
        f" (found more than {limits.MAX_HTML_ELEMENTS:,}, expected about 10,000 for 20 pages):"
        " check that this is the right file"
    ]
