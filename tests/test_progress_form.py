"""The report forms: each body's workbook in both languages, its printable PDF, reproducibly."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import REPO, copy_project, edit, load_hook, load_knowledge_base
from mkdocs.exceptions import PluginError
from openpyxl import load_workbook
from pypdf import PdfReader

from thuynguyen_kb import build_state, knowledge, layout, loader, site_config
from thuynguyen_kb.progress import form, printable, publish, records
from thuynguyen_kb.progress import form_layout as fl
from thuynguyen_kb.progress.schema import FORM_VERSION

WHEN = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.assemble(loader.load(REPO / "docs", site_config.read(REPO / "mkdocs.yml")))


def bodies(kb: knowledge.KnowledgeBase) -> list[tuple[str, str]]:
    return [(body.id, lang) for body in kb.of_type("body") for lang in layout.LANGUAGES]


def _validation(sheet, address: str):
    return next(v for v in sheet.data_validations.dataValidation if address in v.sqref)


def test_every_form_has_its_body_rows_and_validations(kb, tmp_path: Path) -> None:
    assert bodies(kb), "no body found"
    for body_id, lang in bodies(kb):
        body = kb.records[body_id]
        path = tmp_path / f"{body_id}-{lang}.xlsx"
        form.write_form(kb, body, lang, path, WHEN)
        book = load_workbook(path)
        readme_name, report_name = fl.sheet_names(kb.strings, lang)
        assert book.sheetnames == [readme_name, report_name]
        sheet = book[report_name]
        assert sheet[fl.FIXED["body"]].value == body_id
        assert sheet[fl.FIXED["body_name"]].value == body.title(lang)
        assert sheet[fl.FIXED["form_version"]].value == FORM_VERSION
        assert sheet[fl.FIXED["language"]].value == lang
        unit = sheet[fl.FIXED["unit"]].value
        assert unit == (None if records.is_group(body) else body.title(lang))
        rows = records.form_rows(kb, body)
        assert rows, f"{body_id} has no rows"
        for offset, row in enumerate(rows):
            number = fl.FIRST_ROW + offset
            assert sheet[fl.cell("item", number)].value == row.key
            assert sheet[fl.cell("row", number)].value == row.texts[lang]
        assert sheet[fl.cell("item", fl.FIRST_ROW + len(rows))].value is None
        words = [kb.strings[lang]["progress_status"][s] for s in records_statuses()]
        status = _validation(sheet, fl.cell("status", fl.FIRST_ROW))
        assert status.type == "list" and status.formula1 == '"' + ",".join(words) + '"'
        period = _validation(sheet, fl.FIXED["period"])
        assert period.formula1 == '"' + ",".join(kb.periods) + '"'
        for column in fl.AMOUNTS:
            amount = _validation(sheet, fl.cell(column, fl.FIRST_ROW + len(rows) - 1))
            assert (amount.type, amount.operator, amount.formula1) == (
                "decimal", "greaterThanOrEqual", "0",
            )  # fmt: skip
        readme = "\n".join(str(c.value) for c in book[readme_name]["A"] if c.value)
        assert kb.strings[lang]["report_form"]["how_send"] in readme
        why = form.not_asked(kb, body, lang)
        assert (why in readme) == (not form.asked_to_report(body))
        if body.id == "phong-y-te":  # it compiles the others' reports: not "not asked" alone
            assert why == kb.strings[lang]["report_form"]["compiler"]


def records_statuses() -> tuple[str, ...]:
    from thuynguyen_kb.progress.schema import STATUSES

    return STATUSES


def test_the_bodies_not_asked_to_report_are_told_so(kb) -> None:
    not_asked = {b.id for b in kb.of_type("body") if not form.asked_to_report(b)}
    assert {"toa-an", "vien-kiem-sat", "mttq", "phong-y-te", "ubnd-thanh-pho"} <= not_asked
    assert "ubnd-xa-phuong" not in not_asked


def test_two_writes_give_the_same_bytes_and_no_date_of_now(kb, tmp_path: Path) -> None:
    body = kb.records["ubnd-xa-phuong"]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    form.write_form(kb, body, "vi", first, WHEN)
    form.write_form(kb, body, "vi", second, WHEN)
    assert first.read_bytes() == second.read_bytes()
    properties = load_workbook(first).properties
    assert properties.created == properties.modified == datetime.datetime(2026, 12, 1, 8, 0)
    form.write_form(kb, body, "vi", second, WHEN + datetime.timedelta(days=1))
    assert first.read_bytes() != second.read_bytes()


def test_a_title_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", history=False)
    task = project / "docs" / "nhiem-vu" / "hoan-thien-chinh-sach.md"
    old_title = next(
        line for line in task.read_text(encoding="utf-8").split("\n") if line.startswith("title:")
    )
    edit(task, old_title, 'title: "=1+1 <i>hư cấu</i>"')
    kb, _ = load_knowledge_base(project)
    path = tmp_path / "form.xlsx"
    form.write_form(kb, kb.records["phong-ban-nganh"], "vi", path, WHEN)
    sheet = load_workbook(path)[fl.sheet_names(kb.strings, "vi")[1]]
    cells = [c for c in sheet[fl.LETTERS["row"]] if c.value and str(c.value).startswith("=")]
    assert cells, "the hostile title is not on the form"
    assert all(c.data_type == "s" for c in cells)
    html = printable.document(kb, kb.records["phong-ban-nganh"], "vi", WHEN)
    assert "=1+1 &lt;i&gt;hư cấu&lt;/i&gt;" in html and "<i>" not in html


def test_the_printable_form_has_the_body_and_its_rows(kb, tmp_path: Path) -> None:
    body = kb.records["ubnd-xa-phuong"]
    path, again = tmp_path / "form.pdf", tmp_path / "again.pdf"
    printable.write_printable(kb, body, "vi", path, WHEN)
    printable.write_printable(kb, body, "vi", again, WHEN)
    assert path.read_bytes() == again.read_bytes()
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)
    assert body.title("vi") in text
    for row in records.form_rows(kb, body):
        assert row.key in text
    assert kb.strings["vi"]["progress_status"]["in-progress"] in text


def test_the_printable_forms_come_from_the_cache_when_unchanged(kb, tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    bodies_count = len(kb.of_type("body"))
    assert publish.write_forms(kb, site, "en", WHEN, printable=True, cache=cache) == 0
    first = {p: p.read_bytes() for p in (site / "downloads" / "forms").iterdir()}
    assert len([p for p in first if p.suffix == ".pdf"]) == bodies_count
    again = tmp_path / "again"
    assert publish.write_forms(kb, again, "en", WHEN, printable=True, cache=cache) == bodies_count
    assert {p.name: b for p, b in first.items()} == {
        p.name: p.read_bytes() for p in (again / "downloads" / "forms").iterdir()
    }


def test_a_form_that_cannot_be_written_stops_the_build(kb, tmp_path: Path) -> None:
    hook = load_hook("report_forms")
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "forms").write_text("a file where the folder should be")
    config = SimpleNamespace(
        site_dir=str(site), theme={"language": "vi"}, config_file_path=str(REPO / "mkdocs.yml")
    )
    build_state.knowledge_base = kb
    first = kb.of_type("body")[0]
    try:
        with pytest.raises(PluginError, match=rf"REPORT-FORM downloads/forms/{first.id}-vi\.xlsx"):
            hook.on_post_build(config)
    finally:
        build_state.knowledge_base = None
