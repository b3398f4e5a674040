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
    [("", "kế hoạch", "Toàn văn Kế hoạch"), ("en/", "procuracy", "The plan in full")],
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
