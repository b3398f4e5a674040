"""The layout the README promises: one package free of MkDocs, thin adapters, small modules, no
import tricks; and the package's file writing."""

from __future__ import annotations

import ast
import stat
from pathlib import Path

import pytest
from helpers import REPO

from thuynguyen_kb import files, layout

PACKAGE = REPO / "src" / "thuynguyen_kb"
PYTHON_FOLDERS = ("src", "scripts", "overrides", "tests", "benchmarks")
MAX_LINES = 450  # a module longer than this says why in its docstring ("long because …")
MAX_ADAPTER_LINES = 100


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_package_does_not_import_mkdocs() -> None:
    offenders = [p for p in python_files("src") if "mkdocs" in imported_modules(p)]
    assert offenders == []


def test_the_check_itself_sees_an_mkdocs_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from mkdocs.plugins import event_priority\n", encoding="utf-8")
    assert "mkdocs" in imported_modules(module)


def touches_sys_path(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
        for node in ast.walk(tree)
    )


def test_nothing_reaches_modules_through_sys_path(tmp_path: Path) -> None:
    assert [p for p in python_files(*PYTHON_FOLDERS) if touches_sys_path(p)] == []
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nsys.path.insert(0, 'scripts')\n", encoding="utf-8")
    assert touches_sys_path(bad)


def test_modules_are_small_and_adapters_thin() -> None:
    for path in python_files("src", "scripts"):
        lines = path.read_text(encoding="utf-8").count("\n")
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert lines <= MAX_LINES or "long because" in docstring, (path, lines)
    for path in python_files("overrides", "scripts"):
        assert path.read_text(encoding="utf-8").count("\n") <= MAX_ADAPTER_LINES, path


def test_every_module_has_a_docstring() -> None:
    for path in python_files("src", "scripts", "overrides", "benchmarks"):
        if path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip():
            continue
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_a_written_file_is_complete_and_readable_by_everyone(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    files.write_atomically(target, "a,b\r\n", encoding="utf-8-sig")
    assert target.read_bytes() == b"\xef\xbb\xbfa,b\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "meta.js"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        files.write_atomically(target, "\udcff", encoding="utf-8")  # a lone surrogate
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["meta.js"]


def test_a_file_written_at_an_atomic_path_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "copy.zip"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), files.atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("killed while writing")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["copy.zip"]
    with files.atomic_path(target) as temporary:
        assert not target.read_bytes().startswith(b"new")  # nothing is seen before the end
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["copy.zip"]


def test_the_strings_schema_lists_exactly_what_the_renderers_use() -> None:
    import re

    from thuynguyen_kb import strings

    sources = [
        *python_files("src/thuynguyen_kb/render"),
        *python_files("src/thuynguyen_kb/packs"),
        *python_files("src/thuynguyen_kb/progress"),
        REPO / "overrides/hooks/element_permalinks.py",
    ]
    code = "\n".join(p.read_text("utf-8") for p in sources)
    # A renderer reads a text as text["key"] (or words["key"] for a group's texts).
    looked_up = set(re.findall(r"""(?:text|words|strings\[lang\])\[["']([a-z_]+)["']\]""", code))
    group_keys = {key for keys in strings.GROUPS.values() for key in keys}
    known = set(strings.TEXTS) | set(strings.GROUPS) | group_keys
    assert looked_up - known == set()  # no lookup can fail
    named = set(re.findall(r"""["']([a-z_]+)["']""", code))  # keys named anywhere, e.g. text[name]
    assert set(strings.TEXTS) - named == set()  # no string that nothing uses
    # The groups of the progress reports are read key by key: none may go unused either
    # (a key built from a prefix is named by what follows it: col_<column>, table_<language>).
    columns = {f"col_{name}" for name in re.findall(r"""["']([a-z_]+)["']""", code)}
    columns |= {f"table_{lang}" for lang in layout.LANGUAGES}
    for group in ("report_form", "progress"):
        unused = set(strings.GROUPS[group]) - named - columns
        assert unused == set(), f"strings of the group {group} that nothing uses: {unused}"
