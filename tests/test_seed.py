"""The seed article is coded as a careful analyst codes it (shared/seed/expected.json)."""

from pathlib import Path

from marsad.eval.report import evaluate
from marsad.eval.summary import Score

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"


def by_type(events, event_type):
    return [e for e in events if e["event_type"] == event_type]


def test_eval_on_the_seed_finds_every_event_and_no_false_one(seed_text):
    s = Score.of(evaluate(str(SEED / "expected.json")))
    assert (s.tp, s.fn, s.fp) == (3, 0, 0)  # optional events count neither way
    assert s.recall == 1.0 and s.precision == 1.0
    for f in ("sub_event_type", "actor1", "event_date", "location", "fatalities"):
        assert s.accuracy(f) == 1.0, f


def test_the_rules_also_code_both_optional_events(seed_text):
    s = Score.of(evaluate(str(SEED / "expected.json"), mode="rules"))
    assert (s.tp, s.fn, s.fp, s.neutral) == (3, 0, 0, 2)


def test_the_baghuz_battle_is_one_event_despite_the_caption(seed_events):
    battles = [
        e for e in by_type(seed_events, "Battles") if e["actor1"] == "Syrian Democratic Forces"
    ]
    assert len(battles) == 1
    b = battles[0]
    assert (b["actor2"], b["event_date"], b["admin1"]) == (
        "Islamic State",
        "2019-03-02",
        "Deir ez-Zor",
    )
    assert b["fatalities"] == 0


def test_the_hama_attack_kills_21_regime_soldiers(seed_events):
    [e5] = [e for e in by_type(seed_events, "Battles") if e["fatalities"]]
    assert e5["fatalities"] == 21
    assert e5["actor2"] == "Military Forces of Syria"
    assert e5["actor1_ar"] == "مسلحون على صلة بالقاعدة"
    assert e5["event_date"] == "2019-03-03"
    assert e5["admin1"] == "Hama"
    assert e5["geo_precision"] == 2


def test_the_prisoner_release_is_dated_to_saturday_not_the_announcement(seed_events):
    [sd] = by_type(seed_events, "Strategic developments")
    assert sd["actor1"] == "Autonomous Administration of North and East Syria"
    assert sd["event_date"] == "2019-03-02"
    assert sd["country"] == "Syria"


def test_lavrovs_statement_is_not_an_event(seed_text, seed_events):
    lavrov = seed_text.index("أكد وزير الخارجية الروسي")
    end = seed_text.index("الدخان يرتفع")
    for e in seed_events:
        for ev in e["evidence"]:
            if ev["field"] == "event_type":
                assert not lavrov <= ev["start"] < end


def test_every_evidence_span_quotes_the_original_text(seed_text, seed_events):
    for e in seed_events:
        assert e["evidence"], e
        for ev in e["evidence"]:
            assert seed_text[ev["start"] : ev["end"]] == ev["text"]
