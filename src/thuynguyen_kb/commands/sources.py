"""The ``--docs`` and ``--config`` options of the commands that read the sources, and the reading.

Shared by ``check_structure`` and ``import_progress``: the same defaults, and the same message
and exit code 2 for a docs folder or a config that is not there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from thuynguyen_kb import loader, site_config
from thuynguyen_kb.loader import Sources


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--docs`` and ``--config`` to ``parser``."""
    parser.add_argument("--docs", default="docs", type=Path, help="docs folder (default: docs)")
    parser.add_argument(
        "--config", default="mkdocs.yml", type=Path, help="MkDocs config (default: mkdocs.yml)"
    )


def read(args: argparse.Namespace) -> Sources | None:
    """The sources that ``args`` name; None, with the reason printed, if they cannot be read
    (the command then exits 2)."""
    if not args.docs.is_dir():
        print(f"{args.docs}: no docs folder here; give it with --docs", file=sys.stderr)
        return None
    try:
        config = site_config.read(args.config)
    except (OSError, yaml.YAMLError) as error:
        print(f"{args.config}: cannot read the MkDocs config: {error}", file=sys.stderr)
        return None
    return loader.load(args.docs, config)
