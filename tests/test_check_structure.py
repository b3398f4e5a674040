"""scripts/check_structure.py: the real sources pass; each rule rejects its bad fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, assert_untouched

from thuynguyen_kb.commands import check_structure
from thuynguyen_kb.rules import text as text_rules


def run_on_fixture(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    """Run the check on a copy of ``tests/fixtures/<name>``; return exit code and output lines.

    Also asserts that the check left its input untouched.
    """
    copy = tmp_path / name
    shutil.copytree(FIXTURES / name, copy)
    monkeypatch.chdir(copy)
    code = check_structure.main([])
    assert_untouched(FIXTURES / name, copy)
    return code, capsys.readouterr().out.splitlines()


def test_the_real_repository_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    assert check_structure.main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("OK: ") and lines[0].endswith(", no problems.")
    docs = REPO / "docs"
    untranslated = sorted(
        f"docs/{page.relative_to(docs).as_posix()}"
        for page in docs.rglob("*.md")
        if not page.name.endswith(".en.md")
        and not any(part.startswith("_") for part in page.relative_to(docs).parts)
        and not page.with_name(page.name.removesuffix(".md") + ".en.md").exists()
    )
    if untranslated:
        assert lines[1:] == [f"Not yet translated ({len(untranslated)}): {', '.join(untranslated)}"]
    else:
        assert lines[1:] == []


def test_untranslated_pages_are_listed_but_do_not_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fixture also holds a fragment (_snippets/) and a file left out by exclude_docs
    # (drafts/), neither of which is a page, and an !ENV tag in mkdocs.yml.
    code, lines = run_on_fixture("structure-untranslated", tmp_path, monkeypatch, capsys)
    assert code == 0
    assert lines == [
        "OK: 3 pages checked (1 with an English translation), no problems.",
        "Not yet translated (2): docs/gioi-thieu.md, docs/ke-hoach.md",
    ]


def test_an_english_page_needs_its_vietnamese_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-translation-orphan", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/cu.en.md:0: TRANSLATION-ORPHAN English page has no Vietnamese page beside it"
        " (found no docs/cu.md, expected the Vietnamese original there; rename this file to"
        " match its Vietnamese page, or add the Vietnamese page)",
        "1 problem found.",
    ]


def test_both_languages_carry_the_same_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-id-mismatch", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/ke-hoach.en.md:11: ID-MISMATCH id 'i-2' is only in this language (found '#i-2'"
        " here but not in docs/ke-hoach.md, expected the same ids in both languages; add"
        " '{ #i-2 }' at the same place in docs/ke-hoach.md, or remove it here)",
        "docs/ke-hoach.md:11: ID-MISMATCH id 'i-1' is only in this language (found '#i-1' here"
        " but not in docs/ke-hoach.en.md, expected the same ids in both languages; add"
        " '{ #i-1 }' at the same place in docs/ke-hoach.en.md, or remove it here)",
        "2 problems found.",
    ]


def test_text_must_be_nfc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-text-nfd", tmp_path, monkeypatch, capsys)
    assert code == 1
    # The word as found: "trẻ" decomposed, e + U+0309 (written as an escape so that no editor
    # can normalise this file and hide the difference).
    assert lines == [
        "docs/index.md:8: TEXT-NFD word 'tre\u0309' has its accents typed as separate characters"
        " (found decomposed Unicode (NFD), expected composed Unicode (NFC); retype the word, or"
        " convert the file to NFC)",
        "1 problem found.",
        "Not yet translated (1): docs/index.md",
    ]


def test_invisible_characters_are_rejected_in_pages_and_fragments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-text-control", tmp_path, monkeypatch, capsys)
    assert code == 1
    hint = (
        " in the text (found {0}, expected only visible characters, tabs and line breaks; it"
        " cannot be seen, so delete and retype the characters around it)"
    )
    # The page opens with a byte order mark and has Windows line endings, yet its front matter
    # and title are read as MkDocs reads them: only TEXT-CONTROL problems are reported.
    assert lines == [
        "docs/_snippets/abbreviations.md:1: TEXT-CONTROL invisible character U+00AD (soft hyphen)"
        + hint.format("U+00AD"),
        "docs/index.md:1: TEXT-CONTROL file has Windows line endings (found U+000D, carriage"
        " return, at the end of this line and 7 other lines, expected line feeds only; save the"
        " file with Unix (LF) line endings)",
        "docs/index.md:1: TEXT-CONTROL invisible character U+FEFF (byte order mark)"
        + hint.format("U+FEFF"),
        "docs/index.md:8: TEXT-CONTROL invisible character U+200B (zero width space)"
        + hint.format("U+200B"),
        "4 problems found.",
        "Not yet translated (1): docs/index.md",
    ]


def test_files_must_be_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-text-encoding", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/index.md:2: TEXT-ENCODING file is not UTF-8 text (found byte 0xFA, expected UTF-8;"
        " save the file as UTF-8 in your editor)",
        "1 problem found.",
    ]


def test_each_page_has_exactly_one_title_heading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # b.md also has '# ' lines in its front matter, in a code block and in an admonition body:
    # none of them is a heading.
    code, lines = run_on_fixture("structure-heading-h1", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/a.md:6: HEADING-H1 page has no title heading (found no line starting with '# ',"
        " expected exactly one; add '# Page title { #slug }' after the front matter)",
        "docs/b.md:17: HEADING-H1 page has a second title heading (found '# ' here and on line"
        " 7, expected exactly one; make this one a '## ' heading)",
        "2 problems found.",
        "Not yet translated (2): docs/a.md, docs/b.md",
    ]


def test_headings_do_not_skip_levels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-heading-skip", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/index.md:10: HEADING-SKIP heading skips a level (found '####' after the '##'"
        " heading on line 8, expected '###' or fewer '#'; use '###' here or add the missing"
        " level above)",
        "1 problem found.",
        "Not yet translated (1): docs/index.md",
    ]


def test_front_matter_must_be_closed_valid_yaml_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-front-matter-yaml", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/a.md:2: FRONT-MATTER-YAML front matter is not valid YAML (found the error"
        " 'mapping values are not allowed here', expected 'name: value' lines; check the"
        " indentation, and put a value that contains ': ' or starts with a special character"
        " in double quotes)",
        "docs/b.md:1: FRONT-MATTER-YAML front matter is not a list of fields (found a list,"
        " expected 'name: value' lines such as 'title: ...'; write each field as 'name: value')",
        "docs/c.md:1: FRONT-MATTER-YAML front matter is not closed (found no second '---' line,"
        " expected one after the last field; add a line '---' after the front matter)",
        "3 problems found.",
        "Not yet translated (3): docs/a.md, docs/b.md, docs/c.md",
    ]


def test_a_page_needs_front_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-front-matter-missing", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/index.md:1: FRONT-MATTER-MISSING page has no front matter (found no '---' on line"
        " 1, expected a block between two '---' lines with the page's title and description;"
        " add it at the top, as in the other pages)",
        "1 problem found.",
        "Not yet translated (1): docs/index.md",
    ]


def test_required_fields_are_filled_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-front-matter-field", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/index.en.md:2: FRONT-MATTER-FIELD front matter field 'title' is empty (found"
        " 'title:' with no text, expected text; write it after 'title:' on the same line)",
        "docs/index.md:1: FRONT-MATTER-FIELD front matter has no 'description' (found no"
        " 'description:' line, expected one on every page of type 'page'; add"
        " 'description: ...' between the '---' lines)",
        "2 problems found.",
    ]


def test_an_unknown_page_type_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Reported once, on the Vietnamese page that writes it, not again on its translation.
    code, lines = run_on_fixture("structure-front-matter-type", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/index.md:4: FRONT-MATTER-TYPE front matter type 'nhiem-vu' is unknown (found"
        " 'nhiem-vu', expected one of: body, handout, module, page, recommendation, task; correct"
        " the spelling, or remove the 'type:' line for a plain page)",
        "1 problem found.",
    ]


def test_every_vietnamese_page_is_in_the_nav(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # gioi-thieu.en.md is not reported: English pages are reached through their Vietnamese page.
    code, lines = run_on_fixture("structure-nav-orphan", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "docs/gioi-thieu.md:0: NAV-ORPHAN page is not in the site menu (found no"
        " 'gioi-thieu.md' under nav: in mkdocs.yml, expected it listed there; add"
        " '- gioi-thieu.md' to nav: in mkdocs.yml)",
        "1 problem found.",
        "Not yet translated (1): docs/index.md",
    ]


def test_the_nav_names_only_existing_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The nav's section titles and its link to another host are not pages.
    code, lines = run_on_fixture("structure-nav-missing", tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines == [
        "mkdocs.yml:5: NAV-MISSING nav lists a page that does not exist (found 'nhiem-vu.md',"
        " expected a file docs/nhiem-vu.md; correct the name in nav or create the page)",
        "1 problem found.",
        "Not yet translated (2): docs/index.md, docs/ke-hoach.md",
    ]


def test_file_and_folder_names_are_ascii_kebab_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run_on_fixture("structure-file-name", tmp_path, monkeypatch, capsys)
    assert code == 1
    hint = "; rename it and update every link to it)"
    assert lines == [
        "docs/Assets:0: FILE-NAME folder name is not lowercase ASCII with hyphens (found"
        f" 'Assets', expected a name like 'assets'{hint}",
        "docs/Gioi_Thieu.md:0: FILE-NAME file name is not lowercase ASCII with hyphens (found"
        f" 'Gioi_Thieu.md', expected a name like 'gioi-thieu.md'{hint}",
        "2 problems found.",
        "Not yet translated (2): docs/Gioi_Thieu.md, docs/index.md",
    ]


@pytest.mark.parametrize(
    ("name", "is_folder", "expected"),
    [
        ("Kế Hoạch.MD", False, "ke-hoach.md"),
        ("Đào tạo", True, "dao-tao"),
        ("_Snippets", True, "_snippets"),
        ("ke_hoach.en.md", False, "ke-hoach.en.md"),
        ("Logo--Final.SVG", False, "logo-final.svg"),
        ("ke-hoach.md", False, None),  # already valid
        ("Ảnh", False, None),  # no extension: no sure guess
    ],
)
def test_suggested_names(name: str, is_folder: bool, expected: str | None) -> None:
    assert text_rules.suggest_name(name, is_folder) == expected


def test_a_missing_docs_folder_is_an_error_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = check_structure.main(["--docs", str(tmp_path / "nowhere")])
    assert code == 2
    assert "no docs folder here" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "structure-kb-ref-unknown",
            "docs/nhiem-vu/chinh-sach.md:7: REF-UNKNOWN related_bodies names body 'phong-tu-phap',"
            " which does not exist (expected one of: phong-y-te; correct the id, or add that page"
            " first)",
        ),
        (
            "structure-kb-id-duplicate",
            "docs/co-quan/phong-y-te-moi.md:3: ID-DUPLICATE id 'phong-y-te' is already used by"
            " docs/co-quan/phong-y-te.md (found it twice, expected every record to have its"
            " own id; give this page the id 'phong-y-te-moi', its file name)",
        ),
        (
            "structure-kb-missing-field",
            "docs/nhiem-vu/chinh-sach.md:1: FRONT-MATTER-FIELD front matter has no 'plan_ref'"
            " (found no 'plan_ref:' line, expected one on every page of type 'task'; add"
            " 'plan_ref: ...' between the '---' lines)",
        ),
        (
            "structure-kb-field-mismatch",
            "docs/nhiem-vu/chinh-sach.en.md:2: FIELD-MISMATCH 'id' differs from the Vietnamese"
            " page (found 'chinh-sach-khac', expected 'chinh-sach' as in"
            " docs/nhiem-vu/chinh-sach.md; language-neutral fields are written once, in the"
            " Vietnamese file: delete this line)",
        ),
        (
            "structure-kb-unknown-field",
            "docs/nhiem-vu/chinh-sach.md:5: FRONT-MATTER-FIELD front matter field 'laed' is not a"
            " field of a 'task' page (found 'laed:', expected one of: assignment, changes,"
            " deadline, description, found_by, id, lead, plan_ref, related_bodies, source,"
            " support, title, type; correct the spelling or remove it)",
        ),
        (
            "structure-module-section",
            "docs/m1.md:15: MODULE-SECTION module lacks the section(s) #quiz (expected a '## '"
            " heading with each of these ids, in both languages; see an existing module)",
        ),
        (
            "structure-module-time",
            "docs/m1.md:25: AGENDA-TIME the agenda's minutes add up to 55 (found 20 + 35, expected"
            " the module's duration, 60; correct the rows or the 'duration:' field)",
        ),
        (
            "structure-module-variant-time",
            "docs/m1.md:34: AGENDA-TIME the 90-minute agenda's minutes add up to 85 (found 10 + 35"
            " + 40, expected 90, the minutes its title names; correct the rows)",
        ),
        (
            "structure-module-variant-missing",
            "docs/m1.md:26: AGENDA-TIME 'variants:' declares a 45-minute agenda but this section"
            " has none (expected a block '??? abstract agenda-variant \"Chương trình rút gọn 45"
            " phút\"' holding its table, after the full agenda; add it, or remove 45 from"
            " 'variants:' in docs/m1.md)",
        ),
        (
            "structure-module-no-90",
            "docs/m1.md:6: AGENDA-TIME the module offers no 90-minute agenda (found 'variants:"
            " [45]', expected 90 among the variants, as trainers in the communes usually have 45"
            " to 90 minutes; add 90 to 'variants:' and a 90-minute agenda, as the editors' guide"
            " explains)",
        ),
        (
            "structure-module-sources",
            "docs/m1.md:56: MODULE-SOURCES the sources section lists nothing (expected a bulleted"
            " list of the sources of every fact in the module and its handout)",
        ),
        (
            "structure-kb-marker-unknown",
            "docs/nhiem-vu/chinh-sach.md:15: KB-MARKER '<!-- kb:task-body -->' unknown marker (did"
            " you mean 'kb:task-bodies'? expected one of: body-tasks, checklist, contact, csv,"
            " downloads, glossary-index, index, matrix, module-downloads, module-index,"
            " module-table, progress, progress-overview, quote, rec-facts, rec-index, rec-links,"
            " rec-text, recommendations, report-form, report-forms, reporting, reviewed,"
            " task-bodies, training, whats-new)",
        ),
        (
            "structure-glossary-source",
            "docs/thuat-ngu.md:20: GLOSSARY-SOURCE the definition of 'Phòng ngừa' states a number"
            " with no source in its entry (found 'điều 48' and no link to a public source or to"
            " the plan, expected one; add the source to this entry, e.g. ([Thư viện Pháp"
            " luật](https://…)), or write the definition without the number)",
        ),
        (
            "structure-kb-roles-language",
            "docs/_data/roles.yml:10: DATA-YAML role coordinates.checklist[2] has no 'en'"
            " (expected 'en:' here, as every text is written in each language: vi, en; add it)",
        ),
        (
            "structure-kb-field-type",
            "docs/co-quan/phong-y-te.md:4: FIELD-TYPE 'order' has the wrong kind of value (found"
            " the text 'first', expected a whole number, written without quotes (e.g. 3);"
            " correct the value as the editors' guide shows)",
        ),
        (
            "structure-kb-order-duplicate",
            "docs/co-quan/phong-y-te.md:4: FIELD-DUPLICATE order '1' is already used by"
            " docs/co-quan/phong-tu-phap.md (found it twice, expected each body to have its own"
            " order; give this page one that no other page has)",
        ),
        (
            "structure-kb-code-duplicate",
            "docs/m2.md:4: FIELD-DUPLICATE code 'M1' is already used by docs/m1.md (found it"
            " twice, expected each module to have its own code; give this page one that no other"
            " page has)",
        ),
        (
            "structure-kb-unassigned",
            "docs/nhiem-vu/chinh-sach.md:3: TASK-UNASSIGNED task names no responsible body (found"
            " no lead, support or related_bodies, expected at least one, or 'assignment:"
            " per-annex' while the annex that assigns it is not available)",
        ),
    ],
)
def test_bad_knowledge_base_and_module_data_is_rejected(
    fixture: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines = run_on_fixture(fixture, tmp_path, monkeypatch, capsys)
    assert code == 1
    assert lines[:2] == [expected, "1 problem found."]
    assert lines[2].startswith("Not yet translated (")
