"""Give every task-list checkbox its item's text as its label.

pymdownx.tasklist writes ``<li><label class="task-list-control"><input type="checkbox">…
</label> Text</li>``: the label wraps the checkbox but holds no text, so the checkbox has no
accessible name (axe-core rule "label", critical) and a screen reader announces an unnamed
checkbox. This hook closes the label after the item's text (before any nested list) instead,
so the checkbox is read with its text, once. Nothing changes visually.

The checkbox markup is not a tree element but raw HTML kept in Python-Markdown's HTML stash
(``md.htmlStash``) behind a placeholder at the start of the item's text; so the processor
rewrites that stash entry without its ``</label>`` and stores a new ``</label>`` placeholder
after the text.

Event: ``on_config`` (default priority): adds a small Markdown extension whose treeprocessor runs
after pymdownx.tasklist's (priority 25). The extension is stateless, so one instance serves both
languages' builds; it is added only if not already there.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_NESTED_LISTS = {"ul", "ol"}
_CLOSE = re.compile(r"</label>\s*$")


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
    """Markdown extension registering :class:`_LabelTaskItems` after pymdownx.tasklist."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(_LabelTaskItems(md), "tasklist_labels", 24)


def on_config(config: Any) -> Any:
    """Add the extension once."""
    if not any(isinstance(e, TasklistLabelsExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(TasklistLabelsExtension())
    return config
