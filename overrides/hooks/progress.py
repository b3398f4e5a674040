"""MkDocs adapter of the progress downloads (``thuynguyen_kb.progress.publish.write_reports``).

- ``on_post_build`` (default priority, so before mkdocs-static-i18n starts the next language's
  build at -100): write this language's exports (CSV, XLSX), the chart of each period (SVG) and
  the compiled summary of each period (DOCX) into ``downloads/progress/``, each file written to a
  temporary name and renamed, dated by the last commit (``SOURCE_DATE_EPOCH`` if set), so that
  the same sources give the same bytes. A file that cannot be written stops the build, named.
  A preview's page save (``thuynguyen_kb.preview``) keeps them: their data did not change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state, preview, source_dates
from thuynguyen_kb.offline.zip_file import source_time
from thuynguyen_kb.progress.publish import PublishError, write_reports


def on_post_build(config: Any) -> None:
    """Write this language's progress exports, charts and summaries."""
    if preview.skips("progress downloads"):
        return
    when = source_time(source_dates.last_commit_time(Path(config.config_file_path).parent))
    try:
        write_reports(build_state.loaded(), Path(config.site_dir), config.theme["language"], when)
    except PublishError as error:
        raise PluginError(str(error)) from None
