"""Stop the build when the Markdown sources break a rule of scripts/check_structure.py.

MkDocs alone lets some bad input through silently: front matter that is not valid YAML is
rendered as page text, a decomposed (NFD) word builds fine but cannot be found by search, and an
English page without its Vietnamese one is published on its own. This hook runs the same rules
as ``python scripts/check_structure.py`` before anything is built, so ``make serve`` and
``mkdocs build`` stop with ``path:line: CODE message`` lines instead.

Event: ``on_pre_build`` (default priority). mkdocs-static-i18n runs one build per language; the
sources are the same for all, so the rules run only in the default language's build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# scripts/ holds the modules the hooks share; it is a folder, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import check_structure
from mkdocs.utils.yaml import yaml_load


def _building_default_language(config: Any) -> bool:
    default = next(lang.locale for lang in config.plugins["i18n"].config.languages if lang.default)
    return config.theme["language"] == default


def on_pre_build(config: Any) -> None:
    """Raise a build error listing every problem in the sources."""
    if not _building_default_language(config):
        return
    config_path = Path(config.config_file_path)
    with config_path.open("rb") as config_file:
        raw_config = yaml_load(config_file)
    # Paths relative to the working folder, as the script prints them.
    docs = Path(os.path.relpath(config.docs_dir))
    found = check_structure.check_sources(docs, Path(os.path.relpath(config_path)), raw_config)
    if found.problems:
        lines = "\n".join(str(problem) for problem in sorted(set(found.problems)))
        raise PluginError(
            f"The sources break {len(found.problems)} rule(s) of scripts/check_structure.py:\n"
            f"{lines}\nFix them and build again (the README explains each code)."
        )
