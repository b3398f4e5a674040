"""Rules for what the printouts and PDF packs of the training pages rely on, in every language.

- ``PRINT-ANSWER-KEY``: a module's quiz section (``#quiz``) holds exactly one collapsible box of
  class ``answer-key`` (``??? note answer-key "…"``): the site never prints it and the trainer's
  PDF gives it a sheet of its own. A handout holds none: it goes to participants.
- ``PRINT-QUIZ``: a handout has a heading ``{ #cau-hoi }`` followed by a numbered list (its quiz
  questions), under which the printout and the PDF add lines to write on.

The PDF packs (:mod:`thuynguyen_kb.packs.documents`) refuse the same faults at build time; here
they are found first, at their line.
"""

from __future__ import annotations

import re

from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.markdown_source import ATTR_AT_END, HEADING, Source, ids_in, markdown_lines
from thuynguyen_kb.packs.documents import ANSWER_KEY_CLASS, HANDOUT_QUIZ_ID
from thuynguyen_kb.problems import Problem

ANSWER_KEY = re.compile(r"\s*\?\?\?\+?\s+[\w-]+(?:\s+[\w-]+)*\s+" + ANSWER_KEY_CLASS + r"\b")
NUMBERED = re.compile(r"\s*1\.\s+\S")


def _heading_ids(line: str) -> list[str]:
    if not HEADING.fullmatch(line):
        return []
    end = ATTR_AT_END.search(line)
    return ids_in(end.group(1)) if end else []


def check_module(source: Source) -> list[Problem]:
    """One answer-key box in the module's quiz section."""
    quiz_line, keys, in_quiz = None, [], False
    for number, line in markdown_lines(source.lines, source.body_start):
        if HEADING.fullmatch(line) and line.startswith(("# ", "## ")):
            in_quiz = "quiz" in _heading_ids(line)
            quiz_line = number if in_quiz else quiz_line
        elif ANSWER_KEY.match(line):
            keys.append((number, in_quiz))
    inside = [n for n, in_section in keys if in_section]
    outside = [n for n, in_section in keys if not in_section]
    problems = [
        Problem(source.shown, n, "PRINT-ANSWER-KEY",
                "an answer key outside the #quiz section: move it right after the quiz questions")
        for n in outside
    ]  # fmt: skip
    if quiz_line is not None and len(inside) != 1:
        problems.append(
            Problem(
                source.shown,
                inside[1] if len(inside) > 1 else quiz_line,
                "PRINT-ANSWER-KEY",
                f"the quiz section has {len(inside)} answer keys (expected one box"
                f" '??? note {ANSWER_KEY_CLASS} \"…\"' after the questions: the site never"
                " prints it, the trainer's PDF puts it on a sheet of its own)",
            )
        )
    return problems


def check_handout(source: Source) -> list[Problem]:
    """A quiz the printout can add answer lines to, and no answer key."""
    problems = []
    lines = list(markdown_lines(source.lines, source.body_start))
    quiz = [i for i, (_, line) in enumerate(lines) if HANDOUT_QUIZ_ID in _heading_ids(line)]
    for number, line in lines:
        if ANSWER_KEY.match(line):
            problems.append(
                Problem(
                    source.shown,
                    number,
                    "PRINT-ANSWER-KEY",
                    "a handout goes to participants: remove its answer key (answers belong"
                    " in the module's #quiz section)",
                )
            )
    if not quiz:
        return [
            *problems,
            Problem(
                source.shown,
                1,
                "PRINT-QUIZ",
                f"no quiz section (expected a heading ending in {{ #{HANDOUT_QUIZ_ID} }},"
                " followed by the numbered questions)",
            ),
        ]
    following = [line for _, line in lines[quiz[0] + 1 :] if line.strip()]
    if not following or not NUMBERED.match(following[0]):
        problems.append(
            Problem(
                source.shown,
                lines[quiz[0]][0],
                "PRINT-QUIZ",
                "the quiz heading is not followed by a numbered list ('1. …'): the printout"
                " adds lines to write on under each numbered question",
            )
        )
    return problems


def check_print_parts(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """The print rules on every language's file of every (valid) module and handout."""
    problems = []
    for kind, rule in (("module", check_module), ("handout", check_handout)):
        for record in kb.of_type(kind):
            for source in sources.translations(record.page).values():
                problems += rule(source)
    return problems
