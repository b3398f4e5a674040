"""Training modules: the module index, the compact table of the trainer's guide, and the modules
meant for a body."""

from __future__ import annotations

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render.links import facts, item_label, link, literal, record_link


def modules_for(kb: KnowledgeBase, body: Record) -> list[Record]:
    """Training modules meant for a body (their ``bodies`` name it)."""
    return [m for m in kb.of_type("module") if body.id in m.fields.bodies]


def render_training(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """Training modules for a body (generated from the modules), or a plain statement."""
    linked = modules_for(kb, body)
    if not linked:
        return kb.strings[lang]["no_training"]
    return "\n".join(f"- {record_link(kb, m, page, lang)}" for m in linked)


def _languages(kb: KnowledgeBase, module: Record, lang: str) -> str:
    translated = all(module.translated(language) for language in layout.LANGUAGES)
    return kb.strings[lang]["both_languages" if translated else "vi_only"]


def render_module_index(kb: KnowledgeBase, page: str, lang: str) -> str:
    """Every training module: who it is for, how long, in which languages, for which tasks."""
    text = kb.strings[lang]
    blocks = []
    for module in kb.of_type("module"):
        fields, own = module.fields, module.text(lang)
        tasks = ", ".join(
            f"[{item_label(kb.records[t].fields.plan_ref)}]({link(page, kb.records[t].page)})"
            for t in fields.tasks
        )
        bodies = ", ".join(record_link(kb, kb.records[b], page, lang) for b in fields.bodies)
        rows = [
            (text["audience"], literal(own.audience)),
            (text["duration"], text["minutes"].format(n=fields.duration)),
            (text["group_size"], literal(own.group_size)),
            (text["languages"], _languages(kb, module, lang)),
            (text["plan_tasks"], tasks or "—"),
            (text["bodies"], bodies or "—"),
        ]
        handout = kb.records.get(fields.handout)
        if handout is not None:
            rows.append((text["handout"], record_link(kb, handout, page, lang)))
        blocks.append(
            f"### {record_link(kb, module, page, lang)} {{ #{fields.code.lower()} }}\n\n"
            f'<div class="doc-facts" markdown>\n\n{facts(rows)}\n\n</div>'
        )
    return "\n\n".join(blocks)


def render_module_table(kb: KnowledgeBase, page: str, lang: str) -> str:
    """One row per module: title (which starts with the code), minutes and handout.

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
            text["minutes"].format(n=fields.duration),
            handout_link,
        ]
        # Titles come escaped by record_link (a "|" in one stays inside its cell).
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
