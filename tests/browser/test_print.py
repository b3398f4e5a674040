"""Printing from the browser: a module and its handout print without the site's navigation,
header or footer, the handout section starts on a new sheet, and the handout has no answers."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MODULE = "tap-huan/m3-bao-ve-tre-em-xa-phuong/"
HANDOUT = "tap-huan/m3-bao-ve-tre-em-xa-phuong-tai-lieu/"
# Words that only the site's chrome shows: search box, table of contents, footer, skip link.
CHROME = ["Tìm kiếm", "Mục lục", "Xây dựng bằng", "Chuyển đến nội dung chính"]


def print_pages(page: Page, url: str) -> list[str]:
    """Print ``url`` to PDF as the browser would, and return each sheet's text."""
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    return [sheet.extract_text() or "" for sheet in PdfReader(io.BytesIO(pdf)).pages]


def compact(text: str) -> str:
    """Text without any spaces, composed (NFC): PDF text extraction splits Vietnamese letters
    from their tone marks and breaks lines anywhere, so only the characters can be compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def starts_with(sheet: str, heading: str) -> bool:
    return compact(sheet).startswith(compact(heading))


def test_a_module_prints_without_navigation_and_with_the_handout_on_a_new_sheet(
    page: Page, site_url: str
) -> None:
    sheets = print_pages(page, site_url + MODULE)
    heading = page.locator("h2#handout").inner_text().replace("¶", "").strip()
    quiz = page.locator("h2#quiz").inner_text().replace("¶", "").strip()
    everything = compact("".join(sheets))
    for word in CHROME:
        assert compact(word) not in everything, word
    assert any(starts_with(sheet, heading) for sheet in sheets[1:])
    assert any(starts_with(sheet, quiz) for sheet in sheets[1:])
    assert starts_with(sheets[0], page.locator("h1").inner_text().replace("¶", ""))


def test_a_handout_prints_alone_and_without_answers(page: Page, site_url: str) -> None:
    sheets = print_pages(page, site_url + HANDOUT)
    everything = compact("".join(sheets))
    for word in [*CHROME, "Đáp án"]:
        assert compact(word) not in everything, word
    assert starts_with(sheets[0], page.locator("h1").inner_text().replace("¶", ""))


def test_external_links_print_with_their_address(page: Page, site_url: str) -> None:
    sheets = print_pages(page, site_url + "gioi-thieu/")
    assert "https://vtcnews.vn/" in compact("".join(sheets))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("opened", [False, True])
def test_the_answer_key_never_prints_from_the_module_page_as_the_guide_says(
    page: Page, site_url: str, lang: str, opened: bool
) -> None:
    """The guide's sentence and the behaviour it describes, held together."""
    root = site_url + ("" if lang == "vi" else "en/")
    page.goto(root + "tap-huan/huong-dan-giang-vien/")
    printing = page.locator("#in-tai-lieu ~ ul li strong").all_inner_texts()
    promise = {"vi": "Đáp án không bao giờ in từ trang web", "en": "The answer key never prints"}
    assert any(text.startswith(promise[lang]) for text in printing), printing
    page.goto(root + MODULE, wait_until="networkidle")
    key = page.locator("details.answer-key")
    first_answer = key.locator("li").first.text_content() or ""
    if opened:
        key.locator("summary").click()
        assert key.get_attribute("open") is not None
    page.emulate_media(media="print")
    # Material opens every box before printing; page.pdf() fires no beforeprint, so do as it does.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    everything = compact("".join(
        sheet.extract_text() or ""
        for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    ))  # fmt: skip
    assert compact(first_answer) not in everything
    assert compact(page.locator("h2#quiz").inner_text().replace("¶", "")) in everything
