"""Cross-article deduplication at scale, on a synthetic set with known duplicates.

    python bench/dedup_scale.py [--n 1000000] [--seed 0] [--max-km 10]

Generates true events over five countries and one year, each reported by 1-6 outlets whose
mentions are jittered the way outlets differ: coordinates a few km off (or only a place name,
or only the province), the date a day off for some, actors missing, swapped, unidentified or
(3 %) one side named differently,
a confusable sub-type (clash/attack, air strike/shelling), varied fatalities. Mixed in are
true events that must NOT merge with their neighbour: the same place and actors 2-7 days
later, the same day 1-3 km away with another kind of event, the same day 30-60 km away, and
the same day and place between other actors. Mentions of one article are always different
events. Then it times ``Deduplicator.add_many`` on all mentions and prints mentions/s,
pairwise precision/recall/F1, B-cubed precision/recall and how often each kind of near
neighbour was wrongly merged. Target: 1M mentions in < 60 s. A report, not a test: exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass

from marsad.dedup import Deduplicator, MentionKey

TARGET_S_PER_MILLION = 60.0
KM_LAT = 111.195

# name, south, north, west, east (rough boxes; towns are synthetic)
COUNTRIES = [
    ("Syria", 32.5, 37.0, 36.0, 42.0),
    ("Iraq", 29.5, 37.0, 39.0, 48.0),
    ("Yemen", 12.8, 18.5, 42.8, 52.0),
    ("Sudan", 9.0, 22.0, 22.0, 38.0),
    ("Libya", 20.0, 33.0, 10.0, 25.0),
]
TOWNS_PER_COUNTRY = 2000
ACTORS_PER_COUNTRY = 10
OUTLETS = [f"outlet{i:02d}" for i in range(40)]
SOURCES_PER_EVENT = ([1, 2, 3, 4, 5, 6], [30, 25, 18, 12, 8, 7])
TYPES = [  # (event_type, sub_event_type, weight, a confusable sub-type an outlet may use)
    ("Battles", "Armed clash", 30, ("Violence against civilians", "Attack")),
    ("Battles", "Government regains territory", 3, ("Battles", "Armed clash")),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        18,
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        15,
        ("Explosions/Remote violence", "Air/drone strike"),
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        8,
        ("Explosions/Remote violence", "Suicide bomb"),
    ),
    ("Violence against civilians", "Attack", 10, ("Battles", "Armed clash")),
    ("Violence against civilians", "Abduction/forced disappearance", 4, None),
    ("Strategic developments", "Arrests", 5, None),
    ("Protests", "Peaceful protest", 5, ("Riots", "Violent demonstration")),
    ("Riots", "Violent demonstration", 2, ("Protests", "Peaceful protest")),
]
# pairs an outlet would never confuse: used for "same day, nearby, another kind" neighbours
OTHER_KIND = {
    "Battles": ("Strategic developments", "Arrests"),
    "Explosions/Remote violence": ("Violence against civilians", "Abduction/forced disappearance"),
    "Violence against civilians": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "Strategic developments": ("Battles", "Armed clash"),
    "Protests": ("Explosions/Remote violence", "Air/drone strike"),
    "Riots": ("Explosions/Remote violence", "Air/drone strike"),
}
NEIGHBOURS = ("later_same_place", "nearby_other_kind", "same_day_40km", "same_place_other_actors")


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    lat: float
    lon: float
    admin1: str
    country: str


@dataclass(slots=True)
class TrueEvent:
    country: int
    lat: float
    lon: float
    town: Town
    day: int
    etype: tuple[str, str, int, tuple[str, str] | None]
    actors: tuple[str, str | None]
    deaths: int


def make_world(rnd: random.Random) -> list[tuple[list[Town], list[str]]]:
    world = []
    for name, s, n, w, e in COUNTRIES:
        towns = []
        for i in range(TOWNS_PER_COUNTRY):
            lat, lon = rnd.uniform(s, n), rnd.uniform(w, e)
            row, col = int(3 * (lat - s) / (n - s)), int(3 * (lon - w) / (e - w))
            towns.append(
                Town(f"{name[:2]}-town-{i}", lat, lon, f"{name[:2]}-prov-{row}{col}", name)
            )
        actors = [f"{name} actor {j}" for j in range(ACTORS_PER_COUNTRY)]
        world.append((towns, actors))
    return world


def offset(lat: float, lon: float, km: float, rnd: random.Random) -> tuple[float, float]:
    bearing = rnd.uniform(0, 2 * math.pi)
    dlat = km * math.cos(bearing) / KM_LAT
    dlon = km * math.sin(bearing) / (KM_LAT * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def pick_actors(actors: list[str], rnd: random.Random) -> tuple[str, str | None]:
    a1, a2 = rnd.sample(actors, 2)
    return a1, (a2 if rnd.random() < 0.8 else None)


def true_events(
    n_mentions_hint: int, rnd: random.Random
) -> tuple[list[TrueEvent], list[tuple[int, int, str]]]:
    """True events (about n_mentions_hint / 2.5 of them) and the (event, neighbour, kind)
    pairs built to be told apart."""
    world = make_world(rnd)
    weights = [t[2] for t in TYPES]
    year0 = dt.date(2024, 1, 1).toordinal()
    events: list[TrueEvent] = []
    pairs: list[tuple[int, int, str]] = []
    n_events = max(1, int(n_mentions_hint / 2.55))
    while len(events) < n_events:
        c = rnd.randrange(len(COUNTRIES))
        towns, actors = world[c]
        town = rnd.choice(towns)
        etype = rnd.choices(TYPES, weights)[0]
        base = TrueEvent(
            c,
            town.lat,
            town.lon,
            town,
            year0 + rnd.randrange(366),
            etype,
            pick_actors(actors, rnd),
            rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 20]),
        )
        events.append(base)
        if rnd.random() >= 0.2:
            continue
        kind = rnd.choice(NEIGHBOURS)
        nb = TrueEvent(c, base.lat, base.lon, town, base.day, etype, base.actors, rnd.randrange(6))
        if kind == "later_same_place":
            nb.day += rnd.randint(2, 7)
        elif kind == "nearby_other_kind":
            other = OTHER_KIND[etype[0]]
            nb.etype = next(t for t in TYPES if (t[0], t[1]) == other)
            nb.lat, nb.lon = offset(base.lat, base.lon, rnd.uniform(1, 3), rnd)
        elif kind == "same_day_40km":
            nb.lat, nb.lon = offset(base.lat, base.lon, rnd.uniform(30, 60), rnd)
            nb.town = Town(f"{town.name}-far", nb.lat, nb.lon, town.admin1, town.country)
        else:
            used = {a for a in base.actors if a}
            nb.actors = pick_actors([a for a in actors if a not in used], rnd)
        pairs.append((len(events) - 1, len(events), kind))
        events.append(nb)
    return events, pairs


def report(ev: TrueEvent, outlet: str, article: str, mid: str, rnd: random.Random) -> MentionKey:
    """One outlet's coded mention of ``ev``."""
    etype, sub = ev.etype[0], ev.etype[1]
    if ev.etype[3] is not None and rnd.random() < 0.1:
        etype, sub = ev.etype[3]
    day = ev.day + (rnd.choice((-1, 1)) if rnd.random() < 0.15 else 0)
    a1, a2 = ev.actors
    r = rnd.random()
    if r < 0.1:
        a1, a2 = (a2, a1) if a2 else (a1, a2)
    elif r < 0.25:
        a2 = None
    elif r < 0.32:
        a1, a2 = (a2, None) if a2 else (a1, None)
    elif r < 0.37:
        a1, a2 = f"Unidentified Armed Group ({COUNTRIES[ev.country][0]})", None
    elif r < 0.40:  # one side named differently (or wrongly) by this outlet
        a2 = f"{COUNTRIES[ev.country][0]} actor {rnd.randrange(ACTORS_PER_COUNTRY)}"
    deaths = ev.deaths if rnd.random() < 0.6 else rnd.choice([0, ev.deaths + rnd.randint(1, 5)])
    town = ev.town
    r = rnd.random()
    lat: float | None
    lon: float | None
    location: str | None = town.name
    gp = 1
    if r < 0.05:  # a place name the gazetteer did not resolve
        lat = lon = None
        gp = 2
    elif r < 0.08:  # only the province
        lat, lon = town.lat + rnd.uniform(-0.3, 0.3), town.lon + rnd.uniform(-0.3, 0.3)
        location, gp = town.admin1, 3
    else:  # the place or a nearby one, a few km off
        lat, lon = offset(ev.lat, ev.lon, min(4.0, abs(rnd.gauss(0, 1.5))), rnd)
        gp = 1 if r < 0.7 else 2
    return MentionKey(
        mid,
        article,
        etype,
        sub,
        dt.date.fromordinal(day),
        lat,
        lon,
        town.country,
        town.admin1,
        location,
        a1,
        a2,
        deaths,
        gp,
    )


