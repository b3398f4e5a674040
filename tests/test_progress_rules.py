"""The rules on progress data files (thuynguyen_kb.rules.progress) and the reporting periods,
on a small project: each bad report is refused at its file and line, the good one is read."""

from __future__ import annotations

from pathlib import Path

from helpers import load_knowledge_base, write_project
from test_rules import BODY, PLAN, ROLES, TASK

REPORTING = (
    "periods:\n  '2025':\n    label: {vi: Năm 2025, en: The year 2025}\n"
    "    source: {vi: Tên Kế hoạch., en: The plan's title.}\n"
)
ROLES_WITH_LINES = ROLES + "  checklist:\n    - {vi: Theo dõi., en: Monitor.}\n"
PLACE = "_data/progress/2025/phong-y-te/phong-y-te.yml"
REPORT = """\
# Fictitious test data.
form_version: 1
period: '2025'
body: phong-y-te
unit: Phòng Y tế
language: vi
items:
  - item: chinh-sach
    status: done
    done: Dữ liệu thử, hư cấu.
    budget_planned: 1000000
  - item: coordinates.1
    status: in-progress
"""


def problems_and_kb(tmp_path: Path, changed: dict[str, str]):
    """The problems and knowledge base of the small project with the ``changed`` files; each
    call in a new folder, so that one test may try several cases."""
    root = tmp_path / str(len(list(tmp_path.iterdir())))
    files = {
        "ke-hoach.md": PLAN,
        "_data/roles.yml": ROLES_WITH_LINES,
        "_data/reporting.yml": REPORTING,
        "co-quan/phong-y-te.md": BODY,
        "nhiem-vu/chinh-sach.md": TASK,
        PLACE: REPORT,
    }
    files.update(changed)
    files = {name: text for name, text in files.items() if text}  # "" removes a file
    kb, problems = load_knowledge_base(write_project(root, files))
    return [str(p).removeprefix(f"{root.as_posix()}/") for p in problems], kb


def problems_of(tmp_path: Path, changed: dict[str, str] | None = None) -> list[str]:
    return problems_and_kb(tmp_path, changed or {})[0]


def test_a_good_report_is_read_into_the_knowledge_base(tmp_path: Path) -> None:
    found, kb = problems_and_kb(tmp_path, {})
    assert found == []
    [report] = kb.progress
    assert (report.period, report.body, report.unit_id) == ("2025", "phong-y-te", "phong-y-te")
    assert report.item("chinh-sach").status == "done"
    assert report.item("chinh-sach").budget_planned == 1_000_000
    assert list(kb.periods) == ["2025"]


def test_an_unknown_period_is_refused(tmp_path: Path) -> None:
    report = REPORT.replace("period: '2025'", "period: '2026'")
    place = PLACE.replace("/2025/", "/2026/")
    assert problems_of(tmp_path, {PLACE: "", place: report}) == [
        f"docs/{place}:3: PROGRESS-UNKNOWN period '2026' is not a reporting period of"
        " docs/_data/reporting.yml (expected one of: 2025; add the period there first, with"
        " where it comes from)",
    ]


def test_a_period_outside_the_format_is_refused(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {PLACE: REPORT.replace("period: '2025'", "period: năm 2025")})
    assert len(found) == 1 and found[0].startswith(f"docs/{PLACE}:3: DATA-YAML")


def test_an_unknown_body_row_or_a_row_given_twice_is_refused(tmp_path: Path) -> None:
    report = REPORT.replace("item: coordinates.1", "item: coordinates.9")
    assert problems_of(tmp_path, {PLACE: report}) == [
        f"docs/{PLACE}:12: PROGRESS-UNKNOWN row 'coordinates.9' is not on the form of"
        " 'phong-y-te' (expected a task id or a checklist line such as reports.1 that its form"
        " lists; the task or the line was renamed or removed: import the body's filled form"
        " again with scripts/import_progress.py)"
    ]
    report = REPORT.replace("item: coordinates.1", "item: chinh-sach")
    assert problems_of(tmp_path, {PLACE: report}) == [
        f"docs/{PLACE}:12: PROGRESS-UNKNOWN row 'chinh-sach' is reported twice (expected each"
        " row once; import the body's filled form again with scripts/import_progress.py)"
    ]
    place = "_data/progress/2025/toa-an/phong-y-te.yml"
    found = problems_of(tmp_path, {place: REPORT.replace("body: phong-y-te", "body: toa-an")})
    assert f"docs/{place}:4: PROGRESS-UNKNOWN body 'toa-an' has no page in docs/co-quan/" in (
        found[0] if found else ""
    )


def test_a_status_outside_the_list_or_an_amount_that_is_not_a_number_is_refused(
    tmp_path: Path,
) -> None:
    found = problems_of(tmp_path, {PLACE: REPORT.replace("status: done", "status: finished")})
    assert [line.split(" ", 2)[:2] for line in found] == [[f"docs/{PLACE}:9:", "DATA-YAML"]]
    found = problems_of(tmp_path, {PLACE: REPORT.replace("1000000", "một triệu")})
    assert [line.split(" ", 2)[:2] for line in found] == [[f"docs/{PLACE}:11:", "DATA-YAML"]]
    found = problems_of(tmp_path, {PLACE: REPORT.replace("1000000", "-5")})
    assert [line.split(" ", 2)[:2] for line in found] == [[f"docs/{PLACE}:11:", "DATA-YAML"]]


def test_a_report_away_from_its_place_is_refused(tmp_path: Path) -> None:
    place = "_data/progress/2025/phong-y-te/ban-sao.yml"
    found = problems_of(tmp_path, {place: REPORT})
    assert found == [
        f"docs/{place}:2: PROGRESS-PLACE the report of 'Phòng Y tế' for 2025 lies at {place}"
        f" (expected docs/{PLACE}, where the import writes it; move it there, or import the"
        " body's filled form again with scripts/import_progress.py)"
    ]


def test_a_period_without_its_source_is_refused(tmp_path: Path) -> None:
    reporting = REPORTING.replace("    source: {vi: Tên Kế hoạch., en: The plan's title.}\n", "")
    found = problems_of(tmp_path, {"_data/reporting.yml": reporting})
    assert "docs/_data/reporting.yml:2: DATA-YAML period periods.2025 has no 'source'" in (
        "\n".join(found)
    )


def test_a_unit_whose_name_gives_no_file_name_is_refused(tmp_path: Path) -> None:
    report = REPORT.replace("unit: Phòng Y tế", "unit: '— ? —'")
    found = problems_of(tmp_path, {PLACE: report})
    assert [line.split(" ", 2)[:2] for line in found] == [[f"docs/{PLACE}:5:", "DATA-YAML"]]
    assert "at least one letter or digit" in found[0]
