"""MkDocs adapter of the preview's rebuilds (``thuynguyen_kb.preview`` says which rebuild a save
gets and what a page save leaves out). Only under ``mkdocs serve``: ``mkdocs build`` runs none of
this (``on_startup`` returns at once, the other events are not used by a build).

- ``on_startup``: under ``mkdocs serve``, wrap four steps of MkDocs' build (``mkdocs.commands.
  build``) for the whole run: reading and converting a page (remember what it gave; in a page
  save, give an unchanged page what it gave last time instead of converting it again), rendering
  a page and the theme's templates, copying the static files and cleaning the site folder (in a
  page save, only the changed pages are rendered, and nothing else is copied or removed).
  mkdocs-static-i18n builds the other languages with the same functions, so they are wrapped too.
- ``on_env``: under ``mkdocs serve``, give the theme's Jinja environment a cache of compiled
  templates kept for the run (Jinja compiles a template again if its source changed), so that a
  rebuild does not compile every template again.
- ``on_serve``: note the watched files as the first build left them, and give the server a
  builder that chooses, at each save, between a page save and a full rebuild, logs which and
  why, and falls back to a full rebuild when the page save finds that it needs one (a page's
  title changed, the knowledge base changed). Any failed build makes the next one full.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs import utils
from mkdocs.commands import build
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from thuynguyen_kb import preview

log = get_plugin_logger(__name__)
_real: dict[str, Callable[..., Any]] = {}


def _source(page: Any, config: Any) -> str:
    """The page's file, relative to the docs folder (a page shown untranslated: its own file)."""
    path = Path(page.file.abs_src_path).resolve()
    return path.relative_to(Path(config.docs_dir).resolve()).as_posix()


def _key(page: Any, config: Any) -> tuple[str, str]:
    return (str(config.theme["language"]), page.file.src_uri)


def _changed(page: Any, config: Any) -> bool:
    plan = preview.state.plan
    return plan is None or plan.pages is None or _source(page, config) in plan.pages


def _populate_page(page: Any, config: Any, files: Files, dirty: bool = False) -> None:
    key = _key(page, config)
    if not _changed(page, config):
        kept = preview.state.pages.get(key)
        if kept is None:
            raise preview.FullRebuild(f"no earlier rendering of docs/{page.file.src_uri}")
        page.markdown, page.meta, page.content, page.toc = (
            kept["markdown"], kept["meta"], kept["content"], kept["toc"],
        )  # fmt: skip
        page._title_from_render = kept["title_from_render"]
        page.present_anchor_ids = kept["anchors"]
        links = {files.get_file_from_path(uri): found for uri, found in kept["links"].items()}
        page.links_to_anchors = {target: found for target, found in links.items() if target}
        return
    _real["populate"](page, config, files, dirty)
    earlier = preview.state.pages.get(key)
    if preview.page_only() and (earlier is None or str(earlier["title"]) != str(page.title)):
        raise preview.FullRebuild(f"the title of docs/{_source(page, config)} changed")
    preview.state.pages[key] = {
        "markdown": page.markdown,
        "meta": page.meta,
        "content": page.content,
        "toc": page.toc,
        "title_from_render": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": {target.src_uri: found for target, found in (page.links_to_anchors or {}).items()},
        "title": page.title,
    }


def _build_page(page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
    if _changed(page, config):
        _real["build_page"](page, config, *args, **kwargs)
        if preview.page_only():
            preview.state.written.append(page.file.abs_dest_path)


def _unless_page_only(name: str) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        if not preview.skips("404 pages, sitemap.xml, static files"):
            return _real[name](*args, **kwargs)
        return None

    return step


def on_startup(command: str, dirty: bool) -> None:
    """Under ``mkdocs serve``, wrap the build's steps (once per run)."""
    if command != "serve" or dirty or preview.state.active:  # --dirty: MkDocs' own builds
        return
    preview.state.active = True
    _real.update(
        populate=build._populate_page,
        build_page=build._build_page,
        theme_template=build._build_theme_template,
        extra_template=build._build_extra_template,
        copy_static=Files.copy_static_files,
        clean=utils.clean_directory,
    )
    build._populate_page = _populate_page
    build._build_page = _build_page
    build._build_theme_template = _unless_page_only("theme_template")
    build._build_extra_template = _unless_page_only("extra_template")
    Files.copy_static_files = _unless_page_only("copy_static")  # type: ignore[method-assign]
    utils.clean_directory = _unless_page_only("clean")


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by an earlier build of this run (Jinja checks each
    one's source and compiles it again if it changed)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = preview.state.templates.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped by Jinja if the checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        preview.state.templates[bucket.key] = bucket.bytecode_to_string()


def on_env(env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
    """Under ``mkdocs serve``, compile each template once per run, not once per rebuild."""
    if preview.state.active:
        env.bytecode_cache = _CompiledTemplates()
    return env


def _attempt(builder: Callable[[], None], plan: preview.Plan) -> None:
    """Run ``builder`` as ``plan`` says; leave MkDocs as it was, whatever happens."""
    build_log = logging.getLogger("mkdocs.commands.build")
    filters, clean = list(build_log.filters), utils.clean_directory
    preview.state.plan, preview.state.written[:] = plan, []
    try:
        builder()
    except preview.FullRebuild:
        raise
    except BaseException:
        preview.forget()
        raise
    finally:
        preview.state.plan = None
        # mkdocs-static-i18n swaps these while it builds the next language and does not put
        # them back if that build fails.
        utils.clean_directory = clean
        build_log.filters[:] = filters


def on_serve(server: Any, config: Any, builder: Callable[..., None]) -> Any:
    """Note the watched files; rebuild each save as a page save or a full rebuild."""
    roots = [Path(config.docs_dir), Path(config.config_file_path), *map(Path, config.watch)]
    docs = Path(config.docs_dir)
    if not preview.state.active:
        return server  # --dirty: the steps are not wrapped
    preview.state.inputs = preview.snapshot(roots)
    log.info(preview.announcement(preview.Plan(None, "the first build")))

    def rebuild(config: Any = None) -> None:
        now = preview.snapshot(roots, preview.state.inputs)
        plan = preview.plan(preview.state.inputs, now, docs)
        preview.state.inputs = None  # until a build of ``now`` succeeds
        if plan.pages is not None:
            log.info(preview.announcement(plan))
            try:
                _attempt(builder, plan)
                preview.state.inputs = now
                return
            except preview.FullRebuild as reason:
                plan = preview.Plan(None, f"the page save found that {reason}")
        log.info(preview.announcement(plan))
        _attempt(builder, plan)
        preview.state.inputs = now

    server.builder = rebuild
    return server
