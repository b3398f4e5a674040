"""Who publishes the site and how to write to them: the contact page's marker, the "report a
problem with this page" link of every page, the footer's links, and the review date of the
accessibility statement (``kb:reviewed``), which tells readers how current it is.

The settings come from the build (:mod:`thuynguyen_kb.contact`, ``kb.contact``). The link of a
page is a ``mailto:`` address whose subject and body carry the page's title and its address, so
that nothing but the reader's own e-mail program is involved (no form, no other host). Each part
is percent-encoded (``urllib.parse.quote``, nothing left unencoded but the address's ``@``), and
the template escapes the whole for its attribute; a title's line breaks become spaces, so a
title can never add a line to the message's header. Without an address, the page says that none
is set and points to the contact page instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.render.links import literal
from thuynguyen_kb.source_dates import long_date

CONTACT_PAGE = "lien-he.md"  # who publishes, who is responsible, how to write to them
CONTACT_SECTION = "gop-y"  # its section "write to the editors" (same id in both languages)
ACCESSIBILITY_PAGE = "kha-nang-tiep-can.md"  # the accessibility statement
FOOTER_PAGES = {CONTACT_PAGE: "contact_page", ACCESSIBILITY_PAGE: "accessibility_page"}
LINE_BREAK = "\r\n"  # in a mailto: body (RFC 6068, section 5)


@dataclass(frozen=True)
class Feedback:
    """What a page's template shows: a ``mailto:`` link, or a notice and the contact page."""

    href: str | None  # the mailto: address, when the build has a contact address
    text: str  # the link's text, or the notice that no address is set
    contact_label: str  # the contact page's name, linked after the notice
    contact_url: str | None  # the contact page's section, from the site's root (None: no page)


def one_line(text: str) -> str:
    """``text`` with every run of spaces and line breaks made one space."""
    return " ".join(text.split())


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` address to ``address`` with ``subject`` and ``body``, percent-encoded."""
    return (
        f"mailto:{quote(address, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


def page_feedback(
    kb: KnowledgeBase,
    lang: str,
    title: str,
    address: str,
    contact_url: str | None = None,
    missing_page: bool = False,
) -> Feedback:
    """The "report a problem" link of the page ``title`` at ``address`` (absolute where the
    site's address is known); ``missing_page`` for a not-found page, whose reader is asked for
    the address they opened."""
    text = kb.strings[lang]
    email = kb.contact.email
    if email is None:
        section = f"{contact_url}#{CONTACT_SECTION}" if contact_url is not None else None
        return Feedback(None, text["feedback_unset"], text["contact_page"], section)
    title = one_line(title)
    prompt = text["feedback_prompt_missing"] if missing_page else text["feedback_prompt"]
    body = LINE_BREAK.join(
        [
            text["feedback_page"].format(title=title),
            text["feedback_address"].format(address=one_line(address)),
            "",
            prompt,
            "",
        ]
    )
    subject = text["feedback_subject"].format(title=title)
    return Feedback(mailto(email, subject, body), text["feedback_link"], "", contact_url)


def not_found_title(kb: KnowledgeBase, lang: str) -> str:
    """The heading of a language's 404 page (``not_found`` in the strings, also shown by
    ``overrides/404.html``)."""
    return str(kb.strings[lang]["not_found"]["title"])


def footer_links(kb: KnowledgeBase, lang: str, urls: dict[str, str]) -> dict[str, object]:
    """The footer's links to the contact page and the accessibility statement: the name of the
    group and each label with its address relative to the site's root (``urls``: page →
    address, as built)."""
    text = kb.strings[lang]
    links = [{"label": text[key], "url": urls[p]} for p, key in FOOTER_PAGES.items() if p in urls]
    return {"label": text["footer_links"], "links": links}


def render_contact(kb: KnowledgeBase, part: str, lang: str) -> str:
    """``kb:contact part=publisher``: who publishes the site; ``part=email``: where to write."""
    text, contact = kb.strings[lang], kb.contact
    if part == "publisher":
        if contact.publisher is None:
            return text["contact_publisher_unset"]
        return text["contact_publisher"].format(name=literal(contact.publisher))
    if contact.email is None:
        return text["contact_email_unset"]
    link = f"[{literal(contact.email)}]({quote(f'mailto:{contact.email}', safe=':@')})"
    return text["contact_email"].format(address=link)


def render_reviewed(kb: KnowledgeBase, page: str, lang: str) -> str:
    """``kb:reviewed``: the day the page was last reviewed (its ``reviewed:``), in words."""
    return kb.strings[lang]["reviewed"].format(date=long_date(kb.reviewed[page], lang))
