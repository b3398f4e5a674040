"""The knowledge base: tasks, bodies and UN recommendations, read from page front matter.

Each task, body and recommendation paragraph is one page (``docs/nhiem-vu/<id>.md``,
``docs/co-quan/<id>.md``, ``docs/khuyen-nghi/p<number>.md``) with YAML front matter. The schema
of every page type is in ``SCHEMAS`` and explained for editors on docs/huong-dan-bien-tap.md.
Language-neutral fields (ids, relations, dates) are written once, in the Vietnamese file; the
English file carries its own title and description and may repeat a neutral field only with the
same value.

Roles (what the plan asks a body to do) are defined once, with their labels and checklists in
both languages, in ``docs/_data/roles.yml``; themes of recommendations in ``themes.yml``. The
official text of recommendations, once imported, is in ``docs/_data/recommendations/`` (written
only by scripts/import_recommendations.py) and takes precedence over the pages' own fields.

:func:`load` reads everything and returns the records with every problem found, as
``path:line: CODE`` problems:

- ``FRONT-MATTER-TYPE`` / ``FRONT-MATTER-FIELD``: unknown page type; required field missing.
- ``ID-DUPLICATE``: two records share an id. ``ID-PATH``: a record's id is not its file name.
- ``REF-UNKNOWN``: a relation names a body, task, role, theme or plan item that does not exist;
  a recommendation's id is not ``p<paragraph>`` or its text status is unknown.
- ``FIELD-MISMATCH``: the English file gives a language-neutral field another value.
- ``TASK-UNASSIGNED``: a task names no body at all and is not marked ``assignment: per-annex``.
- ``DATA-YAML``: a data file (``docs/_data/roles.yml``, ``themes.yml``, the imported
  recommendations) is not valid YAML or not in the expected shape.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_source import TRANSLATION_SUFFIX, Source, explicit_ids, load_source
from problems import Problem

LANGUAGES = ("vi", "en")
PLAN_PAGE = "ke-hoach.md"
ROLES_FILE = "_data/roles.yml"
THEMES_FILE = "_data/themes.yml"
IMPORTED_FOLDER = "_data/recommendations"  # written by scripts/import_recommendations.py
# What the site has of a paragraph's text: its topic only (named elsewhere), our summary of a
# partial reading, or the official text in English or Vietnamese (imported).
TEXT_STATUSES = ("topic-only", "summary", "official-en", "official-vi")


@dataclass(frozen=True)
class Schema:
    """The fields of one page type: written in each language, and written once (Vietnamese)."""

    localized: tuple[str, ...] = ("title", "description")
    neutral: tuple[str, ...] = ()  # required in the Vietnamese file
    optional: tuple[str, ...] = ()  # language-neutral too, but may be absent


SCHEMAS: dict[str, Schema] = {
    "page": Schema(),
    "task": Schema(
        neutral=("id", "plan_ref"),
        optional=(
            *("assignment", "related_bodies"),
            # The task's row in the annex, once it is available:
            *("lead", "support", "deadline", "source"),
        ),
    ),
    "module": Schema(
        localized=("title", "description", "audience", "group_size"),
        neutral=("id", "code", "duration", "handout"),
        optional=("tasks", "bodies"),
    ),
    "handout": Schema(neutral=("id", "module")),
    "recommendation": Schema(
        neutral=("id", "symbol", "paragraph", "text_status"),
        optional=(
            *("urgent", "themes", "sdg_targets", "tasks", "bodies"),
            # Known only from the official text; filled from the importer's data file:
            *("cluster", "cluster_heading", "subheading", "articles"),
        ),
    ),
    "body": Schema(
        neutral=("id", "order"),
        optional=("roles", "reports_to", "reports_via"),
    ),
}
DEFAULT_TYPE = "page"
PER_ANNEX = "per-annex"


@dataclass
class Record:
    """One task or body: its Vietnamese source, the fields, and each language's title."""

    type: str
    id: str
    source: Source
    data: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    localized: dict[str, dict[str, Any]] = field(default_factory=dict)  # each language's fields

    @property
    def page(self) -> str:
        """The Vietnamese page, relative to docs/ (``co-quan/phong-y-te.md``)."""
        return self.source.rel

    def list(self, name: str) -> list[Any]:
        """A list field, empty when absent."""
        return list(self.data.get(name) or [])


