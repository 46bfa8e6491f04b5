"""Deduplication in country × week partitions gives exactly the one-pass result."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from marsad.dedup import Deduplicator, MentionKey
from marsad.engine.partitioned import assign_events, partition, rebuild_partitioned, week_of
from marsad.store.base import StoredMention
from marsad.store.events import rebuild

PLACES = [  # (location, admin1, lat, lon): two towns 5 km apart, one far away
    ("Saraqib", "Idlib", 35.864, 36.806),
    ("Afis", "Idlib", 35.90, 36.79),
    ("Manbij", "Aleppo", 36.528, 37.955),
    (None, "Idlib", None, None),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
]
ACTORS = [None, "Military Forces of Syria", "HTS: Hayat Tahrir al Sham", "Unidentified Armed Group"]


def _keys(seed: int, n: int) -> list[MentionKey]:
    """Mentions crowded around week boundaries (Sunday 2023-01-08 / Monday 2023-01-09 …)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        loc, admin1, lat, lon = rng.choice(PLACES)
        if lat is not None and lon is not None and rng.random() < 0.3:  # somewhere near
            lat, lon = lat + rng.uniform(-0.12, 0.12), lon + rng.uniform(-0.12, 0.12)
        etype, sub = rng.choice(TYPES)
        day = dt.date(2023, 1, 6) + dt.timedelta(days=rng.choice([0, 1, 2, 3, 4, 8, 9, 10, 15, 16]))
        out.append(
            MentionKey(
                mention_id=f"m{i:04d}",
                article_id=f"a{rng.randrange(n // 2)}",
                event_type=etype,
                sub_event_type=sub,
                event_date=None if rng.random() < 0.03 else day,
                latitude=lat,
                longitude=lon,
                country=rng.choice(["Syria", "Syria", "Syria", "Iraq"]),
                admin1=admin1,
                location=loc,
                actor1=rng.choice(ACTORS),
                actor2=rng.choice(ACTORS),
                fatalities=rng.randrange(5),
                geo_precision=3 if loc is None else rng.choice([1, 1, 2, 3]),
            )
        )
    return out


def test_week_of_is_the_monday() -> None:
    monday = dt.date(2023, 1, 9)
    for offset in range(7):
        assert week_of(monday + dt.timedelta(days=offset)) == monday.toordinal()
    assert week_of(monday - dt.timedelta(days=1)) == monday.toordinal() - 7
    assert week_of(None) is None


def test_partitions_split_countries_and_weeks() -> None:
    parts = partition(_keys(0, 200))
    assert {c for c, _ in parts} == {"Syria", "Iraq"}
    assert len({w for _, w in parts}) >= 3
    assert None in {w for _, w in parts}  # undated mentions


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("max_days", [1, 2])
def test_partitioned_equals_one_pass(seed: int, max_days: int) -> None:
    keys = _keys(seed, 300)
    expected = Deduplicator(max_days=max_days).add_many(keys)
    got = assign_events(keys, max_days=max_days)
    assert got == expected
    # the set-up really has events across the Sunday/Monday boundary
    members: dict[str, set[dt.date]] = {}
    for k in keys:
        if k.event_date is not None:
            members.setdefault(expected[k.mention_id], set()).add(k.event_date)
    straddling = [e for e, days in members.items() if len({week_of(d) for d in days}) > 1]
    assert straddling


def test_rebuild_partitioned_equals_rebuild() -> None:
    stored = []
    for k in _keys(7, 150):
        rec = {
            "mention_id": k.mention_id,
            "article_id": k.article_id,
            "event_type": k.event_type,
            "sub_event_type": k.sub_event_type,
            "event_date": k.event_date.isoformat() if k.event_date else None,
            "latitude": k.latitude,
            "longitude": k.longitude,
            "country": k.country,
            "admin1": k.admin1,
            "location": k.location,
            "actor1": k.actor1,
            "actor2": k.actor2,
            "fatalities": k.fatalities,
            "geo_precision": k.geo_precision,
            "outlet": f"outlet-{k.article_id}",
            "evidence": [],
        }
        stored.append(StoredMention(k.mention_id, k.article_id, None, rec))
    assert rebuild_partitioned(stored, events_per_task=7) == rebuild(stored)
