"""Pure renderers: knowledge-base records and a language in, Markdown (or CSV rows) out.

The build hook overrides/hooks/knowledge_base.py calls them to fill the ``<!-- kb:… -->``
markers of pages; they read nothing and write nothing themselves, so they are easy to test and
could move to a pre-build script if the site leaves MkDocs. Links are written as relative links
to the Vietnamese Markdown file (``../co-quan/phong-y-te.md``): MkDocs checks them, and
mkdocs-static-i18n points them at the English page on the English site.
"""

from __future__ import annotations

import posixpath
import re

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
        "no_recommendations": "Trang chưa liên hệ khuyến nghị nào của Liên Hợp Quốc với mục này.",
        "recs_reading": "Liên hệ là cách đọc của trang; lý do nằm trên trang của từng khuyến nghị.",
        "urgent": "cần biện pháp khẩn cấp",
        "status": {
            "topic-only": "Chỉ biết chủ đề (nêu ở đoạn 4); trang chưa có nguyên văn đoạn này.",
            "summary": "Tóm tắt của trang từ phần đã đọc được; trang chưa có nguyên văn đầy đủ.",
            "official-en": "Nguyên văn chính thức bằng tiếng Anh đã được nhập.",
            "official-vi": "Nguyên văn chính thức và bản tiếng Việt đã được nhập.",
        },
        "not_imported": "Văn bản chính thức của đoạn này chưa được nhập vào trang",
        "official_text": "Nguyên văn",
        "vi_text": "Bản tiếng Việt",
        "symbol": "Ký hiệu văn bản",
        "paragraph": "Đoạn",
        "cluster": "Nhóm",
        "articles": "Điều của Công ước nêu ở tiêu đề nhóm",
        "themes": "Chủ đề",
        "sdg": "Mục tiêu phát triển bền vững (SDG)",
        "text": "Văn bản trên trang",
        "unknown": "chưa biết (văn bản chính thức chưa được nhập)",
        "none_read": "không có trong phần đã đọc",
        "yes": "có",
        "tasks": "Nhiệm vụ của Kế hoạch liên quan",
        "bodies": "Cơ quan liên quan",
        "no_cluster": "Chưa biết nhóm (văn bản chính thức chưa được nhập)",
        "no_theme": "Chưa gắn chủ đề",
        "no_body": "Chưa gắn cơ quan",
        "urgent_first": "Cần biện pháp khẩn cấp (đoạn 4)",
        "others": "Các đoạn khác trang đã có",
        "no_training": "Chưa có bài tập huấn nào dành riêng cho cơ quan này.",
        "audience": "Dành cho",
        "duration": "Thời lượng",
        "minutes": "{n} phút",
        "group_size": "Quy mô lớp",
        "languages": "Ngôn ngữ",
        "both_languages": "tiếng Việt và tiếng Anh",
        "vi_only": "tiếng Việt (chưa có bản tiếng Anh)",
        "plan_tasks": "Nhiệm vụ của Kế hoạch",
        "handout": "Tài liệu phát tay",
        "body": "Cơ quan",
        "role_all": "Vai trò với mọi nhiệm vụ",
        "guidance_mark": "cách đọc của trang",
        "csv": "Tải bảng phân công (CSV, mở được bằng Excel)",
        "csv_recs": "Tải bảng khuyến nghị – nhiệm vụ – cơ quan (CSV, mở được bằng Excel)",
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
        "no_recommendations": "The site links no UN recommendation to this yet.",
        "recs_reading": (
            "The links are the site's reading; the reason is on each recommendation's page."
        ),
        "urgent": "urgent measures needed",
        "status": {
            "topic-only": (
                "Topic only (named in paragraph 4); the site does not have this paragraph's text."
            ),
            "summary": (
                "The site's summary of the part that could be read; the site does not have the"
                " full text."
            ),
            "official-en": "The official English text has been imported.",
            "official-vi": "The official text and a Vietnamese version have been imported.",
        },
        "not_imported": "The official text of this paragraph has not been imported into the site",
        "official_text": "Official text",
        "vi_text": "Vietnamese version",
        "symbol": "Document symbol",
        "paragraph": "Paragraph",
        "cluster": "Cluster",
        "articles": "Convention articles named in the cluster heading",
        "themes": "Themes",
        "sdg": "Sustainable Development Goal (SDG) targets",
        "text": "Text on this site",
        "unknown": "not known (the official text has not been imported)",
        "none_read": "none in the part that was read",
        "yes": "yes",
        "tasks": "Related tasks of the plan",
        "bodies": "Bodies concerned",
        "no_cluster": "Cluster not known (the official text has not been imported)",
        "no_theme": "No theme yet",
        "no_body": "No body linked yet",
        "urgent_first": "Urgent measures needed (paragraph 4)",
        "others": "Other paragraphs the site has",
        "no_training": "No training module is meant for this body in particular yet.",
        "audience": "For",
        "duration": "Duration",
        "minutes": "{n} minutes",
        "group_size": "Group size",
        "languages": "Languages",
        "both_languages": "Vietnamese and English",
        "vi_only": "Vietnamese (no English version yet)",
        "plan_tasks": "Plan tasks",
        "handout": "Participant handout",
        "body": "Body",
        "role_all": "Role in every task",
        "guidance_mark": "the site's reading",
        "csv": "Download the assignment table (CSV, opens in Excel)",
        "csv_recs": "Download the recommendation – task – body table (CSV, opens in Excel)",
    },
}
GUIDE_PAGE = "huong-dan-bien-tap.md"
# Reference-style link to the official UN document, defined once in docs/_snippets/links.md.
OFFICIAL_LINK = "crc-vnm-co-5-6"


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


