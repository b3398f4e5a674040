"""MkDocs adapter of the publishing files (package ``thuynguyen_kb.publishing`` says why each).

- ``on_post_template``: each language's own 404 page. MkDocs writes ``404.html`` at the root of
  the site in every language's build, so the last language built (English) would replace the
  Vietnamese page; in a language other than the default this hook writes it to that language's
  folder (``en/404.html``) instead, and hands MkDocs an empty page, which it then does not write.
- ``on_post_build`` (priority -150): once every language is built, the site's own CSS and JS
  minified (:mod:`thuynguyen_kb.publishing.minify`), ``_headers`` for static hosts, then the
  ``.gz`` and ``.br`` copies of the text files (:mod:`thuynguyen_kb.publishing.precompress`),
  last so that they copy the final files. mkdocs-static-i18n builds the other languages from
  inside the default language's ``on_post_build`` (priority -100), where each nested build runs
  its own ``on_pre_build`` … ``on_post_build``: this hook counts the builds that have started
  and not ended, and works when the outermost one ends. The offline copy is minified too, but
  has neither ``_headers`` nor compressed copies (``extra.publishing_headers: false`` in
  mkdocs.offline.yml): it is opened from disk, not served. Nor has ``mkdocs serve``'s preview
  (``build_state.serving``): its own server sends neither, and a writer waits for every rebuild.
  Inline code that the Content-Security-Policy cannot allow stops the build, page and line named.
  A preview's page save (``thuynguyen_kb.preview``) renders only the changed pages: it checks
  those for inline code and keeps the minified files and ``_headers`` of the last full rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from thuynguyen_kb import build_state, preview
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.publishing import headers_file
from thuynguyen_kb.publishing.inline_code import InlineCodeError, checked_hashes
from thuynguyen_kb.publishing.minify import MinifyError, minify_site
from thuynguyen_kb.publishing.policy import language_root
from thuynguyen_kb.publishing.precompress import precompress_site

_open_builds: list[str] = []  # the languages whose build has started and not yet ended


def on_pre_build(config: Any) -> None:
    """Count a build that starts (the default language's, or one nested inside it)."""
    _open_builds.append(config.theme["language"])


def on_build_error(error: Exception) -> None:
    """A failed build ends every nested one with it."""
    _open_builds.clear()


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Write a non-default language's 404 page into its own folder."""
    root = language_root(config.theme["language"]).lstrip("/")
    if template_name != "404.html" or not root:
        return output
    target = Path(config.site_dir) / root / template_name
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, output)
    return ""  # MkDocs skips an empty page: the root keeps the default language's 404 page


@event_priority(-150)
def on_post_build(config: Any) -> None:
    """Minify, write ``_headers`` and precompress when the outermost build ends."""
    if _open_builds:
        _open_builds.pop()
    if _open_builds:
        return
    site = Path(config.site_dir)
    if preview.skips("minified CSS and JS, _headers"):
        # The pages a page save wrote must still pass the check that _headers makes.
        _check_inline_code(site, [Path(page) for page in preview.state.written])
        return
    try:
        minify_site(Path(config.docs_dir), site)
    except MinifyError as error:
        raise PluginError(str(error)) from None
    if not config.extra.get("publishing_headers", True):
        return
    _check_inline_code(site, None, write=True)
    if not build_state.serving:
        precompress_site(site)


def _check_inline_code(site: Path, pages: list[Path] | None, write: bool = False) -> None:
    """Write ``_headers`` (``write``) or only check ``pages``; stop on inline code."""
    try:
        if write:
            headers_file.write(site)
        else:
            checked_hashes(site, pages)
    except InlineCodeError as error:
        raise PluginError(f"{error}\nMove the code into a file under docs/assets/.") from None
