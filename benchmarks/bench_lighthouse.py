"""Lighthouse mobile performance of a content page: this site against stock Material for MkDocs.

Usage: ``python benchmarks/bench_lighthouse.py [--runs 5] [--pages ke-hoach/ en/ke-hoach/]
[--reports DIR]`` from the repository root (needs Node.js with npm, Debian's ``chromium`` and
``nginx``). A benchmark, not a test: it prints figures and a verdict and never fails on them;
it exits 2 with a message on bad arguments, a missing tool, a failed build or a bad report.

Two builds of the same ``docs/``, each into a temporary folder:

- **ours**: ``mkdocs.yml`` as it is (hooks, overrides, the site's own search), built with
  ``PDF_PACKS=false``: the trainers' PDF packs are downloads that no page loads, and rendering
  them takes most of a build's time. Everything a page loads is built as for publication
  (minified, precompressed), and the pages' dates come from git as in ``make build``.
- **stock**: a configuration generated from ``mkdocs.yml`` (:func:`stock_config`) and written to
  the temporary folder: the same ``docs_dir``, ``nav``, ``not_in_nav``, ``exclude_docs``, site
  name and description; the theme ``material`` with no ``custom_dir``, no ``features``, no
  palette, no logo or favicon of ours, no ``extra_css`` or ``extra_javascript``; no hooks; the
  plugins Material's own ``search`` and ``i18n`` (the docs are ``.en.md`` suffix files: without
  the plugin the English pages would be built as pages of their own, and the language setup,
  ``nav_translations`` included, is copied as it is). Left out: ``tags`` and
  ``git-revision-date-localized`` (what the site adds to pages, not what the docs need) and
  ``validation``, ``strict`` and ``extra``. Two choices are not Material's defaults, and why:
  ``theme.language: vi`` (the site's default language, so that the Vietnamese pages are
  labelled as such; the i18n plugin sets it per language in any case) and ``theme.font: false``
  (Material's default loads Roboto from Google Fonts; this machine has no network and the site
  loads nothing from another host, so a request that can only fail would be measured instead of
  a font).

  The Markdown extensions: every one of ``mkdocs.yml``'s is used by the docs (``abbr`` for the
  abbreviations that ``pymdownx.snippets`` appends to every page, ``admonition`` and
  ``pymdownx.details`` for the notes, ``attr_list`` for the ``{ #id }`` of headings, ``def_list``
  for the plan's facts, ``md_in_html`` for the plan's layout, ``tables``, ``toc``,
  ``pymdownx.superfences`` for the code blocks of the editors' guide, ``pymdownx.tasklist`` for
  the checklists, ``pymdownx.snippets`` for the shared fragments and link targets); without any
  of them some page shows its Markdown as raw text, so none is dropped. They are kept with their
  default options, except ``pymdownx.snippets``, whose ``base_path`` (made absolute),
  ``check_paths`` and ``auto_append`` say where the fragments are: the site's own choices
  (``tables``' align attribute for the CSP, ``toc``'s "¶" and depth, ``tasklist``'s custom
  checkbox) are not copied. This builds with ``--strict`` and no warning.

Both are served by Debian's nginx on 127.0.0.1, each by its own nginx started as the current
user in the temporary folder, with the site's publishing configuration
(:mod:`thuynguyen_kb.publishing.nginx`: gzip on at the same level and types, the same headers
and Cache-Control, the Content-Security-Policy built from each site's own inline scripts; stock
Material's pages hold no inline code that such a policy refuses). ``gzip_static`` serves the
``.gz`` copies that our build writes beside its files; the stock build has none, so nginx
compresses its files on the fly: that difference is the build's, and counts.

Lighthouse (LIGHTHOUSE_VERSION, from the npm registry: ``benchmarks/lighthouse/package.json``
and its ``package-lock.json``, which pins every package and its SHA-512 integrity) is installed
on first use with ``npm ci --ignore-scripts`` into ``.cache/lighthouse/<version>/`` (not in git;
``make clean`` removes it). It runs with ``CHROME_PATH`` (default ``/usr/bin/chromium``),
``--only-categories=performance``, its default mobile form factor and simulated throttling, and
CHROME_FLAGS; each run launches its own Chromium. Runs are interleaved, ours then stock for each
page, ``--runs`` times over, so that both see the same machine at the same moments. Each JSON
report is kept in ``--reports`` (default ``.cache/lighthouse/reports/``, emptied first).

For each page and site it prints the medians over the runs of the performance score, FCP, LCP,
TBT, CLS, Speed Index and total transfer bytes, then a verdict line per page and one for all:
``ours >= stock`` when the median score of ours is at least stock's, else ``ours < stock``.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import yaml as mkdocs_yaml

from thuynguyen_kb.publishing import nginx
from thuynguyen_kb.publishing.inline_code import InlineCodeError, checked_hashes
from thuynguyen_kb.publishing.policy import build_policy

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"

LIGHTHOUSE_VERSION = "12.8.2"  # the newest whose engines allow Debian 12's Node.js 18
NPM_PROJECT = REPO / "benchmarks" / "lighthouse"  # package.json and package-lock.json
INSTALL_ROOT = REPO / ".cache" / "lighthouse"
LIGHTHOUSE_CLI = Path("node_modules") / "lighthouse" / "cli" / "index.js"
DEFAULT_REPORTS = INSTALL_ROOT / "reports"
DEFAULT_RUNS = 5
MAX_RUNS = 50
DEFAULT_PAGES = ("ke-hoach/", "en/ke-hoach/")
CHROMIUM = "/usr/bin/chromium"
NGINX = "/usr/sbin/nginx"
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
LIGHTHOUSE_TIMEOUT = 300.0  # seconds for one run
# What Lighthouse prints when it gives up on a run's trace (its LighthouseError), and how many
# times such a run is tried again (run_lighthouse).
RUNTIME_ERROR = "Runtime error encountered"
RETRIES = 2
NGINX_START_SECONDS = 10.0
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PDF_PACKS": "false"}
SITES = ("ours", "stock")
# Material's stock Markdown: the extensions the docs use, with their default options.
STOCK_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
)
SNIPPETS = "pymdownx.snippets"
STOCK_PLUGINS = ("search", "i18n")  # Material's search, and the docs' language layout
COPIED_KEYS = ("site_name", "site_description", "exclude_docs", "not_in_nav", "nav")


class BenchError(Exception):
    """Something the benchmark cannot go on without; its message says what and what to do."""


class ReportError(BenchError):
    """A Lighthouse JSON report that is not one, or not of a complete performance run."""


@dataclass(frozen=True)
class Metric:
    """One figure of a report: its audit id, its label and how it is printed."""

    audit: str
    label: str
    unit: str  # "ms", "" (CLS), "kB"


METRICS = (
    Metric("first-contentful-paint", "FCP", "ms"),
    Metric("largest-contentful-paint", "LCP", "ms"),
    Metric("total-blocking-time", "TBT", "ms"),
    Metric("cumulative-layout-shift", "CLS", ""),
    Metric("speed-index", "Speed Index", "ms"),
    Metric("total-byte-weight", "Transfer", "kB"),
)


@dataclass(frozen=True)
class Report:
    """What one Lighthouse run measured."""

    url: str
    version: str
    form_factor: str
    throttling: str
    score: float  # 0–100
    values: dict[str, float]  # audit id -> numericValue (ms, bytes, or CLS's unitless score)


# --- Arguments ------------------------------------------------------------------------------


def runs_argument(value: str) -> int:
    """A number of runs per site and page: a whole number from 1 to MAX_RUNS."""
    try:
        runs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a number of runs (found {value!r}, expected a whole number such as 5)"
        ) from None
    if not 1 <= runs <= MAX_RUNS:
        raise argparse.ArgumentTypeError(
            f"a number of runs must be from 1 to {MAX_RUNS} (found {runs})"
        )
    return runs


def page_argument(value: str) -> str:
    """A page's address below the site's root, as built: ``ke-hoach/``, ``en/ke-hoach/``."""
    if not value or value.startswith("/") or "://" in value or "?" in value or "#" in value:
        raise argparse.ArgumentTypeError(
            f"not a page address below the site's root (found {value!r}, expected e.g. ke-hoach/)"
        )
    parts = value.rstrip("/").split("/")
    if not value.endswith("/") or any(part in ("", ".", "..") for part in parts):
        raise argparse.ArgumentTypeError(
            f"not a page's folder address (found {value!r}, expected e.g. ke-hoach/ or "
            "en/ke-hoach/, ending with /)"
        )
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, checked (argparse exits 2 with the reason on a bad one)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=runs_argument,
        default=DEFAULT_RUNS,
        help=f"Lighthouse runs per site and page, interleaved (default {DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        type=page_argument,
        default=list(DEFAULT_PAGES),
        help="pages to measure, below the site's root (default: " + " ".join(DEFAULT_PAGES) + ")",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=DEFAULT_REPORTS,
        help="folder for the JSON reports, emptied first (default .cache/lighthouse/reports)",
    )
    return parser.parse_args(argv)


# --- The stock configuration ----------------------------------------------------------------


def load_config(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` read as MkDocs reads it (``!ENV`` values resolved)."""
    try:
        with path.open(encoding="utf-8") as handle:
            config = mkdocs_yaml.yaml_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise BenchError(f"{path}: cannot read the MkDocs configuration ({error})") from None
    if not isinstance(config, dict):
        raise BenchError(f"{path}: not a MkDocs configuration (expected a mapping of settings)")
    return config


