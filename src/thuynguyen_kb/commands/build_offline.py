"""Build the trainers' offline copy of the site as a zip file (``make offline``).

Usage: ``python scripts/build_offline.py [--output dist/quyen-tre-em-thuy-nguyen.zip]`` from the
repository root. Builds with mkdocs.offline.yml (links to ``page.html`` instead of ``page/``, so
that every link works when the files are opened from disk), then zips the result into one
folder, reproducibly, with a read-me on top and its SHA-256 checksum beside it
(:mod:`thuynguyen_kb.offline.zip_file`). Unzip it anywhere and open ``index.html`` (Vietnamese)
or ``en/index.html`` (English) in a browser: navigation, the language menu, search, printing and
the PDF packs work without a network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from thuynguyen_kb import source_dates
from thuynguyen_kb.offline.zip_file import FOLDER, READ_ME, checksum_path, pack, source_time

DEFAULT_OUTPUT = Path("dist") / f"{FOLDER}.zip"


def build(site: Path, repo: Path | None = None) -> None:
    """Build the site in ``repo`` (the working folder) for reading from disk into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # an offline copy has no public address
    env.pop("OFFLINE_COPY", None)  # nor a zip of itself to link to
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file"]
    command += ["mkdocs.offline.yml", "--site-dir", str(site.resolve())]
    subprocess.run(command, cwd=repo or Path.cwd(), env=env, check=True)


def make(output: Path, repo: Path | None = None) -> int:
    """Build the offline copy and zip it at ``output``; return the number of entries."""
    repo = repo or Path.cwd()
    site = output.parent / "offline-site"
    shutil.rmtree(site, ignore_errors=True)
    build(site, repo)
    return pack(site, output, source_time(source_dates.last_commit_time(repo)))


def main(argv: list[str] | None = None) -> int:
    """Build and zip the offline copy; print where it is."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    count = make(args.output)
    size = args.output.stat().st_size / 1_000_000
    print(f"Offline copy: {args.output} ({count} files, {size:.1f} MB), checksum in")
    print(f"{checksum_path(args.output)}. Unzip it, read {FOLDER}/{READ_ME}, then open")
    print(f"{FOLDER}/index.html (Vietnamese) or {FOLDER}/en/index.html (English) in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
