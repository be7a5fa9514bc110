"""Errors that reach the user: one line naming the file and what to do."""

from __future__ import annotations

from pathlib import Path


class CorpusError(Exception):
    """A problem with the user's input files, explained in one line.

    ``str(err)`` is ``"<path>: <problem>; <what to do>"`` so that the command
    line can print it as is (exit code 2) and a notebook shows it without a
    traceback from deep inside a dependency.
    """

    def __init__(self, path: str | Path | None, problem: str, remedy: str = "") -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        self.remedy = remedy
        parts = [f"{self.path}: {problem}" if self.path else problem]
        if remedy:
            parts.append(remedy)
        super().__init__("; ".join(parts))
