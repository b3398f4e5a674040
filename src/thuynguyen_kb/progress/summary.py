"""The compiled summary of a period, which the Health Office sends to the city People's Committee.

The plan has the bodies report to the city People's Committee through the Health Office, which
compiles (plan IV.1, IV.2), and sets no form for it: this document (DOCX, python-docx) is the
site's suggestion, and says so. Per period: what it compiles, the counts by status, the rows of
each body and unit (status, what was done, evidence, budgets), then the difficulties and the
proposals gathered, each with the unit and row it comes from. Everything as reported; a period
with no report says so. python-docx escapes every text it writes into the document's XML.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from docx import Document

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.office_files import save_reproducibly
from thuynguyen_kb.progress import figures, records
from thuynguyen_kb.render.links import item_label


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(value).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value


def build_summary(kb: KnowledgeBase, period: str, lang: str, when: datetime.datetime):
    """The summary of ``period`` in ``lang`` as a python-docx document (not saved)."""
    text = kb.strings[lang]["progress"]
    words = kb.strings[lang]["progress_status"]
    label = str(kb.periods[period].label[lang])
    document = Document()
    properties = document.core_properties
    stamp = when.astimezone(datetime.UTC).replace(tzinfo=None) if when.tzinfo else when
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.title = f"{text['summary_title']} – {label}"
    properties.author = properties.last_modified_by = ""
    properties.revision = 1
    properties.language = lang
    document.add_heading(f"{text['summary_title']} – {label}", level=0)
    document.add_paragraph(text["summary_to"])
    document.add_paragraph(text["summary_compiles"])
    document.add_paragraph().add_run(text["summary_note"]).italic = True
    reports = records.reports_of(kb, period)
    if not reports:
        document.add_paragraph(text["summary_no_report"])
        return document
    document.add_paragraph(f"{text['units_reported']} {figures.number(len(reports), lang)}")
    document.add_heading(text["summary_counts"], level=1)
    rows, total = figures.count_rows(kb, period, lang)
    rows.append([text["total"], figures.number(total, lang), ""])
    _table(document, [text["status"], text["rows"], text["share"]], rows)
    document.add_heading(text["summary_bodies"], level=1)
    gathered: dict[str, list[str]] = {"difficulties": [], "proposals": []}
    shown_body = None
    for report in reports:
        body = kb.records[report.body]
        if body.id != shown_body:
            document.add_heading(body.title(lang), level=2)
            shown_body = body.id
        document.add_heading(report.unit, level=3)
        form = {row.key: row for row in records.form_rows(kb, body)}
        rows = []
        for item in report.items:
            row = form.get(item.item)
            row_text = f"{row.texts[lang]} ({item_label(row.ref)})" if row else item.item
            rows.append(
                [
                    row_text,
                    words[item.status],
                    item.done or "",
                    item.evidence or "",
                    figures.amount(item.budget_planned, lang),
                    figures.amount(item.budget_spent, lang),
                ]
            )
            for name in gathered:
                value = getattr(item, name)
                if value:
                    gathered[name].append(f"{report.unit} – {row_text}: {value}")
        header = [text[key] for key in ("row", "status", "done", "evidence")]
        _table(document, [*header, text["budget_planned"], text["budget_spent"]], rows)
    for name, title in (
        ("difficulties", "summary_difficulties"),
        ("proposals", "summary_proposals"),
    ):
        document.add_heading(text[title], level=1)
        for line in gathered[name] or [text["summary_none"]]:
            document.add_paragraph(line, style="List Bullet" if gathered[name] else None)
    return document


def write_summary(
    kb: KnowledgeBase, period: str, lang: str, path: Path, when: datetime.datetime
) -> None:
    """Save the summary of ``period`` in ``lang`` at ``path``, reproducibly, dated ``when``."""
    document = build_summary(kb, period, lang, when)
    save_reproducibly(document.save, path, when)
