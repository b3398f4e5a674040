"""Check the Markdown sources and mkdocs.yml against every rule of the site.

Usage: see ``python scripts/check_structure.py --help`` and the README; the command is
:mod:`thuynguyen_kb.commands.check_structure`.
"""

import sys

from thuynguyen_kb.commands.check_structure import main

if __name__ == "__main__":
    sys.exit(main())
