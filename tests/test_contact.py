"""Who publishes the site and where readers write to: the settings and their checks, the contact
page's marker, and the "report a problem with this page" link of every page (its address, its
encoding, a publication build that stops without an address)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2
import pytest
from helpers import REPO, TEST_CONTACT_EMAIL, copy_project, load, site_pages
from lxml import html
from mkdocs.exceptions import PluginError
from test_hooks import load_hook
from test_publish_safety import set_field

from thuynguyen_kb import build_state, contact
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.render import contact as render

hook = load_hook("contact")
# Quotes, ampersands, a lone '<', an escaped tag and a line break that would add a header line
# ("Bcc:") to the message if it reached the subject as it is.
HOSTILE = "Nhiệm vụ \"A\" & 'B' < C > D &lt;b&gt;\nBcc: someone@example.org"
ONE_LINE = "Nhiệm vụ \"A\" & 'B' < C > D &lt;b&gt; Bcc: someone@example.org"


def mail_parts(href: str) -> dict[str, str]:
    """A mailto: address read back as a mail program reads it: recipient, subject, body."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"} and all(len(v) == 1 for v in query.values())
    return {"to": unquote(parts.path), "subject": query["subject"][0], "body": query["body"][0]}


def with_contact(kb: KnowledgeBase, email: str | None, publisher: str | None = None):
    return SimpleNamespace(strings=kb.strings, contact=contact.Contact(email, publisher))


# --- The settings ---------------------------------------------------------------------------


def test_an_address_is_checked_and_normalised() -> None:
    assert contact.email_address(" Bien-Tap@Example.ORG ") == "Bien-Tap@example.org"
    assert contact.email_address(None) is None
    assert contact.email_address("  ") is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("bien-tap", "must have an @-sign"),
        ("bien tap@example.org", "invalid characters"),
        ("a@example.org\nBcc: b@example.org", "invalid characters"),
        ("a@example.org?cc=b@example.org", "invalid characters"),
        ("<a@example.org>", "angle brackets"),
        ("a@example.invalid", "special-use or reserved name"),
        (123, "found a number"),
    ],
)
def test_an_address_that_is_not_one_is_refused_naming_the_variable(value: object, why: str) -> None:
    with pytest.raises(contact.ContactError) as error:
        contact.email_address(value)
    assert str(error.value).startswith(f"CONTACT_EMAIL={value!r} is not an e-mail address")
    assert why in str(error.value)


def test_a_publisher_is_one_line_of_plain_text() -> None:
    assert contact.publisher_name('  Nhóm biên tập < 16 & "B" ') == 'Nhóm biên tập < 16 & "B"'
    for value, why in [
        ("Nhóm <b>A</b>", "holds the HTML tag <b>"),
        ("Nhóm\nA", "not one line"),
        ("x" * 201, "at most 200"),
        (True, "found a yes/no value"),
    ]:
        with pytest.raises(contact.ContactError, match="SITE_PUBLISHER=") as error:
            contact.publisher_name(value)
        assert why in str(error.value)


def test_a_build_for_publication_needs_an_address() -> None:
    found = contact.publication_problem("https://example.org/", None)
    assert found is not None and found.startswith("CONTACT_EMAIL is not set")
    assert "SITE_URL=https://example.org/" in found
    assert contact.publication_problem(None, None) is None
    assert contact.publication_problem("https://example.org/", TEST_CONTACT_EMAIL) is None
    with pytest.raises(contact.ContactError, match="CONTACT_EMAIL is not set"):
        contact.read({"publisher": "Nhóm"}, "https://example.org/")
    assert contact.read({"contact_email": TEST_CONTACT_EMAIL}, None) == contact.Contact(
        TEST_CONTACT_EMAIL
    )


def test_the_hook_stops_a_build_that_could_not_be_published() -> None:
    config = SimpleNamespace(extra={"contact_email": None}, site_url="https://example.org/")
    with pytest.raises(PluginError, match="CONTACT_EMAIL is not set"):
        hook.on_config(config)
    config.extra["contact_email"] = "bien-tap"
    with pytest.raises(PluginError, match="CONTACT_EMAIL='bien-tap' is not an e-mail address"):
        hook.on_config(config)


