"""MkDocs adapter of the content policy (``thuynguyen_kb.rules.content``): judge what each page
publishes, on the HTML the build made, and stop before anything is written.

Events: ``on_pre_build`` forgets the previous language's findings; ``on_page_content`` (last,
after every other hook changed the page) applies the policy to the page's HTML, located in its
Markdown file; ``on_env`` runs after every page of the language is rendered and before MkDocs
writes the first file of it, and stops the build with every finding as ``path:line: CODE``.
``scripts/check_structure.py`` applies the same rules to the pages it renders itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from thuynguyen_kb.markdown_source import Source, read_front_matter, read_lines
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.rules.content import check_page_html

_found: list[Problem] = []
_snippets: dict[str, list[str]] = {}


def on_pre_build(config: Any) -> None:
    """Start each language's build with no findings; read the snippets pages may include."""
    _found.clear()
    _snippets.clear()
    for path in sorted((Path(config.docs_dir) / "_snippets").glob("*.md")):
        _snippets[os.path.relpath(path)] = read_lines(path)[0] or []


@event_priority(-500)
def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Apply the policy to the page's HTML."""
    path = Path(page.file.abs_src_path)
    lines, _ = read_lines(path)
    source = Source(os.path.relpath(path), page.file.src_uri, lines or [])
    read_front_matter(source)  # only to know where the body starts; the rules report the rest
    _found.extend(
        check_page_html(source.shown, source.lines, source.body_start, content, _snippets)
    )
    return content


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Stop the build, before it writes a file, if a page breaks the policy."""
    if _found:
        lines = "\n".join(str(problem) for problem in sorted(set(_found)))
        raise PluginError(
            f"{len(set(_found))} page problem(s) of the content policy:\n{lines}\n"
            "Fix them and build again (the README's 'Content policy' explains each code)."
        )
    return env
