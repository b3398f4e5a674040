"""The build hooks under overrides/hooks/, tested as plain functions."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import markdown
import pytest
from helpers import REPO
from mkdocs.exceptions import PluginError


def load_hook(name: str) -> ModuleType:
    """Import ``overrides/hooks/<name>.py`` the way MkDocs does: by path."""
    spec = importlib.util.spec_from_file_location(name, REPO / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def config_for(language: str) -> SimpleNamespace:
    return SimpleNamespace(theme={"language": language}, mdx_configs={}, markdown_extensions=[])


def test_permalink_titles_follow_the_language_and_do_not_stack() -> None:
    config = config_for("vi")
    element_permalinks.on_config(config)
    config.theme["language"] = "en"
    element_permalinks.on_config(config)
    assert config.mdx_configs["toc"]["permalink_title"] == "Permanent link to this item"
    (extension,) = config.markdown_extensions
    assert extension.title == "Permanent link to this item"


def test_a_language_without_a_permalink_title_stops_the_build() -> None:
    with pytest.raises(PluginError, match="no permalink title for language 'fr'"):
        element_permalinks.on_config(config_for("fr"))


def test_hooks_are_listed_in_mkdocs_yml() -> None:
    listed = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for hook in sorted(Path(REPO / "overrides" / "hooks").glob("*.py")):
        assert f"overrides/hooks/{hook.name}" in listed, hook.name
