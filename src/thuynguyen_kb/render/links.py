"""Links between pages, labels of plan items, and text that must show literally."""

from __future__ import annotations

import posixpath
import re

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record


def link(page: str, target: str, anchor: str = "") -> str:
    """Relative Markdown link target from ``page`` to ``target`` (both relative to docs/)."""
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def item_label(ref: str) -> str:
    """``ii-3`` → ``II.3``; ``iii`` → ``III``."""
    roman, _, number = ref.partition("-")
    return roman.upper() + (f".{number}" if number else "")


def plan_link(ref: str, page: str) -> str:
    """A Markdown link to a plan item, labelled like ``[IV.2](../ke-hoach.md#iv-2)``."""
    return f"[{item_label(ref)}]({link(page, layout.PLAN_PAGE, ref)})"


def record_link(
    kb: KnowledgeBase, record: Record, page: str, lang: str, anchor: str = "", element_id: str = ""
) -> str:
    """A Markdown link to a record's page, with its title in ``lang`` (and the id
    ``element_id``, for a link that other pages may point at).

    A record not yet translated into ``lang`` shows its Vietnamese title, marked with its
    language (for screen readers) and with the words "not yet translated".
    """
    target = link(page, record.page, anchor)
    title = literal(record.title(lang))
    own_id = f"#{element_id} " if element_id else ""
    if record.translated(lang):
        return f"[{title}]({target})" + (f"{{ {own_id}}}" if own_id else "")
    original = layout.DEFAULT_LANGUAGE
    mark = kb.strings[lang]["not_translated"]
    return f'[{title}]({target}){{ {own_id}lang="{original}" hreflang="{original}" }} ({mark})'


def role_text(kb: KnowledgeBase, role: str, page: str, lang: str) -> str:
    """A role's label with a link to the plan item it comes from."""
    entry = kb.roles[role]
    return f"{literal(entry.label[lang])} ({plan_link(entry.ref, page)})"


def attribute(value: str) -> str:
    """``value`` escaped for an HTML attribute in double quotes."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def literal(line: str) -> str:
    """Plain text (a title, a label, a line of imported text) as Markdown that shows exactly that
    text: no HTML, no emphasis, no link, no attribute list (``{ … }``), no table cell break."""
    escaped = line.strip().replace("&", "&amp;").replace("<", "&lt;")
    escaped = re.sub(r"([\\`*_\[\]#{}|])", r"\\\1", escaped)
    # A leading "30.", "-", "+" or ">" would start a list or a quotation: escape it.
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-+>])", r"\\\1", escaped))


def facts(rows: list[tuple[str, str]]) -> str:
    """A definition list (``term`` / ``:   value``) of a record's facts."""
    return "\n\n".join(f"{term}\n:   {value}" for term, value in rows)
