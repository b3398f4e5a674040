"""Each body's report form: an XLSX workbook in one language, pre-filled from the sources.

The plan sets no reporting form, period or due date (bodies report "theo quy định", plan IV.2):
the form is the site's suggestion, following the suggested outline of ``docs/bao-cao.md``, and
its read-me sheet says so. The layout (:mod:`.form_layout`, shared with the import):

- **Read-me sheet** (``Hướng dẫn`` / ``Read me``): what the form is, that it is a suggestion, how
  to fill it in (the status words, amounts in đồng, evidence, the grey cells), where to send it
  (the city People's Committee through the Health Office, IV.2) and the form's version. A body
  without the ``reports`` role (roles.yml) is told that the plan does not ask it to report
  through the Health Office, and that the form is offered to record its part; the Health
  Office (``compiles-reports``), that it compiles the others' reports.
- **Report sheet** (``Báo cáo`` / ``Report``): the title on row 1; the fixed cells C3–C8 (body
  id, body name, reporting unit, period, form version, language; a single body's unit is its
  name, given like the id; a body page standing for several bodies leaves it to be filled); the
  headers on row 10; from row 11 one row per :func:`thuynguyen_kb.progress.records.form_rows`
  row: its key, plan item and text (grey, given), then status, what was done, evidence, budget
  planned and spent (đồng), difficulties, proposals (the body's to fill).
- **Validation**: the status column takes the form's language's status words (strings group
  ``progress_status``), the period cell the periods of ``docs/_data/reporting.yml``, the budget
  columns a decimal ≥ 0. A text from the sources is always written as text, never a formula.
- **Reproducible**: the workbook's dates and every zip entry carry ``when`` (the caller's
  sources' time, never now), so one commit gives the same bytes (:mod:`thuynguyen_kb.office_files`).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thuynguyen_kb import office_files
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.progress import form_layout as fl
from thuynguyen_kb.progress import records
from thuynguyen_kb.progress.schema import FORM_VERSION, STATUSES
from thuynguyen_kb.render.links import item_label

REPORTS_ROLE = "reports"  # roles.yml: the bodies the plan asks to report through the Health Office
COMPILES_ROLE = "compiles-reports"  # roles.yml: the Health Office, which compiles the reports
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor=fl.GREY)
HEADER = PatternFill("solid", fgColor=fl.HEADER_FILL)


def status_words(kb: KnowledgeBase, lang: str) -> list[str]:
    """The status words of ``lang``, in the order of :data:`STATUSES`."""
    return [kb.strings[lang]["progress_status"][status] for status in STATUSES]


def asked_to_report(body: Record) -> bool:
    """True if the plan asks the body to report through the Health Office (role ``reports``)."""
    return REPORTS_ROLE in body.fields.roles


def not_asked(kb: KnowledgeBase, body: Record, lang: str) -> str:
    """Why a body that the plan does not ask to report has a form: the Health Office compiles
    the others' reports (IV.2); any other such body may record its part."""
    text = kb.strings[lang]["report_form"]
    return text["compiler"] if COMPILES_ROLE in body.fields.roles else text["not_asked"]


def instructions(kb: KnowledgeBase, body: Record, lang: str) -> list[str]:
    """The read-me's paragraphs, shared by the workbook and its printable version."""
    text = kb.strings[lang]["report_form"]
    lines = [text["what"], text["suggestion"]]
    if not asked_to_report(body):
        lines.append(not_asked(kb, body, lang))
    lines += [
        text["how_title"],
        text["how_unit_group"] if records.is_group(body) else text["how_unit"],
        text["how_period"] + " " + period_help(kb, lang),
        text["how_rows"],
        text["how_status"] + " " + "; ".join(status_words(kb, lang)) + ".",
        text["how_amounts"],
        text["how_evidence"],
        text["how_grey"],
        text["how_send"],
        text["after_july"],
        f"{text['version']}: {FORM_VERSION}.",
    ]
    return lines


def period_help(kb: KnowledgeBase, lang: str) -> str:
    """The periods and their labels: ``2025 = Năm 2025``."""
    return "; ".join(f"{period} = {entry.label[lang]}" for period, entry in kb.periods.items())


def fixed_values(kb: KnowledgeBase, body: Record, lang: str) -> dict[str, Any]:
    """The fixed cells' values as the site fills them in (the period is the body's to choose)."""
    return {
        "body": body.id,
        "body_name": body.title(lang),
        "unit": None if records.is_group(body) else body.title(lang),
        "period": None,
        "form_version": FORM_VERSION,
        "language": lang,
    }


def set_text(cell: Cell, value: Any) -> Cell:
    """Put ``value`` in ``cell``; a string stays a string even if it starts with ``=``."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    return cell


def workbook(kb: KnowledgeBase, body: Record, lang: str, when: datetime.datetime) -> Workbook:
    """The body's form in ``lang``, its properties dated ``when``."""
    book = Workbook()
    readme_name, report_name = fl.sheet_names(kb.strings, lang)
    readme = book.active
    assert readme is not None
    readme.title = readme_name
    _readme(readme, kb, body, lang)
    _report(book.create_sheet(report_name), kb, body, lang)
    book.active = 1
    stamp = when.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = None
    book.properties.title = f"{kb.strings[lang]['report_form']['title']}: {body.title(lang)}"
    book.properties.language = lang
    return book


