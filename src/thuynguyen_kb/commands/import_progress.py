"""Import filled report forms into the site's progress data.

Usage, from the repository root::

    python scripts/import_progress.py FILE.xlsx [FILE.xlsx …] [--docs DOCS] [--config MKDOCS_YML]

Each FILE is a body's report form (downloaded from its page, then filled in). Every form is
checked whole first (:mod:`thuynguyen_kb.progress.importer` lists what is checked); a form with
problems writes nothing, and each problem is printed as ``FILE:Sheet!Cell: what was found, what
was expected``. A good form is written to ``DOCS/_data/progress/<period>/<body>/<unit>.yml``
(``wrote …``), or left as it is if that file already says the same (``unchanged …``). Exits 1 if
any form had a problem, else 0. Commit the written files, then build the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from thuynguyen_kb import knowledge, loader, site_config
from thuynguyen_kb.progress.importer import FormError, import_form


def main(argv: list[str] | None = None) -> int:
    """Import each form given; print what was written and every problem."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="filled report forms (.xlsx)")
    parser.add_argument("--docs", default="docs", type=Path, help="docs folder (default: docs)")
    parser.add_argument(
        "--config", default="mkdocs.yml", type=Path, help="MkDocs config (default: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(f"{args.docs}: no docs folder here; give it with --docs", file=sys.stderr)
        return 2
    try:
        config = site_config.read(args.config)
    except (OSError, yaml.YAMLError) as error:
        print(f"{args.config}: cannot read the MkDocs config: {error}", file=sys.stderr)
        return 2
    kb = knowledge.assemble(loader.load(args.docs, config))
    failed = False
    for name in args.files:
        try:
            written = import_form(Path(name), args.docs, kb, shown=name)
        except FormError as error:
            failed = True
            for problem in error.problems:
                print(problem)
            continue
        if written is None:
            print(f"{name}: unchanged (the data file already holds this report)")
        else:
            print(f"{name}: wrote {written.as_posix()}")
    return 1 if failed else 0
