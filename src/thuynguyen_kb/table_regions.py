"""Content tables that a phone can read: each in a named scroll region that a keyboard can reach.

A table wider than a phone's screen scrolls sideways. Material for MkDocs wraps every table
without a class in a scrolling ``div`` with JavaScript, once the page has loaded; that ``div``
cannot be reached with a keyboard (axe-core's ``scrollable-region-focusable``) and nothing says
it scrolls. So the build wraps each such table itself, as Adrian Roselli's "Under-Engineered
Responsive Tables" does::

    <div class="kb-table" role="region" tabindex="0" aria-label="Chương trình">
    <table class="kb-table__table">…</table>
    </div>

- ``tabindex="0"``: a keyboard user can move to the region and scroll it with the arrow keys;
- ``role="region"`` and a name, so that a screen reader says what that stop is: the table's
  caption, else the nearest heading before it (the page's own words, so in its language), else
  the cells of its first row; a name used twice on a page gets " (2)", " (3)" …;
- the class on the table keeps Material's script from wrapping it a second time (it wraps only
  tables without a class); the site's stylesheet gives such tables Material's look again, and
  the visible cue that a region scrolls ("Tables on small screens" in ``site.css``).

Tables that have a class (the who-does-what matrix, which has its own phone layout, or a table
wrapped already) are left as they are; Material's own two ``div`` around a table (HTML copied
from a page Material made) give way to the region, so that no table scrolls inside two boxes.
Works on a page's HTML content; pure.
"""

from __future__ import annotations

import copy
from collections import Counter

from lxml import html

REGION_CLASS = "kb-table"
TABLE_CLASS = "kb-table__table"
_HEADINGS = "preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]"


def wrap_tables(content: str) -> str:
    """``content`` (a page's HTML) with every table without a class in a named scroll region."""
    if "<table" not in content:
        return content  # most pages: not parsed, not rewritten
    root = html.fragment_fromstring(content, create_parent="div")
    tables = [table for table in root.iter("table") if table.get("class") is None]
    if not tables:
        return content
    names: Counter[str] = Counter()
    for table in tables:
        name = region_name(table)
        names[name] += 1
        region = html.Element("div", {"class": REGION_CLASS, "tabindex": "0"})
        if name:  # a region needs a name; a table without a word in it gets none, and no role
            region.set("role", "region")
            region.set("aria-label", name if names[name] == 1 else f"{name} ({names[name]})")
        place = _material_wrapper(table)
        if place is None:
            place = table
        place.addprevious(region)
        region.tail = place.tail
        if place is not table:
            place.getparent().remove(place)  # its tail goes with it: the region has it now
        region.text = table.tail = "\n"
        region.append(table)
        table.set("class", TABLE_CLASS)
    return html.tostring(root, encoding="unicode").removeprefix("<div>").removesuffix("</div>")


def region_name(table: html.HtmlElement) -> str:
    """What a screen reader should call ``table``'s region: its caption, else the nearest heading
    before it, else its first row's cells; "" for a table with no text at all."""
    caption = table.find("caption")
    if caption is not None and (text := _text(caption)):
        return text
    headings = table.xpath(_HEADINGS)
    if headings and (text := _text(headings[0])):
        return text
    first_row = table.xpath("(.//tr)[1]/*[self::th or self::td]")
    return ", ".join(text for cell in first_row if (text := _text(cell)))


def _material_wrapper(table: html.HtmlElement) -> html.HtmlElement | None:
    """The two ``div`` of Material's own wrapper around ``table``, if the page holds them (copied
    from a page Material made): the region replaces them, so that the table scrolls in one box."""
    inner = table.getparent()
    outer = inner.getparent() if inner is not None else None
    if outer is None or len(inner) != 1 or len(outer) != 1:
        return None
    if inner.get("class") == "md-typeset__table" and outer.get("class") == "md-typeset__scrollwrap":
        return outer
    return None


def _text(element: html.HtmlElement) -> str:
    """The element's text, spaces collapsed, without the "¶" of its permalink (class
    ``headerlink``, which the site's headings and paragraphs carry)."""
    element = copy.deepcopy(element)
    for link in element.find_class("headerlink"):
        link.drop_tree()
    return " ".join(element.text_content().split())
