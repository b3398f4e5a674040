"""The importer is safe: it refuses bad input with one line, writes only whole files, and the checks
reject an imported data file that is not whole. The documents are invented (tests/un_documents.py).

- Bad input: damaged, encrypted or oversized DOCX and PDF files, a missing docs folder, a missing
  symbol, paragraph numbers out of sequence. Each is refused with one ``FILE[:LINE]: message``
  line on stderr, exit code 1, nothing written.
- Word markup: inserted, moved-to, content-control, field and hyperlink text is kept; deleted and
  moved-away text is not.
- Data files: written atomically with an integrity block; the rule DATA-INTEGRITY rejects a file
  that is empty, cut anywhere, edited by hand or without its block, and says how to restore it.
- A kill test: the import command, run as a subprocess and killed with SIGKILL at random moments
  (most of them while it writes), never leaves a file that the checks accept but that differs
  from a complete import, nor a stub for a paragraph the data file lacks; the next import
  completes what it left.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from helpers import REPO, load_knowledge_base, write_project
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject
from un_documents import (
    DATA,
    ENGLISH,
    SYMBOL,
    TEXT_6,
    VIETNAMESE,
    docx_parts,
    numbered_blocks,
    parsed,
    write_docx,
    write_pdf,
    write_text,
    write_zip,
)
from un_documents import (
    run_import as run,
)

from thuynguyen_kb import files, knowledge, loader, rules, site_config
from thuynguyen_kb.importer import command, limits, word
from thuynguyen_kb.importer.command import main
from thuynguyen_kb.importer.lines import Line, read_lines, text_lines
from thuynguyen_kb.importer.parser import parse
from thuynguyen_kb.integrity import content_digest
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.rules.data import check_imported


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site (mkdocs.yml, docs/ with the interface strings) to import into, as its root."""
    write_project(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(docs: Path) -> dict[str, bytes]:
    """Every file under ``docs`` (hidden ones too), by path inside it."""
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


def refused(
    name: str, capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[list[str], float]:
    """Import ``name``; assert it is refused with one line and nothing written; return the line
    (as a list, for a readable assertion) and the seconds it took."""
    before = snapshot(Path("docs"))
    started = time.perf_counter()
    status, out, err = run([name, "--symbol", SYMBOL, *options], capsys)
    seconds = time.perf_counter() - started
    assert (status, out, len(err)) == (1, [], 1), err
    assert "Traceback" not in err[0]
    assert snapshot(Path("docs")) == before
    return err, seconds


# --- Damaged, encrypted and wrong files --------------------------------------------------------


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garble_document_xml(path: Path, method: int) -> None:
    """Flip bytes inside the stored data of word/document.xml, as a bad download would."""
    parts = docx_parts(path)
    write_zip(path, parts, method)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    for offset in range(start, start + 40):
        data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def cut_document_xml(path: Path) -> None:
    """A whole zip whose document.xml stops in the middle of the XML."""
    parts = docx_parts(path)
    parts["word/document.xml"] = parts["word/document.xml"][:2000]
    write_zip(path, parts)


def encrypt_pdf(path: Path) -> None:
    writer = PdfWriter(clone_from=str(path))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    writer.write(str(path))


OLE_ENCRYPTED = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4096)


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("report.docx", cut_in_half, "report.docx: this DOCX file is cut short or damaged (found"
         " the start of a zip archive but not its directory, which a whole file ends with);"
         " download it again, or open it in Word and save it again as .docx"),
        ("report.docx", lambda path: garble_document_xml(path, zipfile.ZIP_DEFLATED),
         "report.docx: this DOCX file is damaged (its part word/document.xml cannot be read:"
         " Error -3 while decompressing data"),
        ("report.docx", lambda path: garble_document_xml(path, zipfile.ZIP_STORED),
         "report.docx: this DOCX file is damaged (its part word/document.xml cannot be read: Bad"
         " CRC-32 for file 'word/document.xml')"),
        ("report.docx", cut_document_xml, "report.docx: cannot read this DOCX file"
         " (XMLSyntaxError:"),
        ("report.docx", lambda path: path.write_bytes(b"Concluding observations, as text\n"),
         "report.docx: not a DOCX file (found no zip archive, expected a Word document; the first"
         " bytes are b'Concludi'); download the document again as DOCX"),
        ("report.docx", lambda path: path.write_bytes(OLE_ENCRYPTED),
         "report.docx: this DOCX is password-protected, or is an old Word .doc file (found an OLE"
         " compound file, expected a zip archive); open it in Word, remove the password (File >"
         " Info > Protect Document) and save it as .docx"),
        ("report.pdf", encrypt_pdf, "report.pdf: this PDF is password-protected (it opens only"
         " with a password); open it with the password and save a copy without one (Print > Save"
         " as PDF), or download it again from the UN"),
        ("report.pdf", cut_in_half, "report.pdf: cannot read this PDF: it is damaged or not a PDF"
         " ("),
        ("report.pdf", lambda path: path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500),
         "report.pdf: cannot read this PDF: it is damaged or not a PDF ("),
    ],
    ids=["docx-cut-short", "docx-bad-deflate-data", "docx-bad-crc", "docx-cut-xml",
         "docx-not-a-zip", "docx-encrypted", "pdf-encrypted", "pdf-cut-short", "pdf-not-a-pdf"],
)  # fmt: skip
def test_damaged_and_encrypted_files_are_refused_with_one_line(
    name: str,
    damage: Callable[[Path], None],
    message: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    writer = write_docx if name.endswith(".docx") else write_pdf
    damage(writer(project / name, ENGLISH))
    (line,), _ = refused(name, capsys)
    assert line.startswith(message)


def test_a_pdf_that_only_restricts_copying_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_pdf(project / "report.pdf", ENGLISH)
    writer = PdfWriter(clone_from=str(path))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    writer.write(str(path))
    status, _, err = run(["report.pdf", "--symbol", SYMBOL, "--dry-run"], capsys)
    assert (status, err) == (0, [])


# --- Size limits -----------------------------------------------------------------------------


def inflated_docx(path: Path, size: int) -> Path:
    """A DOCX whose document.xml holds ``size`` bytes of spaces: small zipped, huge expanded."""
    parts = docx_parts(write_docx(path, ENGLISH))
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + b" " * size, 1
    )
    return write_zip(path, parts)


