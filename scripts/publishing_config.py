"""Write the nginx configuration of the built site (security headers, caching, 404 pages).

Usage: see ``python scripts/publishing_config.py --help`` and the README ("Publishing"); the
command is :mod:`thuynguyen_kb.publishing.command`.
"""

import sys

from thuynguyen_kb.publishing.command import main

if __name__ == "__main__":
    sys.exit(main())
