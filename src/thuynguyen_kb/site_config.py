"""The parts of the site configuration (mkdocs.yml) that the rules need, read without MkDocs.

The rules need the nav (and the line of each entry, to report a missing page where it is
written), ``not_in_nav``, ``exclude_docs`` and the languages of the i18n plugin. mkdocs.yml uses
MkDocs' own YAML tags (``!ENV [SITE_URL, null]``, ``!relative``), which ``yaml.safe_load``
refuses; :class:`_ConfigLoader` reads ``!ENV`` as its default value and any other tag as the plain
value under it, which is all the rules need. Keeping this free of MkDocs lets the rules run for
another generator's configuration too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that accepts MkDocs' tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV [NAME, default]`` → the default (the rules never depend on the environment)."""
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


@dataclass
class SiteConfig:
    """What the rules read from the site configuration."""

    path: Path
    data: dict[str, Any]
    nav_lines: dict[str, list[int]] = field(default_factory=dict)
    nav_file: Path | None = None  # the file the nav is written in (a parent, with INHERIT)

    @property
    def shown(self) -> str:
        """The path printed in messages."""
        return self.path.as_posix()

    @property
    def nav_shown(self) -> str:
        """The path of the file holding the nav, printed in messages about it."""
        return (self.nav_file or self.path).as_posix()

    @property
    def nav(self) -> Any:
        """The ``nav`` entry, None when the site lets MkDocs list every page itself."""
        return self.data.get("nav")

    def patterns(self, name: str) -> list[str]:
        """The lines of a gitignore-style option (``exclude_docs``, ``not_in_nav``)."""
        value = self.data.get(name)
        if isinstance(value, str):
            return value.splitlines()
        return [str(line) for line in value or []]

    def theme_folders(self) -> list[Path]:
        """The theme's own folder of templates and hooks (``custom_dir``), if it has one."""
        theme = self.data.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return [self.path.parent / str(custom)] if custom else []

    def languages(self) -> list[tuple[str, bool]]:
        """``(locale, default)`` for each language of the i18n plugin, in its order."""
        for plugin in self.data.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                entries = (plugin["i18n"] or {}).get("languages") or []
                return [(str(e.get("locale")), bool(e.get("default"))) for e in entries]
        return []


def read(path: Path) -> SiteConfig:
    """Read ``path``, and the file it inherits from (``INHERIT:``), as MkDocs does.

    Raises OSError or yaml.YAMLError if a file cannot be read.
    """
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader that knows MkDocs' tags
    data = data if isinstance(data, dict) else {}
    own = SiteConfig(path, data, nav_lines(text), path)
    parent_name = data.pop("INHERIT", None)
    if not parent_name:
        return own
    parent = read(path.parent / str(parent_name))
    merged = SiteConfig(path, merge(parent.data, data), parent.nav_lines, parent.nav_file)
    if "nav" in data:
        merged.nav_lines, merged.nav_file = own.nav_lines, path
    return merged


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` laid over ``parent``: mappings merged key by key, anything else replaced.

    The rule MkDocs applies to ``INHERIT`` (with the mergedeep package).
    """
    result = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


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
    """Map each page path under ``nav:`` to the lines where it is written."""
    # compose() builds the node tree with line marks without running tag constructors.
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
