"""Stub pages for the paragraphs that have no page yet: ``DOCS/khuyen-nghi/p<N>.md`` and ``.en.md``.

A stub gives a new paragraph a page, so that the site shows its official text at once; the
editors later write its summary, themes and relations. Existing pages are never touched; a pair
that a killed import left half written (one page, still exactly the stub) is completed. The
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
from thuynguyen_kb.importer.errors import InputError
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
    """Stub pages to write, by paragraph number, Vietnamese first.

    Both pages of a paragraph that has neither; and the one page of a pair that an interrupted
    import left out, when the other is still exactly the stub the importer writes (an editor's
    page, even a single one, is never completed or touched).
    """
    folder = docs / layout.RECOMMENDATIONS_FOLDER
    stubs: dict[int, dict[Path, str]] = {}
    for paragraph in paragraphs:
        pages = {folder / name: text for name, text in stub_pages(symbol, paragraph.number).items()}
        existing = [path for path in pages if path.exists()]
        if len(existing) < len(pages) and all(_is_stub(path, pages[path]) for path in existing):
            stubs[paragraph.number] = {p: text for p, text in pages.items() if p not in existing}
    return stubs


def _is_stub(path: Path, text: str) -> bool:
    """Whether a page is exactly the stub the importer writes, untouched since."""
    return path.is_file() and path.read_bytes() == text.encode("utf-8")
