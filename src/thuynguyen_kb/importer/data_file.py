"""The data file of one document: ``DOCS/_data/recommendations/<slug>.yml``, owned by the importer.

It is rewritten as a whole from the parsed paragraphs, deterministically (same input, same
bytes), so that importing the same file twice changes nothing. An English import sets the
paragraphs and keeps the Vietnamese text of those still there; a Vietnamese import only adds
text to paragraphs the English import wrote. Its shape is
:class:`thuynguyen_kb.schemas.ImportedDocument`; its ``integrity:`` block
(:mod:`thuynguyen_kb.integrity`), written before the paragraphs, lets the checks tell a whole file
from one cut or edited by hand, and the importer refuses to build on an existing file that is not
whole.
"""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from thuynguyen_kb import layout
from thuynguyen_kb.importer.errors import InputError
from thuynguyen_kb.importer.parser import Paragraph
from thuynguyen_kb.integrity import INTEGRITY_KEY, damage, integrity_block, restore_advice


def slug(symbol: str) -> str:
    """The file name of a symbol's data: ``CRC/C/VNM/CO/5-6`` → ``crc-c-vnm-co-5-6``."""
    return re.sub(r"[^a-z0-9]", "-", symbol.lower())


def data_path(docs: Path, symbol: str) -> Path:
    """Where the data file of ``symbol`` lives under the docs folder ``docs``."""
    return docs / layout.IMPORTED_FOLDER / f"{slug(symbol)}.yml"


def source_entry(path: Path, content: bytes) -> dict[str, str]:
    """What the data file says about an imported file: its name and digest."""
    return {"file": path.name, "sha256": hashlib.sha256(content).hexdigest()}


def english_data(
    symbol: str, source: dict[str, str], paragraphs: list[Paragraph], old: dict[str, Any] | None
) -> tuple[dict[str, Any], list[int]]:
    """The data file for an English import, keeping the Vietnamese text of kept paragraphs.

    Returns the data and the numbers whose Vietnamese text had to go with their paragraph.
    """
    old = old or {}
    old_paragraphs = old.get("paragraphs") or {}
    sources: dict[str, Any] = {"en": source}
    if (old.get("sources") or {}).get("vi"):
        sources["vi"] = old["sources"]["vi"]
    entries: dict[int, Any] = {}
    for paragraph in paragraphs:
        text = {"en": paragraph.text}
        old_vi = ((old_paragraphs.get(paragraph.number) or {}).get("text") or {}).get("vi")
        if old_vi is not None:
            text["vi"] = old_vi
        entries[paragraph.number] = {
            "section": paragraph.section,
            "cluster": paragraph.cluster,
            "cluster_heading": paragraph.cluster_heading,
            "articles": list(paragraph.articles),
            "subheading": paragraph.subheading,
            "sub_items": list(paragraph.sub_items),
            "footnotes": list(paragraph.footnotes),
            "text": text,
        }
    dropped = [
        n
        for n, entry in old_paragraphs.items()
        if n not in entries and ((entry or {}).get("text") or {}).get("vi") is not None
    ]
    return {"symbol": symbol, "sources": sources, "paragraphs": entries}, sorted(dropped)


def vietnamese_data(
    old: dict[str, Any], source: dict[str, str], paragraphs: list[Paragraph]
) -> tuple[dict[str, Any], list[int]]:
    """The data file with the Vietnamese text added by paragraph number; unknown numbers back."""
    data = copy.deepcopy(old)
    data.setdefault("sources", {})["vi"] = source
    unknown = []
    for paragraph in paragraphs:
        entry = data.get("paragraphs", {}).get(paragraph.number)
        if entry is None:
            unknown.append(paragraph.number)
            continue
        entry.setdefault("text", {})["vi"] = paragraph.text
    return data, unknown


class _Text(str):
    """A paragraph's text: always written as a literal block, so every text reads alike."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes lists inline and paragraph texts as literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Text, _represent_text)
_Dumper.add_representer(list, _represent_list)


def dump_data(data: dict[str, Any]) -> str:
    """The data file's text: deterministic, Unicode as is, no line folded, integrity block added.

    The text is read back before it is returned: a file the checks would not find whole is
    never written.
    """
    body = {key: value for key, value in data.items() if key != INTEGRITY_KEY}
    ordered = {
        "symbol": body["symbol"],
        "sources": body["sources"],
        INTEGRITY_KEY: integrity_block(body),
        "paragraphs": copy.deepcopy(body["paragraphs"]),
    }
    for entry in ordered["paragraphs"].values():
        entry["text"] = {language: _Text(text) for language, text in entry["text"].items()}
    # yaml.dump with a SafeDumper subclass is yaml.safe_dump plus the two styles above.
    text = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    found = damage(yaml.safe_load(text))
    if found is not None:
        raise InputError(f"the data file would not read back as written ({found.what}); report it")
    return text


def load_data(path: Path, symbol: str, docs: Path) -> dict[str, Any] | None:
    """The existing data file, or None when there is none; InputError when it is not whole.

    An import builds on the existing file (an English import keeps its Vietnamese text, a
    Vietnamese import adds to it), so a file that was cut or edited by hand must be restored
    first: otherwise the new file would carry the damage under a new, valid checksum.
    """
    if not path.is_file():
        return None
    shown = path.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        found = f"it is not valid YAML or UTF-8 ({' '.join(str(error).split())})"
        raise InputError(f"{found}; {restore_advice(shown, symbol, docs)}", path=shown) from error
    found_damage = damage(data)
    if found_damage is not None:
        raise InputError(f"{found_damage.what}; {restore_advice(shown, symbol, docs)}", path=shown)
    return data


def describe_changes(
    old: dict[str, Any] | None, new: dict[str, Any], language: str
) -> list[tuple[str, list[int]]]:
    """Paragraph numbers added, changed and removed in ``language``'s part of the data."""

    def view(entry: Any) -> Any:
        # An English import owns whole entries; a Vietnamese one only the "vi" text.
        if entry is None or language == "en":
            return entry
        return (entry.get("text") or {}).get("vi")

    before = {n: view(e) for n, e in ((old or {}).get("paragraphs") or {}).items()}
    after = {n: view(e) for n, e in new["paragraphs"].items()}
    added = [n for n, v in after.items() if v is not None and before.get(n) is None]
    changed = [n for n, v in after.items() if v is not None and before.get(n) not in (None, v)]
    removed = [n for n, v in before.items() if v is not None and after.get(n) is None]
    return [
        (kind, sorted(numbers))
        for kind, numbers in (("added", added), ("changed", changed), ("removed", removed))
        if numbers
    ]
