"""What a page's content may contain once rendered: the site's policy for HTML and links.

Editors write Markdown, and Markdown lets raw HTML and any link through; so does attr_list
(``{ onclick=… }``). The policy is an allow-list of the elements and attributes the site's content
uses (what Python-Markdown, its extensions and the site's renderers write, and the ``<div
markdown>`` and ``<br>`` that pages write by hand), checked on the *rendered* HTML, so that
Markdown links, raw HTML and attribute lists are judged alike, after entities are decoded. Event
handlers, ``<script>``, ``<iframe>``, ``<object>``, ``style`` attributes (which the site's
Content-Security-Policy would block anyway) and ``javascript:``/``data:``/``vbscript:`` URLs fall
outside it.

The HTML is parsed with lxml (libxml2's HTML parser, which reads hostile markup such as
``<svg/onload=…>`` or ``jav&#x09;ascript:`` the way browsers do), never with regular expressions.
Only the URL's scheme is read by hand, following the WHATWG URL standard's first steps (strip
leading and trailing spaces and controls, drop tabs and newlines): no library exposes those steps
alone, and :func:`urllib.parse.urlsplit` keeps tabs that browsers remove.

To allow something new (an element, an attribute), add it here with the reason; the README's
"Content policy" section lists what is allowed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree, html

# Attributes every allowed element may carry.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang"})
# Element → its own attributes, beyond the global ones.
ALLOWED_ELEMENTS: dict[str, frozenset[str]] = {
    name: frozenset(attributes.split())
    for name, attributes in {
        # Markdown's own output.
        "p": "",
        "h1": "",
        "h2": "",
        "h3": "",
        "h4": "",
        "h5": "",
        "h6": "",
        "a": "href hreflang title download",  # hreflang: a link to a page not yet translated
        "img": "src alt title",
        "em": "",
        "strong": "",
        "code": "",
        "pre": "",
        "blockquote": "",
        "ul": "",
        "ol": "start",
        "li": "",
        "hr": "",
        "br": "",
        # tables, def_list, abbr, admonition, details and pymdownx.tasklist.
        "table": "",
        "thead": "",
        "tbody": "",
        "tr": "",
        # align: a column aligned with ':' in Markdown (tables' use_align_attribute).
        "th": "scope align",
        "td": "data-label align",  # data-label: the renderers' column name shown on a phone
        "dl": "",
        "dt": "",
        "dd": "",
        "abbr": "title",
        # role, tabindex, aria-label: the scroll region around each table (table_regions.py).
        "div": "role tabindex aria-label",
        "details": "open",
        "summary": "",
        "label": "",
        "input": "type disabled checked",
        # Code highlighting (pymdownx.highlight) wraps tokens in spans.
        "span": "",
        # The days at a page's foot (render/changes.py), machine-readable in ``datetime``.
        "time": "datetime",
    }.items()
}
# Attributes whose value is restricted further: (element, attribute) → allowed values.
ALLOWED_VALUES: dict[tuple[str, str], frozenset[str]] = {
    ("input", "type"): frozenset({"checkbox"}),  # task lists only: no form fields
    ("th", "scope"): frozenset({"col", "row"}),
    ("th", "align"): frozenset({"left", "center", "right"}),
    ("td", "align"): frozenset({"left", "center", "right"}),
    # A region that a keyboard reaches in the page's order; nothing else is made focusable.
    ("div", "role"): frozenset({"region"}),
    ("div", "tabindex"): frozenset({"0"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# An explicit anchor id: ASCII kebab-case, like file names, so that links survive every tool.
# Python-Markdown's toc gives a repeated heading "_1", "_2" … after its slug.
ANCHOR_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:_[0-9]+)?")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_SPACES = "".join(chr(code) for code in range(0x21))  # C0 controls and space


@dataclass(frozen=True)
class Violation:
    """One thing in the HTML that the policy does not allow.

    ``kind`` is ``element``, ``attribute``, ``url``, ``id-format`` or ``id-duplicate``;
    ``needles`` are the texts to look for in the Markdown source to find the line that wrote it.
    """

    kind: str
    message: str
    needles: tuple[str, ...]


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in ``value`` (lowercase), or None for a relative URL."""
    cleaned = value.strip(_URL_SPACES)
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def violations(fragment: str) -> list[Violation]:
    """Everything in the HTML ``fragment`` (a page's rendered content) outside the policy."""
    if not fragment.strip():
        return []
    root = html.fragment_fromstring(fragment, create_parent="div")
    found: list[Violation] = []
    ids: Counter[str] = Counter()
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are not rendered
        if element.tag not in ALLOWED_ELEMENTS:
            found.append(_element_violation(element))
            continue
        found += _attribute_violations(element)
        element_id = element.get("id")
        if element_id is not None:
            ids[element_id] += 1
            if not ANCHOR_ID.fullmatch(element_id):
                found.append(
                    Violation(
                        "id-format",
                        f"the id '{element_id}' is not ASCII kebab-case (expected lowercase"
                        " letters a-z, digits and single hyphens, e.g. 'muc-moi'); links to it"
                        " would break in some tools: rename it",
                        (f"#{element_id}", f'id="{element_id}"', element_id),
                    )
                )
    for element_id, times in ids.items():
        if times > 1:
            found.append(
                Violation(
                    "id-duplicate",
                    f"the id '{element_id}' is given to {times} elements of the page; a link to"
                    " it can reach only the first: give each element its own id",
                    (f"#{element_id}", f'id="{element_id}"', element_id),
                )
            )
    return found


