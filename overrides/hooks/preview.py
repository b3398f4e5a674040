"""MkDocs adapter of the preview's rebuilds (``thuynguyen_kb.preview`` says which rebuild a save
gets and what a page save leaves out; ``preview_steps.py`` wraps the build's steps). Only under
``mkdocs serve``: a build runs none of this.

- ``on_env``: give the theme's Jinja environment a cache of compiled templates kept for the run
  (Jinja compiles a template again if its source changed).
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
from mkdocs.plugins import get_plugin_logger

from thuynguyen_kb import preview

log = get_plugin_logger(__name__)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by an earlier build of this run (Jinja checks each
    one's source and compiles it again if it changed)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = preview.state.templates.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped by Jinja if the checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        preview.state.templates[bucket.key] = bucket.bytecode_to_string()


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
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
