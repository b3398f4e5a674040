"""``make serve`` (``mkdocs serve``), the README's command for writers: it serves the site with
no publication settings set, and a saved page is served changed.

``mkdocs serve`` sets ``site_url`` to its own address; the contact hook once took that for a
build for publication and stopped the preview for want of CONTACT_EMAIL.

A save that changes only a page's text renders that page alone (``thuynguyen_kb.preview``): what
it serves must be what a full rebuild serves, apart from the outputs it says it keeps (the search
index), and a change that other pages show (a record, front matter) must rebuild them all."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import append_line, copy_project, edit, free_port

from thuynguyen_kb import preview

WAIT = 120  # seconds: a first build of both languages on a slow machine
ANNOUNCED = "Preview: "  # each rebuild's first line (thuynguyen_kb.preview.announcement)
PAGE_SAVE = "Preview: page save, only "
FULL_REBUILD = "Preview: full rebuild ("


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    temporary = project.parent / "tmp"  # where mkdocs serve builds the site (its mkdtemp)
    temporary.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SITE_URL", "CONTACT_EMAIL")},
        "NO_MKDOCS_2_WARNING": "1",
        "TMPDIR": str(temporary),
    }
    log = (project.parent / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def served_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def server_log(project: Path) -> str:
    return (project.parent / "serve.log").read_text(encoding="utf-8")


def wait_for(url: str, holds: Callable[[str], bool], project: Path) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        text = served_text(url)
        if holds(text):
            return text
        time.sleep(0.3)
    pytest.fail(f"{url} not served as expected within {WAIT} s; mkdocs serve printed:\n"
                f"{server_log(project)}")  # fmt: skip


def rebuilt(project: Path, url: str, save: Callable[[], None], serving: bool = True) -> str:
    """Save, wait until the server has announced a rebuild and finished it (a request waits for
    the build under way); return what it announced, the last line if it started over. A server
    whose last build failed answers no request until a build succeeds: ``serving=False``."""
    if serving:
        wait_for(url, lambda text: "</html>" in text, project)  # the first build is done
    time.sleep(1.0)  # let the watcher see the save as a change of its own
    before = server_log(project).count(ANNOUNCED)
    save()
    deadline = time.monotonic() + WAIT
    while server_log(project).count(ANNOUNCED) == before:
        if time.monotonic() > deadline:
            pytest.fail(f"no rebuild after the save; mkdocs serve printed:\n{server_log(project)}")
        time.sleep(0.2)
    wait_for(url, lambda text: "</html>" in text, project)
    return [line for line in server_log(project).splitlines() if ANNOUNCED in line][-1]


def site_folder(project: Path) -> Path:
    (found,) = (project.parent / "tmp").glob("mkdocs_*")
    return found


def differences(first: Path, second: Path) -> list[str]:
    """The paths (relative) whose files differ or exist in one folder only."""
    found = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second), "")
    return sorted(found)


def test_the_preview_serves_both_languages_without_publication_settings(
    served: tuple[Path, str],
) -> None:
    project, url = served
    assert "<h1" in wait_for(url + "gioi-thieu/", lambda text: "Giới thiệu" in text, project)
    assert "About" in wait_for(url + "en/gioi-thieu/", lambda text: "<h1" in text, project)


def test_a_saved_page_is_served_changed(served: tuple[Path, str]) -> None:
    project, url = served
    wait_for(url + "gioi-thieu/", lambda text: "Giới thiệu" in text, project)
    marker = f"Dòng thử {time.time_ns()}"
    line = rebuilt(project, url, lambda: append_line(project / "docs" / "gioi-thieu.md", marker))
    assert PAGE_SAVE + "docs/gioi-thieu.md rendered again" in line
    wait_for(url + "gioi-thieu/", lambda text: marker in text, project)


def test_a_page_save_says_what_it_keeps_from_the_last_full_rebuild(
    served: tuple[Path, str],
) -> None:
    project, url = served
    marker = f"Saved line {time.time_ns()}"
    line = rebuilt(project, url, lambda: append_line(project / "docs" / "gioi-thieu.en.md", marker))
    assert PAGE_SAVE + "docs/gioi-thieu.en.md rendered again" in line
    for output in [*preview.NOT_REBUILT_ON_A_PAGE_SAVE, *preview.NEVER_IN_THE_PREVIEW]:
        assert output in line
    wait_for(url + "en/gioi-thieu/", lambda text: marker in text, project)


def test_a_page_save_serves_what_a_full_rebuild_serves(
    served: tuple[Path, str], tmp_path: Path
) -> None:
    """Pages saved in both languages, then a full rebuild of the same sources: every file is
    the same but the search index, which the page save says it keeps."""
    project, url = served
    docs = project / "docs"
    for name in ("ke-hoach.md", "ke-hoach.en.md", "khuyen-nghi/p17.md"):
        line = rebuilt(project, url, lambda n=name: append_line(docs / n, "Một đoạn thêm."))
        assert PAGE_SAVE + f"docs/{name} rendered again" in line
    after_saves = tmp_path / "after-saves"
    subprocess.run(["cp", "-a", str(site_folder(project)), str(after_saves)], check=True)
    config = project / "mkdocs.yml"
    line = rebuilt(project, url, lambda: config.write_text(config.read_text() + "\n"))
    assert FULL_REBUILD in line
    assert "mkdocs.yml changed (not a page)" in line
    different = differences(after_saves, site_folder(project))
    assert different, "the search index should differ: it is kept from the last full rebuild"
    assert [path for path in different if "search-kb/" not in path] == []


def test_a_record_changed_in_a_page_text_rebuilds_the_pages_that_show_it(
    served: tuple[Path, str],
) -> None:
    """The plan's item II.1 is quoted on its task's page: changing its words in the plan is a
    change of the knowledge base, not of one page."""
    project, url = served
    marker = f"nghiên cứu {time.time_ns()}"
    line = rebuilt(
        project,
        url,
        lambda: edit(project / "docs" / "ke-hoach.md", "Tiếp tục nghiên cứu", f"Tiếp tục {marker}"),
    )
    assert FULL_REBUILD in line
    assert "the page save found that the knowledge base read from the pages changed" in line
    wait_for(url + "nhiem-vu/hoan-thien-chinh-sach/", lambda text: marker in text, project)


def test_a_changed_front_matter_rebuilds_the_pages_that_list_it(
    served: tuple[Path, str],
) -> None:
    project, url = served
    title = f"Kinh phí {time.time_ns()}"
    page = project / "docs" / "nhiem-vu" / "kinh-phi.md"
    old = next(line for line in page.read_text().splitlines() if line.startswith("title:"))
    line = rebuilt(project, url, lambda: edit(page, old, f'title: "{title}"'))
    assert FULL_REBUILD in line
    assert "the front matter of docs/nhiem-vu/kinh-phi.md changed" in line
    wait_for(url + "nhiem-vu/", lambda text: title in text, project)


def test_a_page_save_that_breaks_a_rule_stops_as_a_full_build_does(
    served: tuple[Path, str],
) -> None:
    """The rules judge the text of pages too: a page save runs them, stops on a problem with
    its line, and the save that mends it rebuilds everything (nothing stale is kept)."""
    project, url = served
    page = project / "docs" / "lien-he.md"
    mended = page.read_text(encoding="utf-8")
    wait_for(url, lambda text: "</html>" in text, project)
    time.sleep(1.0)
    before = len(server_log(project))
    append_line(page, "<!-- kb:no-such-marker -->")
    deadline = time.monotonic() + WAIT
    while "KB-MARKER" not in server_log(project)[before:] and time.monotonic() < deadline:
        time.sleep(0.2)
    printed = server_log(project)[before:]
    assert PAGE_SAVE + "docs/lien-he.md rendered again" in printed
    assert "docs/lien-he.md:" in printed.split("KB-MARKER")[0].splitlines()[-1]
    marker = f"Dòng sửa {time.time_ns()}"
    line = rebuilt(
        project, url, lambda: page.write_text(f"{mended}\n{marker}\n", "utf-8"), serving=False
    )
    assert FULL_REBUILD + "no earlier build to start from)" in line
    wait_for(url + "lien-he/", lambda text: marker in text, project)
