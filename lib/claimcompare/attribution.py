"""Attribution: who is said to say what, sentence by sentence.

A news report mixes three voices: named people ("Rahmon said ..."), groups
speaking jointly ("The two sides agreed ...", "They also stressed ...") and
the outlet narrating in its own voice ("Particular attention was paid to
...").  :func:`attribute_speakers` gives each body sentence one speaker
(:func:`article_speakers` for the sentences of one article); it is the one
home of "who speaks this sentence": the aligners' speaker features
(:func:`claimcompare.align.prepare_documents`) and the talking points'
speakers (:func:`claimcompare.talking.speaker_of`) come from it, and
:func:`same_speaker` says when two sentences have the same speaker;
:func:`speaker_shares` and :func:`plot_speaker_shares` show whose voice fills
each report; :func:`attribution_agreement` checks whether two outlets give an
aligned statement to the same speaker; :func:`score_attribution` measures the
rules against a hand-made gold file.

The method is a rule cascade over the surface form of English news prose
(reported-speech frames as described by Bergler 2006, "Conveying attitude
with reported speech", and the subject/pronoun conventions of agency style).
Names come only from capitalised words in the text; no rule knows a person,
an outlet or a seed's wording.

Rules, in order (the first that applies decides the sentence):

1. **Reporting verb with a subject.**  A reporting verb (said, says, stressed,
   noted, added, urged, called (on/for), told, stated, emphasized, pointed
   out, expressed, warned, announced, insisted, agreed, hailed, thanked,
   congratulated, asked, spoke, extended congratulations, ...
   :data:`REPORTING_VERBS`; verbs of discussion — discussed, exchanged
   views, covered — count too, so "They covered the agenda" is theirs) whose subject is the text
   between the previous clause boundary (start, comma, colon, semicolon,
   quote, spaced dash, "that") and the verb, after dropping adverbs and
   auxiliaries ("also", "sincerely", "has") and short parentheticals ("Wei,
   for his part, said").  The subject must be a pronoun, a run of capitalised
   words (titles, "of", "and" inside it) or a noun phrase with a known head
   ("the two sides", "the foreign ministers of the two countries", "the
   ministry").  A *trailing* frame (", X said." / ", he added on Tuesday." /
   ", Wang said, adding that") is preferred over other frames, because it
   frames the whole sentence ("Tajikistan thanks China ..., he added" is his
   statement); otherwise the leftmost frame decides ("X said ..., adding
   that", "For his part, X said").
2. **According to.**  ", according to X" gives the sentence to X.
3. **Participial frame.**  "X extended greetings ..., saying that ..." /
   "..., adding that": the subject of the main clause is the speaker.
4. **Otherwise** the outlet's own voice (speaker ``"outlet"``).

The subject found by rules 1-3 is typed:

* *pronoun* he/she, or a *definite description* ("the president", "the
  minister", "the Chinese official", "the Tajik leader", a title with no
  name) -> the last named person of the same article: the last person who was
  the subject of a reporting verb or of a narrated action ("Mirzo greeted
  Wei" makes Mirzo the last person) — a salience heuristic in the spirit of
  Lappin and Leass 1994, reduced to subjects;
* *group*: "they", plural heads ("the two sides", "both sides", "the
  officials", "the ministers", "the leaders"), pairs of names ("X and Y
  agreed", "Tajikistan and China") -> speaker ``"two sides"``; other plural or
  institutional heads ("unions", "the ministry", "a statement from the
  ministry", "the Tajik side") -> the phrase as written, also a group; "they"
  takes the label of the last group subject when there is one;
* *name*: a run of capitalised words; the title words in front of the name
  are dropped ("Tajik President Emomali Rahmon" -> "Emomali Rahmon") and the
  name is shortened to the form the article also uses alone ("Rahmon" when
  the article elsewhere says "Rahmon said"; "Wei" for "Wei Fenghe").  A name
  the article uses as a place ("in China", "China-Russia") and never with a
  title is a group (a country speaking), otherwise a person.

Limits: no syntax parser, so long subjects with lowercase words inside,
relative clauses and quotations spanning sentences can be missed; pronouns
are not checked for gender or number against their antecedent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from .corpus import body_sentences
from .errors import CorpusError
from .frames import TITLE_WORDS

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, so the aligners do not load it
    import matplotlib.pyplot as plt

__all__ = [
    "AGREEMENT_COLUMNS",
    "GOLD_COMPARISON_COLUMNS",
    "GOLD_SPEAKER_COLUMNS",
    "REPORTING_VERBS",
    "SHARE_COLUMNS",
    "SPEAKER_COLUMNS",
    "SPEAKER_TYPES",
    "Speaker",
    "article_speakers",
    "attribute_speakers",
    "attribution_agreement",
    "compare_to_gold",
    "load_speaker_gold",
    "names_agree",
    "plot_speaker_shares",
    "same_speaker",
    "score_attribution",
    "speaker_shares",
]

#: Columns of :func:`attribute_speakers`.
SPEAKER_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "speaker", "speaker_type", "cue")
#: Columns of :func:`speaker_shares`.
SHARE_COLUMNS: tuple[str, ...] = ("doc_id", "speaker", "speaker_type", "sentences", "share")
#: Columns of :func:`attribution_agreement`.
AGREEMENT_COLUMNS: tuple[str, ...] = (
    "doc_a",
    "sent_a",
    "doc_b",
    "sent_b",
    "score",
    "speaker_a",
    "speaker_type_a",
    "speaker_b",
    "speaker_type_b",
    "same",
    "text_a",
    "text_b",
)
#: The three kinds of speaker.
SPEAKER_TYPES: tuple[str, ...] = ("person", "group", "outlet")
#: Speaker label of joint attributions to the participants ("the two sides", "X and Y agreed").
JOINT = "two sides"
#: Speaker label of the outlet's own voice.
OUTLET = "outlet"

#: Reporting verbs (finite forms; multiword phrases first).  Base forms ("say",
#: "agree") count only after a plural subject.
REPORTING_VERBS: tuple[str, ...] = (
    "was quoted as saying", "were quoted as saying",
    "pointed out", "points out", "point out",
    "exchanged views", "exchanged opinions", "exchange views",
    "called on", "calls on", "call on", "called for", "calls for", "call for",
    "spoke of", "spoke about",
    "said", "says", "say",
    "stressed", "stresses", "stress",
    "noted", "notes", "note",
    "added", "adds",
    "urged", "urges", "urge",
    "called", "calls",
    "told", "tells", "tell",
    "stated", "states",
    "emphasized", "emphasised", "emphasizes", "emphasises", "emphasize", "emphasise",
    "expressed", "expresses", "express",
    "warned", "warns", "warn",
    "announced", "announces", "announce",
    "insisted", "insists", "insist",
    "agreed", "agrees", "agree",
    "hailed", "hails", "hail",
    "thanked", "thanks", "thank",
    "congratulated", "congratulates", "congratulate",
    "asked", "asks", "ask",
    "underlined", "underlines", "underscored", "underscores", "highlighted", "highlights",
    "remarked", "asserted", "declared", "declares", "reiterated", "reiterates", "reaffirmed", "reaffirms",
    "explained", "explains", "spoke", "speaks", "informed", "proposed", "proposes", "suggested", "suggests",
    "welcomed", "welcomes", "welcome", "praised", "praises", "voiced", "affirmed", "confirmed", "acknowledged",
    "recalled", "vowed", "vow", "pledged", "pledge", "promised", "appreciated", "appreciates", "hoped", "hopes",
    "believed", "believes", "described", "describes", "briefed", "discussed", "discuss", "covered",
    "talked", "conveyed", "invited", "invites", "condemned", "denied", "claimed", "argued", "replied",
    "responded", "commented", "admitted", "estimated", "predicted", "recommended", "demanded", "reported",
)
_BASE_FORMS = frozenset(
    """say stress note urge tell emphasize emphasise express warn announce insist agree hail thank congratulate ask
    welcome vow pledge discuss""".split()
) | {"point out", "exchange views", "call on", "call for"}
_EXTENDED = r"extended\s+(?:his|her|their|its)?\s*(?:sincere\s+|warm\s+|warmest\s+|best\s+)?(?:congratulations|greetings|condolences|thanks|wishes|invitation)"
_RE_VERB = re.compile(
    r"(?<![\w'’-])(?P<verb>" + _EXTENDED + "|" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in REPORTING_VERBS) + r")(?![\w'’-])"
)
#: Participles that attach a statement to the main clause's subject.
_RE_PARTICIPLE = re.compile(
    r",\s+(?P<verb>saying|adding|noting|stressing|calling|urging|expressing|stating|emphasi[sz]ing|pointing out"
    r"|warning|insisting|describing|hailing|thanking|underlining|underscoring|reiterating|explaining)\b"
)
_RE_DOCUMENT_SOURCE = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){0,2}?(?:statement|report|readout|communiqu[eé]|press\s+release|release|"
    r"transcript|note|notice|announcement|post|message|letter)\s+(?:from|by|of|issued\s+by|released\s+by)\s+",
    re.IGNORECASE,
)
_RE_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<x>[^,;:()]+?)\s*(?=[,;:()]|[.!?\"”’']*\s*$)")
#: Short parentheticals between a subject and its verb ("Wei, for his part, said").
_RE_PARENTHETICAL = re.compile(
    r",\s+(?:for (?:his|her|their|its) part|on (?:his|her|their|its) part|in (?:his|her|their) turn|in turn|however"
    r"|meanwhile|in response|in return|in reply|too|also|in (?:his|her|their) (?:speech|remarks|statement))\s*,",
)
#: Clause boundaries for the subject of a reporting verb; the first group marks a trailing frame.
_RE_BOUNDARY = re.compile(r"(?P<strong>[,;:()\"“”]|\s[—–]\s|\s--\s|^['‘’]|\s['‘’]|['’]\s)|(?P<weak>\bthat\b)")
_RE_AFTER_TRAILING = re.compile(
    r"^(?:\s*[.!?\"”’']*\s*$|\s*,|\s+(?:on|in|at|after|during|before|following|while|when|as|via|through|to|with|from|"
    r"last|this|earlier|later|here|there|yesterday|today|in\s+a|at\s+a)\b)"
)

# Words dropped at the end of a subject chunk (adverbs, auxiliaries).
_ADVERBS = frozenset(
    """also further then again once have has had will would shall should could can may might must did does do
    jointly both all later earlier previously personally separately specifically particularly especially recently
    publicly reportedly repeatedly formally officially immediately first finally briefly""".split()
)
_RE_TRAILING_ADJUNCT = re.compile(
    r"\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)$"
)
# Capitalised function words: never part of a name.
_CAP_STOP = frozenset(
    """A An The In On At For During After Before While When As With Under Since Despite Following Meanwhile However
    Also Besides Moreover But And Or If Although Though This That These Those It Its His Her Their Our We I You He She
    They There Here Both All Some Many Most Such To From By Of Over Amid Against Between Through Upon Within Without
    According Earlier Later Last Next Separately Speaking Noting Calling Hailing Saying Adding Stressing Expressing
    Urging Yet So Then Thus Still Even Only Not No Each Every Other Another Further Furthermore Additionally
    Mr Mrs Ms Dr""".split()
)
#: Title and office words in front of a name (frames.TITLE_WORDS plus ranks and offices).
_TITLES = (TITLE_WORDS - {"Ministry"}) | frozenset(
    """Founder Leader General Gen Colonel Col Major Admiral Commander Marshal Lieutenant Captain King Queen Prince
    Princess Sheikh Emir President-elect Governor Mayor Senator Congressman Congresswoman Representative Speaker
    Chancellor Envoy Special Commissioner Interior Home Finance Economy Trade Justice Health Education
    Culture Agriculture Energy Transport Affairs First Lady Sir Lord Madam Madame Excellency His Her Majesty
    Honorable Hon Rev Pope Cardinal Bishop Imam Chief Executive CEO Head Member Counselor Attache Consul Minister-Counselor
    Vice-Premier Vice-President Deputy-Minister Defence Defense Security Military Army Navy Air Force""".split()
) - {"His", "Her"}
#: Institutions: a name ending in one of these is a group, not a person.
_ORG_WORDS = frozenset(
    """Ministry Government Office Council Committee Commission Embassy Agency Organization Organisation Union Party
    Department Parliament Assembly Cabinet Administration Court Bank Service Services Forces Bureau Secretariat
    Presidency Kremlin Palace House Senate Congress Delegation Mission Institute Center Centre Federation
    Association Company Corporation Group Statement""".split()
)
#: Singular heads that name one person (definite descriptions resolve to the last person).
_PERSON_HEADS = frozenset(
    """president minister official leader premier chairman chairwoman chair envoy diplomat spokesman spokeswoman
    spokesperson visitor guest host counterpart general ambassador secretary councilor councillor chancellor king
    queen prince head chief commander governor mayor senator lawmaker politician prime director statesman
    man woman""".split()
)
#: Plural heads that stand for the meeting's participants -> speaker "two sides".
_PARTICIPANT_PLURALS = frozenset(
    """sides parties leaders presidents ministers officials heads delegations counterparts countries nations
    governments states delegates participants neighbours neighbors partners chiefs premiers""".split()
)
#: Singular heads of institutions and documents -> a group speaking.
_ORG_HEADS = frozenset(
    """side party ministry government office council committee commission embassy agency statement communique
    communiqué readout declaration delegation administration cabinet presidency source sources
    press team organization organisation union department bureau""".split()
)
#: Plural nouns that are not people ("the talks covered ...").
_NONHUMAN_PLURALS = frozenset(
    """talks negotiations discussions consultations meetings relations ties results efforts measures data figures
    reports documents news series means issues areas fields years months days weeks terms ways steps projects""".split()
)
_PLACE_PREPS = frozenset("in to from into across within throughout towards toward visiting visited visit".split())

_CAP = r"[A-Z][\w'’.\-]*"
_RE_HYPHENATED_NAMES = re.compile(rf"\b({_CAP})-({_CAP})\b")
_RE_TOKEN = re.compile(r"[A-Za-z][\w'’.\-]*")
_RE_WORD = re.compile(r"\w+")
_NAME_CONNECTORS = frozenset({"of", "and", "the", "de", "da", "del", "van", "von", "bin", "al", "el", "la", "le", "ibn"})
_RE_NAME_NP = re.compile(rf"^(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|and|the|de|da|del|van|von|bin|al|el|la|le|ibn)\s+)*{_CAP})*$")
_RE_CLAUSE_NP = re.compile(
    rf"^(?P<np>(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|and|the|de|da|del|van|von|bin|al|el|la|le|ibn)\s+)*{_CAP})*)\s+(?=[a-z])"
)
_RE_DESCRIPTION = re.compile(
    r"^(?P<det>(?:the|both|all|two|the\s+two|a|an|its|his|her|their)\s+)?"
    r"(?P<pre>(?:[\w'’\-]+\s+){0,4}?)(?P<head>[\w'’\-]+)"
    r"(?P<pp>\s+(?:of|from|in|at|on|for)\s+[\w'’\-\s]{1,80})?$",
    re.IGNORECASE,
)


@dataclass
class _Doc:
    """What the rules know of one article: name forms and the salience state."""

    short_forms: frozenset[str]
    person_tokens: frozenset[str]
    place_tokens: frozenset[str]
    mid_caps: frozenset[str]
    last_person: str | None = None
    last_group: str | None = None


@dataclass(frozen=True)
class _Subject:
    """A classified subject: speaker, its type and how it was resolved."""

    speaker: str
    speaker_type: str
    resolved: str = ""  # "pronoun" when the speaker came from the salience state
    plural: bool = False
    names: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- names


def _is_name_token(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and tok not in _CAP_STOP


def _is_title(tok: str) -> bool:
    return tok.rstrip(".") in _TITLES


def _doc_context(texts: list[str]) -> _Doc:
    """Name forms of one article: names used alone, names with person evidence, names used as places."""
    short: set[str] = set()
    person: set[str] = set()
    place: set[str] = set()
    mid: set[str] = set()
    for text in texts:
        toks = [t.rstrip(".") for t in _RE_TOKEN.findall(text)]
        mid.update(t for t in toks[1:] if t[:1].isupper())
        title = [_is_title(t) for t in toks]
        # A name word that is not a title word, per token (each token is looked at up to three times below).
        bare = [_is_name_token(t) and not ti for t, ti in zip(toks, title)]
        n = len(toks)
        for k, tok in enumerate(toks):
            if not bare[k]:
                continue
            prev = toks[k - 1] if k else ""
            prev_name = k > 0 and bare[k - 1]
            next_name = k + 1 < n and bare[k + 1]
            if not prev_name and not next_name:
                short.add(tok)
            # Person evidence: the run starting here follows a title or a person noun.
            if not prev_name and ((k > 0 and title[k - 1]) or prev.lower() in _PERSON_HEADS):
                j = k
                while j < n and bare[j]:
                    person.add(toks[j])
                    j += 1
            if prev.lower() in _PLACE_PREPS or "-" in tok:
                for part in tok.split("-"):
                    place.add(part)
    for text in texts:
        for m in _RE_HYPHENATED_NAMES.finditer(text):
            place.update({m.group(1), m.group(2)})
    return _Doc(frozenset(short), frozenset(person), frozenset(place - person), frozenset(mid))


def _canonical(tokens: list[str], doc: _Doc) -> str:
    """The form of a name the article also uses alone ("Emomali Rahmon" -> "Rahmon"), else the name as written."""
    alone = [t for t in tokens if t in doc.short_forms]
    if alone:
        return alone[-1]
    return " ".join(tokens)


def _segment_names(segment: str) -> list[str]:
    """Name tokens of one "and"-segment: the capitalised words after its last title word."""
    toks = [t for t in segment.split() if t not in _NAME_CONNECTORS and t not in {"The"}]
    last_title = max((k for k, t in enumerate(toks) if _is_title(t)), default=-1)
    return [t for t in toks[last_title + 1 :] if _is_name_token(t)]


def _classify_name(np_text: str, doc: _Doc) -> _Subject | None:
    """A run of capitalised words: a person, a pair (group) or an institution."""
    text = re.sub(r"^[Tt]he\s+", "", np_text).strip()
    words = text.split()
    if not words:
        return None
    if words[-1].rstrip(".") in _ORG_WORDS:
        return _Subject(text, "group")
    segments = re.split(r"\s+and\s+", text)
    named = [names for names in (_segment_names(s) for s in segments) if names]
    if len(named) >= 2:
        return _Subject(JOINT, "group", plural=True, names=tuple(_canonical(n, doc) for n in named))
    if not named:
        if any(_is_title(w) for w in words):  # "the President", "Chinese State Councilor"
            return _resolve_description(np_text, doc)
        return None
    name = _canonical(named[0], doc)
    is_person = any(t in doc.person_tokens for t in named[0])
    if not is_person and all(t in doc.place_tokens for t in named[0]):
        return _Subject(name, "group")
    return _Subject(name, "person", names=(name,))


def _resolve_person(doc: _Doc, fallback: str) -> _Subject:
    if doc.last_person:
        return _Subject(doc.last_person, "person", resolved="pronoun", names=(doc.last_person,))
    return _Subject(fallback, "person", resolved="unresolved")


def _resolve_description(np_text: str, doc: _Doc) -> _Subject:
    return _resolve_person(doc, re.sub(r"^[Tt]he\s+", "", np_text).lower())


def _classify_description(chunk: str, doc: _Doc) -> _Subject | None:
    m = _RE_DESCRIPTION.match(chunk)
    if not m or len(chunk.split()) > 14:
        return None
    head = m.group("head").lower()
    det = (m.group("det") or "").lower().split()
    pre = m.group("pre").lower().split()
    plain = re.sub(r"^(?:the|a|an)\s+", "", chunk[: m.start("pp")] if m.group("pp") else chunk, flags=re.IGNORECASE)
    if head in _PERSON_HEADS and det[:1] in (["a"], ["an"]):
        return _Subject(plain, "person", resolved="unresolved")  # "a government spokesman": someone new, unnamed
    if head in _PERSON_HEADS and (det[:1] in (["the"], ["his"], ["her"], ["its"], ["their"]) or not det) and not m.group("pp"):
        if "two" in pre or "both" in det:
            return None
        return _resolve_description(chunk, doc)
    paired = "both" in det or "two" in det + pre
    if head in _PARTICIPANT_PLURALS or (head in {"side", "party"} and paired):
        # "the two sides", "the officials", "both countries" -> the participants; "the countries" as written.
        joint = paired or head not in {"countries", "nations", "states", "governments"}
        return _Subject(JOINT if joint else plain, "group", plural=True)
    if head in _ORG_HEADS:
        return _Subject(plain, "group")
    if head.endswith("s") and not head.endswith("ss") and head not in _NONHUMAN_PLURALS and len(head) > 3:
        # Any other plural noun phrase before a reporting verb: people speaking together.
        return _Subject(plain, "group", plural=True)
    return None


def _classify(chunk: str, doc: _Doc) -> _Subject | None:
    """Classify a subject phrase (see the module docstring), or None when it is not one."""
    chunk = chunk.strip()
    if not chunk:
        return None
    low = chunk.lower()
    if low in {"he", "she", "him", "her"}:
        return _resolve_person(doc, low)
    if low in {"they", "them"}:
        return _Subject(doc.last_group or JOINT, "group", resolved="pronoun", plural=True)
    if low in {"it", "we", "i", "you", "this", "that", "which", "who", "one", "there"}:
        return None
    if _RE_NAME_NP.match(chunk):
        first = re.sub(r"^[Tt]he\s+", "", chunk).split()[0]
        if first in _CAP_STOP:
            return None
        if " " not in chunk and chunk not in doc.mid_caps and chunk not in doc.person_tokens:
            # Capitalised only because it opens the sentence ("Analysts say ..."): try it as a common noun.
            common = _classify_description(chunk.lower(), doc)
            if common is not None and common.speaker_type == "group":
                return common
        return _classify_name(chunk, doc)
    return _classify_description(chunk, doc)


def _strip_chunk(chunk: str) -> str:
    """Drop adverbs, auxiliaries and a trailing day from the end of a subject phrase."""
    chunk = chunk.strip()
    while True:
        before = chunk
        chunk = _RE_TRAILING_ADJUNCT.sub("", chunk)
        words = chunk.split()
        if words and (words[-1] in _ADVERBS or (words[-1].endswith("ly") and words[-1].islower() and len(words[-1]) > 4)):
            chunk = " ".join(words[:-1])
        if chunk == before:
            return chunk


# --------------------------------------------------------------------------- frames


@dataclass(frozen=True)
class _Frame:
    subject: _Subject
    cue: str
    trailing: bool
    start: int


def _verb_frames(text: str, doc: _Doc) -> list[_Frame]:
    """Every reporting verb of the sentence with a valid subject, left to right."""
    norm = _RE_PARENTHETICAL.sub(" ", text)
    out = []
    for m in _RE_VERB.finditer(norm):
        before = norm[: m.start()]
        bounds = list(_RE_BOUNDARY.finditer(before))
        if bounds:
            b = bounds[-1]
            chunk, strong = before[b.end() :], b.group("strong") is not None
        else:
            chunk, strong = before, False
        raw = chunk.strip()
        chunk = _strip_chunk(raw)
        subject = _classify(chunk, doc)
        if subject is None:
            continue
        verb = re.sub(r"\s+", " ", m.group("verb"))
        if verb in _BASE_FORMS and not subject.plural:
            continue
        after = norm[m.end() :]
        trailing = strong and bool(_RE_AFTER_TRAILING.match(after))
        cue = f"{raw} {verb}".strip()
        out.append(_Frame(subject, cue, trailing, m.start()))
    return out


def _clause_subject(text: str, doc: _Doc) -> tuple[_Subject, str] | None:
    """The subject of the first clause that opens with a name or a description before a lowercase word."""
    starts = [0] + [m.end() for m in re.finditer(r",\s+", text)]
    for s in starts:
        clause = text[s:]
        low = clause.lower()
        for pron in ("he ", "she ", "they "):
            if low.startswith(pron):
                return _classify(pron.strip(), doc), clause.split()[0]
        m = _RE_CLAUSE_NP.match(clause)
        if m:
            np_text = m.group("np")
            first = re.sub(r"^[Tt]he\s+", "", np_text).split()[0]
            if first not in _CAP_STOP:
                subject = _classify_name(np_text, doc)
                if subject is not None:
                    return subject, np_text
        m = re.match(r"^(?P<np>(?:[Tt]he|[Bb]oth)\s+(?:[\w'’\-]+\s+){0,3}?[\w'’\-]+)\s+(?=[a-z])", clause)
        if m:
            words = m.group("np").split()
            for k in range(len(words), 1, -1):
                head = words[k - 1].lower()
                if head in _PERSON_HEADS or head in _PARTICIPANT_PLURALS:
                    np_text = " ".join(words[:k])
                    subject = _classify_description(np_text, doc)
                    if subject is not None:
                        return subject, np_text
                    break
    return None


def _attribute(text: str, doc: _Doc) -> tuple[_Subject, str]:
    """Rules 1-4 of the module docstring for one sentence: (subject, cue)."""
    frames = _verb_frames(text, doc)
    if frames:
        trailing = [f for f in frames if f.trailing]
        frame = trailing[-1] if trailing else frames[0]
        return frame.subject, frame.cue
    m = _RE_ACCORDING.search(text)
    if m:
        x = m.group("x").strip()
        source = _RE_DOCUMENT_SOURCE.sub("", x)  # "a statement from the ministry" -> "the ministry"
        subject = _classify(source, doc) or _classify(x, doc)
        if subject is None:
            subject = _Subject(re.sub(r"^(?:the|a|an)\s+", "", x, flags=re.IGNORECASE), "group")
        return subject, f"according to {x}"
    m = _RE_PARTICIPLE.search(text)
    if m:
        found = _clause_subject(text[: m.start()], doc)
        if found is not None and found[0] is not None:
            subject, np_text = found
            return subject, f"{np_text} ..., {m.group('verb')}"
    return _Subject(OUTLET, "outlet"), "no attribution"


def _update(doc: _Doc, subject: _Subject, text: str) -> None:
    """Salience state after a sentence: the last person and the last group subject."""
    if subject.speaker_type == "outlet":
        found = _clause_subject(text, doc)
        if found is None or found[0] is None:
            return
        subject = found[0]
        if subject.speaker_type == "person" and subject.resolved == "" and not any(
            t in doc.person_tokens for t in subject.speaker.split()
        ):
            return  # a narrated subject counts only when the article names it as a person
    if subject.speaker_type == "person" and subject.resolved != "unresolved":
        doc.last_person = subject.speaker
    elif subject.speaker_type == "group" and subject.plural:
        doc.last_group = subject.speaker


def _cue(subject: _Subject, cue: str) -> str:
    if subject.resolved == "pronoun":
        return f"{cue}: pronoun -> {subject.speaker}"
    return cue


# --------------------------------------------------------------------------- public API


def _empty_speakers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.Series(dtype="object"),
            "sent_id": pd.Series(dtype="int64"),
            "speaker": pd.Series(dtype="object"),
            "speaker_type": pd.Series(dtype="object"),
            "cue": pd.Series(dtype="object"),
        }
    )


class Speaker(NamedTuple):
    """The speaker of one sentence (:func:`article_speakers`).

    ``speaker`` and ``speaker_type`` as in :func:`attribute_speakers`;
    ``cue`` the words that decided; ``resolved``: ``""`` when the speaker is
    named in the sentence (or it is the outlet's voice), ``"pronoun"`` when a
    pronoun or a description took the last person named earlier in the
    article, ``"unresolved"`` when it had no one to take (``speaker`` is
    then the pronoun or description as written, e.g. ``"he"``).
    """

    speaker: str
    speaker_type: str
    cue: str
    resolved: str


def article_speakers(texts: Sequence[str]) -> list[Speaker]:
    """The speaker of each sentence of one article, by the rules of the module docstring.

    ``texts``: the article's body sentences in reading order (pronouns
    resolve to the last person named before them; short name forms are
    read over all of ``texts``).  Returns one :class:`Speaker` per text, in
    order.  :func:`attribute_speakers` applies it to every article of a
    sentences table; the aligners apply it to the body sentences of each
    document they compare, so both give a sentence the same speaker.
    """
    texts = [str(t) for t in texts]
    if not texts:
        return []
    doc = _doc_context(texts)
    out = []
    for text in texts:
        subject, cue = _attribute(text, doc)
        out.append(Speaker(subject.speaker, subject.speaker_type, _cue(subject, cue), subject.resolved))
        _update(doc, subject, text)
    return out


def attribute_speakers(sentences: pd.DataFrame) -> pd.DataFrame:
    """The speaker of every body sentence, by the rules of the module docstring.

    Parameters
    ----------
    sentences:
        The sentences table (:func:`claimcompare.sentences_table`); only the
        columns ``doc_id, sent_id, role, text`` are used, and only rows with
        ``role == "body"``.  Each document is read in ``sent_id`` order, so
        pronouns resolve to the last person named earlier in the same article.

    Returns
    -------
    DataFrame with columns :data:`SPEAKER_COLUMNS`, one row per body sentence,
    sorted by ``doc_id, sent_id``:

    * ``speaker`` (str): a person's name as the article uses it alone
      ("Rahmon"), ``"two sides"`` for joint attributions, the phrase as
      written for other groups ("the ministry" -> ``"ministry"``), or
      ``"outlet"``;
    * ``speaker_type``: ``"person"``, ``"group"`` or ``"outlet"``;
    * ``cue``: the words that decided ("Wei said", "he added: pronoun ->
      Wei", "according to ...", "no attribution").
    """
    missing = [c for c in ("doc_id", "sent_id", "role", "text") if c not in sentences.columns]
    if missing:
        raise ValueError(f"sentences lack columns {', '.join(missing)}")
    body = body_sentences(sentences)
    if body.empty:
        return _empty_speakers()
    body = body.sort_values(["doc_id", "sent_id"], kind="mergesort")
    rows = []
    for doc_id, group in body.groupby("doc_id", sort=True):
        for sent_id, who in zip(group["sent_id"], article_speakers(group["text"].tolist())):
            rows.append((doc_id, int(sent_id), who.speaker, who.speaker_type, who.cue))
    out = pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))
    return out.sort_values(["doc_id", "sent_id"], ignore_index=True)


def speaker_shares(speakers: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of each report's body sentences given to each speaker.

    ``speakers`` is :func:`attribute_speakers`' table.  ``documents`` (the
    corpus's document table), when given, restricts the result to its
    documents and leaves out those flagged ``duplicate_of``.

    Returns columns :data:`SHARE_COLUMNS`: ``sentences`` (int, >= 1) and
    ``share`` (float in (0, 1], summing to 1 per document), sorted by
    ``doc_id``, then ``sentences`` descending, then ``speaker_type`` (person,
    group, outlet) and ``speaker``.
    """
    s = speakers
    if documents is not None:
        keep = documents
        if "duplicate_of" in keep.columns:
            keep = keep[keep["duplicate_of"].isna() | (keep["duplicate_of"].astype("string") == "")]
        s = s[s["doc_id"].isin(set(keep["doc_id"]))]
    if s.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in SHARE_COLUMNS})
        return out.astype({"sentences": "int64", "share": "float64"})
    counts = s.groupby(["doc_id", "speaker", "speaker_type"], sort=True).size().rename("sentences").reset_index()
    totals = counts.groupby("doc_id")["sentences"].transform("sum")
    counts["share"] = counts["sentences"] / totals
    counts["sentences"] = counts["sentences"].astype("int64")
    rank = {t: k for k, t in enumerate(SPEAKER_TYPES)}
    order = counts.assign(_neg=-counts["sentences"], _rank=counts["speaker_type"].map(rank).fillna(len(rank)))
    order = order.sort_values(["doc_id", "_neg", "_rank", "speaker"], kind="mergesort")
    return order[list(SHARE_COLUMNS)].reset_index(drop=True)