def understate_sizes(path: Path) -> None:
    """Make the local header and the directory entry of document.xml declare 1,000 bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    data[info.header_offset + 22 : info.header_offset + 26] = (1000).to_bytes(4, "little")
    entry = data.find(b"PK\x01\x02")  # the directory's entries, in turn
    while data[entry + 46 : entry + 46 + len(info.filename)] != info.filename.encode():
        entry = data.find(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_a_docx_that_expands_past_the_limit_stops_at_its_zip_directory(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inflated_docx(project / "report.docx", 2 * limits.MAX_DOCX_EXPANDED_BYTES)
    assert (project / "report.docx").stat().st_size < 1_000_000  # a zip bomb: small on disk
    (line,), seconds = refused("report.docx", capsys)
    assert line.startswith("report.docx: this DOCX expands to far more than a document (found 4")
    assert "bytes, as its zip directory declares, expected at most 20,971,520" in line
    assert seconds < 5


def test_a_docx_whose_directory_understates_its_sizes_stops_while_it_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inflated_docx(project / "report.docx", 2 * limits.MAX_DOCX_EXPANDED_BYTES)
    understate_sizes(project / "report.docx")
    with zipfile.ZipFile(project / "report.docx") as archive:
        assert sum(info.file_size for info in archive.infolist()) < 2_000_000  # the lie
    (line,), seconds = refused("report.docx", capsys)
    # zipfile stops at the declared size, and the data then fails its CRC.
    assert line.startswith("report.docx: this DOCX file is damaged (its part word/document.xml")
    assert seconds < 5


def test_the_bytes_really_decompressed_are_counted_too(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Should the directory check ever be fooled, the count while reading still stops the file.
    monkeypatch.setattr(word, "_check_declared_sizes", lambda parts: None)
    inflated_docx(project / "report.docx", 2 * limits.MAX_DOCX_EXPANDED_BYTES)
    (line,), seconds = refused("report.docx", capsys)
    assert line.startswith(
        "report.docx: this DOCX expands to far more than a document (found more than"
    )
    assert "bytes, decompressed, expected at most 20,971,520" in line
    assert seconds < 5


def test_a_docx_with_too_many_parts_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = docx_parts(write_docx(project / "report.docx", ENGLISH))
    parts |= {f"word/media/image{n}.png": b"" for n in range(limits.MAX_DOCX_PARTS)}
    write_zip(project / "report.docx", parts)
    (line,), _ = refused("report.docx", capsys)
    assert line == (
        f"report.docx: this DOCX has too many parts for a document (found"
        f" {len(parts):,}, expected at most 500; check that this is the right file)"
    )


def test_a_file_larger_than_any_document_is_refused_before_it_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (project / "report.txt").open("wb") as sparse:
        sparse.truncate(limits.MAX_INPUT_BYTES + 1)  # a sparse file: nothing is written
    (line,), seconds = refused("report.txt", capsys)
    assert line == (
        "report.txt: file too large for a concluding observations document (found 20,971,521"
        " bytes, expected at most 20,971,520; the real documents are well under 1 MB: check that"
        " this is the right file)"
    )
    assert seconds < 1


def test_a_pdf_with_more_pages_than_a_document_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for _ in range(limits.MAX_PDF_PAGES + 1):
        pdf.add_page()
        pdf.cell(0, 5, "Concluding observations")
    pdf.output(str(project / "report.pdf"))
    (line,), _ = refused("report.pdf", capsys)
    assert line == (
        "report.pdf: too many pages for a concluding observations document (found 201, expected"
        " at most 200; the real ones have about 20): check that this is the right file"
    )


def test_a_pdf_stream_that_expands_past_the_limit_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = PdfWriter(clone_from=str(write_pdf(project / "report.pdf", ENGLISH)))
    page = writer.pages[0]
    content = DecodedStreamObject()  # the page's text, then spaces past the limit
    content.set_data(page.get_contents().get_data() + b" " * limits.MAX_PDF_STREAM_BYTES)
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    writer.write(str(project / "report.pdf"))
    assert (project / "report.pdf").stat().st_size < 100_000
    (line,), seconds = refused("report.pdf", capsys)
    assert line.startswith("report.pdf: this PDF holds far more data than a document (")
    assert seconds < 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Concluding observations\n" + "x\n" * limits.MAX_LINES, "found more than 20,000 lines,"
         " expected about 1,000 for 20 pages"),
        ("Concluding observations\n" + "x" * limits.MAX_TEXT_CHARACTERS, "found more than"
         " 2,000,000 characters, expected about 75,000 for 20 pages"),
    ],
    ids=["lines", "characters"],
)  # fmt: skip
def test_more_text_than_a_document_has_is_refused(
    text: str, message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "report.txt").write_text(f"{SYMBOL}\n{text}", encoding="utf-8")
    (line,), _ = refused("report.txt", capsys)
    assert line == (
        f"report.txt: too much text for a concluding observations document ({message}; check"
        " that this is the right file)"
    )


# --- The command's own input -----------------------------------------------------------------


def test_a_docs_folder_that_does_not_exist_is_refused_and_not_created(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "report.txt", ENGLISH)
    (line,), _ = refused("report.txt", capsys, "--docs", "site/docs")
    assert line == (
        "site/docs: no such folder (expected the site's docs folder, the one holding the Markdown"
        " pages beside mkdocs.yml; run from the repository root or give it with --docs)"
    )
    assert not (project / "site").exists()


def test_a_document_without_its_symbol_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "report.txt").write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    (line,), _ = refused("report.txt", capsys)
    assert line == (
        f"report.txt: no line holds the document symbol (found none, expected {SYMBOL} alone on"
        " a line, as the UN prints it in the page header): check that this is the right file and"
        " that --symbol is its symbol"
    )


# --- Paragraph numbers out of sequence --------------------------------------------------------


def with_block(after: str, block: str) -> list[str]:
    """ENGLISH with ``block`` inserted after the block that starts with ``after``."""
    index = next(i for i, b in enumerate(ENGLISH) if b.startswith(after)) + 1
    return [*ENGLISH[:index], block, *ENGLISH[index:]]


def renumbered(old: str, new: str) -> list[str]:
    return [new + block.removeprefix(old) if block.startswith(old) else block for block in ENGLISH]


def write_blank_line_text(path: Path, blocks: list[str]) -> Path:
    """A text file with one line per block and an empty line between blocks."""
    path.write_text("\n\n".join([SYMBOL, *blocks]) + "\n", encoding="utf-8")
    return path


STRAY = "99999. The Committee also thanks the kite makers."
# In a DOCX, line N is the Nth paragraph of the body; write_docx's first-page table holds two
# (lines 1 and 2), so ENGLISH[i] is line i + 3.


@pytest.mark.parametrize(
    ("name", "writer", "blocks", "message"),
    [
        ("report.docx", write_docx, with_block("1.", STRAY), "report.docx:7: paragraph number"
         " 99999 out of sequence (found 99999 after paragraph 1, expected 2"),
        ("report.docx", write_docx, renumbered("5.", "7."), "report.docx:20: paragraph number 7"
         " out of sequence (found 7 after paragraph 4, expected 5"),
        ("report.docx", write_docx, renumbered("6.", "3."), "report.docx:24: duplicate paragraph"
         " number 3 (first at line 12"),
        ("report.txt", write_blank_line_text, with_block("1.", STRAY), "report.txt:11: paragraph"
         " number 99999 out of sequence (found 99999 after paragraph 1, expected 2"),
        ("report.txt", write_text, with_block("1.", STRAY), "report.txt:9: paragraph number"
         " 99999 out of sequence (found 99999 after paragraph 1, expected 2"),
        ("report.txt", write_text, with_block("4.", "2. The Committee also thanks the owls."),
         "report.txt:23: duplicate paragraph number 2 (first at line 10"),
        ("report.txt", write_text, [b for b in renumbered("5.", "3.") if not b.startswith(
         "3. The Committee recommends")], "report.txt:24: paragraph number 3 out of sequence"
         " (found 3 after paragraph 4, expected 5"),
        ("report.txt", write_text, with_block("4.", "500. The Committee also thanks the owls."),
         "report.txt:23: paragraph number 500 out of sequence (found 500 after paragraph 4,"
         " expected 5"),
    ],
    ids=["docx-stray-number", "docx-jump", "docx-back", "text-blocks-stray-number",
         "text-wrapped-stray-number", "text-wrapped-back-to-a-used-number",
         "text-wrapped-back-to-an-unused-number", "text-wrapped-jump-too-far"],
)  # fmt: skip
def test_paragraph_numbers_out_of_sequence_are_refused_at_their_line(
    name: str,
    writer: Callable[[Path, list[str]], Path],
    blocks: list[str],
    message: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    writer(project / name, blocks)
    (line,), _ = refused(name, capsys)
    assert line.startswith(message)
    assert line.endswith("correct the number in the file)") or "correct the numbering" in line


def lines_of(*texts: str) -> list[Line]:
    return text_lines("\n".join([SYMBOL, "Concluding observations", *texts]))


def test_a_wrapped_line_may_start_with_a_year_or_a_small_number() -> None:
    document = parse(
        lines_of(
            "1. The Committee asks for a plan that the State party will carry out.",
            "2030. The plan should end then, and the Committee recommends that it run until",
            "2030. It should count the kites of the valley.",
            "1. of the kites is enough.",
            "2. The Committee thanks the owls.",
        ),
        SYMBOL,
        "en",
    )
    assert [(p.number, p.text) for p in document.paragraphs] == [
        (1, "1. The Committee asks for a plan that the State party will carry out. 2030. The plan"
         " should end then, and the Committee recommends that it run until 2030. It should count"
         " the kites of the valley. 1. of the kites is enough."),
        (2, "2. The Committee thanks the owls."),
    ]  # fmt: skip


def test_the_real_pdf_still_reads_in_sequence() -> None:
    """The UN's own PDF (../shared/fixtures/un/): 70 paragraphs, none refused as out of sequence
    (tests/test_import_real_pdf.py checks the rest of what it reads)."""
    path = REPO.parent / "shared" / "fixtures" / "un" / "CERD-C-BRA-CO-18-20.pdf"
    if not path.is_file():
        # CI has ../shared beside the clone: there a missing document is a failure, not a skip.
        message = f"{path} is not here (the UN documents of ../shared/fixtures/un/)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    document = parse(read_lines(path), "CERD/C/BRA/CO/18-20", "en")
    assert [p.number for p in document.paragraphs] == list(range(1, 71))


# --- Word markup -----------------------------------------------------------------------------


def run_xml(text: str, element: str = "w:t") -> str:
    return f'<w:r><{element} xml:space="preserve">{text}</{element}></w:r>'


def marked_up_docx(path: Path) -> Path:
    """ENGLISH as DOCX, with Word markup added to paragraphs 1, 2, 4, 6, 7 and 8."""
    write_docx(path, ENGLISH)
    document = docx.Document(str(path))
    by_number = {
        int(p.text.split(".")[0]): p._p for p in document.paragraphs if p.text[:1].isdigit()
    }

    def add(number: int, xml: str) -> None:
        by_number[number].append(parse_xml(xml.replace(">", f" {nsdecls('w')}>", 1)))

    add(1, f'<w:ins w:id="1" w:author="A">{run_xml(" Inserted words.")}</w:ins>')
    add(1, f'<w:del w:id="2" w:author="A">{run_xml(" Deleted words.", "w:delText")}</w:del>')
    add(2, f'<w:moveFrom w:id="3" w:author="A">{run_xml(" Moved-away words.")}</w:moveFrom>')
    add(2, f'<w:moveTo w:id="4" w:author="A">{run_xml(" Moved-here words.")}</w:moveTo>')
    add(
        4,
        f"<w:sdt><w:sdtPr/><w:sdtContent>{run_xml(' Words in a control.')}</w:sdtContent></w:sdt>",
    )
    add(6, f'<w:fldSimple w:instr=" DATE ">{run_xml(" Field result.")}</w:fldSimple>')
    add(7, f'<w:hyperlink w:anchor="top">{run_xml(" Linked words.")}</w:hyperlink>')
    block = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    by_number[8].addprevious(block)
    block[1].append(by_number[8])  # paragraph 8 now inside a block-level content control
    deleted = f'<w:del w:id="5" w:author="A">{run_xml("9. Deleted paragraph.", "w:delText")}'
    block.addnext(parse_xml(f"<w:p {nsdecls('w')}>{deleted}</w:del></w:p>"))
    document.save(str(path))
    return path


def test_word_markup_keeps_what_the_final_document_shows(tmp_path: Path) -> None:
    by_number = {p.number: p for p in parsed(marked_up_docx(tmp_path / "report.docx"))}
    assert list(by_number) == list(range(1, 9))
    assert by_number[1].text.endswith("season of kites. Inserted words.")
    assert by_number[2].text.endswith("hear of it. Moved-here words.")
    assert by_number[2].footnotes == ("1",)
    assert by_number[4].text.endswith("children to speak. Words in a control.")
    assert by_number[6].text == f"{TEXT_6} Field result."
    assert by_number[7].text.endswith("they can understand. Linked words.")
    assert by_number[8].text == ENGLISH[-1]
    text = "\n".join(p.text for p in by_number.values())
    for gone in ("Deleted", "Moved-away"):
        assert gone not in text


# --- Every write atomic, in order ------------------------------------------------------------


def test_every_file_is_written_atomically_data_file_first(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []

    def spy(path: Path, text: str, encoding: str = "utf-8") -> None:
        written.append(path.as_posix())
        files.write_atomically(path, text, encoding)

    monkeypatch.setattr(command, "write_atomically", spy)
    before = snapshot(project / "docs")
    write_text(project / "report.txt", ENGLISH)
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    after = snapshot(project / "docs")
    changed = {rel for rel, data in after.items() if before.get(rel) != data}
    assert {name.removeprefix("docs/") for name in written} == changed  # nothing written otherwise
    stubs = [f"docs/khuyen-nghi/p{n}{suffix}" for n in range(1, 9) for suffix in (".md", ".en.md")]
    assert written == [DATA, *stubs]


def test_a_stub_pair_left_half_written_is_completed_but_an_editors_page_is_not(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(project / "report.txt", ENGLISH)
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    folder = project / "docs" / "khuyen-nghi"
    complete = snapshot(folder)
    (folder / "p3.en.md").unlink()  # as a kill between p3.md and p3.en.md leaves it
    (folder / "p5.en.md").unlink()
    edited = (folder / "p5.md").read_text(encoding="utf-8").replace("Đoạn 5", "Thả diều", 1)
    (folder / "p5.md").write_text(edited, encoding="utf-8")
    status, out, _ = run(["report.txt", "--symbol", SYMBOL], capsys)
    assert status == 0
    assert "created stub pages in docs/khuyen-nghi/ for paragraphs 3" in out
    assert out[-1].endswith("data file unchanged, 1 stub page created, 0 warnings.")
    assert (folder / "p3.en.md").read_bytes() == complete["p3.en.md"]
    assert not (folder / "p5.en.md").exists()


# --- The data file's integrity and the rule DATA-INTEGRITY ------------------------------------


def imported(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The data file of ENGLISH and VIETNAMESE imported into ``project``; its checks pass."""
    write_text(project / "report.txt", ENGLISH)
    write_text(project / "vi.txt", VIETNAMESE)
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    assert run(["vi.txt", "--symbol", SYMBOL, "--lang", "vi"], capsys)[0] == 0
    assert integrity_problems(project) == []
    return project / DATA


