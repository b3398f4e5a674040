"""The renderers (thuynguyen_kb.render): records and a language in, Markdown out, without a build.

Each test writes a small project (a few front-matter pages and data files), reads it as the build
does, and renders from it; the site's real interface strings are used.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from helpers import REPO, load_knowledge_base, write_project
from lxml import html as lxml_html

from thuynguyen_kb import schemas
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.render import links, matrix, plan_records, training
from thuynguyen_kb.render.markers import MarkerError, fill

ROLES = """\
coordinates:
  ref: iv-1
  every_task: true
  label: {vi: Chủ trì, en: Leads}
  checklist:
    - {vi: Theo dõi., en: Monitor.}
reports:
  ref: iv-2
  every_task: true
  label: {vi: Báo cáo, en: Reports}
  checklist:
    - {vi: Theo dõi., en: Monitor.}
    - {ref: iv-2, vi: Báo cáo., en: Report.}
"""
PLAN = (
    "---\ntitle: Kế hoạch\ndescription: K.\n---\n\n# Kế hoạch\n\n"
    "Một.\n{ #iv-1 }\n\nHai.\n{ #iv-2 }\n\nBa.\n{ #ii-4 }\n"
)


def page(front_matter: str, body: str = "") -> str:
    return f"---\n{front_matter}\n---\n\n# Trang\n\n{body}\n"


def project_files(**extra: str) -> dict[str, str]:
    files = {
        "ke-hoach.md": PLAN,
        "_data/roles.yml": ROLES,
        "co-quan/a.md": page(
            "type: body\nid: a\norder: 1\nroles: [coordinates, reports]\ntitle: a (vi)\n"
            "description: mô tả"
        ),
        "co-quan/a.en.md": page("title: a (en)\ndescription: description"),
        "co-quan/b.md": page("type: body\nid: b\norder: 2\ntitle: b (vi)\ndescription: mô tả"),
        "co-quan/b.en.md": page("title: b (en)\ndescription: description"),
        "nhiem-vu/t.md": page(
            "type: task\nid: t\nplan_ref: ii-4\nlead: [b]\ndeadline: '2025'\ntitle: t (vi)\n"
            "description: mô tả"
        ),
        "nhiem-vu/t.en.md": page("title: t (en)\ndescription: description"),
    }
    files.update(extra)
    return files


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    loaded, problems = load_knowledge_base(write_project(tmp_path, project_files()))
    assert problems == []
    return loaded


def test_item_labels_and_links() -> None:
    assert links.item_label("ii-3") == "II.3"
    assert links.item_label("iii") == "III"
    assert links.link("co-quan/a.md", "ke-hoach.md", "iv-2") == "../ke-hoach.md#iv-2"
    assert links.link("ai-lam-gi.md", "co-quan/a.md") == "co-quan/a.md"


def test_checklist_cites_the_plan_and_drops_repeated_lines(kb: KnowledgeBase) -> None:
    assert plan_records.render_checklist(kb, kb.records["a"], "co-quan/a.md", "vi") == (
        "- [ ] Theo dõi. ([IV.1](../ke-hoach.md#iv-1))\n"
        "- [ ] Báo cáo. ([IV.2](../ke-hoach.md#iv-2))"
    )


def test_annex_row_is_shown_when_entered(kb: KnowledgeBase) -> None:
    shown = plan_records.render_annex(kb, kb.records["t"], "nhiem-vu/t.md", "en")
    assert shown == "- Lead: [b (en)](../co-quan/b.md)\n- Deadline: 2025"


def test_annex_absence_is_said_plainly(tmp_path: Path) -> None:
    files = project_files()
    files["nhiem-vu/t.md"] = page(
        "type: task\nid: t\nplan_ref: ii-4\nassignment: per-annex\ntitle: t\ndescription: m"
    )
    kb, problems = load_knowledge_base(write_project(tmp_path, files))
    assert problems == []
    shown = plan_records.render_annex(kb, kb.records["t"], "nhiem-vu/t.md", "vi")
    assert shown.startswith("Chưa có.")
    assert "không biết phụ lục giao nhiệm vụ này" in shown  # the annex's content is not known


def test_matrix_marks_empty_cells_and_csv_expands_plan_wide_roles(kb: KnowledgeBase) -> None:
    table = matrix.render_matrix(kb, "ai-lam-gi.md", "vi")
    assert '<td class="kb-matrix__none" data-label="II.4 t (vi)">—</td>' in table
    assert "Chủ trì (Theo Phụ lục phân công nhiệm vụ)" in table
    rows = matrix.matrix_rows(kb, "en")
    assert [row[5] for row in rows[1:]] == ["Leads", "Reports", "Lead"]


def test_an_untranslated_record_shows_its_vietnamese_title_marked(tmp_path: Path) -> None:
    files = project_files()
    del files["co-quan/b.en.md"]
    kb, problems = load_knowledge_base(write_project(tmp_path, files))
    assert problems == []
    shown = plan_records.render_index(kb, "body", "co-quan/index.md", "en")
    assert shown.splitlines() == [
        "- [a (en)](a.md): description",
        '- [b (vi)](b.md){ lang="vi" hreflang="vi" } (not yet translated): mô tả',
    ]
    html = markdown.markdown(shown, extensions=["attr_list"])
    (link,) = lxml_html.fromstring(html).xpath("//a[@lang='vi']")
    assert link.text == "b (vi)" and link.get("hreflang") == "vi"


def test_fill_replaces_markers_keeps_indent_and_skips_code(kb: KnowledgeBase) -> None:
    text = "Trước\n\n    <!-- kb:index type=body style=short -->\n\n```\n<!-- kb:matrix -->\n```\n"
    filled = fill(text, "co-quan/index.md", "vi", kb)
    assert filled.splitlines()[2:4] == ["    - [a (vi)](a.md)", "    - [b (vi)](b.md)"]
    assert "```\n<!-- kb:matrix -->\n```" in filled


def test_fill_refuses_a_marker_the_rules_would_refuse(kb: KnowledgeBase) -> None:
    with pytest.raises(MarkerError, match=r"line 3: '<!-- kb:checklist -->' only works on"):
        fill("A\n\n<!-- kb:checklist -->\n", "nhiem-vu/t.md", "vi", kb)


def test_editors_guide_documents_every_field() -> None:
    for name in ("huong-dan-bien-tap.md", "huong-dan-bien-tap.en.md"):
        guide = (REPO / "docs" / name).read_text(encoding="utf-8")
        for kind, page_type in schemas.PAGE_TYPES.items():
            for field in page_type.model.model_fields:
                assert f"`{field}`" in guide, (name, kind, field)


@pytest.mark.parametrize(
    "line",
    [
        "30. The *Committee* urges [the State] party <b> #1 & more;",
        "(a) A first measure;",
        "- not a list",
        "> not a quotation",
        "back\\slash and `code`",
    ],
)
def test_imported_text_is_shown_literally(line: str) -> None:
    rendered = markdown.markdown(links.literal(line))
    assert rendered.startswith("<p>")
    assert lxml_html.fromstring(rendered).text_content() == line


def test_the_module_table_keeps_a_bar_in_a_title_inside_its_cell(tmp_path: Path) -> None:
    module = page(
        "type: module\nid: m1\ncode: M1\nduration: 30\nhandout: m1-tai-lieu\n"
        "title: 'M1. Quyền | nghĩa vụ'\ndescription: D.\naudience: A.\ngroup_size: G."
    )
    handout = page("type: handout\nid: m1-tai-lieu\nmodule: m1\ntitle: T\ndescription: D.")
    files = project_files(**{"tap-huan/m1.md": module, "tap-huan/m1-tai-lieu.md": handout})
    kb, _ = load_knowledge_base(write_project(tmp_path, files))  # sections left out: not needed
    table = training.render_module_table(kb, "tap-huan/index.md", "vi")
    html = markdown.markdown(table, extensions=["tables"])
    (row,) = lxml_html.fromstring(f"<div>{html}</div>").xpath("//tbody/tr")
    assert row.xpath("td")[0].text_content() == "M1. Quyền | nghĩa vụ"
