"""Check the Markdown sources under docs/: translations, ids, text, headings, front matter, nav.

Usage: ``python scripts/check_structure.py [--docs DOCS_DIR] [--config MKDOCS_YML]`` from the
repository root (defaults ``docs`` and ``mkdocs.yml``). It reads the sources, never the built site,
and never changes a file.

Pages are the ``.md`` files under the docs folder, except shared fragments: files inside a folder
whose name starts with ``_`` (``docs/_snippets/``) and files excluded by ``exclude_docs`` in
mkdocs.yml. ``<slug>.md`` is a Vietnamese page; ``<slug>.en.md`` is its English translation.

Rules (every one is an error):

- ``TRANSLATION-ORPHAN``: an English page ``<slug>.en.md`` has no Vietnamese page ``<slug>.md``.
- ``ID-MISMATCH``: an explicit id (``## Heading { #id }``, or ``{ #id }`` on a line of its own
  after a paragraph) is in one language's file of a page but not in the other's.
- ``TEXT-ENCODING``: a Markdown file is not UTF-8 (the other text rules then skip it).
- ``TEXT-NFD``: a word is not in Unicode NFC, e.g. Vietnamese with its tone marks typed as
  separate characters. Applies to fragments too.
- ``TEXT-CONTROL``: an invisible control or format character (Unicode categories Cc except tab
  and line feed, and Cf: zero-width space, byte order mark, soft hyphen …). Windows line endings
  (carriage return before each line feed) are reported once per file. Applies to fragments too.
- ``HEADING-H1``: a page has no ``# `` title heading, or more than one.
- ``HEADING-SKIP``: a heading skips a level (``##`` followed by ``####``).
- ``FRONT-MATTER-MISSING``: a page does not start with a front matter block (``---`` lines).
- ``FRONT-MATTER-YAML``: the front matter is not closed, is not valid YAML, or is not a mapping.
- ``FRONT-MATTER-TYPE``: the front matter's ``type`` is not one of ``records.SCHEMAS``.
- ``FRONT-MATTER-FIELD``: a field required for the page's type is missing or empty, in either
  language (titles and descriptions are written per language).
- ``NAV-ORPHAN``: a Vietnamese page is not listed in ``nav`` of mkdocs.yml (English pages are
  reached through their Vietnamese page; pages matched by ``not_in_nav`` are allowed).
- ``NAV-MISSING``: ``nav`` names a page that does not exist (links to other hosts are ignored).
- ``FILE-NAME``: a file or folder name is not ASCII kebab-case (``ke-hoach.en.md``, ``site.css``;
  folders that hold fragments may start with ``_``). Hidden names (``.…``) are skipped: MkDocs
  never publishes them.

Training-module pages also get the rules of scripts/module_rules.py (``MODULE-SECTION``,
``AGENDA-TIME``, ``MODULE-SOURCES``). The knowledge base's own rules (``ID-DUPLICATE``,
``ID-PATH``, ``REF-UNKNOWN``, ``FIELD-MISMATCH``, ``TASK-UNASSIGNED``, ``DATA-YAML``) are
described in scripts/records.py and run here too.

Not an error: Vietnamese pages without an English file are listed, with their number, after the
report ("Not yet translated (N): …"), so that lagging translation stays visible.

Markdown is read by scripts/markdown_source.py (see there why it is a line scanner).
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import module_rules
import pathspec
import records
import yaml
from markdown_source import (
    TRANSLATION_SUFFIX,
    Source,
    explicit_ids,
    fragment_folder,
    headings,
    read_front_matter,
    read_lines,
)
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load
from problems import Problem, report

# MkDocs always leaves out hidden files and a top-level templates/ folder (mkdocs/structure/
# files.py, _default_exclude); exclude_docs adds to these.
MKDOCS_DEFAULT_EXCLUDE = (".*", "/templates/")

FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)+")
FOLDER_NAME = re.compile(r"_?[a-z0-9]+(?:-[a-z0-9]+)*")
# Punctuation around a word, dropped when quoting the word in a message.
WORD_EDGES = "\"'“”‘’()[]{}<>*_`.,;:!?…–—"
# Names for characters whose Unicode name would not help an editor.
CHARACTER_NAMES = {"\r": "carriage return", "\ufeff": "byte order mark"}


def list_files(docs: Path) -> list[Path]:
    """Every file and folder under ``docs``, sorted, leaving out hidden names and their contents."""
    found = []
    for path in sorted(docs.iterdir()):
        if path.name.startswith("."):
            continue
        found.append(path)
        if path.is_dir():
            found.extend(list_files(path))
    return found


def suggest_name(name: str, is_folder: bool) -> str | None:
    """A valid kebab-case name close to ``name`` (``Kế Hoạch.MD`` → ``ke-hoach.md``), or None."""
    prefix = "_" if is_folder and name.startswith("_") else ""
    stem, _, extensions = (name, "", "") if is_folder else name.partition(".")
    # Vietnamese letters: drop tone and vowel marks; đ has no decomposition of its own.
    plain = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    parts = [re.sub(r"[^a-z0-9]", "", part.lower()) for part in extensions.split(".")]
    suggestion = prefix + base + "".join(f".{part}" for part in parts if part)
    pattern = FOLDER_NAME if is_folder else FILE_NAME
    if suggestion == name or not pattern.fullmatch(suggestion):
        return None
    return suggestion


def check_file_names(files: list[Path]) -> list[Problem]:
    """Report files and folders whose names are not ASCII kebab-case."""
    problems = []
    for path in files:
        is_folder = path.is_dir()
        pattern = FOLDER_NAME if is_folder else FILE_NAME
        if pattern.fullmatch(path.name):
            continue
        kind = "folder" if is_folder else "file"
        suggestion = suggest_name(path.name, is_folder)
        expected = (
            f"a name like '{suggestion}'"
            if suggestion
            else "lowercase letters a-z, digits and single hyphens"
            + ("" if is_folder else ", then a lowercase extension")
        )
        problems.append(
            Problem(
                path.as_posix(),
                0,
                "FILE-NAME",
                f"{kind} name is not lowercase ASCII with hyphens (found '{path.name}', expected"
                f" {expected}; rename it and update every link to it)",
            )
        )
    return problems


def check_text(shown: str, lines: list[str]) -> list[Problem]:
    """Report words not in NFC and invisible control or format characters."""
    problems = []
    # Windows line endings put U+000D at the end of every line: report them once per file.
    crlf = [number for number, line in enumerate(lines, start=1) if line.endswith("\r")]
    if crlf:
        others = f" and {len(crlf) - 1} other lines" if len(crlf) > 1 else ""
        problems.append(
            Problem(
                shown,
                crlf[0],
                "TEXT-CONTROL",
                "file has Windows line endings (found U+000D, carriage return, at the end of this"
                f" line{others}, expected line feeds only; save the file with Unix (LF) line"
                " endings)",
            )
        )
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.removesuffix("\r")  # reported above, once per file
        if not unicodedata.is_normalized("NFC", line):
            for token in line.split():
                if not unicodedata.is_normalized("NFC", token):
                    word = token.strip(WORD_EDGES) or token
                    problems.append(
                        Problem(
                            shown,
                            number,
                            "TEXT-NFD",
                            f"word '{word}' has its accents typed as separate characters (found"
                            " decomposed Unicode (NFD), expected composed Unicode (NFC); retype"
                            " the word, or convert the file to NFC)",
                        )
                    )
        for char in line:
            category = unicodedata.category(char)
            if char == "\t" or category not in ("Cc", "Cf"):
                continue
            code = f"U+{ord(char):04X}"
            name = CHARACTER_NAMES.get(char) or unicodedata.name(char, "control character").lower()
            problems.append(
                Problem(
                    shown,
                    number,
                    "TEXT-CONTROL",
                    f"invisible character {code} ({name}) in the text (found {code}, expected"
                    " only visible characters, tabs and line breaks; it cannot be seen, so delete"
                    " and retype the characters around it)",
                )
            )
    return problems


def type_of(source: Source, original: Source | None) -> tuple[str, int]:
    """The page's ``type`` and its line; an English page may leave it to its Vietnamese page."""
    for candidate in (source, original):
        if candidate is not None and candidate.front_matter and "type" in candidate.front_matter:
            value = candidate.front_matter["type"]
            return ("" if value is None else str(value)), candidate.field_lines.get("type", 1)
    return records.DEFAULT_TYPE, 0


