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
from collections import Counter
from pathlib import Path

from babel.numbers import format_decimal, format_percent
from docx import Document

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.office_files import save_reproducibly
from thuynguyen_kb.progress import records
from thuynguyen_kb.progress.schema import STATUSES
from thuynguyen_kb.render.links import item_label
from thuynguyen_kb.source_dates import BABEL_LOCALES


def _amount(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    return format_decimal(value, "#,##0.##", locale=BABEL_LOCALES[lang])


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
    locale = BABEL_LOCALES[lang]
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
    document.add_paragraph(
        f"{text['units_reported']} {format_decimal(len(reports), locale=locale)}"
    )
    counts = Counter(item.status for report in reports for item in report.items)
    total = sum(counts.values())
    document.add_heading(text["summary_counts"], level=1)
    rows = [
        [
            words[status],
            format_decimal(counts.get(status, 0), locale=locale),
            format_percent(counts.get(status, 0) / total, "#,##0.#%", locale=locale),
        ]
        for status in STATUSES
    ]
    rows.append([text["total"], format_decimal(total, locale=locale), ""])
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
                    _amount(item.budget_planned, lang),
                    _amount(item.budget_spent, lang),
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
