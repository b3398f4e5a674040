"""Links to the report forms: a body page's box (``kb:report-form``) and the table of every
body's forms (``kb:report-forms``). The files are written by the build (hook report_forms.py):
the workbook always, the printable PDF only where the build makes PDFs (``kb.downloads``)."""

from __future__ import annotations

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.progress.form import asked_to_report, not_asked
from thuynguyen_kb.render.links import plan_link, record_link


def _links(kb: KnowledgeBase, body: Record, form_lang: str, lang: str) -> list[str]:
    """The body's form in ``form_lang`` as links labelled in ``lang`` (no PDF without packs)."""
    text = kb.strings[lang]["report_form"]
    other = "" if form_lang == lang else f'{{ hreflang="{form_lang}" }}'
    found = [
        f"[{text['xlsx']}]({downloads.link(downloads.report_form(body.id, form_lang))}){other}"
    ]
    if kb.downloads.pdf_packs:
        pdf = downloads.link(downloads.report_form(body.id, form_lang, printable=True))
        found.append(f"[{text['pdf']}]({pdf}){other}")
    return found


def render_report_form(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """A body page's box: its form in the page's language and where to send it."""
    text = kb.strings[lang]["report_form"]
    links = " · ".join(_links(kb, body, lang, lang))
    if not kb.downloads.pdf_packs:
        links += f" ({kb.strings[lang]['pdf_missing']})"
    if asked_to_report(body):
        where = f"{text['send']} ({plan_link('iv-2', page)})."
    else:
        where = not_asked(kb, body, lang)
    lines = [f'!!! info "{text["box_title"]}"', "", f"    {text['box_lead']}", ""]
    lines += [f"    {links}", "", f"    {where}"]
    return "\n".join(lines)


def render_report_forms(kb: KnowledgeBase, page: str, lang: str) -> str:
    """Every body's forms: the page's language's first, then the other language's."""
    text = kb.strings[lang]["report_form"]
    languages = [lang] + [other for other in layout.LANGUAGES if other != lang]
    header = [text["table_body"]] + [text[f"table_{each}"] for each in languages]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for body in kb.of_type("body"):
        cells = [record_link(kb, body, page, lang)]
        cells += [" · ".join(_links(kb, body, each, lang)) for each in languages]
        lines.append("| " + " | ".join(cells) + " |")
    if not kb.downloads.pdf_packs:
        lines += ["", kb.strings[lang]["pdf_missing"]]
    return "\n".join(lines)
