"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation, and no serious or critical
best-practice one, on every page of the built site on a phone-sized screen and on a desktop
one, and with the search dialog open, in both languages; and tables on a phone either fit the
screen or scroll in a region that a keyboard reaches, with a visible cue that screen readers do
not read, and print whole.

axe-core is version 4.14.1 from the npm registry (``tests/browser/axe_core.py``, fetched and
checked by ``make test``), run through axe-playwright-python, whose own copy (4.12.1) is older.
No rule is disabled. What these tests do is described to readers on the accessibility statement
(``docs/kha-nang-tiep-can.md``): a change here needs a review of it (its ``reviewed:`` date must
not be older than this file's last commit: check ``A11Y-REVIEW-STALE``).
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from axe_core import VERSION, installed
from axe_playwright_python.sync_playwright import Axe
from helpers import site_pages
from playwright.sync_api import Page
from pypdf import PdfReader

# WCAG 2.2 adds one rule axe-core can test (target-size, 2.5.8); it is not in wcag21aa.
WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}
OPTIONS = {
    "runOnly": {"type": "tag", "values": [*sorted(WCAG_TAGS), "best-practice"]},
    # Every violating element, but only one example of what passed or could not be decided: the
    # same findings in half the time (axe-core's documented option for large pages).
    "resultTypes": ["violations"],
}
# One page of every kind, in both languages: among the pages checked (see below).
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
    "lien-he/",  # who publishes the site, how to write to them
    "kha-nang-tiep-can/",  # the accessibility statement
]
PAGES = KINDS + [f"en/{path}" for path in KINDS]
PHONE = {"width": 390, "height": 844}  # an iPhone 12–15's screen, in CSS pixels
DESKTOP = {"width": 1366, "height": 768}  # the commonest laptop screen


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


_axe: list[Axe] = []  # read once per session: 650 kB of script


def axe() -> Axe:
    """axe-playwright-python with the pinned axe-core instead of its own."""
    if not _axe:
        _axe.append(Axe.from_file(installed()))
    return _axe[0]


def axe_violations(page: Page) -> list[dict]:
    results = axe().run(page, options=OPTIONS)
    assert results.response["testEngine"]["version"] == VERSION  # not the package's own copy
    return blocking(results.response["violations"])


