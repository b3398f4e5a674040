"""The progress page with reports (fictitious test data), as a reader sees it: served by nginx
under the site's Content-Security-Policy, no serious or critical axe-core violation at phone and
desktop widths, and the chart shown as an image with an accessible name.

The real site, which has no report yet, is checked page by page in test_accessibility.py; this
module checks the parts that only appear once a report is in: the counts table, the chart and
the grid of reporting units and tasks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_accessibility import DESKTOP, PHONE, axe_violations, describe
from test_progress_pages import REPORTS, _build

from thuynguyen_kb.publishing.inline_code import checked_hashes
from thuynguyen_kb.publishing.policy import build_policy

pytestmark = pytest.mark.browser
PAGES = ("tien-do/", "en/tien-do/")


@pytest.fixture(scope="module")
def progress_url(serve_site, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The site with the fictitious reports, served by nginx with its own policy."""
    site: Path = _build(tmp_path_factory.mktemp("progress-browser"), REPORTS)
    return serve_site(site, build_policy(checked_hashes(site))).url


@pytest.mark.parametrize(("screen", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_progress_page_with_reports_has_no_violations(
    page: Page, progress_url: str, screen: str, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)
    found = {}
    for path in PAGES:
        page.goto(progress_url + path, wait_until="load")
        assert page.locator("article table").count() >= 2  # the counts and the grid are there
        if violations := axe_violations(page):
            found[path] = describe(violations)
    assert found == {}, f"violations on a {screen}:\n" + "\n".join(
        f"{path}:\n{text}" for path, text in found.items()
    )


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_shows_under_the_policy_with_an_accessible_name(
    page: Page, progress_url: str, path: str
) -> None:
    page.goto(progress_url + path, wait_until="load")
    chart = page.locator("article img")
    assert chart.count() == 1
    # Loaded and drawn (an image blocked by the policy, or missing, has no natural width).
    assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
    name = chart.evaluate("image => image.alt")
    assert name.strip() and any(char.isdigit() for char in name)
    assert page.get_by_role("img", name=name).count() == 1
