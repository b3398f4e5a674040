"""Small pure helpers for tests: reading built pages as a person would read their text."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

# Elements after which a reader sees a new line.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_SPACES = re.compile(r"\s+")


def load(path: Path) -> html.HtmlElement:
    """Parse a built HTML page."""
    return html.fromstring(path.read_bytes())


def text_lines(element: html.HtmlElement) -> list[str]:
    """The visible lines of ``element``: one per block or ``<br>``, spaces collapsed.

    Permalink marks ("¶") are left out: they are navigation, not text.
    """
    element = html.fromstring(html.tostring(element, encoding="unicode"))  # work on a copy
    for link in element.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        link.drop_tree()
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in BLOCK_TAGS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
        elif node.tag == "br":
            node.tail = "\n" + (node.tail or "")
    text = "".join(element.itertext())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def by_class(element: html.HtmlElement, name: str) -> list[html.HtmlElement]:
    """Descendants of ``element`` whose class list contains ``name``."""
    return element.xpath(f".//*[contains(concat(' ', @class, ' '), ' {name} ')]")


def element_ids(element: html.HtmlElement) -> set[str]:
    """Every ``id`` attribute inside ``element``."""
    return {node.get("id") for node in element.iter() if node.get("id")}


def article(page: html.HtmlElement) -> html.HtmlElement:
    """The page's main content (Material's ``article.md-content__inner``)."""
    return page.xpath("//article[contains(concat(' ', @class, ' '), ' md-content__inner ')]")[0]
