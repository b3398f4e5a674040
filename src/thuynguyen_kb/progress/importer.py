"""Import a filled report form (:mod:`.form`) into the site's progress data.

:func:`read_form` reads the whole workbook and checks everything before anything is written;
:func:`import_form` writes the report as one YAML file, ``docs/<data_path(period, body, unit)>``.
Every problem found is gathered into one :class:`FormError`, one line each, formatted
``FILE:Sheet!Cell: what was found, what was expected`` (``FILE: …`` when no cell is to blame):

- the file is not an XLSX workbook, or is damaged, or has no report sheet (``Báo cáo`` /
  ``Report``);
- the form version (C7) is missing or older than :data:`FORM_VERSION` (the layout moved: the
  body downloads the current form from its page), or newer than this site knows;
- the language (C8) is not the language of the sheet's name;
- the body id (C3) names no body of the site;
- the reporting unit (C5) is empty on the form of a body page that stands for several bodies
  (a single body is its own unit, named in Vietnamese in the data, whatever C5 says);
- the period (C6) is empty, not written as ``PERIOD_PATTERN`` asks, or not a period of
  ``docs/_data/reporting.yml``;
- a row's key (column A) is not a row of that body's form, or is given twice;
- a status (column D) is not one of the form's language's words (or a status id);
- a row has content but no status; no row has a status at all;
- a budget (columns G, H) is text, negative or not a finite number;
- any cell of the report sheet holds a formula (refused: the import reads values).

Empty optional cells are left out of the data; texts are stripped, their line breaks kept. The
written file passes :func:`thuynguyen_kb.rules.progress.check_report_file`, so the build never
refuses what the import wrote, and a file whose content is unchanged is not rewritten.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from thuynguyen_kb import layout, yaml_data
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.knowledge import KnowledgeBase, Record
from thuynguyen_kb.loader import DataFile
from thuynguyen_kb.progress import form_layout as fl
from thuynguyen_kb.progress import records
from thuynguyen_kb.progress.schema import (
    FORM_VERSION,
    PERIOD_HELP,
    PERIOD_PATTERN,
    STATUSES,
    Item,
    Report,
    data_path,
    unit_id,
)

HEADER = (
    "# Written by scripts/import_progress.py from a filled report form. Do not edit by hand:\n"
    "# correct the form and import it again.\n"
)
ITEM_ORDER = tuple(Item.model_fields)


class FormError(ValueError):
    """A form that cannot be imported; ``problems`` holds every line found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Reader:
    """Reads one report sheet, gathering problems instead of stopping at the first."""

    shown: str
    sheet: Worksheet
    problems: list[str]
    formulas: set[str]

    def where(self, address: str) -> str:
        return f"{self.shown}:{self.sheet.title}!{address}"

    def problem(self, address: str, message: str) -> None:
        self.problems.append(f"{self.where(address)}: {message}")

    def value(self, address: str) -> Any:
        """The cell's value, stripped; None if it is empty or a formula (reported once, by
        :func:`read_form`, which looks at every cell)."""
        value = self.sheet[address].value
        if address in self.formulas:
            return None
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip()
            return value or None
        return value


def _plain(value: Any) -> bool:
    return (
        value is None or isinstance(value, str | int | float | bool) or hasattr(value, "isoformat")
    )


def _shown(value: Any) -> str:
    text = str(getattr(value, "text", value))
    return repr(text if len(text) <= 60 else text[:57] + "…")


def read_form(path: Path, kb: KnowledgeBase, shown: str | None = None) -> Report:
    """The report of the filled form at ``path``; :class:`FormError` with every problem.

    ``shown`` is the file's name in the messages (default: ``path`` as given).
    """
    name = shown if shown is not None else str(path)
    try:
        book = load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        reason = str(error) or type(error).__name__
        raise FormError(
            [f"{name}: cannot be read as an XLSX workbook ({reason}), expected a report form"
             " downloaded from the site (saved as .xlsx)"]
        ) from None  # fmt: skip
    sheets = fl.report_sheets(kb.strings)
    found = [sheet for sheet in book.sheetnames if sheet in sheets]
    if not found:
        expected = " or ".join(f"'{sheet}'" for sheet in sheets)
        raise FormError(
            [f"{name}: found the sheets {', '.join(repr(s) for s in book.sheetnames)}, expected a"
             f" sheet named {expected} (download the body's form from its page)"]
        )  # fmt: skip
    sheet = book[found[0]]
    reader = _Reader(name, sheet, [], set())
    for row in sheet.iter_rows():
        for each in row:
            if each.data_type == "f" or not _plain(each.value):
                reader.formulas.add(each.coordinate)
                reader.problem(
                    each.coordinate, f"found a formula ({_shown(each.value)}), expected a value"
                )
    report = _read(reader, kb, sheets[sheet.title])
    if reader.problems or report is None:
        raise FormError(reader.problems)
    return report


