"""Stub pages for the paragraphs that have no page yet: ``DOCS/khuyen-nghi/p<N>.md`` and ``.en.md``.

A stub gives a new paragraph a page, so that the site shows its official text at once; the
editors later write its summary, themes and relations. Existing pages are never touched. The
front matter is built as data and checked against the page schema
(:class:`thuynguyen_kb.schemas.Recommendation`, and :class:`~thuynguyen_kb.schemas.Localized`
for the translation) before anything is written, so a stub cannot drift from what the checks
and the build accept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from thuynguyen_kb import layout, schemas
from thuynguyen_kb.importer.lines import InputError
from thuynguyen_kb.importer.parser import Paragraph

# Where the site puts a recommendation's official text on its page.
TEXT_MARKER = "<!-- kb:rec-text -->"


def stub_pages(symbol: str, number: int) -> dict[str, str]:
    """The Vietnamese and English stub pages of one paragraph, by file name."""
    vietnamese_name = f"p{number}.md"
    english_name = layout.translation_path(vietnamese_name, "en")
    vietnamese = {
        "type": "recommendation",
        "id": f"p{number}",
        "symbol": symbol,
        "paragraph": number,
        "urgent": False,
        "themes": [],
        "sdg_targets": [],
        "tasks": [],
        "bodies": [],
        "text_status": "official-en",
        "title": f"Đoạn {number}",
        "description": (
            f"Đoạn {number} của {symbol}, nhập từ văn bản chính thức; chưa có tóm tắt và liên kết."
        ),
    }
    english = {
        "title": f"Paragraph {number}",
        "description": (
            f"Paragraph {number} of {symbol}, imported from the official text;"
            " no summary or links yet."
        ),
    }
    _check(schemas.Recommendation, vietnamese, vietnamese_name)
    _check(schemas.Localized, english, english_name)
    return {
        vietnamese_name: _page(vietnamese, f"Đoạn {number}"),
        english_name: _page(english, f"Paragraph {number}"),
    }


def _check(model: Any, front_matter: dict[str, Any], name: str) -> None:
    """Stop the import if the page schema refuses a stub's front matter.

    The values come from the import, so a refusal means a symbol or a paragraph number the
    site cannot hold, or that this module and the schema no longer agree.
    """
    _, errors = schemas.validate(model, front_matter)
    if errors:
        found = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors
        )
        raise InputError(
            f"the stub page {name} would not be a valid page (found {found}; expected front"
            f" matter that {model.__name__} in thuynguyen_kb/schemas.py accepts: correct"
            " --symbol or the paragraph numbers in the file, or make the stub and the schema"
            " agree again)"
        )


def _page(front_matter: dict[str, Any], heading: str) -> str:
    """A page's text: front matter, the heading, and the marker of the official text."""
    fields = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=10**9)
    return f"---\n{fields}---\n\n# {heading} {{ #khuyen-nghi }}\n\n{TEXT_MARKER}\n"


def missing_stubs(
    docs: Path, symbol: str, paragraphs: list[Paragraph]
) -> dict[int, dict[Path, str]]:
    """Stub pages, by paragraph number, for the paragraphs with no page in either language."""
    folder = docs / layout.RECOMMENDATIONS_FOLDER
    stubs: dict[int, dict[Path, str]] = {}
    for paragraph in paragraphs:
        pages = {folder / name: text for name, text in stub_pages(symbol, paragraph.number).items()}
        if not any(path.exists() for path in pages):
            stubs[paragraph.number] = pages
    return stubs
