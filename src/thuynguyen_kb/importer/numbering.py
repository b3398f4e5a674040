"""The numbers Word shows for automatically numbered DOCX paragraphs, computed from
``word/numbering.xml``.

A paragraph typed as "12. The Committee …" holds its number in its text; one numbered by Word's
list numbering holds only a reference, ``w:numPr`` (a list, ``w:numId``, and a level,
``w:ilvl``), in its own properties or in its paragraph style's. Word draws the number from the
list's definition: ``w:num`` names an ``w:abstractNum``, whose ``w:lvl`` for that level gives
the first value (``w:start``), the kind of number (``w:numFmt``) and how it is written
(``w:lvlText``, such as ``%1.`` or ``(%2)``); a ``w:num`` may start a level elsewhere
(``w:lvlOverride/w:startOverride``), which is how Word restarts a list. :class:`Numbering` counts
as Word does, one counter per list and level, a paragraph at a level restarting the levels
below it, so that the importer reads "12. The Committee …" and "(a) Adopt …" whichever way the
numbers were made.

The XML parts were read within the limits of :mod:`.limits` and parsed by python-docx (as
``word/document.xml`` is) before this module sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from thuynguyen_kb.importer.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"
PLACEHOLDER = re.compile(r"%([1-9])")
# Levels that Word draws without a number: the importer adds nothing for them, as before.
UNNUMBERED = {"bullet", "none"}
ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip
MAX_LEVEL = 8  # Word has nine levels, 0 to 8
MAX_STYLE_DEPTH = 20  # a style's basedOn chain; a loop is cut here


@dataclass(frozen=True)
class Level:
    """One level of a list definition: its first value, kind of number, text, restart rule."""

    start: int = 1
    number_format: str = "decimal"
    text: str = ""
    restart_after: int | None = None  # the w:lvlRestart value; None: after any higher level
    suffix: str = " "  # what Word puts after the number (a tab is read as a space)


def format_number(value: int, number_format: str) -> str:
    """``value`` written as ``number_format`` (``w:numFmt``) writes it; unknown kinds as Word
    shows them, in decimal."""
    if number_format in ("lowerLetter", "upperLetter"):
        # Word's letters go a … z, then aa … zz, then aaa …: the letter repeated.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    """``value`` in small Roman numerals (Word writes 0 as ``0``)."""
    if value <= 0:
        return str(value)
    digits = []
    for amount, numeral in ROMAN:
        count, value = divmod(value, amount)
        digits.append(numeral * count)
    return "".join(digits)


class Numbering:
    """The list definitions of a DOCX and the counters Word keeps while it numbers paragraphs.

    :meth:`label` must be called for the body's paragraphs in reading order: each call for a
    numbered paragraph moves its list's counters on, as Word's display does.
    """

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        """``numbering`` and ``styles`` are the root elements of numbering.xml and styles.xml,
        or None where the document has none."""
        self._abstract = _children_by_id(numbering, "abstractNum", "abstractNumId")
        self._nums = _children_by_id(numbering, "num", "numId")
        self._styles = _children_by_id(styles, "style", "styleId")
        self._default_style = _default_paragraph_style(styles)
        self._counters: dict[str, dict[int, int]] = {}
        self._levels: dict[tuple[str, int], Level] = {}

    def label(self, paragraph: Any, line: int) -> str:
        """The number Word shows before ``paragraph`` with what follows it ("12. ", "(a) "), or
        "" for a paragraph without one; ``line`` locates an error."""
        reference = self._reference(paragraph, line)
        if reference is None:
            return ""
        num_id, level = reference
        if self._level(num_id, level, line).number_format in UNNUMBERED:
            return ""
        values = self._count(num_id, level, line)
        definition = self._level(num_id, level, line)
        text = PLACEHOLDER.sub(
            lambda match: self._shown(num_id, int(match[1]) - 1, values, line), definition.text
        )
        return f"{text}{definition.suffix}" if text else ""

    def _shown(self, num_id: str, level: int, values: dict[int, int], line: int) -> str:
        """One ``%N`` of a level's text: level N-1's current value in that level's format."""
        definition = self._level(num_id, level, line)
        return format_number(values.get(level, definition.start), definition.number_format)

    def _count(self, num_id: str, level: int, line: int) -> dict[int, int]:
        """Move the list's counter at ``level`` on; restart the levels below it."""
        counters = self._counters.setdefault(num_id, {})
        for lower in [n for n in counters if n > level]:
            restart = self._level(num_id, lower, line).restart_after
            # w:lvlRestart N: restart after a paragraph at level N-1 or higher; 0: never.
            if restart is None or (restart > 0 and level <= restart - 1):
                del counters[lower]
        if level in counters:
            counters[level] += 1
        else:
            counters[level] = self._level(num_id, level, line).start
        return counters

    def _reference(self, paragraph: Any, line: int) -> tuple[str, int] | None:
        """The list and level of a paragraph: its own ``w:numPr``, completed by its style's."""
        own = paragraph.find(f"{W}pPr/{W}numPr")
        num_id, level = _num_pr(own)
        style_id = _val(paragraph.find(f"{W}pPr/{W}pStyle")) or self._default_style
        if num_id is None or level is None:
            style_num, style_level = self._style_reference(style_id)
            num_id = num_id if num_id is not None else style_num
            level = level if level is not None else style_level
        if num_id is None or num_id == "0":  # numId 0: numbering removed from this paragraph
            return None
        if level is None:
            level = self._level_of_style(num_id, style_id, line)
        return num_id, min(max(level, 0), MAX_LEVEL)

    def _style_reference(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The ``w:numPr`` a paragraph style gives, directly or through its basedOn chain."""
        num_id: str | None = None
        level: int | None = None
        for _ in range(MAX_STYLE_DEPTH):
            style = self._styles.get(style_id or "")
            if style is None:
                break
            found_num, found_level = _num_pr(style.find(f"{W}pPr/{W}numPr"))
            num_id = num_id if num_id is not None else found_num
            level = level if level is not None else found_level
            if num_id is not None and level is not None:
                break
            style_id = _val(style.find(f"{W}basedOn"))
        return num_id, level

    def _level_of_style(self, num_id: str, style_id: str | None, line: int) -> int:
        """The level whose ``w:pStyle`` is the paragraph's style (0 if none): how Word links a
        heading style to its level of a list."""
        abstract = self._abstract_for(num_id, line)
        for lvl in abstract.findall(f"{W}lvl"):
            if style_id and _val(lvl.find(f"{W}pStyle")) == style_id:
                return _int(lvl.get(f"{W}ilvl"), 0)
        return 0

    def _level(self, num_id: str, level: int, line: int) -> Level:
        """The definition of one level of list ``num_id``, its overrides applied."""
        key = (num_id, level)
        if key not in self._levels:
            self._levels[key] = self._read_level(num_id, level, line)
        return self._levels[key]

    def _read_level(self, num_id: str, level: int, line: int) -> Level:
        """Read a level from the list's abstractNum, then its num's lvlOverride."""
        num = self._nums.get(num_id)
        abstract = self._abstract_for(num_id, line)
        lvl = _level_element(abstract, level)
        override = None
        if num is not None:
            for candidate in num.findall(f"{W}lvlOverride"):
                if _int(candidate.get(f"{W}ilvl"), -1) == level:
                    override = candidate
        if override is not None and override.find(f"{W}lvl") is not None:
            lvl = override.find(f"{W}lvl")  # a whole level redefined for this list
        definition = _parse_level(lvl, level)
        if override is not None:
            start = _int(_val(override.find(f"{W}startOverride")), None)
            definition = definition if start is None else replace(definition, start=start)
        return definition

    def _abstract_for(self, num_id: str, line: int) -> Any:
        """The abstractNum list ``num_id`` uses; an error if the definition is missing, since
        Word would show no number where the author put one and the paragraphs would run
        together."""
        num = self._nums.get(num_id)
        if num is None:
            raise InputError(
                f"this DOCX numbers a paragraph with list {num_id}, which word/numbering.xml does"
                " not define (expected a w:num with this w:numId); open the file in Word and save"
                " it again, or type the numbers",
                line,
            )
        abstract_id = _val(num.find(f"{W}abstractNumId"))
        abstract = self._abstract.get(abstract_id or "")
        if abstract is not None:
            linked = _val(abstract.find(f"{W}numStyleLink"))
            abstract = self._linked(linked) if linked else abstract
        if abstract is None:
            raise InputError(
                f"this DOCX numbers a paragraph with list {num_id}, whose definition"
                f" (w:abstractNum {abstract_id}) is missing from word/numbering.xml; open the file"
                " in Word and save it again, or type the numbers",
                line,
            )
        return abstract

    def _linked(self, style_id: str) -> Any | None:
        """The abstractNum a numbering style stands for (``w:numStyleLink``), found through the
        style's numId and the abstractNum that names the style in its ``w:styleLink``."""
        for abstract in self._abstract.values():
            if _val(abstract.find(f"{W}styleLink")) == style_id:
                return abstract
        return None


def _children_by_id(root: Any | None, name: str, key: str) -> dict[str, Any]:
    """The ``w:<name>`` children of ``root`` by their ``w:<key>`` attribute; the last one wins."""
    if root is None:
        return {}
    return {child.get(f"{W}{key}", ""): child for child in root.findall(f"{W}{name}")}


def _default_paragraph_style(styles: Any | None) -> str | None:
    """The style of a paragraph that names none: the paragraph style marked default."""
    if styles is None:
        return None
    for style in styles.findall(f"{W}style"):
        if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
            return style.get(f"{W}styleId")
    return None


def _num_pr(num_pr: Any | None) -> tuple[str | None, int | None]:
    """The numId and level a ``w:numPr`` names (None for what it leaves out)."""
    if num_pr is None:
        return None, None
    return _val(num_pr.find(f"{W}numId")), _int(_val(num_pr.find(f"{W}ilvl")), None)


def _level_element(abstract: Any, level: int) -> Any | None:
    """The ``w:lvl`` of an abstractNum for ``level`` (None: Word numbers it in decimal)."""
    for lvl in abstract.findall(f"{W}lvl"):
        if _int(lvl.get(f"{W}ilvl"), -1) == level:
            return lvl
    return None


def _parse_level(lvl: Any | None, level: int) -> Level:
    """A ``w:lvl`` read; a missing one or missing parts as Word reads them."""
    if lvl is None:
        return Level(text=f"%{level + 1}.")
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(_val(lvl.find(f"{W}suff")) or "tab", " ")
    restart = lvl.find(f"{W}lvlRestart")
    return Level(
        start=_int(_val(lvl.find(f"{W}start")), 0) or 0,  # Word's default start is 0
        number_format=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        restart_after=_int(_val(restart), None) if restart is not None else None,
        suffix=suffix,
    )


def _val(element: Any | None) -> str | None:
    """An element's ``w:val``, or None."""
    return element.get(VAL) if element is not None else None


def _int(text: str | None, default: int | None) -> int | None:
    """``text`` as an integer, or ``default`` where it is missing or not a number."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
