"""One interface string read on its own, for code that runs before the sources are loaded.

The renderers read the strings from the loaded knowledge base (``kb.strings``); the Markdown
extensions are installed when the site's configuration is read, before that, and need only one
string each (the permalink tooltip). The rules check every strings file as a whole.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from thuynguyen_kb import layout


class StringsError(ValueError):
    """A strings file that is missing, unreadable or lacks the key; the message says which."""


def text(docs: Path, language: str, key: str) -> str:
    """The string ``key`` of ``docs/_data/strings/<language>.yml``."""
    path = docs / layout.STRINGS_FOLDER / f"{language}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        message = f"{path.as_posix()}: cannot read the interface strings ({error})"
        raise StringsError(message) from None
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise StringsError(
            f"{path.as_posix()}:0: DATA-YAML string '{key}' is missing (expected '{key}: …'"
            f" with the text in {language}; add it)"
        )
    return value
