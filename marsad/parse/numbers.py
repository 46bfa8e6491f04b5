"""Quantities in normalised Arabic text: digits, number words, vague and approximate counts.

The value reported is the *conservative* count ACLED would code:

- exact numbers (digits, number words 1..999 999 and beyond with مليون) as written;
- vague plurals: عشرات → 12, مئات → 100, آلاف → 1000 ("عشرات الآلاف" → 12 000);
- "several"-type words (عدة، بضعة، عدد من، العديد من) → 10, "بضع عشرات" → 12;
- approximations (نحو، حوالي، قرابة، أكثر من، ما لا يقل عن …) keep the number;
- ranges ("بين 10 و15", "10-15", "من 10 إلى 15", "ثلاثة أو أربعة") keep the lower end.

Anything vague, approximate or a range has ``exact=False``.

Input is text normalised by :func:`marsad.text.normalize.normalize` (alef forms folded,
ة→ه, ى→ي, digits ASCII …); the vocabulary lives in ``data/lexicons/numbers.yaml`` and is
normalised the same way when first used.  Only whole words match: "عشر" never matches
inside "عشرات" or "معشر".  A conjunction و (and, on a first word, ب/ل) may be glued to a
number word ("وعشرين", "بثلاث غارات").

Numbers that are labels rather than counts are skipped: a number right after a label
word listed in the lexicon ("الساعة 10", "عام 2019", "إف 16"), a day number before a
month name ("2 آذار"), a year after a month name, and parts of numeric dates and times
("2/3/2019", "2019-03-02", "10:30").

Speed: a text is tokenised once into parallel lists (:class:`Tokens`, shared with
:mod:`marsad.parse.dates` through a one-entry cache), and the matcher runs only at the
tokens that can open a quantity (:class:`Openers`: digits, and the possibly prefixed first
words of the lexicon's entries where the next token allows a match) instead of at every
token.  ``_find_quantities_reference`` tries every token and is kept for tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any, NamedTuple

from marsad.kb.loading import data_path, load_yaml
from marsad.text.normalize import normalize_key

__all__ = [
    "Openers",
    "Phrases",
    "Quantity",
    "Token",
    "Tokens",
    "find_quantities",
    "parse_quantity",
    "phrase_at",
    "tokenize",
]


@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """A count found in text.  ``start``/``end`` are offsets into the text given."""

    start: int
    end: int
    value: int  # the conservative count per ACLED conventions
    exact: bool  # False for vague or approximate counts and for ranges

    def __init__(self, start: int, end: int, value: int, exact: bool) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.value = value
        self.exact = exact


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Token:
    """A word (``kind`` "w": Arabic letters), number ("d": digits) or Latin word ("l")."""

    start: int
    end: int
    text: str
    kind: str


# The three kinds start with disjoint characters (Arabic letter, digit, Latin letter), so
# the order of the alternatives does not change what matches; words come first as the
# most frequent.
_WORD_PAT = r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+"
_DIGITS_PAT = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.])"
    r"|[0-9]+(?:\.[0-9]+)?"
)
_LATIN_PAT = r"[a-z]+"
_TOKEN_RE = re.compile(f"(?P<w>{_WORD_PAT})|(?P<d>{_DIGITS_PAT})|(?P<l>{_LATIN_PAT})")
# The same as one capturing group, for re.split: gap, token, gap, token … gap.
_SPLIT_RE = re.compile(f"({_WORD_PAT}|{_DIGITS_PAT}|{_LATIN_PAT})")

# A token's kind follows from its first character: digits sort below ":", Latin letters
# between ":" and U+0621, Arabic letters (all of U+0621 and above) from U+0621 on.
_DIGIT_MAX = ":"  # token < ":"  ⇔  a digit token
_WORD_MIN = "\u0621"  # token >= "\u0621"  ⇔  an Arabic word


def tokenize(text: str) -> list[Token]:
    """Split normalised text into Arabic words, digit groups and Latin words.

    Everything else (spaces, punctuation) lies in the gaps between tokens.  Digits are
    split from letters, so "و15" is the two tokens "و" and "15".
    """
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "w"
        out.append(Token(m.start(), m.end(), m.group(), kind))
    return out


def _spaced(text: str, toks: list[Token], i: int) -> bool:
    """True when token ``i`` is followed by token ``i + 1`` with only whitespace between."""
    if i + 1 >= len(toks):
        return False
    gap = text[toks[i].end : toks[i + 1].start]
    return gap == "" or gap.isspace()


_DASH_RE = re.compile(r"\s*[-\u2013\u2014]\s*")

# numeric dates and clock times: their digits are never counts
_DATE_TIME_RE = re.compile(
    r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
    r"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}"
    r"|[0-9]{1,2}:[0-9]{2}"
    r"|[0-9]+/[0-9]+"
)
_DIGIT_RUN_RE = re.compile(r"[0-9][-/.:0-9]*[-/.:][-/.:0-9]*")
_YEAR_RE = re.compile(r"(19|20)[0-9]{2}")
_THOUSANDS_POINT_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_MONTH_YEAR_GAP_RE = re.compile(r"[\s/()]*")


class Tokens:
    """The tokens of one text as parallel lists ``start``, ``end`` and ``words`` (the text).

    The same tokens as :func:`tokenize`, without an object per token.  A token's kind is
    read from its text: :meth:`is_digits`, :meth:`word`.
    """

    __slots__ = ("_date_spans", "end", "n", "start", "text", "words")

    def __init__(self, text: str) -> None:
        pieces = _SPLIT_RE.split(text)  # gap, token, gap, token … gap
        offsets = list(accumulate(map(len, pieces)))
        self.text = text
        self.start: list[int] = offsets[0:-1:2]
        self.end: list[int] = offsets[1::2]
        self.words: list[str] = pieces[1::2]
        self.n = len(self.words)
        self._date_spans: list[tuple[int, int]] | None = None

    def word(self, i: int, strip: int = 0) -> str:
        """Token ``i`` without its first ``strip`` characters if it is an Arabic word, else ''."""
        if i >= self.n:
            return ""
        w = self.words[i]
        if w < _WORD_MIN:
            return ""
        return w[strip:] if strip else w

    def is_digits(self, i: int) -> bool:
        return self.words[i] < _DIGIT_MAX

    def spaced(self, i: int) -> bool:
        """True when token ``i`` is followed by token ``i + 1`` with only whitespace between."""
        if i + 1 >= self.n:
            return False
        e = self.end[i]
        s = self.start[i + 1]
        return e == s or self.text[e:s].isspace()

    def gap(self, i: int) -> str:
        """The text between token ``i`` and token ``i + 1``."""
        return self.text[self.end[i] : self.start[i + 1]]

    def date_spans(self) -> list[tuple[int, int]]:
        """Character spans of numeric dates and clock times ("2/3/2019", "10:30")."""
        spans = self._date_spans
        if spans is None:
            # A date or time is digits and separators only, so it lies inside one run of
            # such characters that starts with a digit and has a separator; scanning the
            # runs alone finds what scanning the whole text would, much faster.
            spans = [
                m.span()
                for run in _DIGIT_RUN_RE.finditer(self.text)
                for m in _DATE_TIME_RE.finditer(self.text, run.start(), run.end())
            ]
            self._date_spans = spans
        return spans


_LAST: tuple[str, Tokens] | None = None


def _tokens(text: str) -> Tokens:
    """:class:`Tokens` of ``text``; the last text's are kept (dates and quantities share them)."""
    global _LAST
    last = _LAST
    if last is not None and (last[0] is text or last[0] == text):
        return last[1]
    tk = Tokens(text)
    _LAST = (text, tk)
    return tk


