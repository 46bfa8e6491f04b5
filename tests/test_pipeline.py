"""The pipeline as a whole: stages by name, statements vs acts, and robustness."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad import default_pipeline

PUB = dt.date(2019, 3, 4)


def test_stages_are_named_and_replaceable():
    nlp = default_pipeline(mode="rules")
    assert nlp.stage_names == [
        "normalize",
        "segment",
        "entities",
        "events",
        "arguments",
        "geocode",
        "dedup",
    ]
    nlp.replace("dedup", lambda doc: doc)
    doc = nlp(
        "قتل 3 مدنيين بقصف لقوات النظام على بلدة كفرنبودة. قتل 3 مدنيين بقصف لقوات النظام على بلدة كفرنبودة.",
        published=PUB,
    )
    assert len(doc.events) == 2  # without dedup the restatement stays


def test_a_denial_is_not_an_event():
    assert (
        marsad.extract("نفى الجيش السوري أن يكون قد قصف بلدة كفرنبودة في ريف حماة أمس.", PUB) == []
    )


def test_a_threat_is_not_an_event():
    assert marsad.extract("هدد الحوثيون بشن هجمات على السفن في البحر الأحمر.", PUB) == []


def test_civilians_killed_by_shelling():
    [e] = marsad.extract("قتل 3 مدنيين بقصف لقوات النظام على بلدة كفرنبودة في ريف حماة أمس.", PUB)
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"
    assert e["actor1"] == "Military Forces of Syria"
    assert e["fatalities"] == 3
    assert e["admin1"] == "Hama"
    assert e["event_date"] == "2019-03-03"


def test_wounded_are_never_counted_as_killed():
    [e] = marsad.extract("أصيب 12 مدنيا ومقتل اثنين بانفجار عبوة ناسفة في مدينة الباب.", PUB)
    assert e["fatalities"] == 2


TOKENS = [
    *"ابتجحدرسعفقكلمنهوية ٢١«».،؟\n",
    "قتل ",
    "داعش ",
    "قسد ",
    "حماة ",
    "السبت ",
    "اشتباكات بين ",
    "مقتل 5 ",
]
arabic = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@settings(max_examples=60, deadline=None)
@given(arabic)
def test_any_text_gives_records_whose_evidence_quotes_the_text(text):
    for rec in marsad.extract(text, PUB):
        for ev in rec["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= len(text)
            assert text[ev["start"] : ev["end"]] == ev["text"]
