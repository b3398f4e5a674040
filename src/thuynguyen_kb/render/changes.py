"""A page's dates and change notes, and the "What's new" page made of every page's notes.

- :func:`page_box`: the box at the foot of every page (``overrides/partials/source-file.html``
  prints it): when the page was last updated and, where that is another day, first published,
  both as the plugin read them from git, then the page's change notes, newest first. HTML built
  with lxml, so every value is escaped; labels and dates in the language of the page's readers,
  notes in the language they are written in (marked with ``lang`` where that differs).
- :func:`render_whats_new` (marker ``<!-- kb:whats-new -->``): every change note the readers
  of a language see, newest first, one section per day, each linking to its page; and the link
  to the language's feed (:mod:`thuynguyen_kb.feeds`), written as a generated-file link
  (``kb-download:``) that the build makes relative to the page, as it does for the downloads.
"""

from __future__ import annotations

import datetime
from itertools import groupby

from lxml import etree, html

from thuynguyen_kb import downloads, feeds
from thuynguyen_kb.knowledge import Change, KnowledgeBase
from thuynguyen_kb.render.links import link, literal
from thuynguyen_kb.source_dates import PageDates, long_date

BOX_CLASS = "kb-dates"
CHANGES_ID = "kb-thay-doi"  # the heading of a page's notes (generated, never in a page's text)


def day_id(day: datetime.date) -> str:
    """The id of a day's section on the "What's new" page (the same in every language)."""
    return f"ngay-{day.isoformat()}"


def _time(parent: etree._Element, day: datetime.date, lang: str) -> etree._Element:
    moment = etree.SubElement(parent, "time", datetime=day.isoformat())
    moment.text = long_date(day, lang)
    return moment


def page_box(changes: list[Change], dates: PageDates, lang: str, text: dict[str, str]) -> str:
    """The HTML of a page's dates and notes for readers of ``lang`` ("" if it has neither)."""
    if dates.updated is None and not changes:
        return ""
    box = html.Element("div", {"class": BOX_CLASS, "lang": lang})
    if dates.updated is not None:
        facts = etree.SubElement(box, "p", {"class": f"{BOX_CLASS}__facts"})
        shown = [("dates_updated", dates.updated)]
        if dates.published is not None and dates.published != dates.updated:
            shown.append(("dates_published", dates.published))
        for key, day in shown:
            fact = etree.SubElement(facts, "span", {"class": f"{BOX_CLASS}__fact"})
            fact.text = f"{text[key]}: "
            _time(fact, day, lang)
    if changes:
        title = etree.SubElement(box, "h2", {"id": CHANGES_ID, "class": f"{BOX_CLASS}__title"})
        title.text = text["changes_title"]
        listed = etree.SubElement(box, "ul", {"class": f"{BOX_CLASS}__changes"})
        for change in changes:
            item = etree.SubElement(listed, "li")
            _time(item, change.day, lang).tail = ": "
            note = etree.SubElement(item, "span")
            note.text = change.note
            if change.lang != lang:
                note.set("lang", change.lang)
    return html.tostring(box, encoding="unicode")


def _entry(kb: KnowledgeBase, change: Change, page: str, lang: str) -> str:
    """One line of the "What's new" list: the page's title, linked, and the note."""
    title, target, note = literal(change.title), link(page, change.page), literal(change.note)
    if change.lang == lang:
        return f"- [{title}]({target}): {note}"
    mark = kb.strings[lang]["not_translated"]
    original = change.lang
    return (
        f'- [{title}]({target}){{ lang="{original}" hreflang="{original}" }} ({mark}):'
        f' <span lang="{original}">{note}</span>'
    )


def feed_title(kb: KnowledgeBase, lang: str, site_name: str) -> str:
    """The title of the feed of ``lang`` (plain text), as readers and feed readers show it."""
    return kb.strings[lang]["feed_title"].format(site=site_name)


def render_whats_new(kb: KnowledgeBase, page: str, lang: str) -> str:
    """The feed's link, then every change note of ``lang``, newest first, by day."""
    text = kb.strings[lang]
    feed = f"[{text['feed_link']}]({downloads.link(feeds.path(lang))})"
    lines = [text["feed_about"].format(link=feed), ""]
    changes = kb.changes.get(lang, [])
    if not changes:
        return "\n".join([*lines, text["whats_new_none"]])
    for day, group in groupby(changes, key=lambda change: change.day):
        lines += [f"## {long_date(day, lang)} {{ #{day_id(day)} }}", ""]
        lines += [_entry(kb, change, page, lang) for change in group]
        lines.append("")
    return "\n".join(lines).rstrip("\n")
