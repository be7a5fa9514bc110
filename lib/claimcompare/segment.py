"""Rule-based English sentence segmentation with character offsets.

:func:`sentence_spans` cuts a text into sentences and returns ``(start, end)``
offsets into the *original* string; :func:`split_sentences` wraps the same
spans in a :class:`pandas.DataFrame`.  The text is never normalised or copied
as a whole: CRLF and lone CR are recognised in place, so offsets always point
into the file as it was read.

Method
------
A character-class search jumps to the next character that can start a
*candidate* boundary, and one compiled regular expression reads the candidate
there: a run of terminal punctuation (``. ? ! …`` and the spaced ellipsis
``. . .``) with any closing quotes or brackets and the whitespace after it; a
line break; a bullet after whitespace; a CJK full stop.  Each candidate is
decided by short checks on the token before it and the word after it; every
look-around is bounded, so the time is linear in the length of the text.  A cut is only
ever made inside whitespace (or right after a CJK full stop), and every span
is trimmed, so nothing but whitespace is ever left out of a span.

The rules, in the order they are applied:

1. **Blank line.**  A line break, optional spaces, a line break (``\\r\\n``,
   ``\\r``, ``\\n``, U+2028/2029, NEL, VT, FF and the file separators all
   count as line breaks, ``\\r\\n`` as one) is always a boundary.
2. **List starts.**  A line that starts with a bullet (``- * + • ⁃ ◦ ▪`` ...)
   or a list marker (``1.``, ``2)``, ``a.``) always starts a new sentence; so
   does a bullet character (``•`` ...) after whitespace inside a line.  When a
   sentence starts with a list marker (``1.``, ``1.)``, ``1)``, ``a.``), the
   paragraph is searched for the next markers of the same style (``2.``,
   ``3.`` / ``b.``, ``c.``; each within 2,000 characters of the previous one,
   at most three other markers skipped) and a cut is made before each, so
   inline lists
   ("1. The first item 2. The second item") split without punctuation.  A
   marker's own full stop (a number of at most three digits, a single letter
   or a Roman numeral at the start of a sentence) never ends a sentence.  A
   list that starts after a colon ("two steps: 1. Build ... 2. Train ...") is
   cut before its first marker too, when a second marker follows.
3. **Single line break without terminal punctuation** (headline, navigation
   item, hard-wrapped text).  It is a boundary when the next line does not
   start with a lower-case letter, and the line before does not end with a
   comma, semicolon, colon, hyphen or dash, slash, ampersand or opening
   bracket, nor with a lower-case *continuation word* (article, preposition,
   conjunction, auxiliary, possessive, "said" ...; a particle such as "in"
   or "on" only when the line has at least three other words, so that the
   navigation items "Sign in" / "Log in" stay lines of their own), nor is
   the break inside a *hard-wrapped block*: the line before is at least 40
   characters long and, within 600 characters around it in the same
   paragraph, another break is certainly a wrap (a line ending in a comma,
   or a next line starting in lower case).  So a headline or navigation line
   without a full stop is its own sentence, while hard-wrapped text (a line
   that ends mid-sentence and a next line that starts in lower case, a line
   that ends in "of"/"the"/"and", a capitalised name broken across lines in
   a wrapped paragraph) is joined.  A lone wrapped line broken right before a
   capitalised word after a content word ("... said the\\nMinister" is
   joined, "... told\\nReuters" alone is not) is cut: without punctuation or
   neighbouring wraps it cannot be told from a headline.
4. **Terminal punctuation followed by whitespace.**  Never a boundary when
   the next word (after opening quotes/brackets and a spaced dash) starts
   with a lower-case letter ("Yahoo! in", "co. at", "'Great.' she said",
   "'No.' – he replied") or the next character is ``, ; : ) ] } %`` or more
   punctuation.  Otherwise:

   a. ``?`` and ``!`` (also ``?!``, ``!!``) end the sentence.
   b. An unspaced ellipsis (``...``, ``....``, ``…``) ends the sentence
      unless it is an editorial omission in brackets (``[...]``).
   c. A spaced ellipsis of three dots (``. . .``) is an omission inside the
      sentence; of four dots it ends the sentence — right after the word's own
      full stop when that is attached ("compounds. . . . The" → "compounds."
      / ". . . The"), after the last dot otherwise.
   d. A full stop is decided by the token before it (opening quotes and
      brackets stripped):

      - a list marker at the start of a sentence (rule 2): not a boundary;
      - e-mail addresses, URLs, numbers (``$100.00``, ``1026.253.553``,
        ``2.0.1``), domain names: an ordinary word, boundary;
      - ``a.m.`` / ``p.m.``: a boundary before a capitalised word unless that
        word is a weekday, a month, a time zone or followed by "time", or the
        sentence so far is just a time phrase opened by a preposition
        ("At 5 a.m. Mr. Smith went ...");
      - ``e.g.``, ``i.e.``, ``a.k.a.``: never a boundary;
      - dotted initialisms (``U.S.``, ``U.N.``, ``E.U.``, ``D.C.``,
        ``Ph.D.``): a boundary only before a *sentence starter* (below) or
        across a line break; lower-case ones (``a.k.a`` aside) before any
        capitalised word;
      - titles and other abbreviations that are always followed by a name
        or number (``Mr Mrs Ms Dr Prof Gen Lt Col Capt Sgt Gov Sen Rep Rev
        Mt Ft vs v approx cf viz ret`` ...): never a boundary;
      - abbreviations that precede a number (``No Nos N° Art Fig Vol Ch p
        pp Sec`` ...): not a boundary before a digit; otherwise ordinary words
        (so "No. 5" continues but "He said no. The ..." ends);
      - capitalised abbreviations that are parts of names and may end a
        sentence (company forms ``Inc Corp Co Ltd Plc Bros``, ``Jr Sr Esq``,
        ``St Ave Blvd Rd``, abbreviated months ``Jan Feb ... Dec``, AP state
        abbreviations ``Calif Mass Fla`` ...): not a boundary before a digit;
        a boundary before a capitalised word only if that word is a sentence
        starter or the break crosses a line break;
      - lower-case abbreviations that may end a sentence (``etc al co est ed
        ft lb min hr yr pct`` ...): not a boundary before a digit, a boundary
        before a capitalised word;
      - a single capital letter (an initial: "Jonas E. Smith", "George W.
        Bush", "J. R. R. Tolkien"): a boundary only before a sentence starter
        that is not itself an initial ("you and I. Did you", "Plan B. Then");
        after a label noun ("Plan A.", "vitamin D.", "Group C.") or, for the
        pronoun "I", after a lower-case word, before any capitalised word
        that is not itself an initial;
      - a single lower-case letter: like a capitalised name-part abbreviation;
      - any other word: a boundary.

   *Sentence starters* are capitalised closed-class words — pronouns,
   determiners, conjunctions, prepositions, auxiliaries, sentence adverbs
   ("The", "It", "He", "How", "However", "In", "Did", ...) — plus a few
   plural nouns that open news sentences and are never part of a name
   ("Officials", "Police", "Analysts" ...).  A capitalised word that is not
   one of them after an ambiguous abbreviation is taken to continue a name
   ("U.S. Government", "Apple Inc. Chief Executive", "St. Petersburg").
   Known limitation: "... in the U.S. Senators said" is not cut.
5. **CJK full stops** (``。！？``) end a sentence even without a space.

Everything that is not cut ends up in the last sentence of the text, trimmed.

Sources
-------
The rule inventory follows the 48 English "Golden Rules" of Kevin Dias's
Pragmatic Segmenter (MIT) as packaged by pySBD (Nipun Sadvilkar, MIT), and
the idea, used by both, of a list of sentence starters that decides whether
an ambiguous abbreviation ends a sentence; the
Punkt paper (Kiss & Strunk 2006, *Unsupervised Multilingual Sentence Boundary
Detection*) for the decomposition into abbreviation, initial and
ordinal/number decisions; the AP Stylebook conventions for titles, months,
states and time abbreviations in news copy; and the MLA rules for spaced
ellipses.  No code is taken from these projects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd

try:  # pandas >= 3.0: the public low-level constructor (see "Tables" below)
    from pandas.api.internals import create_dataframe_from_blocks as _create_from_blocks
except ImportError:  # pragma: no cover - older pandas
    _create_from_blocks = None

__all__ = ["BATCH_COLUMNS", "sentence_spans", "split_sentences", "split_sentences_batch"]

# ---------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------

#: Closing quotes and brackets that may follow terminal punctuation.
_CLOSERS = "\"'”’»›)]}」』】〕〉》"
#: Opening quotes and brackets that may precede the next sentence's first word.
_OPENERS = "\"'“‘«‹([{„‚「『【〔〈《"
#: Bullet characters that start a list item.
_BULLETS = "•‣⁃◦▪▫●○■□►▸▶➢➤∙"
#: Characters that Python's ``str.splitlines`` treats as line breaks.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Terminal punctuation (besides the spaced ellipsis).
_TERMINALS = ".?!…‽‼⁇⁈⁉"

_LINE_BREAKS_NO_CR = _LINE_BREAKS.replace("\r", "")

_CLOSERS_RE = re.escape(_CLOSERS)
_BULLETS_RE = re.escape(_BULLETS)
_LB_RE = re.escape(_LINE_BREAKS)
_TERMINAL_RUN = re.compile(rf"[{re.escape(_TERMINALS)}]+")
#: One line break, ``\r\n`` as one (possessive, so it never splits a CRLF).
_BR_RE = rf"(?:\r\n?+|[{re.escape(_LINE_BREAKS_NO_CR)}])"

_OPENERS_SET = frozenset(_OPENERS)
_DASHES = frozenset("-‒–—―")
_LEFT_STRIP = _OPENERS + _BULLETS
_NO_SENTENCE_START = frozenset(",;:.?!)]}%…")
_CONTINUATION_CHARS = frozenset(",;:-‐‑‒–—―/&+=([{“‘«‹„‚\\")

# Candidate boundaries.  Group numbers are used in the scanner:
#   1 spaced ellipsis, 2 its closers, 3 whitespace (may be empty at the end)
#   4 terminal run, 5 closers, 6 whitespace
#   7 line break (with all whitespace after it)
#   8 bullet after whitespace
#   9 CJK full stop with closers (and whitespace after it)
_CANDIDATE = re.compile(
    rf"(\.(?:[ \u00a0]\.){{2,}})([{_CLOSERS_RE}]*)(\s*)"
    rf"|([{re.escape(_TERMINALS)}]+)([{_CLOSERS_RE}]*)(\s+)"
    rf"|([{_LB_RE}])\s*"
    rf"|(?<=\s)([{_BULLETS_RE}])"
    rf"|([。！？｡]+[{_CLOSERS_RE}]*)\s*"
)

#: First characters of the candidates: searching for them first lets the
#: regex engine skip ordinary text with a fast character-set scan.
_SCAN = re.compile(rf"[{re.escape(_TERMINALS)}{_LB_RE}{_BULLETS_RE}。！？｡]")


#: What may stand between the start of a sentence and a list marker.
_LEADER = re.compile(rf"[\s{_BULLETS_RE}{re.escape(_OPENERS)}]*")
#: A token that is a list marker when it starts a sentence.
_MARKER_TOKEN = re.compile(r"\d{1,3}|[A-Za-z]|[IVX]{2,5}|[ivx]{2,5}")
#: A list marker at the start of a sentence: value group 1 (digits) or 2
#: (letter), style group 3.
_LEAD_MARKER = re.compile(
    rf"[{_BULLETS_RE}]?[ \t\u00a0]*(?:(\d{{1,3}})|([a-z]))(\.\)|\.|\))[ \t\u00a0]+(?=\S)"
)
#: A list marker inside a paragraph (after whitespace).
#: (It starts with the whitespace, a character class, so that ``search``
#: can skip text quickly; the marker itself starts at ``m.start() + 1``.)
_INLINE_MARKER = re.compile(
    rf"\s(?:[{_BULLETS_RE}][ \t\u00a0]*)?(?:(\d{{1,3}})|([a-z]))(\.\)|\.|\))(?=\s)"
)
#: A line that starts with a bullet or a list marker.
_LINE_BULLET = re.compile(
    rf"(?:[-*+‐‑–—{_BULLETS_RE}][ \t\u00a0]|[{_BULLETS_RE}]|\(?(?:\d{{1,3}}|[a-z])[.)][ \t\u00a0])"
)
#: A line break that is certainly a wrap inside a sentence: a word or comma,
#: the break, and a lower-case letter; or a comma before the break.
_SURE_WRAP = re.compile(
    rf"(?:\w|,)[^\S{_LB_RE}]*{_BR_RE}[^\S{_LB_RE}]*[a-z]|,[^\S{_LB_RE}]*{_BR_RE}[^\S{_LB_RE}]*\S"
)
#: A blank line (end of paragraph), for bounding list searches.
#: (Written to start with a character class, for a fast ``search``.)
_BLANK_LINE = re.compile(
    rf"[{_LB_RE}](?:(?<=\u2029)|(?:(?<=\r)\n)?+[^\S{_LB_RE}]*{_BR_RE})"
)

#: A word: letters only (so "It's" gives "It").
_WORD = re.compile(r"[^\W\d_]+")
#: Single-letter initialisms with dots: U.S, U.S.A, E.U, a.m, D.C (final dot excluded).
_INITIALISM = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")
#: "... time" after a clock time ("10 a.m. Beijing time").
_TIME_WORD = re.compile(r"[^\W\d_]+\s+time\b")

# ---------------------------------------------------------------------------
# Word lists (general English / news usage; case-sensitive)
# ---------------------------------------------------------------------------

#: Abbreviations that are always followed by a name or a number, so never end
#: a sentence: personal, military, political and religious titles, "Mount",
#: "Fort", and Latin/reference abbreviations.
_NEVER_ENDS = frozenset(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Profs Rev Revd Hon Pres
    Gov Govs Sen Sens Rep Reps Gen Gens Lt Lieut Col Cols Maj Capt Cpt Cmdr
    Cdr Comdr Sgt Cpl Pvt Pfc Adm Brig Fr Msgr Supt Insp Det Atty Amb Sec
    Mt Ft
    vs Vs v approx Approx cf Cf viz Viz ca ret Ret
    """.split()
)

