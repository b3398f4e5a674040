"""Permalinks for paragraphs and list items that carry an explicit id, in the page's language.

The plan's numbered items (II.1, III.2, IV.5, …) are paragraphs, not headings, yet people must be
able to copy a link to each one. Python-Markdown's ``toc`` extension gives only headings a "¶"
link; this hook gives the same link to every ``<p>`` or ``<li>`` that an editor marked with
``{ #id }``, and sets both kinds of link's tooltip in the language being built.

Event: ``on_config`` at priority -200, i.e. after mkdocs-static-i18n (-100) has set
``theme.language`` for the language being built (the plugin runs one build per language and
``on_config`` runs at the start of each).
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PERMALINK_TITLES = {"vi": "Liên kết cố định tới mục này", "en": "Permanent link to this item"}
_TARGET_TAGS = {"p", "li"}


class _ElementPermalinks(Treeprocessor):
    """Append ``<a class="headerlink" href="#id">¶</a>`` to each ``p``/``li`` with an id."""

    def __init__(self, md: Markdown, title: str) -> None:
        super().__init__(md)
        self.title = title

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            element_id = element.get("id")
            if element.tag not in _TARGET_TAGS or not element_id:
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
    """Markdown extension registering :class:`_ElementPermalinks` after attr_list and toc."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # attr_list sets ids at priority 8 and toc adds heading links at 5; run after both.
        md.treeprocessors.register(_ElementPermalinks(md, self.title), "element_permalinks", 4)


@event_priority(-200)
def on_config(config: Any) -> Any:
    """Install the extension and set the permalink tooltip for the language being built."""
    language = config.theme["language"]
    if language not in PERMALINK_TITLES:
        raise PluginError(
            f"overrides/hooks/element_permalinks.py: no permalink title for language "
            f"'{language}' (expected one of {sorted(PERMALINK_TITLES)}); add it to PERMALINK_TITLES"
        )
    title = PERMALINK_TITLES[language]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = title
    # Replace the instance from the previous language's build instead of stacking another.
    config.markdown_extensions[:] = [
        ext for ext in config.markdown_extensions if not isinstance(ext, ElementPermalinksExtension)
    ]
    config.markdown_extensions.append(ElementPermalinksExtension(title))
    return config
