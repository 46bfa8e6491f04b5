"""Date mentions in normalised Arabic text (marsad.parse.dates)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.parse import dates as dates_module
from marsad.parse.dates import DateMention, find_dates
from marsad.parse.numbers import Phrases
from marsad.text.normalize import normalize

MONDAY = datetime.date(2019, 3, 4)  # publication date used by most tests


def norm(text: str) -> str:
    return normalize(text).text


def dates(text: str, published: datetime.date | None = MONDAY) -> list[DateMention]:
    return find_dates(norm(text), published)


def only(text: str, published: datetime.date | None = MONDAY) -> DateMention:
    found = dates(text, published)
    assert len(found) == 1, found
    return found[0]


def day(text: str, published: datetime.date | None = MONDAY) -> datetime.date | None:
    return only(text, published).date


def span(text: str, published: datetime.date | None = MONDAY) -> str:
    t = norm(text)
    (m,) = find_dates(t, published)
    return t[m.start : m.end]


D = datetime.date


# ---------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("السبت", D(2019, 3, 2)),
        ("الأحد", D(2019, 3, 3)),
        ("الاثنين", D(2019, 3, 4)),
        ("الإثنين", D(2019, 3, 4)),
        ("الثلاثاء", D(2019, 2, 26)),
        ("الأربعاء", D(2019, 2, 27)),
        ("الخميس", D(2019, 2, 28)),
        ("الجمعة", D(2019, 3, 1)),
    ],
)
def test_weekday_is_the_latest_such_day_on_or_before_publication(
    text: str, expected: datetime.date
) -> None:
    m = only(f"قصفت الطائرات البلدة {text}")
    assert (m.date, m.precision, m.relative, m.part_of_day) == (expected, 1, True, None)


def test_weekday_on_the_publication_day_is_that_day() -> None:
    assert day("الاثنين") == MONDAY
    assert day("الجمعة", D(2019, 3, 1)) == D(2019, 3, 1)


def test_day_word_before_a_weekday_is_part_of_the_mention() -> None:
    assert span("قتل يوم السبت") == "يوم السبت"
    assert day("يوم السبت") == D(2019, 3, 2)


def test_bare_ahad_is_a_weekday_only_after_yawm() -> None:
    assert dates("قتل أحد الجنود") == []
    assert day("يوم أحد") == D(2019, 3, 3)


def test_the_eleven_is_not_sunday() -> None:
    assert dates("الأحد عشر لاعبا") == []


def test_weekday_names_do_not_match_inside_words() -> None:
    assert dates("السبتي والجمعيات والخميسي") == []


def test_friday_prayer_still_dates_the_event() -> None:
    assert day("بعد صلاة الجمعة") == D(2019, 3, 1)


def test_last_weekday_is_strictly_before_publication() -> None:
    assert day("الاثنين الماضي") == D(2019, 2, 25)
    assert day("السبت الماضي") == D(2019, 3, 2)


def test_weekday_with_an_explicit_date_takes_the_explicit_date() -> None:
    m = only("يوم السبت الموافق 2 آذار 2019")
    assert (m.date, m.relative, m.precision) == (D(2019, 3, 2), False, 1)
    assert span("السبت 9 شباط") == "السبت 9 شباط"
    assert day("السبت 9 شباط") == D(2019, 2, 9)


# ---------------------------------------------------------------- parts of the day


@pytest.mark.parametrize(
    ("text", "expected", "part"),
    [
        ("ليل السبت", D(2019, 3, 2), "night"),
        ("فجر الأحد", D(2019, 3, 3), "dawn"),
        ("مساء السبت", D(2019, 3, 2), "evening"),
        ("صباح اليوم", MONDAY, "morning"),
        ("ظهر الأحد", D(2019, 3, 3), "noon"),
        ("بعد ظهر الأحد", D(2019, 3, 3), "afternoon"),
        ("مساء أمس", D(2019, 3, 3), "evening"),
        ("منتصف ليل الجمعة", D(2019, 3, 1), "night"),
        ("فجر يوم الأحد", D(2019, 3, 3), "dawn"),
        ("فجر 2 آذار", D(2019, 3, 2), "dawn"),
        ("السبت مساءً", D(2019, 3, 2), "evening"),
    ],
)
def test_part_of_day_belongs_to_the_same_mention(
    text: str, expected: datetime.date, part: str
) -> None:
    m = only(text)
    assert (m.date, m.part_of_day) == (expected, part)
    assert span(text) == norm(text)


def test_laylat_friday_is_thursday_night() -> None:
    # Arabic usage: ليلة الجمعة is the night BEFORE Friday
    m = only("ليلة الجمعة")
    assert (m.date, m.part_of_day) == (D(2019, 2, 28), "night")
    assert day("ليلة الجمعة", D(2019, 3, 1)) == D(2019, 2, 28)


def test_layl_friday_saturday_is_the_friday_night() -> None:
    assert day("ليل الجمعة السبت") == D(2019, 3, 1)


def test_night_before_does_not_shift_yesterday() -> None:
    m = only("ليلة أمس")
    assert (m.date, m.part_of_day) == (D(2019, 3, 3), "night")


def test_part_of_day_alone_is_not_a_date() -> None:
    assert dates("في منتصف الليل") == []


# ---------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "expected", "part"),
    [
        ("أمس", D(2019, 3, 3), None),
        ("الأمس", D(2019, 3, 3), None),
        ("البارحة", D(2019, 3, 3), None),
        ("أول أمس", D(2019, 3, 2), None),
        ("أول من أمس", D(2019, 3, 2), None),
        ("اليوم", MONDAY, None),
        ("الليلة", MONDAY, "night"),
        ("الليلة الماضية", D(2019, 3, 3), "night"),
        ("غدا", D(2019, 3, 5), None),
        ("قبل يومين", D(2019, 3, 2), None),
        ("قبل ثلاثة أيام", D(2019, 3, 1), None),
    ],
)
def test_relative_days(text: str, expected: datetime.date, part: str | None) -> None:
    m = only(text)
    assert (m.date, m.precision, m.relative, m.part_of_day) == (expected, 1, True, part)


def test_the_next_day_is_not_today() -> None:
    assert dates("في اليوم التالي") == []


def test_last_week_is_seven_days_back_with_week_precision() -> None:
    m = only("الأسبوع الماضي")
    assert (m.date, m.precision, m.relative) == (D(2019, 2, 25), 2, True)


def test_last_month_is_its_first_day_with_month_precision() -> None:
    m = only("الشهر الماضي")
    assert (m.date, m.precision, m.relative) == (D(2019, 2, 1), 3, True)
    assert day("الشهر الماضي", D(2019, 1, 15)) == D(2018, 12, 1)


# ---------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    "text",
    [
        "2 آذار 2019",
        "2 مارس 2019",
        "في 2 آذار/مارس 2019",
        "2 آذار (مارس) 2019",
        "2/3/2019",
        "2019-03-02",
        "٢ آذار ٢٠١٩",
        "الثاني من آذار",
        "الثاني من شهر آذار",
        "الـ2 من آذار",
        "2 مارس",
        "2 آذار من العام 2019",
    ],
)
def test_explicit_dates(text: str) -> None:
    m = only(text)
    assert (m.date, m.precision, m.relative, m.part_of_day) == (D(2019, 3, 2), 1, False, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الحادي عشر من شباط", D(2019, 2, 11)),
        ("الحادي والعشرين من شباط", D(2019, 2, 21)),
        ("الخامس عشر من كانون الثاني", D(2019, 1, 15)),
        ("14 تموز 2018", D(2018, 7, 14)),
        ("1 أيار/مايو 2018", D(2018, 5, 1)),
        ("15 آب/أغسطس 2018", D(2018, 8, 15)),
        ("3 أيلول/سبتمبر 2018", D(2018, 9, 3)),
        ("7 تشرين الأول/أكتوبر 2018", D(2018, 10, 7)),
        ("9 تشرين الثاني/نوفمبر 2018", D(2018, 11, 9)),
        ("10 يوليه 2018", D(2018, 7, 10)),
        ("10 فبراير", D(2019, 2, 10)),
        ("الثاني عشر من الشهر الماضي", D(2019, 2, 12)),
    ],
)
def test_month_names_and_ordinal_days(text: str, expected: datetime.date) -> None:
    assert day(text) == expected


def test_date_span_covers_day_month_and_year() -> None:
    assert span("قتل في 2 آذار/مارس 2019 ثلاثة") == "2 اذار/مارس 2019"


def test_day_and_month_after_publication_fall_in_the_previous_year() -> None:
    assert day("28 كانون الأول", D(2019, 1, 2)) == D(2018, 12, 28)
    assert day("2 كانون الثاني", D(2019, 1, 2)) == D(2019, 1, 2)


def test_impossible_dates_are_ignored() -> None:
    assert dates("31 شباط") == []


# ---------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("آذار 2019", D(2019, 3, 1)),
        ("في آذار", D(2019, 3, 1)),
        ("في شهر آب", D(2018, 8, 1)),
        ("مطلع آذار", D(2019, 3, 1)),
        ("آذار الماضي", D(2018, 3, 1)),
        ("شباط الماضي", D(2019, 2, 1)),
        ("في مارس", D(2019, 3, 1)),
        ("آذار من العام الماضي", D(2018, 3, 1)),
    ],
)
def test_month_only_is_its_first_day_with_month_precision(
    text: str, expected: datetime.date
) -> None:
    m = only(text)
    assert (m.date, m.precision, m.relative) == (expected, 3, False)


@pytest.mark.parametrize("text", ["أب الضحية", "مارس الضغوط", "قبل أب"])
def test_month_names_that_are_ordinary_words_need_context(text: str) -> None:
    assert dates(text) == []


# ---------------------------------------------------------------- no publication date


@pytest.mark.parametrize(
    "text",
    [
        "السبت",
        "ليلة الجمعة",
        "أمس",
        "اليوم",
        "الأسبوع الماضي",
        "الشهر الماضي",
        "2 آذار",
        "في آذار",
        "قبل ثلاثة أيام",
        "الثاني عشر من الشهر الجاري",
    ],
)
def test_without_publication_date_relative_and_yearless_dates_stay_unresolved(
    text: str,
) -> None:
    assert day(text, None) is None


def test_without_publication_date_a_full_date_still_resolves() -> None:
    assert day("2 آذار 2019", None) == D(2019, 3, 2)
    assert day("2/3/2019", None) == D(2019, 3, 2)
    m = only("آذار 2019", None)
    assert (m.date, m.precision) == (D(2019, 3, 1), 3)


def test_unresolved_weekday_keeps_its_flags() -> None:
    m = only("فجر الأحد", None)
    assert (m.date, m.relative, m.part_of_day, m.precision) == (None, True, "dawn", 1)


# ---------------------------------------------------------------- several mentions


def test_mentions_come_left_to_right_with_original_offsets() -> None:
    text = norm("قتل ثلاثة مدنيين فجر الأحد، بعد غارات يوم السبت، وفق بيان صدر اليوم")
    found = find_dates(text, MONDAY)
    assert [text[m.start : m.end] for m in found] == ["فجر الاحد", "يوم السبت", "اليوم"]
    assert [m.date for m in found] == [D(2019, 3, 3), D(2019, 3, 2), MONDAY]


def test_numbers_are_not_dates() -> None:
    assert dates("مقتل 21 عنصرا") == []


# ---------------------------------------------------------------- fast path


def test_a_lone_article_at_the_end_is_no_date() -> None:
    # "الـ" normalises to the token "ال"; with nothing after it there is no day number
    assert dates("قتل في الـ") == []
    assert dates("الـ") == []
    assert span("قتل في الـ2 من آذار") == "ال2 من اذار"


def test_days_ago_reads_the_count_in_place() -> None:
    text = norm("قتل 3 مدنيين قبل ثلاثة أيام وآخرون منذ 5 أيام، وقبل عشرات الأيام")
    found = find_dates(text, MONDAY)
    assert [text[m.start : m.end] for m in found] == ["قبل ثلاثه ايام", "منذ 5 ايام"]
    assert [m.date for m in found] == [D(2019, 3, 1), D(2019, 2, 27)]


def test_the_previous_text_tokens_are_not_reused_for_another_text() -> None:
    assert day("السبت") == D(2019, 3, 2)
    assert day("الأحد") == D(2019, 3, 3)
    assert dates("الاحد عشر") == []


def _attribute_values(obj: object) -> list[object]:
    """An object's attribute values (a class compiled by mypyc has no ``__dict__``)."""
    names = getattr(type(obj), "__mypyc_attrs__", None)
    if names is None:
        return list(vars(obj).values())
    return [getattr(obj, n) for n in names if hasattr(obj, n)]


