"""The interface strings of the generated content: their schema, and one string read on its own.

The words live in ``docs/_data/strings/<lang>.yml`` (translators edit data, not Python); what
keys a strings file must have, and which ``{placeholders}`` each text keeps, is this module's
schema, so that a key missing from every language, or a renamed placeholder, is a DATA-YAML
problem at its line instead of a failed build. The renderers read the strings from the loaded
knowledge base (``kb.strings``); :func:`text` serves code that runs before the sources are
loaded (the permalink tooltip of the Markdown extensions).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, create_model

from thuynguyen_kb import layout
from thuynguyen_kb.schemas import Strict, Text, TextStatus

# Plain texts, by key. Each appears in the renderers as text["<key>"].
TEXTS = (
    "plan", "item", "part", "every_task", "this_task", "annex", "annex_missing", "lead",
    "support", "deadline", "source", "all_tasks", "no_tasks", "tasks_specific", "reports_to",
    "reports_via", "reports_none", "no_recommendations", "recs_reading", "urgent", "not_imported",
    "official_text", "vi_text", "symbol", "paragraph", "cluster", "articles", "themes", "sdg",
    "text", "unknown", "yes", "tasks", "bodies", "no_cluster", "no_theme", "no_body",
    "urgent_first", "others", "no_training", "audience", "duration", "minutes", "plan_tasks",
    "handout", "body", "role_all",
    "guidance_mark", "csv", "csv_recs", "permalink", "not_translated", "module",
    "pack_trainer", "pack_handout", "pack_for_trainer", "pack_answer_space", "pack_whole",
    "pack_contents", "pack_updated", "pack_pdfs", "pdf_trainer", "pdf_handout", "pdf_whole",
    "pdf_missing", "pdf_about", "offline_inside", "offline_missing", "offline_link",
    "offline_how", "offline_checksum", "materials",
    "dates_updated", "dates_published", "changes_title", "whats_new_none", "feed_title",
    "feed_link", "feed_about",
    "contact_page", "accessibility_page", "footer_links", "contact_publisher",
    "contact_publisher_unset", "contact_email", "contact_email_unset", "feedback_link",
    "feedback_unset", "feedback_subject", "feedback_page", "feedback_address", "feedback_prompt",
    "feedback_prompt_missing", "reviewed",
)  # fmt: skip
# Groups of texts: the column headers of the CSV tables (in their order), the basis of an
# assignment, and what the site has of a paragraph's text.
GROUPS = {
    "csv_assignment": ("body_id", "body", "task_id", "item", "task", "role", "basis", "source"),
    "basis": ("plan", "guidance", "annex"),
    "csv_recommendations": (
        "symbol", "paragraph", "recommendation", "urgent", "text_status", "task_id", "item",
        "task", "body_id", "body",
    ),
    "status": TextStatus.__args__,  # type: ignore[attr-defined]
    # The not-found page (overrides/404.html, hook not_found_page.py).
    "not_found": ("title", "lead", "search", "way_back", "help"),
    # What search offers when a query finds nothing, and the words it searched for instead of
    # a typo (thuynguyen_kb.search_help).
    "search": ("did_you_mean", "glossary", "browse", "near"),
    # A progress report's statuses (thuynguyen_kb.progress), on the forms and the pages.
    "progress_status": ("not-started", "in-progress", "done", "not-applicable"),
    # Each body's report form (thuynguyen_kb.progress.form, .printable) and the links to it.
    "report_form": (
        "sheet_readme", "sheet_report", "title", "field_body_id", "field_body", "field_unit",
        "field_unit_group", "field_period", "field_version", "field_language", "periods_known",
        "col_item", "col_ref", "col_row", "col_status", "col_done", "col_evidence",
        "col_budget_planned", "col_budget_spent", "col_difficulties", "col_proposals", "what",
        "suggestion", "not_asked", "compiler", "how_title", "how_unit", "how_unit_group",
        "how_period", "how_status", "how_rows", "how_amounts", "how_evidence", "how_grey",
        "how_send", "after_july", "version", "print_lead", "box_title", "xlsx",
        "pdf", "box_lead", "send", "table_body", "table_vi", "table_en",
    ),
    # What was reported (thuynguyen_kb.render.progress, .progress.exports, .chart, .summary): the
    # words of the progress sections, the progress page, the exports' headers and the summary.
    # No placeholders (a group's texts have none): a sentence is joined to its values in code.
    "progress": (
        "no_report", "how_to", "how_link", "as_reported", "period", "body_id", "body", "unit",
        "row_key", "item", "row", "task", "status_id", "status", "done", "evidence",
        "budget_planned", "budget_spent", "difficulties", "proposals", "language", "rows",
        "share", "total", "counts_title", "chart_title", "chart_about", "grid_title",
        "grid_legend", "not_on_form", "not_reported", "no_report_bodies", "downloads_title",
        "export_csv", "export_xlsx", "chart_file", "summary_file", "summary_title",
        "summary_to", "summary_compiles", "summary_note", "summary_counts", "summary_bodies",
        "summary_difficulties", "summary_proposals", "summary_none", "summary_no_report",
        "units_reported",
    ),
}  # fmt: skip
# The placeholders a text must keep, filled by the renderers with str.format; others have none.
PLACEHOLDERS = {
    "annex_missing": {"plan", "guide"},
    "all_tasks": {"n"},
    "reports_to": {"to"},
    "reports_via": {"via"},
    "minutes": {"n"},
    "pack_updated": {"date"},
    "offline_link": {"size", "date"},
    "feed_title": {"site"},
    "feed_about": {"link"},
    "contact_publisher": {"name"},
    "contact_email": {"address"},
    "feedback_subject": {"title"},
    "feedback_page": {"title"},
    "feedback_address": {"address"},
    "reviewed": {"date"},
}


def _group(name: str, keys: tuple[str, ...]) -> Any:
    fields: dict[str, Any] = {key.replace("-", "_"): (Text, Field(alias=key)) for key in keys}
    return create_model(name, __base__=Strict, **fields)


InterfaceStrings = create_model(
    "InterfaceStrings",
    __base__=Strict,
    **{key: (Text, ...) for key in TEXTS},
    **{name: (_group(name, keys), ...) for name, keys in GROUPS.items()},
)


def placeholders(value: str) -> set[str]:
    """The ``{names}`` that str.format fills in ``value``."""
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def text(docs: Path, language: str, key: str) -> str | None:
    """The string ``key`` of ``docs/_data/strings/<language>.yml``, None if it cannot be read.

    The rules report a missing or broken strings file at the start of the build, with its line.
    """
    path = docs / layout.strings_file(language)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None
