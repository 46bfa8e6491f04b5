"""Quantities in normalised Arabic text (marsad.parse.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.parse import numbers
from marsad.parse.numbers import Quantity, find_quantities, parse_quantity
from marsad.text.normalize import normalize


def norm(text: str) -> str:
    return normalize(text).text


def values(text: str) -> list[tuple[int, bool]]:
    return [(q.value, q.exact) for q in find_quantities(norm(text))]


def only(text: str) -> Quantity:
    found = find_quantities(norm(text))
    assert len(found) == 1, found
    return found[0]


def spans(text: str) -> list[str]:
    t = norm(text)
    return [t[q.start : q.end] for q in find_quantities(t)]


# ---------------------------------------------------------------- seed sentences


def test_digits_after_a_killing_word_are_an_exact_count() -> None:
    t = norm("مقتل 21 عنصرا من قوات النظام")
    assert find_quantities(t) == [Quantity(5, 7, 21, True)]


def test_dozens_of_air_strikes_is_twelve_and_vague() -> None:
    assert values("عشرات الغارات") == [(12, False)]


def test_about_three_hundred_keeps_the_number_but_is_not_exact() -> None:
    q = only("حوالي 300 سوري")
    assert (q.value, q.exact) == (300, False)
    assert norm("حوالي 300 سوري")[q.start : q.end] == "حوالي 300"


def test_feminine_six_before_its_noun() -> None:
    assert values("ست نقاط") == [(6, True)]


# ---------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21", 21),
        ("1200", 1200),
        ("1,200", 1200),
        ("١٢٠٠", 1200),
        ("٢١ قتيلا", 21),
        ("1.200 شخص", 1200),
        ("20 ألف", 20000),
        ("3 آلاف", 3000),
        ("1.5 مليون", 1500000),
    ],
)
def test_digit_numbers_and_their_scales(text: str, value: int) -> None:
    assert values(text) == [(value, True)]


def test_two_numbers_separated_by_a_comma_stay_apart() -> None:
    assert values("قتل 3، 5 جرحى") == [(3, True), (5, True)]


# ---------------------------------------------------------------- number words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("واحد", 1),
        ("واحدة", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("ثمانية", 8),
        ("ثماني", 8),
        ("عشرة", 10),
        ("عشر", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثنتي عشرة", 12),
        ("ثلاثة عشر", 13),
        ("تسع عشرة", 19),
        ("عشرون", 20),
        ("عشرين", 20),
        ("خمسة وعشرين", 25),
        ("واحد وعشرون", 21),
        ("ستة وستين", 66),
        ("تسعون", 90),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتين", 200),
        ("مائتان", 200),
        ("ثلاثمئة", 300),
        ("ثلاث مئة", 300),
        ("ستمائة", 600),
        ("مئة وعشرون", 120),
        ("سبعمائة وثمانية وستون", 768),
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("ثلاثة آلاف وخمسمائة", 3500),
        ("خمسة عشر ألفا", 15000),
        ("خمسة وعشرون ألفاً", 25000),
        ("مئة وخمسون ألف", 150000),
        ("ألف ومئتان وخمسة وعشرون", 1225),
        ("تسعمئة وتسعة وتسعون ألفا وتسعمئة وتسعة وتسعون", 999999),
        ("ثلاثةُ", 3),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert values(text) == [(value, True)]


def test_compound_number_covers_all_its_words() -> None:
    assert spans("قتل خمسة وعشرون مدنيا") == ["خمسه وعشرون"]


def test_glued_preposition_is_left_out_of_the_span() -> None:
    t = norm("استهدف بثلاث غارات")
    (q,) = find_quantities(t)
    assert (t[q.start : q.end], q.value) == ("ثلاث", 3)


def test_glued_conjunction_before_a_standalone_number() -> None:
    assert spans("قتل جندي وثلاثة مدنيين") == ["ثلاثه"]
    assert values("قتل جندي وثلاثة مدنيين") == [(3, True)]


@pytest.mark.parametrize(
    "text",
    ["معشر", "العشر الأواخر", "المعشرات", "لست أدري", "بعده", "قتل أحد الجنود"],
)
def test_number_words_only_match_whole_words(text: str) -> None:
    assert find_quantities(norm(text)) == []


def test_monday_is_not_the_number_two() -> None:
    assert find_quantities(norm("يوم الاثنين")) == []


# ---------------------------------------------------------------- vague counts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("عشرات", 12),
        ("العشرات", 12),
        ("بالعشرات", 12),
        ("مئات", 100),
        ("المئات", 100),
        ("آلاف", 1000),
        ("الآلاف", 1000),
        ("عدد من القتلى", 10),
        ("عدداً من القتلى", 10),
        ("عدد كبير من", 10),
        ("العديد من", 10),
        ("بضعة", 10),
        ("عدة", 10),
        ("بضع عشرات", 12),
        ("عدة مئات", 100),
        ("بضعة آلاف", 1000),
        ("عشرات الآلاف", 12000),
        ("مئات الآلاف", 100000),
    ],
)
def test_vague_counts_follow_acled_conventions(text: str, value: int) -> None:
    assert values(text) == [(value, False)]


def test_vague_several_includes_the_preposition() -> None:
    assert spans("أصيب عدد من المدنيين") == ["عدد من"]


def test_the_number_of_is_not_several() -> None:
    assert values("بلغ عدد القتلى 5") == [(5, True)]


# ---------------------------------------------------------------- approximations


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("نحو 20", 20),
        ("حوالي 300", 300),
        ("حوالى 40", 40),
        ("قرابة 15", 15),
        ("قرابة الـ20", 20),
        ("زهاء ألفي", 2000),
        ("ما يقارب 50", 50),
        ("أكثر من 20", 20),
        ("ما لا يقل عن 15", 15),
        ("أزيد من مئة", 100),
        ("أكثر من ثلاثة آلاف", 3000),
        ("20 على الأقل", 20),
        ("نحو عشرات", 12),
    ],
)
def test_approximations_keep_the_number_and_are_not_exact(text: str, value: int) -> None:
    assert values(text) == [(value, False)]


def test_approximation_span_starts_at_the_marker() -> None:
    assert spans("قتل أكثر من 20 شخصا") == ["اكثر من 20"]


def test_approximation_word_without_a_number_is_nothing() -> None:
    assert find_quantities(norm("توجه نحو المدينة")) == []


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("بين 10 و15", 10),
        ("بين 10 و 15", 10),
        ("ما بين 5 و 7", 5),
        ("10-15", 10),
        ("10 - 15", 10),
        ("10 إلى 15", 10),
        ("من 10 الى 15", 10),
        ("ثلاثة أو أربعة", 3),
        ("بين عشرة وعشرين", 10),
        ("بين خمسة وعشرين وثلاثين", 25),
        ("بين 20 و30 ألفا", 20000),
        ("نحو 10 إلى 15", 10),
    ],
)
def test_ranges_keep_the_lower_end(text: str, value: int) -> None:
    assert values(text) == [(value, False)]


def test_between_reads_five_and_twenty_when_nothing_follows() -> None:
    # "بين خمسة وعشرين" cannot be "between 25 and …": it is 5 to 20
    assert values("بين خمسة وعشرين قتيلا") == [(5, False)]


def test_range_span_covers_both_ends() -> None:
    assert spans("قتل بين 10 و15 شخصا") == ["بين 10 و15"]


def test_between_without_numbers_is_nothing() -> None:
    assert find_quantities(norm("اشتباكات بين القوات")) == []


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "text",
    [
        "في 2 آذار 2019",
        "2/3/2019",
        "2019-03-02",
        "الساعة 10:30",
        "عام 2019",
        "بين عامي 2011 و2019",
        "طائرات إف 16",
        "f16",
        "القرار 2254",
        "20%",
    ],
)
def test_dates_times_and_labels_are_not_counts(text: str) -> None:
    assert find_quantities(norm(text)) == []


# ---------------------------------------------------------------- parse_quantity


def test_parse_quantity_reads_the_number_at_the_start() -> None:
    q = parse_quantity(norm("21 عنصرا من قوات النظام"))
    assert q == Quantity(0, 2, 21, True)


def test_parse_quantity_skips_leading_spaces_and_keeps_offsets() -> None:
    q = parse_quantity(norm("  ثلاثة عشر جنديا"))
    assert q is not None
    assert (q.start, q.end, q.value, q.exact) == (2, 11, 13, True)


def test_parse_quantity_reads_vague_and_approximate_counts() -> None:
    assert parse_quantity(norm("عشرات المدنيين")) == Quantity(0, 5, 12, False)
    q = parse_quantity(norm(" أكثر من 20 شخصا"))
    assert q is not None and (q.start, q.value, q.exact) == (1, 20, False)


def test_parse_quantity_needs_the_number_first() -> None:
    assert parse_quantity(norm("عنصرا 21")) is None
    assert parse_quantity("") is None
    assert parse_quantity(norm("قتلى")) is None


def test_offsets_are_positions_in_the_text_given() -> None:
    t = norm("قُتِلَ ثلاثةٌ")
    (q,) = find_quantities(t)
    assert t[q.start : q.end] == "ثلاثه"


# ---------------------------------------------------------------- fast path


def test_tokens_of_the_previous_text_are_not_reused_for_another_text() -> None:
    # find_quantities keeps the last text's tokens: a different text of the same length
    # must be tokenised afresh
    assert values("قتل 3 مدنيين") == [(3, True)]
    assert values("قتل ٥ مدنيين") == [(5, True)]
    assert values("قتل خمسة مدنيين") == [(5, True)]
    assert values("قتل عشرة مدنيين") == [(10, True)]


def test_a_word_that_needs_a_number_after_it_opens_nothing_alone() -> None:
    assert find_quantities(norm("خرجوا من المدينة بين الأحياء ما بين")) == []
    assert values("من 10 إلى 15 بين ثلاثة وخمسة") == [(10, False), (3, False)]


def _attribute_values(obj: object) -> list[object]:
    """An object's attribute values (a class compiled by mypyc has no ``__dict__``)."""
    names = getattr(type(obj), "__mypyc_attrs__", None)
    if names is None:
        return list(vars(obj).values())
    return [getattr(obj, n) for n in names if hasattr(obj, n)]