def _definite(word: str, vocab: dict[str, int]) -> str | None:
    """``word`` or, when it carries the article ال, its bare form if in ``vocab``."""
    if word in vocab:
        return word
    if word.startswith("ال") and word[2:] in vocab:
        return word[2:]
    return None


# --------------------------------------------------------------------------- lexicon

Phrase = tuple[str, ...]


def _key(word: object) -> str:
    return normalize_key(str(word))


def _phrase(word: object) -> Phrase:
    return tuple(_key(word).split())


def _str_list(raw: object) -> list[str]:
    if not isinstance(raw, list):
        return []
    return [_key(w) for w in raw if str(w).strip()]


def _int_map(raw: object) -> dict[str, int]:
    """``{value: [forms]}`` → ``{normalised form: value}``."""
    out: dict[str, int] = {}
    if isinstance(raw, dict):
        for value, forms in raw.items():
            for form in _str_list(forms):
                out.setdefault(form, int(value))
    return out


class Phrases:
    """Multi-word entries indexed by their first word, each with an integer payload."""

    def __init__(self, items: dict[Phrase, int] | None = None) -> None:
        self.by_first: dict[str, list[tuple[Phrase, int]]] = {}
        for p, v in (items or {}).items():
            self.add(p, v)

    def add(self, phrase: Phrase, value: int) -> None:
        if phrase:
            self.by_first.setdefault(phrase[0], []).append((phrase, value))

    def all(self) -> list[tuple[Phrase, int]]:
        return [pv for lst in self.by_first.values() for pv in lst]


