"""The main thread's work during a real page load: this site against stock Material for MkDocs.

Usage: ``python benchmarks/bench_main_thread.py [--loads 4] [--pages en/ke-hoach/]`` from the
repository root (needs Debian's ``chromium`` and ``nginx``, and the test requirements'
Playwright). A benchmark, not a test: it prints figures and never fails on them; it exits 2
with a message on bad arguments, a missing tool, a failed build or an unreadable trace.

Lighthouse (``bench_lighthouse.py``) does not time the load it watches: it simulates a slow
phone from the requests and tasks it saw, and whether a request ended a few milliseconds before
or after the largest paint can move its score by several points. This measures what the
browser really did instead. The two builds and their nginx servers are ``bench_lighthouse.py``'s
(same configuration, same publishing headers). Each page is loaded ``--loads`` times per site,
interleaved, in a fresh Chromium context of a phone's size with the CPU slowed down four times
(Lighthouse's mobile setting), and traced until the network is idle; the trace's complete events
on the page's main thread (``CrRendererMain``: not the search worker of stock Material, whose
work blocks nothing) are summed by kind: script evaluation (``EvaluateScript``, the scripts'
top-level code), event handlers and timers (``FunctionCall``), style (``UpdateLayoutTree``),
layout (``Layout``), HTML parsing (``ParseHTML``, which holds the evaluation of the scripts it
meets). It prints, per page and site, each load's sums and their medians, in milliseconds of the
slowed-down CPU.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any


def _load_lighthouse_bench() -> ModuleType:
    """``bench_lighthouse.py``, beside this file, imported by its path (benchmarks/ is no
    package, and nothing here reaches modules through ``sys.path``)."""
    spec = importlib.util.spec_from_file_location(
        "bench_lighthouse", Path(__file__).with_name("bench_lighthouse.py")
    )
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/bench_lighthouse.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


lighthouse = _load_lighthouse_bench()

KINDS = {
    "EvaluateScript": "script",
    "FunctionCall": "handlers",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "ParseHTML": "parse",
}
MAIN_THREAD = "CrRendererMain"
CPU_SLOWDOWN = 4  # as Lighthouse's mobile simulation
VIEWPORT = {"width": 412, "height": 823}  # Lighthouse's mobile screen (Moto G Power)
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"]
SETTLE_MS = 800  # after the network is idle, for the last tasks to end
DEFAULT_LOADS = 4
MAX_LOADS = 50


class TraceError(lighthouse.BenchError):
    """A trace that is not one, or has no page main thread."""


def loads_argument(value: str) -> int:
    """``--loads``: a whole number from 1 to MAX_LOADS."""
    try:
        loads = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a number of loads (found {value!r}, expected a whole number such as 4)"
        ) from None
    if not 1 <= loads <= MAX_LOADS:
        raise argparse.ArgumentTypeError(f"loads must be from 1 to {MAX_LOADS} (found {loads})")
    return loads


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--loads",
        type=loads_argument,
        default=DEFAULT_LOADS,
        help=f"traced loads per site and page, interleaved (default {DEFAULT_LOADS})",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        type=lighthouse.page_argument,
        default=["en/ke-hoach/"],
        help="pages to load, below the site's root (default: en/ke-hoach/)",
    )
    return parser.parse_args(argv)


def main_thread_work(trace: bytes, where: str) -> dict[str, float]:
    """Milliseconds of each kind of work (KINDS) on the traced page's main thread."""
    try:
        events = json.loads(trace)["traceEvents"]
        names = {
            (event["pid"], event["tid"])
            for event in events
            if event.get("ph") == "M"
            and event.get("name") == "thread_name"
            and event.get("args", {}).get("name") == MAIN_THREAD
        }
    except (ValueError, KeyError, TypeError) as error:
        raise TraceError(f"{where}: not a Chromium trace ({error})") from None
    if not names:
        raise TraceError(f"{where}: the trace has no {MAIN_THREAD} thread")
    work = dict.fromkeys(KINDS.values(), 0.0)
    for event in events:
        kind = KINDS.get(event.get("name", ""))
        if kind and event.get("ph") == "X" and (event.get("pid"), event.get("tid")) in names:
            work[kind] += float(event.get("dur", 0)) / 1000
    return work


def trace_load(browser: Any, url: str) -> bytes:
    """One traced load of ``url`` in a fresh context of a phone's size, the CPU slowed down."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, device_scale_factor=1.75)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        browser.start_tracing(page=page, categories=CATEGORIES)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(SETTLE_MS)
        return bytes(browser.stop_tracing())
    finally:
        context.close()


def row(name: str, loads: list[dict[str, float]]) -> str:
    """One site's line: the medians, then each load's script and style figures."""
    medians = "  ".join(
        f"{kind} {statistics.median(load[kind] for load in loads):6.0f}" for kind in KINDS.values()
    )
    each = " ".join(f"{load['script']:.0f}/{load['style']:.0f}" for load in loads)
    return f"{name:<6} medians (ms): {medians}   script/style of each load: {each}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        tools = lighthouse.find_tools(("chromium", "nginx"))  # no Node.js here
        from playwright.sync_api import sync_playwright  # a test requirement

        with tempfile.TemporaryDirectory(prefix="bench-main-thread-") as folder:
            work = Path(folder)
            sites = {"ours": work / "ours", "stock": work / "stock"}
            print("Building ours (mkdocs.yml, PDF_PACKS=false) and stock …", flush=True)
            lighthouse.build(lighthouse.REPO / "mkdocs.yml", sites["ours"], work / "ours.log")
            lighthouse.build(lighthouse.write_stock_config(work), sites["stock"], work / "s.log")
            found: dict[tuple[str, str], list[dict[str, float]]] = {}
            with contextlib.ExitStack() as servers, sync_playwright() as playwright:
                urls = {
                    name: servers.enter_context(
                        lighthouse.serve(tools["nginx"], site, work / f"nginx-{name}")
                    )
                    for name, site in sites.items()
                }
                browser = playwright.chromium.launch(executable_path=tools["chromium"])
                for load in range(1, args.loads + 1):
                    for page in args.pages:
                        for name in lighthouse.SITES:
                            where = f"load {load} of {name} {page}"
                            trace = trace_load(browser, urls[name] + page)
                            found.setdefault((page, name), []).append(
                                main_thread_work(trace, where)
                            )
                browser.close()
    except lighthouse.BenchError as error:
        print(f"bench_main_thread: {error}", file=sys.stderr)
        return 2
    for page in args.pages:
        print(f"\n{page} ({args.loads} loads, CPU slowed down {CPU_SLOWDOWN}×, main thread)")
        for name in lighthouse.SITES:
            print("  " + row(name, found[(page, name)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
