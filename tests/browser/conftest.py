"""Browser fixtures: the built site served by nginx on 127.0.0.1, and headless Chromium from
Debian's ``chromium`` package driven by Playwright (Playwright's own browser downloads are not
used).

nginx (Debian's ``nginx`` package) runs as the test's own user, with its prefix, pid file,
temporary folders and logs in a temporary folder, and the configuration that
``scripts/publishing_config.py`` writes (:mod:`thuynguyen_kb.publishing.nginx`, the same code),
so every browser test runs under the published headers and Content-Security-Policy. Every tab
reports each ``securitypolicyviolation`` event as a console error, which fails the test.

Without Chromium or nginx the browser tests are skipped locally with a message saying how to
install it; with ``CI=true`` a missing one fails the run instead, so CI cannot pass without them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import free_port
from lxml import html
from page_log import PageLog
from playwright.sync_api import Browser, Page, sync_playwright

from thuynguyen_kb.publishing import nginx
from thuynguyen_kb.publishing.inline_code import checked_hashes, runs, script_hash
from thuynguyen_kb.publishing.policy import Policy, build_policy

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


NGINX_CANDIDATES = ("/usr/sbin/nginx",)
NGINX_START_SECONDS = 10
# Reports every Content-Security-Policy violation as a console error (see PageLog.console), and
# keeps them for tests that expect one.
CSP_LISTENER = """
window.__kbCspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const what = `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
    + ` (${event.sourceFile || location.href}:${event.lineNumber})`;
  window.__kbCspViolations.push(what);
  console.error("Content-Security-Policy violation: " + what);
}, true);
"""


def find_executable(variable: str, candidates: tuple[str, ...], name: str) -> str | None:
    """Path of a system program, if installed; ``$variable=/path`` chooses one explicitly."""
    chosen = os.environ.get(variable)
    found = [chosen] if chosen else [*candidates, shutil.which(name)]
    return next((c for c in found if c and Path(c).is_file()), None)


def find_chromium() -> str | None:
    """Path of the system Chromium, if installed; ``CHROMIUM=/path`` chooses one explicitly."""
    return find_executable("CHROMIUM", CHROMIUM_CANDIDATES, "chromium")


def missing(message: str) -> None:
    """Skip the test locally, fail it in CI (``CI=true``)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Served:
    """A site served by nginx: its root address, and nginx's folder (configuration, logs)."""

    url: str
    prefix: Path
    redirect_url: str | None = None  # with TLS: the plain-HTTP address that redirects


def wait_for_ports(process: subprocess.Popen[bytes], ports: list[int], log: Path) -> None:
    """Return once nginx accepts connections on every port; fail with its log if it stops."""
    deadline = time.monotonic() + NGINX_START_SECONDS
    waiting = list(ports)
    while waiting:
        if process.poll() is not None or time.monotonic() > deadline:
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            pytest.fail(f"nginx did not start (exit {process.poll()}):\n{text}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", waiting[0]), 1):
            waiting.pop(0)
            continue
        time.sleep(0.02)


@contextlib.contextmanager
def running_nginx(
    executable: str, prefix: Path, site_conf: str, ports: list[int]
) -> Iterator[None]:
    """nginx in the foreground as the current user, everything of it inside ``prefix``."""
    nginx.prepare_prefix(prefix)
    (prefix / "site.conf").write_text(site_conf, encoding="utf-8")
    conf = prefix / "nginx.conf"
    # Started by root (a CI container), nginx would hand its workers to "nobody", who cannot
    # read the test's private folders: they keep root's user instead. Otherwise nothing of it
    # runs as root.
    user = getpass.getuser() if os.geteuid() == 0 else None
    conf.write_text(nginx.standalone_config(prefix, prefix / "site.conf", user), encoding="utf-8")
    log = prefix / "error.log"
    command = [executable, "-p", str(prefix), "-c", str(conf), "-e", str(log)]
    with (prefix / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        wait_for_ports(process, ports, log)
        yield
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
        process.wait(timeout=10)


ServeSite = Callable[..., Served]


@pytest.fixture(scope="session")
def serve_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeSite]:
    """Start nginx for a built site and a policy (``tls`` for HTTPS and a redirect from HTTP);
    every nginx started stops at the end of the session."""
    executable = find_executable("NGINX", NGINX_CANDIDATES, "nginx")
    if executable is None:
        missing(
            "nginx not found: install Debian's package with 'sudo apt install nginx' (or set "
            "NGINX=/path/to/nginx) to run the browser tests against the published configuration"
        )
    assert executable is not None
    with contextlib.ExitStack() as running:

        def start(site: Path, policy: Policy, tls: nginx.Tls | None = None) -> Served:
            prefix = tmp_path_factory.mktemp("nginx")
            port, redirect = free_port(), free_port()
            listen = (f"127.0.0.1:{port}",)
            redirects = (f"127.0.0.1:{redirect}",) if tls else ()
            config = nginx.site_config(policy, nginx.Server(site, listen, "_", tls, redirects))
            ports = [port, redirect] if tls else [port]
            running.enter_context(running_nginx(executable, prefix, config, ports))
            scheme = "https" if tls else "http"
            redirect_url = f"http://127.0.0.1:{redirect}/" if tls else None
            return Served(f"{scheme}://127.0.0.1:{port}/", prefix, redirect_url)

        yield start


@pytest.fixture(scope="session")
def served_site(serve_site: ServeSite, request: pytest.FixtureRequest) -> Served:
    """The built site, served by nginx over HTTP with the policy made from its pages."""
    # Built only once nginx is known to be there: a missing nginx skips (or fails) at once.
    site: Path = request.getfixturevalue("built_site")
    return serve_site(site, build_policy(checked_hashes(site)))


@pytest.fixture(scope="session")
def site_url(served_site: Served) -> str:
    """The root address of the built site, served by nginx on a free port of 127.0.0.1."""
    return served_site.url


@dataclass(frozen=True)
class Weakened:
    """The built site served with a policy short of one header and of one inline script's hash."""

    served: Served
    header: str  # the header left out
    script_hash: str  # the hash left out: the home page's first inline script's


@pytest.fixture(scope="session")
def weakened_site(serve_site: ServeSite, request: pytest.FixtureRequest) -> Weakened:
    """What the header and browser tests must catch: the published configuration with
    X-Content-Type-Options dropped and the home page's first inline script not allowed."""
    site: Path = request.getfixturevalue("built_site")
    parser = html.HTMLParser(encoding="utf-8")
    home = html.document_fromstring((site / "index.html").read_bytes(), parser=parser)
    dropped = next(script_hash(s.text or "") for s in home.iter("script") if runs(s))
    policy = build_policy(h for h in checked_hashes(site) if h != dropped)
    header = "X-Content-Type-Options"
    headers = tuple(h for h in policy.headers if h.name != header)
    served = serve_site(site, dataclasses.replace(policy, headers=headers))
    return Weakened(served, header, dropped)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = find_chromium()
    if executable is None:
        missing(
            "Chromium not found: install Debian's package with 'sudo apt install chromium' "
            "(or set CHROMIUM=/path/to/chromium) to run the browser tests"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_tab(browser: Browser, origin: str, **options: object) -> Page:
    """A tab in a fresh context; ``tab.log`` collects console errors (Content-Security-Policy
    violations among them), failed requests, error statuses and requests outside ``origin``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    log = PageLog(origin)
    tab.on("console", log.console)
    tab.on("requestfailed", log.failed)
    tab.on("response", log.response)
    tab.on("request", log.request)
    tab.log = log  # type: ignore[attr-defined]
    return tab


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh browser tab on the served site (see :func:`open_tab`)."""
    tab = open_tab(browser, site_url)
    yield tab
    tab.context.close()


@pytest.fixture
def tab_on(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open tabs on another served site, e.g. one served with a changed policy (see
    :func:`open_tab`); they are closed after the test."""
    tabs: list[Page] = []

    def open_on(origin: str, **options: object) -> Page:
        tabs.append(open_tab(browser, origin, **options))
        return tabs[-1]

    yield open_on
    for tab in tabs:
        tab.context.close()