def check_fields(source: Source, original: Source | None) -> list[Problem]:
    """Report an unknown ``type`` and required fields that are missing or empty."""
    if source.front_matter is None:
        return []
    kind, kind_line = type_of(source, original)
    if kind not in records.SCHEMAS:
        if "type" not in source.front_matter:
            return []  # reported on the Vietnamese page, where the type is written
        known = ", ".join(sorted(records.SCHEMAS))
        return [
            Problem(
                source.shown,
                kind_line,
                "FRONT-MATTER-TYPE",
                f"front matter type '{kind}' is unknown (found '{kind}', expected one of:"
                f" {known}; correct the spelling, or remove the 'type:' line for a plain page)",
            )
        ]
    problems = []
    translation = source.rel.endswith(TRANSLATION_SUFFIX)
    if kind != records.DEFAULT_TYPE:
        # A misspelt field name would otherwise be ignored without a word.
        schema = records.SCHEMAS[kind]
        known = {"type", *schema.localized, *schema.neutral, *schema.optional}
        for name in source.front_matter:
            if name not in known:
                problems.append(
                    Problem(
                        source.shown,
                        source.field_lines.get(name, 1),
                        "FRONT-MATTER-FIELD",
                        f"front matter field '{name}' is not a field of a '{kind}' page (found"
                        f" '{name}:', expected one of: {', '.join(sorted(known))}; correct the"
                        " spelling or remove it)",
                    )
                )
    for name in records.required_fields(kind, translation):
        value = source.front_matter.get(name)
        if name not in source.front_matter:
            problems.append(
                Problem(
                    source.shown,
                    1,
                    "FRONT-MATTER-FIELD",
                    f"front matter has no '{name}' (found no '{name}:' line, expected one on"
                    f" every page of type '{kind}'; add '{name}: ...' between the '---' lines)",
                )
            )
        elif value is None or (isinstance(value, str) and not value.strip()) or value in ([], {}):
            problems.append(
                Problem(
                    source.shown,
                    source.field_lines.get(name, 1),
                    "FRONT-MATTER-FIELD",
                    f"front matter field '{name}' is empty (found '{name}:' with no text,"
                    f" expected text; write it after '{name}:' on the same line)",
                )
            )
    return problems


