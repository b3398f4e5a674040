"""UN recommendation paragraphs: their facts, official text, links, indexes and back-links."""

from __future__ import annotations

from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.render.links import facts, item_label, literal, record_link

# Reference-style link to the official UN document, defined once in docs/_snippets/links.md.
OFFICIAL_LINK = "crc-vnm-co-5-6"


def linked_recommendations(kb: KnowledgeBase, field_name: str, record_id: str) -> list[Record]:
    """Recommendations whose ``tasks`` or ``bodies`` name ``record_id`` (the back-links)."""
    return [r for r in kb.of_type("recommendation") if record_id in getattr(r.fields, field_name)]


def recommendation_item(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """``[Đoạn 30: …](…) – cần biện pháp khẩn cấp`` as a list item."""
    urgent = f" – *{kb.strings[lang]['urgent']}*" if rec.fields.urgent else ""
    return f"- {record_link(kb, rec, page, lang)}{urgent}"


def render_recommendations(kb: KnowledgeBase, record: Record, page: str, lang: str) -> str:
    """The recommendations linked to a task or a body (generated from the recommendations)."""
    field_name = "tasks" if record.kind == "task" else "bodies"
    linked = linked_recommendations(kb, field_name, record.id)
    if not linked:
        return kb.strings[lang]["no_recommendations"]
    lines = [recommendation_item(kb, r, page, lang) for r in linked]
    return "\n".join([*lines, "", kb.strings[lang]["recs_reading"]])


def render_rec_facts(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """A definition list of what is known about a recommendation paragraph."""
    text = kb.strings[lang]
    fields = rec.fields
    cluster = kb.field(rec, "cluster")
    heading = kb.field(rec, "cluster_heading")
    articles = kb.field(rec, "articles") or []
    themes = [literal(kb.themes[t][lang]) for t in fields.themes]
    sdg = kb.field(rec, "sdg_targets") or []
    rows = [
        (text["symbol"], f"[{fields.symbol}][{OFFICIAL_LINK}]"),
        (text["paragraph"], str(fields.paragraph)),
        (text["urgent"].capitalize(), text["yes"] if fields.urgent else "—"),
        (text["cluster"], literal(f"{cluster}. {heading}") if cluster else text["unknown"]),
        (text["articles"], ", ".join(str(a) for a in articles) or text["unknown"]),
        (text["themes"], ", ".join(themes) or "—"),
        (text["sdg"], ", ".join(str(t) for t in sdg) or text["unknown"]),
        (text["text"], text["status"][kb.text_status(rec)]),
    ]
    return facts(rows)


def render_rec_text(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """The paragraph's official text, quoted with its source, or why it is not here."""
    text = kb.strings[lang]
    official = kb.official(rec)
    texts = official.text if official else {}
    where = f"{rec.fields.symbol}, {text['paragraph'].lower()} {rec.fields.paragraph}"
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


def render_rec_links(kb: KnowledgeBase, rec: Record, page: str, lang: str) -> str:
    """The tasks and bodies a recommendation is linked to (the site's reading)."""
    text = kb.strings[lang]
    tasks = [kb.records[t] for t in rec.fields.tasks]
    bodies = [kb.records[b] for b in rec.fields.bodies]
    lines = [f"**{text['tasks']}:**", ""]
    lines += [
        f"- **{item_label(t.fields.plan_ref)}** {record_link(kb, t, page, lang)}" for t in tasks
    ] or ["- —"]
    lines += ["", f"**{text['bodies']}:**", ""]
    lines += [f"- {record_link(kb, b, page, lang)}" for b in bodies] or ["- —"]
    return "\n".join(lines)


def render_rec_index(kb: KnowledgeBase, page: str, lang: str, by: str) -> str:
    """Recommendations grouped: urgent first, or by cluster, theme or body."""
    text = kb.strings[lang]
    recs = kb.of_type("recommendation")
    groups: dict[str, list[Record]] = {}
    if by == "urgent":
        groups[text["urgent_first"]] = [r for r in recs if r.fields.urgent]
        groups[text["others"]] = [r for r in recs if not r.fields.urgent]
    elif by == "cluster":
        for rec in recs:
            cluster = kb.field(rec, "cluster")
            name = (
                literal(f"{cluster}. {kb.field(rec, 'cluster_heading')}")
                if cluster
                else text["no_cluster"]
            )
            groups.setdefault(name, []).append(rec)
    elif by == "theme":
        for theme, labels in kb.themes.items():
            groups[literal(labels[lang])] = [r for r in recs if theme in r.fields.themes]
        groups[text["no_theme"]] = [r for r in recs if not r.fields.themes]
    elif by == "body":
        for body in kb.of_type("body"):
            groups[record_link(kb, body, page, lang)] = linked_recommendations(
                kb, "bodies", body.id
            )
        groups[text["no_body"]] = [r for r in recs if not r.fields.bodies]
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
