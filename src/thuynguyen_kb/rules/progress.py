"""Rules for the progress reports under ``docs/_data/progress/``, at the data file and line.

The import (``scripts/import_progress.py``) writes these files from a filled form and checks the
form first; these rules catch a file edited by hand, copied from another site, or left behind
after the knowledge base changed (a task renamed, a period removed):

- ``DATA-YAML``: the file is not in the shape of :class:`thuynguyen_kb.progress.schema.Report`
  (a status outside the list, an amount that is not a number, a period in the wrong format).
- ``PROGRESS-UNKNOWN``: the report names a period that ``docs/_data/reporting.yml`` does not
  list, a body the site has no page for, or a row that is not on that body's form; or it gives
  one row twice.
- ``PROGRESS-PLACE``: the file does not lie where the import writes that report
  (``<period>/<body>/<unit>.yml``), so that a second report of the same unit could be written
  beside it and both be shown.
"""

from __future__ import annotations

from thuynguyen_kb import layout, schema_messages, schemas
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import DataFile, Sources
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.progress import records
from thuynguyen_kb.progress.schema import Report, data_path

IMPORT_ADVICE = "import the body's filled form again with scripts/import_progress.py"


def check_progress(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Every progress rule, for every data file under the progress folder."""
    problems: list[Problem] = []
    for data_file in sources.data_files_under(layout.PROGRESS_FOLDER):
        problems += check_report_file(data_file, kb)
    return problems


def check_report_file(data_file: DataFile, kb: KnowledgeBase) -> list[Problem]:
    """The problems of one progress data file."""
    document = data_file.document
    if document is None:
        return []  # not YAML: reported by the loader
    report, errors = schemas.validate(schemas.data_model("progress"), document.data)
    if report is None:
        return schema_messages.data_problems(errors, data_file.shown, document, "report")
    assert isinstance(report, Report)

    def problem(location: tuple[str | int, ...], code: str, message: str) -> Problem:
        return Problem(data_file.shown, document.line_of(location), code, message)

    found = []
    if report.period not in kb.periods:
        known = ", ".join(kb.periods) or "none"
        found.append(
            problem(
                ("period",),
                "PROGRESS-UNKNOWN",
                f"period '{report.period}' is not a reporting period of"
                f" docs/{layout.REPORTING_FILE} (expected one of: {known}; add the period there"
                " first, with where it comes from)",
            )
        )
    body = kb.records.get(report.body)
    if body is None or body.kind != "body":
        found.append(
            problem(
                ("body",),
                "PROGRESS-UNKNOWN",
                f"body '{report.body}' has no page in docs/co-quan/ (expected the id of a body;"
                f" {IMPORT_ADVICE})",
            )
        )
        return found
    keys = {row.key for row in records.form_rows(kb, body)}
    seen: set[str] = set()
    for number, item in enumerate(report.items):
        if item.item not in keys:
            found.append(
                problem(
                    ("items", number, "item"),
                    "PROGRESS-UNKNOWN",
                    f"row '{item.item}' is not on the form of '{report.body}' (expected a task id"
                    " or a checklist line such as reports.1 that its form lists; the task or the"
                    f" line was renamed or removed: {IMPORT_ADVICE})",
                )
            )
        elif item.item in seen:
            found.append(
                problem(
                    ("items", number, "item"),
                    "PROGRESS-UNKNOWN",
                    f"row '{item.item}' is reported twice (expected each row once;"
                    f" {IMPORT_ADVICE})",
                )
            )
        seen.add(item.item)
    expected = data_path(report.period, report.body, report.unit)
    if data_file.rel != expected:
        found.append(
            problem(
                (),
                "PROGRESS-PLACE",
                f"the report of '{report.unit}' for {report.period} lies at {data_file.rel}"
                f" (expected docs/{expected}, where the import writes it; move it there, or"
                f" {IMPORT_ADVICE})",
            )
        )
    return found