#: Abbreviations that are abbreviations only before a number.
_BEFORE_NUMBER = frozenset(
    """
    No Nos no nos N° Nº № Art Arts art Fig Figs fig figs Vol Vols vol vols
    Ch ch Chap chap P p Pp pp Para para Paras paras Sect sect Eq eq Eqs
    Ref ref Tel tel Apt apt Rm rm Ste Ex ex Nr nr Op op Pt pt Ver ver Bldg
    Ps Dist Div Sched Tab Bk Pg pg Rt Rte Hwy Hwys Sq Lot
    """.split()
)

#: Capitalised abbreviations that are parts of names but may end a sentence:
#: company forms, generational suffixes, street words, months, AP state and
#: province abbreviations.
_NAME_PART = frozenset(
    """
    Inc Corp Co Cos Ltd Plc PLC Llc LLC LLP Bros Mfg Intl Assn Assoc Dept
    Depts Univ Inst Natl Govt Cie
    Jr Sr Esq
    St Sts Ave Blvd Rd Pkwy Ct Ln Terr
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass
    Mich Minn Miss Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Vt Va
    Wash Wis Wisc Wyo Ont Que Alta Sask
    """.split()
)

#: Lower-case abbreviations that may end a sentence.
_LOWER_MAY_END = frozenset(
    """
    etc al co cos inc corp ltd bros dept est ed eds repr trans misc incl excl
    ft lb lbs oz pt qt gal mi sq cu hr hrs min mins sec secs yr yrs mo mos wk
    wks pct max avg tbsp tsp govt
    """.split()
)

