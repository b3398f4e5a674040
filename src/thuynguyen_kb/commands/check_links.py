"""Check the built site (both languages): links, anchors, assets, the language menu.

Usage: ``python scripts/check_links.py [SITE_DIR] [--docs DOCS] [--external] [--online]`` from
the repository root (defaults ``site`` and ``docs``). Prints one line per problem, sorted, then a
count, then how many pages and links were checked and how long it took. Exit 1 on any problem.
The rules, and why the built HTML is checked, are in :mod:`thuynguyen_kb.site_links` (and
:mod:`thuynguyen_kb.site_ids` for ids given twice); how the site is read, in
:mod:`thuynguyen_kb.site_pages`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from thuynguyen_kb.problems import report
from thuynguyen_kb.site_ids import check_duplicate_ids
from thuynguyen_kb.site_links import (
    check_assets,
    check_external_syntax,
    check_internal_links,
    check_language_menu,
    check_online,
    external_links,
)
from thuynguyen_kb.site_pages import Link, Page, Site


def print_external(links: dict[str, list[tuple[Page, Link]]]) -> None:
    """List every external link with the pages that use it."""
    print(f"External links ({len(links)}):")
    for url in sorted(links):
        pages = sorted({str(page.rel) for page, _ in links[url]})
        print(f"  {url}\n    used on: {', '.join(pages)}")


def main(argv: list[str] | None = None) -> int:
    """Run every rule on SITE_DIR and print the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    parser.add_argument("--docs", default="docs", type=Path, help="Markdown sources (docs/)")
    parser.add_argument("--external", action="store_true", help="list every external link")
    parser.add_argument("--online", action="store_true", help="check that external links answer")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here; run 'make build' first", file=sys.stderr)
        return 2
    start = time.perf_counter()
    site = Site.load(args.site_dir, args.docs)
    links = external_links(site)
    problems = (
        check_internal_links(site)
        + check_assets(site)
        + check_language_menu(site)
        + check_external_syntax(site, links)
        + check_duplicate_ids(site)
    )
    if args.online:
        problems += check_online(site, links)
    status = report(problems, "OK: no problems.")
    elapsed = time.perf_counter() - start
    if args.external:
        print_external(links)
    print(f"Checked {site.links_checked} links on {len(site.pages)} pages in {elapsed:.2f} s.")
    return status


if __name__ == "__main__":
    sys.exit(main())
