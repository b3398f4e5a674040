"""MkDocs adapter of the site's one stylesheet (``thuynguyen_kb.publishing.stylesheet`` says why
Material's and the site's rules are one file, named by its content).

- ``on_env``: give the templates its address (``kb_stylesheet``, linked by
  ``overrides/main.html``), known from the two sources before any page is rendered.
- ``on_post_build`` (priority -140: after mkdocs-static-i18n's nested builds at -100, before
  ``publishing.py`` at -150 precompresses the site): write it, to a temporary file renamed into
  place. Each language's build writes the same file; a preview's page save keeps the last full
  rebuild's (``thuynguyen_kb.preview``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from thuynguyen_kb import preview
from thuynguyen_kb.publishing import stylesheet
from thuynguyen_kb.publishing.minify import MinifyError


def _stylesheet(config: Any) -> stylesheet.Stylesheet:
    try:
        return stylesheet.for_site(Path(config.docs_dir), config.theme.dirs)
    except (stylesheet.StylesheetError, MinifyError) as error:
        raise PluginError(str(error)) from None


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Give the templates the address of the site's stylesheet."""
    env.globals["kb_stylesheet"] = _stylesheet(config).path
    return env


@event_priority(-140)
def on_post_build(config: Any) -> None:
    """Write the stylesheet into the built site."""
    if preview.skips("the stylesheet"):
        return
    stylesheet.write(Path(config.site_dir), _stylesheet(config))
