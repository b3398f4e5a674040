"""What makes an imported data file checkably whole: its ``integrity:`` block.

The importer writes every data file whole, through a temporary file renamed into place, so that
a killed import leaves the old file or the new one. A file can still be cut or changed later (a
disk that filled up, a bad merge, a copy interrupted, a hand edit), and YAML cut at a line end
is often still valid YAML. So the importer writes, beside the paragraphs::

    integrity:
      paragraphs: 47
      sha256: 3f7a…

``paragraphs`` is the number of entries under ``paragraphs:``; ``sha256`` is the SHA-256 digest of
the file's data without its ``integrity`` key, in canonical form (:func:`content_digest`). The
checks (:mod:`thuynguyen_kb.rules.data`) and the importer, before it builds on an existing file,
compute both again from what they read, with the same function (:func:`damage`): a file cut
anywhere, emptied or edited by hand no longer matches.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INTEGRITY_KEY = "integrity"
DIGEST = re.compile(r"^[0-9a-f]{64}$")


def content_digest(data: dict[Any, Any]) -> str:
    """The SHA-256 digest of a data file's data, its integrity block left out.

    Canonical form: JSON with every mapping's keys sorted, no spaces (separators ``,`` and
    ``:``), characters beyond ASCII written as they are, encoded as UTF-8; YAML's number keys
    (the paragraph numbers) become JSON strings. Raises TypeError for data that JSON cannot hold
    (keys of mixed kinds, dates), which the importer never writes.
    """
    body = {key: value for key, value in data.items() if key != INTEGRITY_KEY}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def integrity_block(data: dict[Any, Any]) -> dict[str, Any]:
    """The integrity block the importer writes for ``data``."""
    return {"paragraphs": len(data["paragraphs"]), "sha256": content_digest(data)}


@dataclass(frozen=True)
class Damage:
    """Why a data file is not whole as the importer wrote it, and the key path where it shows."""

    what: str
    location: tuple[str, ...] = ()


def damage(data: Any) -> Damage | None:
    """What shows that a data file's data is not a whole import, or None when it is whole."""
    if data is None:
        return Damage("the file is empty (found no data, expected the importer's paragraphs)")
    if not isinstance(data, dict):
        return Damage(
            f"the file holds {type(data).__name__} data (expected the importer's 'symbol:',"
            " 'sources:', 'integrity:' and 'paragraphs:')"
        )
    block = data.get(INTEGRITY_KEY)
    if block is None:
        return Damage(
            "the file has no integrity block (found no 'integrity:', which the importer writes in"
            " every data file: the file was cut short or written by hand)"
        )
    if not _well_formed(block):
        return Damage(
            "the integrity block is malformed (expected 'paragraphs:' with a number and 'sha256:'"
            " with 64 hexadecimal digits)",
            (INTEGRITY_KEY,),
        )
    return _count_damage(data, block["paragraphs"]) or _digest_damage(data, block["sha256"])


def _well_formed(block: Any) -> bool:
    if not isinstance(block, dict) or set(block) != {"paragraphs", "sha256"}:
        return False
    count, digest = block["paragraphs"], block["sha256"]
    is_number = isinstance(count, int) and not isinstance(count, bool)
    return is_number and isinstance(digest, str) and bool(DIGEST.match(digest))


def _count_damage(data: dict[Any, Any], declared: int) -> Damage | None:
    paragraphs = data.get("paragraphs")
    count = len(paragraphs) if isinstance(paragraphs, dict) else 0
    if count == 0:
        return Damage(
            f"the file holds no paragraphs (expected {declared}, as its integrity block says: the"
            " file was cut short)",
            (INTEGRITY_KEY, "paragraphs"),
        )
    if count != declared:
        return Damage(
            f"the file holds {count} paragraphs where its integrity block says {declared} (the"
            " file was cut short, or paragraphs were removed by hand)",
            (INTEGRITY_KEY, "paragraphs"),
        )
    return None


def _digest_damage(data: dict[Any, Any], declared: str) -> Damage | None:
    try:
        digest = content_digest(data)
    except (TypeError, ValueError):
        digest = "none (the data is not in the importer's shape)"
    if digest == declared:
        return None
    return Damage(
        f"the file's content does not match its checksum (found sha256 {digest[:12]}…, expected"
        f" {declared[:12]}… as the importer wrote it: a text or field was changed by hand, or the"
        " file was cut inside its last paragraph)",
        (INTEGRITY_KEY, "sha256"),
    )


def restore_advice(shown: str, symbol: str | None, docs: Path) -> str:
    """How to get a whole data file back: from the repository, or by importing again."""
    docs_option = "" if docs.as_posix() == "docs" else f" --docs {docs.as_posix()}"
    command = (
        "python scripts/import_recommendations.py ENGLISH_FILE"
        f" --symbol {symbol or 'SYMBOL'}{docs_option}"
    )
    return (
        f"restore it with 'git checkout -- {shown}', or delete it and run '{command}' on the"
        " official English text, then the same with '--lang vi' on the Vietnamese text; never"
        " edit this file by hand"
    )