# --- The link of every page -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_link_carries_the_title_and_address_whatever_the_title(
    kb: KnowledgeBase, lang: str
) -> None:
    address = "https://example.org/en/nhiem-vu/a/"
    feedback = render.page_feedback(with_contact(kb, TEST_CONTACT_EMAIL), lang, HOSTILE, address)
    text = kb.strings[lang]
    assert feedback.href is not None and feedback.text == text["feedback_link"]
    assert not set(feedback.href) & set(" \"'<>\n\r")  # every such character percent-encoded
    parts = mail_parts(feedback.href)
    assert parts["to"] == TEST_CONTACT_EMAIL
    assert parts["subject"] == text["feedback_subject"].format(title=ONE_LINE)
    lines = parts["body"].split("\r\n")
    assert lines[:2] == [
        text["feedback_page"].format(title=ONE_LINE),
        text["feedback_address"].format(address=address),
    ]
    assert text["feedback_prompt"] in lines


def test_a_missing_page_asks_for_the_address_the_reader_opened(kb: KnowledgeBase) -> None:
    feedback = render.page_feedback(
        with_contact(kb, TEST_CONTACT_EMAIL), "en", "Page not found (404)", "/en/404.html",
        missing_page=True,
    )  # fmt: skip
    assert kb.strings["en"]["feedback_prompt_missing"] in mail_parts(feedback.href)["body"]


def test_without_an_address_the_page_says_so_and_points_to_the_contact_page(
    kb: KnowledgeBase,
) -> None:
    feedback = render.page_feedback(with_contact(kb, None), "vi", "Trang", "/x/", "lien-he/")
    assert feedback.href is None
    assert feedback.text == kb.strings["vi"]["feedback_unset"]
    assert feedback.contact_url == f"lien-he/#{render.CONTACT_SECTION}"


