"""The importer's command (scripts/import_recommendations.py): the data file, the stub pages,
dry runs, re-imports, the Vietnamese text, and the errors. The documents are invented
(tests/un_documents.py)."""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from un_documents import (
    DATA,
    ENGLISH,
    SECTION_III,
    SYMBOL,
    TEXT_3,
    VIETNAMESE,
    write_docx,
    write_page,
    write_pdf,
    write_text,
)
from un_documents import (
    run_import as run,
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with an empty docs folder to run the importer in, as from the repository root."""
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def nothing_written(project: Path) -> bool:
    """Whether the docs folder is still empty."""
    return not any((project / "docs").iterdir())


def canonical_digest(text: str) -> str:
    """The digest a data file's integrity block must hold, computed here as the README defines
    it: SHA-256 of the data without its integrity block as compact JSON, keys sorted, UTF-8."""
    data = yaml.safe_load(text)
    del data["integrity"]
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
        f"integrity:\n  paragraphs: 8\n  sha256: {canonical_digest(text)}\nparagraphs:\n  1:\n"
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
    assert err[0] == f"would create {DATA}: added 1-8"
    assert err[1].startswith("Found 8 paragraphs (1-8), 5 sub-items, 3 clusters, ")
    assert err[-len(stubs) - 1 :] == [*stubs, "Dry run: nothing written."]
    assert sorted(path.name for path in project.iterdir()) == ["docs", "report.pdf"]
    assert nothing_written(project)


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
    assert data["integrity"]["sha256"] == canonical_digest((project / DATA).read_text("utf-8"))
    for entry in data["paragraphs"].values():
        del entry["text"]["vi"]
    del data["sources"]["vi"], data["integrity"], english["integrity"]
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
    assert nothing_written(project)


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
    assert nothing_written(project)
