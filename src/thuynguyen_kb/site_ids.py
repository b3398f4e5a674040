"""A rule of the built site: every ``id`` appears once per page, theme and content together.

- ``ANCHOR-DUPLICATE``: two elements of one built page carry the same ``id``: a link to it can
  reach only the first, and the page is not valid HTML. The content rules find this inside a
  page's content before the build writes anything; this finds it where the theme's ids
  (``__drawer``, ``__search`` …) meet the content's, and in pages made from templates only.

Reported at the Markdown line that wrote the id when the second element is in the page's
content, else at the line of the HTML file. Run by ``scripts/check_links.py``.
"""

from __future__ import annotations

from collections import Counter

from thuynguyen_kb.problems import Problem
from thuynguyen_kb.site_pages import Site


def check_duplicate_ids(site: Site) -> list[Problem]:
    """ANCHOR-DUPLICATE for each id given twice in a built page."""
    problems = []
    for page in site.pages.values():
        counts = Counter(use.id for use in page.id_uses)
        reported = set()
        for use in page.id_uses:
            element_id = use.id
            if counts[element_id] < 2 or element_id in reported:
                continue
            reported.add(element_id)
            later = [u for u in page.id_uses if u.id == element_id][-1]
            where = site.locate(page, later, [f"#{element_id}", f'id="{element_id}"'])
            problems.append(
                Problem(
                    *where,
                    "ANCHOR-DUPLICATE",
                    f"the id '{element_id}' is given to {counts[element_id]} elements of the"
                    f" built page {page.rel}; a link to it can reach only the first: give each"
                    " element its own id",
                )
            )
    return problems
