"""Tasks and bodies: indexes, the plan quoted, who carries a task, what a body must do."""

from __future__ import annotations

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render.links import (
    item_label,
    link,
    literal,
    plan_link,
    record_link,
    role_text,
)


def render_index(kb: KnowledgeBase, kind: str, page: str, lang: str, short: bool = False) -> str:
    """A list of every record of ``kind``: linked title, then (unless ``short``) its description."""
    lines = []
    for record in kb.of_type(kind):
        prefix = f"**{item_label(record.fields.plan_ref)}** " if kind == "task" else ""
        entry = f"- {prefix}{record_link(kb, record, page, lang)}"
        lines.append(entry if short else f"{entry}: {record.description(lang)}")
    return "\n".join(lines)


def render_quote(kb: KnowledgeBase, ref: str, page: str, lang: str) -> str:
    """A plan item quoted word for word, with a link to it in the full text."""
    text = kb.strings[lang]
    where = text["item"] if "-" in ref else text["part"]
    source = f"[{text['plan']}, {where} {item_label(ref)}]({link(page, layout.PLAN_PAGE, ref)})"
    blocks = kb.plan_blocks.get(lang) or kb.plan_blocks[layout.DEFAULT_LANGUAGE]
    body = "\n".join(blocks[ref])
    return (
        f'<blockquote class="plan-quote" markdown>\n\n{body}\n\n'
        f'<p class="plan-quote-source" markdown="span">{source}</p>\n\n</blockquote>'
    )


def every_task_bodies(kb: KnowledgeBase) -> list[tuple[Record, list[str]]]:
    """Bodies with roles that the plan gives them for every task, with those roles."""
    found = []
    for body in kb.of_type("body"):
        roles = kb.every_task_roles(body)
        if roles:
            found.append((body, roles))
    return found


def render_task_bodies(kb: KnowledgeBase, task: Record, page: str, lang: str) -> str:
    """Who carries a task: bodies with plan-wide roles, task-specific ones, then the annex."""
    text = kb.strings[lang]
    lines = [f"**{text['every_task']}:**", ""]
    for body, roles in every_task_bodies(kb):
        described = "; ".join(role_text(kb, r, page, lang) for r in roles)
        lines.append(f"- {record_link(kb, body, page, lang)}: {described}")
    specific = task.fields.related_bodies
    if specific:
        lines += ["", f"**{text['this_task']}:**", ""]
        for relation in specific:
            body = kb.records[relation.body]
            described = role_text(kb, relation.role, page, lang)
            lines.append(f"- {record_link(kb, body, page, lang)}: {described}")
    lines += ["", f"**{text['annex']}:**", "", render_annex(kb, task, page, lang)]
    return "\n".join(lines)


def render_annex(kb: KnowledgeBase, task: Record, page: str, lang: str) -> str:
    """The task's row in the annex (lead, support, deadline, source), or why there is none."""
    text = kb.strings[lang]
    fields = task.fields
    if not (fields.lead or fields.support or fields.deadline or fields.source):
        return text["annex_missing"].format(
            plan=link(page, layout.PLAN_PAGE), guide=link(page, layout.GUIDE_PAGE)
        )
    lines = []
    for name in ("lead", "support"):
        if getattr(fields, name):
            names = ", ".join(
                record_link(kb, kb.records[b], page, lang) for b in getattr(fields, name)
            )
            lines.append(f"- {text[name]}: {names}")
    for name in ("deadline", "source"):
        if getattr(fields, name):
            lines.append(f"- {text[name]}: {getattr(fields, name)}")
    return "\n".join(lines)


def render_body_tasks(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """The tasks a body carries: every task for plan-wide roles, then task-specific ones."""
    text = kb.strings[lang]
    tasks = kb.of_type("task")
    lines = []
    if kb.every_task_roles(body):
        lines += [f"**{text['all_tasks'].format(n=len(tasks))}:**", ""]
        lines += [
            f"- **{item_label(t.fields.plan_ref)}** {record_link(kb, t, page, lang)}" for t in tasks
        ]
    specific = []
    for task in tasks:
        for relation in task.fields.related_bodies:
            if relation.body == body.id:
                role = role_text(kb, relation.role, page, lang)
                specific.append(f"- {record_link(kb, task, page, lang)}: {role}")
        for name in ("lead", "support"):
            if body.id in getattr(task.fields, name):
                specific.append(f"- {record_link(kb, task, page, lang)}: {text[name]}")
    if specific:
        lines += ["", f"**{text['tasks_specific']}:**", "", *specific]
    return "\n".join(lines).strip() or text["no_tasks"]


def render_checklist(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """What a body must do, as a task list drawn from its roles, each line citing the plan."""
    lines, seen = [], set()
    for role in body.fields.roles:
        entry = kb.roles[role]
        for item in entry.checklist:
            if item[lang] in seen:
                continue
            seen.add(item[lang])
            lines.append(f"- [ ] {literal(item[lang])} ({plan_link(item.ref or entry.ref, page)})")
    return "\n".join(lines)


def render_reporting(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """To whom a body reports, and through whom, as the plan says."""
    text = kb.strings[lang]
    to = body.fields.reports_to
    if not to:
        return text["reports_none"]
    sentence = text["reports_to"].format(to=record_link(kb, kb.records[to], page, lang))
    via = body.fields.reports_via
    if via:
        sentence += text["reports_via"].format(via=record_link(kb, kb.records[via], page, lang))
    return f"{sentence} ({plan_link('iv-2', page)})."
