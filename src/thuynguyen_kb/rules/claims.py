"""Sentences that claim more than the plan says: two ways the site once got it wrong.

``ANNEX-CLAIM``: while the plan's annex is missing, no page may say what is in it. The plan assigns
its tasks in an "Annex on the assignment of tasks (attached)" (IV.2); the source text does not
include it, so nobody here knows whether it is a table, or whether it names lead and cooperating
bodies or deadlines. Pages once stated all three as fact. This rule reads every sentence of every
Markdown file that mentions the annex: one that also speaks of what such an annex might contain
(:data:`CONTENT`) must say that it is not known (:data:`HEDGES`: "does not know whether", "if",
"once it is available" …). The verbatim plan is left alone.

The annex counts as known once a task record carries its row (``source``, see the editors'
guide): from then on the task pages show what it says, and this rule stops.

``PLAN-EVERY-BODY``: a sentence that cites an item of the plan and says "every body" (or each,
all) must do something. The plan never addresses every body: each item names its own groups
(I.2: the offices, boards and sectors, the socio-political organisations and the People's
Committees of the communes and wards; III.1: the offices, boards and sectors concerned and the
People's Committees of the communes and wards). M2's key message once said every body prepares
a budget estimate. Name the groups as the item does.

Word lists, not a language model: a claim that uses none of the listed words passes, and a hedge
word anywhere in the sentence lets an annex sentence pass. That is deliberate: the rules catch
the way the mistakes were made before, and their messages say exactly which words they saw.
"""

from __future__ import annotations

import re

from thuynguyen_kb import layout
from thuynguyen_kb.knowledge import KnowledgeBase
from thuynguyen_kb.loader import Sources
from thuynguyen_kb.problems import Problem

# The annex, by name, in each language.
MENTIONS = {"vi": re.compile(r"phụ lục", re.I), "en": re.compile(r"\bannex", re.I)}
# What an annex on the assignment of tasks could contain or be: the claims once made as fact.
CONTENT = {
    "vi": re.compile(r"thời hạn|\bhạn\b|chủ trì|phối hợp|\bbảng\b|vai trò", re.I),
    "en": re.compile(r"deadline|due date|\blead\b|cooperat|\btable\b|\broles?\b", re.I),
}
# Words that make the sentence say the content is not known, only hypothetical, or no longer
# claimed (a change note: "the page no longer says that the annex sets deadlines").
HEDGES = {
    "vi": re.compile(r"không biết|chưa|không có|không còn|hay không|\bnếu\b|khi có|có thể", re.I),
    "en": re.compile(
        r"\bnot\b|n't\b|no longer|whether|\bif\b|\bonce\b|\bwhen\b|cannot|unknown", re.I
    ),
}
# "Every body", "each body", "all bodies": the plan names its groups instead.
EVERY_BODY = {
    "vi": re.compile(r"\b(?:mỗi|mọi|từng|tất cả(?: các)?) cơ quan\b", re.I),
    "en": re.compile(r"\b(?:every|each) body(?:'s)?\b|\ball(?: the)? bodies\b", re.I),
}
PLAN_LINK = re.compile(r"\]\((?:\.\./)*ke-hoach\.md#([a-z0-9-]+)\)")
# Sentences end with . ! ? before a capital; clauses joined by ";" are read one by one.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ*\"“(])|;\s+")
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # words quoted, not said: "mỗi cơ quan" in the guide
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{[^}]*\}")  # Markdown link targets and attribute lists


def annex_is_known(kb: KnowledgeBase) -> bool:
    """True once a task record carries its row of the annex (its ``source``)."""
    return any(task.fields.source for task in kb.of_type("task"))


def sentences(line: str) -> list[str]:
    """The sentences and ";" clauses of a Markdown line (a paragraph is one line)."""
    return [part.strip() for part in SENTENCE_END.split(line) if part.strip()]


def annex_claims(line: str, language: str) -> list[tuple[str, str]]:
    """``(sentence, content word)`` for each sentence of ``line`` that says what the annex holds."""
    found = []
    for sentence in sentences(LINK_TARGET.sub("]", line)):
        if not MENTIONS[language].search(sentence) or HEDGES[language].search(sentence):
            continue
        content = CONTENT[language].search(sentence)
        if content:
            found.append((sentence, content.group(0)))
    return found


def every_body_claims(line: str, language: str) -> list[tuple[str, str, str]]:
    """``(sentence, words, plan item)`` for each sentence that cites the plan for every body."""
    found = []
    for sentence in sentences(line):
        words = EVERY_BODY[language].search(QUOTED.sub("", sentence))
        item = PLAN_LINK.search(sentence)
        if words and item:
            found.append((LINK_TARGET.sub("]", sentence), words.group(0), item.group(1)))
    return found


def quote(sentence: str) -> str:
    """A sentence short enough for a message."""
    return sentence if len(sentence) <= 120 else sentence[:117] + "…"


def check_claims(sources: Sources, kb: KnowledgeBase) -> list[Problem]:
    """Report sentences that state the missing annex's content, or the plan's, beyond its words."""
    problems = []
    check_annex = not annex_is_known(kb)
    plan = {page.shown for page in sources.translations(layout.PLAN_PAGE).values()}
    for shown, lines in sources.texts.items():
        if shown in plan:
            continue
        language = layout.language_of(shown)
        for number, line in enumerate(lines, start=1):
            for sentence, word in annex_claims(line, language) if check_annex else []:
                problems.append(
                    Problem(
                        shown,
                        number,
                        "ANNEX-CLAIM",
                        f"says what the missing annex contains ('{word}' in \"{quote(sentence)}\");"
                        " the plan only says tasks are assigned in it (IV.2): say that the site"
                        " does not know, or leave it out",
                    )
                )
            for sentence, words, item in every_body_claims(line, language):
                problems.append(
                    Problem(
                        shown,
                        number,
                        "PLAN-EVERY-BODY",
                        f"'{words}' with a link to the plan's #{item} in \"{quote(sentence)}\":"
                        " the plan names which bodies each item is for; name them as the item"
                        " does",
                    )
                )
    return problems