@dataclass
class KnowledgeBase:
    """Every record, the role vocabulary, the plan's blocks, and what was wrong with them."""

    records: dict[str, Record]
    roles: dict[str, dict[str, Any]]
    plan_ids: set[str]
    problems: list[Problem]
    themes: dict[str, dict[str, str]] = field(default_factory=dict)
    imported: dict[str, dict[str, Any]] = field(default_factory=dict)  # symbol → data file

    def official(self, record: Record) -> dict[str, Any]:
        """The imported data of a recommendation's paragraph ({} when not imported)."""
        data = self.imported.get(str(record.data.get("symbol")), {})
        return (data.get("paragraphs") or {}).get(record.data.get("paragraph")) or {}

    def text_status(self, record: Record) -> str:
        """What the site has of a paragraph's text, the imported official text first."""
        texts = self.official(record).get("text") or {}
        if texts.get("vi"):
            return "official-vi"
        if texts.get("en"):
            return "official-en"
        return str(record.data.get("text_status"))

    def field(self, record: Record, name: str) -> Any:
        """A recommendation's field, from the official text's data when imported."""
        value = self.official(record).get(name)
        return value if value not in (None, [], "") else record.data.get(name)

    def of_type(self, kind: str) -> list[Record]:
        """Records of one type, in their reading order (tasks by plan item, bodies by order)."""
        chosen = [r for r in self.records.values() if r.type == kind]
        return sorted(chosen, key=lambda r: (_order_key(r), r.id))


