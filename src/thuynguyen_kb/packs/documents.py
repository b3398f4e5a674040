"""Printable parts of a PDF pack, made from the HTML of a module or handout page.

A web page and a printed sheet need different things. For the sheet this module:

- removes what only works on screen (permalink signs, the content tabs' radio buttons and labels,
  links to other pages of the site, which a sheet cannot follow: their text stays);
- opens every collapsible box, and in the trainer's copy puts the answer key (``details`` of class
  ``answer-key``) on a sheet of its own, marked as being for the trainer;
- in a handout, adds lines to write on under each quiz question, and marks the stage cards of a
  case (paragraphs of class ``case-stage``) so that each prints on its own sheet;
- prefixes every id with the part's name, so that several parts fit in one document (the whole
  pack) without two elements sharing an id, and in-page links still work.

Pages are parsed and rewritten with lxml, like the content policy that checked them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree, html

ANSWER_KEY_CLASS = "answer-key"
STAGE_CLASS = "case-stage"
HANDOUT_QUIZ_ID = "cau-hoi"  # the quiz section of every handout (same id in both languages)
ANSWER_LINES = 2  # lines to write on under each quiz question
# Permalink signs, and the box of links to the packs themselves (render.downloads.BOX_CLASS).
SCREEN_ONLY_CLASSES = ("headerlink", "downloads-box")
EXTERNAL_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class PackError(ValueError):
    """A page that cannot become a printable part; the message says what to change."""


@dataclass(frozen=True)
class Labels:
    """The words a part adds to a page, in the part's language."""

    for_trainer: str  # banner over the answer key: "for the trainer, not for participants"
    answer_space: str  # the word at the start of the lines to write an answer on


