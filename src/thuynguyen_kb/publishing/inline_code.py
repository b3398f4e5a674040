"""The inline code of the built pages, as a Content-Security-Policy sees it.

A policy without ``'unsafe-inline'`` runs an inline ``<script>`` only if the SHA-256 hash of its
text is listed, and applies no inline style at all (``style-src 'self'``). This module reads every
built page once, with lxml's HTML parser (never regular expressions: a script's text ends where
the HTML parser says it does), and returns:

- the hashes of the inline scripts that browsers run (Material writes one that differs by the
  page's depth, and one for tabbed content), for the policy's script-src;
- a problem for everything no hash can allow: an inline ``<style>`` or ``style`` attribute, an
  event-handler attribute (``onclick``…) or a ``javascript:`` URL. The build stops on these, so
  that a page never reaches readers broken by the policy it is published with.

``<script type="application/json">`` (Material's ``__config``) is data, not code: browsers never
run it, so it needs no hash.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import html

from thuynguyen_kb.problems import Problem

# The types under which browsers run a <script> (the HTML standard's JavaScript MIME type
# essences, plus "module"); any other type is a data block. No type, or an empty one, is a script.
SCRIPT_TYPES = frozenset(
    {
        "", "module", "application/ecmascript", "application/javascript",
        "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
        "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
        "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
        "text/livescript", "text/x-ecmascript", "text/x-javascript",
    }
)  # fmt: skip
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
FIX = "the Content-Security-Policy (src/thuynguyen_kb/publishing/policy.py) would block it"
_PARSER = html.HTMLParser(encoding="utf-8")  # MkDocs writes every page in UTF-8


@dataclass(frozen=True)
class InlineCode:
    """What the built pages run or style inline."""

    script_hashes: tuple[str, ...]  # "sha256-…", sorted, each once
    problems: tuple[Problem, ...]  # inline code that no policy without 'unsafe-inline' allows


class InlineCodeError(Exception):
    """The built pages hold inline code that the policy cannot allow."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        lines = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{len(problems)} page element(s) would break under the policy:\n{lines}")


def script_hash(text: str) -> str:
    """The CSP hash source of a script's text (without the quotes): ``sha256-<base64>``.

    Browsers hash the text after the HTML parser has turned every CR LF and lone CR into LF.
    """
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def runs(script: html.HtmlElement) -> bool:
    """True for a ``<script>`` whose own text a browser runs (no ``src``, a script type)."""
    kind = (script.get("type") or "").strip().lower().split(";")[0].strip()
    return script.get("src") is None and kind in SCRIPT_TYPES


def _url_text(value: str) -> str:
    """A URL as browsers read its scheme: C0 controls and spaces stripped from its ends, tabs
    and newlines dropped (the WHATWG URL standard's first steps), in lower case."""
    stripped = value.strip("".join(chr(code) for code in range(33)))
    return "".join(c for c in stripped if c not in "\t\n\r").lower()


def _problems(rel: str, document: html.HtmlElement) -> list[Problem]:
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        line = element.sourceline or 0
        if element.tag == "style":
            found.append(Problem(rel, line, "CSP-INLINE-STYLE", f"<style> element: {FIX}"))
        for name, value in element.attrib.items():
            if name == "style":
                what = f"style attribute on <{element.tag}>: {FIX}; use a class in site.css"
                found.append(Problem(rel, line, "CSP-INLINE-STYLE", what))
            elif name.lower().startswith("on"):
                what = f"{name} attribute on <{element.tag}>: {FIX}; use a script file"
                found.append(Problem(rel, line, "CSP-INLINE-HANDLER", what))
            elif name in URL_ATTRIBUTES and _url_text(value).startswith("javascript:"):
                what = f"javascript: URL in {name} of <{element.tag}>: {FIX}; use a script file"
                found.append(Problem(rel, line, "CSP-INLINE-HANDLER", what))
    return found


def scan(site: Path, pages: Iterable[Path] | None = None) -> InlineCode:
    """Read every HTML page of the built ``site`` (or only ``pages`` of it): hashes of its
    inline scripts, and problems."""
    hashes: set[str] = set()
    problems: list[Problem] = []
    for path in sorted(site.rglob("*.html") if pages is None else pages):
        rel = path.relative_to(site).as_posix()
        document = html.document_fromstring(path.read_bytes(), parser=_PARSER)
        for script in document.iter("script"):
            if runs(script):
                hashes.add(script_hash(script.text or ""))
        problems.extend(_problems(rel, document))
    return InlineCode(tuple(sorted(hashes)), tuple(sorted(problems)))


def checked_hashes(site: Path, pages: Iterable[Path] | None = None) -> tuple[str, ...]:
    """The inline scripts' hashes of ``site`` (or of ``pages`` of it); raise
    :class:`InlineCodeError` on any problem."""
    found = scan(site, pages)
    if found.problems:
        raise InlineCodeError(found.problems)
    return found.script_hashes
