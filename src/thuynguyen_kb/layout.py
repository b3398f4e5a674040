"""Where things live in the docs folder, and the site's languages: one place for every name.

The checks, the build, the renderers and the importer all read these; nothing else spells a
folder, a data file or the list of languages.
"""

from __future__ import annotations

import posixpath

# The site's languages; the first is the default (served at /, written in <slug>.md) and holds
# the language-neutral fields of every record. Every other language is <slug>.<lang>.md.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]

PLAN_PAGE = "ke-hoach.md"  # the plan, word for word; its ids are the plan items
GUIDE_PAGE = "huong-dan-bien-tap.md"  # the editors' guide (fields, markers, the annex)
GLOSSARY_PAGE = "thuat-ngu.md"  # the glossary; its terms are checked (rules/glossary.py)
ROLES_FILE = "_data/roles.yml"
THEMES_FILE = "_data/themes.yml"
STRINGS_FOLDER = "_data/strings"  # the renderers' interface text: <lang>.yml per language
IMPORTED_FOLDER = "_data/recommendations"  # written only by the importer
SEARCH_TERMS_FILE = "_data/search-terms.yml"  # everyday words for official terms (search)
REPORTING_FILE = "_data/reporting.yml"  # the reporting periods (thuynguyen_kb.progress)
PROGRESS_FOLDER = "_data/progress"  # <period>/<body>/<unit>.yml, written by import_progress.py
PROGRESS_PAGE = "tien-do.md"  # the progress page: every report of a period
REPORTING_PAGE = "bao-cao.md"  # how to report; every body's form
RECOMMENDATIONS_FOLDER = "khuyen-nghi"  # p<paragraph>.md, one page per paragraph


def strings_file(language: str) -> str:
    """The interface strings of ``language``, relative to the docs folder."""
    return f"{STRINGS_FOLDER}/{language}.yml"


def translation_path(rel: str, language: str) -> str:
    """The file of ``rel``'s page in ``language`` (``co-quan/toa-an.md`` → ``….en.md``)."""
    neutral = neutral_path(rel)
    if language == DEFAULT_LANGUAGE:
        return neutral
    return neutral.removesuffix(".md") + f".{language}.md"


def neutral_path(rel: str) -> str:
    """The default-language file of a page in any language (``x.en.md`` → ``x.md``)."""
    for language in LANGUAGES[1:]:
        if rel.endswith(f".{language}.md"):
            return rel.removesuffix(f".{language}.md") + ".md"
    return rel


def language_of(rel: str) -> str:
    """The language a page's file is written in, from its suffix."""
    for language in LANGUAGES[1:]:
        if rel.endswith(f".{language}.md"):
            return language
    return DEFAULT_LANGUAGE


def file_id(rel: str) -> str:
    """A record's id as its file name gives it (``co-quan/toa-an.en.md`` → ``toa-an``)."""
    return posixpath.basename(neutral_path(rel)).removesuffix(".md")


def is_fragment(rel: str) -> bool:
    """True if ``rel`` lies inside a folder whose name starts with ``_`` (shared fragments)."""
    return any(part.startswith("_") for part in rel.split("/")[:-1])