def _lexicon_vocabulary() -> tuple[list[str], list[str]]:
    """Every word and every entry of the date lexicon."""
    lex = dates_module._lexicon()
    words: set[str] = set()
    entries: list[str] = []
    for value in _attribute_values(lex):
        if isinstance(value, Phrases):
            for phrase, _ in value.all():
                words.update(phrase)
                entries.append(" ".join(phrase))
        elif isinstance(value, dict | set | frozenset):
            words.update(w for w in value if isinstance(w, str))
    return sorted(words), sorted(entries)


_WORDS, _ENTRIES = _lexicon_vocabulary()
_DIGITS = ["1", "2", "3", "12", "28", "31", "32", "2011", "2019", "1,200", "03"]
_DIGITS += ["2/3/2019", "2019-03-02", "2.3.2019", "2/3/19", "10:30", "10-15", "2/3"]
_FILLER = ["قتل", "في", "من", "ثلاثه", "خمس", "عشرات", "شهر", "و", "ال", "عشر", "f"]
_SEPARATORS = [" ", " ", " ", "  ", "، ", ", ", "-", " - ", "/", " (", ") ", ". ", "\n", "/\n", ""]
_PIECES = st.one_of(
    st.builds(str.__add__, st.sampled_from(["", "", "", "و", "ال"]), st.sampled_from(_WORDS)),
    st.sampled_from(_ENTRIES),
    st.sampled_from(_DIGITS),
    st.sampled_from(_FILLER),
)


@st.composite
def lexicon_sentences(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(_PIECES, st.sampled_from(_SEPARATORS)), max_size=12))
    return "".join(p + s for p, s in pieces)


@settings(max_examples=400, deadline=None)
@given(lexicon_sentences(), st.sampled_from([MONDAY, D(2019, 1, 2), None]))
def test_fast_path_finds_what_trying_every_token_finds(
    text: str, published: datetime.date | None
) -> None:
    assert find_dates(text, published) == dates_module._find_dates_reference(text, published)
