"""The tab's log that the browser tests read (``page.log``): a part of a page that fails to load
is an error, while a part the browser abandons because the test left the page is only set aside,
so that tests which follow links do not fail by chance (a favicon still loading when a link was
clicked once failed the footer test)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from page_log import PageLog
from playwright.sync_api import Page

ORIGIN = "http://127.0.0.1:8000/"


@dataclass
class Frame:
    parent_frame: Frame | None = None


@dataclass(eq=False)
class StandInRequest:
    """The parts of Playwright's ``Request`` that the log reads."""

    url: str
    navigation: bool = False
    frame: Frame = field(default_factory=Frame)
    failure: str | None = None

    def is_navigation_request(self) -> bool:
        return self.navigation


def test_a_part_still_loading_when_the_page_is_left_is_set_aside() -> None:
    log = PageLog(ORIGIN)
    favicon = StandInRequest(ORIGIN + "favicon.png")
    log.request(favicon)
    log.request(StandInRequest(ORIGIN + "lien-he/", navigation=True))
    favicon.failure = "net::ERR_ABORTED"
    log.failed(favicon)
    assert log.errors == []
    assert log.cancelled == [f"request failed: {favicon.url} (net::ERR_ABORTED)"]


@pytest.mark.parametrize(
    ("failure", "navigated"),
    [
        ("net::ERR_ABORTED", False),  # abandoned while the page stayed: something went wrong
        ("net::ERR_BLOCKED_BY_CSP", True),  # refused, whatever happened next
        ("net::ERR_CONNECTION_REFUSED", True),
    ],
)
def test_any_other_failure_is_an_error(failure: str, navigated: bool) -> None:
    log = PageLog(ORIGIN)
    image = StandInRequest(ORIGIN + "assets/a.png")
    log.request(image)
    if navigated:
        log.request(StandInRequest(ORIGIN + "lien-he/", navigation=True))
    image.failure = failure
    log.failed(image)
    assert log.errors == [f"request failed: {image.url} ({failure})"]
    assert log.cancelled == []


def test_a_navigation_in_a_frame_or_a_failed_navigation_is_not_leaving_the_page() -> None:
    log = PageLog(ORIGIN)
    image = StandInRequest(ORIGIN + "assets/a.png")
    log.request(image)
    log.request(StandInRequest(ORIGIN + "frame/", navigation=True, frame=Frame(Frame())))
    image.failure = "net::ERR_ABORTED"
    log.failed(image)
    leaving = StandInRequest("mailto:someone@example.org", navigation=True)
    log.request(leaving)
    leaving.failure = "net::ERR_ABORTED"
    log.failed(leaving)
    assert log.errors == [
        f"request failed: {image.url} (net::ERR_ABORTED)",
        "request failed: mailto:someone@example.org (net::ERR_ABORTED)",
    ]


@pytest.mark.browser
def test_in_the_browser_a_part_that_fails_to_load_is_an_error(page: Page, site_url: str) -> None:
    page.route("**/favicon*", lambda route: route.abort("aborted"))
    page.goto(site_url + "ke-hoach/", wait_until="networkidle")
    assert any("favicon" in error and "ERR_ABORTED" in error for error in page.log.errors)
    assert page.log.cancelled == []