def _phrase_set(raw: object, value: int = 0) -> dict[Phrase, int]:
    out: dict[Phrase, int] = {}
    if isinstance(raw, list):
        for w in raw:
            p = _phrase(w)
            if p:
                out[p] = value
    return out


def phrase_at(
    text: str, toks: list[Token], phrases: Phrases, i: int, strip: int = 0
) -> tuple[int, int]:
    """Longest entry of ``phrases`` whose words are tokens ``i``, ``i + 1`` … separated by
    whitespace only (the first token read without its first ``strip`` characters).

    Returns (end token index, payload), or (-1, 0) when none matches.
    """
    best = (-1, 0)
    if i >= len(toks) or toks[i].kind != "w":
        return best
    cands = phrases.by_first.get(toks[i].text[strip:])
    if not cands:
        return best
    for p, v in cands:
        end = i + len(p)
        if end > len(toks) or end <= best[0]:
            continue
        ok = True
        for k in range(1, len(p)):
            t = toks[i + k]
            if t.kind != "w" or t.text != p[k] or not _spaced(text, toks, i + k - 1):
                ok = False
                break
        if ok:
            best = (end, v)
    return best


def _phrase_at(tk: Tokens, phrases: Phrases, i: int, strip: int = 0) -> tuple[int, int]:
    """:func:`phrase_at` on :class:`Tokens`."""
    w = tk.word(i, strip) if i >= 0 else ""
    if not w:
        return (-1, 0)
    cands = phrases.by_first.get(w)
    if not cands:
        return (-1, 0)
    best = (-1, 0)
    n = tk.n
    for p, v in cands:
        end = i + len(p)
        if end > n or end <= best[0]:
            continue
        ok = True
        for k in range(1, len(p)):
            # p[k] is never empty, so word() == p[k] also checks the token is a word
            if tk.word(i + k) != p[k] or not tk.spaced(i + k - 1):
                ok = False
                break
        if ok:
            best = (end, v)
    return best


# --------------------------------------------------------------------------- openers

# What may follow a word for a match to start at it: any token (None), or a token among
# the given words / a digit token (the flag).
_Follow = tuple[frozenset[str], bool] | None


