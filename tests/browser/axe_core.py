"""The axe-core that the accessibility tests run: one exact version from the npm registry,
checked against its pinned integrity, kept in ``.cache/axe-core/<version>/axe.min.js``.

axe-playwright-python 0.1.8 (requirements-test.txt) ships axe-core 4.12.1; 4.14 judges more (it
flagged the header's search label at phone width), and no PyPI package ships it. ``make test``
runs this file (``python tests/browser/axe_core.py``): ``npm pack`` fetches the package's
tarball, whose SHA-512 must be the one pinned here, as ``npm view axe-core@VERSION
dist.integrity`` prints it, before ``axe.min.js`` is taken out of it.
Update: change VERSION and INTEGRITY together, then run this file and the tests.
"""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = (  # npm view axe-core@4.14.1 dist.integrity
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3N"
    "PjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
REPO = Path(__file__).resolve().parents[2]
INSTALLED = REPO / ".cache" / "axe-core" / VERSION / "axe.min.js"
MEMBER = "package/axe.min.js"


class AxeCoreError(RuntimeError):
    """The tarball is not the pinned one, or has no axe.min.js of the pinned version."""


def integrity(data: bytes) -> str:
    """The npm registry's ``dist.integrity`` of a tarball (Subresource Integrity, SHA-512)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def script_from(tarball: bytes, name: str, expected: str = INTEGRITY) -> str:
    """``axe.min.js`` of the tarball, once its integrity and its version are the pinned ones."""
    if (found := integrity(tarball)) != expected:
        raise AxeCoreError(f"{name}: integrity {found}, expected {expected}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        try:
            member = archive.extractfile(MEMBER)
        except KeyError:
            member = None
        if member is None:
            raise AxeCoreError(f"{name}: no {MEMBER}")
        script = member.read().decode("utf-8")
    if not script.startswith(f"/*! axe v{VERSION}\n"):
        raise AxeCoreError(f"{name}: {MEMBER} is not axe v{VERSION} ({script[:20]!r})")
    return script


def fetch(target: Path = INSTALLED) -> Path:
    """Fetch, check and install axe.min.js at ``target`` unless it is there."""
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="axe-core-") as folder:
        subprocess.run(
            ["npm", "pack", "--silent", f"axe-core@{VERSION}", "--pack-destination", folder],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tarball = Path(folder) / f"axe-core-{VERSION}.tgz"
        script = script_from(tarball.read_bytes(), tarball.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".part")
    temporary.write_text(script, encoding="utf-8")
    temporary.replace(target)
    return target


def installed() -> Path:
    """The installed axe.min.js; a clear failure if it is not there."""
    if not INSTALLED.is_file():
        raise AxeCoreError(
            f"{INSTALLED} not found: run 'make test', or 'python tests/browser/axe_core.py' "
            f"(needs npm) to fetch axe-core {VERSION}"
        )
    return INSTALLED


def main(argv: list[str]) -> int:
    """Install axe-core (``make test`` runs this)."""
    try:
        path = fetch()
    except (AxeCoreError, subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"axe-core {VERSION}: {error}", file=sys.stderr)
        return 1
    print(f"axe-core {VERSION}: OK ({path.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