def _named(entries: list[Any], name: str) -> Any:
    """The options of ``name`` in a MkDocs list of plugins or extensions (None if absent)."""
    for entry in entries or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def stock_config(config: dict[str, Any], base: Path) -> dict[str, Any]:
    """The stock Material configuration of the same docs (see the module docstring).

    ``base`` is the folder of ``mkdocs.yml``: the docs folder and the snippets' paths are made
    absolute, so the configuration can be written anywhere.
    """
    missing = [key for key in ("site_name", "nav") if key not in config]
    if missing:
        raise BenchError(f"the MkDocs configuration has no {', '.join(missing)}")
    i18n = _named(config.get("plugins", []), "i18n")
    if i18n is None:
        raise BenchError("the MkDocs configuration has no i18n plugin: its languages are needed")
    stock: dict[str, Any] = {key: config[key] for key in COPIED_KEYS if key in config}
    stock["docs_dir"] = str((base / config.get("docs_dir", "docs")).resolve())
    theme = config.get("theme") or {}
    stock["theme"] = {"name": "material", "language": theme.get("language", "en"), "font": False}
    extensions: list[Any] = list(STOCK_EXTENSIONS)
    snippets = _named(config.get("markdown_extensions", []), SNIPPETS)
    if snippets is not None:
        options = {k: snippets[k] for k in ("check_paths", "auto_append") if k in snippets}
        paths = snippets.get("base_path", ["."])
        paths = [paths] if isinstance(paths, str) else paths
        options["base_path"] = [str((base / p).resolve()) for p in paths]
        extensions.append({SNIPPETS: options})
    stock["markdown_extensions"] = extensions
    stock["plugins"] = ["search", {"i18n": i18n}]
    return stock


