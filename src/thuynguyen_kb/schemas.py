"""The typed schema of every kind of record: page types, data files and imported paragraphs.

A page's ``type:`` names its schema (a plain page has none). The Vietnamese file holds every
field; a translation holds the fields of :attr:`PageType.localized` only and may repeat a
language-neutral field with the same value. Schemas are pydantic models in strict mode: a field
has a type (``order: first`` and ``order: "9"`` are both wrong for a number), misspelt field
names are refused (``extra="forbid"``), and text may not be empty. What a field *refers to*
(an existing body, a plan item) and what must be unique are rules, in
:mod:`thuynguyen_kb.rules.records`; this module only says what each value must look like.

:mod:`thuynguyen_kb.schema_messages` turns pydantic's errors into ``path:line: CODE`` problems
worded for an editor: where it was found, what was expected, what to do.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    create_model,
)
from pydantic_core import ErrorDetails

from thuynguyen_kb.layout import LANGUAGES

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE_PATTERN = r"^M[1-9][0-9]*$"
SYMBOL_PATTERN = r"^[A-Z]+(?:/[A-Za-z0-9.\-]+){2,}$"
# What a pattern means, for the messages (pydantic only gives the regular expression).
PATTERN_HELP = {
    SLUG_PATTERN: "an id in lowercase ASCII words joined by hyphens, such as phong-y-te",
    CODE_PATTERN: "a module code such as M7",
    SYMBOL_PATTERN: "a UN document symbol such as CRC/C/VNM/CO/5-6",
}
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Minutes = Annotated[int, Field(ge=1)]
# What the site has of a paragraph's text: its topic only (named elsewhere), our summary of a
# partial reading, or the official text in English or Vietnamese (imported).
TextStatus = Literal["topic-only", "summary", "official-en", "official-vi"]
PER_ANNEX = "per-annex"


class Strict(BaseModel):
    """Strict types, no unknown field, immutable once read."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- Pages ----------------------------------------------------------------------------------


Day = date  # a field named ``date`` cannot be annotated with the name it shadows


class ChangeNote(Strict):
    """A change to a page that matters to its readers: when, and what changed, in plain words.

    Written in each language's file, in that language (``changes:`` in the front matter); the
    rules check that the day is not in the future, not after the file's last commit, and the
    same in every language (:mod:`thuynguyen_kb.rules.changes`).
    """

    date: Day
    note: Text


class Localized(Strict):
    """The fields every page writes in its own language."""

    title: Text
    description: Text
    changes: list[ChangeNote] = []
    # What readers type to find the page, in its language, where the page's own words differ
    # ("gọi ai khi trẻ bị bạo lực"): a field of the page in search, never shown.
    found_by: list[Text] = []


class ModuleLocalized(Localized):
    """A training module's fields in each language."""

    audience: Text
    group_size: Text


