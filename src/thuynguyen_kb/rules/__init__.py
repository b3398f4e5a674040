"""Every rule of the sources, as run by ``scripts/check_structure.py`` and by the build.

One rule set: the build (hook ``overrides/hooks/knowledge_base.py``) and the check script both
call :func:`check`, so every error the build can stop for is also reported by the check, with the
same code and line. The content rules (:mod:`~thuynguyen_kb.rules.content`) judge rendered HTML:
the check script renders every page for them (:func:`check_rendered`), the build applies them
to the HTML it makes (hook ``content_policy.py``), so a page is rendered once per build. Rules
only check: they read :class:`~thuynguyen_kb.loader.Sources` and the
:class:`~thuynguyen_kb.knowledge.KnowledgeBase` assembled from them, and return problems. The
codes are explained in the README, each next to what to do.
"""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.rules import (
    accessibility,
    blocks,
    changes,
    claims,
    content,
    data,
    glossary,
    markers,
    modules,
    nav,
    pages,
    plain_text,
    print_parts,
    progress,
    records,
    text,
)


def check(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Every problem of the sources: what could not be read, then every rule's findings."""
    problems = list(sources.problems)
    problems += text.check_file_names(sources.files)
    problems += text.check_symlinks([sources.docs, *sources.config.theme_folders()])
    body_starts = {page.shown: page.body_start for page in sources.pages.values()}
    for shown, lines in sources.texts.items():
        problems += text.check_text(shown, lines)
        problems += blocks.check_blocks(shown, lines, body_starts.get(shown, 0))
    problems += pages.check_pages(sources)
    problems += nav.check_nav(sources)
    problems += nav.check_nav_size(sources)
    problems += nav.check_languages(sources)
    problems += nav.check_config_keys(sources)
    problems += plain_text.check_plain_text(sources)
    problems += records.check_ids(sources)
    problems += records.check_unique(kb)
    problems += records.check_references(sources, kb)
    problems += data.check_data(sources, kb)
    problems += modules.check_modules(sources, kb)
    problems += print_parts.check_print_parts(sources, kb)
    problems += markers.check_markers(sources, kb)
    problems += claims.check_claims(sources, kb)
    problems += glossary.check_glossary(sources)
    problems += changes.check_changes(sources)
    problems += accessibility.check_reviews(sources)
    problems += progress.check_progress(sources, kb)
    return sorted(set(problems))


def check_rendered(
    sources: Sources, kb: KnowledgeBase, other_problems: list[Problem]
) -> list[Problem]:
    """The content rules on every page, rendered as the build would render it.

    With ``other_problems`` (what :func:`check` found) the records are not trusted, and the
    generated parts of pages are left out: the build would stop before rendering them.
    """
    trusted = kb if not other_problems else None
    return sorted(set(content.check_rendered_pages(sources, trusted)))
