"""The printable version of a body's report form (PDF), for bodies that report on paper.

The same form as the workbook (:mod:`.form`): the fixed fields with lines to write on (the
period's choices and the unit's hint beside them), a table with the same rows and columns, the
status words as boxes to tick, then the read-me's instructions. Rendered by WeasyPrint through
:func:`thuynguyen_kb.packs.pdf.render` (nothing fetched; the file's identifier made from its
content and its dates from ``when``, so the same sources give the same bytes). Every value from
the sources is escaped.
"""

from __future__ import annotations

import datetime
from html import escape
from importlib import resources
from pathlib import Path

from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.packs import pdf
from thuynguyen_kb.progress import form, records
from thuynguyen_kb.progress import form_layout as fl
from thuynguyen_kb.render.links import item_label

STYLESHEET = resources.files(__package__).joinpath("printable.css")
BOX = "☐"  # a box to tick (DejaVu Sans has it)


def document(kb: KnowledgeBase, body: Record, lang: str, when: datetime.datetime) -> str:
    """The HTML of the printable form."""
    text = kb.strings[lang]["report_form"]
    values = form.fixed_values(kb, body, lang)
    title = f"{text['title']}: {body.title(lang)}"
    fields = []
    for name in fl.FIXED:
        value = values[name]
        hint = ""
        if name == "unit" and records.is_group(body):
            hint = text["field_unit_group"]
        elif name == "period":
            hint = f"{text['periods_known']} {form.period_help(kb, lang)}"
        hint_html = f'<span class="hint">{escape(hint)}</span>' if hint else ""
        shown = escape(str(value)) if value is not None else ""
        fields.append(
            f"<tr><th>{escape(text[fl.FIXED_LABELS[name]])}{hint_html}</th><td>{shown}</td></tr>"
        )
    statuses = "".join(f"<span>{BOX} {escape(word)}</span>" for word in form.status_words(kb, lang))
    editable = [c for c in fl.COLUMNS if c not in fl.GIVEN and c != "status"]
    head = (
        f'<th class="task">{escape(text["col_row"])}</th>'
        f'<th class="status">{escape(text["col_status"])}</th>'
        + "".join(
            f'<th class="{column}">{escape(text[f"col_{column}"])}</th>' for column in editable
        )
    )
    rows = []
    for row in records.form_rows(kb, body):
        label = f"{escape(row.key)} · {escape(item_label(row.ref))}"
        rows.append(
            f'<tr><td class="task"><span class="key">{label}</span>{escape(row.texts[lang])}</td>'
            f'<td class="status">{statuses}</td>' + "<td></td>" * len(editable) + "</tr>"
        )
    paragraphs = []
    for line in form.instructions(kb, body, lang):
        tag = "h2" if line == text["how_title"] else "p"
        paragraphs.append(f"<{tag}>{escape(line)}</{tag}>")
    day = when.date().isoformat()
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="dcterms.created" content="{day}">'
        f'<meta name="dcterms.modified" content="{day}">'
        f"</head><body><h1>{escape(title)}</h1><p>{escape(text['print_lead'])}</p>"
        f'<table class="fields">{"".join(fields)}</table>'
        f'<table class="rows"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<section class="instructions">{"".join(paragraphs)}</section></body></html>'
    )


def write_printable(
    kb: KnowledgeBase,
    body: Record,
    lang: str,
    path: Path,
    when: datetime.datetime,
    cache: Path | None = None,
) -> bool:
    """Write the printable form of ``body`` in ``lang`` to ``path`` (atomically); with a
    ``cache`` folder (the packs' one), a form whose HTML was rendered before is copied from it
    rather than rendered again. True if it came from the cache."""
    css = STYLESHEET.read_text(encoding="utf-8")
    return pdf.write(document(kb, body, lang, when), css, path, cache)
