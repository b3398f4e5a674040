"""The rules (thuynguyen_kb.rules) on small projects written for each case: each bad input is
reported once, with its file, line and code, and the good one passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_knowledge_base, write_project

PLAN = "---\ntitle: Kế hoạch\ndescription: K.\n---\n\n# Kế hoạch\n\nMột.\n{ #iv-1 }\n"
ROLES = "coordinates:\n  ref: iv-1\n  every_task: true\n  label: {vi: Chủ trì, en: Leads}\n"
BODY = (
    "---\ntype: body\nid: phong-y-te\norder: 1\nroles: [coordinates]\ntitle: Phòng Y tế\n"
    "description: Chủ trì.\n---\n\n# Phòng Y tế\n"
)
TASK = (
    "---\ntype: task\nid: chinh-sach\nplan_ref: iv-1\nassignment: per-annex\ntitle: Chính sách\n"
    "description: Thử.\n---\n\n# Chính sách\n"
)


def problems_of(tmp_path: Path, changed: dict[str, str] | None = None) -> list[str]:
    """Every problem of the small project, with the ``changed`` files (path: text)."""
    files = {
        "ke-hoach.md": PLAN,
        "_data/roles.yml": ROLES,
        "co-quan/phong-y-te.md": BODY,
        "nhiem-vu/chinh-sach.md": TASK,
    }
    files.update(changed or {})
    _, problems = load_knowledge_base(write_project(tmp_path, files))
    return [str(problem).removeprefix(f"{tmp_path.as_posix()}/") for problem in problems]


def first_key_line(path: Path) -> int:
    """The line of a YAML file's first key (a missing key is reported there)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line and not line.startswith("#"))


def test_the_small_project_passes(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == []


def test_a_number_written_as_text_is_refused(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {"co-quan/phong-y-te.md": BODY.replace("order: 1", 'order: "9"')})
    assert found == [
        "docs/co-quan/phong-y-te.md:4: FIELD-TYPE 'order' has the wrong kind of value (found the"
        " text '9', expected a whole number, written without quotes (e.g. 3); correct the value as"
        " the editors' guide shows)"
    ]


def test_a_wrong_value_inside_a_list_is_reported_at_its_line(tmp_path: Path) -> None:
    task = TASK.replace(
        "assignment: per-annex\n", "related_bodies:\n  - body: phong-y-te\n    role: 3\n"
    )
    found = problems_of(tmp_path, {"nhiem-vu/chinh-sach.md": task})
    assert found == [
        "docs/nhiem-vu/chinh-sach.md:7: FIELD-TYPE 'related_bodies[1].role' has the wrong kind of"
        " value (found '3', expected text; correct the value as the editors' guide shows)"
    ]


@pytest.mark.parametrize(
    ("marker", "why"),
    [
        ("<!-- kb:index typ=task -->", "typ= is not an option of kb:index (expected type=,"),
        ("<!-- kb:index type=tasks -->", "type=tasks is unknown (expected type=task, type=body)"),
        ("<!-- kb:checklist -->", "only works on a page of type 'body' (this page is not one)"),
        ("<!-- kb:quote ref=ii-9 -->", "ref=ii-9 names no item of the plan that can be quoted"),
        ("Xem <!-- kb:matrix --> nhé.", "malformed marker (expected '<!-- kb:name key=value -->'"),
    ],
)
def test_a_bad_marker_is_reported_at_its_line(tmp_path: Path, marker: str, why: str) -> None:
    found = problems_of(tmp_path, {"nhiem-vu/chinh-sach.md": f"{TASK}\n{marker}\n"})
    assert found and all(f.startswith("docs/nhiem-vu/chinh-sach.md:12: KB-MARKER") for f in found)
    assert any(
        f.startswith(f"docs/nhiem-vu/chinh-sach.md:12: KB-MARKER '{marker}' {why}") for f in found
    ), found


def test_a_marker_quoted_as_code_or_inside_a_code_block_is_text(tmp_path: Path) -> None:
    page = f"{TASK}\n`<!-- kb:bang -->`\n\n```\n<!-- kb:bang -->\n```\n"
    assert problems_of(tmp_path, {"nhiem-vu/chinh-sach.md": page}) == []


def test_a_missing_handout_is_a_reference_to_a_missing_record(tmp_path: Path) -> None:
    module = (
        "---\ntype: module\nid: m1\ncode: M1\nduration: 10\nhandout: m1-tai-lieu\ntitle: M1\n"
        "description: D.\naudience: A.\ngroup_size: G.\n---\n\n# M1\n"
    )
    found = problems_of(tmp_path, {"m1.md": module})
    assert found[0] == (
        "docs/m1.md:6: REF-UNKNOWN handout names handout 'm1-tai-lieu', which does not exist"
        " (expected one of: none yet; correct the id, or add that page first)"
    )


def test_interface_strings_missing_in_a_language_are_reported_against_their_file(
    tmp_path: Path,
) -> None:
    files = {"ke-hoach.md": PLAN}
    root = write_project(tmp_path, files)
    english = root / "docs" / "_data" / "strings" / "en.yml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("lead: Lead\n", "laed: Lead\n"), "utf-8"
    )
    _, problems = load_knowledge_base(root)
    found = [str(p).removeprefix(f"{tmp_path.as_posix()}/") for p in problems]
    line = english.read_text(encoding="utf-8").split("\n").index("laed: Lead") + 1
    first = first_key_line(english)
    assert found == [
        f"docs/_data/strings/en.yml:{first}: DATA-YAML the file has no 'lead' (expected 'lead:'"
        " here; add it)",
        f"docs/_data/strings/en.yml:{line}: DATA-YAML string field 'laed' is not known (found"
        " 'laed:', expected only the fields the comment at the top of the file lists; correct"
        " the spelling or remove it)",
    ]