def write_form(
    kb: KnowledgeBase, body: Record, lang: str, path: Path, when: datetime.datetime
) -> None:
    """Write the body's form in ``lang`` to ``path`` (atomically); one ``when``, one content."""
    book = workbook(kb, body, lang, when)
    path.parent.mkdir(parents=True, exist_ok=True)
    office_files.save_reproducibly(lambda out: office_files.save_workbook(book, out), path, when)


def _readme(sheet: Worksheet, kb: KnowledgeBase, body: Record, lang: str) -> None:
    text = kb.strings[lang]["report_form"]
    sheet.column_dimensions["A"].width = 110
    set_text(sheet["A1"], f"{text['title']}: {body.title(lang)}").font = Font(bold=True, size=13)
    sheet["A1"].alignment = WRAP
    for number, line in enumerate(instructions(kb, body, lang), start=3):
        target = set_text(sheet.cell(row=number, column=1), line)
        target.alignment = WRAP
        if line == text["how_title"]:
            target.font = Font(bold=True)
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _report(sheet: Worksheet, kb: KnowledgeBase, body: Record, lang: str) -> None:
    text = kb.strings[lang]["report_form"]
    last = fl.LETTERS[fl.COLUMNS[-1]]
    set_text(sheet["A1"], f"{text['title']}: {body.title(lang)}").font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].alignment = WRAP
    sheet.row_dimensions[1].height = 36
    values = fixed_values(kb, body, lang)
    for name, address in fl.FIXED.items():
        row = int(address[1:])
        label = set_text(sheet.cell(row=row, column=1), text[fl.FIXED_LABELS[name]])
        label.font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        value = set_text(sheet[address], values[name])
        value.border, value.alignment = BOX, WRAP
        if name != "period" and not (name == "unit" and records.is_group(body)):
            value.fill = GREY  # given by the site (a single body's unit is the body itself)
    unit_row, period_row = int(fl.FIXED["unit"][1:]), int(fl.FIXED["period"][1:])
    if records.is_group(body):
        set_text(sheet[f"{fl.HELP_COLUMN}{unit_row}"], text["field_unit_group"]).alignment = WRAP
    help_cell = sheet[f"{fl.HELP_COLUMN}{period_row}"]
    set_text(help_cell, f"{text['periods_known']} {period_help(kb, lang)}").alignment = WRAP
    for help_row in (unit_row, period_row):
        sheet.merge_cells(f"{fl.HELP_COLUMN}{help_row}:{fl.LETTERS['evidence']}{help_row}")

    for column in fl.COLUMNS:
        header = set_text(sheet[fl.cell(column, fl.HEADER_ROW)], text[f"col_{column}"])
        header.font, header.fill, header.border = Font(bold=True), HEADER, BOX
        header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[fl.LETTERS[column]].width = fl.WIDTHS[column]
    sheet.row_dimensions[fl.HEADER_ROW].height = 32
    rows = records.form_rows(kb, body)
    for offset, row in enumerate(rows):
        number = fl.FIRST_ROW + offset
        given = {"item": row.key, "ref": item_label(row.ref), "row": row.texts[lang]}
        for column in fl.COLUMNS:
            target = sheet[fl.cell(column, number)]
            if column in given:
                set_text(target, given[column])
                target.fill = GREY
            elif column in fl.AMOUNTS:
                target.number_format = "#,##0"
            target.border, target.alignment = BOX, WRAP

    _validations(sheet, kb, lang, len(rows))
    sheet.freeze_panes = fl.cell("status", fl.FIRST_ROW)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{fl.HEADER_ROW}:{fl.HEADER_ROW}"
    sheet.print_options.gridLines = False


def _validations(sheet: Worksheet, kb: KnowledgeBase, lang: str, count: int) -> None:
    text = kb.strings[lang]["report_form"]
    last = fl.FIRST_ROW + max(count, 1) - 1
    # A list validation's items are given inline, comma-separated; none of the words has a comma.
    status = DataValidation(
        type="list", formula1='"' + ",".join(status_words(kb, lang)) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=text["col_status"],
        error=text["how_status"] + " " + "; ".join(status_words(kb, lang)),
    )  # fmt: skip
    status.add(f"{fl.cell('status', fl.FIRST_ROW)}:{fl.cell('status', last)}")
    period = DataValidation(
        type="list", formula1='"' + ",".join(kb.periods) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=text["field_period"], error=period_help(kb, lang),
    )  # fmt: skip
    period.add(fl.FIXED["period"])
    amount = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorTitle=text["col_budget_planned"], error=text["how_amounts"],
    )  # fmt: skip
    for column in fl.AMOUNTS:
        amount.add(f"{fl.cell(column, fl.FIRST_ROW)}:{fl.cell(column, last)}")
    for validation in (status, period, amount):
        sheet.add_data_validation(validation)
