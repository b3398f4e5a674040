"""Writing generated files so that nobody ever reads half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PUBLISHED_MODE = 0o644  # what the generator writes for every other file (with umask 022)


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
