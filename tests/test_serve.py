"""``make serve`` (``mkdocs serve``), the README's command for writers: it serves the site with
no publication settings set, and a saved page is served changed.

``mkdocs serve`` sets ``site_url`` to its own address; the contact hook once took that for a
build for publication and stopped the preview for want of CONTACT_EMAIL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import append_line, copy_project, free_port

WAIT = 120  # seconds: a first build of both languages on a slow machine


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SITE_URL", "CONTACT_EMAIL")},
        "NO_MKDOCS_2_WARNING": "1",
    }
    log = (project.parent / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def served_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(url: str, holds: Callable[[str], bool], project: Path) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        text = served_text(url)
        if holds(text):
            return text
        time.sleep(0.3)
    log = (project.parent / "serve.log").read_text(encoding="utf-8")
    pytest.fail(f"{url} not served as expected within {WAIT} s; mkdocs serve printed:\n{log}")


def test_the_preview_serves_both_languages_without_publication_settings(
    served: tuple[Path, str],
) -> None:
    project, url = served
    assert "<h1" in wait_for(url + "gioi-thieu/", lambda text: "Giới thiệu" in text, project)
    assert "About" in wait_for(url + "en/gioi-thieu/", lambda text: "<h1" in text, project)


def test_a_saved_page_is_served_changed(served: tuple[Path, str]) -> None:
    project, url = served
    wait_for(url + "gioi-thieu/", lambda text: "Giới thiệu" in text, project)
    marker = f"Dòng thử {time.time_ns()}"
    append_line(project / "docs" / "gioi-thieu.md", marker)
    wait_for(url + "gioi-thieu/", lambda text: marker in text, project)
