"""Home, plan and about pages load in both languages with no console error, no failed or
third-party request."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

PAGES = ["", "ke-hoach/", "gioi-thieu/", "en/", "en/ke-hoach/", "en/gioi-thieu/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    assert page.locator("article h1").count() == 1
    assert page.log.errors == []