def test_the_sites_languages_must_be_the_packages(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"ke-hoach.md": PLAN})
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - i18n:\n      languages:\n        - locale: en\n"
        "          default: true\n        - locale: vi\n",
        encoding="utf-8",
    )
    _, problems = load_knowledge_base(root)
    assert [p.code for p in problems] == ["CONFIG-LANGUAGES"]
    assert "found en (default), vi, expected vi, en with vi as default" in problems[0].message


def test_a_language_without_its_strings_file_is_reported(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"ke-hoach.md": PLAN})
    (root / "docs" / "_data" / "strings" / "en.yml").unlink()
    _, problems = load_knowledge_base(root)
    assert [str(p).removeprefix(f"{tmp_path.as_posix()}/") for p in problems] == [
        "docs/_data/strings/en.yml:0: DATA-YAML no interface strings for 'en' (found no file,"
        " expected one beside the vi.yml file; copy that file and translate it)"
    ]


def test_a_changed_placeholder_or_a_key_missing_everywhere_is_reported(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"ke-hoach.md": PLAN})
    folder = root / "docs" / "_data" / "strings"
    for name in ("vi.yml", "en.yml"):  # removed from both files: still a problem
        path = folder / name
        kept = [x for x in path.read_text("utf-8").split("\n") if not x.startswith("minutes:")]
        path.write_text("\n".join(kept), "utf-8")
    english = folder / "en.yml"
    english.write_text(
        english.read_text("utf-8").replace("All {n} tasks", "All {number} tasks"), "utf-8"
    )
    _, problems = load_knowledge_base(root)
    found = [str(p).removeprefix(f"{tmp_path.as_posix()}/") for p in problems]
    line = english.read_text("utf-8").split("\n").index("all_tasks: All {number} tasks of the plan")
    assert found == [
        f"docs/_data/strings/en.yml:{first_key_line(english)}: DATA-YAML the file has no"
        " 'minutes' (expected 'minutes:' here; add it)",
        f"docs/_data/strings/en.yml:{line + 1}: DATA-YAML string 'all_tasks' has the placeholders"
        " {number} (expected {n}; keep the words in braces as they are: the site fills them in)",
        f"docs/_data/strings/vi.yml:{first_key_line(folder / 'vi.yml')}: DATA-YAML the file has"
        " no 'minutes' (expected 'minutes:' here; add it)",
    ]


def test_a_union_field_gives_one_problem_and_nested_keys_are_named(tmp_path: Path) -> None:
    task = TASK.replace(
        "assignment: per-annex\n",
        "deadline: [2025]\nrelated_bodies:\n  - body: phong-y-te\n    rol: coordinates\n",
    )
    found = problems_of(tmp_path, {"nhiem-vu/chinh-sach.md": task})
    assert found == [
        "docs/nhiem-vu/chinh-sach.md:5: FIELD-TYPE 'deadline' has the wrong kind of value (found"
        " a list, expected text or a whole number, written without quotes (e.g. 3) or a date"
        " such as 2025-12-31; correct the value as the editors' guide shows)",
        "docs/nhiem-vu/chinh-sach.md:7: FRONT-MATTER-FIELD 'related_bodies[1]' has no 'role'"
        " (found no 'role:' there, expected one as the editors' guide shows; add it)",
        "docs/nhiem-vu/chinh-sach.md:8: FRONT-MATTER-FIELD front matter field"
        " 'related_bodies[1].rol' is not a field of 'related_bodies[1]' (found 'rol:', expected"
        " the fields of the guide; correct the spelling or remove it)",
    ]


