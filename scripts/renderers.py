"""Pure renderers: knowledge-base records and a language in, Markdown (or CSV rows) out.

The build hook overrides/hooks/knowledge_base.py calls them to fill the ``<!-- kb:… -->``
markers of pages; they read nothing and write nothing themselves, so they are easy to test and
could move to a pre-build script if the site leaves MkDocs. Links are written as relative links
to the Vietnamese Markdown file (``../co-quan/phong-y-te.md``): MkDocs checks them, and
mkdocs-static-i18n points them at the English page on the English site.
"""

from __future__ import annotations

import posixpath

from records import PLAN_PAGE, KnowledgeBase, Record

TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "plan": "Kế hoạch",
        "item": "mục",
        "part": "phần",
        "every_task": "Với mọi nhiệm vụ của Kế hoạch",
        "this_task": "Riêng nhiệm vụ này (cách đọc của trang, xem giải thích trên trang)",
        "annex": "Theo Phụ lục phân công nhiệm vụ",
        "annex_missing": (
            "Chưa có. Kế hoạch giao cơ quan chủ trì, cơ quan phối hợp và thời hạn của từng"
            ' nhiệm vụ trong "Phụ lục phân công nhiệm vụ" ([mục IV.2]({plan}#iv-2)); phụ lục'
            " này không có trong văn bản nguồn. Khi có, các dòng của phụ lục được thêm vào trang"
            " này (xem [Hướng dẫn biên tập]({guide}#phu-luc))."
        ),
        "lead": "Chủ trì",
        "support": "Phối hợp",
        "deadline": "Thời hạn",
        "source": "Nguồn",
        "all_tasks": "Cả {n} nhiệm vụ của Kế hoạch",
        "no_tasks": "Kế hoạch không giao riêng nhiệm vụ nào trong phần II cho cơ quan này.",
        "tasks_specific": "Nhiệm vụ liên quan riêng (cách đọc của trang)",
        "reports_to": "Báo cáo kết quả cho {to}",
        "reports_via": ", qua {via}",
        "reports_none": "Kế hoạch không nói cơ quan này báo cáo cho ai.",
        "no_recommendations": (
            "Chưa liên kết. Phần các khuyến nghị của Ủy ban về quyền trẻ em của Liên Hợp Quốc"
            " đang được xây dựng; khi xong, các khuyến nghị mà nhiệm vụ này đáp ứng sẽ hiện ở đây."
        ),
        "no_training": "Chưa có. Tài liệu tập huấn đang được biên soạn và sẽ hiện ở đây.",
        "body": "Cơ quan",
        "role_all": "Vai trò với mọi nhiệm vụ",
        "guidance_mark": "cách đọc của trang",
        "csv": "Tải bảng phân công (CSV, mở được bằng Excel)",
    },
    "en": {
        "plan": "Plan",
        "item": "item",
        "part": "part",
        "every_task": "For every task of the plan",
        "this_task": "For this task in particular (the site's reading, explained on this page)",
        "annex": "In the Annex on the assignment of tasks",
        "annex_missing": (
            "Not available. The plan gives the lead body, the cooperating bodies and the deadline"
            ' of each task in the "Annex on the assignment of tasks" ([item IV.2]({plan}#iv-2));'
            " that annex is not part of the source text. When it is, its rows are added to this"
            " page (see the [editors' guide]({guide}#phu-luc))."
        ),
        "lead": "Lead",
        "support": "Cooperating",
        "deadline": "Deadline",
        "source": "Source",
        "all_tasks": "All {n} tasks of the plan",
        "no_tasks": "The plan gives this body none of the tasks of part II in particular.",
        "tasks_specific": "Related tasks in particular (the site's reading)",
        "reports_to": "Reports results to {to}",
        "reports_via": ", through {via}",
        "reports_none": "The plan does not say to whom this body reports.",
        "no_recommendations": (
            "Not linked yet. The section on the UN Committee on the Rights of the Child's"
            " recommendations is being built; the recommendations this task answers will appear"
            " here."
        ),
        "no_training": "None yet. Training materials are being written and will appear here.",
        "body": "Body",
        "role_all": "Role in every task",
        "guidance_mark": "the site's reading",
        "csv": "Download the assignment table (CSV, opens in Excel)",
    },
}
GUIDE_PAGE = "huong-dan-bien-tap.md"
CSV_NAME = "phan-cong.csv"


