"""Every rule of the sources, as run by ``scripts/check_structure.py`` and by the build.

One rule set: the build (hook ``overrides/hooks/knowledge_base.py``) and the check script both
call :func:`check`, so every error the build can stop for is also reported by the check, with the
same code and line. Rules only check: they read :class:`~thuynguyen_kb.loader.Sources` and the
:class:`~thuynguyen_kb.knowledge.KnowledgeBase` assembled from them, and return problems. The
codes are explained in the README, each next to what to do.
"""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.rules import data, markers, modules, nav, pages, records, text


def check(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Every problem of the sources: what could not be read, then every rule's findings."""
    problems = list(sources.problems)
    problems += text.check_file_names(sources.files)
    for shown, lines in sources.texts.items():
        problems += text.check_text(shown, lines)
    problems += pages.check_pages(sources)
    problems += nav.check_nav(sources)
    problems += nav.check_languages(sources)
    problems += records.check_ids(sources)
    problems += records.check_unique(kb)
    problems += records.check_references(sources, kb)
    problems += data.check_data(sources, kb)
    problems += modules.check_modules(sources, kb)
    problems += markers.check_markers(sources, kb)
    return sorted(set(problems))
