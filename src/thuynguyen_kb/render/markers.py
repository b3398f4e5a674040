"""Fill a page's ``<!-- kb:… -->`` markers: which renderer answers which marker.

:func:`fill` takes a page's Markdown as the generator hands it over (front matter removed),
the page's path and language, and the knowledge base, and returns the Markdown with every marker
replaced. The rules (:mod:`thuynguyen_kb.rules.markers`) have checked every marker before any
page is rendered; a marker that still cannot be rendered raises :class:`MarkerError`.
"""

from __future__ import annotations

from collections.abc import Callable

from thuynguyen_kb import glossary, markers
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render import (
    changes,
    contact,
    downloads,
    forms,
    matrix,
    plan_records,
    progress,
    recommendations,
    training,
)

Options = dict[str, str]
# Markers that render the page's own record.
RECORD_RENDERERS: dict[str, Callable[[KnowledgeBase, Record, str, str], str]] = {
    "task-bodies": plan_records.render_task_bodies,
    "recommendations": recommendations.render_recommendations,
    "body-tasks": plan_records.render_body_tasks,
    "checklist": plan_records.render_checklist,
    "reporting": plan_records.render_reporting,
    "training": training.render_training,
    "rec-facts": recommendations.render_rec_facts,
    "rec-text": recommendations.render_rec_text,
    "rec-links": recommendations.render_rec_links,
    "module-downloads": downloads.render_module_downloads,
    "report-form": forms.render_report_form,
    "progress": progress.render_progress,
}
# Markers that render something of the whole site: (kb, options, page, lang) → Markdown.
SITE_RENDERERS: dict[str, Callable[[KnowledgeBase, Options, str, str], str]] = {
    "index": lambda kb, o, page, lang: plan_records.render_index(
        kb, o["type"], page, lang, o.get("style") == "short"
    ),
    "quote": lambda kb, o, page, lang: plan_records.render_quote(kb, o["ref"], page, lang),
    "rec-index": lambda kb, o, page, lang: recommendations.render_rec_index(
        kb, page, lang, o["by"]
    ),
    "module-index": lambda kb, o, page, lang: training.render_module_index(kb, page, lang),
    "module-table": lambda kb, o, page, lang: training.render_module_table(kb, page, lang),
    "matrix": lambda kb, o, page, lang: matrix.render_matrix(kb, page, lang),
    "downloads": lambda kb, o, page, lang: downloads.render_downloads(kb, page, lang),
    "csv": lambda kb, o, page, lang: matrix.render_csv_link(kb, o["table"], lang),
    "report-forms": lambda kb, o, page, lang: forms.render_report_forms(kb, page, lang),
    "whats-new": lambda kb, o, page, lang: changes.render_whats_new(kb, page, lang),
    "contact": lambda kb, o, page, lang: contact.render_contact(kb, o["part"], lang),
    "reviewed": lambda kb, o, page, lang: contact.render_reviewed(kb, page, lang),
    "progress-overview": lambda kb, o, page, lang: progress.render_overview(kb, page, lang),
}
# Markers that render from the page's own Markdown: (its lines, lang) → Markdown.
PAGE_RENDERERS: dict[str, Callable[[list[str], str], str]] = {
    "glossary-index": glossary.render_page_index,
}
assert set(RECORD_RENDERERS) | set(SITE_RENDERERS) | set(PAGE_RENDERERS) == set(markers.SPECS), (
    "a marker lacks a renderer"
)


class MarkerError(ValueError):
    """A marker that cannot be rendered; its message starts with ``line N:``."""


def fill(markdown: str, page: str, lang: str, kb: KnowledgeBase) -> str:
    """``markdown`` with each marker replaced by its content, rendered for ``page`` in ``lang``.

    ``page`` is the default-language path of the page (``co-quan/toa-an.md``): links are
    written from it, and it names the record of record markers.
    """
    lines = markdown.split("\n")
    source = list(lines)  # the page as written, for the markers that read it
    found = list(markers.scan(lines))
    if not found:
        return markdown
    record = kb.record_of(page)
    kind = record.kind if record else "page"
    for marker in reversed(found):  # from the end, so earlier line numbers stay right
        why = markers.problems_of(marker, kind, kb.quotable)
        if why:
            raise MarkerError(f"line {marker.line}: '{marker.text.strip()}' {'; '.join(why)}")
        if marker.name in PAGE_RENDERERS:
            try:
                rendered = PAGE_RENDERERS[marker.name](source, lang)
            except ValueError as error:
                raise MarkerError(f"line {marker.line}: '{marker.text.strip()}' {error}") from None
        elif marker.name in RECORD_RENDERERS:
            assert record is not None  # problems_of checked the page's kind
            rendered = RECORD_RENDERERS[marker.name](kb, record, page, lang)
        else:
            rendered = SITE_RENDERERS[marker.name](kb, marker.options, page, lang)
        indented = [marker.indent + line if line else line for line in rendered.split("\n")]
        lines[marker.line - 1 : marker.line] = indented
    return "\n".join(lines)


def csv_tables(markdown: str) -> list[str]:
    """The tables a page's ``kb:csv`` markers ask for (written beside the built page)."""
    return [m.options["table"] for m in markers.scan(markdown.split("\n")) if m.name == "csv"]
