"""Readable ASCII heading ids for Vietnamese headings.

Event: ``on_config`` (default priority). It installs :func:`slugify` as the ``toc`` extension's
slug function, so a heading without an explicit ``{ #id }`` gets an id such as ``muc-dich``
instead of Python-Markdown's default ``muc-ich`` (which silently drops "đ") or a percent-encoded
Unicode id. Headings that anything links to still carry explicit ids (see the editors' guide);
this only makes the automatic ones predictable.

The folding (scripts/vietnamese.py) is written by hand because no installed library folds
Vietnamese to ASCII: ``pymdownx.slugs`` keeps "đ", Python-Markdown drops it, and python-slugify
pulls in a transliteration table for a job that NFD decomposition plus one letter does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

# scripts/ holds the modules the hooks share; it is a folder, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from vietnamese import fold

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str) -> str:
    """Turn a heading text into an ASCII kebab-case id."""
    return _NOT_SLUG.sub(separator, fold(value).lower()).strip(separator)


def on_config(config: Any) -> Any:
    """Use :func:`slugify` for every heading id the ``toc`` extension generates."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config
