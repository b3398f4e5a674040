"""What a reader does: switch language on the plan page, search, and all of it by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def open_language_menu(page: Page) -> None:
    """Material's language menu opens on hover (mouse) or focus (keyboard)."""
    page.locator(".md-select").first.hover()


def test_language_switch_on_the_plan_keeps_the_page_and_the_item(page: Page, site_url: str) -> None:
    page.goto(site_url + "ke-hoach/#ii-3")
    open_language_menu(page)
    page.locator("a.md-select__link[hreflang='en']").click()
    expect(page).to_have_url(site_url + "en/ke-hoach/#ii-3")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#ii-3")).to_contain_text("Provide information and training")

    open_language_menu(page)
    page.locator("a.md-select__link[hreflang='vi']").click()
    expect(page).to_have_url(site_url + "ke-hoach/#ii-3")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert page.log.errors == []


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [("", "kế hoạch", "Toàn văn Kế hoạch"), ("en/", "procuracy", "City People's Procuracy")],
)
def test_search_opens_takes_a_query_and_shows_results(
    page: Page, site_url: str, path: str, query: str, expected: str
) -> None:
    page.goto(site_url + path, wait_until="networkidle")  # the search index has loaded
    page.locator(".md-search__input").click()  # the search box in the header (desktop width)
    page.keyboard.type(query)  # Material searches on key events, which fill() does not send
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__list")).to_contain_text(expected)
    assert page.log.errors == []


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (fail after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never received keyboard focus after {limit} Tab presses")


def test_keyboard_skip_link_moves_to_the_content(page: Page, site_url: str) -> None:
    page.goto(site_url + "ke-hoach/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Chuyển đến nội dung chính")
    page.keyboard.press("Enter")
    target = skip.get_attribute("href")
    assert target and target.startswith("#")
    expect(page).to_have_url(site_url + "ke-hoach/" + target)


def test_keyboard_search_finds_and_opens_a_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/", wait_until="networkidle")
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("procuracy")
    first = page.locator(".md-search-result__item .md-search-result__link").first
    expect(first).to_be_visible()
    target = first.evaluate("link => link.href")  # the address the link leads to
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target)))
    assert target.startswith(site_url + "en/")


def test_keyboard_language_switch(page: Page, site_url: str) -> None:
    page.goto(site_url + "gioi-thieu/")
    tab_until(page, "a.md-select__link[hreflang='en']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "en/gioi-thieu/")


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_learn_what_a_ward_must_do_within_two_clicks_of_home(
    page: Page, site_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url)
    card = page.locator("article")  # the staff card on the home page
    card.get_by_role("link", name="Ủy ban nhân dân các xã, phường", exact=True).click()
    expect(page).to_have_url(site_url + "co-quan/ubnd-xa-phuong/")
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    checklist = page.get_by_role("checkbox")
    assert checklist.count() >= 5
    expect(checklist.first).to_have_accessible_name(re.compile(r"^Rà soát, xây dựng kế hoạch"))
    expect(page.locator("article")).to_contain_text("Báo cáo kết quả cho Ủy ban nhân dân thành phố")
    assert page.log.errors == []


# Every link of the site's menu, as the browser resolves it (the page of each entry).
NAV_LINKS = """Array.from(document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]'))
  .map(a => a.href.split('#')[0])"""
# Every link a reader can see on the page (visible: laid out and not hidden).
VISIBLE_LINKS = """Array.from(document.querySelectorAll('a[href]'))
  .filter(a => a.checkVisibility({visibilityProperty: true}) && a.getClientRects().length)
  .map(a => a.href.split('#')[0])"""


def unreachable_from(page: Page, home: str, nav: set[str]) -> set[str]:
    """The menu's pages that no visible link of ``home`` leads to."""
    page.goto(home)
    return nav - set(page.evaluate(VISIBLE_LINKS))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_at_1366_px_the_home_page_links_to_every_page_of_the_menu(
    page: Page, site_url: str, prefix: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url + prefix + "ke-hoach/")
    nav = set(page.evaluate(NAV_LINKS))
    assert site_url + prefix + "khuyen-nghi/" in nav and site_url + prefix + "boi-canh/" in nav
    assert unreachable_from(page, site_url + prefix, nav) == set()
    # The check sees a hidden menu: with the sidebar hidden, the menu's pages are out of reach.
    page.add_init_script(
        "addEventListener('DOMContentLoaded', () => document"
        ".querySelector('.md-sidebar--primary').hidden = true)"
    )
    assert site_url + prefix + "boi-canh/" in unreachable_from(page, site_url + prefix, nav)


@pytest.mark.parametrize(("prefix", "query"), [("", "viện kiểm sát"), ("en/", "procuracy")])
def test_a_missing_address_offers_search_that_finds_pages(
    page: Page, site_url: str, prefix: str, query: str
) -> None:
    missing = site_url + prefix + "no/such/page/"
    page.goto(missing, wait_until="networkidle")
    expect(page.locator("html")).to_have_attribute("lang", prefix.rstrip("/") or "vi")
    page.locator("article label[for='__search']").click()
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type(query)
    first = page.locator(".md-search-result__item .md-search-result__link").first
    expect(first).to_be_visible()
    target = first.evaluate("link => link.href")
    assert target.startswith(site_url + prefix + "co-quan/vien-kiem-sat/"), target
    first.click()
    expect(page).to_have_url(re.compile(re.escape(target)))
    # The only error is the missing address itself (its status, and the console's note of it).
    not_found = f"HTTP 404: {missing}"
    console_404 = (
        "console error: Failed to load resource: the server responded with a status of 404"
    )
    assert not_found in page.log.errors
    assert [e for e in page.log.errors if e != not_found and not e.startswith(console_404)] == []