def link(page: str, target: str, anchor: str = "") -> str:
    """Relative Markdown link target from ``page`` to ``target`` (both relative to docs/)."""
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def item_label(ref: str) -> str:
    """``ii-3`` → ``II.3``; ``iii`` → ``III``."""
    roman, _, number = ref.partition("-")
    return roman.upper() + (f".{number}" if number else "")


def plan_link(ref: str, page: str) -> str:
    """A Markdown link to a plan item, labelled like ``[IV.2](../ke-hoach.md#iv-2)``."""
    return f"[{item_label(ref)}]({link(page, PLAN_PAGE, ref)})"


def record_link(record: Record, page: str, lang: str) -> str:
    """A Markdown link to a record's page, with its title in ``lang``."""
    return f"[{record.titles.get(lang) or record.titles['vi']}]({link(page, record.page)})"


def role_text(kb: KnowledgeBase, role: str, page: str, lang: str) -> str:
    """A role's label with a link to the plan item it comes from."""
    entry = kb.roles[role]
    return f"{entry['label'][lang]} ({plan_link(entry['ref'], page)})"


def render_index(kb: KnowledgeBase, kind: str, page: str, lang: str, short: bool = False) -> str:
    """A list of every record of ``kind``: linked title, then (unless ``short``) its description."""
    lines = []
    for record in kb.of_type(kind):
        prefix = f"**{item_label(record.data['plan_ref'])}** " if kind == "task" else ""
        entry = f"- {prefix}{record_link(record, page, lang)}"
        lines.append(entry if short else f"{entry}: {record.descriptions[lang]}")
    return "\n".join(lines)


def render_quote(blocks: dict[str, list[str]], ref: str, page: str, lang: str) -> str:
    """A plan item quoted word for word, with a link to it in the full text."""
    text = TEXT[lang]
    where = text["item"] if "-" in ref else text["part"]
    source = f"[{text['plan']}, {where} {item_label(ref)}]({link(page, PLAN_PAGE, ref)})"
    body = "\n".join(blocks[ref])
    return (
        f'<blockquote class="plan-quote" markdown>\n\n{body}\n\n'
        f'<p class="plan-quote-source" markdown="span">{source}</p>\n\n</blockquote>'
    )


def every_task_bodies(kb: KnowledgeBase) -> list[tuple[Record, list[str]]]:
    """Bodies with roles that the plan gives them for every task, with those roles."""
    found = []
    for body in kb.of_type("body"):
        roles = [r for r in body.list("roles") if kb.roles[r].get("every_task")]
        if roles:
            found.append((body, roles))
    return found


def render_task_bodies(kb: KnowledgeBase, task: Record, page: str, lang: str) -> str:
    """Who carries a task: bodies with plan-wide roles, task-specific ones, then the annex."""
    text = TEXT[lang]
    lines = [f"**{text['every_task']}:**", ""]
    for body, roles in every_task_bodies(kb):
        described = "; ".join(role_text(kb, r, page, lang) for r in roles)
        lines.append(f"- {record_link(body, page, lang)}: {described}")
    specific = task.list("related_bodies")
    if specific:
        lines += ["", f"**{text['this_task']}:**", ""]
        for relation in specific:
            body = kb.records[relation["body"]]
            described = role_text(kb, relation["role"], page, lang)
            lines.append(f"- {record_link(body, page, lang)}: {described}")
    lines += ["", f"**{text['annex']}:**", "", render_annex(kb, task, page, lang)]
    return "\n".join(lines)