def _read(reader: _Reader, kb: KnowledgeBase, lang: str) -> Report | None:
    fixed = {name: reader.value(address) for name, address in fl.FIXED.items()}
    version = fixed["form_version"]
    if not (isinstance(version, int) and not isinstance(version, bool)) or version < FORM_VERSION:
        reader.problem(
            fl.FIXED["form_version"],
            f"found form version {_version(version)}, expected"
            f" {FORM_VERSION} (this is an older form: download the current form from the body's"
            " page and copy the answers into it)",
        )
        return None  # an older layout: its other cells would be misread
    if version > FORM_VERSION:
        reader.problem(
            fl.FIXED["form_version"],
            f"found form version {version}, expected {FORM_VERSION} (the form is newer than"
            " this copy of the site: update the site first)",
        )
        return None
    if fixed["language"] != lang:
        reader.problem(
            fl.FIXED["language"],
            f"found {_shown(fixed['language'])}, expected '{lang}', the language of the sheet"
            f" '{reader.sheet.title}'",
        )
    body = _body(reader, kb, fixed["body"])
    unit = _unit(reader, body, fixed["unit"], lang)
    period = _period(reader, kb, fixed["period"])
    items = _items(reader, kb, body, lang) if body is not None else []
    if reader.problems or body is None or unit is None or period is None:
        return None
    return Report(
        form_version=version, period=period, body=body.id, unit=unit, language=lang,
        items=items,
    )  # fmt: skip


def _version(value: Any) -> str:
    if value is None:
        return "none"
    return str(value) if isinstance(value, int) else _shown(value)


def _body(reader: _Reader, kb: KnowledgeBase, value: Any) -> Record | None:
    body = kb.records.get(str(value)) if value is not None else None
    if body is None or body.kind != "body":
        known = ", ".join(record.id for record in kb.of_type("body"))
        reader.problem(
            fl.FIXED["body"],
            f"found body id {_shown(value) if value is not None else 'none'}, expected the id of"
            f" a body of the site ({known}; download the body's form from its page)",
        )
        return None
    return body


def _unit(reader: _Reader, body: Record | None, value: Any, lang: str) -> str | None:
    """The reporting unit: the name the form gives on a group body's form; a single body is
    its own unit, named in the default language whatever the form's language, so that its
    Vietnamese and English forms report to the same data file."""
    if body is None:
        return None
    if not records.is_group(body):
        return body.title(layout.DEFAULT_LANGUAGE)
    if value is not None and unit_id(str(value)):
        return str(value)
    if value is not None:
        reader.problem(
            fl.FIXED["unit"],
            f"found reporting unit {_shown(value)}, expected a name with letters or digits (the"
            " name of the office, organisation or commune that reports)",
        )
        return None
    reader.problem(
        fl.FIXED["unit"],
        "found no reporting unit, expected the name of the office, organisation or commune"
        f" that reports (the form of '{body.id}' serves several bodies)",
    )
    return None


