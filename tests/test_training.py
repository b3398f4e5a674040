"""Training materials as built: the module index and the body pages' training lists follow the
modules' front matter; every module has its sections, sources, handout and shorter agendas;
abbreviations show as tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, REPO, article, load, record_page, text_lines

from thuynguyen_kb import downloads
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.render.links import item_label
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
    (heading,) = index.xpath(".//h2[@id='cac-bai']")
    table = next(e for e in heading.itersiblings() if e.tag in ("table", "div"))
    rows = table.xpath(".//tbody/tr")
    modules = kb.of_type("module")
    assert len(rows) == len(modules)
    for row, module in zip(rows, modules, strict=True):
        fields = module.fields
        title, audience, lengths, tasks, materials = row.xpath("./th|./td")
        assert title.tag == "th" and title.get("scope") == "row"
        # The title links to the module and keeps the id the module had in the index (#m3).
        (link,) = title.xpath("./a")
        assert link.get("id") == fields.code.lower()
        assert link.text_content() == module.title(lang)
        assert link.get("href") == module.id + "/"
        assert audience.text_content() == module.text(lang).audience
        minutes = ", ".join(map(str, [fields.duration, *sorted(fields.variants, reverse=True)]))
        assert lengths.text_content() == kb.strings[lang]["minutes"].format(n=minutes)
        assert tasks.text_content() == ", ".join(
            item_label(kb.records[t].fields.plan_ref) for t in fields.tasks
        )
        hrefs = [a.get("href") for a in materials.xpath("./a")]
        prefix = "../" * (2 if LANGUAGE_HOMES[lang] else 1)
        assert hrefs == [
            fields.handout + "/",
            prefix + downloads.module_pdf(module.id, lang, "trainer"),
            prefix + downloads.module_pdf(module.id, lang, "handout"),
        ]


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_every_module_offers_its_shorter_agendas_under_the_full_one(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for module in kb.of_type("module"):
        fields = module.fields
        assert fields.duration <= module_rules.REQUIRED_VARIANT or (
            module_rules.REQUIRED_VARIANT in fields.variants
        ), module.id
        page = record_page(built_site, lang, module.page)
        (agenda,) = page.xpath(".//h2[@id='agenda']")
        section = []
        for sibling in agenda.itersiblings():
            if sibling.tag == "h2":
                break
            section.append(sibling)
        # (A table may come wrapped in a scrolling region: look inside the elements.)
        full = next(e for e in section if e.tag != "details" and e.xpath("self::table|.//table"))
        full = full if full.tag == "table" else full.xpath(".//table")[0]
        blocks = [e for e in section if e.tag == "details"]
        # Collapsed, so that the full agenda is what a trainer sees first.
        assert all("agenda-variant" in b.get("class", "").split() for b in blocks), module.id
        assert all(b.get("open") is None for b in blocks), module.id
        assert len(blocks) == len(fields.variants), module.id
        activities = {a.get("id") for a in page.xpath(".//h3[starts-with(@id, 'hoat-dong-')]")}
        for block, minutes in zip(blocks, sorted(fields.variants, reverse=True), strict=True):
            assert str(minutes) in block.xpath("./summary")[0].text_content(), module.id
            (table,) = block.xpath(".//table")
            assert text_lines(table.xpath(".//thead")[0]) == text_lines(full.xpath(".//thead")[0])
            rows = table.xpath(".//tbody/tr")
            assert sum(int(r.xpath("./td")[0].text_content()) for r in rows) == minutes
            targets = {a.get("href").removeprefix("#") for a in table.xpath(".//a")}
            assert targets <= activities, (module.id, minutes, targets - activities)
            # Under the table, the trainer reads how the activities are shortened.
            assert block.xpath("./p/strong"), (module.id, minutes)


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