@pytest.mark.browser
@pytest.mark.parametrize(("screen", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_every_page_has_no_accessibility_violations(
    page: Page, site_url: str, built_site: Path, screen: str, size: dict[str, int]
) -> None:
    # One tab for every page, and every page checked before failing: one run names them all.
    # (Each width costs about as much: 1.4 s a page at 390 px, 1.7 s at 1366 px, here.)
    page.set_viewport_size(size)
    found = {}
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="load")
        if violations := axe_violations(page):
            found[path or "/"] = describe(violations)
    report = "\n".join(f"{path}:\n{text}" for path, text in found.items())
    assert found == {}, f"{len(found)} page(s) with violations on a {screen}:\n{report}"


def test_every_page_means_every_page_of_both_languages(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert set(PAGES) < set(pages)
    assert {"404.html", "en/404.html", "khuyen-nghi/p17/", "en/tap-huan/m6-du-lieu-bao-cao/"} < set(
        pages
    )


# A table too wide for a phone whatever its cells (M6's monitoring table: ten columns), its
# region's name and the cue's words, in each language.
WIDE_TABLES = [
    ("tap-huan/m6-du-lieu-bao-cao-tai-lieu/", "Mẫu bảng theo dõi", "Kéo ngang để xem hết bảng"),
    (
        "en/tap-huan/m6-du-lieu-bao-cao-tai-lieu/",
        "Monitoring table template",
        "Scroll sideways to see the whole table",
    ),
]
# Whether a region scrolls, and its cue (the ::before line) as shown: its text and height.
REGION_STATE = """region => {
  const cue = getComputedStyle(region, "::before");
  const shown = cue.display !== "none" && !["none", "normal"].includes(cue.content);
  return {
    scrolls: region.scrollWidth > region.clientWidth,
    cue: shown ? cue.content : null,
    cueHeight: shown ? parseFloat(cue.height) : 0,
    overflow: getComputedStyle(region).overflowX,
  };
}"""


def accessibility_tree_text(page: Page) -> str:
    """Every name and value in Chromium's own accessibility tree: what a screen reader reads."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return "\n".join(
        str(node.get(key, {}).get("value", "")) for node in nodes for key in ("name", "value")
    )


@pytest.mark.browser
@pytest.mark.parametrize(("path", "name", "cue"), WIDE_TABLES)
def test_a_wide_table_on_a_phone_scrolls_in_a_region_reached_by_keyboard_with_a_cue(
    page: Page, site_url: str, path: str, name: str, cue: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + path, wait_until="load")
    region = page.get_by_role("region", name=name, exact=True)
    assert region.locator("table").count() == 1
    # One box: Material's script, which has run by now, wrapped no table a second time.
    assert page.locator(".md-typeset__scrollwrap").count() == 0
    state = region.evaluate(REGION_STATE)
    assert state["scrolls"]
    assert cue in (state["cue"] or ""), state
    assert state["cueHeight"] > 0
    # Shown, not read: the cue is in no name or text of the accessibility tree (the region's
    # name is, which shows that the tree was read).
    tree = accessibility_tree_text(page)
    assert name in tree
    assert cue not in tree
    # Reached with the Tab key, with a visible focus outline, and scrolled with the arrow keys.
    for _ in range(500):
        page.keyboard.press("Tab")
        if region.evaluate("region => region === document.activeElement"):
            break
    else:
        pytest.fail(f"the Tab key never reached the region '{name}'")
    outline = region.evaluate(
        "r => [getComputedStyle(r).outlineStyle, getComputedStyle(r).outlineWidth]"
    )
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
    page.keyboard.press("ArrowRight")
    page.wait_for_function("region => region.scrollLeft > 0", arg=region.element_handle())


@pytest.mark.browser
def test_module_tables_fit_a_phone_and_show_no_cue(
    page: Page, site_url: str, built_site: Path
) -> None:
    # The evaluation form of every module and handout (six columns, 634 px wide before) and the
    # agenda of the first module (434 px), both languages: narrower cells make them fit.
    pages = [p for p in site_pages(built_site) if re.match(r"(en/)?tap-huan/m\d", p)]
    assert len(pages) >= 24
    page.set_viewport_size(PHONE)
    wide = {}
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        first = path.endswith("tap-huan/m1-quyen-tre-em-co-ban/")
        # The form's heading is #evaluation in a module, #danh-gia in a handout.
        forms = ":is(h2#evaluation, h2#danh-gia) ~ .kb-table"
        tables = [forms] + (["h2#agenda ~ .kb-table"] if first else [])
        for selector in tables:
            state = page.locator(selector).first.evaluate(REGION_STATE)
            if state["scrolls"] or state["cue"] is not None:
                wide[f"{path} {selector}"] = state
    assert wide == {}


def compact(text: str) -> str:
    """Text without spaces, composed, ligatures undone (NFKC): PDF text extraction splits
    Vietnamese letters from their tone marks, breaks lines anywhere (as in test_print.py) and
    gives "ﬃ" for "ffi"."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.browser
@pytest.mark.parametrize(("path", "cue"), [(path, cue) for path, _, cue in WIDE_TABLES])
def test_tables_print_whole_with_no_scroll_box_or_cue(
    page: Page, site_url: str, path: str, cue: str
) -> None:
    page.goto(site_url + path, wait_until="load")
    # Every word of every cell: a table cut at the sheet's edge loses whole columns. (Cells are
    # compared word by word, as the text of a cell on several lines comes out of the PDF mixed
    # with its neighbours'.)
    words = {
        w for cell in page.locator(".kb-table :is(th, td)").all_inner_texts() for w in cell.split()
    }
    page.emulate_media(media="print")
    for state in page.locator(".kb-table").evaluate_all(f"regions => regions.map({REGION_STATE})"):
        assert state["overflow"] == "visible" and state["cue"] is None, state
    pdf = page.pdf(format="A4", print_background=False)
    text = compact(
        "".join(sheet.extract_text() or "" for sheet in PdfReader(io.BytesIO(pdf)).pages)
    )
    assert sorted(word for word in words if compact(word) not in text) == []
    assert compact(cue) not in text


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


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_search_with_no_results_or_with_nearest_words_has_no_violations(
    page: Page, site_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "en/", wait_until="networkidle")
    page.keyboard.press("/")
    # "chilrn" is too far from "child" to be searched as it, and "xqzvtk" near nothing: no
    # results, and a correction offered (search.js, offer()).
    page.keyboard.type("chilrn protecton xqzvtk")
    page.wait_for_selector(".kb-search-help a")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    # Results found with the nearest words, and the count saying so (search.js, nearWords()).
    page.locator(".md-search__input").fill("chilren protecton")
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.query === q",
        arg="chilren protecton",
    )
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_blocking_keeps_wcag_and_serious_best_practice_only() -> None:
    violations = [
        {"id": "color-contrast", "impact": "moderate", "tags": ["wcag2aa"]},
        {"id": "aria-dialog-name", "impact": "serious", "tags": ["best-practice"]},
        {"id": "region", "impact": "moderate", "tags": ["best-practice"]},
        {"id": "target-size", "impact": "minor", "tags": ["wcag22aa", "wcag258"]},
    ]
    kept = ["color-contrast", "aria-dialog-name", "target-size"]
    assert [v["id"] for v in blocking(violations)] == kept
    assert "wcag22aa" in OPTIONS["runOnly"]["values"]  # WCAG 2.2's rule runs at all
