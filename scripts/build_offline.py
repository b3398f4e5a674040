"""Build the trainers' offline copy of the site as a zip file (``make offline``).

Usage: see ``python scripts/build_offline.py --help`` and the README; the command is
:mod:`thuynguyen_kb.commands.build_offline`.
"""

import sys

from thuynguyen_kb.commands.build_offline import main

if __name__ == "__main__":
    sys.exit(main())
