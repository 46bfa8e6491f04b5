"""Date mentions in normalised Arabic news text, resolved against the publication date.

Recognised (vocabulary in ``data/lexicons/dates.yaml``):

- weekdays: "السبت", "يوم الأحد", "السبت الماضي", bare "أحد"/"اثنين" only after يوم
  (bare "أحد" is "one / someone");
- relative days: أمس، البارحة، أول أمس، اليوم، الليلة، غدا، "قبل ثلاثة أيام";
- relative weeks / months: "الأسبوع الماضي" (publication − 7, precision 2),
  "الشهر الماضي" (first of the previous month, precision 3);
- parts of the day before any of these or an explicit date: "فجر الأحد",
  "مساء أمس", "ليل السبت", and adverbs after: "السبت مساءً";
- explicit dates: "2 آذار 2019", "2 آذار/مارس 2019", "الثاني من آذار",
  "الثاني عشر من الشهر الجاري", "2/3/2019" (day/month/year), "2019-03-02";
- months: "آذار 2019", "في آذار", "مطلع آذار", "آذار الماضي" (first of the month,
  precision 3).

Resolution rules (ACLED ``time_precision``: 1 day, 2 week / few days, 3 month):

- a weekday is the most recent such day on or before publication ("الماضي": strictly
  before, "المقبل": strictly after);
- a day and month without a year take the publication year, or the year before when
  that would put the date after publication;
- without a publication date every relative expression, and every date lacking a year,
  has ``date=None`` (a date is never invented).

Speed: the text's tokens are shared with :mod:`marsad.parse.numbers` (``Tokens``), and
the matcher runs only at tokens that can open a mention (digits, and lexicon words before
a word that can follow them: see ``_Lexicon._openers``).  ``_find_dates_reference`` tries
every token and is kept for tests.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from marsad.parse import numbers as _numbers
from marsad.parse.numbers import (
    _WORD_MIN,
    Openers,
    Phrases,
    Tokens,
    _key,
    _load_yaml,
    _phrase,
    _phrase_at,
    _quantity_at,
    _tokens,
    parse_quantity,
)

__all__ = ["DateMention", "PARTS_OF_DAY", "find_dates"]

#: Values of :attr:`DateMention.part_of_day`.
PARTS_OF_DAY = ("dawn", "morning", "noon", "afternoon", "evening", "night")


@dataclass(slots=True, unsafe_hash=True)
class DateMention:
    """A date expression.  ``start``/``end`` are offsets into the text given."""

    start: int
    end: int
    date: datetime.date | None  # None when it cannot be resolved
    precision: int  # ACLED time_precision: 1 day, 2 within a week / few days, 3 month or vaguer
    relative: bool  # True for weekday names / أمس / اليوم / الشهر الماضي …
    part_of_day: str | None  # one of PARTS_OF_DAY, or None

    def __init__(
        self,
        start: int,
        end: int,
        date: datetime.date | None,
        precision: int,
        relative: bool,
        part_of_day: str | None,
    ) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.date = date
        self.precision = precision
        self.relative = relative
        self.part_of_day = part_of_day


# --------------------------------------------------------------------------- lexicon


def _words(raw: object) -> set[str]:
    if not isinstance(raw, list):
        return set()
    return {_key(w) for w in raw if str(w).strip()}


def _phrases(raw: object, value: int, into: Phrases | None = None) -> Phrases:
    out = into if into is not None else Phrases()
    if isinstance(raw, list):
        for w in raw:
            p = _phrase(w)
            if p:
                out.add(p, value)
    return out


def _keyed_phrases(raw: object) -> Phrases:
    """``{value: [phrases]}`` → Phrases with that value."""
    out = Phrases()
    if isinstance(raw, dict):
        for value, forms in raw.items():
            _phrases(forms, int(value), out)
    return out


class _Lexicon:
    def __init__(self) -> None:
        raw: dict[str, Any] = _load_yaml("dates.yaml")
        self.weekday_definite: dict[str, int] = {}
        self.weekday_bare: dict[str, int] = {}
        for wd, forms in raw["weekdays"].items():
            for w in _words(forms.get("definite")):
                self.weekday_definite[w] = int(wd)
            for w in _words(forms.get("bare")):
                self.weekday_bare[w] = int(wd)
        self.day_word = _words(raw["day_word"])
        self.weekday_past = _words(raw["weekday_past"])
        self.weekday_next = _words(raw["weekday_next"])
        self.months = _keyed_phrases(raw["months"])
        self.ambiguous_months = _words(raw["ambiguous_months"])
        self.ctx_strong = _words(raw["month_context_strong"])
        self.ctx_weak = _words(raw["month_context_weak"])
        self.month_qualifiers = _words(raw["month_qualifiers"])
        self.month_past = _words(raw["month_past"])
        self.month_current = _words(raw["month_current"])
        self.year_words = _words(raw["year_words"])
        self.year_rel = _phrases(raw["year_past"], -1)
        _phrases(raw["year_current"], 0, self.year_rel)
        self.ordinals = self._ordinals(raw)
        self.day_month_link = _words(raw["day_month_link"])
        self.relative_days = _keyed_phrases(raw["relative_days"])
        self.relative_nights = _keyed_phrases(raw["relative_nights"])
        self.relative_weeks = _keyed_phrases(raw["relative_weeks"])
        self.relative_months = _keyed_phrases(raw["relative_months"])
        self.not_today_after = _words(raw["not_today_after"])
        self.days_ago_before = _words(raw["days_ago_before"])
        self.day_nouns = _words(raw["day_nouns"])
        self.parts_of_day = Phrases()
        for name, forms in raw["parts_of_day"].items():
            _phrases(forms, PARTS_OF_DAY.index(str(name)), self.parts_of_day)
        self.night_before_weekday = _words(raw["night_before_weekday"])
        self.part_of_day_after: dict[str, str] = {}
        for name, forms in raw["part_of_day_after"].items():
            for w in _words(forms):
                self.part_of_day_after[w] = str(name)
        self.weekday_date_link = _words(raw["weekday_date_link"])
        self.openers = self._openers()
        # "قبل ثلاثة أيام": the count after قبل / منذ can be read from the text's own
        # tokens (not from a copy of the rest of the text) when the quantity parser never
        # reads those words as something that turns a number after them into a label
        nums = _numbers._lexicon()
        self.days_ago_in_place = not (
            self.days_ago_before
            & (nums.label_before | nums.range_to | nums.month_last_words | {"و"})
        )

    def _openers(self) -> Openers:
        """Where _Parser.mention_at can find a mention: the first words read by
        mention_at, day_expr, weekday, relative, days_ago and explicit."""
        o = Openers()
        o.alone(self.day_word | set(self.weekday_definite))  # "يوم الأحد", "الأحد"
        for phrases in (
            self.relative_nights,
            self.relative_days,
            self.relative_weeks,
            self.relative_months,
        ):
            o.phrases(phrases)  # "أمس", "الأسبوع الماضي"
        for w in self.days_ago_before:  # "قبل ثلاثة أيام": what can open a quantity
            o.before(w, _numbers._lexicon().openers.rules, digits=True)
        o.before("ال", (), digits=True)  # "الـ2 من آذار"
        o.phrases(self.ordinals, self.day_month_link)  # "الثاني من آذار"
        for w in self.month_qualifiers:  # "مطلع آذار", "أواخر شهر آذار"
            o.before(w, self.month_qualifiers | set(self.months.by_first))
        o.phrases(self.months)
        # a part of the day before any of these: "فجر الأحد", "مساء أمس", "صباح 2 آذار"
        o.phrases(self.parts_of_day, o.words(), digits=True)
        o.build(("و",))  # mention_at strips a glued و
        return o

    @staticmethod
    def _ordinals(raw: dict[str, Any]) -> Phrases:
        """Ordinal day numbers 1..31 as phrases ("الحادي عشر", "الخامس والعشرين")."""
        out = Phrases()
        units: list[tuple[int, str]] = []
        for value, forms in raw["ordinal_units"].items():
            units.extend((int(value), w) for w in _words(forms))
        for u, w in units:
            out.add((w,), u)
            for suffix in _words(raw["ordinal_teen_suffix"]):
                out.add((w, suffix), 10 + u)
        for w in _words(raw["ordinal_ten"]):
            out.add((w,), 10)
        for tens, forms in raw["ordinal_tens"].items():
            for t in _words(forms):
                out.add((t,), int(tens))
                for u, w in units:
                    if int(tens) + u <= 31:
                        out.add((w, "و" + t), int(tens) + u)
                        out.add((w, "و", t), int(tens) + u)
        return out


@functools.cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


# --------------------------------------------------------------------------- parser

_SEP_BEFORE_RE = re.compile(r"[0-9][-/.]$")  # a digit token continuing "2/", "3-" …
_YEAR_RE = re.compile(r"(19|20)[0-9]{2}")
_YMD_RE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])")
_DMY_RE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})(?![0-9])")
_PAIR_GAP_RE = re.compile(r"\s*[/(\-\u2013]\s*")
_YEAR_GAP_RE = re.compile(r"[\s(),،]*")
_LINK_GAP_RE = re.compile(r"[\s,،(\-\u2013]*")


class _Found(NamedTuple):
    end: int  # token index, exclusive
    end_char: int
    date: datetime.date | None
    precision: int
    relative: bool
    part_of_day: str | None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _add_months(d: datetime.date, months: int) -> datetime.date:
    """First day of the month ``months`` away from ``d``'s month."""
    index = d.year * 12 + d.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class _Parser:
    def __init__(
        self, tk: Tokens, published: datetime.date | None, reference: bool = False
    ) -> None:
        self.tk = tk
        self.text = tk.text
        self.words = tk.words
        self.n = tk.n
        self.pub = published
        self.lex = _lexicon()
        self.reference = reference  # days_ago re-reads the rest of the text, as it used to

    # ---- helpers

    def word(self, i: int, strip: int = 0) -> str:
        if i < 0:
            return ""
        return self.tk.word(i, strip)

    def gap(self, i: int) -> str:
        """Text between token ``i`` and token ``i + 1`` ('' past either end)."""
        if i < 0 or i + 1 >= self.n:
            return ""
        return self.tk.gap(i)

    def spaced(self, i: int) -> bool:
        if i < 0:
            return False
        return self.tk.spaced(i)

    def at(self, phrases: Phrases, i: int, strip: int = 0) -> tuple[int, int]:
        return _phrase_at(self.tk, phrases, i, strip)

    def day_number(self, i: int) -> int:
        """Day of month written in digits at token ``i`` (0 when not one)."""
        if i >= self.n:
            return 0
        w = self.words[i]
        if not w.isdigit():  # False for words and Latin: no letter they hold is a digit
            return 0
        v = int(w)
        return v if 1 <= v <= 31 else 0

    # ---- explicit dates

    def numeric(self, i: int) -> _Found | None:
        """Numeric dates: "2/3/2019" (day/month/year), "2019-03-02", "2019/3/2"."""
        if not self.tk.is_digits(i):
            return None
        start = self.tk.start[i]
        if i > 0 and _SEP_BEFORE_RE.search(self.text, max(0, start - 3), start):
            return None
        m = _YMD_RE.match(self.text, start)
        if m is not None:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            m = _DMY_RE.match(self.text, start)
            if m is None:
                return None
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if y < 100:
                y += 2000
        date = _safe_date(y, mo, d)
        if date is None:
            return None
        end = i
        starts = self.tk.start
        while end < self.n and starts[end] < m.end():
            end += 1
        return _Found(end, m.end(), date, 1, False, None)

    def month_at(self, i: int) -> tuple[int, int]:
        """A month name (plus a paired name: "آذار/مارس", "آذار (مارس)") at token ``i``."""
        end, month = self.at(self.lex.months, i)
        if end < 0:
            return end, 0
        if end < self.n and _PAIR_GAP_RE.fullmatch(self.gap(end - 1)):
            end2, month2 = self.at(self.lex.months, end)
            if end2 > 0 and month2 == month:
                return end2, month
        return end, month

    def is_paired(self, i: int, end: int) -> bool:
        return end - i > 1 and any(
            _PAIR_GAP_RE.fullmatch(self.gap(k)) and not self.spaced(k) for k in range(i, end - 1)
        )

    def month_tail(self, k: int) -> tuple[int, int | None, int | None]:
        """After a month ending at token ``k``: (end, year, code).

        ``year`` is the year written ("2019") or implied ("العام الماضي", resolved
        against publication); ``code`` is -1 after "الماضي" (the latest such month
        before publication) and 0 after "الجاري" / a relative year.
        """
        lex = self.lex
        if k >= self.n or not _YEAR_GAP_RE.fullmatch(self.gap(k - 1)):
            return k, None, None
        j = k
        if self.word(j) in self.lex.day_month_link and self.spaced(j):
            j += 1
        end, offset = self.at(lex.year_rel, j)  # "من العام الماضي"
        if end > 0:
            return end, None if self.pub is None else self.pub.year + offset, 0
        if self.word(j) in lex.year_words and self.spaced(j):
            j += 1
        if j < self.n and self.tk.is_digits(j) and _YEAR_RE.fullmatch(self.words[j]):
            return j + 1, int(self.words[j]), None
        if self.word(k) in lex.month_past:
            return k + 1, None, -1
        if self.word(k) in lex.month_current:
            return k + 1, None, 0
        return k, None, None

    def resolve_year(
        self, month: int, day: int | None, year: int | None, code: int | None
    ) -> datetime.date | None:
        """The date for a day (None: month only) and month, the year given or implied.

        ``code`` -1: "الماضي" (latest such month before publication), 0: "الجاري";
        None: the publication year, or the year before if that is after publication.
        """
        if year is not None:
            return _safe_date(year, month, day or 1)
        if self.pub is None:
            return None
        y = self.pub.year
        pub_key = (self.pub.month, self.pub.day if day is not None else 0)
        key = (month, day or 0)
        if code == -1 and (key >= pub_key if day is None else key > pub_key):
            y -= 1  # "آذار الماضي" written in March: last year's March
        elif code is None and key > pub_key:
            y -= 1  # "28 كانون الأول" written on 2 January
        return _safe_date(y, month, day or 1)

    def day_month(self, i: int) -> _Found | None:
        """Day and month: "2 آذار [2019]", "الـ2 من آذار", "الثاني من آذار", "الثاني من الشهر الجاري"."""
        lex = self.lex
        day = self.day_number(i)
        j = i + 1
        if (
            not day
            and self.word(i) == "ال"
            and i + 1 < self.n
            and self.tk.end[i] == self.tk.start[i + 1]
        ):
            day, j = self.day_number(i + 1), i + 2
        ordinal = False
        if not day:
            j, day = self.at(lex.ordinals, i)
            ordinal = True
            if j < 0:
                return None
        if not self.spaced(j - 1):
            return None
        linked = False
        if self.word(j) in lex.day_month_link and self.spaced(j):
            j, linked = j + 1, True
        if ordinal and not linked:
            return None
        # "الثاني عشر من الشهر الجاري"
        end, offset = self.at(lex.relative_months, j)
        if linked and end > 0:
            if self.pub is None:
                return _Found(end, self.tk.end[end - 1], None, 1, True, None)
            first = _add_months(self.pub, offset)
            date = _safe_date(first.year, first.month, day)
            if date is None:
                return None
            return _Found(end, self.tk.end[end - 1], date, 1, True, None)
        if self.word(j) == "شهر" and self.spaced(j):
            j += 1
        end, month = self.month_at(j)
        if end < 0:
            return None
        end, year, code = self.month_tail(end)
        if _safe_date(year or 2000, month, day) is None:
            return None
        date = self.resolve_year(month, day, year, code)
        return _Found(end, self.tk.end[end - 1], date, 1, False, None)

    def month_only(self, i: int) -> _Found | None:
        """Month: "آذار 2019", "في آذار", "مطلع آذار", "شهر آب" (first day, precision 3)."""
        lex = self.lex
        j = i
        qualified = False
        while self.word(j) in lex.month_qualifiers and self.spaced(j):
            j, qualified = j + 1, True
        end, month = self.month_at(j)
        if end < 0:
            return None
        end, year, code = self.month_tail(end)
        strong = qualified or year is not None or code is not None or self.is_paired(j, end)
        prev = self.word(i - 1) if i > 0 and self.spaced(i - 1) else ""
        strong = strong or prev in lex.ctx_strong
        weak = prev in lex.ctx_weak
        if not strong and not weak:
            return None
        if not strong and self.word(j) in lex.ambiguous_months and prev != "في":
            return None  # "قبل أب" is "before a father"; "في آب" is August
        date = self.resolve_year(month, None, year, code)
        return _Found(end, self.tk.end[end - 1], date, 3, False, None)

    def explicit(self, i: int) -> _Found | None:
        if i >= self.n:
            return None
        return self.numeric(i) or self.day_month(i) or self.month_only(i)

    # ---- relative expressions

    def shifted(self, days: int) -> datetime.date | None:
        return None if self.pub is None else self.pub + datetime.timedelta(days=days)

    def today_ok(self, end: int) -> bool:
        """False when اليوم / الليلة is not today: "اليوم التالي", "اليوم العالمي" …"""
        return not (self.spaced(end - 1) and self.word(end) in self.lex.not_today_after)

    def relative(self, i: int, s: int) -> _Found | None:
        lex = self.lex
        best: _Found | None = None
        for phrases, precision, pod in (
            (lex.relative_nights, 1, "night"),
            (lex.relative_days, 1, None),
        ):
            end, offset = self.at(phrases, i, s)
            if end > 0 and (best is None or end > best.end) and self.today_ok(end):
                best = _Found(end, self.tk.end[end - 1], self.shifted(offset), precision, True, pod)
        end, offset = self.at(lex.relative_weeks, i, s)
        if end > 0 and (best is None or end > best.end):
            best = _Found(end, self.tk.end[end - 1], self.shifted(offset), 2, True, None)
        end, offset = self.at(lex.relative_months, i, s)
        if end > 0 and (best is None or end > best.end):
            date = None if self.pub is None else _add_months(self.pub, offset)
            best = _Found(end, self.tk.end[end - 1], date, 3, True, None)
        if best is None and s == 0:
            best = self.days_ago(i)
        return best

    def days_ago(self, i: int) -> _Found | None:
        """Days ago: "قبل ثلاثة أيام", "منذ 3 أيام"."""
        lex = self.lex
        if self.word(i) not in lex.days_ago_before or not self.spaced(i):
            return None
        base = self.tk.start[i + 1]
        if self.reference or not lex.days_ago_in_place:
            q = parse_quantity(self.text[base:])
            if q is None:
                return None
            value, exact, q_end = q.value, q.exact, base + q.end
        else:
            # the quantity parser on this text's tokens from token i + 1: the same as
            # parse_quantity(text[base:]) since the word before (قبل / منذ) is neither a
            # label word, a range word nor the last word of a month (see _Lexicon)
            found = _quantity_at(self.tk, i + 1)
            if found is None:
                return None
            value, exact, q_end = found[1].value, found[1].exact, found[1].end_char
        if not exact or not 1 <= value <= 31:
            return None
        j = i + 1
        starts = self.tk.start
        while j < self.n and starts[j] < q_end:
            j += 1
        if not self.spaced(j - 1) or self.word(j) not in lex.day_nouns:
            return None
        return _Found(j + 1, self.tk.end[j], self.shifted(-value), 1, True, None)

    def weekday(self, i: int, s: int, night_before: bool) -> _Found | None:
        lex = self.lex
        j = i
        after_day_word = False
        if self.word(i, s) in lex.day_word and self.spaced(i):
            j, s, after_day_word = i + 1, 0, True
        w = self.word(j, s)
        wd = lex.weekday_definite.get(w)
        if wd is None and after_day_word:
            wd = lex.weekday_bare.get(w)
        if wd is None or (self.spaced(j) and self.word(j + 1) in ("عشر", "عشره")):
            return None  # "الأحد عشر" is "the eleven"
        end = j + 1
        # "ليل الجمعة السبت", "الجمعة-السبت": the night from one day into the next
        if end < self.n and (self.spaced(end - 1) or _PAIR_GAP_RE.fullmatch(self.gap(end - 1))):
            if self.word(end) in lex.weekday_definite:
                end += 1
                night_before = False
        direction = 0
        if self.spaced(end - 1):
            if self.word(end) in lex.weekday_past:
                direction, end = -1, end + 1
            elif self.word(end) in lex.weekday_next:
                direction, end = 1, end + 1
        # "السبت 2 آذار", "السبت، الموافق 2 آذار 2019": the explicit date decides
        k = end
        if k < self.n and _LINK_GAP_RE.fullmatch(self.gap(k - 1)):
            if self.word(k) in lex.weekday_date_link and self.spaced(k):
                k += 1
            exp = self.numeric(k) if k < self.n else None
            exp = exp or (self.day_month(k) if k < self.n else None)
            if exp is not None:
                return exp
        date: datetime.date | None = None
        if self.pub is not None:
            # "ليلة الجمعة" is, in Arabic usage, the night BEFORE Friday (Thursday night):
            # resolve the day the night belongs to (Thursday) on or before publication.
            target = (wd - 1) % 7 if night_before else wd
            back = (self.pub.weekday() - target) % 7
            if direction < 0 and back == 0:
                back = 7
            if direction > 0:
                ahead = (target - self.pub.weekday()) % 7 or 7
                date = self.pub + datetime.timedelta(days=ahead)
            else:
                date = self.pub - datetime.timedelta(days=back)
        return _Found(end, self.tk.end[end - 1], date, 1, True, None)

    def day_expr(self, i: int, s: int, night_before: bool = False) -> _Found | None:
        """A weekday, relative day or explicit date starting at token ``i``."""
        found = self.weekday(i, s, night_before)
        if found is None:
            found = self.relative(i, s)
        if found is None and s == 0:
            j = i + 1 if self.word(i) in self.lex.day_word and self.spaced(i) else i
            found = self.explicit(j)
            if found is None and j != i:
                found = self.relative(j, 0)
        return found

    def trailing_part_of_day(self, found: _Found) -> _Found:
        """A part-of-day adverb after the mention: "السبت مساءً", "أمس صباحا"."""
        k = found.end
        if k >= self.n or not self.spaced(k - 1):
            return found
        pod = self.lex.part_of_day_after.get(self.word(k))
        if pod is None or found.part_of_day is not None:
            return found
        if k + 1 < self.n and self.spaced(k) and self.day_expr(k + 1, 0) is not None:
            return found  # "مساء" opens the next mention: "… مساء الأحد"
        return found._replace(end=k + 1, end_char=self.tk.end[k], part_of_day=pod)

    def mention_at(self, i: int) -> tuple[int, _Found] | None:
        t = self.words[i]
        strips = [0]
        if t >= _WORD_MIN and t.startswith("و") and len(t) > 3:
            strips.append(1)  # "والأحد", "وأمس"
        for s in strips:
            # a part of the day opening the mention: "فجر الأحد", "مساء أمس"
            end, pod_index = self.at(self.lex.parts_of_day, i, s)
            if end > 0 and end < self.n and self.spaced(end - 1):
                night_before = end == i + 1 and self.word(i, s) in self.lex.night_before_weekday
                found = self.day_expr(end, 0, night_before)
                if found is not None:
                    return self.tk.start[i] + s, found._replace(part_of_day=PARTS_OF_DAY[pod_index])
            found = self.day_expr(i, s) if s == 0 else self.weekday(i, s, False)
            if found is None and s:
                found = self.relative(i, s)
            if found is not None:
                return self.tk.start[i] + s, self.trailing_part_of_day(found)
        return None


def _scan(p: _Parser, positions: Iterable[int]) -> list[DateMention]:
    """Mentions found trying ``positions`` (ascending) left to right, non-overlapping."""
    out: list[DateMention] = []
    i = 0
    for c in positions:
        if c < i:
            continue
        found = p.mention_at(c)
        if found is None:
            continue
        start, f = found
        out.append(DateMention(start, f.end_char, f.date, f.precision, f.relative, f.part_of_day))
        i = max(f.end, c + 1)
    return out


def find_dates(text: str, published: datetime.date | None) -> list[DateMention]:
    """All date mentions in normalised ``text``, left to right, non-overlapping.

    ``published`` is the publication date used to resolve relative expressions; without
    it they (and day-month dates without a year) get ``date=None``.
    """
    tk = _tokens(text)
    return _scan(_Parser(tk, published), _lexicon().openers.select(tk))


def _find_dates_reference(text: str, published: datetime.date | None) -> list[DateMention]:
    """:func:`find_dates` trying every token (the slow reference for tests)."""
    tk = Tokens(text)
    return _scan(_Parser(tk, published, reference=True), range(tk.n))