def mentions_of(
    events: list[TrueEvent], n: int, rnd: random.Random
) -> tuple[list[MentionKey], list[int]]:
    counts, w = SOURCES_PER_EVENT
    out: list[MentionKey] = []
    truth: list[int] = []
    for i, ev in enumerate(events):
        k = rnd.choices(counts, w)[0]
        for outlet in rnd.sample(OUTLETS, k):
            # an outlet's article of the day in that country carries several events
            article = f"{outlet}/{ev.country}/{ev.day}/{rnd.randrange(3)}"
            out.append(report(ev, outlet, article, f"{article}#{len(out)}", rnd))
            truth.append(i)
            if len(out) == n:
                return out, truth
    return out, truth


def dedup_articles(ms: list[MentionKey], truth: list[int]) -> tuple[list[MentionKey], list[int]]:
    """Keep one mention per (article, true event): the pipeline folds those already."""
    seen: set[tuple[str, int]] = set()
    out: list[MentionKey] = []
    kept: list[int] = []
    for m, t in zip(ms, truth, strict=True):
        if (m.article_id, t) not in seen:
            seen.add((m.article_id, t))
            out.append(m)
            kept.append(t)
    return out, kept


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def scores(pred: list[str], truth: list[int]) -> dict[str, float]:
    cells = Counter(zip(pred, truth, strict=True))
    psize, tsize = Counter(pred), Counter(truth)
    tp = sum(pairs(c) for c in cells.values())
    pp, tp_all = sum(pairs(c) for c in psize.values()), sum(pairs(c) for c in tsize.values())
    prec = tp / pp if pp else 1.0
    rec = tp / tp_all if tp_all else 1.0
    n = len(pred)
    b3p = sum(c * c / psize[p] for (p, _), c in cells.items()) / n
    b3r = sum(c * c / tsize[t] for (_, t), c in cells.items()) / n
    return {
        "pairwise precision": prec,
        "pairwise recall": rec,
        "pairwise F1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "B-cubed precision": b3p,
        "B-cubed recall": b3r,
        "true events": float(len(tsize)),
        "found events": float(len(psize)),
    }


