"""Writing generated files so that nobody ever reads half of one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PUBLISHED_MODE = 0o644  # what the generator writes for every other file (with umask 022)
PUBLISHED_FOLDER_MODE = 0o755


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            out.write(text)
        # mkstemp makes the file readable by its owner only; a published file is for everyone.
        os.chmod(temporary, PUBLISHED_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write a file at (a zip, say), renamed into place when
    the block ends without an error, and removed if it raises."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, PUBLISHED_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_folder_atomically(folder: Path, files: dict[str, str]) -> None:
    """Replace ``folder`` by a folder holding exactly ``files`` (name → text, UTF-8).

    The files are written into a new folder beside it, which is then renamed into place, so a
    reader sees the old set of files or the new one, never a mix of two builds' files. (One
    rename per folder, not per file: the search index has hundreds of small files.)
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        os.chmod(fresh, PUBLISHED_FOLDER_MODE)
        for name, text in files.items():
            with (fresh / name).open("w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.chmod(fresh / name, PUBLISHED_MODE)
        if folder.exists():
            retired = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old."))
            os.replace(folder, retired / folder.name)
            os.replace(fresh, folder)
            shutil.rmtree(retired)
        else:
            os.replace(fresh, folder)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
