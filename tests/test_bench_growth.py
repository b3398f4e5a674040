"""benchmarks/bench_growth.py: its synthetic pages and nav entries pass the build's checks and
appear in both languages' built nav (one build of a copy with three pages per language), and
its arguments refuse a size that is no number of pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LANGUAGE_HOMES, load, load_benchmark

SYNTHETIC = 3


bench = load_benchmark("bench_growth")


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A copy with SYNTHETIC pages per language, built; its pages (docs-relative, vi)."""
    work = tmp_path_factory.mktemp("bench-growth")
    project = bench.copy_project(work / "project")
    pages = bench.add_synthetic_pages(project, SYNTHETIC)
    site = work / "site"
    run = bench.build(project, site)  # raises, with the build's output, if a check refuses
    assert run.status == 0 and run.cpu > 0
    return project, site, pages


def test_the_generator_writes_each_page_in_both_languages(
    grown: tuple[Path, Path, list[str]],
) -> None:
    project, _, pages = grown
    assert len(pages) == SYNTHETIC
    assert len({Path(page).parent for page in pages}) == SYNTHETIC  # spread over sections
    for page in pages:
        assert (project / "docs" / page).is_file()
        assert (project / "docs" / page.replace(".md", ".en.md")).is_file()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("      - Trang thêm:\n") == SYNTHETIC
    assert "site_url: !ENV [SITE_URL, null]" in config  # the rest of the file is kept


@pytest.mark.parametrize("lang", LANGUAGE_HOMES)
def test_the_synthetic_pages_appear_in_the_built_nav(
    grown: tuple[Path, Path, list[str]], lang: str
) -> None:
    _, site, pages = grown
    home = load(site / LANGUAGE_HOMES[lang] / "index.html")
    nav = home.xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    links = {href.removeprefix("./") for href in nav.xpath(".//a/@href")}
    for page in pages:
        assert page.removesuffix(".md") + "/" in links
    title = "Trang thêm 1:" if lang == "vi" else "Additional page 1:"
    built = load(site / LANGUAGE_HOMES[lang] / pages[0].removesuffix(".md") / "index.html")
    assert built.xpath("//h1")[0].text_content().startswith(title)
    # The nested section is open, with its name, on its own pages (navigation.prune shows it
    # elsewhere as a link to its first page).
    own_nav = built.xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    labels = " ".join(own_nav.xpath(".//label//text()"))
    assert bench.SECTION_LABEL[0 if lang == "vi" else 1] in labels


def test_a_config_without_nav_sections_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - index.md\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mkdocs.yml: no nav section"):
        bench.add_synthetic_pages(tmp_path, 2)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sizes", "abc"], "not a number of pages (found 'abc', expected a whole number"),
        (["--sizes", "0", "-5"], "a number of pages cannot be negative (found -5, expected 0"),
        (["--sizes", "0", "100", "--preview-sizes", "400"], "--preview-sizes [400] not among"),
    ],
)
def test_a_bad_size_is_refused_with_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench.main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err
