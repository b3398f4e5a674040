"""The summary a dry run prints before anything is written: counts, gaps, clusters, samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from un_documents import ENGLISH, SYMBOL, write_text

from thuynguyen_kb.importer.command import main
from thuynguyen_kb.importer.parser import Paragraph
from thuynguyen_kb.importer.summary import gaps, samples, shorten, summary_lines


def paragraph(number: int, **fields: object) -> Paragraph:
    return Paragraph(number=number, line=number, text=f"{number}. Text {number}.", **fields)


def test_the_summary_counts_what_was_read() -> None:
    paragraphs = [
        paragraph(1, section="I. Introduction"),
        paragraph(2, cluster="A", cluster_heading="General measures", sub_items=("a", "b")),
        paragraph(4, cluster="A", cluster_heading="General measures", footnotes=("3",)),
        paragraph(5, cluster="B", cluster_heading="Violence", subheading="Abuse"),
    ]
    lines = summary_lines(paragraphs)
    assert lines[0] == (
        "Found 4 paragraphs (1, 2, 4, 5), 2 sub-items, 3 clusters, 1 sub-heading,"
        " 1 footnote marker."
    )
    assert lines[1] == "Numbering: gaps at 3, from 1 to 5."
    assert "  A. General measures: 2, 4" in lines
    assert "  (no cluster): 1" in lines
    assert lines[-3].startswith("  1 [I. Introduction]: 1. Text 1.")
    assert lines[-1].startswith("  5 [B. Violence > Abuse]: 5. Text 5.")


def test_gaps_samples_and_shortening() -> None:
    assert gaps([1, 2, 5, 7]) == [3, 4, 6]
    assert gaps([]) == []
    items = [paragraph(n) for n in range(1, 8)]
    assert [p.number for p in samples(items)] == [1, 4, 7]
    assert [p.number for p in samples(items[:2])] == [1, 2]
    assert shorten("word " * 100, 20) == "word word word word …"
    assert shorten("a\n  b") == "a b"  # one line, spaces folded


def test_an_empty_import_says_so() -> None:
    assert summary_lines([]) == ["Found no numbered paragraph."]


def test_the_dry_run_prints_the_summary_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_text(tmp_path / "doc.txt", ENGLISH)
    (tmp_path / "docs").mkdir()
    assert main(["doc.txt", "--symbol", SYMBOL, "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Numbering: no gaps, from 1 to 8." in out
    assert any(line.startswith("Found 8 paragraphs (1-8), 5 sub-items,") for line in out)
    assert out.index("Sample paragraphs (compare them with the document):") < out.index(
        "Dry run: nothing written."
    )
    assert list((tmp_path / "docs").iterdir()) == []
