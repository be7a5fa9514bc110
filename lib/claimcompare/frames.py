"""Attribution frames and named mentions: what a sentence claims.

News sentences wrap a claim in an attribution frame ("Rahmon said that ...",
"..., he added.", "..., according to the ministry.") and often open with a
fronted adverbial ("In another development, during his meeting with ...,").
Two reports of one statement share the claim more than the frame, so the
aligner compares claims (:func:`claim_text`).  Who speaks a sentence is
decided in one place, :mod:`claimcompare.attribution`
(:func:`~claimcompare.attribution.attribute_speakers`), which the aligners
use too.

Rules (regular expressions over the surface form, English news style):

1. Fronted adverbial: a sentence-initial phrase of at most 20 words that
   starts with a preposition or discourse connective (In, During, For, On,
   At, After, Meanwhile, Separately, ...) and ends at the first comma.
2. Leading frame: ``<speaker> [also|further] <reporting verb> [that]`` at the
   start, where ``<speaker>`` is a pronoun or a run of capitalised words
   (with "the", titles and "and" inside it).
3. Trailing frame: ``, <speaker> <reporting verb>[ on <day>].`` at the end, or
   ``, according to ...`` at the end.
4. Medial frame: ``, <speaker> <reporting verb>, adding that`` in the middle.

Reporting verbs: said, says, stressed, noted, added, urged, told, stated,
emphasized, pointed out, warned, announced, insisted, underlined,
highlighted, remarked, asserted, declared (Bergler 2006, "Conveying
attitude with reported speech", lists the class).
"""

from __future__ import annotations

import re

__all__ = ["claim_text", "named_mentions", "split_frame"]

_VERBS = (
    r"(?:said|says|stressed|stresses|noted|notes|added|adds|urged|urges|told|stated|states"
    r"|emphasi[sz]ed|pointed out|warned|announced|insisted|underlined|highlighted|remarked"
    r"|asserted|declared|reiterated|explained)"
)
_NAME = r"(?:[A-Z][\w'’\-]*\.?)"
_SPEAKER = (
    rf"(?P<speaker>(?:[Hh]e|[Ss]he|[Tt]hey|(?:[Tt]he\s+)?(?:{_NAME}|and|of|the)(?:\s+(?:{_NAME}|and|of|the)){{0,8}}))"
)
_RE_FRONTED = re.compile(
    r"^(?:In|During|For|On|At|After|Before|Meanwhile|Separately|Also|Besides|Moreover|However"
    r"|Additionally|Earlier|Later|Last|This|Next|Under|With|Speaking)\b[^,]{0,140},\s+",
    re.IGNORECASE,
)
_RE_LEADING = re.compile(rf"^{_SPEAKER}\s+(?:also\s+|further\s+|then\s+)?{_VERBS}(?:\s+that)?\s+")
_RE_TRAILING = re.compile(
    rf",[\"”’']?\s+{_SPEAKER}\s+(?:also\s+)?{_VERBS}(?:\s+on\s+\w+)?\s*[.!?]?[\"”’']?\s*$"
)
_RE_MEDIAL = re.compile(rf",\s+{_SPEAKER}\s+{_VERBS},\s+adding\s+that\s+")
_RE_ACCORDING = re.compile(r",?\s+according to\s+(?P<speaker>[^,.;]{1,120})[.!?]?\s*$")
_RE_CAP = re.compile(r"\b[A-Z][a-z][\w'’\-]*")
_NOT_NAMES = frozenset({"The", "And", "Of", "He", "She", "They", "It", "This", "That", "These", "Those"})
#: Titles and calendar words: capitalised, but not who or where a sentence is about.
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Ministry Ministers Foreign Defense Defence National State Councilor
    Councillor Secretary General Chairman Chairwoman Chief Premier Ambassador Deputy Senior Director
    Spokesman Spokeswoman Spokesperson Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November December""".split()
)


def split_frame(text: str) -> tuple[str, str]:
    """Split a sentence into its attribution frame and its claim.

    Returns ``(frame, claim)``: ``frame`` is the speaker phrase found (``""``
    when none), ``claim`` the sentence with fronted adverbial and frame
    removed (the whole sentence when nothing matched).

    >>> split_frame("In another development, Wei said China will act.")
    ('Wei', 'China will act.')
    >>> split_frame("China will act, he added.")
    ('he', 'China will act')
    """
    claim = text
    for _ in range(3):  # "In another development, during the meeting, X said ..."
        m = _RE_FRONTED.match(claim)
        if not m or len(claim) - m.end() <= 20:
            break
        claim = claim[m.end() :]
    for pattern in (_RE_LEADING, _RE_MEDIAL, _RE_TRAILING, _RE_ACCORDING):
        m = pattern.search(claim)
        if m and len(claim) - (m.end() - m.start()) > 20:
            speaker = m.group("speaker").strip()
            claim = (claim[: m.start()] + (" " if pattern is _RE_MEDIAL else "") + claim[m.end() :]).strip()
            return speaker, claim
    return "", claim


def claim_text(text: str) -> str:
    """The claim of a sentence: :func:`split_frame`'s second part."""
    return split_frame(text)[1]


def named_mentions(text: str, *, sentence_initial_names: frozenset[str] = frozenset()) -> set[str]:
    """Capitalised words inside a sentence (proper-name candidates).

    The first word counts only when it is in ``sentence_initial_names``
    (words seen capitalised elsewhere mid-sentence), so "Particular attention
    ..." does not make "Particular" a name.
    """
    out = set()
    for m in _RE_CAP.finditer(text):
        w = m.group(0)
        if w in _NOT_NAMES or w in TITLE_WORDS:
            continue
        if m.start() == 0 and w not in sentence_initial_names:
            continue
        out.add(w)
    return out