def test_an_unknown_reference_is_reported_at_its_own_line(tmp_path: Path) -> None:
    body = BODY.replace("roles: [coordinates]\n", "roles: [coordinates]\nreports_to: xa-phuong\n")
    found = problems_of(tmp_path, {"co-quan/phong-y-te.md": body})
    assert found == [
        "docs/co-quan/phong-y-te.md:6: REF-UNKNOWN reports_to names body 'xa-phuong', which does"
        " not exist (expected one of: phong-y-te; correct the id, or add that page first)"
    ]


def test_unreadable_front_matter_is_reported_once_not_again_by_other_rules(
    tmp_path: Path,
) -> None:
    broken = BODY.replace("title: Phòng Y tế", 'title: "Phòng Y tế') + "\n<!-- kb:checklist -->\n"
    found = problems_of(tmp_path, {"co-quan/phong-y-te.md": broken})
    assert [line.split(" ")[1] for line in found] == ["FRONT-MATTER-YAML"], found


def test_a_quote_of_a_block_the_plan_cannot_quote_is_refused(tmp_path: Path) -> None:
    plan = PLAN + "\n!!! note\n\n    ### Ghi chú { #ghi-chu }\n\n    Chú thích.\n"
    found = problems_of(
        tmp_path,
        {"ke-hoach.md": plan, "nhiem-vu/chinh-sach.md": f"{TASK}\n<!-- kb:quote ref=ghi-chu -->\n"},
    )
    assert (
        len(found) == 1
        and "KB-MARKER '<!-- kb:quote ref=ghi-chu -->' ref=ghi-chu names" in found[0]
    )


# --- Training modules: the full agenda and its shorter variants (AGENDA-TIME) --------------

MODULE_FRONT = {
    "vi": "---\ntype: module\nid: m1\ncode: M1\nduration: 120\nvariants: {variants}\n"
    "handout: m1-tai-lieu\ntitle: M1\ndescription: D.\naudience: A.\ngroup_size: G.\n---\n",
    "en": "---\ntitle: M1\ndescription: D.\naudience: A.\ngroup_size: G.\n---\n",
}
MODULE_HEADINGS = {
    "vi": ("Chương trình", "Phút", "Hoạt động", "Chương trình rút gọn {n} phút"),
    "en": ("Agenda", "Minutes", "Activity", "Shorter agenda: {n} minutes"),
}
HANDOUT = (
    "---\ntype: handout\nid: m1-tai-lieu\nmodule: m1\ntitle: T\ndescription: D.\n---\n\n# T\n\n"
    "## Q { #cau-hoi }\n\n1. Q?\n"
)


def module_page(lang: str, variants: dict[str, list[str]], variants_field: str = "[90]") -> str:
    """A module page whose full agenda adds up to 120 minutes, with a block per variant.

    ``variants`` maps each block's title to its rows (``"10 | [x](#hoat-dong-1)"``).
    """
    agenda, minutes, activity, _ = MODULE_HEADINGS[lang]
    lines = [MODULE_FRONT[lang].format(variants=variants_field), "# M1 { #module }", ""]
    for section in ("audience", "objectives"):
        lines += [f"## {section} {{ #{section} }}", "", "Text.", ""]
    lines += [f"## {agenda} {{ #agenda }}", "", f"| {minutes} | {activity} |", "|---|---|"]
    lines += ["| 60 | [1](#hoat-dong-1) |", "| 60 | [2](#hoat-dong-2) |", ""]
    for title, rows in variants.items():
        lines += [f'??? abstract agenda-variant "{title}"', ""]
        lines += [f"    | {minutes} | {activity} |", "    |---|---|"]
        lines += [f"    | {row} |" for row in rows] + [""]
    lines += ["## Activities { #activities }", "", "### A1 { #hoat-dong-1 }", "", "Text.", ""]
    lines += ["### A2 { #hoat-dong-2 }", "", "Text.", ""]
    for section in ("key-messages", "handout"):
        lines += [f"## {section} {{ #{section} }}", "", "Text.", ""]
    lines += ["## quiz { #quiz }", "", "1. Q?", "", '??? note answer-key "A"', "", "    1. A.", ""]
    lines += ["## evaluation { #evaluation }", "", "Text.", ""]
    lines += ["## Sources { #sources }", "", "- [Plan](ke-hoach.md)", ""]
    return "\n".join(lines)


