"""Links to the downloads: a module's PDF packs, the whole pack, the offline copy.

A link is written only to a file the build makes (``kb.downloads``, set by the build's hooks):
where a build has no packs or no zip (``make serve``, the check script), the page says how to get
them instead of linking to nothing.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from thuynguyen_kb import downloads
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.source_dates import BABEL_LOCALES, long_date

BOX_CLASS = "downloads-box"  # left out of the packs themselves (packs.documents)


def _megabytes(size: int, lang: str) -> str:
    return format_decimal(round(size / 1_000_000, 1), "0.0", locale=BABEL_LOCALES[lang]) + " MB"


def pack_links(kb: KnowledgeBase, module: Record, lang: str, separator: str = " · ") -> str:
    """The module's two PDFs in ``lang``, as Markdown links (or a notice)."""
    text = kb.strings[lang]
    if not kb.downloads.pdf_packs:
        return text["pdf_missing"]
    labels = {"trainer": text["pdf_trainer"], "handout": text["pdf_handout"]}
    return separator.join(
        f"[{label}]({downloads.link(downloads.module_pdf(module.id, lang, kind))})"  # type: ignore[arg-type]
        for kind, label in labels.items()
    )


def whole_pack_link(kb: KnowledgeBase, lang: str) -> str:
    """The link to every module and handout of ``lang`` in one PDF (or a notice)."""
    text = kb.strings[lang]
    if not kb.downloads.pdf_packs:
        return text["pdf_missing"]
    return f"[{text['pdf_whole']}]({downloads.link(downloads.whole_pack_pdf(lang))})"


def render_module_downloads(kb: KnowledgeBase, module: Record, page: str, lang: str) -> str:
    """A module page's box of PDFs: its trainer's copy and handout, and the whole pack."""
    text = kb.strings[lang]
    lines = [f'!!! info {BOX_CLASS} "{text["pack_pdfs"]}"', ""]
    lines.append(f"    {pack_links(kb, module, lang)}")
    if kb.downloads.pdf_packs:
        lines += ["", f"    {text['pdf_about']} {whole_pack_link(kb, lang)}."]
    return "\n".join(lines)


def render_downloads(kb: KnowledgeBase, page: str, lang: str) -> str:
    """The whole training pack in ``lang`` and the offline copy (see :func:`offline_copy`)."""
    return f"- {whole_pack_link(kb, lang)}\n- {offline_copy(kb, lang)}"


def offline_copy(kb: KnowledgeBase, lang: str) -> str:
    """The offline copy: its link, size, date and checksum; or where it comes from."""
    text = kb.strings[lang]
    available = kb.downloads
    if available.inside_offline_copy:
        return text["offline_inside"]
    copy = available.offline_copy
    if copy is None:
        return text["offline_missing"]
    details = text["offline_link"].format(
        size=_megabytes(copy.size, lang),
        date=long_date(copy.date, lang),
    )
    zip_link = downloads.link(downloads.OFFLINE_ZIP)
    checksum_link = downloads.link(downloads.OFFLINE_CHECKSUM)
    return (
        f"**[{details}]({zip_link})**. {text['offline_how']}"
        f" [{text['offline_checksum']}]({checksum_link}): `{copy.sha256}`."
    )
