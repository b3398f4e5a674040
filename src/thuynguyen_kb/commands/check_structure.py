"""Check the Markdown sources under docs/ and mkdocs.yml against every rule of the site.

Usage: ``python scripts/check_structure.py [--docs DOCS_DIR] [--config MKDOCS_YML]`` from the
repository root (defaults ``docs`` and ``mkdocs.yml``). It reads the sources, never the built
site, and never changes a file. The rules are those of ``thuynguyen_kb.rules``, the same that
the build applies before anything is written; their codes are explained in the README. Each page
is rendered with Python-Markdown for the content rules, as the build will render it.

Prints one line per problem (``path:line: CODE message``), sorted, then a count, and exits 1; or
one ``OK:`` line and exits 0. Vietnamese pages without an English file are listed after the
report ("Not yet translated (N): …"): information, not an error.
"""

from __future__ import annotations

import argparse
import sys

from thuynguyen_kb import knowledge, layout, rules
from thuynguyen_kb.commands import sources as source_arguments
from thuynguyen_kb.problems import report
from thuynguyen_kb.rules.pages import untranslated


def count(items: int, noun: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{items} {noun}{'' if items == 1 else 's'}"


def main(argv: list[str] | None = None) -> int:
    """Run every rule on the docs folder and mkdocs.yml and print the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    source_arguments.add_arguments(parser)
    sources = source_arguments.read(parser.parse_args(argv))
    if sources is None:
        return 2
    kb = knowledge.assemble(sources)
    problems = rules.check(sources, kb)
    problems += rules.check_rendered(sources, kb, problems)
    missing = untranslated(sources)
    originals = [r for r in sources.pages if layout.language_of(r) == layout.DEFAULT_LANGUAGE]
    translated = len(originals) - len(missing)
    status = report(
        problems,
        f"OK: {count(len(originals), 'page')} checked ({translated} with an English"
        " translation), no problems.",
    )
    if missing:
        # Information, not an error: translation may lag behind the Vietnamese pages.
        print(f"Not yet translated ({len(missing)}): {', '.join(missing)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
