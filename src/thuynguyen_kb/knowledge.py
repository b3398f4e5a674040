"""The knowledge base: typed records made from what the loader read, for the rules and renderers.

Each task, body, training module, handout and UN recommendation paragraph is one page with YAML
front matter (its schema in :mod:`thuynguyen_kb.schemas`). :func:`assemble` reads each record's
Vietnamese file into its typed model and each translation into its per-language model; a page
whose front matter does not fit its schema is left out (the rules report why, and a build with
problems stops before anything is rendered). Roles, themes, imported official texts and the
interface strings come from the data files.

**One fallback rule for every kind of record**: where a record has no translation in a language,
its text in that language is the Vietnamese text (:meth:`Record.text`), and
:meth:`Record.translated` says so, so that renderers can mark it. Nothing fails for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from thuynguyen_kb import layout, schemas, site_config
from thuynguyen_kb.contact import Contact
from thuynguyen_kb.downloads import Available
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import Source, blocks_by_id, explicit_ids
from thuynguyen_kb.progress.schema import PeriodEntry, Report

ROMAN_ORDER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}  # the plan's parts, for ordering tasks


@dataclass
class Record:
    """One record: its typed fields, its text in each language it is written in, its files."""

    kind: str
    fields: Any  # the schema's model of the Vietnamese file (schemas.Task, schemas.Body, …)
    source: Source  # the Vietnamese file
    texts: dict[str, Any] = field(default_factory=dict)  # language → localized model

    @property
    def id(self) -> str:
        """The record's id, which is also its file name."""
        return str(self.fields.id)

    @property
    def page(self) -> str:
        """The Vietnamese page, relative to docs/ (``co-quan/phong-y-te.md``)."""
        return self.source.rel

    def translated(self, language: str) -> bool:
        """True if the record is written in ``language`` (the default language always is)."""
        return language in self.texts

    def text(self, language: str) -> Any:
        """The record's own words in ``language``, or in Vietnamese where not yet translated."""
        return self.texts.get(language) or self.texts[layout.DEFAULT_LANGUAGE]

    def title(self, language: str) -> str:
        """The title in ``language`` (Vietnamese where not yet translated)."""
        return str(self.text(language).title)

    def description(self, language: str) -> str:
        """The description in ``language`` (Vietnamese where not yet translated)."""
        return str(self.text(language).description)


@dataclass(frozen=True)
class Change:
    """A change note as the readers of one page see it: which page, when, what changed."""

    page: str  # the page's default-language path (``nhiem-vu/kinh-phi.md``)
    file: str  # the file the note is written in (``nhiem-vu/kinh-phi.en.md``)
    lang: str  # the language it is written in
    day: datetime.date
    note: str
    title: str  # the page's title, in the note's language


@dataclass
class KnowledgeBase:
    """Every valid record, the vocabularies, the plan's blocks and the interface strings."""

    records: dict[str, Record]
    roles: dict[str, schemas.Role]
    themes: dict[str, Any]  # id → schemas.Labels
    imported: dict[str, schemas.ImportedDocument]  # symbol → official text
    strings: dict[str, dict[str, Any]]  # language → interface text (docs/_data/strings/)
    plan_ids: set[str]
    plan_blocks: dict[str, dict[str, list[str]]]  # language → plan item id → Markdown lines
    by_page: dict[str, Record] = field(default_factory=dict)
    # Every page's change notes: by the file they are written in, and by the language of the
    # readers who see them (a page not yet translated shows its Vietnamese notes), newest first.
    file_changes: dict[str, list[Change]] = field(default_factory=dict)
    changes: dict[str, list[Change]] = field(default_factory=dict)
    # Pages that give the day their content was last reviewed (``reviewed:``), for kb:reviewed.
    reviewed: dict[str, datetime.date] = field(default_factory=dict)
    # The reporting periods (docs/_data/reporting.yml), in their order, and every valid progress
    # report (docs/_data/progress/), by period, body and unit. A report that names a period, a
    # body or a row the site does not know is left out (rules/progress.py reports it).
    periods: dict[str, PeriodEntry] = field(default_factory=dict)
    progress: list[Report] = field(default_factory=list)
    # Everyday words for official terms, per language, for search (docs/_data/search-terms.yml).
    search_terms: dict[str, list[Any]] = field(default_factory=dict)
    # Not from the sources: what the build offers for download (set by the build's hooks).
    downloads: Available = field(default_factory=Available)
    contact: Contact = field(default_factory=Contact)  # the publisher and address (hook contact)

    def __post_init__(self) -> None:
        self.by_page = {record.page: record for record in self.records.values()}

    @property
    def quotable(self) -> set[str]:
        """The plan items that ``kb:quote`` can quote: those with a block in every language."""
        blocks = [set(self.plan_blocks.get(language) or {}) for language in layout.LANGUAGES]
        return set.intersection(*blocks) if blocks else set()

    def of_type(self, kind: str) -> list[Record]:
        """Records of one kind in reading order (tasks by plan item, bodies by order, …)."""
        chosen = [r for r in self.records.values() if r.kind == kind]
        return sorted(chosen, key=lambda r: (order_key(r), r.id))

    def record_of(self, page: str) -> Record | None:
        """The record whose page is ``page`` in any language (``co-quan/toa-an.en.md`` too)."""
        return self.by_page.get(layout.neutral_path(page))

    def official(self, record: Record) -> schemas.ImportedParagraph | None:
        """The imported official text of a recommendation's paragraph, if imported."""
        document = self.imported.get(record.fields.symbol)
        return document.paragraphs.get(record.fields.paragraph) if document else None

    def text_status(self, record: Record) -> str:
        """What the site has of a paragraph's text, the imported official text first."""
        official = self.official(record)
        texts = official.text if official else {}
        if texts.get("vi"):
            return "official-vi"
        if texts.get("en"):
            return "official-en"
        return str(record.fields.text_status)

    def field(self, record: Record, name: str) -> Any:
        """A recommendation's field, from the official text's data when imported."""
        official = self.official(record)
        value = getattr(official, name, None) if official else None
        return value if value not in (None, [], "") else getattr(record.fields, name, None)

    def every_task_roles(self, body: Record) -> list[str]:
        """The body's roles that the plan gives it for every task."""
        return [r for r in body.fields.roles if r in self.roles and self.roles[r].every_task]


