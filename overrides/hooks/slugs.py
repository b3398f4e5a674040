"""Readable ASCII heading ids for Vietnamese headings (``thuynguyen_kb.vietnamese.slugify``).

Event: ``on_config`` (default priority) installs the slug function for the ``toc`` extension,
so a heading without an explicit ``{ #id }`` gets an id such as ``muc-dich`` instead of
Python-Markdown's default ``muc-ich`` (which silently drops "đ") or a percent-encoded id.
Headings that anything links to still carry explicit ids (see the editors' guide).
"""

from __future__ import annotations

from typing import Any

from thuynguyen_kb.vietnamese import slugify


def on_config(config: Any) -> Any:
    """Use :func:`slugify` for every heading id the ``toc`` extension generates."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config
