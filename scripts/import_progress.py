"""Import filled report forms (XLSX) into the site's progress data.

Usage, from the repository root::

    python scripts/import_progress.py FILE.xlsx [FILE.xlsx …] [--docs DOCS]

Each FILE is a body's report form, downloaded from its page and filled in. Every form is checked
whole before anything is written; each problem is printed as ``FILE:Sheet!Cell: what was found,
what was expected`` and the command exits 1. A good form is written to
``docs/_data/progress/<period>/<body>/<unit>.yml`` ("wrote …"), or left alone when that file
already holds the same report ("unchanged"). What is checked:
:mod:`thuynguyen_kb.progress.importer`; this file is only its command
(:mod:`thuynguyen_kb.commands.import_progress`).
"""

import sys

from thuynguyen_kb.commands.import_progress import main

if __name__ == "__main__":
    sys.exit(main())
