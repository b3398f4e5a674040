"""Note which MkDocs command runs (``build_state.serving``), for the hooks that act otherwise in
a preview: ``contact.py``, ``downloads.py`` and ``publishing.py``. Listed first in mkdocs.yml.

- ``on_startup``: ``mkdocs serve`` (``make serve``) or a build.
"""

from __future__ import annotations

from thuynguyen_kb import build_state


def on_startup(command: str, dirty: bool) -> None:
    build_state.serving = command == "serve"
