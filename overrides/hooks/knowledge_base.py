"""Fill the knowledge base's markers in pages, and write the assignment table as CSV.

A page asks for generated content with an HTML comment such as ``<!-- kb:index type=task -->``
on a line of its own; this hook replaces it with Markdown from scripts/renderers.py, built from
the records of scripts/records.py. The markers (see the editors' guide, huong-dan-bien-tap.md):

- ``kb:index type=task|body [style=short]`` – list of all tasks or bodies (short: titles only);
- ``kb:quote ref=<plan id>`` – the plan item, word for word, in the page's language;
- ``kb:task-bodies`` – on a task page: who carries it;
- ``kb:body-tasks``, ``kb:checklist``, ``kb:reporting``, ``kb:training`` – on a body page;
- ``kb:recommendations`` – on a task or body page: the UN recommendations linked to it;
- ``kb:rec-facts``, ``kb:rec-text``, ``kb:rec-links`` – on a recommendation page;
- ``kb:rec-index by=urgent|cluster|theme|body`` – the recommendations, grouped;
- ``kb:module-index`` – the training modules, with audience, duration, languages and tasks;
- ``kb:matrix`` – the body × task table;
- ``kb:csv table=phan-cong|khuyen-nghi`` – a link to a table as CSV, written at build time.

On a recommendation page the hook also sets the page's tags (shown by Material's tags plugin)
to its themes' labels in the page's language.

An unknown marker, a marker needing a record on a page that is not one, or a reference to a
plan id that does not exist stops the build with ``path:line``.

Events: ``on_pre_build`` reads the records (once per language build: all state is rebuilt, none
is carried between languages); ``on_page_markdown`` fills the markers; ``on_post_build`` writes
the CSV beside each built page that carries ``kb:csv`` (``ai-lam-gi/`` or ``en/ai-lam-gi/``: the
i18n plugin keeps one site_dir and prefixes the English pages' paths), in that build's language.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# scripts/ holds the modules the hooks share; it is a folder, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import markdown_source
import records
import renderers

# A marker on a line of its own, indented or not (inside a list item, a card, an admonition).
MARKER = re.compile(
    r"^([ \t]*)<!--\s*kb:([a-z-]+)((?:\s+[a-z_]+=[\w.-]+)*)\s*-->[ \t]*$", re.MULTILINE
)
# Anything that looks like a marker, unless it is quoted as code (`<!-- kb:… -->`).
ANY_MARKER = re.compile(r"(?<!`)<!--\s*kb:")
# Markers that render the page's own record: name → (record types it works on, renderer).
RECORD_MARKERS = {
    "task-bodies": (("task",), "render_task_bodies"),
    "recommendations": (("task", "body"), "render_recommendations"),
    "body-tasks": (("body",), "render_body_tasks"),
    "checklist": (("body",), "render_checklist"),
    "reporting": (("body",), "render_reporting"),
    "training": (("body",), "render_training"),
    "rec-facts": (("recommendation",), "render_rec_facts"),
    "rec-text": (("recommendation",), "render_rec_text"),
    "rec-links": (("recommendation",), "render_rec_links"),
}
SITE_MARKERS = ("index", "rec-index", "module-index", "quote", "matrix", "csv")

_state: dict[str, Any] = {}  # rebuilt by on_pre_build for every language's build


def on_pre_build(config: Any) -> None:
    """Read every record and the plan's quotable blocks in both languages."""
    docs = Path(config.docs_dir)
    kb = records.load(docs)
    if kb.problems:  # normally stopped earlier by source_checks.py, with the same messages
        raise PluginError("\n".join(str(p) for p in sorted(set(kb.problems))))
    blocks = {}
    for language, name in (("vi", records.PLAN_PAGE), ("en", "ke-hoach.en.md")):
        source, _ = markdown_source.load_source(docs / name, docs)
        blocks[language] = markdown_source.blocks_by_id(source)
    _state.clear()
    _state.update(kb=kb, blocks=blocks, csv_files=[])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace each ``<!-- kb:… -->`` marker of the page by its generated Markdown."""
    language = config.theme["language"]
    neutral = re.sub(r"\.[a-z]{2}\.md$", ".md", page.file.src_uri)
    record = _record_of(neutral)
    if record is not None and record.type == "recommendation":
        # Themes are ids in the Vietnamese file; Material's tags plugin (priority -50, later)
        # shows them as tags, so give it the labels of the page's language.
        page.meta["tags"] = [_state["kb"].themes[t][language] for t in record.list("themes")]
    if not ANY_MARKER.search(markdown):
        return markdown
    docs = Path(config.docs_dir)
    source, _ = markdown_source.load_source(Path(page.file.abs_src_path), docs)

    # MkDocs hands over the Markdown without the front matter and the blank lines after it.
    first = source.body_start
    while first < len(source.lines) and not source.lines[first].strip():
        first += 1

    def where(offset: int) -> str:
        line = first + markdown.count("\n", 0, offset) + 1
        return f"{docs.name}/{page.file.src_uri}:{line}: KB-MARKER"

    whole_lines = {m.start() for m in MARKER.finditer(markdown)}
    for loose in ANY_MARKER.finditer(markdown):
        if markdown.rfind("\n", 0, loose.start()) + 1 not in whole_lines:
            raise PluginError(
                f"{where(loose.start())} malformed marker (expected '<!-- kb:name key=value -->'"
                " alone on its line)"
            )

    def replace(match: re.Match[str]) -> str:
        indent, name = match.group(1), match.group(2)
        options = dict(pair.split("=", 1) for pair in match.group(3).split())
        if name == "csv":  # written beside the built page, in on_post_build
            folder = Path(page.file.abs_dest_path).parent
            _state["csv_files"].append((folder, options.get("table", "")))
        try:
            rendered = _render(name, options, neutral, language)
            return "\n".join(indent + line if line else line for line in rendered.split("\n"))
        except KeyError as error:
            raise PluginError(
                f"{where(match.start())} '{match.group(0).strip()}' {error.args[0]}"
            ) from None

    return MARKER.sub(replace, markdown)


def _render(name: str, options: dict[str, str], page: str, language: str) -> str:
    kb = _state["kb"]
    if name in RECORD_MARKERS:
        kinds, function = RECORD_MARKERS[name]
        record = _record_of(page)
        if record is None or record.type not in kinds:
            expected = " or ".join(f"'{k}'" for k in kinds)
            raise KeyError(f"only works on a page of type {expected} (this page is not one)")
        return getattr(renderers, function)(kb, record, page, language)
    if name == "module-index":
        return renderers.render_module_index(kb, page, language)
    if name == "rec-index":
        return renderers.render_rec_index(kb, page, language, options.get("by", ""))
    if name == "index":
        kind = options.get("type")
        if kind not in {"task", "body"}:
            raise KeyError(f"type={kind} is unknown (expected type=task or type=body)")
        short = options.get("style") == "short"
        return renderers.render_index(kb, kind, page, language, short)
    if name == "quote":
        ref = options.get("ref", "")
        if ref not in _state["blocks"][language]:
            raise KeyError(f"ref={ref} names no item of the plan (expected an id such as ii-3)")
        return renderers.render_quote(_state["blocks"][language], ref, page, language)
    if name == "matrix":
        return renderers.render_matrix(kb, page, language)
    if name == "csv":
        table = options.get("table", "")
        if table not in renderers.CSV_TABLES:
            known = ", ".join(sorted(renderers.CSV_TABLES))
            raise KeyError(f"table={table} is unknown (expected one of: {known})")
        return renderers.render_csv_link(table, language)
    known = ", ".join(sorted([*RECORD_MARKERS, *SITE_MARKERS]))
    raise KeyError(f"unknown marker (expected one of: {known})")


def on_post_build(config: Any) -> None:
    """Write each requested CSV table (UTF-8 with BOM, so Excel reads Vietnamese)."""
    for folder, table in _state["csv_files"]:
        rows = renderers.CSV_TABLES[table](_state["kb"], config.theme["language"])
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(rows)


def _record_of(page: str) -> Any:
    return next((r for r in _state["kb"].records.values() if r.page == page), None)
