"""Python-Markdown extensions of the site (no site generator needed, only Python-Markdown).

- :class:`ElementPermalinksExtension`: the plan's numbered items (II.1, III.2, IV.5, …) are
  paragraphs, not headings, yet people must be able to copy a link to each one.
  Python-Markdown's ``toc`` extension gives only headings a "¶" link; this gives the same link to
  every ``<p>`` or ``<li>`` that an editor marked with ``{ #id }``, and to every term of a
  definition list that carries one (the glossary's terms), with a tooltip in the page's language.
- :class:`TasklistLabelsExtension`: pymdownx.tasklist writes ``<li><label
  class="task-list-control"><input type="checkbox">…</label> Text</li>``: the label wraps the
  checkbox but holds no text, so the checkbox has no accessible name (axe-core rule "label",
  critical). This closes the label after the item's text (before any nested list) instead, so
  the checkbox is read with its text, once. Nothing changes visually. The checkbox markup is raw
  HTML kept in Python-Markdown's HTML stash behind a placeholder, so the processor rewrites that
  stash entry without its ``</label>`` and stores a new ``</label>`` placeholder after the text.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_PERMALINK_TAGS = {"p", "li", "dt"}
_NESTED_LISTS = {"ul", "ol"}
_CLOSE = re.compile(r"</label>\s*$")


class _ElementPermalinks(Treeprocessor):
    """Append ``<a class="headerlink" href="#id">¶</a>`` to each ``p``/``li``/``dt`` with an id."""

    def __init__(self, md: Markdown, title: str) -> None:
        super().__init__(md)
        self.title = title

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            element_id = element.get("id")
            if element.tag not in _PERMALINK_TAGS or not element_id:
                continue
            # Separate the mark from the text with a space, as toc does for headings.
            if len(element):
                element[-1].tail = (element[-1].tail or "") + " "
            else:
                element.text = (element.text or "") + " "
            link = ElementTree.SubElement(
                element, "a", {"class": "headerlink", "href": f"#{element_id}", "title": self.title}
            )
            link.text = "¶"


class ElementPermalinksExtension(Extension):
    """Registers :class:`_ElementPermalinks` after attr_list and toc."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # attr_list sets ids at priority 8 and toc adds heading links at 5; run after both.
        md.treeprocessors.register(_ElementPermalinks(md, self.title), "element_permalinks", 4)


class _LabelTaskItems(Treeprocessor):
    """Close each task item's label after the item's text instead of right after the box."""

    def run(self, root: ElementTree.Element) -> None:
        stash = self.md.htmlStash
        for item in root.iter("li"):
            if "task-list-item" not in (item.get("class") or "").split():
                continue
            holder = item[0] if item.text is None and len(item) and item[0].tag == "p" else item
            match = HTML_PLACEHOLDER_RE.match(holder.text or "")
            if not match or "task-list-control" not in stash.rawHtmlBlocks[int(match.group(1))]:
                continue
            index = int(match.group(1))
            stash.rawHtmlBlocks[index] = _CLOSE.sub(" ", stash.rawHtmlBlocks[index])
            closing = stash.store("</label>")
            last = None  # the last inline element before any nested list
            for child in holder:
                if child.tag in _NESTED_LISTS:
                    break
                last = child
            if last is None:
                holder.text = (holder.text or "") + closing
            else:
                last.tail = (last.tail or "") + closing


class TasklistLabelsExtension(Extension):
    """Registers :class:`_LabelTaskItems` after pymdownx.tasklist (priority 25)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(_LabelTaskItems(md), "tasklist_labels", 24)
