"""What the current build has loaded, for the hooks that need it after the knowledge-base hook.

The knowledge-base hook (``overrides/hooks/knowledge_base.py``) reads and checks the sources once
per run and sets :data:`knowledge_base` here; other hooks (the PDF packs) read it instead of
loading the sources again. Each run sets it afresh before any page is rendered.
"""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase

knowledge_base: KnowledgeBase | None = None


def loaded() -> KnowledgeBase:
    """The knowledge base of the current build (set by the knowledge-base hook's on_pre_build)."""
    if knowledge_base is None:
        raise RuntimeError("no knowledge base loaded: the knowledge-base hook must run first")
    return knowledge_base
