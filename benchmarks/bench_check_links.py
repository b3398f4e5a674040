"""Measure scripts/check_links.py on a large site: print seconds per hundred pages.

Usage: ``python benchmarks/bench_check_links.py [SITE_DIR] [--copies N]`` after ``make build``.
The built site is copied into a temporary folder and each content page is duplicated N times
(default 50, i.e. a few hundred pages), then every rule runs once and the figures are printed.
A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from thuynguyen_kb import site_links as check_links


def grow(site: Path, copies: int) -> None:
    """Duplicate every page folder of the site ``copies`` times (``ke-hoach`` → ``ke-hoach-7``)."""
    pages = [p for p in site.rglob("index.html") if p.parent != site and p.parent.name != "en"]
    for page in pages:
        for number in range(copies):
            twin = page.parent.with_name(f"{page.parent.name}-{number}") / "index.html"
            twin.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, twin)


def main(argv: list[str] | None = None) -> int:
    """Build the enlarged copy, run the checks, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site_dir, site)
        grow(site, args.copies)
        start = time.perf_counter()
        loaded = check_links.Site.load(site, Path("docs"))
        links = check_links.external_links(loaded)
        problems = (
            check_links.check_internal_links(loaded)
            + check_links.check_assets(loaded)
            + check_links.check_language_menu(loaded)
            + check_links.check_external_syntax(loaded, links)
        )
        elapsed = time.perf_counter() - start
    pages = len(loaded.pages)
    print(f"pages: {pages}")
    print(f"links checked: {loaded.links_checked}")
    print(f"problems: {len(problems)} (copies keep the original's language menu: LANG-MENU)")
    print(f"seconds: {elapsed:.2f}")
    print(f"seconds per 100 pages: {elapsed / pages * 100:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