def order_key(record: Record) -> tuple[int, ...]:
    """Where a record stands in its lists."""
    fields = record.fields
    if record.kind == "task":  # "ii-3" → (2, 3)
        roman, _, number = fields.plan_ref.partition("-")
        return (ROMAN_ORDER.get(roman, 9), int(number) if number.isdigit() else 0)
    if record.kind == "module":  # "M3" → (3,)
        return (int(fields.code[1:]),)
    if record.kind == "recommendation":
        return (fields.paragraph,)
    if record.kind == "body":
        return (fields.order,)
    return (0,)


def kind_of(source: Source | None) -> str:
    """The ``type`` of a page's front matter (``page`` when absent)."""
    value = ((source.front_matter if source else None) or {}).get("type", schemas.DEFAULT_TYPE)
    return "" if value is None else str(value)


def record_candidates(sources: Sources) -> Iterator[Source]:
    """The Vietnamese files whose front matter names a record type."""
    for rel, source in sources.pages.items():
        if layout.language_of(rel) != layout.DEFAULT_LANGUAGE or source.front_matter is None:
            continue
        page_type = schemas.PAGE_TYPES.get(kind_of(source))
        if page_type is not None and page_type.is_record:
            yield source


def declared_ids(sources: Sources) -> dict[str, set[str]]:
    """Every id the sources declare, valid or not: records by kind, roles and themes.

    A reference to a record whose front matter has a wrong value is not a reference to a
    record that does not exist: the rules report the wrong value once, at its place.
    """
    declared: dict[str, set[str]] = {}
    for source in record_candidates(sources):
        record_id = (source.front_matter or {}).get("id")
        if isinstance(record_id, str):
            declared.setdefault(kind_of(source), set()).add(record_id)
    unreadable = {
        layout.file_id(rel)
        for rel, source in sources.pages.items()
        if source.front_matter is None and layout.language_of(rel) == layout.DEFAULT_LANGUAGE
    }  # a page whose front matter could not be read may be any record: do not say it is missing
    for kind, rel in (("role", layout.ROLES_FILE), ("theme", layout.THEMES_FILE)):
        data = _raw(sources, rel)
        declared[kind] = {str(key) for key in data} if isinstance(data, dict) else set()
    for kind in schemas.PAGE_TYPES:
        declared[kind] = declared.get(kind, set()) | unreadable
    return declared


def localized_part(front_matter: dict[str, Any], page_type: schemas.PageType) -> dict[str, Any]:
    """The fields of a translation that are written per language."""
    return {k: v for k, v in front_matter.items() if k in page_type.localized.model_fields}


