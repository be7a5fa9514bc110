"""Names made from user text: document ids from file names, file names from ids.

Ids and outlets come from users' file names and ``sources.csv``, so they may
hold any character: ``/``, ``..``, ``<script>``, a newline, letters of any
script.  Two functions turn such text into names, each the one home of its
rule:

* :func:`doc_id_from_name`: the id of an article read off its file name
  (readable, Unicode letters kept, lower case, NFC);
* :func:`safe_filename`: a file name part made from an id or outlet, safe on
  any file system, readable, deterministic and collision-free.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["doc_id_from_name", "name_hash", "safe_filename"]

#: Names Windows reserves for devices, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
#: Longest name part :func:`safe_filename` returns, in UTF-8 bytes (file systems allow 255
#: per name; the rest is left for a prefix such as ``02-heatmap-`` and a suffix).
MAX_NAME_BYTES = 100
_HASH_CHARS = 8


def name_hash(text: str, n: int = 6) -> str:
    """The first ``n`` hex digits of the SHA-1 of ``text`` as UTF-8.

    Used to tell apart names that would otherwise be the same; the same text
    always gives the same digits, whatever else is in the folder.  ``text``
    is hashed as it is (not normalised), so two file names that differ only
    in Unicode normalisation get different digits; a file name's undecodable
    bytes (lone surrogates) are hashed as such.
    """
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def _keep(ch: str) -> bool:
    """Letters, marks and digits of any script (Unicode categories L*, M*, N*)."""
    if ch.isascii():
        return ch.isalnum()
    return unicodedata.category(ch)[0] in "LMN"


def _words(text: str, *, keep: str = "") -> str:
    """``text`` in NFC, lower case, with each run of other characters replaced by one ``-``."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    out: list[str] = []
    for ch in text:
        if _keep(ch) or ch in keep:
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def doc_id_from_name(stem: str) -> str:
    """The document id read off a file name's stem (``"Café Élysée"`` -> ``"café-élysée"``).

    Letters and digits of any script are kept, in lower case and Unicode NFC;
    every run of other characters (spaces, punctuation, ``_``, symbols)
    becomes one ``-``; ``"doc"`` when nothing is left.  ASCII names give the
    ids they always gave (``"000_17daf1a35c4f6508"`` -> ``"000-17daf1a35c4f6508"``).
    Different names can give the same id (``"a b"``, ``"a-b"``, ``"A_B"``);
    :func:`claimcompare.corpus.load_corpus` then keeps the plain id for the
    file whose stem already is its id and adds :func:`name_hash` of the file
    name to the others, with a warning.
    """
    return _words(stem) or "doc"


def safe_filename(text: str) -> str:
    """A file name part made from ``text`` (an id, an outlet), safe for any ``text``.

    ``text`` comes back unchanged when it is already a safe, readable name:
    lower-case letters and digits of any script (NFC), with single ``-``,
    ``_`` or ``.`` between them, at most :data:`MAX_NAME_BYTES` bytes, not a
    reserved device name.  Otherwise the result is its readable part (the
    same characters kept, every other run as one ``-``, cut to length)
    followed by ``-`` and the first 8 hex digits of the SHA-1 of ``text``
    (:func:`name_hash`), so that

    * the result holds no path separator, ``..``, control or markup
      character, never starts with ``.`` or ``-`` and is never empty;
    * the same ``text`` always gives the same name (deterministic);
    * different texts give different names (collision-free up to the hash),
      also on case-insensitive file systems (upper case counts as a change);
    * the result never contains ``--``, so ``f"{safe_filename(a)}--{safe_filename(b)}"``
      names the pair ``(a, b)`` unambiguously.

    >>> safe_filename("khovar-2021-07-27")
    'khovar-2021-07-27'
    >>> safe_filename("a/b")
    'a-b-3ec69c85'
    """
    readable = _words(text, keep="_.")
    while ".." in readable:
        readable = readable.replace("..", ".")
    readable = readable.strip("-_.")
    for run in ("-.", ".-", "_-", "-_", "__", "._", "_."):
        while run in readable:
            readable = readable.replace(run, "-")
    unchanged = (
        readable == text
        and readable != ""
        and len(readable.encode("utf-8")) <= MAX_NAME_BYTES
        and readable.split(".", 1)[0] not in _RESERVED
    )
    if unchanged:
        return readable
    cut = readable.encode("utf-8")[: MAX_NAME_BYTES - _HASH_CHARS - 1].decode("utf-8", errors="ignore")
    cut = unicodedata.normalize("NFC", cut).strip("-_.")
    digest = name_hash(text, _HASH_CHARS)
    return f"{cut}-{digest}" if cut else digest
