"""`marsad eval`'s counts, tables and error lists, on small hand-written gold and predictions."""

import json
from pathlib import Path

import pytest

from marsad.eval.gold import GoldError, load_gold
from marsad.eval.report import region_table, report_json, report_text, type_table
from marsad.eval.scoring import score_article
from marsad.eval.summary import (
    Score,
    actor_confusions,
    by_region,
    by_type,
    no_event_articles,
    place_errors,
)
from marsad.eval.tables import table

TRAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "train"


def gold(id="e1", **kw):
    base = {
        "id": id,
        "event_type": "Battles",
        "sub_event_type": ["Armed clash"],
        "event_date": "2023-05-10",
        "actor1": {"accept": ["Military Forces of Syria", "قوات النظام"]},
        "actor2": {"accept": ["Islamic State"]},
        "country": "Syria",
        "location": {"accept": ["Palmyra", "تدمر"]},
        "fatalities": 2,
    }
    base.update(kw)
    return base


def pred(**kw):
    base = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "event_date": "2023-05-10",
        "actor1": "Military Forces of Syria",
        "actor2": "Islamic State",
        "country": "Syria",
        "location": "Palmyra",
        "fatalities": 2,
        "evidence": [],
    }
    base.update(kw)
    return base


# --- event types given as a list ---------------------------------------------------------


def test_any_listed_event_type_is_right():
    listed = gold(event_type=["Violence against civilians", "Battles"])
    assert len(score_article([listed], [pred(event_type="Battles")]).found) == 1
    assert len(score_article([listed], [pred(event_type="Violence against civilians")]).found) == 1
    assert score_article([listed], [pred(event_type="Riots")]).missed == [listed]


def test_a_listed_type_event_counts_under_its_first_type_for_recall():
    listed = gold(event_type=["Violence against civilians", "Battles"])
    types = by_type([score_article([listed], [pred(event_type="Battles")])])
    assert (
        types["Violence against civilians"].required,
        types["Violence against civilians"].found,
    ) == (1, 1)
    assert (types["Battles"].required, types["Battles"].tp) == (0, 1)


def test_loading_rejects_an_event_without_a_usable_type(tmp_path):
    write_gold(tmp_path, "a", [gold(event_type=[])])
    with pytest.raises(GoldError, match="event_type"):
        load_gold(tmp_path)


# --- optional gold events are neutral ------------------------------------------------------


def test_a_prediction_on_an_optional_event_is_neither_hit_nor_false():
    optional = gold("e2", event_type="Explosions/Remote violence", optional=True)
    r = score_article([gold(), optional], [pred(), pred(event_type="Explosions/Remote violence")])
    s = Score.of([r])
    assert (s.tp, s.fp, s.fn, s.neutral, s.predicted) == (1, 0, 0, 1, 2)
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_an_optional_match_does_not_lift_precision():
    optional = gold("e2", event_type="Explosions/Remote violence", optional=True)
    preds = [pred(event_type="Explosions/Remote violence"), pred(event_type="Riots")]
    s = Score.of([score_article([gold(), optional], preds)])
    assert (s.tp, s.fp, s.fn, s.neutral) == (0, 1, 1, 1)
    assert s.precision == 0.0  # the optional match is not a hit; the riot is false


def test_a_prediction_that_fits_both_goes_to_the_required_event():
    optional = gold("e2", optional=True, actor2={"accept": ["Hezbollah"]})
    # Agrees on more fields with the optional event, but the required one gets it.
    r = score_article([gold(), optional], [pred(actor2="Hezbollah")])
    assert [m.gold["id"] for m in r.found] == ["e1"]
    assert r.neutral == []


def test_fields_are_scored_on_found_required_events_only():
    optional = gold("e2", event_type="Riots", optional=True)
    preds = [pred(), pred(event_type="Riots", sub_event_type="Mob violence", fatalities=9)]
    s = Score.of([score_article([gold(), optional], preds)])
    assert s.accuracy("sub_event_type") == 1.0 and s.accuracy("fatalities") == 1.0


# --- per-type and per-region tables -------------------------------------------------------


def test_per_type_recall_is_by_gold_type_and_precision_by_predicted_type():
    golds = [gold("e1"), gold("e2", event_type="Protests", location={"accept": ["Homs"]})]
    preds = [
        pred(),
        pred(event_type="Riots", location="Homs"),
        pred(event_type="Battles", location="Raqqa"),
    ]
    types = by_type([score_article(golds, preds)])
    assert set(types) == {"Battles", "Protests", "Riots"}
    b, p, r = types["Battles"], types["Protests"], types["Riots"]
    assert (b.required, b.found, b.tp, b.fp, b.precision, b.recall) == (1, 1, 1, 1, 0.5, 1.0)
    assert (p.required, p.found, p.recall) == (1, 0, 0.0)
    assert (r.tp, r.fp, r.precision) == (0, 1, 0.0)
    lines = type_table(types).splitlines()
    assert lines[0].split() == ["event_type", "gold", "found", "TP", "FP", "opt", "P", "R", "F1"]
    assert lines[2].split() == ["Battles", "1", "1", "1", "1", "0", "0.500", "1.000", "0.667"]