class Openers:
    """The words at which a matcher can start a match, as a filter over a text's tokens.

    Some words open a match on their own ("عشرات", "السبت"); others only before certain
    words or a digit token ("من" only before a number, "ما" only before the second word
    of "ما يقارب" …).  Digit tokens always qualify.  The rules are a necessary condition
    worked out from the matcher: a token they reject cannot start a match.
    """

    def __init__(self) -> None:
        self._alone: set[str] = set()
        self._next: dict[str, set[str]] = {}
        self._digits: set[str] = set()
        self.rules: dict[str, _Follow] = {}

    def alone(self, words: Iterable[str]) -> None:
        """``words`` may open a match whatever follows."""
        self._alone.update(words)

    def before(self, word: str, nexts: Iterable[str], digits: bool = False) -> None:
        """``word`` may open a match before one of ``nexts`` (or, with ``digits``, digits)."""
        self._next.setdefault(word, set()).update(nexts)
        if digits:
            self._digits.add(word)

    def phrases(self, phrases: Phrases, nexts: Iterable[str] = (), digits: bool = False) -> None:
        """Entries of ``phrases`` open a match; a one-word entry only before ``nexts`` /
        digits when these are given, else on its own."""
        nexts = frozenset(nexts)
        for first, entries in phrases.by_first.items():
            for p, _ in entries:
                if len(p) > 1:
                    self.before(first, (p[1],))
                elif nexts or digits:
                    self.before(first, nexts, digits)
                else:
                    self.alone((first,))

    def words(self) -> set[str]:
        """Every word that may open a match (before some follower or alone)."""
        return self._alone | set(self._next) | self._digits

    def build(self, prefixes: Iterable[str] = ()) -> None:
        """Fill :attr:`rules`, also for each word with one of ``prefixes`` glued to it."""
        rules: dict[str, _Follow] = {}
        nexts: dict[str, set[str]] = {}
        digits: set[str] = set()
        forms = [("", w) for w in self.words()] + [(p, w) for p in prefixes for w in self.words()]
        for p, w in forms:
            if w in self._alone:
                rules[p + w] = None
            else:
                nexts.setdefault(p + w, set()).update(self._next.get(w, ()))
                if w in self._digits:
                    digits.add(p + w)
        for t, ws in nexts.items():
            if t not in rules:
                rules[t] = (frozenset(ws), t in digits)
        self.rules = rules

    def select(self, tk: Tokens) -> list[int]:
        """Indices of the tokens of ``tk`` that may open a match, ascending."""
        rules = self.rules
        words = tk.words
        last = tk.n - 1
        out: list[int] = []
        for i, w in enumerate(words):
            if w < _DIGIT_MAX:
                out.append(i)
            elif w in rules:
                r = rules[w]
                if r is None:
                    out.append(i)
                elif i < last:
                    nxt = words[i + 1]
                    if nxt in r[0] or (r[1] and nxt < _DIGIT_MAX):
                        out.append(i)
        return out


@functools.cache
def _load_yaml(name: str) -> Any:
    """A lexicon file, parsed once per process (numbers and dates both read dates.yaml)."""
    return load_yaml(data_path("lexicons", name))


_FIRST_PREFIXES = ("وب", "ول", "و", "ب", "ل")


