"""Progress on the site: the sections of the task and body pages, the progress page, the chart,
the exports and the compiled summary; honest when no report was received, and every reported
value shown as text (never as HTML, Markdown or a spreadsheet formula).

Two builds of a copy of the site: as it is (no report), and with two clearly fictitious reports
written into the copy (valid for the rules: scripts/check_structure.py passes on it).
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import docx
import openpyxl
import pytest
import yaml
from helpers import (
    LANGUAGE_HOMES,
    REPO,
    copy_project,
    load_hook,
    load_knowledge_base,
    record_page,
    run_mkdocs_build,
    text_lines,
)
from lxml import etree, html
from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state, downloads, site_config
from thuynguyen_kb.progress import chart
from thuynguyen_kb.progress.schema import FORM_VERSION, STATUSES, data_path

LANGS = ("vi", "en")
PERIOD = "2025"
SECTION = "tien-do-2025"
NO_REPORT = {
    "vi": "Chưa nhận được báo cáo nào cho kỳ năm 2025.",
    "en": "No report has been received yet for the year 2025.",
}
STATUS_WORDS = {
    "vi": {"done": "Đã hoàn thành", "in-progress": "Đang thực hiện", "not-started": "Chưa bắt đầu"},
    "en": {"done": "Done", "in-progress": "In progress", "not-started": "Not started"},
}
# Every task and body page of the real site, from its records (a page added later is tested too).
_KB, _ = load_knowledge_base(REPO)
TASK_PAGES = [record.page for record in _KB.of_type("task")]
BODY_PAGES = [record.page for record in _KB.of_type("body")]
FICTITIOUS = "Đơn vị thử nghiệm (hư cấu)"
FICTITIOUS_TEXT = "Dữ liệu thử, hư cấu"
HOSTILE_UNIT = "<script>alert(1)</script> *x* | Đơn vị thử nghiệm (hư cấu) 2"
HOSTILE_DONE = '=HYPERLINK("http://evil.example/") <script>alert(2)</script> *y* | z'
REPORTS = {
    data_path(PERIOD, "ubnd-xa-phuong", FICTITIOUS): {
        "form_version": FORM_VERSION,
        "period": PERIOD,
        "body": "ubnd-xa-phuong",
        "unit": FICTITIOUS,
        "language": "vi",
        "items": [
            {
                "item": "hoan-thien-chinh-sach",
                "status": "done",
                "done": FICTITIOUS_TEXT,
                "evidence": f"{FICTITIOUS_TEXT} (minh chứng)",
                "budget_planned": 1500000,
                "budget_spent": 1200000,
            },
            {"item": "truyen-thong-giao-duc", "status": "in-progress", "done": FICTITIOUS_TEXT},
            {
                "item": "reports.1",
                "status": "not-started",
                "difficulties": f"{FICTITIOUS_TEXT} (khó khăn)",
                "proposals": f"{FICTITIOUS_TEXT} (đề xuất)",
            },
        ],
    },
    data_path(PERIOD, "phong-y-te", HOSTILE_UNIT): {
        "form_version": FORM_VERSION,
        "period": PERIOD,
        "body": "phong-y-te",
        "unit": HOSTILE_UNIT,
        "language": "en",
        "items": [
            {"item": "hoan-thien-chinh-sach", "status": "in-progress", "done": HOSTILE_DONE},
        ],
    },
}


def _build(root: Path, reports: dict) -> Path:
    """A copy of the site with exactly ``reports`` (the real site's own, if any, left out)."""
    project = copy_project(root / "project")
    shutil.rmtree(project / "docs" / "_data" / "progress", ignore_errors=True)
    for rel, report in reports.items():
        path = project / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "scripts/check_structure.py"], cwd=project, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = root / "site"
    done = run_mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site without any report (as it is until the first report is imported)."""
    return _build(tmp_path_factory.mktemp("progress-empty"), {})


@pytest.fixture(scope="module")
def data_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with the two fictitious reports."""
    return _build(tmp_path_factory.mktemp("progress-data"), REPORTS)


