"""Minify the site's own stylesheets and scripts in the built site, where readers load them.

``docs/assets/`` holds the site's own CSS and JS (``site.css``, ``search.js``,
``language-switch.js``), kept readable in the sources; Material's bundles are minified already.
Every page loads the site's files before it can show or search anything, so the built copies are
minified (``rcssmin`` and ``rjsmin``, pinned in requirements.txt): comments and spaces go, names
and code stay as written, so nothing needs a source map. Only files are minified, never code
inline in a page: the Content-Security-Policy allows inline scripts by the hash of their exact
text (:mod:`.inline_code`). The two libraries accept any text and never raise; what can be wrong
is the file itself (not UTF-8), or a result that is not smaller, both stopping the build with the
file named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

from thuynguyen_kb.files import write_atomically

ASSETS = "assets"  # the folder of docs/ whose CSS and JS are the site's own
MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
}


class MinifyError(ValueError):
    """A file of the site's own assets that cannot be minified."""


@dataclass(frozen=True)
class Minified:
    """One minified file: where, and its size before and after (bytes)."""

    path: Path
    before: int
    after: int


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise MinifyError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}), expected a UTF-8 stylesheet or script"
        ) from None


def minify_text(path: Path, text: str) -> str:
    """The minified ``text`` of the stylesheet or script at ``path`` (by its suffix)."""
    minified = MINIFIERS[path.suffix](text).strip()
    if len(minified) > len(text.strip()):
        raise MinifyError(
            f"{path}:1: minified text is larger (found {len(minified)} characters, "
            f"expected at most the {len(text.strip())} of the file)"
        )
    return minified + "\n"


def own_assets(docs: Path) -> list[str]:
    """The site's own CSS and JS, as paths relative to ``docs`` (and so to the built site)."""
    return sorted(
        path.relative_to(docs).as_posix()
        for path in (docs / ASSETS).rglob("*")
        if path.is_file() and path.suffix in MINIFIERS and not path.name.endswith(".min.js")
    )


def minify_site(docs: Path, site: Path) -> list[Minified]:
    """Minify, in ``site``, the built copy of every own CSS and JS file of ``docs``."""
    done = []
    for relative in own_assets(docs):
        built = site / relative
        if not built.is_file():
            continue
        text = _text(built)
        minified = minify_text(built, text)
        write_atomically(built, minified)
        done.append(Minified(built, len(text.encode()), len(minified.encode())))
    return done
