"""Paragraph numbers as the importer's messages show them: runs shortened (``1-3, 5``)."""

from __future__ import annotations


def number_list(numbers: list[int]) -> str:
    """``1, 2, 3, 5, 7, 8`` as ``1-3, 5, 7, 8``: runs of three or more shortened."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    shown: list[str] = []
    for run in runs:
        shown += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return ", ".join(shown)
