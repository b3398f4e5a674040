"""Measure what grows with the site: build, page weight, the link check and edit→preview, for the
real site and for copies with N more pages in each language.

Usage: ``python benchmarks/bench_growth.py [--sizes 0 100 400] [--preview-sizes 0]`` from the
repository root, with ``PYTHONPATH=src``. A benchmark, not a test: it prints figures and never
fails on them. For each N it copies the git-tracked files of the repository into a temporary
folder, adds N synthetic pages per language (``docs/trang-them/``, Vietnamese ``x.md`` and
English ``x.en.md``) to the nav, spread over the existing sections as a nested "Trang thêm"
subsection in each, builds the copy and prints:

- pages per language (HTML pages built);
- the build's CPU time (user + sys of the ``mkdocs build`` child, from ``os.wait4``) and CPU time
  per page;
- the HTML of a content page (CONTENT_PAGE), raw and gzipped, and its first load: the HTML and
  every stylesheet, script, font and image it references that exists in the site, gzipped as a
  web server would send them;
- ``scripts/check_links.py`` on the built copy: CPU time, peak memory (maxrss), CPU per 100 pages;
- at the ``--preview-sizes`` only (a server is slow to start): edit→preview, the median over
  PREVIEW_SAVES saves of a page under ``mkdocs serve`` of the time until the served page shows
  the change, and how many of the saves the server rebuilt as a page save (only the saved page
  rendered again, ``thuynguyen_kb.preview``) rather than in full.

Then the ratios the growth targets are stated in, from the smallest size to each larger one.
The copies are built as the tests build theirs: no PDF packs, no dates (no git history).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

REPO = Path(__file__).resolve().parent.parent
BUILD_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    # The PDF packs take most of a build's time and change nothing measured here; a copy has no
    # git history, which the pages' dates need (see mkdocs.yml).
    "PDF_PACKS": "false",
    "GIT_DATES": "false",
}
CONTENT_PAGE = "ke-hoach/index.html"
EDITED_PAGE = "docs/ke-hoach.md"  # the source of CONTENT_PAGE, saved for edit→preview
SYNTHETIC_FOLDER = "trang-them"
SECTION_LABEL = ("Trang thêm", "More pages")  # the nested subsection's label, vi and en
PREVIEW_SAVES = 5
PAGE_SAVE = "Preview: page save"  # how mkdocs serve announces one (thuynguyen_kb.preview)
PREVIEW_TIMEOUT = 300.0  # seconds to wait for one rebuild (or the first build) of the server
ASSET_SUFFIXES = (
    ".css",
    ".js",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".svg",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".ico",
)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
# The nav: from "nav:" to the next line that is not indented (the next top-level key).
NAV_BLOCK = re.compile(r"^nav:\n(?:[ \t]+[^\n]*\n|\n)+", re.MULTILINE)
# A top-level nav section: "  - Label:" alone on its line, its pages indented below it.
NAV_SECTION = re.compile(r"^  - (?P<label>[^\n]+):\n(?P<items>(?:      [^\n]*\n)+)", re.MULTILINE)


def size_argument(value: str) -> int:
    """A number of synthetic pages per language: a whole number, 0 or more."""
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a number of pages (found {value!r}, expected a whole number such as 100)"
        ) from None
    if size < 0:
        raise argparse.ArgumentTypeError(
            f"a number of pages cannot be negative (found {size}, expected 0 or more)"
        )
    return size


# --- The copy and its synthetic pages -------------------------------------------------------


def copy_project(target: Path) -> Path:
    """Copy the repository's git-tracked files (as they are in the work tree) into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the work tree is left out
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read_bytes())
    return target


# Opening paragraphs: one line each, as every paragraph of the site (STYLE.md).
EN_OPENING = (
    "This page explains part of [the plan](../../ke-hoach.md) for staff of the wards and"
    " communes, in plain words, with what to do and who does it."
)
VI_OPENING = (
    "Trang này giải thích một phần của [Kế hoạch](../../ke-hoach.md) cho cán bộ xã, phường,"
    " bằng lời dễ hiểu, kèm việc cần làm và ai làm."
)


