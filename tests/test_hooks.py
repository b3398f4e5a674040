"""The build hooks under overrides/hooks/, tested as plain functions."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from helpers import REPO, load_hook, write_project
from mkdocs.exceptions import PluginError

from thuynguyen_kb import build_state
from thuynguyen_kb.knowledge import KnowledgeBase

slugs = load_hook("slugs")
element_permalinks = load_hook("element_permalinks")


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Mục đích", "muc-dich"),
        ("Đề nghị Tòa án nhân dân thành phố:", "de-nghi-toa-an-nhan-dan-thanh-pho"),
        ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "ii-nhiem-vu-va-giai-phap"),
        ("Who does what?", "who-does-what"),
    ],
)
def test_slugs_are_ascii_and_keep_d(heading: str, slug: str) -> None:
    assert slugs.slugify(heading, "-") == slug


def render(text: str, title: str = "Link") -> str:
    extension = element_permalinks.ElementPermalinksExtension(title)
    return markdown.markdown(text, extensions=["attr_list", extension])


def test_paragraph_with_id_gets_a_permalink() -> None:
    assert render("1\\. Tiếp tục.\n{ #ii-1 }", "Liên kết") == (
        '<p id="ii-1">1. Tiếp tục. <a class="headerlink" href="#ii-1" title="Liên kết">¶</a></p>'
    )


def test_paragraph_without_id_gets_none() -> None:
    assert "headerlink" not in render("Một đoạn văn.")


def config_for(language: str, docs: Path = REPO / "docs") -> SimpleNamespace:
    return SimpleNamespace(
        theme={"language": language},
        mdx_configs={},
        markdown_extensions=[],
        docs_dir=str(docs),
        config_file_path=str(docs.parent / "mkdocs.yml"),
        site_dir=str(docs.parent / "site"),
    )


def test_permalink_titles_follow_the_language_and_do_not_stack() -> None:
    config = config_for("vi")
    element_permalinks.on_config(config)
    config.theme["language"] = "en"
    element_permalinks.on_config(config)
    assert config.mdx_configs["toc"]["permalink_title"] == "Permanent link to this item"
    (extension,) = config.markdown_extensions
    assert extension.title == "Permanent link to this item"


def test_a_missing_permalink_title_is_left_to_the_rules(tmp_path: Path) -> None:
    # No strings file: no tooltip, no crash here; the rules stop the build with the file named
    # (tests/test_rules.py).
    config = config_for("vi", tmp_path / "docs")
    element_permalinks.on_config(config)
    assert config.mdx_configs["toc"]["permalink_title"] == ""


def test_hooks_are_listed_in_mkdocs_yml() -> None:
    listed = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for hook in sorted(Path(REPO / "overrides" / "hooks").glob("*.py")):
        assert f"overrides/hooks/{hook.name}" in listed, hook.name


knowledge_base = load_hook("knowledge_base")
search_index = load_hook("search_index")


def page_for(src_uri: str, locale: str, url: str = "", title: str = "") -> SimpleNamespace:
    """A page as MkDocs and mkdocs-static-i18n hand it to the hooks."""
    file = SimpleNamespace(src_uri=src_uri, locale=locale, abs_dest_path=f"/nowhere/{src_uri}")
    return SimpleNamespace(file=file, meta={}, url=url, title=title)


def test_knowledge_base_hook_reads_once_and_fills_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "---\ntype: body\nid: {id}\norder: {order}\ntitle: {vi}\ndescription: M.\n---\n\n# B\n"
    root = write_project(
        tmp_path,
        {
            "co-quan/a.md": body.format(id="a", order=1, vi="Cơ quan A"),
            "co-quan/a.en.md": "---\ntitle: Body A\ndescription: D.\n---\n\n# B\n",
            "co-quan/b.md": body.format(id="b", order=2, vi="Cơ quan B"),  # not translated
        },
    )
    monkeypatch.chdir(root)
    knowledge_base.on_pre_build(config_for("vi", root / "docs"))
    first = knowledge_base._run["kb"]
    english = config_for("en", root / "docs")
    knowledge_base.on_pre_build(english)  # the English build reuses what was read
    assert knowledge_base._run["kb"] is first
    marker = "Trước\n\n<!-- kb:index type=body style=short -->\n"
    vi = knowledge_base.on_page_markdown(marker, page_for("co-quan/index.md", "vi"), None, None)
    en = knowledge_base.on_page_markdown(
        marker, page_for("co-quan/index.en.md", "en"), english, None
    )
    assert vi.splitlines()[-2:] == ["- [Cơ quan A](a.md)", "- [Cơ quan B](b.md)"]
    assert en.splitlines()[-2:] == [
        "- [Body A](a.md)",
        '- [Cơ quan B](b.md){ lang="vi" hreflang="vi" } (not yet translated)',
    ]
    # A page shown untranslated on the English site is filled in its own language.
    shown = knowledge_base.on_page_markdown(
        marker, page_for("co-quan/index.md", "vi"), english, None
    )
    assert shown == vi


def test_knowledge_base_hook_sets_a_recommendations_tags_in_each_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    knowledge_base.on_pre_build(config_for("vi"))
    labels = {}
    for language, src in (("vi", "khuyen-nghi/p30.md"), ("en", "khuyen-nghi/p30.en.md")):
        page = page_for(src, language)
        knowledge_base.on_page_markdown("# P\n", page, None, None)
        labels[language] = page.meta["tags"]
    assert labels["vi"][0] == "Bạo lực đối với trẻ em"
    assert labels["en"][0] == "Violence against children"


def test_knowledge_base_hook_stops_on_a_broken_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (docs / "index.md").write_text("---\ntitle: T\n---\n\n# T\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PluginError, match=r"docs/index.md:1: FRONT-MATTER-FIELD .*'description'"):
        knowledge_base.on_pre_build(config_for("vi", docs))
    assert "kb" not in knowledge_base._run  # nothing half-read is left for the next language


@pytest.mark.parametrize(("language", "prefix"), [("vi", ""), ("en", "en/")])
def test_search_index_hook_collects_only_the_language_being_built(
    tmp_path: Path, language: str, prefix: str
) -> None:
    config = config_for(language, tmp_path / "docs")
    texts = {
        "did_you_mean": "Did you mean:",
        "glossary": "Terms:",
        "browse": "Browse:",
        "near": "For:",
    }
    strings = {language: {"search": texts}}  # no search terms
    build_state.knowledge_base = KnowledgeBase({}, {}, {}, {}, strings, set(), {})
    search_index.on_pre_build(config)
    html = '<h1 id="t">Trẻ em</h1><p>Quyền trẻ em.</p>'
    own = page_for("a.md", language, f"{prefix}a/", "A")
    other = page_for("b.md", "vi" if language == "en" else "en", f"{prefix}b/", "B")
    search_index.on_page_content(html, own, config, None)
    search_index.on_page_content(html, other, config, None)  # shown untranslated: left out
    try:
        search_index.on_post_build(config)
    finally:
        build_state.knowledge_base = None
    folder = tmp_path / "site" / prefix / "search-kb"
    assert '"count":1' in (folder / "meta.js").read_text(encoding="utf-8")
    assert '"a/#t"' in (folder / "d-0.js").read_text(encoding="utf-8")


def test_the_404_pages_way_back_is_the_first_level_of_the_nav() -> None:
    hook = load_hook("not_found_page")
    home = SimpleNamespace(is_page=True, url="en/", title="Home")
    plan = SimpleNamespace(is_page=True, url="en/ke-hoach/", title="The plan in full")
    empty = SimpleNamespace(is_page=False, children=[], title="Nothing yet")
    section = SimpleNamespace(is_page=False, children=[empty, plan], title="The plan")
    nav = SimpleNamespace(items=[home, empty, section])
    assert hook.way_back(nav, "/sub") == [
        {"title": "Home", "href": "/sub/en/"},
        {"title": "The plan", "href": "/sub/en/ke-hoach/"},  # a section, by its name
    ]  # a section with no page is left out: a way back never leads nowhere
    context = {"nav": nav}
    assert hook.on_template_context(context, "main.html", None) is context  # other pages
