"""Saving office documents (XLSX, DOCX) so that the same content gives the same bytes.

openpyxl and python-docx write a zip whose entries carry the time of saving, and document
properties with the time of saving: two builds of one commit would publish different files, and a
form or summary could not be checked against an earlier copy. :func:`save_reproducibly` saves
through the library, then rewrites the zip with every entry dated ``when`` (the documents' own
"created" and "modified" properties are the caller's to set to the same day), in the library's
order, compressed alike; an openpyxl workbook is saved with :func:`save_workbook`, which keeps
its "modified" property. Written by hand because neither library has an option for it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from thuynguyen_kb.files import atomic_path

EARLIEST = datetime.datetime(1980, 1, 1)  # the earliest time a zip entry can hold


def reproducible_bytes(save: Callable[[BinaryIO], None], when: datetime.datetime) -> bytes:
    """The bytes of a document saved by ``save(stream)``, every zip entry dated ``when``."""
    raw = io.BytesIO()
    save(raw)
    stamp = max(when.replace(tzinfo=None), EARLIEST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def save_reproducibly(
    save: Callable[[BinaryIO], None], path: Path, when: datetime.datetime
) -> None:
    """Save a document to ``path`` (a temporary name, then renamed), every entry dated ``when``."""
    data = reproducible_bytes(save, when)
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def save_workbook(workbook: Workbook, stream: BinaryIO) -> None:
    """Save an openpyxl workbook with the "modified" property it has, not the time of saving.

    ``Workbook.save`` (``openpyxl.writer.excel.save_workbook``) sets it to now; this is that
    function without that line.
    """
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
