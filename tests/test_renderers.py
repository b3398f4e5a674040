"""scripts/renderers.py: pure functions from records to Markdown, tested without a build."""

from __future__ import annotations

import pytest
import records
import renderers
from helpers import REPO
from markdown_source import Source


def record(kind: str, record_id: str, rel: str, **data: object) -> records.Record:
    source = Source(f"docs/{rel}", rel, [])
    made = records.Record(kind, record_id, source, {"type": kind, "id": record_id, **data})
    made.titles = {"vi": f"{record_id} (vi)", "en": f"{record_id} (en)"}
    made.descriptions = {"vi": "mô tả", "en": "description"}
    return made


ROLES = {
    "coordinates": {"ref": "iv-1", "every_task": True, "label": {"vi": "Chủ trì", "en": "Leads"},
                    "checklist": [{"vi": "Theo dõi.", "en": "Monitor."}]},
    "reports": {"ref": "iv-2", "every_task": True, "label": {"vi": "Báo cáo", "en": "Reports"},
                "checklist": [{"vi": "Theo dõi.", "en": "Monitor."},
                              {"ref": "iv-2", "vi": "Báo cáo.", "en": "Report."}]},
}  # fmt: skip


@pytest.fixture
def kb() -> records.KnowledgeBase:
    bodies = [
        record("body", "a", "co-quan/a.md", order=1, roles=["coordinates", "reports"]),
        record("body", "b", "co-quan/b.md", order=2, roles=[]),
    ]
    tasks = [record("task", "t", "nhiem-vu/t.md", plan_ref="ii-4", lead=["b"], deadline="2025")]
    return records.KnowledgeBase({r.id: r for r in bodies + tasks}, ROLES, set(), [])


def test_item_labels_and_links() -> None:
    assert renderers.item_label("ii-3") == "II.3"
    assert renderers.item_label("iii") == "III"
    assert renderers.link("co-quan/a.md", "ke-hoach.md", "iv-2") == "../ke-hoach.md#iv-2"
    assert renderers.link("ai-lam-gi.md", "co-quan/a.md") == "co-quan/a.md"


def test_checklist_cites_the_plan_and_drops_repeated_lines(kb: records.KnowledgeBase) -> None:
    assert renderers.render_checklist(kb, kb.records["a"], "co-quan/a.md", "vi") == (
        "- [ ] Theo dõi. ([IV.1](../ke-hoach.md#iv-1))\n"
        "- [ ] Báo cáo. ([IV.2](../ke-hoach.md#iv-2))"
    )


def test_annex_row_is_shown_when_entered(kb: records.KnowledgeBase) -> None:
    shown = renderers.render_annex(kb, kb.records["t"], "nhiem-vu/t.md", "en")
    assert shown == "- Lead: [b (en)](../co-quan/b.md)\n- Deadline: 2025"


def test_annex_absence_is_said_plainly(kb: records.KnowledgeBase) -> None:
    kb.records["t"].data.update(lead=[], deadline=None)
    shown = renderers.render_annex(kb, kb.records["t"], "nhiem-vu/t.md", "vi")
    assert shown.startswith("Chưa có. Kế hoạch giao cơ quan chủ trì")


def test_matrix_marks_empty_cells_and_csv_expands_plan_wide_roles(
    kb: records.KnowledgeBase,
) -> None:
    table = renderers.render_matrix(kb, "ai-lam-gi.md", "vi")
    assert '<td class="kb-matrix__none" data-label="II.4 t (vi)">—</td>' in table
    assert "Chủ trì (Theo Phụ lục phân công nhiệm vụ)" in table
    rows = renderers.matrix_rows(kb, "en")
    assert [row[5] for row in rows[1:]] == ["Leads", "Reports", "Lead"]


def test_editors_guide_documents_every_field() -> None:
    for name in ("huong-dan-bien-tap.md", "huong-dan-bien-tap.en.md"):
        guide = (REPO / "docs" / name).read_text(encoding="utf-8")
        for kind, schema in records.SCHEMAS.items():
            for field in (*schema.localized, *schema.neutral, *schema.optional):
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
    import markdown
    from lxml import html as lxml_html

    rendered = markdown.markdown(renderers.literal(line))
    assert rendered.startswith("<p>")
    assert lxml_html.fromstring(rendered).text_content() == line