def _speaker_order(shares: pd.DataFrame) -> list[str]:
    """Legend order: persons by total share, then groups, then the outlet."""
    rank = {"person": 0, "group": 1, "outlet": 2}
    tot = shares.groupby(["speaker", "speaker_type"])["share"].sum().reset_index()
    tot["_rank"] = tot["speaker_type"].map(rank).fillna(3)
    tot = tot.sort_values(["_rank", "share", "speaker"], ascending=[True, False, True], kind="mergesort")
    return list(dict.fromkeys(tot["speaker"]))


def plot_speaker_shares(shares: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked horizontal bars: the share of each report's body sentences per speaker.

    ``shares`` is :func:`speaker_shares`' table (or :func:`attribute_speakers`'
    table, which is summarised first).  One bar per document, top to bottom in
    ``doc_id`` order; one segment per speaker, persons first (by total share),
    then groups, then the outlet's own voice (grey).  Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if "share" not in shares.columns:
        shares = speaker_shares(shares)
    if ax is None:
        n_docs = max(shares["doc_id"].nunique(), 1)
        _, ax = plt.subplots(figsize=(8, 0.55 * n_docs + 1.6))
    ax.set_title("Whose voice fills each report (share of body sentences by speaker)")
    ax.set_xlabel("share of body sentences (%)")
    ax.set_ylabel("document")
    if shares.empty:
        return ax
    table = shares.pivot_table(index="doc_id", columns="speaker", values="share", aggfunc="sum", fill_value=0.0)
    order = _speaker_order(shares)
    table = table[order].sort_index() * 100
    kind = dict(zip(shares["speaker"], shares["speaker_type"]))
    palette = plt.get_cmap("tab20")
    colours, k = [], 0
    for name in order:
        if kind.get(name) == "outlet":
            colours.append("0.75")
        else:
            colours.append(palette(k % 20))
            k += 1
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for name, colour in zip(order, colours):
        values = table[name].to_numpy()
        ax.barh(y, values, left=left, height=0.7, color=colour, label=name, edgecolor="white", linewidth=0.5)
        left += values
    ax.set_yticks(y)
    ax.set_yticklabels(list(table.index))
    ax.set_xlim(0, 100)
    ax.legend(title="speaker", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax


def names_agree(a: str, b: str) -> bool:
    """True when two person names share a word (case-insensitive): "Wei Fenghe" and "Wei"."""
    wa = {w.lower() for w in _RE_WORD.findall(str(a))}
    wb = {w.lower() for w in _RE_WORD.findall(str(b))}
    return bool(wa & wb)


def same_speaker(type_a: object, speaker_a: object, type_b: object, speaker_b: object) -> bool:
    """Whether two sentences have the same speaker, given each one's ``speaker_type`` and ``speaker``.

    True when the types are equal strings and, for persons, the names share
    a word (:func:`names_agree`: "Wei Fenghe" and "Wei"); two groups, or two
    outlet voices, are the same.  A missing type (NaN, ``None``) is never the
    same.  The rule of :func:`attribution_agreement` and of the aligners'
    speaker features (:func:`claimcompare.align.speaker_agreement`).
    """
    if not isinstance(type_a, str) or not isinstance(type_b, str) or type_a != type_b:
        return False
    if type_a == "person":
        return names_agree(str(speaker_a), str(speaker_b))
    return True


def attribution_agreement(alignment: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """For each aligned pair of statements, whether both outlets give it to the same speaker.

    ``alignment`` has at least ``doc_a, sent_a, doc_b, sent_b`` (and usually
    ``text_a, text_b, score``, from :func:`claimcompare.align.align_corpus`);
    ``speakers`` is :func:`attribute_speakers`' table.

    Returns columns :data:`AGREEMENT_COLUMNS`, one row per aligned pair,
    sorted by ``doc_a, doc_b, sent_a, sent_b``.  ``same`` is True when both
    sentences have the same ``speaker_type`` and, for persons, the two names
    share a word (:func:`names_agree`); two groups or two outlet voices are
    the same.  A sentence missing from ``speakers`` has NaN speaker and
    ``same == False``.
    """
    a = alignment.copy()
    for col, default in (("text_a", ""), ("text_b", ""), ("score", np.nan)):
        if col not in a.columns:
            a[col] = default
    if a.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in AGREEMENT_COLUMNS})
        return out.astype({"sent_a": "int64", "sent_b": "int64", "score": "float64", "same": "bool"})
    sp_ = speakers.set_index(["doc_id", "sent_id"])[["speaker", "speaker_type"]]
    for side in ("a", "b"):
        keys = pd.MultiIndex.from_arrays([a[f"doc_{side}"], a[f"sent_{side}"].astype("int64")])
        found = sp_.reindex(keys)
        a[f"speaker_{side}"] = found["speaker"].to_numpy()
        a[f"speaker_type_{side}"] = found["speaker_type"].to_numpy()
    a["same"] = [
        same_speaker(ta, sa, tb, sb)
        for ta, sa, tb, sb in zip(a["speaker_type_a"], a["speaker_a"], a["speaker_type_b"], a["speaker_b"])
    ]
    a["sent_a"] = a["sent_a"].astype("int64")
    a["sent_b"] = a["sent_b"].astype("int64")
    a["same"] = a["same"].astype(bool)
    return a[list(AGREEMENT_COLUMNS)].sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], ignore_index=True)


