"""Zip the offline copy so that the same sources give the same bytes, with a read-me on top.

- **Reproducible**: entries in sorted order, every entry dated with the time the sources last
  changed (the last commit; ``SOURCE_DATE_EPOCH`` if set, as reproducible-builds.org defines
  it; else 1980-01-01, the earliest date a zip can hold), the same permissions for every file,
  and no extra fields. Two builds of one commit give byte-identical zips, so a copy can be
  checked against the published checksum.
- **Only what the site uses**: Material's own search (``lunr/``, ``workers/``: the site has its
  own search), source maps (for developers' tools) and precompressed copies (``.gz``, ``.br``:
  for a server) are left out.
- **A read-me at the top** of the folder, in both languages: how to open the copy, what works
  without a network, how to check it.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from thuynguyen_kb.files import PUBLISHED_MODE, atomic_path, write_atomically
from thuynguyen_kb.source_dates import long_date, site_day

FOLDER = "quyen-tre-em-thuy-nguyen"  # the folder inside the zip
READ_ME = "doc-truoc-read-me.txt"
# Built files the copy does not use, relative to the site's root (a folder ends with /).
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_SUFFIXES = (".map", ".gz", ".br")  # .gz/.br: a server's precompressed copies
EARLIEST = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class OfflineCopy:
    """A zipped offline copy: what a page says about it beside its link."""

    size: int  # bytes
    sha256: str
    date: datetime.date  # when its sources last changed (the entries' time), a day in Viet Nam


def source_time(last_commit: datetime.datetime | None) -> datetime.datetime:
    """The time every entry of the zip carries."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    return max(last_commit or EARLIEST, EARLIEST)


def is_used(relative: str) -> bool:
    """False for the built files that the copy leaves out."""
    return not relative.startswith(UNUSED) and not relative.endswith(UNUSED_SUFFIXES)


def read_me(when: datetime.datetime, zip_name: str) -> str:
    """The read-me's text, dated."""
    template = resources.files(__package__).joinpath("read-me.txt").read_text(encoding="utf-8")
    return template.format(
        date_vi=long_date(site_day(when), "vi"),
        date_en=long_date(site_day(when), "en"),
        folder=FOLDER,
        zip_name=zip_name,
    )


def _entry(name: str, when: datetime.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine, so the permissions below are read
    info.external_attr = (0o100000 | PUBLISHED_MODE) << 16  # a regular file, rw-r--r--
    return info


def pack(site: Path, output: Path, when: datetime.datetime) -> int:
    """Zip ``site`` into ``output`` under FOLDER/ (entries dated ``when``); write the checksum
    beside it (``output`` + ``.sha256``, as ``sha256sum`` prints it). Return the entry count."""
    output.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(
        relative
        for path in site.rglob("*")
        if path.is_file() and is_used(relative := path.relative_to(site).as_posix())
    )
    with (
        atomic_path(output) as temporary,
        zipfile.ZipFile(temporary, "w") as archive,
    ):
        archive.writestr(_entry(f"{FOLDER}/{READ_ME}", when), read_me(when, output.name))
        for relative in files:
            archive.writestr(_entry(f"{FOLDER}/{relative}", when), (site / relative).read_bytes())
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    write_atomically(checksum_path(output), f"{digest}  {output.name}\n")
    return len(files) + 1


def checksum_path(output: Path) -> Path:
    """Where the checksum of the zip at ``output`` is written."""
    return output.with_name(output.name + ".sha256")


class StaleCopyError(ValueError):
    """A zip whose checksum file does not match it, or that is not an offline copy."""


def describe(output: Path) -> OfflineCopy:
    """What a page says about the zip at ``output``: its size, checksum and date. The checksum
    file beside it must match: a page never shows the checksum of another build's zip."""
    data = output.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        published = checksum_path(output).read_text(encoding="utf-8").split()[0]
    except (OSError, IndexError):
        published = ""
    if published != digest:
        raise StaleCopyError(
            f"{checksum_path(output)}: missing or not the checksum of {output}; build both again"
            " with 'make offline'"
        )
    try:
        with zipfile.ZipFile(output) as archive:
            first = archive.infolist()[0]
    except (zipfile.BadZipFile, IndexError):
        raise StaleCopyError(
            f"{output}: not a zip file; build it again with 'make offline'"
        ) from None
    if first.filename != f"{FOLDER}/{READ_ME}":
        raise StaleCopyError(f"{output}: not an offline copy (its first entry is {first.filename})")
    when = datetime.datetime(*first.date_time, tzinfo=datetime.UTC)  # entries are dated in UTC
    return OfflineCopy(len(data), digest, site_day(when))


def publish(source: Path, copy: OfflineCopy, zip_target: Path, checksum_target: Path) -> None:
    """Copy the zip at ``source`` (described by ``copy``) to ``zip_target`` in a built site, and
    write its checksum, under its published name, at ``checksum_target``."""
    zip_target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(zip_target) as temporary:
        shutil.copyfile(source, temporary)
    write_atomically(checksum_target, f"{copy.sha256}  {zip_target.name}\n")