def assemble(sources: Sources) -> KnowledgeBase:
    """The typed knowledge base of what was read; invalid or duplicate records are left out."""
    records: dict[str, Record] = {}
    for source in record_candidates(sources):
        page_type = schemas.PAGE_TYPES[kind_of(source)]
        fields, errors = schemas.validate(page_type.model, source.front_matter)
        if errors or fields.id in records or layout.file_id(source.rel) != fields.id:
            continue  # reported by the rules
        record = Record(page_type.name, fields, source)
        record.texts[layout.DEFAULT_LANGUAGE] = fields
        for language, translation in sources.translations(source.rel).items():
            if language == layout.DEFAULT_LANGUAGE or translation.front_matter is None:
                continue
            text, errors = schemas.validate(
                page_type.localized, localized_part(translation.front_matter, page_type)
            )
            if not errors:
                record.texts[language] = text
        records[record.id] = record
    plan_blocks = {}
    for language in layout.LANGUAGES:
        plan = sources.page(layout.translation_path(layout.PLAN_PAGE, language))
        plan_blocks[language] = blocks_by_id(plan) if plan else {}
    plan = sources.page(layout.PLAN_PAGE)
    order = _reading_order(sources, records)
    reporting = _data(sources, layout.REPORTING_FILE, "reporting")
    file_changes = {
        rel: found for rel, source in sources.pages.items() if (found := _changes(source, order))
    }
    return KnowledgeBase(
        records=records,
        roles=_data(sources, layout.ROLES_FILE, "roles") or {},
        themes=_data(sources, layout.THEMES_FILE, "themes") or {},
        imported={
            document.symbol: document
            for data_file in sources.data_files(layout.IMPORTED_FOLDER)
            if (document := _data(sources, data_file.rel, "imported")) is not None
        },
        strings={
            language: _raw(sources, layout.strings_file(language)) or {}
            for language in layout.LANGUAGES
        },
        plan_ids=set(explicit_ids(plan)) if plan else set(),
        plan_blocks=plan_blocks,
        file_changes=file_changes,
        changes={
            language: _newest_first(
                (
                    change
                    for rel in sources.pages
                    if layout.language_of(rel) == layout.DEFAULT_LANGUAGE
                    for change in file_changes.get(_shown_file(sources, rel, language), [])
                ),
                order,
            )
            for language in layout.LANGUAGES
        },
        reviewed={
            rel: day
            for rel, source in sources.pages.items()
            if isinstance(day := (source.front_matter or {}).get("reviewed"), datetime.date)
            and layout.language_of(rel) == layout.DEFAULT_LANGUAGE
        },
        periods=dict(reporting.periods) if reporting else {},
        progress=_reports(sources, records),
        search_terms=_data(sources, layout.SEARCH_TERMS_FILE, "search_terms") or {},
    )


def _reports(sources: Sources, records: dict[str, Record]) -> list[Report]:
    """Every progress report that fits its schema and names a body the site knows, by period,
    body order and unit (the rules check the rest, and the knowledge base's users check rows)."""
    found = []
    for data_file in sources.data_files_under(layout.PROGRESS_FOLDER):
        report = _data(sources, data_file.rel, "progress")
        body = records.get(report.body) if report is not None else None
        if body is not None and body.kind == "body":
            found.append((report.period, body.fields.order, report.unit_id, report))
    return [entry[-1] for entry in sorted(found, key=lambda entry: entry[:3])]


def _reading_order(sources: Sources, records: dict[str, Record]) -> dict[str, float]:
    """Each page's place in the nav; a handout comes right after its module, and a page outside
    the nav after every page in it."""
    places: dict[str, float] = {}
    for index, page in enumerate(site_config.nav_pages(sources.config.nav)):
        places.setdefault(page, index)
    for record in records.values():
        if record.kind == "handout" and record.page not in places:
            module = records.get(str(record.fields.module))
            if module is not None and module.page in places:
                places[record.page] = places[module.page] + 0.5
    return places


def _changes(source: Source, order: dict[str, float]) -> list[Change]:
    """The page file's change notes, newest first; none if they do not fit their schema (the
    rules say why)."""
    data = source.front_matter or {}
    notes, errors = schemas.validate(list[schemas.ChangeNote], data.get("changes") or [])
    if errors or not notes:
        return []
    title = data.get("title")
    found = [
        Change(
            page=layout.neutral_path(source.rel),
            file=source.rel,
            lang=layout.language_of(source.rel),
            day=note.date,
            note=str(note.note),
            title=title.strip() if isinstance(title, str) else "",
        )
        for note in notes
    ]
    return _newest_first(found, order)


def _newest_first(changes: Iterable[Change], order: dict[str, float]) -> list[Change]:
    """Newest first; one day's changes in the nav's order of their pages (a module before its
    handout), each page's in the order they are written."""
    last = len(order)
    return sorted(  # a stable sort: a page's notes of one day keep their order
        changes, key=lambda c: (-c.day.toordinal(), order.get(c.page, last), c.page)
    )


def _shown_file(sources: Sources, rel: str, language: str) -> str:
    """The file a reader of ``language`` reads for the page ``rel``: its translation, or the
    Vietnamese file where there is none yet."""
    translation = layout.translation_path(rel, language)
    return translation if translation in sources.pages else rel


def _raw(sources: Sources, rel: str) -> Any:
    """A data file's data as read, or None when it is missing or not YAML."""
    data_file = sources.data.get(rel)
    return data_file.document.data if data_file and data_file.document else None


def _data(sources: Sources, rel: str, kind: str) -> Any:
    """A data file read into its model, or None when it is missing or invalid."""
    data = _raw(sources, rel)
    if data is None:
        return None
    value, errors = schemas.validate(schemas.data_model(kind), data)
    return None if errors else value