#: Columns a gold speakers file must have (``tests/gold/speakers-*.csv``).
GOLD_SPEAKER_COLUMNS: tuple[str, ...] = ("doc_id", "start", "end", "speaker", "speaker_type")
#: Columns of :func:`compare_to_gold`.
GOLD_COMPARISON_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "sent_id",
    "gold_speaker",
    "gold_type",
    "speaker",
    "speaker_type",
    "correct",
    "text",
)


def load_speaker_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold speakers CSV (columns :data:`GOLD_SPEAKER_COLUMNS`, plus ``text, note``).

    Raises :class:`claimcompare.errors.CorpusError` naming the file when it is
    missing, lacks a column or has a ``speaker_type`` outside
    :data:`SPEAKER_TYPES`.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "gold file not found", "give the path of a gold speakers CSV")
    gold = pd.read_csv(path, dtype={"doc_id": str, "speaker": str, "speaker_type": str}, keep_default_na=False)
    missing = [c for c in GOLD_SPEAKER_COLUMNS if c not in gold.columns]
    if missing:
        raise CorpusError(path, f"lacks columns {', '.join(missing)}", "a gold speakers file has doc_id, start, end, speaker, speaker_type")
    bad = sorted(set(gold["speaker_type"].str.strip().str.lower()) - set(SPEAKER_TYPES))
    if bad:
        raise CorpusError(path, f"has unknown speaker types {', '.join(bad)}", "use person, group or outlet")
    return gold


