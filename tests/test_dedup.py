"""Cross-article deduplication: when reports from different articles are one event."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dedup import Deduplicator, MentionKey, event_id_for, merge_event
from marsad.dedup.geo import Grid, haversine_km
from marsad.dedup.rules import default_rules

KM_LAT = 111.195  # km per degree of latitude (mean earth radius)
HAMA = (35.13, 36.75)


def mention(
    mention_id: str,
    article_id: str,
    *,
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    date: str | None = "2024-03-01",
    lat: float | None = HAMA[0],
    lon: float | None = HAMA[1],
    country: str | None = "Syria",
    admin1: str | None = "Hama",
    location: str | None = "Hama",
    actor1: str | None = "Military Forces of Syria",
    actor2: str | None = "Hayat Tahrir al-Sham",
    fatalities: int = 0,
    geo_precision: int | None = 1,
) -> MentionKey:
    return MentionKey(
        mention_id,
        article_id,
        event_type,
        sub_event_type,
        dt.date.fromisoformat(date) if date else None,
        lat,
        lon,
        country,
        admin1,
        location,
        actor1,
        actor2,
        fatalities,
        geo_precision,
    )


def north(km: float) -> float:
    return HAMA[0] + km / KM_LAT


def same_event(*ms: MentionKey) -> bool:
    ids = Deduplicator().add_many(ms)
    return len(set(ids.values())) == 1


# -- matching ----------------------------------------------------------------------------------


def test_two_outlets_reporting_the_same_clash_merge() -> None:
    assert same_event(mention("a-1", "a"), mention("b-1", "b"))


def test_the_same_place_next_week_is_another_event() -> None:
    assert not same_event(mention("a-1", "a"), mention("b-1", "b", date="2024-03-08"))


def test_a_day_apart_merge_but_two_days_apart_do_not() -> None:
    assert same_event(mention("a-1", "a"), mention("b-1", "b", date="2024-03-02"))
    assert not same_event(mention("a-1", "a"), mention("b-1", "b", date="2024-03-03"))


def test_an_event_does_not_drift_day_by_day() -> None:
    # 1 March joins 2 March, but 3 March is two days from the event's first report
    ids = Deduplicator().add_many(
        [mention(f"{d}-1", str(d), date=f"2024-03-0{d}") for d in (1, 2, 3)]
    )
    assert ids["1-1"] == ids["2-1"] != ids["3-1"]


def test_different_countries_never_merge() -> None:
    # same coordinates, but coded in two countries (a border town)
    assert not same_event(mention("a-1", "a"), mention("b-1", "b", country="Lebanon"))


def test_3_km_apart_same_day_same_type_merge() -> None:
    assert same_event(mention("a-1", "a"), mention("b-1", "b", lat=north(3), location="Tayba"))


def test_40_km_apart_do_not_merge() -> None:
    assert not same_event(mention("a-1", "a"), mention("b-1", "b", lat=north(40), location="Hama"))


def test_same_day_nearby_but_another_kind_of_event_does_not_merge() -> None:
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    ied = dict(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED"
    )
    assert not same_event(mention("a-1", "a", **strike), mention("b-1", "b", **ied))
    assert not same_event(
        mention("a-1", "a"),
        mention("b-1", "b", event_type="Protests", sub_event_type="Peaceful protest"),
    )


def test_type_families_join_what_outlets_tell_differently() -> None:
    # one outlet's clash is another's attack on civilians; shelling vs air strike
    attack = dict(event_type="Violence against civilians", sub_event_type="Attack")
    assert same_event(mention("a-1", "a"), mention("b-1", "b", **attack))
    shelling = dict(
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
    )
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    assert same_event(mention("a-1", "a", **shelling), mention("b-1", "b", **strike))
    rules = default_rules()
    assert rules.compatible_types(("Battles", "Armed clash"), ("Battles", "Armed clash"))
    assert not rules.compatible_types(
        ("Strategic developments", "Arrests"), ("Strategic developments", "Agreement")
    )


def test_same_article_mentions_never_merge() -> None:
    ids = Deduplicator().add_many([mention("a-1", "a"), mention("a-2", "a")])
    assert ids["a-1"] != ids["a-2"]


def test_an_event_takes_at_most_one_mention_per_article() -> None:
    # b-1 matches both a-1 and a-2 (two separate clashes of article a): it joins one of them
    ids = Deduplicator().add_many(
        [mention("a-1", "a"), mention("a-2", "a", lat=north(2)), mention("b-1", "b")]
    )
    assert ids["a-1"] != ids["a-2"]
    assert ids["b-1"] == ids["a-1"]  # the nearer one


def test_a_missing_actor_does_not_prevent_a_merge() -> None:
    assert same_event(mention("a-1", "a"), mention("b-1", "b", actor2=None))
    assert same_event(mention("a-1", "a"), mention("b-1", "b", actor1=None, actor2=None))
    # an unidentified group is a missing actor, not a different one
    assert same_event(
        mention("a-1", "a", actor1="Islamic State", actor2=None),
        mention("b-1", "b", actor1="Unidentified Armed Group (Syria)", actor2=None),
    )


def test_different_actors_do_not_merge_unless_one_is_the_others_opponent() -> None:
    assert not same_event(
        mention("a-1", "a", actor1="Islamic State", actor2=None),
        mention("b-1", "b", actor1="Syrian Democratic Forces", actor2=None),
    )
    # one side the same, the other side different: two clashes
    assert not same_event(
        mention("a-1", "a", actor1="Islamic State", actor2="Syrian Democratic Forces"),
        mention("b-1", "b", actor1="Islamic State", actor2="Military Forces of Syria"),
    )
    # roles swapped by the other outlet: the same two sides
    assert same_event(
        mention("a-1", "a", actor1="Islamic State", actor2="Syrian Democratic Forces"),
        mention("b-1", "b", actor1="Syrian Democratic Forces", actor2=None),
    )


def test_without_coordinates_the_location_name_decides() -> None:
    assert same_event(mention("a-1", "a"), mention("b-1", "b", lat=None, lon=None))
    assert not same_event(
        mention("a-1", "a"), mention("b-1", "b", lat=None, lon=None, location="Kafr Zita")
    )


def test_a_report_known_only_to_the_province_joins_an_event_in_that_province() -> None:
    province = dict(lat=35.2, lon=36.9, location="Hama", geo_precision=3)
    assert same_event(mention("a-1", "a", location="Tayba"), mention("b-1", "b", **province))
    assert not same_event(
        mention("a-1", "a", location="Tayba"), mention("b-1", "b", **province, admin1="Idlib")
    )


def test_mentions_without_date_or_place_start_their_own_events() -> None:
    assert not same_event(mention("a-1", "a", date=None), mention("b-1", "b", date=None))
    nowhere = dict(lat=None, lon=None, location=None, admin1=None)
    assert not same_event(mention("a-1", "a", **nowhere), mention("b-1", "b", **nowhere))


# -- incremental use, load, ids ----------------------------------------------------------------


def test_incremental_add_joins_an_existing_event() -> None:
    dd = Deduplicator()
    first = dd.add(mention("a-1", "a"))
    assert dd.add(mention("b-1", "b", fatalities=3)) == first
    assert dd.add(mention("c-1", "c", date="2024-03-20")) != first
    assert dd.events()[first] == ["a-1", "b-1"]
    assert len(dd) == 2


def test_adding_a_mention_again_changes_nothing() -> None:
    dd = Deduplicator()
    eid = dd.add(mention("a-1", "a"))
    assert dd.add(mention("a-1", "a")) == eid
    assert dd.events() == {eid: ["a-1"]}


def test_load_reseeds_the_index_with_stored_events() -> None:
    dd = Deduplicator()
    dd.load([(mention("a-1", "a"), "stored-7"), (mention("b-1", "b"), "stored-7")])
    assert dd.event_of("b-1") == "stored-7"
    assert dd.add(mention("c-1", "c", lat=north(2))) == "stored-7"
    # a new mention of article a cannot join the event a-1 is in
    assert dd.add(mention("a-2", "a")) != "stored-7"


def test_discard_takes_a_mention_out_of_its_event() -> None:
    dd = Deduplicator()
    eid = dd.add(mention("a-1", "a"))
    dd.add(mention("b-1", "b"))
    assert dd.discard("a-1") == eid
    assert [k.mention_id for k in dd.mentions_of(eid)] == ["b-1"]
    assert "a-1" not in dd and dd.discard("a-1") is None
    # article a re-extracted: its new mention joins the event again
    assert dd.add(mention("a-9", "a")) == eid
    dd.discard("a-9")
    dd.discard("b-1")
    assert len(dd) == 0 and dd.events() == {}
    assert dd.add(mention("c-1", "c")) == event_id_for("c-1")


def test_event_ids_are_deterministic_and_independent_of_batch_order() -> None:
    ms = [
        mention("a-1", "a"),
        mention("b-1", "b", lat=north(4)),
        mention("c-1", "c", date="2024-03-02", actor2=None),
        mention("d-1", "d", date="2024-03-09"),
        mention("e-1", "e", lat=north(60)),
    ]
    first = Deduplicator().add_many(ms)
    for seed in range(5):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        assert Deduplicator().add_many(shuffled) == first
    assert first["a-1"] == event_id_for("a-1")  # the richest, earliest report seeds the event
    assert event_id_for("a-1") == event_id_for("a-1") != event_id_for("a-2")


def test_from_record_reads_an_acled_record() -> None:
    rec = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "event_date": "2024-03-01",
        "latitude": 35.13,
        "longitude": 36.75,
        "country": "Syria",
        "admin1": "Hama",
        "location": "Hama",
        "actor1": "Military Forces of Syria",
        "actor2": None,
        "fatalities": 4,
        "geo_precision": 1,
    }
    k = MentionKey.from_record("x-1", "x", rec)
    assert k.event_date == dt.date(2024, 3, 1)
    assert (k.latitude, k.longitude, k.fatalities, k.actor2) == (35.13, 36.75, 4, None)
    assert MentionKey.from_record("x-2", "x", {**rec, "event_date": None}).event_date is None


# -- geometry ----------------------------------------------------------------------------------


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    d, p1, l1 = km / 6371.0088, math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(bearing))
    l2 = l1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 180) % 360 - 180


@pytest.mark.parametrize(("radius", "cell"), [(10.0, None), (3.0, None), (10.0, 7.0)])
def test_grid_probe_finds_every_point_within_the_radius(radius: float, cell: float | None) -> None:
    grid = Grid(radius, cell)
    rnd = random.Random(1)
    for i in range(4000):
        # everywhere, with extra weight on the poles and the antimeridian
        lat = rnd.uniform(-90, 90) if i % 4 else rnd.choice((-1, 1)) * rnd.uniform(85, 90)
        lon = rnd.uniform(-180, 180) if i % 3 else rnd.choice((-1, 1)) * rnd.uniform(179, 180)
        lat2, lon2 = destination(lat, lon, rnd.uniform(0, radius), rnd.uniform(0, 2 * math.pi))
        assert haversine_km(lat, lon, lat2, lon2) <= radius + 1e-6
        assert grid.home(lat2, lon2) in grid.probe(lat, lon), (lat, lon, lat2, lon2)


def test_haversine() -> None:
    assert haversine_km(*HAMA, north(40), HAMA[1]) == pytest.approx(40, abs=0.05)


# -- merged record -----------------------------------------------------------------------------


def record(article: str, outlet: str, **over: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "event_id": f"{article}-1",
        "mention_id": f"{article}-1",
        "article_id": article,
        "url": f"https://{outlet.lower()}.example/{article}",
        "outlet": outlet,
        "source": outlet,
        "event_date": "2024-03-01",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria",
        "inter1": 1,
        "actor2": "Hayat Tahrir al-Sham",
        "inter2": 2,
        "country": "Syria",
        "admin1": "Hama",
        "admin2": "Hama",
        "location": "Hama",
        "latitude": 35.13,
        "longitude": 36.75,
        "geo_precision": 2,
        "fatalities": 0,
        "confidence": 0.8,
        "evidence": [{"field": "event_type", "start": 0, "end": 5, "text": "اشتباكات"}],
    }
    rec.update(over)
    return rec


def test_merge_event_takes_the_lowest_reported_fatalities_and_names_the_sources() -> None:
    merged = merge_event(
        [
            record("a", "Enab", fatalities=12),
            record("b", "Halab", fatalities=7),
            record("c", "Zaman", fatalities=0),  # gives no figure
        ],
        event_id="ev-1",
    )
    assert merged["fatalities"] == 7
    assert merged["event_id"] == "ev-1"
    assert merged["source"] == "Enab; Halab; Zaman"
    assert "Sources: Enab, Halab, Zaman." in merged["notes"]
    assert "7 people were reported killed" in merged["notes"]
    assert [s["outlet"] for s in merged["sources"]] == ["Enab", "Halab", "Zaman"]
    assert merged["sources"][1] == {
        "article_id": "b",
        "url": "https://halab.example/b",
        "outlet": "Halab",
        "mention_id": "b-1",
    }
    assert {e["article_id"] for e in merged["evidence"]} == {"a", "b", "c"}


def test_merge_event_fields_by_agreement_and_the_most_precise_place() -> None:
    merged = merge_event(
        [
            record("a", "A", event_date="2024-03-02", actor2=None, inter2=None),
            record("b", "B", location="Tayba", latitude=35.16, longitude=36.75, geo_precision=1),
            record("c", "C", sub_event_type="Attack", event_type="Violence against civilians"),
            record("d", "D", time_precision=2),
        ]
    )
    assert merged["event_date"] == "2024-03-01"
    assert merged["time_precision"] == 1
    assert (merged["event_type"], merged["sub_event_type"]) == ("Battles", "Armed clash")
    assert merged["actor2"] == "Hayat Tahrir al-Sham" and merged["interaction"] == 12
    assert (merged["location"], merged["latitude"], merged["geo_precision"]) == ("Tayba", 35.16, 1)
    assert merged["fatalities"] == 0


def test_merge_event_does_not_depend_on_the_order_of_its_mentions() -> None:
    ms = [record("a", "A", fatalities=3), record("b", "B", actor1="Islamic State", fatalities=5)]
    assert merge_event(ms) == merge_event(ms[::-1])
    assert merge_event(ms)["event_id"] == event_id_for("a-1")


# -- end to end: the pipeline's records -------------------------------------------------------

CLASH_1 = (
    "اندلعت اشتباكات عنيفة بين قوات النظام وهيئة تحرير الشام في بلدة كفرنبودة بريف حماة "
    "الشمالي يوم السبت، ما أسفر عن مقتل 9 عناصر."
)
CLASH_2 = (
    "قتل 12 عنصرا على الأقل في معارك بين هيئة تحرير الشام وقوات النظام في كفرنبودة شمال "
    "حماة السبت، بحسب مصادر محلية."
)


def test_two_articles_coded_by_the_pipeline_become_one_event_with_two_sources() -> None:
    import marsad

    records = []
    for article, outlet, text in (("art-1", "Enab", CLASH_1), ("art-2", "Halab", CLASH_2)):
        for rec in marsad.extract(text, "2024-03-04", article_id=article):
            records.append({**rec, "mention_id": rec["event_id"], "outlet": outlet, "url": None})
    assert len(records) == 2
    dd = Deduplicator()
    keys = [MentionKey.from_record(r["mention_id"], r["article_id"], r) for r in records]
    ids = dd.add_many(keys)
    assert len(set(ids.values())) == 1
    merged = merge_event(records, event_id=ids["art-1-1"])
    assert merged["fatalities"] == 9
    assert merged["event_date"] == "2024-03-02"
    assert [s["outlet"] for s in merged["sources"]] == ["Enab", "Halab"]
    assert merged["notes"].endswith("Sources: Enab, Halab.")


def test_merge_event_keeps_both_sides_when_sources_swap_the_roles() -> None:
    hts, army = "Hayat Tahrir al-Sham", "Military Forces of Syria"
    merged = merge_event(
        [
            record("a", "A", actor1=hts, inter1=2, actor2=army, inter2=1),
            record("b", "B", actor1=army, inter1=1, actor2=hts, inter2=2),
            record("c", "C", actor1="Unidentified Armed Group (Syria)", inter1=3, actor2=None),
        ]
    )
    assert {merged["actor1"], merged["actor2"]} == {hts, army}
    assert merged["inter1"] == (1 if merged["actor1"] == army else 2)
    assert merged["interaction"] == 12


# -- the benchmark's synthetic set -------------------------------------------------------------


def benchmark_module() -> ModuleType:
    name = "marsad_bench_dedup_scale"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "bench" / "dedup_scale.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return benchmark_module()


def test_the_benchmark_set_has_known_duplicates_and_is_deduplicated_well(bench: ModuleType) -> None:
    ms, truth, neighbours = bench.generate(6000, seed=3)
    assert len(set(truth)) < 0.5 * len(ms)  # most true events have several reports
    assert bench.generate(300, seed=3)[0] == bench.generate(300, seed=3)[0]  # deterministic
    r = bench.evaluate(ms, truth, neighbours, 10.0)
    assert r.scores["pairwise precision"] > 0.95
    assert r.scores["pairwise recall"] > 0.88
    assert r.neighbours_merged["nearby_other_kind"][0] == 0
    bad, total = r.neighbours_merged["later_same_place"]
    assert total > 0 and bad / total < 0.1


def test_from_record_treats_junk_coordinates_as_missing() -> None:
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-01"}
    for lat, lon in [(float("nan"), 36.0), (None, 36.0), ("", ""), (95.0, 36.0), (35.0, 190.0)]:
        k = MentionKey.from_record("x", "x", {**base, "latitude": lat, "longitude": lon})
        assert (k.latitude, k.longitude) == (None, None)
    k = MentionKey.from_record(
        "x", "x", {**base, "latitude": "35.1", "longitude": 36, "fatalities": None}
    )
    assert (k.latitude, k.longitude, k.fatalities) == (35.1, 36.0, 0)
    # a key built by hand with a NaN coordinate is not a point: it never matches by distance
    nan = mention("b-1", "b", lat=float("nan"), location="Tayba", admin1=None)
    assert not same_event(mention("a-1", "a", location="Hama"), nan)


# -- properties --------------------------------------------------------------------------------

TOWNS = [(35.13, 36.75, "Hama"), (35.16, 36.78, "Tayba"), (35.5, 36.9, "Kafr Zita")]
TYPES = [
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
]
ACTORS = [None, "Islamic State", "Hayat Tahrir al-Sham", "Military Forces of Syria"]


@st.composite
def mention_sets(draw: st.DrawFn) -> list[MentionKey]:
    n = draw(st.integers(1, 14))
    out = []
    for i in range(n):
        lat, lon, name = draw(st.sampled_from(TOWNS))
        etype, sub = draw(st.sampled_from(TYPES))
        out.append(
            mention(
                f"m{i}",
                f"art{draw(st.integers(0, 4))}",
                event_type=etype,
                sub_event_type=sub,
                date=f"2024-03-0{draw(st.integers(1, 4))}",
                lat=lat + draw(st.floats(-0.02, 0.02)),
                lon=lon,
                location=name,
                country=draw(st.sampled_from(["Syria", "Syria", "Lebanon"])),
                actor1=draw(st.sampled_from(ACTORS)),
                actor2=draw(st.sampled_from(ACTORS)),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(mention_sets(), st.randoms(use_true_random=False))
def test_any_batch_gives_coherent_events_whatever_its_order(
    ms: list[MentionKey], rnd: random.Random
) -> None:
    ids = Deduplicator().add_many(ms)
    shuffled = ms[:]
    rnd.shuffle(shuffled)
    assert Deduplicator().add_many(shuffled) == ids
    by_event: dict[str, list[MentionKey]] = {}
    for m in ms:
        by_event.setdefault(ids[m.mention_id], []).append(m)
    rules = default_rules()
    for members in by_event.values():
        assert len({m.article_id for m in members}) == len(members)  # one mention per article
        assert len({m.country for m in members}) == 1
        days = [m.event_date for m in members if m.event_date]
        assert max(days) - min(days) <= dt.timedelta(days=2)
        for a in members:
            for b in members:
                pa, pb = (a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)
                assert rules.compatible_types(pa, pb)
        known = [
            {x for x in (m.actor1, m.actor2) if x is not None and rules.known_actor(x)}
            for m in members
        ]
        union = set().union(*known)
        assert all(k <= union for k in known) and len(union) <= 2


def test_discarding_every_mention_empties_the_index() -> None:
    # what add() indexes is exactly what discard() takes out again
    ms, _, _ = benchmark_module().generate(400, seed=5)
    for max_days in (1, 2):
        dd = Deduplicator(max_days=max_days)
        dd.add_many(ms)
        for m in ms:
            dd.discard(m.mention_id)
        assert len(dd) == 0
        assert dd._days == {}


def _bench_records(n: int = 12) -> list[dict[str, Any]]:
    """Records the pipeline codes from generated articles, as the ingest hands them over."""
    import marsad

    path = Path(__file__).resolve().parents[1] / "bench"
    sys.path.insert(0, str(path))
    try:
        from corpus import generate_articles
    finally:
        sys.path.remove(str(path))
    out = []
    for i, art in enumerate(generate_articles(n, seed=5, words=300)):
        for rec in marsad.extract(art.text, art.published, article_id=f"a{i}", source=f"o{i}"):
            out.append({**rec, "mention_id": rec["event_id"], "url": f"https://x/{i}"})
    return out


_PIPELINE_RECORDS = _bench_records()


@settings(max_examples=300, deadline=None)
@given(
    i=st.integers(0, len(_PIPELINE_RECORDS) - 1),
    actor1=st.sampled_from([None, "", "KEEP", "Military Forces of Syria", "Unidentified Armed Group (Syria)"]),
    actor2=st.sampled_from([None, "", "KEEP", "SAME", "Hayat Tahrir al-Sham"]),
    geo=st.sampled_from(["KEEP", None, 1, 3]),
    fatalities=st.sampled_from(["KEEP", None, 0, -2, 7, "3"]),
    drop=st.sets(st.sampled_from(["time_precision", "event_date", "confidence", "outlet", "location"])),
    event_id=st.sampled_from([None, "ev-given"]),
)
def test_merge_event_of_one_mention_is_the_general_merge(
    i: int,
    actor1: str | None,
    actor2: str | None,
    geo: Any,
    fatalities: Any,
    drop: set[str],
    event_id: str | None,
) -> None:
    """The single-source fast path gives the general merge's record, key order included."""
    from marsad.dedup.reconcile import _merge_many

    m = dict(_PIPELINE_RECORDS[i])
    if actor1 != "KEEP":
        m["actor1"] = actor1
    if actor2 == "SAME":
        m["actor2"] = m.get("actor1")
    elif actor2 != "KEEP":
        m["actor2"] = actor2
    if geo != "KEEP":
        m["geo_precision"] = geo
    if fatalities != "KEEP":
        m["fatalities"] = fatalities
    for k in drop:
        m.pop(k, None)
    fast, slow = merge_event([m], event_id), _merge_many([m], event_id)
    assert list(fast.items()) == list(slow.items())


def test_merge_event_of_each_pipeline_record_alone_is_the_general_merge() -> None:
    from marsad.dedup.reconcile import _merge_many

    assert len(_PIPELINE_RECORDS) > 50
    for m in _PIPELINE_RECORDS:
        assert list(merge_event([m]).items()) == list(_merge_many([m], None).items())
