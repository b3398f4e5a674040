"""The rows of a body's form and the reports of a period, read from the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.progress.schema import CHECKLIST_SEPARATOR, Report

LANGS = layout.LANGUAGES


@dataclass(frozen=True)
class Row:
    """One row of a body's form: a task, or a checklist line of one of its roles."""

    key: str
    kind: Literal["task", "checklist"]
    ref: str  # the plan item it follows (the task's plan_ref, the line's or role's ref)
    texts: dict[str, str]  # language → the task's title or the line's text


def is_group(body: Record) -> bool:
    """True if the body's page stands for several bodies, each reporting on its own form."""
    return bool(body.fields.group)


def body_tasks(kb: KnowledgeBase, body: Record) -> list[Record]:
    """The tasks on a body's form: every task for a plan-wide role, else those naming it."""
    tasks = kb.of_type("task")
    if kb.every_task_roles(body):
        return tasks
    return [
        task
        for task in tasks
        if body.id in task.fields.lead
        or body.id in task.fields.support
        or any(relation.body == body.id for relation in task.fields.related_bodies)
    ]


def form_rows(kb: KnowledgeBase, body: Record) -> list[Row]:
    """The rows of a body's form: its tasks, then its roles' checklist lines (once each, as on
    its page: a line two roles share is asked once, under the first role)."""
    rows = [
        Row(task.id, "task", str(task.fields.plan_ref), {lang: task.title(lang) for lang in LANGS})
        for task in body_tasks(kb, body)
    ]
    seen: set[str] = set()
    for role_id in body.fields.roles:
        role = kb.roles.get(role_id)
        if role is None:
            continue  # an unknown role is the rules' to report
        for number, line in enumerate(role.checklist, start=1):
            if line[layout.DEFAULT_LANGUAGE] in seen:
                continue
            seen.add(line[layout.DEFAULT_LANGUAGE])
            rows.append(
                Row(
                    f"{role_id}{CHECKLIST_SEPARATOR}{number}",
                    "checklist",
                    str(line.ref or role.ref),
                    {language: line[language] for language in layout.LANGUAGES},
                )
            )
    return rows


def reports_of(kb: KnowledgeBase, period: str, body: str | None = None) -> list[Report]:
    """The reports received for ``period`` (of one body), by body order, then unit name."""
    return [
        report
        for report in kb.progress
        if report.period == period and (body is None or report.body == body)
    ]