def _lexicon_vocabulary() -> tuple[list[str], list[str]]:
    """Every word and every entry of the quantity lexicon (and the month names)."""
    lex = numbers._lexicon()
    words: set[str] = set()
    entries: list[str] = []
    for value in _attribute_values(lex):
        if isinstance(value, numbers.Phrases):
            for phrase, _ in value.all():
                words.update(phrase)
                entries.append(" ".join(phrase))
        elif isinstance(value, dict | set | frozenset):
            words.update(w for w in value if isinstance(w, str))
    return sorted(words), sorted(entries)


_WORDS, _ENTRIES = _lexicon_vocabulary()
_DIGITS = ["1", "3", "10", "15", "20", "31", "2011", "2019", "1,200", "1.200", "1.5"]
_DIGITS += ["2/3/2019", "2019-03-02", "10:30", "10-15", "2/3"]
_FILLER = ["قتل", "في", "شخصا", "مدنيين", "و", "ال", "عشر", "f", "م"]
_SEPARATORS = [" ", " ", " ", "  ", "، ", ", ", "-", " - ", "/", " (", ") ", ". ", "\n", "%", ""]
_PIECES = st.one_of(
    st.builds(
        str.__add__, st.sampled_from(["", "", "و", "ب", "ل", "وب", "ال"]), st.sampled_from(_WORDS)
    ),
    st.sampled_from(_ENTRIES),
    st.sampled_from(_DIGITS),
    st.sampled_from(_FILLER),
)


@st.composite
def lexicon_sentences(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(_PIECES, st.sampled_from(_SEPARATORS)), max_size=12))
    return "".join(p + s for p, s in pieces)


@settings(max_examples=400, deadline=None)
@given(lexicon_sentences())
def test_fast_path_finds_what_trying_every_token_finds(text: str) -> None:
    assert find_quantities(text) == numbers._find_quantities_reference(text)
