"""YAML read with its line numbers, so a wrong value can be reported at the line that holds it.

PyYAML's ``safe_load`` gives the data but forgets where each value was written; its ``compose``
gives the node tree with line marks but not the data. :func:`parse` keeps both, and
:meth:`YamlDocument.line_of` walks the tree along a validation error's location (``("roles",
"coordinates", "checklist", 1, "en")``) to the line of the deepest part that exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from thuynguyen_kb.problems import Problem


@dataclass(frozen=True)
class YamlDocument:
    """The data of a YAML text and its node tree; ``first_line`` is the file line of its line 1."""

    data: Any
    node: yaml.Node | None
    first_line: int = 1

    def found(self, location: Sequence[str | int]) -> int:
        """How many parts of ``location``, from the start, are in the document."""
        node, count = self.node, 0
        for part in location:
            child = _child(node, part)
            if child is None:
                break
            count, node = count + 1, child[1]
        return count

    def describe(self, location: Sequence[str | int]) -> str:
        """``location`` as an editor reads it: ``related_bodies[1].role``, ``paragraphs.30``."""
        node, text = self.node, ""
        for part in location:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                text += f"[{part + 1}]"  # items counted from 1
            else:
                text += f".{part}" if text else str(part)
            child = _child(node, part)
            node = child[1] if child else None
        return text

    def line_of(self, location: Sequence[str | int]) -> int:
        """The file line of the value at ``location``, or of the deepest part of it that exists."""
        node = self.node
        line = node.start_mark.line if node is not None else 0
        for part in location:
            child = _child(node, part)
            if child is None:
                break
            line, node = child
        return line + self.first_line


def _child(node: yaml.Node | None, part: str | int) -> tuple[int, yaml.Node] | None:
    """The line of ``part`` inside ``node`` (a key's line, or an item's) and its value node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key.start_mark.line, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item.start_mark.line, item
    return None


class _ImpossibleDateError(Exception):
    """A value written as a date (``2026-02-30``) that no calendar has."""

    def __init__(self, node: yaml.Node, reason: str) -> None:
        super().__init__(reason)
        self.node, self.reason = node, reason


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an impossible date is reported, not raised as a
    ValueError that no YAML error handler would catch."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise _ImpossibleDateError(node, str(error)) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse(
    text: str, shown: str, code: str = "DATA-YAML", first_line: int = 1, subject: str = ""
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text`` (written in ``shown`` from ``first_line`` on); a problem if it is not YAML.

    ``subject`` starts the message (``"front matter is "``). A key given twice in one mapping is
    a problem too: YAML would keep the last value and drop the first without a word. A date
    that does not exist (``2026-02-30``) is a problem at its line.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        # Built from the same node tree, so the text is parsed once.
        data = _Loader("").construct_document(node) if node is not None else None
    except _ImpossibleDateError as error:
        return None, [
            Problem(
                shown,
                error.node.start_mark.line + first_line,
                code,
                f"{subject}not valid YAML: '{error.node.value}' is not a day of the calendar"
                f" (found the error '{error.reason}', expected a real date written YYYY-MM-DD,"
                " such as 2026-12-01; correct the day or the month)",
            )
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        return None, [
            Problem(
                shown,
                line,
                code,
                f"{subject}not valid YAML (found the error '{problem}', expected 'name: value'"
                " lines; check the indentation, and put a value that contains ': ' or starts with a"
                " special character in double quotes)",
            )
        ]
    return YamlDocument(data, node, first_line), duplicate_keys(node, shown, code, first_line)


def duplicate_keys(node: yaml.Node | None, shown: str, code: str, first_line: int) -> list[Problem]:
    """A problem at each key that repeats an earlier key of the same mapping, at any depth."""
    problems = []
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name, line = str(key.value), key.start_mark.line + first_line
                if name in seen:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            code,
                            f"the key '{name}' is given twice (lines {seen[name]} and {line});"
                            " YAML keeps only the last one: remove one, or merge them",
                        )
                    )
                seen.setdefault(name, line)
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return problems