def section(content: html.HtmlElement, element_id: str) -> html.HtmlElement:
    """The heading of id ``element_id`` and what follows it, up to the next heading of its level
    or above, as one element."""
    heading = content.get_element_by_id(element_id)
    level = int(heading.tag[1])
    holder = html.Element("div")
    holder.append(copy.deepcopy(heading))
    for sibling in heading.itersiblings():
        if sibling.tag in {f"h{n}" for n in range(1, level + 1)}:
            break
        if isinstance(sibling.tag, str):  # not a comment
            holder.append(copy.deepcopy(sibling))
    return holder


def says(element: html.HtmlElement, sentence: str) -> bool:
    """True if a line of ``element``'s text starts with ``sentence``."""
    return any(line.startswith(sentence) for line in text_lines(element))


def progress_page(site: Path, lang: str) -> html.HtmlElement:
    return record_page(site, lang, "tien-do.md")


def table_rows(element: html.HtmlElement) -> list[list[str]]:
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
        for row in element.xpath(".//tr")
    ]


# --- No report: every section says so, and how to send one. ---


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", TASK_PAGES + BODY_PAGES)
def test_every_section_says_no_report_yet(empty_site: Path, page: str, lang: str) -> None:
    content = record_page(empty_site, lang, page)
    part = section(content, "tien-do")
    assert part.get_element_by_id(SECTION) is not None
    assert says(part, NO_REPORT[lang])
    assert any("bao-cao/#mau-bao-cao" in (a.get("href") or "") for a in part.iter("a"))
    assert not part.xpath(".//table")


@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_says_no_report_and_draws_nothing(empty_site: Path, lang: str) -> None:
    content = progress_page(empty_site, lang)
    part = section(content, SECTION)
    assert says(part, NO_REPORT[lang])
    assert not part.xpath(".//table") and not part.xpath(".//img")
    hrefs = [a.get("href") for a in part.iter("a")]
    assert any(href.endswith(f"progress-{lang}.csv") for href in hrefs)
    assert any(href.endswith(f"summary-{PERIOD}-{lang}.docx") for href in hrefs)


def test_the_progress_page_follows_the_reporting_page_in_the_nav() -> None:
    pages = list(site_config.nav_pages(site_config.read(REPO / "mkdocs.yml").nav))
    assert pages[pages.index("bao-cao.md") + 1] == "tien-do.md"


@pytest.mark.parametrize("lang", LANGS)
def test_empty_exports_have_headers_only(empty_site: Path, lang: str) -> None:
    text = (empty_site / downloads.progress_export(lang, "csv")).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 1 and rows[0][0] == ("Kỳ báo cáo" if lang == "vi" else "Period")
    sheet = openpyxl.load_workbook(empty_site / downloads.progress_export(lang, "xlsx")).active
    assert sheet.max_row == 1 and sheet.cell(1, 1).value == rows[0][0]
    summary = docx.Document(empty_site / downloads.progress_summary(PERIOD, lang))
    words = [paragraph.text for paragraph in summary.paragraphs]
    expected = {"vi": "Chưa nhận được báo cáo nào cho kỳ này.", "en": "No report has been"}
    assert any(line.startswith(expected[lang]) for line in words)
    assert not summary.tables


# --- With reports. ---