def integrity_problems(project: Path) -> list[Problem]:
    """Every problem the site's checks find, run as scripts/check_structure.py runs them from
    the root of ``project`` (the current folder), so that paths are printed as there."""
    assert Path.cwd() == project
    sources = loader.load(Path("docs"), site_config.read(Path("mkdocs.yml")))
    return rules.check(sources, knowledge.assemble(sources))


RESTORE = (
    f"restore it with 'git checkout -- {DATA}', or delete it and run 'python"
    " scripts/import_recommendations.py ENGLISH_FILE --symbol {symbol}' on the official English"
    " text, then the same with '--lang vi' on the Vietnamese text; never edit this file by hand"
)


LAST = "the last line"


def line_of(text: str, start: str) -> int:
    """The number of the first line of ``text`` that starts with ``start``."""
    return text[: text.index(f"\n{start}")].count("\n") + 2


def cut_at_line_end(text: str) -> str:
    return text[: text.index("\n  6:\n") + 1]


@pytest.mark.parametrize(
    ("change", "line", "found", "symbol"),
    [
        (lambda text: "", 1, "the file is empty (found no data, expected the importer's"
         " paragraphs)", "SYMBOL"),
        (lambda text: "null\n", 1, "the file is empty (found no data, expected the importer's"
         " paragraphs)", "SYMBOL"),
        (lambda text: text[: text.index("'42', 44") + 4], LAST, "the file is not valid"
         " YAML here (it was cut, or changed by another program)", "SYMBOL"),
        (lambda text: text.encode()[: text.encode().index("Ủy".encode()) + 2].decode("latin-1"),
         LAST, "", "SYMBOL"),
        (cut_at_line_end, "  paragraphs: 8", "the file holds 5 paragraphs where its integrity"
         " block says 8 (the file was cut short, or paragraphs were removed by hand)", SYMBOL),
        (lambda text: text.replace("patient owls", "impatient owls"), "  sha256: ", "the file's"
         " content does not match its checksum (found sha256", SYMBOL),
        (lambda text: text[: text.rindex("ngày tưởng")], "  sha256: ", "the file's content does"
         " not match its checksum", SYMBOL),
        (lambda text: "".join(line for line in text.splitlines(keepends=True)
                              if not line.startswith(("integrity:", "  paragraphs:", "  sha256:"))),
         1, "the file has no integrity block (found no 'integrity:', which the importer writes in"
         " every data file: the file was cut short or written by hand)", SYMBOL),
        (lambda text: text.replace("  paragraphs: 8\n", "  paragraphs: 9\n"), "  paragraphs: 8",
         "the file holds 8 paragraphs where its integrity block says 9", SYMBOL),
        (lambda text: re.sub(r"(?m)^  sha256: [0-9a-f]{64}$", "  sha256: " + "f" * 64, text),
         "  sha256: ", "the file's content does not match its checksum", SYMBOL),
        (lambda text: text.replace("  paragraphs: 8\n", "  paragraphs: eight\n"), "integrity:",
         "the integrity block is malformed (expected 'paragraphs:' with a number and 'sha256:'"
         " with 64 hexadecimal digits)", SYMBOL),
    ],
    ids=["empty", "null", "cut-invalid-yaml", "cut-inside-a-character", "cut-at-a-line-end",
         "text-edited", "cut-inside-the-last-text", "no-integrity-block", "count-mismatch",
         "checksum-mismatch", "malformed-block"],
)  # fmt: skip
def test_a_data_file_that_is_not_whole_is_rejected_with_how_to_restore_it(
    change: Callable[[str], str],
    line: int | str,
    found: str,
    symbol: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = imported(project, capsys)
    original = data.read_text(encoding="utf-8")
    changed = change(original)
    if found:
        data.write_text(changed, encoding="utf-8")
    else:  # cut inside a character: the bytes as they are, no longer UTF-8
        data.write_bytes(changed.encode("latin-1"))
    (problem,) = integrity_problems(project)
    if line == LAST:  # where the cut file ends
        line = changed.count("\n") + 1
    elif isinstance(line, str):  # the line where this text first stands
        line = line_of(original, line)
    if not found:
        found = "the file is not UTF-8 text here (it was cut, or changed by another program)"
    assert (problem.path, problem.line, problem.code) == (DATA, line, "DATA-INTEGRITY")
    assert problem.message.startswith(f"imported data file is not whole: {found}")
    assert problem.message.endswith(RESTORE.replace("{symbol}", symbol))


CUT_SEED = 20260512


def test_every_cut_of_a_data_file_is_rejected(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = imported(project, capsys)
    whole = data.read_bytes()
    # Every line end (where YAML cut short is often still valid), and 60 offsets drawn at random
    # (seed fixed) inside lines and characters; a cut that drops only the final line feed loses
    # nothing and reads the same.
    line_ends = {i + 1 for i, byte in enumerate(whole) if byte == ord("\n")}
    cuts = line_ends | set(random.Random(CUT_SEED).sample(range(len(whole)), 60))
    cuts -= {len(whole), len(whole) - 1}
    for cut in sorted(cuts):
        data.write_bytes(whole[:cut])
        problems = check_imported(
            loader.read_data_file(data, DATA.removeprefix("docs/")), Path("docs")
        )
        assert [p.code for p in problems] == ["DATA-INTEGRITY"], (cut, problems)


def test_the_digest_is_of_the_data_without_its_integrity_block(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(imported(project, capsys).read_text(encoding="utf-8"))
    assert data["integrity"] == {"paragraphs": 8, "sha256": content_digest(data)}
    assert list(data) == ["symbol", "sources", "integrity", "paragraphs"]
    data["paragraphs"][3]["text"]["en"] += " "
    assert content_digest(data) != data["integrity"]["sha256"]


def test_the_importer_refuses_to_build_on_a_data_file_that_is_not_whole(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = imported(project, capsys)
    data.write_text(cut_at_line_end(data.read_text(encoding="utf-8")), encoding="utf-8")
    for options in ([], ["--lang", "vi"]):
        (line,), _ = refused("vi.txt" if options else "report.txt", capsys, *options)
        assert line == (
            f"{DATA}: the file holds 5 paragraphs where its integrity block says 8 (the file was"
            " cut short, or paragraphs were removed by hand); "
            + RESTORE.replace("{symbol}", SYMBOL)
        )
    data.write_text("", encoding="utf-8")
    (line,), _ = refused("report.txt", capsys)
    assert line.startswith(f"{DATA}: the file is empty (found no data")
    data.unlink()  # the restore by importing again
    assert run(["report.txt", "--symbol", SYMBOL], capsys)[0] == 0
    assert integrity_problems(project) == []


def test_a_leftover_temporary_file_is_never_read_and_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = imported(project, capsys)
    leftover = data.parent / f".{data.name}.k1ll3d"
    leftover.write_bytes(data.read_bytes()[:500])  # what a killed write leaves
    stub_leftover = "khuyen-nghi/.p3.md.k1ll3d"
    (project / "docs" / stub_leftover).write_text("---\ntitle: [cut", encoding="utf-8")
    assert integrity_problems(project) == []
    status, out, _ = run(["report.txt", "--symbol", SYMBOL, "--dry-run"], capsys)
    assert status == 0
    assert out[:2] == [
        f"warning: leftover temporary file of an interrupted import: {name} (the site and the"
        " checks never read it; delete it)"
        for name in (f"docs/_data/recommendations/.{data.name}.k1ll3d", f"docs/{stub_leftover}")
    ]


# --- Killed at random moments ----------------------------------------------------------------

KILL_SEED = 20260512
KILL_BUDGET_SECONDS = 10  # no trial starts after that: the whole test stays well under 20 s
MAX_TRIALS = 30
PARAGRAPHS_BEFORE, PARAGRAPHS_AFTER = 10, 40  # the import rewrites the data file, adds 60 stubs
HEALED_TRIALS = 4  # trials after which the next import must complete the files (it takes time)
# Runs the import command once per request line, each time in a child forked from this one
# process, which has imported the command already: a child starts in a millisecond instead of
# the second a new Python takes, so the kill times are precise and many trials fit in the time.
# The child runs the command's main() as scripts/import_recommendations.py does. A request is
# "DELAY<tab>WATCHED<tab>ARGUMENTS…": DELAY seconds after the child started, or, if WATCHED
# names a file, after that file was first replaced (the import's first write), a child still
# running is killed with SIGKILL; it is this process's own unreaped child, so its pid cannot
# belong to anyone else. The answer: "killed" or "exited CODE", the seconds the child ran, and
# the seconds from the first write to its end (-1 when none was seen).
FORK_SERVER = """
import os, signal, sys, time
from thuynguyen_kb.importer.command import main

def inode(path):
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None

for request in sys.stdin:
    delay, watched, *arguments = request.rstrip("\\n").split("\\t")
    before = inode(watched) if watched else None
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os._exit(main(arguments))
    origin = None if watched else started
    first_write = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        now = time.perf_counter()
        if done:
            outcome = f"exited {os.waitstatus_to_exitcode(status)}"
            break
        if watched and first_write is None and inode(watched) != before:
            first_write = now
            origin = origin or now
        if origin is not None and now >= origin + float(delay):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            outcome = "killed"
            break
        time.sleep(0.0002)
    writing = now - first_write if first_write else -1
    print(f"{outcome}\\t{now - started:.4f}\\t{writing:.4f}", flush=True)
"""


class ForkServer:
    """The FORK_SERVER process, and one import run by it at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORK_SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    def run(
        self, delay: float, watched: Path | None, arguments: list[str]
    ) -> tuple[str, float, float]:
        """Run the import with ``arguments``, killed ``delay`` s after it started, or after it
        first replaced ``watched``; return its outcome, how long it ran and how long it wrote."""
        assert self.process.stdin is not None and self.process.stdout is not None
        request = [str(delay), str(watched or ""), *arguments]
        self.process.stdin.write("\t".join(request) + "\n")
        self.process.stdin.flush()
        outcome, ran, writing = self.process.stdout.readline().rstrip("\n").split("\t")
        return outcome, float(ran), float(writing)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def visible(files_by_path: dict[str, bytes]) -> dict[str, bytes]:
    """The files the site and the checks read: hidden ones (temporary files) left out."""
    return {rel: data for rel, data in files_by_path.items() if "/." not in f"/{rel}"}


def check_after_kill(site: Path, before: dict[str, bytes], complete: dict[str, bytes]) -> str:
    """Assert what a killed import may leave; return 'before', 'complete' or 'partial'."""
    rel = DATA.removeprefix("docs/")
    now = visible(snapshot(site / "docs"))
    problems = load_knowledge_base(site)[1]
    if now.get(rel) not in (before.get(rel), complete[rel]):
        assert any(p.code == "DATA-INTEGRITY" for p in problems), problems
    if not problems:  # the checks accept: every file must be the old one or the new one
        for name, data in now.items():
            assert data in (before.get(name), complete.get(name)), name
    try:
        numbers = set(yaml.safe_load(now[rel])["paragraphs"])
    except (KeyError, TypeError, yaml.YAMLError):  # no data file, or one the checks reject
        numbers = set()
    for name in set(now) - set(before):  # no stub for a paragraph the data file lacks
        assert int(name.removeprefix("khuyen-nghi/p").split(".")[0]) in numbers, name
    if now == before:
        return "before"
    return "complete" if now == complete else "partial"


def test_a_killed_import_leaves_whole_files_or_files_the_checks_reject(tmp_path: Path) -> None:
    base = write_project(tmp_path / "base", {})
    old = write_text(tmp_path / "old.txt", numbered_blocks(PARAGRAPHS_BEFORE, "kites"))
    new = write_text(tmp_path / "report.txt", numbered_blocks(PARAGRAPHS_AFTER, "lanterns"))
    assert main([str(old), "--symbol", SYMBOL, "--docs", str(base / "docs")]) == 0
    before = visible(snapshot(base / "docs"))
    # The complete import, by the command line itself.
    finished = shutil.copytree(base, tmp_path / "complete")
    script = REPO / "scripts" / "import_recommendations.py"
    arguments = [str(new), "--symbol", SYMBOL, "--docs"]
    subprocess.run(
        [sys.executable, str(script), *arguments, str(finished / "docs")],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    complete = visible(snapshot(finished / "docs"))
    assert load_knowledge_base(finished)[1] == []

    server = ForkServer()
    try:
        # Measured first: how long the import writes, from its first write (the data file
        # replaced) to its end. Most kills fall in that time, one in four anywhere in the run.
        measure = shutil.copytree(base, tmp_path / "measure")
        outcome, ran, writing = server.run(60, measure / DATA, [*arguments, str(measure / "docs")])
        assert outcome == "exited 0" and visible(snapshot(measure / "docs")) == complete
        rng = random.Random(KILL_SEED)
        outcomes: list[tuple[str, float, str]] = []
        deadline = time.monotonic() + KILL_BUDGET_SECONDS
        while len(outcomes) < MAX_TRIALS and time.monotonic() < deadline:
            site = shutil.copytree(base, tmp_path / f"trial-{len(outcomes)}")
            anywhere = rng.random() < 0.25
            delay = rng.uniform(0, ran) if anywhere else rng.uniform(0, writing * 1.1)
            watched = None if anywhere else site / DATA
            server.run(delay, watched, [*arguments, str(site / "docs")])
            outcome = check_after_kill(site, before, complete)
            outcomes.append(("run" if anywhere else "writing", round(delay, 4), outcome))
            if outcome == "complete" and not anywhere:  # it wrote faster than measured: aim closer
                writing = max(delay, 0.002)
            healed = sum(outcome != "before" for *_, outcome in outcomes)
            if outcome != "before" and healed <= HEALED_TRIALS:
                # The next import completes what the killed one left out.
                assert main([*arguments, str(site / "docs")]) == 0
                assert visible(snapshot(site / "docs")) == complete
            shutil.rmtree(site)
    finally:
        server.close()
    assert len(outcomes) >= 8, outcomes
    assert sum(outcome == "partial" for *_, outcome in outcomes) >= 3, (writing, outcomes)
