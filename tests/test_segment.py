"""Sentences end at full stops, but not inside quotes, numbers or abbreviations."""

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.segment import split_sentences


def sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_at_full_stops_and_question_marks():
    assert sentences("قتل جندي. وأصيب آخر؟ انتهى") == ["قتل جندي.", "وأصيب آخر؟", "انتهى"]


def test_a_quote_keeps_its_full_stops():
    text = "وقال لافروف: «الوضع مستقر. وقد تم القضاء على التنظيم». ثم غادر."
    assert sentences(text) == ["وقال لافروف: «الوضع مستقر. وقد تم القضاء على التنظيم».", "ثم غادر."]


def test_curly_quotes_set_the_other_way_round_still_close():
    # «”X“»: some outlets set the marks mirrored; the quote must close at «“», or the rest
    # of the article is one sentence
    text = "شهدت مديرية ”المركز“ اشتباكات. وقالت مصادر إن القوات ”صدت“ الهجوم. ثم انسحبت."
    assert sentences(text) == [
        "شهدت مديرية ”المركز“ اشتباكات.",
        "وقالت مصادر إن القوات ”صدت“ الهجوم.",
        "ثم انسحبت.",
    ]


def test_curly_quotes_the_usual_way_round_keep_their_full_stops():
    text = "وقال المتحدث: “انتهت العملية. وعادت القوات”. ثم غادر."
    assert sentences(text) == ["وقال المتحدث: “انتهت العملية. وعادت القوات”.", "ثم غادر."]


def test_a_stray_closing_curly_quote_opens_nothing():
    assert sentences("وصف الهجوم بأنه جبان” ثم قال. وانتهى") == ["وصف الهجوم بأنه جبان” ثم قال.", "وانتهى"]


def test_a_quote_never_closed_ends_with_its_line_when_the_line_ends_a_sentence():
    text = 'وقالت الشرطة: "تعرض المركز لحريق ونهبت محتوياته.\nوخرجت مسيرات في المدينة.'
    assert sentences(text) == ['وقالت الشرطة: "تعرض المركز لحريق ونهبت محتوياته.', "وخرجت مسيرات في المدينة."]


def test_an_open_quote_still_spans_a_line_cut_mid_sentence():
    text = "وقال: «بدأ الهجوم على\nالمدينة فجرا». ثم"
    assert sentences(text) == ["وقال: «بدأ الهجوم على\nالمدينة فجرا».", "ثم"]


def test_decimal_numbers_do_not_end_a_sentence():
    assert sentences("بلغت النسبة 2.5 بالمئة. ثم") == ["بلغت النسبة 2.5 بالمئة.", "ثم"]


def test_one_letter_abbreviations_do_not_end_a_sentence():
    assert len(sentences("قال د. محمد إن القصف استمر.")) == 1


def test_blank_lines_end_a_sentence_even_inside_an_open_quote():
    assert sentences("«بدأ الهجوم\n\nالخبر التالي") == ["«بدأ الهجوم", "الخبر التالي"]


def test_no_sentence_for_whitespace():
    assert split_sentences("  \n\n ") == []


@given(st.text(alphabet=st.sampled_from(list("اب ت.«»؟\n1")), max_size=300))
def test_sentences_are_ordered_disjoint_and_inside_the_text(text):
    prev_end = 0
    for s in split_sentences(text):
        assert prev_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        prev_end = s.end


def test_a_title_with_spaces_left_at_the_end_of_its_line_is_a_headline():
    title, prose = split_sentences("مقتل شاب برصاص مجهولين في البصرة   \nقتل شاب برصاص مجهولين أمس.")
    assert title.headline and not prose.headline
