"""Note which MkDocs command runs (``build_state.serving``), for the hooks that act otherwise in
a preview: ``contact.py``, ``downloads.py``, ``publishing.py`` and ``knowledge_base.py`` (what
the preview never makes is listed in ``thuynguyen_kb.preview``). Listed first in mkdocs.yml;
``preview.py``, second, rebuilds a save of a page's text alone.

- ``on_startup``: ``mkdocs serve`` (``make serve``) or a build.
"""

from __future__ import annotations

from thuynguyen_kb import build_state


def on_startup(command: str, dirty: bool) -> None:
    build_state.serving = command == "serve"