#: Dotted abbreviations that never end a sentence (lower-cased, without the
#: final dot).
_DOTTED_NEVER = frozenset({"e.g", "i.e", "a.k.a", "c.f", "n.b", "viz"})
#: Dotted abbreviations that are not single-letter initialisms.
_DOTTED_OTHER = frozenset({"ph.d", "ll.b", "ll.m", "b.sc", "m.sc", "d.phil", "m.phil"})
_CLOCK = frozenset({"a.m", "p.m"})

#: Capitalised words that open sentences but are (almost) never a name part.
_STARTERS = frozenset(
    """
    A An The This That These Those It Its He His Him She Her Hers They Their
    Them We Our Us I My Me You Your There Here What When Where Why Who Whom
    Whose Which How However If In On At As After Before But And Or So Yet
    Also Although Though While During Since Because For From With Without
    Under Over By To Of Despite According Meanwhile Moreover Furthermore
    Still Then Thus Therefore Hence Now Today Yesterday Tomorrow Tonight
    Earlier Later Last Next Some Many Most Several Few All Both Each Every
    No Not None Nor Neither Either Other Others Another Such Only Even
    Instead Once Until Unless Whether Do Does Did Is Are Was Were Can Could
    Would Should Shall Might Must Has Have Had Being Let Please Among Amid
    About Above Across Against Along Around Between Beyond Into Like Near
    Through Throughout Toward Towards Upon Within Otherwise Indeed
    Nonetheless Nevertheless Overall Finally Currently Recently Previously
    Already Again Perhaps Maybe Yes Sometimes Often Initially Separately
    Additionally Elsewhere Afterward Afterwards Soon Just Much More Less
    Everyone Everybody Everything Nothing Someone Somebody Nobody Anyone
    Anything Whatever Whoever Whenever Wherever Similarly Likewise
    Consequently Accordingly Besides Rather Thereafter Regardless Following
    Officials Police Authorities Analysts Experts Investors Residents
    Witnesses Critics Prosecutors Researchers Scientists Shares
    """.split()
)

