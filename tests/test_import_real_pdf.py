"""The importer on a real UN document: CERD/C/BRA/CO/18-20 as the UN published it, a PDF of 18
pages with footnotes, page headers and footers and a heading whose letter the text lost
(../shared/fixtures/un/, described in its README.md). The expected texts were read from the
PDF itself."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO, copy_project

from thuynguyen_kb.importer.lines import read_lines
from thuynguyen_kb.importer.parser import parse

SYMBOL = "CERD/C/BRA/CO/18-20"
PDF = REPO.parent / "shared" / "fixtures" / "un" / "CERD-C-BRA-CO-18-20.pdf"
DATA = "docs/_data/recommendations/cerd-c-bra-co-18-20.yml"
CLUSTERS = {
    "A": ("Introduction", [2]),
    "B": ("Positive aspects", [3, 4]),
    "C": ("Concerns and recommendations", list(range(5, 61))),
    "D": ("Other recommendations", list(range(61, 71))),
}
# Where each sub-heading starts, as the document prints them (35 in all).
SUBHEADINGS = {
    5: "Disaggregated demographic data collection",
    7: "Domestic implementation of the Convention",
    9: "Institutional framework",
    11: "Access to justice",
    13: "Situation of Afro-Brazilian, Indigenous and Quilombola women",
    15: "Right to health and the impact of the COVID-19 pandemic",
    18: "Disparities in access to education",
    20: "Poverty, work and income",
    24: "Discrimination and segregation in housing",
    26: "Political representation",
    28: "Special measures",
    30: "Racist hate speech and hate crimes",
    32: "Racially motivated homicides",
    34: "Excessive use of force by law enforcement and military officials",
    37: "Criminal justice",
    39: "Racial profiling",
    41: "Peaceful assembly",
    43: "Persecution of those practising Afro-Brazilian religions",
    45: "Human rights defenders",
    47: "Development, environment, business and human rights",
    49: "Indigenous and Quilombola communities",
    51: "Legal protection of Indigenous and Quilombola land",
    54: "Migrants, refugees and asylum-seekers",
    56: "Roma",
    58: "Efforts to combat racial prejudices, increase understanding and address legacies of"
    " historical injustices",
    61: "Ratification of other treaties",
    62: "Amendment to article 8 of the Convention",
    63: "Declaration under article 14 of the Convention",
    64: "Follow-up to the Durban Declaration and Programme of Action",
    65: "International Decade for People of African Descent",
    66: "Consultations with civil society",
    67: "Dissemination of information",
    68: "Follow-up to the present concluding observations",
    69: "Paragraphs of particular importance",
    70: "Preparation of the next periodic report",
}
# Words of the text where the PDF sets a footnote marker, or where a page's footnote text
# stood between two lines of the paragraph.
SNIPPETS = {
    1: "periodic reports of Brazil, submitted in one document, at its 2931st and 2932nd"
    " meetings, held on 16 and 17 November 2022.",
    21: "extreme poverty decreased by 63 per cent between 2004 and 2014 and still further"
    " between 2019 and 2020, according to",
    24: "The Committee notes the measures to address discrimination and segregation in housing"
    " in the State party but is concerned",
    51: "to complete the process of Indigenous and Quilombola land demarcation by 2007, progress"
    " has stalled",
    53: "Recalling its previous concluding observations and its general recommendation No. 23"
    " (1997)",
    70: "adopted by the Committee during its seventy-first session and addressing all the points",
}
FOOTNOTES = {1: ["1", "2"], 12: ["3"], 14: ["4"], 19: ["5"], 21: ["6"], 34: ["7"], 45: ["8"]}
FOOTNOTES |= {51: ["9"], 53: ["10"], 57: ["11"], 70: ["12"]}
# What must never be in a paragraph: page headers and footers, job numbers, footnote text,
# the first page's header block, and markers left as digits after a year or a comma.
FURNITURE = (
    SYMBOL,
    "GE.",
    "CERD/C/BRA/18-20",
    "CERD/C/64/CO/2",
    "Ibid",
    "CERD/C/2007/1",
    "A/HRC/46/35",
    "forumseguranca",
    "Reissued for technical reasons",
    "Adopted by the Committee at its 108th session",
    "Distr.: General",
    "Original: English",
)
LEFTOVER_MARKER = re.compile(r"\b(?:19|20)\d\d,?\s\d{1,2}\s+[a-z]|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\b(?:2014 6|2007,9)")


def real_pdf() -> Path:
    """The PDF; in CI, where ../shared is beside the clone, its absence is a failure."""
    if not PDF.is_file():
        message = f"{PDF} is not here (the UN documents of ../shared/fixtures/un/)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return PDF


def import_command(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The real command, run from ``project`` as a maintainer runs it."""
    script = project / "scripts" / "import_recommendations.py"
    return subprocess.run(
        [sys.executable, str(script), str(real_pdf()), "--symbol", SYMBOL, *options],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site into which the real document is imported (once for the module)."""
    real_pdf()
    return copy_project(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def dry_run(project: Path) -> tuple[list[dict[str, Any]], str]:
    """What ``--dry-run --json`` prints: the paragraphs as JSON, and the messages."""
    result = import_command(project, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.fixture(scope="module")
def imported(project: Path) -> dict[int, dict[str, Any]]:
    """The paragraphs of the data file a real import writes."""
    result = import_command(project)
    assert result.returncode == 0, result.stderr
    assert "Imported 70 paragraphs (en): data file written" in result.stdout
    data = yaml.safe_load((project / DATA).read_text(encoding="utf-8"))
    assert data["symbol"] == SYMBOL
    return {int(number): paragraph for number, paragraph in data["paragraphs"].items()}


def test_the_dry_run_reads_every_paragraph_and_sub_item(
    dry_run: tuple[list[dict[str, Any]], str], project: Path
) -> None:
    paragraphs, messages = dry_run
    assert [p["number"] for p in paragraphs] == list(range(1, 71))
    assert sum(len(p["sub_items"]) for p in paragraphs) == 102
    assert "Found 70 paragraphs (1-70), 102 sub-items, 5 clusters, 35 sub-headings" in messages
    assert "Numbering: no gaps, from 1 to 70." in messages
    # The one warning says which heading had no letter, for the maintainer to check.
    warnings = [line for line in messages.splitlines() if "warning:" in line]
    assert len(warnings) == 1
    assert (
        "heading 'Other recommendations' has no letter in the text: read as cluster D"
        in (warnings[0])
    )
    assert not (project / DATA).exists() or "Dry run: nothing written." in messages


def test_the_dry_run_shows_the_documents_headings(
    dry_run: tuple[list[dict[str, Any]], str],
) -> None:
    paths = {p["number"]: p["heading_path"] for p in dry_run[0]}
    assert paths[1] == []  # the title is no sub-heading of paragraph 1
    assert paths[2] == ["A. Introduction"]
    assert paths[60] == ["C. Concerns and recommendations", SUBHEADINGS[58]]
    assert paths[61] == ["D. Other recommendations", "Ratification of other treaties"]


def test_the_import_writes_the_clusters_and_sub_headings_of_the_document(
    imported: dict[int, dict[str, Any]],
) -> None:
    assert sorted(imported) == list(range(1, 71))
    assert sum(len(p["sub_items"]) for p in imported.values()) == 102
    assert (imported[1]["cluster"], imported[1]["subheading"]) == (None, None)
    for letter, (heading, numbers) in CLUSTERS.items():
        for number in numbers:
            assert (imported[number]["cluster"], imported[number]["cluster_heading"]) == (
                letter,
                heading,
            ), number
    subheading = None
    for number in range(5, 71):
        subheading = SUBHEADINGS.get(number, subheading)
        assert imported[number]["subheading"] == subheading, number
    assert all(p["section"] is None for p in imported.values())


def test_no_page_furniture_or_footnote_text_is_in_any_paragraph(
    imported: dict[int, dict[str, Any]],
) -> None:
    for number, paragraph in imported.items():
        text = paragraph["text"]["en"]
        assert not [found for found in FURNITURE if found in text], number
        assert not LEFTOVER_MARKER.search(text), (number, LEFTOVER_MARKER.search(text))
        assert text.startswith(f"{number}. "), number
    assert "para. 67" not in imported[24]["text"]["en"]
    assert "para. 15" not in imported[53]["text"]["en"]


def test_markers_are_recorded_and_the_text_reads_as_printed(
    imported: dict[int, dict[str, Any]],
) -> None:
    for number, snippet in SNIPPETS.items():
        assert snippet in imported[number]["text"]["en"], number
    # Paragraph 53 runs over a page break, below its footnotes and above the next page's header.
    assert (
        "affecting Indigenous and Quilombola land. The State party should also immediately halt"
        in imported[53]["text"]["en"]
    )
    assert {n: p["footnotes"] for n, p in imported.items() if p["footnotes"]} == FOOTNOTES


def test_the_layout_tells_footnotes_and_headers_from_the_text() -> None:
    lines = read_lines(real_pdf())
    by_text = {line.text: line.layout for line in lines}
    assert lines[0].text == "United Nations CERD/C/BRA/CO/18-20*"  # the first page's top
    assert by_text["1 CERD/C/BRA/18-20."] == "note"
    assert by_text["GE.22-27770(E)"] == "note"  # below the first page's footnotes
    assert [line.layout for line in lines if line.text == SYMBOL] == ["furniture"] * 17
    assert by_text["Other recommendations"] == "heading"


def test_the_symbol_is_the_documents_own_not_the_one_its_first_footnote_cites() -> None:
    lines = read_lines(real_pdf())
    with pytest.raises(Exception, match=r"symbol mismatch \(found CERD/C/BRA/CO/18-20,"):
        parse(lines, "CERD/C/BRA/18-20", "en")
