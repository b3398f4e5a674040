"""Without Chromium the browser tests skip locally, saying how to install it; under CI=true
they fail instead, so CI cannot pass without running them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import REPO


def run_one_browser_test(ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHROMIUM": "/nonexistent/chromium", "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_pages_load.py::test_page_loads_cleanly[ke-hoach/]"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 error")])
def test_missing_chromium(ci: str, outcome: str) -> None:
    result = run_one_browser_test(ci)
    assert outcome in result.stdout, result.stdout
    assert "sudo apt install chromium" in result.stdout
