"""Write the progress downloads of one language into a built site: what the build hooks call.

- :func:`write_forms`: each body's report form (``downloads/forms/``), the workbook always, its
  printable PDF when the build makes PDFs (from the packs' cache when its HTML is unchanged);
- :func:`write_reports`: every report as CSV and XLSX, and per period the chart (SVG) and the
  compiled summary (DOCX) (``downloads/progress/``).

Every file is written to a temporary name and renamed, and dated ``when`` (the last commit), so
that the same sources give the same bytes. A file that cannot be written raises
:class:`PublishError`, naming it. Free of MkDocs, like the rest of the package.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from thuynguyen_kb import downloads
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.packs.pdf import FetchRefusedError, RendererMissingError
from thuynguyen_kb.progress import exports, summary
from thuynguyen_kb.progress.form import write_form
from thuynguyen_kb.progress.printable import write_printable
from thuynguyen_kb.render import progress

FAILURES = (OSError, ValueError, RendererMissingError, FetchRefusedError)


class PublishError(Exception):
    """A progress download that could not be written; the message names it."""


def write_forms(
    kb: KnowledgeBase,
    site: Path,
    lang: str,
    when: datetime.datetime,
    printable: bool,
    cache: Path | None = None,
) -> int:
    """Write every body's form in ``lang`` (and its PDF if ``printable``); the PDFs reused from
    ``cache``, counted."""
    reused = 0
    for body in kb.of_type("body"):
        target = downloads.report_form(body.id, lang)
        try:
            (site / target).parent.mkdir(parents=True, exist_ok=True)
            write_form(kb, body, lang, site / target, when)
            if printable:
                pdf = site / downloads.report_form(body.id, lang, printable=True)
                reused += write_printable(kb, body, lang, pdf, when, cache)
        except FAILURES as error:
            raise PublishError(
                f"REPORT-FORM {target} (the form of {body.page}) cannot be written: {error}"
            ) from None
    return reused


def write_reports(kb: KnowledgeBase, site: Path, lang: str, when: datetime.datetime) -> None:
    """Write every report of ``lang``'s exports, and each period's chart and summary."""
    rows = exports.progress_rows(kb, lang)
    title = kb.strings[lang]["progress"]["downloads_title"]
    writers: list[tuple[str, Callable[[Path], None]]] = [
        (downloads.progress_export(lang, "csv"), lambda path: exports.write_csv(rows, path)),
        (
            downloads.progress_export(lang, "xlsx"),
            lambda path: exports.write_xlsx(rows, path, title, when),
        ),
    ]
    for period in kb.periods:
        chart = progress.chart_svg(kb, period, lang)
        writers.append(
            (
                downloads.progress_chart(period, lang),
                lambda path, s=chart: write_atomically(path, s),
            )
        )
        writers.append(
            (
                downloads.progress_summary(period, lang),
                lambda path, p=period: summary.write_summary(kb, p, lang, path, when),
            )
        )
    for name, write in writers:
        path = site / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write(path)
        except FAILURES as error:
            raise PublishError(f"PROGRESS {name}: could not be written ({error})") from None
