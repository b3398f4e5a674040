"""The nav a page carries does not grow with the site (mkdocs.yml: ``navigation.prune``).

A copy of the site gets a nested section of three pages inside "Nhiệm vụ", as the site will
grow. A page elsewhere carries one link to that section's first page, not the section; a page
inside it carries the whole section; and following nav links alone from either language's
home still reaches every page the nav lists, so pruning hides nothing from a reader."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from helpers import commit_all, copy_project, edit, run_mkdocs_build
from lxml import html

from thuynguyen_kb import site_config
from thuynguyen_kb.site_config import nav_pages

NESTED = [f"nhiem-vu/thu-{number}" for number in range(3)]
PAGE = """---
title: {title} {number}
description: {title} {number}, a page of a nested section.
---

# {title} {number}

{title}.
"""


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    for number, page in enumerate(NESTED):
        for suffix, title in ((".md", "Trang thử"), (".en.md", "Trial page")):
            (project / "docs" / f"{page}{suffix}").write_text(
                PAGE.format(title=title, number=number), encoding="utf-8"
            )
    entries = "".join(f"          - {page}.md\n" for page in NESTED)
    edit(
        project / "mkdocs.yml",
        "      - nhiem-vu/kinh-phi.md\n",
        f"      - nhiem-vu/kinh-phi.md\n      - Thử nghiệm:\n{entries}",
    )
    edit(project / "mkdocs.yml", "            Tập huấn: Training\n",
         "            Tập huấn: Training\n            Thử nghiệm: Trials\n")  # fmt: skip
    commit_all(project, "A nested section")
    site = project / "site"
    done = run_mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr
    return site


def nav_targets(site: Path, page: PurePosixPath) -> set[PurePosixPath]:
    """The pages (as ``folder/index.html``) that the primary nav of ``page`` links to."""
    document = html.fromstring((site / page).read_bytes())
    targets = set()
    for href in document.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href"):
        address = href.split("#")[0]
        if not address or "://" in address:
            continue
        joined = (site / page.parent / address).resolve()
        target = joined / "index.html" if address.endswith("/") or joined.is_dir() else joined
        targets.add(PurePosixPath(target.relative_to(site.resolve()).as_posix()))
    return targets


@pytest.mark.parametrize("home", ["", "en/"])
def test_a_page_elsewhere_links_to_the_nested_section_once(grown_site: Path, home: str) -> None:
    targets = nav_targets(grown_site, PurePosixPath(home + "ke-hoach/index.html"))
    first, *others = (PurePosixPath(f"{home}{page}/index.html") for page in NESTED)
    assert first in targets
    assert not targets & set(others)


@pytest.mark.parametrize("home", ["", "en/"])
def test_a_page_inside_the_nested_section_carries_it(grown_site: Path, home: str) -> None:
    targets = nav_targets(grown_site, PurePosixPath(f"{home}{NESTED[1]}/index.html"))
    assert {PurePosixPath(f"{home}{page}/index.html") for page in NESTED} <= targets


@pytest.mark.parametrize("home", ["", "en/"])
def test_nav_links_alone_reach_every_page_of_the_nav(grown_site: Path, home: str) -> None:
    start = PurePosixPath(f"{home}index.html")
    reached, waiting = {start}, [start]
    while waiting:
        for target in nav_targets(grown_site, waiting.pop()):
            if target not in reached and (grown_site / target).is_file():
                reached.add(target)
                waiting.append(target)
    config = site_config.read(grown_site.parent / "mkdocs.yml")
    listed = {PurePosixPath(home + built_address(page)) for page in nav_pages(config.nav)}
    assert {PurePosixPath(f"{home}{page}/index.html") for page in NESTED} <= listed
    assert listed - reached == set()


def built_address(source: str) -> str:
    """Where MkDocs writes the page of ``source`` (``a/b.md`` → ``a/b/index.html``)."""
    stem = source.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"