def module_problems(tmp_path: Path, vi: str, en: str | None = None) -> list[str]:
    files = {"m1.md": vi, "m1-tai-lieu.md": HANDOUT}
    if en is not None:
        files["m1.en.md"] = en
    # The Vietnamese file is named in some messages: shown here relative to the project.
    return [p.replace(f"{tmp_path.as_posix()}/", "") for p in problems_of(tmp_path, files)]


NINETY = {"Chương trình rút gọn 90 phút": ["30 | [1](#hoat-dong-1)", "60 | [2](#hoat-dong-2)"]}
NINETY_EN = {"Shorter agenda: 90 minutes": ["30 | [1](#hoat-dong-1)", "60 | [2](#hoat-dong-2)"]}


def test_a_module_with_its_declared_variants_passes_in_both_languages(tmp_path: Path) -> None:
    forty_five = {"Chương trình rút gọn 45 phút": ["45 | [2](#hoat-dong-2)"]}
    vi = module_page("vi", NINETY | forty_five, "[90, 45]")
    en = module_page("en", NINETY_EN | {"Shorter agenda: 45 minutes": ["45 | [2](#hoat-dong-2)"]})
    assert module_problems(tmp_path, vi, en) == []


def test_each_language_is_checked_with_the_variants_of_the_vietnamese_file(
    tmp_path: Path,
) -> None:
    en = module_page("en", {"Shorter agenda: 90 minutes": ["30 | [1](#hoat-dong-1)"]})
    assert module_problems(tmp_path, module_page("vi", NINETY), en) == [
        "docs/m1.en.md:25: AGENDA-TIME the 90-minute agenda's minutes add up to 30 (found 30,"
        " expected 90, the minutes its title names; correct the rows)"
    ]


@pytest.mark.parametrize(
    ("variants", "field", "expected"),
    [
        (
            NINETY | {"Chương trình rút gọn 60 phút": ["60 | [1](#hoat-dong-1)"]},
            "[90]",
            "docs/m1.md:38: AGENDA-TIME a 60-minute agenda that the front matter does not declare"
            " (found 'Chương trình rút gọn 60 phút', expected one of the declared variants: 90;"
            " add 60 to 'variants:' in docs/m1.md, or remove this agenda)",
        ),
        (
            {"Chương trình rút gọn 90 phút": ["30 | [1](#hoat-dong-1)", "60 | [3](#hoat-dong-3)"]},
            "[90]",
            "docs/m1.md:36: AGENDA-TIME the agenda row links to '#hoat-dong-3', which is not an"
            " activity of this module (expected the id of a '### ' heading of the #activities"
            " section: hoat-dong-1, hoat-dong-2; correct the link)",
        ),
        (
            {"Chương trình rút gọn": ["90 | [1](#hoat-dong-1)"]},
            "[90]",
            "docs/m1.md:31: AGENDA-TIME a shorter agenda's title names no length (found 'Chương"
            " trình rút gọn', expected its minutes in the title, as in '??? abstract"
            ' agenda-variant "Chương trình rút gọn 90 phút"\'; the title says which of the'
            " declared variants the table is)",
        ),
        (
            NINETY | {"Chương trình 90 phút": ["90 | [1](#hoat-dong-1)"]},
            "[90]",
            "docs/m1.md:38: AGENDA-TIME a second 90-minute agenda (the first is at line 31,"
            " expected one agenda per variant; remove one)",
        ),
        (
            NINETY,
            "[90, 120]",
            "docs/m1.md:6: AGENDA-TIME 'variants:' lists 120, which is not shorter than the"
            " module's duration, 120 (expected only shorter agendas: the full one is"
            " 'duration:'; remove it)",
        ),
        (
            NINETY,
            "[90, 90]",
            "docs/m1.md:6: AGENDA-TIME 'variants:' lists 90 more than once (expected each length"
            " once; remove the repetition)",
        ),
    ],
)
def test_a_wrong_shorter_agenda_is_reported_at_its_line(
    tmp_path: Path, variants: dict[str, list[str]], field: str, expected: str
) -> None:
    assert module_problems(tmp_path, module_page("vi", variants, field)) == [expected]