class _Lexicon:
    """Normalised vocabulary from numbers.yaml (plus month names from dates.yaml)."""

    def __init__(self) -> None:
        raw: dict[str, Any] = _load_yaml("numbers.yaml")
        self.units = _int_map(raw["units"])
        self.teen_units = {**self.units, **_int_map(raw["teen_units"])}
        self.ten = frozenset(_str_list(raw["ten"]))
        self.tens = _int_map(raw["tens"])
        self.hundred = frozenset(_str_list(raw["hundred"]))
        self.hundreds: dict[str, int] = {w: 100 for w in self.hundred}
        self.hundreds.update(_int_map(raw["hundreds"]))
        for stem, unit in _int_map(raw["hundred_stems"]).items():
            for h in self.hundred:
                self.hundreds.setdefault(stem + h, unit * 100)
        self.scale_single: dict[str, int] = {}
        self.scale_dual: dict[str, int] = {}
        self.scale_plural: dict[str, int] = {}
        for scale, forms in raw["scales"].items():
            for w in _str_list(forms.get("single")):
                self.scale_single[w] = int(scale)
            for w in _str_list(forms.get("dual")):
                self.scale_dual[w] = int(scale)
            for w in _str_list(forms.get("plural")):
                self.scale_plural[w] = int(scale)
        self.vague_plurals = _int_map(raw["vague_plurals"])
        self.several = Phrases(
            {
                **_phrase_set(raw["several"]["phrases"], int(raw["several"]["value"])),
                **_phrase_set(raw["teen_odd"]["phrases"], int(raw["teen_odd"]["value"])),
            }
        )
        self.several_modifiers = frozenset(_str_list(raw["several_modifiers"]))
        self.approx_before = Phrases(_phrase_set(raw["approximation_before"]))
        self.approx_after = Phrases(_phrase_set(raw["approximation_after"]))
        self.range_between = Phrases(_phrase_set(raw["range_between"]))
        self.range_from = Phrases(_phrase_set(raw["range_from"]))
        self.range_to = frozenset(_str_list(raw["range_to"]))
        self.range_or = frozenset(_str_list(raw["range_or"]))
        self.label_before = frozenset(_str_list(raw["label_before"]))
        dates_raw: dict[str, Any] = _load_yaml("dates.yaml")
        self.months = Phrases()
        for forms in dates_raw["months"].values():
            for p in _phrase_set(forms):
                self.months.add(p, 0)
        self.month_last_words = frozenset(p[-1] for p, _ in self.months.all())
        # words that may carry a glued prefix and still be read as numbers
        self.number_words = frozenset(
            set(self.units)
            | self.ten
            | set(self.tens)
            | set(self.hundreds)
            | set(self.scale_single)
            | set(self.scale_dual)
            | set(self.scale_plural)
            | set(self.vague_plurals)
            | {"ال" + w for w in self.vague_plurals}
        )
        self.prefixable = frozenset(
            set(self.several.by_first)
            | set(self.approx_before.by_first)
            | set(self.range_between.by_first)
        )
        # glued prefixes never stripped from these (ست "lady", عده "his counting" …)
        self.no_prefix = frozenset(_key(w) for w in ("ست", "عدة", "عده", "أحد", "إحدى"))
        self.openers = self._openers()

    def _openers(self) -> Openers:
        """Where _Parser.match_at can find a quantity: the first words read by
        with_approx, core, vague, number, segments, below1000 and below100."""
        o = Openers()
        numbers = (  # words that are a number on their own
            set(self.scale_single)
            | set(self.scale_dual)
            | set(self.hundreds)
            | set(self.units)
            | self.ten
            | set(self.tens)
        )
        starts = numbers | set(self.teen_units)  # the first word of a number: segments(k, 0)
        vague = set(self.vague_plurals) | {"ال" + w for w in self.vague_plurals}
        o.alone(numbers | vague)
        for w in set(self.teen_units) - numbers:
            o.before(w, self.ten)  # "أحد عشر"
        o.phrases(self.several)
        o.phrases(self.range_between, starts, digits=True)  # "بين 10 و15"
        o.phrases(self.range_from, starts, digits=True)  # "من 10 إلى 15"
        core = (  # core(k, 0)
            starts
            | vague
            | set(self.several.by_first)
            | set(self.range_between.by_first)
            | set(self.range_from.by_first)
        )
        o.phrases(self.approx_before, core | {"ال"}, digits=True)  # "نحو 20", "قرابة الـ20"
        o.build(_FIRST_PREFIXES)  # match_at strips a glued prefix
        return o


@functools.cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


# --------------------------------------------------------------------------- parser


class _Num(NamedTuple):
    end: int  # token index, exclusive
    value: Decimal
    scale: int  # multiplier of the last group (1 when none)


class _Match(NamedTuple):
    end: int  # token index, exclusive
    end_char: int
    value: int
    exact: bool