def _classes(element: html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _add_class(element: html.HtmlElement, name: str) -> None:
    element.set("class", " ".join(sorted(_classes(element) | {name})))


def _parse(content: str) -> html.HtmlElement:
    """The page's content inside one ``<section>`` element."""
    return html.fragment_fromstring(content, create_parent="section")


def _drop_screen_only(part: html.HtmlElement) -> None:
    for name in SCREEN_ONLY_CLASSES:
        for element in part.xpath(f'.//*[contains(concat(" ", @class, " "), " {name} ")]'):
            element.drop_tree()
    # Content tabs (pymdownx.tabbed): every tab is printed, each under its own label.
    for tabs in part.xpath('.//div[contains(concat(" ", @class, " "), " tabbed-set ")]'):
        labels = [label.text_content().strip() for label in tabs.xpath("./div/label|./label")]
        blocks = tabs.xpath('.//div[contains(concat(" ", @class, " "), " tabbed-block ")]')
        for element in tabs.xpath("./input|./div[contains(@class, 'tabbed-labels')]|./label"):
            element.drop_tree()
        for label, block in zip(labels, blocks, strict=False):
            title = etree.Element("p", {"class": "tab-title"})
            title.text = label
            block.insert(0, title)


def _unlink_site_pages(part: html.HtmlElement) -> None:
    """Links to other pages of the site become their text; in-page and outside links stay."""
    for link in part.xpath(".//a[@href]"):
        href = link.get("href", "")
        if href.startswith("#") or href.lower().startswith(EXTERNAL_SCHEMES):
            continue
        link.tag = "span"
        link.attrib.clear()
        link.set("class", "site-link")


def _open_boxes(part: html.HtmlElement) -> None:
    """``<details>`` become plain boxes, their ``<summary>`` a title: paper has no buttons."""
    for box in part.xpath(".//details"):
        box.tag = "div"
        box.attrib.pop("open", None)
        _add_class(box, "box")
        for summary in box.xpath("./summary"):
            summary.tag = "p"
            summary.attrib.clear()
            summary.set("class", "box-title")


def _prefix_ids(part: html.HtmlElement, prefix: str) -> None:
    for element in part.xpath(".//*[@id]"):
        element.set("id", f"{prefix}--{element.get('id')}")
    for link in part.xpath('.//a[starts-with(@href, "#")]'):
        target = link.get("href", "")[1:]
        link.set("href", f"#{prefix}--{target}" if target else f"#{prefix}")
    part.set("id", prefix)


def _answer_key_sheet(part: html.HtmlElement, labels: Labels, source: str) -> None:
    keys = part.xpath(f'.//details[contains(concat(" ", @class, " "), " {ANSWER_KEY_CLASS} ")]')
    if len(keys) != 1:
        raise PackError(
            f"{source}: found {len(keys)} answer keys (expected one collapsible box of class"
            f" '{ANSWER_KEY_CLASS}' in the quiz section: ??? note {ANSWER_KEY_CLASS} \"…\")"
        )
    key = keys[0]
    banner = etree.Element("p", {"class": "for-trainer"})
    banner.text = labels.for_trainer
    key.insert(0, banner)
    _add_class(key, "own-sheet")


def _answer_lines(part: html.HtmlElement, labels: Labels, source: str) -> None:
    heading = part.xpath(f'.//*[@id="{HANDOUT_QUIZ_ID}"]')
    if not heading:
        raise PackError(f"{source}: no quiz section (expected a heading {{ #{HANDOUT_QUIZ_ID} }})")
    questions = heading[0].xpath("following-sibling::ol[1]/li")
    if not questions:
        raise PackError(f"{source}: the quiz section #{HANDOUT_QUIZ_ID} has no numbered list")
    for question in questions:
        space = etree.SubElement(question, "span", {"class": "answer-lines"})
        for number in range(ANSWER_LINES):
            line = etree.SubElement(space, "span", {"class": "answer-line"})
            if number == 0:
                line.text = labels.answer_space


def _stage_cards(part: html.HtmlElement) -> None:
    """Every stage card but the first starts a sheet, headed with its case's title (the first
    stays under the case's heading and introduction)."""
    stages = part.xpath(f'.//*[contains(concat(" ", @class, " "), " {STAGE_CLASS} ")]')
    for stage in stages[1:]:
        case = stage.xpath("preceding-sibling::h2[1]")
        if not case:
            _add_class(stage, "own-sheet")
            continue
        title = etree.Element("p", {"class": "card-title own-sheet"})
        title.text = case[0].text_content().strip()
        stage.addprevious(title)


def trainer_part(content: str, prefix: str, labels: Labels, source: str) -> html.HtmlElement:
    """A module page as the trainer's copy: everything, the answer key on its own sheet."""
    part = _parse(content)
    _drop_screen_only(part)
    _answer_key_sheet(part, labels, source)
    _finish(part, prefix)
    return part


def handout_part(content: str, prefix: str, labels: Labels, source: str) -> html.HtmlElement:
    """A handout page for participants: no answers, lines to write on, one sheet per stage."""
    part = _parse(content)
    _drop_screen_only(part)
    if part.xpath(f'.//*[contains(concat(" ", @class, " "), " {ANSWER_KEY_CLASS} ")]'):
        raise PackError(f"{source}: a handout holds an answer key; answers belong to the module")
    _answer_lines(part, labels, source)
    _stage_cards(part)
    _finish(part, prefix)
    return part


def _finish(part: html.HtmlElement, prefix: str) -> None:
    _unlink_site_pages(part)
    _open_boxes(part)
    _prefix_ids(part, prefix)
    _add_class(part, "part")


def document(
    parts: list[html.HtmlElement], *, lang: str, title: str, cover: html.HtmlElement | None,
    meta: dict[str, str],
) -> str:  # fmt: skip
    """One HTML document of ``parts`` (copied), with its title, language and metadata."""
    root = html.Element("html", {"lang": lang})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "title").text = title
    for name, value in meta.items():
        etree.SubElement(head, "meta", {"name": name, "content": value})
    body = etree.SubElement(root, "body")
    if cover is not None:
        body.append(copy.deepcopy(cover))
    for part in parts:
        body.append(copy.deepcopy(part))
    return "<!DOCTYPE html>\n" + html.tostring(root, encoding="unicode")