def check_headings(source: Source) -> list[Problem]:
    """Report a missing or repeated H1 and headings that skip a level."""
    problems = []
    found = list(headings(source))
    titles = [number for number, level, _ in found if level == 1]
    if not titles:
        # Point at where the title belongs: the first line of text after the front matter.
        body = range(source.body_start, len(source.lines))
        line = next((i + 1 for i in body if source.lines[i].strip()), source.body_start + 1)
        problems.append(
            Problem(
                source.shown,
                line,
                "HEADING-H1",
                "page has no title heading (found no line starting with '# ', expected exactly"
                " one; add '# Page title { #slug }' after the front matter)",
            )
        )
    for number in titles[1:]:
        problems.append(
            Problem(
                source.shown,
                number,
                "HEADING-H1",
                f"page has a second title heading (found '# ' here and on line {titles[0]},"
                " expected exactly one; make this one a '## ' heading)",
            )
        )
    for (before, level_before, _), (number, level, _) in pairwise(found):
        if level > level_before + 1:
            problems.append(
                Problem(
                    source.shown,
                    number,
                    "HEADING-SKIP",
                    f"heading skips a level (found '{'#' * level}' after the"
                    f" '{'#' * level_before}' heading on line {before}, expected"
                    f" '{'#' * (level_before + 1)}' or fewer '#'; use"
                    f" '{'#' * (level_before + 1)}' here or add the missing level above)",
                )
            )
    return problems


