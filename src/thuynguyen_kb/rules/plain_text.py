"""Rules for values that are plain text, not Markdown or HTML, wherever they are written.

- ``TEXT-MARKUP``: a page's ``title``, ``description``, ``subtitle`` or change note, a name in
  the config's ``nav`` (or its ``nav_translations``), the site's name or description, or a label
  of ``_data/roles.yml`` or ``_data/themes.yml`` holds an HTML tag (``<svg onload=…>``, ``<b>``).
  Such values are shown as text everywhere (the build escapes them), so a tag would be shown
  as it is written, or, in a template that forgot to escape, run: it is never what was meant.
  A ``<`` that starts no tag (``trẻ em < 16 tuổi``) is fine.

Tags are found with lxml's HTML parser (what a browser would read as a tag), not a pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import html

from thuynguyen_kb import layout
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.problems import Problem

PAGE_TEXT_FIELDS = ("title", "description", "subtitle")
CONFIG_TEXT_KEYS = ("site_name", "site_description")
DATA_FILES = (layout.ROLES_FILE, layout.THEMES_FILE)


def first_tag(value: str) -> str | None:
    """The first HTML tag a browser would read in ``value`` (``<svg>``), or None."""
    if "<" not in value:
        return None
    root = html.fragment_fromstring(value, create_parent="div")
    for element in root.iterdescendants():
        if isinstance(element.tag, str):
            return f"<{element.tag}>"
    return None


def _problem(path: str, line: int, where: str, tag: str) -> Problem:
    return Problem(
        path,
        line,
        "TEXT-MARKUP",
        f"{where} is plain text but holds the HTML tag {tag} (found '<' starting a tag,"
        " expected words only): remove the tag; to show '<' itself, put a space after it",
    )


def check_plain_text(sources: Sources) -> list[Problem]:
    """Report HTML tags in the plain-text values of pages, the config and the data files."""
    problems = []
    for source in sources.pages.values():
        for name in PAGE_TEXT_FIELDS:
            value = (source.front_matter or {}).get(name)
            tag = first_tag(value) if isinstance(value, str) else None
            if tag:
                line = source.field_lines.get(name, 1)
                problems.append(_problem(source.shown, line, f"the field '{name}'", tag))
        problems += _check_notes(source)
    problems += _check_config(sources)
    for rel in DATA_FILES:
        data_file = sources.data.get(rel)
        if data_file is None or data_file.document is None:
            continue
        for location, value in _strings(data_file.document.data, ()):
            tag = first_tag(value)
            if tag:
                line = data_file.document.line_of(location)
                where = f"the value '{data_file.document.describe(location)}'"
                problems.append(_problem(data_file.shown, line, where, tag))
    return problems


def _check_notes(source: Source) -> list[Problem]:
    """Tags in the page's change notes (shown as text on the page, in the feed and on the
    "What's new" page)."""
    notes = (source.front_matter or {}).get("changes")
    if not isinstance(notes, list) or source.document is None:
        return []
    problems = []
    for index, item in enumerate(notes):
        value = item.get("note") if isinstance(item, dict) else None
        tag = first_tag(value) if isinstance(value, str) else None
        if tag:
            line = source.document.line_of(("changes", index, "note"))
            where = f"the change note '{source.document.describe(('changes', index, 'note'))}'"
            problems.append(_problem(source.shown, line, where, tag))
    return problems


def _check_config(sources: Sources) -> list[Problem]:
    config = sources.config
    values: list[tuple[str, str]] = [
        (key, config.data[key]) for key in CONFIG_TEXT_KEYS if isinstance(config.data.get(key), str)
    ]
    values += [("a nav section name", name) for name in _nav_names(config.nav)]
    for plugin in config.data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages") or []:
                for key in CONFIG_TEXT_KEYS:
                    if isinstance(language.get(key), str):
                        values.append((key, language[key]))
                for name in (language.get("nav_translations") or {}).values():
                    values.append(("a nav translation", str(name)))
    problems = []
    text = _config_lines(sources)
    for where, value in values:
        tag = first_tag(value)
        if tag:
            line = next((i + 1 for i, line in enumerate(text) if tag[:-1] in line), 0)
            problems.append(_problem(config.shown, line, where, tag))
    return problems


def _config_lines(sources: Sources) -> list[str]:
    try:
        return sources.config.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _nav_names(nav: Any) -> Iterator[str]:
    """The section names (and titles given to pages or links) of a nav, at any depth."""
    if isinstance(nav, list):
        for entry in nav:
            yield from _nav_names(entry)
    elif isinstance(nav, dict):
        for name, value in nav.items():
            yield str(name)
            yield from _nav_names(value)


def _strings(data: Any, location: tuple[str | int, ...]) -> Iterator[tuple[tuple, str]]:
    """Every string in ``data`` with its location (keys and item indexes)."""
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*location, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*location, index))
