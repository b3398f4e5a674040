"""The knowledge base as built: the matrix and CSV follow the front matter, quotations of the
plan are word for word, and every record has its pages (a changed copy of the site is tested in
test_growth.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, article, by_class, load, text_lines
from lxml import html

from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render import links
from thuynguyen_kb.render import matrix as matrix_renderer


def page_url(record: Record) -> str:
    """The built file of a record's page, without language prefix."""
    return record.page.removesuffix(".md") + "/index.html"


def matrix(site: Path, prefix: str) -> dict[str, dict[str, str]]:
    """The built matrix as {body title: {column label: cell text}}."""
    (table,) = by_class(load(site / prefix / "ai-lam-gi" / "index.html"), "kb-matrix__table")
    rows = {}
    for row in table.xpath(".//tbody/tr"):
        title = row.xpath("./th")[0].text_content().strip()
        rows[title] = {
            cell.get("data-label"): " ".join(cell.text_content().split())
            for cell in row.xpath("./td")
        }
    return rows


def expected_cells(kb: KnowledgeBase, lang: str) -> dict[str, dict[str, list[str]]]:
    """What each cell must mention, worked out from the front matter alone."""
    text = kb.strings[lang]
    expected = {}
    for body in kb.of_type("body"):
        plan_wide = [r for r in body.fields.roles if kb.roles[r].every_task]
        cells = {text["role_all"]: [kb.roles[r].label[lang] for r in plan_wide]}
        for task in kb.of_type("task"):
            column = f"{links.item_label(task.fields.plan_ref)} {task.title(lang)}"
            mentions = [
                kb.roles[relation.role].label[lang]
                for relation in task.fields.related_bodies
                if relation.body == body.id
            ]
            mentions += [
                text[name] for name in ("lead", "support") if body.id in getattr(task.fields, name)
            ]
            cells[column] = mentions
        expected[body.title(lang)] = cells
    return expected


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_matrix_follows_the_front_matter(built_site: Path, kb: KnowledgeBase, lang: str):
    built = matrix(built_site, LANGUAGE_HOMES[lang])
    expected = expected_cells(kb, lang)
    assert set(built) == set(expected)
    for body, cells in expected.items():
        assert set(built[body]) == set(cells), body
        for column, mentions in cells.items():
            shown = built[body][column]
            if mentions:
                assert all(m in shown for m in mentions), (body, column, shown)
            else:
                assert shown == "—", (body, column, shown)


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_csv_holds_the_same_assignments(built_site: Path, kb: KnowledgeBase, lang: str):
    raw = (built_site / LANGUAGE_HOMES[lang] / "ai-lam-gi" / "phan-cong.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    tasks = kb.of_type("task")
    plan_wide = sum(len(kb.every_task_roles(b)) for b in kb.of_type("body"))
    specific = sum(
        len(t.fields.related_bodies) + len(t.fields.lead) + len(t.fields.support) for t in tasks
    )
    assert len(rows) == 1 + plan_wide * len(tasks) + specific
    assert rows[0] == matrix_renderer.matrix_rows(kb, lang)[0]
    page = load(built_site / LANGUAGE_HOMES[lang] / "ai-lam-gi" / "index.html")
    assert page.xpath("//a[@href='phan-cong.csv'][@download]")


def test_every_record_has_its_page_in_both_languages(built_site: Path, kb: KnowledgeBase):
    for record in kb.records.values():
        for lang, prefix in LANGUAGE_HOMES.items():
            page = load(built_site / prefix / page_url(record))
            assert page.get("lang") == lang
            assert record.title(lang) in page.findtext(".//title")


def plan_lines(site: Path, prefix: str) -> set[str]:
    (plan_text,) = by_class(load(site / prefix / "ke-hoach" / "index.html"), "plan-text")
    return set(text_lines(plan_text))


def quotation_lines(quote: html.HtmlElement) -> list[str]:
    """The quoted text of a ``blockquote.plan-quote``, without its source link."""
    copy = html.fromstring(html.tostring(quote, encoding="unicode"))
    for source in by_class(copy, "plan-quote-source"):
        source.drop_tree()
    return text_lines(copy)


def not_in_plan(quote: html.HtmlElement, plan: set[str]) -> list[str]:
    return [line for line in quotation_lines(quote) if line not in plan]


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_quotations_of_the_plan_are_word_for_word(built_site: Path, lang: str) -> None:
    prefix = LANGUAGE_HOMES[lang]
    plan = plan_lines(built_site, prefix)
    quotes = 0
    for path in sorted((built_site / prefix).rglob("index.html")):
        if lang == "vi" and path.relative_to(built_site).parts[0] == "en":
            continue
        for quote in by_class(article(load(path)), "plan-quote"):
            quotes += 1
            assert not_in_plan(quote, plan) == [], path
    assert quotes >= 20  # the task and body pages quote the plan


def test_an_altered_quotation_is_caught() -> None:
    quote = html.fromstring(
        '<blockquote class="plan-quote"><p>4. Phát triển hệ thống dịch vụ cho trẻ em.</p>'
        '<p class="plan-quote-source"><a href="#">Kế hoạch, mục II.4</a></p></blockquote>'
    )
    plan = {"4. Phát triển hệ thống dịch vụ bảo đảm thực hiện quyền trẻ em."}
    assert not_in_plan(quote, plan) == ["4. Phát triển hệ thống dịch vụ cho trẻ em."]
