"""What a progress report is: statuses, periods and the data files' schema.

One vocabulary for the form (:mod:`.form`), the import (:mod:`.importer`), the rules
(:mod:`thuynguyen_kb.rules.progress`) and the pages (:mod:`thuynguyen_kb.render.progress`):

- a **status** is one of :data:`STATUSES`; its words in each language are the strings group
  ``progress_status``;
- a **period** is an id of ``docs/_data/reporting.yml`` (``2025``), written as
  :data:`PERIOD_PATTERN` allows;
- a body's **rows** (:func:`thuynguyen_kb.progress.records.form_rows`) are its tasks, then the
  checklist lines of its roles (``roles.yml``), each with a key that the data files use;
- a **report** (:class:`Report`) is what one reporting unit reported for one period: one data
  file, ``docs/_data/progress/<period>/<body>/<unit>.yml`` (:func:`data_path`). A body page that
  stands for several bodies (``group: true``: every commune, every office) has one unit per
  body that reports; any other body is its own single unit.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from thuynguyen_kb import layout
from thuynguyen_kb.schemas import Labels, Slug, Strict, Text
from thuynguyen_kb.vietnamese import slugify

# The layout of the form's sheets. Raise it when a column or a fixed cell moves: the import then
# refuses forms of the older layout, which it would misread, and asks for the current form.
FORM_VERSION = 1
STATUSES = ("not-started", "in-progress", "done", "not-applicable")
Status = Literal["not-started", "in-progress", "done", "not-applicable"]
PERIOD_PATTERN = r"^[0-9]{4}(?:-(?:H[12]|Q[1-4]))?$"
PERIOD_HELP = "a year such as 2025, a half-year such as 2025-H1 or a quarter such as 2025-Q3"
CHECKLIST_SEPARATOR = "."  # a checklist line's key: <role>.<n>, n counted from 1 in roles.yml
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]  # đồng (Vietnamese dong)
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]


class PeriodEntry(Strict):
    """A reporting period the site knows (``docs/_data/reporting.yml``), and why."""

    label: Labels  # type: ignore[valid-type]
    source: Labels  # type: ignore[valid-type]


class Reporting(Strict):
    """``docs/_data/reporting.yml``."""

    periods: dict[Period, PeriodEntry]


class Item(Strict):
    """What a unit reported on one row of its form; texts in the language of the form."""

    item: Text  # the row's key: a task id, or <role>.<n> for a checklist line
    status: Status
    done: Text | None = None
    evidence: Text | None = None
    budget_planned: Amount | None = None
    budget_spent: Amount | None = None
    difficulties: Text | None = None
    proposals: Text | None = None


def _named(name: str) -> str:
    if not unit_id(name):
        raise ValueError("a name with at least one letter or digit, which names its data file")
    return name


UnitName = Annotated[Text, AfterValidator(_named)]


class Report(Strict):
    """One data file under ``docs/_data/progress/``: one unit's report for one period."""

    form_version: Annotated[int, Field(ge=1)]
    period: Period
    body: Slug
    unit: UnitName  # the reporting unit's name as its form gives it
    language: Literal[layout.LANGUAGES]  # type: ignore[valid-type]  # the form's language
    items: Annotated[list[Item], Field(min_length=1)]

    @property
    def unit_id(self) -> str:
        """The unit's id, which is its data file's name."""
        return unit_id(self.unit)

    def item(self, key: str) -> Item | None:
        """What the unit reported on the row ``key``, if anything."""
        return next((found for found in self.items if found.item == key), None)


def unit_id(name: str) -> str:
    """The id of a reporting unit named ``name`` (``UBND xã Lập Lễ`` → ``ubnd-xa-lap-le``)."""
    return slugify(name)


def data_path(period: str, body: str, unit: str) -> str:
    """The data file of a unit's report, relative to the docs folder."""
    return f"{layout.PROGRESS_FOLDER}/{period}/{body}/{unit_id(unit)}.yml"