#: Words after a clock time that continue the sentence.
_TIME_CONTINUATION = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues
    Wed Thu Thur Thurs Fri Sat Sun January February March April May June
    July August September October November December Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec UTC GMT BST CET CEST EET EEST WET MSK IST
    PKT JST KST HKT SGT CST CDT EST EDT MST MDT PST PDT AKST AKDT HST AEST
    AEDT ACST AWST NZST NZDT ET CT MT PT WIB
    """.split()
)
#: Prepositions that open a time phrase ("At 5 a.m. Mr. Smith went ...").
_TIME_PREPOSITIONS = frozenset(
    "at by before after until till from around about since shortly just "
    "on early late".split()
)

#: Lower-case words that cannot end a line of a headline or a sentence, so a
#: line ending in one continues on the next line.
_CONTINUATION_WORDS = frozenset(
    """
    a an the of to for with from by at into onto about between against
    during through toward towards upon within without under among amid via
    per than as and or but nor that which who whom whose this these those
    its their his her our my your is are was were be been being has have
    had will would can could should shall may might must do does did not
    very if when while because although though whether such each every
    some any no both either neither said says told
    """.split()
)
#: Nouns after which a single capital letter is a label ("Plan B",
#: "vitamin D", "Group A"), not the initial of a name.
_LABEL_NOUNS = frozenset(
    """
    plan vitamin type group class section category grade level option phase
    stage part appendix annex exhibit schedule article team gate block
    building floor wing terminal hall zone area sector unit platform runway
    pool division league series model route line channel point hepatitis
    letter row column box room tier round
    """.split()
)

#: Hard-wrapped text: a line of at least this many characters whose break is
#: ambiguous, and a window (characters each side) searched for a sure wrap.
_WRAP_MIN_LINE = 40
_WRAP_WINDOW = 600
#: Longest stretch of text searched for the next marker of an inline list.
_LIST_WINDOW = 2000
#: How many other markers may stand between two markers of one inline list.
_LIST_MISSES = 3

#: Prepositions that are also verb particles ("Sign in", "Log on"): they
#: continue a line only when the line is longer than a navigation item.
_PARTICLES = frozenset("in on up out off over down back around".split())

_COLUMNS = ("start", "end", "text")
#: Columns of :func:`split_sentences_batch`.
BATCH_COLUMNS: tuple[str, ...] = ("doc_id", "sent_id", "start", "end", "text")


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------


def _next_start(text: str, j: int, n: int) -> int:
    """Index of the next word's first character: opening quotes and brackets,
    and a dash with its spaces ('"No." – he replied'), are skipped."""
    while j < n:
        c = text[j]
        if c in _OPENERS_SET:
            j += 1
        elif c in _DASHES and j + 1 < n and text[j + 1] in " \u00a0":
            j += 2
            while j < n and text[j] in " \u00a0":
                j += 1
        else:
            break
    return j


def _starter_follows(text: str, j: int) -> bool:
    """True when the word at ``j`` is a sentence starter and not an initial."""
    w = _WORD.match(text, j)
    if w is None:
        return False
    word = w.group()
    if word not in _STARTERS:
        return False
    # "J. A. Smith": a single letter followed by a full stop is an initial.
    return not (len(word) == 1 and text.startswith(".", w.end()))


def _clock_ends(text: str, seg: int, tok_start: int, j: int) -> bool:
    """a.m./p.m. followed by a capitalised word at ``j``: a boundary?"""
    w = _WORD.match(text, j)
    if w is not None:
        if w.group() in _TIME_CONTINUATION:
            return False
        if _TIME_WORD.match(text, j):
            return False
    words = text[seg:tok_start].split() if tok_start - seg < 80 else ()
    if 0 < len(words) <= 4 and words[0].lower().lstrip(_OPENERS) in _TIME_PREPOSITIONS:
        return False
    return True


def _period_ends(
    text: str, n: int, seg: int, pstart: int, wsend: int, newline: bool
) -> bool:
    """Decide a single full stop at ``pstart`` followed by whitespace."""
    j = _next_start(text, wsend, n)
    if j >= n:
        return True
    nc = text[j]
    if nc.islower() or nc in _NO_SENTENCE_START:
        return False
    upper = nc.isalpha()  # capital or caseless letter
    digit = nc.isdigit() or nc == "#"

    # The token before the full stop.
    t = pstart
    lo = pstart - 100 if pstart - 100 > seg else seg
    while t > lo and not text[t - 1].isspace():
        t -= 1
    tok = text[t:pstart].lstrip(_LEFT_STRIP).rstrip(_CLOSERS)
    if not tok:
        return True

    # A list marker at the start of a sentence ("1.", "a.", "• 9.").
    if _MARKER_TOKEN.fullmatch(tok) and (t == seg or _LEADER.fullmatch(text, seg, t)):
        return False

    if "." in tok:
        if "@" in tok or "/" in tok or tok[:4].lower() == "www.":
            return True
        low = tok.lower()
        if low in _CLOCK:
            return not upper or _clock_ends(text, seg, t, j)
        if low in _DOTTED_NEVER:
            return False
        if _INITIALISM.fullmatch(tok) or low in _DOTTED_OTHER:
            if not upper:
                return False
            if tok.islower():
                return True
            return newline or _starter_follows(text, j)
        return True  # numbers, domains, versions

    if tok in _NEVER_ENDS:
        return False
    if "-" in tok:  # "D-Calif.", "I-Vt."
        tail = tok.rpartition("-")[2]
        if tail in _NAME_PART:
            tok = tail
    if tok in _BEFORE_NUMBER:
        return not digit
    if tok in _NAME_PART:
        if not upper:
            return False
        return newline or _starter_follows(text, j)
    if tok in _LOWER_MAY_END:
        return upper
    if len(tok) == 1 and tok.isalpha():
        if not upper:
            return False
        # The word before the letter: "Plan B.", "vitamin D." are labels and
        # "you and I." is the pronoun, not an initial of a following name.
        k = t
        while k > seg and text[k - 1].isspace():
            k -= 1
        w = k
        while w > seg and w > k - 20 and text[w - 1].isalpha():
            w -= 1
        before = text[w:k]
        if before.lower() in _LABEL_NOUNS or (tok == "I" and before.islower()):
            nw = _WORD.match(text, j)
            return not (nw is not None and len(nw.group()) == 1 and text.startswith(".", nw.end()))
        return _starter_follows(text, j)
    return True


def _line_break_ends(text: str, n: int, run_start: int, run_end: int) -> bool:
    """Decide a single line break with no terminal punctuation before it."""
    if _LINE_BULLET.match(text, run_end):
        return True
    nc = text[run_end]
    if nc.islower():
        return False
    prev = text[run_start - 1]
    if prev in _CONTINUATION_CHARS:
        return False
    if prev.islower():
        t = run_start - 1
        lo = run_start - 40
        while t > lo and t > 0 and text[t - 1].isalpha():
            t -= 1
        word = text[t:run_start]
        if word in _CONTINUATION_WORDS:
            return False
        if word in _PARTICLES:
            # "Sign in" / "Log in" are navigation items; a longer line that
            # ends in "in"/"on" is hard-wrapped text.
            lo = t - 200 if t > 200 else 0
            ls = max(text.rfind("\n", lo, t), text.rfind("\r", lo, t), lo - 1) + 1
            return len(text[ls:t].split()) < 3
    return not _in_wrapped_block(text, n, run_start, run_end)


def _in_wrapped_block(text: str, n: int, run_start: int, run_end: int) -> bool:
    """Is the line break at ``run_start:run_end`` inside hard-wrapped text?

    True when the line before it is long (at least ``_WRAP_MIN_LINE``
    characters) and, within a few lines around it in the same paragraph,
    another line break is certainly a wrap (the next line starts in lower
    case, or the line ends with a comma).
    """
    ls = run_start
    while ls > 0 and run_start - ls <= _WRAP_MIN_LINE and text[ls - 1] not in _LINE_BREAKS:
        ls -= 1
    if run_start - ls < _WRAP_MIN_LINE:
        return False
    lo = run_start - _WRAP_WINDOW if run_start > _WRAP_WINDOW else 0
    hi = run_end + _WRAP_WINDOW if run_end + _WRAP_WINDOW < n else n
    for blank in _BLANK_LINE.finditer(text, lo, hi):
        if blank.end() <= run_start:
            lo = blank.end()
        elif blank.start() >= run_end:
            hi = blank.start()
            break
    return _SURE_WRAP.search(text, lo, hi) is not None


def _count_breaks(text: str, i: int, j: int) -> int:
    """Number of line breaks in the whitespace ``text[i:j]`` (``\\r\\n`` once;
    U+2029 PARAGRAPH SEPARATOR counts as two, a blank line)."""
    s = text[i:j]
    count = s.count("\n") + s.count("\r") - s.count("\r\n")
    if s.strip(" \t\n\r"):  # other whitespace: look for the rarer breaks
        for c in s:
            if c in _LINE_BREAKS_NO_CR and c != "\n":
                count += 2 if c == "\u2029" else 1
    return count


def _list_cuts(text: str, n: int, lead: re.Match[str]) -> list[tuple[int, int]]:
    """Cuts before the markers that continue an inline list started by ``lead``."""
    digits, letter, style = lead.group(1, 2, 3)
    if digits is not None:
        expected: int | str = int(digits) + 1
    else:
        expected = chr(ord(letter) + 1)
    cuts: list[tuple[int, int]] = []
    pos = lead.end()
    misses = 0
    while misses < _LIST_MISSES:
        # The next marker must follow within _LIST_WINDOW characters of the
        # previous one and before the end of the paragraph.
        limit = pos + _LIST_WINDOW if pos + _LIST_WINDOW < n else n
        found = False
        start = pos
        while misses < _LIST_MISSES:
            m = _INLINE_MARKER.search(text, start, limit)
            if m is None:
                return cuts
            start = m.end()
            if m.group(3) == style and (
                (digits is not None and m.group(1) is not None and int(m.group(1)) == expected)
                or (letter is not None and m.group(2) == expected)
            ):
                found = True
                break
            misses += 1  # "1. costs 5. The ..." : another number, skipped
        if not found or _BLANK_LINE.search(text, pos, m.start()) is not None:
            break
        mark = m.start() + 1
        cut = mark
        while cut > pos and text[cut - 1].isspace():
            cut -= 1
        if cut > pos:
            cuts.append((cut, mark))
        if isinstance(expected, int):
            expected += 1
        else:
            expected = chr(ord(expected) + 1)
        pos = m.end()
    return cuts


def _lead_list(text: str, n: int, seg: int) -> list[tuple[int, int]]:
    """Cuts for an inline list when the sentence at ``seg`` starts with a marker."""
    c0 = text[seg]
    if c0.isdigit() or c0.islower() or c0 in _BULLETS:
        lead = _LEAD_MARKER.match(text, seg)
        if lead is not None:
            return _list_cuts(text, n, lead)
    return []


def _colon_list(
    text: str, n: int, seg: int, marker: int
) -> tuple[int, list[tuple[int, int]]] | None:
    """An inline list that starts after a colon ("two parts: 1. Build ... 2. Train").

    ``marker`` is the index of a "1" or "a" followed by a full stop.  Returns the
    cut before the marker and the cuts before the following markers, or None.
    """
    r0 = marker
    while r0 > seg and text[r0 - 1].isspace():
        r0 -= 1
    if r0 <= seg or text[r0 - 1] != ":":
        return None
    lead = _LEAD_MARKER.match(text, marker)
    if lead is None:
        return None
    cuts = _list_cuts(text, n, lead)
    if not cuts:
        return None
    return r0, cuts


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets ``(start, end)`` of ``text``, in order.

    Spans are sorted, non-overlapping and trimmed (``text[start]`` and
    ``text[end - 1]`` are not whitespace); every non-whitespace character lies
    in exactly one span.  Empty or whitespace-only text gives ``[]``.
    """
    n = len(text)
    spans: list[tuple[int, int]] = []
    seg = 0
    while seg < n and text[seg].isspace():
        seg += 1
    if seg >= n:
        return spans
    # Cuts found ahead of the scan (inline list markers), in order.
    pending = _lead_list(text, n, seg)

    search = _SCAN.search
    match = _CANDIDATE.match
    pos = seg
    while True:
        hit = search(text, pos)
        if hit is None:
            break
        hpos = hit.start()
        m = match(text, hpos)
        if m is None:
            # Skip the whole run of terminal punctuation: no later start inside
            # it can match either (and retrying each would be quadratic).
            run = _TERMINAL_RUN.match(text, hpos)
            pos = run.end() if run is not None else hpos + 1
            continue
        pos = m.end()
        mstart = hpos
        if pending:
            while pending and pending[0][0] < mstart:
                cut, nxt = pending.pop(0)
                if cut > seg:
                    spans.append((seg, cut))
                    seg = nxt
        if mstart < seg:
            continue
        kind = m.lastindex
        if kind == 6:  # terminal punctuation + whitespace
            cut = m.end(5)
            nxt = m.end()
            if nxt >= n:
                break
            ws_len = nxt - cut
            newline = False
            if ws_len > 1 or text[cut] != " ":
                breaks = _count_breaks(text, cut, nxt)
                if breaks >= 2:
                    spans.append((seg, cut))
                    seg = nxt
                    if not pending:
                        pending = _lead_list(text, n, seg)
                    continue
                if breaks:
                    newline = True
                    if _LINE_BULLET.match(text, nxt):
                        spans.append((seg, cut))
                        seg = nxt
                        continue
            punct = m.group(4)
            if punct == ".":
                ps = m.start(4)
                if not pending and ps - 2 > seg and text[ps - 1] in "1a" and text[ps - 2].isspace():
                    colon_list = _colon_list(text, n, seg, ps - 1)
                    if colon_list is not None:
                        r0, pending = colon_list
                        spans.append((seg, r0))
                        seg = ps - 1
                ends = _period_ends(text, n, seg, ps, nxt, newline)
            else:
                j = _next_start(text, nxt, n)
                nc = text[j] if j < n else "A"
                if nc.islower() or nc in _NO_SENTENCE_START:
                    ends = False
                elif "?" in punct or "!" in punct or "‽" in punct or "⁉" in punct:
                    ends = True
                else:  # ellipsis; not an omission mark in brackets
                    ps = m.start(4)
                    ends = not (
                        ps > 0 and text[ps - 1] in "[(" and text.startswith(("]", ")"), m.start(5))
                    )
            if ends:
                spans.append((seg, cut))
                seg = nxt
                if not pending:
                    pending = _lead_list(text, n, seg)
        elif kind == 7:  # line break without terminal punctuation before it
            nxt = m.end()
            if nxt >= n:
                break
            run_start = mstart
            while run_start > seg and text[run_start - 1].isspace():
                run_start -= 1
            if run_start <= seg:
                continue
            if _count_breaks(text, mstart, nxt) >= 2 or _line_break_ends(text, n, run_start, nxt):
                spans.append((seg, run_start))
                seg = nxt
                if not pending:
                    pending = _lead_list(text, n, seg)
        elif kind == 8:  # bullet after whitespace inside a line
            run_start = mstart
            while run_start > seg and text[run_start - 1].isspace():
                run_start -= 1
            if run_start > seg:
                spans.append((seg, run_start))
                seg = mstart
                if not pending:
                    pending = _lead_list(text, n, seg)
        elif kind == 3:  # spaced ellipsis ". . ." / ". . . ."
            nxt = m.end()
            if nxt >= n or nxt == m.end(2):
                continue
            breaks = _count_breaks(text, m.end(2), nxt)
            if breaks >= 2 or (breaks and _LINE_BULLET.match(text, nxt)):
                spans.append((seg, m.end(2)))
                seg = nxt
                continue
            j = _next_start(text, nxt, n)
            if j >= n or text[j].islower() or text[j] in _NO_SENTENCE_START:
                continue
            dots = m.group(1)
            if len(dots) < 7 and not breaks:  # three dots: omission inside the sentence
                continue
            ps = m.start(1)
            if len(dots) >= 7 and ps > 0 and not text[ps - 1].isspace():
                # "compounds. . . . The": the word's own full stop ends it.
                spans.append((seg, ps + 1))
                seg = ps + 2
            else:
                spans.append((seg, m.end(2)))
                seg = nxt
        else:  # kind == 9: CJK full stop
            nxt = m.end()
            if nxt >= n:
                break
            spans.append((seg, m.end(9)))
            seg = nxt

    for cut, nxt in pending:
        if cut > seg:
            spans.append((seg, cut))
            seg = nxt
    end = n
    while end > seg and text[end - 1].isspace():
        end -= 1
    if end > seg:
        spans.append((seg, end))
    return spans


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
# pandas' DataFrame constructor infers and checks every column and builds the
# column labels anew on each call; for one short article that costs many times
# the scan.  The tables below are assembled from their blocks instead
# (pandas.api.internals.create_dataframe_from_blocks, the public low-level
# constructor): one 2-D int64 block for the offsets, one string array per text
# column, column labels built once and shared as views.  The result is the
# same table as ``pd.DataFrame({...: pd.Series(..., dtype="int64"), ...:
# pd.Series(..., dtype=str)})``, dtypes, index and block layout included
# (tests/test_segment.py compares them).


