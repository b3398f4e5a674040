"""MkDocs adapter of the contact settings (``thuynguyen_kb.contact``) and of the "report a problem
with this page" link (``thuynguyen_kb.render.contact``).

- ``on_config``: read and check ``extra.contact_email`` and ``extra.publisher``; a value that
  cannot be published, or a build for publication (``site_url`` set) without an address, stops
  the build before anything is read, with the variable to set. ``mkdocs serve`` sets
  ``site_url`` to its own address, but a preview (``build_state.serving``) is not a publication
  and needs no address.
- ``on_pre_build`` (default priority, after the knowledge-base hook's 100): give the renderers
  the settings (``kb.contact``), for the ``kb:contact`` marker of the contact page.
- ``on_page_context``: give every page's template its link (``kb_feedback``, shown by
  ``partials/page-feedback.html``) and the footer's links (``kb_site_links``, shown by
  ``partials/copyright.html``).
- ``on_template_context``: the same for each language's 404 page, which has no page of its own,
  titled with its heading in its language.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state, contact, layout
from thuynguyen_kb.render import contact as render

_settings: dict[str, contact.Contact] = {}


def on_config(config: Any) -> Any:
    """Check the contact settings; stop a build that could not be published."""
    published_at = None if build_state.serving else config.site_url
    try:
        _settings["contact"] = contact.read(dict(config.extra), published_at)
    except contact.ContactError as error:
        raise PluginError(f"Contact settings (mkdocs.yml, extra): {error}") from None
    return config


def on_pre_build(config: Any) -> None:
    """Tell the renderers who publishes the site and where readers write to."""
    build_state.loaded().contact = _settings.get("contact", contact.Contact())


def _plain(value: Any) -> str:
    """A title as plain text (hook plain_text.py hands titles over as escaped HTML)."""
    return str(value.unescape() if isinstance(value, Markup) else value or "")


def _language(config: Any) -> str:
    return str(config.theme["language"])


def _page_urls(nav: Any) -> dict[str, str]:
    """The address of each page of the nav relative to the site's root, by its default-language
    file (``lien-he.md`` → ``en/lien-he/`` in the English build)."""
    pages = getattr(nav, "pages", None) or []
    return {layout.neutral_path(page.file.src_uri): page.url for page in pages}


def _add_links(context: dict[str, Any], config: Any, title: str, address: str, missing: bool):
    kb, lang, urls = build_state.loaded(), _language(config), _page_urls(context.get("nav"))
    contact_url = urls.get(render.CONTACT_PAGE)
    context["kb_feedback"] = render.page_feedback(kb, lang, title, address, contact_url, missing)
    context["kb_site_links"] = render.footer_links(kb, lang, urls)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """The page's "report a problem" link, with its title and its address."""
    title = _plain((page.meta or {}).get("title") or page.title or config.site_name)
    address = page.canonical_url or "/" + page.url  # absolute once SITE_URL is set
    _add_links(context, config, title, address, missing=False)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> Any:
    """The 404 page's link: the reader is asked for the address they opened."""
    if template_name == "404.html":
        kb, lang = build_state.loaded(), _language(config)
        root = "" if lang == layout.DEFAULT_LANGUAGE else f"{lang}/"
        address = (config.site_url or "/") + root + template_name
        title = render.not_found_title(kb, lang)  # the page's heading (hook not_found_page.py)
        _add_links(context, config, title, address, missing=True)
    return context