def write_stock_config(folder: Path, config_path: Path = REPO / "mkdocs.yml") -> Path:
    """Write the stock configuration of ``config_path``'s docs as ``folder/mkdocs.yml``."""
    stock = stock_config(load_config(config_path), config_path.parent)
    text = (
        "# Stock Material for MkDocs over the site's docs, generated by\n"
        "# benchmarks/bench_lighthouse.py from mkdocs.yml: no hooks, no overrides.\n"
        + yaml.safe_dump(stock, allow_unicode=True, sort_keys=False)
    )
    target = folder / "mkdocs.yml"
    temporary = target.with_name(".mkdocs.yml.part")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    return target


# --- Tools ----------------------------------------------------------------------------------


def require(path: str | None, what: str, install: str) -> str:
    """``path`` if it is an executable file; else a BenchError saying what to install."""
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    raise BenchError(f"{what} not found ({path or 'not on PATH'}): {install}")


def find_tools(needed: Sequence[str] = ("chromium", "nginx", "node", "npm")) -> dict[str, str]:
    """The ``needed`` tools of Chromium, nginx, node and npm: their paths, or one error naming
    all that are missing."""
    wanted = {
        "chromium": (
            os.environ.get("CHROME_PATH", CHROMIUM),
            "Chromium",
            "install Debian's package with 'sudo apt install chromium' (or set CHROME_PATH)",
        ),
        "nginx": (
            os.environ.get("NGINX", NGINX),
            "nginx",
            "install Debian's package with 'sudo apt install nginx' (or set NGINX)",
        ),
        "node": (shutil.which("node"), "Node.js", "install it with 'sudo apt install npm'"),
        "npm": (shutil.which("npm"), "npm", "install it with 'sudo apt install npm'"),
    }
    found: dict[str, str] = {}
    problems = []
    for key, (path, what, install) in wanted.items():
        if key not in needed:
            continue
        try:
            found[key] = require(path, what, install)
        except BenchError as error:
            problems.append(str(error))
    if problems:
        raise BenchError("\n".join(problems))
    return found


