"""Build the site for publication, with its offline copy and PDF packs (``make build``).

Usage: see ``python scripts/build_site.py --help`` and the README; the command is
:mod:`thuynguyen_kb.commands.build_site`.
"""

import sys

from thuynguyen_kb.commands.build_site import main

if __name__ == "__main__":
    sys.exit(main())
