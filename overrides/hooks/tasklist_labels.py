"""Give every task-list checkbox its item's text as its label
(``thuynguyen_kb.markdown_extensions.TasklistLabelsExtension`` says why and how).

Event: ``on_config`` (default priority) adds the extension once; it is stateless, so one
instance serves both languages' builds.
"""

from __future__ import annotations

from typing import Any

from thuynguyen_kb.markdown_extensions import TasklistLabelsExtension


def on_config(config: Any) -> Any:
    """Add the extension once."""
    if not any(isinstance(e, TasklistLabelsExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(TasklistLabelsExtension())
    return config
