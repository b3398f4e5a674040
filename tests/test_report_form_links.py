"""The report forms as the published site offers them: every body page links to its own form in
its language (the spreadsheet and the printable PDF), the reporting page to every body's forms in
both languages, each link leads to the file the build wrote, and the offline copy has them all."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_offline_copy import download_links

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.offline.zip_file import FOLDER
from thuynguyen_kb.progress import form_layout, records


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_every_body_page_links_to_its_form_in_its_language(built_site: Path, kb, lang) -> None:
    for body in kb.of_type("body"):
        linked = download_links(built_site, body.page, lang)
        xlsx = downloads.report_form(body.id, lang)
        pdf = downloads.report_form(body.id, lang, printable=True)
        assert {xlsx, pdf} <= set(linked), f"{body.page} ({lang}) links to {sorted(linked)}"
        sheet = load_workbook(built_site / xlsx)[form_layout.sheet_names(kb.strings, lang)[1]]
        assert sheet[form_layout.FIXED["body"]].value == body.id
        keys = [row.key for row in records.form_rows(kb, body)]
        given = [
            sheet[form_layout.cell("item", form_layout.FIRST_ROW + n)].value
            for n in range(len(keys))
        ]
        assert given == keys


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_reporting_page_links_to_every_body_s_forms(built_site: Path, kb, lang) -> None:
    linked = set(download_links(built_site, layout.REPORTING_PAGE, lang))
    for body in kb.of_type("body"):
        for each in layout.LANGUAGES:
            assert downloads.report_form(body.id, each) in linked
            assert downloads.report_form(body.id, each, printable=True) in linked


def test_the_offline_copy_has_every_form(offline_zip: Path, kb) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
    for body in kb.of_type("body"):
        for lang in layout.LANGUAGES:
            for printable in (False, True):
                assert f"{FOLDER}/{downloads.report_form(body.id, lang, printable)}" in names