def check_ids(original: Source, translation: Source) -> list[Problem]:
    """Report ids present in one language's file of a page but not in the other's."""
    problems = []
    ids = {original.shown: explicit_ids(original), translation.shown: explicit_ids(translation)}
    for here, other in ((original, translation), (translation, original)):
        for element_id, line in ids[here.shown].items():
            if element_id in ids[other.shown]:
                continue
            problems.append(
                Problem(
                    here.shown,
                    line,
                    "ID-MISMATCH",
                    f"id '{element_id}' is only in this language (found '#{element_id}' here but"
                    f" not in {other.shown}, expected the same ids in both languages; add"
                    f" '{{ #{element_id} }}' at the same place in {other.shown}, or remove it"
                    " here)",
                )
            )
    return problems


def nav_path(value: str) -> str | None:
    """The page path a nav entry names, relative to the docs folder; None for other hosts."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return posixpath.normpath(value).lstrip("/")


def nav_pages(nav: Any) -> Iterator[str]:
    """Yield every page path in a nav (titles and links to other hosts left out)."""
    if isinstance(nav, str):
        page = nav_path(nav)
        if page is not None:
            yield page
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


def nav_lines(config_text: str) -> dict[str, list[int]]:
    """Map each page path under ``nav:`` in mkdocs.yml to the lines where it is written."""
    # compose() builds the node tree with line marks without running tag constructors, so the
    # !ENV tag that plain safe_load rejects does no harm here.
    root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    found: dict[str, list[int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return found
    nav = next((value for key, value in root.value if key.value == "nav"), None)
    pending = [nav] if nav is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            page = nav_path(node.value)
            if page is not None:
                found.setdefault(page, []).append(node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
    return found


def check_nav(
    config: dict[str, Any], config_path: Path, docs: Path, originals: list[Source]
) -> list[Problem]:
    """Report Vietnamese pages missing from ``nav`` and nav entries naming no file."""
    if config.get("nav") is None:
        return []  # without a nav, MkDocs lists every page itself
    listed = list(nav_pages(config["nav"]))
    lines = nav_lines(config_path.read_text(encoding="utf-8"))
    problems = []
    for page in sorted(set(listed)):
        if (docs / page).is_file():
            continue
        # Line 0 if the entry comes from an INHERIT-ed parent config, where no line is known.
        for line in sorted(set(lines.get(page, []))) or [0]:
            problems.append(
                Problem(
                    config_path.as_posix(),
                    line,
                    "NAV-MISSING",
                    f"nav lists a page that does not exist (found '{page}', expected a file"
                    f" {(docs / page).as_posix()}; correct the name in nav or create the page)",
                )
            )
    allowed = pathspec.GitIgnoreSpec.from_lines(pattern_lines(config.get("not_in_nav")))
    for source in originals:
        if source.rel in listed or allowed.match_file(source.rel):
            continue
        problems.append(
            Problem(
                source.shown,
                0,
                "NAV-ORPHAN",
                f"page is not in the site menu (found no '{source.rel}' under nav: in"
                f" {config_path.as_posix()}, expected it listed there; add '- {source.rel}' to"
                f" nav: in {config_path.as_posix()})",
            )
        )
    return problems


def pattern_lines(value: Any) -> list[str]:
    """The lines of a gitignore-style option of mkdocs.yml (``exclude_docs``, ``not_in_nav``)."""
    if isinstance(value, str):
        return value.splitlines()
    return [str(line) for line in value or []]


def read_sources(
    docs: Path, files: list[Path], excluded: pathspec.GitIgnoreSpec
) -> tuple[dict[str, Source], list[Problem]]:
    """Read every Markdown file, apply the text rules to all, and return the pages."""
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in files:
        if path.is_dir() or path.suffix != ".md":
            continue
        lines, problem = read_lines(path)
        if lines is None:
            problems.append(problem)
            continue
        problems += check_text(path.as_posix(), lines)
        rel = path.relative_to(docs).as_posix()
        # Fragments get the text rules above but none of the page rules.
        if not (fragment_folder(rel) or excluded.match_file(rel)):
            # MkDocs reads Windows line endings as line breaks; so do the page rules.
            sources[rel] = Source(path.as_posix(), rel, [x.removesuffix("\r") for x in lines])
    return sources, problems


def check_translations(docs: Path, sources: dict[str, Source]) -> tuple[list[Problem], list[str]]:
    """Pair each page with its translation: fields, ids, orphans; also list untranslated pages."""
    problems: list[Problem] = []
    untranslated = []
    for source in sources.values():
        if source.rel.endswith(TRANSLATION_SUFFIX):
            original_rel = source.rel.removesuffix(TRANSLATION_SUFFIX) + ".md"
            original = sources.get(original_rel)
            problems += check_fields(source, original)
            if original is None:
                problems.append(
                    Problem(
                        source.shown,
                        0,
                        "TRANSLATION-ORPHAN",
                        "English page has no Vietnamese page beside it (found no"
                        f" {(docs / original_rel).as_posix()}, expected the Vietnamese original"
                        " there; rename this file to match its Vietnamese page, or add the"
                        " Vietnamese page)",
                    )
                )
            continue
        problems += check_fields(source, None)
        translation = sources.get(source.rel.removesuffix(".md") + TRANSLATION_SUFFIX)
        if translation is None:
            untranslated.append(source.shown)
        else:
            problems += check_ids(source, translation)
    return problems, untranslated


def count(items: list[Any], noun: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


@dataclass
class Findings:
    """What the rules found: problems, the Vietnamese pages, and those not yet translated."""

    problems: list[Problem]
    originals: list[Source]
    untranslated: list[str]


def check_sources(docs: Path, config_path: Path, config: dict[str, Any]) -> Findings:
    """Apply every rule to the docs folder and the (already loaded) MkDocs config."""
    excluded = pathspec.GitIgnoreSpec.from_lines(
        [*MKDOCS_DEFAULT_EXCLUDE, *pattern_lines(config.get("exclude_docs"))]
    )
    files = list_files(docs)
    sources, problems = read_sources(docs, files, excluded)
    problems += check_file_names(files)
    for source in sources.values():
        problems += read_front_matter(source)
        problems += check_headings(source)
    pair_problems, untranslated = check_translations(docs, sources)
    problems += pair_problems
    originals = [s for s in sources.values() if not s.rel.endswith(TRANSLATION_SUFFIX)]
    problems += check_nav(config, config_path, docs, originals)
    # Training modules: required sections, agenda minutes, sources (scripts/module_rules.py).
    for source in sources.values():
        original = sources.get(source.rel.removesuffix(TRANSLATION_SUFFIX) + ".md")
        kind, _ = type_of(source, original)
        if kind == "module" and source.front_matter is not None:
            duration = ((original or source).front_matter or {}).get("duration")
            problems += module_rules.check_module(source, duration)
    # The knowledge base's records: ids, relations, agreement between languages.
    problems += records.load(docs, sources.values()).problems
    return Findings(problems, originals, untranslated)


def main(argv: list[str] | None = None) -> int:
    """Run every rule on the docs folder and mkdocs.yml and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="docs", type=Path, help="docs folder (default: docs)")
    parser.add_argument(
        "--config", default="mkdocs.yml", type=Path, help="MkDocs config (default: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(f"{args.docs}: no docs folder here; give it with --docs", file=sys.stderr)
        return 2
    try:
        # MkDocs' own loader: mkdocs.yml uses the !ENV tag, which yaml.safe_load rejects.
        with args.config.open("rb") as config_file:
            config = yaml_load(config_file)
    except (OSError, ConfigurationError) as error:
        print(f"{args.config}: cannot read the MkDocs config: {error}", file=sys.stderr)
        return 2

    found = check_sources(args.docs, args.config, config)
    translated = len(found.originals) - len(found.untranslated)
    status = report(
        found.problems,
        f"OK: {count(found.originals, 'page')} checked ({translated} with an English"
        " translation), no problems.",
    )
    if found.untranslated:
        # Information, not an error: translation may lag behind the Vietnamese pages.
        print(
            f"Not yet translated ({len(found.untranslated)}): "
            f"{', '.join(sorted(found.untranslated))}"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
