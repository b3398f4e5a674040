"""Permalinks for paragraphs and list items that carry an explicit id, in the page's language
(``thuynguyen_kb.markdown_extensions.ElementPermalinksExtension``), and the tooltip of the
headings' own permalinks.

Event: ``on_config`` at priority -200, after mkdocs-static-i18n (-100) has set
``theme.language`` for the language being built (the plugin runs one build per language and
``on_config`` runs at the start of each). The tooltip is the ``permalink`` string of
``docs/_data/strings/<language>.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from thuynguyen_kb import strings
from thuynguyen_kb.markdown_extensions import ElementPermalinksExtension


@event_priority(-200)
def on_config(config: Any) -> Any:
    """Install the extension and set the permalink tooltip for the language being built."""
    # A missing or broken strings file is reported, with its line, by the rules at the start of
    # the build (hook knowledge_base.py), which then stops: no tooltip is needed before that.
    title = strings.text(Path(config.docs_dir), config.theme["language"], "permalink") or ""
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = title
    # Replace the instance from the previous language's build instead of stacking another.
    config.markdown_extensions[:] = [
        ext for ext in config.markdown_extensions if not isinstance(ext, ElementPermalinksExtension)
    ]
    config.markdown_extensions.append(ElementPermalinksExtension(title))
    return config
