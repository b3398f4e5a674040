"""axe-core finds no WCAG 2.1 A/AA violation, and no serious or critical best-practice one, on
the home, plan and about pages and with the search dialog open, in both languages.

axe-core comes from the axe-playwright-python package, which ships ``axe.min.js``.
No rule is disabled.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
OPTIONS = {"runOnly": {"type": "tag", "values": [*sorted(WCAG_TAGS), "best-practice"]}}
# One page of every kind, in both languages.
KINDS = [
    "",  # home
    "ke-hoach/",  # the plan
    "gioi-thieu/",  # about
    "nhiem-vu/",  # an index
    "nhiem-vu/tap-huan-phoi-hop/",  # a task
    "co-quan/ubnd-xa-phuong/",  # a body, with its checklist
    "ai-lam-gi/",  # the matrix
    "bao-cao/",  # a how-to
    "khuyen-nghi/",  # the UN document
    "khuyen-nghi/p30/",  # a recommendation, with tags and its facts
    "khuyen-nghi/danh-muc/",  # the recommendation indexes
    "tap-huan/",  # the module index
    "tap-huan/m3-bao-ve-tre-em-xa-phuong/",  # a module, with its answer key
    "tap-huan/m3-bao-ve-tre-em-xa-phuong-tai-lieu/",  # a handout
    "thuat-ngu/",  # the glossary
]
PAGES = KINDS + [f"en/{path}" for path in KINDS]


def blocking(violations: list[dict]) -> list[dict]:
    """WCAG A/AA violations of any impact, and best-practice ones that are serious or critical."""
    return [
        v
        for v in violations
        if WCAG_TAGS & set(v["tags"]) or v["impact"] in {"serious", "critical"}
    ]


def describe(violations: list[dict]) -> str:
    """A readable list: rule, impact, help, and the first few offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    results = Axe().run(page, options=OPTIONS)
    return blocking(results.response["violations"])


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["ai-lam-gi/", "co-quan/ubnd-xa-phuong/"])
def test_phone_layout_has_no_accessibility_violations(page: Page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path, wait_until="networkidle")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/"])
def test_open_search_dialog_has_no_accessibility_violations(
    page: Page, site_url: str, path: str
) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("kế hoạch" if path == "" else "plan")
    page.wait_for_selector(".md-search-result__item")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_blocking_keeps_wcag_and_serious_best_practice_only() -> None:
    violations = [
        {"id": "color-contrast", "impact": "moderate", "tags": ["wcag2aa"]},
        {"id": "aria-dialog-name", "impact": "serious", "tags": ["best-practice"]},
        {"id": "region", "impact": "moderate", "tags": ["best-practice"]},
    ]
    assert [v["id"] for v in blocking(violations)] == ["color-contrast", "aria-dialog-name"]
