"""Rules for the glossary's terms (:mod:`thuynguyen_kb.glossary`), in every language.

- ``GLOSSARY-SOURCE``: a definition states a number (a law's number, an article, an age, a
  date, a count) and its entry links to no source: no public address (``https://…``, also as a
  reference link such as ``[…][crc-vnm-co-5-6]``) and no item of the plan. The glossary tells
  its readers that every specific rule it gives has its source in the same entry; this keeps
  that true. A number inside a link's text (``[đoạn 17](khuyen-nghi/p17.md)``) is a pointer,
  not a statement.
- ``GLOSSARY-ID``: a term of the glossary's section of terms has no ``{ #id }``: the letter
  index cannot list it and no page can link to it.
- ``KB-MARKER``: a ``<!-- kb:glossary-index -->`` marker on a page that has no terms to list.
"""

from __future__ import annotations

from thuynguyen_kb import glossary, layout, markers
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem


def check_glossary(sources: Sources) -> list[Problem]:
    """The glossary's terms in every language, and every page's glossary-index marker."""
    references: dict[str, str] = {}
    for shown, lines in sorted(sources.texts.items()):
        if "/_snippets/" in shown:  # shared link targets, appended to every page
            references.update(glossary.reference_targets(lines))
    problems = []
    for rel, source in sources.pages.items():
        found = glossary.terms(source.lines, source.body_start)
        if layout.neutral_path(rel) == layout.GLOSSARY_PAGE:
            own = references | glossary.reference_targets(source.lines)
            for term in found:
                problems += check_term(source.shown, rel, term, own)
        if found:
            continue
        for marker in markers.scan(source.lines, source.body_start, 1):
            if marker.name == "glossary-index":
                problems.append(
                    Problem(
                        source.shown,
                        marker.line,
                        "KB-MARKER",
                        f"'{marker.text.strip()}' {glossary.NO_TERMS}",
                    )
                )
    return problems


def check_term(
    shown: str, rel: str, term: glossary.Term, references: dict[str, str]
) -> list[Problem]:
    """What is wrong with one term: no id; a number stated with no source in its entry."""
    problems = []
    name = glossary.short_name(term)
    if not term.id:
        problems.append(
            Problem(
                shown,
                term.line,
                "GLOSSARY-ID",
                f"term '{name}' has no id (found no '{{ #id }}' at the end of its line, expected"
                " one; add the Vietnamese term in ASCII kebab-case, the same in both languages,"
                " e.g. 'Trẻ em { #tre-em }')",
            )
        )
    unsourced = glossary.unsourced_number(term, rel, references)
    if unsourced:
        line, words = unsourced
        problems.append(
            Problem(
                shown,
                line,
                "GLOSSARY-SOURCE",
                f"the definition of '{name}' states a number with no source in its entry (found"
                f" '{words}' and no link to a public source or to the plan, expected one; add the"
                " source to this entry, e.g. ([Thư viện Pháp luật](https://…)), or write the"
                " definition without the number)",
            )
        )
    return problems
