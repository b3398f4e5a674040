"""What the bodies reported, on the task and body pages and on the progress page.

- ``kb:progress`` (a task or body page): per reporting period, a subsection with the units that
  reported on this task (a task page) or each unit's rows (a body page);
- ``kb:progress-overview`` (the progress page): per period, the counts by status, the chart, the
  grid of reporting units × tasks, the bodies with no report and the downloads.

Only what was reported is shown, as it was reported: the site checks none of it. A period with no
report says so, and how to send one. Every value from a data file is shown literally
(:func:`thuynguyen_kb.render.links.literal`), and marked with the report's language where that
is not the page's. A status is always written in words, never shown by colour alone.
"""

from __future__ import annotations

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.progress import chart, figures, records
from thuynguyen_kb.progress.schema import Item, Report
from thuynguyen_kb.render.links import attribute, item_label, link, literal, plan_link, record_link

HOW_TO_ANCHOR = "mau-bao-cao"  # the reporting page's forms and how to send them (docs/bao-cao.md)
NOT_REPORTED = "—"


def section_id(period: str) -> str:
    """The id of a period's subsection (``tien-do-2025``, ``tien-do-2025-h1``)."""
    return f"tien-do-{period.lower()}"


def period_label(kb: KnowledgeBase, period: str, lang: str) -> str:
    """The period's label in ``lang`` (``Năm 2025``)."""
    return str(kb.periods[period].label[lang])


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: ``Năm 2025`` → ``năm 2025``."""
    return label[:1].lower() + label[1:]


def no_report(kb: KnowledgeBase, period: str, page: str, lang: str) -> str:
    """The sentence that no report was received for ``period``, and how to send one."""
    words = kb.strings[lang]["progress"]
    label = literal(in_sentence(period_label(kb, period, lang)))
    how = link(page, layout.REPORTING_PAGE, HOW_TO_ANCHOR)
    return f"{words['no_report']} {label}. {words['how_to']} [{words['how_link']}]({how})."


def reported(value: str | None, report: Report, lang: str) -> str:
    """A text from a report, shown literally in a table cell, marked with the report's language
    where it is not the page's."""
    if not value:
        return ""
    shown = "<br>".join(literal(line) for line in value.splitlines() if line.strip())
    if report.language == lang:
        return shown
    return f'<span lang="{attribute(report.language)}">{shown}</span>'


def status_word(kb: KnowledgeBase, status: str, lang: str) -> str:
    """A status in words (``Đã hoàn thành``)."""
    return str(kb.strings[lang]["progress_status"][status])


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _heading(kb: KnowledgeBase, period: str, lang: str, level: str) -> str:
    return f"{level} {literal(period_label(kb, period, lang))} {{ #{section_id(period)} }}"


def render_progress(kb: KnowledgeBase, record: Record, page: str, lang: str) -> str:
    """A task or body page's progress: a subsection per period."""
    parts = []
    for period in kb.periods:
        parts.append(_heading(kb, period, lang, "###"))
        if record.kind == "task":
            parts.append(_task_period(kb, record, period, page, lang))
        else:
            parts.append(_body_period(kb, record, period, page, lang))
    return "\n\n".join(parts)


def _task_period(kb: KnowledgeBase, task: Record, period: str, page: str, lang: str) -> str:
    words = kb.strings[lang]["progress"]
    rows = []
    for report in records.reports_of(kb, period):
        item = report.item(task.id)
        if item is None:
            continue
        body = kb.records[report.body]
        rows.append(
            [
                record_link(kb, body, page, lang),
                reported(report.unit, report, lang),
                status_word(kb, item.status, lang),
                *_details(item, report, lang)[:2],
                figures.amount(item.budget_planned, lang),
                figures.amount(item.budget_spent, lang),
            ]
        )
    if not rows:
        return no_report(kb, period, page, lang)
    header = [words[key] for key in ("body", "unit", "status", "done", "evidence")]
    header += [words["budget_planned"], words["budget_spent"]]
    return words["as_reported"] + "\n\n" + _table(header, rows)


def _details(item: Item, report: Report, lang: str) -> list[str]:
    """What was done, evidence, difficulties, proposals: the texts of a reported row."""
    return [
        reported(getattr(item, name), report, lang)
        for name in ("done", "evidence", "difficulties", "proposals")
    ]


def _body_period(kb: KnowledgeBase, body: Record, period: str, page: str, lang: str) -> str:
    words = kb.strings[lang]["progress"]
    reports = records.reports_of(kb, period, body.id)
    if not reports:
        return no_report(kb, period, page, lang)
    form = {row.key: row for row in records.form_rows(kb, body)}
    header = [words[key] for key in ("row", "status", "done", "evidence")]
    header += [words["budget_planned"], words["budget_spent"], words["difficulties"]]
    header.append(words["proposals"])
    parts = [words["as_reported"]]
    for report in reports:
        unit_heading = f"#### {reported(report.unit, report, lang)}"
        parts.append(f"{unit_heading} {{ #{section_id(period)}-{report.unit_id} }}")
        rows = []
        for item in report.items:
            row = form.get(item.item)
            if row is None:
                continue  # not on the body's form: the rules report it
            done, evidence, difficulties, proposals = _details(item, report, lang)
            rows.append(
                [
                    f"{literal(row.texts[lang])} ({plan_link(row.ref, page)})",
                    status_word(kb, item.status, lang),
                    done,
                    evidence,
                    figures.amount(item.budget_planned, lang),
                    figures.amount(item.budget_spent, lang),
                    difficulties,
                    proposals,
                ]
            )
        parts.append(_table(header, rows))
    return "\n\n".join(parts)


