"""MkDocs adapter of the site's downloads (``thuynguyen_kb.downloads``, ``.packs``, ``.offline``).

- A preview (``make serve``, ``build_state.serving``) renders no PDF, so that saving a page
  stays quick, and its pages say so instead of linking to the PDFs.
- ``on_pre_build`` (default priority, after the knowledge-base hook's 100): tell the renderers
  what this build offers (``kb.downloads``): the packs unless serving or ``extra.pdf_packs`` is
  false; the offline copy if ``OFFLINE_COPY`` names its zip (``make build`` does, after making
  it; a zip whose checksum file does not match stops the build); in the offline copy itself
  (``extra.offline_copy: true``), that it is one.
- ``on_page_content`` at priority -400, after every other hook that changes a page's HTML and
  before the content policy's check (-500): make each ``kb-download:`` link relative to the
  page, and keep the HTML of module and handout pages, in the language they are written in,
  with the day each shows as its last update (the packs' date: a PDF never says other than
  its pages).
- ``on_post_build`` (default priority, so before mkdocs-static-i18n starts the next language's
  build at -100): copy the offline copy into ``downloads/`` (default language only) and render
  this language's PDF packs there; a pack that cannot be made stops the build, pages named.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from thuynguyen_kb import build_state, downloads, layout, source_dates
from thuynguyen_kb.offline import zip_file
from thuynguyen_kb.packs import build, catalogue
from thuynguyen_kb.packs.documents import PackError

log = get_plugin_logger(__name__)
_state: dict[str, Any] = {"zip": None}
_pages: dict[str, catalogue.PageHtml] = {}


def on_pre_build(config: Any) -> None:
    """Say what this build offers for download."""
    _pages.clear()
    _state["zip"] = None
    inside = bool(config.extra.get("offline_copy"))
    zip_path = os.environ.get("OFFLINE_COPY")
    if zip_path and not inside:
        try:
            _state["zip"] = (Path(zip_path), zip_file.describe(Path(zip_path)))
        except (OSError, zip_file.StaleCopyError) as error:
            raise PluginError(f"OFFLINE_COPY={zip_path}: {error}") from None
    build_state.loaded().downloads = downloads.Available(
        pdf_packs=_packs_wanted(config),
        offline_copy=_state["zip"][1] if _state["zip"] else None,
        inside_offline_copy=inside,
    )


def _packs_wanted(config: Any) -> bool:
    # PDF_PACKS=false (or 0, no, off) reads as false: mkdocs.yml's !ENV parses it as YAML.
    return not build_state.serving and bool(config.extra.get("pdf_packs", True))


@event_priority(-400)
def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Make download links relative to this page; keep the pages that make the packs."""
    content = downloads.resolve_links(content, page.url)
    neutral = layout.neutral_path(page.file.src_uri)
    record = build_state.loaded().record_of(neutral)
    if record is not None and record.kind in ("module", "handout"):
        language = getattr(page.file, "locale", None) or config.theme["language"]
        updated = source_dates.from_plugin(page.meta).updated  # the day the page shows
        _pages[neutral] = catalogue.PageHtml(neutral, language, content, updated)
    return content


def on_post_build(config: Any) -> None:
    """Publish the offline copy; render the language's PDF packs (from the cache if unchanged)."""
    site, language = Path(config.site_dir), config.theme["language"]
    if _state["zip"] and language == layout.DEFAULT_LANGUAGE:
        source, copy = _state["zip"]
        zip_file.publish(
            source, copy, site / downloads.OFFLINE_ZIP, site / downloads.OFFLINE_CHECKSUM
        )
    if not _packs_wanted(config):
        return
    repository = Path(config.config_file_path).parent
    name = config.site_name  # plain text again by now (hook plain_text.py), but be sure
    try:
        written = build.write_packs(
            build_state.loaded(), _pages, language, site=site, repository=repository,
            docs=Path(os.path.relpath(config.docs_dir, repository)).as_posix(),
            site_name=name.unescape() if isinstance(name, Markup) else str(name),
        )  # fmt: skip
    except PackError as error:
        raise PluginError(f"PACK {error}") from None
    log.info(f"PDF packs ({language}): {written.files} written, {written.from_cache} cached")
