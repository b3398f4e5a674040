"""MkDocs adapter of the progress downloads (``thuynguyen_kb.progress``).

- ``on_post_build`` (default priority, so before mkdocs-static-i18n starts the next language's
  build at -100): write this language's exports (CSV, XLSX), the chart of each period (SVG) and
  the compiled summary of each period (DOCX) into ``downloads/progress/``, each file written to a
  temporary name and renamed, dated by the last commit (``SOURCE_DATE_EPOCH`` if set), so that
  the same sources give the same bytes. A file that cannot be written stops the build, named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state, downloads, source_dates
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.offline.zip_file import source_time
from thuynguyen_kb.progress import exports, summary
from thuynguyen_kb.render import progress


def on_post_build(config: Any) -> None:
    """Write this language's progress exports, charts and summaries."""
    kb = build_state.loaded()
    site, lang = Path(config.site_dir), config.theme["language"]
    when = source_time(source_dates.last_commit_time(Path(config.config_file_path).parent))
    rows = exports.progress_rows(kb, lang)
    title = kb.strings[lang]["progress"]["downloads_title"]
    writers = [
        (downloads.progress_export(lang, "csv"), lambda path: exports.write_csv(rows, path)),
        (
            downloads.progress_export(lang, "xlsx"),
            lambda path: exports.write_xlsx(rows, path, title, when),
        ),
    ]
    for period in kb.periods:
        writers.append(
            (
                downloads.progress_chart(period, lang),
                lambda path, p=period: write_atomically(path, progress.chart_svg(kb, p, lang)),
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
        except (OSError, ValueError) as error:
            raise PluginError(f"PROGRESS {name}: could not be written ({error})") from None
