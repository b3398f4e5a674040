"""Precompressed copies of the built site's text files, for servers that send them as they are.

nginx compresses a response on every request (``gzip on``) at a level cheap enough for that;
with ``gzip_static on`` it sends ``page.html.gz`` instead, made once here at the highest level
(9), to a browser that accepts gzip. ``.br`` copies are written beside them for a server with
Brotli's static module (:mod:`.nginx` says why it has none), at quality 5: on today's site it
takes 0.15 s and saves 4 % against gzip 9, where quality 10 took 3.7 s of every build (tests
build the site dozens of times) for 14 %, on copies no server of ours sends yet. Only text files
worth it (HTML, CSS, JS, JSON, SVG, XML, plain text, CSV) of at least ``MIN_SIZE`` bytes, and a
copy is kept only when it is smaller than the file. gzip's header carries a time and a name:
both are left out (``mtime=0``, no name), so the same site gives the same bytes. Not in the
offline copy: it is opened from disk, where nothing would read them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli

from thuynguyen_kb.files import atomic_path

SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")
COMPRESSED = (".gz", ".br")  # the copies' suffixes: never compressed again
BROTLI_QUALITY = 5  # see the module's docstring
MIN_SIZE = 256  # bytes; below this the headers outweigh the saving (nginx's gzip_min_length)


@dataclass(frozen=True)
class Precompressed:
    """The copies written for one file (bytes)."""

    path: Path
    size: int
    gzip: int | None  # None: no copy (not smaller)
    brotli: int | None


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzipped at level 9, with no time and no name in the header."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    """``data`` compressed with Brotli at quality :data:`BROTLI_QUALITY`."""
    return brotli.compress(data, quality=BROTLI_QUALITY)


def candidates(site: Path) -> Iterator[Path]:
    """The files of ``site`` worth a compressed copy, in a stable order."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE:
            yield path


def _copy(target: Path, size: int, data: bytes) -> int | None:
    """Write ``data`` to ``target`` if smaller than the file; else remove an old copy."""
    if len(data) >= size:
        target.unlink(missing_ok=True)
        return None
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    return len(data)


def precompress_site(site: Path) -> list[Precompressed]:
    """Write ``.gz`` and ``.br`` beside every candidate file of ``site``."""
    done = []
    for path in candidates(site):
        data = path.read_bytes()
        done.append(
            Precompressed(
                path,
                len(data),
                _copy(path.with_name(path.name + ".gz"), len(data), gzip_bytes(data)),
                _copy(path.with_name(path.name + ".br"), len(data), brotli_bytes(data)),
            )
        )
    return done
