"""Render a pack's HTML to PDF with WeasyPrint, the same bytes for the same input.

- **Nothing is fetched.** The document is the page's own HTML and the pack's stylesheet; the
  fetcher refuses every URL, so a page cannot make the build read a file or call a server, and
  the output depends on nothing but its input (and the fonts installed: see the README).
- **Reproducible.** WeasyPrint writes no date unless the document names one (the pack gives the
  date its sources last changed, ``dcterms.created``/``dcterms.modified``), and the file
  identifier is made from the content, so two builds give identical bytes.
- **Cached.** Rendering takes about a second per module; the result is kept under a name made
  from a hash of the input, the stylesheet and WeasyPrint's version, so a build whose pages did
  not change reuses it. A stale entry cannot be used by mistake: any change changes the name.

WeasyPrint is imported only when a PDF is rendered: ``make serve`` does not render packs and does
not need the system libraries WeasyPrint uses (Pango).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

from thuynguyen_kb.files import atomic_path

STYLESHEET = resources.files(__package__).joinpath("pack.css")


class FetchRefusedError(ValueError):
    """A pack's HTML asked for a resource (an image, a stylesheet): packs load nothing."""


def _refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that stops the rendering at the first URL it is asked for."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    class RefuseEverything(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise FatalURLFetchingError(f"a pack may not load {url!r}: packs use their own HTML")

    return RefuseEverything()


def stylesheet() -> str:
    """The pack's stylesheet (``pack.css`` beside this module)."""
    return STYLESHEET.read_text(encoding="utf-8")


class RendererMissingError(RuntimeError):
    """WeasyPrint cannot start: the system libraries it draws text with are missing."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as error:  # WeasyPrint loads Pango when imported
        raise RendererMissingError(
            f"WeasyPrint, which renders the PDF packs, cannot start ({error}). On Debian or"
            " Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core"
            " fonts-dejavu-core (or build with PDF_PACKS=false)"
        ) from None
    return weasyprint


def cache_key(document: str, css: str) -> str:
    """The name under which the PDF of ``document`` is cached."""
    weasyprint = _weasyprint()

    digest = hashlib.sha256()
    for piece in (weasyprint.__version__, css, document):
        digest.update(piece.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def render(document: str, css: str) -> bytes:
    """The PDF of ``document`` (an HTML string) styled by ``css``."""
    weasyprint = _weasyprint()

    fetcher = _refusing_fetcher()
    page = weasyprint.HTML(string=document, url_fetcher=fetcher)
    styles = [weasyprint.CSS(string=css, url_fetcher=fetcher)]
    # The file identifier is made from the content, and the PDF is tagged (headings, lists and
    # tables marked up for screen readers).
    identifier = hashlib.sha256(document.encode("utf-8")).hexdigest()[:32].encode("ascii")
    from weasyprint.urls import FatalURLFetchingError

    try:
        return page.write_pdf(stylesheets=styles, pdf_identifier=identifier, pdf_tags=True)
    except FatalURLFetchingError as error:  # not an Exception: WeasyPrint lets it through
        raise FetchRefusedError(str(error)) from None


def write(document: str, css: str, target: Path, cache: Path | None) -> bool:
    """Write the PDF of ``document`` at ``target``; True if it came from ``cache``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache / f"{cache_key(document, css)}.pdf" if cache else None
    hit = cached is not None and cached.is_file()
    data = cached.read_bytes() if hit and cached else render(document, css)
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    if cached is not None and not hit:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(cached) as temporary:
            temporary.write_bytes(data)
    return hit
