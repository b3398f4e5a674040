"""What the current build has loaded, for the hooks that need it after the knowledge-base hook.

The knowledge-base hook (``overrides/hooks/knowledge_base.py``) reads and checks the sources once
per run and sets :data:`knowledge_base` here; other hooks (the PDF packs) read it instead of
loading the sources again. Each run sets it afresh before any page is rendered.

:data:`serving` says whether this run is ``mkdocs serve`` (``make serve``), set by the first
hook (``overrides/hooks/build_command.py``): a preview is not a publication (no contact address
needed), renders no PDF and writes no precompressed copies, so that a save shows quickly.
"""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase

knowledge_base: KnowledgeBase | None = None
serving = False


def loaded() -> KnowledgeBase:
    """The knowledge base of the current build (set by the knowledge-base hook's on_pre_build)."""
    if knowledge_base is None:
        raise RuntimeError("no knowledge base loaded: the knowledge-base hook must run first")
    return knowledge_base
