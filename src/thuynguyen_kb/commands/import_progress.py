"""Import filled report forms into the site's progress data.

Usage, from the repository root::

    python scripts/import_progress.py FILE.xlsx [FILE.xlsx …] [--docs DOCS] [--config MKDOCS_YML]

Each FILE is a body's report form (downloaded from its page, then filled in). Every form is
checked whole first (:mod:`thuynguyen_kb.progress.importer` lists what is checked); a form with
problems writes nothing, and each problem is printed as ``FILE:Sheet!Cell: what was found, what
was expected``. A good form is written to ``DOCS/_data/progress/<period>/<body>/<unit>.yml``
(``wrote …``), or left as it is if that file already says the same (``unchanged …``). Exits 1 if
any form had a problem, 2 if the sources cannot be read or break a rule (nothing is then
imported), else 0. Commit the written files, then build the site.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thuynguyen_kb import knowledge, rules
from thuynguyen_kb.commands import sources as source_arguments
from thuynguyen_kb.progress.importer import FormError, import_form


def main(argv: list[str] | None = None) -> int:
    """Import each form given; print what was written and every problem."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="filled report forms (.xlsx)")
    source_arguments.add_arguments(parser)
    args = parser.parse_args(argv)
    sources = source_arguments.read(args)
    if sources is None:
        return 2
    kb = knowledge.assemble(sources)
    # A form is checked against the records: broken records would misjudge it.
    broken = rules.check(sources, kb)
    if broken:
        for problem in broken:
            print(problem)
        print(
            f"{len(broken)} problem(s) in the sources: nothing imported. Fix them first"
            " (python scripts/check_structure.py), then import again."
        )
        return 2
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
