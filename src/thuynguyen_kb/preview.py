"""What ``make serve`` (``mkdocs serve``) rebuilds after a save, and what its preview leaves out.

A full build of both languages takes seconds; an editor who saves one page waits for it. So the
preview tells two kinds of rebuild apart (``overrides/hooks/preview.py`` and
``preview_steps.py`` carry them out):

- **a page save**: the only files changed since the last build are pages (``.md`` under the docs
  folder, not shared fragments), none added or removed, each with its front matter unchanged, and
  the knowledge base read again from the sources is the same as before (:func:`signature`). Only
  the pages made from those files are rendered again, in every language that shows them, with the
  same hooks and templates as a full build; every other page keeps what the last build made of it
  (its title, headings and links, for the nav and the link checks), and the outputs in
  :data:`NOT_REBUILT_ON_A_PAGE_SAVE` are left as the last full rebuild wrote them;
- **anything else** (data files, front matter, the nav, templates, a new or deleted file, a
  changed page title, a failed build before): a full rebuild, as ``mkdocs build`` does it.

Every rebuild says in the server's log which one it was and why, and what it left out, so that
nobody takes the preview for the published build. :data:`NEVER_IN_THE_PREVIEW` lists what the
preview never makes. Nothing here changes ``mkdocs build`` (``make build``): the hooks consult
:func:`skips` only while serving.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase

# What ``mkdocs serve`` never makes, and why (the hooks named read ``build_state.serving``).
NEVER_IN_THE_PREVIEW = {
    "PDF packs": "slow to render; pages say the PDFs are made at publication (downloads.py)",
    "report forms as PDF": "rendered as the packs are; the workbooks are made (report_forms.py)",
    ".gz and .br copies": "the preview's server sends neither (publishing.py)",
}

# What a page save does not make again (it stays as the last full rebuild made it), and why it
# may: the hook that makes each asks :func:`skips` with the name given here.
NOT_REBUILT_ON_A_PAGE_SAVE = {
    "search index": "its weights span every page; search finds the text of the last full rebuild",
    "Atom feeds": "made from change notes (front matter), unchanged on a page save",
    "progress downloads": "made from docs/_data/, unchanged on a page save",
    "report forms": "made from the knowledge base, unchanged on a page save",
    "the stylesheet": "made from Material's and the site's stylesheets, unchanged on a page save",
    "minified CSS and JS, _headers": "made from assets and templates, unchanged on a page save",
    "404 pages, sitemap.xml, static files": "made from the nav and assets, unchanged",
}


class FullRebuild(Exception):  # noqa: N818 - a request, not a failure
    """Raised during a page save when what was found needs a full rebuild; says why."""


@dataclass(frozen=True)
class Stamp:
    """What is known of one watched file: its size, modification time and, for a Markdown
    file, its front matter (the lines between the first two ``---``), else None."""

    size: int
    mtime_ns: int
    front_matter: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Plan:
    """What to rebuild: ``pages`` (paths inside the docs folder) for a page save, or ``None``
    for a full rebuild, with ``reason`` in words for the log."""

    pages: frozenset[str] | None
    reason: str


@dataclass
class State:
    """What the preview remembers between rebuilds (one ``mkdocs serve`` process)."""

    active: bool = False  # under mkdocs serve (not --dirty), once the build's steps are wrapped
    inputs: dict[str, Stamp] | None = None  # the watched files when the last good build began
    signature: tuple[Any, ...] | None = None  # the knowledge base the last good build used
    pages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    plan: Plan | None = None  # the build under way: a page save, or None (full)
    written: list[str] = field(default_factory=list)  # pages the page save wrote (site paths)
    templates: dict[str, bytes] = field(default_factory=dict)  # compiled Jinja templates
    # The day of each page's last commit, by (path, the commit checked out): git is not asked
    # again at every save (thuynguyen_kb.loader).
    history: dict[tuple[str, str], Any] = field(default_factory=dict)


state = State()


def page_only() -> bool:
    """True while a page save is being built."""
    return state.plan is not None and state.plan.pages is not None


def skips(output: str) -> bool:
    """True if the build under way leaves ``output`` (a key of NOT_REBUILT_ON_A_PAGE_SAVE) as
    the last full rebuild made it."""
    if output not in NOT_REBUILT_ON_A_PAGE_SAVE:
        raise KeyError(f"{output!r} is not listed in preview.NOT_REBUILT_ON_A_PAGE_SAVE")
    return page_only()


def front_matter(text: str) -> tuple[str, ...] | None:
    """The front matter lines of a Markdown text (closed by ``---`` or ``...``, as MkDocs
    reads it), or None if it has none."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip(" \t\r") != "---":
        return None
    for number in range(1, len(lines)):
        if lines[number].rstrip(" \t\r") in ("---", "..."):
            return tuple(lines[: number + 1])
    return tuple(lines)  # not closed: any change to it is a change of front matter


