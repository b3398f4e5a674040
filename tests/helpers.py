"""Small helpers for tests: where things are, building a copy of the site, copying fixtures,
and reading built pages as a person would read their text."""

from __future__ import annotations

import filecmp
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from lxml import html

from thuynguyen_kb import knowledge, loader, rules, site_config
from thuynguyen_kb.problems import Problem

REPO = Path(__file__).resolve().parent.parent
LANGUAGE_HOMES = {"vi": "", "en": "en/"}  # where each language's pages are built
FIXTURES = REPO / "tests" / "fixtures"
# What `mkdocs build` and `make checks` read; copied for tests that inject bad input.
SITE_SOURCES = (
    "Makefile", "pyproject.toml", "mkdocs.yml", "mkdocs.offline.yml", "docs", "overrides",
    "scripts", "src",
)  # fmt: skip
IGNORED_IN_COPIES = shutil.ignore_patterns("__pycache__", "*.egg-info")
# The contact address of the tests' builds of the site (CONTACT_EMAIL): a name that says what it
# is, at a domain reserved for examples (RFC 2606), so that it can never reach anyone.
TEST_CONTACT_EMAIL = "not-a-real-address@example.org"


def copy_project(target: Path, history: bool = True) -> Path:
    """A copy of the site's sources in ``target`` (created), safe to break.

    The copy is a git repository with one commit of everything, made now, so that its pages
    have dates, as in a clone (the build stops without history); ``history=False`` leaves it
    a plain folder, as a tarball is.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORED_IN_COPIES)
        else:
            shutil.copy2(source, target / name)
    if history:
        git(target, "init", "--quiet")
        commit_all(target, "A copy of the site's sources")
    return target


def git(root: Path, *arguments: str, when: str | None = None) -> str:
    """Run git in ``root`` as a test author, without the user's hooks or signing; ``when``
    (e.g. ``2031-03-02T10:00:00+07:00``) dates a commit. Return what git printed."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    options = ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    options += ["-c", "init.defaultBranch=main"]
    done = subprocess.run(
        ["git", *options, *arguments], cwd=root, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout


def commit_all(root: Path, message: str, when: str | None = None) -> None:
    """Commit every file of ``root`` (a git repository) as it is now."""
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--allow-empty", "-m", message, when=when)


def write_project(root: Path, files: dict[str, str], strings: bool = True) -> Path:
    """A small project in ``root``: ``mkdocs.yml`` and the given files under ``docs/``.

    The site's real interface strings are copied in unless ``strings`` is false.
    """
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    if strings:
        shutil.copytree(REPO / "docs" / "_data" / "strings", root / "docs" / "_data" / "strings")
    for rel, text in files.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def load_knowledge_base(project: Path) -> tuple[knowledge.KnowledgeBase, list[Problem]]:
    """The knowledge base of ``project`` and every problem the rules find in it."""
    sources = loader.load(project / "docs", site_config.read(project / "mkdocs.yml"))
    kb = knowledge.assemble(sources)
    return kb, rules.check(sources, kb)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` by ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_line(path: Path, text: str) -> int:
    """Append ``text`` after a blank line; return the line number of its first line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines, "", text, ""]), encoding="utf-8")
    return len(lines) + 2


def run_mkdocs_build(
    project: Path, site_dir: Path, pdf_packs: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a strict build of ``project`` into ``site_dir``; return the finished process.

    Without PDF packs unless asked: a throw-away copy's pages have dates no cached PDF has, so
    every pack would be rendered anew (a minute per build). ``env`` adds to the environment
    (``SITE_URL`` and ``OFFLINE_COPY`` are unset unless given there)."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SITE_URL", "OFFLINE_COPY")},
        "NO_MKDOCS_2_WARNING": "1",
        "PDF_PACKS": str(pdf_packs).lower(),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """Copy ``tests/fixtures/<name>`` into ``tmp_path`` and return the copy."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def assert_untouched(original: Path, copy: Path) -> None:
    """Fail unless ``copy`` holds exactly the files of ``original``, byte for byte."""
    names = sorted(path.relative_to(original) for path in original.rglob("*"))
    assert names == sorted(path.relative_to(copy) for path in copy.rglob("*"))
    for name in names:
        if (original / name).is_file():
            assert filecmp.cmp(original / name, copy / name, shallow=False), name


# Elements after which a reader sees a new line.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_SPACES = re.compile(r"\s+")


def load(path: Path) -> html.HtmlElement:
    """Parse a built HTML page."""
    return html.fromstring(path.read_bytes())


def text_lines(element: html.HtmlElement) -> list[str]:
    """The visible lines of ``element``: one per block or ``<br>``, spaces collapsed.

    Permalink marks ("¶") are left out: they are navigation, not text; so is the "report a
    problem" line that the template adds to every page (``kb-page-feedback``).
    """
    element = html.fromstring(html.tostring(element, encoding="unicode"))  # work on a copy
    for link in element.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        link.drop_tree()
    for line in element.xpath(".//*[contains(concat(' ', @class, ' '), ' kb-page-feedback ')]"):
        line.drop_tree()
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in BLOCK_TAGS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
        elif node.tag == "br":
            node.tail = "\n" + (node.tail or "")
    text = "".join(element.itertext())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def by_class(element: html.HtmlElement, name: str) -> list[html.HtmlElement]:
    """Descendants of ``element`` whose class list contains ``name``."""
    return element.xpath(f".//*[contains(concat(' ', @class, ' '), ' {name} ')]")


def element_ids(element: html.HtmlElement) -> set[str]:
    """Every ``id`` attribute inside ``element``."""
    return {node.get("id") for node in element.iter() if node.get("id")}


def article(page: html.HtmlElement) -> html.HtmlElement:
    """The page's main content (Material's ``article.md-content__inner``)."""
    return page.xpath("//article[contains(concat(' ', @class, ' '), ' md-content__inner ')]")[0]


def record_page(site: Path, lang: str, page: str) -> html.HtmlElement:
    """The main content of the built page of a Markdown page (``co-quan/toa-an.md``)."""
    built = site / LANGUAGE_HOMES[lang] / page.removesuffix(".md") / "index.html"
    return article(load(built))


def load_hook(name: str) -> ModuleType:
    """Import ``overrides/hooks/<name>.py`` the way MkDocs does: by path."""
    spec = importlib.util.spec_from_file_location(name, REPO / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_benchmark(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` by path: the folder is no package."""
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as its address below the site's root: each folder's
    ``index.html`` (``""``, ``en/ke-hoach/`` …) and the not-found pages (``404.html``)."""
    pages = [
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
    ]
    return sorted(pages + [p.relative_to(site).as_posix() for p in site.rglob("404.html")])


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
