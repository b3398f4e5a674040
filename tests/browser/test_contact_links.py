"""What a reader who wants to write to the editors finds: the "report a problem with this page"
link opens their own e-mail program with the page's title and address and sends nothing to any
host, on ordinary pages and on the 404 page; the footer leads to the contact page and the
accessibility statement in the page's language."""

from __future__ import annotations

import pytest
from helpers import TEST_CONTACT_EMAIL
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# The parts of the link's address as the browser itself reads them.
READ_MAILTO = """link => {
  const url = new URL(link.href);
  return {to: decodeURIComponent(url.pathname), subject: url.searchParams.get("subject"),
          body: url.searchParams.get("body")};
}"""


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("ke-hoach/", "Địa chỉ: /ke-hoach/"),
        ("en/lien-he/", "Address: /en/lien-he/"),
        ("en/khong-co-trang-nay/", "Address: /en/404.html"),  # served the English 404 page
    ],
)
def test_the_link_opens_an_e_mail_with_the_page_and_sends_nothing(
    page: Page, site_url: str, path: str, address: str
) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    link = page.locator(".kb-page-feedback a")
    expect(link).to_have_count(1)
    parts = link.evaluate(READ_MAILTO)
    assert parts["to"] == TEST_CONTACT_EMAIL
    title = page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert title in parts["subject"] and title in parts["body"]
    assert address in parts["body"].split("\r\n")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    link.click()
    page.wait_for_timeout(300)
    # The browser hands the address to the e-mail program (and reports that request as
    # aborted): nothing else is asked of any host, and the page stays.
    assert [url.split(":", 1)[0] for url in requests] in ([], ["mailto"])
    assert page.url == site_url + path
    missing = path.startswith("en/khong-co")  # a 404 page is answered with status 404
    unexpected = [
        error
        for error in page.log.errors
        if not error.startswith("request failed: mailto:") and not (missing and "404" in error)
    ]
    assert unexpected == []


@pytest.mark.parametrize(
    ("path", "links"),
    [
        ("", {"Liên hệ": "lien-he/", "Khả năng tiếp cận": "kha-nang-tiep-can/"}),
        ("en/ke-hoach/", {"Contact": "en/lien-he/", "Accessibility": "en/kha-nang-tiep-can/"}),
    ],
)
def test_the_footer_leads_to_the_contact_page_and_the_statement(
    page: Page, site_url: str, path: str, links: dict[str, str]
) -> None:
    for label, target in links.items():
        page.goto(site_url + path, wait_until="networkidle")
        page.locator(".kb-footer-links").get_by_role("link", name=label, exact=True).click()
        expect(page).to_have_url(site_url + target)
        expect(page.locator("article h1")).to_be_visible()
    assert page.log.errors == []
