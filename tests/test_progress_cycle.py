"""The whole reporting cycle on a copy of the site: a generated form is filled in (fictitious test
data), imported with scripts/import_progress.py, and the built site shows what it reported on the
task page, the body page, the grid, the chart's table and file, the CSV and the compiled summary.
A second import of the same form changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from helpers import REPO, copy_project, load_knowledge_base, record_page, run_mkdocs_build
from lxml import etree, html
from openpyxl import load_workbook

from thuynguyen_kb import downloads
from thuynguyen_kb.progress import form
from thuynguyen_kb.progress import form_layout as fl
from thuynguyen_kb.progress.schema import data_path

BODY = "ubnd-xa-phuong"
TASK = "tap-huan-phoi-hop"
UNIT = "Xã thử nghiệm (hư cấu, dữ liệu thử)"
DONE_TEXT = "Dữ liệu thử, hư cấu: hai lớp tập huấn"
WHEN = datetime.datetime(2026, 12, 1)


def _fill(kb, path: Path) -> None:
    """Fill the form at ``path``: the unit, the period, and three rows with three statuses."""
    book = load_workbook(path)
    sheet = book[fl.sheet_names(kb.strings, "vi")[1]]
    sheet[fl.FIXED["unit"]] = UNIT
    sheet[fl.FIXED["period"]] = "2025"
    words = kb.strings["vi"]["progress_status"]
    keys = [row.key for row in form.records.form_rows(kb, kb.records[BODY])]
    answers = {TASK: ("done", DONE_TEXT, 2_000_000), "dich-vu-tre-em": ("in-progress", None, None)}
    answers["reports.1"] = ("not-started", None, None)
    for offset, key in enumerate(keys):
        if key not in answers:
            continue
        row = fl.FIRST_ROW + offset
        status, done, spent = answers[key]
        sheet[fl.cell("status", row)] = words[status]
        if done:
            sheet[fl.cell("done", row)] = done
            sheet[fl.cell("evidence", row)] = "https://example.org/bang-chung-thu"
        if spent:
            sheet[fl.cell("budget_spent", row)] = spent
    book.save(path)


def _import(project: Path, form_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "scripts/import_progress.py", str(form_path)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A copy of the site with one filled form imported, built; and what the imports printed."""
    root = tmp_path_factory.mktemp("cycle")
    project = copy_project(root / "project")
    kb, problems = load_knowledge_base(project)
    assert problems == []
    form_path = root / "ubnd-xa-phuong-vi.xlsx"
    form.write_form(kb, kb.records[BODY], "vi", form_path, WHEN)
    _fill(kb, form_path)
    first = _import(project, form_path)
    data = project / "docs" / data_path("2025", BODY, UNIT)
    written = (data.read_bytes(), data.stat().st_mtime_ns)
    folder = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    second = _import(project, form_path)
    site = root / "site"
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr
    return {
        "project": project, "site": site, "data": data, "first": first, "second": second,
        "written": written, "folder": folder,
    }  # fmt: skip


def test_the_import_writes_the_unit_s_data_file(cycle) -> None:
    first = cycle["first"]
    assert first.returncode == 0, first.stdout + first.stderr
    relative = f"docs/{data_path('2025', BODY, UNIT)}"
    assert first.stdout.endswith(f"wrote {relative}\n")


def test_a_second_import_of_the_same_form_changes_nothing(cycle) -> None:
    second, data, project = cycle["second"], cycle["data"], cycle["project"]
    assert second.returncode == 0 and second.stdout.endswith(
        ": unchanged (the data file already holds this report)\n"
    )
    assert (data.read_bytes(), data.stat().st_mtime_ns) == cycle["written"]
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == cycle["folder"]


def _section(page: html.HtmlElement) -> str:
    """The text after the heading of the 2025 progress section (the end of the page)."""
    following = page.get_element_by_id("tien-do-2025").xpath("following-sibling::*")
    return " ".join(" ".join(element.text_content().split()) for element in following)


def test_the_task_page_shows_the_unit_s_status(cycle) -> None:
    for lang, word in (("vi", "Đã hoàn thành"), ("en", "Done")):
        text = _section(record_page(cycle["site"], lang, f"nhiem-vu/{TASK}"))
        assert UNIT in text and word in text and DONE_TEXT in text
        assert "Chưa nhận được báo cáo" not in text and "No report has been received" not in text


def test_the_body_page_shows_every_reported_row(cycle) -> None:
    for lang, words in (
        ("vi", ("Đã hoàn thành", "Đang thực hiện", "Chưa bắt đầu")),
        ("en", ("Done", "In progress", "Not started")),
    ):
        text = _section(record_page(cycle["site"], lang, f"co-quan/{BODY}"))
        assert UNIT in text and all(word in text for word in words)
        assert ("2.000.000" if lang == "vi" else "2,000,000") in text


def test_the_grid_the_counts_and_the_chart_agree(cycle) -> None:
    site = cycle["site"]
    page = html.parse(str(site / "tien-do" / "index.html")).getroot()
    rows = [
        [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
        for row in page.xpath("//article//table//tr")
    ]
    counts = {row[0]: row[1] for row in rows if len(row) == 3}
    assert counts["Đã hoàn thành"] == counts["Đang thực hiện"] == counts["Chưa bắt đầu"] == "1"
    assert counts["Không áp dụng"] == "0"
    grid = next(row for row in rows if UNIT in row)
    assert "Đã hoàn thành" in grid and "Đang thực hiện" in grid
    [image] = page.xpath("//article//img")
    alt = image.get("alt")
    assert alt and "1" in alt and "Đã hoàn thành" in alt
    svg = etree.parse(str(site / downloads.progress_chart("2025", "vi"))).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.get("role") == "img" and svg.find("s:title", ns).text
    assert "Đã hoàn thành" in svg.find("s:desc", ns).text


def test_the_csv_and_the_summary_hold_the_report(cycle) -> None:
    site = cycle["site"]
    with (site / downloads.progress_export("vi", "csv")).open(encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    reported = [row for row in rows[1:] if UNIT in row]
    assert len(reported) == 3  # the three rows with a status, and no other
    assert any(TASK in row and "Đã hoàn thành" in row and DONE_TEXT in row for row in reported)
    summary = site / downloads.progress_summary("2025", "vi")
    document = docx.Document(io.BytesIO(summary.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert UNIT in text and "Đã hoàn thành" in text and DONE_TEXT in text
