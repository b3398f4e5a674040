"""The error that stops an import: one line, naming the file and, where known, the line."""

from __future__ import annotations


class InputError(Exception):
    """An error that stops the import, located in a file and, where known, a line."""

    def __init__(self, message: str, line: int = 0, path: str | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.path = message, line, path

    def located(self, default_path: str) -> str:
        """``path:line: message`` (``path: message`` when no line applies)."""
        where = self.path or default_path
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"