def _element_violation(element: etree._Element) -> Violation:
    name = str(element.tag)
    allowed = ", ".join(sorted(ALLOWED_ELEMENTS))
    return Violation(
        "element",
        f"the HTML element <{name}> is not allowed in a page (allowed: {allowed}); write the"
        " content in Markdown, or ask a developer to extend the content policy",
        (f"<{name}",),
    )


def _attribute_violations(element: etree._Element) -> list[Violation]:
    tag = str(element.tag)
    allowed = GLOBAL_ATTRIBUTES | ALLOWED_ELEMENTS[tag]
    found = []
    for name, value in element.attrib.items():
        name = str(name)
        if name not in allowed:
            reason = (
                "event-handler attributes run scripts and are never allowed"
                if name.startswith("on")
                else "style attributes are blocked by the site's Content-Security-Policy"
                if name == "style"
                else f"<{tag}> may carry only: {', '.join(sorted(allowed))}"
            )
            found.append(
                Violation(
                    "attribute",
                    f"the attribute '{name}' on <{tag}> is not allowed ({reason}): remove it",
                    (f"{name}=", name),
                )
            )
            continue
        values = ALLOWED_VALUES.get((tag, name))
        if values is not None and str(value).strip().lower() not in values:
            found.append(
                Violation(
                    "attribute",
                    f'<{tag} {name}="{value}"> is not allowed (expected one of:'
                    f" {', '.join(sorted(values))})",
                    (f"{name}=", name),
                )
            )
        if name in URL_ATTRIBUTES:
            scheme = url_scheme(str(value))
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                found.append(
                    Violation(
                        "url",
                        f"the link '{_shorten(str(value))}' uses the scheme '{scheme}:', which"
                        f" is not allowed (allowed: {', '.join(sorted(ALLOWED_SCHEMES))}, or a"
                        " link inside the site): link to a page instead",
                        _url_needles(str(value), scheme),
                    )
                )
    return found


def _url_needles(value: str, scheme: str) -> tuple[str, ...]:
    """What to look for in the source: the URL as read, its scheme, and what follows it (an
    entity such as ``&#106;`` or ``&colon;`` hides the scheme from the source, not the rest)."""
    rest = value.split(":", 1)[1].strip() if ":" in value else ""
    return (value, f"{scheme}:", *([f":{rest}", rest] if len(rest) >= 3 else []))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