def synthetic_page(number: int, section: str, lang: str, next_page: str | None) -> str:
    """A page like the editors' own: front matter, a title and headings with ids, paragraphs
    with links, a list and a table, in ``lang``."""
    name = f"trang-{number:04d}"
    link = f" Xem tiếp [trang {number + 1}]({next_page})." if next_page else ""
    if lang == "en":
        link = f" Read on: [page {number + 1}]({next_page})." if next_page else ""
        return f"""---
title: "Additional page {number}: {section}"
description: A synthetic page {number} of the section {section}, as the site grows.
---

# Additional page {number}: {section} {{ #{name} }}

{EN_OPENING}{link}

## What to do {{ #viec-can-lam }}

- Read [the plan's background](../../boi-canh.md) before the meeting.
- Agree who leads the work and who takes part, and write it down.
- Report what was done in the quarter, with the number of children reached.

## Who does what {{ #ai-lam-gi }}

| Body | Role | When |
|---|---|---|
| Ward People's Committee | Lead | Every quarter |
| Health office | Takes part | Every quarter |

The editors keep this page up to date; see [About](../../gioi-thieu.md).
"""
    return f"""---
title: "Trang thêm {number}: {section}"
description: Trang tổng hợp thứ {number} của mục {section}, như khi trang lớn thêm.
---

# Trang thêm {number}: {section} {{ #{name} }}

{VI_OPENING}{link}

## Việc cần làm {{ #viec-can-lam }}

- Đọc [bối cảnh của Kế hoạch](../../boi-canh.md) trước buổi họp.
- Thống nhất ai chủ trì, ai phối hợp, và ghi lại bằng văn bản.
- Báo cáo việc đã làm trong quý, kèm số trẻ em được hỗ trợ.

## Ai làm gì {{ #ai-lam-gi }}

| Cơ quan | Vai trò | Thời gian |
|---|---|---|
| Ủy ban nhân dân phường | Chủ trì | Hằng quý |
| Phòng Y tế | Phối hợp | Hằng quý |

Nhóm biên tập cập nhật trang này; xem [Giới thiệu](../../gioi-thieu.md).
"""


def add_synthetic_pages(project: Path, count: int) -> list[str]:
    """Write ``count`` pages per language into ``project`` and list them in its nav, spread
    round-robin over the top-level sections; return the Vietnamese pages' paths (docs-relative).

    The nav is edited as text, not loaded and dumped with a YAML library: mkdocs.yml uses custom
    tags (``!ENV``) that a plain loader refuses and a dump would rewrite, and its comments would be
    lost; inserting lines keeps every other byte of the file."""
    if count == 0:
        return []
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = NAV_BLOCK.search(text)
    sections = list(NAV_SECTION.finditer(text, *nav.span())) if nav else []
    if not sections:
        raise ValueError(f"{config}: no nav section ('  - Label:' with pages below) to grow")
    pages: dict[int, list[str]] = {index: [] for index in range(len(sections))}
    for number in range(1, count + 1):
        index = (number - 1) % len(sections)
        pages[index].append(f"{SYNTHETIC_FOLDER}/muc-{index + 1}/trang-{number:04d}.md")
    docs = project / "docs"
    for index, paths in pages.items():
        label = sections[index]["label"]
        for position, path in enumerate(paths):
            number = int(path[-7:-3])
            following = paths[position + 1] if position + 1 < len(paths) else None
            link = Path(following).name if following else None
            for lang, suffix in (("vi", ".md"), ("en", ".en.md")):
                target = docs / path.removesuffix(".md")
                target.parent.mkdir(parents=True, exist_ok=True)
                Path(f"{target}{suffix}").write_text(
                    synthetic_page(number, label, lang, link), encoding="utf-8"
                )
    # Insert from the last section up, so the earlier matches' offsets stay right.
    for index in reversed(range(len(sections))):
        if not pages[index]:
            continue
        entries = "".join(f"          - {path}\n" for path in pages[index])
        end = sections[index].end("items")
        text = text[:end] + f"      - {SECTION_LABEL[0]}:\n" + entries + text[end:]
    translations = re.search(r"^(\s+)nav_translations:\n(\s+)", text, re.MULTILINE)
    if translations:
        at = translations.end(1) + len("nav_translations:\n")
        line = f"{translations[2]}{SECTION_LABEL[0]}: {SECTION_LABEL[1]}\n"
        text = text[:at] + line + text[at:]
    config.write_text(text, encoding="utf-8")
    return [path for paths in pages.values() for path in paths]


# --- Measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What one child process cost: CPU seconds (user + sys), peak memory, exit status."""

    cpu: float
    max_rss_mb: float
    status: int
    output: str


def run_measured(command: list[str], cwd: Path, log: Path) -> Run:
    """Run ``command`` and return its own CPU time and peak memory, from ``os.wait4``."""
    env = {**os.environ, **BUILD_ENV, "PYTHONPATH": str(cwd / "src")}
    for unset in ("SITE_URL", "OFFLINE_COPY"):
        env.pop(unset, None)
    with log.open("wb") as out:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    return Run(
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        status=child.returncode,
        output=log.read_text(encoding="utf-8", errors="replace"),
    )


