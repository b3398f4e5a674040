"""MkDocs adapter of the report forms (``thuynguyen_kb.progress.publish.write_forms``).

- ``on_post_build`` (default priority, after downloads.py's, before mkdocs-static-i18n builds the
  next language): write this language's report form of every body into ``downloads/forms/``,
  the workbook always, its printable PDF when the build makes PDFs (``kb.downloads.pdf_packs``,
  as the training packs, and from the same cache), all dated by the last commit (never the time
  of the build). A form that cannot be written stops the build, naming the body. A preview's
  page save (``thuynguyen_kb.preview``) keeps them: the knowledge base did not change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from thuynguyen_kb import build_state, preview, source_dates
from thuynguyen_kb.offline.zip_file import source_time
from thuynguyen_kb.packs.build import cache_folder
from thuynguyen_kb.progress.publish import PublishError, write_forms

log = get_plugin_logger(__name__)


def on_post_build(config: Any) -> None:
    """Write the language's report forms."""
    if preview.skips("report forms"):
        return
    kb = build_state.loaded()
    repository = Path(config.config_file_path).parent
    when = source_time(source_dates.last_commit_time(repository))
    printable = kb.downloads.pdf_packs
    try:
        reused = write_forms(
            kb, Path(config.site_dir), config.theme["language"], when, printable,
            cache_folder(repository),
        )  # fmt: skip
    except PublishError as error:
        raise PluginError(str(error)) from None
    log.info(f"Report forms ({config.theme['language']}): PDFs {reused} from the cache")
