"""Put each content table of a page in a named, keyboard-focusable scroll region
(``thuynguyen_kb.table_regions`` says why and how).

Event: ``on_page_content`` at default priority, on the HTML of every page: after Markdown and
the markers made every table, before the search index reads the page (the wrapper adds no text)
and before the content policy (-500) checks the result, wrapper included.
"""

from __future__ import annotations

from typing import Any

from thuynguyen_kb.table_regions import wrap_tables


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Wrap the page's tables."""
    return wrap_tables(content)
