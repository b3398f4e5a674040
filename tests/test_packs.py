"""The PDF session packs: each read back with a PDF library (pypdf, fontTools), not the browser.

The built site's packs are checked for what a trainer relies on: the right language, every
character drawn with a glyph of an embedded font, no navigation, a handout with no answers and
room to write, the answer key alone on its sheet, the M3 stages on separate sheets. The HTML
steps are checked on small pages, each with the bad input it must reject."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html
from pypdf import PdfReader

from thuynguyen_kb import downloads, layout
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.packs import documents, pdf
from thuynguyen_kb.packs.documents import Labels, PackError

LABELS = Labels(for_trainer="FOR THE TRAINER", answer_space="Answer:")
# Words only the site's navigation, header and footer show.
CHROME = {
    "vi": ["Tìm kiếm", "Mục lục", "Xây dựng bằng", "Chuyển đến nội dung chính"],
    "en": ["Skip to content", "Table of contents", "Made with"],
}
M3 = "m3-bao-ve-tre-em-xa-phuong"


def compact(text: str) -> str:
    """Text without spaces, composed (NFC): PDF text extraction splits letters from their tone
    marks and breaks lines anywhere, so only the characters can be compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def sheets(path: Path) -> list[str]:
    return [compact(page.extract_text() or "") for page in PdfReader(path).pages]


def embedded_characters(path: Path) -> set[str]:
    """Every character that a font embedded in the PDF has a glyph for."""
    found: set[str] = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert program is not None, f"{path.name}: font {font.get('/BaseFont')} not embedded"
            cmap = TTFont(io.BytesIO(program.get_object().get_data())).getBestCmap() or {}
            found |= {chr(code) for code in cmap}
    return found


def page_text(site: Path, page: str, lang: str, drop: tuple[str, ...] = ()) -> html.HtmlElement:
    """The article of a built page, without its permalink signs, its downloads box and the
    template's "report a problem" line, which no pack holds (and ``drop`` classes)."""
    prefix = "" if lang == layout.DEFAULT_LANGUAGE else f"{lang}/"
    built = html.parse(str(site / prefix / page.removesuffix(".md") / "index.html")).getroot()
    article = built.xpath('//article[contains(@class, "md-content__inner")]')[0]
    for name in ("headerlink", "downloads-box", "kb-page-feedback", *drop):
        for element in article.xpath(f'.//*[contains(concat(" ", @class, " "), " {name} ")]'):
            element.drop_tree()
    return article


def pdf_path(site: Path, module_id: str, lang: str, kind: str) -> Path:
    return site / downloads.module_pdf(module_id, lang, kind)  # type: ignore[arg-type]