@lru_cache(maxsize=8)
def _labels(names: tuple[str, ...]) -> pd.Index:
    """The column labels ``names`` as an Index, built once per tuple (callers take a view)."""
    return pd.Index(list(names))


@lru_cache(maxsize=1)
def _string_array() -> tuple[object, type | None]:
    """pandas' ``str`` dtype (what ``pd.Series(values, dtype=str)`` gives) and its array class.

    Read once per process, at first use (pandas' options are read then).
    The class is ``None`` when pandas has no string dtype (values stay objects).
    """
    dtype = pd.api.types.pandas_dtype(str)
    return dtype, (None if isinstance(dtype, np.dtype) else dtype.construct_array_type())


def _string_block(values: list[str]) -> object:
    """``values`` (all ``str``) as a block array of pandas' ``str`` dtype."""
    dtype, cls = _string_array()
    objs = np.empty(len(values), dtype=object)
    objs[:] = values
    if cls is None:  # pandas without a string dtype: plain objects, as pd.Series(dtype=str)
        return objs.reshape(1, -1)
    return cls._from_sequence(objs, dtype=dtype)


def _table(names: tuple[str, ...], ints: np.ndarray, int_at: tuple[int, ...], strings: dict[int, list[str]]) -> pd.DataFrame:
    """A DataFrame with columns ``names``: int64 rows of ``ints`` (k x n) at positions ``int_at``, string columns at the keys of ``strings``."""
    n = ints.shape[1]
    if _create_from_blocks is None:  # older pandas: the ordinary constructor, same table
        data: dict[str, object] = {names[at]: pd.Series(row, dtype="int64") for at, row in zip(int_at, ints)}
        data.update({names[at]: pd.Series(values, dtype=str) for at, values in strings.items()})
        return pd.DataFrame(data, columns=list(names))
    blocks: list[tuple[object, np.ndarray]] = [(ints, np.array(int_at, dtype=np.intp))]
    for at, values in strings.items():
        blocks.append((_string_block(values), np.array((at,), dtype=np.intp)))
    return _create_from_blocks(blocks, index=pd.RangeIndex.from_range(range(n)), columns=_labels(names).view())