class _Parser:
    def __init__(self, tk: Tokens) -> None:
        self.tk = tk
        self.text = tk.text
        self.words = tk.words
        self.n = tk.n
        self.lex = _lexicon()
        self.word = tk.word
        self.spaced = tk.spaced

    # ---- helpers

    def phrase_at(self, phrases: Phrases, i: int, strip: int = 0) -> tuple[int, int]:
        return _phrase_at(self.tk, phrases, i, strip)

    def conj(self, i: int) -> tuple[int, int] | None:
        """The word after a conjunction و that starts at token ``i`` (index, strip)."""
        if i <= 0 or i >= self.n or not self.spaced(i - 1):
            return None
        t = self.words[i]
        if t < _WORD_MIN or not t.startswith("و"):
            return None
        if t == "و":
            return (i + 1, 0) if self.spaced(i) else None
        return (i, 1)

    # ---- exact numbers

    def below100(self, i: int, s: int) -> list[tuple[int, int]]:
        lex = self.lex
        w = self.word(i, s)
        res: list[tuple[int, int]] = []
        if not w:
            return res
        tu = lex.teen_units.get(w)
        if tu is not None and self.spaced(i) and self.word(i + 1) in lex.ten:
            res.append((i + 2, 10 + tu))
        u = lex.units.get(w)
        if u is not None:
            c = self.conj(i + 1)
            if c is not None and self.word(*c) in lex.tens:
                res.append((c[0] + 1, u + lex.tens[self.word(*c)]))
            res.append((i + 1, u))
        if w in lex.ten:
            res.append((i + 1, 10))
        if w in lex.tens:
            res.append((i + 1, lex.tens[w]))
        return res

    def below1000(self, i: int, s: int) -> list[tuple[int, int]]:
        lex = self.lex
        w = self.word(i, s)
        res: list[tuple[int, int]] = []
        hv = 0
        j = i + 1
        if w in lex.hundreds:
            hv = lex.hundreds[w]
        elif 3 <= lex.units.get(w, 0) <= 9 and self.spaced(i) and self.word(i + 1) in lex.hundred:
            hv, j = lex.units[w] * 100, i + 2
        if hv:
            c = self.conj(j)
            if c is not None:
                res.extend((k, hv + b) for k, b in self.below100(*c))
            res.append((j, hv))
        res.extend(self.below100(i, s))
        return res

    def digits(self, i: int) -> tuple[Decimal, Decimal]:
        """Value of a digit token as (plain reading, reading before a scale word)."""
        raw = self.words[i]
        if "," in raw:
            v = Decimal(raw.replace(",", ""))
            return v, v
        if raw.count(".") >= 1 and _THOUSANDS_POINT_RE.fullmatch(raw):
            # "1.200" is 1200 (thousands point) unless a scale follows ("1.500 مليون")
            dec = Decimal(raw) if raw.count(".") == 1 else Decimal(raw.replace(".", ""))
            return Decimal(raw.replace(".", "")), dec
        v = Decimal(raw)
        return v, v

    def segments(self, i: int, s: int) -> list[_Num]:
        lex = self.lex
        res: list[_Num] = []
        if i >= self.n:
            return res
        bases: list[tuple[int, Decimal, Decimal]] = []
        if self.words[i] < _DIGIT_MAX:
            if s:
                return res
            plain, scaled = self.digits(i)
            bases.append((i + 1, plain, scaled))
        else:
            w = self.word(i, s)
            if w in lex.scale_single:
                res.append(_Num(i + 1, Decimal(lex.scale_single[w]), lex.scale_single[w]))
            if w in lex.scale_dual:
                res.append(_Num(i + 1, Decimal(2 * lex.scale_dual[w]), lex.scale_dual[w]))
            bases.extend((j, Decimal(v), Decimal(v)) for j, v in self.below1000(i, s))
        for j, plain, scaled in bases:
            if j < self.n and self.spaced(j - 1):
                sw = self.word(j)
                sc = lex.scale_single.get(sw) or lex.scale_plural.get(sw)
                if sc:
                    res.append(_Num(j + 1, scaled * sc, sc))
            res.append(_Num(j, plain, 1))
        return res

    def number(self, i: int, s: int) -> list[_Num]:
        """All readings of a number starting at token ``i``, longest first."""
        out: list[_Num] = []

        def rec(i: int, s: int, total: Decimal, prev_scale: int) -> None:
            for seg in self.segments(i, s):
                if seg.scale >= prev_scale:
                    continue
                value = total + seg.value
                out.append(_Num(seg.end, value, seg.scale))
                if seg.scale > 1:
                    c = self.conj(seg.end)
                    if c is not None:
                        rec(c[0], c[1], value, seg.scale)

        rec(i, s, Decimal(0), 10**12)
        out.sort(key=lambda r: -r.end)
        return out

    # ---- vague counts

    def vague(self, i: int, s: int) -> tuple[int, int] | None:
        lex = self.lex
        w = self.word(i, s)
        if not w:
            return None
        bare = _definite(w, lex.vague_plurals)
        if bare is not None:
            value = lex.vague_plurals[bare]
            j = i + 1
            if self.spaced(i):
                nxt = _definite(self.word(j), lex.scale_plural)
                if nxt is not None:
                    value *= lex.scale_plural[nxt]
                    j += 1
            return j, value
        end, value = self.phrase_at(lex.several, i, s)
        if end < 0:
            return None
        if end == i + 1 and w in lex.several_modifiers and self.spaced(i):
            after = self.vague(i + 1, 0)
            if after is not None and self.word(i + 1) not in lex.several_modifiers:
                return after
        return end, value

    # ---- labels (years, times, model numbers) are not counts

    def is_label(self, i: int) -> bool:
        lex = self.lex
        tk = self.tk
        words = self.words
        text = self.text
        t = words[i]
        if i > 0:
            prev = words[i - 1]
            gap = text[tk.end[i - 1] : tk.start[i]]
            if (gap == "" or gap.isspace() or _DASH_RE.fullmatch(gap)) and (
                _DIGIT_MAX <= prev < _WORD_MIN  # a Latin word
                or (prev >= _WORD_MIN and prev in lex.label_before)
            ):
                return True
        if t >= _DIGIT_MAX:
            return False
        t_start = tk.start[i]
        t_end = tk.end[i]
        if any(s < t_end and t_start < e for s, e in tk.date_spans()):
            return True  # "2/3/2019", "2019-03-02", "10:30"
        if self.spaced(i) and self.phrase_at(lex.months, i + 1)[0] > 0:
            return True  # "2 آذار"
        if i + 1 < self.n and t_end == tk.start[i + 1]:
            if words[i + 1] in ("م", "ه", "هـ"):
                return True  # "2019م"
        if text[t_end : t_end + 1] == "%":
            return True
        if i > 0 and _YEAR_RE.fullmatch(t):
            prev = words[i - 1]
            gap = text[tk.end[i - 1] : t_start]
            if prev in lex.month_last_words and _MONTH_YEAR_GAP_RE.fullmatch(gap):
                return True  # "آذار 2019"
            # the second year of "عامي 2011 و2019", "2011-2019"
            j = i - 2 if prev in lex.range_to or prev == "و" else i - 1
            if prev < _DIGIT_MAX:
                j = i - 1 if _DASH_RE.fullmatch(gap) else -1
            if 0 <= j < i and _YEAR_RE.fullmatch(words[j]):
                return self.is_label(j)
        return False

    # ---- whole matches

    def lower_end(self, a: _Num, b: _Num) -> int:
        low = a.value
        if a.scale == 1 and b.scale > 1 and a.value * b.scale <= b.value:
            low = a.value * b.scale  # "بين 20 و30 ألفا" → 20 000
        return int(min(low, b.value))

    def core(self, i: int, s: int) -> _Match | None:
        """A count at token ``i`` without a leading approximation word."""
        lex = self.lex
        # ranges opened by بين / ما بين
        k, _ = self.phrase_at(lex.range_between, i, s)
        if k > 0 and self.spaced(k - 1):
            for a in self.number(k, 0):
                c = self.conj(a.end)
                if c is None:
                    continue
                upper = self.number(c[0], c[1])
                if upper:
                    return self.finish(upper[0].end, self.lower_end(a, upper[0]), False)
            return None
        # ranges opened by من
        k, _ = self.phrase_at(lex.range_from, i, s)
        if k > 0 and self.spaced(k - 1):
            for a in self.number(k, 0):
                tail = self.range_tail(a)
                if tail is not None:
                    return self.finish(tail.end, self.lower_end(a, tail), False)
            return None
        v = self.vague(i, s)
        if v is not None:
            return self.finish(v[0], v[1], False)
        nums = self.number(i, s)
        if not nums:
            return None
        a = nums[0]
        b = self.range_tail(a)
        if b is not None:
            return self.finish(b.end, self.lower_end(a, b), False)
        return self.finish(a.end, int(a.value), True)

    def range_tail(self, a: _Num) -> _Num | None:
        """The upper end after "X -", "X إلى", "X حتى", "X أو"."""
        j = a.end
        if j >= self.n:
            return None
        words = self.words
        if (
            words[j - 1] < _DIGIT_MAX
            and words[j] < _DIGIT_MAX
            and _DASH_RE.fullmatch(self.tk.gap(j - 1))
        ):
            if self.is_label(j):
                return None
            nums = self.number(j, 0)
            return nums[0] if nums else None
        if self.spaced(j - 1) and self.spaced(j):
            w = self.word(j)
            if w in self.lex.range_to or w in self.lex.range_or:
                nums = self.number(j + 1, 0)
                if nums and not self.is_label(j + 1):
                    return nums[0]
        return None

    def finish(self, end: int, value: int, exact: bool) -> _Match:
        """Extend over a trailing approximation ("20 على الأقل")."""
        end_char = self.tk.end[end - 1]
        if end - 1 < self.n and self.spaced(end - 1):
            k, _ = self.phrase_at(self.lex.approx_after, end)
            if k > 0:
                return _Match(k, self.tk.end[k - 1], value, False)
        return _Match(end, end_char, value, exact)

    def glued_article(self, i: int) -> bool:
        """Token ``i`` is an article glued to digits: "الـ20" (normalised "ال20")."""
        return (
            self.word(i) == "ال"
            and i + 1 < self.n
            and self.words[i + 1] < _DIGIT_MAX
            and self.tk.end[i] == self.tk.start[i + 1]
        )

    def match_at(self, i: int) -> tuple[int, _Match] | None:
        """A quantity whose first token is ``i``: (start char, match) or None."""
        if self.is_label(i):
            return None
        t = self.words[i]
        strips = [0]
        if t >= _WORD_MIN:
            lex = self.lex
            for p in _FIRST_PREFIXES:
                rest = t[len(p) :]
                if (
                    t.startswith(p)
                    and len(rest) >= 3
                    and rest not in lex.no_prefix
                    and (rest in lex.number_words or rest in lex.prefixable)
                ):
                    strips.append(len(p))
        for s in strips:
            m = self.with_approx(i, s)
            if m is not None:
                return self.tk.start[i] + s, m
        return None

    def with_approx(self, i: int, s: int) -> _Match | None:
        k, _ = self.phrase_at(self.lex.approx_before, i, s)
        if k > 0 and self.spaced(k - 1):
            if self.glued_article(k):
                k += 1  # "قرابة الـ20"
            m = self.core(k, 0)
            if m is not None and not self.is_label(k):
                return _Match(m.end, m.end_char, m.value, False)
        return self.core(i, s)