def test_articles_are_grouped_by_the_subfolder_they_lie_in(tmp_path):
    write_gold(tmp_path / "north", "n1", [gold()])
    write_gold(tmp_path / "north", "n2", [])
    write_gold(tmp_path / "south", "s1", [gold(), gold("e2", event_date="2023-05-12")])
    arts = load_gold(tmp_path)
    assert {a.id: a.region for a in arts} == {"n1": "north", "n2": "north", "s1": "south"}
    preds = {"n1": [pred()], "n2": [pred()], "s1": [pred()]}
    results = [score_article(a.events, preds[a.id], label=a.id, region=a.region) for a in arts]
    regions = by_region(results)
    north, south = regions["north"], regions["south"]
    assert (north.articles, north.required, north.predicted, north.tp, north.fp, north.fn) == (
        2,
        1,
        2,
        1,
        1,
        0,
    )
    assert (south.articles, south.required, south.tp, south.fn, south.recall) == (1, 2, 1, 1, 0.5)
    text = region_table(regions, Score.of(results)).splitlines()
    assert [line.split()[0] for line in text] == ["region", "------", "north", "south", "total"]
    assert text[-1].split()[:8] == ["total", "3", "3", "3", "2", "1", "1", "0"]
    assert len({len(line) for line in text[:2]}) == 1  # header and rule line up


def test_a_single_file_or_flat_folder_has_no_region_table(tmp_path):
    write_gold(tmp_path, "a", [gold()])
    [art] = load_gold(tmp_path)
    assert art.region == ""
    r = score_article(art.events, [pred()], label=art.id, region=art.region)
    assert "per region" not in report_text([r])
    assert report_json([r])["per_region"] == {}


# --- error lists ------------------------------------------------------------------------


def test_actor_confusions_are_counted_most_frequent_first():
    results = [
        score_article([gold()], [pred(actor1="Civilians (Syria)")], label="a"),
        score_article([gold()], [pred(actor1="Civilians (Syria)", actor2=None)], label="b"),
        score_article([gold()], [pred()], label="c"),
    ]
    assert actor_confusions(results) == [
        ("actor1", "Civilians (Syria)", "Military Forces of Syria", 2),
        ("actor2", "(none)", "Islamic State", 1),
    ]


def test_a_miss_with_a_same_type_and_date_prediction_elsewhere_is_a_place_error():
    r = score_article([gold()], [pred(location="Homs", event_date="2023-05-11")], label="a")
    found_elsewhere = score_article(
        [gold()], [pred(location="Tadmur", location_ar="تدمر")], label="b"
    )
    wrong_name = score_article(
        [gold(coordinates={"lat": 34.56, "lon": 38.28, "tolerance_km": 10})],
        [pred(location="Hayl", latitude=34.6, longitude=38.3)],
        label="c",
    )
    other_day = score_article([gold()], [pred(location="Homs", event_date="2023-05-13")], label="d")
    errors = place_errors([r, found_elsewhere, wrong_name, other_day])
    assert [(e.article_id, e.kind, e.predicted, e.gold) for e in errors] == [
        ("a", "missed", ("Homs",), "Palmyra"),
        ("c", "found", ("Hayl",), "Palmyra"),
    ]


def test_no_event_articles_with_predictions_are_listed():
    results = [
        score_article([], [pred()], label="quiet-but-coded"),
        score_article([], [], label="quiet"),
        score_article([gold("e1", optional=True)], [], label="only-optional"),
        score_article([gold()], [pred()], label="eventful"),
    ]
    assert no_event_articles(results) == [
        ("quiet-but-coded", 1),
        ("quiet", 0),
        ("only-optional", 0),
    ]
    text = report_text(results, verbose=True)
    assert "articles with no required event: 3; with >=1 predicted event: 1" in text
    assert "  quiet-but-coded: 1 predicted" in text


def test_the_json_report_carries_every_table():
    results = [score_article([gold()], [pred(actor1="Civilians (Syria)")], label="a", region="x")]
    js = json.loads(json.dumps(report_json(results)))
    assert (js["tp"], js["fp"], js["fn"], js["fields"]["actor1"]) == (1, 0, 0, 0.0)
    assert js["per_type"]["Battles"]["recall"] == 1.0
    assert js["per_region"]["x"]["articles"] == 1
    assert js["actor_confusions"][0] == {
        "field": "actor1", "predicted": "Civilians (Syria)", "gold": "Military Forces of Syria", "count": 1,
    }  # fmt: skip
    assert js["no_event_articles"] == {"count": 0, "with_predictions": {}}


def test_tables_right_align_numbers_and_left_align_text():
    assert table(("name", "n", "p"), [["a", 10, 0.5], ["bcd", 2, 1.0]]).splitlines() == [
        "  name   n      p",
        "  ----  --  -----",
        "  a     10  0.500",
        "  bcd    2  1.000",
    ]


@pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/train")
def test_the_training_corpus_loads_as_gold():
    arts = load_gold(TRAIN)
    assert arts and all(a.region.startswith("t") for a in arts)


def write_gold(folder, art_id, events):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{art_id}.txt").write_text(
        "اشتباكات بين قوات النظام وتنظيم الدولة قرب تدمر.", encoding="utf-8"
    )
    doc = {"id": art_id, "published": "2023-05-10", "text_file": f"{art_id}.txt", "events": events}
    (folder / f"{art_id}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_regions_come_in_natural_order():
    results = [score_article([], [], label=g, region=g) for g in ("t10", "t2", "t1")]
    assert list(by_region(results)) == ["t1", "t2", "t10"]
