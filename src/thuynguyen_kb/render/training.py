"""Training modules: the module index, the compact table of the trainer's guide, and the modules
meant for a body.

Both tables give the lengths a module can be run in (its ``duration`` and its shorter
``variants``) and link to its handout; the index also links to its PDFs, through
:mod:`thuynguyen_kb.downloads`."""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render.downloads import pack_links
from thuynguyen_kb.render.links import attribute, item_label, link, literal, record_link

CARDS_CLASS = "kb-cards"  # a table that becomes one card per row on a phone (site.css)


def modules_for(kb: KnowledgeBase, body: Record) -> list[Record]:
    """Training modules meant for a body (their ``bodies`` name it)."""
    return [m for m in kb.of_type("module") if body.id in m.fields.bodies]


def render_training(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """Training modules for a body (generated from the modules), or a plain statement."""
    linked = modules_for(kb, body)
    if not linked:
        return kb.strings[lang]["no_training"]
    return "\n".join(f"- {record_link(kb, m, page, lang)}" for m in linked)


def durations(kb: KnowledgeBase, module: Record, lang: str) -> str:
    """The lengths a module can be run in, longest first: ``180, 90, 45 phút``."""
    fields = module.fields
    lengths = [fields.duration, *sorted(set(fields.variants), reverse=True)]
    return kb.strings[lang]["minutes"].format(n=", ".join(map(str, lengths)))


def _materials(kb: KnowledgeBase, module: Record, page: str, lang: str) -> str:
    """The handout's page and the module's two PDFs (trainer's copy, handout), one a line."""
    text, fields = kb.strings[lang], module.fields
    links = []
    handout = kb.records.get(fields.handout)
    if handout is not None:
        links.append(f"[{text['handout']} {fields.code}]({link(page, handout.page)})")
    # The PDFs where this build makes them, else a sentence saying where they come from.
    links.append(pack_links(kb, module, lang, separator="<br>"))
    return "<br>".join(links)


def render_module_index(kb: KnowledgeBase, page: str, lang: str) -> str:
    """Every training module, one row each: title, audience, lengths, plan tasks, materials.

    HTML whose cells hold Markdown (md_in_html), like the matrix: on a wide screen a table of
    five short columns (the title, a row header, starts with the code); on narrower screens
    site.css turns each row into a card, each cell under its column's name (``data-label``), so
    nothing is squeezed into a narrow column. The title link keeps the id each module had in
    the index (``#m3``).
    """
    text = kb.strings[lang]
    header = [text["module"], text["audience"], text["duration"], text["plan_tasks"]]
    header.append(text["materials"])
    head = "".join(f'<th scope="col">{literal(label)}</th>' for label in header)
    rows = []
    for module in kb.of_type("module"):
        fields = module.fields
        tasks = ", ".join(
            f"[{item_label(kb.records[t].fields.plan_ref)}]({link(page, kb.records[t].page)})"
            for t in fields.tasks
        )
        cells = [
            record_link(kb, module, page, lang, element_id=fields.code.lower()),
            literal(module.text(lang).audience),
            durations(kb, module, lang),
            tasks or "—",
            _materials(kb, module, page, lang),
        ]
        title = f'<th scope="row" markdown="span">{cells[0]}</th>'
        rows.append(
            f'<tr markdown="1">{title}'
            + "".join(
                f'<td data-label="{attribute(label)}" markdown="span">{cell}</td>'
                for label, cell in zip(header[1:], cells[1:], strict=True)
            )
            + "</tr>"
        )
    return (
        f'<table class="{CARDS_CLASS}" markdown="1">\n<thead><tr>{head}</tr></thead>\n'
        '<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def render_module_table(kb: KnowledgeBase, page: str, lang: str) -> str:
    """One row per module: title (which starts with the code), lengths and handout.

    Three short columns, so that the table fits a phone's width; who each module is for is in
    the module index and at the top of each module.
    """
    text = kb.strings[lang]
    header = [text["module"], text["duration"], text["handout"]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for module in kb.of_type("module"):
        fields = module.fields
        handout = kb.records.get(fields.handout)
        handout_link = (
            f"[{text['handout']} {fields.code}]({link(page, handout.page)})" if handout else "—"
        )
        cells = [
            record_link(kb, module, page, lang),
            durations(kb, module, lang),
            handout_link,
        ]
        # Titles come escaped by record_link (a "|" in one stays inside its cell).
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
