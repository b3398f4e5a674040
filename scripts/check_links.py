"""Check the built site: links, anchors, assets, the language menu.

Usage: see ``python scripts/check_links.py --help`` and the README; the command is
:mod:`thuynguyen_kb.commands.check_links`.
"""

import sys

from thuynguyen_kb.commands.check_links import main

if __name__ == "__main__":
    sys.exit(main())
