"""Which PDF packs the site offers in a language, and the HTML document of each.

Per module, in each language: the trainer's copy (the module page, its answer key on a sheet of
its own) and the participant handout (the handout page, with answer lines and stage cards); and
one whole pack per language holding every module followed by its handout, after a cover with
the contents. The pages come as the build rendered them (:class:`PageHtml`); which pages make
which pack comes from the knowledge base (each module names its handout).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lxml import etree, html

from thuynguyen_kb import downloads
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.packs.documents import Labels, PackError, document, handout_part, trainer_part
from thuynguyen_kb.source_dates import long_date


@dataclass(frozen=True)
class PageHtml:
    """A page's content as the build rendered it, in the language its text is written in, and
    the day the page shows as its last update (None where it shows none)."""

    page: str  # the page's default-language path, tap-huan/m3-….md
    lang: str
    content: str
    updated: datetime.date | None = None


def newest(pages: list[PageHtml]) -> datetime.date | None:
    """The day a PDF made of ``pages`` was last changed: the newest day its pages show, so
    that a PDF never says other than its pages (None if they show none)."""
    return max((page.updated for page in pages if page.updated is not None), default=None)


@dataclass(frozen=True)
class PackDocument:
    """A PDF to write: its site path, its HTML, and the pages it is made of."""

    path: str
    html: str
    pages: tuple[str, ...]


def _labels(text: dict[str, str]) -> Labels:
    return Labels(for_trainer=text["pack_for_trainer"], answer_space=text["pack_answer_space"])


def _date_text(day: datetime.date | None, lang: str, text: dict[str, str]) -> str | None:
    if day is None:
        return None
    return text["pack_updated"].format(date=long_date(day, lang))


def _masthead(site_name: str, kind: str, updated: str | None) -> html.HtmlElement:
    """The lines above a part's title: which site, which copy, how recent."""
    box = html.Element("div", {"class": "masthead"})
    etree.SubElement(box, "p", {"class": "kind"}).text = kind
    etree.SubElement(box, "p").text = site_name + (f" · {updated}" if updated else "")
    return box


def _meta(day: datetime.date | None, site_name: str) -> dict[str, str]:
    meta = {"author": site_name}
    if day is not None:  # the PDF's dates: when its sources last changed, never the build time
        meta["dcterms.created"] = meta["dcterms.modified"] = day.isoformat()
    return meta


def _pages_of(module: Record) -> tuple[str, str]:
    folder = module.page.rsplit("/", 1)[0]
    return module.page, f"{folder}/{module.fields.handout}.md"


def _content(pages: dict[str, PageHtml], page: str) -> PageHtml:
    found = pages.get(page)
    if found is None:
        raise PackError(f"docs/{page}: the build rendered no such page, so its pack cannot be made")
    return found


def documents(
    kb: KnowledgeBase, pages: dict[str, PageHtml], lang: str, site_name: str
) -> list[PackDocument]:
    """Every pack of ``lang``: ``pages`` are this language's rendered pages by default-language
    path, each with the day it shows as its last update."""
    text = kb.strings[lang]
    labels = _labels(text)
    made: list[PackDocument] = []
    whole: list[html.HtmlElement] = []
    contents = html.Element("ol", {"class": "contents"})
    for module in kb.of_type("module"):
        module_page, handout_page = _pages_of(module)
        module_html, handout_html = _content(pages, module_page), _content(pages, handout_page)
        day = newest([module_html, handout_html])
        updated = _date_text(day, lang, text)
        title = module.title(lang)
        trainer = trainer_part(module_html.content, module.id, labels, f"docs/{module_page}")
        trainer.insert(0, _masthead(site_name, text["pack_trainer"], updated))
        handout_id = str(module.fields.handout)
        handout = handout_part(handout_html.content, handout_id, labels, f"docs/{handout_page}")
        handout.insert(0, _masthead(site_name, text["pack_handout"], updated))
        for kind, part, part_lang in (
            ("trainer", trainer, module_html.lang),
            ("handout", handout, handout_html.lang),
        ):
            label = {"trainer": text["pack_trainer"], "handout": text["pack_handout"]}[kind]
            made.append(
                PackDocument(
                    downloads.module_pdf(module.id, lang, kind),  # type: ignore[arg-type]
                    document(
                        [part],
                        lang=part_lang,
                        title=f"{title} – {label}",
                        cover=None,
                        meta=_meta(day, site_name),
                    ),
                    (module_page, handout_page),
                )
            )
        whole += [trainer, handout]
        etree.SubElement(contents, "li").text = title
    every_page = tuple(page for made_pack in made for page in made_pack.pages)
    day = newest([_content(pages, page) for page in dict.fromkeys(every_page)])
    cover = html.Element("section", {"class": "cover"})
    etree.SubElement(cover, "p", {"class": "kind"}).text = site_name
    etree.SubElement(cover, "h1").text = text["pack_whole"]
    facts = etree.SubElement(cover, "div", {"class": "facts"})
    updated = _date_text(day, lang, text)
    if updated:
        etree.SubElement(facts, "p").text = updated
    etree.SubElement(facts, "p").text = text["pack_contents"]
    facts.append(contents)
    made.append(
        PackDocument(
            downloads.whole_pack_pdf(lang),
            document(
                whole,
                lang=lang,
                title=f"{site_name} – {text['pack_whole']}",
                cover=cover,
                meta=_meta(day, site_name),
            ),
            tuple(dict.fromkeys(every_page)),
        )
    )
    return made
