"""Build the site for publication (``make build``): the offline copy first, then the site that
links to it.

Usage: ``python scripts/build_site.py [--site-dir site]`` from the repository root. The site's
pages show the offline copy's size, date and checksum, so the zip is made first
(:mod:`thuynguyen_kb.commands.build_offline`, into ``dist/``); the site is then built with
``OFFLINE_COPY`` naming it, and its build copies the zip and checksum into ``downloads/``. Both
builds render the PDF packs; the second reuses the first's from the cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from thuynguyen_kb.commands import build_offline


def build(site: Path, repo: Path, dist: Path) -> None:
    """Build the offline copy into ``dist`` and the site linking to it into ``site``."""
    output = dist / build_offline.DEFAULT_OUTPUT.name
    build_offline.make(output, repo)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE_COPY": str(output.resolve())}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    subprocess.run([*command, str(site.resolve())], cwd=repo, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    try:
        build(args.site_dir, Path.cwd(), args.dist)
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    print(f"Site: {args.site_dir}/ (with the offline copy and the PDF packs in downloads/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
