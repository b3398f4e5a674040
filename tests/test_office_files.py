"""Office documents (XLSX, DOCX) saved twice from the same content are the same bytes."""

from __future__ import annotations

import datetime
import io
import time
import zipfile

import docx
import openpyxl
from openpyxl import Workbook

from thuynguyen_kb.office_files import reproducible_bytes, save_workbook

DAY = datetime.datetime(2025, 1, 3)


def _workbook() -> Workbook:
    workbook = Workbook()
    workbook.active["A1"] = "Phòng Y tế"
    workbook.properties.created = workbook.properties.modified = DAY
    return workbook


def test_a_workbook_saved_twice_is_the_same_bytes_and_still_opens() -> None:
    first = reproducible_bytes(lambda out: save_workbook(_workbook(), out), DAY)
    time.sleep(1.1)  # a zip entry's time has a resolution of two seconds; the property of one
    second = reproducible_bytes(lambda out: save_workbook(_workbook(), out), DAY)
    assert first == second
    assert openpyxl.load_workbook(io.BytesIO(first)).active["A1"].value == "Phòng Y tế"
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {entry.date_time for entry in entries} == {(2025, 1, 3, 0, 0, 0)}


def test_the_library_alone_dates_the_file_with_the_time_of_saving() -> None:
    """What save_workbook is for: openpyxl's own save writes "modified" as now."""
    saved = io.BytesIO()
    _workbook().save(saved)
    core = zipfile.ZipFile(saved).read("docProps/core.xml").decode()
    assert "2025-01-03T00:00:00Z</dcterms:modified>" not in core
    ours = reproducible_bytes(lambda out: save_workbook(_workbook(), out), DAY)
    core = zipfile.ZipFile(io.BytesIO(ours)).read("docProps/core.xml").decode()
    assert "2025-01-03T00:00:00Z</dcterms:modified>" in core


def test_a_word_document_saved_twice_is_the_same_bytes() -> None:
    def save(out: io.BytesIO) -> None:
        document = docx.Document()
        document.add_paragraph("Tổng hợp")
        document.core_properties.created = document.core_properties.modified = DAY
        document.save(out)

    first = reproducible_bytes(save, DAY)
    time.sleep(2.1)
    assert reproducible_bytes(save, DAY) == first
