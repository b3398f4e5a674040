"""MkDocs adapter of the knowledge base (package ``thuynguyen_kb``): load once, check, render.

- ``on_pre_build`` (priority 100, before the other hooks): in the default language's build, read
  the sources once (``loader.load``), assemble the records and run every rule
  (``rules.check``, the same rules as ``scripts/check_structure.py``); any problem stops the
  build with ``path:line: CODE`` lines. mkdocs-static-i18n builds the other languages from inside
  the default language's ``on_post_build``, with the same sources: they reuse what was read.
  Under ``mkdocs serve``, a page save whose knowledge base differs from the last build's turns
  into a full rebuild (``thuynguyen_kb.preview``): other pages render its records.
- ``on_page_markdown``: fill the page's ``<!-- kb:… -->`` markers (``render.markers.fill``), in
  the language the page is written in (a page shown untranslated is filled in Vietnamese, like
  its text). On a recommendation page, set the tags to its themes' labels (Material's tags
  plugin, priority -50, shows them later).
- ``on_post_build``: write the CSV tables that the built pages link to, beside each page, each
  file written to a temporary name and renamed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from thuynguyen_kb import build_state, knowledge, layout, loader, preview, rules, site_config
from thuynguyen_kb.csv_files import csv_text
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.render import matrix
from thuynguyen_kb.render.markers import MarkerError, csv_tables, fill

# What the default language's build read, for the other languages' builds of the same run.
_run: dict[str, Any] = {}


@event_priority(100)
def on_pre_build(config: Any) -> None:
    """Read and check the sources once per run; stop the build on any problem."""
    if config.theme["language"] == layout.DEFAULT_LANGUAGE or "kb" not in _run:
        # Paths relative to the working folder, as the check script prints them.
        docs = Path(os.path.relpath(config.docs_dir))
        settings = site_config.read(Path(os.path.relpath(config.config_file_path)))
        # Under mkdocs serve, git's answers are kept for the next save (same commit checked out).
        history = preview.state.history if build_state.serving else None
        sources = loader.load(docs, settings, history)
        kb = knowledge.assemble(sources)
        problems = rules.check(sources, kb)
        if problems:
            _run.clear()
            build_state.knowledge_base = None
            lines = "\n".join(str(problem) for problem in problems)
            raise PluginError(
                f"The sources break {len(problems)} rule(s) of scripts/check_structure.py:\n"
                f"{lines}\nFix them and build again (the README explains each code)."
            )
        if build_state.serving:  # a page save needs a full rebuild if the records changed
            preview.check_knowledge_base(kb)
        _run.update(kb=kb)
        build_state.knowledge_base = kb
    _run["csv"] = []


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace each marker of the page by its generated Markdown."""
    kb: knowledge.KnowledgeBase = _run["kb"]
    neutral = layout.neutral_path(page.file.src_uri)
    language = getattr(page.file, "locale", None) or config.theme["language"]
    record = kb.record_of(neutral)
    if record is not None and record.kind == "recommendation":
        # Material prints tag names as HTML: give them as escaped HTML (see hook plain_text.py).
        page.meta["tags"] = [Markup.escape(kb.themes[t][language]) for t in record.fields.themes]
    try:
        filled = fill(markdown, neutral, language, kb)
    except MarkerError as error:  # normally found by the rules, before any page is rendered
        raise PluginError(f"{config.docs_dir}/{page.file.src_uri}: KB-MARKER {error}") from None
    for table in csv_tables(markdown):
        _run["csv"].append((Path(page.file.abs_dest_path).parent, table, language))
    return filled


def on_post_build(config: Any) -> None:
    """Write each requested CSV table (UTF-8 with BOM, so Excel reads Vietnamese; cells that a
    spreadsheet would run as formulas are neutralised: ``thuynguyen_kb.csv_files``)."""
    for folder, table, language in _run.get("csv", []):
        rows = matrix.CSV_TABLES[table](_run["kb"], language)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{table}.csv", csv_text(rows), encoding="utf-8-sig")
