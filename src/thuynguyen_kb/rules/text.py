"""Rules for every file's name and every Markdown file's characters.

- ``FILE-NAME``: a file or folder name is not ASCII kebab-case (``ke-hoach.en.md``, ``site.css``;
  folders that hold fragments may start with ``_``). Hidden names are never published.
- ``FILE-SYMLINK``: a symbolic link under the docs folder or the theme's ``overrides`` folder:
  MkDocs would publish whatever it points to (a file anywhere on the machine that builds).
- ``TEXT-NFD``: a word is not in Unicode NFC (tone marks typed as separate characters).
- ``TEXT-CONTROL``: an invisible control or format character (Unicode Cc except tab and line
  feed, and Cf: zero-width space, byte order mark, soft hyphen …); Windows line endings are
  reported once per file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from thuynguyen_kb.problems import Problem

FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)+")
FOLDER_NAME = re.compile(r"_?[a-z0-9]+(?:-[a-z0-9]+)*")
# Punctuation around a word, dropped when quoting the word in a message.
WORD_EDGES = "\"'“”‘’()[]{}<>*_`.,;:!?…–—"
# Names for characters whose Unicode name would not help an editor.
CHARACTER_NAMES = {"\r": "carriage return", "\ufeff": "byte order mark"}


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


def check_symlinks(folders: list[Path]) -> list[Problem]:
    """Report every symbolic link inside ``folders`` (links to folders are not followed)."""
    problems = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, dirs, names in os.walk(folder):
            for name in sorted(dirs + names):
                path = Path(root) / name
                if path.is_symlink():
                    problems.append(
                        Problem(
                            path.as_posix(),
                            0,
                            "FILE-SYMLINK",
                            f"is a symbolic link (to '{os.readlink(path)}'); the build would"
                            " publish what it points to: replace it by a copy of the file, or"
                            " remove it",
                        )
                    )
    return problems