def _best_sentence(body: pd.DataFrame, start: int, end: int) -> int | None:
    """The body sentence that overlaps a gold span most (at least half of the span or of the sentence)."""
    if body.empty:
        return None
    overlap = np.minimum(body["end"], end) - np.maximum(body["start"], start)
    length = (body["end"] - body["start"]).clip(lower=1)
    keep = (overlap > 0) & ((overlap >= 0.5 * max(end - start, 1)) | (overlap >= 0.5 * length))
    if not keep.any():
        return None
    cand = body.loc[keep].assign(_ov=overlap[keep]).sort_values(["_ov", "sent_id"], ascending=[False, True])
    return int(cand["sent_id"].iloc[0])


def compare_to_gold(speakers: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Predicted and gold speaker side by side, one row per gold row.

    ``gold`` has columns ``doc_id, start, end, speaker, speaker_type`` (and
    usually ``text, note``): character spans into the article files, one row
    per body sentence, independent of any segmenter.  Each gold span is mapped
    to the body sentence of ``sentences`` it overlaps most, provided the
    overlap covers at least half of the span or of the sentence (as in
    :mod:`claimcompare.evaluate`).  ``correct`` is True when the mapped
    sentence's ``speaker_type`` equals the gold type and, for persons, the
    predicted and gold names share a word (case-insensitive,
    :func:`names_agree`); for groups and the outlet the type suffices.  A
    gold span with no sentence has ``sent_id`` -1 and is not correct.

    Returns columns :data:`GOLD_COMPARISON_COLUMNS`, one row per gold row,
    sorted by ``doc_id, start``; ``text`` is the matched sentence's text.
    """
    missing = [c for c in GOLD_SPEAKER_COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"gold lacks columns {', '.join(missing)}")
    body = body_sentences(sentences)
    by_doc = {d: g for d, g in body.groupby("doc_id", sort=True)}
    pred = {(d, int(i)): (sp_, t) for d, i, sp_, t in zip(speakers["doc_id"], speakers["sent_id"], speakers["speaker"], speakers["speaker_type"])}
    text = {(d, int(i)): t for d, i, t in zip(body["doc_id"], body["sent_id"], body["text"])}
    rows = []
    for g in gold.sort_values(["doc_id", "start"], kind="mergesort").itertuples(index=False):
        gtype = str(g.speaker_type).strip().lower()
        sid = _best_sentence(by_doc.get(g.doc_id, body.iloc[:0]), int(g.start), int(g.end))
        speaker, stype = pred.get((g.doc_id, sid), (None, None)) if sid is not None else (None, None)
        ok = stype == gtype and (gtype != "person" or names_agree(str(speaker), str(g.speaker)))
        rows.append(
            (g.doc_id, int(g.start), int(g.end), -1 if sid is None else sid, str(g.speaker), gtype, speaker, stype, bool(ok),
             text.get((g.doc_id, sid), ""))
        )
    out = pd.DataFrame(rows, columns=list(GOLD_COMPARISON_COLUMNS))
    return out.astype({"start": "int64", "end": "int64", "sent_id": "int64", "correct": "bool"})


def score_attribution(speakers: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Accuracy of predicted speakers against a gold file of one speaker per body sentence.

    Gold spans are matched to sentences and judged as in
    :func:`compare_to_gold`: a gold row is correct when the speaker types
    agree and, for persons, the names share a word.

    Returns ``{"accuracy": correct / total (float in [0, 1], 0.0 when the gold
    is empty), "correct": int, "total": int}`` with ``total`` the number of
    gold rows.
    """
    table = compare_to_gold(speakers, sentences, gold)
    total = len(table)
    correct = int(table["correct"].sum()) if total else 0
    return {"accuracy": correct / total if total else 0.0, "correct": correct, "total": total}
