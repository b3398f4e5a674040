"""Readable ASCII heading ids for Vietnamese headings.

Event: ``on_config`` (default priority). It installs :func:`slugify` as the ``toc`` extension's
slug function, so a heading without an explicit ``{ #id }`` gets an id such as ``muc-dich``
instead of Python-Markdown's default ``muc-ich`` (which silently drops "đ") or a percent-encoded
Unicode id. Headings that anything links to still carry explicit ids (see the editors' guide);
this only makes the automatic ones predictable.

Written by hand because no installed library folds Vietnamese to ASCII: ``pymdownx.slugs`` keeps
"đ", Python-Markdown drops it, and python-slugify pulls in a transliteration table for a job
that NFD decomposition plus one letter does.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# "đ" has no Unicode decomposition, so it is the one letter NFD alone does not fold.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Return ``text`` without tone marks or diacritics, with "đ" as "d"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, separator: str) -> str:
    """Turn a heading text into an ASCII kebab-case id."""
    return _NOT_SLUG.sub(separator, fold(value).lower()).strip(separator)


def on_config(config: Any) -> Any:
    """Use :func:`slugify` for every heading id the ``toc`` extension generates."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config