def test_a_shorter_agenda_keeps_the_full_agendas_columns(tmp_path: Path) -> None:
    page = module_page("vi", NINETY).replace(
        "    | Phút | Hoạt động |", "    | Phút | Hoạt động | Ghi chú |"
    )
    assert module_problems(tmp_path, page) == [
        "docs/m1.md:33: AGENDA-TIME the 90-minute agenda's columns are 'Phút | Hoạt động | Ghi"
        " chú' (expected the full agenda's: 'Phút | Hoạt động'; copy its header row)"
    ]


def test_a_variant_table_outside_its_block_is_not_taken_for_the_full_agenda(
    tmp_path: Path,
) -> None:
    page = module_page("vi", NINETY).replace("    | ", "| ").replace("    |---", "|---")
    assert module_problems(tmp_path, page) == [
        "docs/m1.md:24: AGENDA-TIME 'variants:' declares a 90-minute agenda but this section has"
        " none (expected a block '??? abstract agenda-variant \"Chương trình rút gọn 90 phút\"'"
        " holding its table, after the full agenda; add it, or remove 90 from 'variants:' in"
        " docs/m1.md)",
        "docs/m1.md:33: AGENDA-TIME a second agenda table outside a shorter agenda's block"
        " (expected the full agenda once, and each shorter agenda indented by four spaces"
        " inside a block such as '??? abstract agenda-variant \"Chương trình rút gọn 90"
        " phút\"')",
    ]


def test_a_module_longer_than_90_minutes_must_offer_90(tmp_path: Path) -> None:
    page = module_page("vi", {}, "[]")
    assert module_problems(tmp_path, page) == [
        "docs/m1.md:6: AGENDA-TIME the module offers no 90-minute agenda (found 'variants: []',"
        " expected 90 among the variants, as trainers in the communes usually have 45 to 90"
        " minutes; add 90 to 'variants:' and a 90-minute agenda, as the editors' guide"
        " explains)"
    ]


def page(body: str, title: str = "Trang") -> str:
    return f"---\ntitle: {title}\ndescription: Thử.\n---\n\n# {title}\n\n{body}\n"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Phụ lục ghi cơ quan chủ trì và thời hạn của từng nhiệm vụ.", "chủ trì"),
        ("Đã rõ. Bảng phân công nằm trong phụ lục ([IV.2](ke-hoach.md#iv-1)).", "Bảng"),
    ],
)
def test_a_sentence_that_says_what_the_missing_annex_contains_is_refused(
    tmp_path: Path, text: str, word: str
) -> None:
    found = problems_of(tmp_path, {"trang.md": page(text)})
    assert len(found) == 1 and found[0].startswith("docs/trang.md:8: ANNEX-CLAIM says what the")
    assert f"('{word}' in " in found[0]


def test_the_annex_rule_passes_hedged_sentences_and_english_and_stops_once_the_annex_is_in(
    tmp_path: Path,
) -> None:
    hedged = page(
        "Trang không biết phụ lục có ghi thời hạn hay không. Nếu phụ lục ghi hạn, ghi lại."
    )
    english = page("The annex sets each task's deadline.", "Page")
    found = problems_of(tmp_path, {"trang.md": hedged, "trang.en.md": english})
    assert [p.split(" says")[0] for p in found] == ["docs/trang.en.md:8: ANNEX-CLAIM"]
    # Once a task carries its row of the annex, the pages may say what it contains.
    known = TASK.replace("assignment: per-annex\n", "lead: [phong-y-te]\nsource: Phụ lục, dòng 1\n")
    files = {"trang.md": hedged, "trang.en.md": english, "nhiem-vu/chinh-sach.md": known}
    assert problems_of(tmp_path / "known", files) == []


def test_a_sentence_that_cites_the_plan_for_every_body_is_refused(tmp_path: Path) -> None:
    claim = "Mỗi cơ quan phải lập dự toán hằng năm ([III.1](ke-hoach.md#iv-1))."
    named = "Các phòng, ban, ngành lập dự toán ([III.1](ke-hoach.md#iv-1)); mỗi cơ quan một bản."
    quoted = 'Đừng viết "mỗi cơ quan" khi dẫn [III.1](ke-hoach.md#iv-1).'
    found = problems_of(tmp_path, {"trang.md": page(f"{claim}\n\n{named}\n\n{quoted}")})
    assert found == [
        "docs/trang.md:8: PLAN-EVERY-BODY 'Mỗi cơ quan' with a link to the plan's #iv-1 in"
        ' "Mỗi cơ quan phải lập dự toán hằng năm ([III.1]).": the plan names which bodies each'
        " item is for; name them as the item does"
    ]