def render_partial(context: dict[str, object]) -> html.HtmlElement:
    """``partials/page-feedback.html`` rendered by Jinja as MkDocs does (no autoescaping), with
    Material's ``url`` filter standing in as the identity."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"))
    environment.filters["url"] = lambda value: value
    text = environment.get_template("partials/page-feedback.html").render(**context)
    return html.fragment_fromstring(text, create_parent="div")


def test_the_template_escapes_the_link_for_its_attribute(kb: KnowledgeBase) -> None:
    feedback = render.page_feedback(with_contact(kb, TEST_CONTACT_EMAIL), "vi", HOSTILE, "/a/")
    (link,) = render_partial({"kb_feedback": feedback}).xpath("//p/a")
    assert link.get("href") == feedback.href  # '&' between the parts read back as '&'
    assert link.text == kb.strings["vi"]["feedback_link"]
    unset = render.page_feedback(with_contact(kb, None), "vi", HOSTILE, "/a/", 'x/"><b>/')
    paragraph = render_partial({"kb_feedback": unset}).xpath("//p")[0]
    assert [a.get("href") for a in paragraph.xpath("a")] == ['x/"><b>/#gop-y']
    assert not paragraph.xpath("//b")


def test_the_hook_gives_a_page_its_absolute_address_once_the_site_has_one(
    kb: KnowledgeBase,
) -> None:
    build_state.knowledge_base = with_contact(kb, TEST_CONTACT_EMAIL)
    try:
        config = SimpleNamespace(theme={"language": "en"}, site_name="S", site_url=None)
        page = SimpleNamespace(
            meta={"title": "T"}, title="T", url="en/x/", canonical_url="https://example.org/en/x/"
        )
        nav = SimpleNamespace(
            pages=[
                SimpleNamespace(file=SimpleNamespace(src_uri="lien-he.en.md"), url="en/lien-he/")
            ]
        )
        context = hook.on_page_context({"nav": nav}, page, config, nav)
        assert (
            "Address: https://example.org/en/x/" in mail_parts(context["kb_feedback"].href)["body"]
        )
        assert context["kb_site_links"]["links"] == [{"label": "Contact", "url": "en/lien-he/"}]
        page.canonical_url = None
        context = hook.on_page_context({"nav": nav}, page, config, nav)
        assert "Address: /en/x/" in mail_parts(context["kb_feedback"].href)["body"]
        context = hook.on_template_context({"nav": nav}, "404.html", config)
        assert "Address: /en/404.html" in mail_parts(context["kb_feedback"].href)["body"]
        assert "kb_feedback" not in hook.on_template_context({}, "sitemap.xml", config)
    finally:
        build_state.knowledge_base = None


# --- The contact page's marker --------------------------------------------------------------


def test_the_contact_marker_says_plainly_what_is_not_set(kb: KnowledgeBase) -> None:
    unset = with_contact(kb, None)
    for lang in ("vi", "en"):
        text = kb.strings[lang]
        assert render.render_contact(unset, "email", lang) == text["contact_email_unset"]
        assert render.render_contact(unset, "publisher", lang) == text["contact_publisher_unset"]


def test_the_contact_marker_gives_the_configured_values_as_text(kb: KnowledgeBase) -> None:
    configured = with_contact(kb, "bien_tap@example.org", "Nhóm *A* [B](x) < C")
    published = render.render_contact(configured, "publisher", "en")
    assert published == r"Published by: **Nhóm \*A\* \[B\](x) &lt; C**."
    email = render.render_contact(configured, "email", "en")
    assert email.endswith(r"[bien\_tap@example.org](mailto:bien_tap@example.org)")


# --- Builds ---------------------------------------------------------------------------------


def mkdocs_build(project: Path, site: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """A strict build of ``project`` with the given environment variables (and no others of
    this file's: SITE_URL, CONTACT_EMAIL, SITE_PUBLISHER, OFFLINE_COPY)."""
    names = ("SITE_URL", "CONTACT_EMAIL", "SITE_PUBLISHER", "OFFLINE_COPY")
    env = {k: v for k, v in os.environ.items() if k not in names}
    env.update(NO_MKDOCS_2_WARNING="1", PDF_PACKS="false", **variables)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def test_a_build_for_publication_without_an_address_stops_at_once(tmp_path: Path) -> None:
    result = mkdocs_build(REPO, tmp_path / "site", SITE_URL="https://example.org/")
    assert result.returncode == 1
    assert "CONTACT_EMAIL is not set, and a build for publication" in result.stderr
    assert not (tmp_path / "site").exists()  # stopped before anything was written


@pytest.fixture(scope="module")
def published_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for publication with an address, a publisher's name and a hostile title."""
    root = copy_project(tmp_path_factory.mktemp("contact"))
    set_field(root / "docs" / "nhiem-vu" / "kinh-phi.md", "title", HOSTILE)
    site = root / "site"
    result = mkdocs_build(
        root, site, SITE_URL="https://thuynguyen.example.org/",
        CONTACT_EMAIL=TEST_CONTACT_EMAIL, SITE_PUBLISHER='Nhóm "A" & B < C',
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def feedback_href(page: html.HtmlElement) -> str:
    (link,) = page.xpath("//article//p[@class='kb-page-feedback']/a")
    return str(link.get("href"))


def test_a_published_page_gives_its_absolute_address_whatever_its_title(
    published_copy: Path, kb: KnowledgeBase
) -> None:
    text = kb.strings["vi"]
    parts = mail_parts(feedback_href(load(published_copy / "nhiem-vu" / "kinh-phi" / "index.html")))
    assert parts["subject"] == text["feedback_subject"].format(title=ONE_LINE)
    address = text["feedback_address"].format(
        address="https://thuynguyen.example.org/nhiem-vu/kinh-phi/"
    )
    assert address in parts["body"].split("\r\n")
    for page, expected in [
        ("en/ke-hoach/index.html", "Address: https://thuynguyen.example.org/en/ke-hoach/"),
        ("en/404.html", "Address: https://thuynguyen.example.org/en/404.html"),
    ]:
        assert expected in mail_parts(feedback_href(load(published_copy / page)))["body"]


def test_the_published_contact_page_gives_the_publisher_and_the_address(
    published_copy: Path,
) -> None:
    page = load(published_copy / "en" / "lien-he" / "index.html")
    words = " ".join(page.xpath("//article")[0].text_content().split())
    assert 'Published by: Nhóm "A" & B < C.' in words
    assert page.xpath(f"//article//a[@href='mailto:{TEST_CONTACT_EMAIL}']")


def test_every_built_page_has_the_link_with_its_own_address(
    built_site: Path, kb: KnowledgeBase
) -> None:
    # The tests' site is built without SITE_URL: each page's address is its path.
    pages = site_pages(built_site)
    assert {"", "en/", "404.html", "en/404.html", "lien-he/", "en/kha-nang-tiep-can/"} <= set(pages)
    wrong = {}
    for path in pages:
        page = load(built_site / (path if path.endswith(".html") else path + "index.html"))
        parts = mail_parts(feedback_href(page))
        text = kb.strings["en" if path.startswith("en/") else "vi"]
        lines = parts["body"].split("\r\n")
        title = page.findtext(".//title").rsplit(" - ", 1)[0]
        if path.endswith("404.html"):
            title = text["not_found"]["title"]
        if (
            parts["to"] != TEST_CONTACT_EMAIL
            or text["feedback_address"].format(address=f"/{path}") not in lines
            or parts["subject"] != text["feedback_subject"].format(title=title)
        ):
            wrong[path] = parts
    assert wrong == {}