def build(project: Path, site: Path) -> Run:
    """Build ``project`` into ``site`` with the venv's mkdocs (the config is strict)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    run = run_measured(command, project, site.with_suffix(".build.log"))
    if run.status != 0:
        raise RuntimeError(
            f"mkdocs build of {project} failed:\n{tail(site.with_suffix('.build.log'))}"
        )
    return run


def pages_per_language(site: Path) -> dict[str, int]:
    """HTML pages built for each language (English under ``en/``)."""
    every = [p.relative_to(site) for p in site.rglob("*.html")]
    english = sum(1 for p in every if p.parts[0] == "en")
    return {"vi": len(every) - english, "en": english}


def gzipped(file: Path) -> int:
    return len(gzip.compress(file.read_bytes()))


def site_file(site: Path, base: str, reference: str) -> Path | None:
    """The site's file that ``reference`` (relative to the page or file at ``base``) names."""
    address = urlsplit(urljoin(base, reference))
    if address.scheme != "file" or not address.path.startswith("/"):
        return None  # another host, data: or a bare fragment
    file = site / address.path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def first_load(site: Path, page: str) -> tuple[int, list[Path]]:
    """Gzipped bytes of ``page`` and of every stylesheet, script, font and image it references
    (fonts and images that its stylesheets reference too), with the files counted."""
    base = f"file:///{page}"
    tree = html.parse(str(site / page)).getroot()
    references = [
        *tree.xpath("//link[@href][not(@rel='alternate' or @rel='canonical')]/@href"),
        *tree.xpath("//script/@src | //img/@src | //source/@srcset | //image/@href"),
    ]
    found: dict[Path, None] = {}
    for reference in references:
        file = site_file(site, base, reference.split()[0])
        if file and file.suffix in ASSET_SUFFIXES:
            found[file] = None
    for sheet in [f for f in found if f.suffix == ".css"]:
        sheet_base = f"file:///{sheet.relative_to(site).as_posix()}"
        for reference in CSS_URL.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            file = site_file(site, sheet_base, reference)
            if file and file.suffix in ASSET_SUFFIXES:
                found[file] = None
    files = [site / page, *found]
    return sum(gzipped(f) for f in files), files


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, deadline: float, server: subprocess.Popen[bytes]) -> bool:
    """Poll ``url`` until it shows ``text``; False at the deadline or if the server stopped."""
    while time.monotonic() < deadline and server.poll() is None:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.05)
    return False


def tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:]


