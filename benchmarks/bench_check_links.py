"""Measure scripts/check_links.py on a grown site: CPU seconds per hundred pages and peak memory.

Usage: ``python benchmarks/bench_check_links.py [SITE_DIR] [--docs DOCS] [--sizes 100 400]``
after ``make build``. For each size N the built site is copied into a temporary folder and N
content pages are added to each language (copies of its pages, ``ke-hoach`` → ``ke-hoach-c7``,
beside the original so that their relative links still hold). Every page's navigation then gets
a link to each copy of its language, as Material's sidebar would list them: the navigation, which
every page repeats, grows with the site, which is what makes a link checker slow. The checker
then runs once as a child process, and its CPU time and peak memory are read from ``os.wait4``.
A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The first list of Material's primary navigation: new entries go at its start.
NAV_LIST = re.compile(r'md-nav--primary.*?<ul class="md-nav__list"[^>]*>', re.DOTALL)
STATS = re.compile(r"^Checked (\d+) links on (\d+) pages", re.MULTILINE)
PROBLEMS = re.compile(r"^(\d+) problems? found\.$", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One run of the checker on a grown site."""

    added: int
    pages: int
    links: int
    problems: int
    cpu_seconds: float
    peak_mb: float

    @property
    def cpu_per_100_pages(self) -> float:
        return self.cpu_seconds / self.pages * 100


def grow(site: Path, added: int) -> None:
    """Add ``added`` copies of content pages to each language, and list them in every nav."""
    originals = sorted(
        p.parent.relative_to(site)
        for p in site.rglob("index.html")
        if p.parent != site and p.parent.relative_to(site).parts[0] != "en"
    )
    copies: dict[str, list[Path]] = {"vi": [], "en": []}
    for number in range(added):
        original = originals[number % len(originals)]
        twin = original.with_name(f"{original.name}-c{number}")
        for language, prefix in (("vi", Path()), ("en", Path("en"))):
            source = site / prefix / original / "index.html"
            if source.is_file():
                (site / prefix / twin).mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, site / prefix / twin / "index.html")
                copies[language].append(prefix / twin)
    for page in site.rglob("*.html"):
        folder = page.parent.relative_to(site)
        language = "en" if folder.parts[:1] == ("en",) else "vi"
        entries = "".join(
            f'<li class="md-nav__item"><a href="{posixpath.relpath(copy, folder)}/"'
            f' class="md-nav__link">{copy.name}</a></li>\n'
            for copy in copies[language]
        )
        text = page.read_text(encoding="utf-8")
        match = NAV_LIST.search(text)
        if match:
            text = f"{text[: match.end()]}\n{entries}{text[match.end() :]}"
            page.write_text(text, encoding="utf-8")


def measure(site: Path, docs: Path, added: int, scratch: Path) -> Run:
    """Run the checker on ``site`` in a child process; read its CPU time and peak memory."""
    output = scratch / f"output-{added}.txt"
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, str(REPO / "scripts" / "check_links.py"), str(site)]
    with output.open("w", encoding="utf-8") as out:
        child = subprocess.Popen(
            [*command, "--docs", str(docs)], stdout=out, stderr=subprocess.STDOUT, env=environment
        )
        _, _, usage = os.wait4(child.pid, 0)
        child.returncode = 0  # reaped by wait4; keeps Popen from waiting again
    text = output.read_text(encoding="utf-8")
    stats = STATS.search(text)
    found = PROBLEMS.search(text)
    if stats is None:
        raise SystemExit(f"{output}: the checker printed no summary line:\n{text[-2000:]}")
    return Run(
        added=added,
        pages=int(stats.group(2)),
        links=int(stats.group(1)),
        problems=int(found.group(1)) if found else 0,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
    )


def main(argv: list[str] | None = None) -> int:
    """Grow the site to each size, run the checker on it, print the figures and their ratios."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    parser.add_argument("--docs", default=REPO / "docs", type=Path, help="Markdown sources")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400], metavar="N")
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp:
        for added in args.sizes:
            site = Path(tmp) / f"site-{added}"
            shutil.copytree(args.site_dir, site)
            grow(site, added)
            runs.append(measure(site, args.docs.resolve(), added, Path(tmp)))
            shutil.rmtree(site)
    print(
        "pages added per language | pages | links checked | problems | CPU s | CPU s/100 pages"
        " | peak MB"
    )
    for run in runs:
        print(
            f"{run.added:>24} | {run.pages:>5} | {run.links:>13} | {run.problems:>8} |"
            f" {run.cpu_seconds:>5.2f} | {run.cpu_per_100_pages:>15.3f} | {run.peak_mb:>7.0f}"
        )
    print(
        "(problems: each copy keeps its original's language menu (LANG-MENU) and its links to"
        " files and pages beside or below the original (LINK-BROKEN); the site itself has none)"
    )
    first, last = runs[0], runs[-1]
    if len(runs) > 1:
        print(
            f"from {first.pages} to {last.pages} pages ({last.pages / first.pages:.2f}x):"
            f" links {last.links / first.links:.2f}x,"
            f" CPU {last.cpu_seconds / first.cpu_seconds:.2f}x,"
            f" CPU per 100 pages {last.cpu_per_100_pages / first.cpu_per_100_pages:.2f}x,"
            f" peak memory {last.peak_mb / first.peak_mb:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
