"""MkDocs adapter of a page save's steps (``thuynguyen_kb.preview``; ``preview.py`` chooses the
rebuild). ``on_startup``, under ``mkdocs serve`` only, wraps for the run MkDocs' reading of a page
(an unchanged page gets what it gave last time) and its rendering, copying and cleaning (in a
page save only the changed pages are rendered); mkdocs-static-i18n uses the same functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build
from mkdocs.structure.files import Files

from thuynguyen_kb import preview

_real: dict[str, Callable[..., Any]] = {}


def _source(page: Any, config: Any) -> str:
    # The page's file, relative to the docs folder (a page shown untranslated: its own file).
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