def chart_text(kb: KnowledgeBase, period: str, lang: str) -> tuple[str, str]:
    """The chart's title and its figures in words (its description, and the image's alt)."""
    words = kb.strings[lang]["progress"]
    label = in_sentence(period_label(kb, period, lang))
    title = f"{words['chart_about']}, {label}"
    labels = kb.strings[lang]["progress_status"]
    return title, f"{title}: {chart.figures_in_words(figures.status_counts(kb, period), labels)}."


def chart_svg(kb: KnowledgeBase, period: str, lang: str) -> str:
    """The SVG chart of ``period``'s statuses in ``lang``."""
    title, description = chart_text(kb, period, lang)
    labels = kb.strings[lang]["progress_status"]
    return chart.status_chart_svg(
        figures.status_counts(kb, period), labels, title, description, lang
    )


def render_overview(kb: KnowledgeBase, page: str, lang: str) -> str:
    """The progress page: per period, counts, chart, grid, bodies not reported, downloads."""
    parts = []
    for period in kb.periods:
        parts.append(_heading(kb, period, lang, "##"))
        if not records.reports_of(kb, period):
            parts.append(no_report(kb, period, page, lang))
        else:
            parts += _overview_period(kb, period, page, lang)
        parts.append(_downloads(kb, period, lang))
    return "\n\n".join(parts)


def _overview_period(kb: KnowledgeBase, period: str, page: str, lang: str) -> list[str]:
    words = kb.strings[lang]["progress"]
    rows, total = figures.count_rows(kb, period, lang)
    rows.append([f"**{words['total']}**", f"**{figures.number(total, lang)}**", ""])
    _, alt = chart_text(kb, period, lang)
    chart_link = downloads.link(downloads.progress_chart(period, lang))
    reporting = {report.body for report in records.reports_of(kb, period)}
    silent = [body for body in kb.of_type("body") if body.id not in reporting]
    parts = [
        words["as_reported"],
        f"### {words['counts_title']} {{ #{section_id(period)}-so-dong }}",
        _table([words["status"], words["rows"], words["share"]], rows),
        f"### {words['chart_title']} {{ #{section_id(period)}-bieu-do }}",
        f"![{literal(alt)}]({chart_link})",
        f"### {words['grid_title']} {{ #{section_id(period)}-bang }}",
        _grid(kb, period, page, lang),
    ]
    if silent:
        names = ", ".join(record_link(kb, body, page, lang) for body in silent)
        parts.append(f"{words['no_report_bodies']} {names}.")
    return parts


def _grid(kb: KnowledgeBase, period: str, page: str, lang: str) -> str:
    """Reporting units × tasks: each cell the status reported, "—" if none, empty if the task
    is not on the body's form; the plan item heads each column, the task's title in its abbr."""
    words = kb.strings[lang]["progress"]
    tasks = kb.of_type("task")
    header = [words["body"], words["unit"]]
    for task in tasks:
        title = attribute(task.title(lang)).replace("|", "&#124;")  # not a cell break
        header.append(f'<abbr title="{title}">{item_label(task.fields.plan_ref)}</abbr>')
    rows = []
    for report in records.reports_of(kb, period):
        body = kb.records[report.body]
        on_form = {task.id for task in records.body_tasks(kb, body)}
        cells = [record_link(kb, body, page, lang), reported(report.unit, report, lang)]
        for task in tasks:
            item = report.item(task.id)
            if item is not None:
                cells.append(status_word(kb, item.status, lang))
            else:
                cells.append(NOT_REPORTED if task.id in on_form else "")
        rows.append(cells)
    legend = f"{words['grid_legend']} {NOT_REPORTED}: {words['not_reported']};"
    legend += f" {words['not_on_form']}."
    columns = "\n".join(
        f"- {item_label(task.fields.plan_ref)}:"
        f" [{literal(task.title(lang))}]({link(page, task.page)})"
        for task in tasks
    )
    return _table(header, rows) + "\n\n" + legend + "\n\n" + columns


def _downloads(kb: KnowledgeBase, period: str, lang: str) -> str:
    """The links to the exports (every period), the chart and the summary of ``period``."""
    words = kb.strings[lang]["progress"]
    heading = f"### {words['downloads_title']} {{ #{section_id(period)}-tai-ve }}"
    entries = [
        (words["export_csv"], downloads.progress_export(lang, "csv")),
        (words["export_xlsx"], downloads.progress_export(lang, "xlsx")),
    ]
    if records.reports_of(kb, period):
        entries.append((words["chart_file"], downloads.progress_chart(period, lang)))
    entries.append((words["summary_file"], downloads.progress_summary(period, lang)))
    items = "\n".join(f"- [{label}]({downloads.link(path)})" for label, path in entries)
    return f"{heading}\n\n{items}"
