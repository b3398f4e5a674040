"""Import the official text of the Committee's concluding observations into the site's data.

Usage, from the repository root::

    python scripts/import_recommendations.py FILE --symbol SYMBOL [--lang en|vi]
        [--docs DOCS] [--dry-run] [--json]

FILE is the document (.docx, .pdf or .txt) as downloaded from the UN Treaty Body Database. What
it reads and writes, how the UN layout is read and which errors stop it: the package
:mod:`thuynguyen_kb.importer` (``src/thuynguyen_kb/importer/``); this file is only its command.
"""

import sys

from thuynguyen_kb.importer.command import main

if __name__ == "__main__":
    sys.exit(main())
