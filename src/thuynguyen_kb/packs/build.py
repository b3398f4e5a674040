"""Write one language's PDF packs into a built site, from the pages the build rendered.

Called by the build (hook ``overrides/hooks/downloads.py``) once per language, after the pages;
free of MkDocs, so that another generator can call it the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.packs import catalogue, pdf
from thuynguyen_kb.packs.documents import PackError


@dataclass(frozen=True)
class Written:
    """What a language's packs cost: files written, and how many came from the cache."""

    files: int
    from_cache: int


def cache_folder(repository: Path) -> Path:
    """Where rendered PDFs are kept by a hash of their input (``KB_PDF_CACHE`` overrides)."""
    return Path(os.environ.get("KB_PDF_CACHE") or repository / ".cache" / "pdf")


def write_packs(
    kb: KnowledgeBase,
    pages: dict[str, catalogue.PageHtml],
    lang: str,
    *,
    site: Path,
    repository: Path,
    docs: str,
    site_name: str,
) -> Written:
    """Render every pack of ``lang`` into ``site``; raise :class:`PackError` naming the pages of
    a pack that cannot be made. ``docs`` is the docs folder, relative to ``repository``."""
    made = catalogue.documents(kb, pages, lang, site_name)
    css, cache = pdf.stylesheet(), cache_folder(repository)
    reused = 0
    for item in made:
        try:
            reused += pdf.write(item.html, css, site / item.path, cache)
        except (pdf.RendererMissingError, pdf.FetchRefusedError) as error:
            sources = ", ".join(f"{docs}/{page}" for page in item.pages)
            raise PackError(f"{item.path} (made from {sources}): {error}") from None
    return Written(len(made), reused)
