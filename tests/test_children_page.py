"""The page for children and parents (docs/tre-em-va-cha-me.md): every sentence traceable, each
promise linked to a plan item that exists, and the 111 box one text shared with the home page."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml
from helpers import REPO, article, load

from thuynguyen_kb import layout
from thuynguyen_kb.markdown_source import HEADING, Source, explicit_ids, markdown_lines

DOCS = REPO / "docs"
PAGE = "tre-em-va-cha-me.md"
HOME = "index.md"
PROMISES = "loi-hua"  # the section whose every paragraph restates plan items
SNIPPET = '--8<-- "hotline-111.{lang}.md"'
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
# The label that marks the editors' own advice, in each language.
GUIDANCE = {"vi": "Lời khuyên của nhóm biên tập", "en": "The editors' advice"}
# A sentence ends at ".", "!" or "?" and a space, but not after "No." (Law No. 13/2022/QH15).
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!No\.)\s+(?=\S)")


def page_lines(rel: str) -> list[str]:
    return (DOCS / rel).read_text(encoding="utf-8").split("\n")


def ids_of(rel: str) -> set[str]:
    """The explicit ids of a page of the site (``rel`` relative to docs/)."""
    lines = page_lines(rel)
    start = lines.index("---", 1) + 1 if lines[0] == "---" else 0
    return set(explicit_ids(Source(f"docs/{rel}", rel, lines, start)))


def link_problem(target: str, page: str, lang: str) -> str | None:
    """Why a link target does not lead to a plan item, a glossary term, a section of a page of
    the site or a public address; None if it does."""
    if target.startswith(("https://", "http://", "tel:")):
        return None
    path, _, anchor = target.partition("#")
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    own = layout.translation_path(rel, lang)
    if not (DOCS / own).is_file():
        return f"no page {rel}"
    if anchor and anchor not in ids_of(own):
        return f"no id #{anchor} in {own}"
    return None


def problems_of(lines: list[str], lang: str, page: str = PAGE) -> list[str]:
    """What the page's text fails to trace, as ``line: why``.

    From the first ``##`` heading on, each sentence carries a link that leads somewhere (the
    plan, the glossary, a page's section, a public source) or is the editors' labelled advice;
    each paragraph of the promises section links to a plan item; every link to the plan names
    an item that exists. The introduction above the first ``##`` only says what the page is.
    """
    plan_ids = ids_of(layout.translation_path(layout.PLAN_PAGE, lang))
    found = []
    section = None
    started = False
    for number, line in markdown_lines(lines, 0):
        heading = HEADING.fullmatch(line)
        if heading:
            started = started or len(heading.group(1)) == 2
            if len(heading.group(1)) == 2:
                section = re.search(r"\{ #([a-z0-9-]+) \}", line).group(1)  # type: ignore[union-attr]
            continue
        text = line.strip().removeprefix("- ")
        if not started or not text or text.startswith("--8<--") or text == "---":
            continue
        links = LINK.findall(text)
        for _, target in links:
            why = link_problem(target, page, lang)
            if why:
                found.append(f"{number}: link {target} leads nowhere ({why})")
        plan = posixpath.relpath(layout.PLAN_PAGE, posixpath.dirname(page) or ".")
        plan_links = [t for _, t in links if t.split("#")[0] == plan]
        if section == PROMISES and not any(t.partition("#")[2] in plan_ids for t in plan_links):
            found.append(f"{number}: promise links to no item of the plan: {text[:60]}")
        for sentence in SENTENCE_END.split(LINK.sub("LINK", text)):
            if "LINK" not in sentence and not text.startswith(GUIDANCE[lang]):
                found.append(f"{number}: sentence without a source: {sentence[:60]}")
    return found


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_every_sentence_of_the_page_is_traceable(lang: str) -> None:
    lines = page_lines(layout.translation_path(PAGE, lang))
    assert problems_of(lines, lang) == []
    # It has promises, each linked: a check on an empty section would prove nothing.
    assert sum(1 for line in lines if "(ke-hoach.md#ii-" in line) >= 6


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("Thành phố sẽ xây thêm trường học.", "promise links to no item of the plan"),
        ("Thành phố sẽ xây trường ([mục II.9](ke-hoach.md#ii-9)).", "no id #ii-9"),
        ("Một lời hứa ([II.1](ke-hoach.md#ii-1)). Một câu không nguồn.", "sentence without"),
        ("Xem ([Thuật ngữ](thuat-ngu.md#khong-co)) và ([II.2](ke-hoach.md#ii-2)).", "no id"),
    ],
)
def test_the_check_rejects_what_cannot_be_traced(bad: str, why: str) -> None:
    lines = page_lines(PAGE)
    at = lines.index(next(line for line in lines if line.endswith("{ #chinh-sach }")))
    broken = [*lines[: at + 2], bad, "", *lines[at + 2 :]]
    found = problems_of(broken, "vi")
    assert found and all(f.startswith(f"{at + 3}: ") for f in found), found
    assert any(why in f for f in found), found


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_111_box_is_one_text_for_both_pages(lang: str) -> None:
    """Both pages include the same snippet and carry no 111 text of their own; the snippet
    calls 111 by a tel: link and links to the glossary's entry for the hotline."""
    include = SNIPPET.format(lang=lang)
    for rel in (PAGE, HOME):
        own = page_lines(layout.translation_path(rel, lang))
        assert include in own, rel
        assert own.index(include) < next(i for i, line in enumerate(own) if line.startswith("## "))
        assert "!!! danger" not in "\n".join(own), rel
    snippet = (DOCS / "_snippets" / f"hotline-111.{lang}.md").read_text(encoding="utf-8")
    assert "(tel:111)" in snippet
    assert "(thuat-ngu.md#tong-dai-111)" in snippet
    assert "tong-dai-111" in ids_of(layout.translation_path(layout.GLOSSARY_PAGE, lang))


def danger_box(built_site: Path, path: str) -> tuple[str, list[str]]:
    """The danger box of a built page, above its first section: its text, and the addresses
    its links lead to (resolved from the page's own address)."""
    page = article(load(built_site / path))
    (box,) = page.xpath(".//div[contains(@class, 'admonition') and contains(@class, 'danger')]")
    assert box in page.xpath(".//h2")[0].xpath("preceding::div")  # above every section
    folder = posixpath.dirname(path)
    targets = [
        href if ":" in href else posixpath.normpath(posixpath.join(folder, href))
        for href in box.xpath(".//a/@href")
    ]
    return " ".join(box.text_content().split()), targets


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_built_pages_show_the_same_box(built_site: Path, prefix: str) -> None:
    home = danger_box(built_site, f"{prefix}index.html")
    children = danger_box(built_site, f"{prefix}tre-em-va-cha-me/index.html")
    assert home == children
    assert "tel:111" in home[1] and f"{prefix}thuat-ngu/#tong-dai-111" in home[1]


def test_the_page_comes_right_after_the_home_page_in_the_nav() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["nav"][:2] == [HOME, PAGE]
