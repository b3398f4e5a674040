"""Every progress report as one table: a CSV file and an XLSX workbook per language.

One row per reporting unit and reported row, in the knowledge base's order (period, body, unit)
and the report's order; texts as reported (in the report's language, which a column gives), the
row's text and plan item in the export's language. The CSV is written through
:mod:`thuynguyen_kb.csv_files` (every cell quoted, formulas neutralised) with a byte-order mark so
that Excel reads it as UTF-8; in the workbook every text cell is a string, never a formula, and
the amounts are numbers.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from thuynguyen_kb.csv_files import csv_text
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.office_files import save_reproducibly, save_workbook
from thuynguyen_kb.progress import records
from thuynguyen_kb.render.links import item_label

COLUMNS = (
    "period", "body_id", "body", "unit", "row_key", "item", "row", "status_id", "status", "done",
    "evidence", "budget_planned", "budget_spent", "difficulties", "proposals", "language",
)  # fmt: skip
AMOUNT_COLUMNS = {COLUMNS.index("budget_planned"), COLUMNS.index("budget_spent")}
Cell = str | int | float | None


def _number(value: float | None) -> int | float | None:
    """An amount as written in a table: ``1500000`` rather than ``1500000.0``."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def progress_rows(kb: KnowledgeBase, lang: str) -> list[list[Cell]]:
    """The header (in ``lang``), then one row per unit and reported row, every period."""
    text = kb.strings[lang]["progress"]
    words = kb.strings[lang]["progress_status"]
    rows: list[list[Cell]] = [[text[column] for column in COLUMNS]]
    forms: dict[str, dict[str, records.Row]] = {}
    for report in kb.progress:
        body = kb.records[report.body]
        if body.id not in forms:
            forms[body.id] = {row.key: row for row in records.form_rows(kb, body)}
        for item in report.items:
            row = forms[body.id].get(item.item)
            rows.append(
                [
                    report.period,
                    body.id,
                    body.title(lang),
                    report.unit,
                    item.item,
                    item_label(row.ref) if row else "",
                    row.texts[lang] if row else "",
                    item.status,
                    words[item.status],
                    item.done,
                    item.evidence,
                    _number(item.budget_planned),
                    _number(item.budget_spent),
                    item.difficulties,
                    item.proposals,
                    report.language,
                ]
            )
    return rows


def write_csv(rows: list[list[Cell]], path: Path) -> None:
    """The rows as a CSV file (UTF-8 with a byte-order mark), written atomically."""
    cells = [["" if cell is None else cell for cell in row] for row in rows]
    write_atomically(path, "\ufeff" + csv_text(cells))


def write_xlsx(rows: list[list[Cell]], path: Path, title: str, when: datetime.datetime) -> None:
    """The rows as a workbook of one sheet, dated ``when`` (its created and modified
    properties and its zip entries), written atomically."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit for a sheet's name
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # a text, even one starting with "=": never a formula
            else:
                cell.value = value
                cell.number_format = "#,##0.##"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    stamp = when.astimezone(datetime.UTC).replace(tzinfo=None) if when.tzinfo else when
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = None
    workbook.properties.title = title
    save_reproducibly(lambda stream: save_workbook(workbook, stream), path, when)
