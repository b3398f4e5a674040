"""The pinned axe-core (tests/browser/axe_core.py): a tarball with another integrity, without
axe.min.js, or with another version of it, is refused with what was found; the installed copy
is the pinned version, and the accessibility statement names it. No browser."""

from __future__ import annotations

import io
import re
import tarfile

import axe_core
import pytest
from axe_core import VERSION, AxeCoreError, integrity, script_from
from helpers import REPO


def tarball(files: dict[str, str]) -> bytes:
    """A gzipped tar like the npm registry's, with ``files`` (name → text)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


GOOD = {"package/axe.min.js": f"/*! axe v{VERSION}\n * licence */\nwindow.axe={{}};\n"}


def test_the_pinned_tarball_gives_its_script() -> None:
    data = tarball(GOOD)
    assert script_from(data, "t.tgz", integrity(data)) == GOOD["package/axe.min.js"]


def test_another_tarball_is_refused_by_its_integrity() -> None:
    data = tarball(GOOD)
    with pytest.raises(AxeCoreError) as error:
        script_from(data, "t.tgz")  # the pinned integrity: not this tarball's
    assert str(error.value) == f"t.tgz: integrity {integrity(data)}, expected {axe_core.INTEGRITY}"


def test_a_tarball_without_the_script_or_of_another_version_is_refused() -> None:
    empty = tarball({"package/README.md": "axe"})
    with pytest.raises(AxeCoreError, match=r"^t\.tgz: no package/axe\.min\.js$"):
        script_from(empty, "t.tgz", integrity(empty))
    older = tarball({"package/axe.min.js": "/*! axe v4.12.1\n"})
    with pytest.raises(AxeCoreError, match=r"t\.tgz: package/axe\.min\.js is not axe v4\.14\.1"):
        script_from(older, "t.tgz", integrity(older))


def test_the_installed_script_is_the_pinned_version() -> None:
    assert axe_core.installed().read_text(encoding="utf-8").startswith(f"/*! axe v{VERSION}\n")


@pytest.mark.parametrize("statement", ["kha-nang-tiep-can.md", "kha-nang-tiep-can.en.md"])
def test_the_accessibility_statement_names_the_version_the_tests_run(statement: str) -> None:
    text = (REPO / "docs" / statement).read_text(encoding="utf-8")
    named = set(re.findall(r"axe-core (?:tool )?\((?:version|phiên bản) ([0-9.]+)\)", text))
    assert named == {VERSION}, f"docs/{statement} names axe-core {named or 'without a version'}"
