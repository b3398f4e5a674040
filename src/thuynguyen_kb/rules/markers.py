"""``KB-MARKER``: a marker that is malformed, unknown (or misspelt), on a page it does not work
on, with an unknown or missing option, or quoting a plan item that does not exist.

The markers and their options are listed once, in :mod:`thuynguyen_kb.markers`.
"""

from __future__ import annotations

from thuynguyen_kb import layout, markers
from thuynguyen_kb.knowledge import KnowledgeBase, kind_of
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem


def check_markers(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Every marker of every page, in every language."""
    problems = []
    quotable = kb.quotable
    for rel, source in sources.pages.items():
        # A translation works on its original's record; the type is written there. When that
        # front matter could not be read (reported already), the page's kind is not known.
        decides = sources.page(layout.neutral_path(rel)) or source
        page_kind = kind_of(decides) if decides.front_matter is not None else None
        for marker in markers.scan(source.lines, source.body_start, 1):
            for why in markers.problems_of(marker, page_kind, quotable):
                problems.append(
                    Problem(
                        source.shown, marker.line, "KB-MARKER", f"'{marker.text.strip()}' {why}"
                    )
                )
    return problems
