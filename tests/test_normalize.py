"""Normalisation folds spelling variants and always maps back into the original text."""

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalize import normalize, normalize_key


def test_harakat_and_tatweel_are_removed():
    assert normalize("وجهاً لوجـــه").text == "وجها لوجه"


def test_alef_ya_ta_marbuta_and_hamza_seats_fold():
    assert (
        normalize("إدلب أحمد آمنة مستشفى الرقة مؤسسة هيئة").text
        == "ادلب احمد امنه مستشفي الرقه موسسه هييه"
    )


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalize("مقتل ٢١ عنصرا و۱۵ مدنيا").text == "مقتل 21 عنصرا و15 مدنيا"


def test_identity_map_when_nothing_is_deleted():
    n = normalize("قسد وداعش")
    assert n.span(0, 3) == (0, 3)


def test_span_maps_back_over_deleted_marks():
    original = "دفعهِ السبت بسيارةٍ مفخخة"
    n = normalize(original)
    start = n.text.index("بسياره")
    s, e = n.span(start, start + len("بسياره"))
    assert original[s:e] == "بسيارة"


def test_normalize_key_collapses_whitespace():
    assert normalize_key("  تنظيم   داعش ") == "تنظيم داعش"


arabicish = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة٠١٢٣٤٥٦٧٨٩ًٌٍَُِّْـ \n«».،")),
    max_size=200,
)


@given(st.one_of(arabicish, st.text(max_size=200)))
def test_every_normalised_span_maps_inside_the_original(text):
    n = normalize(text)
    for i in range(len(n.text) + 1):
        o = n.to_original(i)
        assert 0 <= o <= len(text)
    for i in range(len(n.text)):
        s, e = n.span(i, i + 1)
        assert 0 <= s < e <= len(text)


@given(arabicish)
def test_map_is_monotone(text):
    n = normalize(text)
    prev = -1
    for i in range(len(n.text)):
        o = n.to_original(i)
        assert o > prev
        prev = o


def test_substitutions_are_applied_as_one_character_map() -> None:
    # the replacements run one after the other: no target may be substituted again, and
    # the result is the single-pass character map
    from marsad.text.normalize import _SUBST, normalize_char_map

    every = "".join(map(chr, _SUBST)) + "قال الجيشُ: «قصف» 12 ABC ـ"
    for text in (every, every * 5):  # short texts and long ones take different paths
        assert normalize_char_map(text) == text.translate(_SUBST)
    assert normalize("أإآٱى ة٣").text == "ااااي ه3"