def modules(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    return [(m.id, m.page, str(m.fields.handout)) for m in kb.of_type("module")]


# --- The built site's packs ------------------------------------------------------------------


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_every_pack_is_in_its_language_with_every_glyph_and_no_navigation(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    for module_id, page, handout in modules(kb):
        folder = page.rsplit("/", 1)[0]
        for kind, source in (("trainer", page), ("handout", f"{folder}/{handout}.md")):
            path = pdf_path(built_site, module_id, lang, kind)
            article = page_text(built_site, source, lang)
            text = "".join(sheets(path))
            title = compact(article.xpath(".//h1")[0].text_content())
            assert title in text, f"{path.name}: the {lang} title is missing"
            for word in CHROME[lang]:
                assert compact(word) not in text, f"{path.name}: navigation text {word!r}"
            have = embedded_characters(path)
            needed = set(compact(article.text_content())) - {"¶"}
            missing = {
                c for c in needed
                if c not in have and not set(unicodedata.normalize("NFD", c)) <= have
            }  # fmt: skip
            assert not missing, f"{path.name}: no glyph for {sorted(missing)}"


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_handouts_have_no_answers_and_a_place_to_write_under_each_question(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    answer_word = compact(kb.strings[lang]["pack_answer_space"])
    for module_id, page, handout in modules(kb):
        folder = page.rsplit("/", 1)[0]
        article = page_text(built_site, f"{folder}/{handout}.md", lang)
        questions = article.xpath(
            f'.//*[@id="{documents.HANDOUT_QUIZ_ID}"]/following-sibling::ol[1]/li'
        )
        text = "".join(sheets(pdf_path(built_site, module_id, lang, "handout")))
        banner = compact(kb.strings[lang]["pack_for_trainer"]).casefold()
        assert banner not in text.casefold()
        # The module's answer key: its first answer is nowhere in the handout.
        key = page_text(built_site, page, lang).xpath('.//details[contains(@class, "answer-key")]')
        first_answer = compact(key[0].xpath(".//li")[0].text_content())
        assert first_answer not in text, f"{module_id} {lang}: the handout holds an answer"
        assert text.count(answer_word) == len(questions) > 0, module_id


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_answer_key_has_a_sheet_of_its_own_in_the_trainers_copy(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    # The banner is printed in capitals (pack.css): compare without case.
    banner = compact(kb.strings[lang]["pack_for_trainer"]).casefold()
    for module_id, page, _ in modules(kb):
        article = page_text(built_site, page, lang)
        evaluation = compact(article.xpath('.//*[@id="evaluation"]')[0].text_content())
        last_question = compact(
            article.xpath('.//*[@id="quiz"]/following-sibling::ol[1]/li')[-1].text_content()
        )
        pages = [
            sheet.casefold() for sheet in sheets(pdf_path(built_site, module_id, lang, "trainer"))
        ]
        evaluation, last_question = evaluation.casefold(), last_question.casefold()
        at = [n for n, sheet in enumerate(pages) if banner in sheet]
        assert len(at) == 1, f"{module_id} {lang}: the banner is on sheets {at}"
        key = pages[at[0]]
        assert key.startswith(banner), f"{module_id} {lang}: the key's sheet starts with other text"
        assert last_question not in key and evaluation not in key
        assert pages[at[0] + 1].startswith(evaluation), f"{module_id} {lang}: text after the key"


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_m3_case_stages_are_on_separate_sheets(built_site: Path, lang: str) -> None:
    article = page_text(built_site, f"tap-huan/{M3}-tai-lieu.md", lang)
    stages = [
        compact(p.text_content())[:40]
        for p in article.xpath('.//p[contains(@class, "case-stage")]')
    ]
    assert len(stages) == 3
    pages = sheets(pdf_path(built_site, M3, lang, "handout"))
    where = [next(n for n, sheet in enumerate(pages) if stage in sheet) for stage in stages]
    assert len(set(where)) == 3, f"stages on sheets {where}"


@pytest.mark.parametrize("lang", layout.LANGUAGES)
def test_the_whole_pack_holds_every_module_and_handout(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    text = "".join(sheets(built_site / downloads.whole_pack_pdf(lang)))
    for module_id, page, handout in modules(kb):
        folder = page.rsplit("/", 1)[0]
        for source in (page, f"{folder}/{handout}.md"):
            title = page_text(built_site, source, lang).xpath(".//h1")[0].text_content()
            assert compact(title) in text, f"{module_id}: {title}"
    assert PdfReader(built_site / downloads.whole_pack_pdf(lang)).outline  # bookmarks


def test_packs_are_dated_from_their_sources_not_the_clock(
    built_site: Path, kb: KnowledgeBase
) -> None:
    module = kb.of_type("module")[0]
    info = PdfReader(pdf_path(built_site, module.id, "vi", "trainer")).metadata
    assert info is not None
    created = str(info["/CreationDate"])
    assert re.fullmatch(r"D:\d{8}", created), created  # a date, no time of day
    assert info["/Title"].startswith(module.title("vi"))


# --- The HTML steps, each with the input it must reject -----------------------------------

MODULE = """<h1 id="module">M9. Test</h1>
<h2 id="quiz">Quiz</h2><ol><li>One?</li></ol>
<details class="note answer-key"><summary>Answer key</summary><ol><li>Yes</li></ol></details>
<h2 id="evaluation">Evaluation</h2><p>See <a href="#quiz">the quiz</a>,
<a href="../other/">another page</a> and <a href="https://example.org/">a source</a>.</p>"""

HANDOUT = """<h1 id="tai-lieu">Handout M9</h1>
<h2 id="tinh-huong">Case</h2>
<p class="case-stage">Stage 1.</p><p class="case-stage">Stage 2.</p>
<p class="case-stage">Stage 3.</p>
<h2 id="cau-hoi">Quiz</h2><ol><li>One?</li><li>Two?</li></ol>"""


def test_the_trainers_copy_keeps_everything_and_gives_the_key_its_sheet() -> None:
    part = documents.trainer_part(MODULE, "m9", LABELS, "docs/m9.md")
    key = part.xpath('.//*[contains(@class, "answer-key")]')[0]
    assert key.tag == "div" and "own-sheet" in key.get("class")
    assert key.xpath('./p[@class="for-trainer"]')[0].text == "FOR THE TRAINER"
    assert not part.xpath(".//details|.//summary")
    assert part.xpath('.//a[@href="#m9--quiz"]') and part.xpath('.//*[@id="m9--quiz"]')
    assert part.xpath('.//a[@href="https://example.org/"]')
    assert not part.xpath('.//a[@href="../other/"]')  # paper cannot follow it; its text stays
    assert "another page" in part.text_content()


@pytest.mark.parametrize(
    "content, problem",
    [
        (MODULE.replace("answer-key", ""), "found 0 answer keys"),
        (MODULE + MODULE.split('<h2 id="evaluation">')[0].split("</ol>", 1)[1], "found 2"),
    ],
)
def test_a_module_without_exactly_one_answer_key_is_rejected(content: str, problem: str) -> None:
    with pytest.raises(PackError, match=problem) as error:
        documents.trainer_part(content, "m9", LABELS, "docs/tap-huan/m9.md")
    assert str(error.value).startswith("docs/tap-huan/m9.md:")


def test_a_handout_gets_answer_lines_and_stage_cards() -> None:
    part = documents.handout_part(HANDOUT, "h9", LABELS, "docs/h9.md")
    for question in part.xpath('.//*[@id="h9--cau-hoi"]/following-sibling::ol[1]/li'):
        lines = question.xpath('.//span[@class="answer-line"]')
        assert len(lines) == documents.ANSWER_LINES and lines[0].text == "Answer:"
    titles = part.xpath('.//p[contains(@class, "card-title")]')
    assert [t.text for t in titles] == ["Case", "Case"]  # before stages 2 and 3, not 1
    assert all("own-sheet" in t.get("class") for t in titles)


@pytest.mark.parametrize(
    "content, problem",
    [
        (HANDOUT + '<details class="answer-key"><summary>A</summary></details>', "answer key"),
        (HANDOUT.replace('id="cau-hoi"', 'id="quiz"'), "no quiz section"),
        (HANDOUT.replace("<ol><li>One?</li><li>Two?</li></ol>", "<p>None</p>"), "no numbered"),
    ],
)
def test_a_handout_that_cannot_be_printed_safely_is_rejected(content: str, problem: str) -> None:
    with pytest.raises(PackError, match=problem):
        documents.handout_part(content, "h9", LABELS, "docs/h9.md")


def test_ids_stay_unique_when_parts_share_a_document() -> None:
    parts = [documents.trainer_part(MODULE, name, LABELS, "x") for name in ("m8", "m9")]
    page = documents.document(parts, lang="en", title="T", cover=None, meta={})
    ids = html.fromstring(page).xpath("//@id")
    assert len(ids) == len(set(ids))


# --- Rendering --------------------------------------------------------------------------------


def test_the_same_document_gives_the_same_bytes_and_the_cache_is_keyed_by_content(
    tmp_path: Path,
) -> None:
    part = documents.trainer_part(MODULE, "m9", LABELS, "x")
    page = documents.document([part], lang="vi", title="Thử", cover=None, meta={})
    css = pdf.stylesheet()
    assert pdf.render(page, css) == pdf.render(page, css)
    assert pdf.write(page, css, tmp_path / "a.pdf", tmp_path / "cache") is False
    assert pdf.write(page, css, tmp_path / "b.pdf", tmp_path / "cache") is True
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    changed = page.replace("Test", "Test 2")
    assert pdf.write(changed, css, tmp_path / "c.pdf", tmp_path / "cache") is False


@pytest.mark.parametrize(
    "element",
    ['<img src="file:///etc/passwd" alt="x">', '<img src="http://127.0.0.1:9/x.png" alt="x">'],
)
def test_a_pack_may_not_load_anything(element: str) -> None:
    page = f'<html lang="en"><head><title>T</title></head><body><p>{element}</p></body></html>'
    with pytest.raises(pdf.FetchRefusedError, match="may not load"):
        pdf.render(page, pdf.stylesheet())