def _offsets(spans: list[tuple[int, int]], extra: int = 0) -> np.ndarray:
    """``spans`` as a 2 x n int64 array (row 0 starts, row 1 ends), below ``extra`` empty leading rows."""
    n = len(spans)
    flat = np.fromiter(chain.from_iterable(spans), dtype=np.int64, count=2 * n)
    pair = flat.reshape(n, 2).T
    if not extra:
        return pair
    out = np.empty((extra + 2, n), dtype=np.int64)
    out[extra:] = pair
    return out


def split_sentences(text: str) -> pd.DataFrame:
    """Sentences of ``text`` as a DataFrame with columns ``start``, ``end``, ``text``.

    ``start`` and ``end`` are ``int64`` offsets into ``text`` and
    ``text == original[start:end]`` (pandas' ``str`` dtype); see
    :func:`sentence_spans` for the method.  The table is assembled from
    arrays (see "Tables" in the source), so a call costs little more than the
    scan itself: ``benchmarks/segment.py`` measures both.
    """
    spans = sentence_spans(text)
    return _table(_COLUMNS, _offsets(spans), (0, 1), {2: [text[s:e] for s, e in spans]})


def split_sentences_batch(texts: Mapping[str, str] | Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Sentences of many texts in one DataFrame: one table built once, not one per text.

    ``texts``: ``doc_id -> text`` (a mapping, or ``(doc_id, text)`` pairs, in
    the order given).  Returns columns :data:`BATCH_COLUMNS`: ``sent_id``
    numbers each text's sentences from 0; ``start``/``end`` are ``int64``
    offsets into that text, ``text == texts[doc_id][start:end]``; rows in the
    order of the texts, then of the sentences.  The same spans as
    :func:`split_sentences` text by text (:func:`sentence_spans`), and one
    table for all of them.
    """
    items = texts.items() if isinstance(texts, Mapping) else texts
    ids: list[str] = []
    sent: list[int] = []
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    for doc_id, text in items:
        found = sentence_spans(text)
        k = len(found)
        ids.extend([doc_id] * k)
        sent.extend(range(k))
        spans.extend(found)
        pieces.extend([text[a:b] for a, b in found])
    ints = _offsets(spans, extra=1)
    ints[0] = np.fromiter(sent, dtype=np.int64, count=len(sent))
    return _table(BATCH_COLUMNS, ints, (1, 2, 3), {0: ids, 4: pieces})