def pinned_version(project: Path = NPM_PROJECT) -> str:
    """The Lighthouse version that ``package.json`` and ``package-lock.json`` pin (the same)."""
    try:
        manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
        lock = json.loads((project / "package-lock.json").read_text(encoding="utf-8"))
        wanted = manifest["dependencies"]["lighthouse"]
        locked = lock["packages"]["node_modules/lighthouse"]["version"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BenchError(f"{project}: no pinned Lighthouse ({error!r})") from None
    if not wanted == locked == LIGHTHOUSE_VERSION:
        raise BenchError(
            f"{project}: package.json pins lighthouse {wanted}, package-lock.json {locked}, "
            f"bench_lighthouse.py expects {LIGHTHOUSE_VERSION}: change them together "
            "(npm install --package-lock-only in that folder)"
        )
    return wanted


def install_lighthouse(npm: str, root: Path = INSTALL_ROOT) -> Path:
    """The pinned Lighthouse's CLI, installed with ``npm ci`` from the lock file on first use."""
    version = pinned_version()
    target = root / version
    cli = target / LIGHTHOUSE_CLI
    lock = (NPM_PROJECT / "package-lock.json").read_bytes()
    if cli.is_file() and (target / "package-lock.json").read_bytes() == lock:
        return cli
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=root))
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(NPM_PROJECT / name, work / name)
        print(f"Installing Lighthouse {version} into {target} (npm ci) …", flush=True)
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BenchError(f"npm ci of Lighthouse {version} failed:\n{done.stderr.strip()}")
        installed = json.loads((work / "node_modules/lighthouse/package.json").read_text())
        if installed.get("version") != version:
            raise BenchError(f"npm installed lighthouse {installed.get('version')}, not {version}")
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return cli


# --- Builds and servers ---------------------------------------------------------------------