@dataclass
class Result:
    mentions: int
    wall_s: float
    cpu_s: float
    events_found: int
    scores: dict[str, float]
    #: kind of built near neighbour -> (pairs wrongly merged, pairs)
    neighbours_merged: dict[str, tuple[int, int]]


def generate(
    n: int, seed: int = 0
) -> tuple[list[MentionKey], list[int], list[tuple[int, int, str]]]:
    """``n`` mentions (a few fewer after folding same-article repeats), the index of each
    one's true event, and the built near-neighbour pairs of true events."""
    rnd = random.Random(seed)
    events, neighbours = true_events(n, rnd)
    ms, truth = dedup_articles(*mentions_of(events, n, rnd))
    return ms, truth, neighbours


def evaluate(
    ms: list[MentionKey], truth: list[int], neighbours: list[tuple[int, int, str]], max_km: float
) -> Result:
    dd = Deduplicator(max_km=max_km)
    c0, t0 = time.process_time(), time.perf_counter()
    ids = dd.add_many(ms)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = [ids[m.mention_id] for m in ms]
    # how often each built near neighbour shares an event with its pair
    event_ids: dict[int, set[str]] = {}
    for p, t in zip(pred, truth, strict=True):
        event_ids.setdefault(t, set()).add(p)
    merged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for a, b, kind in neighbours:
        if a in event_ids and b in event_ids:
            total[kind] += 1
            merged[kind] += bool(event_ids[a] & event_ids[b])
    return Result(
        len(ms),
        wall,
        cpu,
        len(dd),
        scores(pred, truth),
        {k: (merged[k], total[k]) for k in NEIGHBOURS},
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="mentions (default 1,000,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-km", type=float, default=10.0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    ms, truth, neighbours = generate(args.n, args.seed)
    print(
        f"generated {len(ms):,} mentions of {len(set(truth)):,} true events "
        f"({len(neighbours):,} built near-neighbour pairs) in {time.perf_counter() - t0:.1f} s"
    )
    r = evaluate(ms, truth, neighbours, args.max_km)
    rate = r.mentions / r.wall_s if r.wall_s else float("inf")
    budget = TARGET_S_PER_MILLION * r.mentions / 1_000_000
    verdict = "ok" if r.wall_s < budget else "ABOVE TARGET"
    print(
        f"dedup: {r.wall_s:.1f} s wall ({r.cpu_s:.1f} s CPU), {rate:,.0f} mentions/s, "
        f"{r.events_found:,} events (target < {budget:.0f} s for {r.mentions:,}: {verdict})"
    )
    for name, value in r.scores.items():
        print(f"  {name:20s} {value:,.4f}" if value <= 1 else f"  {name:20s} {value:,.0f}")
    for kind, (bad, total) in r.neighbours_merged.items():
        if total:
            print(f"  wrongly merged {kind:24s} {bad:,}/{total:,} ({bad / total:.2%})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:,.0f} MiB")
    if r.wall_s > 2 * r.cpu_s:
        print("  (wall time is over twice the CPU time: the machine was busy)")
    print(
        f"summary: {r.mentions:,} mentions in {r.wall_s:.1f} s ({rate:,.0f}/s, {verdict}); "
        f"pairwise P/R {r.scores['pairwise precision']:.3f}/{r.scores['pairwise recall']:.3f}, "
        f"B-cubed P/R {r.scores['B-cubed precision']:.3f}/{r.scores['B-cubed recall']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
