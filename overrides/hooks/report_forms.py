"""MkDocs adapter of the report forms (``thuynguyen_kb.progress.form``, ``.printable``).

- ``on_post_build`` (default priority, after downloads.py's, before mkdocs-static-i18n builds the
  next language): write this language's report form of every body into ``downloads/forms/``,
  the workbook always, its printable PDF when the build makes PDFs (``kb.downloads.pdf_packs``,
  as the training packs), all dated by the last commit (never the time of the build). A form
  that cannot be written stops the build, naming the body.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from thuynguyen_kb import build_state, downloads, source_dates
from thuynguyen_kb.offline.zip_file import source_time
from thuynguyen_kb.packs.pdf import FetchRefusedError, RendererMissingError
from thuynguyen_kb.progress.form import write_form
from thuynguyen_kb.progress.printable import write_printable

log = get_plugin_logger(__name__)


def on_post_build(config: Any) -> None:
    """Write the language's report forms."""
    kb = build_state.loaded()
    site, language = Path(config.site_dir), config.theme["language"]
    repository = Path(config.config_file_path).parent
    when = source_time(source_dates.last_commit_time(repository))
    bodies = kb.of_type("body")
    for body in bodies:
        target = downloads.report_form(body.id, language)
        try:
            write_form(kb, body, language, site / target, when)
            if kb.downloads.pdf_packs:
                printable = downloads.report_form(body.id, language, printable=True)
                write_printable(kb, body, language, site / printable, when)
        except (OSError, ValueError, RendererMissingError, FetchRefusedError) as error:
            raise PluginError(
                f"REPORT-FORM {target} (the form of {body.page}) cannot be written: {error}"
            ) from None
    log.info(f"Report forms ({language}): {len(bodies)} bodies")
