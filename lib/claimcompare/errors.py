"""Errors that reach the user: one line naming the file and what to do."""

from __future__ import annotations

import unicodedata
from pathlib import Path

__all__ = ["CorpusError", "one_line"]

#: Unicode categories that end or disturb a line on a terminal: control
#: characters (Cc: newline, carriage return, tab, escape, NEL ...) and the line
#: and paragraph separators (Zl, Zp).
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def one_line(text: str) -> str:
    """``text`` with every control character written as its Python escape.

    A newline becomes the two characters ``\\n``, a tab ``\\t``, an escape
    ``\\x1b``, U+2028 ``\\u2028``; everything else, backslashes included, is
    left as is, so a message stays one line on a terminal or in a log and
    escaping twice changes nothing.  (A file name that really contains a
    backslash followed by ``n`` reads the same as one with a newline; the
    exception's ``path`` attribute keeps the name as it is.)
    """
    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _CONTROL_CATEGORIES else ch
        for ch in text
    )


class CorpusError(Exception):
    """A problem with the user's input files, explained in one line.

    ``str(err)`` is ``"<path>: <problem>; <what to do>"`` so that the command
    line can print it as is (exit code 2) and a notebook shows it without a
    traceback from deep inside a dependency.  Control characters in any part
    (a file name with a newline in it) are escaped with :func:`one_line`;
    the attributes ``path``, ``problem`` and ``remedy`` keep them as given.

    ``cli_remedy``, when given, is the remedy as the command line words it
    (``--max-bytes N`` where the library says ``max_bytes=``); the command
    line prints :meth:`for_cli`.
    """

    def __init__(self, path: str | Path | None, problem: str, remedy: str = "", *, cli_remedy: str = "") -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        self.remedy = remedy
        self.cli_remedy = cli_remedy
        super().__init__(self._message(remedy))

    def _message(self, remedy: str) -> str:
        parts = [f"{self.path}: {self.problem}" if self.path else self.problem]
        if remedy:
            parts.append(remedy)
        return one_line("; ".join(parts))

    def for_cli(self) -> str:
        """The one-line message with the command line's remedy (``cli_remedy``) where it differs."""
        return self._message(self.cli_remedy or self.remedy)
