"""Build the trainers' offline copy of the site as a zip file.

Usage: ``python scripts/build_offline.py [--output dist/quyen-tre-em-thuy-nguyen.zip]`` from the
repository root, or ``make offline``. Builds with mkdocs.offline.yml (links to ``page.html``
instead of ``page/``, so that every link works when the files are opened from disk), then zips
the result into one folder. Unzip it anywhere and open ``index.html`` (Vietnamese) or
``en/index.html`` (English) in a browser: navigation, the language menu, search and printing
work without a network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from thuynguyen_kb.files import atomic_path

FOLDER = "quyen-tre-em-thuy-nguyen"  # the folder inside the zip


def build(site: Path, repo: Path | None = None) -> None:
    """Build the site in ``repo`` (the working folder) for reading from disk into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # an offline copy has no public address
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file"]
    command += ["mkdocs.offline.yml", "--site-dir", str(site)]
    subprocess.run(command, cwd=repo or Path.cwd(), env=env, check=True)


def pack(site: Path, output: Path) -> int:
    """Zip ``site`` into ``output`` under FOLDER/; return the number of files."""
    output.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with (
        atomic_path(output) as temporary,
        zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for path in files:
            archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    """Build and zip the offline copy; print where it is."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("dist") / f"{FOLDER}.zip")
    args = parser.parse_args(argv)
    site = Path("dist") / "offline-site"
    shutil.rmtree(site, ignore_errors=True)
    build(site)
    count = pack(site, args.output)
    size = args.output.stat().st_size / 1_000_000
    print(f"Offline copy: {args.output} ({count} files, {size:.1f} MB). Unzip it, then open")
    print(f"{FOLDER}/index.html (Vietnamese) or {FOLDER}/en/index.html (English) in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
