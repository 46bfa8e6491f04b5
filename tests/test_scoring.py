"""Scoring follows shared/gold/FORMAT.md."""

from marsad.eval.scoring import field_right, finds, fold, score_article
from marsad.eval.summary import Score

GOLD = {
    "id": "g1",
    "event_type": "Battles",
    "sub_event_type": ["Armed clash"],
    "event_date": "2019-03-02",
    "actor1": {"accept": ["Syrian Democratic Forces", "قسد"]},
    "actor2": {"accept": ["Islamic State"]},
    "country": "Syria",
    "location": {"accept": ["Baghuz", "الباغوز"]},
    "coordinates": {"lat": 34.45, "lon": 40.96, "tolerance_km": 15},
    "fatalities": 0,
}


def pred(**kw):
    base = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "event_date": "2019-03-02",
        "actor1": "Syrian Democratic Forces",
        "actor2": "Islamic State",
        "country": "Syria",
        "location": "Al Bagouz Fawqani",
        "latitude": 34.46,
        "longitude": 40.94,
        "fatalities": 0,
        "evidence": [],
    }
    base.update(kw)
    return base


def test_fold_ignores_case_hyphens_and_diacritics():
    assert fold("Deir-ez-Zor") == fold("deir ez zor")
    assert fold("Ḩamāh") == fold("hamah")
    assert fold("قسد") == fold("قسد")


def test_a_date_one_day_off_still_finds_the_event():
    assert finds(GOLD, pred(event_date="2019-03-03"))
    assert not finds(GOLD, pred(event_date="2019-03-05"))


def test_coordinates_within_tolerance_count_as_the_same_place():
    assert finds(GOLD, pred(location="Elsewhere", latitude=34.5, longitude=40.9))
    assert not finds(GOLD, pred(location="Elsewhere", latitude=36.0, longitude=38.0))


def test_arabic_surface_forms_are_accepted_names():
    r = score_article([GOLD], [pred(actor1="Something", actor1_ar="قسد")])
    assert "actor1" not in r.found[0].wrong


def test_an_unpredicted_optional_gold_event_is_not_a_miss():
    optional = dict(GOLD, id="g2", event_type="Explosions/Remote violence", optional=True)
    s = Score.of([score_article([GOLD, optional], [pred()])])
    assert (s.tp, s.fp, s.fn, s.recall, s.precision) == (1, 0, 0, 1.0, 1.0)


def test_a_duplicate_prediction_is_a_false_positive():
    s = Score.of([score_article([GOLD], [pred(), pred()])])
    assert (s.tp, s.fp) == (1, 1)
    assert s.precision == 0.5


def test_a_missed_required_event_lowers_recall():
    s = Score.of([score_article([GOLD], [])])
    assert (s.fn, s.recall) == (1, 0.0)


def test_the_location_field_wants_an_accepted_name_even_when_coordinates_found_the_event():
    near = pred(location="Hajin", latitude=34.46, longitude=40.95)
    assert finds(GOLD, near)
    assert not field_right("location", GOLD, near)
    assert field_right("location", GOLD, pred(location="Elsewhere", location_ar="الباغوز"))
