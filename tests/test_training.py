"""Training materials as built: the module index and the body pages' training lists follow the
modules' front matter; every module has its sections, sources and handout; abbreviations show
as tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, REPO, article, load, record_page

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.rules import modules as module_rules


def test_every_module_has_a_unique_code_and_its_own_handout(kb: KnowledgeBase) -> None:
    modules = kb.of_type("module")
    assert modules, "the site has training modules"
    codes = [m.fields.code for m in modules]
    assert len(set(codes)) == len(codes)
    handouts = [m.fields.handout for m in modules]
    assert len(set(handouts)) == len(handouts)
    for module in modules:
        handout = kb.records[module.fields.handout]
        assert handout.kind == "handout" and handout.fields.module == module.id


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_module_index_follows_the_front_matter(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    index = article(load(built_site / LANGUAGE_HOMES[lang] / "tap-huan" / "index.html"))
    for module in kb.of_type("module"):
        (heading,) = index.xpath(f".//h3[@id='{module.fields.code.lower()}']")
        assert heading.text_content().replace("¶", "").strip() == module.title(lang)
        facts = heading.getnext().text_content()  # the module's facts, beside its heading
        assert str(module.fields.duration) in facts
        assert module.text(lang).audience in facts
        for body in module.fields.bodies:
            assert kb.records[body].title(lang) in facts


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_body_pages_list_the_modules_meant_for_them(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for body in kb.of_type("body"):
        page = record_page(built_site, lang, body.page)
        (heading,) = page.xpath(".//h2[@id='tap-huan']")
        listed = " ".join(
            e.text_content() for e in heading.itersiblings() if isinstance(e.tag, str)
        )
        for module in kb.of_type("module"):
            assert (module.title(lang) in listed) == (body.id in module.fields.bodies), (
                body.id,
                module.id,
            )


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_every_module_has_its_sections_and_sources(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for module in kb.of_type("module"):
        page = record_page(built_site, lang, module.page)
        for section in module_rules.REQUIRED_IDS:
            assert page.xpath(f".//h2[@id='{section}']"), (module.id, section)
        (sources,) = page.xpath(".//h2[@id='sources']")
        items = [li for sibling in sources.itersiblings() for li in sibling.iter("li")]
        assert items, module.id
        (quiz,) = page.xpath(".//h2[@id='quiz']")
        answers = [e for e in quiz.itersiblings() if e.tag == "details"]
        assert answers and answers[0].get("open") is None, module.id  # the key starts closed


def test_abbreviations_show_as_tooltips_everywhere(built_site: Path) -> None:
    glossary = (REPO / "docs" / "_snippets" / "abbreviations.md").read_text(encoding="utf-8")
    assert "*[LHQ]:" in glossary
    for path, abbreviation, expansion in [
        ("ke-hoach/index.html", "UBND", "Ủy ban nhân dân"),
        ("khuyen-nghi/p52/index.html", "CRC", "Công ước về quyền trẻ em"),
        ("en/tap-huan/m4-tu-phap-than-thien/index.html", "CRC", "Công ước về quyền trẻ em"),
    ]:
        titles = {a.text: a.get("title") for a in load(built_site / path).iter("abbr")}
        assert titles.get(abbreviation, "").startswith(expansion), (path, abbreviation)
