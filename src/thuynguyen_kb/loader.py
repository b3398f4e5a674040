"""Read the site's sources once: every file name, every Markdown file, the data files, the config.

Loading only reads. What it could not read (a file that is not UTF-8, front matter that is not
YAML, a data file that is not YAML) comes back as problems, because nothing else can be said of
such a file; everything else is judged by the rules (:mod:`thuynguyen_kb.rules`), and typed
records are made from what was read by :func:`thuynguyen_kb.knowledge.assemble`.

Pages are the ``.md`` files under the docs folder, except shared fragments (files inside a folder
whose name starts with ``_``) and files excluded by ``exclude_docs``; fragments are still read,
for the text rules. For the pages with change notes, the repository's history is read too: the
day of each one's last commit (:mod:`thuynguyen_kb.source_dates`), which a note may not pass.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from thuynguyen_kb import layout, source_dates, yaml_data
from thuynguyen_kb.markdown_source import Source, read_front_matter, read_lines
from thuynguyen_kb.problems import Problem
from thuynguyen_kb.site_config import SiteConfig

# MkDocs always leaves out hidden files and a top-level templates/ folder (mkdocs/structure/
# files.py, _default_exclude); exclude_docs adds to these.
MKDOCS_DEFAULT_EXCLUDE = (".*", "/templates/")


@dataclass(frozen=True)
class DataFile:
    """A YAML data file under ``docs/_data/``: its path as printed, and its data with lines."""

    shown: str
    rel: str
    document: yaml_data.YamlDocument | None  # None when it is not valid YAML
    # Why the file could not be read (not UTF-8, not YAML). The importer owns the imported data
    # files, so for them the advice is not the editor's (fix the indentation) but to restore the
    # file: rules/data.py reports it as DATA-INTEGRITY instead of the loader.
    unreadable: Problem | None = None
    # What was read but is wrong all the same: keys given twice (YAML keeps the last one).
    read_problems: tuple[Problem, ...] = ()


@dataclass
class Sources:
    """Everything read from the docs folder and the config, and what could not be read."""

    docs: Path
    config: SiteConfig
    files: list[Path]  # every file and folder, hidden ones left out
    texts: dict[str, list[str]]  # every Markdown file's raw lines (fragments too), by shown path
    pages: dict[str, Source]  # the pages, by path inside the docs folder
    data: dict[str, DataFile]  # the data files, by path inside the docs folder
    problems: list[Problem] = field(default_factory=list)
    # The day of the last commit of each page that has change notes, if the repository's
    # history has one and the file is committed as it is (not for a file being edited).
    last_changed: dict[str, datetime.date] = field(default_factory=dict)

    def page(self, rel: str) -> Source | None:
        """The page at ``rel`` (``co-quan/toa-an.en.md``), if there is one."""
        return self.pages.get(rel)

    def translations(self, rel: str) -> dict[str, Source]:
        """The files of one page by language, the default language's first, those that exist."""
        found = {}
        for language in layout.LANGUAGES:
            source = self.pages.get(layout.translation_path(rel, language))
            if source is not None:
                found[language] = source
        return found

    def data_files(self, folder: str) -> list[DataFile]:
        """The data files directly inside ``folder`` (``_data/strings``), sorted by name."""
        return [d for rel, d in sorted(self.data.items()) if rel.rsplit("/", 1)[0] == folder]

    def data_files_under(self, folder: str) -> list[DataFile]:
        """The data files anywhere inside ``folder`` (``_data/progress``), sorted by path."""
        return [d for rel, d in sorted(self.data.items()) if rel.startswith(folder + "/")]


def list_files(docs: Path) -> list[Path]:
    """Every file and folder under ``docs``, sorted, leaving out hidden names and their contents.

    A symbolic link is listed but never followed (the rules report it: FILE-SYMLINK).
    """
    found = []
    for path in sorted(docs.iterdir()):
        if path.name.startswith("."):
            continue
        found.append(path)
        if path.is_dir() and not path.is_symlink():
            found.extend(list_files(path))
    return found


def load(
    docs: Path,
    config: SiteConfig,
    history: dict[tuple[str, str], datetime.date | None] | None = None,
) -> Sources:
    """Read every file under ``docs``; pages get their front matter parsed. ``history`` keeps
    the days read from git by (file, commit checked out), for the next load of the same
    checkout (``make serve`` loads at every save)."""
    excluded = pathspec.GitIgnoreSpec.from_lines(
        [*MKDOCS_DEFAULT_EXCLUDE, *config.patterns("exclude_docs")]
    )
    files = list_files(docs)
    sources = Sources(docs, config, files, {}, {}, {})
    for path in files:
        if path.is_dir() or path.is_symlink():
            continue  # a link's target is not read: it may be anything on the machine
        rel = path.relative_to(docs).as_posix()
        if path.suffix == ".md":
            _read_markdown(sources, path, rel, excluded)
        elif path.suffix == ".yml" and rel.startswith("_data/"):
            _read_data(sources, path, rel)
    _read_history(sources, history)
    return sources


def _read_history(
    sources: Sources, known: dict[tuple[str, str], datetime.date | None] | None
) -> None:
    """When each page with change notes was last committed (git), for the rules on them."""
    noted = [rel for rel, page in sources.pages.items() if (page.front_matter or {}).get("changes")]
    root = source_dates.repository_root(sources.docs.resolve()) if noted else None
    if root is None:
        return  # not a repository: the dates are not checked against its history
    being_edited = source_dates.uncommitted(root, sources.docs.resolve())
    head = source_dates.head_commit(root) if known is not None else None
    for rel in noted:
        path = (sources.docs / rel).resolve()
        if path in being_edited:
            continue
        if known is not None and head is not None and (str(path), head) in known:
            day = known[(str(path), head)]
        else:
            day = source_dates.file_last_changed(path)
            if known is not None and head is not None:
                known[(str(path), head)] = day
        if day is not None:
            sources.last_changed[rel] = day


def _read_markdown(
    sources: Sources, path: Path, rel: str, excluded: pathspec.GitIgnoreSpec
) -> None:
    lines, problem = read_lines(path)
    if lines is None:
        sources.problems.append(problem)  # type: ignore[arg-type]
        return
    sources.texts[path.as_posix()] = lines
    if layout.is_fragment(rel) or excluded.match_file(rel):
        return  # fragments get the text rules, none of the page rules
    # MkDocs reads Windows line endings as line breaks; so do the page rules.
    source = Source(path.as_posix(), rel, [line.removesuffix("\r") for line in lines])
    sources.problems += read_front_matter(source)
    sources.pages[rel] = source


def _read_data(sources: Sources, path: Path, rel: str) -> None:
    data_file = read_data_file(path, rel)
    if data_file.unreadable is not None and not is_imported(rel):
        sources.problems.append(data_file.unreadable)
    sources.problems += data_file.read_problems
    sources.data[rel] = data_file


def is_imported(rel: str) -> bool:
    """Whether ``rel`` is a data file written by the importer (``_data/recommendations/*.yml``)."""
    return rel.rsplit("/", 1)[0] == layout.IMPORTED_FOLDER


def read_data_file(path: Path, rel: str) -> DataFile:
    """One data file read, with why it could not be, if it could not."""
    lines, problem = read_lines(path)
    if lines is None:
        return DataFile(path.as_posix(), rel, None, problem)
    document, problems = yaml_data.parse("\n".join(lines), path.as_posix())
    if document is None:
        return DataFile(path.as_posix(), rel, None, problems[0])
    return DataFile(path.as_posix(), rel, document, None, tuple(problems))