def linked_recommendations(kb: KnowledgeBase, field_name: str, record_id: str) -> list[Record]:
    """Recommendations whose ``tasks`` or ``bodies`` name ``record_id`` (the back-links)."""
    return [r for r in kb.of_type("recommendation") if record_id in r.list(field_name)]


def recommendation_item(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """``[Đoạn 30: …](…) – cần biện pháp khẩn cấp`` as a list item."""
    urgent = f" – *{TEXT[lang]['urgent']}*" if rec.data.get("urgent") else ""
    return f"- {record_link(rec, page, lang)}{urgent}"


def render_recommendations(kb: KnowledgeBase, record: Record, page: str, lang: str) -> str:
    """The recommendations linked to a task or a body (generated from the recommendations)."""
    field_name = "tasks" if record.type == "task" else "bodies"
    linked = linked_recommendations(kb, field_name, record.id)
    if not linked:
        return TEXT[lang]["no_recommendations"]
    lines = [recommendation_item(kb, r, page, lang) for r in linked]
    return "\n".join([*lines, "", TEXT[lang]["recs_reading"]])


def render_rec_facts(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """A definition list of what is known about a recommendation paragraph."""
    text = TEXT[lang]
    cluster = kb.field(rec, "cluster")
    heading = kb.field(rec, "cluster_heading")
    articles = kb.field(rec, "articles") or []
    themes = [kb.themes[t][lang] for t in rec.list("themes")]
    sdg = rec.list("sdg_targets") or kb.official(rec).get("sdg_targets") or []
    symbol = f"[{rec.data['symbol']}][{OFFICIAL_LINK}]"
    rows = [
        (text["symbol"], symbol),
        (text["paragraph"], str(rec.data["paragraph"])),
        (text["urgent"].capitalize(), text["yes"] if rec.data.get("urgent") else "—"),
        (text["cluster"], f"{cluster}. {heading}" if cluster else text["unknown"]),
        (text["articles"], ", ".join(str(a) for a in articles) or text["unknown"]),
        (text["themes"], ", ".join(themes) or "—"),
        (text["sdg"], ", ".join(str(t) for t in sdg) or text["unknown"]),
        (text["text"], text["status"][kb.text_status(rec)]),
    ]
    return "\n\n".join(f"{term}\n:   {value}" for term, value in rows)


def render_rec_text(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """The paragraph's official text, quoted with its source, or why it is not here."""
    text = TEXT[lang]
    texts = kb.official(rec).get("text") or {}
    where = f"{rec.data['symbol']}, {text['paragraph'].lower()} {rec.data['paragraph']}"
    source = f"[{where}][{OFFICIAL_LINK}]"
    if not texts.get("en"):
        status = text["status"][kb.text_status(rec)]
        return f'!!! warning "{text["not_imported"]}"\n\n    {status}'
    blocks = []
    if lang == "vi" and texts.get("vi"):
        blocks.append((text["vi_text"], texts["vi"], "vi"))
    blocks.append((text["official_text"], texts["en"], "en"))
    out = []
    for label, body, language in blocks:
        lines = "\n\n".join(literal(line) for line in body.split("\n") if line.strip())
        out.append(
            f'<blockquote class="un-quote" lang="{language}" markdown>\n\n{lines}\n\n'
            f'<p class="plan-quote-source" markdown="span">{label}: {source}</p>\n\n</blockquote>'
        )
    return "\n\n".join(out)


def literal(line: str) -> str:
    """A line of imported text as Markdown that shows exactly that text (nothing is markup)."""
    escaped = line.strip().replace("&", "&amp;").replace("<", "&lt;")
    escaped = re.sub(r"([\\`*_\[\]#])", r"\\\1", escaped)
    # A leading "30.", "-", "+" or ">" would start a list or a quotation: escape it.
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-+>])", r"\\\1", escaped))


def render_rec_links(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """The tasks and bodies a recommendation is linked to (the site's reading)."""
    text = TEXT[lang]
    tasks = [kb.records[t] for t in rec.list("tasks")]
    bodies = [kb.records[b] for b in rec.list("bodies")]
    lines = [f"**{text['tasks']}:**", ""]
    lines += [
        f"- **{item_label(t.data['plan_ref'])}** {record_link(t, page, lang)}" for t in tasks
    ] or ["- —"]
    lines += ["", f"**{text['bodies']}:**", ""]
    lines += [f"- {record_link(b, page, lang)}" for b in bodies] or ["- —"]
    return "\n".join(lines)


def render_rec_index(kb: KnowledgeBase, page: str, lang: str, by: str) -> str:
    """Recommendations grouped: urgent first, or by cluster, theme or body."""
    text = TEXT[lang]
    recs = kb.of_type("recommendation")
    groups: dict[str, list[Record]] = {}
    if by == "urgent":
        groups[text["urgent_first"]] = [r for r in recs if r.data.get("urgent")]
        groups[text["others"]] = [r for r in recs if not r.data.get("urgent")]
    elif by == "cluster":
        for rec in recs:
            cluster = kb.field(rec, "cluster")
            name = (
                f"{cluster}. {kb.field(rec, 'cluster_heading')}" if cluster else text["no_cluster"]
            )
            groups.setdefault(name, []).append(rec)
    elif by == "theme":
        for theme, labels in kb.themes.items():
            groups[labels[lang]] = [r for r in recs if theme in r.list("themes")]
        groups[text["no_theme"]] = [r for r in recs if not r.list("themes")]
    elif by == "body":
        for body in kb.of_type("body"):
            groups[record_link(body, page, lang)] = linked_recommendations(kb, "bodies", body.id)
        groups[text["no_body"]] = [r for r in recs if not r.list("bodies")]
    else:
        raise KeyError(f"by={by} is unknown (expected urgent, cluster, theme or body)")
    lines = []
    for name, members in groups.items():
        if members:
            lines += [
                f"**{name}**",
                "",
                *(recommendation_item(kb, r, page, lang) for r in members),
                "",
            ]
    return "\n".join(lines).strip()


def modules_for(kb: KnowledgeBase, body: Record) -> list[Record]:
    """Training modules meant for a body (their ``bodies`` name it)."""
    return [m for m in kb.of_type("module") if body.id in m.list("bodies")]


def render_training(kb: KnowledgeBase, body: Record, page: str, lang: str) -> str:
    """Training modules for a body (generated from the modules), or a plain statement."""
    linked = modules_for(kb, body)
    if not linked:
        return TEXT[lang]["no_training"]
    return "\n".join(f"- {record_link(m, page, lang)}" for m in linked)


def render_module_index(kb: KnowledgeBase, page: str, lang: str) -> str:
    """Every training module: who it is for, how long, in which languages, for which tasks."""
    text = TEXT[lang]
    blocks = []
    for module in kb.of_type("module"):
        fields = module.localized.get(lang) or module.localized["vi"]
        tasks = ", ".join(
            f"[{item_label(kb.records[t].data['plan_ref'])}]({link(page, kb.records[t].page)})"
            for t in module.list("tasks")
        )
        languages = text["both_languages"] if "en" in module.localized else text["vi_only"]
        handout = kb.records.get(str(module.data.get("handout")))
        rows = [
            (text["audience"], fields.get("audience", "")),
            (text["duration"], text["minutes"].format(n=module.data["duration"])),
            (text["group_size"], fields.get("group_size", "")),
            (text["languages"], languages),
            (text["plan_tasks"], tasks or "—"),
            (
                text["bodies"],
                ", ".join(record_link(kb.records[b], page, lang) for b in module.list("bodies"))
                or "—",
            ),
        ]
        if handout is not None:
            rows.append((text["handout"], record_link(handout, page, lang)))
        facts = "\n\n".join(f"{term}\n:   {value}" for term, value in rows)
        blocks.append(
            f"### {record_link(module, page, lang)} {{ #{module.data['code'].lower()} }}\n\n"
            f'<div class="doc-facts" markdown>\n\n{facts}\n\n</div>'
        )
    return "\n\n".join(blocks)


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


def recommendation_rows(kb: KnowledgeBase, lang: str) -> list[list[str]]:
    """Recommendation × task × body, one row per link, for a CSV file."""
    header = {
        "vi": ["Ký hiệu", "Đoạn", "Khuyến nghị", "Khẩn cấp", "Trạng thái văn bản", "Mã nhiệm vụ",
               "Mục", "Nhiệm vụ", "Mã cơ quan", "Cơ quan"],
        "en": ["Symbol", "Paragraph", "Recommendation", "Urgent", "Text status", "task_id",
               "Item", "Task", "body_id", "Body"],
    }[lang]  # fmt: skip
    rows = [header]
    for rec in kb.of_type("recommendation"):
        base = [rec.data["symbol"], str(rec.data["paragraph"]), rec.titles.get(lang, "")]
        base += [TEXT[lang]["yes"] if rec.data.get("urgent") else "", kb.text_status(rec)]
        tasks = [kb.records[t] for t in rec.list("tasks")] or [None]
        bodies = [kb.records[b] for b in rec.list("bodies")] or [None]
        for task in tasks:
            for body in bodies:
                rows.append(
                    [
                        *base,
                        task.id if task else "",
                        item_label(task.data["plan_ref"]) if task else "",
                        task.titles.get(lang, "") if task else "",
                        body.id if body else "",
                        body.titles.get(lang, "") if body else "",
                    ]
                )
    return rows


# CSV files generated at build time (marker kb:csv table=<name>): name → rows, and the link text.
CSV_TABLES = {"phan-cong": matrix_rows, "khuyen-nghi": recommendation_rows}


def render_csv_link(table: str, lang: str) -> str:
    """A download link to a CSV written beside the page (raw HTML: the file is not a page)."""
    label = TEXT[lang]["csv"] if table == "phan-cong" else TEXT[lang]["csv_recs"]
    return f'<p><a class="md-button" href="{table}.csv" download>{label}</a></p>'