class PlainPage(BaseModel):
    """A page that is not a record: a title and a description; Material's own fields allowed."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    type: Literal["page"] = "page"
    title: Text
    description: Text
    changes: list[ChangeNote] = []
    found_by: list[Text] = []  # as Localized.found_by


class Relation(Strict):
    """A body named for one task in particular, with its role (the site's reading)."""

    body: Slug
    role: Slug


class Task(Localized):
    """A task of the plan's part II (or III): ``docs/nhiem-vu/<id>.md``."""

    type: Literal["task"]
    id: Slug
    plan_ref: Slug
    assignment: Literal["per-annex"] | None = None
    related_bodies: list[Relation] = []
    # The task's row in the annex, once it is available:
    lead: list[Slug] = []
    support: list[Slug] = []
    deadline: str | int | date | None = None  # "Quý IV/2025", 2025 or 2025-12-31
    source: str | None = None


class Body(Localized):
    """A responsible body: ``docs/co-quan/<id>.md``; ``order`` places it in every list."""

    type: Literal["body"]
    id: Slug
    order: Annotated[int, Field(ge=1)]
    roles: list[Slug] = []
    reports_to: Slug | None = None
    reports_via: Slug | None = None
    # The page stands for several bodies (every commune and ward, every office): each reports
    # on its own copy of the form, naming itself (thuynguyen_kb.progress).
    group: bool = False


class Module(ModuleLocalized):
    """A training module: ``docs/tap-huan/<id>.md``, with a participant handout."""

    type: Literal["module"]
    id: Slug
    code: Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
    duration: Minutes
    # The lengths of the shorter agendas (same activities, fewer or shorter), e.g. [90, 45];
    # rules/modules.py checks that each is shorter than ``duration``, listed once, has its table.
    variants: list[Minutes] = []
    handout: Slug
    tasks: list[Slug] = []
    bodies: list[Slug] = []


class Handout(Localized):
    """A module's participant handout."""

    type: Literal["handout"]
    id: Slug
    module: Slug


class Recommendation(Localized):
    """One paragraph of the UN concluding observations: ``docs/khuyen-nghi/p<paragraph>.md``."""

    type: Literal["recommendation"]
    id: Slug
    symbol: Annotated[str, StringConstraints(pattern=SYMBOL_PATTERN)]
    paragraph: Annotated[int, Field(ge=1)]
    text_status: TextStatus
    urgent: bool = False
    themes: list[Slug] = []
    sdg_targets: list[str] = []
    tasks: list[Slug] = []
    bodies: list[Slug] = []
    # Known only from the official text; filled from the importer's data file:
    cluster: str | None = None
    cluster_heading: str | None = None
    subheading: str | None = None
    articles: list[str | int] = []


@dataclass(frozen=True)
class PageType:
    """A kind of page: the model of its Vietnamese file and of each translation."""

    name: str
    model: type[BaseModel]
    localized: type[BaseModel]

    @property
    def neutral(self) -> tuple[str, ...]:
        """Fields written once, in the Vietnamese file (``type`` included)."""
        localized = set(self.localized.model_fields)
        return tuple(name for name in self.model.model_fields if name not in localized)

    @property
    def is_record(self) -> bool:
        """True for tasks, bodies, modules, handouts and recommendations."""
        return self.model is not PlainPage


PAGE_TYPES: dict[str, PageType] = {
    "page": PageType("page", PlainPage, PlainPage),
    "task": PageType("task", Task, Localized),
    "body": PageType("body", Body, Localized),
    "module": PageType("module", Module, ModuleLocalized),
    "handout": PageType("handout", Handout, Localized),
    "recommendation": PageType("recommendation", Recommendation, Localized),
}
DEFAULT_TYPE = "page"


# --- Data files -------------------------------------------------------------------------------


class _ByLanguage(Strict):
    """Texts by language, read as ``labels["en"]``."""

    def __getitem__(self, language: str) -> str:
        return str(getattr(self, language))


# One text per language, every language required: ``{vi: …, en: …}``.
Labels = create_model(
    "Labels", __base__=_ByLanguage, **{language: (Text, ...) for language in LANGUAGES}
)


class ChecklistLine(Labels):  # type: ignore[misc,valid-type]
    """One thing a body with a role must do, in every language, citing a plan item."""

    ref: Slug | None = None


class Role(Strict):
    """What the plan asks of a body (``docs/_data/roles.yml``)."""

    ref: Slug
    every_task: bool = False
    label: Labels  # type: ignore[valid-type]
    checklist: list[ChecklistLine] = []


class ImportedParagraph(Strict):
    """One paragraph of the official text, as the importer writes it."""

    section: str | None = None
    cluster: str | None = None
    cluster_heading: str | None = None
    articles: list[str | int] = []
    subheading: str | None = None
    sub_items: list[str] = []
    footnotes: list[str] = []
    text: dict[str, str]


SHA256_PATTERN = r"^[0-9a-f]{64}$"


class ImportedIntegrity(Strict):
    """What the importer wrote to check the file is whole (thuynguyen_kb/importer/integrity.py).

    The rule DATA-INTEGRITY compares both values with the file's content before this schema is
    applied; the schema only says their kind.
    """

    paragraphs: Annotated[int, Field(ge=1)]
    sha256: Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]


class ImportedDocument(Strict):
    """A data file under ``docs/_data/recommendations/``, written by the importer."""

    symbol: Annotated[str, StringConstraints(pattern=SYMBOL_PATTERN)]
    sources: dict[str, dict[str, str]]
    integrity: ImportedIntegrity
    # An import without paragraphs is refused by the importer: an empty mapping is damage.
    paragraphs: Annotated[dict[int, ImportedParagraph], Field(min_length=1)]


def data_model(kind: str) -> Any:
    """The model of a data file: ``roles``, ``themes``, ``imported``, ``reporting``,
    ``progress`` or ``search_terms``."""
    from thuynguyen_kb import search_synonyms  # they build on this module's types
    from thuynguyen_kb.progress import schema

    return {
        "roles": dict[Slug, Role],
        "themes": dict[Slug, Labels],  # type: ignore[valid-type]
        "imported": ImportedDocument,
        "reporting": schema.Reporting,
        "progress": schema.Report,
        "search_terms": search_synonyms.SearchTerms,
    }[kind]


# --- Reading -------------------------------------------------------------------------------


@functools.cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validate(model: Any, data: Any) -> tuple[Any | None, list[ErrorDetails]]:
    """``data`` read into ``model``, or None with pydantic's errors."""
    try:
        return _adapter(model).validate_python(data), []
    except ValidationError as error:
        return None, error.errors(include_url=False)