def _order_key(record: Record) -> tuple[int, ...]:
    if record.type == "task":  # "ii-3" → (2, 3)
        roman, _, number = str(record.data.get("plan_ref", "")).partition("-")
        return ({"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(roman, 9), int(number or 0))
    if record.type == "module":  # "M3" → (3,)
        code = str(record.data.get("code", ""))
        return (int(code[1:]) if code[1:].isdigit() else 999,)
    if record.type == "recommendation":
        paragraph = record.data.get("paragraph")
        return (paragraph if isinstance(paragraph, int) else 999,)
    order = record.data.get("order")
    return (order if isinstance(order, int) else 999,)


def page_type(data: dict[str, Any] | None) -> str:
    """The ``type`` of a page's front matter (``page`` when absent)."""
    value = (data or {}).get("type", DEFAULT_TYPE)
    return "" if value is None else str(value)


def required_fields(kind: str, translation: bool) -> tuple[str, ...]:
    """Fields a page of ``kind`` must fill in: per language, and (Vietnamese only) neutral."""
    schema = SCHEMAS[kind]
    return schema.localized if translation else schema.localized + schema.neutral


def line_of(source: Source, text: str, default: int = 1) -> int:
    """The first front-matter line containing ``text`` (the line to report a field value at)."""
    for number in range(1, max(source.body_start - 1, 1)):
        if text in source.lines[number]:
            return number + 1
    return default


def load(docs: Path, sources: Iterable[Source] | None = None) -> KnowledgeBase:
    """Read the records of ``docs`` (or of the given, already parsed sources) and check them."""
    problems: list[Problem] = []
    if sources is None:
        sources = []
        for path in sorted(docs.rglob("*.md")):
            if path.relative_to(docs).parts[0].startswith("_"):
                continue
            source, found = load_source(path, docs)
            problems += found
            if source is not None:
                sources.append(source)
    by_rel = {source.rel: source for source in sources}
    roles, role_problems = load_roles(docs)
    problems += role_problems
    themes, theme_problems = load_vocabulary(docs / THEMES_FILE)
    problems += theme_problems
    imported, imported_problems = load_imported(docs / IMPORTED_FOLDER)
    problems += imported_problems
    plan = by_rel.get(PLAN_PAGE)
    plan_ids = set(explicit_ids(plan)) if plan else set()

    candidates: dict[str, list[Source]] = {}
    for source in by_rel.values():
        kind = page_type(source.front_matter)
        if source.rel.endswith(TRANSLATION_SUFFIX) or kind not in SCHEMAS or kind == "page":
            continue
        record_id = str(source.front_matter.get("id") or "")
        if record_id:  # a missing id is reported as a missing required field
            candidates.setdefault(record_id, []).append(source)

    records: dict[str, Record] = {}
    for record_id, sources in candidates.items():
        # The page whose file name is its id keeps the id; any other page with it is the copy.
        sources.sort(key=lambda s: _file_id(s) != record_id)
        kept, *copies = sources
        for copy in copies:
            problems.append(
                Problem(
                    copy.shown,
                    copy.field_lines.get("id", 1),
                    "ID-DUPLICATE",
                    f"id '{record_id}' is already used by {kept.shown} (found it twice,"
                    " expected every task and body to have its own id; give this page the id"
                    f" '{_file_id(copy)}', its file name)",
                )
            )
        if _file_id(kept) != record_id:
            problems.append(
                Problem(
                    kept.shown,
                    kept.field_lines.get("id", 1),
                    "ID-PATH",
                    f"id '{record_id}' differs from the file name (found '{_file_id(kept)}.md',"
                    f" expected '{record_id}.md'; the id is the page's address: keep them equal)",
                )
            )
        record = Record(page_type(kept.front_matter), record_id, kept, kept.front_matter)
        records[record_id] = record
        translation = by_rel.get(_translation_of(kept.rel))
        for language, page in (("vi", kept), ("en", translation)):
            if page is not None and page.front_matter:
                record.titles[language] = str(page.front_matter.get("title", ""))
                record.descriptions[language] = str(page.front_matter.get("description", ""))
                record.localized[language] = page.front_matter
        if translation is not None and translation.front_matter:
            problems += _check_agreement(record, translation)

    problems += _check_role_refs(docs, roles, plan_ids)
    kb = KnowledgeBase(records, roles, plan_ids, problems, themes, imported)
    for record in records.values():
        problems += _check_relations(kb, record)
    return kb


def _file_id(source: Source) -> str:
    return posixpath.basename(source.rel).removesuffix(".md")


def _translation_of(rel: str) -> str:
    return rel.removesuffix(".md") + TRANSLATION_SUFFIX


def load_roles(docs: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The role vocabulary of ``docs/_data/roles.yml``: labels and checklists in each language."""
    path = docs / ROLES_FILE
    shown = path.as_posix()
    if not path.is_file():
        return {}, []
    try:
        roles = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [
            Problem(
                shown,
                mark.line + 1 if mark else 1,
                "DATA-YAML",
                f"not valid YAML (found '{getattr(error, 'problem', error)}'; check the indentation"
                " and put text containing ': ' in double quotes)",
            )
        ]
    problems = []
    for name, role in roles.items() if isinstance(roles, dict) else []:
        label = role.get("label") if isinstance(role, dict) else None
        if not isinstance(label, dict) or any(not label.get(lang) for lang in LANGUAGES):
            problems.append(
                Problem(
                    shown,
                    _yaml_line(path, f"{name}:"),
                    "DATA-YAML",
                    f"role '{name}' has no label in every language (expected 'label:' with"
                    f" {', '.join(LANGUAGES)}; add the missing label)",
                )
            )
    if not isinstance(roles, dict):
        return {}, [Problem(shown, 1, "DATA-YAML", "expected a mapping of role names to roles")]
    return roles, problems


def load_vocabulary(path: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """A vocabulary file such as themes.yml: ``id: {vi: label, en: label}``."""
    if not path.is_file():
        return {}, []
    data, problems = _read_yaml(path)
    if not isinstance(data, dict):
        return {}, problems or [Problem(path.as_posix(), 1, "DATA-YAML", "expected id: labels")]
    for name, labels in data.items():
        if not isinstance(labels, dict) or any(not labels.get(lang) for lang in LANGUAGES):
            problems.append(
                Problem(
                    path.as_posix(),
                    _yaml_line(path, f"{name}:"),
                    "DATA-YAML",
                    f"'{name}' has no label in every language (expected {', '.join(LANGUAGES)};"
                    " add the missing label)",
                )
            )
    return data, problems


def load_imported(folder: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The official texts imported by scripts/import_recommendations.py, keyed by symbol."""
    imported, problems = {}, []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        data, found = _read_yaml(path)
        problems += found
        if isinstance(data, dict) and data.get("symbol"):
            imported[str(data["symbol"])] = data
    return imported, problems


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [
            Problem(
                path.as_posix(),
                mark.line + 1 if mark else 1,
                "DATA-YAML",
                f"not valid YAML (found '{getattr(error, 'problem', error)}'; check the indentation"
                " and put text containing ': ' in double quotes)",
            )
        ]


def _check_role_refs(docs: Path, roles: dict[str, Any], plan_ids: set[str]) -> list[Problem]:
    """REF-UNKNOWN for a role, or one of its checklist lines, citing no item of the plan."""
    path = docs / ROLES_FILE
    problems = []
    for name, role in roles.items():
        # A checklist line without a ref of its own follows the role's ref.
        items = role.get("checklist") or []
        for ref in [role.get("ref")] + [item["ref"] for item in items if "ref" in item]:
            if ref not in plan_ids:
                problems.append(
                    Problem(
                        path.as_posix(),
                        _yaml_line(path, f"{name}:"),
                        "REF-UNKNOWN",
                        f"role '{name}' cites plan item '{ref}', which does not exist (expected"
                        " an id of docs/ke-hoach.md such as iv-2; correct the ref)",
                    )
                )
    return problems


def _yaml_line(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(text):
            return number
    return 1


def _check_agreement(record: Record, translation: Source) -> list[Problem]:
    """FIELD-MISMATCH: the English file repeats a neutral field with another value."""
    schema = SCHEMAS[record.type]
    problems = []
    for name in ("type", *schema.neutral, *schema.optional):
        if name in translation.front_matter and translation.front_matter[name] != record.data.get(
            name
        ):
            problems.append(
                Problem(
                    translation.shown,
                    translation.field_lines.get(name, 1),
                    "FIELD-MISMATCH",
                    f"'{name}' differs from the Vietnamese page (found"
                    f" '{translation.front_matter[name]}', expected '{record.data.get(name)}' as in"
                    f" {record.source.shown}; language-neutral fields are written once, in the"
                    " Vietnamese file: delete this line)",
                )
            )
    return problems


def _unknown(
    record: Record, what: str, value: Any, known: Iterable[str], field_name: str
) -> Problem:
    names = ", ".join(sorted(known)) or "none yet"
    return Problem(
        record.source.shown,
        line_of(record.source, str(value), record.source.field_lines.get(field_name, 1)),
        "REF-UNKNOWN",
        f"{field_name} names {what} '{value}', which does not exist (expected one of: {names};"
        " correct the id, or add that page first)",
    )


def _check_relations(kb: KnowledgeBase, record: Record) -> list[Problem]:
    """REF-UNKNOWN for every relation of a record, and the rules particular to its type."""
    known: dict[str, Iterable[str]] = {
        kind: {r.id for r in kb.records.values() if r.type == kind}
        for kind in ("task", "body", "module", "handout")
    }
    known.update({"role": kb.roles, "theme": kb.themes, "plan item": kb.plan_ids})
    problems = []

    def expect(value: Any, what: str, field_name: str) -> None:
        # A missing value is reported as a missing required field, not as an unknown one.
        if value is not None and value not in known[what]:
            problems.append(_unknown(record, what, value, known[what], field_name))

    def expect_all(field_name: str, what: str) -> None:
        for value in record.list(field_name):
            expect(value, what, field_name)

    if record.type == "task":
        expect(record.data.get("plan_ref"), "plan item", "plan_ref")
        for relation in record.list("related_bodies"):
            expect(relation.get("body"), "body", "related_bodies")
            expect(relation.get("role"), "role", "related_bodies")
        expect_all("lead", "body")
        expect_all("support", "body")
        problems += _check_assigned(record)
    if record.type == "body":
        expect_all("roles", "role")
        expect(record.data.get("reports_to"), "body", "reports_to")
        expect(record.data.get("reports_via"), "body", "reports_via")
    if record.type in {"recommendation", "module"}:
        expect_all("tasks", "task")
        expect_all("bodies", "body")
    if record.type == "recommendation":
        expect_all("themes", "theme")
        problems += _check_recommendation(kb, record)
    if record.type == "module":
        expect(record.data.get("handout"), "handout", "handout")
        problems += _check_duration(record)
    if record.type == "handout":
        expect(record.data.get("module"), "module", "module")
    return problems


def _check_assigned(task: Record) -> list[Problem]:
    """TASK-UNASSIGNED: a task names some body, or is marked as assigned in the annex."""
    named = task.list("lead") or task.list("support") or task.list("related_bodies")
    if named or task.data.get("assignment") == PER_ANNEX:
        return []
    return [
        Problem(
            task.source.shown,
            task.source.field_lines.get("id", 1),
            "TASK-UNASSIGNED",
            "task names no responsible body (found no lead, support or related_bodies,"
            f" expected at least one, or 'assignment: {PER_ANNEX}' while the annex that"
            " assigns it is not available)",
        )
    ]


def _check_duration(module: Record) -> list[Problem]:
    """A module's duration is a whole number of minutes."""
    if isinstance(module.data.get("duration"), int):
        return []
    return [
        Problem(
            module.source.shown,
            module.source.field_lines.get("duration", 1),
            "FRONT-MATTER-FIELD",
            f"duration '{module.data.get('duration')}' is not a number of minutes"
            " (expected a whole number, e.g. 180)",
        )
    ]


def _check_recommendation(kb: KnowledgeBase, record: Record) -> list[Problem]:
    """A recommendation's id is p<paragraph>, and its text status is one of TEXT_STATUSES."""
    problems = []
    source, paragraph = record.source, record.data.get("paragraph")
    if not isinstance(paragraph, int) or record.id != f"p{paragraph}":
        problems.append(
            Problem(
                source.shown,
                source.field_lines.get("paragraph", 1),
                "REF-UNKNOWN",
                f"paragraph '{paragraph}' does not match the id (found id '{record.id}', expected"
                f" 'p' and the paragraph number, e.g. p30 for paragraph 30; correct either)",
            )
        )
    status = record.data.get("text_status")
    if status not in TEXT_STATUSES:
        problems.append(
            Problem(
                source.shown,
                source.field_lines.get("text_status", 1),
                "REF-UNKNOWN",
                f"text_status '{status}' is unknown (expected one of: {', '.join(TEXT_STATUSES)})",
            )
        )
    return problems