def _scan(p: _Parser, positions: Iterable[int]) -> list[Quantity]:
    """Quantities found trying ``positions`` (ascending) left to right, non-overlapping."""
    out: list[Quantity] = []
    i = 0
    for c in positions:
        if c < i:
            continue
        found = p.match_at(c)
        if found is None:
            continue
        start, m = found
        out.append(Quantity(start, m.end_char, m.value, m.exact))
        i = m.end
    return out


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in normalised ``text``, left to right, non-overlapping."""
    tk = _tokens(text)
    return _scan(_Parser(tk), _lexicon().openers.select(tk))


def _find_quantities_reference(text: str) -> list[Quantity]:
    """:func:`find_quantities` trying every token (the slow reference for tests)."""
    tk = Tokens(text)
    return _scan(_Parser(tk), range(tk.n))


def _quantity_at(tk: Tokens, i: int) -> tuple[int, _Match] | None:
    """The quantity whose first token is token ``i`` of ``tk`` (for marsad.parse.dates)."""
    return _Parser(tk).match_at(i)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity that starts at the beginning of ``text`` (after spaces), or None."""
    tk = Tokens(text)
    if not tk.n:
        return None
    lead = len(text) - len(text.lstrip())
    if tk.start[0] != lead:
        return None
    found = _Parser(tk).match_at(0)
    if found is None:
        return None
    start, m = found
    return Quantity(start, m.end_char, m.value, m.exact)