def _period(reader: _Reader, kb: KnowledgeBase, value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet stores a typed 2025 as a number
    text = str(value) if value is not None else None
    known = ", ".join(kb.periods) or "none"
    address = fl.FIXED["period"]
    if text is None:
        reader.problem(address, f"found no period, expected one of: {known}")
    elif not re.fullmatch(PERIOD_PATTERN, text):
        reader.problem(address, f"found period {_shown(text)}, expected {PERIOD_HELP}")
    elif text not in kb.periods:
        reader.problem(
            address,
            f"found period '{text}', which is not a reporting period of"
            f" docs/{layout.REPORTING_FILE}, expected one of: {known}",
        )
    else:
        return text
    return None


def _items(reader: _Reader, kb: KnowledgeBase, body: Record, lang: str) -> list[Item]:
    keys = {row.key for row in records.form_rows(kb, body)}
    words = {kb.strings[lang]["progress_status"][status]: status for status in STATUSES}
    allowed = "; ".join(words)
    items: list[Item] = []
    seen: set[str] = set()
    for number in range(fl.FIRST_ROW, reader.sheet.max_row + 1):
        values = {
            column: reader.value(fl.cell(column, number))
            for column in fl.COLUMNS
            if column not in ("ref", "row")
        }
        filled = [c for c in fl.COLUMNS if c not in fl.GIVEN and values[c] is not None]
        key = values["item"]
        row_cells = [fl.cell(column, number) for column in fl.COLUMNS]
        if not filled or any(address in reader.formulas for address in row_cells):
            continue  # empty, or a formula already reported
        key_cell = fl.cell("item", number)
        if key is None or str(key) not in keys:
            reader.problem(
                key_cell,
                f"found row id {_shown(key) if key is not None else 'none'}, expected a row of"
                f" the form of '{body.id}' (do not change column A; download the current form"
                " from the body's page)",
            )
            continue
        key = str(key)
        if key in seen:
            reader.problem(key_cell, f"found row id '{key}' a second time, expected each once")
            continue
        seen.add(key)
        status = _status(reader, fl.cell("status", number), values["status"], words, allowed)
        amounts = {
            column: _amount(reader, fl.cell(column, number), values[column])
            for column in fl.AMOUNTS
        }
        texts = {column: _text(values[column]) for column in fl.TEXTS}
        if status is not None:
            fields = {**texts, **amounts}
            items.append(
                Item(item=key, status=status, **{k: v for k, v in fields.items() if v is not None})
            )
    if not items and not reader.problems:
        reader.problem(
            fl.cell("status", fl.FIRST_ROW),
            f"found no status on any row, expected a status on each row reported on ({allowed})",
        )
    return items


def _status(
    reader: _Reader, address: str, value: Any, words: dict[str, str], allowed: str
) -> str | None:
    if value is None:
        reader.problem(
            address, f"found a row with content but no status, expected one of: {allowed}"
        )
        return None
    text = str(value)
    if text in words:
        return words[text]
    if text in STATUSES:
        return text
    reader.problem(address, f"found status {_shown(text)}, expected one of: {allowed}")
    return None


def _amount(reader: _Reader, address: str, value: Any) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        reader.problem(address, f"found {_shown(value)}, expected a number of đồng, 0 or more")
        return None
    if value < 0:
        reader.problem(
            address, f"found {value}, a negative amount, expected a number of đồng, 0 or more"
        )
        return None
    return int(value) if float(value).is_integer() else float(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class _Dumper(yaml.SafeDumper):
    """Writes texts of several lines as literal blocks, so that the file reads as the form."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def report_yaml(report: Report) -> str:
    """The data file of ``report``: a header, then its fields in the schema's order."""
    data = report.model_dump(exclude_none=True)
    data["items"] = [
        {key: item[key] for key in ITEM_ORDER if key in item} for item in data["items"]
    ]
    for item in data["items"]:
        for key in ("budget_planned", "budget_spent"):
            if key in item and float(item[key]).is_integer():
                item[key] = int(item[key])
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


def import_form(path: Path, docs: Path, kb: KnowledgeBase, shown: str | None = None) -> Path | None:
    """Import the form at ``path``: write its data file under ``docs`` and return its path, or
    None if the file already holds the same report. :class:`FormError` if it cannot be."""
    report = read_form(path, kb, shown)
    rel = data_path(report.period, report.body, report.unit)
    target = docs / rel
    text = report_yaml(report)
    document, problems = yaml_data.parse(text, target.as_posix())
    from thuynguyen_kb.rules.progress import check_report_file  # the rules import the loader

    if document is not None:
        problems += check_report_file(DataFile(target.as_posix(), rel, document, None), kb)
    if problems:
        raise FormError([f"{shown or path}: {problem}" for problem in problems])
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, text)
    return target
