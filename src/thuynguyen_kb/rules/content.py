"""Rules for what a page publishes once rendered (:mod:`thuynguyen_kb.content_policy`).

- ``HTML-ELEMENT``: an HTML element outside the content policy (``<script>``, ``<iframe>``,
  ``<svg>`` …).
- ``HTML-ATTRIBUTE``: an attribute outside it (``onclick``, ``style`` …), raw or from attr_list.
- ``HTML-URL``: a link or image whose scheme is not http, https, mailto or tel
  (``javascript:``, ``data:``, ``vbscript:`` …), however it is written.
- ``ANCHOR-FORMAT``: an element id that is not ASCII kebab-case (``{ #mục-mới }``).
- ``ANCHOR-DUPLICATE``: the same id on two elements of one page.

Each problem is reported at the source line that wrote it: the first line of the page (outside
fenced code) that holds what was found, or of an included snippet; the page's first line if
neither does (e.g. text made by a marker).

The check script renders every page itself (:mod:`thuynguyen_kb.rendering`) and calls
:func:`check_rendered_pages`; the build calls :func:`check_page_html` on the HTML it made.
"""

from __future__ import annotations

from collections.abc import Mapping

from thuynguyen_kb import content_policy
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import outside_code
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.rendering import PageRenderer

CODES = {
    "element": "HTML-ELEMENT",
    "attribute": "HTML-ATTRIBUTE",
    "url": "HTML-URL",
    "id-format": "ANCHOR-FORMAT",
    "id-duplicate": "ANCHOR-DUPLICATE",
}


def check_page_html(
    shown: str, lines: list[str], body_start: int, page_html: str, others: Mapping[str, list[str]]
) -> list[Problem]:
    """The policy's findings in ``page_html``, located in the page's lines or in ``others``.

    ``others`` are the snippets a page may include (path as printed → lines).
    """
    problems = []
    for violation in content_policy.violations(page_html):
        where, line = locate(violation.needles, shown, lines, body_start, others)
        problems.append(Problem(where, line, CODES[violation.kind], violation.message))
    return problems


def locate(
    needles: tuple[str, ...],
    shown: str,
    lines: list[str],
    body_start: int,
    others: Mapping[str, list[str]],
) -> tuple[str, int]:
    """The file and line that hold the first of ``needles`` found, as written, else in any case.

    Needles are tried in order (the most telling first), each in the page and then in the
    snippets.
    """
    texts = [(shown, lines, body_start)] + [(path, text, 0) for path, text in others.items()]
    for fold in (False, True):
        for needle in needles:
            wanted = needle.lower() if fold else needle
            for path, text, start in texts:
                for index, line in outside_code(text, start):
                    if wanted in (line.lower() if fold else line):
                        return path, index + 1
    return shown, 1


def snippets(sources: Sources) -> dict[str, list[str]]:
    """The shared fragments (``docs/_snippets/…``) that pages include, by path as printed."""
    return {shown: lines for shown, lines in sources.texts.items() if "/_snippets/" in shown}


def check_rendered_pages(sources: Sources, kb: KnowledgeBase | None) -> list[Problem]:
    """Render every page as the build would and apply the content policy to its HTML.

    ``kb`` is None when the sources break other rules: the markers are then left unfilled.
    """
    if not sources.pages:
        return []
    renderer = PageRenderer(sources.config, sources.docs)
    included = snippets(sources)
    unreadable = {problem.path for problem in sources.problems}
    problems = []
    for source in sources.pages.values():
        if source.shown in unreadable:
            continue  # already reported: where its front matter ends is not known
        page_html = renderer.render(source, kb)
        problems += check_page_html(
            source.shown, source.lines, source.body_start, page_html, included
        )
    return problems