def build(config: Path, site: Path, log: Path) -> None:
    """``mkdocs build`` of ``config`` into ``site``; a BenchError with the log's end if it fails."""
    pythonpath = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, **BUILD_ENV, "PYTHONPATH": pythonpath}
    for unset in ("SITE_URL", "OFFLINE_COPY"):
        env.pop(unset, None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    with log.open("wb") as out:
        status = subprocess.run(command, cwd=config.parent, env=env, stdout=out, stderr=out)
    if status.returncode != 0:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        raise BenchError(f"mkdocs build of {config} failed:\n" + "\n".join(lines[-30:]))


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve(executable: str, site: Path, prefix: Path) -> Iterator[str]:
    """``site`` served by its own nginx on 127.0.0.1 with the publishing configuration: its URL."""
    try:
        hashes = checked_hashes(site)
    except InlineCodeError as error:
        raise BenchError(f"{site}: the publishing policy cannot serve it:\n{error}") from None
    port = free_port()
    nginx.prepare_prefix(prefix)
    server = nginx.Server(site, (f"127.0.0.1:{port}",))
    (prefix / "site.conf").write_text(nginx.site_config(build_policy(hashes), server))
    user = getpass.getuser() if os.geteuid() == 0 else None  # see tests/browser/conftest.py
    conf = prefix / "nginx.conf"
    conf.write_text(nginx.standalone_config(prefix, prefix / "site.conf", user), encoding="utf-8")
    log = prefix / "error.log"
    command = [executable, "-p", str(prefix), "-c", str(conf), "-e", str(log)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + NGINX_START_SECONDS
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                text = log.read_text(errors="replace") if log.exists() else ""
                raise BenchError(f"nginx did not start for {site} (exit {process.poll()}):\n{text}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- Lighthouse and its reports -------------------------------------------------------------


def _number(value: Any, where: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ReportError(f"{path}: {where} is not a number (found {value!r})")
    if value < 0:
        raise ReportError(f"{path}: {where} is negative (found {value!r})")
    return float(value)


def parse_report(path: Path) -> Report:
    """The figures of a Lighthouse JSON report; a ReportError naming the file if it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot read the report ({error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{path}:{error.lineno}:{error.colno}: not a JSON report ({error.msg})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("lighthouseVersion"), str):
        raise ReportError(f"{path}: not a Lighthouse report (no lighthouseVersion)")
    error = data.get("runtimeError")
    if isinstance(error, dict) and error.get("code"):
        raise ReportError(f"{path}: Lighthouse failed: {error.get('code')}: {error.get('message')}")
    settings = data.get("configSettings")
    categories = data.get("categories")
    audits = data.get("audits")
    if not isinstance(settings, dict) or not isinstance(categories, dict):
        raise ReportError(f"{path}: no configSettings or categories")
    performance = categories.get("performance")
    if not isinstance(performance, dict) or "score" not in performance:
        raise ReportError(f"{path}: no performance category (was it run with it?)")
    if performance["score"] is None:
        raise ReportError(f"{path}: the performance score is null (a metric failed)")
    score = _number(performance["score"], "categories.performance.score", path)
    if score > 1:
        raise ReportError(f"{path}: categories.performance.score is above 1 (found {score})")
    if not isinstance(audits, dict):
        raise ReportError(f"{path}: no audits")
    values = {}
    for metric in METRICS:
        audit = audits.get(metric.audit)
        if not isinstance(audit, dict) or "numericValue" not in audit:
            raise ReportError(f"{path}: no numericValue in audit {metric.audit}")
        values[metric.audit] = _number(audit["numericValue"], f"{metric.audit}.numericValue", path)
    return Report(
        url=str(data.get("finalDisplayedUrl") or data.get("requestedUrl") or ""),
        version=data["lighthouseVersion"],
        form_factor=str(settings.get("formFactor")),
        throttling=str(settings.get("throttlingMethod")),
        score=round(score * 100, 1),
        values=values,
    )


def lighthouse_command(node: str, cli: Path, url: str, output: Path) -> list[str]:
    """The Lighthouse command line of one run (mobile and simulated throttling: its defaults)."""
    return [
        node,
        str(cli),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]


def run_lighthouse(tools: dict[str, str], cli: Path, url: str, output: Path) -> Report:
    """One Lighthouse run of ``url``, its report written to ``output`` and read back. A run that
    Lighthouse itself gives up on (``Runtime error encountered``, such as NO_NAVSTART: Chromium's
    trace of the load came back without the navigation, which happens now and then on this
    machine) is run again, up to RETRIES times, saying so; any other failure stops the bench."""
    env = {**os.environ, "CHROME_PATH": tools["chromium"]}
    command = lighthouse_command(tools["node"], cli, url, output)
    for attempt in range(RETRIES + 1):
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=LIGHTHOUSE_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"Lighthouse took over {LIGHTHOUSE_TIMEOUT:.0f} s on {url}") from None
        if done.returncode == 0 or RUNTIME_ERROR not in done.stderr or attempt == RETRIES:
            break
        reason = done.stderr.strip().splitlines()[-1][-200:]
        print(f"  Lighthouse gave up on {url} ({reason}); running it again", flush=True)
    if done.returncode != 0:
        raise BenchError(
            f"Lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr.strip()[-3000:]}"
        )
    report = parse_report(output)
    if (report.form_factor, report.throttling) != ("mobile", "simulate"):
        raise ReportError(
            f"{output}: run as {report.form_factor} with {report.throttling} throttling "
            "(expected mobile with simulate)"
        )
    return report


# --- Figures --------------------------------------------------------------------------------


def medians(reports: Sequence[Report]) -> dict[str, float]:
    """The median score ("score") and the median of each metric over ``reports``."""
    if not reports:
        raise ValueError("no reports")
    figures = {"score": statistics.median(r.score for r in reports)}
    for metric in METRICS:
        figures[metric.audit] = statistics.median(r.values[metric.audit] for r in reports)
    return figures


def format_row(site: str, figures: dict[str, float], scores: Sequence[float]) -> str:
    """One printed line: the site's medians, and every run's score."""
    cells = [f"{site:<6}", f"score {figures['score']:5.1f}"]
    for metric in METRICS:
        value = figures[metric.audit]
        if metric.unit == "ms":
            cells.append(f"{metric.label} {value:6.0f} ms")
        elif metric.unit == "kB":
            cells.append(f"{metric.label} {value / 1000:6.1f} kB")
        else:
            cells.append(f"{metric.label} {value:.3f}")
    return "  ".join(cells) + "   (scores: " + " ".join(f"{s:.0f}" for s in scores) + ")"


def verdict(ours: dict[str, float], stock: dict[str, float]) -> str:
    """``ours >= stock`` or ``ours < stock``, by median performance score."""
    return "ours >= stock" if ours["score"] >= stock["score"] else "ours < stock"


def main(argv: Sequence[str] | None = None) -> int:
    """Build, serve, run Lighthouse interleaved, print the medians and the verdict."""
    args = parse_args(argv)
    try:
        tools = find_tools()
        cli = install_lighthouse(tools["npm"])
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as folder:
            work = Path(folder)
            sites = {"ours": work / "ours", "stock": work / "stock"}
            stock_config_path = write_stock_config(work)
            print("Building ours (mkdocs.yml, PDF_PACKS=false) and stock …", flush=True)
            build(REPO / "mkdocs.yml", sites["ours"], work / "ours.log")
            build(stock_config_path, sites["stock"], work / "stock.log")
            for name, site in sites.items():
                for page in args.pages:
                    if not (site / page / "index.html").is_file():
                        raise BenchError(f"{name}: the build has no page {page} ({site / page})")
            reports_dir: Path = args.reports
            if reports_dir.exists():
                shutil.rmtree(reports_dir)
            reports_dir.mkdir(parents=True)
            results: dict[tuple[str, str], list[Report]] = {}
            with contextlib.ExitStack() as servers:
                urls = {
                    name: servers.enter_context(serve(tools["nginx"], site, work / f"nginx-{name}"))
                    for name, site in sites.items()
                }
                print(
                    f"Lighthouse {LIGHTHOUSE_VERSION}, {args.runs} runs per site and page, "
                    f"interleaved; reports in {reports_dir}",
                    flush=True,
                )
                for run in range(1, args.runs + 1):
                    for page in args.pages:
                        for name in SITES:
                            slug = page.strip("/").replace("/", "_")
                            output = reports_dir / f"{run:02d}-{name}-{slug}.json"
                            report = run_lighthouse(tools, cli, urls[name] + page, output)
                            if report.version != LIGHTHOUSE_VERSION:
                                raise ReportError(f"{output}: Lighthouse {report.version} ran")
                            results.setdefault((page, name), []).append(report)
                            print(f"  run {run} {name:<5} {page}: {report.score:.0f}", flush=True)
    except BenchError as error:
        print(f"bench_lighthouse: {error}", file=sys.stderr)
        return 2
    print()
    every = []
    for page in args.pages:
        figures = {name: medians(results[(page, name)]) for name in SITES}
        print(f"{page} (medians of {args.runs} runs, mobile, simulated throttling)")
        for name in SITES:
            scores = [r.score for r in results[(page, name)]]
            print("  " + format_row(name, figures[name], scores))
        said = verdict(figures["ours"], figures["stock"])
        every.append(said)
        print(
            f"  {page}: {said} ({figures['ours']['score']:.0f} vs {figures['stock']['score']:.0f})"
        )
    overall = "ours >= stock" if all(s == "ours >= stock" for s in every) else "ours < stock"
    print(f"Verdict: {overall} (median performance score, on every page measured)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
