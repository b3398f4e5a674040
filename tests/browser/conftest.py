"""Browser fixtures: the built site served on 127.0.0.1, and headless Chromium from Debian's
``chromium`` package driven by Playwright (Playwright's own browser downloads are not used).

Without Chromium the browser tests are skipped locally with a message saying how to install it;
with ``CI=true`` a missing browser fails the run instead, so CI cannot pass without them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags for a quiet, sandbox-free headless Chromium in a closed network (see README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Path of the system Chromium, if installed; ``CHROMIUM=/path`` chooses one explicitly."""
    chosen = os.environ.get("CHROMIUM")
    candidates = [chosen] if chosen else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served over HTTP on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = find_chromium()
    if executable is None:
        message = (
            "Chromium not found: install Debian's package with 'sudo apt install chromium' "
            "(or set CHROMIUM=/path/to/chromium) to run the browser tests"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """What went wrong while a page was open: console errors and failed requests."""

    origin: str
    errors: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        self.errors.append(f"request failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def request(self, request: Request) -> None:
        if urlsplit(request.url).scheme in {"http", "https"} and not request.url.startswith(
            self.origin
        ):
            self.errors.append(f"request to another host: {request.url}")


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh browser tab; ``page.log`` collects console errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    log = PageLog(site_url)
    tab.on("console", log.console)
    tab.on("requestfailed", log.failed)
    tab.on("response", log.response)
    tab.on("request", log.request)
    tab.log = log  # type: ignore[attr-defined]
    yield tab
    context.close()