def render_annex(kb: KnowledgeBase, task: Record, page: str, lang: str) -> str:
    """The task's row in the annex (lead, support, deadline, source), or why there is none."""
    text = TEXT[lang]
    row = {name: task.data.get(name) for name in ("lead", "support", "deadline", "source")}
    if not any(row.values()):
        return text["annex_missing"].format(
            plan=link(page, PLAN_PAGE), guide=link(page, GUIDE_PAGE)
        )
    lines = []
    for name in ("lead", "support"):
        if row[name]:
            names = ", ".join(record_link(kb.records[b], page, lang) for b in row[name])
            lines.append(f"- {text[name]}: {names}")
    for name in ("deadline", "source"):
        if row[name]:
            lines.append(f"- {text[name]}: {row[name]}")
    return "\n".join(lines)


def render_body_tasks(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """The tasks a body carries: every task for plan-wide roles, then task-specific ones."""
    text = TEXT[lang]
    tasks = kb.of_type("task")
    lines = []
    plan_wide = [r for r in body.list("roles") if kb.roles[r].get("every_task")]
    if plan_wide:
        lines += [f"**{text['all_tasks'].format(n=len(tasks))}:**", ""]
        lines += [
            f"- **{item_label(t.data['plan_ref'])}** {record_link(t, page, lang)}" for t in tasks
        ]
    specific = []
    for task in tasks:
        for relation in task.list("related_bodies"):
            if relation["body"] == body.id:
                role = role_text(kb, relation["role"], page, lang)
                specific.append(f"- {record_link(task, page, lang)}: {role}")
        for name in ("lead", "support"):
            if body.id in task.list(name):
                specific.append(f"- {record_link(task, page, lang)}: {text[name]}")
    if specific:
        lines += ["", f"**{text['tasks_specific']}:**", "", *specific]
    return "\n".join(lines).strip() or text["no_tasks"]


def render_checklist(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """What a body must do, as a task list drawn from its roles, each line citing the plan."""
    lines, seen = [], set()
    for role in body.list("roles"):
        entry = kb.roles[role]
        for item in entry.get("checklist") or []:
            if item[lang] in seen:
                continue
            seen.add(item[lang])
            lines.append(f"- [ ] {item[lang]} ({plan_link(item.get('ref', entry['ref']), page)})")
    return "\n".join(lines)


def render_reporting(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """To whom a body reports, and through whom, as the plan says."""
    text = TEXT[lang]
    to = body.data.get("reports_to")
    if not to:
        return text["reports_none"]
    sentence = text["reports_to"].format(to=record_link(kb.records[to], page, lang))
    via = body.data.get("reports_via")
    if via:
        sentence += text["reports_via"].format(via=record_link(kb.records[via], page, lang))
    return f"{sentence} ({plan_link('iv-2', page)})."


def render_recommendations(kb: KnowledgeBase, task: Record, page: str, lang: str) -> str:
    """The UN recommendations a task answers, or a plain statement that none are linked yet."""
    linked = [kb.records[r] for r in task.list("recommendations") if r in kb.records]
    if not linked:
        return TEXT[lang]["no_recommendations"]
    return "\n".join(f"- {record_link(r, page, lang)}" for r in linked)


def render_training(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """Training modules for a body, or a plain statement that there are none yet."""
    linked = [kb.records[m] for m in body.list("training") if m in kb.records]
    if not linked:
        return TEXT[lang]["no_training"]
    return "\n".join(f"- {record_link(m, page, lang)}" for m in linked)


def matrix_cells(kb: KnowledgeBase, body: Record, task: Record) -> list[tuple[str, str]]:
    """``(role or annex column, source)`` pairs for one body and one task, beyond plan-wide."""
    cells = []
    for relation in task.list("related_bodies"):
        if relation["body"] == body.id:
            cells.append((relation["role"], "guidance"))
    for name in ("lead", "support"):
        if body.id in task.list(name):
            cells.append((name, "annex"))
    return cells


def render_matrix(kb: KnowledgeBase, page: str, lang: str) -> str:
    """The body × task table, as HTML whose cells hold Markdown (md_in_html).

    Every element down to the cells carries ``markdown`` so that md_in_html turns the links in
    the cells into real links (checked by MkDocs like any other). On narrow screens site.css
    turns each row into a card, shows each cell's column name from ``data-label`` and hides the
    empty cells, so nobody has to scroll sideways.
    """
    text = TEXT[lang]
    tasks = kb.of_type("task")
    head = [f'<th scope="col">{text["body"]}</th>', f'<th scope="col">{text["role_all"]}</th>']
    for task in tasks:
        label = item_label(task.data["plan_ref"])
        title = task.titles.get(lang, "")
        head.append(
            f'<th scope="col" markdown="span">[{label}]({link(page, task.page)})'
            f'<br><span class="kb-matrix__title">{title}</span></th>'
        )
    rows = []
    for body in kb.of_type("body"):
        plan_wide = [r for r in body.list("roles") if kb.roles[r].get("every_task")]
        cells = [
            f'<th scope="row" markdown="span">{record_link(body, page, lang)}</th>',
            _cell(text["role_all"], "; ".join(role_text(kb, r, page, lang) for r in plan_wide)),
        ]
        for task in tasks:
            parts = []
            for role, source in matrix_cells(kb, body, task):
                if source == "annex":
                    parts.append(f"{text[role]} ({text['annex']})")
                else:
                    parts.append(f"{role_text(kb, role, page, lang)}, *{text['guidance_mark']}*")
            column = f"{item_label(task.data['plan_ref'])} {task.titles.get(lang, '')}"
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
        return f'<td class="kb-matrix__none" data-label="{_attr(label)}">—</td>'
    return f'<td data-label="{_attr(label)}" markdown="span">{content}</td>'


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def matrix_rows(kb: KnowledgeBase, lang: str) -> list[list[str]]:
    """The same assignments as the matrix, one row per body, task and role, for a CSV file."""
    text = TEXT[lang]
    header = {
        "vi": ["Mã cơ quan", "Cơ quan", "Mã nhiệm vụ", "Mục", "Nhiệm vụ", "Vai trò", "Căn cứ",
               "Nguồn"],
        "en": ["body_id", "Body", "task_id", "Item", "Task", "Role", "Basis", "Source"],
    }[lang]  # fmt: skip
    origin = {
        "vi": {"plan": "Kế hoạch", "guidance": "Cách đọc của trang", "annex": "Phụ lục"},
        "en": {"plan": "Plan", "guidance": "Site's reading", "annex": "Annex"},
    }[lang]
    rows = [header]
    for body in kb.of_type("body"):
        plan_wide = [r for r in body.list("roles") if kb.roles[r].get("every_task")]
        for task in kb.of_type("task"):
            base = [body.id, body.titles.get(lang, ""), task.id]
            base += [item_label(task.data["plan_ref"]), task.titles.get(lang, "")]
            for role in plan_wide:
                entry = kb.roles[role]
                rows.append([*base, entry["label"][lang], item_label(entry["ref"]), origin["plan"]])
            for role, source in matrix_cells(kb, body, task):
                if source == "annex":
                    rows.append([*base, text[role], "IV.2", origin["annex"]])
                else:
                    entry = kb.roles[role]
                    rows.append(
                        [*base, entry["label"][lang], item_label(entry["ref"]), origin["guidance"]]
                    )
    return rows


def render_csv_link(page: str, lang: str) -> str:
    """A download link to the CSV written beside the page (raw HTML: the file is not a page)."""
    return f'<p><a class="md-button" href="{CSV_NAME}" download>{TEXT[lang]["csv"]}</a></p>'
