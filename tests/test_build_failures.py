"""Bad sources stop the build before anything is written, with every problem named at its file
and line, and the check script reports exactly the same problems.

One copy of the repository receives many mistakes at once (their messages can be told apart), so
this costs one build that stops at its start instead of a build per mistake.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import append_line, copy_project, edit, run_mkdocs_build

from thuynguyen_kb.commands import check_structure


def inject(docs: Path) -> list[str]:
    """Break the copy in many ways; return the start of each problem line expected."""
    expected = []
    edit(docs / "nhiem-vu" / "hoan-thien-chinh-sach.md", "body: vien-kiem-sat", "body: vks")
    expected.append(
        "docs/nhiem-vu/hoan-thien-chinh-sach.md:7: REF-UNKNOWN related_bodies names body 'vks'"
    )
    (docs / "co-quan" / "mttq-2.md").write_text(
        (docs / "co-quan" / "mttq.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    expected.append(
        "docs/co-quan/mttq-2.md:3: ID-DUPLICATE id 'mttq' is already used by docs/co-quan/mttq.md"
    )
    edit(docs / "nhiem-vu" / "dich-vu-tre-em.md", "plan_ref: ii-4\n", "")
    expected.append(
        "docs/nhiem-vu/dich-vu-tre-em.md:1: FRONT-MATTER-FIELD front matter has no 'plan_ref'"
    )
    edit(docs / "co-quan" / "toa-an.en.md", "---\n", "---\nid: court\n")
    expected.append(
        "docs/co-quan/toa-an.en.md:2: FIELD-MISMATCH 'id' differs from the Vietnamese page"
    )
    edit(docs / "co-quan" / "phong-y-te.md", "order: 1\n", "order: first\n")
    expected.append("docs/co-quan/phong-y-te.md:4: FIELD-TYPE 'order' has the wrong kind of value")
    edit(docs / "co-quan" / "vien-kiem-sat.md", "order: 7\n", "order: 6\n")
    expected.append(
        "docs/co-quan/vien-kiem-sat.md:4: FIELD-DUPLICATE order '6' is already used by"
        " docs/co-quan/toa-an.md"
    )
    edit(docs / "tap-huan" / "m6-du-lieu-bao-cao.md", "code: M6\n", "code: M5\n")
    expected.append(
        "docs/tap-huan/m6-du-lieu-bao-cao.md:4: FIELD-DUPLICATE code 'M5' is already used by"
        " docs/tap-huan/m5-truyen-thong-van-dong.md"
    )
    roles = docs / "_data" / "roles.yml"
    text = roles.read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.split("\n"), 1) if x.startswith("      en: Urge the"))
    edit(roles, "      en: Urge the bodies concerned to carry out the plan.\n", "")
    expected.append(
        f"docs/_data/roles.yml:{line - 1}: DATA-YAML role coordinates.checklist[2] has no 'en'"
    )
    for page, marker, message in [
        ("ai-lam-gi.md", "<!-- kb:bang -->", "'<!-- kb:bang -->' unknown marker"),
        ("co-quan/mttq.md", "<!-- kb:task-body -->", "did you mean 'kb:task-bodies'?"),
        ("bao-cao.md", "<!-- kb:checklist -->", "only works on a page of type 'body'"),
        ("nhiem-vu/kinh-phi.md", "<!-- kb:quote ref=ii-9 -->", "ref=ii-9 names no item"),
        ("gioi-thieu.md", "Xem <!-- kb:index type=task --> nhé.", "malformed marker"),
    ]:
        number = append_line(docs / page, marker)
        expected.append(f"docs/{page}:{number}: KB-MARKER '{marker}'")
        expected.append(message)
    return expected


@dataclass
class Broken:
    """The broken copy, the problems expected, and what its build printed."""

    root: Path
    expected: list[str]
    site: Path
    build: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Broken:
    root = copy_project(tmp_path_factory.mktemp("broken"))
    expected = inject(root / "docs")
    site = root / "out"
    return Broken(root, expected, site, run_mkdocs_build(root, site))


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"\S+:\d+: [A-Z-]+ ", line)]


def test_bad_sources_stop_the_build_naming_each_problem(broken: Broken) -> None:
    assert broken.build.returncode != 0
    found = problem_lines(broken.build.stderr)
    for part in broken.expected:
        assert any(line.startswith(part) or part in line for line in found), (part, found)
    assert not (broken.site / "index.html").exists()  # nothing was published


def test_the_check_reports_what_the_build_reports(
    broken: Broken, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(broken.root)
    assert check_structure.main([]) == 1
    reported = problem_lines(capsys.readouterr().out)
    assert reported == problem_lines(broken.build.stderr)
