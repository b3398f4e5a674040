"""The site's downloadable files: where each lives in the built site, and how pages link to it.

Downloads live in one folder of the built site, shared by both languages: the PDF session packs
(a trainer's copy and a participant handout per module and language, and one whole pack per
language), the offline copy (a zip, with its SHA-256 checksum beside it), each body's report
form, and the progress exports, charts and compiled summaries (:mod:`thuynguyen_kb.progress`).

A page's Markdown cannot link to them with a relative path, because the path depends on the
page's address (``tap-huan/m3/`` on the web, ``tap-huan/m3.html`` in the offline copy) and
MkDocs only resolves links to documentation pages. So generated Markdown links to
``kb-download:<path>`` (:func:`link`), and the build rewrites each such address to a path
relative to the page once the page's address is known (:func:`resolve_links`); the check script
does the same before it applies the content policy.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal

from thuynguyen_kb.offline.zip_file import FOLDER as OFFLINE_FOLDER
from thuynguyen_kb.offline.zip_file import OfflineCopy

FOLDER = "downloads"
SCHEME = "kb-download:"
OFFLINE_ZIP = f"{FOLDER}/{OFFLINE_FOLDER}.zip"
OFFLINE_CHECKSUM = OFFLINE_ZIP + ".sha256"

PackKind = Literal["trainer", "handout"]
# Python-Markdown writes every attribute in double quotes, so generated links are found as such.
# A download link written some other way is not rewritten, and the content policy rejects its
# unknown scheme (HTML-URL): nothing unresolved is published.
# An image (the progress chart) is linked alike, in its ``src``.
_DOWNLOAD_HREF = re.compile(r'(href|src)="(' + re.escape(SCHEME) + r'[^"]*)"')


@dataclass(frozen=True)
class Available:
    """What this build offers for download, so that a page links only to files that exist.

    ``check_structure.py`` and ``make serve`` have neither packs nor a zip; a publication build
    (``make build``) has both; the offline copy has its packs and is itself the zip.
    """

    pdf_packs: bool = False
    offline_copy: OfflineCopy | None = None
    inside_offline_copy: bool = False


def module_pdf(module_id: str, lang: str, kind: PackKind) -> str:
    """The site path of a module's PDF: the trainer's copy or the participant handout."""
    return f"{FOLDER}/{module_id}-{lang}-{kind}.pdf"


def whole_pack_pdf(lang: str) -> str:
    """The site path of the PDF holding every module and handout in ``lang``."""
    return f"{FOLDER}/training-pack-{lang}.pdf"


def report_form(body_id: str, lang: str, printable: bool = False) -> str:
    """The site path of a body's report form in ``lang``: the spreadsheet, or its printable PDF."""
    return f"{FOLDER}/forms/{body_id}-{lang}.{'pdf' if printable else 'xlsx'}"


def progress_export(lang: str, extension: Literal["csv", "xlsx"]) -> str:
    """The site path of every progress report, as one table in ``lang``."""
    return f"{FOLDER}/progress/progress-{lang}.{extension}"


def progress_chart(period: str, lang: str) -> str:
    """The site path of the chart of a period's statuses (SVG)."""
    return f"{FOLDER}/progress/chart-{period}-{lang}.svg"


def progress_summary(period: str, lang: str) -> str:
    """The site path of the compiled summary of a period, for the city People's Committee."""
    return f"{FOLDER}/progress/summary-{period}-{lang}.docx"


def link(path: str) -> str:
    """The address generated Markdown uses for the download at site path ``path``."""
    return SCHEME + path


def resolve(href: str, page_url: str) -> str:
    """``href`` as a path relative to the page at ``page_url`` (MkDocs' ``page.url``: ``''``
    for the home page, ``tap-huan/`` or ``tap-huan/m3.html``), if it is a download link."""
    if not href.startswith(SCHEME):
        return href
    target = href[len(SCHEME) :]
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, folder.rstrip("/") or ".")


def resolve_links(content: str, page_url: str) -> str:
    """``content`` (a page's HTML) with each generated download link made relative."""
    return _DOWNLOAD_HREF.sub(
        lambda found: f'{found.group(1)}="{resolve(found.group(2), page_url)}"', content
    )
