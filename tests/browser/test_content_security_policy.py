"""Under the published headers (nginx with the generated configuration, tests/browser/conftest.py)
one page of every kind in both languages, each language's 404 page and a search run with no
Content-Security-Policy violation and no console error; and a policy missing the hash of one
inline script makes the browser block it, which the tests see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from helpers import REPO
from playwright.sync_api import ConsoleMessage, Page, expect

from thuynguyen_kb import layout, schemas
from thuynguyen_kb.knowledge import KnowledgeBase

pytestmark = pytest.mark.browser

# Every kind of record page, from the knowledge base's own list of page types, and the plain
# pages whose layouts differ from them and from each other.
RECORD_KINDS = [name for name, kind in schemas.PAGE_TYPES.items() if kind.is_record]
PLAIN_PAGES = {
    "home": "index.md",
    "plan": "ke-hoach.md",
    "recommendations index": "khuyen-nghi/danh-muc.md",
    "glossary": "thuat-ngu.md",
}
KINDS = [*PLAIN_PAGES, *RECORD_KINDS]
QUERIES = {"vi": "tòa án", "en": "court"}


def address(page: str, language: str) -> str:
    """The address of a Markdown page, relative to the site's root (``en/co-quan/toa-an/``)."""
    path = page.removesuffix(".md").removesuffix("index")
    path = f"{path}/" if path and not path.endswith("/") else path
    return ("" if language == layout.DEFAULT_LANGUAGE else f"{language}/") + path


def header_warnings(page: Page) -> list[str]:
    """Console warnings about the policy's headers (an unknown Permissions-Policy feature…),
    collected from now on."""
    found: list[str] = []
    words = ("Permissions-Policy", "Content Security Policy", "Content-Security-Policy")

    def keep(message: ConsoleMessage) -> None:
        if message.type == "warning" and any(word in message.text for word in words):
            found.append(message.text)

    page.on("console", keep)
    return found


def violations(page: Page) -> list[str]:
    """What the Content-Security-Policy blocked in ``page`` (the init script's record)."""
    return page.evaluate("window.__kbCspViolations")


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_page_runs_under_the_policy(
    page: Page, site_url: str, kb: KnowledgeBase, kind: str, language: str
) -> None:
    source = PLAIN_PAGES.get(kind) or kb.of_type(kind)[0].page
    warnings = header_warnings(page)
    response = page.goto(site_url + address(source, language), wait_until="networkidle")
    assert response is not None and response.status == 200
    assert "sha256-" in response.headers["content-security-policy"]  # served with the policy
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert violations(page) == []
    assert page.log.errors == []
    assert warnings == []


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_missing_address_shows_its_languages_404_page_under_the_policy(
    page: Page, site_url: str, language: str
) -> None:
    missing = site_url + address("no/such/page.md", language)
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert "sha256-" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", language)
    words = yaml.safe_load((REPO / "docs" / layout.strings_file(language)).read_text("utf-8"))
    expect(page.locator("h1")).to_have_text(words["not_found"]["title"])
    assert violations(page) == []
    # The page's own status is expected; nothing else may fail.
    expected = {f"HTTP 404: {missing}"}
    errors = [e for e in page.log.errors if e not in expected and "status of 404" not in e]
    assert errors == []


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_search_runs_under_the_policy(page: Page, site_url: str, language: str) -> None:
    page.goto(site_url + address("index.md", language), wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type(QUERIES[language])
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert page.log.errors == []


def test_a_script_missing_from_the_policy_is_blocked_and_seen(
    tab_on: Callable[..., Page], weakened_site: Any
) -> None:
    served = weakened_site.served
    tab = tab_on(served.url)
    tab.goto(served.url, wait_until="networkidle")
    blocked = violations(tab)
    assert blocked and all(v.startswith("script-src-elem blocked inline") for v in blocked)
    assert any("Content-Security-Policy violation" in error for error in tab.log.errors)
