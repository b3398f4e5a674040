"""Rules for the site configuration: the nav and the languages.

- ``NAV-ORPHAN``: a Vietnamese page is not listed in ``nav`` (English pages are reached through
  their Vietnamese page; pages matched by ``not_in_nav`` are allowed).
- ``NAV-MISSING``: ``nav`` names a page that does not exist (links to other hosts are ignored).
- ``NAV-DUPLICATE``: ``nav`` lists a page twice: MkDocs would build it once and give the menu,
  the "previous"/"next" links and the breadcrumbs a wrong place for it.
- ``NAV-CROWDED``: the first level of ``nav``, or a first-level section, lists more than
  :data:`SHOWN_EVERYWHERE` entries. Every page carries these lists (``navigation.sections``
  shows the first-level sections open); ``navigation.prune`` leaves only nested sections out of
  the pages outside them. So the site grows by nesting, and what each page carries stays small.
- ``CONFIG-YAML``: a key is given twice in the config file (YAML keeps the last one only).
- ``CONFIG-LANGUAGES``: the i18n plugin's languages are not :data:`layout.LANGUAGES`, default
  first: the records, the checks and the renderers would then disagree with the build.
"""

from __future__ import annotations

import pathspec
import yaml

from thuynguyen_kb import layout, yaml_data
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.site_config import nav_pages

# The most entries in a list that every page carries: about what a reader takes in at a glance,
# and above today's longest list (12). Past it, group entries in a nested section.
SHOWN_EVERYWHERE = 15


def check_nav(sources: Sources) -> list[Problem]:
    """Report Vietnamese pages missing from ``nav`` and nav entries naming no file."""
    config = sources.config
    if config.nav is None:
        return []  # without a nav, MkDocs lists every page itself
    listed = list(nav_pages(config.nav))
    problems = []
    for page in sorted(set(listed)):
        if (sources.docs / page).is_file():
            continue
        # Line 0 if the entry comes from an INHERIT-ed parent config, where no line is known.
        for line in sorted(set(config.nav_lines.get(page, []))) or [0]:
            problems.append(
                Problem(
                    config.nav_shown,
                    line,
                    "NAV-MISSING",
                    f"nav lists a page that does not exist (found '{page}', expected a file"
                    f" {(sources.docs / page).as_posix()}; correct the name in nav or create the"
                    " page)",
                )
            )
    for page, lines in sorted(config.nav_lines.items()):
        for line in sorted(lines)[1:]:
            problems.append(
                Problem(
                    config.nav_shown,
                    line,
                    "NAV-DUPLICATE",
                    f"nav lists '{page}' again (first on line {min(lines)}); a page can have"
                    " one place in the menu only: remove one of the two lines",
                )
            )
    allowed = pathspec.GitIgnoreSpec.from_lines(config.patterns("not_in_nav"))
    for rel, source in sources.pages.items():
        if layout.language_of(rel) != layout.DEFAULT_LANGUAGE:
            continue
        if rel in listed or allowed.match_file(rel):
            continue
        problems.append(
            Problem(
                source.shown,
                0,
                "NAV-ORPHAN",
                f"page is not in the site menu (found no '{rel}' under nav: in"
                f" {config.nav_shown}, expected it listed there; add '- {rel}' to nav: in"
                f" {config.nav_shown})",
            )
        )
    return problems


def check_config_keys(sources: Sources) -> list[Problem]:
    """Report keys given twice in the config file (and in the file it inherits from)."""
    problems = []
    paths = [sources.config.path]
    if sources.config.nav_file is not None and sources.config.nav_file not in paths:
        paths.append(sources.config.nav_file)
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=yaml.SafeLoader)  # no tags run: !ENV is fine
        except (OSError, yaml.YAMLError):
            continue  # reading the config already failed loudly, before any rule ran
        problems += yaml_data.duplicate_keys(node, path.as_posix(), "CONFIG-YAML", 1)
    return problems


def check_languages(sources: Sources) -> list[Problem]:
    """The i18n plugin builds the languages of :data:`layout.LANGUAGES`, the default first."""
    found = sources.config.languages()
    if not found:
        return []  # no i18n plugin: a one-language test site
    expected = [(language, language == layout.DEFAULT_LANGUAGE) for language in layout.LANGUAGES]
    if found == expected:
        return []
    shown = ", ".join(f"{locale}{' (default)' if default else ''}" for locale, default in found)
    return [
        Problem(
            sources.config.shown,
            0,
            "CONFIG-LANGUAGES",
            f"the i18n plugin's languages are not the site's (found {shown}, expected"
            f" {', '.join(layout.LANGUAGES)} with {layout.DEFAULT_LANGUAGE} as default, as"
            " src/thuynguyen_kb/layout.py says; change both together)",
        )
    ]


def _lists_shown_everywhere(nav: object) -> list[tuple[str | None, list[object]]]:
    """The first level of ``nav`` (named None) and each first-level section's entries."""
    if not isinstance(nav, list):
        return []
    shown: list[tuple[str | None, list[object]]] = [(None, nav)]
    for item in nav:
        if isinstance(item, dict):
            shown += [
                (str(name), entries) for name, entries in item.items() if isinstance(entries, list)
            ]
    return shown


def check_nav_size(sources: Sources) -> list[Problem]:
    """Report a list of ``nav`` that every page carries and that is longer than allowed."""
    config = sources.config
    problems = []
    for name, entries in _lists_shown_everywhere(config.nav):
        if len(entries) <= SHOWN_EVERYWHERE:
            continue
        first = next(nav_pages(entries), None)
        line = min(config.nav_lines.get(first, [0])) if first else 0
        where = "the first level of nav" if name is None else f"the nav section '{name}'"
        problems.append(
            Problem(
                config.nav_shown,
                line,
                "NAV-CROWDED",
                f"{where} lists {len(entries)} entries (at most {SHOWN_EVERYWHERE}): every page"
                " carries this list; group some entries in a nested section ('- Name:' with"
                " its pages under it), which pages outside it carry as one link",
            )
        )
    return problems
