"""The command line: read one file, update the data file, create the missing stub pages.

:func:`main` is what ``scripts/import_recommendations.py`` runs; :func:`run` does the work for
parsed arguments. Everything is read, parsed and prepared before the first byte is written, so
that an error leaves the docs folder as it was. Every file is written with
:func:`thuynguyen_kb.files.write_atomically` (a temporary file beside it, renamed into place),
the data file first and then the stubs, each Vietnamese page before its English one: an import
killed at any moment leaves every file whole, and no stub for a paragraph that the data file
lacks. The next import completes the stubs it left out. ``--dry-run`` also prints what was found
(:mod:`.summary`), for the maintainer to compare with the document before importing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from thuynguyen_kb import importer, layout
from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.importer.data_file import (
    data_path,
    describe_changes,
    dump_data,
    english_data,
    load_data,
    source_entry,
    vietnamese_data,
)
from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.lines import content_lines, read_input
from thuynguyen_kb.importer.listing import number_list
from thuynguyen_kb.importer.parser import Notice, Paragraph, parse
from thuynguyen_kb.importer.stubs import missing_stubs
from thuynguyen_kb.importer.summary import summary_lines


def paragraphs_json(paragraphs: list[Paragraph]) -> str:
    """The parsed paragraphs as the JSON list that ``--json`` prints."""
    return json.dumps(
        [
            {
                "number": p.number,
                "heading_path": p.heading_path(),
                "sub_items": list(p.sub_items),
                "footnotes": list(p.footnotes),
                "first_words": p.first_words(),
            }
            for p in paragraphs
        ],
        ensure_ascii=False,
        indent=2,
    )


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Import one file as ``args`` say, writing messages to ``out``; raise InputError."""
    check_docs_folder(args.docs)
    content = read_input(args.file)
    document = parse(content_lines(args.file, content), args.symbol, args.lang)
    notices = list(document.notices)
    path = data_path(args.docs, args.symbol)
    shown = path.as_posix()
    old = load_data(path, args.symbol, args.docs)
    source = source_entry(args.file, content)
    if args.lang == "vi":
        if old is None:
            raise InputError(f"{shown} does not exist: import the English text first")
        new, unknown = vietnamese_data(old, source, document.paragraphs)
        if unknown:
            notices.append(
                Notice(f"paragraphs not in the English data, skipped: {number_list(unknown)}")
            )
    else:
        new, dropped = english_data(args.symbol, source, document.paragraphs, old)
        if dropped:
            notices.append(
                Notice(
                    "Vietnamese text dropped with paragraphs no longer in the English text:"
                    f" {number_list(dropped)}"
                )
            )
    new_text = dump_data(new)
    old_text = path.read_text(encoding="utf-8") if old is not None else None
    # Only an English import creates pages: the stubs say their text is the English one.
    stubs = missing_stubs(args.docs, args.symbol, document.paragraphs) if args.lang == "en" else {}
    notices += [
        Notice(
            f"leftover temporary file of an interrupted import: {leftover.as_posix()} (the site"
            " and the checks never read it; delete it)"
        )
        for leftover in leftovers(path, args.docs / layout.RECOMMENDATIONS_FOLDER)
    ]

    if args.json:
        print(paragraphs_json(document.paragraphs))
    for notice in notices:
        where = f"{args.file}:{notice.line}: " if notice.line else ""
        print(f"{where}warning: {notice.message}", file=out)
    print(data_file_line(shown, old, new, old_text == new_text, args), file=out)
    if args.dry_run:
        for line in summary_lines(document.paragraphs):
            print(line, file=out)
        for stub_path in (stub_path for pages in stubs.values() for stub_path in pages):
            print(f"would create {stub_path.as_posix()}", file=out)
        print("Dry run: nothing written.", file=out)
        return
    write_files(path, new_text if new_text != old_text else None, stubs)
    if stubs:
        folder = (args.docs / layout.RECOMMENDATIONS_FOLDER).as_posix()
        print(
            f"created stub pages in {folder}/ for paragraphs {number_list(list(stubs))}", file=out
        )
    noun = "warning" if len(notices) == 1 else "warnings"
    created = sum(len(pages) for pages in stubs.values())
    pages_noun = "stub page" if created == 1 else "stub pages"
    print(
        f"Imported {len(document.paragraphs)} paragraphs ({args.lang}):"
        f" data file {'unchanged' if new_text == old_text else 'written'},"
        f" {created} {pages_noun} created, {len(notices)} {noun}.",
        file=out,
    )


def check_docs_folder(docs: Path) -> None:
    """Refuse a docs folder that does not exist, rather than create a tree in the wrong place."""
    if not docs.is_dir():
        raise InputError(
            "no such folder (expected the site's docs folder, the one holding the Markdown pages"
            " beside mkdocs.yml; run from the repository root or give it with --docs)",
            path=docs.as_posix(),
        )


def write_files(path: Path, data_text: str | None, stubs: dict[int, dict[Path, str]]) -> None:
    """Write the data file (unless unchanged: None), then the stubs, each one atomically.

    The data file goes first, so that a stub never names a paragraph the data file lacks; an
    unchanged file is not rewritten, so its modification time says when it last changed.
    """
    if data_text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data_text)
    for pages in stubs.values():
        for stub_path, text in pages.items():
            stub_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(stub_path, text)


def leftovers(data: Path, stub_folder: Path) -> list[Path]:
    """Temporary files that a killed import left beside the data file and the stub pages.

    write_atomically names them ``.<name>.<random>``: hidden files, which the loader, the checks
    and MkDocs all leave out, so they are only reported here for the maintainer to delete.
    """
    found = sorted(data.parent.glob(f".{data.name}.*")) if data.parent.is_dir() else []
    if stub_folder.is_dir():
        found += sorted(stub_folder.glob(".p*.md.*"))
    return found


def data_file_line(
    shown: str,
    old: dict[str, Any] | None,
    new: dict[str, Any],
    same: bool,
    args: argparse.Namespace,
) -> str:
    """What happens to the data file, with the paragraph numbers added, changed and removed."""
    if same:
        return f"{shown}: no changes ({len(new['paragraphs'])} paragraphs)"
    what = "Vietnamese text " if args.lang == "vi" else ""
    changes = describe_changes(old, new, args.lang)
    listed = "; ".join(f"{what}{kind} {number_list(numbers)}" for kind, numbers in changes)
    verb = "create" if old is None else "update"
    verb = f"would {verb}" if args.dry_run else f"{verb}d"
    return f"{verb} {shown}: {listed or 'new sources, same paragraphs'}"


def main(argv: list[str] | None = None) -> int:
    """Import the file named on the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=(importer.__doc__ or "").split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the document: .docx, .pdf, .html or .txt")
    parser.add_argument("--symbol", required=True, help="its UN symbol, e.g. CRC/C/VNM/CO/5-6")
    # Sorted, so that the usage line lists them as it always has: {en,vi}.
    parser.add_argument(
        "--lang", choices=sorted(layout.LANGUAGES), default="en", help="its language (en)"
    )
    parser.add_argument("--docs", default="docs", type=Path, help="Markdown sources (docs/)")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the parsed paragraphs as JSON")
    args = parser.parse_args(argv)
    try:
        run(args, sys.stderr if args.json else sys.stdout)
    except InputError as failure:
        print(failure.located(str(args.file)), file=sys.stderr)
        return 1
    return 0
