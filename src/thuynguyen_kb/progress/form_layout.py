"""Where things are on a report form: one source of truth for the form and its import.

The report sheet (named :func:`report_sheet` in the form's language) has the fixed cells of
:data:`FIXED` (labels in column A, values in column C), the column headers on
:data:`HEADER_ROW` and one row per form row from :data:`FIRST_ROW` on, in the column order of
:data:`COLUMNS`. Moving any of them is a new layout: raise
:data:`thuynguyen_kb.progress.schema.FORM_VERSION`, so that the import refuses the older forms.
"""

from __future__ import annotations

from thuynguyen_kb import layout

SHEETS = ("sheet_readme", "sheet_report")  # strings group report_form: the sheets' names
# The fixed cells of the report sheet: field → its value's cell (the label is in column A).
FIXED = {
    "body": "C3",
    "body_name": "C4",
    "unit": "C5",
    "period": "C6",
    "form_version": "C7",
    "language": "C8",
}
FIXED_LABELS = {
    "body": "field_body_id",
    "body_name": "field_body",
    "unit": "field_unit",
    "period": "field_period",
    "form_version": "field_version",
    "language": "field_language",
}
HELP_COLUMN = "D"  # beside a fixed cell: what to write there (the unit of a group, the periods)
HEADER_ROW = 10
FIRST_ROW = HEADER_ROW + 1
# The columns, in order from A; each header is the string col_<name>.
COLUMNS = (
    "item", "ref", "row", "status", "done", "evidence", "budget_planned", "budget_spent",
    "difficulties", "proposals",
)  # fmt: skip
LETTERS = {name: chr(ord("A") + index) for index, name in enumerate(COLUMNS)}
GIVEN = ("item", "ref", "row")  # written by the site (grey); the others are the body's to fill
TEXTS = ("done", "evidence", "difficulties", "proposals")
AMOUNTS = ("budget_planned", "budget_spent")
WIDTHS = {
    "item": 16, "ref": 10, "row": 48, "status": 18, "done": 40, "evidence": 32,
    "budget_planned": 16, "budget_spent": 16, "difficulties": 32, "proposals": 32,
}  # fmt: skip
GREY = "D9D9D9"
HEADER_FILL = "BDD7EE"


def sheet_names(strings: dict[str, dict], lang: str) -> tuple[str, str]:
    """The read-me sheet's and the report sheet's names in ``lang``."""
    group = strings[lang]["report_form"]
    return group["sheet_readme"], group["sheet_report"]


def report_sheets(strings: dict[str, dict]) -> dict[str, str]:
    """The report sheet's name in each language → that language."""
    return {sheet_names(strings, lang)[1]: lang for lang in layout.LANGUAGES}


def cell(column: str, row: int) -> str:
    """The cell of ``column`` (a name of :data:`COLUMNS`) on ``row``: ``D12``."""
    return f"{LETTERS[column]}{row}"
