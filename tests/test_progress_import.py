"""The import of filled report forms: what it writes, and each problem it refuses, exactly."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, copy_project, load_knowledge_base
from openpyxl import load_workbook

from thuynguyen_kb.progress import form, importer, records
from thuynguyen_kb.progress import form_layout as fl

WHEN = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
UNIT = "Đơn vị thử nghiệm (hư cấu)"
FICTION = "Dữ liệu thử, hư cấu"
SHEET = "Báo cáo"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("import") / "project", history=False)


@pytest.fixture(scope="module")
def kb(project: Path):
    return load_knowledge_base(project)[0]


def filled(kb, folder: Path, body: str = "ubnd-xa-phuong", lang: str = "vi", **cells) -> Path:
    """A generated form filled with fictitious data; ``cells`` (``D12="x"``) override."""
    path = folder / f"{body}-{lang}.xlsx"
    form.write_form(kb, kb.records[body], lang, path, WHEN)
    book = load_workbook(path)
    sheet = book[fl.sheet_names(kb.strings, lang)[1]]
    if kb.records[body].fields.group:
        sheet[fl.FIXED["unit"]] = UNIT
    sheet[fl.FIXED["period"]] = "2025"
    row = fl.FIRST_ROW
    sheet[fl.cell("status", row)] = kb.strings[lang]["progress_status"]["in-progress"]
    sheet[fl.cell("done", row)] = f"  {FICTION}\ndòng thứ hai  "
    sheet[fl.cell("budget_planned", row)] = 1500000
    sheet[fl.cell("budget_spent", row)] = 250000.5
    sheet[fl.cell("status", row + 1)] = "done"  # a status id is accepted too
    for address, value in cells.items():
        sheet[address] = value
    book.save(path)
    return path


def test_import_writes_the_report_once(project: Path, kb, tmp_path: Path) -> None:
    docs = project / "docs"
    other = docs / "_data/progress/2025/toa-an/toa-an.yml"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("# another body's file, left alone\n", encoding="utf-8")
    before = other.stat().st_mtime_ns
    path = filled(kb, tmp_path)
    written = importer.import_form(path, docs, kb)
    assert written == docs / "_data/progress/2025/ubnd-xa-phuong/don-vi-thu-nghiem-hu-cau.yml"
    rows = [row.key for row in records.form_rows(kb, kb.records["ubnd-xa-phuong"])]
    assert written.read_text(encoding="utf-8") == (
        importer.HEADER + "form_version: 1\nperiod: '2025'\nbody: ubnd-xa-phuong\n"
        f"unit: {UNIT}\nlanguage: vi\nitems:\n- item: {rows[0]}\n  status: in-progress\n"
        f"  done: |-\n    {FICTION}\n    dòng thứ hai\n  budget_planned: 1500000\n"
        f"  budget_spent: 250000.5\n- item: {rows[1]}\n  status: done\n"
    )
    content, mtime = written.read_bytes(), written.stat().st_mtime_ns
    assert importer.import_form(path, docs, kb) is None
    assert written.read_bytes() == content and written.stat().st_mtime_ns == mtime
    assert other.stat().st_mtime_ns == before
    written.unlink()
    other.unlink()


def test_an_english_form_of_a_single_body(project: Path, kb, tmp_path: Path) -> None:
    path = filled(kb, tmp_path, body="toa-an", lang="en", D11="Not started")
    report = importer.read_form(path, kb)
    # A single body is its own unit, whatever its form's language: one data file per period.
    assert report.unit == kb.records["toa-an"].title("vi") and report.language == "en"
    assert report.items[0].status == "not-started"
    (tmp_path / "vi").mkdir()
    vietnamese = importer.read_form(filled(kb, tmp_path / "vi", body="toa-an", lang="vi"), kb)
    assert report.unit_id == vietnamese.unit_id == "toa-an-nhan-dan-thanh-pho"


def problems(kb, path: Path) -> list[str]:
    with pytest.raises(importer.FormError) as caught:
        importer.read_form(path, kb)
    return caught.value.problems


STATUS_WORDS = "Chưa bắt đầu; Đang thực hiện; Đã hoàn thành; Không áp dụng"
CASES = {
    "status": (
        {"D12": "Xong"}, ["D12: found status 'Xong', expected one of: " + STATUS_WORDS],
    ),
    "no-status": (
        {"D12": None, "E12": FICTION},
        ["D12: found a row with content but no status, expected one of: " + STATUS_WORDS],
    ),
    "no-status-at-all": (
        {"D11": None, "E11": None, "G11": None, "H11": None, "D12": None},
        ["D11: found no status on any row, expected a status on each row reported on"
         f" ({STATUS_WORDS})"],
    ),
    "text-amount": (
        {"G11": "15.000.000"},
        ["G11: found '15.000.000', expected a number of đồng, 0 or more"],
    ),
    "negative-amount": (
        {"H11": -5}, ["H11: found -5, a negative amount, expected a number of đồng, 0 or more"],
    ),
    "formula": ({"G11": "=2*3"}, ["G11: found a formula ('=2*3'), expected a value"]),
    "period-format": (
        {"C6": "năm 2025"},
        ["C6: found period 'năm 2025', expected a year such as 2025, a half-year such as 2025-H1"
         " or a quarter such as 2025-Q3"],
    ),
    "period-unknown": (
        {"C6": "2026-Q1"},
        ["C6: found period '2026-Q1', which is not a reporting period of"
         " docs/_data/reporting.yml, expected one of: 2025"],
    ),
    "no-unit": (
        {"C5": None},
        ["C5: found no reporting unit, expected the name of the office, organisation or commune"
         " that reports (the form of 'ubnd-xa-phuong' serves several bodies)"],
    ),
    "unit-without-letters": (
        {"C5": "— ? —"},
        ["C5: found reporting unit '— ? —', expected a name with letters or digits (the name of"
         " the office, organisation or commune that reports)"],
    ),
    "older-version": (
        {"C7": 0},
        ["C7: found form version 0, expected 1 (this is an older form: download the current"
         " form from the body's page and copy the answers into it)"],
    ),
    "no-version": (
        {"C7": None},
        ["C7: found form version none, expected 1 (this is an older form: download the current"
         " form from the body's page and copy the answers into it)"],
    ),
    "unknown-row": (
        {"A12": "khong-co-nhiem-vu-nay"},
        ["A12: found row id 'khong-co-nhiem-vu-nay', expected a row of the form of"
         " 'ubnd-xa-phuong' (do not change column A; download the current form from the body's"
         " page)"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_refused_with_its_cell(kb, tmp_path: Path, case: str) -> None:
    cells, expected = CASES[case]
    path = filled(kb, tmp_path, **cells)
    assert problems(kb, path) == [f"{path}:{SHEET}!{line}" for line in expected]


def test_an_unknown_body(kb, tmp_path: Path) -> None:
    path = filled(kb, tmp_path, C3="khong-co-co-quan")
    known = ", ".join(body.id for body in kb.of_type("body"))
    assert problems(kb, path) == [
        f"{path}:{SHEET}!C3: found body id 'khong-co-co-quan', expected the id of a body of the"
        f" site ({known}; download the body's form from its page)"
    ]


def test_not_a_workbook_and_no_report_sheet(kb, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    (found,) = problems(kb, broken)
    assert found.startswith(f"{broken}: cannot be read as an XLSX workbook (")
    assert found.endswith("expected a report form downloaded from the site (saved as .xlsx)")
    path = filled(kb, tmp_path)
    book = load_workbook(path)
    book[SHEET].title = "Trang tính 2"
    book.save(path)
    assert problems(kb, path) == [
        f"{path}: found the sheets 'Hướng dẫn', 'Trang tính 2', expected a sheet named 'Báo cáo'"
        " or 'Report' (download the body's form from its page)"
    ]


def run_cli(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "scripts/import_progress.py", *arguments], cwd=project, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_command(project: Path, kb, tmp_path: Path) -> None:
    good = filled(kb, tmp_path, body="phong-ban-nganh")
    done = run_cli(project, str(good))
    written = "docs/_data/progress/2025/phong-ban-nganh/don-vi-thu-nghiem-hu-cau.yml"
    assert (done.returncode, done.stdout) == (0, f"{good}: wrote {written}\n")
    again = run_cli(project, str(good))
    assert (again.returncode, again.stdout) == (
        0, f"{good}: unchanged (the data file already holds this report)\n",
    )  # fmt: skip
    bad = tmp_path / "bad"
    bad.mkdir()
    wrong = filled(kb, bad, body="phong-ban-nganh", D11="Xong")
    refused = run_cli(project, str(wrong))
    assert refused.returncode == 1
    assert refused.stdout == (
        f"{wrong}:{SHEET}!D11: found status 'Xong', expected one of: {STATUS_WORDS}\n"
    )
    (project / written).unlink()


def test_the_command_imports_nothing_into_sources_that_break_a_rule(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", history=False)
    kb, _ = load_knowledge_base(project)
    good = filled(kb, tmp_path, body="phong-ban-nganh")
    roles = project / "docs" / "_data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("ref: iv-2", "ref: iv-9", 1))
    refused = run_cli(project, str(good))
    assert refused.returncode == 2
    assert "REF-UNKNOWN" in refused.stdout and "nothing imported" in refused.stdout
    assert not (project / "docs" / "_data" / "progress").exists()
