"""The body × task table ("who does what"), and the tables offered as CSV downloads."""

from __future__ import annotations

from collections.abc import Callable

from thuynguyen_kb import markers
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render.links import attribute, item_label, link, literal, record_link, role_text


def matrix_cells(body: Record, task: Record) -> list[tuple[str, str]]:
    """``(role or annex column, source)`` pairs for one body and one task, beyond plan-wide."""
    cells = []
    for relation in task.fields.related_bodies:
        if relation.body == body.id:
            cells.append((relation.role, "guidance"))
    for name in ("lead", "support"):
        if body.id in getattr(task.fields, name):
            cells.append((name, "annex"))
    return cells


def render_matrix(kb: KnowledgeBase, page: str, lang: str) -> str:
    """The body × task table, as HTML whose cells hold Markdown (md_in_html).

    Every element down to the cells carries ``markdown`` so that md_in_html turns the links in
    the cells into real links (checked by MkDocs like any other). On narrow screens site.css
    turns each row into a card, shows each cell's column name from ``data-label`` and hides the
    empty cells, so nobody has to scroll sideways.
    """
    text = kb.strings[lang]
    tasks = kb.of_type("task")
    head = [f'<th scope="col">{text["body"]}</th>', f'<th scope="col">{text["role_all"]}</th>']
    for task in tasks:
        label = item_label(task.fields.plan_ref)
        head.append(
            f'<th scope="col" markdown="span">[{label}]({link(page, task.page)})'
            f'<br><span class="kb-matrix__title">{literal(task.title(lang))}</span></th>'
        )
    rows = []
    for body in kb.of_type("body"):
        plan_wide = kb.every_task_roles(body)
        cells = [
            f'<th scope="row" markdown="span">{record_link(kb, body, page, lang)}</th>',
            _cell(text["role_all"], "; ".join(role_text(kb, r, page, lang) for r in plan_wide)),
        ]
        for task in tasks:
            parts = []
            for role, source in matrix_cells(body, task):
                if source == "annex":
                    parts.append(f"{text[role]} ({text['annex']})")
                else:
                    parts.append(f"{role_text(kb, role, page, lang)}, *{text['guidance_mark']}*")
            column = f"{item_label(task.fields.plan_ref)} {task.title(lang)}"
            cells.append(_cell(column, "; ".join(parts)))
        rows.append('<tr markdown="1">' + "".join(cells) + "</tr>")
    return (
        '<div class="kb-matrix" markdown="1">\n<table class="kb-matrix__table" markdown="1">\n'
        '<thead markdown="1"><tr markdown="1">'
        + "".join(head)
        + '</tr></thead>\n<tbody markdown="1">\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>"
    )


def _cell(label: str, content: str) -> str:
    if not content:
        return f'<td class="kb-matrix__none" data-label="{attribute(label)}">—</td>'
    return f'<td data-label="{attribute(label)}" markdown="span">{content}</td>'


def matrix_rows(kb: KnowledgeBase, lang: str) -> list[list[str]]:
    """The same assignments as the matrix, one row per body, task and role, for a CSV file."""
    text = kb.strings[lang]
    basis = text["basis"]
    rows = [list(text["csv_assignment"].values())]
    for body in kb.of_type("body"):
        plan_wide = kb.every_task_roles(body)
        for task in kb.of_type("task"):
            base = [body.id, body.title(lang), task.id]
            base += [item_label(task.fields.plan_ref), task.title(lang)]
            for role in plan_wide:
                entry = kb.roles[role]
                rows.append([*base, entry.label[lang], item_label(entry.ref), basis["plan"]])
            for role, source in matrix_cells(body, task):
                if source == "annex":
                    rows.append([*base, text[role], "IV.2", basis["annex"]])
                else:
                    entry = kb.roles[role]
                    rows.append(
                        [*base, entry.label[lang], item_label(entry.ref), basis["guidance"]]
                    )
    return rows


def recommendation_rows(kb: KnowledgeBase, lang: str) -> list[list[str]]:
    """Recommendation × task × body, one row per link, for a CSV file."""
    text = kb.strings[lang]
    rows = [list(text["csv_recommendations"].values())]
    for rec in kb.of_type("recommendation"):
        fields = rec.fields
        base = [fields.symbol, str(fields.paragraph), rec.title(lang)]
        base += [text["yes"] if fields.urgent else "", kb.text_status(rec)]
        tasks: list[Record | None] = [kb.records[t] for t in fields.tasks] or [None]
        bodies: list[Record | None] = [kb.records[b] for b in fields.bodies] or [None]
        for task in tasks:
            for body in bodies:
                rows.append(
                    [
                        *base,
                        task.id if task else "",
                        item_label(task.fields.plan_ref) if task else "",
                        task.title(lang) if task else "",
                        body.id if body else "",
                        body.title(lang) if body else "",
                    ]
                )
    return rows


# CSV files generated at build time (marker kb:csv table=<name>): name → rows.
CSV_TABLES: dict[str, Callable[[KnowledgeBase, str], list[list[str]]]] = {
    "phan-cong": matrix_rows,
    "khuyen-nghi": recommendation_rows,
}
assert set(CSV_TABLES) == set(markers.CSV_TABLES), "every kb:csv table needs its rows"
CSV_LABELS = {"phan-cong": "csv", "khuyen-nghi": "csv_recs"}  # the link text's string key


def render_csv_link(kb: KnowledgeBase, table: str, lang: str) -> str:
    """A download link to a CSV written beside the page (raw HTML: the file is not a page)."""
    label = kb.strings[lang][CSV_LABELS[table]]
    return f'<p><a class="md-button" href="{table}.csv" download>{label}</a></p>'