def edit_to_preview(project: Path, log: Path) -> tuple[list[float], int]:
    """Seconds from each save of EDITED_PAGE to the served page showing it, under
    ``mkdocs serve`` as ``make serve`` runs it (live reload), and how many of the saves were
    rebuilt as page saves."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{CONTENT_PAGE.removesuffix('index.html')}"
    # As `make serve` runs it: no publication settings.
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "CONTACT_EMAIL")}
    env |= {**BUILD_ENV, "PYTHONPATH": str(project / "src")}
    source = project / EDITED_PAGE
    original = source.read_text(encoding="utf-8")
    times = []
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            if not wait_for(url, "</html>", time.monotonic() + PREVIEW_TIMEOUT, server):
                raise RuntimeError(f"mkdocs serve did not answer at {url}:\n{tail(log)}")
            for save in range(1, PREVIEW_SAVES + 1):
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                marker = f"kb-bench-marker-{save}-{time.time_ns()}"
                start = time.monotonic()
                source.write_text(f"{original}\nDấu đo {marker}.\n", encoding="utf-8")
                if not wait_for(url, marker, start + PREVIEW_TIMEOUT, server):
                    raise RuntimeError(f"save {save} never reached {url}:\n{tail(log)}")
                times.append(time.monotonic() - start)
        finally:
            server.terminate()
            server.wait(timeout=30)
            source.write_text(original, encoding="utf-8")
    return times, log.read_text(encoding="utf-8", errors="replace").count(PAGE_SAVE)


@dataclass(frozen=True)
class Figures:
    """Everything measured at one size."""

    size: int
    pages: dict[str, int]
    build: Run
    html_raw: int
    html_gzip: int
    first_load_gzip: int
    first_load_files: int
    check_links: Run
    preview: list[float]
    page_saves: int

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())

    @property
    def build_cpu_per_page(self) -> float:
        return self.build.cpu / self.total_pages

    @property
    def check_links_per_100(self) -> float:
        return self.check_links.cpu / self.total_pages * 100


def measure(size: int, work: Path, preview: bool) -> Figures:
    """Copy, grow, build and measure the site with ``size`` synthetic pages per language."""
    project = copy_project(work / f"project-{size}")
    add_synthetic_pages(project, size)
    site = work / f"site-{size}"
    built = build(project, site)
    page = site / CONTENT_PAGE
    loaded, files = first_load(site, CONTENT_PAGE)
    checked = run_measured(
        [sys.executable, "scripts/check_links.py", str(site), "--docs", "docs"],
        project,
        work / f"check-links-{size}.log",
    )
    times, page_saves = edit_to_preview(project, work / f"serve-{size}.log") if preview else ([], 0)
    return Figures(
        size=size,
        pages=pages_per_language(site),
        build=built,
        html_raw=page.stat().st_size,
        html_gzip=gzipped(page),
        first_load_gzip=loaded,
        first_load_files=len(files),
        check_links=checked,
        preview=times,
        page_saves=page_saves,
    )


def print_figures(figures: Figures) -> None:
    f = figures
    print(f"\n+{f.size} synthetic pages per language:", flush=True)
    print(f"  pages: vi {f.pages['vi']}, en {f.pages['en']} (HTML pages built)")
    print(f"  build CPU: {f.build.cpu:.1f} s, {f.build_cpu_per_page * 1000:.1f} ms per page")
    print(
        f"  {CONTENT_PAGE}: {f.html_raw / 1000:.1f} kB HTML, {f.html_gzip / 1000:.1f} kB gzip;"
        f" first load {f.first_load_gzip / 1000:.1f} kB gzip ({f.first_load_files} files)"
    )
    last = f.check_links.output.strip().splitlines()[-1:] or ["(no output)"]
    print(
        f"  check_links: {f.check_links.cpu:.2f} s CPU, {f.check_links.max_rss_mb:.0f} MB peak,"
        f" {f.check_links_per_100:.3f} s CPU per 100 pages; exit {f.check_links.status}:"
        f" {last[0]}"
    )
    if f.preview:
        shown = ", ".join(f"{t:.2f}" for t in f.preview)
        print(
            f"  edit→preview: median {statistics.median(f.preview):.2f} s ({shown} s);"
            f" {f.page_saves} of {len(f.preview)} saves rebuilt as page saves, the rest in full"
        )


def growth(new: float, old: float) -> str:
    return f"{(new / old - 1) * 100:+.1f}%"


def print_ratios(measured: list[Figures]) -> None:
    """The growth targets' figures, between every two sizes: the targets are stated from the
    site's size when they were set (about 150 pages per language), which may be any of them."""
    print("\nGrowth (targets: build CPU per page ≤ +10%, content-page HTML ≤ +20%):")
    for index, base in enumerate(measured):
        for f in measured[index + 1 :]:
            per_page = growth(f.build_cpu_per_page, base.build_cpu_per_page)
            raw, packed = growth(f.html_raw, base.html_raw), growth(f.html_gzip, base.html_gzip)
            loaded = growth(f.first_load_gzip, base.first_load_gzip)
            print(
                f"  +{base.size} → +{f.size} ({base.pages['vi']} → {f.pages['vi']} pages in vi):"
                f" build CPU per page {per_page}; content-page HTML {raw} raw, {packed} gzip;"
                f" first load {loaded} gzip"
            )
    largest = measured[-1]
    print(
        f"  check_links at +{largest.size}: {largest.check_links_per_100:.3f} s CPU per 100"
        f" pages (target ≤ 1 s), {largest.check_links.max_rss_mb:.0f} MB peak (target ≤ 600)"
    )
    for f in measured:
        if f.preview:
            print(
                f"  edit→preview at +{f.size}: median {statistics.median(f.preview):.2f} s"
                " (target ≤ 2 s)"
            )


def main(argv: list[str] | None = None) -> int:
    """Measure the site at every size and print the figures and their ratios."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=size_argument,
        default=[0, 100, 400],
        help="synthetic pages per language, one build each (default 0 100 400)",
    )
    parser.add_argument(
        "--preview-sizes",
        nargs="*",
        type=size_argument,
        default=None,
        help="sizes at which to time edit→preview (default: the smallest)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    preview = set(args.preview_sizes) if args.preview_sizes is not None else {sizes[0]}
    unknown = preview - set(sizes)
    if unknown:
        parser.error(f"--preview-sizes {sorted(unknown)} not among --sizes {sizes}")
    measured = []
    with tempfile.TemporaryDirectory(prefix="growth-bench-") as tmp:
        for size in sizes:
            measured.append(measure(size, Path(tmp), size in preview))
            print_figures(measured[-1])
    if len(measured) > 1:
        print_ratios(measured)
    return 0


if __name__ == "__main__":
    sys.exit(main())
