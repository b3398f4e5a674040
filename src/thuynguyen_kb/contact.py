"""Who publishes the site and where readers write to: configuration, never content.

The sources name no publisher, person or address, so the site invents none: both come from the
build's configuration (``extra.publisher`` and ``extra.contact_email`` in mkdocs.yml, read from
the environment variables ``SITE_PUBLISHER`` and ``CONTACT_EMAIL``). :func:`read` checks them:
an address that is not an e-mail address (by the ``email-validator`` package, syntax only, no
network) or a name that is not one line of plain text stops the build with a message naming the
variable. A build for publication (``SITE_URL`` set) without an address stops too
(:func:`publication_problem`): readers of a published site must be able to write to someone.
Without an address, pages say plainly that none has been set (``render/contact.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

EMAIL_VARIABLE = "CONTACT_EMAIL"
PUBLISHER_VARIABLE = "SITE_PUBLISHER"
MAX_PUBLISHER = 200  # characters: a name, not a paragraph


@dataclass(frozen=True)
class Contact:
    """The configured publisher and contact address; None where not set."""

    email: str | None = None
    publisher: str | None = None


class ContactError(ValueError):
    """A configured value that cannot be published; the message says what to set."""


def _unset(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _kind(value: Any) -> str:
    """What YAML made of a value that is not text (``!ENV`` reads ``123`` as a number)."""
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


def email_address(value: Any) -> str | None:
    """``value`` as a checked e-mail address (normalised), None if unset."""
    if _unset(value):
        return None
    if not isinstance(value, str):
        raise ContactError(
            f"{EMAIL_VARIABLE}={value!r} is not an e-mail address (found {_kind(value)},"
            " expected text such as name@domain): set it to the address of the mailbox the"
            " editors read"
        )
    try:
        checked = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ContactError(
            f"{EMAIL_VARIABLE}={value!r} is not an e-mail address ({error}): set it to the"
            " address of the mailbox the editors read, in the form name@domain"
        ) from None
    return checked.normalized


def publisher_name(value: Any) -> str | None:
    """``value`` as the publisher's name (one line of plain text), None if unset."""
    if _unset(value):
        return None
    if not isinstance(value, str):
        raise ContactError(
            f"{PUBLISHER_VARIABLE}={value!r} is not a name (found {_kind(value)}, expected"
            " text): set it to the name of the body or group that publishes the site"
        )
    name = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in name) or len(name) > MAX_PUBLISHER:
        raise ContactError(
            f"{PUBLISHER_VARIABLE}={value!r} is not one line of text of at most {MAX_PUBLISHER}"
            " characters (found a line break or control character, or a longer text): set it"
            " to the name only"
        )
    # Here, not at the top: the rules import the knowledge base, which imports this module.
    from thuynguyen_kb.rules.plain_text import first_tag

    tag = first_tag(name)
    if tag:
        raise ContactError(
            f"{PUBLISHER_VARIABLE}={value!r} is plain text but holds the HTML tag {tag} (expected"
            " words only): remove the tag"
        )
    return name


def publication_problem(site_url: Any, email: str | None) -> str | None:
    """Why a build with ``site_url`` cannot be published with ``email``, or None."""
    if _unset(site_url) or email is not None:
        return None
    return (
        f"{EMAIL_VARIABLE} is not set, and a build for publication (SITE_URL={site_url}) needs"
        " it: the contact page, the accessibility statement and the 'report a problem' link of"
        " every page give readers that address. Set it to the address of the mailbox the"
        f" editors read and build again: {EMAIL_VARIABLE}=name@domain SITE_URL={site_url}"
        " make build. (A build without SITE_URL, such as make serve, says on its pages that no"
        " address is set.)"
    )


def read(extra: dict[str, Any], site_url: Any) -> Contact:
    """The contact settings of a build (``extra`` of mkdocs.yml); raises :class:`ContactError`."""
    contact = Contact(
        email=email_address(extra.get("contact_email")),
        publisher=publisher_name(extra.get("publisher")),
    )
    problem = publication_problem(site_url, contact.email)
    if problem:
        raise ContactError(problem)
    return contact
