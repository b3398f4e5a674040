"""Each page's dates (from git, read by mkdocs-git-revision-date-localized) and change notes
(from its front matter), shown at its foot (``thuynguyen_kb.source_dates``, ``render.changes``).

- ``on_config`` (priority 100, before the plugin's own ``on_config``, which reads git): while the
  plugin is enabled, stop with what to do if the docs are not in a git repository (a tarball) or
  the clone is shallow (``source_dates.require_history``). Otherwise the plugin would stop with
  a traceback, or date every page with the day the clone was cut. Pages with no commit yet (a
  new page being written) are left out of the plugin (its ``exclude``), which would date them
  with the build's time: they show no date. ``GIT_DATES=false`` turns the plugin off
  (``mkdocs.yml``): the pages then show no dates, and nothing else changes.
- ``on_page_markdown`` (priority -10, after the plugin (0) has put the page's days into its meta):
  the page's box (``page.meta["kb_dates"]``, printed by ``overrides/partials/source-file.html``):
  labels and days in the language being built, the notes of the file the page is made from
  (a page not yet translated shows its Vietnamese notes). A file without history (not yet
  committed) shows no date: the plugin would give it the build's time, which is not its date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from thuynguyen_kb import build_state, source_dates
from thuynguyen_kb.render.changes import page_box

PLUGIN = "git-revision-date-localized"
log = get_plugin_logger(__name__)


@event_priority(100)
def on_config(config: Any) -> Any:
    """Stop early, saying what to do, if git cannot give the pages their dates; leave the pages
    that have no commit yet to no date."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled", True):
        return config
    docs = Path(config.docs_dir)
    try:
        root = source_dates.require_history(docs)
    except source_dates.HistoryError as error:
        raise PluginError(f"DATES {error}") from None
    committed = source_dates.committed_files(root, docs.resolve())
    new = sorted(
        page.relative_to(docs).as_posix()
        for page in docs.rglob("*.md")
        if page.resolve() not in committed
    )
    # The plugin would date such a page with the build's time (and warn that it was created
    # after it was last changed): it skips them instead, and their pages show no date.
    plugin.config["exclude"] = new
    if new:
        log.info(f"Not yet committed, so shown without a date: {', '.join(new)}")
    return config


@event_priority(-10)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Give the page the box of its dates and change notes."""
    kb = build_state.loaded()
    language = config.theme["language"]
    box = page_box(
        kb.file_changes.get(page.file.src_uri, []),
        source_dates.from_plugin(page.meta),
        language,
        kb.strings[language],
    )
    page.meta["kb_dates"] = Markup(box)  # built with lxml: every value in it is escaped
    return markdown