def _stamp(path: Path, earlier: Stamp | None) -> Stamp:
    status = path.stat()
    if earlier and (earlier.size, earlier.mtime_ns) == (status.st_size, status.st_mtime_ns):
        return earlier
    matter = None
    if path.suffix == ".md":
        matter = front_matter(path.read_text(encoding="utf-8", errors="replace"))
    return Stamp(status.st_size, status.st_mtime_ns, matter)


def snapshot(roots: list[Path], earlier: dict[str, Stamp] | None = None) -> dict[str, Stamp]:
    """Every file under ``roots`` (folders or files; hidden names left out), by absolute path;
    files unchanged since ``earlier`` keep their stamp without being read again."""
    found: dict[str, Stamp] = {}
    for root in roots:
        paths = [root] if root.is_file() else []
        if root.is_dir():
            for folder, folders, names in os.walk(root):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                paths += [Path(folder, n) for n in sorted(names) if not n.startswith(".")]
        for path in paths:
            key = str(path.resolve())
            try:
                found[key] = _stamp(path, (earlier or {}).get(key))
            except OSError:
                continue  # removed while listed: missing from the snapshot, so a full rebuild
    return found


def plan(before: dict[str, Stamp] | None, now: dict[str, Stamp], docs: Path) -> Plan:
    """What the changes from ``before`` to ``now`` need rebuilt (``docs``: the docs folder)."""
    if before is None:
        return Plan(None, "no earlier build to start from")
    added, removed = sorted(set(now) - set(before)), sorted(set(before) - set(now))
    if added or removed:
        return Plan(None, f"files added or removed: {', '.join(_shown(added + removed))}")
    changed = sorted(path for path in now if now[path] != before[path])
    if not changed:
        return Plan(None, "no file seen changed (a save that kept the same size and time?)")
    root, pages = docs.resolve(), set()
    for path in changed:
        try:
            rel = Path(path).relative_to(root).as_posix()
        except ValueError:
            return Plan(None, f"{_shown([path])[0]} changed (not a page)")
        if not rel.endswith(".md") or layout.is_fragment(rel):
            return Plan(None, f"{_shown([path])[0]} changed (not a page)")
        if now[path].front_matter != before[path].front_matter:
            return Plan(None, f"the front matter of {_shown([path])[0]} changed")
        pages.add(rel)
    return Plan(frozenset(pages), "only the text of pages changed")


def _shown(paths: list[str]) -> list[str]:
    return [os.path.relpath(path) for path in paths]


def signature(kb: KnowledgeBase) -> tuple[Any, ...]:
    """Everything of ``kb`` that a page's rendering reads: each record's fields and texts
    (not the page text it was read from), the vocabularies, the plan's blocks, the change notes,
    the progress reports and the search terms. Two equal signatures render the same pages."""
    records = {
        key: (record.kind, record.page, record.fields, record.texts)
        for key, record in kb.records.items()
    }
    return (
        records,
        kb.roles,
        kb.themes,
        kb.imported,
        kb.strings,
        kb.plan_ids,
        kb.plan_blocks,
        kb.file_changes,
        kb.changes,
        kb.reviewed,
        kb.periods,
        kb.progress,
        kb.search_terms,
    )


def check_knowledge_base(kb: KnowledgeBase) -> None:
    """During a page save, ask for a full rebuild if ``kb`` differs from the last build's;
    otherwise remember it as the knowledge base the build uses."""
    found = signature(kb)
    if page_only() and found != state.signature:
        raise FullRebuild("the knowledge base read from the pages changed")
    state.signature = found


def forget() -> None:
    """After a failed build: the next rebuild is a full one."""
    state.inputs = None
    state.signature = None
    state.pages.clear()
    state.plan = None
    state.written.clear()


def announcement(chosen: Plan) -> str:
    """The log line of a rebuild: which kind, why, and what it leaves out."""
    never = ", ".join(NEVER_IN_THE_PREVIEW)
    if chosen.pages is None:
        return f"Preview: full rebuild ({chosen.reason}); never made in the preview: {never}."
    pages = ", ".join(f"docs/{page}" for page in sorted(chosen.pages))
    left = ", ".join(NOT_REBUILT_ON_A_PAGE_SAVE)
    return (
        f"Preview: page save, only {pages} rendered again ({chosen.reason}); kept from the last"
        f" full rebuild: {left}; never made in the preview: {never}."
    )