@pytest.mark.parametrize("lang", LANGS)
def test_task_page_lists_the_units_that_reported(data_site: Path, lang: str) -> None:
    part = section(record_page(data_site, lang, "nhiem-vu/hoan-thien-chinh-sach.md"), SECTION)
    rows = table_rows(part)
    fictitious = next(row for row in rows if FICTITIOUS in row)
    assert STATUS_WORDS[lang]["done"] in fictitious and FICTITIOUS_TEXT in fictitious
    assert "1.500.000" in fictitious if lang == "vi" else "1,500,000" in fictitious
    hostile = next(row for row in rows if HOSTILE_UNIT in row)
    assert STATUS_WORDS[lang]["in-progress"] in hostile and HOSTILE_DONE in hostile
    assert not says(part, NO_REPORT[lang])
    # A task nobody reported on still says so.
    other = section(record_page(data_site, lang, "nhiem-vu/kinh-phi-uu-tien.md"), SECTION)
    assert says(other, NO_REPORT[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_body_page_shows_each_units_rows(data_site: Path, lang: str) -> None:
    part = section(record_page(data_site, lang, "co-quan/ubnd-xa-phuong.md"), SECTION)
    heading = part.get_element_by_id(f"{SECTION}-don-vi-thu-nghiem-hu-cau")
    assert FICTITIOUS in heading.text_content()
    rows = table_rows(part)
    statuses = [row[1] for row in rows[1:]]
    words = STATUS_WORDS[lang]
    assert statuses == [words["done"], words["in-progress"], words["not-started"]]
    assert any(f"{FICTITIOUS_TEXT} (khó khăn)" in row for row in rows)
    assert any(a.get("href", "").endswith("ke-hoach/#ii-1") for a in part.iter("a"))
    # Texts in the other language than the page's are marked with theirs.
    marked = part.xpath(f'.//span[@lang="vi"][contains(., "{FICTITIOUS_TEXT}")]')
    assert bool(marked) == (lang == "en")
    # A body with no report still says so.
    other = section(record_page(data_site, lang, "co-quan/toa-an.md"), SECTION)
    assert says(other, NO_REPORT[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_values_are_shown_as_text(data_site: Path, lang: str) -> None:
    for page in ("nhiem-vu/hoan-thien-chinh-sach.md", "co-quan/phong-y-te.md", "tien-do.md"):
        content = record_page(data_site, lang, page)
        part = section(content, SECTION)
        assert not part.xpath(".//script"), page
        assert HOSTILE_UNIT in part.text_content(), page
        assert not part.xpath(".//em[.='x']") and not part.xpath(".//em[.='y']"), page
    body = section(record_page(data_site, lang, "co-quan/phong-y-te.md"), SECTION)
    assert HOSTILE_DONE in body.text_content()
    marked = body.xpath('.//span[@lang="en"]')
    assert bool(marked) == (lang == "vi")


@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_counts_grid_and_chart(data_site: Path, lang: str) -> None:
    content = progress_page(data_site, lang)
    part = section(content, SECTION)
    words = STATUS_WORDS[lang]
    counts = table_rows(section(content, f"{SECTION}-so-dong"))
    by_status = {row[0]: row[1] for row in counts[1:]}
    assert by_status[words["done"]] == "1"
    assert by_status[words["in-progress"]] == "2"
    assert by_status[words["not-started"]] == "1"
    grid = table_rows(section(content, f"{SECTION}-bang"))
    header = grid[0]
    assert header[2:4] == ["II.1", "II.2"]
    titles = section(content, f"{SECTION}-bang").xpath(".//th/abbr/@title")
    assert len(titles) == 6 and all(titles)
    row = next(row for row in grid if FICTITIOUS in row)
    assert row[2:5] == [words["done"], words["in-progress"], "—"]
    hostile = next(row for row in grid if HOSTILE_UNIT in row)
    assert hostile[2] == words["in-progress"] and hostile[3] == "—"
    image = part.xpath(".//img")[0]
    alt = image.get("alt")
    assert f"{words['done']}: 1" in alt and f"{words['in-progress']}: 2" in alt
    chart_file = (data_site / LANGUAGE_HOMES[lang] / "tien-do" / image.get("src")).resolve()
    assert chart_file == (data_site / downloads.progress_chart(PERIOD, lang)).resolve()
    svg = etree.parse(chart_file).getroot()
    assert alt.rstrip(".") in svg.findtext(f"{{{chart.SVG}}}desc")


@pytest.mark.parametrize("lang", LANGS)
def test_csv_export(data_site: Path, lang: str) -> None:
    text = (data_site / downloads.progress_export(lang, "csv")).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + 4
    fictitious = next(row for row in rows if row[3] == FICTITIOUS and row[4] == "reports.1")
    assert fictitious[7] == "not-started" and fictitious[8] == STATUS_WORDS[lang]["not-started"]
    hostile = next(row for row in rows if row[3].endswith(HOSTILE_UNIT))
    assert hostile[9] == "'" + HOSTILE_DONE  # neutralised: a spreadsheet shows it as text
    assert hostile[15] == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_export(data_site: Path, lang: str) -> None:
    sheet = openpyxl.load_workbook(data_site / downloads.progress_export(lang, "xlsx")).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 4
    done = next(
        row for row in rows if row[4].value == "hoan-thien-chinh-sach" and row[7].value == "done"
    )
    assert done[8].value == STATUS_WORDS[lang]["done"]
    assert done[11].value == 1500000 and done[11].data_type == "n"
    hostile = next(row for row in rows if row[3].value == HOSTILE_UNIT)
    assert hostile[9].value == HOSTILE_DONE and hostile[9].data_type == "s"


def test_exports_are_reproducible(data_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"  # the same sources, built again later
    assert run_mkdocs_build(data_site.parent / "project", again).returncode == 0
    for lang in LANGS:
        for path in (
            downloads.progress_export(lang, "xlsx"),
            downloads.progress_summary(PERIOD, lang),
            downloads.progress_chart(PERIOD, lang),
        ):
            assert (again / path).read_bytes() == (data_site / path).read_bytes(), path


@pytest.mark.parametrize("lang", LANGS)
def test_docx_summary(data_site: Path, lang: str) -> None:
    summary = docx.Document(data_site / downloads.progress_summary(PERIOD, lang))
    paragraphs = [paragraph.text for paragraph in summary.paragraphs]
    assert FICTITIOUS in paragraphs and HOSTILE_UNIT in paragraphs
    note = {"vi": "gợi ý của trang", "en": "the site's suggestion"}[lang]
    assert any(note in line for line in paragraphs)
    cells = [[cell.text for cell in row.cells] for table in summary.tables for row in table.rows]
    counts = {row[0]: row[1] for row in cells}
    assert counts[STATUS_WORDS[lang]["in-progress"]] == "2"
    assert any(HOSTILE_DONE in row for row in cells)
    assert any(line.endswith(f"{FICTITIOUS_TEXT} (đề xuất)") for line in paragraphs)


# --- The chart on its own. ---

LABELS = {
    "done": "Xong <b>",
    "in-progress": "Đang làm & *x*",
    "not-started": "Chưa",
    "not-applicable": "KAD",
}


def test_chart_is_accessible_static_svg() -> None:
    counts = {"done": 3, "in-progress": 5, "not-started": 0}
    description = chart.figures_in_words(counts, LABELS)
    text = chart.status_chart_svg(counts, LABELS, "Tiêu đề <thử>", description, "vi")
    root = etree.fromstring(text.encode())
    ns = {"s": chart.SVG}
    assert root.get("role") == "img"
    assert root.findtext("s:title", namespaces=ns) == "Tiêu đề <thử>"
    assert "Đang làm & *x*: 5" in root.findtext("s:desc", namespaces=ns)
    assert "Chưa: 0" in description and "KAD: 0" in description
    bars = root.xpath("//s:g[contains(@class, 'bar ')]", namespaces=ns)
    assert len(bars) == len(STATUSES)
    for status, bar in zip(STATUSES, bars, strict=True):
        texts = bar.xpath("s:text/text()", namespaces=ns)
        assert texts == [LABELS[status], str(counts.get(status, 0))]
    widths = {bar.get("class"): float(bar.find("s:rect", ns).get("width")) for bar in bars}
    assert widths["bar bar-in-progress"] > widths["bar bar-done"] > widths["bar bar-not-started"]
    assert not root.xpath("//@style") and not root.xpath("//s:style|//s:script", namespaces=ns)
    patterns = root.xpath("//s:pattern", namespaces=ns)
    drawn = {etree.tostring(pattern[1]) for pattern in patterns}  # what each draws over its colour
    colours = {pattern[0].get("fill") for pattern in patterns}
    assert len(patterns) == len(drawn) == len(colours) == len(STATUSES)


def test_a_file_that_cannot_be_written_stops_the_build(tmp_path: Path) -> None:
    hook = load_hook("progress")
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "progress").write_text("a file where the folder should be")
    config = SimpleNamespace(
        site_dir=str(site), theme={"language": "vi"}, config_file_path=str(REPO / "mkdocs.yml")
    )
    build_state.knowledge_base = load_knowledge_base(REPO)[0]
    try:
        with pytest.raises(PluginError, match=r"PROGRESS downloads/progress/progress-vi\.csv"):
            hook.on_post_build(config)
        (site / "downloads" / "progress").unlink()
        hook.on_post_build(config)  # the same call writes every file once it can
        assert (site / downloads.progress_summary(PERIOD, "vi")).is_file()
    finally:
        build_state.knowledge_base = None
