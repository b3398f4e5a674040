"""One stylesheet for every page: Material's, then the site's own rules, in a file named by its
content.

A page that links two stylesheets waits for both before its first paint, and a phone pays for
the second request: Lighthouse's simulated first paint of a content page came about 150 ms
earlier with ``site.css`` appended to Material's stylesheet than with it linked on its own
(README, "Lighthouse against stock Material"). So the build writes one file,
``assets/stylesheets/site.<hash>.min.css``: Material's ``main.<hash>.min.css`` as Material ships
it, a newline, then ``docs/assets/stylesheets/site.css`` minified (:func:`.minify.minify_text`).
Its name carries the first 12 hex digits of the SHA-256 of its text, so it is cached for good
like Material's own bundles (:class:`.policy.Caching`): a change to either part gives a new name.
The name is known before any page is rendered, from the two sources, and the file is written
once the build ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.publishing.minify import minify_text

MATERIAL = "assets/stylesheets/main.*.min.css"  # Material's stylesheet, in its templates folder
OWN = "assets/stylesheets/site.css"  # the site's own rules, in docs/
FOLDER = "assets/stylesheets"
DIGITS = 12  # hex digits of the SHA-256 in the file's name


class StylesheetError(ValueError):
    """The parts of the stylesheet cannot be found or read."""


@dataclass(frozen=True)
class Stylesheet:
    """The combined stylesheet: where it goes in the site, and its text."""

    path: str  # relative to the site's root, e.g. "assets/stylesheets/site.0123456789ab.min.css"
    text: str


def material_stylesheet(theme_dirs: Iterable[str | Path]) -> Path:
    """Material's stylesheet: the one file matching :data:`MATERIAL` in the theme's folders."""
    dirs = [Path(folder) for folder in theme_dirs]
    for folder in dirs:
        found = sorted(folder.glob(MATERIAL))
        if len(found) > 1:
            names = ", ".join(path.name for path in found)
            raise StylesheetError(
                f"{folder / FOLDER}: {len(found)} stylesheets match {MATERIAL} ({names}), "
                "expected one: reinstall mkdocs-material at the version of requirements.txt"
            )
        if found:
            return found[0]
    searched = ", ".join(str(folder) for folder in dirs) or "no folder"
    raise StylesheetError(
        f"no stylesheet matches {MATERIAL} in the theme's folders ({searched}): is the theme "
        "'material' (mkdocs.yml, theme.name) and mkdocs-material installed?"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StylesheetError(f"{path}: missing, expected the site's stylesheet") from None
    except UnicodeDecodeError as error:
        raise StylesheetError(
            f"{path}: not UTF-8 text (byte at offset {error.start}), expected a stylesheet"
        ) from None


def combine(material: Path, own: Path) -> Stylesheet:
    """Material's stylesheet then the site's minified rules, under a name made of their hash."""
    own_text = _read(own)
    text = _read(material).rstrip("\n") + "\n" + minify_text(own, own_text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGITS]
    return Stylesheet(f"{FOLDER}/site.{digest}.min.css", text)


def for_site(docs: Path, theme_dirs: Iterable[str | Path]) -> Stylesheet:
    """The combined stylesheet of the site whose sources are in ``docs``."""
    return combine(material_stylesheet(theme_dirs), docs / OWN)


def write(site: Path, sheet: Stylesheet) -> Path:
    """Write ``sheet`` into ``site`` (to a temporary name, then renamed): its path."""
    target = site / sheet.path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, sheet.text)
    return target
